"""What a document says about itself: title, author and date, and the furniture around them.

Read from, in order of trust: YAML front matter (``title``, ``author``/``authors``,
``date``), a header of "Title: …", "Author: …" lines, an issuing body's header block
("BRAYFORD DISTRICT COUNCIL" over "Issued: 2 November 2026"), and Project Gutenberg's header, whose
licence text, producer credits and footer are furniture, never passages. Nothing is
guessed: a document whose author is named nowhere keeps ``author=None``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

import yaml

from bot.core.reading.structure import DATE_IN_LINE, title_case

MAX_FRONT_MATTER = 16_000  # characters; longer "front matter" is text, not metadata


@dataclass
class Metadata:
    """A document's own title, author and date (each None when the text does not say)."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    # Lines that carried the metadata and say more than it does (an issuing body's header
    # block: "Held at the Corn Exchange, 14 October 2025"), kept as the text's front lines.
    front: str | None = None

    def or_else(self, other: Metadata) -> Metadata:
        """These fields, with the missing ones taken from `other`."""
        return Metadata(
            self.title or other.title,
            self.author or other.author,
            self.date or other.date,
            self.front or other.front,
        )


def _text(value: object) -> str | None:
    """A front-matter value as one line of text (lists joined, mappings by their name)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("title"))
    if isinstance(value, list | tuple):
        names = [t for t in (_text(v) for v in value) if t]
        if not names:
            return None
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    text = " ".join(str(value).split()).strip()
    return text[:200] or None


_FM_AUTHOR = ("author", "authors", "by", "creator", "speaker")
_FM_DATE = ("date", "published", "pubdate", "created")


def split_front_matter(text: str) -> tuple[Metadata, str]:
    """YAML front matter (between ``---`` lines at the very top) → metadata, and the rest."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Metadata(), text
    for i in range(1, min(len(lines), 400)):
        if lines[i].strip() in ("---", "..."):
            block = "\n".join(lines[1:i])
            rest = "\n".join(lines[i + 1 :])
            if len(block) > MAX_FRONT_MATTER:
                return Metadata(), text
            try:
                data = yaml.safe_load(block)
            except yaml.YAMLError:
                data = _loose_fields(block)
            if not isinstance(data, dict):
                return Metadata(), text if data is not None else rest
            fields = {str(k).lower(): v for k, v in data.items()}
            author = next((fields[k] for k in _FM_AUTHOR if k in fields), None)
            date = _text(next((fields[k] for k in _FM_DATE if k in fields), None))
            front = _front_lines(data)
            if date is None and front:  # "version: 1.3 (revised 9 January 2026)"
                dated = [ln for ln in front.split("\n") if _DATED_KEY.match(ln)]
                found = next((m for ln in dated if (m := DATE_IN_LINE.search(ln))), None)
                date = found.group("date") if found else None
            return Metadata(_text(fields.get("title")), _text(author), date, front), rest
    return Metadata(), text


# Front-matter keys that drive a site generator, not facts a reader asks about.
_FM_TECHNICAL = frozenset(
    {"layout", "slug", "permalink", "draft", "tags", "categories", "category", "template", "weight"}
    | {"aliases", "id", "uuid", "type", "lang", "language", "toc", "image", "cover", "css", "js", "url"}
    | {"canonical", "canonical_url", "hidden", "sidebar", "menu", "title", "excerpt_separator", "math"}
    | {"comments", "share", "published", "keywords", "series", "featured", "thumbnail", "og_image"}
)


_DATED_KEY = re.compile(
    r"^[^:]*(?:date|updat|revis|modif|version|issued|posted|created)[^:]*:", re.IGNORECASE
)


def _front_lines(data: dict[object, object]) -> str | None:
    """The front matter's facts as lines a reader can be shown ("Term: Spring 2026"), or None.

    A syllabus's or a report's front matter says who runs it, when it was revised, what it is
    worth: the reading keeps those lines (not the title, which heads it, nor a site's settings).
    """
    lines, more = [], False
    for key, value in data.items():
        name = str(key).strip()
        text = _text(value)
        if not text or name.lower() in _FM_TECHNICAL or len(name) > 40 or isinstance(value, dict):
            continue
        lines.append(f"{name.replace('_', ' ').capitalize()}: {text}")
        more = more or name.lower() not in (*_FM_AUTHOR, *_FM_DATE)
    # only the author and the date: the document's byline says them already
    return "\n".join(lines[:12]) if more and len(lines) >= 2 else None


