"""Logging, configured in one place."""

from __future__ import annotations

import logging
import sys

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(level: str | int = "INFO") -> None:
    """Send log records to stderr in one format; quiet the chattiest libraries."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
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
