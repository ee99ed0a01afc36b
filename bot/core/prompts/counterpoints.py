"""The other side of a claim: the counterpoint a prompt quotes, and its For / Against angles.

For the author's own claim, the other side is a sentence of another paragraph, close in
meaning, that someone else holds (an objection voiced, a rival camp, the items of a list
introduced as objections) or that the author grants; for a view the author reports, the
author's own argument closest to it; otherwise none. A candidate must pass the deck check's
test of opposition (:func:`.quality.counter_problem`), so the author is never the other side
of their own claim. A sentence counters at most :data:`COUNTER_MAX_USES` prompts of a deck.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from bot.core.prompts.quality import counter_problem
from bot.core.prompts.units import Unit, Units, claimable, is_turn
from bot.core.prompts.voice import Voice

ANGLE_MAX = 220  # a For / Against angle quotes one whole sentence up to this long
COUNTER_MIN_SIMILARITY = 0.3  # a counterpoint is at least this close to the claim in meaning
OTHER_SIDE_MIN_SIMILARITY = 0.45  # the other side of the author's own claim must be about the same thing
STRONG_OPPOSITION = 0.5  # an author's concession counts as the other side from this opposition score
COUNTER_MAX_USES = 2  # a sentence is the other side of at most this many prompts
COUNTER_REUSE = 0.25  # a sentence's score as a counterpoint drops this much per prompt it already counters
COUNTER_TRIES = 8  # candidates tried, best first, before a claim is left without a counterpoint


class Cited:
    """A quoted sentence's place: its citation, and its JSON form with the citation."""

    title: str
    paragraph: int

    @property
    def citation(self) -> str:
        """Where the sentence stands."""
        return f"{self.title}, ¶{self.paragraph}"

    def to_json(self) -> dict[str, object]:
        """JSON form: every field, then the citation."""
        return {**asdict(self), "citation": self.citation}  # type: ignore[call-overload]


@dataclass(frozen=True)
class Counterpoint(Cited):
    """A passage of another paragraph that complicates or opposes a claim."""

    text: str  # exact substring of the passage's text
    document: str
    title: str
    paragraph: int
    passage_id: str


class OtherSide:
    """Chooses each claim's counterpoint and angles for one deck, spreading the reading's objections."""

    def __init__(self, units: Units) -> None:
        self._units = units
        # sentence -> how many of the deck's prompts it already counters
        self._uses = np.zeros(len(units.units), dtype=np.float32)

    def angles(self, unit: Unit, counter: Counterpoint | None, voice: Voice) -> dict[str, str]:
        """For / Against: a whole sentence of the reading each, or nothing.

        For: the sentence of the claim's paragraph that best supports it (a reason, close in
        meaning), for the author's own claims. Against: the counterpoint, when it is short
        enough to quote.
        """
        units = self._units
        out: dict[str, str] = {}
        if voice.others:
            if counter is not None and len(counter.text) <= ANGLE_MAX:
                out["against"] = f"“{counter.text}” (¶{counter.paragraph})"
            return out
        vector = units.vectors[unit.vector_row]
        support = [
            u
            for u in units.by_row[unit.row]
            if u is not unit
            and len(u.text) <= ANGLE_MAX
            and claimable(u.text, units.passage(u).text, spoken=is_turn(units.passage(u)))
            and u.score.score >= 1.0
            and units.own_voice[u.order]
            and float(units.vectors[u.vector_row] @ vector) >= 0.35
        ]
        if support:
            best = max(
                support, key=lambda u: float(units.vectors[u.vector_row] @ vector) + 0.05 * u.score.score
            )
            out["for"] = f"“{best.text}” (¶{units.passage(best).paragraph})"
        if counter is not None and len(counter.text) <= ANGLE_MAX:
            out["against"] = f"“{counter.text}” (¶{counter.paragraph})"
        return out

    def counterpoint(self, unit: Unit, voice: Voice, *, record: bool = False) -> Counterpoint | None:
        """The sentence of another paragraph that argues against `unit`, or None when the reading has none.

        For the author's own claim: a view the reading reports or the author grants (an
        objection, a rival camp, a concession), close to the claim in meaning (cosine at
        least :data:`COUNTER_MIN_SIMILARITY`). For a view the author reports: the author's
        own argument closest to it. Never the author again on the same side: a candidate
        must pass the deck check's test of opposition. Passages that already counter other
        prompts count a little against them, for variety.
        """
        units = self._units
        home = units.passage(unit)
        mask = units.counter_mask & units.claimable & (units.doc_ids == units.doc_ids[unit.order])
        mask &= units.paragraph_numbers != home.paragraph
        sims = units.vectors @ units.vectors[unit.vector_row]
        mask &= sims >= (COUNTER_MIN_SIMILARITY if voice.others else OTHER_SIDE_MIN_SIMILARITY)
        if voice.others:  # answered by the author's own argument
            mask &= units.own_voice
            scores = sims + 0.25 * units.claimness
        else:  # the other side: a reported view, an objection, a concession
            # someone else's view (an objection voiced, a rival camp) or the author's own concession
            mask &= (
                units.framed
                | ((units.opposition > 0) & ~units.own_voice)
                | (units.concedes & (units.opposition >= STRONG_OPPOSITION))
            )
            scores = sims + 0.35 * units.opposition + 0.1 * units.claimness
        if not mask.any():
            return None
        mask &= self._uses < COUNTER_MAX_USES
        scores = scores - COUNTER_REUSE * self._uses - 0.3 * units.weak
        scores = np.where(mask, scores, -np.inf)
        for at in np.argsort(-scores, kind="stable")[:COUNTER_TRIES]:
            if not np.isfinite(scores[at]):
                break
            chosen = units.units[int(at)]
            text = self._counter_text(chosen)
            if counter_problem(unit.text, text, voice.kind, units.passage(chosen).text) is not None:
                continue
            if record:
                self._uses[chosen.order] += 1
            passage = units.passage(chosen)
            return Counterpoint(text, passage.document, passage.title, passage.paragraph, passage.id)
        return None

    def _counter_text(self, chosen: Unit) -> str:
        """The counterpoint's words: its sentence, with the one before when it opens on "this" or "they"."""
        units = self._units
        siblings = units.by_row[chosen.row]
        at = siblings.index(chosen)
        first = chosen
        opener = chosen.text.split(" ", 1)[0].strip(",").lower()
        if opener in {"some", "others", "they", "these", "this", "that", "it", "such"} and at:
            first = siblings[at - 1]
        text = units.passage(chosen).text[first.start : chosen.end]
        return chosen.text if len(text) > 500 else text
