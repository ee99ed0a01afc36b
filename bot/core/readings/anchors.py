"""References to passages that survive a new version of a reading.

An :class:`Anchor` describes a passage the way a W3C TextQuoteSelector describes a quote: the
digest of its normalised text, its first and last words, and the digests of its neighbours
in the document. When a reading is uploaded again, :func:`rematch` finds each old passage in
the new version:

- **same**: the same text (when the old version held that text more than once, its
  neighbours must agree too, so one of two identical paragraphs is never taken for the other);
- **edited**: no same text, but one new passage of the same document is close (rapidfuzz
  ratio at least :data:`CLOSE`) with a clear margin (:data:`MARGIN`) over the next closest,
  and no other reference holds it: re-pointed, and marked "edited since";
- **orphaned**: anything else. An orphan is never re-pointed to a look-alike.

Debate prompts are referenced by their own ids (a hash of the passage's id and the quoted
claim): :func:`rematch_prompts` follows each old prompt through its passage's fate to the new
deck's prompt on the same passage that quotes the same claim, or a uniquely close one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.core.reading.passages import Passage
from bot.core.text.words import normalize

SAME, EDITED, ORPHANED = "same", "edited", "orphaned"
CLOSE = 80.0  # rapidfuzz ratio (0-100) a changed passage must reach to be re-pointed
MARGIN = 12.0  # ... and its lead over the second closest
EDGE_WORDS = 6


@dataclass(frozen=True)
class Anchor:
    """Where a passage is, independent of its number: its text's digest, edges and neighbours."""

    passage_id: str
    document: str
    digest: str
    prefix: str
    suffix: str
    before: str  # digest of the previous passage of the document ("" at its start)
    after: str

    def to_json(self) -> dict[str, str]:
        """The stored form."""
        return dict(self.__dict__)


def digest(text: str) -> str:
    """The digest of a passage's normalised text (case, spacing and punctuation ignored)."""
    return hashlib.sha1(normalize(text).encode()).hexdigest()[:16]


def anchors(passages: Sequence[Passage]) -> list[Anchor]:
    """The anchor of every passage, in order."""
    digests = [digest(p.text) for p in passages]
    out = []
    for i, p in enumerate(passages):
        words = p.text.split()
        same_doc_before = i > 0 and passages[i - 1].document == p.document
        same_doc_after = i + 1 < len(passages) and passages[i + 1].document == p.document
        out.append(
            Anchor(
                passage_id=p.id,
                document=p.document,
                digest=digests[i],
                prefix=" ".join(words[:EDGE_WORDS]),
                suffix=" ".join(words[-EDGE_WORDS:]),
                before=digests[i - 1] if same_doc_before else "",
                after=digests[i + 1] if same_doc_after else "",
            )
        )
    return out


@dataclass(frozen=True)
class Fate:
    """What became of one old passage in the new version."""

    old_id: str
    kind: str  # SAME, EDITED or ORPHANED
    new_id: str | None = None
    score: float = 100.0

    def to_json(self) -> dict[str, object]:
        """For ``agora reading add --json``."""
        return {"old": self.old_id, "fate": self.kind, "new": self.new_id, "score": round(self.score, 1)}


@dataclass
class Rematch:
    """Every old passage's fate, and the new passages nothing old became."""

    fates: dict[str, Fate]
    added: list[str]

    def counts(self) -> dict[str, int]:
        """Passages kept, changed (re-pointed), removed (orphaned) and added."""
        kinds = Counter(f.kind for f in self.fates.values())
        return {
            "same": kinds[SAME],
            "changed": kinds[EDITED],
            "removed": kinds[ORPHANED],
            "added": len(self.added),
        }


