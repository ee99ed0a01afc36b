"""A printed page as a scanner's OCR (or a careless copy) gives it back.

Text read off a scan carries the print's accidents: ligatures as single characters ("ﬂoor"),
specks read as a lone mark on a line of their own ("'", "~", "|", "."), words the printer broke
at the line's end ("Hos-" / "pital"), "lt" for "It" and "l" for "I", and a space before a
semicolon. The characters are put right everywhere (`unligatured`); the rest only in plain
text (`cleaned_lines`): a speck's line is a blank line (it sits in the gap between paragraphs),
and a word broken at a line's end is marked to be joined whole when the text shows that it
breaks words: the whole word is found elsewhere in it, or it breaks two words or more and
one of them is such a word. A hyphen the text writes elsewhere ("well-known") stays.
"""

from __future__ import annotations

import re

_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
SOFT_HYPHEN = "\u00ad"  # a word broken at the line's end, to be joined without its hyphen
_SPECK = re.compile(r"^[\s.,'`\"‘’“”~|¦^°;:!_¸·]{1,3}$")
_BROKEN_END = re.compile(r"(?<![\w-])([A-Za-z]{2,})-$")
_TAIL = re.compile(r"^([a-z]{2,})")
_LT = re.compile(r"(?<![\w'’])lt(?=\s+[a-z])")  # "lt was" → "It was": no English word is "lt"
_L_FOR_I = re.compile(
    r"(?<![\w'’])l(?= (?:am|have|had|was|will|would|shall|should|think|thought|do|did|can|could|must|may|"
    r"know|knew|believe|hope|feel|felt|said|say|see|saw|went|found|wish|want|remember)\b)"
)
_SPACED_STOP = re.compile(r"(?<=[a-z]) ([;,])(?= )")


def unligatured(text: str) -> str:
    """Ligature characters as their letters, soft hyphens gone."""
    if not any(c in text for c in "ﬁﬂﬀﬃﬄﬅﬆ\u00ad"):
        return text
    return text.translate(_LIGATURES).replace(SOFT_HYPHEN, "")


def cleaned_lines(lines: list[str]) -> list[str]:
    """Plain text's lines with a scan's accidents put right (see the module's docstring)."""
    out = ["" if _SPECK.match(line) and line.strip() else line for line in lines]
    out = [_SPACED_STOP.sub(r"\1", _L_FOR_I.sub("I", _LT.sub("It", line))) for line in out]
    ends = [bool(_BROKEN_END.search(line.rstrip())) for line in out]
    breaks = [n for n in range(len(out) - 1) if ends[n] and _TAIL.match(out[n + 1].strip())]
    if not breaks:
        return out
    words = set(re.findall(r"(?<![\w-])[a-z]{3,}(?![\w-])", "\n".join(out).lower()))
    verdicts: dict[int, bool | None] = {}
    for n in breaks:
        head = _BROKEN_END.search(out[n].rstrip()).group(1).lower()  # type: ignore[union-attr]
        tail = _TAIL.match(out[n + 1].strip()).group(1)  # type: ignore[union-attr]
        if any(f"{head}-{tail}" in ln.lower() for ln in out):  # the text writes it with its hyphen
            verdicts[n] = False
        else:
            verdicts[n] = True if f"{head}{tail}" in words else None
    breaks_words = len(breaks) >= 2 and any(v is True for v in verdicts.values())
    for n, verdict in verdicts.items():
        if verdict or (verdict is None and breaks_words):
            out[n] = out[n].rstrip()[:-1] + SOFT_HYPHEN
    return out
