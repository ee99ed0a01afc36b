"""MediaWiki markup, as copied from a wiki's edit box, read as the Markdown the parser knows.

An article pasted with its markup ("== History ==", "'''Orrin Cross Lido''' is …",
"[[Fallowfield Park|the park]]", "{{Infobox venue | opened = 2 July 1937 …}}", "<ref>…</ref>")
is parsed by mwparserfromhell, a maintained parser of that markup, and written out as
Markdown: headings keep their level, links keep the words a reader sees, an infobox's fields
become its front matter ("Opened: 2 July 1937"), and what a reader
never sees as text goes (references, comments, categories, files, other templates), with the
closing lists of links ("See also", "References", "External links").

The same article copied from the browser (`wiki_page_copy`) has no markup left, but its page
says what it is: headings end in "[edit]", the contents list numbers them ("1.1  Early
crossings", which gives each its level), the infobox is a run of "field<TAB>value" lines, and
the site's lines ("Jump to navigation", "From Wend Valley Wiki, …", "This page was last
edited …", "Categories: …") and citation marks ("[3]") are no text of it.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser is imported when a wiki article is read, not at every start
    from mwparserfromhell.nodes import Tag, Template
    from mwparserfromhell.wikicode import Wikicode

_HEADING = re.compile(r"^(={2,6})[^=\n].*?\1\s*$", re.MULTILINE)
_MARKUP = re.compile(r"'''[^'\n]+'''|\[\[[^\]\n]+\]\]|\{\{[^}\n]*|<ref[\s>]", re.IGNORECASE)
_INFOBOX = re.compile(r"^\s*\{\{\s*infobox\b", re.IGNORECASE | re.MULTILINE)
# The closing sections of an article that list links and sources, not text.
_LINK_SECTIONS = frozenset(
    {"see also", "references", "notes", "external links", "further reading", "sources", "citations"}
    | {"bibliography", "footnotes", "notes and references", "references and notes"}
)
# An infobox's fields that name a picture or a layout setting, not a fact.
_PICTURE_FIELDS = re.compile(
    r"^(?:image|img|logo|photo|picture|map|alt|caption|upright|signature|coordinates|coords|embed|module)"
    r"(?:[_ ]?\w*)?$|(?:_|\b)(?:image|caption|size|alt|map)$",
    re.IGNORECASE,
)
_NON_TEXT_LINKS = re.compile(r"^\s*:?\s*(?:category|file|image|media)\s*:", re.IGNORECASE)


def is_wikitext(text: str) -> bool:
    """Whether a plain text is written in wiki markup: two "== Heading ==" lines and markup, or an infobox."""
    if _INFOBOX.search(text):
        return True
    return len(_HEADING.findall(text)) >= 2 and len(_MARKUP.findall(text)) >= 2


def _facts(box: Template) -> tuple[str | None, list[str]]:
    """An infobox's name field and its other fields as "Label: value" lines."""
    name: str | None = None
    lines: list[str] = []
    for param in box.params:
        key = str(param.name).strip()
        value = " ".join(_plain(param.value).split())
        if not value or key.isdigit() or _PICTURE_FIELDS.search(key):
            continue
        if key.lower() in ("name", "title") and name is None:
            name = value
            continue
        lines.append(f"{key.replace('_', ' ').strip().capitalize()}: {value}")
    return name, lines


def _plain(code: Wikicode) -> str:
    """The words of a piece of markup a reader sees."""
    for tag in code.filter_tags(recursive=True):
        if str(tag.tag).strip().lower() == "ref":
            with contextlib.suppress(ValueError):  # inside a tag removed already
                code.remove(tag)
    return code.strip_code(normalize=True, collapse=True, keep_template_params=False)


def _table(table: Tag) -> str:
    """A wiki table ("{| … |}") as a Markdown table (its caption goes: its rows say what they are)."""

    def tagged(code: Wikicode, *names: str) -> list[Tag]:
        return code.filter_tags(matches=lambda n: str(n.tag).strip().lower() in names, recursive=False)

    def cell(tag: Tag) -> str:
        return " ".join(_plain(tag.contents).split()).replace("|", "/")

    heads = [cell(t) for t in tagged(table.contents, "th")]
    rows: list[list[str]] = []
    # cells before the first "|-" are the first row ("|+ …", the caption, goes)
    loose = [c for c in (cell(t) for t in tagged(table.contents, "td")) if not c.startswith("+")]
    if loose:
        rows.append(loose)
    for row in tagged(table.contents, "tr"):
        cells = tagged(row.contents, "th", "td")
        if cells and not heads and not rows and all(str(c.tag).strip().lower() == "th" for c in cells):
            heads = [cell(c) for c in cells]
            continue
        if cells:
            rows.append([cell(c) for c in cells])
    if not heads:  # no header row: each row a line of its cells, nothing lost
        return "\n\n".join(" — ".join(c for c in r if c) for r in rows if any(r))
    if not rows:
        return " — ".join(heads)
    width = max(len(heads), *(len(r) for r in rows))
    heads = heads + [""] * (width - len(heads))
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    return "\n".join(lines)


