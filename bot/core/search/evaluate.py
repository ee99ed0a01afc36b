"""Retrieval evaluation: labelled questions over a reading → top-1, hit@3, MRR, rejection.

An evaluation file (JSON) names a seeds folder (or a list of folders read as one reading),
on-topic questions each with exact substrings of the paragraph(s) that answer them (or
"__title__"), off-topic questions, and optionally summary questions ("what is this
about?") and follow-up pairs (a question, then a short one that leans on it).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.reading.passages import Passage
from bot.core.search.answer import Answer
from bot.core.search.embedder import Encoder
from bot.core.search.followup import Exchange
from bot.core.search.index import Index, build_from_seeds
from bot.core.search.retrieval import Retriever
from bot.core.text.words import normalize

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
    summaries: int = 0
    summary_hit3: float = 0.0
    followups: int = 0
    followup_hit3: float = 0.0
    misses: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """Figures as JSON."""
        return {k: v for k, v in self.__dict__.items() if k != "misses"} | {"misses": self.misses}

    def line(self) -> str:
        """One line for people."""
        if not self.on_topic and not self.off_topic:  # a set of follow-ups only
            return f"{self.name:<16} follow-up {self.followups} hit@3 {self.followup_hit3:.3f}"
        text = (
            f"{self.name:<16} on-topic {self.on_topic:>3}  top-1 {self.top1:.3f}  hit@3 {self.hit3:.3f}  "
            f"MRR {self.mrr:.3f}  | off-topic {self.off_topic:>3}  rejected {self.rejection:.3f}  "
            f"| on-topic wrongly rejected {self.wrongly_rejected:.3f}"
        )
        if self.summaries:
            text += f"  | summary {self.summaries} hit@3 {self.summary_hit3:.3f}"
        if self.followups:
            text += f"  | follow-up {self.followups} hit@3 {self.followup_hit3:.3f}"
        return text


def load_eval(path: Path) -> dict[str, object]:
    """Read an evaluation file.

    Its relative seeds folders are found from where `agora eval` runs or, failing that, from the
    nearest folder at or above the file's own that holds them ("eval/readings/x" from anywhere).
    """
    spec = json.loads(path.read_text(encoding="utf-8"))
    seeds = spec.get("seeds")
    if isinstance(seeds, str | list):
        named = [seeds] if isinstance(seeds, str) else seeds
        found = [str(_located(Path(s), path.resolve().parent)) for s in named]
        spec["seeds"] = found if isinstance(seeds, list) else found[0]
    return spec


def _located(folder: Path, start: Path) -> Path:
    if folder.is_absolute() or folder.exists():
        return folder
    for base in (start, *start.parents):
        if (base / folder).is_dir():
            return base / folder
    return folder


def seed_folders(spec: dict[str, object]) -> list[Path]:
    """The folder(s) an evaluation set reads."""
    seeds = spec["seeds"]
    return [Path(s) for s in ([seeds] if isinstance(seeds, str) else seeds)]  # type: ignore[union-attr]


def gather_seeds(spec: dict[str, object], work: Path) -> Path:
    """One seeds folder for the set: the folder itself, or a copy of several folders' files."""
    folders = seed_folders(spec)
    if len(folders) == 1:
        return folders[0]
    work.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                target = work / path.relative_to(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    return work


def labelled_indexes(
    files: Sequence[Path], encoder: Encoder, work: Path, cache_dir: Path
) -> Iterator[tuple[str, dict[str, object], Index]]:
    """Each labelled set that asks anything, with its reading's index (built, or reused, under `work`).

    For the scripts that run every labelled question (scripts/sweep.py, scripts/fit_gate.py).
    """
    for path in files:
        spec = load_eval(path)
        if not spec.get("questions") and not spec.get("off_topic"):
            continue
        seeds = gather_seeds(spec, work / f"{path.stem}-seeds")
        built = build_from_seeds(seeds, encoder, work / path.stem, progress=False, cache_dir=cache_dir)
        yield str(spec.get("name", path.stem)), spec, built.index


def _rank(answer: Answer, targets: list[str]) -> int | None:
    for rank, hit in enumerate(answer.hits, start=1):
        p = hit.passage
        for target in targets:
            if target == TITLE and p.kind == "title":
                return rank
            if target == TITLE:
                continue
            # a key matches whatever the case it is printed in ("JOSIAH PELL" in a byline in capitals)
            if _folded(target) in _folded(p.text) or _row_in(target, p.text) or _turn_in(target, p):
                return rank
    return None


def _turn_in(target: str, passage: Passage) -> bool:
    """Whether a key copied with its speaker's label is the passage's turn.

    "Ms Rhiannon Pugh (Carrick North): I beg to move," is the turn of that speaker whose
    text reads "I beg to move,": the label is read as the passage's speaker.
    """
    label, colon, words = target.partition(":")
    if not colon or not passage.speaker or not words.strip():
        return False
    return _folded(label) == _folded(passage.speaker) and _folded(words) in _folded(passage.text)


def _row_in(target: str, text: str) -> bool:
    """Whether a key copied from a Markdown table's row is one of `text`'s rows as read.

    "Final essay | 60% | 3,000 words" is the row "Component: Final essay — Weight: 60% — …":
    its cells in one line, in order.
    """
    if "|" not in target:
        return False
    cells = [_folded(c) for c in target.strip().strip("|").split("|") if c.strip()]
    for line in text.split("\n"):
        folded, at = _folded(line), 0
        for cell in cells:
            at = folded.find(cell, at)
            if at < 0:
                break
            at += len(cell)
        else:
            return bool(cells)
    return False


def _folded(text: str) -> str:
    # a key copied from a Markdown source ("*By Harriet Okafor-Lind*") matches the text as read, and
    # so does one copied with the HTML entities a mail program left in the file ("street&#8217;s")
    text = html.unescape(text) if "&" in text else text
    text = text.replace("`", "")  # (and a key copied with Markdown's code marks: "`--verify-all`")
    return normalize(" ".join(_EMPHASIS.sub("", text).split())).casefold()


_EMPHASIS = re.compile(r"(?<![\w*_])[*_]+|[*_]+(?![\w*_])")


def _miss(question: str, rank: int | None, answer: Answer) -> str:
    got = answer.hits[0].passage.citation if answer.hits else "-"
    flag = "" if answer.answered else " [rejected]"
    return f"{question!r}: rank {rank}, got {got}{flag}"


def evaluate(name: str, spec: dict[str, object], retriever: Retriever) -> EvalResult:
    """Run every question of `spec` through `retriever`."""
    questions = spec.get("questions", [])
    off = spec.get("off_topic", [])
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
            misses.append(_miss(item["q"], rank, answer))
    summaries = spec.get("summary", [])
    summary_hits = 0
    for item in summaries:  # type: ignore[union-attr]
        answer = retriever.ask(item["q"], k=3)
        rank = _rank(answer, item["answers"])
        summary_hits += answer.answered and rank is not None and rank <= 3
        if rank is None or rank > 3 or not answer.answered:
            misses.append("summary " + _miss(item["q"], rank, answer))
    followups = spec.get("followups", [])
    followup_hits = 0
    for item in followups:  # type: ignore[union-attr]
        first = retriever.ask(item["first"], k=3)
        top = first.hits[0].passage if first.answered and first.hits else None
        previous = Exchange(
            first.question,
            top.document if top else None,
            top.paragraph if top else None,
            0.0,
            top.id if top else None,
            first.hits[0].marked if top else (),
        )
        answer = retriever.ask(item["then"], k=3, previous=previous)
        rank = _rank(answer, item["answers"])
        followup_hits += answer.answered and rank is not None and rank <= 3
        if rank is None or rank > 3 or not answer.answered:
            misses.append(f"follow-up after {item['first']!r}: " + _miss(item["then"], rank, answer))
    rejected = 0
    for q in off:  # type: ignore[union-attr]
        answer = retriever.ask(q, k=3)
        if not answer.answered:
            rejected += 1
        else:
            misses.append(f"off-topic answered: {q!r} -> {answer.hits[0].passage.citation}")
    n, m = len(questions), len(off)  # type: ignore[arg-type]
    ns, nf = len(summaries), len(followups)  # type: ignore[arg-type]
    return EvalResult(
        name=name,
        on_topic=n,
        off_topic=m,
        top1=top1 / n if n else 0.0,
        hit3=hit3 / n if n else 0.0,
        mrr=rr / n if n else 0.0,
        rejection=rejected / m if m else 1.0,
        wrongly_rejected=wrongly / n if n else 0.0,
        summaries=ns,
        summary_hit3=summary_hits / ns if ns else 0.0,
        followups=nf,
        followup_hit3=followup_hits / nf if nf else 0.0,
        misses=misses,
    )


def losses(candidate: EvalResult, reference: EvalResult) -> list[str]:
    """What `candidate` loses against `reference` on one set (empty: it keeps every figure).

    The gate of a faster variant (the int8 question graph): top-1, hit@3 and off-topic
    rejection must not fall, answerable questions wrongly refused must not rise.
    """
    out = []
    for label, got, had in (
        ("top-1", candidate.top1, reference.top1),
        ("hit@3", candidate.hit3, reference.hit3),
        ("off-topic rejected", candidate.rejection, reference.rejection),
    ):
        if got < had - 1e-9:
            out.append(f"{label} {had:.3f} -> {got:.3f}")
    if candidate.wrongly_rejected > reference.wrongly_rejected + 1e-9:
        out.append(f"wrongly rejected {reference.wrongly_rejected:.3f} -> {candidate.wrongly_rejected:.3f}")
    return out


def side_by_side(results: dict[str, list[EvalResult]]) -> str:
    """A table of each set's figures under each model (`agora eval --models a,b`).

    Top-1, hit@3, off-topic rejected, answerable wrongly rejected and, when any set has
    follow-up pairs, the follow-ups' hit@3; "-" where a set has none of a kind.
    """
    models = list(results)
    sets = list(dict.fromkeys(r.name for rs in results.values() for r in rs))
    by = {(m, r.name): r for m, rs in results.items() for r in rs}
    columns: list[tuple[str, Callable[[EvalResult], float | None]]] = [
        ("top-1", lambda r: r.top1 if r.on_topic else None),
        ("hit@3", lambda r: r.hit3 if r.on_topic else None),
        ("off rej", lambda r: r.rejection if r.off_topic else None),
        ("wrong rej", lambda r: r.wrongly_rejected if r.on_topic else None),
    ]
    if any(r.followups for rs in results.values() for r in rs):
        columns.append(("follow", lambda r: r.followup_hit3 if r.followups else None))
    cell = 6 * len(columns) + len(columns) - 1
    width = max(len(s) for s in sets) if sets else 8
    head = f"{'set':<{width}}" + "".join(f" | {m[:cell]:<{cell}}" for m in models)
    sub = " " * width + "".join(" | " + " ".join(f"{name:>6}"[:6] for name, _ in columns) for _ in models)
    lines = [head, sub]
    for name in sets:
        line = f"{name:<{width}}"
        for m in models:
            r = by.get((m, name))
            if r is None:
                line += " | " + f"{'-':>{cell}}"
                continue
            values = [get(r) for _, get in columns]
            line += " | " + " ".join(f"{v:6.3f}" if v is not None else f"{'-':>6}" for v in values)
        lines.append(line)
    return "\n".join(lines)
