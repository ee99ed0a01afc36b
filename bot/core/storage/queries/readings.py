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
# Rows that point at a passage, or at a debate prompt, by id: (table, id column, server column).
# Re-pointed when a reading is uploaded again. prompt_history names its server in its
# channel key ("guild:channel").
PASSAGE_REFERENCES = (
    ("answers", "passage_id", "guild_id"),
    ("feedback", "passage_id", "guild_id"),
    ("custom_prompts", "passage_id", "guild_id"),
)
PROMPT_REFERENCES = (
    ("scheduled_posts", "prompt_id", "guild_id"),
    ("poll_stances", "prompt_id", "guild_id"),
    ("prompt_curation", "prompt_id", "guild_id"),
    ("prompt_history", "prompt_id", "channel_key"),
)
PROMPT_MARK = "prompt:"  # passage_fates rows of prompts: "prompt:<prompt id>"
MOVING = "moving:"  # an id in the middle of a re-pointing (never seen outside its transaction)


@dataclass(frozen=True)
class Repointing:
    """What a new version does to stored ids: `moves` old id → new id, `marks` id → fate shown."""

    moves: Mapping[str, str]
    marks: Mapping[str, str]  # "edited" (re-pointed) or "orphaned", by the id references hold after


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
            "readings moderators added to the server (their text; your id, if you added one)",
            ("guild_id", "name", "fingerprint", "added_by", "updated_at"),
            guild="guild_id",
            members=(("added_by", UNLINK),),
            time="updated_at",
        ),
        Kept(
            "reading_bindings",
            "which reading each channel uses",
            ("guild_id", "channel_id", "name", "updated_at"),
            guild="guild_id",
            time="updated_at",
        ),
        Kept(
            "passage_fates",
            "what became of passages a new version of a reading changed",
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

    def all_readings(self) -> list[tuple[int, str, str, float]]:
        """(server, name, fingerprint, updated) of every reading stored, the install's first."""
        rows = self._read(
            "SELECT guild_id, name, fingerprint, updated_at FROM readings ORDER BY guild_id, name"
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
        passages: Repointing | None = None,
        prompts: Repointing | None = None,
    ) -> None:
        """Store (or replace) a reading and, in the same transaction, re-point its references.

        `passages` re-points answers, feedback and moderators' prompts; `prompts` re-points
        posted prompts, polls (their votes follow: a vote names its poll), the deck's curation
        and rotation. Every move is made in two steps (to a ``moving:`` id, then to the new id),
        so a move onto an id another move leaves (two identical paragraphs, one edited) never
        carries that other id's references along.
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
            for change, tables, prefix in (
                (passages, PASSAGE_REFERENCES, ""),
                (prompts, PROMPT_REFERENCES, PROMPT_MARK),
            ):
                if change is None:
                    continue
                _repoint(tx, tables, change.moves, guild_id)
                for marked, fate in change.marks.items():
                    tx.execute(  # type: ignore[attr-defined]
                        "INSERT INTO passage_fates (guild_id, passage_id, fate, reading, at) "
                        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, passage_id) DO UPDATE SET "
                        "fate = excluded.fate, reading = excluded.reading, at = excluded.at",
                        (guild_id, prefix + marked, fate, name, now),
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

    def passage_fate(self, guild_id: int, passage_id: str, since: float | None = None) -> str | None:
        """The passage's fate ("edited", "orphaned") since a new version of its reading, else None.

        With `since` (when a reference was made), only a new version that came after it counts.
        """
        for guild in dict.fromkeys((guild_id, INSTALL)):
            row = self._one(
                "SELECT fate, at FROM passage_fates WHERE guild_id = ? AND passage_id = ?",
                (guild, passage_id),
            )
            if row is not None and (since is None or float(row[1]) > since):
                return str(row[0])
        return None

    def prompt_fate(self, guild_id: int, prompt_id: str, since: float | None = None) -> str | None:
        """A debate prompt's fate ("edited", "orphaned") since a new version of its reading, else None."""
        return self.passage_fate(guild_id, PROMPT_MARK + prompt_id, since)


def _repoint(
    tx: object, tables: Iterable[tuple[str, str, str]], moves: Mapping[str, str], guild_id: int
) -> None:
    """Move references (of one server; of every server for the install's readings) in two steps."""
    moves = {old: new for old, new in moves.items() if old != new}
    if not moves:
        return
    for table, column, server in tables:
        if guild_id == INSTALL:
            where, params = "", ()
        elif server == "channel_key":
            where, params = f" AND {server} LIKE ?", (f"{guild_id}:%",)
        else:
            where, params = f" AND {server} = ?", (guild_id,)
        for old, new in moves.items():
            tx.execute(  # type: ignore[attr-defined]
                f"UPDATE {table} SET {column} = ? WHERE {column} = ?{where}", (MOVING + new, old, *params)
            )
        tx.execute(  # type: ignore[attr-defined]
            f"UPDATE {table} SET {column} = substr({column}, ?) WHERE {column} LIKE ?{where}",
            (len(MOVING) + 1, MOVING + "%", *params),
        )


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
