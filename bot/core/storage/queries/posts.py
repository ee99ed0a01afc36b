"""Daily posts: schedules, claims on a (server, local date), and what was posted."""

from __future__ import annotations

import time
from datetime import date

from bot.core.scheduling.schedule import Schedule, days_code
from bot.core.storage.base import Tx
from bot.core.storage.kept import DELETE, Kept
from bot.core.storage.queries.base import Queries
from bot.core.storage.records import (
    CLAIM_LEASE,
    POST_COLUMNS,
    SCHEDULE_COLUMNS,
    PostRecord,
    post_from_row,
    schedule_from_row,
)


class PostQueries(Queries):
    """Daily posts: schedules, claims on a (server, local date), and what was posted."""

    KEPT = (
        Kept(
            "schedules",
            "the server's daily-prompt schedule",
            tuple(SCHEDULE_COLUMNS.split(", ")),
            guild="guild_id",
        ),
        Kept(
            "scheduled_posts",
            "each daily prompt posted or skipped, with its message and thread",
            tuple(POST_COLUMNS.split(", ")),
            guild="guild_id",
            time="created_at",
            messages=("message_id",),
            threads=("thread_id",),
        ),
        Kept(
            "poll_results",
            "which daily polls already had their result posted",
            ("message_id", "guild_id", "at"),
            guild="guild_id",
            time="at",
            messages=("message_id",),
            message_delete=DELETE,
        ),
    )

    def schedule(self, guild_id: int) -> Schedule | None:
        """A server's daily-prompt schedule, if it has one."""
        row = self._one(f"SELECT {SCHEDULE_COLUMNS} FROM schedules WHERE guild_id = ?", (guild_id,))
        return schedule_from_row(row) if row else None

    def schedules(self, *, active_only: bool = False) -> list[Schedule]:
        """Every server's schedule (only those not paused, with `active_only`)."""
        query = f"SELECT {SCHEDULE_COLUMNS} FROM schedules"
        if active_only:  # paused, or of a server Agora was removed from: nothing to post
            query += " WHERE paused = 0 AND guild_id NOT IN (SELECT guild_id FROM guild_removals)"
        return [schedule_from_row(r) for r in self._read(query + " ORDER BY guild_id")]

    def save_schedule(self, schedule: Schedule) -> None:
        """Create or replace a server's schedule."""
        s = schedule
        updates = ", ".join(f"{c} = excluded.{c}" for c in SCHEDULE_COLUMNS.split(", ")[1:])
        self._write(
            f"INSERT INTO schedules ({SCHEDULE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            f"ON CONFLICT (guild_id) DO UPDATE SET {updates}",
            (
                s.guild_id,
                s.channel_id,
                s.time,
                s.timezone,
                days_code(s.days),
                int(s.thread),
                int(s.poll),
                s.role_id,
                int(s.paused),
                s.active_since,
                s.updated_at or time.time(),
            ),
            retries=1,
        )

    def set_schedule_paused(self, guild_id: int, paused: bool, at: float | None = None) -> Schedule | None:
        """Pause or resume a schedule (resuming starts afresh: nothing missed meanwhile is due).

        Returns the changed schedule, or None if the server has none.
        """
        stamp = time.time() if at is None else at
        if paused:
            self._write(
                "UPDATE schedules SET paused = 1, updated_at = ? WHERE guild_id = ?", (stamp, guild_id)
            )
        else:
            self._write(
                "UPDATE schedules SET paused = 0, active_since = ?, updated_at = ? "
                "WHERE guild_id = ? AND paused = 1",
                (stamp, stamp, guild_id),
            )
        return self.schedule(guild_id)

    def delete_schedule(self, guild_id: int) -> bool:
        """Remove a server's schedule (its post history stays). Returns whether there was one."""
        return self._write("DELETE FROM schedules WHERE guild_id = ?", (guild_id,)) > 0

    def last_slot_date(self, guild_id: int) -> date | None:
        """The newest local date with a scheduled post claimed (posted, failed or skipped)."""
        row = self._one(
            "SELECT MAX(local_date) FROM scheduled_posts WHERE guild_id = ? AND local_date IS NOT NULL",
            (guild_id,),
        )
        return date.fromisoformat(row[0]) if row and row[0] else None

    def last_slot_dates(self, guild_ids: list[int] | None = None) -> dict[int, date]:
        """:meth:`last_slot_date` of many servers in one query (all servers with None)."""
        rows = self._read(
            "SELECT guild_id, MAX(local_date) FROM scheduled_posts WHERE local_date IS NOT NULL "
            "GROUP BY guild_id"
        )
        wanted = None if guild_ids is None else set(guild_ids)
        return {int(g): date.fromisoformat(d) for g, d in rows if d and (wanted is None or int(g) in wanted)}

    def claim_slot(
        self,
        guild_id: int,
        channel_id: int,
        local_date: date,
        slot_at: float,
        at: float | None = None,
        *,
        owner: str = "",
        lease: float = CLAIM_LEASE,
    ) -> int | None:
        """Claim a server's post for a local date before sending it: the row's id, or None if taken.

        The (server, date) key is unique, so two processes (or a restart) can never both win.
        The claim is `owner`'s for `lease` seconds: the same owner claiming again gets the same
        row back (a retry after a lost connection); anyone may take over a claim whose lease
        ran out without the post being finished (its process died mid-post).
        """
        now = time.time() if at is None else at
        day = local_date.isoformat()

        def work(tx: Tx) -> int | None:
            if tx.execute("SELECT 1 FROM guild_removals WHERE guild_id = ?", (guild_id,)).fetchone():
                return None  # Agora was removed from the server (by any process's account): no post
            row = tx.execute(
                "INSERT INTO scheduled_posts (guild_id, channel_id, kind, local_date, slot_at, status, "
                "created_at, claimed_by, lease_until) VALUES (?, ?, 'schedule', ?, ?, 'claimed', ?, ?, ?) "
                "ON CONFLICT (guild_id, local_date) DO NOTHING RETURNING id",
                (guild_id, channel_id, day, slot_at, now, owner, now + lease),
            ).fetchone()
            if row is None:
                row = tx.execute(
                    "UPDATE scheduled_posts SET claimed_by = ?, lease_until = ? WHERE guild_id = ? "
                    "AND local_date = ? AND status = 'claimed' AND ((claimed_by = ? AND claimed_by <> '') "
                    "OR lease_until < ?) RETURNING id",
                    (owner, now + lease, guild_id, day, owner, now),
                ).fetchone()
            return int(row[0]) if row else None

        return self._db.run(work, retries=2)  # safe to repeat: a second try finds its own claim

    def stale_claims(self, now: float, since: float) -> list[PostRecord]:
        """Scheduled posts claimed after `since` whose lease ran out before `now`, still unfinished."""
        rows = self._read(
            f"SELECT {POST_COLUMNS} FROM scheduled_posts WHERE status = 'claimed' AND kind = 'schedule' "
            "AND lease_until IS NOT NULL AND lease_until < ? AND created_at >= ? ORDER BY id",
            (now, since),
        )
        return [post_from_row(r) for r in rows]

    def claim_expiries(self, since: float) -> list[tuple[int, float]]:
        """(server, lease end) of every unfinished scheduled claim made after `since`."""
        rows = self._read(
            "SELECT guild_id, lease_until FROM scheduled_posts WHERE status = 'claimed' "
            "AND kind = 'schedule' AND lease_until IS NOT NULL AND created_at >= ?",
            (since,),
        )
        return [(int(g), float(t)) for g, t in rows]

    def post_record(self, post_id: int) -> PostRecord | None:
        """One post row."""
        row = self._one(f"SELECT {POST_COLUMNS} FROM scheduled_posts WHERE id = ?", (post_id,))
        return post_from_row(row) if row else None

    def post_for_message(self, message_id: int) -> PostRecord | None:
        """The daily-prompt post whose message is `message_id`, if Agora posted it."""
        row = self._one(
            f"SELECT {POST_COLUMNS} FROM scheduled_posts WHERE message_id = ? ORDER BY id DESC LIMIT 1",
            (message_id,),
        )
        return post_from_row(row) if row else None

    def claim_poll_result(self, message_id: int, guild_id: int | None) -> bool:
        """True once per poll message: the caller posts its result (no other process will)."""
        changed = self._write(
            "INSERT INTO poll_results (message_id, guild_id, at) VALUES (?, ?, ?) "
            "ON CONFLICT (message_id) DO NOTHING",
            (message_id, guild_id, time.time()),
        )
        return changed > 0

    def set_post_prompt(self, post_id: int, prompt_id: str, cycle: int) -> None:
        """Note the prompt a claimed post is about to send (a takeover re-sends the same one)."""
        self._write(
            "UPDATE scheduled_posts SET prompt_id = ?, cycle = ? WHERE id = ?",
            (prompt_id, cycle, post_id),
            retries=1,
        )

    def record_skipped(
        self, guild_id: int, channel_id: int, local_date: date, slot_at: float, reason: str
    ) -> bool:
        """Log a slot that was missed and will not be posted.

        Returns False if it was already claimed, or if the server has no schedule any more or
        has removed Agora: a tick that read the schedule just before the server's data was
        deleted must not leave a row of it behind.
        """
        return (
            self._write(
                "INSERT INTO scheduled_posts (guild_id, channel_id, kind, local_date, slot_at, status, "
                "problems, created_at) SELECT ?, ?, 'schedule', ?, ?, 'skipped', ?, ? "
                "WHERE EXISTS (SELECT 1 FROM schedules WHERE guild_id = ?) "
                "AND NOT EXISTS (SELECT 1 FROM guild_removals WHERE guild_id = ?) "
                "ON CONFLICT (guild_id, local_date) DO NOTHING",
                (
                    guild_id,
                    channel_id,
                    local_date.isoformat(),
                    slot_at,
                    reason,
                    time.time(),
                    guild_id,
                    guild_id,
                ),
                retries=1,
            )
            > 0
        )

    def start_post(self, guild_id: int, channel_id: int, kind: str = "now", at: float | None = None) -> int:
        """Open a row for a post made on demand (`/prompt now`); returns its id."""
        return self._db.run(
            lambda tx: int(
                tx.execute(
                    "INSERT INTO scheduled_posts (guild_id, channel_id, kind, status, created_at) "
                    "VALUES (?, ?, ?, 'claimed', ?) RETURNING id",
                    (guild_id, channel_id, kind, time.time() if at is None else at),
                ).fetchone()[0]
            )
        )

    def finish_post(
        self,
        post_id: int,
        status: str,
        *,
        prompt_id: str | None = None,
        cycle: int | None = None,
        message_id: int | None = None,
        thread_id: int | None = None,
        problems: tuple[str, ...] | list[str] = (),
        at: float | None = None,
    ) -> None:
        """Record how a claimed post ended (retried after a lost connection: it is idempotent)."""
        self._write(
            "UPDATE scheduled_posts SET status = ?, prompt_id = ?, cycle = ?, message_id = ?, "
            "thread_id = ?, problems = ?, posted_at = ? WHERE id = ?",
            (
                status,
                prompt_id,
                cycle,
                message_id,
                thread_id,
                "\n".join(" ".join(p.split()) for p in problems),
                time.time() if at is None else at,
                post_id,
            ),
            retries=3,
        )

    def recent_posts(self, guild_id: int, limit: int = 10) -> list[PostRecord]:
        """A server's newest posts (scheduled, on demand and skipped), newest first."""
        rows = self._read(
            f"SELECT {POST_COLUMNS} FROM scheduled_posts WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
            (guild_id, limit),
        )
        return [post_from_row(r) for r in rows]
