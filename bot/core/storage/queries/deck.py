"""The deck: prompts dealt to each channel, and the moderators' curation of it."""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.core.storage.base import Tx
from bot.core.storage.kept import DELETE, UNLINK, Kept
from bot.core.storage.queries.base import Queries
from bot.core.storage.records import (
    Curation,
    CustomPrompt,
)


class DeckQueries(Queries):
    """The deck: prompts dealt to each channel, and the moderators' curation of it."""

    KEPT = (
        Kept(
            "prompt_history",
            "which debate prompts each channel has had (the rotation)",
            ("id", "channel_key", "prompt_id", "cycle", "source", "at"),
            guild="channel_key",
            guild_prefix=True,
            time="at",
        ),
        Kept(
            "prompt_curation",
            "prompts moderators removed or reworded (your id, if you did it)",
            ("guild_id", "prompt_id", "removed", "question", "by_user", "at"),
            guild="guild_id",
            members=(("by_user", UNLINK),),
            time="at",
        ),
        Kept(
            "custom_prompts",
            "debate prompts you suggested or added (approved ones leave the rotation when deleted)",
            (
                "id",
                "guild_id",
                "passage_id",
                "quote",
                "question",
                "author_id",
                "status",
                "created_at",
                "reviewed_by",
                "reviewed_at",
            ),
            guild="guild_id",
            members=(("author_id", DELETE), ("reviewed_by", UNLINK)),
            time="created_at",
        ),
    )

    @staticmethod
    def _cycle(tx: Tx, channel_key: str) -> tuple[int, list[str]]:
        row = tx.execute(
            "SELECT MAX(cycle) FROM prompt_history WHERE channel_key = ?", (channel_key,)
        ).fetchone()
        cycle = int(row[0]) if row and row[0] is not None else 1
        used = tx.execute(
            "SELECT prompt_id FROM prompt_history WHERE channel_key = ? AND cycle = ? ORDER BY id",
            (channel_key, cycle),
        ).fetchall()
        return cycle, [str(r[0]) for r in used]

    def prompt_cycle(self, channel_key: str) -> tuple[int, list[str]]:
        """A channel's current cycle and the prompt ids it has had in that cycle, oldest first."""
        return self._db.run(lambda tx: self._cycle(tx, channel_key), retries=1)

    def deal_prompt(
        self, channel_key: str, choose: Callable[[list[str], int], tuple[str, int] | None], source: str
    ) -> tuple[str, int] | None:
        """Pick and record a channel's next prompt in one transaction (so two processes never deal alike).

        `choose(used, cycle)` returns (prompt id, cycle) or None; the choice is recorded before
        the transaction commits.
        """

        def work(tx: Tx) -> tuple[str, int] | None:
            self._db.lock_key(tx, f"deal:{channel_key}")
            cycle, used = self._cycle(tx, channel_key)
            dealt = choose(used, cycle)
            if dealt is not None:
                tx.execute(
                    "INSERT INTO prompt_history (channel_key, prompt_id, cycle, source, at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (channel_key, dealt[0], dealt[1], source, time.time()),
                )
            return dealt

        return self._db.run(work)

    def record_prompt(
        self, channel_key: str, prompt_id: str, cycle: int, source: str, at: float | None = None
    ) -> None:
        """Remember that `prompt_id` was dealt to a channel (source: debate, schedule, now...)."""
        self._write(
            "INSERT INTO prompt_history (channel_key, prompt_id, cycle, source, at) VALUES (?, ?, ?, ?, ?)",
            (channel_key, prompt_id, cycle, source, time.time() if at is None else at),
        )

    def prompt_history(self, channel_key: str, limit: int = 50) -> list[tuple[str, int, str, float]]:
        """The newest prompts dealt to a channel: (prompt id, cycle, source, time)."""
        rows = self._read(
            "SELECT prompt_id, cycle, source, at FROM prompt_history WHERE channel_key = ? "
            "ORDER BY id DESC LIMIT ?",
            (channel_key, limit),
        )
        return [(str(a), int(b), str(c), float(d)) for a, b, c, d in rows]

    def forget_prompt(self, channel_key: str, prompt_id: str, cycle: int) -> None:
        """Undo the newest :meth:`record_prompt` of `prompt_id` (a post that never reached the channel)."""
        self._write(
            "DELETE FROM prompt_history WHERE id = (SELECT MAX(id) FROM prompt_history "
            "WHERE channel_key = ? AND prompt_id = ? AND cycle = ?)",
            (channel_key, prompt_id, cycle),
            retries=1,
        )

    def curation(self, guild_id: int) -> Curation:
        """What a server's moderators changed in the deck."""
        rows = self._read(
            "SELECT prompt_id, removed, question FROM prompt_curation WHERE guild_id = ?", (guild_id,)
        )
        removed = frozenset(str(p) for p, r, _ in rows if r)
        edits = {str(p): str(q) for p, r, q in rows if not r and q}
        return Curation(removed, edits, tuple(self.custom_prompts(guild_id, "approved")))

    def remove_prompt(self, guild_id: int, prompt_id: str, by_user: int | None = None) -> None:
        """Never deal `prompt_id` in this server again."""
        self._write(
            "INSERT INTO prompt_curation (guild_id, prompt_id, removed, by_user, at) VALUES (?, ?, 1, ?, ?) "
            "ON CONFLICT (guild_id, prompt_id) DO UPDATE SET removed = 1, by_user = excluded.by_user, "
            "at = excluded.at",
            (guild_id, prompt_id, by_user, time.time()),
        )

    def edit_prompt(self, guild_id: int, prompt_id: str, question: str, by_user: int | None = None) -> None:
        """Ask `prompt_id` with the moderator's wording in this server (its quote stays)."""
        self._write(
            "INSERT INTO prompt_curation (guild_id, prompt_id, removed, question, by_user, at) "
            "VALUES (?, ?, 0, ?, ?, ?) ON CONFLICT (guild_id, prompt_id) DO UPDATE SET "
            "question = excluded.question, by_user = excluded.by_user, at = excluded.at",
            (guild_id, prompt_id, question, by_user, time.time()),
        )

    def add_custom_prompt(  # noqa: PLR0917 (one column each)
        self, guild_id: int, passage_id: str, quote: str, question: str, author_id: int, status: str
    ) -> int:
        """Store a moderator's prompt ("approved") or a member's suggestion ("pending"); its id."""

        def work(tx: Tx) -> int:
            row = tx.execute(
                "INSERT INTO custom_prompts (guild_id, passage_id, quote, question, author_id, status, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (guild_id, passage_id, quote, question, author_id, status, time.time()),
            ).fetchone()
            return int(row[0])

        return self._db.run(work)

    def custom_prompts(self, guild_id: int, status: str | None = None) -> list[CustomPrompt]:
        """A server's own prompts (optionally of one status), oldest first."""
        sql = (
            "SELECT id, guild_id, passage_id, quote, question, author_id, status, created_at "
            "FROM custom_prompts WHERE guild_id = ?"
        )
        params: tuple[object, ...] = (guild_id,)
        if status is not None:
            sql += " AND status = ?"
            params += (status,)
        rows = self._read(sql + " ORDER BY id", params)
        return [
            CustomPrompt(int(a), int(b), str(c), str(d), str(e), int(f), str(g), float(h))
            for a, b, c, d, e, f, g, h in rows
        ]

    def count_suggestions(self, guild_id: int, author_id: int, since: float) -> tuple[int, int]:
        """A member's suggestions in a server: (still pending, made since `since`)."""
        row = self._one(
            "SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END) FROM custom_prompts "
            "WHERE guild_id = ? AND author_id = ?",
            (since, guild_id, author_id),
        )
        return (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)

    def review_suggestion(self, guild_id: int, suggestion_id: int, approve: bool, by_user: int) -> bool:
        """Approve or reject a pending suggestion; False when there is no such pending one."""
        changed = self._write(
            "UPDATE custom_prompts SET status = ?, reviewed_by = ?, reviewed_at = ? "
            "WHERE id = ? AND guild_id = ? AND status = 'pending'",
            ("approved" if approve else "rejected", by_user, time.time(), suggestion_id, guild_id),
        )
        return changed > 0
