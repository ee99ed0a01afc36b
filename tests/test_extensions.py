"""Every extension loads, and command names don't clash."""

from __future__ import annotations

import asyncio
import importlib

from discord import app_commands

from bot.app.service import Agora
from bot.core.storage.store import Store
from bot.discord_layer.client import AgoraBot, walk_extensions
from bot.settings import Settings


def test_every_extension_has_setup():
    names = list(walk_extensions())
    assert {n.rsplit(".", 1)[1] for n in names} == {
        "ask",
        "source",
        "about",
        "debate",
        "admin",
        "error_handler",
        "schedule",
        "standings",
        "data",
        "lifecycle",
        "help",
        "welcome",
        "library",
    }
    for name in names:
        assert callable(importlib.import_module(name).setup)


def test_commands_load_without_clashes(tmp_path):
    async def load() -> list[app_commands.Command | app_commands.Group]:
        store = Store(tmp_path / "s.sqlite3")
        settings = Settings(data_dir=tmp_path)
        bot = AgoraBot(settings, agora=Agora(settings), store=store)  # nothing loaded until prepared
        try:
            for name in walk_extensions():
                await bot.load_extension(name)  # a clash raises CommandAlreadyRegistered
            return bot.tree.get_commands()
        finally:
            await bot.close()
            store.close()

    commands = asyncio.run(load())
    names = [c.name for c in commands]
    assert len(names) == len(set(names))
    for command in commands:
        if isinstance(command, app_commands.ContextMenu):  # a context menu has no description
            assert len(command.name) <= 32
            continue
        assert command.description and len(command.description) <= 100
        for child in getattr(command, "commands", []):
            assert child.description and len(child.description) <= 100
