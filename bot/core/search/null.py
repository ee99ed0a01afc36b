"""What "not in the reading" looks like on one reading, measured from the reading itself.

Two samples of best scores, taken once per index (at build, stored in its manifest):

- *probes*: fixed questions unrelated to any reading ("How do I bake sourdough bread?"),
  scored against the reading: how high a question on another subject gets;
- *near*: the reading's own sentences, each scored against every passage but the paragraph
  it comes from: how high a question *on the reading's subject* gets when the reading holds
  no passage that answers it (the paragraph that would is left out). A reading whose
  paragraphs all speak of the same things (a lyrical essay, a licence) sets this high; a
  reading of distinct topics sets it low.
- *within*, on a reading of several documents: the same sentences scored against the other
  paragraphs of their own document only. Documents that argue one question with each other
  echo each other's claims (a rebuttal restates what it answers), so a sentence finds its
  point again in the other documents and the *near* level stands high; a question that names
  a document is answered from that document alone, and its cut-off comes from that
  document's own *within* sample (see :meth:`ReadingNull.cutoff_within`).

The cut-off (see :meth:`ReadingNull.cutoff`) stands between the two, where the model's
calibration places it, so each reading sets its own threshold from its own text. Where it is
applied (`bot.core.search.retrieval`, ``Retriever._bar``), a best passage that leads the best of
every other paragraph passes below it, any other best needs a little more.

Measured in the tenth session and not kept (scripts/sweep.py, 103 sets, all-mpnet-base-v2; of the
questions every other check lets through, the cut-off refused 74 answerable and rejected 76
off-topic, one for one at the margin):
- the score alone hardly tells them apart: area under the curve of the level over the cut-off 0.64
  pooled, 0.72 within a set; the best's raw score 0.68, its lead over the third 0.67, the
  question's length 0.54; shifting the cut-off by the question's length (0.05 to 0.2 per word, 0.25
  to 1 per content word) or by the share of its words the reading or the best passage uses: no gain;
- the cut-off's form: floors 2 to 4.5, weights 0 to 1.25, quantiles 0.1 to 0.9, margins -4 to +1
  (the calibration sits on their frontier); the probes' spread made robust (2, 3 or 5 highest
  probes left out, median and MAD: a probe on the reading's own subject widens it): no better; the
  near sample without BM25, or its sentences cut to 8 words like a question: worse (81 rejected at
  70 refused on the frontier, 77 and 76 with them);
- the best shift per set (an oracle: 20 refused, 102 rejected) correlates with none of the
  reading's levels (|r| < 0.13): what is left is the question's, not the reading's;
- a flat best's bar raised by how many passages come within 0.5 to 2 spreads of it: 3 to 5 more
  rejected at the same refusals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from bot.core.models.calibration import Calibration
from bot.core.reading.passages import Passage
from bot.core.search.scoring import BM25, blend
from bot.core.text.words import content_terms

PROBES = (
    "How do I bake sourdough bread at home?",
    "What is the best way to train a puppy?",
    "Who won the football world cup?",
    "How do I fix a memory leak in my Python program?",
    "What's the weather going to be like tomorrow?",
    "Can you recommend a good sci-fi movie?",
    "How many calories are in a banana?",
    "What is the capital of Australia?",
    "How do I change a flat tyre on my bike?",
    "What are the rules of chess castling?",
    "How do volcanoes form?",
    "What's a good recipe for vegetarian lasagna?",
    "How do I learn to play the guitar?",
    "Which smartphone has the best camera?",
    "How does photosynthesis work in plants?",
    "What time does the sun set in winter?",
    "How do I get rid of weeds in my garden?",
    "What are black holes made of?",
    "Is coffee bad for your health?",
    "How do I write a cover letter for a job?",
    "What's the plot of Hamlet?",
    "How tall is Mount Everest?",
    "How can I improve my sleep?",
    "What is the best programming language for beginners?",
    "How do you make a paper airplane?",
    "What are the symptoms of the flu?",
    "When was the printing press invented?",
    "How do I clean a cast iron pan?",
    "What is the speed of light?",
    "Where can I buy cheap concert tickets?",
)

NEAR_SAMPLES = 96  # sentences of the reading scored against the rest of it
NEAR_MIN_WORDS = 6  # shorter sentences ("Lo!", "So be it.") say too little to stand for a question
WITHIN_MIN = 8  # fewer sentences of the named documents than this: their sample says too little
CHUNK = 4096  # rows of vectors multiplied at a time (bounded memory on large readings)


@dataclass(frozen=True)
class ReadingNull:
    """The reading's own "no answer here" scores (see the module's docstring)."""

    probes: tuple[float, ...]
    near: tuple[float, ...]
    weights: tuple[float, float, float]  # the blend they were measured with
    within: tuple[tuple[str, float], ...] = ()  # (document, score): several documents only

    @property
    def probe_mean(self) -> float:
        """The mean best score of the unrelated probes."""
        return float(np.mean(self.probes)) if self.probes else 0.0

    @property
    def probe_sd(self) -> float:
        """The spread of the probes' best scores (never zero)."""
        return float(np.std(self.probes)) or 1e-6 if self.probes else 1e-6

    def relative(self, score: float) -> float:
        """How far `score` stands above unrelated questions, in units of their spread."""
        return (score - self.probe_mean) / self.probe_sd

    def near_level(self, quantile: float) -> float:
        """The near sample's `quantile`, on the probes' scale (the probes' mean if it is empty)."""
        if not self.near:
            return 0.0
        return self.relative(float(np.quantile(self.near, quantile)))

    def cutoff(self, calibration: Calibration) -> float:
        """Where "answered" starts for this reading, on the probes' scale.

        The model's cut-off over unrelated questions, raised when the reading's own
        on-subject null stands high: `near_weight` of the way from the former to the
        latter's `near_quantile`, plus `near_margin`.
        """
        c = calibration
        floor = c.z_answer
        if not self.near or c.near_weight <= 0:
            return floor
        near = self.near_level(c.near_quantile) + c.near_margin
        return max(floor, floor + c.near_weight * (near - floor))

    def cutoff_within(self, calibration: Calibration, documents: Sequence[str]) -> float:
        """The cut-off for a question that names `documents` (and is answered from them alone).

        The same rule as :meth:`cutoff`, on the named documents' *within* sample; never above
        the reading's own cut-off (the named documents' passages are a part of the reading's).
        """
        whole = self.cutoff(calibration)
        named = set(documents)
        scores = tuple(score for document, score in self.within if document in named)
        if len(scores) < WITHIN_MIN:
            return whole
        return min(whole, replace(self, near=scores, within=()).cutoff(calibration))

    def matches(self, calibration: Calibration) -> bool:
        """Whether it was measured with `calibration`'s blend (else it must be measured again)."""
        c = calibration
        return np.allclose(self.weights, (c.w_passage, c.w_sentence, c.w_lexical))

    def to_json(self) -> dict[str, object]:
        """The form stored in the index manifest."""
        return {
            "probes": [round(v, 5) for v in self.probes],
            "near": [round(v, 5) for v in self.near],
            "weights": list(self.weights),
            "within": [[document, round(v, 5)] for document, v in self.within],
        }

    @classmethod
    def from_json(cls, data: object) -> ReadingNull | None:
        """Read the manifest's form (None when absent or not understood)."""
        if not isinstance(data, dict):
            return None
        try:
            weights = tuple(float(w) for w in data["weights"])
            return cls(
                tuple(float(v) for v in data["probes"]),
                tuple(float(v) for v in data["near"]),
                (weights[0], weights[1], weights[2]),
                tuple((str(d), float(v)) for d, v in data.get("within", ())),
            )
        except (KeyError, TypeError, ValueError, IndexError):
            return None


