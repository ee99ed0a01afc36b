"""Per-server state in a SQLite file, with a versioned schema migrated on open.

All methods are synchronous and short; the Discord layer calls them through
`asyncio.to_thread` so the event loop never waits on the disk.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.core.schedule import Schedule, days_code, days_from_code

# Each entry migrates the schema from version i to i + 1. Append; never edit a shipped one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE guild_settings (
        guild_id INTEGER PRIMARY KEY,
        moderator_role_id INTEGER,
        ask_cooldown_seconds REAL
    );
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id INTEGER,
        channel_id INTEGER,
        user_id INTEGER NOT NULL,
        question TEXT NOT NULL,
        passage_id TEXT,
        helpful INTEGER NOT NULL,
        at REAL NOT NULL,
        UNIQUE (user_id, question, passage_id)
    );
    CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    );
    """,
    # 2: answers given with helpful / not helpful buttons; a button carries only the answer's id.
    """
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id INTEGER,
        channel_id INTEGER,
        user_id INTEGER NOT NULL,
        question TEXT NOT NULL,
        passage_id TEXT,
        at REAL NOT NULL
    );
    """,
    # 3: debate prompts dealt to each channel, for rotation without repeats across restarts.
    """
    CREATE TABLE prompt_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_key TEXT NOT NULL,
        prompt_id TEXT NOT NULL,
        cycle INTEGER NOT NULL,
        source TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX prompt_history_channel ON prompt_history (channel_key, cycle);
    """,
    # 4: daily debate prompts: one schedule per server, and every post made or skipped.
    # A scheduled post claims its (server, local date) row before it is sent, so a restart
    # can never post the same day twice; /prompt now posts have no local date.
    """
    CREATE TABLE schedules (
        guild_id INTEGER PRIMARY KEY,
        channel_id INTEGER NOT NULL,
        post_time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        days TEXT NOT NULL,
        thread INTEGER NOT NULL,
        poll INTEGER NOT NULL,
        role_id INTEGER,
        paused INTEGER NOT NULL DEFAULT 0,
        active_since REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE scheduled_posts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        local_date TEXT,
        slot_at REAL,
        status TEXT NOT NULL,
        prompt_id TEXT,
        cycle INTEGER,
        message_id INTEGER,
        thread_id INTEGER,
        problems TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL,
        posted_at REAL,
        UNIQUE (guild_id, local_date)
    );
    CREATE INDEX scheduled_posts_guild ON scheduled_posts (guild_id, id);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
DEFAULT_COOLDOWN = 10.0


class StoreError(RuntimeError):
    """The state file cannot be used."""


@dataclass(frozen=True)
class GuildSettings:
    """A server's configuration."""

    guild_id: int
    moderator_role_id: int | None = None
    ask_cooldown_seconds: float = DEFAULT_COOLDOWN


@dataclass(frozen=True)
class AnswerRecord:
    """An answer that invited votes: who asked what, and the passage given."""

    id: int
    guild_id: int | None
    channel_id: int | None
    user_id: int
    question: str
    passage_id: str | None


@dataclass(frozen=True)
class PostRecord:
    """A daily-prompt post: made (posted, degraded), failed, skipped, or claimed and unfinished."""

    id: int
    guild_id: int
    channel_id: int
    kind: str  # "schedule" or "now"
    local_date: str | None  # YYYY-MM-DD in the server's timezone, for scheduled posts
    slot_at: float | None
    status: str  # claimed, posted, degraded, failed, empty, skipped
    prompt_id: str | None
    cycle: int | None
    message_id: int | None
    thread_id: int | None
    problems: tuple[str, ...]
    created_at: float
    posted_at: float | None


_POST_COLUMNS = (
    "id, guild_id, channel_id, kind, local_date, slot_at, status, prompt_id, cycle, message_id, "
    "thread_id, problems, created_at, posted_at"
)
_SCHEDULE_COLUMNS = (
    "guild_id, channel_id, post_time, timezone, days, thread, poll, role_id, paused, active_since, updated_at"
)


