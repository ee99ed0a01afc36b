"""Whether the reading answers a question: the answerability gate over what its search found.

The level a question's best passage reaches over the reading's own null (`bot.core.search.null`)
tells a question the reading answers from one on its subject that it does not only loosely
(area under the curve 0.64 over every labelled set). What else the search found tells more:
how far the best stands out from the next passages and how crowded the top is, how close its
best sentence and the closest sentence anywhere come to the question, how much of the
question's rarer words the best passages and the reading use, and the question's own form (a
"how many …?" or a yes/no asks for one detail a passage on the subject may not give; a
"why …?" on the reading's subject is most often argued in it).

:func:`signals` measures those once per question; the model's
:class:`~bot.core.models.calibration.Gate` weighs them (a logistic model per embedding model,
fitted by ``scripts/fit_gate.py`` across every labelled set at once and stored in its
calibration) into the probability that the reading answers. Where the
gate is used (`bot.core.search.retrieval`, ``Retriever._decide``), it stands in for the
cut-off alone; the checks that refuse a question for what it names still run after it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

TOP = 10  # the best passages whose levels and sentences the signals read
_YES_NO = re.compile(
    r"^\W*(?:is|are|was|were|does|do|did|can|could|will|would|should|has|have|had|"
    r"isn'?t|aren'?t|doesn'?t|don'?t|didn'?t|wasn'?t|won'?t)\b",
    re.IGNORECASE,
)
# the question's word, first found in this order ("how much" before "how")
WH_WORDS = ("what", "who", "whose", "when", "where", "why", "how much", "how many", "how", "which")
_WH = [(w, re.compile(rf"\b{w}\b", re.IGNORECASE)) for w in WH_WORDS]


@dataclass(frozen=True)
class Levels:
    """Where the question's best stands on the reading's scale (in the probes' spreads)."""

    level: float  # the best's level over the unrelated probes
    cut: float  # the reading's cut-off
    bar: float  # the cut-off moved by how far the best leads the other paragraphs
    near: float  # the reading's on-subject null, its median
    near_high: float  # and its 90th percentile
    lead: float  # how far the best leads the best of every other paragraph
    spread: float  # the probes' spread in raw score (the reading's scale)


def signals(
    question: str,
    terms: Sequence[str],
    levels: Levels,
    top_levels: np.ndarray,
    *,
    cosines: tuple[float, float, float, float],
    reading_terms: Collection[str],
    idf: Mapping[str, float],
    best_terms: Collection[str],
    shown_terms: Collection[str],
    best_is_meta: bool,
    best_chars: int,
    passages: int,
    several: bool,
    sentence_peak: float = 0.0,
) -> dict[str, float]:
    """What the gate reads of one question's search.

    `terms` are the question's content terms; `top_levels` the levels of the best passages,
    best first; `cosines` the best passage's own cosine and its best sentence's, and the best
    passage cosine and sentence cosine among the :data:`TOP` best passages; `best_terms` and
    `shown_terms` the terms of the best passage and of the passages shown.
    `sentence_peak` is how far the closest sentence stands above the mean of the five closest
    (a name the reading never mentions is left to the checks: `Retriever._refusal`). The focus
    check adds ``focus_measured`` and ``focus_drop`` when it measures (see `bot.core.search.focus.unsaid`).
    """
    top = list(map(float, top_levels[:TOP])) or [levels.level]
    top += [top[-1]] * (TOP - len(top))
    asked = set(terms)
    rare = math.log1p(2.0 * passages + 1.0)  # BM25's weight of a term no passage uses: the rarest

    def weight(t: str) -> float:
        return idf.get(t, rare)

    total = sum(map(weight, asked)) or 1.0
    missing = [weight(t) for t in asked if t not in best_terms]
    low = question.lower()
    wh = next((w for w, pattern in _WH if pattern.search(low)), "")
    out = {
        "over_bar": levels.level - levels.bar,
        "over_cut": levels.level - levels.cut,
        "over_near": levels.level - levels.near,
        "over_near_high": levels.level - levels.near_high,
        "level": levels.level,
        "lead": min(levels.lead, 3.0),
        "gap1": top[0] - top[1],
        "gap2": top[0] - top[2],
        "gap4": top[0] - top[4],
        "gap9": top[0] - top[9],
        "crowd": math.log1p(sum(t >= top[0] - 1.0 for t in top_levels)),
        "passage_cos": cosines[0],
        "sentence_cos": cosines[1],
        "top_passage_cos": cosines[2],
        "top_sentence_cos": cosines[3],
        "spread": levels.spread,
        "near": levels.near,
        "known": sum(t in reading_terms for t in asked) / max(1, len(asked)),
        "in_best": sum(t in best_terms for t in asked) / max(1, len(asked)),
        "in_best_idf": sum(weight(t) for t in asked if t in best_terms) / total,
        "in_shown_idf": sum(weight(t) for t in asked if t in shown_terms) / total,
        "unknown": float(min(3, sum(t not in reading_terms for t in asked))),
        "missing_rarest": max(missing) / rare if missing else 0.0,
        "terms": math.log1p(len(asked)),
        "words": math.log1p(len(question.split())),
        "yes_no": float(bool(_YES_NO.match(question))),
        "best_is_meta": float(best_is_meta),
        "best_chars": math.log1p(best_chars),
        "passages": math.log1p(passages),
        "several": float(several),
        "sentence_peak": sentence_peak,
        "focus_measured": 0.0,
        "focus_drop": 0.0,
    }
    for w in WH_WORDS:
        out["wh_" + w.replace(" ", "_")] = float(wh == w)
    return out