def wikitext_to_markdown(text: str) -> tuple[str, list[str]]:
    """The article as Markdown (its name as the title, headings, paragraphs, lists) and its infobox's facts.

    The facts ("Opened: 2 July 1937") are the article's front matter: the prose says most of
    them again, and answers first.
    """
    import mwparserfromhell
    from mwparserfromhell.nodes import Heading, Tag, Template, Text, Wikilink

    # list items in Markdown's marks: "# item" would read as a heading; an indent's ":" goes
    text = re.sub(r"(?m)^#+[:*]?\s*", "1. ", text)
    text = re.sub(r"(?m)^\*+\s*", "- ", text)
    text = re.sub(r"(?m)^:+\s*", "", text)
    code = mwparserfromhell.parse(text)
    for section in code.get_sections(levels=[2]):
        heading = section.filter_headings(recursive=False)[0]
        if heading.title.strip_code().strip().lower() in _LINK_SECTIONS:
            code.remove(section)
    title: str | None = None
    facts: list[str] = []
    for node in list(code.nodes):
        if isinstance(node, Template) and str(node.name).strip().lower().startswith("infobox"):
            name, lines = _facts(node)
            title, facts = title or name, facts + lines
            code.remove(node)
        elif isinstance(node, Heading):
            words = " ".join(node.title.strip_code().split())
            code.replace(node, Text(f"{'#' * node.level} {words}"))
        elif isinstance(node, Wikilink) and _NON_TEXT_LINKS.match(str(node.title)):
            code.remove(node)
        elif isinstance(node, Tag) and str(node.tag).strip().lower() == "br":
            code.replace(node, Text("\n"))
        elif isinstance(node, Tag) and str(node.tag).strip().lower() == "table":
            code.replace(node, Text(f"\n\n{_table(node)}\n\n"))
    if title is None:  # the article's name, set in bold where the article first says it
        bold = next((t for t in code.filter_tags(recursive=False) if t.wiki_markup == "'''"), None)
        title = " ".join(bold.contents.strip_code().split()) if bold is not None else None
    body = _plain(code)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    head = f"# {title}\n\n" if title else ""
    return head + body + "\n", facts


# A rendered wiki page copied from the browser: "History[edit]", "Early life[edit source]"
_EDIT = re.compile(r"^(?P<heading>\S.{0,150}?)\s*\[\s*edit(?: source)?\s*\]$", re.IGNORECASE)
_CONTENTS = re.compile(r"^contents\s*(?:\[\s*(?:hide|show)\s*\])?$", re.IGNORECASE)
_CONTENTS_ITEM = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\s+(?P<heading>\S.*)$")
_SITE_LINE = re.compile(
    r"^(?:from [^,]{2,80}, the .{0,80}|jump to (?:navigation|content|search)(?: jump to search)?|"
    r"\(redirected from [^)]*\)|this page was last edited .*|text is available under .*|retrieved from .*|"
    r"(?:hidden )?categor(?:y|ies): .*|privacy policy|disclaimers|mobile view|cookie statement)$",
    re.IGNORECASE,
)
_CITATION = re.compile(r"\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed|clarification needed)\]")


def wiki_page_copy(text: str) -> tuple[str, list[str]] | None:
    """A wiki article copied from the browser as Markdown and its infobox's facts, or None for other text."""
    lines = [line.rstrip() for line in text.split("\n")]
    if sum(bool(_EDIT.match(line.strip())) for line in lines) < 2:
        return None
    title = next((line.strip() for line in lines if line.strip()), "")
    levels: dict[str, int] = {}
    facts: list[str] = []
    out: list[str] = []
    skipping = contents = False
    prose = False  # the article's first paragraph has been read: no infobox after it
    for raw in lines:
        line = raw.strip()
        if contents:
            item = _CONTENTS_ITEM.match(line)
            if item is not None:
                levels[" ".join(item.group("heading").split()).lower()] = 1 + item.group("number").count(".")
                continue
            contents = False
        if _CONTENTS.match(line):
            contents = True
            continue
        if line == title or _SITE_LINE.match(line):
            continue
        heading = _EDIT.match(line)
        if heading is not None:
            words = " ".join(heading.group("heading").split())
            skipping = words.lower() in _LINK_SECTIONS
            if not skipping:
                out += ["", "#" * (levels.get(words.lower(), 1) + 1) + " " + words, ""]
            continue
        if skipping:
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if len(cells) == 2 and not prose and all(cells) and len(cells[0]) <= 40:
            if cells[1].strip("—–- "):  # "Ended operation  —": no fact
                facts.append(f"{cells[0]}: {cells[1]}")
            continue
        if len(cells) >= 3:  # a table's row, its cells between tabs
            out.append("| " + " | ".join(_CITATION.sub("", c) for c in cells) + " |")
            if not (out[-2:-1] and out[-2].startswith("|")):
                out.append("|" + "---|" * len(cells))
            continue
        if out and out[-1].startswith("|") and line:
            out.append("")
        line = _CITATION.sub("", line)
        prose = prose or len(line.split()) >= 12
        out += [line, ""] if line else [""]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    return f"# {title}\n\n{body}\n", facts
