"""A debate prompt as stored and shown: its claim, question, poll with stances, sides and id."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from bot.core.prompts import questions
from bot.core.prompts.counterpoints import Cited, Counterpoint
from bot.core.prompts.voice import AUTHOR
from bot.core.text.words import normalize

# Prompt kinds: the kind of claim, or "others" for a view the reading attributes to others.
KINDS = ("recommendation", "prediction", "causal", "value", "comparison", "interpretation", "others")


@dataclass(frozen=True)
class Side(Cited):
    """One side of a two-sided prompt: who holds it, and the sentence that states it."""

    label: str  # the poll answer naming this side
    holder: str  # "the critics", "Hamilton"
    quote: str  # exact substring of the passage's text
    document: str
    title: str
    paragraph: int
    passage_id: str


@dataclass(frozen=True)
class Prompt:
    """One debate prompt: a quoted claim, a question, the other side, a poll and angles.

    ``voice`` says whose view the quote states: ``author``, ``reported`` (by ``holder``) or
    ``rebutted`` (the author answers it: ``sides`` then holds both, quoted and cited, and
    the poll's ``answers`` are the sides).
    """

    id: str
    question: str
    quote: str  # the claim: exact substring of the passage's text
    document: str
    title: str
    section: str | None
    paragraph: int
    passage_id: str
    kind: str
    topic: str
    template: str
    score: float
    counterpoint: Counterpoint | None
    angles: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    voice: str = AUTHOR
    holder: str = ""
    answers: tuple[str, ...] = questions.AGREE_ANSWERS
    sides: tuple[Side, ...] = ()
    stances: tuple[str, ...] = (questions.AGREE, questions.DISAGREE, questions.UNSURE)

    def stance_map(self) -> dict[str, str]:
        """Each poll answer's stance on the quoted claim: agree, disagree or unsure."""
        if len(self.stances) != len(self.answers):
            return {}
        return dict(zip(self.answers, self.stances, strict=True))

    @property
    def citation(self) -> str:
        """Where the claim stands, as a reader would cite it."""
        return f"{self.title}, ¶{self.paragraph}"

    def to_json(self) -> dict[str, object]:
        """JSON form (for `agora prompts --json` and `agora debate --json`)."""
        return {
            "id": self.id,
            "question": self.question,
            "quote": self.quote,
            "document": self.document,
            "title": self.title,
            "section": self.section,
            "paragraph": self.paragraph,
            "passage_id": self.passage_id,
            "citation": self.citation,
            "kind": self.kind,
            "topic": self.topic,
            "template": self.template,
            "score": self.score,
            "counterpoint": self.counterpoint.to_json() if self.counterpoint else None,
            "angles": dict(self.angles),
            "voice": self.voice,
            "holder": self.holder,
            "poll": {"question": self.question, "answers": list(self.answers), "stances": self.stance_map()},
            "sides": [side.to_json() for side in self.sides],
        }


def prompt_id(passage_id: str, quote: str) -> str:
    """A prompt's stable id: the passage's content id and the claim's text, hashed."""
    key = f"{passage_id}\n{' '.join(normalize(quote).split())}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]