def _post(row: tuple) -> PostRecord:
    values = list(row)
    values[11] = tuple(p for p in str(values[11] or "").split("\n") if p)
    return PostRecord(*values)


def _schedule(row: tuple) -> Schedule:
    guild, channel, at, zone, days, thread, poll, role, paused, since, updated = row
    return Schedule(
        int(guild),
        int(channel),
        str(at),
        str(zone),
        days_from_code(str(days)),
        bool(thread),
        bool(poll),
        None if role is None else int(role),
        bool(paused),
        float(since),
        float(updated),
    )


class Store:
    """The SQLite state file. Safe to share between threads (one connection, one lock)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA busy_timeout=5000")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Cannot open the state file {path}: {exc}") from None
        self._lock = threading.RLock()
        self._migrate()

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run statements atomically (BEGIN IMMEDIATE … COMMIT, ROLLBACK on error)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        with self._lock:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        try:
            version = self.schema_version
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"The state file {self.path} is not a SQLite database: {exc}") from None
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The state file {self.path} has schema {version}, newer than this Agora ({SCHEMA_VERSION})."
            )
        for target in range(version, SCHEMA_VERSION):
            with self.transaction() as db:
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {target + 1}")

    # ------------------------------------------------------------------ settings

    def guild_settings(self, guild_id: int) -> GuildSettings:
        """A server's settings (defaults when it has none)."""
        with self._lock:
            row = self._db.execute(
                "SELECT moderator_role_id, ask_cooldown_seconds FROM guild_settings WHERE guild_id = ?",
                (guild_id,),
            ).fetchone()
        if row is None:
            return GuildSettings(guild_id)
        role, cooldown = row
        return GuildSettings(guild_id, role, DEFAULT_COOLDOWN if cooldown is None else float(cooldown))

    def set_moderator_role(self, guild_id: int, role_id: int | None) -> None:
        """Set (or clear, with None) the role that counts as moderator."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO guild_settings (guild_id, moderator_role_id) VALUES (?, ?) "
                "ON CONFLICT (guild_id) DO UPDATE SET moderator_role_id = excluded.moderator_role_id",
                (guild_id, role_id),
            )

    def set_ask_cooldown(self, guild_id: int, seconds: float) -> None:
        """Set the per-member cooldown between questions (0 disables it)."""
        if seconds < 0 or seconds > 3600:
            raise ValueError("The cooldown must be between 0 and 3600 seconds.")
        with self.transaction() as db:
            db.execute(
                "INSERT INTO guild_settings (guild_id, ask_cooldown_seconds) VALUES (?, ?) "
                "ON CONFLICT (guild_id) DO UPDATE SET ask_cooldown_seconds = excluded.ask_cooldown_seconds",
                (guild_id, seconds),
            )

    # ------------------------------------------------------------------ feedback and counters

    def record_feedback(
        self,
        *,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int,
        question: str,
        passage_id: str | None,
        helpful: bool,
    ) -> None:
        """Record (or change) a member's helpful / not helpful vote on an answer."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO feedback (guild_id, channel_id, user_id, question, passage_id, helpful, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, question, passage_id) "
                "DO UPDATE SET helpful = excluded.helpful, at = excluded.at",
                (guild_id, channel_id, user_id, question, passage_id, int(helpful), time.time()),
            )

    def feedback_summary(self, guild_id: int | None = None) -> dict[str, int]:
        """Counts of helpful / not helpful votes (for one server, or all)."""
        query = "SELECT helpful, COUNT(*) FROM feedback"
        args: tuple[object, ...] = ()
        if guild_id is not None:
            query += " WHERE guild_id = ?"
            args = (guild_id,)
        with self._lock:
            rows = dict(self._db.execute(query + " GROUP BY helpful", args).fetchall())
        return {"helpful": rows.get(1, 0), "not_helpful": rows.get(0, 0)}

    def record_answer(
        self,
        *,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int,
        question: str,
        passage_id: str | None,
    ) -> int:
        """Keep an answer so votes on it can be recorded later; returns its id."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO answers (guild_id, channel_id, user_id, question, passage_id, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (guild_id, channel_id, user_id, question, passage_id, time.time()),
            )
            return int(cursor.lastrowid or 0)

    def answer_record(self, answer_id: int) -> AnswerRecord | None:
        """An answer kept by :meth:`record_answer` (None if unknown)."""
        with self._lock:
            row = self._db.execute(
                "SELECT id, guild_id, channel_id, user_id, question, passage_id FROM answers WHERE id = ?",
                (answer_id,),
            ).fetchone()
        return AnswerRecord(*row) if row else None

    def increment(self, name: str, by: int = 1) -> int:
        """Add to a named counter (answers served, ...) and return its new value."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO counters (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
                (name, by),
            )
            return int(db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()[0])

    def counter(self, name: str) -> int:
        """A named counter's value (0 if never incremented)."""
        with self._lock:
            row = self._db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    # ------------------------------------------------------------------ debate prompts

    def prompt_cycle(self, channel_key: str) -> tuple[int, list[str]]:
        """A channel's current cycle and the prompt ids it has had in that cycle, oldest first."""
        with self._lock:
            row = self._db.execute(
                "SELECT MAX(cycle) FROM prompt_history WHERE channel_key = ?", (channel_key,)
            ).fetchone()
            cycle = int(row[0]) if row and row[0] is not None else 1
            used = [
                r[0]
                for r in self._db.execute(
                    "SELECT prompt_id FROM prompt_history WHERE channel_key = ? AND cycle = ? ORDER BY id",
                    (channel_key, cycle),
                )
            ]
        return cycle, used

    def record_prompt(
        self, channel_key: str, prompt_id: str, cycle: int, source: str, at: float | None = None
    ) -> None:
        """Remember that `prompt_id` was dealt to a channel (source: debate, schedule, now...)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO prompt_history (channel_key, prompt_id, cycle, source, at) "
                "VALUES (?, ?, ?, ?, ?)",
                (channel_key, prompt_id, cycle, source, time.time() if at is None else at),
            )

    def prompt_history(self, channel_key: str, limit: int = 50) -> list[tuple[str, int, str, float]]:
        """The newest prompts dealt to a channel: (prompt id, cycle, source, time)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT prompt_id, cycle, source, at FROM prompt_history WHERE channel_key = ? "
                "ORDER BY id DESC LIMIT ?",
                (channel_key, limit),
            ).fetchall()
        return [(str(a), int(b), str(c), float(d)) for a, b, c, d in rows]

    def forget_prompt(self, channel_key: str, prompt_id: str, cycle: int) -> None:
        """Undo the newest :meth:`record_prompt` of `prompt_id` (a post that never reached the channel)."""
        with self.transaction() as db:
            db.execute(
                "DELETE FROM prompt_history WHERE id = (SELECT MAX(id) FROM prompt_history "
                "WHERE channel_key = ? AND prompt_id = ? AND cycle = ?)",
                (channel_key, prompt_id, cycle),
            )

    # ------------------------------------------------------------------ daily prompts

    def schedule(self, guild_id: int) -> Schedule | None:
        """A server's daily-prompt schedule, if it has one."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {_SCHEDULE_COLUMNS} FROM schedules WHERE guild_id = ?", (guild_id,)
            ).fetchone()
        return _schedule(row) if row else None

    def schedules(self, *, active_only: bool = False) -> list[Schedule]:
        """Every server's schedule (only those not paused, with `active_only`)."""
        query = f"SELECT {_SCHEDULE_COLUMNS} FROM schedules"
        if active_only:
            query += " WHERE paused = 0"
        with self._lock:
            rows = self._db.execute(query + " ORDER BY guild_id").fetchall()
        return [_schedule(r) for r in rows]

    def save_schedule(self, schedule: Schedule) -> None:
        """Create or replace a server's schedule."""
        s = schedule
        with self.transaction() as db:
            db.execute(
                f"INSERT OR REPLACE INTO schedules ({_SCHEDULE_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            )

    def set_schedule_paused(self, guild_id: int, paused: bool, at: float | None = None) -> Schedule | None:
        """Pause or resume a schedule (resuming starts afresh: nothing missed meanwhile is due).

        Returns the changed schedule, or None if the server has none.
        """
        stamp = time.time() if at is None else at
        with self.transaction() as db:
            if paused:
                db.execute(
                    "UPDATE schedules SET paused = 1, updated_at = ? WHERE guild_id = ?", (stamp, guild_id)
                )
            else:
                db.execute(
                    "UPDATE schedules SET paused = 0, active_since = ?, updated_at = ? "
                    "WHERE guild_id = ? AND paused = 1",
                    (stamp, stamp, guild_id),
                )
        return self.schedule(guild_id)

    def delete_schedule(self, guild_id: int) -> bool:
        """Remove a server's schedule (its post history stays). Returns whether there was one."""
        with self.transaction() as db:
            return db.execute("DELETE FROM schedules WHERE guild_id = ?", (guild_id,)).rowcount > 0

    def last_slot_date(self, guild_id: int) -> date | None:
        """The newest local date with a scheduled post claimed (posted, failed or skipped)."""
        with self._lock:
            row = self._db.execute(
                "SELECT MAX(local_date) FROM scheduled_posts WHERE guild_id = ? AND local_date IS NOT NULL",
                (guild_id,),
            ).fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    def claim_slot(
        self, guild_id: int, channel_id: int, local_date: date, slot_at: float, at: float | None = None
    ) -> int | None:
        """Claim a server's post for a local date before sending it: the row's id, or None if taken.

        The (server, date) key is unique, so two schedulers (or a restart) can never both win.
        """
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO scheduled_posts "
                "(guild_id, channel_id, kind, local_date, slot_at, status, created_at) "
                "VALUES (?, ?, 'schedule', ?, ?, 'claimed', ?)",
                (guild_id, channel_id, local_date.isoformat(), slot_at, time.time() if at is None else at),
            )
            return int(cursor.lastrowid) if cursor.rowcount else None

    def record_skipped(
        self, guild_id: int, channel_id: int, local_date: date, slot_at: float, reason: str
    ) -> bool:
        """Log a slot that was missed and will not be posted. Returns False if it was already claimed."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO scheduled_posts "
                "(guild_id, channel_id, kind, local_date, slot_at, status, problems, created_at) "
                "VALUES (?, ?, 'schedule', ?, ?, 'skipped', ?, ?)",
                (guild_id, channel_id, local_date.isoformat(), slot_at, reason, time.time()),
            )
            return cursor.rowcount > 0

    def start_post(self, guild_id: int, channel_id: int, kind: str = "now", at: float | None = None) -> int:
        """Open a row for a post made on demand (`/prompt now`); returns its id."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO scheduled_posts (guild_id, channel_id, kind, status, created_at) "
                "VALUES (?, ?, ?, 'claimed', ?)",
                (guild_id, channel_id, kind, time.time() if at is None else at),
            )
            return int(cursor.lastrowid or 0)

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
        """Record how a claimed post ended."""
        with self.transaction() as db:
            db.execute(
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
            )

    def recent_posts(self, guild_id: int, limit: int = 10) -> list[PostRecord]:
        """A server's newest posts (scheduled, on demand and skipped), newest first."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_POST_COLUMNS} FROM scheduled_posts WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
                (guild_id, limit),
            ).fetchall()
        return [_post(r) for r in rows]
