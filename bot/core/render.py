"""Turning answers into text people read (terminal or Discord Markdown)."""

from __future__ import annotations

from bot.core.reading import Passage
from bot.core.retrieval import Answer, Hit

CONFIDENCE_CUES = {
    "high": "strong match",
    "medium": "good match",
    "low": "weak match — check the passage",
    "none": "no match",
}


def marked_text(hit: Hit, start: str = "**", end: str = "**") -> str:
    """The passage's exact text with the answering sentence(s) wrapped in markers."""
    text = hit.passage.text
    spans = [hit.passage.sentences[i] for i in hit.marked if i < len(hit.passage.sentences)]
    out, pos = [], 0
    for a, b in sorted(spans):
        out.append(text[pos:a])
        out.append(f"{start}{text[a:b]}{end}")
        pos = b
    out.append(text[pos:])
    return "".join(out)


def first_sentence(passage: Passage, limit: int = 140) -> str:
    """The passage's first sentence, shortened to `limit` characters."""
    text = passage.sentence_texts()[0] if passage.sentences else passage.text
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def render_answer(answer: Answer, *, bold: tuple[str, str] = ("**", "**"), quote_prefix: str = "> ") -> str:
    """A human-readable answer: the best passage quoted, cited, plus related passages."""
    lines: list[str] = [f"_{note}_" for note in answer.notes]
    if not answer.answered:
        lines.append("The reading doesn't cover that.")
        if answer.nearest:
            lines.append("Nearest topics it does cover:")
            lines.extend(f"• {topic}" for topic in answer.nearest)
        return "\n".join(lines)
    best, *rest = answer.hits
    if best.passage.kind == "title":
        lines.append(f"The reading is titled {bold[0]}{best.passage.text}{bold[1]}.")
        lines.append(f"— {best.passage.document}")
        rest = [h for h in rest if h.passage.kind != "title"][:1]
    else:
        quoted = marked_text(best, *bold)
        lines.extend(quote_prefix + line for line in quoted.split("\n"))
        lines.append(f"— {best.passage.citation} · {CONFIDENCE_CUES[answer.confidence]}")
    related = [h for h in rest if h.passage.id != best.passage.id][:2]
    if related:
        lines.append("")
        lines.append("Related:")
        for hit in related:
            lines.append(f"• {hit.passage.citation}: “{first_sentence(hit.passage)}”")
    return "\n".join(lines)
