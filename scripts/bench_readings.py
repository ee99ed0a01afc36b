"""Figures for uploaded readings (README "Readings from Discord").

Preview and build time of a 10,000-word upload, memory with ten readings loaded, and the
re-anchoring counts of an edited re-upload.

    .venv/bin/python scripts/bench_readings.py            # prints one JSON object
    EMBEDDING_MODEL=all-MiniLM-L6-v2 .venv/bin/python scripts/bench_readings.py   # the fast model
    .venv/bin/python scripts/bench_readings.py --upload-only   # only the 10,000-word upload

Wall-clock times depend on what else the machine runs; CPU seconds (every thread of this
process) much less so: both are printed, with the load average.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.app.library import Library  # noqa: E402
from bot.app.service import Agora  # noqa: E402
from bot.core.readings.draft import Upload  # noqa: E402
from bot.core.storage.store import Store  # noqa: E402
from bot.settings import DEFAULT_MODEL, Settings  # noqa: E402

READINGS = REPO / "eval" / "readings"
MODEL = os.environ.get("EMBEDDING_MODEL") or DEFAULT_MODEL


def rss_mb() -> float:
    """The resident memory of the process, in MB."""
    text = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) / 1024


def ten_thousand_words() -> str:
    """The first 10,000 words (whole paragraphs) of On Liberty, chapter II."""
    paras = (READINGS / "liberty" / "on-liberty-chapter-2.txt").read_text().split("\n")
    out, words = [], 0
    for p in paras:
        if words >= 10_000:
            break
        out.append(p)
        words += len(p.split())
    return "\n".join(out) + "\n"


def main() -> None:
    """Measure and print the figures as JSON."""
    tmp = Path(tempfile.mkdtemp(prefix="agora-bench-readings-"))
    settings = Settings(
        seeds_dir=REPO / "seeds", index_dir=tmp / "index", data_dir=tmp / "data", embedding_model=MODEL
    )
    store = Store(tmp / "state.sqlite3")
    agora = Agora(settings, store=store)
    agora.prepare(progress=False)
    lib = Library(agora, store)
    figures: dict[str, object] = {"model": MODEL}

    text = ten_thousand_words()
    agora.embedder.encode(["warm the model up"])  # loaded before, as in a running bot
    agora._encoder_for_build()  # (its ONNX export too)
    started, cpu = time.perf_counter(), time.process_time()
    proposal = lib.propose(0, "liberty", [Upload("on-liberty-chapter-2.txt", text.encode())])
    figures["words"] = len(text.split())
    figures["preview_seconds"] = round(time.perf_counter() - started, 2)
    figures["preview_cpu_seconds"] = round(time.process_time() - cpu, 2)  # this process (not the worker)
    figures["passages"] = len(proposal.draft.passages)
    started, cpu = time.perf_counter(), time.process_time()
    installed = lib.install(proposal, None)
    figures["build_seconds"] = round(installed.seconds, 1)
    figures["build_cpu_seconds"] = round(time.process_time() - cpu, 1)  # every thread of the process
    figures["load_average"] = round(os.getloadavg()[0], 1)
    figures["embedded_texts"] = installed.embedded
    if "--upload-only" in sys.argv:
        print(json.dumps(figures, indent=2))
        return

    # re-anchoring: Civil Disobedience (not tuned on), one paragraph edited, one rewritten,
    # one removed, one added, and a duplicated paragraph with one copy edited
    essay = READINGS / "civil-disobedience" / "civil-disobedience.txt"
    paras = essay.read_text().split("\n\n")
    paras.insert(30, paras[12])  # a second copy of paragraph 12
    lib.install(lib.propose(0, "civil", [Upload(essay.name, "\n\n".join(paras).encode())]), None)
    edited = list(paras)
    edited[20] = edited[20].replace(",", ";", 2)  # minor edit
    edited[30] = edited[30].replace(" the ", " that ", 1)  # the second copy of the duplicate, edited
    edited[25] = "This paragraph was rewritten from the first word to the last by the new editor."
    del edited[40]
    edited.insert(10, "A paragraph the corrected edition adds.")
    again = lib.propose(0, "civil", [Upload(essay.name, "\n\n".join(edited).encode())])
    figures["reanchoring"] = again.changes.counts()
    first_copy = [p for p in again.changes.fates.values() if p.kind != "same"]
    figures["reanchoring_not_same"] = [f.to_json() for f in first_copy]

    # memory with ten readings loaded (each asked one question, so everything it needs is in memory)
    sources = [
        READINGS / "liberty" / "on-liberty-chapter-2.txt",
        READINGS / "federalist" / "federalist-78-judiciary-department.txt",
        READINGS / "common-sense" / "common-sense-introduction-and-chapter-1.md",
        READINGS / "science-culture" / "science-and-culture.txt",
        READINGS / "markdown" / "phone-free-schools.md",
        READINGS / "hardwrapped" / "paint-is-not-protection.txt",
        essay,
    ]
    names = []
    for n in range(10):
        path = sources[n % len(sources)]
        body = path.read_text() if n < len(sources) else path.read_text() + f"\n\nEdition {n}.\n"
        name = f"r{n}"
        lib.install(lib.propose(0, name, [Upload(path.name, body.encode())]), None)
        names.append(name)
    store.close()
    figures |= memory(tmp, names)  # in a fresh process: this one's allocator still holds the builds
    print(json.dumps(figures, indent=2))


def memory(tmp: Path, names: list[str]) -> dict[str, object]:
    """Resident memory of a fresh process serving the seeds, then also the ten readings."""
    import subprocess

    done = subprocess.run(
        [sys.executable, __file__, "--memory", str(tmp), *names],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def serve_ten(tmp: Path, names: list[str]) -> None:
    """(In the fresh process.) Load the seeds' index and then the ten readings, asking each once."""
    settings = Settings(
        seeds_dir=REPO / "seeds", index_dir=tmp / "index", data_dir=tmp / "data", embedding_model=MODEL
    )
    store = Store(tmp / "state.sqlite3")
    agora = Agora(settings, store=store)
    agora.prepare(progress=False)
    lib = Library(agora, store)
    agora.ask("What is this about?")
    before = rss_mb()
    started = time.perf_counter()
    for name in names:
        lib.named(0, name).ask("What is the main argument?")
    print(
        json.dumps(
            {
                "rss_seeds_only_mb": round(before),
                "rss_ten_readings_mb": round(rss_mb()),
                "ten_readings_load_seconds": round(time.perf_counter() - started, 1),
                "ten_readings_passages": sum(len(lib.named(0, n).snapshot.index.passages) for n in names),
            }
        )
    )
    store.close()


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--memory":
        serve_ten(Path(sys.argv[2]), sys.argv[3:])
    else:
        main()
