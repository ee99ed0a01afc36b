"""`agora bench`: Agora against the plain pipeline, measured in one run on this machine.

The baseline is what most bots do: sentence-transformers ``encode`` of each paragraph
and a FAISS ``IndexFlatIP``, default settings. Every measurement runs in a fresh worker
process (``python -m bot.ops.bench worker ...``), so memory figures and cold starts are clean.
Synthetic readings are made deterministically from real text: the sentences of the seed
article and of the evaluation readings, shuffled with a fixed seed into paragraphs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bot.ops.threads import THREAD_SETTINGS

REPO = Path(__file__).resolve().parents[2]
QUICK_SIZES = (300,)
FULL_SIZES = (1000, 10_000, 100_000)
BASELINE_BUILD_SAMPLE = 2000  # passages the baseline embeds to measure its throughput
QUICK_BASELINE_SAMPLE = 300
FILE_PARAGRAPHS = 5000  # paragraphs per synthetic file (seed files are capped at 20 MB)


# --------------------------------------------------------------------------- inputs


SENTENCE_SOURCES = (
    REPO / "seeds",
    REPO / "eval" / "readings" / "hardwrapped",
    REPO / "eval" / "readings" / "markdown",
)


def real_sentences() -> list[str]:
    """Sentences of the seed article and the two modern eval readings (the bench's source text).

    The older essays under eval/readings are left out: their long sentences would change
    the synthetic readings, and with them every figure in docs/PERFORMANCE.md.
    """
    from bot.core.reading.passages import load_reading

    sentences: list[str] = []
    for folder in SENTENCE_SOURCES:
        if folder.is_dir():
            for p in load_reading(folder).passages:
                if not p.is_meta:
                    sentences.extend(s.strip("• ") for s in p.sentence_texts() if len(s) > 30)
    return sorted(set(sentences))


def synthetic_reading(folder: Path, passages: int, seed: int = 7) -> Path:
    """Write a reading of `passages` paragraphs into `folder`, deterministically.

    Each paragraph has 2-4 sentences; each sentence joins the first half of one real
    sentence to the second half of another, so the text is real English but every sentence
    is new (no vector can be reused from another sentence).
    """
    pool = [s.split() for s in real_sentences()]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)

    def sentence() -> str:
        a, b = rng.sample(pool, 2)
        head, tail = a[: max(2, len(a) // 2)], b[len(b) // 2 :]
        return " ".join(head + tail).rstrip(".,;:") + "."

    paragraphs = [" ".join(sentence() for _ in range(rng.randint(2, 4))) for _ in range(passages)]
    for start in range(0, passages, FILE_PARAGRAPHS):
        part = paragraphs[start : start + FILE_PARAGRAPHS]
        name = folder / f"synthetic-{start // FILE_PARAGRAPHS + 1:03d}.txt"
        name.write_text(f"Synthetic reading, part {start // FILE_PARAGRAPHS + 1}\n" + "\n".join(part) + "\n")
    return folder


def questions() -> list[str]:
    """At least 200 varied questions: the evaluation sets (on and off topic) and the probes."""
    from bot.core.search.null import PROBES

    out: list[str] = []
    for path in sorted((REPO / "eval").glob("*.json")):
        spec = json.loads(path.read_text())
        if "questions" not in spec:  # not a retrieval set (eval/same-question.json: pairs)
            continue
        out += [q["q"] for q in spec["questions"]] + list(spec["off_topic"])
    out += list(PROBES)
    return out


# --------------------------------------------------------------------------- worker side


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss, not inherited over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _time_each(answer: Callable[[str], object], qs: Sequence[str]) -> list[float]:
    """Seconds taken by `answer` for each question, after answering ten to warm up."""
    for q in qs[:10]:
        answer(q)
    samples = []
    for q in qs:
        started = time.perf_counter()
        answer(q)
        samples.append(time.perf_counter() - started)
    return samples


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]  # noqa: E731
    return {
        "p50_ms": pick(0.5) * 1000,
        "p99_ms": pick(0.99) * 1000,
        "mean_ms": statistics.fmean(ordered) * 1000,
    }


def worker_agora_build(seeds: Path, index: Path, model: str, encoders: Path) -> dict[str, float]:
    """Build Agora's index from scratch (the ONNX encoder export already exists)."""
    from bot.core.search.embedder import load_encoder
    from bot.core.search.index import build_from_seeds

    if encoders.exists() and not (index / "encoders").exists():
        shutil.copytree(encoders, index / "encoders")
    started = time.perf_counter()
    encoder = load_encoder(model, index)
    loaded = time.perf_counter()
    report = build_from_seeds(seeds, encoder, index, progress=False)
    done = time.perf_counter()
    return {
        "passages": len(report.index.passages),
        "model_load_s": loaded - started,
        "build_s": done - loaded,
        "passages_per_s": len(report.index.passages) / (done - loaded),
        "peak_mb": _peak_mb(),
    }


def worker_agora_serve(seeds: Path, index: Path, model: str) -> dict[str, object]:
    """Load Agora's index and answer every benchmark question."""
    from bot.app.service import Agora
    from bot.settings import Settings

    started = time.perf_counter()
    agora = Agora(Settings(seeds_dir=seeds, index_dir=index, embedding_model=model))
    agora.prepare(progress=False)
    load_s = time.perf_counter() - started
    rss = _rss_mb()
    qs = questions()
    samples = _time_each(agora.ask, qs)
    return {
        "load_s": load_s,
        "rss_mb": rss,
        "questions": len(qs),
        **_percentiles(samples),
        **_recall_at_5(agora, qs),
        "peak_mb": _peak_mb(),
    }


def _recall_at_5(agora: object, qs: list[str]) -> dict[str, float]:
    """How many of the exact top-5 passages the search index (HNSW above a size) finds."""
    index = agora.snapshot.index  # type: ignore[attr-defined]
    vectors = agora.embedder.encode(qs)  # type: ignore[attr-defined]
    found = 0
    for v in vectors:
        exact = set(np.argsort(-(index.passage_vectors @ v))[:5].tolist())
        _, rows = index.search_passages(v, 5)
        found += len(exact & set(rows.tolist()))
    return {"recall_at_5": found / (5 * len(qs))}


def worker_agora_reload(seeds: Path, index: Path, model: str) -> dict[str, float]:
    """Edit one paragraph of the reading, then time a reload."""
    from bot.app.service import Agora
    from bot.settings import Settings

    agora = Agora(Settings(seeds_dir=seeds, index_dir=index, embedding_model=model))
    agora.prepare(progress=False)
    first = sorted(seeds.glob("*.txt"))[0]
    lines = first.read_text().splitlines()
    lines[1] = "An edited paragraph. " + lines[1]
    first.write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    report = agora.reload()
    return {"reload_s": time.perf_counter() - started, "embedded": report.embedded, "changed": report.changed}


def _baseline_model(model: str) -> object:
    from sentence_transformers import SentenceTransformer

    from bot.core.search.embedder import resolve_model

    return SentenceTransformer(resolve_model(model), device="cpu")


def _paragraphs(seeds: Path) -> list[str]:
    from bot.core.reading.passages import load_reading

    return [p.text for p in load_reading(seeds).passages]


def worker_baseline_build(seeds: Path, out: Path, model: str, sample: int) -> dict[str, float]:
    """The plain pipeline: encode each paragraph, add to IndexFlatIP (on up to `sample` of them)."""
    import faiss
    import numpy as np

    paragraphs = _paragraphs(seeds)
    started = time.perf_counter()
    encoder = _baseline_model(model)
    loaded = time.perf_counter()
    chosen = paragraphs[:sample]
    vectors = encoder.encode(chosen, normalize_embeddings=True)  # type: ignore[attr-defined]
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.asarray(vectors, dtype=np.float32))
    done = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    faiss.write_index(index, str(out / "baseline.faiss"))
    return {
        "passages": len(chosen),
        "model_load_s": loaded - started,
        "build_s": done - loaded,
        "passages_per_s": len(chosen) / (done - loaded),
        "peak_mb": _peak_mb(),
    }


