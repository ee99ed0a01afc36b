"""Between handlers and Discord: who is calling, the moderator check, and sending replies.

Every message Agora sends goes through :func:`send_reply` or :func:`reply_to_message`, which
cut the reply to Discord's limits and pass ``AllowedMentions.none()`` explicitly (the bot's
default is the same), so a quoted ``@everyone`` or role mention pings nobody.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.app import handlers
from bot.app.handlers import Caller, Services
from bot.app.i18n import language_of, t
from bot.app.reply import EmbedSpec, Part, Reply

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
EPHEMERAL_DEFER = "agora_ephemeral_defer"  # key in Interaction.extras: how the reply was deferred
EMBED_COLOUR = discord.Colour(0x4F6D7A)
ACK_WINDOW = 2.8  # seconds from the interaction's creation to acknowledge it (Discord allows 3)
CLOCK_SKEW = 10.0  # seconds; beyond this an interaction's own timestamp is not trusted
ACK_ATTEMPT = 0.6  # seconds one attempt to acknowledge may take before it is sent again
FOLLOWUP_LIFE = 14 * 60.0  # an interaction token lives 15 minutes: keep a margin
ALREADY_ACKNOWLEDGED = 40060
UNKNOWN_INTERACTION = 10062
T = TypeVar("T")


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
    settings = await services.guild_settings(member.guild.id)
    return settings.moderator_role_id is not None and settings.moderator_role_id in _role_ids(member)


def manages_server(member: discord.abc.User, permissions: discord.Permissions) -> bool:
    """Manage Server (or Administrator) itself, in a server: what Discord itself calls a manager."""
    return isinstance(member, discord.Member) and (permissions.manage_guild or permissions.administrator)


async def caller_of(interaction: discord.Interaction) -> Caller:
    """The handlers' view of who sent `interaction` (private replies speak the member's language)."""
    moderator = await member_is_moderator(services_of(interaction), interaction.user, interaction.permissions)
    return Caller(
        interaction.user.id,
        interaction.guild_id,
        interaction.channel_id,
        moderator,
        parent_id=getattr(interaction.channel, "parent_id", None),
        manages_server=manages_server(interaction.user, interaction.permissions),
        language=language_of(str(interaction.locale)),
    )


async def caller_of_message(services: Services, message: discord.Message) -> Caller:
    """The handlers' view of who wrote `message`."""
    author = message.author
    permissions = (
        message.channel.permissions_for(author)
        if isinstance(author, discord.Member) and not isinstance(message.channel, discord.abc.PrivateChannel)
        else discord.Permissions.none()
    )
    moderator = await member_is_moderator(services, author, permissions)
    return Caller(
        author.id,
        message.guild.id if message.guild else None,
        message.channel.id,
        moderator,
        parent_id=getattr(message.channel, "parent_id", None),
        manages_server=manages_server(author, permissions),
    )


def manage_server_only() -> Any:
    """An app-command check: Manage Server itself (the moderator role is not enough)."""

    async def predicate(interaction: discord.Interaction) -> bool:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        if manages_server(interaction.user, interaction.permissions):
            return True
        raise NotModerator(t("config.manage_only", language_of(str(interaction.locale))))

    return app_commands.check(predicate)


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
    if spec.image:
        embed.set_image(url=f"attachment://{spec.image}")
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