def _loose_fields(block: str) -> dict[str, str]:
    """The "key: value" lines of front matter that is not valid YAML."""
    out: dict[str, str] = {}
    for line in block.split("\n"):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*[\"']?(.*?)[\"']?\s*$", line)
        if match and match.group(2):
            out[match.group(1)] = match.group(2)
    return out


# "Title: …", "Author: …" header lines (Project Gutenberg's, and plain files written like it).
_FIELD = re.compile(r"^\s*(?P<key>[A-Z][A-Za-z' ]{1,30}?)\s*:\s*(?P<value>.*?)\s*$")
_TITLE_KEYS = frozenset({"title"})
_AUTHOR_KEYS = frozenset({"author", "authors", "by", "written by"})
_DATE_KEYS = frozenset(
    {"date", "published", "original publication", "first published", "date of publication"}
)
_HEADER_KEYS = (
    _TITLE_KEYS
    | _AUTHOR_KEYS
    | _DATE_KEYS
    | {"release date", "posting date", "last updated", "first posted", "language", "subtitle"}
    | {"character set encoding", "produced by", "translator", "editor", "illustrator", "credits"}
    | {"ebook", "etext", "most recently updated", "updated", "contributor", "contributors"}
)


def _fields(lines: list[str]) -> dict[str, str]:
    """Header fields of `lines`; a field's value may go on over indented lines."""
    out: dict[str, str] = {}
    key = None
    for line in lines:
        match = _FIELD.match(line)
        if match and match.group("key").lower() in _HEADER_KEYS and len(match.group("value")) <= 200:
            key = match.group("key").lower()
            out.setdefault(key, match.group("value"))
        elif key and line.startswith((" ", "\t")) and line.strip():
            out[key] = f"{out[key]} {line.strip()}".strip()
        else:
            key = None
    return out


def _metadata(fields: dict[str, str]) -> Metadata:
    def first(keys: frozenset[str]) -> str | None:
        value = next((fields[k] for k in fields if k in keys and fields[k]), None)
        return _clean_value(value) if value else None

    return Metadata(first(_TITLE_KEYS), first(_AUTHOR_KEYS), first(_DATE_KEYS))


def _clean_value(value: str) -> str | None:
    value = re.sub(r"\s*\[(?:e-?book|etext)\s*#\s*\d+\]", "", value, flags=re.I)
    value = " ".join(value.split()).strip(" _*")
    return value or None


def split_header(text: str) -> tuple[Metadata, str]:
    """A leading header of "Title: …", "Author: …" lines → metadata, and the text after it.

    Only a header naming a title or an author counts (a first line "Note: …" is text).
    """
    lines = text.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    start = i
    while i < len(lines):
        line = lines[i]
        match = _FIELD.match(line)
        field = bool(match) and match.group("key").lower() in _HEADER_KEYS  # type: ignore[union-attr]
        if field or not line.strip() or (i > start and line.startswith((" ", "\t"))):
            i += 1
        else:
            break
    fields = _fields(lines[start:i])
    if not fields.keys() & (_TITLE_KEYS | _AUTHOR_KEYS):
        return Metadata(), text
    return _metadata(fields), "\n".join(lines[i:])


# Project Gutenberg's wrapper.
_PG_START = re.compile(r"^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG[^\n]*$", re.I | re.M)
_PG_END = re.compile(
    r"^\s*(?:\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG|End of (?:the )?Project Gutenberg)[^\n]*$",
    re.I | re.M,
)
# "The Project Gutenberg EBook of Common Sense, by Thomas Paine", "Project Gutenberg's X, by Y"
_PG_HEADER = re.compile(
    r"^\s*(?:The )?Project Gutenberg(?:'s)?(?:\s+E-?Book|\s+E-?text)?(?:\s+of)?\s+(?P<title>.+?)"
    r"(?:,\s+by\s+(?P<author>.+?))?\s*$",
    re.I | re.M,
)
# Credits and notes that open a Gutenberg body ("Produced by …", "E-text prepared by …").
_PG_CREDITS = re.compile(
    r"^\s*(?:produced by|e-?text prepared by|prepared by|transcribed (?:from|by)|scanned by|"
    r"html version by|this (?:e-?book|e-?text) was (?:produced|prepared)|updated editions? will)",
    re.I,
)


