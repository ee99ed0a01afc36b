"""Handlers of the moderation area: ``/status``, ``/insights``, ``/reload``, ``/config``.

Mirrors :mod:`bot.discord_layer.exts.moderation`.
"""

from __future__ import annotations

import asyncio
import math
import time

from bot.app import limits
from bot.app.handlers.common import (
    ANSWERS_SERVED,
    DISCORD_ID_LIMIT,
    NOT_IN_SERVER,
    NOT_MODERATOR,
    Caller,
    Services,
    document_lines,
    duration,
    fate_mark,
    read_or,
    reason,
    server_readings,
)
from bot.app.i18n import t
from bot.app.insights import group_questions
from bot.app.reload_report import reload_details
from bot.app.reply import EmbedField, EmbedSpec, Reply
from bot.core.text.safe import finite_number, neutralise


async def handle_status(ctx: Services, caller: Caller) -> Reply:
    """`/status`: reading, model, passages, index age, uptime, latency, answers served, votes."""
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    status = await asyncio.to_thread(ctx.agora.status)
    served = await read_or(ctx, lambda: ctx.store.counter(ANSWERS_SERVED), None)
    votes = await read_or(ctx, lambda: ctx.store.feedback_summary(caller.guild_id), None)
    served_total = "—" if served is None else served
    votes_text = "—" if votes is None else f"{votes['helpful']} helpful · {votes['not_helpful']} not helpful"
    latency = ctx.latency()
    latency_text = f"{latency * 1000:.0f} ms" if latency is not None and math.isfinite(latency) else "—"
    fields = [
        EmbedField("Reading", document_lines(status)),
        EmbedField("Model", str(status["model"]), inline=True),
        EmbedField("Passages", str(status["passages"]), inline=True),
        EmbedField("Index age", duration(float(status["index_age_seconds"])), inline=True),
        EmbedField("Uptime", duration(float(status["uptime_seconds"])), inline=True),
        EmbedField("Gateway latency", latency_text, inline=True),
        EmbedField("Answers served", f"{served_total} ({status['answers_served']} since start)", inline=True),
        EmbedField("Feedback", votes_text, inline=True),
        EmbedField("State store", ctx.recorder.health.describe(ctx.recorder.pending)),
        EmbedField(
            "This process",
            f"{status['shards']} · index {status['index_version']} · {status['store'] or 'no'} store",
        ),
    ]
    readings = await read_or(ctx, lambda: _readings_overview(ctx, caller), None)
    if readings:
        fields.append(EmbedField("Readings", limits.trim(readings, limits.FIELD_VALUE)))
    if status["problems"]:
        fields.append(EmbedField("Skipped files", "\n".join(map(str, status["problems"]))))
    return Reply(embeds=(EmbedSpec(title="Agora status", fields=tuple(fields)),), ephemeral=True)


def _readings_overview(ctx: Services, caller: Caller) -> str | None:
    """One line per reading this server may use: its index here, and where it is used (blocking)."""
    library = getattr(ctx.agora, "readings", None)
    if library is None or caller.guild_id is None:
        return None
    lines = []
    for item in library.overview(caller.guild_id):
        where = (["server default"] if item["default"] else []) + [f"<#{c}>" for c in item["channels"]]
        used = f" · {', '.join(where)}" if where else ""
        if item["fingerprint"] is None:
            index = f"the seeds folder, {ctx.agora.status()['passages']} passages"
        elif item.get("passages") is None:
            index = "not indexed in this process's data folder yet (built when first used)"
        else:
            loaded = ", loaded" if item.get("loaded") else ""
            index = f"{item['passages']} passages, {item['model']}{loaded}"
        kind = " (install)" if item["install"] and item["fingerprint"] is not None else ""
        lines.append(f"• `{item['name']}`{kind}: {index}{used}")
    return "\n".join(lines)


INSIGHTS_DAYS = 30


def insights_days(ctx: Services) -> float:
    """The days /insights looks back: 30, or fewer when QUESTION_RETENTION_DAYS keeps questions less."""
    return min(float(INSIGHTS_DAYS), ctx.agora.settings.question_retention_days)


def _cited(ctx: Services, guild: int | None, passage_id: str | None, since: float, readings: list) -> str:
    """Where an answered passage stands in the server's readings, and whether it changed since."""
    mark = fate_mark(ctx.store.passage_fate(guild or 0, passage_id, since)) if passage_id else ""
    for agora in readings:
        for passage in agora.snapshot.index.passages if passage_id is not None else ():
            if passage.id == passage_id:
                return passage.citation + mark
    return "a passage no longer in the reading" + mark


