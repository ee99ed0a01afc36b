"""/reading add, use, list, remove: a server's own readings (moderators only).

Attachments are fetched only from the URL Discord gives for them (its CDN, or the API host
Agora is pointed at), after their declared size is checked against the cap. The preview is
private, with Confirm / Cancel buttons; on Confirm the reading is indexed in the background
and the preview message turns into a progress message that updates until it is done.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.handlers.readings import (
    handle_reading_add,
    handle_reading_cancel,
    handle_reading_confirm,
    handle_reading_list,
    handle_reading_remove,
    handle_reading_use,
)
from bot.app.reply import Reply
from bot.core.readings.draft import Upload
from bot.core.readings.sniff import MAX_UPLOAD_BYTES
from bot.discord_layer.discord_io import (
    NO_MENTIONS,
    caller_of,
    defer,
    moderator_only,
    send_reply,
    services_of,
    to_embed,
)

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot

log = logging.getLogger(__name__)

DISCORD_FILE_HOSTS = frozenset({"cdn.discordapp.com", "media.discordapp.net"})
MAX_PASTE = 6000  # Discord's own limit for a text option


class ReadingButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"agora:reading:(?P<action>confirm|cancel):(?P<token>[0-9a-f]{12})",
):
    """Confirm or Cancel under a reading's preview; its custom_id carries the preview's token."""

    def __init__(self, action: str, token: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Confirm" if action == "confirm" else "Cancel",
                style=discord.ButtonStyle.primary if action == "confirm" else discord.ButtonStyle.secondary,
                custom_id=f"agora:reading:{action}:{token}",
            )
        )
        self.action = action
        self.token = token

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> ReadingButton:
        """Rebuild the button from a click."""
        return cls(match["action"], match["token"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Install (with a progress message) or drop the previewed reading."""
        try:
            services = services_of(interaction)
            caller = await caller_of(interaction)
            if self.action == "cancel":
                reply = handle_reading_cancel(services, caller, self.token)
                await interaction.response.edit_message(content=reply.content, embed=None, view=None)
                return
            await interaction.response.edit_message(content="Installing… (0 s)", embed=None, view=None)

            async def progress(text: str) -> None:
                try:
                    await interaction.edit_original_response(content=text, allowed_mentions=NO_MENTIONS)
                except discord.HTTPException as exc:  # a missed update is not worth failing the build
                    log.warning("Could not update the progress of interaction %s: %s", interaction.id, exc)

            reply = await handle_reading_confirm(services, caller, self.token, progress)
            await interaction.edit_original_response(content=reply.content, allowed_mentions=NO_MENTIONS)
        except Exception as exc:  # the error handler decides what the member sees
            interaction.client.dispatch("agora_error", interaction, exc)


def buttons(token: str) -> discord.ui.View:
    """Confirm and Cancel for one preview."""
    view = discord.ui.View(timeout=None)
    view.add_item(ReadingButton("confirm", token))
    view.add_item(ReadingButton("cancel", token))
    return view


def fetchable(url: str, api_base: str | None) -> bool:
    """Whether `url` is Discord's own address for an attachment (or the API host Agora is pointed at)."""
    parts = urlsplit(url)
    allowed = set(DISCORD_FILE_HOSTS)
    if api_base:
        allowed.add(urlsplit(api_base).netloc)
        return parts.netloc in allowed and parts.scheme in ("https", "http")
    return parts.netloc in allowed and parts.scheme == "https"


class Readings(commands.Cog):
    """A server's own readings, and which channel reads what."""

    reading = app_commands.Group(
        name="reading",
        description="This server's readings: add one, choose a channel's (moderators)",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot

    async def _uploads(
        self, name: str, files: list[discord.Attachment], text: str | None
    ) -> list[Upload] | str:
        """The attachments' bytes (or the pasted text), or why they cannot be had."""
        uploads: list[Upload] = []
        api_base = self.bot.services.agora.settings.discord_api_base
        for attachment in files:
            if attachment.size > MAX_UPLOAD_BYTES:
                return (
                    f"{attachment.filename} is {attachment.size / (1024 * 1024):.1f} MB; "
                    f"the limit is {MAX_UPLOAD_BYTES // (1024 * 1024)} MB a file."
                )
            if not fetchable(attachment.url, api_base):
                return f"{attachment.filename} does not come from Discord's file servers; not fetched."
            try:
                data = await attachment.read()
            except (discord.HTTPException, discord.NotFound) as exc:
                return f"Could not fetch {attachment.filename} from Discord ({exc})."
            uploads.append(Upload(attachment.filename, data[: MAX_UPLOAD_BYTES + 1]))
        if text and text.strip():
            markdown = re.search(r"(?m)^#{1,6} \S", text) is not None
            uploads.append(Upload(f"{name}.{'md' if markdown else 'txt'}", text.encode()))
        return uploads

    @reading.command(name="add")
    @app_commands.describe(
        name="A short name for it (letters, digits, - and _), like on-liberty",
        file="A .txt, .md, .pdf (with a text layer) or .html file",
        file2="Another file of the same reading",
        file3="Another file of the same reading",
        text="Or paste the text here",
    )
    @moderator_only()
    async def add(  # noqa: PLR0917 - one parameter per command option
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 40],
        file: discord.Attachment | None = None,
        file2: discord.Attachment | None = None,
        file3: discord.Attachment | None = None,
        text: app_commands.Range[str, 1, MAX_PASTE] | None = None,
    ) -> None:
        """Add a reading (or a new version of one): a private preview first, then Confirm."""
        caller = await caller_of(interaction)
        if not await defer(interaction, ephemeral=True):
            return
        files = [f for f in (file, file2, file3) if f is not None]
        uploads = await self._uploads(name, files, text)
        if isinstance(uploads, str):
            await send_reply(interaction, Reply(uploads, ephemeral=True))
            return
        reply, token = await handle_reading_add(self.bot.services, caller, name, uploads)
        if token is None:
            await send_reply(interaction, reply)
            return
        await interaction.followup.send(
            embeds=[to_embed(e.fitted()) for e in reply.embeds],
            view=buttons(token),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @reading.command(name="use")
    @app_commands.describe(
        name="The reading's name (`seeds`: the seeds folder)",
        channel="The channel, thread or forum (default: this one); its threads follow it",
        whole_server="Make it the server's default, for channels without their own",
    )
    @moderator_only()
    async def use(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 40],
        channel: discord.TextChannel | discord.ForumChannel | discord.Thread | None = None,
        whole_server: bool = False,
    ) -> None:
        """Choose the reading a channel (or the whole server) draws on."""
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        reply = await handle_reading_use(
            self.bot.services, caller, name, channel.id if channel else None, server=whole_server
        )
        await send_reply(interaction, reply)

    @reading.command(name="list")
    @moderator_only()
    async def list_(self, interaction: discord.Interaction) -> None:
        """List this server's readings and the channels using each."""
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        await send_reply(interaction, await handle_reading_list(self.bot.services, caller))

    @reading.command(name="remove")
    @app_commands.describe(name="The reading's name")
    @moderator_only()
    async def remove(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 40]) -> None:
        """Remove one of this server's readings (its channels go back to the server's default)."""
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        await send_reply(interaction, await handle_reading_remove(self.bot.services, caller, name))


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    bot.add_dynamic_items(ReadingButton)
    await bot.add_cog(Readings(bot))
