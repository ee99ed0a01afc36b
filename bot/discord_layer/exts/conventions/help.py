"""/help: member commands, a moderator quick start, and what needs which permission (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import handlers
from bot.discord_layer.discord_io import caller_of, send_reply

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot


class Help(commands.Cog):
    """What Agora can do, for whoever asks."""

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot

    @app_commands.command(name="help")
    async def help(self, interaction: discord.Interaction) -> None:
        """What Agora does, its commands, and who can use which."""
        await send_reply(interaction, handlers.handle_help(await caller_of(interaction)))


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    await bot.add_cog(Help(bot))
