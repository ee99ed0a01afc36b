"""The deck: the reading's claims, each with a question, the other side and a poll.

No language model is needed (see :mod:`.generator` for the optional one): claims are
*extracted*, questions come from frames (:mod:`.questions`).

1. Claims (:mod:`.cues`). Every sentence of a body passage (never the title, byline or
   disclaimer; never a heading, list fragment, boilerplate or all-caps text) is scored for
   how much it argues. A paragraph is *argumentative* when its best sentence reaches
   :data:`CLAIM_THRESHOLD`; the deck quotes the best claim of argumentative paragraphs,
   plus a second strong claim from long paragraphs, and drops near-duplicates (sentence
   embeddings closer than :data:`DUPLICATE_COSINE`).
2. Whose view (:mod:`.voice`, read with the sentences around it by :mod:`.context`): the
   author's own, one the author reports (and whose), or one the author rebuts — then the
   prompt is two-sided, both sides quoted and cited, and the poll's answers are the sides.
3. Questions (:mod:`.questions`): restate the claim or name its subject (:mod:`.topics`),
   never one frame twice in a deck; a claim left without a frame is left out.
4. The other side (:mod:`.counterpoints`): for the author's claim, the sentence of another
   paragraph that is close in meaning and sets itself against it; for a reported view, the
   author's own argument. For / Against angles quote whole sentences of the reading, or
   are left out.

Prompt ids hash the passage id (itself a hash of the paragraph's text) and the claim, so
unchanged paragraphs keep their prompts' ids across rebuilds (:mod:`.prompt`). Rotation is
deterministic (:mod:`.rotation`): :meth:`PromptDeck.next_for` walks the deck in reading order,
then in a reshuffled order per cycle.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from bot.core.prompts import questions
from bot.core.prompts.compress import alternatives, core, shorten
from bot.core.prompts.context import Context
from bot.core.prompts.context import argues as _argues
from bot.core.prompts.counterpoints import Counterpoint, OtherSide
from bot.core.prompts.cues import WORD as _WORD
from bot.core.prompts.cues import imperative
from bot.core.prompts.holders import chairs, speaker_name
from bot.core.prompts.openers import PROPOSAL, VOCATIVE
from bot.core.prompts.prompt import Prompt, Side, prompt_id
from bot.core.prompts.quality import addressed_you, phrase_problem, table_row
from bot.core.prompts.ranking import (
    calls_on_others,
    figure,
    house_fact,
    house_rule,
    proposal,
    set_against,
    stated_fact,
    told,
)
from bot.core.prompts.ranking import quotable as _quotable
from bot.core.prompts.ranking import report_penalty as _report_penalty
from bot.core.prompts.references import (
    addressees,
    generalize_class,
    petitioned,
    points_back,
    resolve_pointers,
    to_addressees,
)
from bot.core.prompts.rotation import Rotation
from bot.core.prompts.topics import section_topic
from bot.core.prompts.units import Unit, Units
from bot.core.prompts.voice import (
    AUTHOR,
    REBUTTED,
    REPORTED,
    SAYS,
    Voice,
    as_report,
    quoted_view,
    voice_of,
    without_aside,
)
from bot.core.reading.exports import turn_speaker
from bot.core.reading.passages import BODY, LIST, Passage
from bot.core.search.answer import clean_question
from bot.core.search.embedder import Embedder
from bot.core.search.index import Index
from bot.core.search.retrieval import Retriever
from bot.core.text.words import content_terms

__all__ = ["CLAIM_THRESHOLD", "DUPLICATE_COSINE", "PromptDeck"]

CLAIM_THRESHOLD = 2.0  # a paragraph is argumentative when its best sentence scores this
SECOND_CLAIM_RANK = 5.0  # a second claim from the same paragraph must rank this high
SECOND_CLAIM_MIN_SENTENCES = 4  # ... and the paragraph must be this long
DUPLICATE_COSINE = 0.85  # claims at least this similar are near-duplicates
TOPIC_MARGIN = 0.04  # passages this close to the best match all count for a topic
TOPIC_Z_NAMED = 1.5  # a topic whose words all stand in the best passage counts from this relative score
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
SPEAKER_FILL_RANK = 1.5  # ... and then, in an exchange, each speaker not yet asked their best claim from this
ANNOUNCED_PENALTY = 6.0  # a view announced for others ("The board's argument is easy to state.") is theirs
DEBATE_BONUS = 1.0  # a view the author answers at once makes a good two-sided prompt (ranked as its answer)
SCORE_CAP = 6.0  # cue scores beyond this say little more
CENTRALITY_WEIGHT = 4.0  # closeness to the document as a whole, in cue-score points per unit of cosine
LONG_CLAIM_WORDS = 45
QUOTABLE_WORDS = 30  # a sentence this short that states a contrast in the present is quotable ...
QUOTABLE_BONUS = 2.0  # ... and ranks this much higher
FACT_PENALTY = 4.0  # the clause a question would ask tells a particular fact: nobody's position
FIGURE_BONUS = 4.0  # a short statement turning on a word said twice is what a text is quoted by
CALL_BONUS = 1.0  # the writer's call on others to act ("We ask the board to reject the plan.") ranks higher
THESIS_SCORE = 3.0  # a thesis over two sentences ("We do not oppose X. We oppose Y.") argues this much
INSTRUCTIONS_SHARE = 0.3  # a document this much in the imperative is a set of instructions (a how-to guide)
PROPOSALS_MAX = 3  # numbered proposals asked from one paragraph ("First, that…; Second, that…")
ADVICE_LIST_MAX = 2  # items asked from a list of advice that petitions no body
SHORT_DECK_SECOND_RANK = 4.5  # a deck short of DECK_FILL takes a second claim this strong from a paragraph
PARALLEL_WORDS = 4  # sentences of a paragraph opening on the same words this long are a parallel run ...
PARALLEL_PENALTY = 2.0  # ... each an example of the point they illustrate: ranked this much lower
# A form's field whose value is a note, not a sentence: "Reply: tidy, but spent too long re-summarising …"
# (a label's words capitalised: not "The order matters: buses … must come first")
_FIELD_VALUE = re.compile(r"^[A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*){0,2}:\s+[a-z]")
# What a how-to guide judges, not only tells: "better", "safer", "a mistake", "worth"
_JUDGES = re.compile(
    r"\b(?:better|worse|best|worst|safer|safest|safe|dangerous|mistake|wrong|right|worth|waste|should|ought|"
    r"never|always|easier|harder|cheaper|dearer|no substitute)\b",
    re.IGNORECASE,
)
# The title of an information page: its sentences tell how things are done, they argue nothing
_INFORMATION = re.compile(
    r"\b(?:handbook|how (?:\w+ ){1,4}works?|questions and answers|frequently asked|faqs?|q ?& ?a|"
    r"safety recall|product recall|recall notice|minutes of|house rules|terms and conditions|audio guide|"
    r"audio tour|guide script|route sheets?|syllabus|course outline|module guide|visitor information|"
    r"timetable|itinerary|user guide|user manual|instructions for use|"
    r"(?:pocket|field|visitors?['’]?|walkers?['’]?|quick|beginners?['’]?|trail) guide|a guide to|"
    r"how to use this guide|(?:discharge|aftercare|after-care|care|home care|patient|safety|operating|"
    r"assembly|installation|washing|cleaning) (?:instructions|advice sheet|sheet|notes)|instructions(?= *$)|"
    r"aftercare|patient information|information (?:sheet|leaflet|pack)|policy wording|schedule of cover|"
    r"code of (?:conduct|practice)|conditions of (?:entry|hire|use|membership)|safety data sheet|"
    # a manual, a job pack: "Owner's Manual and Recipe Guide", "JOB PACK", "Person specification"
    r"owner['’]?s['’]? (?:manual|handbook|guide)|instruction (?:manual|book|booklet|leaflet)|"
    r"recipe (?:guide|book)|"
    r"(?:job|recruitment|candidate|application|applicant) (?:pack|description|profile|information)|"
    r"person specification|role profile|"
    # a society's rule book: "RULES OF WRENFIELD … CO-OPERATIVE LIMITED", "Constitution of the … Club"
    r"(?:rules|constitution|by-?laws|standing orders) of(?= |$)|rules(?= *$)|articles of association|"
    r"memorandum of association|terms of reference)\b",
    re.IGNORECASE,
)
# The sections of a page that tells how things are run: a syllabus's "Assessment" and "Attendance", a
# service's "Opening hours", "Fees", "How to book" (three of them make an information page)
_ADMIN_HEADING = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:assessment|attendance|learning outcomes|weekly schedule|schedule|"
    r"timetable|deadlines|key dates|fees|prices|charges|costs?|opening (?:hours|times)|getting there|"
    r"how to (?:apply|book|find us|get there|join)|booking|eligibility|what to bring|accessibility|"
    r"requirements|policies|teaching "
    r"staff|contacts?|contact us|facilities|equipment|refunds|late submission|core reading|reading list|"
    r"office hours|parking|safety|terms|apologies(?: for absence)?|matters arising|any other business|"
    r"date of (?:the )?next meeting|declarations? of interests?|"
    r"minutes of the (?:last|previous) (?:meeting|agm)|"
    # a job pack's and a visitor page's parts
    r"(?:main |key )?(?:duties|responsibilities)(?: of the (?:post|role))?|person specification|salary|"
    r"(?:salary and )?benefits|what we offer|about the (?:role|post|job)|the (?:role|post)|job description|"
    r"admission|tickets|getting here|finding us|how to find us|directions)\W*$",
    re.IGNORECASE,
)
# A recipe's lines: "40 g medium oatmeal", "1.2 litres water", "2 tbsp olive oil", "Serves four" (a page with
# RECIPE_LINES of them tells how to cook, it argues nothing)
RECIPE_LINES = 4
_INGREDIENT = re.compile(
    r"(?im)^[ \t•*\-]*(?:\d+(?:[.,/]\d+)?|½|¼|¾|a|one|two|three|four|six)\s*(?:g|kg|ml|l|cl|oz|lb|lbs|"
    r"grams?|kilos?|litres?|liters?|millilitres?|pints?|tsp|tbsp|teaspoons?|tablespoons?|cups?|handfuls?|"
    r"pinch|knob|cloves?|tins?|cans?)\b[^\n]{0,60}$|^[ \t]*(?:serves|makes) (?:\d+|two|three|four|five|six|"
    r"eight|ten|twelve)\b"
)
# A guide's or a route's numbered parts: "Stop 4 — The Hothouse", "Stage 2: The climb", "Room 3", "Day 1"
_NUMBERED_PART = re.compile(
    r"^\W*(?:stop|stage|step|room|gallery|leg|day|station|point|section)\s+(?:\d+|[ivx]+|one|two|three|four|"
    r"five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)
# "The authority's own report then concludes that…": what a pointer, once resolved, says someone else holds
_LET = re.compile(r"^\W*let(?: us|['’]s)\b", re.IGNORECASE)  # "Let us redeem the time": the speaker's own
_REPORTS = re.compile(
    rf"^(?!(?:i|we)\b)[^,;:]{{3,80}}?\s(?:\w+ly\s+|then\s+|also\s+)?(?:{SAYS}|concludes?|finds?|reports?|"
    r"states?|estimates?|recommends?|proposes?)\s+that\b",
    re.IGNORECASE,
)


# The writer's request of the reader ("I would ask the reader, before he dismisses me, to try…",
# "I commend it to the reader as…"): the text's own business with its reader, nobody's position
_TO_READER = re.compile(
    r"\b(?:i|we)\s+(?:\w+\s+){0,2}?(?:ask|asks|beg|invite|commend|entreat|remind|refer|leave)\s+"
    r"(?:\w+\s+){0,2}?(?:to\s+)?(?:the|my|our)\s+readers?\b",
    re.IGNORECASE,
)
_THEN = re.compile(
    r"^(?:and\s+)?then,?\s+(?!again\b)", re.IGNORECASE
)  # "Then follow the sun…": the step after
# A bare call to vote on the motion: what it is about is said elsewhere ("I urge you to oppose the motion.")
_VOTE_CALL = re.compile(
    r"^(?:you|we|members|colleagues|the (?:house|council|meeting|committee|members))\s+should\s+(?:not\s+)?"
    r"(?:support|oppose|vote (?:for|against)|reject|back|accept|pass|defeat|carry)\s+(?:the|this)\s+"
    r"(?:motion|amendment|bill|resolution|measure)(?:\s+(?:before|in front of) (?:us|you|the \w+))?"
    r"(?:\s+(?:tonight|today|this evening))?$",
    re.IGNORECASE,
)
# A turn that speaks to someone by name: "Beth, you're the councillor with the safety brief."
_ADDRESSED = re.compile(r"^(?:[A-Z][a-z]+|[A-Z][a-z]+ [A-Z][a-z]+),\s+(?:you|your|you['’]\w+)\b")
_RUN_OPENER = re.compile(r"^(?:(?:and|but|so|or|nor|then)\b,?\s*)+", re.IGNORECASE)


_BUT_CLAUSE = re.compile(r",\s+(?:but|yet)\s+", re.IGNORECASE)


def _answered_within(sentence: str, claim: str) -> bool:
    """Whether `claim` is the clause after a reported view's ", but": the writer's answer to it.

    "The applicant says a higher figure would make the development unviable, but the Viability Assessment
    has been published with almost every figure blacked out." asks the writer's "but", not the applicant's.
    """
    parts = _BUT_CLAUSE.split(sentence, maxsplit=1)
    if len(parts) != 2:
        return False
    opening = " ".join(_WORD.findall(claim)[:4]).lower()
    before, after = (" ".join(_WORD.findall(p)).lower() for p in parts)
    return bool(opening) and opening in after and opening not in before


def parallel_runs(group: Sequence[Unit]) -> list[list[Unit]]:
    """Runs of sentences in one paragraph that open on the same words: set-ups of a point.

    "You do not need your own pool, because we have the baths. You do not need your own park,
    because…": each is one example of the point; asked one by one they are no claim (the point
    they illustrate is).
    """
    runs: dict[tuple[str, ...], list[Unit]] = {}
    for u in group:
        words = tuple(w.lower() for w in _WORD.findall(_RUN_OPENER.sub("", u.text))[:PARALLEL_WORDS])
        if len(words) == PARALLEL_WORDS:
            runs.setdefault(words, []).append(u)
    return [run for run in runs.values() if len(run) >= 2]


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


TURNED_DENIAL_WORDS = 16  # a denial this short may take its turn from the next sentence
_TURN_NEXT = re.compile(r"^(?:it|they)\s+(?:is|are|was|were)\s+(?!not\b|true\b|also\b|only\b)", re.IGNORECASE)


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
        self._context = Context(units)
        self._frames: Counter[str] = Counter()  # question frames the deck has used, with their uses
        self._readers: dict[str, str | None] = {}  # whom each document addresses as "you"
        self._bodies: dict[str, str | None] = {}  # the body each document asks to act, if it asks one
        self._steps: dict[str, bool] = {}  # whether each document is a how-to guide
        self._info: dict[str, bool] = {}  # whether each document is an information page (a handbook, an FAQ)

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
            parallel = {u.order for run in parallel_runs(group) for u in run}
            debate = deck._context.debated(group)
            if debate is not None:  # the paragraph sets two sides against each other
                reply = deck._context.reply(debate)
                strength = max(deck._rank(debate, centroids), deck._rank(reply, centroids) if reply else 0.0)
                candidates.append((strength + DEBATE_BONUS, debate, key))
            for u in ranked:
                quoted = set_against(u.text, units.is_name)
                stated = deck._context.thesis(u) is not None  # "We do not oppose X. We oppose Y."
                proposed = proposal(u.text)  # "First, that the chains be taken off every pump…"
                credited = u.score.score >= 0.0 and quoted_view(u.text) is not None  # ('"…," said Ms Doyle')
                arguable = (
                    u.score.score >= CANDIDATE_MIN
                    or (u.score.score >= -1.0 and quoted)
                    or stated
                    or proposed
                    or credited
                )
                if arguable and units.unheld(units.passage(u)):
                    continue  # a reader's comment under the page, its writer unnamed: not the page's view
                if arguable and deck._instructions(units.passage(u)) and not _JUDGES.search(u.text):
                    continue  # "A honing steel only straightens an edge": a guide's fact, nobody's position
                reported = voice_of(u.text).others  # (minutes' "Mr Ogilvie said that…": his view, kept)
                if (
                    arguable
                    and deck._information(units.passage(u).document)
                    and house_fact(u.text)
                    and not reported
                ):
                    continue  # "Hoses may be used only to fill cans": a handbook's rule, nobody's position
                if arguable and _FIELD_VALUE.match(u.text):
                    continue  # "Reply: tidy, but spent too long…": a form's field, its value a note
                if arguable and table_row(u.text):
                    continue  # "Witness: … — Main point put to us: …": the row's, not the writer's
                if arguable and told(u.text):
                    continue  # "A relay MUST NOT delay…", "Essay questions will be released in Week 4"
                if arguable and house_rule(u.text) and not reported and not calls_on_others(u.text):
                    continue  # "Fins may be used in the fast lane only", "Please cancel…": a rule, a request
                if arguable and (
                    _TO_READER.search(u.text)
                    or (_THEN.match(u.text) and imperative(_THEN.sub("", u.text, count=1), units.is_name))
                ):
                    continue  # "I would ask the reader to try…", "Then follow the sun…": nobody's position
                if arguable and u is not debate and not deck._context.setup(u):
                    penalty = PARALLEL_PENALTY if u.order in parallel else 0.0
                    candidates.append((deck._rank(u, centroids) - penalty, u, key))
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
        # then, in a debate, a chat or a thread, each speaker's best claim not yet asked: an exchange's
        # claims are spoken, with fewer of the cues an essay's have, and a deck of one speaker's is thin
        spoken: dict[str, list[_Claim]] = {}
        for r, u, k in candidates:
            who = units.speaker(units.passage(u))
            addressed = _ADDRESSED.match(u.text)  # ("Beth, you're the councillor with…": the host's cue)
            if who and SPEAKER_FILL_RANK <= r < FILL_RANK and not _report_penalty(u.text) and not addressed:
                if re.search(r"\d", u.text):
                    continue  # (figures: a turn's facts, as the fill's)
                spoken.setdefault(who, []).append((r, u, k, False))
        turns = sorted((claims[0] for claims in spoken.values()), key=lambda c: (-c[0], c[1].order))
        passes += turns
        documents = {key[0] for key, _ in units.paragraphs()}
        most = DECK_MAX if len(documents) <= 2 else SEVERAL_DOCUMENTS_MAX
        asked: set[str] = set()  # speakers with a prompt
        for rank, u, key, second in passes:
            count = per_document.get(key[0], 0)
            if rank < FILL_RANK and units.speaker(units.passage(u)) in asked:
                continue  # (a speaker's turn below the fill rank only for a speaker not yet asked)
            if (rank < MIN_RANK or second) and count >= DECK_FILL:
                continue  # a deck short of DECK_FILL takes weaker claims, from paragraphs not yet asked
            if count >= most or u in chosen or deck._duplicate(u, chosen):
                continue
            limit = 2 if (key in long_paragraphs and rank >= SECOND_CLAIM_RANK) or second else 1
            listed = units.passage(u).kind == LIST and imperative(u.text, units.is_name)  # a list of demands
            if proposal(u.text) or listed:
                limit = PROPOSALS_MAX  # a speaker's numbered proposals are asked each, not the first alone
                if listed and deck._petitioned(key[0]) is None:
                    limit = ADVICE_LIST_MAX  # the writer's own list of advice: its best items, not each
            if taken[key] >= limit:
                continue  # one claim per paragraph; a long one may give a second strong one
            if rank < MIN_RANK and taken[key]:
                continue
            # a frame serves at most two prompts of the whole deck, however many documents it reads
            prompt = deck._prompt(u, used=deck._frames, record=True)
            if prompt is None:
                continue  # no question can be built from it: better left out than asked generically
            deck._frames[prompt.template] += 1
            asked.add(units.speaker(units.passage(u)) or "")
            taken[key] += 1
            per_document[key[0]] = per_document.get(key[0], 0) + 1
            chosen.append(u)
            if prompt.sides:  # the author's answer is asked in this prompt: not again as a claim of its own
                reply = deck._context.reply(u)
                chosen.extend([reply] if reply is not None else [])
            made.append((u, prompt))
        said: set[tuple[str, str]] = set()  # an angle serves one prompt (claims of one list share them)
        for u, built in sorted(made, key=lambda m: m[0].order):
            angles = {side: text for side, text in built.angles.items() if (side, text) not in said}
            prompt = built if angles == built.angles else dataclasses.replace(built, angles=angles)
            said.update(prompt.angles.items())
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
        text = units.text(unit)
        if points_back(text):  # "That is not a housing policy; …" ranks as what it says of the plan before
            previous = self._context.previous(unit)
            text = resolve_pointers(text, previous.text if previous else None) or text
        head = re.split(r";|:\s", text, maxsplit=1)[0]
        if (len(_WORD.findall(head)) <= QUOTABLE_WORDS and _quotable(head)) or (
            head == text and set_against(text, units.is_name)
        ):
            length = QUOTABLE_BONUS  # "Time makes more converts than reason.": what people quote
        if head == text and figure(text):  # "He who knows only his own side of the case, knows little of …"
            length = FIGURE_BONUS
        if calls_on_others(text):
            length += CALL_BONUS
        # a fact is no claim, also when it is the clause the question would ask ("So they have; but
        # Glasgow has a million people to carry, and Huddersfield began with lines it had built")
        clause = core(units.text(unit), units.is_name, _argues)
        said = [clause, re.split(r",\s+and\s+", clause, maxsplit=1)[0]] if clause else []  # (its first half)
        penalty = max([_report_penalty(units.text(unit)), *(_report_penalty(c) for c in said)])
        reported = voice_of(units.text(unit)).others  # (what someone else holds is their position)
        reported = reported and not (clause and _answered_within(units.text(unit), clause))
        if clause and not reported and stated_fact(clause, units.is_name):  # ("Moscow is demanding …")
            penalty = max(penalty, FACT_PENALTY)
        argues = min(unit.score.score, SCORE_CAP) - penalty
        if self._context.announced(unit):
            argues -= ANNOUNCED_PENALTY
        if self._context.thesis(unit) is not None:  # "We do not oppose X. We oppose Y.": the writer's line
            argues, length = max(argues, THESIS_SCORE), QUOTABLE_BONUS
        if proposal(unit.text):  # "Second, that the Company be required…": what the speaker asks for
            argues = max(argues, THESIS_SCORE)
        return argues + CENTRALITY_WEIGHT * central + length

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
        if chairs(passage.speaker):
            return None  # the host's turn asks, introduces and sums up: nobody's side of the debate
        voice = self._context.voice(unit)
        own = units.said.get(unit.order)  # ("The panel recommends that…" in the panel's report: its own call)
        if own is not None:
            voice = Voice(AUTHOR, "", False)
        kind = "others" if voice.others else unit.score.kind
        # in a transcript, whoever says it holds it (not the document's author); in an exchange, its turn's
        exchange = turn_speaker(passage.text, unit.start) if passage.kind == BODY else None
        spoken = speaker_name(units.speaker(passage) or exchange)
        # (in a text whose parts have writers of their own, the part's writer: a judge, a dissenting member)
        writer = units.writers.get(passage.id)
        speaker = questions.Speaker(
            spoken or writer or (own[0] if own else units.holders.get(passage.document, questions.ANONYMOUS))
        )
        claim = core(units.text(unit), units.is_name, _argues, reported=voice.others)
        aside = without_aside(unit.text) if voice.others else unit.text
        if aside != unit.text:  # "It is only £1.50, its supporters say, only a few titles": asked without
            claim = core(aside, units.is_name, _argues, reported=True)  # its aside, or not at all
            if claim is None:
                return None
        of = re.match(r"^\w+ of ((?:the |this |such )?[\w\-]+(?: [\w\-]+)?)$", voice.holder or "")
        if claim is None and of is not None:  # "Supporters of homework say that it builds…": "it" is homework
            named = re.sub(r"\bthat (?:it|they) (?=\w)", f"that {of.group(1)} ", unit.text, count=1)
            claim = core(named, units.is_name, _argues, reported=True) if named != unit.text else None
        if claim is None:  # "It has neither force nor will…", "that spending": the sentence before says what
            previous = self._context.previous(unit)
            resolved = resolve_pointers(unit.text, previous.text if previous else None)
            if resolved is not None and _REPORTS.match(resolved) and not voice.others:
                resolved = None  # "It then concludes that…" after "The report…": the report's view, not asked
            if resolved is not None:
                claim = core(resolved, units.is_name, _argues, reported=voice.others)
        if claim is None:  # "… many of these children know …" after a sentence about children
            general = generalize_class(unit.text, self._context.before(unit))
            claim = core(general, units.is_name, _argues, reported=voice.others) if general else None
        answered = claim is not None and _answered_within(
            unit.text, claim
        )  # "X says A, but B": B is the writer's
        if answered and voice.others and voice.kind != REBUTTED:
            voice, kind = Voice(AUTHOR, "", False), unit.score.kind
        if claim is not None and not voice.others:  # "Noise is not a matter of taste. It is a matter of…"
            claim = self._turned(unit) or claim
        said = VOCATIVE.sub("", units.text(unit).strip(), count=1)  # ("So, to the council: make …")
        if claim is not None and not voice.others and not spoken:  # a letter's "you": its readers
            # (what the speaker proposes "you" do is asked as advice: "First, that you do your buying…")
            claim = to_addressees(claim, self._addressees(passage.document)) or (
                claim if PROPOSAL.match(said) else None
            )
        if claim is not None and _VOTE_CALL.match(claim):
            return (
                None  # "Would you take Wren's advice to oppose the motion?": a vote, no position of its own
            )
        call = not voice.others and not _LET.match(said)
        call = call and (imperative(said, units.is_name) or calls_on_others(said))
        body = self._petitioned(passage.document) if call and claim else None
        steps = self._instructions(passage) or self._information(passage.document)  # (a job pack's duties)
        if call and body is None and not calls_on_others(said) and steps:
            return None  # "Hold the blade at a right angle…" in a how-to guide: a step, nobody's position
        proposed = PROPOSAL.match(said)  # ("Second, that we ourselves hire a hall": the speaker's body acts)
        ours = proposed is not None and re.match(r"(?:i|we)\b", said[proposed.end() :], re.IGNORECASE)
        ours = ours or _LET.match(said)
        if body is not None and claim and claim.startswith("we should ") and not ours:
            claim = f"{body} should {claim[len('we should ') :]}"  # a brief's demand: the body it asks
        call = call or (proposed is not None and not voice.others)  # "First, that you do your buying…"
        call = call and not ours  # ("that we ourselves hire a hall": the speaker's own body acts)
        pid = prompt_id(passage.id, unit.text)
        reply_unit = self._context.reply(unit) if voice.kind == REBUTTED else None
        if voice.kind == REBUTTED and reply_unit is None:
            voice = Voice(REPORTED, voice.holder, voice.plural)  # no answer to quote: asked as reported
        answered_by = voice_of(reply_unit.text) if reply_unit is not None else None
        if answered_by is not None and answered_by.others and answered_by.holder:
            # another holder answers ("Data Infrastructure argued the opposite: …"): the other side is theirs
            speaker = questions.Speaker(answered_by.holder)
            reply = core(as_report(reply_unit.text), units.is_name, _argues, reported=True)  # type: ignore[union-attr]
        else:
            reply = core(reply_unit.text, units.is_name, _argues) if reply_unit is not None else None
        two_sided = voice.kind == REBUTTED and claim and reply
        trimmed, halves = _shorter_pairs(claim, reply) if two_sided and claim and reply else ([], [])
        shorter = shorten(claim) if claim else None
        stated = None if voice.others or spoken else self._context.thesis(unit)
        thesis = (stated.verb, stated.denied, stated.held) if stated is not None else None
        wording = None
        for limit in (questions.QUESTION_SHORT, questions.QUESTION_AIM):  # read at a glance, if it can be
            for text, pairs in ((claim, (trimmed, halves)), (shorter, ([], []))):  # the whole core, then cut
                if wording is None and (text is claim or text is not None):
                    wording = questions.write(
                        unit.score.kind, voice, speaker, text, pid, used, reply, *pairs,
                        quote=unit.text, call=call, limit=limit, thesis=thesis,
                    )  # fmt: skip
        if wording is None or (spoken and reply_unit is None and addressed_you(wording.question, unit.text)):
            return None  # ("Is Euan right that you know that better than anyone?": whoever he speaks to)
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

    def _turned(self, unit: Unit) -> str | None:
        """A short denial with the turn the next sentence gives it, as one core, or None.

        "Noise is not a matter of taste. It is a matter of attention, and …" is asked as "noise is
        not a matter of taste, but a matter of attention": the denial alone misses the point.
        """
        following = self._context.next(unit)
        text = " ".join(unit.text.split())
        if (
            following is None
            or ";" in text
            or len(text.split()) > TURNED_DENIAL_WORDS
            or not re.search(r"\b(?:is|are|was|were)\s+not\b|\b(?:isn|aren|wasn|weren)['’]t\b", text, re.I)
            or not _TURN_NEXT.match(following.text)
        ):
            return None
        joined = core(f"{text.rstrip(' .')}; {following.text}", self._units.is_name, _argues)
        return joined if joined is not None and ", but " in joined else None

    def _addressees(self, document: str) -> str | None:
        """Whom the document addresses as "you", when it says so ("those who keep a shop")."""
        if document not in self._readers:
            texts = (p.text for p in self._units.index.passages if p.document == document)
            self._readers[document] = next((who for t in texts if (who := addressees(t))), None)
        return self._readers[document]

    def _instructions(self, passage: Passage) -> bool:
        """Whether the passage is part of a how-to guide (its steps are nobody's position).

        :data:`INSTRUCTIONS_SHARE` of its document's sentences are in the imperative, and no body is
        named that they ask (a brief's demands are asked of its body). Not a section of steps alone: a
        union leaflet's "What we are asking for", held out, was one.
        """
        document = passage.document
        if document not in self._steps:
            units = self._units
            kept = [u for u in units.units if u.row not in units.meta_rows]
            mine = [u for u in kept if units.passage(u).document == document]
            told = sum(bool(imperative(u.text, units.is_name)) for u in mine) / max(1, len(mine))
            asks = self._petitioned(document) is not None
            self._steps[document] = not asks and told >= INSTRUCTIONS_SHARE
        return self._steps[document]

    def _information(self, document: str) -> bool:
        """Whether a document is an information page: a handbook, an FAQ, minutes, a recall notice.

        Its title or its opening heading says so ("Plot Holder Handbook", "How Our Tool Library Works",
        "Questions and Answers", "Minutes of the Meeting" under the association's name, "Audio Guide
        Script", a syllabus), two of its section headings are questions ("Who is the fridge for?"), or
        three are a guide's numbered parts ("Stop 4 — The Hothouse", "Stage 2: The climb").
        """
        if document not in self._info:
            passages = [p for p in self._units.index.passages if p.document == document]
            title = passages[0].title if passages else ""
            opening = next((p.section for p in passages if not p.is_meta and p.section), None) or ""
            asked = {p.section for p in passages if p.section and p.section.rstrip().endswith("?")}
            stops = {p.section for p in passages if p.section and _NUMBERED_PART.match(p.section)}
            kept = {p.section for p in passages if p.section and _ADMIN_HEADING.match(p.section)}
            heads = [
                p.text.split("\n", 1)[0][:120] for p in passages[:2]
            ]  # ("Minutes of the Annual General…")
            named = _INFORMATION.search(title) or _INFORMATION.search(opening)
            named = named or any(_INFORMATION.match(h) for h in heads)
            measured = sum(len(_INGREDIENT.findall(p.text)) for p in passages)  # (a recipe's ingredients)
            self._info[document] = (
                bool(named)
                or len(asked) >= 2
                or len(stops) >= 3
                or len(kept) >= 3
                or measured >= RECIPE_LINES
            )
        return self._info[document]

    def _petitioned(self, document: str) -> str | None:
        """The body a brief asks to act ("the Board"): whom its demands in the imperative address."""
        if document not in self._bodies:
            texts = [p.text for p in self._units.index.passages if p.document == document]
            self._bodies[document] = petitioned(texts)
        return self._bodies[document]

    def _topic_claim(self, unit: Unit) -> bool:
        """Whether a sentence may be a topic's claim: whole, arguing and no report or concession."""
        return (
            bool(self._units.claimable[unit.order])
            and unit.score.score - _report_penalty(unit.text) >= TOPIC_MIN_SCORE
            and not self._context.setup(unit)
            and not self._context.announced(unit)
            and not told(unit.text)
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
