"""The check's :class:`~bot.core.check.candidates.Search` over Agora's retrieval.

``locate`` ranks passages by the blended score ``/ask`` ranks by (dense, best sentence,
BM25: a verbatim quote scores high on all three). ``answer`` is ``/ask`` itself
(``Retriever.ask``: the same ranking, named documents, unknown names), and each
candidate's `score` is made to reach :data:`ADDRESSED_AT` exactly when ``/ask`` answers,
so "the reading doesn't address this" is ``/ask``'s own off-topic line. Sentences carry
their cosine with the searched text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.check.candidates import Candidate, Sentence
from bot.core.search.answer import QuestionError
from bot.core.search.retrieval import Retriever

# The score from which a candidate counts as addressed. Each model has its own cut-off
# (bot.core.models.calibration); scores are shifted so that it falls here for every model.
ADDRESSED_AT = 3.0


class RetrievalSearch:
    """Candidates from a live Retriever (one per index version)."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever
        self._rows = {p.id: r for r, p in enumerate(retriever.index.passages)}

    def _candidate(self, row: int, q: np.ndarray, score: float) -> Candidate:
        p = self.retriever.index.passages[row]
        texts = p.sentence_texts() or [p.text]
        cosines = self.retriever.sentence_scores(row, q).tolist()
        sentences = tuple(Sentence(t, float(c)) for t, c in zip(texts, cosines, strict=False) if t.strip())
        return Candidate(p.text, p.citation, score, sentences, p.id)

    def locate(self, text: str, k: int) -> Sequence[Candidate]:
        """The `k` passages with the best blended score for `text`."""
        if not self.retriever.index.passages or not text.strip():
            return []
        blended, q = self.retriever.scores(text)
        finite = np.flatnonzero(np.isfinite(blended))
        order = finite[np.argsort(-blended[finite], kind="stable")][:k]
        return [self._candidate(row, q, self._relative(float(blended[row]))) for row in order.tolist()]

    def _relative(self, score: float) -> float:
        """The retriever's relative score, shifted so that its cut-off for this reading is ADDRESSED_AT."""
        return self.retriever.relative(score) - self.retriever.z_answer + ADDRESSED_AT

    def answer(self, text: str, k: int) -> Sequence[Candidate]:
        """``/ask``'s passages for `text`; scores below ADDRESSED_AT when ``/ask`` would not answer."""
        try:
            answer = self.retriever.ask(text, k=k)
        except QuestionError:
            return []
        q = self.retriever.embedder.encode_queries([answer.question])[0]
        out = []
        for hit in answer.hits:
            row = self._rows.get(hit.passage.id)
            if row is None:  # a title shown for "what's the title?": not a passage
                continue
            z = self._relative(float(hit.score))
            z = max(z, ADDRESSED_AT) if answer.answered else min(z, ADDRESSED_AT - 1.0)
            out.append(self._candidate(row, q, z))
        return out
