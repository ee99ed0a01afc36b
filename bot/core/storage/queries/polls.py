"""Poll stances: what each answer of a posted debate prompt's poll means for its claim.

The opinion map reads votes through this: a vote for "Agree with Mill" is a vote *for* the
quoted claim, "With the critics" under a two-sided prompt is a vote for the view the author
rebuts. One row per answer, in poll order, keyed by the prompt's stable id.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from bot.core.storage.base import Tx
from bot.core.storage.kept import Kept
from bot.core.storage.queries.base import Queries

STANCES = ("agree", "disagree", "unsure")  # a poll answer's stance on its prompt's claim


class PollQueries(Queries):
    """Each posted prompt's poll answers with their stance on its quoted claim."""

    KEPT = (
        Kept(
            "prompt_stances",
            "what each poll answer of a debate prompt means for its claim (nothing about members)",
            ("prompt_id", "position", "answer", "stance", "updated_at"),
            time="updated_at",
        ),
    )

    def save_prompt_stances(self, prompt_id: str, stances: Sequence[tuple[str, str]]) -> None:
        """Record a prompt's poll answers, in order, each with its stance on the quoted claim.

        Replaces what was recorded for the prompt before (a rebuilt deck may word the answers
        anew). Stances are ``agree``, ``disagree`` or ``unsure``; anything else raises ValueError.
        """
        bad = [s for _, s in stances if s not in STANCES]
        if bad:
            raise ValueError(f"Unknown stance {bad[0]!r} (expected one of {', '.join(STANCES)}).")
        now = time.time()

        def work(tx: Tx) -> None:
            tx.execute("DELETE FROM prompt_stances WHERE prompt_id = ?", (prompt_id,))
            for position, (answer, stance) in enumerate(stances):
                tx.execute(
                    "INSERT INTO prompt_stances (prompt_id, position, answer, stance, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (prompt_id, position, answer, stance, now),
                )

        self._db.run(work, retries=1)

    def prompt_stances(self, prompt_id: str) -> dict[str, str]:
        """A prompt's poll answers -> their stance on its claim (agree / disagree / unsure), in poll order."""
        rows = self._read(
            "SELECT answer, stance FROM prompt_stances WHERE prompt_id = ? ORDER BY position", (prompt_id,)
        )
        return {str(a): str(s) for a, s in rows}
