"""/privacy (a member's data, or the server's), its buttons, and the periodic sweep.

The handlers (:mod:`bot.app.handlers.privacy`) decide everything, the moderator and Manage
Server checks included (a button carries only a verb, so a click is checked when it arrives);
this cog turns clicks into handler calls. The sweep (:class:`bot.app.privacy.Housekeeper`)
drops expired questions and votes and deletes the data of servers whose grace period ended,
hourly, one process at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import handlers
from bot.app.handlers.privacy import ACTIONS
from bot.app.privacy import Housekeeper
from bot.discord_layer.discord_io import ActionButton, caller_of, defer, send_reply

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot

log = logging.getLogger(__name__)


class Privacy(commands.Cog):
    """What Agora keeps about members and servers, shown, exported and deleted."""

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot
        self.housekeeper = Housekeeper(
            bot.store, bot.settings, owner=bot.process_name, conversations=bot.agora.conversations
        )
        self._sweep: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        """Start the sweep."""
        self._sweep = asyncio.create_task(self.housekeeper.run(), name="agora-privacy-sweep")

    async def cog_unload(self) -> None:
        """Stop the sweep."""
        if self._sweep is not None:
            self._sweep.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweep

    @app_commands.command(name="privacy")
    @app_commands.describe(whose="Your own data (default), or the server's (moderators)")
    @app_commands.choices(
        whose=[
            app_commands.Choice(name="mine", value="mine"),
            app_commands.Choice(name="this server", value="server"),
        ]
    )
    async def privacy(self, interaction: discord.Interaction, whose: str = "mine") -> None:
        """What Agora keeps about you (or this server), for how long, and deleting it."""
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        reply = await handlers.handle_privacy(self.bot.services, caller, server=whose == "server")
        await send_reply(interaction, reply)

    @commands.Cog.listener()
    async def on_agora_action(self, interaction: discord.Interaction, action: str) -> None:
        """A /privacy button was pressed: delete, confirm, export or cancel (checked again here)."""
        if action not in ACTIONS:
            return  # another feature's button
        try:
            caller = await caller_of(interaction)
            if not await defer(interaction, ephemeral=True):
                return
            await send_reply(interaction, await handlers.handle_privacy(self.bot.services, caller, action))
        except Exception as exc:  # the error handler decides what the member sees
            self.bot.dispatch("agora_error", interaction, exc)


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    bot.add_dynamic_items(ActionButton)
    await bot.add_cog(Privacy(bot))
