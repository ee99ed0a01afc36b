"""Handlers of the discussion area: ``/debate``, ``/schedule`` and ``/prompt now``.

Mirrors :mod:`bot.discord_layer.exts.discussion`; the deck's curation (``/prompt`` edit,
review, suggest …) is :mod:`.curation`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from bot.app import limits
from bot.app.handlers.common import (
    DISCORD_ID_LIMIT,
    NOT_IN_SERVER,
    NOT_MODERATOR,
    Caller,
    Services,
    channel_agora,
    duration,
)
from bot.app.posts import other_side
from bot.app.reply import Reply
from bot.app.scheduler import PostResult, upcoming_slot
from bot.core.scheduling.schedule import Schedule, ScheduleError, Slot
from bot.core.storage.store import PostRecord
from bot.core.text.safe import clean_input, neutralise

MAX_TOPIC_CHARS = 200


def _get(obj: Any, name: str) -> Any:
    """A field of a prompt, whether it is an object or a mapping."""
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def render_prompt(prompt: Any, safe: Callable[[str], str] = neutralise) -> str:
    """A debate prompt as a message: the question, the quote it rests on, the other side.

    Every field goes through `safe` (the question may be a moderator's, a member's or a
    language model's; the quote and the other side are the reading's).
    """
    lines = [f"**Debate:** {safe(str(_get(prompt, 'question')))}"]
    quote = _get(prompt, "quote")
    if quote:
        lines.extend("> " + line for line in safe(str(quote)).split("\n"))
        paragraph = _get(prompt, "paragraph")
        lines.append(f"— {safe(str(_get(prompt, 'title')))}, ¶{paragraph}")

    def bounded(value: object, limit: int | None = None) -> str:
        text = str(value if value is not None else "")
        return safe(limits.trim(" ".join(text.split()), limit) if limit else text)

    lines.extend(other_side(prompt, bounded))
    return "\n".join(lines)


async def handle_debate(ctx: Services, topic: str | None, caller: Caller) -> Reply:
    """`/debate [topic]`: a prompt from the deck, on the topic if one is given."""
    debate = getattr(await channel_agora(ctx, caller), "debate", None)
    if debate is None:
        return Reply("Debate prompts are not available yet.", ephemeral=True)
    topic = " ".join(clean_input(topic).split())[:MAX_TOPIC_CHARS] or None
    prompt = await asyncio.to_thread(debate, topic, caller.channel_key)
    safe = await ctx.shown(caller.guild_id)
    if prompt is None:
        if topic:
            shown = safe(limits.trim(topic, 100))
            return Reply(
                f"No debate prompt matches “{shown}”: try `/debate` without a topic.", ephemeral=True
            )
        return Reply("The deck of debate prompts is empty for this reading.", ephemeral=True)
    return Reply(limits.trim(render_prompt(prompt, safe), limits.CONTENT))


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
        return text + (f", in {duration(wait)}" if wait > 0 else ", due now")
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
