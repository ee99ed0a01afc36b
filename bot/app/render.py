"""Turning answers into text people read (terminal or Discord Markdown).

Every piece of text that is not Agora's own (the reading's passages, titles and citations,
words of the question echoed in a note) goes through `safe`, by default the neutraliser for
Discord Markdown (:func:`bot.core.text.safe.neutralise`); the terminal passes ``str``.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.core.reading.passages import Passage
from bot.core.search.answer import Answer, Hit
from bot.core.text.safe import neutralise

Safe = Callable[[str], str]

ELLIPSIS = "…"

CONFIDENCE_CUES = {
    "high": "strong match",
    "medium": "good match",
    "low": "weak match — check the passage",
    "none": "no match",
}


def marked_text(hit: Hit, start: str = "**", end: str = "**", safe: Safe = str) -> str:
    """The passage's exact text with the answering sentence(s) wrapped in markers.

    `safe` is applied to the passage's text (not to the markers).
    """
    text = hit.passage.text
    spans = [hit.passage.sentences[i] for i in hit.marked if i < len(hit.passage.sentences)]
    out, pos = [], 0
    for a, b in sorted(spans):
        out.append(safe(text[pos:a]))
        out.append(f"{start}{safe(text[a:b])}{end}")
        pos = b
    out.append(safe(text[pos:]))
    return "".join(out)


def excerpt(hit: Hit, limit: int, start: str = "**", end: str = "**", safe: Safe = str) -> tuple[str, bool]:
    """The passage's text with its answering sentence(s) marked, cut to at most `limit` characters.

    When the whole passage does not fit, the window kept is centred on the marked sentences
    (or the first of them, or the start of the passage) and widened on both sides as far as
    the limit allows, cut at words, with "…" where text was left out. Returns the text and
    whether anything was left out.
    """
    whole = marked_text(hit, start, end, safe)
    if len(whole) <= limit:
        return whole, False
    text = hit.passage.text
    spans = sorted(hit.passage.sentences[i] for i in hit.marked if i < len(hit.passage.sentences))
    marks = len(start) + len(end)
    room = max(0, limit - 2 * len(ELLIPSIS))
    a, b = (spans[0][0], spans[-1][1]) if spans else (0, 0)
    if spans and b - a + marks * len(spans) > room:
        spans = spans[:1]
        a, b = spans[0]
    marks_used = marks * len(spans)
    if b - a + marks_used > room:  # even one sentence is too long: keep its start
        spans = [(a, a + max(0, room - marks_used))] if spans else []
        b = a + max(0, room - marks_used)
    spare = room - (b - a) - marks_used
    lo = max(0, a - spare // 2)
    hi = min(len(text), b + (spare - (a - lo)))
    lo = max(0, lo - (spare - (a - lo) - (hi - b)))  # give the start what the end could not use
    if lo > 0:  # start on a word
        at = text.find(" ", lo, a)
        lo = at + 1 if at != -1 else lo
    if hi < len(text):  # end on a word
        at = text.rfind(" ", b, hi)
        hi = at if at != -1 else hi
    out = [ELLIPSIS] if lo > 0 else []
    pos = lo
    for span_start, span_end in spans:
        s, e = max(span_start, lo), min(span_end, hi)
        if s >= e:
            continue
        out += [safe(text[pos:s]), start, safe(text[s:e]), end]
        pos = e
    out.append(safe(text[pos:hi]))
    if hi < len(text):
        out.append(ELLIPSIS)
    return "".join(out), True


def first_sentence(passage: Passage, limit: int = 140) -> str:
    """The passage's first sentence, shortened to `limit` characters."""
    text = passage.sentence_texts()[0] if passage.sentences else passage.text
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def render_answer(
    answer: Answer,
    *,
    bold: tuple[str, str] = ("**", "**"),
    quote_prefix: str = "> ",
    limit: int | None = None,
    more: str = "",
    safe: Safe = neutralise,
) -> str:
    """A human-readable answer: the best passage quoted, cited, plus related passages.

    With `limit`, the answer is at most that many characters: a quoted passage too long
    for it is shown in part (around the sentences that answer), followed by `more` (where
    to read the rest; ``{paragraph}`` and ``{document}`` are filled in). Text from the
    reading or the question goes through `safe` (see the module's docstring).
    """
    text = _render(answer, bold, quote_prefix, None, more, safe)
    if limit is None or len(text) <= limit:
        return text
    budget = limit - (len(text) - len(answer.hits[0].passage.text)) if answer.hits else limit
    for _ in range(6):  # the quote prefix and markers make the length hard to predict exactly
        text = _render(answer, bold, quote_prefix, max(0, budget), more, safe)
        if len(text) <= limit:
            return text
        budget -= len(text) - limit + 8
    return text[: limit - 1] + ELLIPSIS


def _render(  # noqa: PLR0917 (one private helper of render_answer)
    answer: Answer, bold: tuple[str, str], quote_prefix: str, quote_limit: int | None, more: str, safe: Safe
) -> str:
    lines: list[str] = [f"_{safe(note)}_" for note in answer.notes]
    if not answer.answered:
        lines.append("The reading doesn't cover that.")
        if answer.nearest:
            lines.append("Nearest topics it does cover:")
            lines.extend(f"• {safe(topic)}" for topic in answer.nearest)
        return "\n".join(lines)
    best, *rest = answer.hits
    if best.passage.kind == "title":
        lines.append(f"The reading is titled {bold[0]}{safe(best.passage.text)}{bold[1]}.")
        lines.append(f"— {safe(best.passage.document)}")
        rest = [h for h in rest if h.passage.kind != "title"][:1]
    else:
        if quote_limit is None:
            quoted, cut = marked_text(best, *bold, safe=safe), False
        else:
            quoted, cut = excerpt(best, quote_limit, *bold, safe=safe)
        lines.extend(quote_prefix + line for line in quoted.split("\n"))
        lines.append(f"— {safe(best.passage.citation)} · {CONFIDENCE_CUES[answer.confidence]}")
        if cut and more:
            document = best.passage.document.replace("`", "'")  # shown in a code span: no Markdown there
            lines.append(more.format(paragraph=best.passage.paragraph, document=document))
    related = [h for h in rest if h.passage.id != best.passage.id][:2]
    if related:
        lines.append("")
        lines.append("Related:")
        for hit in related:
            lines.append(f"• {safe(hit.passage.citation)}: “{safe(first_sentence(hit.passage))}”")
    return "\n".join(lines)
