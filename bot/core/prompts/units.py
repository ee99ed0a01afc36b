"""The reading's sentences as claim candidates: scored, embedded and indexed for the deck.

:class:`Units` is built once per deck from the index; :mod:`.deck` chooses claims and
counterpoints from it and :mod:`.topics` names their topics.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from bot.core.prompts.cues import BULLET as _BULLET
from bot.core.prompts.cues import WORD as _WORD
from bot.core.prompts.cues import ClaimScore, claim_score
from bot.core.prompts.holders import (
    clean_author,
    commented,
    field_labels,
    holder_name,
    part_writers,
    self_named,
)
from bot.core.prompts.quality import is_turn, is_whole_sentence, shape_problem
from bot.core.prompts.voice import AUTHOR, voice_of
from bot.core.reading.exports import turn_speaker
from bot.core.reading.passages import BODY, LIST, QUOTE, Passage
from bot.core.search.embedder import Embedder
from bot.core.search.index import Index
from bot.core.text.words import content_terms, normalize

CLAIM_KINDS = frozenset({BODY, LIST, QUOTE})
ACRONYM_MAX = 4  # a word in capitals this short is an acronym even when the reading writes it once
# The author states or grants the other side: "It may be objected that…", "Admittedly…".
_GRANTS = re.compile(
    r"\bit (?:is|may be|will be|must be|has been) (?:true|said|objected|urged|argued|granted|admitted|"
    r"alleged|contended)\b|\badmittedly\b|\b(?:be it|must be|is to be) (?:admitted|granted)\b|"
    r"\bgranted that\b|\b(?:i|we) (?:must |will |readily )?(?:admit|grant|acknowledge|concede|allow)\b|"
    r"\bto be sure\b|\bobjections?\b|"
    r"\b(?:objected|(?:may|might|will|would|could) object)\b|\bobjects? (?:that|to)\b|"
    r"\bon the other hand\b|\bopponents?\b|\bcritics?\b|\bmay be (?:said|objected|urged)\b",
    re.IGNORECASE,
)


# The author's own concession: "I acknowledge that…", "It is true that…", "Admittedly…".
_CONCEDES = re.compile(
    r"\b(?:i|we) (?:must |will |readily |freely )?(?:admit|grant|acknowledge|concede|allow) that\b|"
    r"\bit (?:is|must be) (?:true|granted|admitted|conceded) that\b|\badmittedly\b|\bto be sure\b|"
    r"\bgranted that\b|\bno doubt\b|\bof course\b|\bbe it (?:granted|admitted)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Unit:
    """A sentence (or one line of a list) of a passage, with its embedding row."""

    row: int  # passage row in the index
    start: int
    end: int
    text: str
    order: int  # position in the reading
    vector_row: int  # row in Units.vectors
    score: ClaimScore


class Units:
    """The reading's sentences (list lines split apart), scored and embedded."""

    def __init__(self, index: Index, embedder: Embedder | None) -> None:
        self.index = index
        passages = index.passages
        self.meta_rows = {r for r, p in enumerate(passages) if _is_meta(p, index)}
        starts = np.searchsorted(index.sentence_owner, np.arange(len(passages)))
        units: list[Unit] = []
        rows: list[int] = []  # sentence row in the index for each unit
        own: list[tuple[int, str]] = []  # (unit number, text) needing their own vector
        # what names a document's writer: its byline, title and opening lines (a body that names itself
        # there speaks in its own name: "The panel recommends that…" is the panel's call)
        heading: dict[str, str] = {str(d.get("path")): str(d.get("author") or "") for d in index.documents}
        for p in passages:
            if heading.get(p.document, "").count("\n") < 4:
                first = p.text.splitlines()[0][:200] if p.text else ""
                heading[p.document] = f"{heading.get(p.document, '')}\n{p.title}\n{first}"
        self.said: dict[int, tuple[str, str]] = {}  # unit -> (the body, its call said as "we")
        for r, p in enumerate(passages):
            spans = list(p.sentences) or [(0, len(p.text))]
            for j, (a, b) in enumerate(spans):
                whole = p.text[a:b]
                for s, e in _lines(p.text, a, b):
                    text = p.text[s:e]
                    if text != whole:
                        own.append((len(units), text))
                    rows.append(int(starts[r]) + j)
                    named = self_named(text, heading.get(p.document, ""))
                    if named is not None:
                        self.said[len(units)] = named
                    scored = claim_score(named[1] if named else text)
                    units.append(Unit(r, s, e, text, len(units), len(units), scored))
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
        self.by_row: dict[int, list[Unit]] = {}
        for u in units:
            self.by_row.setdefault(u.row, []).append(u)
        self.names = _names(passages)
        self.postings = _postings(passages)
        self.df = {term: len(rows) for term, rows in self.postings.items()}
        self.authors = {str(d.get("path")): d.get("author") for d in index.documents}
        texts = {path: [p.text for p in passages if p.document == path] for path in self.authors}
        titles = {p.document: p.title for p in reversed(passages)}
        self.holders = {
            path: holder_name(
                author,
                texts[path][:4],
                title=titles.get(path) or "",
                closing=texts[path][-2:][::-1],
                texts=texts[path],
            )
            for path, author in self.authors.items()
        }
        lower = {w.lower() for p in passages for w in _WORD.findall(p.text) if w.islower()}
        for path, author in self.authors.items():
            full = clean_author(author)
            name = self.holders[path]
            if full and " " in full and " " not in name and name.lower() in lower and full.endswith(name):
                # "Saltmarsh Games" is no Mr Games: a surname the reading writes as a word is a firm's name
                self.holders[path] = re.sub(r"\s+(?:Ltd\.?|Limited|CIC|LLP|plc|Inc\.?)$", "", full)
        # a part's own writer, named in its heading ("Lady Justice Okafor:", "Minority report of …")
        self.writers = part_writers(passages)
        # a form's labels the parser read as speakers ("Votes: 41 for / 5 against"): nobody's name
        self.fields = field_labels(passages)
        # readers' comments under a page ("Comments 38"): a commenter's words, not the page's
        self.comments = commented(passages)
        self.caps = Counter(w for p in passages for w in _WORD.findall(p.text) if w.isupper() and len(w) > 1)
        self.lower_words = {w.lower() for p in passages for w in _WORD.findall(p.text) if w.islower()}
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
        turns = [  # (a form's field is no speaker's turn)
            is_turn(
                passages[u.row] if self.speaker(passages[u.row]) else replace(passages[u.row], speaker=None)
            )
            for u in units
        ]
        self.claimable = np.array(
            [claimable(u.text, passages[u.row].text, spoken=t) for u, t in zip(units, turns, strict=True)],
            dtype=bool,
        )
        # A list's items are the view its introduction reports ("Opponents make several arguments: …").
        intro_others = {
            r: voice_of(group[0].text).others or bool(_GRANTS.search(group[0].text))
            for r, group in ((r, [u for u in units if u.row == r]) for r in {u.row for u in units})
            if passages[r].kind == LIST and group
        }
        first_of_row = {}
        for u in units:
            first_of_row.setdefault(u.row, u.order)
        listed_others = [intro_others.get(u.row, False) and first_of_row[u.row] != u.order for u in units]
        # Sentences that voice a view for others: inside quotation marks, after "an objection … the
        # following" until the author answers, or the items of a list an objection-paragraph introduces.
        self.list_holders: dict[int, str] = {}  # unit -> who holds a listed view ("opponents of bans")
        self.framed = np.array(_framed(units, passages, self.list_holders), dtype=bool)
        self.own_voice = np.array(
            [
                voice_of(u.text).kind == AUTHOR and not listed and not framed
                for u, listed, framed in zip(units, listed_others, self.framed, strict=True)
            ],
            dtype=bool,
        )
        self.concedes = np.array([bool(_CONCEDES.search(u.text)) for u in units], dtype=bool)
        self.grants = np.array(
            [bool(_GRANTS.search(u.text)) or listed for u, listed in zip(units, listed_others, strict=True)],
            dtype=bool,
        )
        self.opposition = np.maximum(self.opposition, 0.5 * np.array(listed_others, dtype=np.float32))

    def text(self, unit: Unit) -> str:
        """The sentence in its writer's voice ("The panel recommends…" in its report: "We recommend…")."""
        named = self.said.get(unit.order)
        return named[1] if named is not None else unit.text

    def speaker(self, passage: Passage) -> str | None:
        """Who speaks a passage: its speaker's label, unless the label is a form's field ("Votes")."""
        label = passage.speaker
        return None if label and (passage.document, label) in self.fields else label

    def unheld(self, passage: Passage) -> bool:
        """Whether nobody can be named for a passage: a reader's comment whose writer is not known."""
        return (
            passage.id in self.comments
            and passage.id not in self.writers
            and not self.speaker(passage)
            and turn_speaker(passage.text, len(passage.text)) is None
        )

    def is_name(self, word: str) -> bool:
        """True for acronyms and words the reading capitalises mid-sentence ("Putin").

        A word in capitals that the reading also writes in lower case ("LET", "CAUSES") is
        emphasis or a drop capital, not an acronym.
        """
        if word.isupper() and len(word) > 1:  # an acronym is short or recurs ("NATO"); "FORCE" is emphasis
            recurs = self.caps.get(word, 0) >= 2 or len(word) <= ACRONYM_MAX
            return recurs and word.lower() not in self.lower_words
        return word in self.names or any(c.isupper() for c in word[1:])

    def passage(self, unit: Unit) -> Passage:
        """The passage a unit belongs to."""
        return self.index.passages[unit.row]

    def centroids(self) -> dict[str, np.ndarray]:
        """Each document's body sentences averaged (unit length): what the document is about as a whole."""
        out: dict[str, np.ndarray] = {}
        rows: dict[str, list[int]] = {}
        for u in self.units:
            if self.counter_mask[u.order]:
                rows.setdefault(self.passage(u).document, []).append(u.vector_row)
        for document, found in rows.items():
            mean = self.vectors[found].mean(axis=0)
            norm = float(np.linalg.norm(mean))
            if norm > 0:
                out[document] = mean / norm
        return out

    def paragraphs(self) -> list[tuple[tuple[str, int], list[Unit]]]:
        """Claim candidates grouped by paragraph, in reading order (meta passages skipped)."""
        groups: dict[tuple[str, int], list[Unit]] = {}
        seen: set[tuple[str, int, str]] = set()
        for u in self.units:
            if u.row in self.meta_rows:
                continue
            p = self.passage(u)
            if p.kind not in CLAIM_KINDS or p.paragraph < 1:
                continue
            key = (p.document, p.paragraph)
            dedupe = (p.document, p.paragraph, u.text)  # windows overlap by one sentence
            transition = _transition(u.text) and not voice_of(u.text).others  # ("It is said that X": a view)
            if dedupe in seen or not claimable(u.text, p.text, spoken=is_turn(p)) or transition:
                continue
            seen.add(dedupe)
            groups.setdefault(key, []).append(u)
        return list(groups.items())


