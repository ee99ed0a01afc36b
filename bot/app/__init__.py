"""The application: what Agora does for a member or a moderator, shared by Discord and the console.

Owns :mod:`.service` (:class:`~.service.Agora`: the reading, its index and deck, reloads),
:mod:`.handlers` (one module per area, mirroring :mod:`bot.discord_layer.exts`),
:mod:`.reply` and :mod:`.limits` (what a reply looks like and Discord's size limits, used by
both surfaces), :mod:`.render`, :mod:`.scheduler` (sending the daily posts),
:mod:`.poll_results`, :mod:`.insights`, :mod:`.privacy` (retention, the sweep, exports),
:mod:`.i18n` (Agora's words per language), :mod:`.ratelimit`, :mod:`.reload_report` and
:mod:`.console`. May import :mod:`bot.core` and :mod:`bot.settings`; never discord.py or
:mod:`bot.discord_layer`.
"""
