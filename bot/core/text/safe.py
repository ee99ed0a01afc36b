"""Text from people, made safe: cleaned on the way in, neutralised when it is shown back.

Everything a member, a terminal or a command line hands Agora goes through
:func:`clean_input` first: undecodable bytes (kept by Python as lone surrogates) and lone
surrogates become U+FFFD, control characters other than line breaks and tabs are dropped,
and so are the invisible direction overrides that can make text read differently from what
it is. The result always encodes as UTF-8.

Text echoed back into a Discord message (a question quoted above its answer, a topic that
matched nothing) goes through :func:`neutralise`, so a member cannot make Agora post a
masked link, a heading, a spoiler or a code block that swallows the rest of the message.
Mentions are not touched here: every message is sent with mentions turned off.
"""

from __future__ import annotations

import math
import re
import unicodedata

REPLACEMENT = "\ufffd"
# Direction overrides and isolates, and the invisible marks that steer them.
_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"))
_KEEP_CONTROL = {"\n", "\t"}
# Characters Discord's Markdown gives a meaning wherever they appear.
_INLINE = re.compile(r"([\\*_~`|\[\]<])")
# Markers that only count at the start of a line: headings, subtext, quotes, lists.
_LINE_START = re.compile(r"^([ \t]*)(#|-#|>|[-+]\s)", re.MULTILINE)
_URL_SCHEME = re.compile(r"\b(https?|discord|steam)://", re.IGNORECASE)


def clean_input(text: object) -> str:
    """`text` as valid, printable Unicode (never raises, whatever it is given).

    Bytes are decoded as UTF-8 with U+FFFD for what does not decode; a ``str`` carrying
    lone surrogates (from ``surrogateescape`` or a broken client) gets U+FFFD for each.
    """
    if text is None:
        return ""
    if isinstance(text, bytes | bytearray):
        raw = bytes(text).decode("utf-8", errors="replace")
    else:
        raw = str(text)
        # A lone surrogate cannot be encoded; surrogateescape'd bytes are lone surrogates too.
        if any("\ud800" <= ch <= "\udfff" for ch in raw):
            raw = "".join(REPLACEMENT if "\ud800" <= ch <= "\udfff" else ch for ch in raw)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_BIDI)
    return "".join(ch for ch in raw if ch in _KEEP_CONTROL or unicodedata.category(ch) != "Cc")


def neutralise(text: str) -> str:
    """Member text made inert for Discord Markdown: it shows as typed, formats nothing.

    Formatting characters are escaped with a backslash (so ``[label](url)`` shows its
    brackets and never becomes a masked link, ``||…||`` hides nothing, a backtick cannot
    open or close a code block), line-start markers (``#``, ``-#``, ``>``, list bullets)
    are escaped, and link schemes are broken up (``https\u200b://``) so no link in echoed
    text is clickable or previewed.
    """
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _URL_SCHEME.sub(lambda m: m.group(1) + "\u200b://", text)


def finite_number(value: object, *, low: float, high: float, what: str) -> float:
    """`value` as a float in [low, high]; ValueError with a friendly message otherwise.

    Refuses text that is not a number, NaN, infinities and out-of-range values.
    """
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{what} must be a number between {low:g} and {high:g}.") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"{what} must be a number between {low:g} and {high:g}; got {value}.")
    return number
