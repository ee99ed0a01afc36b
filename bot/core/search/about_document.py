"""Answers about a document itself: who wrote it, when, its title, what the writer does.

Owns the hits for those questions: the byline or, failing it, the author the document's
metadata names (:func:`author_hits`); the dateline or the metadata's date (:func:`date_hits`);
the title with its tags (:func:`title_hit`); and which passages speak about their
document's author beyond a byline (:func:`writer_flags`). ``documents`` maps each
document's path to its entry in the index manifest (title, author, date, tags).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from bot.core.reading.passages import Passage
from bot.core.reading.structure import ADDRESS_DATE, PLACE_DATE
from bot.core.search.answer import Hit, metadata_hit
from bot.core.text.words import content_terms

Documents = Mapping[str, Mapping[str, Any]]


def author_hits(hits: list[Hit], named: Sequence[str], k: int, documents: Documents) -> list[Hit]:
    """An author question: the byline first, or the author the document's metadata names."""
    best = hits[0].passage
    document = named[0] if named else best.document
    doc = documents.get(document, {})
    author = str(doc.get("author") or "")
    surname = author.rsplit(maxsplit=1)[-1].lower() if author.split() else ""
    if not author or (best.kind == "byline" and surname in best.text.lower()):
        return hits
    date = str(doc.get("date") or "")
    text = f"By {author}" + (f", {date}" if date else "")
    meta = metadata_hit("author", document, str(doc.get("title", best.title)), text, author=author, date=date)
    return [meta, *hits][:k]


def date_hits(
    hits: list[Hit], named: Sequence[str], k: int, documents: Documents, passages: Sequence[Passage]
) -> list[Hit] | None:
    """A question about when the document was written: the line that dates it, or its date.

    None when the document states no date in its metadata, its byline or a dateline.
    """
    document = named[0] if named else hits[0].passage.document
    doc = documents.get(document, {})
    date = str(doc.get("date") or "")
    own = [p for p in passages if p.document == document]
    dateline = next((p for p in own if PLACE_DATE.match(p.text.strip())), None)  # "Philadelphia, 1776"
    if dateline is None and date:
        dateline = next((p for p in own if p.is_meta and date in p.text), None)
    if dateline is None and not date:
        return None
    if dateline is not None:
        first = Hit(dateline, 1.0, tuple(range(len(dateline.sentences))))
    else:
        author = str(doc.get("author") or "")
        text = f"Dated {date}" + (f", by {author}" if author else "")
        title = str(doc.get("title", hits[0].passage.title))
        first = metadata_hit("date", document, title, text, author=author, date=date)
    return [first, *(h for h in hits if h.passage.id != first.passage.id)][:k]


# "(Read before the Women's Educational Union at Leicester, October 1911.)", "Preached in the
# Parish Church of St. Michael, Ashcombe, …", "Remarks by X at the town meeting of 14 October"
_OCCASION = re.compile(
    r"^\W*(?:(?:read|delivered|given|preached|spoken|written|published|printed|presented|remarks|speech|"
    r"address|lecture|sermon|a (?:speech|lecture|sermon|paper|talk|submission|letter))\b[^.]{0,200}?"
    r"\b(?:at|in|before|to)\b[^.]{0,120}?\b[A-Z][a-z]+)",
    re.IGNORECASE,
)
_OCCASION_LENGTH = 300  # an occasion line is short; a paragraph that mentions a place is not one


def place_hits(
    hits: list[Hit], named: Sequence[str], k: int, passages: Sequence[Passage]
) -> list[Hit] | None:
    """A question about where the document was given or written: the line that says so.

    The occasion line ("Read before … at Leicester, October 1911."), a byline that names the
    meeting, or a dateline with a place ("Bradwell, March 1873."); None when there is none.
    """
    document = named[0] if named else hits[0].passage.document
    own = [p for p in passages if p.document == document]
    for p in own:
        text = p.text.strip()
        if len(text) > _OCCASION_LENGTH:
            continue
        dated = PLACE_DATE.match(text) or ADDRESS_DATE.match(text)
        placed = dated is not None and dated.start("date") > 0  # "Philadelphia, 1776", not "1776"
        if placed or _OCCASION.match(text):
            first = Hit(p, 1.0, tuple(range(len(p.sentences))))
            return [first, *(h for h in hits if h.passage.id != p.id)][:k]
    return None


def title_hit(like: Passage, documents: Documents) -> Hit:
    """The title of `like`'s document, with its tags, as a hit."""
    doc = documents.get(like.document, {})
    title = str(doc.get("title", like.title))
    tags = doc.get("tags") or []
    text = title + (f" | {' | '.join(tags)}" if tags else "")
    return metadata_hit("title", like.document, title, text)


def writer_flags(passages: Sequence[Passage], documents: Documents) -> np.ndarray:
    """1.0 for each passage that names its document's author and says more than a byline."""
    flags = np.zeros(len(passages), dtype=np.float32)
    for row, p in enumerate(passages):
        author = str(documents.get(p.document, {}).get("author") or "").split()
        if not author or author[-1].lower() not in p.text.lower():
            continue
        said = p.text.replace(" ".join(author), "", 1).strip(" \t\n,.;:_*")
        flags[row] = float(len(content_terms(said)) > 2)
    return flags
