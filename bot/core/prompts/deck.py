"""The deck: the reading's claims, each with a question, the other side and a poll.

No language model is needed (see :mod:`.generator` for the optional one): claims are
*extracted*, questions come from frames (:mod:`.questions`).

1. Claims (:mod:`.cues`). Every sentence of a body passage (never the title, byline or
   disclaimer; never a heading, list fragment, boilerplate or all-caps text) is scored for
   how much it argues. A paragraph is *argumentative* when its best sentence reaches
   :data:`CLAIM_THRESHOLD`; the deck quotes the best claim of argumentative paragraphs,
   plus a second strong claim from long paragraphs, and drops near-duplicates (sentence
   embeddings closer than :data:`DUPLICATE_COSINE`).
2. Whose view (:mod:`.voice`): the author's own, one the author reports (and whose), or
   one the author rebuts — then the prompt is two-sided, both sides quoted and cited, and
   the poll's answers are the sides.
3. Questions (:mod:`.questions`): restate the claim or name its subject (:mod:`.topics`),
   never one frame twice in a deck; a claim left without a frame is left out.
4. The other side (:mod:`.counterpoints`): for the author's claim, the sentence of another
   paragraph that is close in meaning and sets itself against it; for a reported view, the
   author's own argument. For / Against angles quote whole sentences of the reading, or
   are left out.

Prompt ids hash the passage id (itself a hash of the paragraph's text) and the claim, so
unchanged paragraphs keep their prompts' ids across rebuilds. Rotation is deterministic:
:meth:`PromptDeck.next_for` walks the deck in reading order, then in a reshuffled order per
cycle.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.core.prompts import questions
from bot.core.prompts.compress import alternatives, core, shorten
from bot.core.prompts.counterpoints import Cited, Counterpoint, OtherSide
from bot.core.prompts.cues import WORD as _WORD
from bot.core.prompts.cues import ClaimScore, claim_score
from bot.core.prompts.holders import speaker_name
from bot.core.prompts.quality import phrase_problem
from bot.core.prompts.ranking import calls_on_others, set_against
from bot.core.prompts.ranking import quotable as _quotable
from bot.core.prompts.ranking import report_penalty as _report_penalty
from bot.core.prompts.references import (
    addressees,
    points_back,
    resolve_opening,
    resolve_pointers,
    to_addressees,
)
from bot.core.prompts.topics import section_topic
from bot.core.prompts.units import CLAIM_KINDS, Unit, Units, claimable
from bot.core.prompts.voice import (
    AUTHOR,
    REBUTTED,
    REPORTED,
    SAYS,
    Voice,
    acknowledges,
    announces_view,
    answer_at,
    voice_of,
)
from bot.core.reading.passages import LIST, Passage
from bot.core.search.answer import clean_question
from bot.core.search.embedder import Embedder
from bot.core.search.index import Index
from bot.core.search.retrieval import Retriever
from bot.core.text.words import content_terms, normalize

CLAIM_THRESHOLD = 2.0  # a paragraph is argumentative when its best sentence scores this
SECOND_CLAIM_RANK = 5.0  # a second claim from the same paragraph must rank this high
SECOND_CLAIM_MIN_SENTENCES = 4  # ... and the paragraph must be this long
DUPLICATE_COSINE = 0.85  # claims at least this similar are near-duplicates
TOPIC_MARGIN = 0.04  # passages this close to the best match all count for a topic
TOPIC_Z_NAMED = 1.5  # a topic whose words all stand in the best passage counts from this relative score
REBUTTED_MIN_SCORE = -1.5  # a view the author answers at once is a claim from this score (reports score low)
TOPIC_WIDER_MARGIN = 0.12  # ... then passages this close to the best match, when those give no question
TOPIC_WIDER_ROWS = 3
TOPIC_MIN_SCORE = -0.5  # a topic's sentence may argue little, but not be a report, definition or narration
TOPIC_NAMED_BONUS = 0.1  # a sentence that names the topic is that much more relevant to it
TOPIC_TRIES = 8  # sentences tried, most relevant first, for a topic's prompt
CANDIDATE_MIN = 1.0  # a sentence may be a claim from this cue score (a central aphorism has few cues)
DECK_MAX = 10  # prompts per document: ten strong ones beat twenty weak ones
SEVERAL_DOCUMENTS_MAX = 6  # ... and per document of a reading of three or more (each its best six)
MIN_RANK = 3.5  # a claim ranked below this promises too little discussion to be posted
DECK_FILL = 6  # a document with fewer prompts than this also takes claims ranked from FILL_RANK ...
FILL_RANK = 2.5  # ... one per paragraph not yet asked
ANNOUNCED_PENALTY = 6.0  # a view announced for others ("The board's argument is easy to state.") is theirs
DEBATE_BONUS = 1.0  # a view the author answers at once makes a good two-sided prompt (ranked as its answer)
SCORE_CAP = 6.0  # cue scores beyond this say little more
CENTRALITY_WEIGHT = 4.0  # closeness to the document as a whole, in cue-score points per unit of cosine
LONG_CLAIM_WORDS = 45
QUOTABLE_WORDS = 30  # a sentence this short that states a contrast in the present is quotable ...
QUOTABLE_BONUS = 2.0  # ... and ranks this much higher
CALL_BONUS = 1.0  # the writer's call on others to act ("We ask the board to reject the plan.") ranks higher
SHORT_DECK_SECOND_RANK = 4.5  # a deck short of DECK_FILL takes a second claim this strong from a paragraph
_ANSWERED = re.compile(
    r"^(?:but|yet|however|nevertheless|nonetheless|still|on the contrary)\b", re.IGNORECASE
)
# "But it will keep the regulars…", "Yet they are the people who…": the answer takes up the sentence
# before by a pronoun and says what else is true of it; what that sentence said is granted
_TAKEN_UP = re.compile(
    r"^(?:but|yet|still|however),?\s+(?:it|they|he|she|this|that)\s+(?!is\s+why\b)\w+", re.IGNORECASE
)
_TURN_MAX_WORDS = 16  # a grant is stated briefly: one short clause
_CONCEDES = re.compile(
    r"\b(?:it is true|true,|no doubt|doubtless|of course|granted|grant|admit\w*|to be sure|"
    r"it (?:is|has been|may be|will be) (?:said|urged|argued|objected|alleged|thought|supposed)|"
    r"we are told|some (?:say|think|argue|hold|believe)|may seem|might seem|appears? at first)\b",
    re.IGNORECASE,
)

# What the author leaves open before turning to what does not depend on it: "The causes … are many,
# and I do not pretend to know them all.", "researchers still argue about them", "we do not claim
# that the lights are the whole reason" (then "But I need not settle that to say…")
_LEAVES_OPEN = re.compile(
    r"\b(?:(?:do|did|can|could) not|don['’]t|cannot|can['’]t) (?:pretend to |claim to |hope to )?"
    r"(?:know|say|tell|settle|explain|decide|claim|answer)\b|\b(?:still|continue to) (?:argue|debate|"
    r"disagree|dispute)\b|\b(?:are|were) (?:many|various|disputed|unclear|uncertain)\b|"
    r"\b(?:is|are) (?:disputed|unclear|uncertain|not (?:known|clear|settled))\b",
    re.IGNORECASE,
)
# "The authority's own report then concludes that…": what a pointer, once resolved, says someone else holds
_REPORTS = re.compile(
    rf"^(?!(?:i|we)\b)[^,;:]{{3,80}}?\s(?:\w+ly\s+|then\s+|also\s+)?(?:{SAYS}|concludes?|finds?|reports?|"
    r"states?|estimates?|recommends?|proposes?)\s+that\b",
    re.IGNORECASE,
)

# Prompt kinds: the kind of claim, or "others" for a view the reading attributes to others.
KINDS = ("recommendation", "prediction", "causal", "value", "comparison", "interpretation", "others")

__all__ = [
    "CLAIM_KINDS",
    "CLAIM_THRESHOLD",
    "DUPLICATE_COSINE",
    "KINDS",
    "ClaimScore",
    "Counterpoint",
    "Prompt",
    "PromptDeck",
    "Rotation",
    "Side",
    "claim_score",
    "prompt_id",
]


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


def _shorter_pairs(claim: str, reply: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Shorter (view, answer) wordings of a two-sided prompt: trimmed, then cut to one clause.

    Both lists go least cut first. Of the one-clause wordings, those sharing most words with
    the other side come first: the half of a view that the author's answer takes up ("the
    letter will return when people are less hurried" against "habits lost in one generation
    are seldom found again").
    """
    claim_trims, claim_halves = alternatives(claim)
    reply_trims, reply_halves = alternatives(reply)

    def by_overlap(options: list[str], other: str) -> list[str]:
        theirs = set(content_terms(other))
        return sorted(options, key=lambda o: (-len(set(content_terms(o)) & theirs), options.index(o)))

    def combined(claims: list[str], replies: list[str]) -> list[tuple[str, str]]:
        pairs = [(i, j) for i in range(len(claims)) for j in range(len(replies))]
        return [(claims[i], replies[j]) for i, j in sorted(pairs, key=lambda ij: (sum(ij), ij))]

    trimmed = combined([claim, *claim_trims], [reply, *reply_trims])[1:]
    claims = [claim, *claim_trims, *by_overlap(claim_halves, reply)]
    replies = [reply, *reply_trims, *by_overlap(reply_halves, claim)]
    halves = [pair for pair in combined(claims, replies) if pair not in trimmed and pair != (claim, reply)]
    return trimmed, halves