# A sentence announcing a view the author then states for others, in their words.
_ANNOUNCES = re.compile(
    r"\bobjections?\b[^.]{0,120}\b(?:following|thus)\b|"
    r"\bmay be (?:supposed|expected|imagined) to (?:say|urge|argue|object|reply|answer)\b|"
    r"\b(?:some ?one|somebody|others?|they|he|she|critics?|opponents?|objectors?|people) "
    r"(?:may|might|will|would|could) (?:say|answer|reply|object|urge|argue|tell us)\b|"
    r"\bit (?:may|will|might|could) (?:be|perhaps be) "
    r"(?:said|urged|objected|argued|alleged)\b|"
    r"\bwe are (?:told|reminded)\b|\b(?:they|people|some) (?:say|tell us|argue)(?:,|:)",
    re.IGNORECASE,
)
# "I know the objection, because I have made it myself: we have a release…": the view after the colon.
_OBJECTION_COLON = re.compile(r"\bobjection\b[^:.;]{0,80}:\s+\S", re.IGNORECASE)
# "And, I suppose, that a teenager with a cracked phone is as well served…", "We are assured that…":
# a view the speaker mocks or doubts, not one they hold.
_IRONY = re.compile(
    r"\bI suppose\b|\bI dare say\b|\bwe are (?:assured|asked to believe)\b|"
    r"\bif I read it (?:correctly|right)\b|\b(?:apparently|supposedly)\b"
)
# The author takes the floor again: "I answer…", "But…", "To this…".
_ANSWERS = re.compile(
    r"^(?:i (?:answer|reply|deny|say|allow|grant)|to this|but|yet|the answer|the truth|now,|however|"
    r"on the contrary|"
    r"(?:the|this|that|such an?) objection|there is something in this|"
    r"nothing|this is|such (?:is|are|was|were) the)\b",
    re.IGNORECASE,
)
_OBJECTION_INTRO = re.compile(
    r"\b(?:objections?|objectors?|critics?|opponents?|sceptics?|skeptics?|detractors|arguments? against|"
    r"the case against|(?:they|some|others|people) (?:say|argue|claim))\b",
    re.IGNORECASE,
)
# "Opponents of bans make several arguments…:": who holds the views a list then gives.
_LIST_HOLDER = re.compile(
    r"^((?:the |many |some )?(?:critics|opponents|objectors|sceptics|skeptics|detractors|defenders|"
    r"supporters|advocates|proponents)(?: of [\w\- ]{1,40}?)?)\s+(?:make|raise|offer|give|have|put forward|"
    r"advance|say|argue|claim|object)\b",
    re.IGNORECASE,
)
_OPEN_QUOTES = re.compile(r"[“«]")
_CLOSE_QUOTES = re.compile(r"[”»]")


