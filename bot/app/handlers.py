"""What Agora does for each command, shared by the Discord cogs and the console.

Nothing here knows about Discord: a handler takes the :class:`Services`, the command's
arguments and who is calling (:class:`Caller`), and returns a :class:`~bot.app.reply.Reply`.
Every blocking call (retrieval, reload, SQLite) runs in a worker thread, so the event loop
stays free while answers are found. Moderator checks are enforced by the calling layer
(an app-command check on Discord) and again here, so no surface can skip them.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from bot.app import limits
from bot.app.insights import group_questions
from bot.app.ratelimit import RateLimiter, wait_message
from bot.app.reload_report import reload_details
from bot.app.render import first_sentence, render_answer
from bot.app.reply import EmbedField, EmbedSpec, Reply
from bot.app.scheduler import PostResult, Scheduler, upcoming_slot, utc_now
from bot.app.service import Agora, AmbiguousParagraph
from bot.core.reading.passages import Passage, ReadingError
from bot.core.scheduling.schedule import Schedule, ScheduleError, Slot
from bot.core.search.embedder import ModelError
from bot.core.search.index import IndexProblem
from bot.core.search.retrieval import QuestionError, clean_question
from bot.core.storage.recorder import GuildSettingsCache, Recorder
from bot.core.storage.store import DEFAULT_COOLDOWN, GuildSettings, PostRecord, Store
from bot.core.text.safe import clean_input, finite_number, neutralise

log = logging.getLogger(__name__)
T = TypeVar("T")

ANSWERS_SERVED = "answers_served"
NOT_MODERATOR = (
    "Only moderators can do that: members with the Manage Server permission, "
    "or the role set with `/config moderator-role`."
)
NOT_IN_SERVER = "Server settings only exist in a server: use this command in one."
SHOWN_QUESTION_CHARS = 300
SOURCE_HEADING_CHARS = 300
SOURCE_FOOTER_CHARS = 160  # room kept for "Page 2 of 9: the next is /source …"
MAX_TOPIC_CHARS = 200
DISCORD_ID_LIMIT = 2**63  # snowflakes are signed 64-bit: SQLite INTEGER and BIGINT both hold them
STATUS_READ_WAIT = 1.0
RECORD_WAIT = 0.3  # seconds an answer waits for its record (for the vote buttons) before going without


@dataclass(frozen=True)
class Caller:
    """Who is asking, and where."""

    user_id: int
    guild_id: int | None = None
    channel_id: int | None = None
    is_moderator: bool = False

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
    settings_cache: GuildSettingsCache = field(init=False)

    def __post_init__(self) -> None:
        self.settings_cache = GuildSettingsCache(self.store, self.recorder)

    def now(self) -> datetime:
        """The current time (the scheduler's clock, so tests can move both together)."""
        return self.scheduler.now() if self.scheduler is not None else self.clock()

    async def guild_settings(self, guild_id: int) -> GuildSettings:
        """A server's settings without waiting on a busy state file (memory or defaults then)."""
        return await self.settings_cache.get(guild_id)


# ---------------------------------------------------------------------------------------- /ask


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


async def check_ask(ctx: Services, question: str, caller: Caller) -> Reply | None:
    """A short private refusal if the question cannot be asked now (empty, rate limit), else None.

    Cheap enough to run before Discord's 3-second acknowledgement, so a refusal can still
    be ephemeral.
    """
    try:
        clean_question(clean_input(question))
    except QuestionError as exc:
        return Reply(str(exc), ephemeral=True)
    return await check_rate(ctx, caller)


def _record_answer(ctx: Services, caller: Caller, question: str, passage_id: str | None) -> int | None:
    """Count the answer and keep it (blocking; run by the recorder).

    An answer with a passage is kept for votes (its id, for the buttons); a question the
    reading did not cover is kept without one, for /insights (and gets no buttons).
    """
    ctx.store.increment(ANSWERS_SERVED)
    answer_id = ctx.store.record_answer(
        guild_id=caller.guild_id,
        channel_id=caller.channel_id,
        user_id=caller.user_id,
        question=question,
        passage_id=passage_id,
    )
    return answer_id if passage_id is not None else None


async def answer_question(
    ctx: Services, question: str, caller: Caller, *, quote_question: bool = False, console: bool = False
) -> Reply:
    """Find the passage that answers `question`, in one message; record it afterwards.

    The answer never waits on the state file: the record (for the counter and the vote
    buttons) is queued with the recorder. When it is written within a moment the reply
    carries its id (the buttons); otherwise :attr:`Reply.pending_feedback` has it later.
    """
    conversation = f"{caller.channel_key}:{caller.user_id}"
    answer = await asyncio.to_thread(ctx.agora.ask, clean_input(question), 3, conversation)
    best = answer.hits[0].passage if answer.answered and answer.hits else None
    recorded = ctx.recorder.submit(
        "an answer",
        lambda: _record_answer(ctx, caller, answer.question, best.id if best else None),
    )
    head = ""
    if quote_question:
        head = f"**Q:** {neutralise(limits.trim(answer.question, SHOWN_QUESTION_CHARS))}\n"
    more = (
        "_Shown in part: the whole paragraph is `/source {paragraph} {document}`._"
        if console
        else "_Shown in part: the whole paragraph is `/source paragraph:{paragraph} document:{document}`._"
    )
    text = head + render_answer(answer, limit=limits.CONTENT - len(head), more=more)
    answer_id: int | None = None
    if best is not None:
        try:
            answer_id = await asyncio.wait_for(asyncio.shield(recorded), RECORD_WAIT)
        except TimeoutError:
            return Reply(text, pending_feedback=recorded)
    return Reply(text, feedback=answer_id)


async def handle_ask(
    ctx: Services, question: str, caller: Caller, *, quote_question: bool = False, console: bool = False
) -> Reply:
    """`/ask`: the checks, then the answer."""
    refusal = await check_ask(ctx, question, caller)
    if refusal is not None:
        return refusal
    return await answer_question(ctx, question, caller, quote_question=quote_question, console=console)


def _record_vote(ctx: Services, caller: Caller, answer_id: int, helpful: bool) -> bool:
    """Record a vote on a kept answer (blocking; run by the recorder). False if unknown."""
    record = ctx.store.answer_record(answer_id)
    if record is None:
        return False
    ctx.store.record_feedback(
        guild_id=record.guild_id,
        channel_id=record.channel_id,
        user_id=caller.user_id,
        question=record.question,
        passage_id=record.passage_id,
        helpful=helpful,
    )
    return True


async def handle_feedback(ctx: Services, caller: Caller, answer_id: int, helpful: bool) -> Reply:
    """A helpful / not helpful vote on an answer, kept for moderators (/status, /insights)."""
    refusal = await check_rate(ctx, caller)
    if refusal is not None:
        return refusal
    recorded = ctx.recorder.submit("a vote", lambda: _record_vote(ctx, caller, answer_id, helpful))
    try:
        known = await asyncio.wait_for(asyncio.shield(recorded), RECORD_WAIT)
    except TimeoutError:
        known = True  # the vote waits in the queue; it will be written when the file allows
    if known is False:
        return Reply("That answer is no longer on record.", ephemeral=True)
    return Reply(f"Thanks: noted as {'helpful' if helpful else 'not helpful'}.", ephemeral=True)


# ---------------------------------------------------------------------------------------- /source


def _whole(parts: list[Passage]) -> str:
    """A paragraph's text from its overlapping windows (each repeats one sentence of the last)."""
    parts = sorted(parts, key=lambda p: p.part)
    text = parts[0].text
    for p in parts[1:]:
        sentences = p.sentence_texts()
        while sentences and text.rstrip().endswith(sentences[0].strip()):
            sentences = sentences[1:]
        if sentences:
            text = text.rstrip() + " " + p.text[p.sentences[len(p.sentences) - len(sentences)][0] :]
    return text


def _pages(block: str, size: int) -> list[str]:
    """A quoted block cut into pages of at most `size` characters (each page still a quote)."""
    return [page if page.startswith(">") else "> " + page for page in limits.split(block, size)]


def _which_document(exc: AmbiguousParagraph, console: bool) -> str:
    """The choices when several documents have the paragraph asked for."""
    lines = [f"Several documents have a ¶{exc.paragraph}. Which one?"]
    lines += [f"• {title} ({path})" for path, title in exc.choices]
    path = exc.choices[0][0]
    example = (
        f"/source {exc.paragraph} {path}" if console else f"/source paragraph:{exc.paragraph} document:{path}"
    )
    lines.append(f"Ask again with the document, for example `{example}`.")
    return "\n".join(lines)


async def handle_source(
    ctx: Services, paragraph: int, document: str | None = None, page: int = 1, *, console: bool = False
) -> Reply:
    """`/source`: one paragraph, with its neighbours' first lines for context, in one message.

    A paragraph too long for one message is shown a page at a time, with where to find the
    next page; `page` counts from 1.
    """
    document = clean_input(document).strip() or None if document is not None else None
    try:
        hits, near = await asyncio.to_thread(ctx.agora.passage, paragraph, document)
    except AmbiguousParagraph as exc:
        return Reply(neutralise(_which_document(exc, console)), ephemeral=True)
    except LookupError as exc:
        return Reply(neutralise(str(exc.args[0] if exc.args else exc)), ephemeral=True)
    first = hits[0]
    heading = f"**{first.title}, {first.place}**" + (f" · {first.section}" if first.section else "")
    heading = limits.trim(heading, SOURCE_HEADING_CHARS)
    neighbours = {p.paragraph: p for p in sorted(near, key=lambda p: (p.paragraph, -p.part))}
    context = [
        f"{'Before' if number < paragraph else 'After'}, {p.place}: “{first_sentence(p)}”"
        for number, p in sorted(neighbours.items())
    ]
    block = "\n".join("> " + line if line.strip() else ">" for line in _whole(hits).split("\n"))
    room = limits.CONTENT - len(heading) - sum(len(line) + 1 for line in context) - SOURCE_FOOTER_CHARS
    pages = _pages(block, max(room, 200))
    if not 1 <= page <= len(pages):
        return Reply(
            f"{first.place} has {len(pages)} page(s): ask for page 1 to {len(pages)}.", ephemeral=True
        )
    lines = [heading, pages[page - 1]]
    if len(pages) > 1:
        doc = first.document
        if page < len(pages):
            how = (
                f"`/source {paragraph} {doc} page={page + 1}`"
                if console
                else f"`/source paragraph:{paragraph} document:{doc} page:{page + 1}`"
            )
            lines.append(f"_Page {page} of {len(pages)}: the next is {how}._")
        else:
            lines.append(f"_Page {page} of {len(pages)} (the last)._")
    lines.extend(context)
    return Reply(limits.trim("\n".join(lines), limits.CONTENT))


# ---------------------------------------------------------------------------------------- /debate


def _get(obj: Any, name: str) -> Any:
    """A field of a prompt, whether it is an object or a mapping."""
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def render_prompt(prompt: Any) -> str:
    """A debate prompt as a message: the question, the quote it rests on, the other side."""
    lines = [f"**Debate:** {_get(prompt, 'question')}"]
    quote = _get(prompt, "quote")
    if quote:
        lines.extend("> " + line for line in str(quote).split("\n"))
        paragraph = _get(prompt, "paragraph")
        lines.append(f"— {_get(prompt, 'title')}, ¶{paragraph}")
    counter = _get(prompt, "counterpoint")
    if counter and _get(counter, "text"):
        where = f"{_get(counter, 'title')}, ¶{_get(counter, 'paragraph')}"
        lines.append(f"**Counterpoint** ({where}): {_get(counter, 'text')}")
    angles = _get(prompt, "angles") or {}
    for side in ("for", "against"):
        if _get(angles, side):
            lines.append(f"**{side.capitalize()}:** {_get(angles, side)}")
    return "\n".join(lines)


async def handle_debate(ctx: Services, topic: str | None, caller: Caller) -> Reply:
    """`/debate [topic]`: a prompt from the deck, on the topic if one is given."""
    debate = getattr(ctx.agora, "debate", None)
    if debate is None:
        return Reply("Debate prompts are not available yet.", ephemeral=True)
    topic = " ".join(clean_input(topic).split())[:MAX_TOPIC_CHARS] or None
    prompt = await asyncio.to_thread(debate, topic, caller.channel_key)
    if prompt is None:
        if topic:
            shown = neutralise(limits.trim(topic, 100))
            return Reply(
                f"No debate prompt matches “{shown}”: try `/debate` without a topic.", ephemeral=True
            )
        return Reply("The deck of debate prompts is empty for this reading.", ephemeral=True)
    return Reply(limits.trim(render_prompt(prompt), limits.CONTENT))


# ---------------------------------------------------------------------------------------- /about, /status


def _duration(seconds: float) -> str:
    seconds = int(max(0, seconds))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            whole, rest = divmod(seconds, size)
            smaller = {"d": ("h", 3600), "h": ("min", 60), "min": ("s", 1)}[unit]
            tail = rest // smaller[1]
            return f"{whole}{unit}" + (f" {tail}{smaller[0]}" if tail else "")
    return f"{seconds}s"


def _documents(status: Mapping[str, Any]) -> str:
    lines = []
    for doc in status["documents"]:
        author = f" — {doc['author']}" if doc.get("author") else ""
        lines.append(f"• {doc['title']}{author}")
    return "\n".join(lines) or "(no documents)"


DISCORD_USAGE = (
    "`/ask question` — the passage that answers it, quoted and cited\n"
    "Mention me with a question — the same, as a reply\n"
    "`/source paragraph [document]` — a paragraph whole, with its neighbours\n"
    "`/debate [topic]` — a debate prompt from the reading\n"
    "Moderators: `/reload`, `/status`, `/insights`, `/config`, `/schedule`, `/prompt now`"
)
CONSOLE_USAGE = (
    "Type a question — the passage that answers it, quoted and cited\n"
    "/source N [document] — a paragraph whole, with its neighbours\n"
    "/debate [topic] — a debate prompt from the reading\n"
    "/reload, /status, /insights, /config, /schedule, /prompt now, /help, /quit"
)


async def handle_about(ctx: Services, *, console: bool = False) -> Reply:
    """`/about`: what the reading is and how to use Agora."""
    status = await asyncio.to_thread(ctx.agora.status)
    embed = EmbedSpec(
        title="About Agora",
        description="Agora answers questions about a reading with the reading's own words: "
        "the passage that answers, quoted and cited by paragraph.\n\n**The reading**\n" + _documents(status),
        fields=(
            EmbedField("Passages", str(status["passages"]), inline=True),
            EmbedField("Model", str(status["model"]), inline=True),
            EmbedField("How to use", CONSOLE_USAGE if console else DISCORD_USAGE),
        ),
    )
    return Reply(embeds=(embed,))


async def _read_or(ctx: Services, read: Callable[[], T], default: T) -> T:
    """A read from the store within STATUS_READ_WAIT seconds, else `default` (a busy file)."""
    try:
        return await asyncio.wait_for(ctx.recorder.run_blocking(read), STATUS_READ_WAIT)
    except Exception as exc:  # busy, locked or broken: /status still answers, and says so
        ctx.recorder.health.failed(exc if not isinstance(exc, TimeoutError) else "the state file is busy")
        return default


async def handle_status(ctx: Services, caller: Caller) -> Reply:
    """`/status`: reading, model, passages, index age, uptime, latency, answers served, votes."""
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    status = await asyncio.to_thread(ctx.agora.status)
    served = await _read_or(ctx, lambda: ctx.store.counter(ANSWERS_SERVED), None)
    votes = await _read_or(ctx, lambda: ctx.store.feedback_summary(caller.guild_id), None)
    served_total = "—" if served is None else served
    votes_text = "—" if votes is None else f"{votes['helpful']} helpful · {votes['not_helpful']} not helpful"
    latency = ctx.latency()
    latency_text = f"{latency * 1000:.0f} ms" if latency is not None and math.isfinite(latency) else "—"
    fields = [
        EmbedField("Reading", _documents(status)),
        EmbedField("Model", str(status["model"]), inline=True),
        EmbedField("Passages", str(status["passages"]), inline=True),
        EmbedField("Index age", _duration(float(status["index_age_seconds"])), inline=True),
        EmbedField("Uptime", _duration(float(status["uptime_seconds"])), inline=True),
        EmbedField("Gateway latency", latency_text, inline=True),
        EmbedField("Answers served", f"{served_total} ({status['answers_served']} since start)", inline=True),
        EmbedField("Feedback", votes_text, inline=True),
        EmbedField("State store", ctx.recorder.health.describe(ctx.recorder.pending)),
        EmbedField(
            "This process",
            f"{status['shards']} · index {status['index_version']} · {status['store'] or 'no'} store",
        ),
    ]
    if status["problems"]:
        fields.append(EmbedField("Skipped files", "\n".join(map(str, status["problems"]))))
    return Reply(embeds=(EmbedSpec(title="Agora status", fields=tuple(fields)),), ephemeral=True)


# ---------------------------------------------------------------------------------------- /insights

INSIGHTS_DAYS = 30


def _cited(ctx: Services, passage_id: str | None) -> str:
    """Where an answered passage stands in the live reading."""
    if ctx.agora.ready and passage_id is not None:
        for passage in ctx.agora.snapshot.index.passages:
            if passage.id == passage_id:
                return passage.citation
    return "a passage no longer in the reading"


async def handle_insights(ctx: Services, caller: Caller, *, console: bool = False) -> Reply:
    """`/insights`: what members asked that the reading does not cover, and answers voted down.

    The most frequent uncovered questions of the last 30 days, near-duplicates grouped, so
    moderators know what to add to the reading; and the answers most often marked not helpful.
    """
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    since = ctx.now().timestamp() - INSIGHTS_DAYS * 86400
    guild = caller.guild_id
    asked = await _read_or(ctx, lambda: ctx.store.uncovered_questions(guild, since), None)
    unhelpful = await _read_or(ctx, lambda: ctx.store.unhelpful_answers(guild, since, 10), None)
    if asked is None or unhelpful is None:
        return Reply("The state store is not answering right now; try again in a minute.", ephemeral=True)
    encode = ctx.agora.embedder.encode_queries if ctx.agora.ready else None
    groups = await asyncio.to_thread(group_questions, [q for q, _ in asked], encode)
    lines = []
    for group in groups:
        line = f"• “{neutralise(limits.trim(group.question, 150))}” — {group.count}×"
        if group.others:
            also = "; ".join(f"“{neutralise(limits.trim(o, 60))}”" for o in group.others)
            line += f" (also: {also})"
        lines.append(line)
    voted = [
        f"• “{neutralise(limits.trim(question, 150))}” → {_cited(ctx, passage)} — {votes} vote(s)"
        for question, passage, votes in unhelpful
    ]
    title = f"Insights: the last {INSIGHTS_DAYS} days"
    uncovered_name = f"Not covered by the reading ({len(asked)} questions)"
    fields = (
        EmbedField(uncovered_name, "\n".join(lines) or "None: every question found a passage."),
        EmbedField("Answers marked not helpful", "\n".join(voted) or "None."),
    )
    embed = EmbedSpec(
        title=title,
        description="Questions members asked that the reading did not answer, most asked first "
        "(similar wordings grouped): candidates for what to add to the reading.",
        fields=fields,
    )
    return Reply(embeds=(embed,), ephemeral=True)


# ---------------------------------------------------------------------------------------- /reload


def _reason(exc: BaseException) -> str:
    plain = isinstance(exc, ReadingError | IndexProblem | ModelError)
    text = str(exc) if plain else f"{type(exc).__name__}: {exc}"
    return limits.trim(" ".join(text.split()), 500)


async def handle_reload(ctx: Services, caller: Caller) -> Reply:
    """`/reload`: rebuild the index from the seeds folder while answers keep coming."""
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    started = time.monotonic()
    try:
        report = await asyncio.to_thread(ctx.agora.reload)
    except Exception as exc:  # any failure: the old index stays live, and the moderator hears why
        live = len(ctx.agora.snapshot.index.passages) if ctx.agora.ready else 0
        return Reply(
            f"The reload failed, so I'm still answering from the previous index ({live} passages).\n"
            f"Why: {_reason(exc)}",
            ephemeral=True,
        )
    waited = time.monotonic() - started
    text = (
        f"Reloaded the reading: {len(report.index.passages)} passages "
        f"(+{report.added} added, −{report.removed} removed, ~{report.changed} changed) "
        f"in {report.seconds:.1f}s."
    )
    if waited > report.seconds + 1:
        text += f" (Waited {waited:.1f}s in all: another reload was running.)"
    text += "\n" + await asyncio.to_thread(reload_details, ctx.agora.settings, report)  # reads .env again
    return Reply(text, ephemeral=True)


# ---------------------------------------------------------------------------------------- /config


async def handle_config(
    ctx: Services,
    caller: Caller,
    action: str,
    *,
    role_id: int | None = None,
    role_managed: bool = False,
    cooldown: float | str | None = None,
) -> Reply:
    """`/config show`, `/config moderator-role [role]`, `/config cooldown seconds`.

    `role_managed` says the role belongs to a bot or an integration (Discord knows; the
    console cannot tell).
    """
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    guild = caller.guild_id
    if action == "moderator-role":
        if role_id is not None:
            problem = role_problem(guild, role_id, managed=role_managed)
            if problem:
                return Reply(problem, ephemeral=True)
        await asyncio.to_thread(ctx.store.set_moderator_role, guild, role_id)
        ctx.settings_cache.forget(guild)
        if role_id is None:
            return Reply("Moderator role cleared: only Manage Server counts as moderator.", ephemeral=True)
        return Reply(
            f"Moderator role set to <@&{role_id}>: its members can use /reload, /status and /config. "
            "(Discord shows those commands to Manage Server members by default; to show them to the "
            "role too, allow it under Server Settings → Integrations.)",
            ephemeral=True,
        )
    if action == "cooldown":
        try:
            seconds = finite_number(
                0 if cooldown is None else cooldown, low=0, high=3600, what="The cooldown"
            )
            await asyncio.to_thread(ctx.store.set_ask_cooldown, guild, seconds)
        except ValueError as exc:
            return Reply(str(exc), ephemeral=True)
        ctx.settings_cache.forget(guild)
        if not seconds:
            return Reply("Rate limit off: members can use commands as often as they like.", ephemeral=True)
        return Reply(
            f"Members can now use {ctx.rate.burst} commands in a row, then one every {seconds:g}s.",
            ephemeral=True,
        )
    if action == "show":
        current = await asyncio.to_thread(ctx.store.guild_settings, guild)
        role = (
            f"<@&{current.moderator_role_id}>" if current.moderator_role_id else "none (Manage Server only)"
        )
        return Reply(
            f"Moderator role: {role}\nRate limit: {ctx.rate.burst} commands in a row, then one every "
            f"{current.ask_cooldown_seconds:g}s per member",
            ephemeral=True,
        )
    return Reply(f"Unknown setting {action!r}: use show, moderator-role or cooldown.", ephemeral=True)


def role_problem(guild_id: int, role_id: int, *, managed: bool = False) -> str | None:
    """Why `role_id` cannot be the moderator role, or None if it can."""
    if not 0 < role_id < DISCORD_ID_LIMIT:
        return f"{role_id} is not a role id: role ids are positive numbers below 2^63."
    if role_id == guild_id:
        return (
            "@everyone cannot be the moderator role: every member would become a moderator. "
            "Choose a role given only to moderators."
        )
    if managed:
        return (
            "That role belongs to a bot or an integration (Discord manages who has it), so it cannot "
            "be the moderator role. Choose a role you give to moderators yourself."
        )
    return None


# ------------------------------------------------------------------------------- /schedule, /prompt now

CONSOLE_CHANNEL_NAME = "this terminal"
STALE_CLAIM_SECONDS = 600  # a claim this old never finished: the bot stopped while posting
_STATUS_WORDS = {
    "posted": "posted",
    "degraded": "posted, degraded",
    "failed": "not posted",
    "empty": "not posted",
    "skipped": "skipped",
    "claimed": "interrupted",
}


def _where_posted(channel_id: int, console: bool) -> str:
    return CONSOLE_CHANNEL_NAME if console else f"<#{channel_id}>"


def _when(slot: Slot, schedule: Schedule, now: datetime, console: bool) -> str:
    """A post time in the server's timezone, and as Discord timestamps (or relative, in the console)."""
    local = slot.at.astimezone(schedule.zone)
    text = f"{local:%a %d %b %Y, %H:%M} {local.tzname()} ({schedule.timezone})"
    unix = int(slot.at.timestamp())
    if console:
        wait = (slot.at - now).total_seconds()
        return text + (f", in {_duration(wait)}" if wait > 0 else ", due now")
    return f"{text} · <t:{unix}:F> (<t:{unix}:R>)"


def _settings_line(schedule: Schedule, console: bool) -> str:
    ping = f"pings <@&{schedule.role_id}>" if schedule.role_id else "pings nobody"
    return (
        f"{_where_posted(schedule.channel_id, console)} at {schedule.describe()} · "
        f"thread {'on' if schedule.thread else 'off'} · poll {'on' if schedule.poll else 'off'} · {ping}"
    )


def _post_line(record: PostRecord, now: datetime, console: bool) -> str:
    status = record.status
    if status == "claimed" and now.timestamp() - record.created_at < STALE_CLAIM_SECONDS:
        status_text = "being posted"
    else:
        status_text = _STATUS_WORDS.get(status, status)
    when = record.local_date or datetime.fromtimestamp(record.created_at, now.tzinfo).strftime(
        "%Y-%m-%d %H:%M UTC"
    )
    kind = "" if record.kind == "schedule" else " (/prompt now)"
    line = f"• {when}{kind}: {status_text}"
    if record.cycle and record.cycle > 1:
        line += f", cycle {record.cycle}"
    problems = list(record.problems)
    if record.status == "claimed" and status_text == "interrupted":
        problems.append("The bot stopped while posting; not retried, so that nothing is posted twice.")
    if problems:
        line += " — " + " ".join(problems)
    return limits.trim(line, 400)


async def handle_schedule_set(
    ctx: Services,
    caller: Caller,
    *,
    channel_id: int,
    time_text: str,
    timezone: str,
    days: str | None = None,
    thread: bool = True,
    poll: bool = True,
    role_id: int | None = None,
    warnings: tuple[str, ...] = (),
    console: bool = False,
) -> Reply:
    """`/schedule set`: post a prompt every day (or on chosen days) at a local time."""
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    if role_id is not None and not 0 < role_id < DISCORD_ID_LIMIT:
        return Reply(f"{role_id} is not a role id: role ids are positive numbers below 2^63.", ephemeral=True)
    now = ctx.now()
    try:
        schedule = Schedule.create(
            caller.guild_id,
            channel_id,
            time_text,
            timezone,
            days,
            thread=thread,
            poll=poll,
            role_id=role_id,
            now=now,
        )
    except ScheduleError as exc:
        return Reply(str(exc), ephemeral=True)
    await asyncio.to_thread(ctx.store.save_schedule, schedule)
    if ctx.scheduler is not None:
        ctx.scheduler.wake()
    slot = await asyncio.to_thread(upcoming_slot, ctx.store, schedule, now)
    lines = [f"Daily debate prompts set: {_settings_line(schedule, console)}."]
    if slot is not None:
        lines.append(f"Next post: {_when(slot, schedule, now, console)}.")
    lines.extend(f"⚠️ {w}" for w in warnings)
    return Reply("\n".join(lines), ephemeral=True)


async def handle_schedule(ctx: Services, caller: Caller, action: str, *, console: bool = False) -> Reply:
    """`/schedule show`, `/schedule pause`, `/schedule resume`, `/schedule off`."""
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    guild = caller.guild_id
    now = ctx.now()
    if action in ("pause", "resume"):
        current = await asyncio.to_thread(ctx.store.schedule, guild)
        if current is None:
            return Reply(
                "There is no schedule to " + action + ": set one with `/schedule set`.", ephemeral=True
            )
        if current.paused == (action == "pause"):
            return Reply(
                f"The schedule is already {'paused' if current.paused else 'running'}.", ephemeral=True
            )
        changed = await asyncio.to_thread(
            ctx.store.set_schedule_paused, guild, action == "pause", now.timestamp()
        )
        if ctx.scheduler is not None:
            ctx.scheduler.wake()
        if action == "pause":
            return Reply("Daily prompts paused. `/schedule resume` starts them again.", ephemeral=True)
        assert changed is not None
        slot = await asyncio.to_thread(upcoming_slot, ctx.store, changed, now)
        text = "Daily prompts resumed."
        if slot is not None:
            text += f" Next post: {_when(slot, changed, now, console)}."
        return Reply(text, ephemeral=True)
    if action == "off":
        removed = await asyncio.to_thread(ctx.store.delete_schedule, guild)
        if ctx.scheduler is not None:
            ctx.scheduler.wake()
        if not removed:
            return Reply("There was no schedule: nothing is posted automatically.", ephemeral=True)
        return Reply(
            "Daily prompts turned off. The rotation is kept: a new `/schedule set` carries on "
            "where it left off.",
            ephemeral=True,
        )
    if action == "show":
        return await _schedule_show(ctx, guild, now, console)
    return Reply(f"Unknown action {action!r}: use set, show, pause, resume or off.", ephemeral=True)


async def _schedule_show(ctx: Services, guild: int, now: datetime, console: bool) -> Reply:
    schedule = await asyncio.to_thread(ctx.store.schedule, guild)
    posts = await asyncio.to_thread(ctx.store.recent_posts, guild, 10)
    lines: list[str] = []
    if schedule is None:
        lines.append(
            "No daily prompts are scheduled. Set them up with `/schedule set channel time timezone`."
        )
    else:
        state = "paused" if schedule.paused else "on"
        lines.append(f"**Daily debate prompts** ({state}): {_settings_line(schedule, console)}")
        slot = None if schedule.paused else await asyncio.to_thread(upcoming_slot, ctx.store, schedule, now)
        if slot is not None:
            lines.append(f"Next post: {_when(slot, schedule, now, console)}")
        elif schedule.paused:
            lines.append("Next post: none while paused (`/schedule resume`).")
    if posts:
        newest = posts[0]
        lines.append("Latest: " + _post_line(newest, now, console).removeprefix("• "))
        troubled = [
            p for p in posts[1:] if p.problems or p.status in ("failed", "empty", "skipped", "claimed")
        ]
        if troubled:
            lines.append("**Recent problems**")
            lines.extend(_post_line(p, now, console) for p in troubled[:5])
    return Reply("\n".join(lines), ephemeral=True)


def _describe_result(result: PostResult, console: bool) -> str:
    where = _where_posted(result.channel_id, console)
    cycle = f" (cycle {result.cycle})" if result.cycle and result.cycle > 1 else ""
    if result.status == "posted":
        return f"Posted the next debate prompt in {where}{cycle}."
    if result.status == "degraded":
        return f"Posted the next debate prompt in {where}{cycle}. " + " ".join(result.problems)
    return " ".join(result.problems) or f"Nothing was posted in {where}."


async def handle_prompt_now(ctx: Services, caller: Caller, *, console: bool = False) -> Reply:
    """`/prompt now`: the next prompt at once, in the scheduled channel (or here); it counts as used."""
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    if ctx.scheduler is None:
        return Reply("Posting prompts is not available right now; try again in a minute.", ephemeral=True)
    result = await ctx.scheduler.post_now(caller.guild_id, caller.channel_id)
    return Reply(_describe_result(result, console), ephemeral=True)
