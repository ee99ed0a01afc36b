"""Between handlers and Discord: who is calling, the moderator check, and sending replies.

Every message Agora sends goes through :func:`send_reply` or :func:`reply_to_message`, which
cut the reply to Discord's limits and pass ``AllowedMentions.none()`` explicitly (the bot's
default is the same), so a quoted ``@everyone`` or role mention pings nobody.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot import handlers
from bot.handlers import Caller, Services
from bot.reply import EmbedSpec, Part, Reply

if TYPE_CHECKING:
    from bot.client import AgoraBot

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
EPHEMERAL_DEFER = "agora_ephemeral_defer"  # key in Interaction.extras: how the reply was deferred
EMBED_COLOUR = discord.Colour(0x4F6D7A)


class NotModerator(app_commands.CheckFailure):
    """The member is neither Manage Server nor in the moderator role."""


def services_of(interaction: discord.Interaction) -> Services:
    """The handlers' services, held by the bot."""
    bot: AgoraBot = interaction.client  # type: ignore[assignment]
    return bot.services


def _role_ids(member: discord.Member) -> set[int]:
    # member.roles drops roles the cache does not know yet; the raw ids are always there.
    return {r.id for r in member.roles} | set(getattr(member, "_roles", ()))


async def member_is_moderator(
    services: Services, member: discord.abc.User, permissions: discord.Permissions
) -> bool:
    """Manage Server (or Administrator), or the server's configured moderator role."""
    if not isinstance(member, discord.Member):
        return False
    if permissions.manage_guild or permissions.administrator:
        return True
    settings = await asyncio.to_thread(services.store.guild_settings, member.guild.id)
    return settings.moderator_role_id is not None and settings.moderator_role_id in _role_ids(member)


async def caller_of(interaction: discord.Interaction) -> Caller:
    """The handlers' view of who sent `interaction`."""
    moderator = await member_is_moderator(services_of(interaction), interaction.user, interaction.permissions)
    return Caller(interaction.user.id, interaction.guild_id, interaction.channel_id, moderator)


async def caller_of_message(services: Services, message: discord.Message) -> Caller:
    """The handlers' view of who wrote `message`."""
    author = message.author
    permissions = (
        message.channel.permissions_for(author)
        if isinstance(author, discord.Member) and not isinstance(message.channel, discord.abc.PrivateChannel)
        else discord.Permissions.none()
    )
    moderator = await member_is_moderator(services, author, permissions)
    return Caller(author.id, message.guild.id if message.guild else None, message.channel.id, moderator)


def moderator_only() -> Any:
    """An app-command check: refuse members who are not moderators (raises NotModerator).

    ``default_permissions`` only hides a command in Discord's UI; this is the real check.
    """

    async def predicate(interaction: discord.Interaction) -> bool:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        if await member_is_moderator(services_of(interaction), interaction.user, interaction.permissions):
            return True
        raise NotModerator(handlers.NOT_MODERATOR)

    return app_commands.check(predicate)


# ---------------------------------------------------------------------------------------- sending


def to_embed(spec: EmbedSpec) -> discord.Embed:
    """A Discord embed from a (fitted) spec."""
    embed = discord.Embed(title=spec.title, description=spec.description, colour=EMBED_COLOUR)
    for f in spec.fields:
        embed.add_field(name=f.name, value=f.value, inline=f.inline)
    if spec.footer:
        embed.set_footer(text=spec.footer)
    return embed


class FeedbackButton(
    discord.ui.DynamicItem[discord.ui.Button], template=r"agora:vote:(?P<vote>[yn]):(?P<answer>\d+)"
):
    """A persistent "helpful / not helpful" button; its custom_id carries the answer's id."""

    def __init__(self, answer_id: int, helpful: bool) -> None:
        super().__init__(
            discord.ui.Button(
                label="Helpful" if helpful else "Not helpful",
                emoji="👍" if helpful else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"agora:vote:{'y' if helpful else 'n'}:{answer_id}",
            )
        )
        self.answer_id = answer_id
        self.helpful = helpful

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> FeedbackButton:
        """Rebuild the button from a click (after a restart too)."""
        return cls(int(match["answer"]), match["vote"] == "y")

    async def callback(self, interaction: discord.Interaction) -> None:
        """Record the vote; thank the member privately."""
        try:
            caller = await caller_of(interaction)
            reply = await handlers.handle_feedback(
                services_of(interaction), caller, self.answer_id, self.helpful
            )
            await send_reply(interaction, reply)
        except Exception as exc:  # the error handler decides what the member sees
            interaction.client.dispatch("agora_error", interaction, exc)


def feedback_view(answer_id: int | None) -> discord.ui.View | None:
    """The two vote buttons for an answer (None when there is nothing to vote on)."""
    if answer_id is None:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(FeedbackButton(answer_id, helpful=True))
    view.add_item(FeedbackButton(answer_id, helpful=False))
    return view


def _kwargs(part: Part) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
    if part.content:
        kwargs["content"] = part.content
    if part.embeds:
        kwargs["embeds"] = [to_embed(e) for e in part.embeds]
    view = feedback_view(part.feedback)
    if view is not None:
        kwargs["view"] = view
    return kwargs


async def defer(interaction: discord.Interaction, *, ephemeral: bool = False) -> None:
    """Acknowledge within Discord's 3 seconds ("thinking…"); remember who may see the reply."""
    interaction.extras[EPHEMERAL_DEFER] = ephemeral
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)


async def send_reply(interaction: discord.Interaction, reply: Reply) -> None:
    """Send a reply to an interaction: the response (or first followup), then the rest.

    A private reply after a public "thinking…" deletes that message first: Discord would
    otherwise turn the first followup into the public message whatever its flags say.
    """
    if reply.ephemeral and interaction.extras.get(EPHEMERAL_DEFER) is False:
        interaction.extras[EPHEMERAL_DEFER] = None
        try:
            await interaction.delete_original_response()
        except discord.HTTPException:
            log.warning("Could not delete the deferred response of interaction %s", interaction.id)
    for part in reply.parts():
        kwargs = _kwargs(part)
        if not interaction.response.is_done():
            await interaction.response.send_message(ephemeral=reply.ephemeral, **kwargs)
        else:
            await interaction.followup.send(ephemeral=reply.ephemeral, wait=True, **kwargs)


async def reply_to_message(message: discord.Message, reply: Reply) -> None:
    """Answer a message (a mention): a reply to it, then any further parts in the channel."""
    for i, part in enumerate(reply.parts()):
        kwargs = _kwargs(part)
        if i == 0:
            await message.reply(mention_author=False, **kwargs)
        else:
            await message.channel.send(**kwargs)
