"""Text from terminals and pipes: invalid bytes, lone surrogates, a strict locale, a broken token."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.search.answer import clean_question
from bot.settings import Settings, SettingsError

OURS = ("DISCORD_", "SEEDS_", "INDEX_", "DATA_")


def agora_cli(reading, tmp_path: Path, *args: str, stdin: bytes = b"", **env: str):
    """`python -m bot ARGS` on the shared reading, bytes in and out, under a strict UTF-8 locale."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    clean.pop("PYTHONIOENCODING", None)
    clean.pop("PYTHONUTF8", None)
    clean.update(
        LC_ALL="C.UTF-8",
        LOG_LEVEL="WARNING",
        SEEDS_DIR=str(reading.seeds_dir),
        INDEX_DIR=str(reading.index_dir),
        DATA_DIR=str(tmp_path / "data"),
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        cwd=tmp_path,
        env=clean,
        timeout=180,
        check=False,
    )


def test_invalid_bytes_on_stdin_never_end_a_batch(reading, tmp_path):
    good = b"Why does Russia object to NATO expansion?\n"
    bad = [b"why \xff\n", b"\xed\xa0\x80 a lone surrogate, encoded\n", b"nul \x00 byte?\n"]
    lines = [good] * 10 + bad + [good] * 10
    result = agora_cli(reading, tmp_path, "ask", stdin=b"".join(lines))
    out = result.stdout.decode("utf-8")
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")[-2000:]
    assert out.count("Q: ") == 23  # every line answered, the bad ones included
    assert out.count("¶5 · ") >= 20
    assert "Q: why \ufffd" in out


def test_invalid_bytes_as_an_argument_are_answered_or_refused_cleanly(reading, tmp_path):
    debate = agora_cli(reading, tmp_path, "debate", os.fsdecode(b"\xff"))
    assert b"Traceback" not in debate.stderr and debate.returncode in (0, 1)
    ask = agora_cli(reading, tmp_path, "ask", os.fsdecode(b"why \xff NATO"))
    assert b"Traceback" not in ask.stderr and ask.returncode == 0
    assert "Q:" not in ask.stdout.decode() and "¶" in ask.stdout.decode()


def test_a_token_with_a_line_break_is_refused_without_being_shown(reading, tmp_path):
    secret = "MTIzNDU2Nzg5.abcdef\nghijkl"
    result = agora_cli(reading, tmp_path, "run", DISCORD_TOKEN=secret)
    err = result.stderr.decode()
    assert result.returncode == 2 and "DISCORD_TOKEN has a line break" in err
    assert "MTIzNDU2Nzg5" not in err and "ghijkl" not in err and "Traceback" not in err
    with pytest.raises(SettingsError):
        Settings.load({"DISCORD_TOKEN": "abc def"}, env_file=None)
    assert Settings.load({"DISCORD_TOKEN": "abc.DEF-123_x"}, env_file=None).discord_token


def test_questions_are_cleaned_wherever_they_come_from():
    text, _ = clean_question("why\udcff \u202eesrever\u202c NATO?\x07")
    assert text == "why\ufffd esrever NATO?"
    text.encode("utf-8")
