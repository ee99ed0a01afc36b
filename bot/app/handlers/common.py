"""What every handler shares: who is calling, the services, moderator and rate checks.

Nothing in :mod:`bot.app.handlers` knows about Discord: a handler takes the :class:`Services`,
the command's arguments and who is calling (:class:`Caller`), and returns a
:class:`~bot.app.reply.Reply`. Every blocking call (retrieval, reload, the store) runs in a
worker thread, so the event loop stays free. Moderator checks are enforced by the calling
layer (an app-command check on Discord) and again here, so no surface can skip them.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from bot.app import limits
from bot.app.i18n import t
from bot.app.ratelimit import RateLimiter, wait_message
from bot.app.reply import Reply
from bot.app.scheduler import Scheduler, utc_now
from bot.app.service import Agora
from bot.core.components import ComponentKey
from bot.core.reading.passages import ReadingError
from bot.core.search.embedder import ModelError
from bot.core.search.index import IndexProblem
from bot.core.storage.recorder import GuildSettingsCache, Recorder
from bot.core.storage.store import DEFAULT_COOLDOWN, GuildSettings, Store
from bot.core.text.safe import neutralise

log = logging.getLogger(__name__)


T = TypeVar("T")


ANSWERS_SERVED = "answers_served"


NOT_MODERATOR = (
    "Only moderators can do that: members with the Manage Server permission, "
    "or the role set with `/config moderator-role`."
)


NOT_IN_SERVER = "Server settings only exist in a server: use this command in one."


DISCORD_ID_LIMIT = 2**63  # snowflakes are signed 64-bit: SQLite INTEGER and BIGINT both hold them


STATUS_READ_WAIT = 1.0


FATES = ("edited", "orphaned")  # a reference's passage since a new version of its reading

BINDING_WAIT = 1.0  # seconds an answer waits at most to learn which reading its channel uses


@dataclass(frozen=True)
class Caller:
    """Who is asking, and where."""

    user_id: int
    guild_id: int | None = None
    channel_id: int | None = None
    is_moderator: bool = False
    manages_server: bool = False  # has Manage Server itself (not only the moderator role)
    language: str = "en"  # the member's own language, for private replies (bot.app.i18n)
    parent_id: int | None = None  # a thread's channel or forum (whose reading the thread inherits)

    @property
    def channel_key(self) -> str:
        """A stable name for the conversation (debate prompts avoid repeats per channel).

        In a server it is the one the daily prompts use ("guild:channel"), so /debate and the
        scheduled posts share one rotation.
        """
        guild = "dm" if self.guild_id is None else self.guild_id
        return f"{guild}:{self.channel_id or self.user_id}"


@dataclass
class Services:
    """Everything a handler needs, built once and passed down."""

    agora: Agora
    store: Store
    rate: RateLimiter = field(default_factory=RateLimiter)  # one per-member limit for every command
    latency: Callable[[], float | None] = lambda: None  # gateway latency in seconds, if connected
    scheduler: Scheduler | None = None  # daily prompts: set by the schedule extension or the console
    clock: Callable[[], datetime] = utc_now  # aware UTC; the scheduler's clock when there is one
    recorder: Recorder = field(default_factory=Recorder)  # writes made after the reply, best-effort
    components: ComponentKey = field(default_factory=ComponentKey.ephemeral)  # signs button ids
    settings_cache: GuildSettingsCache = field(init=False)

    def __post_init__(self) -> None:
        self.settings_cache = GuildSettingsCache(self.store, self.recorder)

    def now(self) -> datetime:
        """The current time (the scheduler's clock, so tests can move both together)."""
        return self.scheduler.now() if self.scheduler is not None else self.clock()

    async def guild_settings(self, guild_id: int) -> GuildSettings:
        """A server's settings without waiting on a busy state file (memory or defaults then)."""
        return await self.settings_cache.get(guild_id)

    async def shown(self, guild_id: int | None) -> Callable[[str], str]:
        """The neutraliser for text shown in this server (web links clickable if it allows them)."""
        links = guild_id is not None and (await self.guild_settings(guild_id)).allow_links
        return functools.partial(neutralise, links=links)


async def channel_agora(ctx: Services, caller: Caller | None) -> Agora:
    """The Agora of the reading the caller's channel draws on (its own, its parent's, the server's).

    Without server readings (or a caller), the seeds folder's. Loads the reading's index the
    first time, in a worker thread.
    """
    library = getattr(ctx.agora, "readings", None)
    if caller is None or caller.guild_id is None or library is None:
        return ctx.agora
    try:  # which reading: never waits long on a busy store (the seeds folder's answers then)
        name = await asyncio.wait_for(
            asyncio.to_thread(library.reading_name, caller.guild_id, caller.channel_id, caller.parent_id),
            BINDING_WAIT,
        )
    except Exception as exc:
        log.warning(
            "Could not tell channel %s's reading (%s); answering from the seeds", caller.channel_id, exc
        )
        return ctx.agora
    if name == library.SEEDS:
        return ctx.agora
    return await asyncio.to_thread(library.agora_for, caller.guild_id, caller.channel_id, caller.parent_id)


async def server_readings(ctx: Services, caller: Caller | None) -> list[Agora]:
    """Where a server's references may point: the channel's reading, the seeds', the server's others.

    In that order, each once: /standings and /insights look a stored prompt or passage up in
    each in turn (a vote may come from a channel on another reading).
    """
    found = [await channel_agora(ctx, caller), ctx.agora]
    library = getattr(ctx.agora, "readings", None)
    if library is not None and caller is not None and caller.guild_id is not None:
        try:
            found += await asyncio.to_thread(library.server_readings, caller.guild_id)
        except Exception as exc:  # the store is away: the channel's and the seeds' only
            log.warning("Could not list server %s's readings: %s", caller.guild_id, exc)
    unique: dict[int, Agora] = {}
    for agora in found:
        if agora.ready:
            unique.setdefault(id(agora), agora)
    return list(unique.values())


def fate_mark(fate: str | None, language: str | None = None) -> str:
    """What follows a shown reference whose passage changed in a new version of its reading.

    " (edited since)" when it was re-pointed to the passage's new version, " (this passage
    changed since)" when it was orphaned, "" otherwise.
    """
    return f" ({t('fate.' + fate, language)})" if fate in FATES else ""


async def check_rate(ctx: Services, caller: Caller) -> Reply | None:
    """The per-member rate limit every member command shares: a private refusal, or None.

    Moderators are exempt. The server's cooldown setting is the seconds it takes to earn
    one command back (see :mod:`bot.app.ratelimit`). Never waits on the state file, so it
    can run before Discord's 3-second acknowledgement.
    """
    if caller.is_moderator:
        return None
    seconds = DEFAULT_COOLDOWN
    if caller.guild_id is not None:
        seconds = (await ctx.guild_settings(caller.guild_id)).ask_cooldown_seconds
    wait = ctx.rate.try_acquire((caller.guild_id, caller.user_id), seconds)
    return Reply(wait_message(wait), ephemeral=True) if wait > 0 else None


def duration(seconds: float) -> str:
    """A span of time in at most two units ("2h 5min", "40s")."""
    seconds = int(max(0, seconds))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            whole, rest = divmod(seconds, size)
            smaller = {"d": ("h", 3600), "h": ("min", 60), "min": ("s", 1)}[unit]
            tail = rest // smaller[1]
            return f"{whole}{unit}" + (f" {tail}{smaller[0]}" if tail else "")
    return f"{seconds}s"


async def read_or(ctx: Services, read: Callable[[], T], default: T) -> T:
    """A read from the store within STATUS_READ_WAIT seconds, else `default` (a busy file)."""
    try:
        return await asyncio.wait_for(ctx.recorder.run_blocking(read), STATUS_READ_WAIT)
    except Exception as exc:  # busy, locked or broken: /status still answers, and says so
        ctx.recorder.health.failed(exc if not isinstance(exc, TimeoutError) else "the state file is busy")
        return default


def reason(exc: BaseException) -> str:
    """What went wrong, in one line a moderator can read."""
    plain = isinstance(exc, ReadingError | IndexProblem | ModelError)
    text = str(exc) if plain else f"{type(exc).__name__}: {exc}"
    return limits.trim(" ".join(text.split()), 500)


def document_lines(status: Mapping[str, Any]) -> str:
    """The reading's documents, one line each with its author, for /about and /status.

    Titles and bylines are the reading's text: shown through the neutraliser.
    """
    lines = []
    for doc in status["documents"]:
        author = f" — {neutralise(str(doc['author']))}" if doc.get("author") else ""
        lines.append(f"• {neutralise(str(doc['title']))}{author}")
    return "\n".join(lines) or "(no documents)"