_Claim = tuple[float, Unit, tuple[str, int], bool]  # rank, claim, (document, paragraph), second of its ¶


def _by_turns(ranked: list[_Claim]) -> list[_Claim]:
    """Claims ranked best first, taken in turns from each document: each one's best, then the next.

    In a reading of several documents the question frames, each serving two prompts of the
    deck, are then not all spent on the documents whose claims rank highest. With one
    document the order is unchanged.
    """
    queues: dict[str, list[_Claim]] = {}
    for claim in ranked:
        queues.setdefault(claim[2][0], []).append(claim)
    turns = itertools.zip_longest(*queues.values())
    return [claim for turn in turns for claim in turn if claim is not None]


def turned(sentence: str, answer: str) -> bool:
    """Whether `sentence` is what the author grants before turning to what else is true of it.

    "Winter swimming will not make the Lido pay for itself. But it will keep the regulars…",
    "The hall is not a handsome building. But it stands where…": a short statement of one
    clause, answered at once (`answer`, the next sentence) by one that takes up its subject by
    a pronoun. The author's position is the answer; a call or a recommendation ("We should
    build it. But it will cost…") stays the author's own.
    """
    text = " ".join(sentence.split())
    if not _TAKEN_UP.match(" ".join(answer.split())) or re.search(r"[;:]", text):
        return False
    if len(_WORD.findall(text)) > _TURN_MAX_WORDS or claim_score(text).kind == "recommendation":
        return False
    return not calls_on_others(text)