_FIRST_PARAGRAPH = re.compile(r"\s*((?:[^\n]*\S[^\n]*(?:\n|$))+)")


def split_gutenberg(text: str) -> tuple[Metadata, str] | None:
    """A Project Gutenberg file → the header's metadata and the book's own text.

    None for any other text. The licence header, producer credits, "End of the Project
    Gutenberg EBook…" and the licence after it are dropped.
    """
    start = _PG_START.search(text)
    if start is None:
        return None
    header, body = text[: start.start()], text[start.end() :]
    meta = _metadata(_fields(header.split("\n")))
    end = _PG_END.search(body)
    if end is not None:
        body = body[: end.start()]
    for _ in range(4):  # credits opening the book: each a paragraph of its own
        first = _FIRST_PARAGRAPH.match(body)
        if first is None or not _PG_CREDITS.match(first.group(1)):
            break
        body = body[first.end() :]
    line = _PG_HEADER.search(header)
    if line is not None:  # the first line of the header, when the fields are missing
        author = _clean_value(line.group("author")) if line.group("author") else None
        meta = meta.or_else(Metadata(_clean_value(line.group("title")), author))
    return meta, body


def read_metadata(text: str, *, markdown: bool) -> tuple[Metadata, str]:
    """The document's own metadata and its text without the furniture that carried it."""
    gutenberg = split_gutenberg(text)
    if gutenberg is not None:
        meta, text = gutenberg
        inner, text = split_header(text)
        return meta.or_else(inner), text
    if markdown:
        meta, text = split_front_matter(text)
        if meta != Metadata():
            return meta, text
    meta, rest = split_header(text)
    if meta != Metadata():
        return meta, rest
    meta, rest = split_rfc_header(text)
    if meta != Metadata():
        return meta, rest
    meta, rest = split_memo(text)
    if meta != Metadata():
        return meta, rest
    meta, rest = split_issuer(text)
    return (meta, rest) if meta != Metadata() else split_form(text)


# A memo's or a single email's header fields ("To: All staff", "From: Neil Ormerod, Managing
# Director", "Date: 6 November 2026", "Subject: …").
_MEMO_KEYS = frozenset(
    {"to", "from", "date", "sent", "subject", "re", "cc", "bcc", "ref", "our ref", "your ref", "copy to"}
)
_MEMO_FROM = re.compile(r"^\s*from\s*:", re.I | re.M)
# "Neil Ormerod, Managing Director", "Ann Lee <ann@x.org>", "Ann Lee (Chair)", "ann@x.org"
_SENDER = re.compile(r"^(?P<name>[^,<(\[]+?)\s*(?:[,<(\[]|\s[-–—]\s|$)")


def split_memo(text: str) -> tuple[Metadata, str]:
    """A memo's or a single email's header → its author, date and subject, and the text after it.

    "To: All staff / From: Neil Ormerod, Managing Director / Date: 6 November 2026 / Subject: The
    ballot": the sender is the author and the subject the title. The header may stand under a
    letterhead (a company's name and address, up to two short blocks); the letterhead and the
    header stay as the text's front lines (whom it went to, the sender's role). A text with two
    "From:" lines or more is a thread, read message by message elsewhere.
    """
    if len(_MEMO_FROM.findall(text)) != 1:
        return Metadata(), text
    lines = text.split("\n")
    blocks: list[tuple[int, int]] = []  # (first line, end) of the opening blocks
    n = 0
    while n < len(lines) and len(blocks) < 3:
        while n < len(lines) and not lines[n].strip():
            n += 1
        start = n
        while n < len(lines) and lines[n].strip():
            n += 1
        if n > start:
            blocks.append((start, n))
    for k, (start, end) in enumerate(blocks):
        block = [line.strip() for line in lines[start:end]]
        fields = [m for line in block if (m := _ANY_FIELD.match(line))]
        keys = [m.group("key").lower() for m in fields]
        if len(fields) == len(block) >= 2 and "from" in keys and set(keys) <= _MEMO_KEYS:
            above = [line.strip() for s, e in blocks[:k] for line in lines[s:e]]
            if len(above) > 6 or any(len(line) > 90 for line in above):
                return Metadata(), text
            values = {key: m.group("value") for key, m in zip(keys, fields, strict=True)}
            sender = _SENDER.match(values["from"])
            name = sender.group("name").strip() if sender else None
            if name and ("@" in name or not re.search(r"[A-Za-z]", name)):
                name = None
            if name and name.isupper():
                name = title_case(name)
            subject = values.get("subject", values.get("re", ""))
            title = re.sub(r"^(?:re|fwd?)\s*:\s*", "", subject, flags=re.I)
            date = values.get("date") or values.get("sent")
            front = "\n".join([*above, *block])
            meta = Metadata(
                _clean_value(title) if title else None,
                name,
                _clean_value(date) if date else None,
                front,
            )
            return meta, "\n".join(lines[end:])
        if k >= 2:
            break
    return Metadata(), text


