"""Logging, configured in one place.

Every record goes to the log file (`LOG_FILE`, by default `DATA_DIR/logs/agora.log`),
library warnings included (`warnings.warn` is captured). The terminal shows Agora's own
records (and Discord's) from a chosen level, and any other library's only from ERROR: a
person reads what Agora has to say, once, in its words; what torch, ONNX or onnxruntime
mutter is in the file. Every record, tracebacks included, passes through the process's
scrubber (:meth:`bot.settings.Settings.scrubber`) on its way out, so a token, an API key or a
database password that reached a message (a library's error quoting it) is shown as
``********``.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Callable
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
OURS = ("bot", "discord", "__main__")
QUIET = logging.CRITICAL + 1  # a terminal level that shows nothing
LOG_BYTES, LOG_BACKUPS = 5_000_000, 3


class _Terminal(logging.StreamHandler):  # type: ignore[type-arg]
    """The stderr handler: Agora's records from its level, other libraries' only from ERROR."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Whether a person at the terminal should see `record`."""
        if record.levelno < logging.ERROR and not record.name.startswith(OURS):
            return False
        return bool(super().filter(record))


class _Scrubbing(logging.Formatter):
    """A formatter whose output (message, arguments, traceback) has the secrets removed."""

    def __init__(self, fmt: str, scrub: Callable[[str], str]) -> None:
        super().__init__(fmt)
        self._scrub = scrub

    def format(self, record: logging.LogRecord) -> str:
        """The record as text, secrets replaced."""
        return self._scrub(super().format(record))


def setup_logging(
    level: str | int = "INFO",
    *,
    log_file: Path | None = None,
    terminal: str | int = "INFO",
    scrub: Callable[[str], str] | None = None,
) -> None:
    """Send records at `level` to `log_file` (if it can be opened) and from `terminal` to stderr.

    `scrub` removes secrets from every formatted record (see the module's docstring).
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    formatter = _Scrubbing(FORMAT, scrub) if scrub is not None else logging.Formatter(FORMAT)
    screen = _Terminal(sys.stderr)
    screen.setFormatter(formatter)
    screen.setLevel(terminal)
    root.addHandler(screen)
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            to_file = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
        except OSError as exc:
            screen.setLevel(min(screen.level, logging.WARNING))
            logging.getLogger(__name__).warning("No log file (%s): %s", log_file, exc.strerror or exc)
        else:
            to_file.setFormatter(formatter)
            to_file.setLevel(level)
            root.addHandler(to_file)
    root.setLevel(level)
    logging.captureWarnings(True)
    for noisy in (
        "discord.gateway",
        "discord.http",
        "sentence_transformers",
        "httpx",
        "transformers",
        "faiss.loader",
    ):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    # The store says in one line when PostgreSQL is away; the pool's own retries stay quiet.
    logging.getLogger("psycopg.pool").setLevel(max(logging.ERROR, root.level))


def set_terminal_level(level: str | int) -> None:
    """Show more or less at the terminal from now on (the console silences it while it runs)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _Terminal):
            handler.setLevel(level)
