"""Which document of a several-document reading a question names.

A question names a document by its author ("what's Madison's bottom line?"), its title or
the words of its title that no other document shares ("in the Federalist paper…", "the
essay on civil disobedience"). Words that belong to every document, or that the other
documents use freely, do not count on their own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.core.text.words import STOPWORDS, content_terms

# Title words too general to name a document by themselves.
_GENERIC = frozenset(
    {"essay", "essays", "chapter", "part", "section", "introduction", "article", "paper", "papers"}
    | {"book", "letter", "speech", "address", "volume", "vol", "no", "number", "first", "second", "third"}
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words before a name that are not a first name ("Dr Clara Lindqvist", "Rev. John Hale").
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "rev", "revd", "sir", "dame", "lord", "lady"}
)


# A document named by its place: "the second letter", "the last of the three essays", "the 3rd writer"
_PLACES = {
    "first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
    "fifth": 4, "5th": 4, "sixth": 5, "6th": 5, "last": -1, "latest": -1,
}  # fmt: skip
_ORDINAL = re.compile(
    r"\b(?P<place>" + "|".join(_PLACES) + r")\s+(?:of\s+the\s+(?:two|three|four|five|six|[2-9])\s+)?"
    r"(?:letter|essay|article|piece|document|paper|writer|author|correspondent|reply|response|speech|"
    r"submission|chapter|post)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """A document named in a question, and the words that named it."""

    document: str
    words: tuple[str, ...]  # to take out of the question before searching


@dataclass
class _Names:
    path: str
    authors: frozenset[str]  # lower-cased surnames and full names
    title: str  # lower-cased, punctuation folded
    keys: frozenset[str]  # distinctive title words (lower-cased, unstemmed)


def _fold(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text.replace("’", "'")))


class DocumentNames:
    """The names each document answers to, made once per index."""

    def __init__(
        self, documents: Sequence[Mapping[str, object]], documents_using: Callable[[str], set[str]]
    ) -> None:
        """`documents_using(word)` tells which documents use a word anywhere in their text."""
        self._names: list[_Names] = []
        title_words: dict[str, set[str]] = {}
        for doc in documents:
            path = str(doc["path"])
            words = {w.lower() for w in _WORD.findall(str(doc.get("title") or ""))}
            title_words[path] = {w for w in words if w not in STOPWORDS and w not in _GENERIC and len(w) > 2}
        firsts = _first_names(documents)
        for doc in documents:
            path = str(doc["path"])
            others = [w for p, ws in title_words.items() if p != path for w in ws]
            keys = {w for w in title_words[path] if w not in others}
            author = str(doc.get("author") or "").strip()
            authors = set()
            if author:
                parts = [w.lower() for w in _WORD.findall(author)]
                authors.add(" ".join(parts))
                if parts:
                    authors.add(parts[-1])
                if path in firsts:  # "in Helen's view": members call a writer by a first name too
                    authors.add(firsts[path])
            title = _fold(str(doc.get("title") or ""))
            self._names.append(_Names(path, frozenset(authors), title, frozenset(keys)))
        # a title word names its document alone only if no other document's text uses it
        self._rare = {
            n.path: frozenset(k for k in n.keys if not documents_using(k) - {n.path})
            if len(documents) > 1
            else frozenset()
            for n in self._names
        }

    def __len__(self) -> int:
        return len(self._names)

    def mentions(self, question: str) -> list[Mention]:
        """The documents `question` names.

        A mention's words are those to take out of the question before it is searched:
        the author, the whole title, and title words no other document uses. In a reading
        of one document only its author counts ("why does Huxley think…" asks about the
        text, not about the byline).
        """
        alone = len(self._names) < 2  # one document: only its author's name is taken out
        folded = f" {_fold(question)} "
        words = set(folded.split())
        found: list[Mention] = []
        for names in self._names:
            hits = [a for a in names.authors if f" {a} " in folded or f" {a}'s " in folded]
            if alone:
                if hits:
                    found.append(Mention(names.path, tuple(hits)))
                continue
            if names.title and f" {names.title} " in folded:
                hits.append(names.title)
            keys = sorted(k for k in names.keys if k in words or f"{k}'s" in words)
            rare = [k for k in keys if k in self._rare[names.path]]
            if hits or rare or len(keys) >= 2:
                found.append(Mention(names.path, tuple(dict.fromkeys(hits + rare))))
        placed = None if alone else self._by_position(question)
        # "who does the last letter think is right, Pryce or Adebayo?": the place names the one asked
        return [placed] if placed is not None else found

    def _by_position(self, question: str) -> Mention | None:
        """The document a question names by its place in the reading's order, or None.

        "the second letter", "the last of the three essays", "the third writer".
        """
        match = _ORDINAL.search(question)
        if match is None:
            return None
        place = _PLACES[match.group("place").lower()]
        if place >= len(self._names):
            return None
        return Mention(self._names[place].path, (match.group(0),))


# "Does Rahman agree with Kowalczyk?", "What does Farrow make of Marchetti's figures?": the first
# writer named answers; the second is what they answer.
_RESPONSE = re.compile(
    r"\b(?:agree|agrees|disagree|disagrees|respond|responds|reply|replies|answer|answers|rebut|rebuts|"
    r"criticis\w*|criticiz\w*|object|objects|make of|think of|say about|says about|view of)\b",
    re.IGNORECASE,
)


def responding(question: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions of a question whose first-named writer answers the others (else all of them)."""
    if len(mentions) < 2 or not _RESPONSE.search(question):
        return list(mentions)
    folded = f" {_fold(question)} "

    def at(mention: Mention) -> int:
        found = [folded.find(f" {w.lower()}") for w in mention.words]
        return min((i for i in found if i >= 0), default=len(folded))

    first = min(mentions, key=at)
    return [first] if at(first) < min(at(m) for m in mentions if m is not first) else list(mentions)


