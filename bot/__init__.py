"""Agora: a Discord bot that turns a reading into a discussion space.

Layers, each importing only the ones below it (see docs/ARCHITECTURE.md):

- :mod:`bot.ops`: operations — the ``agora`` command line, bench, doctor, logging set-up;
- :mod:`bot.discord_layer`: the Discord adapter (client, cogs, sharding's IDENTIFY turns);
  the only code that imports discord.py;
- :mod:`bot.app`: the application shared by Discord and the console — the service, the
  command handlers by area, replies and their limits, the daily-post scheduler;
- :mod:`bot.core`: the Discord-free core — the reading, search, prompts, scheduling
  arithmetic, storage, text utilities;
- :mod:`bot.settings` and :mod:`bot.shard_plan`: the settings, read once and passed down.
"""