def measure(
    passages: Sequence[Passage],
    *,
    passage_vectors: np.ndarray,
    sentence_vectors: np.ndarray,
    sentence_owner: np.ndarray,
    probe_vectors: np.ndarray,
    bm25: BM25,
    calibration: Calibration,
) -> ReadingNull:
    """Measure the reading's null: the probes' best scores and its own sentences' (see above).

    `probe_vectors` are the :data:`PROBES` encoded as questions. Exhaustive (matrix products
    in chunks): a few seconds at 100,000 passages, once per build.
    """
    c = calibration
    weights = (c.w_passage, c.w_sentence, c.w_lexical)
    if not len(passages):
        return ReadingNull((), (), weights)
    starts = np.searchsorted(sentence_owner, np.arange(len(passages)))
    texts = [u for p in passages for u in p.embedding_texts()]
    picked = _near_sample(passages, texts, sentence_owner)
    queries = np.vstack([probe_vectors, sentence_vectors[picked]]) if picked else probe_vectors
    dense_p = _product(passage_vectors, queries)
    best_s = np.maximum.reduceat(_product(sentence_vectors, queries), starts, axis=0)
    probes = []
    for j, probe in enumerate(PROBES[: len(probe_vectors)]):
        lexical = bm25.scores(content_terms(probe))
        probes.append(float(blend(c, dense_p[:, j], best_s[:, j], lexical, bm25.coverage(probe)).max()))
    places: dict[tuple[str, int], int] = {}
    place = np.array([places.setdefault((p.document, p.paragraph), len(places)) for p in passages])
    documents = np.array([p.document for p in passages])
    several = len(set(documents.tolist())) > 1
    near: list[float] = []
    within: list[tuple[str, float]] = []
    for j, unit in enumerate(picked, start=len(probe_vectors)):
        owner = int(sentence_owner[unit])
        keep = place != place[owner]
        if not keep.any():
            continue
        lexical = bm25.scores(content_terms(texts[unit])) * keep
        scores = blend(c, dense_p[:, j], best_s[:, j], lexical, 1.0)
        near.append(float(scores[keep].max()))
        own = keep & (documents == documents[owner]) if several else None
        if own is not None and own.any():
            within.append((str(documents[owner]), float(scores[own].max())))
    return ReadingNull(tuple(probes), tuple(near), weights, tuple(within))


def _near_sample(passages: Sequence[Passage], texts: list[str], owner: np.ndarray) -> list[int]:
    """Sentence rows spread evenly over the reading's body, long enough to stand for a question."""
    rows = [
        i
        for i, text in enumerate(texts)
        if not passages[int(owner[i])].is_meta and len(text.split()) >= NEAR_MIN_WORDS
    ]
    if len(rows) <= NEAR_SAMPLES:
        return rows
    step = len(rows) / NEAR_SAMPLES
    return [rows[int(k * step)] for k in range(NEAR_SAMPLES)]


def _product(vectors: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """`vectors @ queries.T`, a chunk of rows at a time."""
    out = np.empty((len(vectors), len(queries)), dtype=np.float32)
    for start in range(0, len(vectors), CHUNK):
        out[start : start + CHUNK] = vectors[start : start + CHUNK] @ queries.T
    return out
