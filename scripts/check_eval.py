"""Measure "Check against the reading" on the labelled readings of eval/.

    .venv/bin/python scripts/check_eval.py [eval/NAME.json ...]

Per reading: exact quotes (sentences of the reading) must be *found* at their paragraph;
the same quotes with one word replaced must be *differs* showing that word; sentences of
another reading must be *not found*. The labelled questions, read as claims, must find
their paragraph among the top 3 (compared with `/ask` on the same questions), and count as
addressed; the off-topic ones must not.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import numpy as np

from bot.core.check import check_claim, check_quote
from bot.core.check.retrieval import ADDRESSED_AT, RetrievalSearch
from bot.core.search.embedder import load_encoder
from bot.core.search.evaluate import _rank, gather_seeds, load_eval
from bot.core.search.index import build_from_seeds
from bot.core.search.retrieval import Retriever
from bot.core.text.words import normalize
from bot.settings import Settings

SAMPLE = 30
_WORD = re.compile(r"[A-Za-z]{5,}")


def sentences(retriever: Retriever) -> list[tuple[str, str]]:
    """(sentence, citation) of the reading's body passages, long enough to quote."""
    out = []
    for p in retriever.index.passages:
        if p.is_meta or p.kind == "title":
            continue
        for s in p.sentence_texts():
            if 8 <= len(s.split()) <= 60 and len(_WORD.findall(s)) >= 2:  # (not a game's moves alone)
                out.append((s, p.citation))
    return out


def _paragraph(citation: str) -> str:
    return re.sub(r" \(part \d+/\d+\)$", "", citation)


def one_word_changed(sentence: str, vocabulary: list[str], rng: np.random.Generator) -> tuple[str, str, str]:
    """The sentence with one word replaced by a word the sentence does not use."""
    words = list(_WORD.finditer(sentence))
    m = words[int(rng.integers(len(words)))]
    used = {w.lower() for w in _WORD.findall(sentence)}
    new = next(w for w in rng.permutation(vocabulary) if w.lower() not in used)
    return sentence[: m.start()] + new + sentence[m.end() :], m.group(), str(new)


def main(paths: list[str]) -> int:
    """Measure every reading named (default: all of eval/)."""
    settings = Settings()
    embedder = load_encoder(settings.embedding_model, settings.index_dir)
    files = [Path(p) for p in paths] or sorted(Path("eval").glob("*.json"))
    retrievers = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            spec = load_eval(path)
            seeds = gather_seeds(spec, Path(tmp) / f"{path.stem}-seeds")
            report = build_from_seeds(seeds, embedder, Path(tmp) / path.stem, progress=False)
            retrievers[path.stem] = (spec, Retriever(report.index, embedder))
        names = list(retrievers)
        for i, name in enumerate(names):
            spec, retriever = retrievers[name]
            search = RetrievalSearch(retriever)
            rng = np.random.default_rng(7)
            pool = sentences(retriever)
            picked = [pool[j] for j in rng.permutation(len(pool))[:SAMPLE]]
            vocabulary = sorted({w for s, _ in pool for w in _WORD.findall(s)})
            exact = changed = 0
            misses = []
            for s, citation in picked:
                r = check_quote(s, search)
                # a long paragraph is indexed in overlapping parts: any part of it is its place
                same = r.citation is not None and _paragraph(r.citation) == _paragraph(citation)
                exact += r.status == "found" and same
                if r.status != "found" or not same:
                    misses.append(f"exact {r.status} at {r.citation} (is {citation}): {s[:60]}")
                text, old, new = one_word_changed(s, vocabulary, rng)
                r = check_quote(text, search)
                shown = [(d.quoted, d.reading) for d in r.differences]
                changed += r.status == "differs" and shown == [(new, old)]
                if not (r.status == "differs" and shown == [(new, old)]):
                    misses.append(f"changed {r.status} {shown} want {[(new, old)]}: {text[:60]}")
            _, other = retrievers[names[(i + 1) % len(names)]]
            other_pool = sentences(other)
            invented = [other_pool[j][0] for j in rng.permutation(len(other_pool))[:SAMPLE]]
            not_found = 0
            for s in invented:
                r = check_quote(s, search)
                not_found += r.status == "not_found"
                if r.status != "not_found":
                    misses.append(
                        f"invented {r.status} {[(d.quoted, d.reading) for d in r.differences]}: {s[:60]}"
                    )
            hit3 = ask3 = addressed = 0
            for item in spec["questions"]:
                claim = check_claim(item["q"], search, ADDRESSED_AT)
                addressed += claim.addressed
                found = search.answer(item["q"], 3)
                hit3 += any(
                    normalize(" ".join(t.split())) in normalize(" ".join(c.text.split()))
                    for c in found
                    for t in item["answers"]
                )
                rank = _rank(retriever.ask(item["q"], k=3), item["answers"])
                ask3 += rank is not None and rank <= 3
            rejected = sum(not check_claim(q, search, ADDRESSED_AT).addressed for q in spec["off_topic"])
            n, m = len(spec["questions"]), len(spec["off_topic"])
            print(
                f"{name}: exact found {exact}/{len(picked)}, one word changed shown {changed}/{len(picked)}, "
                f"invented not found {not_found}/{len(invented)}; claims top-3 {hit3}/{n} (/ask {ask3}/{n}), "
                f"addressed {addressed}/{n}, off-topic not addressed {rejected}/{m}"
            )
            for miss in misses:
                print("    " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
