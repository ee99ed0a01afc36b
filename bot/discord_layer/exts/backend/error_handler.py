"""The one place that decides what a member sees when something fails.

A short message, private where Discord allows it; the details go to the log. A traceback
never reaches a channel. Slash commands arrive through the command tree's error hook;
mentions and buttons report their failures as the ``agora_error`` event.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.reply import Reply
from bot.core.storage.base import StoreUnavailable
from bot.discord_layer.discord_io import NotModerator, reply_to_message, send_reply

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot

log = logging.getLogger(__name__)

SOMETHING_WENT_WRONG = "Something went wrong on my side; the details are in the bot's log. Please try again."


def user_message(error: BaseException) -> str:
    """What a member is told about `error` (unexpected errors are logged by the caller)."""
    if isinstance(error, NotModerator):
        return str(error)
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server."
    if isinstance(error, app_commands.BotMissingPermissions):
        return f"I need these permissions here: {', '.join(error.missing_permissions)}."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here."
    if isinstance(error, app_commands.TransformerError):
        return f"I couldn't understand the value {error.value!r} for that option."
    if isinstance(error, app_commands.CommandSignatureMismatch | app_commands.CommandNotFound):
        return "This command has changed since Discord last heard of it; try again in a minute."
    if isinstance(error, StoreUnavailable):
        return "I can't reach my database right now, so nothing was changed. Please try again in a minute."
    return SOMETHING_WENT_WRONG


def expected(error: BaseException) -> bool:
    """Whether `error` is the member's doing (no need for a stack trace in the log)."""
    return isinstance(error, app_commands.CheckFailure | app_commands.TransformerError)


class ErrorHandler(commands.Cog):
    """Turns failures into short messages for members and log records for the operator."""

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot
        self._previous = bot.tree.on_error

    async def cog_load(self) -> None:
        """Take over the command tree's error hook."""
        self.bot.tree.error(self.on_app_command_error)

    async def cog_unload(self) -> None:
        """Give the error hook back."""
        self.bot.tree.on_error = self._previous  # type: ignore[method-assign]

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """A slash command failed."""
        await self.report(interaction, error)

    @commands.Cog.listener()
    async def on_agora_error(self, target: discord.Interaction | discord.Message, error: Exception) -> None:
        """A mention or a button failed."""
        await self.report(target, error)

    async def report(self, target: discord.Interaction | discord.Message, error: BaseException) -> None:
        """Log `error` and tell the member briefly, privately when possible."""
        original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        where = (
            target.command.qualified_name
            if isinstance(target, discord.Interaction) and target.command
            else ""
        )
        if expected(original):
            log.info("Refused /%s for %s: %s", where, _who(target), original)
        elif isinstance(original, StoreUnavailable):  # an outage, not a bug: one line
            log.warning("Could not handle /%s for %s: %s", where, _who(target), original)
        else:
            log.exception(
                "Error handling %s for %s",
                f"/{where}" if where else "a message",
                _who(target),
                exc_info=original,
            )
        reply = Reply(user_message(original), ephemeral=True)
        try:
            if isinstance(target, discord.Message):
                await reply_to_message(target, reply)
            else:
                await send_reply(target, reply)
        except discord.HTTPException:
            log.warning("Could not tell %s about the error", _who(target), exc_info=True)


def _who(target: discord.Interaction | discord.Message) -> str:
    user = target.user if isinstance(target, discord.Interaction) else target.author
    return f"user {user.id}"


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    await bot.add_cog(ErrorHandler(bot))
