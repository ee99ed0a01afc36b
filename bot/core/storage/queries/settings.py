"""A server's configuration: its moderator role and ask cooldown."""

from __future__ import annotations

from bot.core.storage.kept import COOLDOWNS, DELETE, Kept
from bot.core.storage.queries.base import Queries
from bot.core.storage.records import (
    DEFAULT_COOLDOWN,
    GuildSettings,
)


class SettingsQueries(Queries):
    """A server's configuration: its moderator role and ask cooldown."""

    KEPT = (
        Kept(
            "guild_settings",
            "the server's settings (moderator role, cooldown, language)",
            ("guild_id", "moderator_role_id", "ask_cooldown_seconds", "language"),
            guild="guild_id",
        ),
        Kept(
            "ask_cooldowns",
            "when you last used a command, for the server's rate limit",
            ("guild_id", "user_id", "last_at"),
            guild="guild_id",
            members=(("user_id", DELETE),),
            time="last_at",
            retention=COOLDOWNS,
        ),
    )

    def guild_settings(self, guild_id: int) -> GuildSettings:
        """A server's settings (defaults when it has none)."""
        row = self._one(
            "SELECT moderator_role_id, ask_cooldown_seconds, language FROM guild_settings WHERE guild_id = ?",
            (guild_id,),
        )
        if row is None:
            return GuildSettings(guild_id)
        role, cooldown, language = row
        return GuildSettings(
            guild_id, role, DEFAULT_COOLDOWN if cooldown is None else float(cooldown), language or None
        )

    def set_language(self, guild_id: int, language: str | None) -> None:
        """Set (or clear, with None) the language of the server's public posts."""
        self._write(
            "INSERT INTO guild_settings (guild_id, language) VALUES (?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET language = excluded.language",
            (guild_id, language),
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
