"""Daily debate prompts: /schedule set|show|pause|resume|off, /prompt now, and the scheduler task."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord_layer.exts.discussion.schedule._cog import Schedules

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot


async def setup(bot: AgoraBot) -> None:
    """Load the extension."""
    await bot.add_cog(Schedules(bot))
