"""Command names and descriptions in each member's language, through discord.py's ``Translator``.

The words are data in :mod:`bot.app.i18n.commands`; this only hands them to discord.py, which
sends them to Discord with the commands (``name_localizations``, ``description_localizations``).
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.app.i18n import ENGLISH, language_of
from bot.app.i18n.commands import COMMAND_STRINGS


class AgoraTranslator(app_commands.Translator):
    """Looks every command string up by its English text; None (English) when a language lacks it."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        """The translation of `string` for `locale`, or None."""
        language = language_of(str(locale))
        if language == ENGLISH:
            return None
        return COMMAND_STRINGS.get(language, {}).get(string.message)
