"""Discord's message limits, and cutting text to fit them cleanly.

Every reply goes through :func:`split` or :func:`trim` before it is sent, so nothing Agora
says can be refused for its length. Cuts fall on the widest boundary that fits: a blank
line, a line, a sentence, a word; only a single unbroken run longer than the limit is cut
mid-word. Bold markers (``**``) left open by a cut are closed and reopened on the other
side, and a cut inside a block quote continues the quote. A cut never separates an escaping
backslash from the character it escapes (neutralised text is full of them).
"""

from __future__ import annotations

import re

CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FIELDS_PER_EMBED = 25
FOOTER = 2048
EMBED_TOTAL = 6000
EMBEDS_PER_MESSAGE = 10
MAX_PARTS = 3  # no reply is posted in more messages than this (handlers aim for one)

ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_BOLD = "**"


def _cut_point(text: str, limit: int) -> int:
    """The end of the longest prefix of `text` (at most `limit` chars) ending on a boundary."""
    if len(text) <= limit:
        return len(text)
    window = text[: limit + 1]
    floor = limit // 3  # a cut earlier than this wastes too much of the message
    for sep in ("\n\n", "\n"):
        at = window.rfind(sep, 0, limit + 1)
        if at >= floor:
            return at
    ends = [m.end() for m in _SENTENCE_END.finditer(window) if floor <= m.end() <= limit]
    if ends:
        return ends[-1]
    at = window.rfind(" ", 0, limit + 1)
    if at >= floor:
        return at
    return limit


def _dangling_escape(text: str) -> bool:
    """Whether `text` ends in a backslash that escapes nothing (an odd run of them)."""
    run = len(text) - len(text.rstrip("\\"))
    return run % 2 == 1


def _balance(chunk: str, rest: str) -> tuple[str, str]:
    """Close a bold run the cut left open and reopen it in the rest; keep a quote going."""
    if _dangling_escape(chunk):  # the escape goes with the character it escapes
        chunk, rest = chunk[:-1], "\\" + rest
    if chunk.count(_BOLD) % 2:
        chunk += _BOLD
        rest = _BOLD + rest
    last_line = chunk.rsplit("\n", 1)[-1]
    if last_line.startswith("> ") and rest and not rest.startswith(("\n", "> ")):
        rest = "> " + rest
    return chunk, rest


def split(text: str, limit: int = CONTENT) -> list[str]:
    """Cut `text` into pieces of at most `limit` characters, at clean boundaries.

    Returns at least one piece (an empty string stays one empty piece).
    """
    if limit < 16:
        raise ValueError("limit is too small to split text cleanly")
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        # Leave room for the markers _balance may add to either side.
        at = _cut_point(rest, limit - 4)
        chunk, rest = rest[:at].rstrip(), rest[at:].lstrip(" \n")
        chunk, rest = _balance(chunk, rest)
        if chunk.strip():
            pieces.append(chunk)
    if rest.strip() or not pieces:
        pieces.append(rest)
    return pieces


def trim(text: str, limit: int) -> str:
    """`text` shortened to at most `limit` characters at a clean boundary, ending in "…"."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return text[:limit]
    head = text[: _cut_point(text, limit - len(ELLIPSIS))].rstrip()
    if _dangling_escape(head):
        head = head[:-1]
    if head.count(_BOLD) % 2:  # close the bold run the cut left open
        head = text[: _cut_point(text, limit - len(ELLIPSIS) - len(_BOLD))].rstrip()
        head = head[:-1] if _dangling_escape(head) else head
        head += _BOLD if head.count(_BOLD) % 2 else ""
    return head + ELLIPSIS
