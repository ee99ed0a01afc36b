"""A member's claim against the reading: what the reading says closest to it, and against it.

Never "true" or "false": only the reading's own sentences. The closest sentence is the
best-scoring sentence of the best passage the search finds. Whether the reading addresses
the claim at all is decided as ``/ask`` decides whether it covers a question: the best
passage's calibrated score must reach the threshold the caller passes (``/ask``'s own).
What the reading says against it is a sentence of another candidate passage (or later in
the same one) that is close to the claim and sets itself against something ("but",
"not", "critics", "mistaken"…); none when no such sentence is close enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.check.candidates import Candidate, Cited, Search

CANDIDATES = 6
AGAINST_MIN_SHARE = 0.75  # an answer's closeness to the claim, relative to the closest sentence's

_I = re.IGNORECASE
_STRONG = re.compile(
    r"\b(?:critics?|opponents?|objections?|skeptic\w*|sceptic\w*|mistaken|wrong|false|fallac\w*|"
    r"absurd\w*|deny|denies|denied|on the other hand|nevertheless|nonetheless|yet it is|"
    r"it does not follow|to be sure|admittedly)\b",
    _I,
)
_WEAK = re.compile(
    r"\b(?:however|but|although|though|despite|unless|whereas|not|never|no|nor|cannot|can't|won't|"
    r"isn't|aren't|doesn't|don't|risks?|costs?|danger\w*|harm\w*)\b",
    _I,
)


@dataclass
class ClaimCheck:
    """What the reading says about one claim."""

    text: str
    closest: Cited | None
    against: Cited | None
    addressed: bool

    def to_json(self) -> dict[str, object]:
        """The form `agora check --json` prints."""
        return {
            "text": self.text,
            "closest": self.closest.to_json() if self.closest else None,
            "against": self.against.to_json() if self.against else None,
            "addressed": self.addressed,
        }


def opposition(text: str) -> float:
    """0..1: how much a sentence sets itself against something."""
    return min(1.0, 0.5 * len(_STRONG.findall(text)) + 0.2 * len(_WEAK.findall(text)))


def _best_sentence(c: Candidate) -> tuple[str, float]:
    if not c.sentences:
        return c.text, c.score
    best = max(c.sentences, key=lambda s: s.score)
    return best.text, best.score


def check_claim(claim: str, search: Search, addressed_at: float) -> ClaimCheck:
    """The reading's closest sentence to `claim` and its answer to it, if it addresses it."""
    candidates = list(search.answer(claim, CANDIDATES))
    if not candidates or candidates[0].score < addressed_at:
        return ClaimCheck(claim, None, None, False)
    top = candidates[0]
    text, close = _best_sentence(top)
    closest = Cited(text, top.citation)
    against: tuple[float, Cited] | None = None
    for cand in candidates:
        for s in cand.sentences:
            if s.text == text and cand.key == top.key:
                continue
            oppose = opposition(s.text)
            if oppose <= 0 or s.score < AGAINST_MIN_SHARE * close:
                continue
            value = s.score + 0.3 * oppose * abs(close)
            if against is None or value > against[0]:
                against = (value, Cited(s.text, cand.citation))
    return ClaimCheck(claim, closest, against[1] if against else None, True)
