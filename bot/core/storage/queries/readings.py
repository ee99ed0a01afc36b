"""Readings a server brought: their stored text, which channel uses which, and re-anchoring.

Server 0 holds the install's own readings (added with ``agora reading add``), which every
server may use; channel 0 of a server is the server's default reading.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.core.storage.kept import UNLINK, Kept
from bot.core.storage.queries.base import Queries

INSTALL = 0  # the "server" of readings added from the command line
SERVER_DEFAULT = 0  # the "channel" of a server's default reading
# Tables whose rows point at a passage by id: re-pointed when a reading is uploaded again.
PASSAGE_REFERENCES = ("answers", "feedback", "custom_prompts")


@dataclass(frozen=True)
class ReadingRecord:
    """One named reading: its text's digest and its files (JSON, as :mod:`bot.core.readings` stores them)."""

    guild_id: int
    name: str
    fingerprint: str
    files: list[dict[str, object]]
    added_by: int | None
    updated_at: float


class ReadingQueries(Queries):
    """Named readings per server, channel bindings, and passage fates."""

    KEPT = (
        Kept(
            "readings",
            "the readings moderators added to the server (their text) and who added each",
            ("guild_id", "name", "fingerprint", "added_by", "updated_at"),
            guild="guild_id",
            members=(("added_by", UNLINK),),
            time="updated_at",
        ),
        Kept(
            "reading_bindings",
            "which reading each channel of the server uses",
            ("guild_id", "channel_id", "name", "updated_at"),
            guild="guild_id",
            time="updated_at",
        ),
        Kept(
            "passage_fates",
            "which passages changed when a reading was uploaded again",
            ("guild_id", "passage_id", "fate", "reading", "at"),
            guild="guild_id",
            time="at",
        ),
    )

    def reading(self, guild_id: int, name: str) -> ReadingRecord | None:
        """The server's reading `name`, else the install's reading of that name."""
        for guild in dict.fromkeys((guild_id, INSTALL)):
            row = self._one(
                "SELECT guild_id, name, fingerprint, files, added_by, updated_at FROM readings "
                "WHERE guild_id = ? AND name = ?",
                (guild, name),
            )
            if row is not None:
                return _record(row)
        return None

    def reading_fingerprint(self, guild_id: int, name: str) -> str | None:
        """Only the digest of a reading's text (cheap: no files)."""
        for guild in dict.fromkeys((guild_id, INSTALL)):
            row = self._one("SELECT fingerprint FROM readings WHERE guild_id = ? AND name = ?", (guild, name))
            if row is not None:
                return str(row[0])
        return None

    def readings(self, guild_id: int) -> list[tuple[int, str, str, float]]:
        """(server, name, fingerprint, updated) of the server's readings and the install's."""
        rows = self._read(
            "SELECT guild_id, name, fingerprint, updated_at FROM readings WHERE guild_id IN (?, ?) "
            "ORDER BY name, guild_id",
            (guild_id, INSTALL),
        )
        return [(int(g), str(n), str(f), float(t)) for g, n, f, t in rows]

    def save_reading(
        self,
        guild_id: int,
        name: str,
        fingerprint: str,
        files: list[dict[str, object]],
        added_by: int | None,
        *,
        fates: Mapping[str, tuple[str, str | None]] | None = None,
    ) -> None:
        """Store (or replace) a reading and, in the same transaction, re-point its references.

        `fates` maps each old passage id to ("same" | "edited" | "orphaned", new id): edited
        references are re-pointed and marked, orphaned ones marked (never re-pointed).
        """
        now = time.time()
        payload = json.dumps(files, ensure_ascii=False)

        def write(tx: object) -> None:
            tx.execute(  # type: ignore[attr-defined]
                "INSERT INTO readings (guild_id, name, fingerprint, files, added_by, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, name) DO UPDATE SET "
                "fingerprint = excluded.fingerprint, files = excluded.files, "
                "added_by = excluded.added_by, updated_at = excluded.updated_at",
                (guild_id, name, fingerprint, payload, added_by, now),
            )
            for old, (fate, new) in (fates or {}).items():
                if fate == "same" and new == old:
                    continue
                where, params = _guild_clause(guild_id)
                if fate in ("same", "edited") and new is not None:
                    for table in PASSAGE_REFERENCES:
                        tx.execute(  # type: ignore[attr-defined]
                            f"UPDATE {table} SET passage_id = ? WHERE passage_id = ?{where}",
                            (new, old, *params),
                        )
                if fate in ("edited", "orphaned"):
                    marked = new if fate == "edited" else old
                    tx.execute(  # type: ignore[attr-defined]
                        "INSERT INTO passage_fates (guild_id, passage_id, fate, reading, at) "
                        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, passage_id) DO UPDATE SET "
                        "fate = excluded.fate, reading = excluded.reading, at = excluded.at",
                        (guild_id, marked, fate, name, now),
                    )

        self._db.run(write)

    def remove_reading(self, guild_id: int, name: str) -> bool:
        """Remove a server's reading and the bindings to it; False if it had none of that name."""

        def write(tx: object) -> int:
            gone = tx.execute(  # type: ignore[attr-defined]
                "DELETE FROM readings WHERE guild_id = ? AND name = ?", (guild_id, name)
            ).rowcount
            if gone:
                where = "" if guild_id == INSTALL else " AND guild_id = ?"
                tx.execute(  # type: ignore[attr-defined]
                    f"DELETE FROM reading_bindings WHERE name = ?{where}",
                    (name,) if guild_id == INSTALL else (name, guild_id),
                )
            return int(gone)

        return bool(self._db.run(write))

    def bind_reading(self, guild_id: int, channel_id: int, name: str | None) -> None:
        """Have a channel (SERVER_DEFAULT: the server) use reading `name`; None: unbind it."""
        if name is None:
            self._write(
                "DELETE FROM reading_bindings WHERE guild_id = ? AND channel_id = ?", (guild_id, channel_id)
            )
            return
        self._write(
            "INSERT INTO reading_bindings (guild_id, channel_id, name, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (guild_id, channel_id) DO UPDATE SET name = excluded.name, "
            "updated_at = excluded.updated_at",
            (guild_id, channel_id, name, time.time()),
            retries=1,
        )

    def bindings(self, guild_id: int) -> dict[int, str]:
        """Channel → reading name for a server (SERVER_DEFAULT is the server's default)."""
        rows = self._read("SELECT channel_id, name FROM reading_bindings WHERE guild_id = ?", (guild_id,))
        return {int(c): str(n) for c, n in rows}

    def bound_reading(self, guild_id: int, channels: Iterable[int | None]) -> str | None:
        """The reading of the first of `channels` bound to one (a thread, its parent), else the server's."""
        bound = self.bindings(guild_id)
        for channel in [*channels, SERVER_DEFAULT]:
            if channel is not None and channel in bound:
                return bound[channel]
        if guild_id != INSTALL:
            return self.bindings(INSTALL).get(SERVER_DEFAULT)
        return None

    def passage_fate(self, guild_id: int, passage_id: str) -> str | None:
        """The passage's fate ("edited", "orphaned") since a new version of its reading, else None."""
        for guild in dict.fromkeys((guild_id, INSTALL)):
            row = self._one(
                "SELECT fate FROM passage_fates WHERE guild_id = ? AND passage_id = ?", (guild, passage_id)
            )
            if row is not None:
                return str(row[0])
        return None


def _guild_clause(guild_id: int) -> tuple[str, tuple[object, ...]]:
    """References of one server, or of every server for the install's readings."""
    return ("", ()) if guild_id == INSTALL else (" AND guild_id = ?", (guild_id,))


def _record(row: tuple) -> ReadingRecord:
    guild, name, fingerprint, files, added_by, updated = row
    return ReadingRecord(
        int(guild),
        str(name),
        str(fingerprint),
        json.loads(files),
        None if added_by is None else int(added_by),
        float(updated),
    )
