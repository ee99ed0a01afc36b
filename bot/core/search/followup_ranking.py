"""Where a follow-up's answer comes from: next to the last answer, never the same quote.

:mod:`.followup` decides that a question is a follow-up and of which kind ("why?", "the
other side?", "more?"); this module moves the passage scores accordingly
(:func:`follow_up_scores`) and names the sentences each kind prefers to quote
(:data:`CAUSE` for "why?", :data:`CONTRAST` for "the other side?").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from bot.core.reading.passages import Passage
from bot.core.search.followup import MORE, OTHER, WHY, Exchange
from bot.core.search.sentences import Sentences

REPEAT_PENALTY = 1.0  # a follow-up's answer never starts with the passage quoted just before
NEAR_BONUS = (0.04, 0.02)  # a follow-up favours the paragraphs 1 and 2 away from the last answer
KIND_BONUS = 0.05  # "why?" favours passages with a sentence that gives a reason
CONTRAST_BONUS = 0.08  # "the other side?" those with a sentence of contrast or objection
AFTER_BONUS, AFTER_SPAN = 0.03, 3  # and the few paragraphs after the last answer
TOWARD_BONUS = 0.1  # and the deck's counterpoint to the last answer, for "the other side?"
# A sentence that gives a reason, and one that answers or opposes what came before.
CAUSE = re.compile(
    r"\b(?:because|since|for (?:this|that) reason|the reason|therefore|thus|hence|so that|due to|"
    r"as a result|owing to|in order to|leads? to|caus\w+|driv\w+ by|guided by|motivat\w+|"
    r"(?:a|the) (?:direct )?(?:threat|danger|cause) to|means that|follows that)\b",
    re.IGNORECASE,
)
TURN = re.compile(  # a sentence that opens by turning against what came before it
    r"^\W*(?:however|nevertheless|nonetheless|notwithstanding|on the other hand|on the contrary|"
    r"in answer|against this)\b",
    re.IGNORECASE,
)
CONTRAST = re.compile(
    r"^\W*(?:but|yet|however|nevertheless|nonetheless|notwithstanding|still|on the other hand|"
    r"on the contrary|in answer)\b|\b(?:unconvincing|disagree\w*|objections?|objected|critics?|"
    r"criticism|opponents?|on the other hand|on the contrary|however|nevertheless|notwithstanding|"
    r"it (?:is|has been) (?:said|objected|claimed|argued)|some (?:argue|say|claim|think|dismiss))\b",
    re.IGNORECASE,
)


def preferred_sentences(kind: str | None) -> re.Pattern[str] | None:
    """The sentences a follow-up of `kind` quotes first: reasons for "why?", objections for "other side?"."""
    return CONTRAST if kind == OTHER else CAUSE if kind == WHY else None


def follow_up_scores(
    blended: np.ndarray,
    kind: str,
    follows: Exchange,
    shown: int | None,
    toward: Sequence[str],
    *,
    passages: Sequence[Passage],
    doc_rows: Mapping[str, Sequence[int]],
    row_of: Mapping[str, int],
    sentences: Sentences,
) -> np.ndarray:
    """Move a follow-up's scores next to the last answer, never onto the same quote.

    "why?" favours the reasons around it (sentences that give causes, in its passage's
    unquoted sentences and its neighbours); "the other side?" favours what answers or
    opposes it (passages with a sentence of contrast or objection, those that follow it,
    and the passages in `toward`); "more?" the next best passage. The passage quoted
    last (row `shown`) is left, except by "why?" when it has sentences not quoted yet, and
    by "the other side?" when a sentence after the quote turns against it ("Notwithstanding this").
    """
    blended = blended.copy()
    here = passages[shown] if shown is not None else None
    if kind == WHY:
        blended += KIND_BONUS * sentences.offers(CAUSE)
    elif kind == OTHER:
        blended += CONTRAST_BONUS * sentences.offers(CONTRAST)
    if here is not None:
        for row in doc_rows.get(here.document, ()):
            distance = passages[row].paragraph - here.paragraph
            if kind == OTHER and 0 < distance <= AFTER_SPAN:  # an answer follows what it answers
                blended[row] += AFTER_BONUS
            elif kind != OTHER and 0 < abs(distance) <= len(NEAR_BONUS):
                blended[row] += NEAR_BONUS[abs(distance) - 1]
    for passage_id in toward:
        row = row_of.get(passage_id)
        if row is not None and row != shown:
            blended[row] += TOWARD_BONUS
    if shown is not None:
        quoted = set(follows.quoted)
        rest = [i for i in range(len(passages[shown].sentences)) if i not in quoted]
        if kind == OTHER:
            after = [i for i in rest if i > max(quoted, default=-1)]
            stays = any(sentences.offers_sentence(TURN, shown, i) for i in after)
        else:
            stays = kind != MORE and bool(rest)
        if not stays:
            blended[shown] -= REPEAT_PENALTY
        elif kind == WHY and not any(sentences.offers_sentence(CAUSE, shown, i) for i in rest):
            blended[shown] -= KIND_BONUS  # its own sentences give no reasons: the neighbours' may
    return blended
