"""/about: what the reading is, and how to use Agora."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import handlers
from bot.discord_layer.discord_io import send_reply

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot


class About(commands.Cog):
    """Introducing the reading."""

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot

    @app_commands.command(name="about")
    async def about(self, interaction: discord.Interaction) -> None:
        """What the reading is, and how to ask it questions."""
        await send_reply(interaction, await handlers.handle_about(self.bot.services))


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    await bot.add_cog(About(bot))
