"""Reading names: what a moderator types after ``/reading use`` (checked, one spelling)."""

from __future__ import annotations

import re

SEEDS = "seeds"  # the name of the seeds folder's reading, the default of a fresh install
MAX_NAME = 40
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


def clean_name(name: str) -> str:
    """A reading name in its one spelling (lower case); ValueError, explained, if unusable."""
    cleaned = "-".join(name.strip().lower().split())
    if not _NAME.fullmatch(cleaned):
        raise ValueError(
            f"A reading's name is 1-{MAX_NAME} letters, digits, '-' or '_' "
            f"(like `on-liberty`), not {name.strip()[:60]!r}."
        )
    return cleaned
