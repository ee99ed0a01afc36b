"""Check against the reading: a message's quotes located in the text, its claims set beside it.

Owns finding what a message quotes and claims (:mod:`.extract`), locating quotes with
rapidfuzz (:mod:`.quotes`: found, differs with the differing words, not found) and setting
claims beside the reading's closest sentence and its answer (:mod:`.claims`). It reaches the
reading only through a :data:`~.candidates.Search` callable (:mod:`.candidates`), which
Agora's retrieval provides.

Imports only rapidfuzz and the standard library: no index, no model, no Discord.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.check.candidates import Candidate, Cited, Search, Sentence
from bot.core.check.claims import ClaimCheck, check_claim
from bot.core.check.extract import Extracted, extract
from bot.core.check.quotes import Difference, QuoteCheck, check_quote, locate


@dataclass
class CheckReport:
    """Every quote and claim of one message, checked."""

    quotes: list[QuoteCheck]
    claims: list[ClaimCheck]

    @property
    def empty(self) -> bool:
        """Nothing in the message to check."""
        return not self.quotes and not self.claims

    def to_json(self) -> dict[str, object]:
        """The form `agora check --json` prints."""
        return {"quotes": [q.to_json() for q in self.quotes], "claims": [c.to_json() for c in self.claims]}


def check_text(text: str, search: Search, addressed_at: float) -> CheckReport:
    """Check a message: each quote located, each claim set beside the reading.

    `addressed_at` is the calibrated score from which the reading counts as addressing a
    claim (``/ask``'s threshold for answering a question).
    """
    found = extract(text)
    return CheckReport(
        [check_quote(q, search) for q in found.quotes],
        [check_claim(c, search, addressed_at) for c in found.claims],
    )


__all__ = [
    "Candidate",
    "CheckReport",
    "Cited",
    "ClaimCheck",
    "Difference",
    "Extracted",
    "QuoteCheck",
    "Search",
    "Sentence",
    "check_claim",
    "check_quote",
    "check_text",
    "extract",
    "locate",
]
