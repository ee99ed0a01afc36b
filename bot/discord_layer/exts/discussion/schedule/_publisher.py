"""Posting a daily prompt on Discord: the message, its poll, its thread, one role's ping.

Discord's refusals never escape: without the permission for polls or threads (or when
Discord refuses them) the prompt goes out without them; when the channel is gone or the
bot may not post there, nothing goes out. Each problem is returned for ``/schedule show``.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

import discord

from bot.app.posts import Delivery, Post
from bot.discord_layer.discord_io import NO_MENTIONS

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot

log = logging.getLogger(__name__)

THREAD_ARCHIVE_MINUTES = 1440


def _why(exc: discord.HTTPException) -> str:
    return f"{exc.status} {exc.text or type(exc).__name__}".strip()


def role_only(role_id: int | None) -> discord.AllowedMentions:
    """Mentions that can ping `role_id` and nothing else (no @everyone, no users, no replies)."""
    if role_id is None:
        return NO_MENTIONS
    return discord.AllowedMentions(
        everyone=False, users=False, roles=[discord.Object(id=role_id)], replied_user=False
    )


def make_poll(post: Post) -> discord.Poll | None:
    """The native poll of a post (None if it has none)."""
    if post.poll is None:
        return None
    poll = discord.Poll(question=post.poll.question, duration=datetime.timedelta(hours=post.poll.hours))
    for answer in post.poll.answers:
        poll.add_answer(text=answer)
    return poll


class DiscordPublisher:
    """Sends :class:`~bot.app.posts.Post` objects through the bot."""

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot

    async def _channel(self, channel_id: int) -> tuple[discord.abc.Messageable | None, str | None]:
        channel = self.bot.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(channel_id)
            except discord.NotFound:
                return (
                    None,
                    f"Not posted: the channel {channel_id} no longer exists; "
                    "choose another with /schedule set.",
                )
            except discord.Forbidden:
                return None, f"Not posted: I can no longer see <#{channel_id}> (View Channel permission)."
            except discord.HTTPException as exc:
                return None, f"Not posted: Discord would not find <#{channel_id}> ({_why(exc)})."
        if not isinstance(channel, discord.abc.Messageable) or isinstance(
            channel, discord.abc.PrivateChannel
        ):
            return None, f"Not posted: <#{channel_id}> is not a channel I can post in."
        return channel, None

    async def publish(self, post: Post) -> Delivery:
        """Post the prompt; degrade (no poll, no thread, no ping) rather than fail where possible."""
        channel, problem = await self._channel(post.channel_id)
        if channel is None:
            return Delivery(None, problems=(problem or "Not posted.",))
        problems: list[str] = []
        where = f"<#{post.channel_id}>"
        guild = getattr(channel, "guild", None)
        me = guild.me if guild is not None else None
        perms = (
            channel.permissions_for(me) if me is not None and hasattr(channel, "permissions_for") else None
        )

        content, role_id = post.content, post.role_id
        if role_id is not None and guild is not None and guild.get_role(role_id) is None:
            problems.append("The role to ping no longer exists, so the post pinged nobody.")
            content, role_id = content.removeprefix(f"<@&{role_id}> "), None

        poll = make_poll(post)
        if poll is not None and perms is not None and not perms.send_polls:
            problems.append(f"No poll: I lack the Send Polls permission in {where}.")
            poll = None

        mentions = role_only(role_id)
        message: discord.Message | None = None
        if poll is not None:
            try:
                message = await channel.send(
                    content=content, poll=poll, allowed_mentions=mentions, nonce=post.nonce
                )
            except discord.NotFound:
                return Delivery(
                    None, problems=(f"Not posted: the channel {post.channel_id} no longer exists.",)
                )
            except discord.HTTPException as exc:
                log.warning("Discord refused the poll in %s (%s); posting without it", where, _why(exc))
                problems.append(f"No poll: Discord refused it ({_why(exc)}).")
        if message is None:
            try:
                message = await channel.send(content=content, allowed_mentions=mentions, nonce=post.nonce)
            except discord.NotFound:
                return Delivery(
                    None, problems=(f"Not posted: the channel {post.channel_id} no longer exists.",)
                )
            except discord.Forbidden as exc:
                return Delivery(
                    None,
                    problems=(f"Not posted: I lack permission to post in {where} ({_why(exc)}).",),
                )
            except discord.HTTPException as exc:
                return Delivery(None, problems=(f"Not posted: Discord refused the message ({_why(exc)}).",))

        thread_id = None
        if post.thread_name:
            if not isinstance(channel, discord.TextChannel):
                problems.append(f"No thread: threads can't be opened under messages in {where}.")
            elif perms is not None and not perms.create_public_threads:
                problems.append(f"No thread: I lack the Create Public Threads permission in {where}.")
            else:
                try:
                    thread = await message.create_thread(
                        name=post.thread_name, auto_archive_duration=THREAD_ARCHIVE_MINUTES
                    )
                    thread_id = thread.id
                except discord.HTTPException as exc:
                    log.warning("Could not open a thread in %s: %s", where, _why(exc))
                    problems.append(f"No thread: Discord refused it ({_why(exc)}).")
        return Delivery(message.id, thread_id, tuple(problems))
