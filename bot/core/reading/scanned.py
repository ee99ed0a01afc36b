"""A printed page as a scanner's OCR (or a careless copy) gives it back.

Text read off a scan carries the print's accidents: ligatures as single characters ("ﬂoor"),
specks read as a lone mark on a line of their own ("'", "~", "|", "."), words the printer broke
at the line's end ("Hos-" / "pital"), "lt" for "It" and "l" for "I", and a space before a
semicolon. The characters are put right everywhere (`unligatured`), and so are a careless copy's:
HTML entities a mail program left ("&quot;", "&#8217;") and UTF-8 read as Windows-1252 ("â€™",
a stray "Â" before a space); the rest only in plain
text (`cleaned_lines`): a speck's line is a blank line (it sits in the gap between paragraphs),
and a word broken at a line's end is marked to be joined whole when the text shows that it
breaks words: the whole word is found elsewhere in it, or it breaks two words or more and
one of them is such a word. A hyphen the text writes elsewhere ("well-known") stays.
"""

from __future__ import annotations

import html
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


# An HTML character reference left in text: "&quot;", "&amp;", "&#8217;", "&#x2019;".
_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[A-Za-z]{2,8});")
# UTF-8 read as Windows-1252: a lead byte's letter and the continuation bytes' ("â€™" for "’").
_CP1252_HIGH = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
# the bytes 0x80-0x9F as Windows-1252 reads them
_CP1252_HIGH += "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]{{1,3}}")


def unligatured(text: str) -> str:
    """Ligature characters as their letters, soft hyphens gone, a careless copy's characters mended."""
    if len(_ENTITY.findall(text[:200_000])) >= 2:  # one "&amp;" may be meant; a mail program leaves many
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    if "Â" in text or "â€" in text or "Ã" in text:
        text = _MOJIBAKE.sub(_mended, text).replace("Â\u00a0", " ")
        text = re.sub(r"(?<=\S)Â(?=[ \u00a0])", "", text)  # a no-break space's first byte, alone
    if not any(c in text for c in "ﬁﬂﬀﬃﬄﬅﬆ\u00ad"):
        return text
    return text.translate(_LIGATURES).replace(SOFT_HYPHEN, "")


def _mended(match: re.Match[str]) -> str:
    """A run of UTF-8 bytes that were read as Windows-1252, read again as UTF-8 (unchanged if it is not)."""
    try:  # (bytes Windows-1252 leaves undefined come through as the control characters of Latin-1)
        raw = b"".join(c.encode("latin-1" if ord(c) < 256 else "cp1252") for c in match.group())
        return raw.decode("utf-8")
    except UnicodeError:
        return match.group()


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
