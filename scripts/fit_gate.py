"""Fit a model's answerability gate (`bot.core.search.answerable`) across every labelled set at once.

    .venv/bin/python scripts/fit_gate.py [--model M] [--records F | --from-records F] [--write] [SETS ...]

Every labelled question of eval/ (answerable and off-topic) goes through `Retriever.ask` with the
gate open, so the checks after it (names the reading never mentions, figures it never gives, …)
still refuse what they refuse; the plain questions the gate decides (no intent, no follow-up,
words of their own, not refused by a check) give their signals. A logistic regression on them
(signals standardised, L2-regularised; a 0/1 signal true for fewer than ``RARE`` questions of
either kind is left out) is scored out of fold, the sets split into eight groups so no set is scored by a
fit that saw it; the threshold is the one that gains most in off-topic rejection less
answerable refusals (as shares, over every question) while refusing no more answerable questions
than the cut-off alone, which is reported beside it. With ``--write`` the fit on every set is
stored as the model's ``gate`` in bot/core/models/calibration.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

OPEN_BIAS = 50.0  # a gate with no signals and this bias passes every question
RARE = 20  # a 0/1 signal true in fewer questions than this of either kind is left out


def main() -> int:
    """Record, fit, report; 0 when done."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--model", default="all-mpnet-base-v2")
    parser.add_argument("--work", type=Path, default=Path("/tmp/agora-sweep"))
    parser.add_argument("--records", type=Path, help="write the recorded signals here (JSON)")
    parser.add_argument("--write", action="store_true", help="store the fitted gate in calibration.json")
    parser.add_argument("--from-records", type=Path, help="fit on signals recorded earlier (JSON)")
    parser.add_argument("--without", default="", help="signals left out, comma-separated (* ends a prefix)")
    parser.add_argument("--C", type=float, default=0.1, help="inverse regularisation strength")
    args = parser.parse_args()
    if args.from_records is not None:
        records = json.loads(args.from_records.read_text(encoding="utf-8"))
    else:
        records = record(args)
    if args.records is not None:
        args.records.write_text(json.dumps(records), encoding="utf-8")
    fitted = fit(records, [w for w in args.without.split(",") if w], args.C)
    if args.write:
        path = REPO / "bot" / "core" / "models" / "calibration.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        from bot.core.models.calibration import canonical_name

        entry = data[canonical_name(args.model)]
        entry["gate"] = fitted
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written to {path}")
    return 0


def record(args: argparse.Namespace) -> list[dict]:
    """Every labelled question through the retriever with the gate open."""
    from bot.core.models.calibration import Gate
    from bot.core.search.embedder import load_encoder
    from bot.core.search.evaluate import _rank, labelled_indexes
    from bot.core.search.retrieval import Retriever
    from bot.settings import Settings

    settings = Settings()
    work = args.work / args.model.replace("/", "_")
    work.mkdir(parents=True, exist_ok=True)
    encoder = load_encoder(args.model, settings.index_dir, models_dir=settings.models_dir)
    files = args.sets or sorted(REPO.glob("eval/*.json")) + sorted(REPO.glob("eval/heldout/*.json"))
    out: list[dict] = []
    for name, spec, index in labelled_indexes(files, encoder, work, settings.index_dir):
        retriever = Retriever(index, encoder)
        retriever.calibration = replace(retriever.calibration, gate=Gate((), (), OPEN_BIAS, 0.0))
        asked = [(item["q"], item["answers"]) for item in spec.get("questions", [])]
        asked += [(q, None) for q in spec.get("off_topic", [])]
        for question, answers in asked:
            answer = retriever.ask(question, k=3)
            out.append(
                {
                    "set": name,
                    "q": question,
                    "on": answers is not None,
                    "rank": _rank(answer, answers) if answers is not None else None,
                    "passed": answer.answered,  # by the checks after the gate
                    "signals": answer.signals,
                }
            )
        print(f"{name}: {len(asked)} questions", file=sys.stderr)
    return out


