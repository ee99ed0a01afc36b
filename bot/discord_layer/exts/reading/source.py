"""/source: one paragraph of the reading, whole, with its neighbours for context."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import handlers
from bot.discord_layer.discord_io import caller_of, defer, send_reply

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot


class Source(commands.Cog):
    """Reading a passage in full."""

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot

    @app_commands.command(name="source")
    @app_commands.describe(
        paragraph="The paragraph number (¶) as cited in answers",
        document="Which document, if the reading has several (file name or part of its title)",
        page="A long paragraph is shown a page at a time: which page (default 1)",
    )
    async def source(
        self,
        interaction: discord.Interaction,
        paragraph: app_commands.Range[int, 0, 100_000],
        document: app_commands.Range[str, 1, 200] | None = None,
        page: app_commands.Range[int, 1, 1000] = 1,
    ) -> None:
        """Show a paragraph of the reading (a page at a time if long), with the lines around it."""
        services = self.bot.services
        caller = await caller_of(interaction)
        refusal = await handlers.check_rate(services, caller)
        if refusal is not None:
            await send_reply(interaction, refusal)
            return
        if await defer(interaction):
            reply = await handlers.handle_source(services, paragraph, document, page, caller=caller)
            await send_reply(interaction, reply)

    @source.autocomplete("document")
    async def _documents(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not self.bot.agora.ready:
            return []
        wanted = current.lower()
        return [
            app_commands.Choice(name=str(d["title"])[:100], value=str(d["path"])[:100])
            for d in self.bot.agora.snapshot.index.documents
            if wanted in str(d["title"]).lower() or wanted in str(d["path"]).lower()
        ][:25]


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    await bot.add_cog(Source(bot))
