"""Per-server state behind one interface, on SQLite (the default) or PostgreSQL.

:class:`Store` holds every query, written once; a driver (:mod:`bot.core.storage`) runs them
on its engine: :class:`~bot.core.storage.sqlite.SqliteDriver` for the file
``DATA_DIR/agora.sqlite3``, :class:`~bot.core.storage.postgres.PostgresDriver` when
``DATABASE_URL=postgresql://…`` is set. All methods are synchronous and short; async callers
use ``asyncio.to_thread`` so the event loop never waits on the database.

How to add a table or a column (it must work on both engines)
-------------------------------------------------------------
1. Append one string to :data:`MIGRATIONS` below (never edit a shipped one); its number is
   its position + 1. Statements are separated by ``;`` and run in one transaction, under a
   lock, so processes starting together migrate once.
2. Write it in the portable dialect, which is SQLite's with these words only:
   - Discord ids (guild, channel, user, role, message): ``BIGINT`` (64-bit on both engines);
     other integers ``INTEGER`` (widened to BIGINT on PostgreSQL), flags ``INTEGER`` 0/1;
   - times: ``REAL`` seconds since the epoch (DOUBLE PRECISION on PostgreSQL); text: ``TEXT``;
   - a row id: ``id INTEGER PRIMARY KEY AUTOINCREMENT`` (an identity column on PostgreSQL);
   - ``CREATE TABLE``, ``CREATE INDEX``, ``ALTER TABLE … ADD COLUMN``; no triggers, no
     engine-specific types or functions.
3. Queries use ``?`` placeholders; upserts ``INSERT … ON CONFLICT (…) DO NOTHING`` or
   ``DO UPDATE SET col = excluded.col`` (qualify the old value as ``table.col``); new ids come
   back from ``RETURNING id`` (no ``lastrowid``); no ``INSERT OR IGNORE/REPLACE``.
4. Add a method here running through ``self._db.run(lambda tx: …)`` (or ``self._db.transaction()``),
   and a test in ``tests/test_store.py``: the ``store`` fixture there runs it on both engines.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.core.scheduling.schedule import Schedule, days_code, days_from_code
from bot.core.storage.base import Driver, StoreError, StoreUnavailable, Tx
from bot.core.storage.postgres import PostgresDriver, is_postgres_url
from bot.core.storage.sqlite import SqliteDriver

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store", "StoreError", "StoreUnavailable", "open_driver"]

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
    # 5: several processes. A scheduled post's claim names its process and lasts until
    # lease_until: a claim left by a process that died mid-post is taken over after that and
    # re-sent with the same nonce (Discord keeps one message per nonce). Leases (one-per-bot
    # work, identify turns), shared key/value state (the index version), shared ask cooldowns.
    """
    ALTER TABLE scheduled_posts ADD COLUMN claimed_by TEXT;
    ALTER TABLE scheduled_posts ADD COLUMN lease_until REAL;
    CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at REAL NOT NULL
    );
    CREATE TABLE bot_state (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE ask_cooldowns (
        guild_id BIGINT NOT NULL,
        user_id BIGINT NOT NULL,
        last_at REAL NOT NULL,
        PRIMARY KEY (guild_id, user_id)
    );
    """,
    # 6: moderators curate the deck per server: prompts removed or rephrased (the quote stays),
    # and prompts of their own or members' suggestions (pending, approved or rejected).
    """
    CREATE TABLE prompt_curation (
        guild_id BIGINT NOT NULL,
        prompt_id TEXT NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0,
        question TEXT,
        by_user BIGINT,
        at REAL NOT NULL,
        PRIMARY KEY (guild_id, prompt_id)
    );
    CREATE TABLE custom_prompts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id BIGINT NOT NULL,
        passage_id TEXT NOT NULL,
        quote TEXT NOT NULL,
        question TEXT NOT NULL,
        author_id BIGINT NOT NULL,
        status TEXT NOT NULL,
        created_at REAL NOT NULL,
        reviewed_by BIGINT,
        reviewed_at REAL
    );
    CREATE INDEX custom_prompts_guild ON custom_prompts (guild_id, status);
    """,
    # 7: a daily prompt's poll result is posted in its thread once, whichever process sees it end.
    """
    CREATE INDEX scheduled_posts_message ON scheduled_posts (message_id);
    CREATE TABLE poll_results (
        message_id BIGINT PRIMARY KEY,
        guild_id BIGINT,
        at REAL NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
DEFAULT_COOLDOWN = 10.0
CLAIM_LEASE = 120.0  # seconds a claimed post stays reserved for the process that claimed it


def open_driver(target: Path | str) -> Driver:
    """The driver for a SQLite path or a ``postgresql://`` URL."""
    if isinstance(target, str) and is_postgres_url(target):
        return PostgresDriver(target)
    return SqliteDriver(Path(target))


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
class CustomPrompt:
    """A moderator's own prompt, or a member's suggestion (pending, approved or rejected)."""

    id: int
    guild_id: int
    passage_id: str
    quote: str
    question: str
    author_id: int
    status: str  # pending, approved, rejected
    created_at: float


@dataclass(frozen=True)
class Curation:
    """A server's changes to the deck: prompts removed, questions rephrased, its own prompts."""

    removed: frozenset[str]
    edits: dict[str, str]
    custom: tuple[CustomPrompt, ...]  # approved ones, oldest first


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
    """Agora's state, on the engine its driver speaks. Safe to share between threads."""

    def __init__(self, target: Path | str | Driver, *, migrate: bool = True) -> None:
        """Open `target` (a SQLite path, a ``postgresql://`` URL, or a driver) and migrate it."""
        self._db = target if isinstance(target, Driver) else open_driver(target)
        self.target: Path | str = (
            self._db.url if isinstance(self._db, PostgresDriver) else Path(self._db.where)
        )
        self.migrated_from: int | None = None  # the version found on opening (None: not migrated)
        if migrate:
            try:
                self.migrated_from, _ = self._db.migrate(MIGRATIONS)
            except BaseException:
                self._db.close()
                raise

    @property
    def path(self) -> Path | str:
        """What to open again for the same data (the SQLite path, or the URL)."""
        return self.target

    @property
    def engine(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._db.engine

    @property
    def driver(self) -> Driver:
        """The driver (for tests and tools that need the engine itself)."""
        return self._db

    @property
    def where(self) -> str:
        """Where the data lives, for people (no password)."""
        return self._db.where

    def close(self) -> None:
        """Release the file or the connections."""
        self._db.close()

    def transaction(self) -> AbstractContextManager[Tx]:
        """Run portable statements atomically (committed at the end, rolled back on error)."""
        return self._db.transaction()

    @property
    def schema_version(self) -> int:
        """The schema version of the database."""
        return self._db.run(self._db.read_version, retries=1)

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:
        """Rows of one query (retried once after a lost connection: reading is safe to repeat)."""
        return self._db.run(lambda tx: [tuple(r) for r in tx.execute(sql, params).fetchall()], retries=1)

    def _one(self, sql: str, params: tuple[object, ...] = ()) -> tuple | None:
        rows = self._read(sql, params)
        return rows[0] if rows else None

    def _write(self, sql: str, params: tuple[object, ...] = (), *, retries: int = 0) -> int:
        """Run one statement in its own transaction; its row count."""
        return self._db.run(lambda tx: tx.execute(sql, params).rowcount, retries=retries)

    # ------------------------------------------------------------------ settings

    def guild_settings(self, guild_id: int) -> GuildSettings:
        """A server's settings (defaults when it has none)."""
        row = self._one(
            "SELECT moderator_role_id, ask_cooldown_seconds FROM guild_settings WHERE guild_id = ?",
            (guild_id,),
        )
        if row is None:
            return GuildSettings(guild_id)
        role, cooldown = row
        return GuildSettings(guild_id, role, DEFAULT_COOLDOWN if cooldown is None else float(cooldown))

    def set_moderator_role(self, guild_id: int, role_id: int | None) -> None:
        """Set (or clear, with None) the role that counts as moderator."""
        self._write(
            "INSERT INTO guild_settings (guild_id, moderator_role_id) VALUES (?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET moderator_role_id = excluded.moderator_role_id",
            (guild_id, role_id),
            retries=1,
        )

    def set_ask_cooldown(self, guild_id: int, seconds: float) -> None:
        """Set the per-member cooldown between questions (0 disables it)."""
        if seconds < 0 or seconds > 3600:
            raise ValueError("The cooldown must be between 0 and 3600 seconds.")
        self._write(
            "INSERT INTO guild_settings (guild_id, ask_cooldown_seconds) VALUES (?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET ask_cooldown_seconds = excluded.ask_cooldown_seconds",
            (guild_id, seconds),
            retries=1,
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
        self._write(
            "INSERT INTO feedback (guild_id, channel_id, user_id, question, passage_id, helpful, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, question, passage_id) "
            "DO UPDATE SET helpful = excluded.helpful, at = excluded.at",
            (guild_id, channel_id, user_id, question, passage_id, int(helpful), time.time()),
            retries=1,
        )

    def feedback_summary(self, guild_id: int | None = None) -> dict[str, int]:
        """Counts of helpful / not helpful votes (for one server, or all)."""
        query = "SELECT helpful, COUNT(*) FROM feedback"
        args: tuple[object, ...] = ()
        if guild_id is not None:
            query += " WHERE guild_id = ?"
            args = (guild_id,)
        rows = {int(h): int(n) for h, n in self._read(query + " GROUP BY helpful", args)}
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
        return self._db.run(
            lambda tx: int(
                tx.execute(
                    "INSERT INTO answers (guild_id, channel_id, user_id, question, passage_id, at) "
                    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    (guild_id, channel_id, user_id, question, passage_id, time.time()),
                ).fetchone()[0]
            )
        )

    def answer_record(self, answer_id: int) -> AnswerRecord | None:
        """An answer kept by :meth:`record_answer` (None if unknown)."""
        row = self._one(
            "SELECT id, guild_id, channel_id, user_id, question, passage_id FROM answers WHERE id = ?",
            (answer_id,),
        )
        return AnswerRecord(*row) if row else None

    def increment(self, name: str, by: int = 1) -> int:
        """Add to a named counter (answers served, ...) and return its new value."""
        return self._db.run(
            lambda tx: int(
                tx.execute(
                    "INSERT INTO counters (name, value) VALUES (?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value "
                    "RETURNING value",
                    (name, by),
                ).fetchone()[0]
            )
        )

    def counter(self, name: str) -> int:
        """A named counter's value (0 if never incremented)."""
        row = self._one("SELECT value FROM counters WHERE name = ?", (name,))
        return int(row[0]) if row else 0

    def uncovered_questions(
        self, guild_id: int | None, since: float, limit: int = 500
    ) -> list[tuple[str, float]]:
        """Questions the reading did not cover (answers kept without a passage), newest first."""
        query = "SELECT question, at FROM answers WHERE passage_id IS NULL AND at >= ?"
        args: tuple[object, ...] = (since,)
        if guild_id is not None:
            query += " AND guild_id = ?"
            args += (guild_id,)
        rows = self._read(query + " ORDER BY id DESC LIMIT ?", (*args, limit))
        return [(str(q), float(at)) for q, at in rows]

    def unhelpful_answers(
        self, guild_id: int | None, since: float, limit: int = 50
    ) -> list[tuple[str, str | None, int]]:
        """(question, passage id, votes) of answers voted not helpful, most votes first."""
        query = "SELECT question, passage_id, COUNT(*) FROM feedback WHERE helpful = 0 AND at >= ?"
        args: tuple[object, ...] = (since,)
        if guild_id is not None:
            query += " AND guild_id = ?"
            args += (guild_id,)
        query += " GROUP BY question, passage_id ORDER BY COUNT(*) DESC, MAX(at) DESC LIMIT ?"
        return [(str(q), p, int(n)) for q, p, n in self._read(query, (*args, limit))]

    # ------------------------------------------------------------------ debate prompts

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

    # ------------------------------------------------------------------ curating the deck

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

    # ------------------------------------------------------------------ daily prompts

    def schedule(self, guild_id: int) -> Schedule | None:
        """A server's daily-prompt schedule, if it has one."""
        row = self._one(f"SELECT {_SCHEDULE_COLUMNS} FROM schedules WHERE guild_id = ?", (guild_id,))
        return _schedule(row) if row else None

    def schedules(self, *, active_only: bool = False) -> list[Schedule]:
        """Every server's schedule (only those not paused, with `active_only`)."""
        query = f"SELECT {_SCHEDULE_COLUMNS} FROM schedules"
        if active_only:
            query += " WHERE paused = 0"
        return [_schedule(r) for r in self._read(query + " ORDER BY guild_id")]

    def save_schedule(self, schedule: Schedule) -> None:
        """Create or replace a server's schedule."""
        s = schedule
        updates = ", ".join(f"{c} = excluded.{c}" for c in _SCHEDULE_COLUMNS.split(", ")[1:])
        self._write(
            f"INSERT INTO schedules ({_SCHEDULE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
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
            f"SELECT {_POST_COLUMNS} FROM scheduled_posts WHERE status = 'claimed' AND kind = 'schedule' "
            "AND lease_until IS NOT NULL AND lease_until < ? AND created_at >= ? ORDER BY id",
            (now, since),
        )
        return [_post(r) for r in rows]

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
        row = self._one(f"SELECT {_POST_COLUMNS} FROM scheduled_posts WHERE id = ?", (post_id,))
        return _post(row) if row else None

    def post_for_message(self, message_id: int) -> PostRecord | None:
        """The daily-prompt post whose message is `message_id`, if Agora posted it."""
        row = self._one(
            f"SELECT {_POST_COLUMNS} FROM scheduled_posts WHERE message_id = ? ORDER BY id DESC LIMIT 1",
            (message_id,),
        )
        return _post(row) if row else None

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
        """Log a slot that was missed and will not be posted. Returns False if it was already claimed."""
        return (
            self._write(
                "INSERT INTO scheduled_posts (guild_id, channel_id, kind, local_date, slot_at, status, "
                "problems, created_at) VALUES (?, ?, 'schedule', ?, ?, 'skipped', ?, ?) "
                "ON CONFLICT (guild_id, local_date) DO NOTHING",
                (guild_id, channel_id, local_date.isoformat(), slot_at, reason, time.time()),
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
            f"SELECT {_POST_COLUMNS} FROM scheduled_posts WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
            (guild_id, limit),
        )
        return [_post(r) for r in rows]

    # ------------------------------------------------------------------ several processes

    def acquire_lease(self, name: str, holder: str, seconds: float, now: float | None = None) -> bool:
        """Take (or renew) the named lease for `seconds`; False while another holder has it."""
        stamp = time.time() if now is None else now
        return (
            self._write(
                "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE "
                "SET holder = excluded.holder, expires_at = excluded.expires_at "
                "WHERE leases.holder = excluded.holder OR leases.expires_at < ?",
                (name, holder, stamp + seconds, stamp),
                retries=1,
            )
            > 0
        )

    def release_lease(self, name: str, holder: str) -> None:
        """Give the lease up (only if `holder` has it)."""
        self._write("DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder), retries=1)

    def lease_holder(self, name: str, now: float | None = None) -> str | None:
        """Who holds the named lease now (None if nobody)."""
        row = self._one(
            "SELECT holder FROM leases WHERE name = ? AND expires_at >= ?",
            (name, time.time() if now is None else now),
        )
        return str(row[0]) if row else None

    def get_state(self, name: str) -> tuple[str, float] | None:
        """A shared value and when it was set (None if never)."""
        row = self._one("SELECT value, updated_at FROM bot_state WHERE name = ?", (name,))
        return (str(row[0]), float(row[1])) if row else None

    def set_state(self, name: str, value: str, at: float | None = None) -> None:
        """Set a shared value every process can read."""
        self._write(
            "INSERT INTO bot_state (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) "
            "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (name, value, time.time() if at is None else at),
            retries=1,
        )
