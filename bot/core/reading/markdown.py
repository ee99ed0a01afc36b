"""Markdown seed files → title and blocks, through markdown-it-py's CommonMark parser.

Headings become the section of the blocks under them; list items are grouped into one
block (joined to a sentence introducing them with a colon), unless they are numbered
paragraphs (long items: each a block, with its number); block quotes are quotes; a
table is one block with a line per row; code, HTML comments and rules are left out; inline
markup (emphasis, links, images, code ticks) is reduced to its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from bot.core.reading.inline import clean_marks
from bot.core.reading.letters import letter_signer, letters_page
from bot.core.reading.structure import (
    BODY,
    LIST,
    QUOTE,
    Block,
    clean_heading,
    clean_title,
    is_furniture,
    plain_heading,
)
from bot.core.reading.transcript import is_transcript, turn_of

_PARSER = MarkdownIt("commonmark").enable("table")
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->", re.DOTALL)


@dataclass
class _Event:
    kind: str  # "heading" | "para" | "item" | "quote" | "table" | "dropped" (code left out)
    text: str
    level: int = 0
    emphasised: bool = False  # a paragraph that is all bold/italic: may be a heading
    number: str = ""  # an ordered list item's number ("12")


def inline_text(token: Token) -> str:
    """The words of an inline token: markup dropped, links and images reduced to their text."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append("".join(c.content for c in child.children or []) or child.content)
    return " ".join("".join(out).split())


def _all_emphasis(token: Token) -> bool:
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    return (
        len(children) >= 3
        and children[0].type in ("strong_open", "em_open")
        and children[-1].type in ("strong_close", "em_close")
    )


def _front_matter(text: str) -> tuple[str | None, str]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            title = None
            for line in lines[1:i]:
                match = re.match(r"^title:\s*[\"']?(.*?)[\"']?\s*$", line)
                if match:
                    title = match.group(1)
            return title, "\n".join(lines[i + 1 :])
    return None, text


def table_text(rows: list[list[str]]) -> str:
    """A table as lines a reader can quote one at a time: each row's cells under their headers.

    "| Week | Topic |" over "| 9 | Maps for war |" reads "Week: 9 — Topic: Maps for war": a row
    says what each of its cells is, so "what's on in week 9?" finds it. A table without a
    header row of labels keeps its rows as they are.
    """
    rows = [r for r in rows if any(r)]
    if not rows:
        return ""
    header = rows[0]
    labelled = len(rows) > 1 and all(header) and all(len(h) <= 40 for h in header)
    if not labelled:
        return "\n".join(" — ".join(c for c in r if c) for r in rows)
    lines = []
    for row in rows[1:]:
        if len(row) != len(header):
            lines.append(" — ".join(c for c in row if c))
            continue
        cells = [f"{h}: {c}" for h, c in zip(header, row, strict=True) if c and c not in "-—–"]
        lines.append(" — ".join(cells))
    return "\n".join(line for line in lines if line)


def _events(text: str) -> list[_Event]:
    tokens = _PARSER.parse(text)
    events: list[_Event] = []
    stack: list[str] = []  # open containers: "item", "quote", "table"
    row: list[str] = []
    rows: list[list[str]] = []
    item_open_at: list[int] = []  # index in events of each open list item
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "list_item_open":
            stack.append("item")
            number = token.info if token.markup in (".", ")") else ""
            events.append(_Event("item", "", level=sum(s == "item" for s in stack), number=number))
            item_open_at.append(len(events) - 1)
        elif kind == "list_item_close":
            stack.pop()
            item_open_at.pop()
        elif kind == "blockquote_open":
            stack.append("quote")
        elif kind == "blockquote_close":
            stack.pop()
        elif kind == "table_open":
            stack.append("table")
            rows = []
        elif kind == "table_close":
            stack.pop()
            events.append(_Event("table", table_text(rows)))
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            rows.append(row)
        elif kind == "heading_open":
            events.append(_Event("heading", inline_text(tokens[i + 1]), level=int(token.tag[1:])))
        elif kind == "inline" and tokens[i - 1].type == "paragraph_open":
            words = inline_text(token)
            if not words:
                continue
            if stack and stack[-1] == "item":
                item = events[item_open_at[-1]]
                item.text = f"{item.text} {words}".strip()
            elif "quote" in stack:
                events.append(_Event("quote", words))
            else:
                events.append(_Event("para", words, emphasised=_all_emphasis(token)))
        elif kind == "inline" and stack and stack[-1] == "table":
            row.append(inline_text(token))
        elif kind in ("fence", "code_block") and not stack:
            events.append(_Event("dropped", "code"))
        elif kind == "html_block":
            words = " ".join(_TAG.sub(" ", token.content).split())
            if words:
                events.append(_Event("para", words))
    return [e for e in events if e.text]


