"""Every labelled question of eval/ through `Retriever.ask`, in seconds, for trying ranking changes.

    .venv/bin/python scripts/sweep.py OUT.json [--model M] [--patch F.py ...] [--against BASE.json] [SETS ...]

`agora eval` builds every set's index afresh (about 6 minutes for all sets with all-mpnet-base-v2 on
a quiet machine); this keeps each set's index in `--work` (rebuilt only when its reading changes)
and each question's vector in a file there, so a second run over all sets takes about 20 seconds.
It writes one record per question (set, question, rank of the right passage, answered or not, the
passages shown) to OUT.json and prints the pooled figures; with `--against`, which sets and which
questions changed against an earlier run's records. A `--patch` file is run first, with `encoder`
in its namespace: it may replace a function or a constant of `bot.core.search` to try a change
before writing it (measure, then write the change, then run again without the patch).

Measured with it in the ninth session, all-mpnet-base-v2 over 78 sets (1571 answerable, 762
off-topic), top-1 1223 and hit@3 1449 before: dropped, as none gained on both halves of the sets:
- fusion weights refitted (passage / sentence / BM25, a heading term, neighbours' cosines) on one
  half of the sets: at most +3 top-1 on that half and -3 to +1 on the other;
- the section title embedded with the passage's text (mixed into its cosine at 0.25 / 0.5 / 1.0):
  top-1 -4 / -5 / -11;
- BM25 over sentences as well as passages (0.3 / 0.6): top-1 -6 / -4; pseudo-relevance feedback
  (8 terms of the 3 best BM25 passages, 0.3): top-1 -3, hit@3 -3;
- "where" and "who" questions wanting a sentence with a place or a person's name (the answer-type
  bonus, once to five times): top-1 -1 to +1, hit@3 +1 to +4, off-topic rejected -1;
- a hub penalty (each passage's mean cosine with its 10 nearest sentences elsewhere, 0.1 to 0.4):
  top-1 +1 to -10, answerable refused +1 to +13;
- clauses (split at ";", ":", dashes and ", but …") as sentence units: top-1 -3 to -7, hit@3 +3 to +5,
  off-topic rejected -4 to -11; the question without its "what does …" shell: top-1 -42;
- more openings read as a reply to the paragraph before ("I do not think the fear is …", "Both
  arguments sound …"): top-1 -5, or +0 when only for questions that raise an objection;
- an interviewer's turns (a speaker named Host, Chair, …) handing their score to the next turn,
  question mark or not: top-1 +1 (+5 / -4 across 5 sets), off-topic rejected -1, refused +1.

Measured and dropped in the tenth session (all-mpnet-base-v2, 103 sets, 1838 answerable + 882
off-topic, top-1 1427 / hit@3 1699 before):
- a bigram bonus (question word pairs found side by side in a passage's terms, idf-weighted,
  0.05 / 0.1 / 0.2 of the blend): top-1 -5 / -10 / -21, off-topic rejected -10 to -17;
- a stronger stemmer (undoubling "runn" -> "run", a final "e" dropped so "close" meets "closing"):
  top-1 +0 / -5 / -5 (both), refused +2 / +2 / +5;
- per-question-type weights (BM25 0.1 / 0.3 / 0.4 for who / where / which / when; passage cosine
  0.3 / 0.7 for why / how and for who / where): top-1 -9 to +2, refused -4 to +22;
- the near-best (within 0.05) reordered by one component (best sentence, passage cosine or BM25,
  +-0.2): top-1 -16 to -38 (the pipeline's lifts place passages by exact score ties);
- Markdown bold-label lines ("**Investigator:** …") kept as lines of their own, so each is a
  sentence unit: top-1 -1, hit@3 +2, refused +2 (short field lines meet the short-sentence penalty);
- mpnet + MiniLM blends summed (0.25 to 1.0 of MiniLM's), on the raw blend: top-1 +4 at best of
  1109 raw, over both halves +2 / +2: not worth a second model. No cross-encoder installs offline
  (none ships its weights in a PyPI package; the ones listed download from a hub at run time).

Measured and dropped in the twelfth session (all-mpnet-base-v2, 160 sets, 2908 answerable + 1343
off-topic, top-1 2275 / hit@3 2687 before, 2283 / 2699 after the question mark, which landed; of the
misses, 72% are the blend's own order (the stages after it put 185 right passages first and 38 out
of first place), 2 of 633 are another part of the same paragraph, 151 the paragraph next to the
right one (88 after it, 63 before), 27 another document):
- dense pseudo-relevance feedback (the question's vector moved 0.3 toward its 3 best passages, the
  level kept): top-1 -27, hit@3 -10;
- a passage's second-best sentence mixed into its best (0.1 / 0.25 of the way): top-1 -12 / -29;
- a length term on the blend (0.02 x log of the sentence count, 0.01 x log of words / 20, -0.03 for
  one-sentence passages, -0.03 for body passages under 12 / 20 words): top-1 -1 to +4, off-topic
  rejected -20 to +3;
- list passages 0.01 / 0.03 behind: top-1 +0; the first one or two body passages of each document
  ahead (0.02 to 0.04, "the lede"): top-1 -2 to -11;
- contractions spelled out in the question ("what's" -> "what is", "doesn't" -> "does not"): -3;
- headings: a passage with no heading (or a generic one: Summary, Introduction, Background) given the
  near-best's mean heading cosine instead of 0: top-1 -7 / -8;
- the shown three made diverse (a passage as close as 0.8 / 0.7 to one shown gives way): hit@3 -13 /
  -42; the top passage's neighbouring paragraph put third when within 0.02 / 0.05: hit@3 +1 / -2;
- three-sentence windows beside the two-sentence ones (0.05 / 0.08 below a sentence): top-1 +3 / +1,
  off-topic rejected -3 / +0;
- BM25's k1 (1.2): 0.5 to 1.0 gain top-1 +2 to +5 and hit@3 +1 to +4 on mpnet (0.8 with the
  reading's null measured again: +4, +3, refused -2, rejected +1, all of it on one half of the sets),
  all-MiniLM-L6-v2 -1 at each; b 0.5 / 0.9: +1 / +1. Too small for a per-model setting.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    """Run the sweep; 0 when done."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--model", default="all-mpnet-base-v2")
    parser.add_argument("--patch", action="append", default=[], type=Path)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/agora-sweep"))
    args = parser.parse_intermixed_args()

    from bot.core.search.embedder import load_encoder
    from bot.core.search.evaluate import _rank, labelled_indexes
    from bot.settings import Settings

    settings = Settings()
    work = args.work / args.model.replace("/", "_")
    work.mkdir(parents=True, exist_ok=True)
    encoder = load_encoder(args.model, settings.index_dir, models_dir=settings.models_dir)
    memo_file = work / "questions.npz"
    memo: dict[str, np.ndarray] = {}
    if memo_file.exists():
        stored = np.load(memo_file, allow_pickle=True)
        memo.update(zip(stored["texts"].tolist(), stored["vectors"], strict=True))
    encode = encoder.encode_queries

    def encode_queries(
        texts: Sequence[str],
    ) -> np.ndarray:  # the same question, the same vector: encoded once across runs
        missing = [t for t in texts if t not in memo]
        if missing:
            memo.update(zip(missing, encode(missing), strict=True))
        return np.stack([memo[t] for t in texts])

    encoder.encode_queries = encode_queries  # type: ignore[method-assign]
    for patch in args.patch:
        exec(compile(patch.read_text(encoding="utf-8"), str(patch), "exec"), {"encoder": encoder})

    from bot.core.search.retrieval import Retriever

    files = args.sets or sorted(REPO.glob("eval/*.json")) + sorted(REPO.glob("eval/heldout/*.json"))
    records = []
    started = time.perf_counter()
    for name, spec, index in labelled_indexes(files, encoder, work, settings.index_dir):
        retriever = Retriever(index, encoder)
        for item in spec.get("questions", []):
            answer = retriever.ask(item["q"], k=3)
            rank = _rank(answer, item["answers"])
            shown = [h.passage.id for h in answer.hits]
            records.append(
                {"set": name, "q": item["q"], "kind": "on", "rank": rank, "answered": answer.answered}
            )
            records[-1]["shown"] = shown
        for question in spec.get("off_topic", []):
            answer = retriever.ask(question, k=3)
            records.append({"set": name, "q": question, "kind": "off", "answered": answer.answered})
    texts = list(memo)
    np.savez(memo_file, texts=np.array(texts, dtype=object), vectors=np.stack([memo[t] for t in texts]))
    args.out.write_text(json.dumps(records, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{args.out}: {figures(records)}  ({time.perf_counter() - started:.0f} s)")
    if args.against is not None:
        print("\n".join(changes(json.loads(args.against.read_text(encoding="utf-8")), records)))
    return 0


def figures(records: list[dict]) -> str:
    """Pooled figures of one run's records."""
    on = [r for r in records if r["kind"] == "on"]
    off = [r for r in records if r["kind"] == "off"]
    top1 = sum(r["rank"] == 1 for r in on)
    hit3 = sum(r["rank"] is not None and r["rank"] <= 3 for r in on)
    rejected = sum(not r["answered"] for r in off)
    refused = sum(not r["answered"] for r in on)
    return (
        f"answerable {len(on)}: top-1 {top1}, hit@3 {hit3}, refused {refused} | "
        f"off-topic {len(off)}: rejected {rejected}"
    )


def changes(before: list[dict], after: list[dict]) -> list[str]:
    """The questions whose outcome changed, then each set whose figures changed, then the totals."""
    lines = []
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0] * 8)
    for a, b in zip(before, after, strict=True):
        if a["q"] != b["q"]:
            raise SystemExit("the two runs did not ask the same questions in the same order")
        c = counts[a["set"]]
        if a["kind"] == "on":
            pairs = [
                (a["rank"] == 1, b["rank"] == 1),
                (_in3(a), _in3(b)),
                (not a["answered"], not b["answered"]),
            ]
            for i, (x, y) in enumerate(pairs):
                c[2 * i] += x
                c[2 * i + 1] += y
            if pairs[0][0] != pairs[0][1] or a["answered"] != b["answered"]:
                lines.append(
                    f"  {a['set']}: {a['q']!r} rank {a['rank']} -> {b['rank']}, answered {b['answered']}"
                )
        else:
            c[6] += not a["answered"]
            c[7] += not b["answered"]
            if a["answered"] != b["answered"]:
                lines.append(f"  {a['set']} off-topic: {a['q']!r} rejected {not b['answered']}")
    labels = ("top-1", "hit@3", "refused", "off-topic rejected")
    total = [sum(c[i] for c in counts.values()) for i in range(8)]
    for name, c in [*sorted(counts.items()), ("TOTAL", total)]:
        if name == "TOTAL" or c[0::2] != c[1::2]:
            lines.append(
                f"{name}: " + ", ".join(f"{lab} {c[2 * i]} -> {c[2 * i + 1]}" for i, lab in enumerate(labels))
            )
    return lines


def _in3(record: dict) -> bool:
    return record["rank"] is not None and record["rank"] <= 3


if __name__ == "__main__":
    raise SystemExit(main())
