"""/standings, the poll votes it is made of, and the "Check against the reading" message command.

Votes arrive as MESSAGE_POLL_VOTE_ADD / _REMOVE (the non-privileged polls intent, in
``Intents.default()``) and are kept only for Agora's own daily polls. After a start, the
voters of recent polls are read back once from Discord's poll-voters endpoint, so votes
cast while the bot was away are not lost. When the bot leaves a server, its votes go.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import handlers
from bot.discord_layer.discord_io import ShareButton, caller_of, defer, send_reply

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot

log = logging.getLogger(__name__)

VOTERS_PAGE = 100  # Discord's largest page of poll voters
CHECK_NAME = "Check against the reading"


class Standings(commands.Cog):
    """Where the group stands, and members' own votes."""

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot
        self._backfilled = False
        self.check_menu = app_commands.ContextMenu(name=CHECK_NAME, callback=self.check_message)

    async def cog_load(self) -> None:
        """Register the message command."""
        self.bot.tree.add_command(self.check_menu)

    async def cog_unload(self) -> None:
        """Remove the message command."""
        self.bot.tree.remove_command(self.check_menu.name, type=self.check_menu.type)

    # ------------------------------------------------------------------------------ the map

    @app_commands.command(name="standings")
    @app_commands.guild_only()
    @app_commands.describe(
        scope="This channel's polls only, or the whole server's (default)",
        days="Only polls of the last N days",
        mine="Privately: your group, and how many of your votes Agora keeps",
        forget_my_votes="Delete every poll vote of yours in this server",
    )
    @app_commands.choices(
        scope=[
            app_commands.Choice(name="whole server", value="server"),
            app_commands.Choice(name="this channel", value="channel"),
        ]
    )
    async def standings(
        self,
        interaction: discord.Interaction,
        scope: str = "server",
        days: app_commands.Range[int, 1, 3650] | None = None,
        mine: bool = False,
        forget_my_votes: bool = False,
    ) -> None:
        """Where the group stands: opinion groups from the daily polls, as a map."""
        services = self.bot.services
        caller = await caller_of(interaction)
        refusal = await handlers.check_rate(services, caller)
        if refusal is not None:
            await send_reply(interaction, refusal)
            return
        private = mine or forget_my_votes
        if not await defer(interaction, ephemeral=private):
            return
        if forget_my_votes:
            reply = await handlers.handle_forget_my_votes(services, caller)
        elif mine:
            reply = await handlers.handle_my_standing(services, caller, days=days)
        else:
            reply = await handlers.handle_standings(
                services, caller, channel_only=scope == "channel", days=days
            )
        await send_reply(interaction, reply)

    # ------------------------------------------------------------------------------ the check

    async def check_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """Right-click a message → Apps → Check against the reading (answered privately)."""
        services = self.bot.services
        caller = await caller_of(interaction)
        refusal = await handlers.check_rate(services, caller)
        if refusal is not None:
            await send_reply(interaction, refusal)
            return
        if not await defer(interaction, ephemeral=True):
            return
        reply = await handlers.handle_check(services, caller, message.content)
        await send_reply(interaction, reply)

    # ------------------------------------------------------------------------------ votes

    @commands.Cog.listener()
    async def on_raw_poll_vote_add(self, payload: discord.RawPollVoteActionEvent) -> None:
        """A member voted on a poll: kept if it is one of Agora's daily polls."""
        await self._vote(payload, added=True)

    @commands.Cog.listener()
    async def on_raw_poll_vote_remove(self, payload: discord.RawPollVoteActionEvent) -> None:
        """A member took a vote back."""
        await self._vote(payload, added=False)

    async def _vote(self, payload: discord.RawPollVoteActionEvent, *, added: bool) -> None:
        if payload.guild_id is None or (self.bot.user and payload.user_id == self.bot.user.id):
            return
        try:
            await handlers.record_poll_vote(
                self.bot.services, payload.message_id, payload.answer_id, payload.user_id, added=added
            )
        except Exception:
            log.exception("Could not record a vote on poll %s", payload.message_id)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Once per start: read back the voters of recent polls (votes cast while away)."""
        if self._backfilled:
            return
        self._backfilled = True
        try:
            done = await handlers.backfill_votes(
                self.bot.services, self._voters, owns=self.bot.settings.shards.owns
            )
            if done:
                log.info("Read back the voters of %d recent poll(s)", done)
        except Exception:
            log.exception("Could not read back recent polls' voters")

    async def _voters(self, channel_id: int, message_id: int, answer_id: int) -> list[int]:
        """Every member who chose `answer_id` on a poll, page by page."""
        users: list[int] = []
        after: int | None = None
        while True:
            data = await self.bot.http.get_poll_answer_voters(
                channel_id, message_id, answer_id, after=after, limit=VOTERS_PAGE
            )
            page = [int(u["id"]) for u in data.get("users", [])]
            users.extend(page)
            if len(page) < VOTERS_PAGE:
                return users
            after = page[-1]


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    bot.add_dynamic_items(ShareButton)
    await bot.add_cog(Standings(bot))
