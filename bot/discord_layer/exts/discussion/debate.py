"""/debate: a debate prompt from the deck drawn from the reading."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import handlers
from bot.discord_layer.discord_io import caller_of, defer, send_reply

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot


class Debate(commands.Cog):
    """Debate prompts on demand."""

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot

    @app_commands.command(name="debate")
    @app_commands.describe(topic="A topic to debate (leave empty for the next prompt in the deck)")
    async def debate(
        self, interaction: discord.Interaction, topic: app_commands.Range[str, 1, 200] | None = None
    ) -> None:
        """A debate prompt from the reading: a question, the passage behind it, the other side."""
        caller = await caller_of(interaction)
        refusal = await handlers.check_rate(self.bot.services, caller)
        if refusal is not None:
            await send_reply(interaction, refusal)
            return
        if await defer(interaction):
            await send_reply(interaction, await handlers.handle_debate(self.bot.services, topic, caller))


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    await bot.add_cog(Debate(bot))
