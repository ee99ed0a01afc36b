"""Each model's calibration: how its scores are blended and where "not in the reading" starts.

Cosines from different models live on different scales (all-mpnet-base-v2 spreads related
and unrelated text further apart than all-MiniLM-L6-v2), so the blend weights and the
cut-offs are measured per model on the labelled sets in eval/ and stored in
`calibration.json` beside this module, found by the model's file fingerprint or its name.
The cut-offs are in units of the reading's own spread (see `bot.core.search.retrieval`), so each
reading still sets its own threshold; the calibration only says how far above the reading's
unrelated-question scores a model's answers stand.

A model with no entry gets all-MiniLM-L6-v2's values, and `agora doctor` says so.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILE = HERE / "calibration.json"
FALLBACK = "all-MiniLM-L6-v2"
_NAMES = {
    "all-minilm-l6-v2": "all-MiniLM-L6-v2",
    "sentence-transformers/all-minilm-l6-v2": "all-MiniLM-L6-v2",
    "all-mpnet-base-v2": "all-mpnet-base-v2",
    "sentence-transformers/all-mpnet-base-v2": "all-mpnet-base-v2",
}


@dataclass(frozen=True)
class Gate:
    """A logistic model over a question's search signals (`bot.core.search.answerable`).

    The weights of the named signals, a bias, and the probability from which a question counts
    as answered: one for yes/no questions ("Will sanctions work?") and one for the others, each
    chosen so the gate refuses no more answerable questions of its kind than the cut-off alone.
    """

    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    threshold_yes_no: float | None = None  # None: yes/no questions use `threshold` too

    def probability(self, found: Mapping[str, float]) -> float:
        """How likely the reading answers the question whose search gave `found` (0 to 1)."""
        x = self.bias + sum(w * found.get(n, 0.0) for n, w in zip(self.names, self.weights, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))

    def threshold_for(self, found: Mapping[str, float]) -> float:
        """The probability from which the question whose search gave `found` counts as answered."""
        if self.threshold_yes_no is not None and found.get("yes_no", 0.0) >= 0.5:
            return self.threshold_yes_no
        return self.threshold

    def passes(self, found: Mapping[str, float]) -> bool:
        """Whether the probability reaches the threshold for the question's kind."""
        return self.probability(found) >= self.threshold_for(found)

    @classmethod
    def from_json(cls, data: object) -> Gate | None:
        """The calibration's form (None when absent or not understood)."""
        if not isinstance(data, Mapping):
            return None
        try:
            names = tuple(str(n) for n in data["signals"])
            weights = tuple(float(w) for w in data["weights"])
            if len(names) != len(weights):
                return None
            yes_no = data.get("threshold_yes_no")
            return cls(
                names,
                weights,
                float(data["bias"]),
                float(data["threshold"]),
                None if yes_no is None else float(yes_no),
            )
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class Calibration:
    """What a model's scores mean for Agora (values from calibration.json)."""

    model: str  # the entry's name
    known: bool  # False: no entry for this model, the fallback's values are used
    w_passage: float  # blend weight of the whole-passage cosine
    w_sentence: float  # of the best sentence's cosine
    w_lexical: float  # of BM25 (normalised, times the question's coverage)
    z_answer: float  # answered from this far above the reading's unrelated-question scores
    z_medium: float
    z_high: float
    z_named: float  # needed when the question names something the reading never mentions
    same_question: float  # cosine from which two wordings count as one question (insights)
    query_int8: bool  # whether the int8 question graph holds every eval for this model
    query_scheme: int = 2  # how that graph is made (bot.core.search.quantize.SCHEMES)
    # How far the reading's own on-subject null raises the cut-off (bot.core.search.null):
    near_weight: float = 0.0  # 0: not at all; 1: up to the null's quantile plus the margin
    near_quantile: float = 0.5
    near_margin: float = 0.0
    # Two neighbouring sentences scored as one, this far below a single one (None: not at all;
    # bot.core.search.sentences)
    window_margin: float | None = None
    # How much of a section heading's cosine with the question the near-best passages under it gain
    # when put in order (0: headings are not read; bot.core.search.retrieval, _by_heading)
    heading_weight: float = 0.0
    # How far below its cosine a sentence of a few words counts as a passage's best sentence (0: as
    # any other; bot.core.search.sentences, SHORT_WORDS)
    short_sentence: float = 0.0
    # How far the best passage must lead the best of every other paragraph (in the probes' spreads) to
    # stand out, and how far the cut-off moves for a best that does and for one that does not (None:
    # the cut-off stands as it is; bot.core.search.retrieval, _bar)
    lead: float | None = None
    lead_shift: float = 0.0
    flat_shift: float = 0.0
    # How much closer the best passage's best sentence must stand to a question than to the question
    # without its focus words, those the passage never uses ("is the pool heated?" without "heated"):
    # below it, the passage does not say what is asked (None: not checked; bot.core.search.focus.unsaid)
    focus_drop: float | None = None
    # the same for a question whether a thing is there or had ("is there a café?", "does the lido have
    # lifeguards?"), all of which is its focus (None: as focus_drop)
    focus_drop_thing: float | None = None
    # and for a yes/no question of what is said of its subject ("is the pool heated?"; None: as focus_drop)
    focus_drop_yes_no: float | None = None
    # Whether the reading answers a question, from its search's signals (None: the cut-off alone
    # decides; bot.core.search.answerable, scripts/fit_gate.py)
    gate: Gate | None = None
    measured: str = ""  # where the values come from


@cache
def _entries() -> dict[str, dict[str, object]]:
    data = json.loads(FILE.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def canonical_name(name: str) -> str:
    """The calibration entry a model name stands for (packaged names in any case)."""
    return _NAMES.get(name.strip().lower(), name.strip())


def calibration_for(name: str, fingerprint: str | None = None) -> Calibration:
    """The calibration of the model `name` (or, first, of the model whose files have `fingerprint`)."""
    entries = _entries()
    chosen = None
    if fingerprint:
        chosen = next((k for k, v in entries.items() if v.get("fingerprint") == fingerprint), None)
    if chosen is None:
        key = canonical_name(name)
        chosen = key if key in entries else None
        if chosen is None and Path(name).name in entries and not fingerprint:
            chosen = Path(name).name
    entry = entries[chosen or FALLBACK]
    known = {f.name for f in fields(Calibration)} - {"model", "known"}
    values = {k: v for k, v in entry.items() if k in known}
    values["gate"] = Gate.from_json(entry.get("gate"))
    return Calibration(model=chosen or FALLBACK, known=chosen is not None, **values)  # type: ignore[arg-type]
