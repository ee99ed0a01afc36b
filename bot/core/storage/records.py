"""What the store hands back: one frozen dataclass per kind of row, and the row converters."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.scheduling.schedule import Schedule, days_from_code

DEFAULT_COOLDOWN = 10.0
CLAIM_LEASE = 120.0  # seconds a claimed post stays reserved for the process that claimed it


@dataclass(frozen=True)
class GuildSettings:
    """A server's configuration."""

    guild_id: int
    moderator_role_id: int | None = None
    ask_cooldown_seconds: float = DEFAULT_COOLDOWN
    language: str | None = None  # for the server's public posts (None: English)


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


POST_COLUMNS = (
    "id, guild_id, channel_id, kind, local_date, slot_at, status, prompt_id, cycle, message_id, "
    "thread_id, problems, created_at, posted_at"
)
SCHEDULE_COLUMNS = (
    "guild_id, channel_id, post_time, timezone, days, thread, poll, role_id, paused, active_since, updated_at"
)


def post_from_row(row: tuple) -> PostRecord:
    """A row of POST_COLUMNS as a record."""
    values = list(row)
    values[11] = tuple(p for p in str(values[11] or "").split("\n") if p)
    return PostRecord(*values)


def schedule_from_row(row: tuple) -> Schedule:
    """A row of SCHEDULE_COLUMNS as a schedule."""
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