async def handle_insights(ctx: Services, caller: Caller, *, console: bool = False) -> Reply:
    """`/insights`: what members asked that the reading does not cover, and answers voted down.

    The most frequent uncovered questions of the last 30 days, near-duplicates grouped, so
    moderators know what to add to the reading; and the answers most often marked not helpful.
    """
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    days = insights_days(ctx)
    since = ctx.now().timestamp() - days * 86400
    guild = caller.guild_id
    asked = await read_or(ctx, lambda: ctx.store.uncovered_questions(guild, since), None)
    unhelpful = await read_or(ctx, lambda: ctx.store.unhelpful_answers(guild, since, 10), None)
    if asked is None or unhelpful is None:
        return Reply("The state store is not answering right now; try again in a minute.", ephemeral=True)
    encode = ctx.agora.embedder.encode_queries if ctx.agora.ready else None
    same = ctx.agora.snapshot.retriever.calibration.same_question if ctx.agora.ready else None
    groups = await asyncio.to_thread(
        group_questions, [q for q, _ in asked], encode, **({"threshold": same} if same else {})
    )
    lines = []
    for group in groups:
        line = f"• “{neutralise(limits.trim(group.question, 150))}” — {group.count}×"
        if group.others:
            also = "; ".join(f"“{neutralise(limits.trim(o, 60))}”" for o in group.others)
            line += f" (also: {also})"
        lines.append(line)
    readings = await server_readings(ctx, caller)
    cited = await asyncio.to_thread(
        lambda: [_cited(ctx, guild, passage, first, readings) for _q, passage, _v, first in unhelpful]
    )
    voted = [
        f"• “{neutralise(limits.trim(question, 150))}” → {where} — {votes} vote(s)"
        for (question, _p, votes, _f), where in zip(unhelpful, cited, strict=True)
    ]
    title = f"Insights: the last {days:g} days"
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
            f"Why: {reason(exc)}",
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


async def handle_config(
    ctx: Services,
    caller: Caller,
    action: str,
    *,
    role_id: int | None = None,
    role_managed: bool = False,
    cooldown: float | str | None = None,
    links: bool | None = None,
) -> Reply:
    """`/config show`, `/config moderator-role [role]`, `/config cooldown seconds`, `/config links on|off`.

    `role_managed` says the role belongs to a bot or an integration (Discord knows; the
    console cannot tell).
    """
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    guild = caller.guild_id
    if action == "moderator-role":
        if not caller.manages_server:  # the role cannot re-point itself: Manage Server decides
            return Reply(t("config.manage_only", caller.language), ephemeral=True)
        if role_id is not None:
            problem = role_problem(guild, role_id, managed=role_managed)
            if problem:
                return Reply(problem, ephemeral=True)
        await asyncio.to_thread(ctx.store.set_moderator_role, guild, role_id)
        ctx.settings_cache.forget(guild)
        if role_id is None:
            return Reply("Moderator role cleared: only Manage Server counts as moderator.", ephemeral=True)
        return Reply(
            f"Moderator role set to <@&{role_id}>: its members can use /reload, /status, /insights, "
            "/schedule, /prompt and /config (changing this role still needs Manage Server). "
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
    if action == "links":
        if links is None:
            return Reply("Usage: /config links on|off", ephemeral=True)
        await asyncio.to_thread(ctx.store.set_allow_links, guild, links)
        ctx.settings_cache.forget(guild)
        return Reply(LINKS_ON if links else LINKS_OFF, ephemeral=True)
    if action == "show":
        current = await asyncio.to_thread(ctx.store.guild_settings, guild)
        role = (
            f"<@&{current.moderator_role_id}>" if current.moderator_role_id else "none (Manage Server only)"
        )
        return Reply(
            f"Moderator role: {role}\nRate limit: {ctx.rate.burst} commands in a row, then one every "
            f"{current.ask_cooldown_seconds:g}s per member\n"
            f"Links in shown text: {'clickable (web links)' if current.allow_links else 'not clickable'}",
            ephemeral=True,
        )
    return Reply("Unknown setting: use show, moderator-role, cooldown or links.", ephemeral=True)


LINKS_ON = (
    "Web links (http/https) in what Agora shows here stay clickable, without a preview: in "
    "members' suggestions, edited prompts, the reading and the language model's wording. Invites "
    "and other kinds of links are never clickable; masked links always show their address."
)
LINKS_OFF = "Links in what Agora shows here are not clickable: their address shows as text (the default)."


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
