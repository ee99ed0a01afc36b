"""An optional cross-encoder that re-scores each question's best candidates (RERANK_MODEL).

A cross-encoder reads the question and a passage together, which judges relevance better
than comparing two separate embeddings, but costs one model pass per pair: so it only
re-orders the few candidates the blended score puts first. Whether the reading covers the
question is still decided by the blended score. Off by default; any sentence-transformers
``CrossEncoder`` (a model name, or a local folder) can be used.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from bot.core.search.embedder import load_sentence_transformers

log = logging.getLogger(__name__)

CANDIDATES = 8  # how many of the best passages the cross-encoder re-orders


class Reranker:
    """A loaded cross-encoder (load once with :meth:`load`, share between retrievers)."""

    def __init__(self, name: str, model: Any) -> None:
        self.name = name
        self.model = model

    @classmethod
    def load(cls, name: str) -> Reranker:
        """Load `name` on the CPU; raise ModelError with a readable reason if it cannot be."""
        model = load_sentence_transformers(
            "CrossEncoder", name, "reranking", "RERANK_MODEL (or leave it empty)"
        )
        log.info("Loaded the reranking model %s", name)
        return cls(name, model)

    def scores(self, question: str, texts: Sequence[str]) -> np.ndarray:
        """The cross-encoder's relevance score of each text for `question` (higher is better)."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        pairs = [(question, text) for text in texts]
        out = self.model.predict(pairs, batch_size=len(pairs), show_progress_bar=False, convert_to_numpy=True)
        return np.asarray(out, dtype=np.float32).reshape(len(pairs), -1)[:, -1]

    def reorder(self, question: str, rows: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """`rows` (best first) re-ordered by the cross-encoder; ties keep their order."""
        scores = self.scores(question, texts)
        return rows[np.argsort(-scores, kind="stable")]
