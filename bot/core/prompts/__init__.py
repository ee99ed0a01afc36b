"""Debate prompts: the reading's contestable claims, turned into questions a moderator would post.

The package's files are named after its ideas: :mod:`.units` (the reading's sentences as
claim candidates), :mod:`.cues`, :mod:`.voice`, :mod:`.topics`, :mod:`.questions`,
:mod:`.compress` (a claim's proposition, with :mod:`.openers`, :mod:`.advice` and :mod:`.clauses`),
:mod:`.references` (what its pronouns point at), :mod:`.ranking` (quotable claims up, reports
down), :mod:`.context` (what the sentences around a claim say of it), :mod:`.counterpoints` (the
other side), :mod:`.deck` (claims chosen and asked), :mod:`.prompt` (the stored prompt),
:mod:`.rotation` (dealing prompts to channels),
:mod:`.curation` (a server's changes), :mod:`.generator` (the optional language model) and
:mod:`.quality` (the deck-quality check). May import :mod:`bot.core.text`, :mod:`bot.core.reading`,
:mod:`bot.core.search` and :mod:`bot.core.storage`.
"""

from bot.core.prompts.counterpoints import Counterpoint
from bot.core.prompts.cues import ClaimScore, claim_score
from bot.core.prompts.deck import CLAIM_THRESHOLD, DUPLICATE_COSINE, PromptDeck
from bot.core.prompts.prompt import KINDS, Prompt, prompt_id
from bot.core.prompts.quality import Failure, Report, check_deck
from bot.core.prompts.units import CLAIM_KINDS

__all__ = [
    "CLAIM_KINDS",
    "CLAIM_THRESHOLD",
    "DUPLICATE_COSINE",
    "KINDS",
    "ClaimScore",
    "Counterpoint",
    "Failure",
    "Prompt",
    "PromptDeck",
    "Report",
    "check_deck",
    "claim_score",
    "prompt_id",
]
