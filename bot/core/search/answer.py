"""What an answer is: the question as cleaned, its passages (hits) and how sure Agora is.

Owns :class:`Answer` and :class:`Hit` (with their ``agora ask --json`` form), question
validation (:func:`clean_question`, :class:`QuestionError`), hits made from a document's
metadata, the "nearest topics" shown when the reading does not cover a question, and whether
a hit gives the quantity a "how many?" asks for. Scoring lives in :mod:`.retrieval`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.core.reading.passages import Passage
from bot.core.search.focus import gives_quantity
from bot.core.text.safe import clean_input
from bot.core.text.words import content_terms

MAX_QUESTION_CHARS = 1000


class QuestionError(ValueError):
    """A question Agora cannot answer as asked (empty, for instance)."""


@dataclass
class Hit:
    """One passage in an answer."""

    passage: Passage
    score: float
    marked: tuple[int, ...] = ()  # indexes of the sentences that answer the question

    def to_json(self) -> dict[str, object]:
        """The JSON form used by `agora ask --json`."""
        p = self.passage
        return {
            "id": p.id,
            "document": p.document,
            "title": p.title,
            "section": p.section,
            "paragraph": p.paragraph,
            "part": p.part,
            "kind": p.kind,
            "text": p.text,
            "score": round(float(self.score), 4),
            "marked": [
                p.text[p.sentences[i][0] : p.sentences[i][1]] for i in self.marked if i < len(p.sentences)
            ],
        }


@dataclass
class Answer:
    """What Agora found for a question."""

    question: str
    answered: bool
    hits: list[Hit]
    confidence: str  # "high" | "medium" | "low" | "none"
    notes: list[str] = field(default_factory=list)
    nearest: list[str] = field(default_factory=list)  # topics the reading does cover
    about: str | None = None  # "title" / "author" / "summary" when answered about the document
    documents: list[str] = field(default_factory=list)  # documents the question named
    follows: str | None = None  # the previous question, when read as a follow-up to it
    answerable: float | None = None  # the gate's probability that the reading answers (None: not asked)
    signals: dict[str, float] = field(default_factory=dict, repr=False)  # what the gate read

    def to_json(self) -> dict[str, object]:
        """The JSON form used by `agora ask --json`."""
        return {
            "question": self.question,
            "answered": self.answered,
            "confidence": self.confidence,
            "passages": [h.to_json() for h in self.hits],
            "nearest_topics": self.nearest,
            "notes": self.notes,
            "about": self.about,
            "documents": self.documents,
            "follows": self.follows,
            "answerable": None if self.answerable is None else round(self.answerable, 3),
        }


def clean_question(question: str | None) -> tuple[str, list[str]]:
    """Validate a question; trim an over-long one (with a note). Raise QuestionError if empty."""
    text = " ".join(clean_input(question).split())
    if not text:
        raise QuestionError("The question is empty: ask something about the reading.")
    notes = []
    if len(text) > MAX_QUESTION_CHARS:
        notes.append(
            f"Your question was {len(text):,} characters; only the first {MAX_QUESTION_CHARS:,} were used."
        )
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
    return text, notes


# How members type in a channel: contractions without their apostrophe and chat shorthand, as the
# words the reading's patterns and the models know ("whats", "doesnt", "u", "ur").
_CASUAL = {
    "whats": "what's", "wheres": "where's", "whos": "who's", "hows": "how's", "whys": "why's",
    "thats": "that's", "theres": "there's", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't",
    "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "cant": "can't",
    "wont": "won't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "couldnt": "couldn't",
    "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't", "theyre": "they're", "youre": "you're",
    "u": "you", "ur": "your", "wat": "what", "abt": "about", "bc": "because", "cuz": "because",
}  # fmt: skip
_SHORTHAND = frozenset({"u", "ur", "wat", "abt", "bc", "cuz"})  # only in lower case: "U.S.", "Ur" are names
_CASUAL_WORD = re.compile(r"(?<![\w.'’-])(" + "|".join(_CASUAL) + r")(?![\w'’-]|\.\w)", re.IGNORECASE)


def plain_question(text: str) -> str:
    """`text` with chat spellings as the words they stand for ("whats u think" → "what's you think")."""

    def plain(match: re.Match[str]) -> str:
        word = match.group(1)
        if word.lower() in _SHORTHAND and not word.islower():
            return word
        full = _CASUAL[word.lower()]
        return full[0].upper() + full[1:] if word[0].isupper() else full

    return _CASUAL_WORD.sub(plain, text)


# A question typed without its question mark ("how long was the gap in the bank") is the same
# question: it is encoded as asked with one, as the reading's null probes are (scripts/sweep.py, 160
# sets: all-mpnet-base-v2 top-1 2275 -> 2281, hit@3 2687 -> 2697; all-MiniLM-L6-v2 2103 -> 2114,
# 2624 -> 2631; see as_asked).
_ENDED = re.compile(r"[?.!]\s*$")


def as_asked(text: str) -> str:
    """`text` as a question is encoded: with a question mark when it ends without ? . or !.

    Members type questions in a channel without one ("whats the main argument"); the model places
    the same words with and without it apart, and the probes that set the reading's null all end
    with one, so the unmarked question is encoded as the marked one would be.
    """
    stripped = text.rstrip()
    return stripped if not stripped or _ENDED.search(stripped) else stripped + "?"


def metadata_hit(key: str, document: str, title: str, text: str, *, author: str = "", date: str = "") -> Hit:
    """A hit quoting what a document's metadata says (its author, date or title) as a passage of it."""
    passage = Passage(
        id=f"{key}:{document}",
        document=document,
        title=title,
        section=None,
        paragraph=0,
        text=text,
        kind="title" if key == "title" else "byline",
        sentences=((0, len(text)),),
        author=author or None,
        date=date or None,
    )
    return Hit(passage, 1.0, (0,))


def topics(hits: Sequence[Hit]) -> list[str]:
    """Short descriptions of the passages nearest an uncovered question."""
    out = []
    for hit in hits[:3]:
        p = hit.passage
        first = p.sentence_texts()[0] if p.sentences else p.text
        first = first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
        label = p.section or first
        if label not in out:
            out.append(label)
    return out


_GOES_ON = re.compile(r"^(?:he|she|it|they|this|these|such|there)\b", re.IGNORECASE)


def gives_quantity_in(hit: Hit, question: str) -> bool:
    """Whether the hit gives the quantity asked (see `bot.core.search.focus`).

    A sentence it would show states one, or another of its sentences does with every content
    word of the question ("How many plots are there?": "The garden has 48 plots …").
    """
    texts = hit.passage.sentence_texts()
    if any(gives_quantity(texts[i], question) for i in hit.marked if i < len(texts)):
        return True
    # the sentence after a marked one that goes on about it: "… the life of a shop assistant is.
    # He stands behind the counter from eight in the morning until nine or ten at night"
    going_on = [i + 1 for i in hit.marked if i + 1 < len(texts) and _GOES_ON.match(texts[i + 1])]
    if any(gives_quantity(texts[i], question) for i in going_on):
        return True
    asked = set(content_terms(question))
    return bool(asked) and any(gives_quantity(t, question) and asked <= set(content_terms(t)) for t in texts)
