"""CLI output ends quietly on a closed pipe (`agora prompts | head -1`): no traceback, a sensible status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.ops.runtime import EXIT_CLOSED_PIPE


def environment(reading, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SEEDS_", "INDEX_", "DATA_"))}
    return env | {
        "SEEDS_DIR": str(reading.seeds_dir),
        "INDEX_DIR": str(reading.index_dir),
        "DATA_DIR": str(tmp_path),
    }


def assert_quiet(stderr: str) -> None:
    for noise in ("Traceback", "BrokenPipeError", "Exception ignored", "Errno 32"):
        assert noise not in stderr, stderr


def test_a_reader_that_stops_early_ends_the_command_quietly(reading, tmp_path):
    env = environment(reading, tmp_path)
    # `agora ask --json` flushes a line per question: the reader leaves after the first one
    questions = "\n".join(["Why does Russia object to NATO expansion?"] * 40) + "\n"
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    process.stdin.write(questions)
    process.stdin.close()
    first = process.stdout.readline()
    assert first.startswith("{")
    process.stdout.close()  # the reader goes away, like `head -1`
    status = process.wait(timeout=300)
    stderr = process.stderr.read()
    assert status == EXIT_CLOSED_PIPE, stderr
    assert_quiet(stderr)

    # the report's own case, through a shell pipeline
    shell = subprocess.run(  # noqa: PLW1510 - the statuses are asserted
        ["bash", "-c", f'set -o pipefail; "{sys.executable}" -m bot prompts | head -1'],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert shell.stdout.count("\n") == 1 and shell.stdout.startswith("1. [")
    assert shell.returncode in (0, EXIT_CLOSED_PIPE), shell.stderr  # 0 when it all fit in the pipe
    assert_quiet(shell.stderr)
