"""Debate prompts: the reading's contestable claims, turned into questions a moderator would post.

The package's files are named after its ideas: :mod:`.deck` (claims, questions, the other
side, rotation and topics) and :mod:`.quality` (the deck-quality check).
"""

from bot.core.prompts.deck import (
    CLAIM_KINDS,
    CLAIM_THRESHOLD,
    DUPLICATE_COSINE,
    KINDS,
    ClaimScore,
    Counterpoint,
    Prompt,
    PromptDeck,
    claim_score,
    prompt_id,
)
from bot.core.prompts.quality import Failure, Report, check_deck

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
