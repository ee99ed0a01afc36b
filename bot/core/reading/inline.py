"""Marks inside plain-text lines that are not words: page marks, footnote marks, emphasis.

Gutenberg-style texts carry the printed book's page numbers (``{350}``, ``[Pg 350]``),
footnote marks (``[1]``, ``*``, ``†``) stuck to words and titles, and ``_underscored_``
(or ``*starred*``) emphasis. They are removed without splitting or joining words:
``illumi{350}nated`` → ``illuminated``, ``illuminated{350} temple`` → ``illuminated temple``.
A note's own leading mark ("[1] See…") is kept, so notes are still recognised as notes.
"""

from __future__ import annotations

import re

_PAGE_MARK = re.compile(r"\{(?:\d{1,4}|[ivxlc]{1,7})\}|\[(?:Pg|Page|p\.)\s*\d{1,4}\]", re.I)
# A footnote mark right after a word or punctuation: "Liberty.[1]", "title[A]", "power*", "end†".
# a superscript note or affiliation number ("Saul-Oyelaran¹,"), never a unit's power ("120 m²")
_SUPERSCRIPT = r"(?<!\bm)(?<!\bkm)(?<!\bcm)(?<!\bmm)(?<!\bft)[¹²³⁴⁵⁶⁷⁸⁹⁰]+"
_NOTE_MARK = re.compile(
    r"(?<=[A-Za-z.,;:!?\"”’)\]])(?:\[(?:\d{1,3}|[A-Z]|[*†‡])\]|\*{1,3}|[†‡]+|"
    + _SUPERSCRIPT
    + r")(?=[\s.,;:!?\"”’)]|$)"
)
_MD_NOTE_MARK = re.compile(
    r"(?<=[A-Za-z.,;:!?\"”’)])(?:\[(?:\d{1,3}|[*†‡]|\^[\w-]{1,20})\]|[†‡]+|"
    + _SUPERSCRIPT
    + r")(?=[\s.,;:!?\"”’)]|$)"
)
_STARRED = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
# An underscore that is not inside a word (snake_case stays): emphasis markers.
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+(?=[,;:.!?)\]”’](?:\s|$))")


def _page_mark(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return "" if before.isalpha() and after.isalpha() else " "


def clean_inline(text: str) -> str:
    """`text` without page marks, footnote marks stuck to words, and emphasis markers."""
    if not any(c in text for c in "{[*_†‡¹²³⁴⁵⁶⁷⁸⁹⁰"):
        return text
    cleaned = _PAGE_MARK.sub(_page_mark, text)
    cleaned = _STARRED.sub(r"\1", cleaned)
    cleaned = _NOTE_MARK.sub("", cleaned)
    cleaned = _UNDERSCORE.sub("", cleaned)
    cleaned = re.sub(r"[ \t]{2,}", " ", cleaned)
    return _SPACE_BEFORE_PUNCT.sub("", cleaned).strip()


def clean_marks(text: str) -> str:
    """Marks only (page and footnote marks), for Markdown whose emphasis the parser already read."""
    if not any(c in text for c in "{[*†‡¹²³⁴⁵⁶⁷⁸⁹⁰"):
        return text
    cleaned = _PAGE_MARK.sub(_page_mark, text)
    cleaned = _MD_NOTE_MARK.sub("", cleaned)
    cleaned = re.sub(r"[ \t]{2,}", " ", cleaned)
    return _SPACE_BEFORE_PUNCT.sub("", cleaned).strip()