def worker_baseline_serve(seeds: Path, index: Path, model: str) -> dict[str, object]:
    """Load the plain pipeline's index (full size, vectors from Agora's index) and answer."""
    import faiss
    import numpy as np

    started = time.perf_counter()
    encoder = _baseline_model(model)
    paragraphs = _paragraphs(seeds)
    flat = faiss.IndexFlatIP(0)
    from bot.core.search.index import load_index

    vectors = load_index(index).passage_vectors  # same model; its encode cost is measured in build
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(np.ascontiguousarray(vectors))
    del vectors
    load_s = time.perf_counter() - started
    rss = _rss_mb()
    qs = questions()

    def answer(q: str) -> str:
        v = encoder.encode([q], normalize_embeddings=True)  # type: ignore[attr-defined]
        _, rows = flat.search(np.asarray(v, dtype=np.float32), 3)
        return paragraphs[int(rows[0][0])]

    samples = _time_each(answer, qs)
    return {
        "load_s": load_s,
        "rss_mb": rss,
        "questions": len(qs),
        **_percentiles(samples),
        "peak_mb": _peak_mb(),
    }


BASELINE_COLD = """
import sys, faiss, numpy as np
from sentence_transformers import SentenceTransformer
from bot.core.search.embedder import resolve_model
from bot.core.reading.passages import load_reading
paragraphs = [p.text for p in load_reading(__import__("pathlib").Path(sys.argv[1])).passages]
index = faiss.read_index(sys.argv[2])
model = SentenceTransformer(resolve_model(sys.argv[3]), device="cpu")
vector = model.encode([sys.argv[4]], normalize_embeddings=True)
_, rows = index.search(np.asarray(vector, dtype=np.float32), 3)
print(paragraphs[int(rows[0][0])], flush=True)
"""


