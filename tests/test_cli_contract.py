"""The command line's contracts: exit status like grep's, documented in every --help; bench's page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import bot.ops.bench as bench
from bot.ops.cli import build_parser

REPO = Path(__file__).resolve().parent.parent


def agora(reading, tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SEEDS_", "INDEX_", "DATA_"))}
    env |= {
        "SEEDS_DIR": str(reading.seeds_dir),
        "INDEX_DIR": str(reading.index_dir),
        "DATA_DIR": str(tmp_path),
    }
    return subprocess.run(  # noqa: PLW1510 - the exit status is asserted
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_nothing_found_is_exit_status_1_and_usage_errors_2(reading, tmp_path):
    assert agora(reading, tmp_path, "ask", "how do I reverse a list in python").returncode == 1
    found = agora(reading, tmp_path, "ask", "Who wrote this?")
    assert found.returncode == 0 and "DePetris" in found.stdout
    nothing = agora(reading, tmp_path, "debate", "--json", "sourdough baking techniques")
    assert nothing.returncode == 1 and json.loads(nothing.stdout)["found"] is False
    assert agora(reading, tmp_path, "debate", "sanctions").returncode == 0
    assert agora(reading, tmp_path, "ask", "--json", stdin="\n  \n").returncode == 2  # no question at all
    unanswered = agora(reading, tmp_path, "ask", "--json", stdin="\nxylophone tuning\n")
    assert unanswered.returncode == 1 and len(unanswered.stdout.splitlines()) == 2
    assert agora(reading, tmp_path, "ask", "--k", "0", "why").returncode == 2
    assert agora(reading, tmp_path, "debate", " ").returncode == 2


@pytest.mark.parametrize(
    "command", ["index", "ask", "eval", "prompts", "debate", "console", "run", "bench", "standings", "check"]
)
def test_every_help_documents_the_exit_status(command, capsys):
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "exit status:" in text and "  0  done" in text and "  2  usage error" in text


def test_a_quick_bench_keeps_the_committed_performance_page(tmp_path, monkeypatch):
    figures = {
        "machine": {"cpu": "Test CPU", "cores": 2, "memory_gib": 24, "python": "3.11"},
        "model": "m",
        "when": "now",
        "sizes": [],
    }
    monkeypatch.setattr(bench, "run", lambda *args, **kwargs: figures)  # the measuring itself: bench tests
    monkeypatch.setattr(bench, "REPO", tmp_path)
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "PERFORMANCE.md"
    page.write_text("committed figures\n")
    assert bench.main_bench(False, True, None, "m") == 0
    assert bench.main_bench(False, False, [300], "m") == 0
    assert page.read_text() == "committed figures\n"
    assert bench.main_bench(False, True, None, "m", write=True) == 0
    assert "Test CPU" in page.read_text()
    page.write_text("committed figures\n")
    assert bench.main_bench(False, False, None, "m") == 0  # a full run writes it
    assert "Test CPU" in page.read_text()


def test_a_stop_during_start_up_ends_the_process_cleanly(tmp_path: Path) -> None:
    """SIGTERM (systemd, docker stop) while a command is still loading: exit 0, not killed by it."""
    script = (
        "import os, signal, sys, time\n"
        "from bot.ops import cli\n"
        "def loading(args, settings):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    time.sleep(30)\n"
        "cli.COMMANDS['console'] = loading\n"
        "sys.exit(cli.main(['console']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DATA_DIR": str(tmp_path / "data"), "DISCORD_TOKEN": ""},
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