def _quoted(text: str, start: int) -> bool:
    """Whether offset `start` of a passage lies inside quotation marks."""
    before = text[:start]
    curly = len(_OPEN_QUOTES.findall(before)) - len(_CLOSE_QUOTES.findall(before))
    return curly > 0 or before.count('"') % 2 == 1


def _framed(units: Sequence[Unit], passages: Sequence[Passage], holders: dict[int, str]) -> list[bool]:
    """For each unit: True when it states a view the author voices for someone else.

    The items of a list an objection introduces are its holders' ("Opponents of bans make
    several arguments:"): `holders` gets each item's holder when the introduction names one.
    """
    out = [False] * len(units)
    paragraphs: dict[tuple[str, int], list[Unit]] = {}  # a paragraph may span several passages
    for u in units:
        p = passages[u.row]
        paragraphs.setdefault((p.document, p.paragraph), []).append(u)
    for group in paragraphs.values():
        announced = False
        inline = False  # the view was stated in the announcing sentence ("Others will say that X")
        seen: dict[str, bool] = {}
        for u in group:
            if u.text in seen:  # windows overlap by a sentence: read it once
                out[u.order] = seen[u.text]
                continue
            text = passages[u.row].text
            opening = u.text.lstrip("\"“‘'_ ")
            if announced and (_ANSWERS.match(opening) or (inline and not re.match(r"that\b", opening, re.I))):
                announced = False  # the author answers; after "say that X", only "That Y." goes on with X
            quoted = _quoted(text, u.start) or (u.text[:1] in '"“' and u.text.rstrip().endswith(('"', "”")))
            # a quotation running on past its first sentence ('"Landlords … will sell up. The result …"')
            quoted = quoted or (
                u.text[:1] in '"“' and not re.search(r'["”]', u.text[1:].rstrip().rstrip('"”'))
            )
            voiced = bool(_OBJECTION_COLON.search(u.text) or _IRONY.search(u.text))
            out[u.order] = announced or quoted or voiced
            if _ANNOUNCES.search(u.text):
                announced = True
                inline = bool(re.search(r"\b(?:say|urge|argue|object)\w*,? that\b", u.text, re.IGNORECASE))
                if inline:
                    out[u.order] = True  # "… may be supposed to say, that there is no necessity…"
            seen[u.text] = out[u.order]
    for row, passage in enumerate(passages):
        if not _is_list(passage):
            continue
        group = [u for u in units if u.row == row]
        intro = group[0].text if group and group[0].text.rstrip().endswith(":") else ""
        back = row - 1  # a list may be one passage per item: its introduction stands before the first
        while not intro and back >= 0 and passages[back].document == passage.document:
            previous = passages[back].text.rstrip()
            if previous.endswith(":"):
                intro = previous
            elif not _is_list(passages[back]):
                break
            back -= 1
        if intro and _OBJECTION_INTRO.search(intro):
            named = _LIST_HOLDER.match(" ".join(intro.split()))
            for u in group:
                if u.text != intro:
                    out[u.order] = True  # "Opponents of bans make several arguments:" then the list
                    if named:
                        holders[u.order] = named.group(1)[:1].lower() + named.group(1)[1:]
    return out