def _empty_section(heading: _Event, following: _Event | None) -> bool:
    """Whether a heading heads nothing and says something of its own.

    The next event is a heading of its rank or above, and it has four words or more ("Stop 7 —
    The Tide Clock (closed until spring)").
    """
    if following is not None and not (following.kind == "heading" and following.level <= heading.level):
        return False
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", heading.text)) >= 4


def parse_markdown(text: str) -> tuple[str | None, list[Block]]:
    """The document's title (front matter or first heading) and its blocks."""
    title, body = _front_matter(text)
    events = _events(body)
    blocks: list[Block] = []
    section: str | None = None
    items: list[_Event] = []

    def flush_items() -> None:
        if not items:
            return
        if _paragraphs_numbered(items):  # a judgment's or a report's numbered paragraphs
            for e in items:
                number = f"{e.number}. " if e.number else ""
                blocks.append(Block(f"{number}{clean_marks(e.text)}", BODY, section))
            items.clear()
            return
        lines = "\n".join(f"{'  ' * (e.level - 1)}• {clean_marks(e.text)}" for e in items)
        intro = blocks[-1] if blocks else None
        if intro and intro.kind == BODY and intro.section == section and intro.text.endswith(":"):
            intro.text = f"{intro.text}\n{lines}"
            intro.kind = LIST
        else:
            blocks.append(Block(lines, LIST, section))
        items.clear()

    transcript = is_transcript([e.text for e in events if e.kind == "para"])
    letters = letters_page([e.text for e in events if e.kind in ("para", "quote")])  # signed under each
    for n, event in enumerate(events):
        if event.kind == "item":
            if not is_furniture(event.text):
                items.append(event)
            continue
        flush_items()
        if event.kind in {"dropped", "heading"}:
            _lead_in(blocks, events, n, section)
            if event.kind == "dropped":
                continue
        following = events[n + 1] if n + 1 < len(events) else None
        pseudo = (
            event.kind == "para"
            and following is not None
            and following.kind != "heading"
            and (event.emphasised or (not blocks and title is None))
            and plain_heading(event.text) is not None
            and not (transcript and turn_of(event.text) is not None)
            and not (letters and blocks and blocks[-1].section == section and letter_signer(event.text))
        )
        if event.kind == "heading" or pseudo:
            if title is None and not blocks:
                title = clean_title(event.text)
            else:
                section = clean_heading(event.text)
                if event.kind == "heading" and _empty_section(event, following):
                    # "## Stop 7 — The Tide Clock (closed for conservation until spring 2026)" over
                    # the next stop's heading: the heading is all the text says of it
                    blocks.append(Block(section, BODY, section))
        elif is_furniture(event.text):
            continue
        else:
            kind = QUOTE if event.kind == "quote" else BODY
            blocks.append(Block(clean_marks(event.text), kind, section))
    flush_items()
    _lead_in(blocks, events, len(events), section)
    return title, blocks


PARAGRAPH_ITEM = 250  # characters: a list whose items run this long (the median) is of paragraphs


def _paragraphs_numbered(items: list[_Event]) -> bool:
    """Whether a list's items are paragraphs ("1. This appeal concerns …"), each a passage of its own.

    Judgments, reports and consultation papers number their paragraphs as a Markdown list; items
    of several sentences each are paragraphs, not the short entries of a list.
    """
    if any(e.level > 1 for e in items):
        return False
    lengths = sorted(len(e.text) for e in items)
    return lengths[len(lengths) // 2] >= PARAGRAPH_ITEM


def _lead_in(blocks: list[Block], events: list[_Event], n: int, section: str | None) -> None:
    """A paragraph announcing what was dropped after it ("Here is the code:") is not one.

    When the event before `n` (code left out, a heading, the end) made a paragraph ending
    in a colon, that paragraph joins the one before it in its section, or is dropped.
    """
    if not blocks or n == 0 or events[n - 1].kind != "para":
        return
    last = blocks[-1]
    if last.kind != BODY or last.section != section or not last.text.rstrip().endswith(":"):
        return
    blocks.pop()
    before = blocks[-1] if blocks else None
    if before is not None and before.kind == BODY and before.section == section:
        before.text = f"{before.text} {last.text}"
