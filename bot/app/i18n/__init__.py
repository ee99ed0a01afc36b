"""Agora's words in each language it speaks: English, and French as the proof that the rest can follow.

Owns :mod:`.messages` (what Agora says: ``/help``, ``/privacy``, the join message, the daily
post's labels) and :mod:`.commands` (command and option names, descriptions and choices, for
the Discord layer's ``app_commands.Translator``). Public posts speak the server's language
(``/config language``); private replies the member's own Discord language. Imports nothing
of Agora's: a language is data.

To add a language: add its code to :data:`LANGUAGES`, a column to every entry of
:data:`.messages.MESSAGES`, and a table like :data:`.commands.FRENCH`;
``tests/test_i18n.py`` checks every string is there and within Discord's limits.
"""

from __future__ import annotations

from bot.app.i18n.messages import MESSAGES

ENGLISH = "en"
LANGUAGES = ("en", "fr")  # the first is the default
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


def language_of(locale: str | None) -> str:
    """The language Agora speaks for a Discord locale ("fr", "en-GB", …): English when it has none."""
    code = (locale or "").split("-", 1)[0].lower()
    return code if code in LANGUAGES else ENGLISH


def t(key: str, language: str | None = None, /, **values: object) -> str:
    """The message `key` in `language` (English when missing), with `values` filled in."""
    entry = MESSAGES[key]
    text = entry.get(language or ENGLISH) or entry[ENGLISH]
    return text.format(**values) if values else text


__all__ = ["ENGLISH", "LANGUAGES", "LANGUAGE_NAMES", "MESSAGES", "language_of", "t"]
