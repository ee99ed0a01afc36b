"""A member of a numbered series the question names, and whether the passages found name it.

"What was the motion in round 3?", "who judged the debate in room B14?", "what changed in
version 3.7.1?", "who does Okonjo play in round 6?": the question names one member of a series
(a round, a room, a version, a board) by its number or code. The passages found for it speak of
the series, often of its other members ("the motion for round 1 …", "room 12"), and score like an
answer; the filler they give belongs to another member. When none of the passages shown names
the member asked of (its number in figures or words: "round three", "the third round"), the
reading does not answer about it (`Retriever._refusal`, short of a clear match, like a name the
reading never mentions).

Only numbers that identify: a number after a series word ("round 5", "version 3.7.1", "page 12"),
a code of letters and digits ("B14", "M62", "3G"), or a day of the week asked of ("is the museum
open on Mondays?": named as "Mon", or by "daily", "weekends"); never a quantity ("3 pints", "20 minutes",
"1990s"), which the focus checks read. A code is found inside a longer word too ("f4" in "Bxf4"), and
one of a few letters before three digits or more by its digits ("FY2024" in "fiscal 2024").

Measured with scripts/sweep.py on every labelled set (202 sets, all-mpnet-base-v2: 3,654
answerable, 1,676 off-topic): off-topic rejected 1,183 -> 1,189, answerable refused 471 -> 472
(a chess question whose right passage was not shown); checked against the best passage alone
(+9 / +7), or whatever the level (+7 / +2), it refused more. A day of the week asked of, after: off-topic
rejected 1,189 -> 1,191 (mpnet) and 1,171 -> 1,173 (MiniLM), refused unchanged (473, 502); any day
named ("by Friday" too) refused one more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# the words that number the members of a series
_SERIES = (
    r"round|heat|room|board|version|revision|rev|stage|stop|game|match|week|chapter|section|part|page|"
    r"phase|step|lot|plot|item|table|court|pitch|flat|unit|number|no|gate|platform|bay|floor|grade|group|"
    r"division|question|motion|clause|article|paper|block|ward|route|line|bus|hole|leg|lap|exhibit|case|"
    r"gallery|lesson|episode|series|volume|vol|issue|edition|draft|option|proposal|recommendation|"
    r"appendix|annex|schedule|figure|fig|box|tier|level|zone|area|site"
)
_MEMBER = re.compile(
    r"\b(?P<series>" + _SERIES + r")\.?\s+(?:no\.?\s+)?(?P<id>[A-Za-z]?\d[\w.\-/]*\w|\d)(?![\w])",
    re.IGNORECASE,
)
# a day of the week asked of ("is the museum open on Mondays?"); not a deadline ("by Friday")
_DAY = re.compile(
    r"\b(?:on|every)\s+(?:a\s+)?(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b",
    re.IGNORECASE,
)
# what names every day, or the day asked among others ("open daily", "weekends")
_EVERY_DAY = r"\b(?:every\s+day|daily|seven\s+days|all\s+week|weekends?|weekdays?)\b"
# a code of letters and digits ("B14", "M62"); not an ordinal ("2nd") nor a measure ("20km", "1990s")
_CODE = re.compile(r"(?<![\w£$€])(?P<id>[A-Za-z]{1,3}\d+[A-Za-z]?|\d+[A-Za-z]{1,2})(?![\w])")
_NOT_CODE = re.compile(
    r"\d+(?:st|nd|rd|th|s|am|pm|km|m|cm|mm|kg|g|mph|k|ft|in|lb|lbs|oz|ml|l|p|gb|mb|kw|hz|yo|hr|hrs|min|mins)",
    re.IGNORECASE,
)
_WORDS = re.findall(
    r"\w+",
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty",
)
_ORDINALS = re.findall(
    r"\w+",
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth",
)


def members_asked(question: str) -> list[tuple[str, str]]:
    """The members of a series `question` names: (as written, its number or code), in order."""
    out: dict[str, str] = {}
    for m in _MEMBER.finditer(question):
        out.setdefault(m.group("id").lower().rstrip("."), m.group(0))
    for m in _DAY.finditer(question):
        out.setdefault("day:" + m.group("day").lower(), m.group(0))
    for m in _CODE.finditer(question):
        code = m.group("id")
        if not _NOT_CODE.fullmatch(code):
            out.setdefault(code.lower(), code)
    return [(written, key) for key, written in out.items()]


def unnamed_members(question: str, texts: Iterable[str]) -> list[str]:
    """The members `question` names (as written) that none of `texts` names (see the docstring)."""
    asked = members_asked(question)
    if not asked:
        return []
    low = " ".join(texts).lower()
    return [written for written, key in asked if not _named(key, low)]


def _named(key: str, low: str) -> bool:
    """Whether the lower-cased text names the number or code `key` (a number also in words)."""
    if key.startswith("day:"):  # "Mon", "Mondays", or every day
        return bool(re.search(r"\b" + key[4:7] + r"|" + _EVERY_DAY, low))
    forms = {key}
    year = re.fullmatch(r"[a-z]{1,3}(\d{3,})", key)
    if year:  # "FY2024" in "fiscal 2024", "Q2026" in "2026"
        forms.add(year.group(1))
    number = re.fullmatch(r"\d+", key)
    if number and int(key) < len(_WORDS):
        forms |= {str(int(key)), _WORDS[int(key)], _ORDINALS[int(key)]}
    for form in forms:
        code = bool(re.search(r"[a-z]", form)) and bool(re.search(r"\d", form))
        left = r"(?<![\d.])" if code else r"(?<![\w])"  # "f4" in "Bxf4"
        if re.search(left + re.escape(form) + r"(?:st|nd|rd|th)?(?![\w])", low):
            return True
    return False
