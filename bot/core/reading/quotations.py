"""Paragraphs that quote someone else: epigraphs, fables, quotations set off from the text.

A quoted paragraph is kept and findable, but marked as quoted (kind ``quote``), so answers
and debate prompts can tell it from the author's own words. Quoted are:

- a paragraph that is one quotation from its first character to its last (an attribution
  such as "— Aesop" may follow), and a quotation running over several paragraphs (each
  opens with a quotation mark, only the last closes it);
- an epigraph: a short opening paragraph whose last line is an attribution ("--COLERIDGE"),
  or which an attribution line follows;
- (plain text) a paragraph indented well past the text's own paragraphs.
"""

from __future__ import annotations

import re

from bot.core.reading.structure import BODY, QUOTE, Block

_OPEN = "\"“‘'«"
_CLOSE = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»"}
# "— Aesop", "--COLERIDGE", "– Marcus Aurelius, Meditations"
ATTRIBUTION = re.compile(r"^(?:--|—|–|―|~)\s*[_*]*[A-Z\"“][^\n]{0,100}$")
EPIGRAPH_CHARS = 700


def _whole_quote(text: str) -> bool | None:
    """True: one closed quotation; None: a quotation left open (it goes on); False: not quoted."""
    text = text.strip()
    if not text or text[0] not in _OPEN:
        return False
    body = re.split(r"\s+(?:--|—|–|―)\s*(?=[A-Z])", text)[0].rstrip()  # an attribution after it
    close = _CLOSE[text[0]]
    inner = body[1:]
    if close == text[0]:  # straight quotes: no other quotation mark of that kind inside
        if inner.count(close) == 0:
            return None
        return inner.count(close) == 1 and inner.rstrip(".,;!?)").endswith(close)
    if close not in inner:
        return None
    end = inner.rstrip(".,;!?)")
    return end.endswith(close) and inner.index(close) >= len(end) - 1


def mark_quotations(blocks: list[Block]) -> None:
    """Mark the quoted paragraphs of `blocks` (in place): see the module's docstring."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        whole = _whole_quote(block.text) if block.kind == BODY else False
        if whole:
            block.kind = QUOTE
        elif whole is None:  # a quotation over several paragraphs: to the one that closes it
            run = [block]
            j = i + 1
            while j < len(blocks) and blocks[j].kind == BODY and blocks[j].text.lstrip()[:1] in _OPEN:
                run.append(blocks[j])
                if _whole_quote(blocks[j].text) is not None:
                    break
                j += 1
            closed = len(run) > 1 and _whole_quote(run[-1].text) is not False
            if closed:
                for quoted in run:
                    quoted.kind = QUOTE
                i += len(run)
                continue
        i += 1
    _mark_epigraph(blocks)


def _mark_epigraph(blocks: list[Block]) -> None:
    """An opening paragraph signed by an attribution line is an epigraph (the line joins it)."""
    for i, block in enumerate(blocks[:4]):
        if block.kind not in (BODY, QUOTE) or len(block.text) > EPIGRAPH_CHARS:
            continue
        if i > 0 and i + 2 >= len(blocks) and any(b.kind == BODY for b in blocks[:i]):
            break  # "— Rev. John Marsh, St. Luke's" ending a short text signs it: no epigraph
        lines = block.text.split("\n")
        if len(lines) > 1 and ATTRIBUTION.match(lines[-1].strip()):
            block.kind = QUOTE
        elif i + 1 < len(blocks) and ATTRIBUTION.match(blocks[i + 1].text.strip()):
            block.kind = QUOTE
            block.text = f"{block.text}\n{attribution(blocks[i + 1].text)}"
            del blocks[i + 1]


def attribution(line: str) -> str:
    """An attribution line as shown: "--COLERIDGE" → "— COLERIDGE"."""
    name = re.sub(r"^(?:--|—|–|―|~)\s*", "", line.strip())
    return "— " + re.sub(r"(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])", "", name)
