"""Answers given, members' votes on them, counters, and what /insights reads."""

from __future__ import annotations

import time

from bot.core.storage.kept import DELETE, QUESTIONS, Kept
from bot.core.storage.queries.base import Queries
from bot.core.storage.records import (
    AnswerRecord,
)


class AnswerQueries(Queries):
    """Answers given, members' votes on them, counters, and what /insights reads."""

    KEPT = (
        Kept(
            "answers",
            "the questions you asked (/ask, mentions) and the passage each answer gave",
            ("id", "guild_id", "channel_id", "user_id", "question", "passage_id", "at"),
            guild="guild_id",
            members=(("user_id", DELETE),),
            time="at",
            retention=QUESTIONS,
        ),
        Kept(
            "feedback",
            "your helpful / not helpful votes on answers, with the question they answered",
            ("id", "guild_id", "channel_id", "user_id", "question", "passage_id", "helpful", "at"),
            guild="guild_id",
            members=(("user_id", DELETE),),
            time="at",
            retention=QUESTIONS,
        ),
        Kept("counters", "how many answers were served (one number for the whole bot)", ("name", "value")),
    )

    def record_feedback(
        self,
        *,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int,
        question: str,
        passage_id: str | None,
        helpful: bool,
    ) -> None:
        """Record (or change) a member's helpful / not helpful vote on an answer."""
        self._write(
            "INSERT INTO feedback (guild_id, channel_id, user_id, question, passage_id, helpful, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, question, passage_id) "
            "DO UPDATE SET helpful = excluded.helpful, at = excluded.at",
            (guild_id, channel_id, user_id, question, passage_id, int(helpful), time.time()),
            retries=1,
        )

    def feedback_summary(self, guild_id: int | None = None) -> dict[str, int]:
        """Counts of helpful / not helpful votes (for one server, or all)."""
        query = "SELECT helpful, COUNT(*) FROM feedback"
        args: tuple[object, ...] = ()
        if guild_id is not None:
            query += " WHERE guild_id = ?"
            args = (guild_id,)
        rows = {int(h): int(n) for h, n in self._read(query + " GROUP BY helpful", args)}
        return {"helpful": rows.get(1, 0), "not_helpful": rows.get(0, 0)}

    def record_answer(
        self,
        *,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int,
        question: str,
        passage_id: str | None,
    ) -> int:
        """Keep an answer so votes on it can be recorded later; returns its id."""
        return self._db.run(
            lambda tx: int(
                tx.execute(
                    "INSERT INTO answers (guild_id, channel_id, user_id, question, passage_id, at) "
                    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    (guild_id, channel_id, user_id, question, passage_id, time.time()),
                ).fetchone()[0]
            )
        )

    def answer_record(self, answer_id: int) -> AnswerRecord | None:
        """An answer kept by :meth:`record_answer` (None if unknown)."""
        row = self._one(
            "SELECT id, guild_id, channel_id, user_id, question, passage_id FROM answers WHERE id = ?",
            (answer_id,),
        )
        return AnswerRecord(*row) if row else None

    def increment(self, name: str, by: int = 1) -> int:
        """Add to a named counter (answers served, ...) and return its new value."""
        return self._db.run(
            lambda tx: int(
                tx.execute(
                    "INSERT INTO counters (name, value) VALUES (?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value "
                    "RETURNING value",
                    (name, by),
                ).fetchone()[0]
            )
        )

    def counter(self, name: str) -> int:
        """A named counter's value (0 if never incremented)."""
        row = self._one("SELECT value FROM counters WHERE name = ?", (name,))
        return int(row[0]) if row else 0

    def uncovered_questions(
        self, guild_id: int | None, since: float, limit: int = 500
    ) -> list[tuple[str, float]]:
        """Questions the reading did not cover (answers kept without a passage), newest first."""
        query = "SELECT question, at FROM answers WHERE passage_id IS NULL AND at >= ?"
        args: tuple[object, ...] = (since,)
        if guild_id is not None:
            query += " AND guild_id = ?"
            args += (guild_id,)
        rows = self._read(query + " ORDER BY id DESC LIMIT ?", (*args, limit))
        return [(str(q), float(at)) for q, at in rows]

    def unhelpful_answers(
        self, guild_id: int | None, since: float, limit: int = 50
    ) -> list[tuple[str, str | None, int, float]]:
        """(question, passage id, votes, first vote's time) of answers voted not helpful, most votes first."""
        query = "SELECT question, passage_id, COUNT(*), MIN(at) FROM feedback WHERE helpful = 0 AND at >= ?"
        args: tuple[object, ...] = (since,)
        if guild_id is not None:
            query += " AND guild_id = ?"
            args += (guild_id,)
        query += " GROUP BY question, passage_id ORDER BY COUNT(*) DESC, MAX(at) DESC LIMIT ?"
        return [(str(q), p, int(n), float(t)) for q, p, n, t in self._read(query, (*args, limit))]
