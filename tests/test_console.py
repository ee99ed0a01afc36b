"""`agora console`: a channel in the terminal, driven through stdin."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys

import pytest

from bot.console import HELP, run_session
from bot.core.store import Store
from bot.handlers import Services


def test_console_session_through_stdin(reading, tmp_path):
    copy = reading.copy_to(tmp_path)
    long_question = ("Why does Russia object to NATO expansion? " * 250)[:10_000]
    lines = [
        "Why does Russia object to NATO expansion?",
        "",
        "/source 5",
        "/status",
        "/reload",
        long_question,
        "How do I bake sourdough bread?",
        "/quit",
        "this line is never read",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SEEDS_", "INDEX_", "DATA_"))}
    env.update(SEEDS_DIR=str(copy.seeds_dir), INDEX_DIR=str(copy.index_dir), DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run(  # noqa: PLW1510 - the exit status is asserted
        [sys.executable, "-m", "bot", "console"],
        input="\n".join(lines) + "\n",
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "you>" not in out and "Agora console" not in out  # no prompt noise on a pipe
    blocks = [b for b in out.strip().split("\n\n") if b.strip()]
    assert blocks[0].startswith("> ") and "**Putin sees NATO expansion" in blocks[0]
    assert "Can the Ukraine Standoff be Solved Diplomatically?, ¶5 · " in out
    assert "**Can the Ukraine Standoff be Solved Diplomatically?, ¶5**" in out  # /source 5
    assert "Before, ¶4:" in out and "After, ¶6:" in out
    assert "Agora status" in out and "Passages:" in out and "Answers served: " in out
    assert "Reloaded the reading:" in out
    assert "characters; only the first 1,000 were used._" in out
    assert "The reading doesn't cover that." in out
    assert "never read" not in out
    assert "Traceback" not in result.stderr


def converse(agora, tmp_path, *lines: str) -> str:
    store = Store(tmp_path / "agora.sqlite3")
    out = io.StringIO()
    try:
        status = asyncio.run(
            run_session(Services(agora, store), io.StringIO("\n".join(lines) + "\n"), out, interactive=False)
        )
    finally:
        store.close()
    assert status == 0
    return out.getvalue()


def test_console_commands_and_settings(agora, tmp_path):
    out = converse(
        agora,
        tmp_path,
        "/help",
        "/about",
        "/config cooldown 30",
        "/config moderator-role 1234",
        "/config show",
        "/config cooldown soon",
        "/source",
        "/source 999",
        "/ask",
        "/frobnicate",
    )
    assert HELP in out
    assert "About Agora" in out and "Type a question" in out
    assert "Members can now ask once every 30s." in out
    assert "Moderator role: <@&1234>\nAsk cooldown: 30s per member" in out
    assert "Usage: /config cooldown SECONDS" in out
    assert "Usage: /source N [DOCUMENT]" in out
    assert "There is no ¶999" in out
    assert "Usage: /ask QUESTION" in out
    assert "Unknown command /frobnicate. Type /help for the list." in out


def test_console_debate(agora, tmp_path):
    if not hasattr(agora, "debate"):
        pytest.skip("Agora.debate(topic, channel_key) is not there yet (the prompt engine lands separately)")
    out = converse(agora, tmp_path, "/debate", "/debate sanctions")
    assert out.count("**Debate:**") == 2
