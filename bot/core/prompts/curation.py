"""Moderators in control of a server's deck: removed prompts, rephrased questions, their own prompts.

A server's rotation is the reading's deck less the prompts its moderators removed, with
their wording where they rephrased a question (the quote never changes), followed by the
server's own prompts: a moderator's question on a chosen passage, or a member's suggestion
once approved. The rotation rules are the deck's (:class:`~bot.core.prompts.rotation.Rotation`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core.prompts.prompt import Prompt
from bot.core.prompts.questions import QUESTION_MAX
from bot.core.prompts.rotation import Rotation
from bot.core.reading.passages import Passage
from bot.core.storage.store import Curation, CustomPrompt
from bot.core.text.safe import clean_input

CUSTOM_PREFIX = "mod-"  # ids of a server's own prompts: "mod-12"
QUESTION_MIN = 10
PENDING_PER_MEMBER = 3  # suggestions a member may have waiting for review at once
SUGGESTIONS_PER_DAY = 5  # suggestions a member may make in a day


class CurationError(ValueError):
    """A moderator's or member's change that cannot be made, with a message for them."""


def custom_id(row: int) -> str:
    """The prompt id of a server's own prompt number `row`."""
    return f"{CUSTOM_PREFIX}{row}"


def clean_question(text: str) -> str:
    """A moderator's or member's question, tidied and checked (raises CurationError)."""
    question = " ".join(clean_input(text).split())
    question = re.sub(r"@(everyone|here)", "@\u200b\\1", question)
    question = re.sub(r"<(@[!&]?|#)(\d+)>", "<\u200b\\1\\2>", question)  # mentions never ping
    if len(question) < QUESTION_MIN:
        raise CurationError(f"The question is too short: write at least {QUESTION_MIN} characters.")
    if not question.endswith("?"):
        question += "?"
    if len(question) > QUESTION_MAX:
        raise CurationError(
            f"The question has {len(question)} characters; a poll question takes at most {QUESTION_MAX}."
        )
    return question


def custom_prompt(row: CustomPrompt, passage: Passage) -> Prompt:
    """A server's own prompt as a deck prompt (quoted and cited like any other)."""
    return Prompt(
        id=custom_id(row.id),
        question=row.question,
        quote=row.quote,
        document=passage.document,
        title=passage.title,
        section=passage.section,
        paragraph=passage.paragraph,
        passage_id=passage.id,
        kind="moderator",
        topic="",
        template="moderator",
        score=0.0,
        counterpoint=None,
    )


class CuratedDeck(Rotation):
    """A server's rotation: the deck as its moderators curated it."""

    def __init__(self, deck: Rotation, curation: Curation, passages: dict[str, Passage]) -> None:
        prompts = [
            replace(p, question=curation.edits[p.id], template="edited") if p.id in curation.edits else p
            for p in deck
            if p.id not in curation.removed
        ]
        for row in curation.custom:
            pid = custom_id(row.id)
            passage = passages.get(row.passage_id)
            if passage is None or pid in curation.removed or row.quote not in passage.text:
                continue  # its passage left the reading
            prompt = custom_prompt(row, passage)
            prompts.append(replace(prompt, question=curation.edits[pid]) if pid in curation.edits else prompt)
        self.prompts = prompts
        self._by_id = {p.id: p for p in prompts}
