"""Retrieval evaluation: labelled questions over a reading → top-1, hit@3, MRR, rejection.

An evaluation file (JSON) names a seeds folder, on-topic questions each with exact
substrings of the paragraph(s) that answer them (or "__title__"), and off-topic questions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.retrieval import Answer, Retriever
from bot.core.text import normalize

TITLE = "__title__"


@dataclass
class EvalResult:
    """Figures for one evaluation set."""

    name: str
    on_topic: int
    off_topic: int
    top1: float
    hit3: float
    mrr: float
    rejection: float
    wrongly_rejected: float
    misses: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """Figures as JSON."""
        return {k: v for k, v in self.__dict__.items() if k != "misses"} | {"misses": self.misses}

    def line(self) -> str:
        """One line for people."""
        return (
            f"{self.name:<14} on-topic {self.on_topic:>3}  top-1 {self.top1:.3f}  hit@3 {self.hit3:.3f}  "
            f"MRR {self.mrr:.3f}  | off-topic {self.off_topic:>3}  rejected {self.rejection:.3f}  "
            f"| on-topic wrongly rejected {self.wrongly_rejected:.3f}"
        )


def load_eval(path: Path) -> dict[str, object]:
    """Read an evaluation file."""
    return json.loads(path.read_text(encoding="utf-8"))


def _rank(answer: Answer, targets: list[str]) -> int | None:
    for rank, hit in enumerate(answer.hits, start=1):
        p = hit.passage
        for target in targets:
            if target == TITLE and p.kind == "title":
                return rank
            if target != TITLE and normalize(target) in normalize(" ".join(p.text.split())):
                return rank
    return None


def evaluate(name: str, spec: dict[str, object], retriever: Retriever) -> EvalResult:
    """Run every question of `spec` through `retriever`."""
    questions = spec["questions"]
    off = spec["off_topic"]
    top1 = hit3 = rr = wrongly = 0.0
    misses = []
    for item in questions:  # type: ignore[union-attr]
        answer = retriever.ask(item["q"], k=3)
        rank = _rank(answer, item["answers"])
        top1 += rank == 1
        hit3 += rank is not None and rank <= 3
        rr += 1 / rank if rank else 0
        if not answer.answered:
            wrongly += 1
        if rank != 1 or not answer.answered:
            got = answer.hits[0].passage.citation if answer.hits else "-"
            flag = "" if answer.answered else " [rejected]"
            misses.append(f"{item['q']!r}: rank {rank}, got {got}{flag}")
    rejected = 0
    for q in off:  # type: ignore[union-attr]
        answer = retriever.ask(q, k=3)
        if not answer.answered:
            rejected += 1
        else:
            misses.append(f"off-topic answered: {q!r} -> {answer.hits[0].passage.citation}")
    n, m = len(questions), len(off)  # type: ignore[arg-type]
    return EvalResult(
        name=name,
        on_topic=n,
        off_topic=m,
        top1=top1 / n,
        hit3=hit3 / n,
        mrr=rr / n,
        rejection=rejected / m if m else 1.0,
        wrongly_rejected=wrongly / n,
        misses=misses,
    )