# An issuing body's name: a line of up to eight words ending in a word for an organisation.
_ORGANISATION = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w&'’.-]*\s+(?:(?:of|and|for|&|the|on)\s+)*){0,7}"
    r"(?:council|association|society|committee|trust|department|directorate|authority|board|office|"
    r"union|institute|institution|company|ltd|limited|inc|group|foundation|party|club|league|"
    r"federation|agency|commission|ministry|partnership|network|alliance|coalition|forum|"
    r"cooperative|co-operative|corporation|plc|llc)\.?$",
    re.IGNORECASE,
)
_ISSUED_KEYS = frozenset({"issued", "date", "dated", "published", "date of issue", "issue date"})
_ANY_FIELD = re.compile(r"^\s*(?P<key>[A-Z][A-Za-z' ]{1,30}?)\s*:\s*(?P<value>\S.*?)\s*$")


def split_issuer(text: str) -> tuple[Metadata, str]:
    """A header block naming the body that issues the text → its author and date, and the rest.

    "BRAYFORD DISTRICT COUNCIL / Communities Directorate / Consultation Document CC/2026/04 /
    Issued: 2 November 2026": a council's, a company's or a society's paper opens with a block
    of short lines, the first naming the body, another a field ("Issued: …", "Ref: …"). The
    block names the author (the body) and the date (the issue date); the title follows. The
    block itself stays in the reading as its front lines (`Metadata.front`): its other lines may
    say what no other line does (where and when a debate was held, which directorate wrote it).
    """
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    block = [line.strip() for line in lines[start:end]]
    if not 2 <= len(block) <= 8 or any(len(line) > 100 for line in block) or end >= len(lines):
        return Metadata(), text
    if not _ORGANISATION.match(block[0]) or len(block[0].split()) > 8:
        return Metadata(), text
    fields = [m for line in block[1:] if (m := _ANY_FIELD.match(line))]
    if not fields:
        return Metadata(), text
    date = next((m.group("value") for m in fields if m.group("key").lower() in _ISSUED_KEYS), None)
    name = " ".join(block[0].split()).rstrip(".")
    if name.isupper():
        name = title_case(name)
    if date is None:  # no "Issued:" field: the date a line of the block gives ("Held at …, 14 May 2025")
        date = next((m.group("date") for line in block[1:] if (m := DATE_IN_LINE.search(line))), None)
    front = "\n".join(block)
    return Metadata(None, name, _clean_value(date) if date else None, front), "\n".join(lines[end:])


# A form's or a committee paper's header fields, under its first lines: "Paper from: Professor Helen
# Marsh, Dean of Students", "Organisation name: Hesketh Green Men's Shed", "Title: Ending Saturday
# examinations". The one who puts the paper or the application forward is its author.
_FORM_AUTHOR_KEYS = (
    "paper from",
    "presented by",
    "submitted by",
    "prepared by",
    "proposed by",
    "proposer",
    "originator",
    "created by",
    "author",
    "authors",
    "organisation name",
    "organization name",
    "organisation",  # an application's "Organisation: Fixit Friday Ashbourne CIC", under the funder's name
    "organization",
    "applicant organisation",
    "applicant organization",
    "group name",
    "name of group",
    "name of organisation",
    "name of organization",
)
# (never "Applicant:": in a tribunal's decision or a planning letter the applicant is a party, not the writer)
_FORM_TITLE_KEYS = frozenset({"title", "paper title", "project title", "project name", "title of paper"})
FORM_LINES = 25
# a workspace page's properties, exported above its text (Notion): "Status:", "Tags:", "Last edited time:"
_PAGE_PROPERTIES = frozenset(
    {"status", "tags", "created", "created time", "last edited time", "last edited by"}
)
_PERSON_AND_POST = re.compile(
    r"^(?P<name>(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Sir|Dame|Cllr|Councillor|Rev|Revd)\.?\s+)?"
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3}),\s+\S"
)  # the header fields stand among a paper's first lines