# A numbered clause's number ("4.2 The Council recognises…", "3.1.2 Each branch…"): no words of its claim.
_CLAUSE = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3}){1,3}\.?\s+(?=[A-Z])")


def _is_list(passage: Passage) -> bool:
    """A list, or one item of a list that the parser left as its own paragraph ("- Judges who…")."""
    return passage.kind == LIST or bool(_BULLET.match(passage.text))


def claimable(sentence: str, container: str, *, spoken: bool = False) -> bool:
    """Whether a sentence can be quoted as a claim.

    It must be a whole sentence of the body, not a heading, numbered or lettered fragment,
    boilerplate or all-caps text, and not a question. In a speaker's turn (`spoken`: a chat
    message, a forum post) a line may end its sentence without a stop.
    """
    if sentence.rstrip().endswith("?") or shape_problem(sentence, container if spoken else None) is not None:
        return False
    return is_whole_sentence(sentence, container, spoken=spoken)


def _transition(sentence: str) -> bool:
    """A short sentence about the previous one ("This simple view suggests several consequences.")."""
    words = sentence.split()
    return len(words) < 15 and words[0].lower() in {"this", "these", "such", "that", "those", "it"}


def _lines(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """The non-empty lines of text[a:b], without list bullets, as (start, end) offsets."""
    pos = a
    for line in text[a:b].split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        bullet = _BULLET.match(text[s:e]) or _CLAUSE.match(text[s:e])
        if bullet:
            s += bullet.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


# A campaign's reward tier ("Pledge £50 or more. Season Swimmer. A season pass for one adult…"): what a
# backer gets, no one's claim ("Name a lane for ten years" is a reward, not advice)
_REWARD = re.compile(
    r"^\W{0,3}(?:(?:pledge|donate|give|back (?:us )?with)\s+)?[£$€]\s?\d[\d,.]*\+?\s+"
    r"(?:or more|and (?:above|over|up))\b",
    re.IGNORECASE,
)


def _is_meta(p: Passage, index: Index) -> bool:
    """Bylines, disclaimers and author bios (which the parser may have left as body); reward tiers."""
    if p.is_meta or p.kind not in CLAIM_KINDS or p.paragraph < 1 or _REWARD.match(p.text):
        return True
    author = next((d.get("author") for d in index.documents if d.get("path") == p.document), None)
    return bool(author and normalize(p.text).lstrip("_* ").startswith(normalize(str(author))))


def _names(passages: Sequence[Passage]) -> set[str]:
    """Words the reading capitalises mid-sentence at least as often as it writes them lower-case."""
    capital: dict[str, int] = {}
    lower: dict[str, int] = {}
    for p in passages:
        exchange = p.speaker is None and p.kind == BODY and turn_speaker(p.text, len(p.text)) is not None
        for a, b in p.sentences or ((0, len(p.text)),):
            for m in _WORD.finditer(p.text, a, b):
                word = m.group()
                before = p.text[a : m.start()].rsplit("\n", 1)[-1].strip(" •\"“‘'(-*")
                if exchange and re.fullmatch(r"[^\s:][^:]{0,39}:", before):
                    before = ""  # a chat's exchange: "Dana Price: Need …" opens a turn
                # (a quotation's first word opens a sentence: 'Its chair said: "Once a library's hours go…"')
                opens_quote = re.search(r"[:,]\s*[\"“‘]$", p.text[a : m.start()].rstrip())
                if word[:1].isupper() and before and not opens_quote:
                    capital[word] = capital.get(word, 0) + 1
                elif word.islower():
                    lower[word] = lower.get(word, 0) + 1
    return {w for w, n in capital.items() if n >= lower.get(w.lower(), 0)}


def _postings(passages: Sequence[Passage]) -> dict[str, set[int]]:
    """Content term -> the rows of the passages that use it."""
    out: dict[str, set[int]] = {}
    for r, p in enumerate(passages):
        for t in set(content_terms(p.text)):
            out.setdefault(t, set()).add(r)
    return out


# Opposition cues for counterpoints: (weight, pattern).
_I = re.IGNORECASE
_OPPOSE = [
    (0.5, re.compile(p, _I))
    for p in (
        r"\b(?:critics?|opponents?|objections?|objectors?|skeptic\w*|sceptic\w*|detractors)\b",
        r"\b(?:unconvincing|dismiss\w*|disagree\w*|misunderstanding|counter\w*|overestimat\w*|mistaken|"
        r"wrong|false|fallac\w*|absurd\w*|deny|denies|denied)\b",
        r"\bothers (?:are|argue|say|believe|insist|claim|contend)\b|\bschool of thought\b",
        r"\bsome(?:,| argue| say| believe| insist| claim| contend)",
        r"\b(?:on the other hand|the other side|is depicted|rhetoric|deserves? a serious answer)\b",
        r"\b(?:not perfectly settled|should admit|nobody should pretend|to be fair|to be sure)\b",
    )
] + [
    (0.2, re.compile(p, _I))
    for p in (
        r"\b(?:however|but|yet|although|though|despite|notwithstanding|even if|unless|whereas)\b",
        r"\bnevertheless\b",
        r"\b(?:admit\w*|concede\w*|of course|not|no|never|nor|cannot)\b",
        r"\b(?:risks?|costs?|downsides?|trade-?offs?|harm\w*|friction|conflict|danger\w*)\b",
    )
]


def _opposition(text: str) -> float:
    """0..1: how much a passage sounds like the other side, an objection or a caveat."""
    return min(1.0, sum(w * len(p.findall(text)) for w, p in _OPPOSE))
