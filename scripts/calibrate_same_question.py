"""Fit SAME_QUESTION per model: the cosine from which two questions count as one in /insights.

    .venv/bin/python scripts/calibrate_same_question.py --models all-MiniLM-L6-v2,all-mpnet-base-v2 \
        --index /tmp/calibrate [--write]

eval/insights/same-question.json holds pairs of member questions labelled `same` (one question in
two wordings) and `different` (related questions a moderator keeps apart). Each model encodes
them the way /insights does (its question encoder); the threshold chosen is the lowest that
merges no more than MAX_FALSE_MERGE of the `different` pairs (a wrong merge hides a question
from moderators, a missed one only shows it twice), on a 0.01 grid. --write stores it in
calibration.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.models.calibration import FILE, canonical_name  # noqa: E402
from bot.core.search.embedder import load_encoder  # noqa: E402

PAIRS = ROOT / "eval" / "insights" / "same-question.json"
MAX_FALSE_MERGE = 0.10
GRID = np.arange(0.50, 0.981, 0.01)


def cosines(encoder: object, pairs: list[list[str]]) -> np.ndarray:
    """The cosine of each pair's two questions (the encoder gives unit vectors)."""
    a = encoder.encode_queries([p[0] for p in pairs])  # type: ignore[attr-defined]
    b = encoder.encode_queries([p[1] for p in pairs])  # type: ignore[attr-defined]
    return np.sum(np.asarray(a) * np.asarray(b), axis=1)


def fit(same: np.ndarray, different: np.ndarray) -> tuple[float, float, float]:
    """The threshold, and the share of `same` merged and of `different` merged at it."""
    for t in GRID:
        wrong = float(np.mean(different >= t))
        if wrong <= MAX_FALSE_MERGE:
            return round(float(t), 2), float(np.mean(same >= t)), wrong
    return float(GRID[-1]), float(np.mean(same >= GRID[-1])), float(np.mean(different >= GRID[-1]))


def main() -> int:
    """Fit and report each model; --write stores the thresholds."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", default="all-MiniLM-L6-v2,all-mpnet-base-v2")
    parser.add_argument("--index", default="/tmp/calibrate", type=Path)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    data = json.loads(PAIRS.read_text())
    table = json.loads(FILE.read_text())
    for model in args.models.split(","):
        encoder = load_encoder(model, args.index)
        same, different = cosines(encoder, data["same"]), cosines(encoder, data["different"])
        t, merged, wrong = fit(same, different)
        now = table.get(canonical_name(model), {}).get("same_question")
        if now is not None:
            now_merged, now_wrong = float(np.mean(same >= now)), float(np.mean(different >= now))
            was = f"now {now}: same merged {now_merged:.2f}, different merged {now_wrong:.2f}"
        else:
            was = "not set"
        print(
            f"{model}: same pairs cos median {np.median(same):.2f} (min {same.min():.2f}), different median "
            f"{np.median(different):.2f} (max {different.max():.2f}) | fitted {t}: same merged {merged:.2f}, "
            f"different merged {wrong:.2f} | {was}"
        )
        if args.write and canonical_name(model) in table:
            table[canonical_name(model)]["same_question"] = t
    if args.write:
        FILE.write_text(json.dumps(table, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
