"""Members' and servers' data: what is kept, its export and deletion, retention, removed servers.

Works from the declarations every area makes in ``KEPT`` (:mod:`bot.core.storage.kept`), so a
new table is shown, exported, deleted and purged once it is declared. Owns the
``guild_removals`` table: a server Agora was removed from waits there until its grace period
ends (re-adding Agora cancels the deletion); the store decides, so every process agrees.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

from bot.core.storage.base import Tx
from bot.core.storage.kept import DELETE, UNLINK, Kept
from bot.core.storage.queries.base import Queries

Rows = dict[str, list[dict[str, Any]]]
Counts = dict[str, int]


class PrivacyQueries(Queries):
    """What the store keeps about a member or a server: shown, exported, deleted, expired."""

    KEPT = (
        Kept(
            "guild_removals",
            "when Agora was removed from the server, and when its data will be deleted",
            ("guild_id", "removed_at", "delete_after"),
            guild="guild_id",
        ),
    )

    @classmethod
    def kept(cls) -> tuple[Kept, ...]:
        """Every table's declaration, over all the areas mixed into the store (each table once)."""
        seen: dict[str, Kept] = {}
        for klass in reversed(cls.__mro__):
            for kept in klass.__dict__.get("KEPT", ()):
                seen.setdefault(kept.table, kept)
        return tuple(seen.values())

    # ------------------------------------------------------------------ a member's data

    def member_data(self, user_id: int, guild_id: int | None = None) -> Rows:
        """Every row naming the member (in one server, or everywhere with None), table by table."""

        def work(tx: Tx) -> Rows:
            out: Rows = {}
            for kept in self.kept():
                if not kept.about_members:
                    continue
                where, params = self._member_where(kept, user_id, guild_id)
                rows = _select(tx, kept, where, params)
                if rows:
                    out[kept.table] = rows
            return out

        return self._db.run(work, retries=1)

    def delete_member_data(self, user_id: int, guild_id: int | None = None) -> Counts:
        """Delete (or unlink) every row naming the member, in one transaction: rows changed per table."""

        def work(tx: Tx) -> Counts:
            counts: Counts = {}
            for kept in self.kept():
                for column, action in kept.members:
                    where, params = self._member_where(kept, user_id, guild_id, only=column)
                    if action == DELETE:
                        sql = f"DELETE FROM {kept.table} WHERE {where}"
                    elif action == UNLINK:
                        sql = f"UPDATE {kept.table} SET {column} = NULL WHERE {where}"
                    else:
                        raise ValueError(f"{kept.table}.{column}: unknown action {action!r}")
                    changed = tx.execute(sql, params).rowcount
                    if changed:
                        counts[kept.table] = counts.get(kept.table, 0) + changed
            return counts

        return self._db.run(work)

    @staticmethod
    def _member_where(
        kept: Kept, user_id: int, guild_id: int | None, *, only: str | None = None
    ) -> tuple[str, tuple[object, ...]]:
        columns = [c for c, _ in kept.members if only is None or c == only]
        where = "(" + " OR ".join(f"{c} = ?" for c in columns) + ")"
        params: tuple[object, ...] = tuple(int(user_id) for _ in columns)
        if guild_id is not None:
            if kept.guild is None:
                return "1 = 0", ()
            condition, value = kept.guild_match(guild_id)
            where += f" AND {condition}"
            params += (value,)
        return where, params

    # ------------------------------------------------------------------ a server's data

    def guild_data(self, guild_id: int) -> Rows:
        """Every row Agora keeps about a server, table by table (its export)."""

        def work(tx: Tx) -> Rows:
            out: Rows = {}
            for kept in self.kept():
                if kept.guild is None:
                    continue
                condition, value = kept.guild_match(guild_id)
                out[kept.table] = _select(tx, kept, condition, (value,))
            return out

        return self._db.run(work, retries=1)

    def delete_guild_data(self, guild_id: int) -> Counts:
        """Delete every row about a server, in one transaction (its removal record too): rows per table."""
        return self._db.run(lambda tx: self._delete_guild(tx, guild_id))

    def _delete_guild(self, tx: Tx, guild_id: int) -> Counts:
        self._db.lock_key(tx, f"guild:{guild_id}")
        counts: Counts = {}
        for kept in self.kept():
            if kept.guild is None:
                continue
            condition, value = kept.guild_match(guild_id)
            changed = tx.execute(f"DELETE FROM {kept.table} WHERE {condition}", (value,)).rowcount
            if changed:
                counts[kept.table] = changed
        return counts

    # ------------------------------------------------------------------ retention

    def purge_expired(self, retention: Mapping[str, float], now: float | None = None) -> Counts:
        """Drop rows older than their retention (``{policy: seconds}``); rows dropped per table.

        One indexed DELETE per table, each in its own short transaction.
        """
        stamp = time.time() if now is None else now
        counts: Counts = {}
        for kept in self.kept():
            seconds = retention.get(kept.retention or "")
            if seconds is None or kept.time is None:
                continue
            changed = self._write(
                f"DELETE FROM {kept.table} WHERE {kept.time} < ?", (stamp - seconds,), retries=1
            )
            if changed:
                counts[kept.table] = changed
        return counts

    # ------------------------------------------------------------------ deleted in Discord

    def forget_messages(self, message_ids: Iterable[int]) -> Counts:
        """Messages deleted in Discord: their ids unlinked (or their rows dropped); rows per table."""
        return self._forget([int(m) for m in message_ids], threads=False)

    def forget_thread(self, thread_id: int) -> Counts:
        """A thread deleted in Discord: its id unlinked wherever it is kept; rows per table."""
        return self._forget([int(thread_id)], threads=True)

    def _forget(self, ids: list[int], *, threads: bool) -> Counts:
        if not ids:
            return {}

        def work(tx: Tx) -> Counts:
            counts: Counts = {}
            marks = ", ".join("?" for _ in ids)
            for kept in self.kept():
                for column in kept.threads if threads else kept.messages:
                    if kept.message_delete == DELETE:
                        sql = f"DELETE FROM {kept.table} WHERE {column} IN ({marks})"
                    else:
                        sql = f"UPDATE {kept.table} SET {column} = NULL WHERE {column} IN ({marks})"
                    changed = tx.execute(sql, tuple(ids)).rowcount
                    if changed:
                        counts[kept.table] = counts.get(kept.table, 0) + changed
            return counts

        return self._db.run(work, retries=1)

    # ------------------------------------------------------------------ servers Agora left

    def guild_removed(self, guild_id: int, grace: float, now: float | None = None) -> float:
        """Agora was removed from a server: its data goes after `grace` seconds. When it will go.

        A second removal before the first is settled keeps the first date.
        """
        stamp = time.time() if now is None else now

        def work(tx: Tx) -> float:
            tx.execute(
                "INSERT INTO guild_removals (guild_id, removed_at, delete_after) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id) DO NOTHING",
                (guild_id, stamp, stamp + grace),
            )
            row = tx.execute("SELECT delete_after FROM guild_removals WHERE guild_id = ?", (guild_id,))
            return float(row.fetchone()[0])

        return self._db.run(work, retries=1)

    def guild_returned(self, guild_id: int, seen_at: float | None = None) -> bool:
        """Agora is in the server (again): cancel a pending deletion. Whether one was cancelled.

        `seen_at` is when the server was seen: a removal recorded after it (the server left again
        while this event was being handled) stands.
        """
        if seen_at is None:
            sql, args = "DELETE FROM guild_removals WHERE guild_id = ?", (guild_id,)
        else:
            sql = "DELETE FROM guild_removals WHERE guild_id = ? AND removed_at <= ?"
            args = (guild_id, seen_at)
        return self._write(sql, args, retries=1) > 0

    def guild_removal(self, guild_id: int) -> tuple[float, float] | None:
        """(removed at, data deleted after) for a server Agora was removed from, else None."""
        row = self._one("SELECT removed_at, delete_after FROM guild_removals WHERE guild_id = ?", (guild_id,))
        return (float(row[0]), float(row[1])) if row else None

    def delete_removed_guilds(self, now: float | None = None) -> dict[int, Counts]:
        """Delete the data of every server whose grace period has ended: rows per table, per server.

        Each server in its own transaction, which checks again that the removal still stands,
        so a server re-added meanwhile (by any process) keeps its data.
        """
        stamp = time.time() if now is None else now
        due = self._read("SELECT guild_id FROM guild_removals WHERE delete_after <= ?", (stamp,))
        done: dict[int, Counts] = {}
        for (guild,) in due:
            gid = int(guild)

            def work(tx: Tx, gid: int = gid) -> Counts | None:
                self._db.lock_key(tx, f"guild:{gid}")
                still = tx.execute(
                    "SELECT 1 FROM guild_removals WHERE guild_id = ? AND delete_after <= ?", (gid, stamp)
                ).fetchone()
                return self._delete_guild(tx, gid) if still else None

            counts = self._db.run(work)
            if counts is not None:
                done[gid] = counts
        return done


def _select(tx: Tx, kept: Kept, where: str, params: tuple[object, ...]) -> list[dict[str, Any]]:
    order = f" ORDER BY {kept.time}" if kept.time else ""
    rows = tx.execute(f"SELECT {', '.join(kept.columns)} FROM {kept.table} WHERE {where}{order}", params)
    return [dict(zip(kept.columns, row, strict=True)) for row in rows.fetchall()]
