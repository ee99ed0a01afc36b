"""Debate prompts: the reading's contestable claims, turned into open questions.

No language model is involved: claims are *extracted*, questions come from templates.

1. Claims. Every sentence of a non-meta passage (never the title, byline or disclaimer)
   is scored for how much it argues, with cue lexicons: recommendations ("should",
   "is far preferable"), predictions ("will", "unlikely", "within five years"), causal
   claims ("because", "driven by"), value judgements ("unacceptable", "isn't worth"),
   comparisons ("worse than", "rather than"), contrast and stance markers. Bare facts
   (dates, figures, scheduled events), questions, quotations of other people and very
   short or very long sentences are penalised. A paragraph is *argumentative* when its
   best sentence reaches :data:`CLAIM_THRESHOLD`; the deck quotes the best claim of every
   argumentative paragraph, plus a second strong claim from long paragraphs, and drops
   near-duplicates (sentence embeddings closer than :data:`DUPLICATE_COSINE`).
2. Questions. Each kind of claim has several templates, chosen by a hash of the prompt id
   (never the same template twice in a row in the deck), that name the claim's topic (a
   key phrase) or restate the claim, and always end with "?".
3. Counterpoints. Another paragraph of the same reading that complicates the claim: the
   passage that best combines embedding similarity to the claim with opposition cues
   ("critics", "opponents", "objections", "however", "unconvincing"...), plus one-line
   angles for and against.

Prompt ids hash the passage id (itself a hash of the paragraph's text) and the claim, so
unchanged paragraphs keep their prompts' ids across rebuilds. Rotation is deterministic:
:meth:`PromptDeck.next_for` walks the deck in reading order, then in a reshuffled order per
cycle.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.core.embedder import Embedder
from bot.core.index import Index
from bot.core.reading import BODY, LIST, QUOTE, Passage
from bot.core.retrieval import Z_ANSWER, Retriever, clean_question
from bot.core.text import STOPWORDS, content_terms, normalize

CLAIM_THRESHOLD = 2.0  # a paragraph is argumentative when its best sentence scores this
SECOND_CLAIM = 3.5  # a second claim from the same paragraph must score this
SECOND_CLAIM_MIN_SENTENCES = 4  # ... and the paragraph must be this long
DUPLICATE_COSINE = 0.85  # claims at least this similar are near-duplicates
TOPIC_MIN_SCORE = 0.5  # weaker key phrases are not used in questions
TOPIC_MARGIN = 0.04  # passages this close to the best match all count for a topic
INLINE_MAX = 130  # longer claims are not restated inside questions

# Prompt kinds: the kind of claim, or "others" for a view the reading attributes to others.
KINDS = ("recommendation", "prediction", "causal", "value", "comparison", "interpretation", "others")
CLAIM_KINDS = frozenset({BODY, LIST, QUOTE})

# --------------------------------------------------------------------------- claim cues

_I = re.IGNORECASE


def _cues(weight: float, *patterns: str) -> list[tuple[float, re.Pattern[str]]]:
    return [(weight, re.compile(p, _I)) for p in patterns]


# A sentence that opens with a verb in the imperative gives advice ("Set a firm target...").
_IMPERATIVE_VERBS = (
    r"^(?:and |then |so )?(?:set|publish|use|count|announce|require|give|apply|review|build|"
    r"make|stop|start|let|put|fund|ban|invest|consider|remember|ask|keep|take|try|avoid|"
    r"ensure|allow|treat|focus|adopt|protect|end|support)\b"
)

# category -> [(weight, pattern)]; a sentence earns a category's best weight plus a little
# for every further cue of the same category.
CUES: dict[str, list[tuple[float, re.Pattern[str]]]] = {
    "recommendation": _cues(
        2.5,
        r"\bshould(?:n['’]t)?\b",
        r"\bmust\b",
        r"\bought to\b",
        r"\bneeds? to\b",
        r"\bis (?:far |much |clearly )?(?:preferable|wiser|better)\b",
        r"\bwould be (?:better|wiser)\b",
        r"\b(?:i|we) (?:would )?(?:urge|recommend|propose|suggest)\b",
        r"\bit is time\b",
        r"\bdeserves?\b",
        r"\bthe (?:goal|answer|solution) is\b",
    )
    + _cues(2.0, _IMPERATIVE_VERBS)
    + _cues(1.5, r"\bnobody should\b", r"\bwe have to\b", r"\bneed(?:s|ed)?\b")
    + _cues(1.0, r"\b(?:has|have) to\b"),
    "prediction": _cues(
        2.0,
        r"\b(?:un)?likely\b",
        r"\bwithin (?:a|an|the next|\w+) (?:few )?(?:years?|decades?|months?|weeks?)\b",
        r"\bis (?:bound|set|poised|going) to\b",
        r"\bprediction\b",
        r"\bforecast",
        r"\bwill (?:remain|be|never|not|move|continue|disappear|occur|produce|fade|solve)\b",
        r"\bin the (?:long|short) run\b",
    )
    + _cues(1.0, r"\bwill\b", r"\bwon['’]t\b", r"\bwould (?:enable|produce|lead|mean)\b"),
    "causal": _cues(
        2.0,
        r"\bbecause\b",
        r"\bdue to\b",
        r"\bdriv(?:ing|en by|es)\b",
        r"\blead(?:s)? to\b",
        r"\bguided by\b",
        r"\bresults? in\b",
        r"\bcaus(?:e|es|ed|ing)\b",
        r"\bto blame\b",
        r"\b(?:prime|main|chief) motivator\b",
        r"\bstems? from\b",
        r"\bexplains\b",
        r"\bthe reason\b",
        r"\bso that\b",
        r"\bpredictor\b",
    ),
    "value": _cues(
        2.5,
        r"\bunacceptable\b",
        r"\birrelevant\b",
        r"\bna[iï]vet[eé]\b",
        r"\bna[iï]ve\b",
        r"\bwould be (?:a mistake|an exercise in|a (?:serious )?error)\b",
        r"\b(?:over|under)estimat\w*|\bexaggerat\w*",
        r"\b(?:isn['’]t|is not|not) worth\b",
        r"\bworth (?:the|it)\b",
        r"\bwhat matters\b",
        r"\bmatters?(?: most| more| as much| too)?\b",
        r"\bmean(?:s)? little\b",
        r"\bunconvincing\b",
        r"\bmisunderstanding\b",
        r"\bmistake\b",
        r"\b(?:un)?fair(?:ness)?\b",
        r"\bworse than (?:none|useless)\b",
        r"\buseless\b",
        r"\bnot (?:a |the )?(?:serious|cosmetic|moral panic)\b",
        r"\bpoor strategy\b",
        r"\bcheapest\b",
        r"\bthe only (?:measure|way|thing)\b",
        r"\bindisputable\b",
        r"\b(?:emotionally )?powerful\b",
        r"\bimpotence\b",
        r"\bcatastrophe\b",
    )
    + _cues(
        1.5,
        r"\b(?:right|wrong)\b",
        r"\b(?:good|bad|best|worst|wise|foolish|reasonable|legitimate)\b",
        r"\bsimply\b",
        r"\bpractical judgement\b",
        r"\bclearly\b",
        r"\bstrong(?:er|est)?\b",
        r"\breal\b",
        r"\bdamage\b",
        r"\bthreat\b",
        r"\bpositive\b",
    ),
    "comparison": _cues(
        2.0,
        r"\bfar (?:preferable|easier|harder|weaker|stronger|better|worse|more|less|fewer)\b",
        r"\b(?:worse|better|weaker|stronger|cheaper|safer|easier|harder) than\b",
        r"\bpreferable to\b",
        r"\bas (?:much|good|bad|important) as\b",
        r"\brather than\b",
        r"\binstead of\b",
        r"\b(?:more|less) \w+ than\b",
    ),
    "contrast": _cues(
        1.0,
        r"^(?:but|yet|however|still|nevertheless|instead)\b",
        r"\bhowever\b",
        r"\b(?:but|yet)\b",
        r"\b(?:although|though|despite|notwithstanding)\b",
        r"\bnot (?:just|only|merely)\b",
        r"\bis about more than\b",
        r"\beven if\b",
    ),
    "stance": _cues(
        1.0,
        r"\b(?:my|our) (?:argument|prediction|view|point|position|judgement)\b",
        r"\bi (?:think|believe|would|take|argue|doubt)\b",
        r"\bthe (?:lesson|truth|point) (?:is|was)\b",
        r"\bnone of this\b",
        r"\bpretend\b",
        r"\b(?:absolutely|entirely|never|always|only|crystal clear|easily)\b",
        r"\badmit\b",
    ),
    "hedge": _cues(
        0.5, r"\b(?:may|might|could|perhaps|probably|arguably|appears?|seems?)\b", r"\bfor certain\b"
    ),
}
PRIMARY = ("recommendation", "value", "prediction", "causal", "comparison")

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b(?:1[89]|20)\d\d\b", _I)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_QUOTED = re.compile(r"[\"“][^\"”]{12,}[\"”]")
_REPORTED = re.compile(r"\b(?:said|says|wrote|writes|told|acknowledged|announced|according to|cited)\b", _I)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
_BULLET = re.compile(r"^\s*(?:[•\-*]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class ClaimScore:
    """How argumentative a sentence is, and what kind of claim it makes."""

    score: float
    kind: str
    cues: tuple[str, ...] = ()


def claim_score(sentence: str) -> ClaimScore:
    """Score one sentence for argumentativeness (higher = more contestable)."""
    text = " ".join(normalize(sentence).split())
    words = _WORD.findall(text)
    totals: dict[str, float] = {}
    cues: list[str] = []
    for category, patterns in CUES.items():
        hits = []
        for weight, pattern in patterns:
            found = pattern.findall(text)
            if found:
                hits.extend([weight] * len(found))
                cues.append(f"{category}:{found[0].strip().lower()}")
        if hits:
            hits.sort(reverse=True)
            totals[category] = hits[0] + 0.25 * min(len(hits) - 1, 4)
    score = sum(totals.values())
    # Bare facts, questions and other people's words argue less.
    if text.endswith("?"):
        score -= 4.0
    if text.endswith(":"):
        score -= 1.0
    dates = len(_DATE.findall(text))
    numbers = len(_NUMBER.findall(text))
    score -= 1.5 * min(dates, 2) + 0.5 * min(max(numbers - dates, 0), 3)
    quoted = sum(len(m) for m in _QUOTED.findall(text))
    if quoted > 0.3 * len(text):
        score -= 2.0
    if _REPORTED.search(text):
        score -= 1.0
    n = len(words)
    if n < 6:
        score -= 2.5
    elif n < 9:
        score -= 1.0
    elif n > 60:
        score -= 1.5
    primary = [(totals[c], -PRIMARY.index(c), c) for c in PRIMARY if c in totals]
    kind = max(primary)[2] if primary else "interpretation"
    return ClaimScore(round(score, 3), kind, tuple(cues))


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Counterpoint:
    """A passage of another paragraph that complicates or opposes a claim."""

    text: str  # exact substring of the passage's text
    document: str
    title: str
    paragraph: int
    passage_id: str

    @property
    def citation(self) -> str:
        """Where the counterpoint stands."""
        return f"{self.title}, ¶{self.paragraph}"

    def to_json(self) -> dict[str, object]:
        """JSON form."""
        return {
            "text": self.text,
            "document": self.document,
            "title": self.title,
            "paragraph": self.paragraph,
            "passage_id": self.passage_id,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class Prompt:
    """One debate prompt: a quoted claim, an open question, a counterpoint and angles."""

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
        }


def prompt_id(passage_id: str, quote: str) -> str:
    """A prompt's stable id: the passage's content id and the claim's text, hashed."""
    key = f"{passage_id}\n{' '.join(normalize(quote).split())}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class _Unit:
    """A sentence (or one line of a list) of a passage, with its embedding row."""

    row: int  # passage row in the index
    start: int
    end: int
    text: str
    order: int  # position in the reading
    vector_row: int  # row in _Units.vectors
    score: ClaimScore


