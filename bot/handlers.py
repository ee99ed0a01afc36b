"""What Agora does for each command, shared by the Discord cogs and the console.

Nothing here knows about Discord: a handler takes the :class:`Services`, the command's
arguments and who is calling (:class:`Caller`), and returns a :class:`~bot.reply.Reply`.
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
from typing import Any

from bot import limits
from bot.core.embedder import ModelError
from bot.core.index import IndexProblem
from bot.core.reading import Passage, ReadingError
from bot.core.render import first_sentence, render_answer
from bot.core.retrieval import QuestionError, clean_question
from bot.core.schedule import Schedule, ScheduleError, Slot
from bot.core.scheduler import PostResult, Scheduler, upcoming_slot, utc_now
from bot.core.service import Agora
from bot.core.store import DEFAULT_COOLDOWN, PostRecord, Store
from bot.reply import EmbedField, EmbedSpec, Reply

log = logging.getLogger(__name__)

ANSWERS_SERVED = "answers_served"
NOT_MODERATOR = (
    "Only moderators can do that: members with the Manage Server permission, "
    "or the role set with `/config moderator-role`."
)
NOT_IN_SERVER = "Server settings only exist in a server: use this command in one."
SHOWN_QUESTION_CHARS = 300


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


class Cooldowns:
    """When each member last asked. Kept in memory: a restart forgives everyone."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last: dict[tuple[int | None, int], float] = {}

    def try_start(self, key: tuple[int | None, int], seconds: float) -> float:
        """Seconds left to wait, or 0.0 after stamping `key` as having asked now."""
        now = self._clock()
        last = self._last.get(key)
        if last is not None and now - last < seconds:
            return seconds - (now - last)
        self._last[key] = now
        if len(self._last) > 10_000:  # forget members whose cooldown has long passed
            self._last = {k: t for k, t in self._last.items() if now - t < 3600}
        return 0.0


@dataclass
class Services:
    """Everything a handler needs, built once and passed down."""

    agora: Agora
    store: Store
    cooldowns: Cooldowns = field(default_factory=Cooldowns)
    latency: Callable[[], float | None] = lambda: None  # gateway latency in seconds, if connected
    scheduler: Scheduler | None = None  # daily prompts: set by the schedule extension or the console
    clock: Callable[[], datetime] = utc_now  # aware UTC; the scheduler's clock when there is one

    def now(self) -> datetime:
        """The current time (the scheduler's clock, so tests can move both together)."""
        return self.scheduler.now() if self.scheduler is not None else self.clock()


# ---------------------------------------------------------------------------------------- /ask


async def check_ask(ctx: Services, question: str, caller: Caller) -> Reply | None:
    """A short private refusal if the question cannot be asked now (empty, cooldown), else None.

    Cheap enough to run before Discord's 3-second acknowledgement, so a refusal can still
    be ephemeral.
    """
    try:
        clean_question(question)
    except QuestionError as exc:
        return Reply(str(exc), ephemeral=True)
    if caller.is_moderator:
        return None
    seconds = DEFAULT_COOLDOWN
    if caller.guild_id is not None:
        seconds = (await asyncio.to_thread(ctx.store.guild_settings, caller.guild_id)).ask_cooldown_seconds
    wait = ctx.cooldowns.try_start((caller.guild_id, caller.user_id), seconds) if seconds > 0 else 0.0
    if wait > 0:
        return Reply(f"One question at a time: you can ask again in {math.ceil(wait)}s.", ephemeral=True)
    return None


async def answer_question(
    ctx: Services, question: str, caller: Caller, *, quote_question: bool = False
) -> Reply:
    """Find the passage that answers `question`; record the answer so members can vote on it."""
    answer = await asyncio.to_thread(ctx.agora.ask, question)
    best = answer.hits[0].passage if answer.answered and answer.hits else None

    def record() -> int | None:
        ctx.store.increment(ANSWERS_SERVED)
        if best is None:
            return None
        return ctx.store.record_answer(
            guild_id=caller.guild_id,
            channel_id=caller.channel_id,
            user_id=caller.user_id,
            question=answer.question,
            passage_id=best.id,
        )

    answer_id = await asyncio.to_thread(record)
    text = render_answer(answer)
    if quote_question:
        shown = limits.trim(answer.question, SHOWN_QUESTION_CHARS)
        text = f"**Q:** {shown}\n{text}"
    return Reply(text, feedback=answer_id)


async def handle_ask(ctx: Services, question: str, caller: Caller, *, quote_question: bool = False) -> Reply:
    """`/ask`: the checks, then the answer."""
    refusal = await check_ask(ctx, question, caller)
    if refusal is not None:
        return refusal
    return await answer_question(ctx, question, caller, quote_question=quote_question)


