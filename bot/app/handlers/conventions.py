"""What server admins expect of a bot: ``/help``, the message on joining a server, ``/config language``.

Mirrors :mod:`bot.discord_layer.exts.conventions`. The permissions Agora needs are named by
discord.py's flag names (``send_polls``), so the Discord layer can compare them with what
the bot has, and put in words here in the reader's language.
"""

from __future__ import annotations

import asyncio

from bot.app.handlers.common import NOT_IN_SERVER, NOT_MODERATOR, Caller, Services
from bot.app.i18n import LANGUAGE_NAMES, LANGUAGES, t
from bot.app.reply import EmbedField, EmbedSpec, Reply

# What Agora needs in a channel it posts in, by discord.py's permission flag names, in the order
# they are named to people: reading and writing, then embeds (answers), replies to mentions,
# threads and polls (daily prompts), files (the server's export).
REQUIRED_PERMISSIONS = (
    "view_channel",
    "send_messages",
    "embed_links",
    "read_message_history",
    "create_public_threads",
    "send_messages_in_threads",
    "send_polls",
    "attach_files",
)


def permission_names(flags: tuple[str, ...] | list[str], language: str | None) -> str:
    """Permissions in words ("Send Polls, Create Public Threads"), in `language`."""
    return ", ".join(t(f"perm.{flag}", language) for flag in flags)


def handle_help(caller: Caller) -> Reply:
    """`/help`: member commands, a moderator quick start, what needs which permission (private)."""
    lang = caller.language
    needs = permission_names(REQUIRED_PERMISSIONS, lang)
    embed = EmbedSpec(
        title=t("help.title", lang),
        description=t("help.intro", lang),
        fields=(
            EmbedField(t("help.members.name", lang), t("help.members", lang)),
            EmbedField(t("help.moderators.name", lang), t("help.moderators", lang)),
            EmbedField(t("help.permissions.name", lang), t("help.permissions", lang, needs=needs)),
        ),
        footer=t("help.footer", lang),
    )
    return Reply(embeds=(embed,), ephemeral=True)


def welcome_message(language: str | None, missing: list[str] | tuple[str, ...]) -> str:
    """The first message in a server: the two commands to start with, and exactly what is missing."""
    wanted = [flag for flag in REQUIRED_PERMISSIONS if flag in set(missing)]
    tail = (
        t("welcome.missing", language, missing=permission_names(wanted, language))
        if wanted
        else t("welcome.complete", language)
    )
    return f"{t('welcome', language)}\n{tail}"


async def handle_language(ctx: Services, caller: Caller, language: str | None) -> Reply:
    """`/config language`: the language of the server's public posts (daily prompts, poll results)."""
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    code = (language or LANGUAGES[0]).lower()
    if code not in LANGUAGES:
        names = ", ".join(f"{c} ({LANGUAGE_NAMES[c]})" for c in LANGUAGES)
        return Reply(f"Unknown language {language!r}: Agora speaks {names}.", ephemeral=True)
    await asyncio.to_thread(ctx.store.set_language, caller.guild_id, code)
    ctx.settings_cache.forget(caller.guild_id)
    return Reply(t("config.language", caller.language, name=LANGUAGE_NAMES[code]), ephemeral=True)
