"""Moderators' curation of a server's deck: remove, reword, add prompts, review suggestions.

:class:`DeckCuration` is part of :class:`~bot.app.service.Agora` (a mixin): it works on the
channel's rotation through the Agora's deck, passages and state store, and raises
:class:`~bot.core.prompts.curation.CurationError` with a message meant for the moderator.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bot.core.prompts import Prompt
from bot.core.prompts.curation import (
    PENDING_PER_MEMBER,
    SUGGESTIONS_PER_DAY,
    CurationError,
    custom_prompt,
)
from bot.core.prompts.curation import clean_question as clean_prompt_question
from bot.core.storage.store import CustomPrompt
from bot.core.text.safe import neutralise

if TYPE_CHECKING:
    from bot.core.prompts import PromptDeck
    from bot.core.prompts.rotation import Rotation
    from bot.core.reading.passages import Passage
    from bot.core.storage.store import Store


def echo(text: object, limit: int = 60) -> str:
    """A member's or moderator's words quoted back in a message: on one line, short, inert."""
    words = " ".join(str(text).split())
    return neutralise(words if len(words) <= limit else words[: limit - 1] + "…")


def guild_of(channel_key: str) -> int | None:
    """The server of a rotation key ("guild:channel"); None in direct messages and the CLI."""
    head, _, _ = channel_key.partition(":")
    return int(head) if head.isdigit() else None


class DeckCuration:
    """What moderators do to a server's deck (see the module's docstring)."""

    store: Store | None

    if TYPE_CHECKING:  # provided by the Agora

        @property
        def snapshot(self) -> Any:
            """The live index and retriever."""

        def deck(self) -> PromptDeck:
            """The reading's deck."""

        def rotation(self, channel_key: str) -> Rotation:
            """The deck as the channel's server curated it."""

        def find_prompt(self, channel_key: str, prompt_id: str) -> Prompt | None:
            """A prompt of the rotation or the deck."""

        def passage(self, paragraph: int, document: str | None = None) -> tuple[list[Passage], list[Passage]]:
            """Paragraph `paragraph`'s passages and its neighbours."""

    def remove_prompt(self, channel_key: str, prompt_id: str, by_user: int) -> Prompt:
        """Never deal `prompt_id` in this server again (raises CurationError)."""
        guild = self._curating(channel_key)
        prompt = self.find_prompt(channel_key, prompt_id)
        if prompt is None:
            raise CurationError(f"No prompt has the id “{echo(prompt_id)}”: `/prompt preview` shows ids.")
        self.store.remove_prompt(guild, prompt_id, by_user)  # type: ignore[union-attr]
        return prompt

    def edit_prompt(self, channel_key: str, prompt_id: str, question: str, by_user: int) -> Prompt:
        """Ask `prompt_id` in the moderator's words in this server; the quote stays (raises CurationError)."""
        guild = self._curating(channel_key)
        prompt = self.rotation(channel_key).get(prompt_id)
        if prompt is None:
            raise CurationError(f"No prompt in this server's rotation has the id “{echo(prompt_id)}”.")
        wording = clean_prompt_question(question)
        self.store.edit_prompt(guild, prompt_id, wording, by_user)  # type: ignore[union-attr]
        return replace(prompt, question=wording, template="edited")

    def add_prompt(
        self,
        channel_key: str,
        paragraph: int,
        question: str,
        by_user: int,
        *,
        document: str | None = None,
        suggestion: bool = False,
    ) -> tuple[int, Prompt]:
        """A moderator's own prompt (dealt from now on) or a member's suggestion (for review).

        The quote is the sentence of paragraph `paragraph` closest to the question. Members
        may have :data:`PENDING_PER_MEMBER` suggestions waiting and make
        :data:`SUGGESTIONS_PER_DAY` a day. Raises CurationError or LookupError.
        """
        guild = self._curating(channel_key)
        assert self.store is not None
        wording = clean_prompt_question(question)
        if suggestion:
            pending, today = self.store.count_suggestions(guild, by_user, time.time() - 86400)
            if pending >= PENDING_PER_MEMBER:
                raise CurationError(
                    f"You have {pending} suggestions waiting for review; "
                    "wait until a moderator looks at them."
                )
            if today >= SUGGESTIONS_PER_DAY:
                raise CurationError(
                    f"You have made {today} suggestions today; the limit is {SUGGESTIONS_PER_DAY}."
                )
        hit, _ = self.passage(paragraph, document)
        found = self.deck().sentence_for(hit, wording)
        if found is None:
            raise CurationError(f"¶{paragraph} has no sentence to quote; choose another paragraph.")
        passage, quote = found
        status = "pending" if suggestion else "approved"
        row = self.store.add_custom_prompt(guild, passage.id, quote, wording, by_user, status)
        record = CustomPrompt(row, guild, passage.id, quote, wording, by_user, status, time.time())
        return row, custom_prompt(record, passage)

    def suggestions(self, channel_key: str) -> list[tuple[CustomPrompt, Prompt | None]]:
        """A server's suggestions waiting for review, with each as it would be posted."""
        guild = self._curating(channel_key)
        passages = {p.id: p for p in self.snapshot.index.passages}
        rows = self.store.custom_prompts(guild, "pending")  # type: ignore[union-attr]
        return [
            (r, custom_prompt(r, passages[r.passage_id]) if r.passage_id in passages else None) for r in rows
        ]

    def review(self, channel_key: str, suggestion: int, approve: bool, by_user: int) -> bool:
        """Approve (it joins the rotation) or reject a pending suggestion."""
        guild = self._curating(channel_key)
        return self.store.review_suggestion(guild, suggestion, approve, by_user)  # type: ignore[union-attr]

    def _curating(self, channel_key: str) -> int:
        guild = guild_of(channel_key)
        if guild is None or self.store is None:
            raise CurationError("The deck is curated per server: use this command in a server.")
        return guild
