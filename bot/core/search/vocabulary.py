"""The words and names a reading uses: what tells a question about something else.

Owns :class:`Vocabulary`: every word of the reading (and of its documents' titles and
authors), the names it uses (capitalised, never in lower case), and the checks built on
them: names in a question the reading never mentions, a yes/no question's subject it never
speaks of, and "when this was written" questions about something beyond the document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from bot.core.search.focus import subject_of
from bot.core.search.intents import AT_WRITING, METADATA_TERMS
from bot.core.text.words import content_terms, fold_accents

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
# A run of two to five capitalised words, "of"/"and"/"&" between them: "Managing Director",
# "Citizens Advice Bureau", "Department for Transport" (their initials: MD, CAB, DfT → DFT).
_TITLED_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+(?:(?:of|for|and|&|the)[ \t]+)?[A-Z][a-z]+){1,4}\b")
_LINKS = frozenset({"of", "for", "and", "&", "the"})
# A capitalised word that does not open the question or a sentence: likely a name.
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)(?<![\w'’-])([A-Z][a-z]+(?:[A-Z][a-z]+)*|[A-Z]{2,})\b")


# a yes/no question, and the words that carry a case over to something else
_YES_NO = re.compile(
    r"^\s*(?:do|does|did|is|are|was|were|can|could|should|would|will|shall|must|may|might|has|have|had)\b",
    re.IGNORECASE,
)
_EXTENDS = re.compile(r"\b(?:too|also|instead|as well|either)\b", re.IGNORECASE)


def _dated(day: int, month: str) -> re.Pattern[str]:
    """A date written either way round: "24 December", "24th Dec.", "December 24"."""
    d = rf"{day}(?:st|nd|rd|th)?"
    m = rf"{month}(?:{_MONTH_TAILS[month]})?\.?"
    return re.compile(rf"\b(?:{d}\s+(?:of\s+)?{m}|{m}\s+{d})\b", re.IGNORECASE)


_MONTH_TAILS = {"Dec": "ember", "Jan": "uary", "Oct": "ober", "Nov": "ember", "Feb": "ruary", "Jul": "y"}
# feasts kept on a fixed day: a question may name the day the reading only dates
_FEASTS = (
    ("christmas eve", _dated(24, "Dec")),
    ("christmas day", _dated(25, "Dec")),
    ("boxing day", _dated(26, "Dec")),
    ("new year's eve hogmanay", _dated(31, "Dec")),
    ("new year's day", _dated(1, "Jan")),
    ("halloween", _dated(31, "Oct")),
    ("bonfire night guy fawkes", _dated(5, "Nov")),
    ("armistice day", _dated(11, "Nov")),
    ("valentine's day", _dated(14, "Feb")),
    ("independence day", _dated(4, "Jul")),
)


class Vocabulary:
    """The words of one reading, built from its passages' searchable texts and its documents."""

    def __init__(
        self, texts: Iterable[str], documents: Iterable[Mapping[str, Any]], indexed: Collection[str]
    ) -> None:
        """`texts`: each passage's searchable text; `indexed`: the content terms BM25 knows."""
        capitalised: set[str] = set()
        lower: set[str] = set()
        self.feasts: set[str] = set()  # the words of the feasts whose dates the reading gives
        # initials of the reading's titled names: a question may say "the MD" for "Managing Director"
        self.initials: set[str] = set()
        phrases: Counter[str] = (
            Counter()
        )  # the initials of two or three content words in a row, in lower case
        for text in texts:
            said = [w.lower() for w in WORD.findall(text)]
            kept = [bool(content_terms(w)) for w in said]
            for n in (2, 3):
                for i in range(len(said) - n + 1):
                    if all(kept[i : i + n]):
                        phrases["".join(w[0] for w in said[i : i + n])] += 1
            for run in _TITLED_RUN.findall(text):
                words = run.split()
                words = words[1:] if words[0] in ("The", "A", "An", "Our", "Your", "From", "To") else words
                self.initials.add("".join(w[0] for w in words if w not in _LINKS).lower())
                self.initials.add("".join(w[0] for w in words).lower())
            for feast, day in _FEASTS:
                if day.search(text):
                    self.feasts |= set(re.findall(r"[a-z]+", feast))
            for w in WORD.findall(fold_accents(text)):
                forms = {w.lower(), _POSSESSIVE.sub("", w).lower()}  # "Women's" uses "Women"
                if "-" in w and w[0].isupper():  # "Okafor-Lind" uses "Okafor": a name's parts are names
                    forms |= {part.lower() for part in _POSSESSIVE.sub("", w).split("-") if part}
                if w[0].isupper():
                    capitalised |= forms
                else:
                    lower |= forms
        # "DC staff" for the "distribution center" a reading says again and again (twice or more)
        self.initials |= {letters for letters, n in phrases.items() if n >= 2}
        self.words = lower | capitalised
        # names: capitalised, never in lower case (the pronoun "I" is always capitalised and names no one)
        self.names_used = capitalised - lower - {"i"}
        # A document's own metadata (title, author) counts as words the reading mentions.
        named_by = [fold_accents(str(d.get(key) or "")) for d in documents for key in ("title", "author")]
        self.words |= {w.lower() for name in named_by for w in WORD.findall(name)}
        self.words |= {part.lower() for name in named_by for w in WORD.findall(name) for part in w.split("-")}
        self.metadata_terms = {t for name in named_by for t in content_terms(name)}
        self.indexed = indexed

    def uses(self, word: str) -> bool:
        """Whether the reading uses `word`, or the name it is the plural of ("Americans": "American")."""
        word = fold_accents(word)
        w = word.lower()
        if (
            word.isupper()
            and 2 <= len(word) <= 5
            and (w in self.initials or w.removesuffix("s") in self.initials)
        ):
            return True  # "MD": the initials of a name the reading writes out (or "DCs", of words it repeats)
        return w in self.words or (w.endswith("s") and w[:-1] in self.names_used)

    def unknown_names(self, question: str) -> list[str]:
        """Capitalised names in the question (not opening a sentence) that the reading never uses."""
        question = fold_accents(question)
        names = []
        matches = list(_NAME.finditer(question))
        for i, match in enumerate(matches):
            after = matches[i + 1] if i + 1 < len(matches) else None
            word = match.group(1)
            if self.uses(word) or word in names or word.lower() in self.feasts:
                continue  # ("Christmas Eve" in a diary dated "24 December 1931")
            before_surname = after is not None and question[match.end() : after.start()] == " "
            if before_surname and after.group(1).lower() in self.names_used:
                continue  # a first name before a surname the reading uses: "Matthew Arnold"
            names.append(word)
        return names

    def unknown_subject(self, question: str) -> list[str]:
        """The subject of a yes/no question when the reading never uses its head word (else empty).

        "Are school uniforms a good idea?" on a reading that never says "uniform": the question
        is about something else, however close its subject (see `bot.core.search.focus.subject_of`).
        """
        question = fold_accents(question)
        words = subject_of(question)
        head = words[-1] if words else ""  # "school uniforms": uniforms
        if head and not self.uses(head) and any(t not in self.indexed for t in content_terms(head)):
            return words
        return []

    def unknown_extension(self, question: str) -> list[str]:
        """The words a yes/no question extends the reading to ("… too?", "… instead?") that it never uses.

        "Should the gas works be municipalised too?" on a reading about buying the tramways:
        "too" carries the reading's case over to something else, which it never speaks of.
        """
        question = fold_accents(question)
        if not _YES_NO.match(question) or not _EXTENDS.search(question):
            return []
        words = [w for w in WORD.findall(question) if content_terms(w) and not _EXTENDS.fullmatch(w)]
        return [w for w in words if not self.uses(w) and any(t not in self.indexed for t in content_terms(w))]

    def unknown_words(self, question: str) -> list[str]:
        """The question's content words that the reading never uses, in any form it indexes.

        A plural of a word it uses counts as used ("offices" for "office", "cafes" for "cafe").
        """
        question = fold_accents(question)
        out = []
        for w in WORD.findall(question):
            terms = content_terms(w)
            if not terms or self.uses(w) or all(t in self.indexed for t in terms):
                continue
            low = w.lower()
            singular = (low[:-1], low[:-2], low[:-3] + "y") if low.endswith("s") else ()
            if any(s in self.words for s in singular):
                continue
            out.append(w)
        return out

    def asks_beyond_metadata(self, question: str) -> bool:
        """Whether the document's writing only dates what the question asks about.

        "Who was prime minister when this was written?" names a thing the reading never uses
        and asks about it at the time of writing: it is not a question about the author.
        """
        if not AT_WRITING.search(question):
            return False
        rest = [t for t in content_terms(question) if t not in METADATA_TERMS]
        return any(t not in self.indexed and t not in self.metadata_terms for t in rest)
