"""Text from people, made safe: cleaned on the way in, neutralised when it is shown back.

Everything a member, a terminal or a command line hands Agora goes through
:func:`clean_input` first: undecodable bytes (kept by Python as lone surrogates) and lone
surrogates become U+FFFD, control characters other than line breaks and tabs are dropped,
and so are the invisible characters that can make text read differently from what it is
(direction overrides and isolates, zero-width spaces and joiners, word joiners, byte-order
marks). The result always encodes as UTF-8.

Text that did not come from Agora itself is shown through one neutraliser, whoever wrote
it: a member's question, topic or suggestion, a moderator's wording, a language model's
output, the reading's own text. :func:`neutralise` is for Discord Markdown (messages,
embeds): every formatting character is escaped, so the text shows as written and formats
nothing (no masked link, heading, subtext, quote, list, spoiler or code block, and nothing
that swallows the rest of the message); :func:`plain` is for the places Discord shows as
plain text (poll questions and answers, thread names), where a backslash would show.
Both break mention tokens (``@everyone``, ``<@id>``, ``<@&id>``, ``<#id>``), invites
(``discord.gg/…``, ``discord.com/invite/…``) and every ``scheme://`` link with an invisible
space, so nothing is clickable and the real address stays readable; with ``links=True`` (a
server's ``/config links on``) plain web links stay clickable, shown as ``<https://…>`` (no
preview), while invites and other schemes are still broken. Every message is also sent with
mentions turned off; the neutraliser is the second lock.
"""

from __future__ import annotations

import math
import re
import unicodedata

REPLACEMENT = "\ufffd"
BREAK = "\u200b"  # the invisible space Agora itself puts into a link or a mention to defuse it
# Direction overrides and isolates, and the invisible marks that steer them.
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
# Zero-width and invisible characters that hide what text is (a joiner between two
# letters of a script that needs it, or inside an emoji sequence, is kept: see _strip_joiners).
_INVISIBLE = "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u180e\u00ad\u034f\u115f\u1160\u3164\uffa0"
_DROP = dict.fromkeys(map(ord, _BIDI + _INVISIBLE))
_JOINERS = re.compile(r"[\u200c\u200d]")
_TAGS = re.compile(r"[\U000e0000-\U000e007f]+")
_KEEP_CONTROL = {"\n", "\t"}