class _Units:
    """The reading's sentences (list lines split apart), scored and embedded."""

    def __init__(self, index: Index, embedder: Embedder | None) -> None:
        self.index = index
        passages = index.passages
        self.meta_rows = {r for r, p in enumerate(passages) if _is_meta(p, index)}
        starts = np.searchsorted(index.sentence_owner, np.arange(len(passages)))
        units: list[_Unit] = []
        rows: list[int] = []  # sentence row in the index for each unit
        own: list[tuple[int, str]] = []  # (unit number, text) needing their own vector
        for r, p in enumerate(passages):
            spans = list(p.sentences) or [(0, len(p.text))]
            for j, (a, b) in enumerate(spans):
                whole = p.text[a:b]
                for s, e in _lines(p.text, a, b):
                    text = p.text[s:e]
                    if text != whole:
                        own.append((len(units), text))
                    rows.append(int(starts[r]) + j)
                    units.append(_Unit(r, s, e, text, len(units), len(units), claim_score(text)))
        self.units = units
        vectors = index.sentence_vectors[np.asarray(rows, dtype=np.int64)] if rows else None
        self.vectors = (
            np.array(vectors, dtype=np.float32)
            if vectors is not None
            else np.zeros((0, index.sentence_vectors.shape[1]), dtype=np.float32)
        )
        if own and embedder is not None:
            fresh = embedder.encode([t for _, t in own])
            for (u, _), vec in zip(own, fresh, strict=True):
                self.vectors[u] = vec
        self.by_row: dict[int, list[_Unit]] = {}
        for u in units:
            self.by_row.setdefault(u.row, []).append(u)
        self.names = _names(passages)
        self.df = _paragraph_frequencies(passages)
        # Per-unit features for counterpoints.
        self.rows = np.array([u.row for u in units], dtype=np.int64)
        documents = sorted({p.document for p in passages})
        self.doc_ids = np.array([documents.index(passages[u.row].document) for u in units], dtype=np.int64)
        self.paragraph_numbers = np.array([passages[u.row].paragraph for u in units], dtype=np.int64)
        self.counter_mask = np.array(
            [u.row not in self.meta_rows and passages[u.row].kind in CLAIM_KINDS for u in units], dtype=bool
        )
        self.opposition = np.array([_opposition(u.text) for u in units], dtype=np.float32)
        self.claimness = np.array([min(1.0, max(0.0, u.score.score) / 5) for u in units], dtype=np.float32)
        self.weak = np.array(
            [u.text.endswith("?") or len(_WORD.findall(u.text)) < 6 for u in units], dtype=np.float32
        )

    def is_name(self, word: str) -> bool:
        """True for acronyms and words the reading capitalises mid-sentence ("Putin")."""
        return word in self.names or any(c.isupper() for c in word[1:])

    def passage(self, unit: _Unit) -> Passage:
        return self.index.passages[unit.row]

    def paragraphs(self) -> list[tuple[tuple[str, int], list[_Unit]]]:
        """Claim candidates grouped by paragraph, in reading order (meta passages skipped)."""
        groups: dict[tuple[str, int], list[_Unit]] = {}
        seen: set[tuple[str, int, str]] = set()
        for u in self.units:
            if u.row in self.meta_rows:
                continue
            p = self.passage(u)
            if p.kind not in CLAIM_KINDS or p.paragraph < 1:
                continue
            key = (p.document, p.paragraph)
            dedupe = (p.document, p.paragraph, u.text)  # windows overlap by one sentence
            if dedupe in seen:
                continue
            seen.add(dedupe)
            groups.setdefault(key, []).append(u)
        return list(groups.items())