def _argues(text: str) -> float:
    """How much a clause argues (to pick the clause of a long sentence that carries the claim)."""
    return claim_score(text).score


class Rotation:
    """A list of prompts dealt to channels without repeats: reading order, then reshuffled cycles.

    Subclasses set ``prompts`` and ``_by_id``.
    """

    prompts: list[Prompt]
    _by_id: dict[str, Prompt]

    def __len__(self) -> int:
        return len(self.prompts)

    def __iter__(self) -> Iterator[Prompt]:
        return iter(self.prompts)

    @property
    def ids(self) -> list[str]:
        """Prompt ids in deck (reading) order."""
        return [p.id for p in self.prompts]

    def get(self, prompt_id: str) -> Prompt | None:
        """The prompt with this id, or None if the deck no longer has it."""
        return self._by_id.get(prompt_id)

    # ------------------------------------------------------------------ rotation

    def order(self, cycle: int) -> list[str]:
        """The deck's ids in the order cycle `cycle` deals them.

        Cycle 1 follows the reading; later cycles are reshuffled, deterministically per
        cycle (each id's place depends only on the cycle and the id, so prompts that join
        the deck do not reorder the others). A cycle never opens with the prompt that
        closed the previous one.
        """
        ids = self.ids
        if cycle <= 1 or len(ids) < 2:
            return ids
        if len(ids) == 2:  # alternate, so that no prompt is dealt twice in a row
            return ids if cycle % 2 else ids[::-1]
        order = self._shuffled(cycle)
        # A swap only moves the first two places, so the previous cycle ended with this:
        previous_last = ids[-1] if cycle == 2 else self._shuffled(cycle - 1)[-1]
        if order[0] == previous_last:
            order[0], order[1] = order[1], order[0]
        return order

    def _shuffled(self, cycle: int) -> list[str]:
        return sorted(self.ids, key=lambda i: hashlib.sha1(f"{cycle}:{i}".encode()).hexdigest())

    def next_for(self, used_ids: Sequence[str], cycle: int = 1) -> tuple[Prompt, int] | None:
        """The next prompt for a channel, and the cycle it belongs to.

        `used_ids` are the prompts the channel has had in its current `cycle` (ids no longer
        in the deck are ignored). Returns the first unused prompt of that cycle's order; once
        every prompt has been used, the first prompt of cycle ``cycle + 1`` — the caller then
        starts a fresh list of used ids. None only when the deck is empty.
        """
        if not self.prompts:
            return None
        cycle = max(1, cycle)
        used = set(used_ids)
        for pid in self.order(cycle):
            if pid not in used:
                return self._by_id[pid], cycle
        return self._by_id[self.order(cycle + 1)[0]], cycle + 1


