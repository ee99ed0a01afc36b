"""Fit a model's calibration (bot/core/models/calibration.json) on the labelled sets in eval/.

    .venv/bin/python scripts/calibrate.py --models all-MiniLM-L6-v2,all-mpnet-base-v2 \
        --index /tmp/calibrate [--held-out more/*.json] [--keep-weights] [--write]

For each model, every set's index is built once (the vector cache under --index is shared),
each question is encoded once, and then:
1. the blend weights are chosen on a grid by the pooled MRR of all the fitting sets at once
   (never per text);
2. with those weights, each question's best score relative to its reading (the z the
   retriever compares with its cut-off) is recorded, with each reading's own null (its
   sentences scored against the rest of it, `bot.core.search.null`); the cut-off rule
   (the model's floor `z_answer`, and how far the reading's null raises it: `near_weight`,
   `near_quantile`, `near_margin`) is chosen on a grid: the most off-topic questions
   refused on average and on the worst set, with the pooled answerable questions wrongly
   refused at most 5% (and each set's above 5% penalised).
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

from bot.core.models.calibration import FILE, Calibration, calibration_for, canonical_name  # noqa: E402
from bot.core.search.embedder import load_encoder  # noqa: E402
from bot.core.search.evaluate import _rank, gather_seeds, load_eval  # noqa: E402
from bot.core.search.index import build_from_seeds  # noqa: E402
from bot.core.search.intents import intent_of  # noqa: E402
from bot.core.search.null import ReadingNull  # noqa: E402
from bot.core.search.retrieval import Retriever  # noqa: E402

GRID_PASSAGE = (0.2, 0.35, 0.5)
GRID_SENTENCE = (0.5, 0.65, 0.8)
GRID_LEXICAL = (0.05, 0.1, 0.2)
MAX_WRONGLY_REFUSED = 0.05  # the target: answerable questions refused on at most 5% of them
PENALTY = 4.0  # the objective's cost of each set's wrongly refused above MAX_WRONGLY_REFUSED
GRID_FLOOR = np.arange(0.0, 10.01, 0.25)
GRID_NEAR = (
    (0.0, 0.5, 0.0),
    *itertools.product(
        (0.25, 0.5, 0.75, 1.0), (0.25, 0.5, 0.75, 0.9), (-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0)
    ),
)


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


def fit_cutoff(sets: list[tuple[list[dict], ReadingNull]], base: Calibration) -> Calibration:
    """The cut-off rule that refuses the most off-topic questions, on average and on the worst set."""
    best = None
    n_on = sum(_decide(records, 0.0)[1] for records, _ in sets)
    for floor, (weight, quantile, margin) in itertools.product(GRID_FLOOR, GRID_NEAR):
        cal = replace(
            base, z_answer=float(floor), near_weight=weight, near_quantile=quantile, near_margin=margin
        )
        outcome = [_decide(records, null.cutoff(cal)) for records, null in sets]
        if sum(o[0] for o in outcome) / n_on > MAX_WRONGLY_REFUSED:
            continue
        rejected = [1 - o[2] / o[3] for o in outcome if o[3]]
        over = sum(max(0.0, o[0] / o[1] - MAX_WRONGLY_REFUSED) for o in outcome if o[1])
        score = np.mean(rejected) + min(rejected) - PENALTY * over
        if best is None or score > best[0] + 1e-9:
            best = (score, cal)
    return best[1] if best is not None else base


def retrieval_sets(folder: Path) -> list[Path]:
    """The labelled question sets in `folder` (files that name a reading; not other labelled data)."""
    return [path for path in sorted(folder.glob("*.json")) if "seeds" in load_eval(path)]


def main() -> int:
    """Fit and print (or write) each model's calibration."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", required=True)
    parser.add_argument(
        "--index", type=Path, required=True, help="work folder (exports, vector cache, indexes)"
    )
    parser.add_argument("--sets", nargs="*", type=Path, default=retrieval_sets(ROOT / "eval"))
    parser.add_argument("--held-out", nargs="*", type=Path, default=[])
    parser.add_argument("--write", action="store_true")
    parser.add_argument(
        "--keep-weights", action="store_true", help="fit the cut-off only, with the blend weights in use"
    )
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
        best = (0.0, base.w_passage, base.w_sentence, base.w_lexical) if args.keep_weights else None
        grid = () if args.keep_weights else itertools.product(GRID_PASSAGE, GRID_SENTENCE, GRID_LEXICAL)
        for wp, ws, wl in grid:
            cal = replace(
                base, w_passage=wp, w_sentence=ws, w_lexical=wl, z_answer=-1e9, z_named=-1e9, near_weight=0.0
            )
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
        cal = replace(base, w_passage=wp, w_sentence=ws, w_lexical=wl, z_answer=-1e9, near_weight=0.0)
        records = {
            path: _records(Retriever(built[path][1], encoder, calibration=cal), built[path][0])
            for path in built
        }
        nulls = {path: Retriever(built[path][1], encoder, calibration=cal)._null for path in built}
        fit = fit_cutoff([(records[path], nulls[path]) for path in args.sets], cal)
        fitted[canonical_name(model)] = {
            "w_passage": wp,
            "w_sentence": ws,
            "w_lexical": wl,
            "z_answer": fit.z_answer,
            "near_weight": fit.near_weight,
            "near_quantile": fit.near_quantile,
            "near_margin": fit.near_margin,
        }
        print(
            f"\n{model}: weights passage {wp} sentence {ws} lexical {wl}, cut-off z {fit.z_answer}, "
            f"near {fit.near_weight} of the way to its {fit.near_quantile} quantile {fit.near_margin:+}"
        )
        for path in built:
            recs = records[path]
            ranks = [r["rank"] for r in recs if r["kind"] == "on"]
            refused, n_on, answered, n_off = _decide(recs, nulls[path].cutoff(fit))
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
                "null": retriever._null.to_json(),
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