def _lines(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """The non-empty lines of text[a:b], without list bullets, as (start, end) offsets."""
    pos = a
    for line in text[a:b].split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        bullet = _BULLET.match(text[s:e])
        if bullet:
            s += bullet.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


def _is_meta(p: Passage, index: Index) -> bool:
    """Bylines, disclaimers and author bios (which the parser may have left as body)."""
    if p.is_meta or p.kind not in CLAIM_KINDS or p.paragraph < 1:
        return True
    author = next((d.get("author") for d in index.documents if d.get("path") == p.document), None)
    return bool(author and normalize(p.text).lstrip("_* ").startswith(normalize(str(author))))


def _names(passages: Sequence[Passage]) -> set[str]:
    """Words the reading capitalises mid-sentence at least as often as it writes them lower-case."""
    capital: dict[str, int] = {}
    lower: dict[str, int] = {}
    for p in passages:
        for a, b in p.sentences or ((0, len(p.text)),):
            for m in _WORD.finditer(p.text, a, b):
                word = m.group()
                before = p.text[a : m.start()].rsplit("\n", 1)[-1].strip(" •\"“‘'(")
                if word[:1].isupper() and before:
                    capital[word] = capital.get(word, 0) + 1
                elif word.islower():
                    lower[word] = lower.get(word, 0) + 1
    return {w for w, n in capital.items() if n >= lower.get(w.lower(), 0)}


def _paragraph_frequencies(passages: Sequence[Passage]) -> dict[str, int]:
    df: dict[str, int] = {}
    for p in passages:
        for t in set(content_terms(p.text)):
            df[t] = df.get(t, 0) + 1
    return df


# --------------------------------------------------------------------------- topics


def _words(text: str) -> list[str]:
    return text.split()


# Words that never start, end or sit inside a topic phrase (verbs, judgements, fillers).
_NOT_TOPIC = frozenset(
    _words(
        """able about absolutely according actually add adopt advise again ago agree agrees allow
        allows almost alone already also always another anyone anything appear appears argue
        argues arrive ask asks assume author away back bad become becomes begin being best
        better big bit build built call calls came can certain certainly clear clearly come
        comes consider continue continues could create creates deal deserve deserves despite
        difficult do done drive driving easier easy else enough entire entirely even ever
        every everyone everything exactly far few find finds first five four full give gives
        go goes going gone good great hard harder help helps high highly important instead
        just keep keeps know knows large last later lead leads least less let lets like
        likely little long look looks low made make makes matter matters may mean means
        might more most much must need needs never new next nobody none nothing notice now
        often old one ones only others own perhaps possible prefer pretend probably put puts
        quite rather real really remain remains require requires rest right same say says
        second see seem seems sees serious set several show shows simple simply since six
        small so some someone something sort still strong stronger sure take takes tell ten
        tend tends than think third three today together too toward towards true try two
        unlikely use used uses very want wants well whether whole will within without work
        works worse worst worth would wrong yet"""
    )
)
_NUMBER_WORDS = frozenset(_words("one two three four five six seven eight nine ten twenty hundred"))
# Nouns too vague to be a topic on their own, but fine inside one ("safety argument").
_GENERIC_NOUNS = frozenset(
    _words(
        """argument arguments area areas case cases chance chances choice day days issue issues kind lot
        number part place point points question questions time times way ways year years end ends people
        thing things hour hours answer answers change changes"""
    )
)


# Words after which a run of content words is a noun phrase.
_NP_START = frozenset(
    _words(
        """a an the this that these those its their his her our my your of in on about for with
        from into over toward towards by between against any every no each such among across
        around behind beyond during through under upon within without whose than like as versus
        including especially"""
    )
)


def _topic_candidates(claim: str) -> list[tuple[list[str], str]]:
    """Noun-phrase-like word sequences of `claim`, each with the article it needs ("the" or "").

    Runs of content words are cut at punctuation and at function words. A run that does not
    follow a determiner or preposition (or open the sentence) probably starts with a verb,
    which is dropped unless it is a name. Singular nouns that the claim introduces with an
    article keep "the" ("the separated lane"), since they cannot stand bare.
    """
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(claim)]
    out: list[tuple[list[str], str]] = []
    i = 0
    while i < len(tokens):
        run: list[str] = []
        j = i
        while j < len(tokens) and not _blocks_topic(tokens[j][2]):
            if run and claim[tokens[j - 1][1] : tokens[j][0]].strip():
                break  # punctuation between words ends the phrase
            run.append(tokens[j][2])
            j += 1
        if not run:
            i += 1
            continue
        k = i - 1  # the word before the run, looking past adverbs and numbers
        while k >= 0 and _transparent(tokens[k][2]):
            k -= 1
        before = normalize(tokens[k][2]).lower() if k >= 0 else ""
        if k >= 0 and before not in _NP_START and not run[0][:1].isupper():
            run = run[1:]
        while run and _ends_badly(run[-1]):
            run.pop()
        plural = bool(run) and run[-1].lower().endswith("s") and not _ends_badly(run[-1])
        article = "the" if before in ("a", "an", "the") and not plural else ""
        for size in range(1, min(len(run), 4) + 1):
            words = run[len(run) - size :]  # the head noun comes last
            if any(_plural_modifier(w) for w in words[:-1]) or (size == 1 and _generic(words[0])):
                continue
            out.append((words, "" if words[0][:1].isupper() or not words[-1].islower() else article))
        i = j
    return out


