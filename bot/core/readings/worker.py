"""Reading an uploaded file in a separate process, under limits.

The parent sends the file's name, kind and bytes on the worker's standard input; the
worker caps its own memory (address space) and CPU time before it imports a parser, reads
the file (:mod:`.extract`) and prints one JSON object. A file that makes the worker run out
of memory, run too long or crash is refused as a whole: nothing of it is kept.

Limits (per file): the upload cap of :mod:`.sniff` (10 MB), 1,000 PDF pages, 64 MB for one
decompressed PDF stream, 4,000,000 characters of text, :data:`WORKER_MEMORY` of address
space and :data:`WORKER_SECONDS` of time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.core.readings.extract import Extracted
from bot.core.readings.sniff import Refused, Sniffed

WORKER_MEMORY = 1024 * 1024 * 1024  # bytes of address space
WORKER_SECONDS = 60


@dataclass(frozen=True)
class Limits:
    """How much one file may cost to read."""

    memory: int = WORKER_MEMORY
    seconds: float = WORKER_SECONDS


def read_in_worker(name: str, sniffed: Sniffed, data: bytes, limits: Limits | None = None) -> Extracted:
    """The text of one sniffed file, read in a worker process; Refused if it cannot be."""
    limits = limits or Limits()
    header = json.dumps(
        {"name": name, "kind": sniffed.kind, "markdown": sniffed.markdown, "memory": limits.memory}
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD", "DATABASE", "LLM"))}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[3])  # this checkout's `bot` package
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot.core.readings.worker", str(int(limits.seconds))],
            input=header.encode() + b"\n" + data,
            capture_output=True,
            timeout=limits.seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise Refused(f"{name} took longer than {limits.seconds:g} s to read; Agora gave up on it.") from None
    answer = _answer(done.stdout)
    if answer is None:
        if done.returncode != 0 and (b"MemoryError" in done.stderr or done.returncode < 0):
            raise Refused(f"{name} needs more memory to read than Agora allows (a decompression bomb?).")
        raise Refused(f"{name} could not be read (the reader stopped with status {done.returncode}).")
    if "error" in answer:
        raise Refused(str(answer["error"]))
    return Extracted(
        text=str(answer["text"]),
        markdown=bool(answer["markdown"]),
        title=answer.get("title"),
        author=answer.get("author"),
        pages=int(answer.get("pages") or 0),
        warnings=[str(w) for w in answer.get("warnings") or []],
    )


def _answer(raw: bytes) -> dict | None:
    try:
        answer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return answer if isinstance(answer, dict) else None


def _main() -> int:
    """The worker: limits first, then read stdin, print one JSON object."""
    import resource

    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else WORKER_SECONDS
    raw = sys.stdin.buffer.read()
    header, _, data = raw.partition(b"\n")
    request = json.loads(header)
    memory = int(request.get("memory") or WORKER_MEMORY)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    from bot.core.readings.extract import extract

    try:
        out = extract(request["name"], request["kind"], bool(request["markdown"]), data).to_json()
    except Refused as exc:
        out = {"error": str(exc)}
    except MemoryError:
        out = {
            "error": f"{request['name']} needs more memory to read than Agora allows (a decompression bomb?)."
        }
    sys.stdout.write(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(_main())
