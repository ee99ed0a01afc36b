"""Fit a model's calibration (bot/core/models/calibration.json) on the labelled sets in eval/.

    .venv/bin/python scripts/calibrate.py --models all-MiniLM-L6-v2,all-mpnet-base-v2 \
        --index /tmp/calibrate [--held-out more/*.json] [--write]

For each model, every set's index is built once (the vector cache under --index is shared),
each question is encoded once, and then:
1. the blend weights are chosen on a grid by the pooled MRR of all the fitting sets at once
   (never per text);
2. with those weights, each question's best score relative to its reading (the z the
   retriever compares with its cut-off) is recorded, and the cut-off is the highest (the
   most off-topic questions refused) that wrongly refuses at most 5% of the pooled
   answerable questions.
Held-out sets are scored with the fitted values but never used to fit them. --write stores
the values in calibration.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.models.calibration import FILE, calibration_for, canonical_name  # noqa: E402
from bot.core.search.embedder import load_encoder  # noqa: E402
from bot.core.search.evaluate import _rank, gather_seeds, load_eval  # noqa: E402
from bot.core.search.index import build_from_seeds  # noqa: E402
from bot.core.search.retrieval import Retriever, intent_of  # noqa: E402

GRID_PASSAGE = (0.2, 0.35, 0.5)
GRID_SENTENCE = (0.5, 0.65, 0.8)
GRID_LEXICAL = (0.05, 0.1, 0.2)
MAX_WRONGLY_REFUSED = 0.05  # the target: answerable questions refused on at most 5% of them


class Memo:
    """An encoder whose question vectors are computed once per text."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.cache: dict[str, np.ndarray] = {}

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Question vectors, each computed once."""
        missing = [t for t in texts if t not in self.cache]
        if missing:
            for text, vector in zip(missing, self.inner.encode_queries(missing), strict=True):
                self.cache[text] = vector
        return np.stack([self.cache[t] for t in texts])


def self_null(retriever: Retriever, n: int = 40) -> list[float]:
    """Best scores of the reading's own sentences against passages other than theirs (and neighbours)."""
    index = retriever.index
    rows = [r for r, p in enumerate(index.passages) if not p.is_meta and p.sentences]
    picked = rows[:: max(1, len(rows) // n)][:n]
    out = []
    for row in picked:
        p = index.passages[row]
        start = int(retriever._sentence_starts[row])
        text = p.sentence_texts()[0]
        blended, _ = retriever.scores(text, q_vec=index.sentence_vectors[start])
        for other, o in enumerate(index.passages):
            if o.document == p.document and abs(o.paragraph - p.paragraph) <= 1:
                blended[other] = -np.inf
        out.append(float(np.max(blended)))
    return out


def _records(retriever: Retriever, spec: dict) -> list[dict]:
    """(kind, rank, z, refused-anyway) for every question of a set, with no cut-off applied."""
    out = []
    for item in spec["questions"]:
        answer = retriever.ask(item["q"], k=3)
        z = retriever.relative(answer.hits[0].score) if answer.hits else -99.0
        out.append(
            {
                "best": answer.hits[0].score if answer.hits else None,
                "kind": "on",
                "rank": _rank(answer, item["answers"]),
                "z": z,
                "forced": answer.about is not None or intent_of(item["q"]) in ("views", "conclusion"),
                "blocked": not answer.answered,
            }
        )
    for q in spec["off_topic"]:
        answer = retriever.ask(q, k=3)
        z = retriever.relative(answer.hits[0].score) if answer.hits else -99.0
        out.append(
            {
                "best": answer.hits[0].score if answer.hits else None,
                "kind": "off",
                "rank": None,
                "z": z,
                "forced": False,
                "blocked": not answer.answered,
            }
        )
    return out


def _decide(records: list[dict], cutoff: float) -> tuple[int, int, int, int]:
    """(answerable refused, answerable, off-topic answered, off-topic) under `cutoff`."""
    refused = sum(
        1 for r in records if r["kind"] == "on" and (r["blocked"] or (r["z"] < cutoff and not r["forced"]))
    )
    answered = sum(1 for r in records if r["kind"] == "off" and not r["blocked"] and r["z"] >= cutoff)
    n_on = sum(r["kind"] == "on" for r in records)
    return refused, n_on, answered, len(records) - n_on


def main() -> int:
    """Fit and print (or write) each model's calibration."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", required=True)
    parser.add_argument(
        "--index", type=Path, required=True, help="work folder (exports, vector cache, indexes)"
    )
    parser.add_argument("--sets", nargs="*", type=Path, default=sorted((ROOT / "eval").glob("*.json")))
    parser.add_argument("--held-out", nargs="*", type=Path, default=[])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--records", type=Path, help="write every question's record here (JSON)")
    args = parser.parse_args()
    fitted = {}
    dump = {}
    for model in [m.strip() for m in args.models.split(",") if m.strip()]:
        encoder = Memo(load_encoder(model, args.index))
        base = calibration_for(model, getattr(encoder.inner, "fingerprint", None))
        built = {}
        for path in [*args.sets, *args.held_out]:
            spec = load_eval(path)
            seeds = gather_seeds(spec, args.index / "seeds" / path.stem)
            work = args.index / "indexes" / canonical_name(model) / path.stem
            built[path] = (
                spec,
                build_from_seeds(seeds, encoder.inner, work, progress=False, cache_dir=args.index).index,
            )
            print(f"{model}: {path.stem} indexed", file=sys.stderr, flush=True)
        best = None
        for wp, ws, wl in itertools.product(GRID_PASSAGE, GRID_SENTENCE, GRID_LEXICAL):
            cal = replace(base, w_passage=wp, w_sentence=ws, w_lexical=wl, z_answer=-1e9, z_named=-1e9)
            rr = []
            for path in args.sets:
                spec, index = built[path]
                retriever = Retriever(index, encoder, calibration=cal)
                for item in spec["questions"]:
                    rank = _rank(retriever.ask(item["q"], k=3), item["answers"])
                    rr.append(1 / rank if rank else 0.0)
            score = float(np.mean(rr))
            if best is None or score > best[0] + 1e-9:
                best = (score, wp, ws, wl)
        _, wp, ws, wl = best
        cal = replace(base, w_passage=wp, w_sentence=ws, w_lexical=wl, z_answer=-1e9)
        records = {
            path: _records(Retriever(built[path][1], encoder, calibration=cal), built[path][0])
            for path in built
        }
        pooled = [r for path in args.sets for r in records[path]]
        cutoffs = np.arange(0.0, 12.01, 0.25)
        refusals = []
        for c in cutoffs:
            refused, n_on, _, _ = _decide(pooled, float(c))
            refusals.append(refused / n_on)
        # the highest cut-off (most off-topic questions refused) that wrongly refuses at most 5%
        allowed = [c for c, rate in zip(cutoffs, refusals, strict=True) if rate <= MAX_WRONGLY_REFUSED]
        cutoff = float(max(allowed)) if allowed else 0.0
        fitted[canonical_name(model)] = {
            "w_passage": wp,
            "w_sentence": ws,
            "w_lexical": wl,
            "z_answer": cutoff,
        }
        print(f"\n{model}: weights passage {wp} sentence {ws} lexical {wl}, cut-off z {cutoff}")
        for path in built:
            recs = records[path]
            ranks = [r["rank"] for r in recs if r["kind"] == "on"]
            refused, n_on, answered, n_off = _decide(recs, cutoff)
            tag = " (held out)" if path in args.held_out else ""
            print(
                f"  {path.stem:<18}{tag:<11} top-1 {sum(k == 1 for k in ranks) / n_on:.3f}  "
                f"hit@3 {sum(k is not None and k <= 3 for k in ranks) / n_on:.3f}  "
                f"off-topic rejected {1 - answered / max(1, n_off):.3f}  wrongly refused {refused / n_on:.3f}"
            )
        dump[model] = {}
        for path, recs in records.items():
            retriever = Retriever(built[path][1], encoder, calibration=cal)
            dump[model][str(path)] = {
                "records": recs,
                "probe_mean": float(retriever._null.mean()),
                "probe_sd": float(retriever._null.std()),
                "self": self_null(retriever),
            }
    if args.records:
        args.records.write_text(json.dumps(dump, indent=1))
    if args.write:
        data = json.loads(FILE.read_text(encoding="utf-8"))
        for name, values in fitted.items():
            data.setdefault(name, {}).update(values)
        FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