def _generic(word: str) -> bool:
    return normalize(word).lower() in _GENERIC_NOUNS


def _transparent(word: str) -> bool:
    """Adverbs and numbers, which may sit between a determiner and its noun phrase."""
    low = word.lower()
    return low.endswith("ly") or low.isdigit() or low in _NUMBER_WORDS


def _blocks_topic(word: str) -> bool:
    low = normalize(word).lower()
    return (
        low in STOPWORDS
        or low in _NOT_TOPIC
        or low.endswith("ly")
        or any(c.isdigit() for c in low)
        or (len(low) < 3 and not word.isupper())
    )


def _topic(claim: str, claim_vector: np.ndarray, units: _Units, embedder: Embedder | None) -> str | None:
    """A short key phrase naming what `claim` is about, or None when none is convincing.

    With an embedder, candidates are ranked by similarity to the claim (a single word the
    whole reading repeats is too vague to count for much); without one, by how often the
    reading mentions them.
    """
    candidates = [(w, a, content_terms(" ".join(w))) for w, a in _topic_candidates(claim)]
    candidates = [c for c in candidates if c[2]]
    if not candidates:
        return None
    frequency = [sum(float(np.log1p(units.df.get(s, 0))) for s in st) / len(st) for _, _, st in candidates]
    if embedder is not None:
        vectors = embedder.encode([" ".join(words) for words, _, _ in candidates])
        similarity = vectors @ claim_vector
        scores = [
            float(sim) + (0.05 * (len(words) - 1) if len(words) > 1 else -0.04 * f)
            for sim, f, (words, _, _) in zip(similarity, frequency, candidates, strict=True)
        ]
        floor = TOPIC_MIN_SCORE
    else:
        scores = [f + 0.4 * (len(w) - 1) for f, (w, _, _) in zip(frequency, candidates, strict=True)]
        floor = float("-inf")
    best = max(range(len(candidates)), key=lambda i: (scores[i], -i))
    if scores[best] < floor:
        return None
    words, article, _ = candidates[best]
    phrase = _tidy_phrase(words, units)
    return f"{article} {phrase}" if article else phrase