async def handle_feedback(ctx: Services, caller: Caller, answer_id: int, helpful: bool) -> Reply:
    """A helpful / not helpful vote on an answer, kept for moderators (/status)."""
    record = await asyncio.to_thread(ctx.store.answer_record, answer_id)
    if record is None:
        return Reply("That answer is no longer on record.", ephemeral=True)
    await asyncio.to_thread(
        lambda: ctx.store.record_feedback(
            guild_id=record.guild_id,
            channel_id=record.channel_id,
            user_id=caller.user_id,
            question=record.question,
            passage_id=record.passage_id,
            helpful=helpful,
        )
    )
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


async def handle_source(ctx: Services, paragraph: int, document: str | None = None) -> Reply:
    """`/source`: one paragraph whole, with its neighbours' first lines for context."""
    try:
        hits, near = await asyncio.to_thread(ctx.agora.passage, paragraph, document)
    except LookupError as exc:
        return Reply(str(exc.args[0] if exc.args else exc), ephemeral=True)
    first = hits[0]
    heading = f"**{first.title}, {first.place}**" + (f" · {first.section}" if first.section else "")
    lines = [heading]
    lines.extend("> " + line if line.strip() else ">" for line in _whole(hits).split("\n"))
    neighbours = {p.paragraph: p for p in sorted(near, key=lambda p: (p.paragraph, -p.part))}
    for number, p in sorted(neighbours.items()):
        label = "Before" if number < paragraph else "After"
        lines.append(f"{label}, {p.place}: “{first_sentence(p)}”")
    return Reply("\n".join(lines))


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
        lines.append(f"**Counterpoint** (¶{_get(counter, 'paragraph')}): {_get(counter, 'text')}")
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
    topic = " ".join((topic or "").split()) or None
    prompt = await asyncio.to_thread(debate, topic, caller.channel_key)
    if prompt is None:
        if topic:
            return Reply(
                f"No debate prompt matches “{topic}”: try `/debate` without a topic.", ephemeral=True
            )
        return Reply("The deck of debate prompts is empty for this reading.", ephemeral=True)
    return Reply(render_prompt(prompt))


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
    "Moderators: `/reload`, `/status`, `/config`, `/schedule`, `/prompt now`"
)
CONSOLE_USAGE = (
    "Type a question — the passage that answers it, quoted and cited\n"
    "/source N [document] — a paragraph whole, with its neighbours\n"
    "/debate [topic] — a debate prompt from the reading\n"
    "/reload, /status, /config, /schedule, /prompt now, /help, /quit"
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


async def handle_status(ctx: Services, caller: Caller) -> Reply:
    """`/status`: reading, model, passages, index age, uptime, latency, answers served, votes."""
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    status = await asyncio.to_thread(ctx.agora.status)
    served_total = await asyncio.to_thread(ctx.store.counter, ANSWERS_SERVED)
    votes = await asyncio.to_thread(ctx.store.feedback_summary, caller.guild_id)
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
        EmbedField(
            "Feedback", f"{votes['helpful']} helpful · {votes['not_helpful']} not helpful", inline=True
        ),
    ]
    if status["problems"]:
        fields.append(EmbedField("Skipped files", "\n".join(map(str, status["problems"]))))
    return Reply(embeds=(EmbedSpec(title="Agora status", fields=tuple(fields)),), ephemeral=True)


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
    if report.problems:
        text += "\nSkipped: " + "; ".join(map(str, report.problems))
    return Reply(text, ephemeral=True)


# ---------------------------------------------------------------------------------------- /config


async def handle_config(
    ctx: Services,
    caller: Caller,
    action: str,
    *,
    role_id: int | None = None,
    cooldown: float | None = None,
) -> Reply:
    """`/config show`, `/config moderator-role [role]`, `/config cooldown seconds`."""
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    guild = caller.guild_id
    if action == "moderator-role":
        await asyncio.to_thread(ctx.store.set_moderator_role, guild, role_id)
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
            await asyncio.to_thread(ctx.store.set_ask_cooldown, guild, float(cooldown or 0))
        except ValueError as exc:
            return Reply(str(exc), ephemeral=True)
        if not cooldown:
            return Reply("Cooldown off: members can ask as often as they like.", ephemeral=True)
        return Reply(f"Members can now ask once every {cooldown:g}s.", ephemeral=True)
    if action == "show":
        current = await asyncio.to_thread(ctx.store.guild_settings, guild)
        role = (
            f"<@&{current.moderator_role_id}>" if current.moderator_role_id else "none (Manage Server only)"
        )
        return Reply(
            f"Moderator role: {role}\nAsk cooldown: {current.ask_cooldown_seconds:g}s per member",
            ephemeral=True,
        )
    return Reply(f"Unknown setting {action!r}: use show, moderator-role or cooldown.", ephemeral=True)


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
