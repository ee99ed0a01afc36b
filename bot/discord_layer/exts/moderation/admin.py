"""Moderator commands: /reload, /status, /insights and /config.

Moderator = Manage Server, or the role set with /config moderator-role. The check is
``moderator_only`` (in code); ``default_permissions`` only decides who sees the commands
in Discord's UI by default. Changing the moderator role needs Manage Server itself
(``manage_server_only``), so the role can never re-point itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import handlers
from bot.app.i18n import LANGUAGE_NAMES, LANGUAGES
from bot.discord_layer.discord_io import caller_of, defer, manage_server_only, moderator_only, send_reply

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot

MODERATORS = discord.Permissions(manage_guild=True)


class Admin(commands.Cog):
    """Keeping the reading and the server's settings up to date."""

    config = app_commands.Group(
        name="config",
        description="Agora's settings for this server (moderators)",
        guild_only=True,
        default_permissions=MODERATORS,
    )

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot

    @app_commands.command(name="reload")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @moderator_only()
    async def reload(self, interaction: discord.Interaction) -> None:
        """Rebuild the index from the reading's files; questions keep being answered meanwhile."""
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        await send_reply(interaction, await handlers.handle_reload(self.bot.services, caller))

    @app_commands.command(name="status")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @moderator_only()
    async def status(self, interaction: discord.Interaction) -> None:
        """The reading, model, index age, uptime, latency, answers served and feedback."""
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        await send_reply(interaction, await handlers.handle_status(self.bot.services, caller))

    @app_commands.command(name="insights")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @moderator_only()
    async def insights(self, interaction: discord.Interaction) -> None:
        """What members asked that the reading does not cover, and answers marked not helpful."""
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        await send_reply(interaction, await handlers.handle_insights(self.bot.services, caller))

    @config.command(name="show")
    @moderator_only()
    async def config_show(self, interaction: discord.Interaction) -> None:
        """Show this server's settings."""
        caller = await caller_of(interaction)
        await send_reply(interaction, await handlers.handle_config(self.bot.services, caller, "show"))

    @config.command(name="moderator-role")
    @app_commands.describe(role="Members with this role count as moderators (leave empty to clear)")
    @manage_server_only()
    async def config_moderator_role(
        self, interaction: discord.Interaction, role: discord.Role | None = None
    ) -> None:
        """Set the role whose members can use the moderator commands (needs Manage Server)."""
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        reply = await handlers.handle_config(
            self.bot.services,
            caller,
            "moderator-role",
            role_id=role.id if role else None,
            role_managed=bool(role and role.managed),
        )
        await send_reply(interaction, reply)

    @config.command(name="cooldown")
    @app_commands.describe(
        seconds="Seconds a member waits for each command after the first three (0 turns the limit off)"
    )
    @moderator_only()
    async def config_cooldown(
        self, interaction: discord.Interaction, seconds: app_commands.Range[float, 0, 3600]
    ) -> None:
        """Set how often each member may use Agora's commands (ask, source, debate, votes)."""
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        await send_reply(
            interaction, await handlers.handle_config(self.bot.services, caller, "cooldown", cooldown=seconds)
        )

    @config.command(name="language")
    @app_commands.describe(language="The language of public posts here (daily prompts, poll results)")
    @app_commands.choices(
        language=[app_commands.Choice(name=LANGUAGE_NAMES[code], value=code) for code in LANGUAGES]
    )
    @moderator_only()
    async def config_language(self, interaction: discord.Interaction, language: str) -> None:
        """Set the language of this server's public posts."""
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        await send_reply(interaction, await handlers.handle_language(self.bot.services, caller, language))


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    await bot.add_cog(Admin(bot))