def _section_topic(passage: Passage, units: _Units) -> str | None:
    """A short section heading, as a fallback topic ("the strongest objections")."""
    heading = (passage.section or "").strip().rstrip(".:?!")
    if not heading or len(heading.split()) > 6:
        return None
    first = heading.split()[0]
    return heading if units.is_name(first) else heading[:1].lower() + heading[1:]


def _plural_modifier(word: str) -> bool:
    """A word ending in -s before the head noun is usually a verb ("message pulls attention")."""
    low = word.lower()
    return low.endswith("s") and not low.endswith(("ss", "'s", "’s", "us", "is"))


def _ends_badly(word: str) -> bool:
    """Words that cannot end a noun phrase: participles, possessives, adjectives."""
    low = word.lower()
    if low in {"spring", "thing", "king", "evening", "morning", "building", "meeting", "need"}:
        return False
    return low.endswith(("ed", "ing", "'s", "’s", "ful", "ous", "less", "able", "ible"))


def _tidy_phrase(words: list[str], units: _Units) -> str:
    """Lower-case words that are not names (keep "NATO", "Putin", "Ukraine's")."""
    return " ".join(w if units.is_name(w) else w.lower() for w in words)


# --------------------------------------------------------------------------- wording

# Claims the reading attributes to other people ("Critics say...", "Some argue...").
_OTHERS = re.compile(
    r"\b(?:critics?|opponents?|objections?|objectors?|skeptics?|sceptics?|commentators|detractors|"
    r"school of thought|some (?:argue|say|believe|insist|claim|contend)|"
    r"others (?:are|argue|say|believe|insist|claim|contend)|is depicted)\b|\bsome,",
    _I,
)
_REPORTING_PREFIX = re.compile(
    r"^(?:one school of thought is that|(?:some|others|many|critics|opponents)\b[^,.;]*?\b"
    r"(?:are convinced|argue|say|believe|insist|claim|contend|think))\s+(?:that\s+)?",
    _I,
)
_LEADING_MARKER = re.compile(
    r"^(?:but|yet|and|so|still|however|indeed|instead|after all|of course|in fact|in the end|"
    r"on this|too often|rhetoric notwithstanding|as for [^,]+|as [^,]{3,60} as [^,]{3,60})\s*[,;]?\s+",
    _I,
)
_OWN_FRAME = re.compile(
    r"^(?:my|our) (?:argument|prediction|view|point|hope|fear|position) is "
    r"(?:simple[.:]\s*)?(?:that\s+)?",
    _I,
)
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|we|us|our|ourselves|you|your)\b", _I)
_BACK_REFERENCE = frozenset(_words("this that these those it they he she such there here which as what"))
_IMPERATIVE = re.compile(_IMPERATIVE_VERBS, _I)

# Opposition cues for counterpoints: (weight, pattern).
_OPPOSE = _cues(
    0.5,
    r"\b(?:critics?|opponents?|objections?|objectors?|skeptic\w*|sceptic\w*|detractors)\b",
    r"\b(?:unconvincing|dismiss\w*|disagree\w*|misunderstanding|counter\w*|overestimat\w*)\b",
    r"\bothers (?:are|argue|say|believe|insist|claim|contend)\b|\bschool of thought\b",
    r"\bsome(?:,| argue| say| believe| insist| claim| contend)",
    r"\b(?:on the other hand|the other side|is depicted|rhetoric|deserves? a serious answer)\b",
    r"\b(?:not perfectly settled|should admit|nobody should pretend|to be fair|to be sure)\b",
) + _cues(
    0.2,
    r"\b(?:however|but|yet|although|though|despite|notwithstanding|even if|whether)\b",
    r"\b(?:admit\w*|concede\w*|of course|may|might|not|no)\b",
    r"\b(?:risks?|costs?|downsides?|trade-?offs?|harm\w*|friction|conflict|danger\w*)\b",
)


