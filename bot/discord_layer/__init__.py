"""The Discord adapter: the only package that imports discord.py.

Owns :mod:`.client` (the bot, start-up, sharded IDENTIFY turns), :mod:`.discord_io`
(interactions → handler calls, replies → messages), :mod:`.endpoints` (another API base,
the emulator) and :mod:`.exts` (one cog per feature). Turns Discord events into calls of
:mod:`bot.app.handlers` and their :class:`~bot.app.reply.Reply` into messages.
"""