def rematch(old: Sequence[Passage], new: Sequence[Passage]) -> Rematch:
    """Find each passage of `old` in `new` (see the module's docstring for the rules)."""
    old_anchors, new_anchors = anchors(old), anchors(new)
    by_digest: dict[str, list[int]] = {}
    for j, a in enumerate(new_anchors):
        by_digest.setdefault(a.digest, []).append(j)
    old_count = Counter(a.digest for a in old_anchors)
    fates: dict[str, Fate] = {}
    claimed: set[int] = set()
    # 1. the same text: unique on both sides, or told apart by its neighbours
    for a in old_anchors:
        candidates = [j for j in by_digest.get(a.digest, []) if new_anchors[j].document == a.document]
        if len(candidates) == 1 and old_count[a.digest] == 1:
            chosen = candidates[0]
        else:
            agreeing = [j for j in candidates if _neighbours(a, new_anchors[j]) == 2]
            if len(agreeing) != 1:
                agreeing = [j for j in candidates if _neighbours(a, new_anchors[j]) == 1]
            chosen = agreeing[0] if len(agreeing) == 1 else None
        if chosen is not None and chosen not in claimed:
            claimed.add(chosen)
            fates[a.passage_id] = Fate(a.passage_id, SAME, new[chosen].id)
    # 2. changed: uniquely close among the new passages nobody holds
    proposals: list[tuple[float, int, int]] = []  # (score, old row, new row)
    texts_new = [normalize(p.text) for p in new]
    for i, a in enumerate(old_anchors):
        if a.passage_id in fates:
            continue
        text = normalize(old[i].text)
        scored = sorted(
            (
                (fuzz.ratio(text, texts_new[j]), j)
                for j in range(len(new))
                if j not in claimed and new_anchors[j].document == a.document
            ),
            reverse=True,
        )
        if not scored:
            continue
        best, j = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0.0
        if best >= CLOSE and best - second >= MARGIN:
            proposals.append((best, i, j))
    wanted = Counter(j for _, _, j in proposals)
    for score, i, j in sorted(proposals, reverse=True):
        if wanted[j] > 1:  # two old passages want the same new one: neither is sure
            continue
        claimed.add(j)
        fates[old[i].id] = Fate(old[i].id, EDITED, new[j].id, score)
    for a in old_anchors:
        fates.setdefault(a.passage_id, Fate(a.passage_id, ORPHANED, None, 0.0))
    added = [new[j].id for j in range(len(new)) if j not in claimed]
    return Rematch(fates, added)


def _neighbours(a: Anchor, b: Anchor) -> int:
    """How many of the two neighbours agree (0, 1 or 2)."""
    return int(a.before == b.before) + int(a.after == b.after)


@dataclass(frozen=True)
class Quoted:
    """A debate prompt as re-anchoring sees it: its id, its passage's id and the claim it quotes."""

    id: str
    passage_id: str
    quote: str


def rematch_prompts(old: Sequence[Quoted], new: Sequence[Quoted], passages: Rematch) -> dict[str, Fate]:
    """Each old prompt's fate in the new deck, following its passage's fate.

    A prompt of a passage kept or re-pointed becomes the new deck's prompt on the passage's new
    version that quotes the same claim (the same words: **same**, else **edited**), or failing
    that the one uniquely close (rapidfuzz ratio at least :data:`CLOSE`, :data:`MARGIN` ahead of
    the next: **edited**); a prompt whose passage was orphaned, or with no such prompt, is
    **orphaned**. Two old prompts never take the same new one.
    """
    by_passage: dict[str, list[Quoted]] = {}
    for prompt in new:
        by_passage.setdefault(prompt.passage_id, []).append(prompt)
    fates: dict[str, Fate] = {}
    taken: set[str] = set()
    for prompt in old:
        moved = passages.fates.get(prompt.passage_id)
        if moved is None or moved.kind == ORPHANED or moved.new_id is None:
            fates[prompt.id] = Fate(prompt.id, ORPHANED, None, 0.0)
            continue
        quote = normalize(prompt.quote)
        scored = sorted(
            ((fuzz.ratio(quote, normalize(c.quote)), c.id) for c in by_passage.get(moved.new_id, [])),
            reverse=True,
        )
        best, chosen = scored[0] if scored else (0.0, None)
        second = scored[1][0] if len(scored) > 1 else 0.0
        exact = best == 100.0 and second < 100.0
        if chosen is None or chosen in taken or not (exact or (best >= CLOSE and best - second >= MARGIN)):
            fates[prompt.id] = Fate(prompt.id, ORPHANED, None, best)
            continue
        taken.add(chosen)
        kind = SAME if exact and moved.kind == SAME else EDITED
        fates[prompt.id] = Fate(prompt.id, kind, chosen, best)
    return fates


def repointing(
    fates: Mapping[str, Fate], new_ids: Collection[str], version: str
) -> tuple[dict[str, str], dict[str, str]]:
    """What stored references do: (old id → id they hold now, id they hold now → fate shown).

    Kept ones follow their text (its id may change: one of two identical paragraphs edited
    renumbers the other), edited ones are re-pointed and marked, orphaned ones are marked and
    keep their id, unless the new version uses that id for other text: then they hold
    ``<id>~<version>``, which no passage has, so they can never be read as that text.
    """
    moves: dict[str, str] = {}
    marks: dict[str, str] = {}
    for old, fate in fates.items():
        if fate.kind == ORPHANED or fate.new_id is None:
            held = f"{old}~{version}" if old in new_ids else old
            marks[held] = ORPHANED
        else:
            held = fate.new_id
            if fate.kind == EDITED:
                marks[held] = EDITED
        if held != old:
            moves[old] = held
    return moves, marks