def _opposition(text: str) -> float:
    """0..1: how much a passage sounds like the other side, an objection or a caveat."""
    total = sum(w * len(p.findall(text)) for w, p in _OPPOSE)
    return min(1.0, total)


def _inline(claim: str, units: _Units) -> tuple[str, bool]:
    """The claim as it reads inside a question, and whether it reads cleanly there."""
    text = " ".join(claim.split()).strip()
    text = _REPORTING_PREFIX.sub("", text)
    text = _OWN_FRAME.sub("", text)
    while True:
        stripped = _LEADING_MARKER.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = text.rstrip(" .!:;,")
    first = text.split(" ", 1)[0] if text else ""
    if first and not units.is_name(first.strip("\"“'(")) and first != "I":
        text = text[:1].lower() + text[1:]
    clean = (
        claim.rstrip().endswith((".", "!", '"', "”", "’", ")"))  # a sentence, not a list fragment
        and 20 <= len(text) <= INLINE_MAX
        and not re.search(r"[:;\"“”?]", text)
        and not _FIRST_PERSON.search(text)
        and first.lower() not in _BACK_REFERENCE
    )
    return text, clean


def _clip(text: str, limit: int = 160) -> str:
    """One line, at most `limit` characters, cut at a word boundary."""
    text = " ".join(text.replace("\n• ", " · ").split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"


# kind -> [(template id, text)]; {claim} needs a claim that reads cleanly inline, {topic}
# a convincing key phrase, {advice} an imperative claim. Every template ends with "?".
TEMPLATES: dict[str, list[tuple[str, str]]] = {
    "recommendation": [
        ("rec-argues", "The author argues that {claim} — is that the right call, or would it backfire?"),
        ("rec-accept", "Should we accept that {claim}, or is there a better way forward?"),
        ("rec-advice", "The author's advice is to {advice} — sound policy, or a mistake?"),
        (
            "rec-prescription",
            "On {topic}: is the author's prescription wise, or would it create more problems?",
        ),
        (
            "rec-in-charge",
            "When it comes to {topic}, would you follow the author's advice if you were in charge?",
        ),
    ],
    "prediction": [
        ("pre-expects", "The author expects that {claim}. Will that hold up, or is it wishful thinking?"),
        ("pre-likely", "Is it really likely that {claim}, or could events go the other way?"),
        (
            "pre-confidence",
            "On {topic}: how confident should we be in the author's forecast, and what could upset it?",
        ),
        (
            "pre-heading",
            "When it comes to {topic}, is the author reading the future right, or misjudging it?",
        ),
    ],
    "causal": [
        ("cau-forces", "Is the author right that {claim}, or are other forces doing more of the work?"),
        ("cau-hold", "Does it really hold that {claim}, or does the cause and effect run differently?"),
        (
            "cau-drives",
            "On {topic}: has the author found the real cause, or does the explanation oversimplify?",
        ),
        (
            "cau-explains",
            "When it comes to {topic}, does the author's explanation hold, or is something left out?",
        ),
    ],
    "value": [
        ("val-fair", "Is it fair to say that {claim}, or does that judgement miss something important?"),
        ("val-agree", "The author holds that {claim}. Do you agree, and why or why not?"),
        ("val-verdict", "On {topic}: do you share the author's verdict, and what would the other side say?"),
        (
            "val-dismiss",
            "When it comes to {topic}, is the author's judgement fair, or does it dismiss what matters?",
        ),
    ],
    "comparison": [
        ("cmp-leaves-out", "Is the author right that {claim}, or does the comparison leave something out?"),
        ("cmp-weigh", "Does it really hold that {claim}? What would the other side weigh differently?"),
        (
            "cmp-stacking",
            "When it comes to {topic}, does the author's comparison hold, or is it stacking the deck?",
        ),
        (
            "cmp-rank",
            "On {topic}: is the author weighing the options fairly, or would you rank them differently?",
        ),
    ],
    "interpretation": [
        (
            "int-reading",
            "The author suggests that {claim}. Fair reading, or would the other side tell it differently?",
        ),
        ("int-true", "Is it true that {claim}, or does the evidence point another way?"),
        ("int-case", "On {topic}: does the author's point strengthen the case, or cut against it?"),
        (
            "int-missing",
            "When it comes to {topic}, is this a fair account, or is something important missing?",
        ),
    ],
    "others": [
        (
            "oth-right",
            "Some argue that {claim}. Are they right, or does the author have the better argument?",
        ),
        ("oth-convincing", "The reading reports the view that {claim}. Do you find it convincing, and why?"),
        (
            "oth-stronger",
            "On {topic}, the reading reports a view not everyone shares. Who has the stronger case?",
        ),
        (
            "oth-persuasive",
            "When it comes to {topic}, is this view persuasive, or does the author's answer win out?",
        ),
    ],
    "general": [
        ("gen-other-side", "Is the author right about this, or is there a stronger case on the other side?"),
        ("gen-skeptic", "Would you defend this claim in front of a skeptic, or argue against it?"),
    ],
}

# Questions for claims that can neither be restated nor given a topic.
PLAIN_TEMPLATES: dict[str, list[tuple[str, str]]] = {
    "recommendation": [("rec-plain", "Is this advice worth following, or would it do more harm than good?")],
    "prediction": [("pre-plain", "Will this prediction come true, and what would change your mind?")],
    "causal": [("cau-plain", "Is this the real cause, or is something else going on?")],
    "value": [("val-plain", "Is this verdict fair, or does it miss something that matters?")],
    "comparison": [("cmp-plain", "Does this comparison hold up, or is one side being sold short?")],
    "interpretation": [
        ("int-plain", "Is this a fair reading of the situation, or would others tell it differently?")
    ],
    "others": [("oth-plain", "Is this view persuasive, or does the author have the better answer?")],
}

# kind -> (lead of the "for" angle, lead of the "against" angle)
ANGLES: dict[str, tuple[str, str]] = {
    "recommendation": ("Acting on it beats the alternatives", "It may cost more than it saves"),
    "prediction": ("The trends in the reading point this way", "Too much could change for it to hold"),
    "causal": ("The explanation fits what the reading reports", "Other causes may matter as much"),
    "value": ("The judgement weighs what matters most", "It discounts what the other side cares about"),
    "comparison": ("On this comparison the choice is clear", "The comparison leaves out its own costs"),
    "interpretation": (
        "The author's reading of events holds together",
        "The same facts allow another reading",
    ),
    "others": ("This view has real support", "The author has an answer to it"),
}


def _question(
    kind: str,
    seed: str,
    fills: dict[str, str | None],
    avoid: str | None = None,
    taken: frozenset[str] = frozenset(),
) -> tuple[str, str]:
    """Pick a template for `kind` and fill it; return (template id, question).

    The choice is deterministic (a hash of `seed` picks the starting template). Templates
    whose placeholders can be filled come first; plain ones (no placeholders) only when none
    can. The template `avoid` (the previous prompt's) and questions in `taken` (already in
    the deck) are skipped while there is an alternative.
    """
    candidates = TEMPLATES.get(kind, [])
    usable = [
        (key, text)
        for key, text in candidates
        if (names := re.findall(r"{(\w+)}", text)) and all(fills.get(n) for n in names)
    ]
    if not usable:
        usable = PLAIN_TEMPLATES.get(kind, []) + TEMPLATES["general"]
    start = int(hashlib.sha1(seed.encode()).hexdigest(), 16) % len(usable)
    options = []
    for step in range(len(usable)):
        key, text = usable[(start + step) % len(usable)]
        question = " ".join(text.format(**{k: v or "" for k, v in fills.items()}).split())
        if not question.endswith("?"):
            question = question.rstrip(".") + "?"
        options.append((key == avoid, question in taken, key, question))
    best = min(options, key=lambda o: (o[0] or o[1], options.index(o)))
    return best[2], best[3]


# --------------------------------------------------------------------------- the deck


class PromptDeck:
    """The reading's debate prompts, in reading order, with deterministic rotation.

    Build with :meth:`build`. ``prompts`` holds the deck; ``argumentative`` lists the
    (document, paragraph) pairs whose best sentence reaches :data:`CLAIM_THRESHOLD`, each
    of which has at least one prompt.
    """

    def __init__(self, units: _Units, embedder: Embedder | None) -> None:
        self._units = units
        self._embedder = embedder
        self.prompts: list[Prompt] = []
        self.argumentative: list[tuple[str, int]] = []
        self._claims: dict[str, _Unit] = {}
        self._by_id: dict[str, Prompt] = {}
        # passage row -> how many of the deck's prompts it already counters
        self._counter_use = np.zeros(len(units.index.passages), dtype=np.float32)

    # ------------------------------------------------------------------ building

    @classmethod
    def build(cls, index: Index, embedder: Embedder | None = None) -> PromptDeck:
        """Select the reading's claims and write a prompt for each.

        Uses the index's stored vectors; with an `embedder`, list lines get their own
        vectors and questions can name the claim's topic.
        """
        units = _Units(index, embedder)
        deck = cls(units, embedder)
        chosen: list[_Unit] = []
        for key, group in units.paragraphs():
            ranked = sorted(group, key=lambda u: (-u.score.score, u.order))
            if ranked[0].score.score < CLAIM_THRESHOLD:
                continue
            deck.argumentative.append(key)
            picked: list[_Unit] = []
            for u in ranked:
                if u.score.score < CLAIM_THRESHOLD:
                    break
                if not deck._duplicate(u, chosen):
                    picked.append(u)
                    break
            if picked and len(group) >= SECOND_CLAIM_MIN_SENTENCES:
                for u in ranked:
                    if u.score.score < SECOND_CLAIM:
                        break
                    if u is not picked[0] and not deck._duplicate(u, chosen + picked):
                        picked.append(u)
                        break
            chosen.extend(sorted(picked, key=lambda u: u.order))
        previous: str | None = None
        asked: set[str] = set()
        for u in chosen:
            prompt = deck._prompt(u, avoid=previous, record=True, taken=frozenset(asked))
            previous = prompt.template
            asked.add(prompt.question)
            deck.prompts.append(prompt)
            deck._claims[prompt.id] = u
            deck._by_id[prompt.id] = prompt
        return deck

    def _duplicate(self, unit: _Unit, others: Sequence[_Unit]) -> bool:
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

    def _voice(self, unit: _Unit) -> str:
        """Whose claim it is: "others" when the reading attributes it to someone, else "author"."""
        if _OTHERS.search(unit.text):
            return "others"
        if self._units.passage(unit).kind == LIST:
            intro = self._units.by_row[unit.row][0]
            if intro is not unit and _OTHERS.search(intro.text):
                return "others"
        return "author"

    def _prompt(
        self,
        unit: _Unit,
        avoid: str | None,
        *,
        record: bool = False,
        topic: str | None = None,
        taken: frozenset[str] = frozenset(),
    ) -> Prompt:
        units = self._units
        passage = units.passage(unit)
        vector = units.vectors[unit.vector_row]
        voice = self._voice(unit)
        kind = "others" if voice == "others" else unit.score.kind
        inline, clean = _inline(unit.text, units)
        imperative = bool(_IMPERATIVE.match(unit.text)) and len(inline) <= INLINE_MAX
        topic = topic or _topic(unit.text, vector, units, self._embedder) or _section_topic(passage, units)
        fills = {
            "claim": inline if clean and not imperative else None,
            "advice": inline if imperative and kind == "recommendation" else None,
            "topic": topic,
        }
        pid = prompt_id(passage.id, unit.text)
        template, question = _question(kind, pid, fills, avoid, taken)
        counter = self._counterpoint(unit, voice, record=record)
        lead_for, lead_against = ANGLES.get(kind, ANGLES["interpretation"])
        angles = {
            "for": f"{lead_for}: “{_clip(unit.text, 100)}” (¶{passage.paragraph})",
            "against": (
                f"{lead_against}: “{_clip(counter.text, 100)}” (¶{counter.paragraph})"
                if counter
                else f"{lead_against}."
            ),
        }
        return Prompt(
            id=pid,
            question=question,
            quote=unit.text,
            document=passage.document,
            title=passage.title,
            section=passage.section,
            paragraph=passage.paragraph,
            passage_id=passage.id,
            kind=kind,
            topic=topic or "",
            template=template,
            score=unit.score.score,
            counterpoint=counter,
            angles=angles,
        )

    def _counterpoint(self, unit: _Unit, voice: str, *, record: bool = False) -> Counterpoint | None:
        """The passage of another paragraph that best complicates or answers `unit`.

        Candidates are sentences similar to the claim; opposition cues (or, for a view the
        reading attributes to others, the author's own argument) count in their favour, and
        passages that already counter other prompts a little against them, for variety.
        """
        units = self._units
        home = units.passage(unit)
        mask = units.counter_mask & (units.doc_ids == units.doc_ids[unit.order])
        mask &= units.paragraph_numbers != home.paragraph
        if not mask.any():
            return None
        sims = units.vectors @ units.vectors[unit.vector_row]
        if voice == "others":  # answered by the author's own argument
            scores = sims + 0.25 * units.claimness
        else:
            scores = sims + 0.35 * units.opposition + 0.1 * units.claimness
        scores = scores - 0.08 * self._counter_use[units.rows] - 0.3 * units.weak
        scores = np.where(mask, scores, -np.inf)
        chosen = units.units[int(np.argmax(scores))]  # first of equals: reading order
        siblings = units.by_row[chosen.row]
        at = siblings.index(chosen)
        first = last = chosen
        opener = chosen.text.split(" ", 1)[0].strip(",").lower()
        if opener in {"some", "others", "they", "these", "this", "that", "it", "such"} and at:
            first = siblings[at - 1]
        elif len(_WORD.findall(chosen.text)) < 18 and at + 1 < len(siblings):
            last = siblings[at + 1]
        if record:
            self._counter_use[chosen.row] += 1
        passage = units.passage(chosen)
        text = passage.text[first.start : last.end]
        if len(text) > 500:
            text = chosen.text
        return Counterpoint(text, passage.document, passage.title, passage.paragraph, passage.id)

    # ------------------------------------------------------------------ reading the deck

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

    def to_json(self) -> dict[str, object]:
        """The whole deck as JSON (for `agora prompts --json`)."""
        return {
            "count": len(self.prompts),
            "argumentative_paragraphs": [{"document": d, "paragraph": n} for d, n in self.argumentative],
            "prompts": [p.to_json() for p in self.prompts],
        }

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

    # ------------------------------------------------------------------ topics

    def for_topic(self, topic: str, retriever: Retriever) -> Prompt | None:
        """A prompt about `topic`, or None when the reading has nothing on it.

        Coverage is judged as for questions (the retriever's score relative to unrelated
        probe questions must reach ``Z_ANSWER``). The deck's prompt from the best-matching
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
        if retriever.relative(best) < Z_ANSWER:
            return None
        near = [r for r in rows if float(blended[r]) >= best - TOPIC_MARGIN]
        sentences = [u for r in near for u in units.by_row.get(r, []) if not u.text.endswith("?")]
        if not sentences:
            return None

        def relevance(u: _Unit) -> float:  # about the topic, and a claim rather than a bare fact
            claimness = max(-1.0, min(1.0, u.score.score / 5))
            return float(units.vectors[u.vector_row] @ query) + 0.15 * claimness

        unit = max(sentences, key=relevance)
        places = {(passages[r].document, passages[r].paragraph) for r in near}
        dealt = [p for p in self.prompts if (p.document, p.paragraph) in places]
        if dealt:
            prompt = max(dealt, key=lambda p: relevance(self._claims[p.id]))
            if relevance(self._claims[prompt.id]) >= relevance(unit) - 0.1:
                return prompt
        words = text.split()
        named = text.rstrip(".!") if len(words) <= 5 and not text.endswith("?") else None
        return self._prompt(unit, avoid=None, topic=named)
