"""The first message when Agora joins a server: where to start, and exactly what permissions are missing.

Sent on discord.py's ``guild_join`` (a ``GUILD_CREATE`` for a server this process did not
know; a server coming back from an outage is ``guild_available`` and gets nothing), to the
server's system channel, else the first text channel Agora can write in, in the server's
language (the one set with ``/config language``, else the server's own locale).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.app import handlers
from bot.app.handlers.conventions import REQUIRED_PERMISSIONS
from bot.app.i18n import language_of
from bot.core.storage.base import StoreError
from bot.discord_layer.discord_io import NO_MENTIONS

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot

log = logging.getLogger(__name__)


def missing_permissions(guild: discord.Guild) -> list[str]:
    """The permissions Agora needs and its roles do not give it in the server (discord.py flag names)."""
    me = guild.me
    if me is None:
        return list(REQUIRED_PERMISSIONS)
    have = me.guild_permissions
    if have.administrator:
        return []
    return [flag for flag in REQUIRED_PERMISSIONS if not getattr(have, flag)]


def welcome_channel(guild: discord.Guild) -> discord.TextChannel | None:
    """The system channel if Agora can write there, else the first text channel it can write in."""
    me = guild.me
    if me is None:
        return None

    def writable(channel: discord.TextChannel) -> bool:
        perms = channel.permissions_for(me)
        return perms.view_channel and perms.send_messages

    if guild.system_channel is not None and writable(guild.system_channel):
        return guild.system_channel
    for channel in sorted(guild.text_channels, key=lambda c: (c.position, c.id)):
        if writable(channel):
            return channel
    return None


class Welcome(commands.Cog):
    """Says hello once, where the server will see it."""

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        """Joined a server: the two commands to start with, and any missing permissions."""
        channel = welcome_channel(guild)
        if channel is None:
            log.info("Joined server %s but can write in none of its channels: no welcome message", guild.id)
            return
        try:
            chosen = (await asyncio.to_thread(self.bot.store.guild_settings, guild.id)).language
        except StoreError:
            chosen = None
        language = chosen or language_of(str(guild.preferred_locale))
        text = handlers.welcome_message(language, missing_permissions(guild))
        try:
            await channel.send(text, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.warning("Could not post the welcome message in server %s: %s", guild.id, exc)


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    await bot.add_cog(Welcome(bot))
