"""What in a message can be checked against the reading: its quotes and its claims.

Quotes are spans in straight or curly double quotes ("…", “…”, „…“, «…») and Markdown
block quotes (lines starting with ``>``, or everything after ``>>>``). Claims are the
message's other sentences (not those around a quote) that state something: at least
:data:`CLAIM_MIN_WORDS` words, not a question, not an aside ("lol", "thanks"). Mentions,
custom emoji, links and code are left out of both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_MIN_WORDS = 3  # "freedom" in quotes is a scare quote, not a quotation
CLAIM_MIN_WORDS = 5
MAX_QUOTES = 5
MAX_CLAIMS = 5
MAX_SPAN_CHARS = 600

_NOISE = re.compile(
    r"<a?:\w+:\d+>|<[@#][!&]?\d+>|</?[\w ]+:\d+>|https?://\S+|```.*?```|`[^`\n]*`",
    re.DOTALL,
)
_INLINE = re.compile(r'"([^"\n]+)"|“([^”\n]+)”|„([^“”\n]+)[“”]|«\s*([^»\n]+?)\s*»')
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+")
_PLACE = "\x00"  # where a quote stood: the sentence around it is about the quote, not a claim
_AFTER_QUOTE = re.compile(r"(?<=\x00)\s+(?=[A-Z])")  # “…” Then a new sentence, without a full stop
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_ASIDE = re.compile(
    r"^(?:lol|lmao|haha\w*|thanks?\b|thank you|ok(?:ay)?\b|yes\b|no\b|agreed\b|same\b|hi\b|hello\b|hey\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Extracted:
    """The quotes and claims of one message, in the order they appear."""

    quotes: list[str]
    claims: list[str]


def words(text: str) -> list[str]:
    """The words of `text` (letters, digits, inner apostrophes)."""
    return _WORD.findall(text)


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" \t-–—,;:")
    return text[:MAX_SPAN_CHARS].rsplit(" ", 1)[0] if len(text) > MAX_SPAN_CHARS else text


def _block_quotes(text: str) -> tuple[list[str], str]:
    """Markdown block quotes (joined per block) and the text without them."""
    quotes: list[str] = []
    kept: list[str] = []
    block: list[str] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith(">>>"):  # the rest of the message is quoted
            rest = [stripped[3:], *lines[i + 1 :]]
            block.extend(rest)
            break
        if stripped.startswith(">"):
            block.append(stripped[1:])
            continue
        if block:
            quotes.append(" ".join(block))
            block = []
        kept.append(line)
    if block:
        quotes.append(" ".join(block))
    return [q for q in (_tidy(q) for q in quotes) if q], "\n".join(kept)


def extract(message: str) -> Extracted:
    """The quotes and claim-like sentences of a message."""
    text = _NOISE.sub(" ", message or "")
    blocks, text = _block_quotes(text)
    inline = []
    for m in _INLINE.finditer(text):
        inline.append(_tidy(next(g for g in m.groups() if g is not None)))
    quotes = [q for q in blocks + inline if len(words(q)) >= QUOTE_MIN_WORDS]
    rest = _INLINE.sub(_PLACE, text)
    claims = []
    for paragraph in rest.split("\n"):
        pieces = [p for raw in _SENTENCE_END.split(paragraph.strip()) for p in _AFTER_QUOTE.split(raw)]
        for raw in pieces:
            sentence = _tidy(raw)
            if (
                _PLACE not in sentence
                and len(words(sentence)) >= CLAIM_MIN_WORDS
                and not sentence.rstrip("!.… ").endswith("?")
                and not _ASIDE.match(sentence)
            ):
                claims.append(sentence)
    return Extracted(list(dict.fromkeys(quotes))[:MAX_QUOTES], list(dict.fromkeys(claims))[:MAX_CLAIMS])
