"""The index seen sentence by sentence: each passage's sentence rows, their scores and flags.

Owns :class:`Sentences`: where each passage's sentences sit among the index's sentence
vectors, each passage's best sentence cosine for a question (with the answer-type bonus of
:mod:`.intents`), and which passages have a sentence matching a pattern (cached per pattern).

An answer often spans two sentences ("The objection is … . It fails because …"): with a
model whose calibration sets a ``window_margin``, each pair of neighbouring sentences of a
passage is scored too, as the mean of their vectors, that margin below a single sentence.

A sentence of a few words ("Councillor Ndiaye.", "You said there was one exception.", "Dr. Lena
Marsh, thank you very much.") shares a word or two with many questions and answers none: with a
model whose calibration sets ``short_sentence``, it counts that far below its cosine.
"""

from __future__ import annotations

import re

import numpy as np

from bot.core.search.index import Index
from bot.core.search.intents import ANSWER_TYPE_BONUS, ANSWER_TYPES

SHORT_WORDS = 8  # a sentence of fewer words is short (see the module's docstring)


class Sentences:
    """Sentence-level scores and flags over the passages of one index."""

    def __init__(self, index: Index) -> None:
        self.index = index
        n = len(index.passages)
        owners = index.sentence_owner
        # sentences are stored passage by passage: the first sentence row of each passage
        self.starts = np.searchsorted(owners, np.arange(n))
        self.ends = np.append(self.starts[1:], len(owners))
        self._units = [u for p in index.passages for u in p.embedding_texts()]
        self._short = np.array([len(u.split()) < SHORT_WORDS for u in self._units], dtype=np.float32)
        # Whether each sentence offers each answer type: -1 until first needed, then 0 or 1.
        self._type_flags = [np.full(len(self._units), -1, dtype=np.int8) for _ in ANSWER_TYPES]
        self._offer_cache: dict[str, np.ndarray] = {}
        self._windows: np.ndarray | None = None
        self._paired = np.zeros(0, dtype=bool)  # whether each sentence has a next one in its passage

    def windows(self) -> np.ndarray:
        """Each sentence with the next one of its passage, as one unit vector (made once).

        The last sentence of a passage has no window: its row is zero (and scored -inf).
        """
        if self._windows is None:
            vectors = self.index.sentence_vectors
            owner = np.asarray(self.index.sentence_owner)
            paired = np.zeros(len(vectors), dtype=bool)
            if len(vectors) > 1:
                paired[:-1] = owner[1:] == owner[:-1]
            windows = np.zeros_like(vectors)
            if paired.any():
                rows = np.flatnonzero(paired)
                windows[rows] = vectors[rows] + vectors[rows + 1]
                windows[rows] /= np.linalg.norm(windows[rows], axis=1, keepdims=True)
            self._windows = windows
            self._paired = paired
        return self._windows

    def best(
        self,
        rows: np.ndarray,
        q: np.ndarray,
        question: str,
        window_margin: float | None = None,
        short: float = 0.0,
    ) -> np.ndarray:
        """Each row's best sentence cosine (plus the answer-type bonus).

        With `window_margin`, a pair of neighbouring sentences may be the best, that far below; a
        sentence of fewer than ``SHORT_WORDS`` words counts `short` below its cosine.
        """
        if not len(rows):
            return np.zeros(0, dtype=np.float32)
        if len(rows) == len(self.index.passages) and bool((np.diff(rows) == 1).all()):
            # every passage, in order: no need to gather rows
            offsets = self.starts
            units = np.arange(len(self.index.sentence_vectors))
            sims = self.index.sentence_vectors @ q
        else:
            starts, ends = self.starts[rows], self.ends[rows]
            counts = ends - starts
            offsets = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
            units = np.repeat(starts - offsets, counts) + np.arange(int(counts.sum()))
            sims = self.index.sentence_vectors[units] @ q
        if short:
            sims = sims - short * self._short[units]
        for flags, (asks, offers) in zip(self._type_flags, ANSWER_TYPES, strict=True):
            if asks.search(question):
                unknown = units[flags[units] < 0]
                for unit in unknown.tolist():
                    flags[unit] = bool(offers.search(self._units[unit]))
                sims = sims + ANSWER_TYPE_BONUS * flags[units]
        best = np.maximum.reduceat(sims, offsets)
        if window_margin is None:
            return best
        windows = self.windows()[units] @ q - window_margin
        windows[~self._paired[units]] = -np.inf
        return np.maximum(best, np.maximum.reduceat(windows, offsets))

    def scores(self, row: int, q: np.ndarray) -> np.ndarray:
        """Cosines between the question and each sentence of passage `row`."""
        start, end = self.starts[row], self.ends[row]
        return self.index.sentence_vectors[start:end] @ q

    def offers(self, pattern: re.Pattern[str]) -> np.ndarray:
        """1.0 for each passage with a sentence matching `pattern`, else 0.0 (cached per pattern)."""
        flags = self._offer_cache.get(pattern.pattern)
        if flags is None:
            flags = np.array(
                [any(pattern.search(s) for s in p.sentence_texts()) for p in self.index.passages],
                dtype=np.float32,
            )
            self._offer_cache[pattern.pattern] = flags
        return flags

    def offers_sentence(self, pattern: re.Pattern[str], row: int, sentence: int) -> bool:
        """Whether sentence `sentence` of passage `row` matches `pattern`."""
        texts = self.index.passages[row].sentence_texts()
        return sentence < len(texts) and bool(pattern.search(texts[sentence]))
