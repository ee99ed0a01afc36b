"""Small text utilities shared by the reading parser, retrieval and prompts."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that end with a period without ending a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt",
    "gov", "sen", "rep", "rev", "pres", "amb", "adm", "maj", "cmdr", "hon",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "no", "vol", "pp", "p", "fig", "eq", "approx", "est", "vs", "etc", "al", "inc", "ltd", "co",
    "corp", "dept", "univ", "ave", "blvd", "rd",
    "e.g", "i.e", "cf", "viz",
}  # fmt: skip

_NO_ANSWER = re.compile(r"(?:^|[\s\"“(])No\.$")  # "No." as a whole answer, capitalised
_NUMBERED = re.compile(r"\s*(?:\d|[IVXLC]+\b)")  # "No. 5", "No. XIV": a number follows
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ITEM_NUMBER = re.compile(r"\d{1,3}")  # a list item's number, opening its line
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*[\"'”’)\]]*$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split `text` into sentences; return (start, end) offsets that cover its words exactly.

    Line breaks (list items, for instance) always end a sentence.
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        offset = line.start()
        spans.extend((offset + a, offset + b) for a, b in _line_spans(line.group(0)))
    return spans


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        before = text[start : match.start() + 1]
        # "No. 5" abbreviates "number"; a FAQ's "No. The calendar…" answers its question
        answer = _NO_ANSWER.search(before) is not None and not _NUMBERED.match(text, end)
        if match.group(0).startswith(".") and _is_abbreviation(before) and not answer:
            continue
        if _ITEM_NUMBER.fullmatch(text[start : match.start()]):  # "1. The right to vote."
            continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _is_abbreviation(chunk: str) -> bool:
    match = _WORD_BEFORE.search(chunk[-40:])
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    if word in _ABBREVIATIONS:
        return True
    tail = chunk[-40:]
    contracted = match.start(1) > 0 and tail[match.start(1) - 1] in "'’"  # ("Please don't. A…": no initial)
    if len(word) == 1 and word.isalpha() and not contracted:  # an initial: "Daniel R. DePetris"
        return True
    # Dotted abbreviations such as "U.S." or "U.K."
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, as exact substrings."""
    return [text[a:b] for a, b in sentence_spans(text)]


_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "aren't",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "can't",
        "cannot",
        "could",
        "couldn't",
        "did",
        "didn't",
        "do",
        "does",
        "doesn't",
        "doing",
        "don't",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "hadn't",
        "has",
        "hasn't",
        "have",
        "haven't",
        "having",
        "he",
        "he'd",
        "he'll",
        "he's",
        "her",
        "here",
        "here's",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "how's",
        "i",
        "i'd",
        "i'll",
        "i'm",
        "i've",
        "if",
        "in",
        "into",
        "is",
        "isn't",
        "it",
        "it's",
        "its",
        "itself",
        "let's",
        "me",
        "more",
        "most",
        "mustn't",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "ought",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "shan't",
        "she",
        "she'd",
        "she'll",
        "she's",
        "should",
        "shouldn't",
        "so",
        "some",
        "such",
        "than",
        "that",
        "that's",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "there's",
        "these",
        "they",
        "they'd",
        "they'll",
        "they're",
        "they've",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "wasn't",
        "we",
        "we'd",
        "we'll",
        "we're",
        "we've",
        "were",
        "weren't",
        "what",
        "what's",
        "when",
        "when's",
        "where",
        "where's",
        "which",
        "while",
        "who",
        "who's",
        "whom",
        "why",
        "why's",
        "with",
        "won't",
        "would",
        "wouldn't",
        "you",
        "you'd",
        "you'll",
        "you're",
        "you've",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "also",
        "just",
        "like",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "much",
        "many",
        "really",
        "think",
        "thinks",
        "say",
        "says",
        "said",
        "tell",
        "does",
        "mean",
        "means",
        "get",
        "got",
        "gonna",
        "wanna",
        "does",
        "did",
        "whats",
        "hes",
        "shes",
        "thats",
        "im",
        "ive",
        "dont",
        "doesnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "cant",
        "wont",
        "would",
        "could",
        "should",
        "article",
        "author",
        "writer",
        "piece",
        "text",
        "reading",
        "according",
        "exactly",
        "actually",
        "basically",
        "really",
        "just",
        "simply",
    ]
)


def normalize(text: str) -> str:
    """Fold Unicode punctuation variants so matching and hashing are stable."""
    text = unicodedata.normalize("NFKC", text)
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stripper (enough to match 'expansion'/'expanding', 'talks'/'talk')."""
    for suffix in ("ational", "ations", "ation", "ments", "ment", "ingly", "ings", "ing", "ies",
                   "ied", "edly", "ed", "ers", "er", "ly", "es", "s"):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                base += "y"
            return base
    return word


# letters that carry no combining mark to drop: "Straße", "Œuvre", "Łódź", "Ørsted"
_UNDECOMPOSED = str.maketrans(
    {"ß": "ss", "Œ": "Oe", "œ": "oe", "Æ": "Ae", "æ": "ae", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o"}
    | {"Đ": "D", "đ": "d"}
)


def fold_accents(text: str) -> str:
    """`text` with accented Latin letters as their plain ones ("Ålesund" → "Alesund", "café" → "cafe").

    A member types "zurich" or "cafe" for the reading's "Zürich" or "café": both are the same word.
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def content_terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words of `text` (stop words dropped; accents folded)."""
    words = [w.lower().replace("’", "'") for w in _TOKEN.findall(fold_accents(normalize(text)))]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return [stem(w) for w in words if w not in STOPWORDS and len(w) > 1]