def _first_names(documents: Sequence[Mapping[str, object]]) -> dict[str, str]:
    """Each document's author's first name, where it names that author alone.

    Not an initial or a title ("Dr", "Rev."), not one two authors share, and not an author's
    surname ("Thomas Henry Huxley" beside "Dylan Thomas"). A body's name ("Parents for Full
    Weeks", "Northgate Community Tool Library") has no first name: a person's name here is two
    or three words, none of them "for", "of" or the like.
    """
    firsts: dict[str, str] = {}
    surnames: set[str] = set()
    for doc in documents:
        name = re.sub(r"\([^)]*\)", " ", str(doc.get("author") or "")).split(",")[0]
        parts = [w.lower().rstrip(".") for w in _WORD.findall(name)]
        parts = [w for w in parts if w not in _HONORIFICS]
        if len(parts) < 2:
            continue
        surnames.add(parts[-1])
        person = len(parts) <= 3 and not any(w in STOPWORDS for w in parts)
        if person and len(parts[0]) > 2:
            firsts[str(doc["path"])] = parts[0]
    counts = Counter(firsts.values())
    return {path: first for path, first in firsts.items() if counts[first] == 1 and first not in surnames}


def strip_mentions(question: str, mentions: Iterable[Mention]) -> str:
    """The question without the words that named documents ("according to Paine, …")."""
    text = question
    for mention in mentions:
        for words in sorted(mention.words, key=len, reverse=True):
            pattern = r"\b" + r"\W+".join(re.escape(w) for w in words.split()) + r"(?:['’]s)?\b"
            text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    text = re.sub(
        r"\b(?:according to|in|by|from)\s+(?:the\s+)?(?=[\s,?.!]|$)|\b(?:the|this)\s+(?=[,?.!]|$)", " ", text
    )
    cleaned = " ".join(text.split()).strip(" ,")
    return cleaned if content_terms(cleaned) else question
