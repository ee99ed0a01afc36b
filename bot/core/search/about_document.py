"""Answers about a document itself: who wrote it, when, its title, what the writer does.

Owns the hits for those questions: the byline or, failing it, the author the document's
metadata names (:func:`author_hits`); the dateline or the metadata's date (:func:`date_hits`);
the title with its tags (:func:`title_hit`); and which passages speak about their
document's author beyond a byline (:func:`writer_flags`). ``documents`` maps each
document's path to its entry in the index manifest (title, author, date, tags).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
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


def writer_hit(document: str, passages: Sequence[Passage], documents: Documents) -> Hit | None:
    """The line naming `document`'s writer: its byline (or signature), else its metadata's author."""
    doc = documents.get(document, {})
    author = str(doc.get("author") or "")
    if not author.split():
        return None
    surname = author.rsplit(maxsplit=1)[-1].lower()
    for p in passages:
        if p.document == document and p.kind == "byline" and surname in p.text.lower():
            return Hit(p, 1.0, tuple(range(len(p.sentences))))
    date = str(doc.get("date") or "")
    text = f"By {author}" + (f", {date}" if date else "")
    return metadata_hit("author", document, str(doc.get("title", "")), text, author=author, date=date)


_HEADER_LENGTH = 300  # a header line that dates the text is short; a paragraph that names a date is not one


def _bare(text: str) -> str:
    return " ".join(re.sub(r"[,.]", " ", text).split()).casefold()


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
    bare = _bare(date)  # "March 1874" is printed "MARCH, 1874."
    if dateline is None and date:
        dateline = next((p for p in own if p.is_meta and bare in _bare(p.text)), None)
    if dateline is None and date:  # a header line of the text's own: "Script 3.2 · Recorded March 2025 · …"
        dateline = next((p for p in own[:2] if bare in _bare(p.text) and len(p.text) < _HEADER_LENGTH), None)
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


# A salutation or dedication that says whom a text addresses: "To the People of the State of New
# York:", "Mr. President, Ladies and Gentlemen,--", "My dear brethren,", "Dear Editor,"
_ADDRESSED = re.compile(
    r"^\W*(?:to (?:the|my|all|our|his|her|every)\b|dear\b|sirs?\b|madam\b|gentlemen\b|ladies\b|"
    r"fellow[- ]\w+|mr\.? (?:president|speaker|chairman|mayor)\b|my (?:dear )?(?:friends|brethren|fellow)\b)",
    re.IGNORECASE,
)
_BEFORE = re.compile(r"\b(?:before|to)\b", re.IGNORECASE)


def audience_hits(
    hits: list[Hit], named: Sequence[str], k: int, passages: Sequence[Passage]
) -> list[Hit] | None:
    """A question about whom the document was addressed or given to: the line that says so.

    The occasion line that names its audience ("Delivered before the … Society, Ashby Marren,
    February 14th, 1893."), else the salutation ("To the People of the State of New York:");
    None when there is neither.
    """
    document = named[0] if named else hits[0].passage.document
    own = [p for p in passages if p.document == document and len(p.text.strip()) <= _OCCASION_LENGTH]
    occasions = [p for p in own if _OCCASION.match(p.text.strip()) and _BEFORE.search(p.text)]
    addressed = [p for p in own if _ADDRESSED.match(p.text.strip())]
    for p in (*occasions, *addressed):
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


# A writer or speaker telling what they do or did: "I have worked in public libraries for twenty-six
# years", "after twelve years as an intensive-care nurse", "For thirty-one years I was clerk to the
# harbour master", "I run a firewood business", "I am a retired teacher"
_OWN_BACKGROUND = re.compile(
    r"\bI(?:'ve|’ve| have| had)? (?:worked|served|taught|kept|run|farmed|practised|practiced|nursed|"
    r"been|managed|lectured|preached|rung|driven|fished|owned)\b[^.;]{0,80}?\bfor (?:[\w-]+ ){1,3}years\b|"
    r"\b(?i:for|after) (?:[\w-]+ ){1,3}years,? (?:as an?\b|I (?:was|have been|worked|served|kept|ran))|"
    r"\bI (?:run|own|manage|keep|chair|teach|farm) (?:a|an|the|my)\b|"
    r"\bI (?:work|worked) (?:as|at|for|in) (?:a|an|the)\b|"
    r"\bI (?:am|was) (?:a|an) (?:retired |former |practising |practicing )?[a-z-]+(?: [a-z-]+)?"
    r"(?= (?:at|for|in|of|on|and|who|with|by)\b|[,.;])"
)


def own_background(p: Passage) -> bool:
    """Whether a passage has its writer or speaker saying, in the first person, what they do."""
    return not p.is_quoted and bool(_OWN_BACKGROUND.search(p.text))


def writer_flags(passages: Sequence[Passage], documents: Documents) -> np.ndarray:
    """1.0 for each passage about its document's author.

    One that names them and says more than a byline, or the writer saying what they do ("I have
    worked in public libraries for twenty-six years").
    """
    flags = np.zeros(len(passages), dtype=np.float32)
    for row, p in enumerate(passages):
        author = str(documents.get(p.document, {}).get("author") or "").split()
        if not author:
            continue
        if author[-1].lower() not in p.text.lower():
            flags[row] = float(not p.speaker and own_background(p))
            continue
        said = p.text.replace(" ".join(author), "", 1).strip(" \t\n,.;:_*")
        flags[row] = float(len(content_terms(said)) > 2)
    return flags


def speaker_flags(passages: Sequence[Passage], speakers: Iterable[str], words: Iterable[str]) -> np.ndarray:
    """1.0 for each passage about a named speaker of a transcript (or a person a reading names).

    Another's turn (the host's introduction) or the preamble describing them by one of `words`
    ("Mr. Tomas Reyes, who chairs …"), or their own turn saying what they do; failing both, a
    passage naming them and saying more than a question put to them.
    """
    speakers = set(speakers)
    names = "|".join(re.escape(w) for w in words)
    named = re.compile(rf"\b(?:{names})\b", re.IGNORECASE)
    described = re.compile(
        rf"\b(?:{names})\b(?:\s+[A-Z][\w'’-]+)?,\s+(?:who|a|an|the|our|whose)\b", re.IGNORECASE
    )
    flags = np.zeros(len(passages), dtype=np.float32)
    mentions = np.zeros(len(passages), dtype=np.float32)
    for row, p in enumerate(passages):
        if p.speaker in speakers:
            flags[row] = float(own_background(p))
        elif named.search(p.text):
            flags[row] = float(bool(described.search(p.text)))
            # more than a question put to them ("Your fourth objection, Mr. Reyes?")
            mentions[row] = float(len(content_terms(named.sub(" ", p.text))) > 5)
    return flags if flags.any() else mentions