# Characters Discord's Markdown gives a meaning wherever they appear.
_INLINE = re.compile(r"([\\*_~`|\[\]<])")
# Markers that only count at the start of a line: headings, subtext, quotes, bullets, numbers.
_LINE_START = re.compile(r"^([ \t]*)(#|>|-(?=#)|[-+](?=\s))", re.MULTILINE)
_NUMBERED = re.compile(r"^([ \t]*\d{1,9})([.)])(?=\s)", re.MULTILINE)
# Anything written scheme://… (http, https, discord, steam, ftp, javascript-ish tricks …).
_SCHEME = re.compile(r"(?<![\w.+-])([a-z][a-z0-9+.-]{0,30}):(?=/)", re.IGNORECASE)
_URL = re.compile(r"(?<![\w.+-])[a-z][a-z0-9+.-]{0,30}:/+[^\s<>\"\\]+", re.IGNORECASE)
_WEB = re.compile(r"https?://", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"”’…*_~|"
# Invite and Discord domains (Discord turns discord.gg/xyz into an invite without a scheme).
_INVITE = re.compile(
    r"(discord(?:app)?)(\s*[.\u3002\uff0e\uff61]\s*)(?=(gg|com|io|me|li|new|gift)\b)",
    re.IGNORECASE,
)
_EVERYONE = re.compile(r"@(?=everyone|here)", re.IGNORECASE)
_MENTION = re.compile(r"<(?=(@[!&]?|#|/|a?:|t:)[\w:-]*>?)")


def _strip_joiners(text: str) -> str:
    """Drop zero-width joiners / non-joiners except between two non-ASCII characters."""

    def keep(m: re.Match[str]) -> str:
        i = m.start()
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        return m.group() if before > "\x7f" and after > "\x7f" else ""

    return _JOINERS.sub(keep, text)


def _strip_tags(text: str) -> str:
    """Tag characters only survive in a flag sequence (after U+1F3F4, ending in U+E007F)."""

    def keep(m: re.Match[str]) -> str:
        ok = m.start() > 0 and text[m.start() - 1] == "\U0001f3f4" and m.group().endswith("\U000e007f")
        return m.group() if ok else ""

    return _TAGS.sub(keep, text)


def strip_invisible(text: str) -> str:
    """`text` without direction controls, zero-width characters or stray tag characters."""
    text = text.translate(_DROP)
    if "\u200c" in text or "\u200d" in text:
        text = _strip_joiners(text)
    if any("\U000e0000" <= ch <= "\U000e007f" for ch in text):
        text = _strip_tags(text)
    return text


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
    raw = strip_invisible(raw.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in raw if ch in _KEEP_CONTROL or unicodedata.category(ch) != "Cc")


def _split_url(url: str) -> tuple[str, str]:
    """A URL found in prose, less the punctuation that ends the sentence around it."""
    end = len(url)
    while end > 0 and url[end - 1] in _TRAILING:
        if url[end - 1] == ")" and url[:end].count("(") >= url[:end].count(")"):
            break  # a balanced parenthesis belongs to the address (Wikipedia-style links)
        end -= 1
    return url[:end], url[end:]


def _defuse(text: str) -> str:
    """Break links, invites and mentions with an invisible space (no Markdown escaping)."""
    text = _SCHEME.sub(lambda m: m.group(1) + BREAK + ":", text)
    text = _INVITE.sub(lambda m: m.group(1) + BREAK + m.group(2), text)
    text = _EVERYONE.sub("@" + BREAK, text)
    return _MENTION.sub("<" + BREAK, text)


def _allowed(url: str) -> bool:
    """A web link a server that allows links may show clickable.

    Never an invite, never an address with a user part (``https://discord.com@evil.example``
    shows one host and opens another), never one carrying a mention token.
    """
    rest = url.split("://", 1)[1] if "://" in url else url
    authority = rest.split("/", 1)[0]
    return (
        bool(_WEB.match(url))
        and not _INVITE.search(rest)
        and "@" not in authority
        and not _EVERYONE.search(url)
        and not _MENTION.search(url)
    )


def _escape(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _rejoined(text: str) -> str:
    """Mentions that pieces defused apart formed again where they meet ("@" + "everyone…")."""
    return _MENTION.sub("<" + BREAK, _EVERYONE.sub("@" + BREAK, text))


def neutralise(text: str, *, links: bool = False) -> str:
    """Untrusted text for Discord Markdown: it shows as written and formats nothing.

    Formatting characters are escaped with a backslash (invisible once Discord renders
    the message), so ``[label](url)`` shows its brackets and its address instead of
    becoming a masked link, ``||…||`` hides nothing and a backtick opens no code block;
    line-start markers (``#``, ``-#``, ``>``, ``-``, ``1.``) are escaped too. Links,
    invites and mentions are broken (see the module's docstring); with `links`, a plain
    web link stays clickable as ``<https://…>``.
    """
    text = strip_invisible(text)
    if not links:
        return _escape(_defuse(text))
    out: list[str] = []
    pos = 0
    for m in _URL.finditer(text):
        url, tail = _split_url(m.group())
        out.append(_escape(_defuse(text[pos : m.start()])))
        if _allowed(url):
            out.append(f"<{url}>")
        else:
            out.append(_escape(_defuse(url)))
        out.append(_escape(_defuse(tail)))
        pos = m.end()
    out.append(_escape(_defuse(text[pos:])))
    return _rejoined("".join(out))


def plain(text: str, *, links: bool = False) -> str:
    """Untrusted text for places Discord shows as plain text (poll questions, thread names).

    No Markdown there, so nothing is escaped; links, invites and mentions are broken as in
    :func:`neutralise` (with `links`, plain web links are left alone).
    """
    text = strip_invisible(text)
    if not links:
        return _defuse(text)
    out: list[str] = []
    pos = 0
    for m in _URL.finditer(text):
        url, _ = _split_url(m.group())
        out.append(_defuse(text[pos : m.start()]))
        out.append(url if _allowed(url) else _defuse(url))
        pos = m.start() + len(url)
    out.append(_defuse(text[pos:]))
    return _rejoined("".join(out))


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