class PromptDeck(Rotation):
    """The reading's debate prompts, in reading order, with deterministic rotation.

    Build with :meth:`build`. ``prompts`` holds the deck; ``argumentative`` lists the
    (document, paragraph) pairs whose best sentence reaches :data:`CLAIM_THRESHOLD`, each
    of which has at least one prompt.
    """

    def __init__(self, units: Units, embedder: Embedder | None) -> None:
        self._units = units
        self._embedder = embedder
        self.prompts: list[Prompt] = []
        self.argumentative: list[tuple[str, int]] = []
        self._claims: dict[str, Unit] = {}
        self._by_id: dict[str, Prompt] = {}
        self._other = OtherSide(units)
        self._frames: Counter[str] = Counter()  # question frames the deck has used, with their uses
        self._readers: dict[str, str | None] = {}  # whom each document addresses as "you"

    @property
    def holders(self) -> dict[str, str]:
        """Each document's author as the questions name them ("" where the reading names nobody)."""
        return {d: ("" if n == questions.ANONYMOUS else n) for d, n in self._units.holders.items()}

    # ------------------------------------------------------------------ building

    @classmethod
    def build(cls, index: Index, embedder: Embedder | None = None) -> PromptDeck:
        """Select the reading's claims and write a prompt for each.

        Uses the index's stored vectors; with an `embedder`, list lines get their own
        vectors and questions can name the claim's topic.
        """
        units = Units(index, embedder)
        deck = cls(units, embedder)
        centroids = units.centroids()
        candidates: list[tuple[float, Unit, tuple[str, int]]] = []
        for key, group in units.paragraphs():
            ranked = sorted(group, key=lambda u: (-u.score.score, u.order))
            if ranked[0].score.score >= CLAIM_THRESHOLD:
                deck.argumentative.append(key)
            debate = deck._debated(group)
            if debate is not None:  # the paragraph sets two sides against each other
                reply = deck._reply(debate)
                strength = max(deck._rank(debate, centroids), deck._rank(reply, centroids) if reply else 0.0)
                candidates.append((strength + DEBATE_BONUS, debate, key))
            for u in ranked:
                quoted = set_against(u.text, units.is_name)
                arguable = u.score.score >= CANDIDATE_MIN or (u.score.score >= -1.0 and quoted)
                if arguable and u is not debate and not deck._setup(u):
                    candidates.append((deck._rank(u, centroids), u, key))
        # The strongest claims first, one per paragraph, at most DECK_MAX per document; a claim
        # whose question cannot be built gives way to the next. The deck keeps reading order.
        candidates.sort(key=lambda c: (-c[0], c[1].order))
        made: list[tuple[Unit, Prompt]] = []
        taken: Counter[tuple[str, int]] = Counter()
        per_document: dict[str, int] = {}
        chosen: list[Unit] = []
        long_paragraphs = {
            key for key, group in units.paragraphs() if len(group) >= SECOND_CLAIM_MIN_SENTENCES
        }
        filling = [  # (claims that argue: no report, narration or figures)
            c
            for c in candidates
            if FILL_RANK <= c[0] < MIN_RANK
            and not _report_penalty(c[1].text)
            and not re.search(r"\d", c[1].text)
        ]
        strong = [c for c in candidates if c[0] >= MIN_RANK]
        # then a deck short of DECK_FILL takes a second strong claim of a paragraph (a letter's call
        # and its closing line), before weaker claims of paragraphs not yet asked
        seconds = [(r, u, k, True) for r, u, k in strong if r >= SHORT_DECK_SECOND_RANK]
        firsts = [(r, u, k, False) for r, u, k in strong]
        passes = [
            *_by_turns(firsts),
            *_by_turns(seconds),
            *_by_turns([(r, u, k, False) for r, u, k in filling]),
        ]
        documents = {key[0] for key, _ in units.paragraphs()}
        most = DECK_MAX if len(documents) <= 2 else SEVERAL_DOCUMENTS_MAX
        for rank, u, key, second in passes:
            count = per_document.get(key[0], 0)
            if (rank < MIN_RANK or second) and count >= DECK_FILL:
                continue  # a deck short of DECK_FILL takes weaker claims, from paragraphs not yet asked
            if count >= most or u in chosen or deck._duplicate(u, chosen):
                continue
            limit = 2 if (key in long_paragraphs and rank >= SECOND_CLAIM_RANK) or second else 1
            if taken[key] >= limit:
                continue  # one claim per paragraph; a long one may give a second strong one
            if rank < MIN_RANK and taken[key]:
                continue
            # a frame serves at most two prompts of the whole deck, however many documents it reads
            prompt = deck._prompt(u, used=deck._frames, record=True)
            if prompt is None:
                continue  # no question can be built from it: better left out than asked generically
            deck._frames[prompt.template] += 1
            taken[key] += 1
            per_document[key[0]] = per_document.get(key[0], 0) + 1
            chosen.append(u)
            if prompt.sides:  # the author's answer is asked in this prompt: not again as a claim of its own
                reply = deck._reply(u)
                chosen.extend([reply] if reply is not None else [])
            made.append((u, prompt))
        for u, prompt in sorted(made, key=lambda m: m[0].order):
            deck.prompts.append(prompt)
            deck._claims[prompt.id] = u
            deck._by_id[prompt.id] = prompt
        return deck

    def _rank(self, unit: Unit, centroids: Mapping[str, np.ndarray]) -> float:
        """How good a day's discussion the claim promises: how much it argues, and how central it is."""
        units = self._units
        centroid = centroids.get(units.passage(unit).document)
        central = float(units.vectors[unit.vector_row] @ centroid) if centroid is not None else 0.0
        words = len(_WORD.findall(unit.text))
        length = -1.0 if words > LONG_CLAIM_WORDS else 0.0
        # a long sentence whose first clause is quotable is asked on that clause: "Society in every
        # state is a blessing, but government … is but a necessary evil; in its worst state…"
        text = unit.text
        if points_back(text):  # "That is not a housing policy; …" ranks as what it says of the plan before
            previous = self._previous(unit)
            text = resolve_pointers(text, previous.text if previous else None) or text
        head = re.split(r";|:\s", text, maxsplit=1)[0]
        if (len(_WORD.findall(head)) <= QUOTABLE_WORDS and _quotable(head)) or (
            head == text and set_against(text, units.is_name)
        ):
            length = QUOTABLE_BONUS  # "Time makes more converts than reason.": what people quote
        if calls_on_others(text):
            length += CALL_BONUS
        argues = min(unit.score.score, SCORE_CAP) - _report_penalty(unit.text)
        if self._announced(unit):
            argues -= ANNOUNCED_PENALTY
        return argues + CENTRALITY_WEIGHT * central + length

    def _announced(self, unit: Unit) -> bool:
        """A view the author announces for others ("The board's argument is easy to state. X…")."""
        if ":" in unit.text and announces_view(unit.text.split(":", 1)[0] + ":"):
            return True
        before = self._previous(unit)
        for _ in range(2):  # the announcement, then at most one more sentence of the view
            if before is None or _ANSWERED.match(unit.text.strip()):
                return False
            if announces_view(before.text):
                return True
            before = self._previous(before)
        return False

    def _following(self, unit: Unit) -> list[Unit]:
        """The sentences after `unit` in its passage, at most three.

        When fewer follow and one of them grants the view, the next paragraph's first sentence
        too if it opens on a contrast: the author may grant a view to the end of its paragraph
        and answer it in the next ("We take this objection seriously. …" then "But the cap we
        propose is not …").
        """
        siblings = self._units.by_row[unit.row]
        at = siblings.index(unit)
        after = siblings[at + 1 : at + 4]
        if len(after) < 3 and any(acknowledges(a.text) for a in after):
            opening = self._next_paragraph_opening(siblings[-1])
            if opening is not None and _ANSWERED.match(opening.text.strip()):
                after.append(opening)
        return after

    def _next_paragraph_opening(self, last: Unit) -> Unit | None:
        """The first sentence of the body paragraph right after `last`'s, in the same document."""
        units = self._units
        here = units.passage(last)
        for after in units.units[last.order + 1 : last.order + 8]:
            there = units.passage(after)
            if (there.document, there.paragraph) == (here.document, here.paragraph):
                continue
            same_section = (
                there.document == here.document
                and there.paragraph == here.paragraph + 1
                and there.section == here.section
            )
            if not same_section or there.kind not in CLAIM_KINDS or after.row in units.meta_rows:
                return None
            return after
        return None

    def _setup(self, unit: Unit) -> bool:
        """A concession or setup the author answers at once ("It is true that…" followed by "But…").

        Also what the author grants after saying so ("I understand why. A new stadium is a handsome
        thing to promise, … But I was elected to…"), or grants in the sentence itself.
        """
        following = self._next(unit)
        later = self._units.by_row[unit.row]
        at = later.index(unit)
        if _LEAVES_OPEN.search(unit.text) and any(
            _ANSWERED.match(u.text.strip()) for u in later[at + 1 : at + 3]
        ):
            return True  # granted open, then answered within two sentences
        if any(turned(unit.text, u.text) for u in later[at + 2 : at + 3]):
            return True  # "A review is a useful servant. It tells us … But it is a bad master": granted
        if following is None or not _ANSWERED.match(following.text.strip()):
            return False
        previous = self._previous(unit)
        granted = acknowledges(unit.text) or (previous is not None and acknowledges(previous.text))
        return bool(_CONCEDES.search(unit.text)) or granted or turned(unit.text, following.text)

    def _duplicate(self, unit: Unit, others: Sequence[Unit]) -> bool:
        """True when `unit` says nearly what one of `others` says."""
        if not others:
            return False
        vectors = self._units.vectors
        sims = vectors[[o.vector_row for o in others]] @ vectors[unit.vector_row]
        if float(sims.max()) >= DUPLICATE_COSINE:
            return True
        terms = set(content_terms(unit.text))
        for o in others:
            other = set(content_terms(o.text))
            if terms and other and len(terms & other) / len(terms | other) >= 0.6:
                return True
        return False

    def _debated(self, group: Sequence[Unit]) -> Unit | None:
        """A view the paragraph reports and answers at once, if it has one worth a two-sided prompt."""
        for u in group:
            if u.score.score >= REBUTTED_MIN_SCORE and self.voice(u).kind == REBUTTED and self._reply(u):
                return u
        return None

    def _previous(self, unit: Unit) -> Unit | None:
        """The sentence before `unit` in its passage, if any."""
        units = self._units
        here = units.passage(unit)
        for before in reversed(units.units[max(0, unit.order - 4) : unit.order]):
            there = units.passage(before)
            if (there.document, there.paragraph) != (here.document, here.paragraph):
                return None
            if before.text != unit.text:  # (windows overlap: the same sentence twice)
                return before
        return None

    def _next(self, unit: Unit) -> Unit | None:
        """The sentence after `unit` in its passage, if any."""
        siblings = self._units.by_row[unit.row]
        at = siblings.index(unit)
        return siblings[at + 1] if at + 1 < len(siblings) else None

    def voice(self, unit: Unit) -> Voice:
        """Whose view the claim states (a list item inherits its introduction's holder)."""
        following = self._next(unit)
        after = self._following(unit)
        answer = answer_at([a.text for a in after])  # "But …", or after "That is a fair worry."
        if self._units.framed[unit.order]:  # in someone else's words: asked in their name, or not at all
            named = voice_of(unit.text)  # "Others will say that …" names its holders itself
            if named.others and named.holder and unit.order not in self._units.list_holders:
                # "It will be objected that X. I grant that … But …": answered, so two-sided
                return Voice(REBUTTED if answer is not None else REPORTED, named.holder, named.plural)
            return Voice(REPORTED, self._units.list_holders.get(unit.order, ""), True)
        answering = after[answer] if answer is not None else following
        voice = voice_of(unit.text, answering.text if answering else None)
        if answer is not None and voice.kind == REPORTED:  # answered after a bare grant ("Perhaps it will.")
            voice = Voice(REBUTTED, voice.holder, voice.plural)
        if voice.others and not voice.holder:  # "They argue that …": who they are, from the sentence before
            previous = self._previous(unit)
            resolved = resolve_opening(unit.text, previous.text) if previous is not None else None
            found = voice_of(resolved) if resolved else None
            if found is not None and found.others and found.holder:
                first, _, rest = found.holder.partition(" ")
                holder = (
                    found.holder
                    if self._units.is_name(first)
                    else first.lower() + (" " + rest if rest else "")
                )
                voice = Voice(voice.kind, holder, voice.plural)
        if voice.kind == AUTHOR and self._units.passage(unit).kind == LIST:
            intro = self._units.by_row[unit.row][0]
            if intro is not unit:
                found = voice_of(intro.text)
                if found.kind != AUTHOR:
                    voice = Voice(found.kind, found.holder, found.plural)
        return voice

    def _prompt(
        self, unit: Unit, *, used: Mapping[str, int], record: bool = False, topic: str | None = None
    ) -> Prompt | None:
        """The prompt for one claim, or None when no question can be built from it.

        The question carries the claim's compressed proposition (:func:`.compress.core`) in
        its holder's name, with a frame `used` fewer than twice; a rebutted view with the
        author's answer next to it becomes a two-sided prompt, both sides quoted.
        """
        units = self._units
        passage = units.passage(unit)
        voice = self.voice(unit)
        kind = "others" if voice.others else unit.score.kind
        # in a transcript, whoever says it holds it (not the document's author)
        spoken = speaker_name(passage.speaker)
        speaker = questions.Speaker(spoken or units.holders.get(passage.document, questions.ANONYMOUS))
        claim = core(unit.text, units.is_name, _argues, reported=voice.others)
        of = re.match(r"^\w+ of ((?:the |this |such )?[\w\-]+(?: [\w\-]+)?)$", voice.holder or "")
        if claim is None and of is not None:  # "Supporters of homework say that it builds…": "it" is homework
            named = re.sub(r"\bthat (?:it|they) (?=\w)", f"that {of.group(1)} ", unit.text, count=1)
            claim = core(named, units.is_name, _argues, reported=True) if named != unit.text else None
        if claim is None:  # "It has neither force nor will…", "that spending": the sentence before says what
            previous = self._previous(unit)
            resolved = resolve_pointers(unit.text, previous.text if previous else None)
            if resolved is not None and _REPORTS.match(resolved) and not voice.others:
                resolved = None  # "It then concludes that…" after "The report…": the report's view, not asked
            if resolved is not None:
                claim = core(resolved, units.is_name, _argues, reported=voice.others)
        if claim is not None and not voice.others and not spoken:  # a letter's "you": its readers
            claim = to_addressees(claim, self._addressees(passage.document))
        pid = prompt_id(passage.id, unit.text)
        reply_unit = self._reply(unit) if voice.kind == REBUTTED else None
        if voice.kind == REBUTTED and reply_unit is None:
            voice = Voice(REPORTED, voice.holder, voice.plural)  # no answer to quote: asked as reported
        reply = core(reply_unit.text, units.is_name, _argues) if reply_unit is not None else None
        two_sided = voice.kind == REBUTTED and claim and reply
        trimmed, halves = _shorter_pairs(claim, reply) if two_sided and claim and reply else ([], [])
        wording = questions.write(unit.score.kind, voice, speaker, claim, pid, used, reply, trimmed, halves)
        shorter = shorten(claim) if wording is None and claim else None
        if shorter is not None:  # the question was too long with the whole core: without its last modifier
            wording = questions.write(unit.score.kind, voice, speaker, shorter, pid, used, reply)
        if wording is None:
            return None
        sides: tuple[Side, ...] = ()
        counter: Counterpoint | None = None
        if reply_unit is not None:
            answer = units.passage(reply_unit)
            sides = (
                Side(wording.answers[0], voice.holder, unit.text, passage.document, passage.title,
                     passage.paragraph, passage.id),
                Side(wording.answers[1], speaker.name, reply_unit.text, answer.document, answer.title,
                     answer.paragraph, answer.id),
            )  # fmt: skip
        else:
            counter = self._other.counterpoint(unit, voice, record=record)
        holder = voice.holder if voice.others else (speaker.name if speaker.known else "")
        return Prompt(
            id=pid,
            question=wording.question,
            quote=unit.text,
            document=passage.document,
            title=passage.title,
            section=passage.section,
            paragraph=passage.paragraph,
            passage_id=passage.id,
            kind=kind,
            topic=topic or section_topic(passage, units) or "",
            template=wording.template,
            score=unit.score.score,
            counterpoint=counter,
            angles=self._other.angles(unit, counter, voice),
            voice=voice.kind,
            holder=holder,
            answers=wording.answers,
            sides=sides,
            stances=wording.stances,
        )

    def _addressees(self, document: str) -> str | None:
        """Whom the document addresses as "you", when it says so ("those who keep a shop")."""
        if document not in self._readers:
            texts = (p.text for p in self._units.index.passages if p.document == document)
            self._readers[document] = next((who for t in texts if (who := addressees(t))), None)
        return self._readers[document]

    def _topic_claim(self, unit: Unit) -> bool:
        """Whether a sentence may be a topic's claim: whole, arguing and no report or concession."""
        return (
            bool(self._units.claimable[unit.order])
            and unit.score.score - _report_penalty(unit.text) >= TOPIC_MIN_SCORE
            and not self._setup(unit)
            and not self._announced(unit)
        )

    def _reply(self, unit: Unit) -> Unit | None:
        """The author's answer to a rebutted view: the sentence that answers, as one quotable unit.

        When that sentence cannot be asked on its own ("That is the oldest threat in the
        business, …"), the next sentence of the answer that can ("A team that stays only for a
        subsidy has not chosen us; …").
        """
        after = self._following(unit)
        answer = answer_at([a.text for a in after])  # "I allow the force of this argument. But…"
        if answer is None:
            following = self._next(unit)
            return following if following is not None and self._answers(following) else None
        answering = self._units.passage(after[answer])
        for reply in after[answer : answer + 2]:
            there = self._units.passage(reply)
            if (there.document, there.paragraph) != (answering.document, answering.paragraph):
                break
            if self._answers(reply):
                return reply
        return None

    def _answers(self, reply: Unit) -> bool:
        """Whether a sentence can state the author's answer: quotable, with a core of its own."""
        units = self._units
        return claimable(reply.text, units.passage(reply).text) and (
            core(reply.text, units.is_name, _argues) is not None
        )

    def to_json(self) -> dict[str, object]:
        """The whole deck as JSON (for `agora prompts --json`)."""
        return {
            "count": len(self.prompts),
            "argumentative_paragraphs": [{"document": d, "paragraph": n} for d, n in self.argumentative],
            "prompts": [p.to_json() for p in self.prompts],
        }

    def sentence_for(self, passages: Sequence[Passage], question: str) -> tuple[Passage, str] | None:
        """The sentence of a paragraph (its `passages`) that a moderator's question is about.

        The claimable sentence closest in meaning to the question (with an embedder), else
        the paragraph's strongest claim; None when the paragraph has no whole sentence.
        """
        units = self._units
        rows = {r for r, p in enumerate(units.index.passages) if p in passages}
        candidates = [u for r in sorted(rows) for u in units.by_row.get(r, []) if units.claimable[u.order]]
        if not candidates:
            candidates = [
                u for r in sorted(rows) for u in units.by_row.get(r, []) if len(u.text.split()) >= 4
            ]
        if not candidates:
            return None
        if self._embedder is not None:
            query = self._embedder.encode([question])[0]
            best = max(candidates, key=lambda u: float(units.vectors[u.vector_row] @ query))
        else:
            best = max(candidates, key=lambda u: (u.score.score, -u.order))
        return units.passage(best), best.text

    # ------------------------------------------------------------------ topics

    def for_topic(self, topic: str, retriever: Retriever) -> Prompt | None:
        """A prompt about `topic`, or None when the reading has nothing on it.

        Coverage is judged as for questions (the retriever's score relative to unrelated
        probe questions must reach ``Retriever.z_answer``), except that a short topic whose words all
        stand in the best passage ("classes") needs only :data:`TOPIC_Z_NAMED`: one word
        scores lower against the probes than a question does. The deck's prompt from the best-matching
        paragraph(s) is preferred when its claim is about as relevant as their most relevant
        sentence; otherwise a prompt is written for that sentence (same id scheme, not part
        of the deck's rotation). Raises QuestionError for an empty topic.
        """
        text, _ = clean_question(topic)
        units = self._units
        passages = units.index.passages
        query = retriever.embedder.encode_queries([text])[0]
        blended, _ = retriever.scores(text, query)
        if len(blended) != len(passages):
            raise ValueError("The retriever and the deck were built from different indexes.")
        rows = [r for r in range(len(passages)) if r not in units.meta_rows]
        if not rows:
            return None
        top = max(rows, key=lambda r: (float(blended[r]), -r))
        best = float(blended[top])
        z = retriever.relative(best)
        named = set(content_terms(text)) <= set(content_terms(passages[top].text))
        if z < retriever.z_answer and not (named and z >= TOPIC_Z_NAMED):
            return None  # a topic the reading uses word for word needs a weaker match than a question
        near = [r for r in rows if float(blended[r]) >= best - TOPIC_MARGIN]
        sentences = [u for r in near for u in units.by_row.get(r, []) if self._topic_claim(u)]
        if not sentences:
            return None

        terms = set(content_terms(text))

        def relevance(u: Unit) -> float:  # about the topic (naming it), and a claim rather than a bare fact
            claimness = max(-1.0, min(1.0, u.score.score / 5))
            naming = TOPIC_NAMED_BONUS if terms and terms <= set(content_terms(u.text)) else 0.0
            return float(units.vectors[u.vector_row] @ query) + 0.15 * claimness + naming

        unit = max(sentences, key=relevance)
        places = {(passages[r].document, passages[r].paragraph) for r in near}
        dealt = [p for p in self.prompts if (p.document, p.paragraph) in places]
        if dealt:
            prompt = max(dealt, key=lambda p: relevance(self._claims[p.id]))
            if relevance(self._claims[prompt.id]) >= relevance(unit) - 0.1:
                return prompt
        words = text.split()
        named = text.rstrip(".!") if len(words) <= 5 and not text.endswith("?") else None
        if named and (phrase_problem(named) or not named[:1].isalpha()):
            named = None
        # The most relevant sentence whose question can be built (the deck's checks hold for topics
        # too), with a frame the deck uses least, so the topic's prompt does not read like another.
        # Then the next passages about as relevant (the best one may hold only views no question
        # can be asked about, such as a list of objections whose holders it does not name).
        wider = sorted(
            (r for r in rows if r not in near and float(blended[r]) >= best - TOPIC_WIDER_MARGIN),
            key=lambda r: -float(blended[r]),
        )[:TOPIC_WIDER_ROWS]
        further = [u for r in wider for u in units.by_row.get(r, []) if self._topic_claim(u)]
        # Then paragraphs further down that name the topic ("the permanent tenure of judicial offices"),
        # when the best ones only announce it ("Second. As to the tenure by which the judges…; this…").
        naming = sorted(
            (
                r
                for r in rows
                if r not in near
                and r not in wider
                and terms <= set(content_terms(passages[r].text))
                and retriever.relative(float(blended[r])) >= TOPIC_Z_NAMED
            ),
            key=lambda r: -float(blended[r]),
        )[:TOPIC_WIDER_ROWS]
        named_further = [u for r in naming for u in units.by_row.get(r, []) if self._topic_claim(u)]
        for group in (sentences, further, named_further):
            for candidate in sorted(group, key=relevance, reverse=True)[:TOPIC_TRIES]:
                prompt = self._prompt(candidate, used=self._frames, topic=named) or self._prompt(
                    candidate, used={}, topic=named
                )
                if prompt is not None:
                    return prompt
        return None
