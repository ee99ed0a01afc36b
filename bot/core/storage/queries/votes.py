"""Members' votes on daily-prompt polls (the opinion map's data), and their deletion.

A poll is recorded when it is posted: per answer, the stance it means on the prompt's claim
("agree", "disagree", "pass"). A vote is then only (poll message, answer, member, server):
nothing else about the member is kept. Votes on messages that are not Agora's polls are
ignored. A member can read and delete their own votes; a server's votes go with its data.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.core.storage.base import Tx
from bot.core.storage.kept import DELETE, Kept
from bot.core.storage.queries.base import Queries


@dataclass(frozen=True)
class StoredVote:
    """One member's stance on one prompt, as the map reads it."""

    user_id: int
    prompt_id: str
    stance: str
    channel_id: int
    posted_at: float


@dataclass(frozen=True)
class PollToBackfill:
    """A recorded poll whose voters should be read from Discord again."""

    message_id: int
    guild_id: int
    channel_id: int
    answer_ids: tuple[int, ...]


class VoteQueries(Queries):
    """Polls' answer stances and members' votes on them."""

    KEPT = (
        Kept(
            "poll_stances",
            "what each answer of a daily poll means on the prompt's claim",
            ("message_id", "answer_id", "guild_id", "channel_id", "prompt_id", "stance", "posted_at"),
            guild="guild_id",
            time="posted_at",
            messages=("message_id",),
            message_delete=DELETE,  # a deleted poll is no longer counted
        ),
        Kept(
            "poll_votes",
            "which answer you chose in each daily poll (for /standings)",
            ("message_id", "answer_id", "user_id", "guild_id"),
            guild="guild_id",
            members=(("user_id", DELETE),),
            messages=("message_id",),
            message_delete=DELETE,
        ),
    )

    def record_poll(
        self,
        message_id: int,
        *,
        guild_id: int,
        channel_id: int,
        prompt_id: str,
        stances: Mapping[int, str],
        at: float | None = None,
    ) -> None:
        """Remember a posted poll: the stance each answer (by Discord's answer id) means."""
        stamp = time.time() if at is None else at

        def work(tx: Tx) -> None:
            for answer_id, stance in stances.items():
                tx.execute(
                    "INSERT INTO poll_stances (message_id, answer_id, guild_id, channel_id, prompt_id, "
                    "stance, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (message_id, answer_id) DO UPDATE SET stance = excluded.stance, "
                    "prompt_id = excluded.prompt_id",
                    (message_id, answer_id, guild_id, channel_id, prompt_id, stance, stamp),
                )

        self._db.run(work, retries=1)

    def add_poll_vote(self, message_id: int, answer_id: int, user_id: int) -> bool:
        """Record a member's vote; False when the message is not a recorded poll (or no such answer)."""
        return (
            self._write(
                "INSERT INTO poll_votes (message_id, answer_id, user_id, guild_id) "
                "SELECT message_id, answer_id, ?, guild_id FROM poll_stances "
                "WHERE message_id = ? AND answer_id = ? "
                "ON CONFLICT (message_id, answer_id, user_id) DO NOTHING",
                (user_id, message_id, answer_id),
                retries=1,
            )
            > 0
        )

    def remove_poll_vote(self, message_id: int, answer_id: int, user_id: int) -> bool:
        """Forget a vote a member took back. Returns whether there was one."""
        return (
            self._write(
                "DELETE FROM poll_votes WHERE message_id = ? AND answer_id = ? AND user_id = ?",
                (message_id, answer_id, user_id),
                retries=1,
            )
            > 0
        )

    def replace_poll_votes(
        self, message_id: int, voters: Mapping[int, Iterable[int]], at: float | None = None
    ) -> int:
        """Set a poll's votes to what Discord says (answer id -> member ids); mark it backfilled.

        Returns how many votes are stored for it afterwards.
        """
        stamp = time.time() if at is None else at

        def work(tx: Tx) -> int:
            rows = tx.execute(
                "SELECT answer_id, guild_id FROM poll_stances WHERE message_id = ?", (message_id,)
            ).fetchall()
            known = {int(r[0]): int(r[1]) for r in rows}
            tx.execute("DELETE FROM poll_votes WHERE message_id = ?", (message_id,))
            count = 0
            for answer_id, users in voters.items():
                if answer_id not in known:
                    continue
                for user_id in set(users):
                    tx.execute(
                        "INSERT INTO poll_votes (message_id, answer_id, user_id, guild_id) "
                        "VALUES (?, ?, ?, ?)",
                        (message_id, answer_id, user_id, known[answer_id]),
                    )
                    count += 1
            tx.execute("UPDATE poll_stances SET backfilled_at = ? WHERE message_id = ?", (stamp, message_id))
            return count

        return self._db.run(work, retries=1)

    def polls_to_backfill(self, since: float, open_seconds: float) -> list[PollToBackfill]:
        """Polls posted since `since` not yet read back after they closed.

        A poll is read again until one reading happened after it closed (`open_seconds` after
        it was posted): votes cast while the bot was away are then all in.
        """
        rows = self._read(
            "SELECT message_id, guild_id, channel_id, answer_id FROM poll_stances WHERE posted_at >= ? "
            "AND (backfilled_at IS NULL OR backfilled_at < posted_at + ?) ORDER BY message_id, answer_id",
            (since, open_seconds),
        )
        polls: dict[int, tuple[int, int, list[int]]] = {}
        for message_id, guild_id, channel_id, answer_id in rows:
            polls.setdefault(int(message_id), (int(guild_id), int(channel_id), []))[2].append(int(answer_id))
        return [PollToBackfill(m, g, c, tuple(a)) for m, (g, c, a) in polls.items()]

    def poll_votes(
        self,
        guild_id: int,
        *,
        channel_id: int | None = None,
        since: float | None = None,
        until: float | None = None,
        user_id: int | None = None,
    ) -> list[StoredVote]:
        """A server's votes (one channel's, a date range's, one member's), oldest poll first."""
        where = ["v.guild_id = ?"]
        args: list[object] = [guild_id]
        for clause, value in (
            ("s.channel_id = ?", channel_id),
            ("s.posted_at >= ?", since),
            ("s.posted_at < ?", until),
            ("v.user_id = ?", user_id),
        ):
            if value is not None:
                where.append(clause)
                args.append(value)
        rows = self._read(
            "SELECT v.user_id, s.prompt_id, s.stance, s.channel_id, s.posted_at FROM poll_votes v "
            "JOIN poll_stances s ON s.message_id = v.message_id AND s.answer_id = v.answer_id "
            f"WHERE {' AND '.join(where)} ORDER BY s.posted_at, v.message_id, v.user_id",
            tuple(args),
        )
        return [StoredVote(int(u), str(p), str(st), int(c), float(t)) for u, p, st, c, t in rows]

    def forget_member_votes(self, guild_id: int, user_id: int) -> int:
        """Delete every vote a member cast in a server. Returns how many."""
        return self._write(
            "DELETE FROM poll_votes WHERE guild_id = ? AND user_id = ?", (guild_id, user_id), retries=1
        )

    def forget_guild_votes(self, guild_id: int) -> int:
        """Delete a server's polls and votes (with the rest of its data). Returns the votes deleted."""

        def work(tx: Tx) -> int:
            n = tx.execute("DELETE FROM poll_votes WHERE guild_id = ?", (guild_id,)).rowcount
            tx.execute("DELETE FROM poll_stances WHERE guild_id = ?", (guild_id,))
            return n

        return self._db.run(work, retries=1)

    def prompt_ids_voted(self, guild_id: int) -> Sequence[str]:
        """The prompts a server has votes on."""
        rows = self._read(
            "SELECT DISTINCT s.prompt_id FROM poll_votes v JOIN poll_stances s "
            "ON s.message_id = v.message_id AND s.answer_id = v.answer_id WHERE v.guild_id = ?",
            (guild_id,),
        )
        return [str(r[0]) for r in rows]
