"""Running the real `agora run` process against the Discord emulator, for the end-to-end tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from discord_emulator import DiscordEmulator

BOT_START_TIMEOUT = 90


def bot_env(tmp: Path, **extra: str) -> dict[str, str]:
    """A clean environment for `python -m bot` (no .env is read: the cwd is `tmp`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SEEDS_", "INDEX_", "DATA_"))}
    env.update({"PYTHONUNBUFFERED": "1", "LOG_LEVEL": "INFO", "DATA_DIR": str(tmp / "data")})
    env.update(extra)
    return env


@dataclass
class LiveBot:
    """A running bot process, the emulator it talks to, and its log."""

    discord: DiscordEmulator
    process: subprocess.Popen[bytes]
    log_path: Path

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def live_bot(emulator: DiscordEmulator, tmp: Path, env: dict[str, str]) -> Iterator[LiveBot]:
    """Start `agora run` in `tmp`, wait until it is connected and has synced its commands; stop it after.

    A clean stop is checked (exit status 0) and that the token never reached the log.
    """
    log_path = tmp / "bot.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], cwd=tmp, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
        bot = LiveBot(emulator, process, log_path)
        try:
            emulator.wait_ready(timeout=BOT_START_TIMEOUT)
            emulator.wait_for_request(method="PUT", path=r"/applications/\d+/commands", timeout=30)
            yield bot
        finally:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
    assert process.returncode == 0, bot.output()[-3000:]
    assert emulator.token not in bot.output()
