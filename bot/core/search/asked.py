"""What flows between the stages of :meth:`bot.core.search.retrieval.Retriever.ask`.

`Retriever.ask` answers in stages, each a method of the retriever, and these records carry
what one stage found to the next:

1. understand the question → :class:`Asked` (what it asks, of which document or speaker, as a
   follow-up or not, and the words to search for);
2. score the passages for it (the blend, answers ahead of what they answer, the intent's boost,
   the named document's margin);
3. lift what it asks for → :class:`Lifted` (a passage about the person asked of, a speaker's
   turns, a concession, a stance, a follow-up's neighbour);
4. choose the best rows (the near-best in order of how well their headings match the question
   too) and how far the best stands above the reading's null;
5. decide whether the reading answers it → :class:`Verdict` (the cut-off, and the refusals:
   unknown names and subjects, an unmade comparison, a call the reading never proposes);
6. build the hits (the sentences that answer marked);
7. settle them: a byline first gives way, "what came after?" is refused, and questions about
   the document itself are answered from its own lines;
8. check that the best gives what the question needs (a figure, a name), else refuse;
9. put the :class:`~bot.core.search.answer.Answer` together (its confidence and notes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from bot.core.search.followup import Exchange
from bot.core.search.sides import Side


@dataclass
class Asked:
    """A question as understood, before any passage is scored (stage 1).

    `text` is the cleaned question and `notes` what the answer will say about it (later stages
    add theirs). `intent` is what it asks of the document itself ("author", "date", …, or None);
    `query` the words searched for. `follows` is the last exchange when the question leans on it,
    `kind` the follow-up's kind. `named` are the documents it names, `speakers` a transcript's
    speakers it names; `stance` marks "What does Rahman propose?" (read as her conclusion),
    `side` a "who argues for …?" question, `asking` a question about what someone asks, and
    `subject` whether a conclusion question names something beyond the conclusion itself.
    """

    text: str
    notes: list[str]
    intent: str | None
    summary: bool
    follows: Exchange | None
    kind: str | None
    named: list[str]
    query: str
    stance: bool
    side: Side | None
    asking: bool
    speakers: set[str] = field(default_factory=set)
    subject: bool = True


@dataclass
class Lifted:
    """The scores once what the question asks for is lifted (stage 3).

    `about` flags the passages about the person a background question asks of (None when it is
    not one); `granted` says a concession was lifted first for "where do they agree?" asked of
    nothing in particular; `shown` is the row of the passage the last answer quoted.
    """

    blended: np.ndarray
    about: np.ndarray | None = None
    granted: bool = False
    shown: int | None = None


@dataclass
class Verdict:
    """Whether the reading answers the question, and the levels it was judged by (stage 5).

    `answered` may still change while the hits are settled. `cutoff` is the level the best score
    had to reach, `raised` how far the reading's own null moves every level, `medium` the level
    of a medium-confidence match; `by_contact` says the line naming whom to write to answered;
    `answerable` is the model's gate's probability that the reading answers (None: the gate did
    not decide), from `signals` (`bot.core.search.answerable`).
    """

    answered: bool
    cutoff: float
    raised: float
    medium: float
    by_contact: bool = False
    answerable: float | None = None
    signals: dict[str, float] = field(default_factory=dict)
