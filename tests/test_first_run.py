"""What a newcomer sees: one message per event, no library noise, no log lines on the prompt."""

from __future__ import annotations

import logging
import os
import pty
import select
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

from bot.app.service import EXPORT_NOTE
from bot.ops.log import setup_logging

REPO = Path(__file__).resolve().parent.parent


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SEEDS_", "INDEX_", "DATA_"))}
    env.pop("LOG_FILE", None)
    return env


def agora(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: PLW1510 - the exit status is asserted
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_first_run_says_each_thing_once_and_nothing_else(tmp_path):
    """From a fresh checkout: the model is exported (torch and ONNX warn), the index is built."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    first = agora(tmp_path, "ask", "Who wrote this?")
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines() == [
        "No index in index yet. Building the index from seeds…",
        EXPORT_NOTE,
        first.stderr.splitlines()[2],
    ]
    assert first.stderr.splitlines()[2].startswith("15 passages indexed in ")
    assert "DePetris" in first.stdout
    log = (tmp_path / "data" / "logs" / "agora.log").read_text()
    assert "TracerWarning" in log  # the library's warnings are kept, in the log file
    assert "consider to run pre-processing" not in log  # advice for the quantiser's developers

    (tmp_path / "seeds" / "extra.md").write_text("# More\n\nThe talks in Geneva went nowhere.\n")
    second = agora(tmp_path, "ask", "What happened in Geneva?")
    assert second.returncode == 0, second.stderr
    lines = second.stderr.splitlines()
    assert (
        lines[0]
        == "The reading in seeds has changed since the index was built. Building the index from seeds…"
    )
    assert len(lines) == 2 and lines[1].startswith("16 passages indexed in ")


def test_an_empty_seeds_folder_is_reported_before_the_model_loads(tmp_path):
    (tmp_path / "seeds").mkdir()
    done = agora(tmp_path, "index")
    assert done.returncode == 1
    assert done.stderr == (
        "agora: The seeds folder seeds has no text files. Add the reading there (.txt or .md files).\n"
    )
    assert not (tmp_path / "index" / "encoders").exists()  # the model was not even exported


def test_log_lines_stay_off_the_console(reading, tmp_path):
    """A console in a terminal: /reload and /prompt now log, but only to the log file."""
    copy = reading.copy_to(tmp_path)
    env = environment(tmp_path) | {"SEEDS_DIR": str(copy.seeds_dir), "INDEX_DIR": str(copy.index_dir)}
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(tmp_path)
        os.execve(sys.executable, [sys.executable, "-m", "bot", "console"], env)
    output = b""
    commands = ["/reload", "/prompt now", "/quit"]
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            if commands and output.count(b"you> ") > 3 - len(commands):
                time.sleep(0.3)  # let anything logged after the answer arrive
                os.write(fd, (commands.pop(0) + "\n").encode())
    finally:
        _, status = os.waitpid(pid, 0)
    text = output.decode("utf-8", "replace").replace("\r", "")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "Reloaded the reading:" in text and "Posted the next debate prompt" in text
    assert " INFO " not in text and "WARNING" not in text
    assert text.count("you> ") == 3
    log = (tmp_path / "data" / "logs" / "agora.log").read_text()
    assert "Reloaded: " in log and "Posted prompt " in log


def test_library_warnings_go_to_the_log_file_only(tmp_path, capsys, logging_restored):
    setup_logging("INFO", log_file=tmp_path / "agora.log", terminal="WARNING")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("a library's warning", UserWarning, stacklevel=1)
    logging.getLogger().warning("advice on the root logger")
    logging.getLogger("onnxruntime").warning("a library's logger")
    logging.getLogger("bot.core.search.index").info("an info line for the log")
    logging.getLogger("bot.core.search.index").warning("something a person should know")
    logging.getLogger("onnx.library").error("a library failing")
    err = capsys.readouterr().err
    assert "something a person should know" in err and "a library failing" in err
    assert "library's" not in err and "advice" not in err and "info line" not in err
    log = (tmp_path / "agora.log").read_text()
    for text in ("a library's warning", "advice on the root logger", "a library's logger", "an info line"):
        assert text in log
