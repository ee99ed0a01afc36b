"""Handlers of ``/privacy``: what Agora keeps about a member or a server, its export and deletion.

A member sees, in their own language, what names them (in this server; everywhere in a DM)
and for how long, and may delete it (two steps: the button, then a confirmation).
Moderators see the same for the server, export it as a JSON file and, with Manage Server,
delete it all. Mirrors :mod:`bot.discord_layer.exts.privacy`.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.app.handlers.common import NOT_IN_SERVER, NOT_MODERATOR, Caller, Services
from bot.app.i18n import t
from bot.app.privacy import count_text, forget_conversations, guild_export
from bot.app.reply import Action, Attachment, EmbedSpec, Reply

# What a button sends back: the surface maps these ids to handle_privacy's actions.
MEMBER_DELETE = "privacy:me:delete"
MEMBER_CONFIRM = "privacy:me:confirm"
SERVER_EXPORT = "privacy:server:export"
SERVER_DELETE = "privacy:server:delete"
SERVER_CONFIRM = "privacy:server:confirm"
CANCEL = "privacy:cancel"
ACTIONS = (MEMBER_DELETE, MEMBER_CONFIRM, SERVER_EXPORT, SERVER_DELETE, SERVER_CONFIRM, CANCEL)

EXPORT_LIMIT = 8 * 1024 * 1024  # bytes: Discord takes at least this much in one attachment


async def handle_privacy(
    ctx: Services, caller: Caller, action: str = "show", *, server: bool = False, console: bool = False
) -> Reply:
    """`/privacy`: a member's data (or, with `server`, the server's): show, delete, export.

    `action` is ``show`` or one of :data:`ACTIONS` (a button pressed, or the console's words).
    """
    if action == CANCEL:
        return Reply(t("privacy.cancelled", caller.language), ephemeral=True)
    if server or action.startswith("privacy:server:"):
        return await _server(ctx, caller, action, console=console)
    return await _member(ctx, caller, action, console=console)


async def _member(ctx: Services, caller: Caller, action: str, *, console: bool) -> Reply:
    lang, guild = caller.language, caller.guild_id
    if action == MEMBER_CONFIRM:
        counts = await asyncio.to_thread(ctx.store.delete_member_data, caller.user_id, guild)
        forget_conversations(ctx.agora.conversations, guild, caller.user_id)
        if not counts:
            return Reply(t("privacy.deleted.none", lang), ephemeral=True)
        return Reply(t("privacy.deleted", lang, summary=count_text(counts)), ephemeral=True)
    rows = await asyncio.to_thread(ctx.store.member_data, caller.user_id, guild)
    if action == MEMBER_DELETE:
        if not rows:
            return Reply(t("privacy.deleted.none", lang), ephemeral=True)
        return Reply(
            t("privacy.confirm.member", lang),
            actions=(Action(MEMBER_CONFIRM, t("privacy.confirm", lang), danger=True), _cancel(lang)),
            ephemeral=True,
        )
    return _show(ctx, caller, rows, member=True, console=console)


async def _server(ctx: Services, caller: Caller, action: str, *, console: bool) -> Reply:
    lang, guild = caller.language, caller.guild_id
    if guild is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    if action in (SERVER_DELETE, SERVER_CONFIRM) and not caller.manages_server:
        return Reply(t("privacy.server.manage_only", lang), ephemeral=True)
    if action == SERVER_CONFIRM:
        counts = await asyncio.to_thread(ctx.store.delete_guild_data, guild)
        forget_conversations(ctx.agora.conversations, guild, None)
        ctx.settings_cache.forget(guild)
        if ctx.scheduler is not None:
            ctx.scheduler.wake()  # its schedule is gone
        return Reply(t("privacy.server.deleted", lang, summary=count_text(counts)), ephemeral=True)
    if action == SERVER_DELETE:
        return Reply(
            t("privacy.server.confirm", lang),
            actions=(Action(SERVER_CONFIRM, t("privacy.confirm", lang), danger=True), _cancel(lang)),
            ephemeral=True,
        )
    if action == SERVER_EXPORT:
        data, rows, tables = await asyncio.to_thread(guild_export, ctx.store, guild)
        if len(data) > EXPORT_LIMIT:
            size = f"{len(data) / 1e6:.1f}"
            return Reply(t("privacy.server.too_big", lang, size=size, guild=guild), ephemeral=True)
        day = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
        return Reply(
            t("privacy.server.exported", lang, rows=rows, tables=tables),
            files=(Attachment(f"agora-{guild}-{day}.json", data),),
            ephemeral=True,
        )
    rows = await asyncio.to_thread(ctx.store.guild_data, guild)
    return _show(ctx, caller, {k: v for k, v in rows.items() if v}, member=False, console=console)


def _cancel(lang: str) -> Action:
    return Action(CANCEL, t("privacy.cancel", lang))


def _show(ctx: Services, caller: Caller, rows: dict, *, member: bool, console: bool) -> Reply:
    lang = caller.language
    kept = {k.table: k for k in ctx.store.kept()}
    lines = [
        t("privacy.row", lang, what=kept[table].what if table in kept else table, count=len(found))
        for table, found in rows.items()
    ]
    scope = "privacy.scope.server" if caller.guild_id is not None else "privacy.scope.everywhere"
    settings = ctx.agora.settings
    retention = t(
        "privacy.retention",
        lang,
        days=f"{settings.question_retention_days:g}",
        grace=f"{settings.guild_grace_days:g}",
        minutes=f"{settings.follow_up_minutes:g}",
    )
    body = "\n".join([t(scope, lang), *(lines or [t("privacy.none", lang)])])
    title = t("privacy.title" if member else "privacy.server.title", lang)
    actions: tuple[Action, ...] = ()
    if member and rows:
        actions = (Action(MEMBER_DELETE, t("privacy.delete", lang), danger=True),)
    elif not member:
        actions = (Action(SERVER_EXPORT, t("privacy.server.export", lang)),)
        if caller.manages_server:
            actions += (Action(SERVER_DELETE, t("privacy.server.delete", lang), danger=True),)
    if console and actions:
        retention += "\n" + t("privacy.console", lang)
        actions = ()
    embed = EmbedSpec(title=title, description=f"{body}\n\n{retention}")
    return Reply(embeds=(embed,), actions=actions, ephemeral=True)
