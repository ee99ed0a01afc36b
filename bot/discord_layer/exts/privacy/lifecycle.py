"""Servers Agora is removed from or added to, and messages and threads deleted in Discord.

``GUILD_DELETE`` without ``unavailable`` (discord.py's ``guild_remove``: kicked, banned, or the
server deleted; an outage sends ``unavailable: true`` and is only ``guild_unavailable``) stops
the server's daily prompts at once and schedules its data for deletion after
``GUILD_DATA_GRACE_DAYS``; the store records it, so every process stops, and whichever runs
the sweep deletes. ``GUILD_CREATE`` for the server again (re-added) cancels a deletion recorded
before it.
``MESSAGE_DELETE`` / ``MESSAGE_DELETE_BULK`` / ``THREAD_DELETE`` unlink the ids Agora kept.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.app.privacy import DAY, count_text
from bot.core.storage.base import StoreError

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot

log = logging.getLogger(__name__)

ATTEMPTS = 6  # recording a removal: pauses of 1, 2, 4, 8, 16 s between tries (a database outage)


class Lifecycle(commands.Cog):
    """Keeps the store in step with the servers, messages and threads Agora is part of."""

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Agora was removed from a server: no more posts there; its data goes after the grace period."""
        grace = self.bot.settings.guild_grace_days * DAY
        until: float | None = None
        for attempt in range(ATTEMPTS):
            try:
                until = await asyncio.to_thread(self.bot.store.guild_removed, guild.id, grace)
                break
            except StoreError as exc:
                if attempt == ATTEMPTS - 1:
                    log.error("Could not record that Agora left server %s: %s", guild.id, exc)
                    return
                await asyncio.sleep(2**attempt)
        scheduler = self.bot.services.scheduler
        if scheduler is not None:
            scheduler.wake()
        log.info(
            "Removed from server %s: its daily prompts stop now and its data is deleted after %s "
            "(re-adding Agora before then keeps it)",
            guild.id,
            datetime.fromtimestamp(until, UTC).strftime("%Y-%m-%d %H:%M UTC") if until else "?",
        )

    async def _returned(self, guild: discord.Guild, *, check_first: bool) -> None:
        # Only a removal recorded before this event is cancelled: a kick that follows within
        # milliseconds (its handler may finish first) stands.
        seen_at = time.time()
        store = self.bot.store
        try:
            if check_first and await asyncio.to_thread(store.guild_removal, guild.id) is None:
                return
            if await asyncio.to_thread(store.guild_returned, guild.id, seen_at):
                log.info("Back in server %s before its grace period ended: its data stays", guild.id)
                if self.bot.services.scheduler is not None:
                    self.bot.services.scheduler.wake()
        except StoreError as exc:
            log.warning("Could not cancel the pending deletion of server %s: %s", guild.id, exc)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        """Added to a server (perhaps again): cancel a pending deletion of its data."""
        await self._returned(guild, check_first=False)

    @commands.Cog.listener()
    async def on_guild_available(self, guild: discord.Guild) -> None:
        """A server known at start (re-added while this process was away?): cancel a pending deletion."""
        await self._returned(guild, check_first=True)

    def _forget(self, what: str, call: object) -> None:
        self.bot.services.recorder.submit(what, call)  # type: ignore[arg-type]

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        """A message was deleted: unlink it wherever Agora kept its id (a daily post, its poll result)."""
        ids = [payload.message_id]
        self._forget("forgetting a deleted message", lambda: self._log(self.bot.store.forget_messages(ids)))

    @commands.Cog.listener()
    async def on_raw_bulk_message_delete(self, payload: discord.RawBulkMessageDeleteEvent) -> None:
        """Messages were deleted in bulk: the same, for each."""
        ids = sorted(payload.message_ids)
        self._forget("forgetting deleted messages", lambda: self._log(self.bot.store.forget_messages(ids)))

    @commands.Cog.listener()
    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        """A thread was deleted: unlink it from the daily post that opened it."""
        thread = payload.thread_id
        self._forget("forgetting a deleted thread", lambda: self._log(self.bot.store.forget_thread(thread)))

    @staticmethod
    def _log(counts: dict[str, int]) -> dict[str, int]:
        if counts:
            log.info("Deleted in Discord: unlinked %s", count_text(counts))
        return counts


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    await bot.add_cog(Lifecycle(bot))