class ShareButton(discord.ui.DynamicItem[discord.ui.Button], template=r"agora:share"):
    """Under a private answer ("Check against the reading"): post that answer in the channel."""

    def __init__(self) -> None:
        super().__init__(
            discord.ui.Button(
                label="Post it here", style=discord.ButtonStyle.primary, custom_id="agora:share"
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> ShareButton:
        """Rebuild the button from a click (after a restart too)."""
        return cls()

    async def callback(self, interaction: discord.Interaction) -> None:
        """Post the private answer's own text and embeds for everyone (rate-limited, no pings)."""
        try:
            caller = await caller_of(interaction)
            services = services_of(interaction)
            refusal = await handlers.check_rate(services, caller)
            message = interaction.message
            if refusal is None and message is not None:
                embeds = [e for e in message.embeds if e.type == "rich"][:10]
                content = f"Shared by <@{caller.user_id}>: checked against the reading."
                await interaction.response.send_message(
                    content=content, embeds=embeds, allowed_mentions=NO_MENTIONS
                )
                return
            await send_reply(interaction, refusal or Reply("There is nothing to post.", ephemeral=True))
        except Exception as exc:  # the error handler decides what the member sees
            interaction.client.dispatch("agora_error", interaction, exc)


ACTION_TEMPLATE = r"agora:act:(?P<action>[a-z:\-]{1,60})"


class ActionButton(discord.ui.DynamicItem[discord.ui.Button], template=ACTION_TEMPLATE):
    """A button under a reply (:class:`~bot.app.reply.Action`); a click is the ``agora_action`` event.

    The feature that offered the action listens for the event and checks the action is one of
    its own (anything else is refused): the id carries no data, only a verb.
    """

    def __init__(self, action: str, label: str = "…", danger: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.danger if danger else discord.ButtonStyle.secondary,
                custom_id=f"agora:act:{action}",
            )
        )
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> ActionButton:
        """Rebuild the button from a click (after a restart too)."""
        return cls(match["action"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the feature that offered it."""
        interaction.client.dispatch("agora_action", interaction, self.action)


def _kwargs(part: Part) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
    if part.content:
        kwargs["content"] = part.content
    if part.embeds:
        kwargs["embeds"] = [to_embed(e) for e in part.embeds]
    if part.files:
        kwargs["files"] = [discord.File(io.BytesIO(f.data), filename=f.name) for f in part.files]
    view = feedback_view(part.feedback)
    if part.shareable:
        view = discord.ui.View(timeout=None)
        view.add_item(ShareButton())
    if part.actions:
        view = view or discord.ui.View(timeout=None)
        for action in part.actions:
            view.add_item(ActionButton(action.id, action.label, action.danger))
    if view is not None:
        kwargs["view"] = view
    return kwargs


def _retryable(error: discord.HTTPException) -> bool:
    """Discord's own trouble (rate limited, server error), worth trying again."""
    return error.status == 429 or error.status >= 500


async def defer(interaction: discord.Interaction, *, ephemeral: bool = False) -> bool:
    """Acknowledge within Discord's 3 seconds ("thinking…"); remember who may see the reply.

    Returns whether the interaction is acknowledged (see :func:`_within_window`).
    """
    interaction.extras[EPHEMERAL_DEFER] = ephemeral
    return await _within_window(
        interaction,
        lambda: interaction.response.defer(ephemeral=ephemeral, thinking=True),
        discord.InteractionResponseType.deferred_channel_message,
    )


async def _within_window(
    interaction: discord.Interaction,
    respond: Callable[[], Awaitable[object]],
    kind: discord.InteractionResponseType,
) -> bool:
    """Give the interaction its one response (`respond`) within Discord's 3-second window.

    discord.py retries a failed call after 1, 3, 5… seconds, which would miss the window
    after a single server error; so each attempt gets a short time of its own and is sent
    again at once, until the window closes. An attempt that reached Discord but timed out
    here shows up as "already acknowledged" on the next, which counts as done (as `kind`).
    Returns whether the interaction has its response (False once it has expired); a response
    Discord refuses for what it is (not for its own trouble) raises.
    """
    now, created = time.time(), interaction.created_at.timestamp()
    # The window runs from the interaction's creation, unless the clocks disagree wildly.
    deadline = (created if abs(now - created) < CLOCK_SKEW else now) + ACK_WINDOW
    attempts = 0
    while not interaction.response.is_done():
        left = deadline - time.time()
        attempts += 1
        if left <= 0 and attempts > 1:
            log.error("Could not answer interaction %s within Discord's window", interaction.id)
            return False
        try:
            async with asyncio.timeout(max(min(ACK_ATTEMPT, left), 0.1)):
                await respond()
        except TimeoutError:
            log.warning("Answering interaction %s is slow; sending it again", interaction.id)
        except discord.HTTPException as exc:
            if exc.code == ALREADY_ACKNOWLEDGED:
                interaction.response._response_type = kind  # an earlier attempt got through
            elif exc.code == UNKNOWN_INTERACTION:
                log.error("Interaction %s expired before Discord took its response", interaction.id)
                return False
            elif not _retryable(exc):
                raise  # a response Discord refuses: the error handler hears of it
            else:
                log.warning("Discord failed the response to interaction %s (%s)", interaction.id, exc.status)
    return True


async def _with_retries(what: str, call: Callable[[], Awaitable[T]], *, deadline: float) -> T:
    """Run a Discord call, again after Discord's own trouble (429, 5xx), until `deadline`."""
    pause = 1.0
    while True:
        try:
            return await call()
        except discord.HTTPException as exc:
            if not _retryable(exc) or time.monotonic() + pause > deadline:
                raise
            log.warning("Discord failed %s (%s); trying again in %.0fs", what, exc.status, pause)
        await asyncio.sleep(pause)
        pause = min(pause * 2, 60.0)


async def send_reply(interaction: discord.Interaction, reply: Reply) -> None:
    """Send a reply to an interaction: the response (or first followup), then the rest.

    A private reply after a public "thinking…" deletes that message first: Discord would
    otherwise turn the first followup into the public message whatever its flags say.
    Followups are sent again after Discord's own failures for as long as the interaction's
    token lives (15 minutes). When the answer is still being recorded, its vote buttons are
    added to the last message once it is.
    """
    deadline = time.monotonic() + FOLLOWUP_LIFE
    if reply.ephemeral and interaction.extras.get(EPHEMERAL_DEFER) is False:
        interaction.extras[EPHEMERAL_DEFER] = None
        try:
            await interaction.delete_original_response()
        except discord.HTTPException:
            log.warning("Could not delete the deferred response of interaction %s", interaction.id)
    last: discord.WebhookMessage | None = None
    for part in reply.parts():
        kwargs = _kwargs(part)
        if not interaction.response.is_done():
            sent = await _within_window(
                interaction,
                lambda kwargs=kwargs: interaction.response.send_message(ephemeral=reply.ephemeral, **kwargs),
                discord.InteractionResponseType.channel_message,
            )
            if not sent:
                return  # Discord never took it: nothing more can be sent for this interaction
            last = None
        else:
            last = await _with_retries(
                "a followup",
                lambda kwargs=kwargs: interaction.followup.send(
                    ephemeral=reply.ephemeral, wait=True, **kwargs
                ),
                deadline=deadline,
            )
    if reply.pending_feedback is not None:
        await _add_buttons_later(interaction, last, reply.pending_feedback, deadline)


async def _add_buttons_later(
    interaction: discord.Interaction,
    message: discord.WebhookMessage | None,
    pending: Awaitable[int | None],
    deadline: float,
) -> None:
    """Once the answer is recorded, give its message the vote buttons (best-effort)."""
    try:
        async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
            answer_id = await pending
    except TimeoutError:
        return
    view = feedback_view(answer_id)
    if view is None:
        return
    try:
        if message is not None:
            await _with_retries("adding vote buttons", lambda: message.edit(view=view), deadline=deadline)
        else:
            await _with_retries(
                "adding vote buttons",
                lambda: interaction.edit_original_response(view=view),
                deadline=deadline,
            )
    except discord.HTTPException as exc:
        log.warning("Could not add vote buttons to interaction %s: %s", interaction.id, exc)


async def reply_to_message(message: discord.Message, reply: Reply) -> None:
    """Answer a message (a mention): a reply to it, then any further parts in the channel."""
    deadline = time.monotonic() + FOLLOWUP_LIFE
    sent: discord.Message | None = None
    for i, part in enumerate(reply.parts()):
        kwargs = _kwargs(part)
        if i == 0:
            sent = await _with_retries(
                "a reply",
                lambda kwargs=kwargs: message.reply(mention_author=False, **kwargs),
                deadline=deadline,
            )
        else:
            sent = await _with_retries(
                "a message", lambda kwargs=kwargs: message.channel.send(**kwargs), deadline=deadline
            )
    if reply.pending_feedback is not None and sent is not None:
        try:
            async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
                view = feedback_view(await reply.pending_feedback)
            if view is not None:
                await _with_retries("adding vote buttons", lambda: sent.edit(view=view), deadline=deadline)
        except (TimeoutError, discord.HTTPException) as exc:
            log.warning("Could not add vote buttons to message %s: %s", message.id, exc)
