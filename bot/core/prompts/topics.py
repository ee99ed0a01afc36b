"""The subject of a claim: a short noun phrase that a question can name cleanly.

Candidates are runs of content words that follow a determiner or preposition in the claim;
a candidate must also be a noun phrase somewhere else in the reading (it recurs), or a
name, and pass the deck check's grammar rules (no verb, relative word or dangling word).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from bot.core.prompts.cues import WORD as _WORD
from bot.core.prompts.quality import phrase_problem
from bot.core.reading.passages import Passage
from bot.core.search.embedder import Embedder
from bot.core.text.words import STOPWORDS, content_terms, normalize

if TYPE_CHECKING:
    from bot.core.prompts.units import Units

TOPIC_MIN_SCORE = 0.5  # weaker key phrases are not used in questions


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
            out.append((words, article))  # "the English constitution", "the Constitution", "NATO expansion"
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


def _tidy_phrase(words: list[str], units: Units) -> str:
    """Lower-case words that are not names (keep "NATO", "Putin", "Ukraine's")."""
    return " ".join(w if units.is_name(w) else w.lower() for w in words)


def _recurs(words: list[str], units: Units) -> bool:
    """Whether the phrase stands in at least two paragraphs of the reading (a name counts at once)."""
    if len(words) == 1 and units.is_name(words[0]):
        return True
    phrase = " ".join(w.lower() for w in words)
    terms = content_terms(phrase)
    if not terms:
        return False
    rows = set.intersection(*(units.postings.get(t, set()) for t in terms))
    if len(rows) < 2:
        return False
    pattern = re.compile(r"\b" + r"\W+".join(re.escape(w.lower()) for w in words) + r"\b")
    found = {
        units.index.passages[r].paragraph
        for r in rows
        if pattern.search(units.index.passages[r].text.lower())
    }
    return len(found) >= 2


def topic_of(claim: str, claim_vector: np.ndarray, units: Units, embedder: Embedder | None) -> str | None:
    """The claim's subject as a clean noun phrase the reading uses more than once, or None.

    With an embedder, candidates are ranked by similarity to the claim (a single word the
    whole reading repeats is too vague to count for much); without one, by how often the
    reading mentions them.
    """
    candidates = []
    for words, article in _topic_candidates(claim):
        terms = content_terms(" ".join(words))
        if not terms or not _recurs(words, units):
            continue
        phrase = _tidy_phrase(words, units)
        named = f"{article} {phrase}" if article else phrase
        if phrase_problem(named, claim) is not None:
            continue
        candidates.append((words, named, terms))
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
    return candidates[best][1]


def section_topic(passage: Passage, units: Units) -> str | None:
    """A short section heading, as a fallback subject ("the strongest objections")."""
    heading = (passage.section or "").strip().rstrip(".:?!")
    if not heading or len(heading.split()) > 6 or any(c.isdigit() for c in heading):
        return None  # "1. Definitions", "Section 4": numbering, not a subject
    first = heading.split()[0]
    if len(heading.split()) == 1 and not units.is_name(first):
        return None  # "Introduction", "Background": a part of the text, not what it argues about
    phrase = heading if units.is_name(first) else heading[:1].lower() + heading[1:]
    return phrase if phrase_problem(phrase) is None else None