def split_form(text: str) -> tuple[Metadata, str]:
    """A block of "Key: value" lines near the top naming who puts the text forward → its author.

    The block (two field lines or more, nothing else) goes to the front lines; its "Title:" is the
    title. A block without an author's field is left as it is (a letter's "Re: …", a recipe's "Serves: 4").
    """
    lines = text.split("\n")
    head = lines[:FORM_LINES]
    n = 0
    while n < len(head):
        if not _ANY_FIELD.match(head[n]):
            n += 1
            continue
        end = n
        while end < len(lines) and _ANY_FIELD.match(lines[end]) and len(lines[end]) <= 160:
            end += 1
        fields = {
            m.group("key").strip().lower(): m.group("value")
            for line in lines[n:end]
            if (m := _ANY_FIELD.match(line))
        }
        author = next((fields[k] for k in _FORM_AUTHOR_KEYS if fields.get(k)), None)
        if author is None and fields.get("owner") and _PAGE_PROPERTIES & set(fields):
            author = fields["owner"]  # a wiki page's properties (Notion): its owner wrote it, not a pet's
        person = _PERSON_AND_POST.match(author or "")
        if person is not None and not _ORGANISATION.search(person.group("name")):
            author = person.group("name")  # "Professor Helen Marsh, Dean of Students": the person
        if end - n >= 2 and author:
            title = next((fields[k] for k in fields if k in _FORM_TITLE_KEYS), None)
            front = "\n".join(line.strip() for line in lines[n:end])
            meta = Metadata(_clean_value(title) if title else None, _clean_value(author), None, front)
            return meta, "\n".join([*lines[:n], *lines[end:]])
        n = max(end, n + 1)
    return Metadata(), text


# An RFC's or an Internet-Draft's header: the series' fields on the left, its authors (initials and
# surname) and its date on the right ("Request for Comments: 0417          R. Vasquez")
_TWO_COLUMNS = re.compile(r"^(?P<left>\S.*?)\s{6,}(?P<right>\S.*?)\s*$")
_SERIES_FIELD = re.compile(
    r"^(?:request for comments|internet-draft|category|updates|obsoletes|intended status|expires|issn|"
    r"network working group|stream)\b",
    re.IGNORECASE,
)
_INITIALLED = re.compile(r"^(?:[A-Z]\.\s?){1,3}[A-Z][\w'’\-]+(?:,\s*Ed\.)?$")


def split_rfc_header(text: str) -> tuple[Metadata, str]:
    """An RFC-style header → its title (the centred line under it), its authors and its date."""
    lines = text.split("\n")
    head = list(itertools.takewhile(lambda ln: ln.strip(), lines[:14]))
    columns = [m for ln in head if (m := _TWO_COLUMNS.match(ln))]
    if len(columns) < 2 or not any(_SERIES_FIELD.match(m.group("left")) for m in columns):
        return Metadata(), text
    authors = [m.group("right") for m in columns if _INITIALLED.match(m.group("right"))]
    dated = next((m.group("right") for m in columns if DATE_IN_LINE.search(m.group("right"))), None)
    if not authors:
        return Metadata(), text
    rest = lines[len(head) :]
    at = next((n for n, ln in enumerate(rest) if ln.strip()), None)
    title = None
    if at is not None and rest[at].startswith("    ") and len(rest[at].strip()) <= 100:
        title, rest = rest[at].strip(), rest[at + 1 :]  # the title, centred under the header
    author = ", ".join(authors[:-1]) + f" and {authors[-1]}" if len(authors) > 1 else authors[0]
    return Metadata(
        title, author, dated, "\n".join(re.sub(r"\s{6,}", " · ", ln.strip()) for ln in head)
    ), "\n".join(rest)
