"""A server's configuration: its moderator role, ask cooldown and whether links stay clickable."""

from __future__ import annotations

from bot.core.storage.queries.base import Queries
from bot.core.storage.records import (
    DEFAULT_COOLDOWN,
    GuildSettings,
)


class SettingsQueries(Queries):
    """A server's configuration: its moderator role, ask cooldown and whether links stay clickable."""

    def guild_settings(self, guild_id: int) -> GuildSettings:
        """A server's settings (defaults when it has none)."""
        row = self._one(
            "SELECT moderator_role_id, ask_cooldown_seconds, allow_links FROM guild_settings "
            "WHERE guild_id = ?",
            (guild_id,),
        )
        if row is None:
            return GuildSettings(guild_id)
        role, cooldown, links = row
        return GuildSettings(
            guild_id, role, DEFAULT_COOLDOWN if cooldown is None else float(cooldown), bool(links)
        )

    def set_allow_links(self, guild_id: int, allow: bool) -> None:
        """Whether web links in text Agora shows stay clickable in this server."""
        self._write(
            "INSERT INTO guild_settings (guild_id, allow_links) VALUES (?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET allow_links = excluded.allow_links",
            (guild_id, int(allow)),
            retries=1,
        )

    def set_moderator_role(self, guild_id: int, role_id: int | None) -> None:
        """Set (or clear, with None) the role that counts as moderator."""
        self._write(
            "INSERT INTO guild_settings (guild_id, moderator_role_id) VALUES (?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET moderator_role_id = excluded.moderator_role_id",
            (guild_id, role_id),
            retries=1,
        )

    def set_ask_cooldown(self, guild_id: int, seconds: float) -> None:
        """Set the per-member cooldown between questions (0 disables it)."""
        if seconds < 0 or seconds > 3600:
            raise ValueError("The cooldown must be between 0 and 3600 seconds.")
        self._write(
            "INSERT INTO guild_settings (guild_id, ask_cooldown_seconds) VALUES (?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET ask_cooldown_seconds = excluded.ask_cooldown_seconds",
            (guild_id, seconds),
            retries=1,
        )
