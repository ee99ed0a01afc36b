"""Whether a model's int8 question graph keeps every evaluation figure of its float32 one.

    .venv/bin/python scripts/check_int8.py --model all-mpnet-base-v2 --index /tmp/int8 \
        [eval/*.json eval/heldout/*.json] [--json]

Each set's index is built once (passages are always float32); its questions are then answered
twice, with the int8 question graph and with the float32 one. The int8 graph holds when, on
every set, top-1, hit@3 and off-topic rejection do not fall and answerable questions wrongly
refused do not rise. The verdict goes by hand into `query_int8` of the model's entry in
bot/core/models/calibration.json (with what was measured); exit status 0 when it holds.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.search.embedder import load_encoder  # noqa: E402
from bot.core.search.evaluate import evaluate, gather_seeds, load_eval, losses  # noqa: E402
from bot.core.search.index import build_from_seeds  # noqa: E402
from bot.core.search.onnx_embedder import OnnxEmbedder  # noqa: E402
from bot.core.search.retrieval import Retriever  # noqa: E402


class FloatQuestions:
    """The same encoder with questions encoded by the float32 graph."""

    def __init__(self, inner: OnnxEmbedder) -> None:
        self.inner = inner
        self.name, self.dimension, self.max_tokens = inner.name, inner.dimension, inner.max_tokens
        self.fingerprint = inner.fingerprint

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def encode_queries(self, texts: list[str]) -> object:
        """Question vectors from the float32 graph."""
        return self.inner.encode(texts)


def main() -> int:
    """Compare the two question graphs on every set; 0 when the int8 one holds on all."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="evaluation sets (default: eval/*.json)")
    parser.add_argument("--model", required=True)
    parser.add_argument("--index", type=Path, required=True, help="folder for the export and vector cache")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the questions that differ")
    args = parser.parse_args()
    files = [Path(f) for f in args.files] or sorted((ROOT / "eval").glob("*.json"))
    encoder = load_encoder(args.model, args.index, int8=True)
    if not isinstance(encoder, OnnxEmbedder) or encoder.query_session is None:
        print(f"{args.model}: no int8 question graph could be made", file=sys.stderr)
        return 2
    exact_encoder = FloatQuestions(encoder)
    rows, failed = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            spec = load_eval(path)
            if "questions" not in spec:  # not a retrieval set (eval/same-question.json: pairs)
                continue
            seeds = gather_seeds(spec, Path(tmp) / f"{path.stem}-seeds")
            report = build_from_seeds(
                seeds, encoder, Path(tmp) / path.stem, progress=False, cache_dir=args.index
            )
            name = str(spec.get("name", path.stem))
            int8 = evaluate(name, spec, Retriever(report.index, encoder))
            exact = evaluate(name, spec, Retriever(report.index, exact_encoder))  # type: ignore[arg-type]
            lost = losses(int8, exact)
            failed += [f"{name}: {d}" for d in lost]
            rows.append({"set": name, "int8": int8.to_json(), "float32": exact.to_json(), "drops": lost})
            if not args.json:
                flag = "  <- " + "; ".join(lost) if lost else ""
                print(f"float32 {exact.line()}\nint8    {int8.line()}{flag}")
                if args.verbose:
                    for miss in sorted(set(int8.misses) - set(exact.misses)):
                        print(f"    int8 only: {miss}")
                    for miss in sorted(set(exact.misses) - set(int8.misses)):
                        print(f"    float32 only: {miss}")
    if args.json:
        print(json.dumps({"model": args.model, "holds": not failed, "sets": rows}, indent=2))
    else:
        print("int8 holds on every set" if not failed else "int8 does not hold:\n  " + "\n  ".join(failed))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