# --------------------------------------------------------------------------- driver side


def _run_worker(kind: str, *args: str) -> dict[str, object]:
    env = {**os.environ, "LOG_LEVEL": "WARNING", "TOKENIZERS_PARALLELISM": "false"}
    if kind.startswith("agora"):  # as `agora` itself runs (the baseline keeps the defaults)
        env = {**THREAD_SETTINGS, **env}
    result = subprocess.run(
        [sys.executable, "-m", "bot.ops.bench", "worker", kind, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench worker {kind} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _cold_start(cmd: list[str], env: dict[str, str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, check=False)
        if result.returncode != 0 or not result.stdout.strip():
            raise RuntimeError(f"cold start failed: {result.stderr[-2000:]}")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@dataclass
class SizeResult:
    """Figures for one reading size."""

    label: str
    passages: int
    agora: dict[str, object] = field(default_factory=dict)
    baseline: dict[str, object] = field(default_factory=dict)


def ratio(a: object, b: object) -> float | None:
    """A / b, or None if either is missing."""
    try:
        return float(a) / float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError, ZeroDivisionError):
        return None


def run(
    sizes: Sequence[int], model: str, workdir: Path, *, quick: bool = False, log: bool = True
) -> dict[str, object]:
    """Run the whole benchmark and return its figures."""

    def say(message: str) -> None:
        if log:
            print(message, file=sys.stderr, flush=True)

    workdir.mkdir(parents=True, exist_ok=True)
    encoders = workdir / "encoders-cache"
    # Export the ONNX encoder once, outside every measurement (an older export is completed).
    from bot.core.search.embedder import load_encoder

    scratch = workdir / "export"
    shutil.rmtree(scratch, ignore_errors=True)
    if encoders.exists():
        scratch.mkdir(parents=True)
        shutil.move(str(encoders), str(scratch / "encoders"))
    load_encoder(model, scratch)
    shutil.move(str(scratch / "encoders"), encoders)
    results: list[SizeResult] = []
    sample = QUICK_BASELINE_SAMPLE if quick else BASELINE_BUILD_SAMPLE
    cold_runs = 1 if quick else 3
    plan: list[tuple[str, Path]] = [("seed article", REPO / "seeds")]
    for n in sizes:
        plan.append((f"{n:,} passages", synthetic_reading(workdir / f"reading-{n}", n)))
    for label, seeds in plan:
        say(f"[bench] {label}: building")
        index = workdir / f"index-{re.sub(r'[^0-9a-z]+', '-', label)}"
        shutil.rmtree(index, ignore_errors=True)
        index.mkdir(parents=True)
        size = SizeResult(label, 0)
        size.agora["build"] = _run_worker("agora-build", str(seeds), str(index), model, str(encoders))
        size.passages = int(size.agora["build"]["passages"])  # type: ignore[index]
        base_dir = workdir / f"baseline-{index.name}"
        size.baseline["build"] = _run_worker("baseline-build", str(seeds), str(base_dir), model, str(sample))
        say(f"[bench] {label}: serving")
        size.agora["serve"] = _run_worker("agora-serve", str(seeds), str(index), model)
        size.baseline["serve"] = _run_worker("baseline-serve", str(seeds), str(index), model)
        if label == "seed article":
            env = {**os.environ, "LOG_LEVEL": "WARNING", "SEEDS_DIR": str(seeds), "INDEX_DIR": str(index)}
            question = "Why does Russia object to NATO expansion?"
            agora_cmd = [sys.executable, "-m", "bot", "ask", question]
            size.agora["cold_start_s"] = _cold_start(agora_cmd, env, cold_runs)
            size.baseline["cold_start_s"] = _cold_start(
                [
                    sys.executable,
                    "-c",
                    BASELINE_COLD,
                    str(seeds),
                    str(base_dir / "baseline.faiss"),
                    model,
                    question,
                ],
                env,
            )
        if 5000 <= size.passages <= 20_000:
            say(f"[bench] {label}: reload after editing one paragraph")
            edited = workdir / f"edited-{index.name}"
            shutil.rmtree(edited, ignore_errors=True)
            shutil.copytree(seeds, edited / "seeds")
            shutil.copytree(index, edited / "index")
            size.agora["reload"] = _run_worker(
                "agora-reload", str(edited / "seeds"), str(edited / "index"), model
            )
            rate = size.baseline["build"]["passages_per_s"]  # type: ignore[index]
            size.baseline["reload_estimated_s"] = size.passages / float(rate)
        results.append(size)
    return {
        "machine": machine(),
        "model": model,
        "baseline_sample": sample,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "sizes": [r.__dict__ for r in results],
    }


def machine() -> dict[str, object]:
    """What the benchmark ran on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _fmt(value: object, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{float(value):,.{digits}f}{unit}"  # type: ignore[arg-type]


def _x(a: object, b: object) -> str:
    r = ratio(a, b)
    return "—" if r is None else f"{r:.2f}×"


def report_markdown(data: dict[str, object]) -> str:
    """The results as the Markdown page docs/PERFORMANCE.md."""
    m = data["machine"]  # type: ignore[index]
    lines = [
        "# Performance",
        "",
        "Written by `agora bench` (do not edit by hand). Agora against the plain pipeline",
        "(sentence-transformers `encode` of each paragraph + FAISS `IndexFlatIP`), in one run.",
        "",
        f"- When: {data['when']}",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}",  # type: ignore[index]
        f"- Model: {data['model']}",
        "- Ratios are Agora / baseline (below 1 is better for time and memory, above 1 for throughput).",
        f"- Baseline build throughput is measured on up to {data.get('baseline_sample', 0):,} passages; "
        "its serving",
        "  index at each size holds the full set of vectors (same model), so search cost is real.",
        "",
        "| reading | metric | Agora | baseline | ratio |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for size in data["sizes"]:  # type: ignore[union-attr]
        a, b = size["agora"], size["baseline"]
        rows: list[tuple[str, object, object, str, int]] = []
        if "cold_start_s" in a:
            rows.append(("cold start to first answer", a["cold_start_s"], b["cold_start_s"], " s", 2))
        sa, sb, ba, bb = a["serve"], b["serve"], a["build"], b["build"]
        rows += [
            ("warm answer p50", sa["p50_ms"], sb["p50_ms"], " ms", 2),
            ("warm answer p99", sa["p99_ms"], sb["p99_ms"], " ms", 2),
            ("serving RSS after load", sa["rss_mb"], sb["rss_mb"], " MB", 0),
            ("build throughput", ba["passages_per_s"], bb["passages_per_s"], " passages/s", 1),
            ("build peak memory", ba["peak_mb"], bb["peak_mb"], " MB", 0),
        ]
        if "recall_at_5" in sa:
            rows.append(("search recall@5 against exact search", sa["recall_at_5"], None, "", 3))
        if "reload" in a:
            rows.append(("reload after one edit (baseline: full re-embed, estimated)",
                         a["reload"]["reload_s"], b.get("reload_estimated_s"), " s", 2))  # fmt: skip
        for metric, av, bv, unit, digits in rows:
            lines.append(
                f"| {size['label']} ({size['passages']:,}) | {metric} | {_fmt(av, unit, digits)} "
                f"| {_fmt(bv, unit, digits)} | {_x(av, bv)} |"
            )
    lines += ["", "Raw figures: `agora bench --json`."]
    return "\n".join(lines) + "\n"


def main_bench(
    json_out: bool, quick: bool, sizes: Sequence[int] | None, model: str, *, write: bool = False
) -> int:
    """Entry point of `agora bench`: docs/PERFORMANCE.md is written by a full run (or `write`)."""
    chosen = tuple(sizes) if sizes else (QUICK_SIZES if quick else FULL_SIZES)
    workdir = Path(tempfile.gettempdir()) / "agora-bench"
    data = run(chosen, model, workdir, quick=quick and not sizes)
    if write or not (quick or sizes):
        docs = REPO / "docs"
        docs.mkdir(exist_ok=True)
        (docs / "PERFORMANCE.md").write_text(report_markdown(data))
    if json_out:
        print(json.dumps(data, indent=2))
    else:
        print(report_markdown(data))
    return 0


def _worker(argv: Sequence[str]) -> None:
    kind, *args = argv
    paths = [Path(a) for a in args]
    if kind == "agora-build":
        out = worker_agora_build(paths[0], paths[1], args[2], paths[3])
    elif kind == "agora-serve":
        out = worker_agora_serve(paths[0], paths[1], args[2])
    elif kind == "agora-reload":
        out = worker_agora_reload(paths[0], paths[1], args[2])
    elif kind == "baseline-build":
        out = worker_baseline_build(paths[0], paths[1], args[2], int(args[3]))
    elif kind == "baseline-serve":
        out = worker_baseline_serve(paths[0], paths[1], args[2])
    else:
        raise SystemExit(f"unknown worker {kind}")
    print(json.dumps(out))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["worker"])
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    ns = parser.parse_args()
    _worker(ns.rest)
