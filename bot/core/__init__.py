"""The Discord-free core: what Agora knows and computes, with no surface attached.

Packages, lowest first: :mod:`.text` (words, sentences, untrusted-text cleaning),
:mod:`.files` (sealed files, build locks), :mod:`.reading` (files → documents → passages),
:mod:`.search` (embeddings, the index, retrieval, summaries, follow-ups, evaluation),
:mod:`.scheduling` (schedule arithmetic), :mod:`.storage` (the state store and its drivers),
:mod:`.prompts` (debate prompts). The core never imports :mod:`bot.app`,
:mod:`bot.discord_layer`, :mod:`bot.ops` or discord.py.
"""
