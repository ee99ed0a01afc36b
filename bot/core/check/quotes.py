"""Is a quote in the reading? Found, differs (and where), or not found.

The quote is searched for (the :class:`~bot.core.check.candidates.Search` gives the top
passages), then located in each candidate with rapidfuzz: ``partial_ratio_alignment`` finds
roughly where the quote sits in the passage's text; of the stretches of the passage
starting and ending within a few words of there, the one with the smallest word-level
Levenshtein distance to the quote is its place, and ``Levenshtein.opcodes`` over the two
word lists tells which words differ. Case, punctuation and curly vs straight
apostrophes are not differences; an ellipsis ("…", "...", "[…]") stands for any words the
member left out: the pieces between ellipses are located one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from bot.core.check.candidates import Candidate, Search

CANDIDATES = 8  # passages searched for each quote
DIFFERS_MIN = 0.6  # share of the quote's words found in order, for "differs" rather than "not found"
SLACK_WORDS = 4

_WORD = re.compile(r"\w+(?:['’]\w+)*|\[?(?:…|\.\.\.)\]?")
ELLIPSIS = "…"


@dataclass(frozen=True)
class Difference:
    """Words of the quote and the reading's words in their place (either may be empty)."""

    quoted: str
    reading: str

    def to_json(self) -> dict[str, str]:
        """``{"quoted": ..., "reading": ...}``."""
        return {"quoted": self.quoted, "reading": self.reading}


@dataclass
class QuoteCheck:
    """Where a quote stands against the reading."""

    text: str
    status: str  # "found" | "differs" | "not_found"
    citation: str | None = None
    differences: list[Difference] = field(default_factory=list)
    passage: str | None = None  # the reading's words where the quote sits

    def to_json(self) -> dict[str, object]:
        """The form `agora check --json` prints."""
        return {
            "text": self.text,
            "status": self.status,
            "citation": self.citation,
            "differences": [d.to_json() for d in self.differences],
        }


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(normalised word, start, end): lower case, one apostrophe, ellipses as one marker."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        if "…" in word or "..." in word:
            norm = ELLIPSIS
        else:
            norm = word.lower().replace("’", "'")
        out.append((norm, m.start(), m.end()))
    return out


@dataclass
class _Match:
    matched: int  # quote words found in order
    differences: list[Difference]
    start: int  # span of the reading's text that the quote covers
    end: int


def _align(quote: list[tuple[str, int, int]], quote_text: str, passage: str) -> _Match | None:
    """The quote's best place in `passage`, and the words that differ there."""
    ptoks = [t for t in _tokens(passage) if t[0] != ELLIPSIS]
    if not ptoks:
        return None
    qwords = [t[0] for t in quote]
    plain_q = " ".join(qwords)
    plain_p = " ".join(t[0] for t in ptoks)
    # word index of each character of plain_p
    owner = []
    for i, t in enumerate(ptoks):
        owner.extend([i] * (len(t[0]) + 1))
    if len(plain_q) < len(plain_p):
        al = fuzz.partial_ratio_alignment(plain_q, plain_p)
        first = owner[min(al.dest_start, len(owner) - 1)]
        last = owner[min(max(al.dest_end - 1, 0), len(owner) - 1)] + 1
    else:
        first, last = 0, len(ptoks)
    # the stretch of the reading, around that place, closest to the quote word for word
    bare = qwords
    every = [t[0] for t in ptoks]
    spans = [
        (a, b)
        for a in range(max(0, first - SLACK_WORDS), min(len(ptoks), first + SLACK_WORDS + 1))
        for b in range(max(a + 1, last - SLACK_WORDS), min(len(ptoks), last + SLACK_WORDS) + 1)
    ] or [(0, len(ptoks))]

    def cost(ab: tuple[int, int]) -> tuple[int, int, int]:
        return Levenshtein.distance(bare, every[ab[0] : ab[1]]), abs(ab[1] - ab[0] - len(bare)), ab[0]

    lo, hi = min(spans, key=cost)
    window = ptoks[lo:hi]
    pwords = [t[0] for t in window]
    ops = list(Levenshtein.opcodes(qwords, pwords))
    # the reading's words before and after the quote are not differences
    while ops and ops[0].tag == "insert":
        ops.pop(0)
    while ops and ops[-1].tag == "insert":
        ops.pop()
    if not ops:
        return None
    matched = 0
    differences = []
    for op in ops:
        if op.tag == "equal":
            matched += op.src_end - op.src_start
            continue
        differences.append(
            Difference(
                " ".join(quote_text[s:e] for _, s, e in quote[op.src_start : op.src_end]),
                " ".join(passage[s:e] for _, s, e in window[op.dest_start : op.dest_end]),
            )
        )
    covered = [op for op in ops if op.dest_end > op.dest_start]
    start = window[covered[0].dest_start][1] if covered else window[0][1]
    end = window[covered[-1].dest_end - 1][2] if covered else window[-1][2]
    return _Match(matched, differences, start, end)


def _pieces(tokens: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """The quote split at its ellipses: each piece is located on its own."""
    pieces: list[list[tuple[str, int, int]]] = [[]]
    for t in tokens:
        if t[0] == ELLIPSIS:
            pieces.append([])
        else:
            pieces[-1].append(t)
    return [p for p in pieces if p]


def _align_pieces(pieces: list[list[tuple[str, int, int]]], quote: str, passage: str) -> _Match | None:
    """Each piece of the quote in `passage`, put together."""
    found = [_align(piece, quote, passage) for piece in pieces]
    if any(m is None for m in found):
        return None
    matches = [m for m in found if m is not None]
    return _Match(
        sum(m.matched for m in matches),
        [d for m in matches for d in m.differences],
        min(m.start for m in matches),
        max(m.end for m in matches),
    )


def locate(quote: str, candidates: list[Candidate]) -> QuoteCheck:
    """The quote against the candidate passages (already searched for)."""
    pieces = _pieces(_tokens(quote))
    real = sum(len(p) for p in pieces)
    best: tuple[float, int, _Match, Candidate] | None = None
    for order, cand in enumerate(candidates):
        m = _align_pieces(pieces, quote, cand.text)
        if m is None:
            continue
        share = m.matched / real if real else 0.0
        key = (share - 0.001 * len(m.differences), -order)
        if best is None or key > (best[0], -best[1]):
            best = (key[0], order, m, cand)
    if best is None or not real:
        return QuoteCheck(quote, "not_found")
    _, _, match, cand = best
    share = match.matched / real
    passage = cand.text[match.start : match.end]
    if not match.differences:
        return QuoteCheck(quote, "found", cand.citation, [], passage)
    if share >= DIFFERS_MIN:
        return QuoteCheck(quote, "differs", cand.citation, match.differences, passage)
    return QuoteCheck(quote, "not_found")


def check_quote(quote: str, search: Search) -> QuoteCheck:
    """Search the reading for `quote` and locate it (see the module docstring)."""
    return locate(quote, list(search.locate(quote, CANDIDATES)))
