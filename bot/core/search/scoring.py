"""The pieces of a passage's score shared by answering and by the reading's null measure.

A passage's score blends the cosine between the question and the whole passage, the best
cosine between the question and any one of its sentences, and BM25 over stemmed content
words (normalised over the scored rows and scaled by how much of the question the
reading's words explain), weighed per model (`bot.core.models.calibration`).
"""

from __future__ import annotations

import numpy as np

from bot.core.models.calibration import Calibration
from bot.core.reading.passages import Passage
from bot.core.text.words import content_terms


def searchable(p: Passage) -> str:
    """The words BM25 indexes for a passage: its speaker, its section title and its text."""
    return " ".join(filter(None, [p.speaker, p.section, p.text]))


def blend(
    calibration: Calibration, dense_p: np.ndarray, best_s: np.ndarray, lexical: np.ndarray, coverage: float
) -> np.ndarray:
    """The passage score: whole-passage and best-sentence cosines, plus BM25, weighed per model."""
    c = calibration
    top = float(lexical.max()) if len(lexical) else 0.0
    lexical_n = lexical / top if top > 0 else lexical
    return c.w_passage * dense_p + c.w_sentence * best_s + c.w_lexical * lexical_n * coverage


class BM25:
    """Okapi BM25 over pre-tokenised passages, as a sparse term-weight matrix."""

    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75) -> None:
        from scipy.sparse import csc_matrix

        vocab: dict[str, int] = {}
        sizes = np.array([len(d) for d in docs], dtype=np.int64)
        lengths = sizes.astype(np.float32)
        terms = (vocab.setdefault(t, len(vocab)) for d in docs for t in d)
        ids = np.fromiter(terms, dtype=np.int64, count=int(sizes.sum()))
        owners = np.repeat(np.arange(len(docs), dtype=np.int64), sizes)
        width = max(1, len(vocab))  # (passage, term) pairs as one number, counted by np.unique
        pairs, counts = np.unique(owners * width + ids, return_counts=True)
        r, c = np.divmod(pairs, width)
        tf = counts.astype(np.float32)
        n = len(docs)
        avg = float(lengths.mean()) if n and lengths.mean() > 0 else 1.0
        df = np.bincount(c, minlength=len(vocab)).astype(np.float32)
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        weights = idf[c] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[r] / avg)) if len(r) else tf
        self.vocab = vocab
        self.n = n
        self.idf = {t: float(idf[i]) for t, i in vocab.items()}
        self.matrix = csc_matrix((weights, (r, c)), shape=(n, len(vocab)), dtype=np.float32)

    def scores(self, terms: list[str]) -> np.ndarray:
        """BM25 score of every passage for the query terms."""
        cols = sorted({self.vocab[t] for t in terms if t in self.vocab})
        if not cols:
            return np.zeros(self.n, dtype=np.float32)
        out = np.zeros(self.n, dtype=np.float32)
        m = self.matrix
        for col in cols:  # a few columns: reading the CSC arrays directly beats scipy's slicing
            start, end = m.indptr[col], m.indptr[col + 1]
            out[m.indices[start:end]] += m.data[start:end]
        return out

    def coverage(self, question: str) -> float:
        """Share of the question's content words that occur in the reading at all."""
        terms = set(content_terms(question))
        if not terms:
            return 0.0
        return sum(t in self.vocab for t in terms) / len(terms)
