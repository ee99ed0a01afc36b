"""/ask, and questions asked by mentioning the bot."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import handlers
from bot.app.reply import Reply
from bot.core.components import ComponentRefused
from bot.core.components.ids import FORGED
from bot.core.search.answer import MAX_QUESTION_CHARS
from bot.discord_layer.discord_io import (
    FeedbackButton,
    caller_of,
    caller_of_message,
    defer,
    reply_to_message,
    send_reply,
)

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot

log = logging.getLogger(__name__)

MENTION_HINT = (
    "Ask me something about the reading: mention me with a question, or use `/ask`. "
    "`/about` says what the reading is."
)


class Ask(commands.Cog):
    """Questions to the reading."""

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask")
    @app_commands.describe(question="What you want to know about the reading")
    async def ask(
        self, interaction: discord.Interaction, question: app_commands.Range[str, 1, MAX_QUESTION_CHARS]
    ) -> None:
        """Ask the reading a question: the passage that answers it, quoted and cited."""
        services = self.bot.services
        caller = await caller_of(interaction)
        refusal = await handlers.check_ask(services, question, caller)
        if refusal is not None:
            await send_reply(interaction, refusal)
            return
        if not await defer(interaction):
            return  # Discord never took the acknowledgement: nothing can be sent any more
        reply = await handlers.answer_question(services, question, caller, quote_question=True)
        await send_reply(interaction, reply)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A message mentioning the bot is a question; answer it in a reply."""
        me = self.bot.user
        if me is None or message.author.bot or not any(u.id == me.id for u in message.mentions):
            return
        try:
            question = re.sub(rf"<@!?{me.id}>", " ", message.content).strip()
            services = self.bot.services
            if not question:
                await reply_to_message(message, Reply(MENTION_HINT))
                return
            caller = await caller_of_message(services, message)
            reply = await handlers.handle_ask(services, question, caller)
            await reply_to_message(message, reply, key=services.components)
        except Exception as exc:  # the error handler decides what the member sees
            self.bot.dispatch("agora_error", message, exc)

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A click whose id no button of Agora's carries: refused at once, privately.

        discord.py hands a click to :class:`FeedbackButton` only when the message really has
        a button with that id (which it then checks); a vote id the message does not carry,
        or an id Agora never makes (not ``agora:…``), would otherwise go unanswered.
        """
        if interaction.type is not discord.InteractionType.component:
            return
        custom_id = str((interaction.data or {}).get("custom_id", ""))[:200]
        if custom_id.startswith("agora:") and not custom_id.startswith("agora:vote:"):
            return  # another feature's namespace
        if custom_id.startswith("agora:vote:") and _carries(interaction.message, custom_id):
            return  # FeedbackButton answers it
        try:
            self.bot.services.components.read_vote(custom_id, interaction.guild_id, interaction.channel_id)
            message = FORGED  # a well-signed id the message does not carry: copied from elsewhere
        except ComponentRefused as refused:
            message = str(refused)
        log.info("Refused a click on %r in %s", custom_id[:100], interaction.guild_id)
        try:
            await send_reply(interaction, Reply(message, ephemeral=True))
        except discord.HTTPException:
            log.info("Could not refuse a forged component id in %s", interaction.guild_id)


def _carries(message: discord.Message | None, custom_id: str) -> bool:
    """Whether `message` has a component with `custom_id` (rows and their children)."""
    if message is None:
        return False
    stack: list[Any] = list(message.components)
    while stack:
        item = stack.pop()
        if getattr(item, "custom_id", None) == custom_id:
            return True
        stack.extend(getattr(item, "children", ()) or ())
    return False


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    bot.add_dynamic_items(FeedbackButton)
    await bot.add_cog(Ask(bot))
