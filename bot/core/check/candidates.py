"""What the check needs from the reading: passages that may match a text, two ways.

A :class:`Search` has two methods, each returning up to `k` :class:`Candidate` passages,
best first: ``locate(text, k)`` for passages that may hold a quote verbatim, and
``answer(text, k)`` for the passages that answer a claim, ranked and scored as ``/ask``
ranks and scores an answer. Agora's adapter (:mod:`.retrieval`, over the ``Retriever``)
fills `score` so that it reaches ``addressed_at`` exactly when ``/ask`` would answer, and
each candidate's sentences with their closeness to the text; the check itself never sees
an index or a model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Sentence:
    """One sentence of a candidate passage, and how close it is to the text searched for."""

    text: str
    score: float


@dataclass(frozen=True)
class Candidate:
    """A passage of the reading that may match a quote or a claim."""

    text: str
    citation: str  # how the reading is cited ("Title, ¶4")
    score: float  # calibrated relevance to the text searched for (``/ask``'s scale)
    sentences: tuple[Sentence, ...] = ()
    key: str = ""  # the passage's id: tells paragraphs apart


class Search(Protocol):
    """Where the check finds candidate passages (see the module docstring)."""

    def locate(self, text: str, k: int) -> Sequence[Candidate]:
        """Passages that may hold `text` verbatim, best first."""
        ...

    def answer(self, text: str, k: int) -> Sequence[Candidate]:
        """The passages that answer `text`, as ``/ask`` ranks and scores them."""
        ...


@dataclass(frozen=True)
class Cited:
    """A piece of the reading, verbatim, with its citation."""

    text: str
    citation: str

    def to_json(self) -> dict[str, str]:
        """``{"text": ..., "citation": ...}``."""
        return {"text": self.text, "citation": self.citation}