def fit(records: list[dict], without: list[str], c: float) -> dict[str, object]:
    """The gate fitted on `records` (leaving out the signals `without`), its out-of-fold figures printed."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler

    names = sorted(
        n
        for n in {n for r in records for n in r["signals"]}
        if not any(n == w or (w.endswith("*") and n.startswith(w[:-1])) for w in without)
    )
    on = np.array([r["on"] for r in records])
    passed = np.array([r["passed"] for r in records])
    gated = np.array([bool(r["signals"]) for r in records]) & passed
    x = np.array([[r["signals"].get(n, 0.0) for n in names] for r in records])
    groups = np.array([r["set"] for r in records])
    cut = passed & (~gated | (x[:, names.index("over_bar")] >= 0))  # the cut-off alone
    rows = np.flatnonzero(gated)
    # a yes/no signal seen in only a few questions of either kind ("why …?" is almost never asked
    # off-topic in the labelled sets) says more about those who wrote them than about readings
    flags = [
        i
        for i, n in enumerate(names)
        if set(np.unique(x[rows, i])) <= {0.0, 1.0}
        and min((x[rows, i] * on[rows]).sum(), (x[rows, i] * ~on[rows]).sum()) < RARE
    ]
    rare = [names[i] for i in flags]
    if flags:
        print("left out, too rare in one kind:", ", ".join(rare))
        names = [n for i, n in enumerate(names) if i not in flags]
        x = np.delete(x, flags, axis=1)
    oof = np.zeros(len(records))
    for train, test in GroupKFold(n_splits=8).split(rows, on[rows], groups[rows]):
        a, b = rows[train], rows[test]
        scaler = StandardScaler().fit(x[a])
        model = LogisticRegression(C=c, max_iter=5000).fit(scaler.transform(x[a]), on[a])
        oof[b] = model.predict_proba(scaler.transform(x[b]))[:, 1]

    def figures(answered: np.ndarray, among: np.ndarray | None = None) -> tuple[int, int, float]:
        counted = np.ones(len(on), bool) if among is None else among
        refused = int((counted & on & ~answered).sum())
        rejected = int((counted & ~on & ~answered).sum())
        return refused, rejected, rejected / max(1, (~on).sum()) - refused / max(1, on.sum())

    print(f"{on.sum()} answerable, {(~on).sum()} off-topic; the gate decides {len(rows)}")
    print(
        f"area under the curve (gated): gate {roc_auc_score(on[rows], oof[rows]):.3f}, "
        f"level over the cut-off {roc_auc_score(on[rows], x[rows, names.index('over_bar')]):.3f}"
    )
    before = figures(cut)
    print(f"cut-off alone: refused {before[0]}, rejected {before[1]}")
    # yes/no questions ("Will sanctions work?") get a threshold of their own: one threshold for
    # all let the gate refuse more answerable yes/no questions than the cut-off alone
    yes_no = np.array([r["signals"].get("yes_no", 0.0) >= 0.5 for r in records])
    chosen: dict[str, float] = {}
    for kind, mask in (("yes/no", yes_no), ("other", ~yes_no)):
        if not (gated & mask).any():
            continue
        kind_cut = figures(cut, mask)
        best = None  # (threshold, refused, rejected, gain) among the kind's questions
        for threshold in np.arange(0.30, 0.86, 0.025):
            refused, rejected, gain = figures(passed & (~gated | (oof >= threshold)), mask)
            print(f"  {kind} from {threshold:.3f}: refused {refused}, rejected {rejected}")
            if refused <= kind_cut[0] and (best is None or gain > best[3]):
                best = (float(threshold), refused, rejected, gain)
        assert best is not None
        print(f"  {kind}: the cut-off alone refused {kind_cut[0]}, rejected {kind_cut[1]}")
        chosen[kind] = round(best[0], 3)
    other = chosen.get("other", 0.5)
    answered = passed & (~gated | (oof >= np.where(yes_no, chosen.get("yes/no", other), other)))
    after = figures(answered)
    print(f"chosen {chosen}: refused {after[0]}, rejected {after[1]} (out of fold)")
    scaler = StandardScaler().fit(x[rows])
    model = LogisticRegression(C=c, max_iter=5000).fit(scaler.transform(x[rows]), on[rows])
    weights = model.coef_[0] / scaler.scale_
    bias = float(model.intercept_[0] - (model.coef_[0] * scaler.mean_ / scaler.scale_).sum())
    sets = len(set(groups.tolist()))
    return {
        "signals": names,
        "weights": [round(float(w), 6) for w in weights],
        "bias": round(bias, 6),
        "threshold": other,
        "threshold_yes_no": chosen.get("yes/no"),
        "measured": (
            f"scripts/fit_gate.py on {sets} sets ({int(on.sum())} answerable, {int((~on).sum())} off-topic), "
            f"out of fold (8 groups of sets): wrongly refused {before[0]} -> {after[0]}, off-topic rejected "
            f"{before[1]} -> {after[1]} against the cut-off alone, with a threshold of its own for yes/no "
            f"questions; left out: {', '.join(without) or 'none'} "
            f"(asked), {', '.join(rare) or 'none'} (too rare in one kind)"
        ),
    }


if __name__ == "__main__":
    raise SystemExit(main())
