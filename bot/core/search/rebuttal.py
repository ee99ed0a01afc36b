"""Objections and the author's replies to them: the reply answers a member's question.

A member who asks "isn't banning an error like any other decision of the authorities?" or
"don't teenagers need to learn self-control?" raises an objection the author has already
set out and answered. The paragraph that sets it out shares the question's words; the
answer is the reply after it. Two layouts say so without reading the argument:

- the next paragraph opens by replying: "I answer that…", "To this objection…", "My reply
  is…" (what it answers is the paragraph before it, however long);
- the paragraph introduces objections as a list: its first sentence reports others' view
  and ends with a colon ("Opponents of bans make several arguments that deserve a serious
  answer:"), and nothing in it answers them; the replies are in the paragraphs after it.

A paragraph that sets out a view and answers it itself ("Some critics claim… I do not
accept that framing") is left alone, and so is any question about the view itself ("what
do the critics say?", "why are some parents against it?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.reading.passages import Passage
from bot.core.search.summary import answers_itself

# The next paragraph opens by answering what came before: "I answer that…", "To this objection…"
_REPLY_OPENS = re.compile(
    r"^(?:(?:but|now|well),?\s+)?(?:I|we) (?:answer|reply|respond|deny|grant|admit|concede)\b|"
    r"^to (?:this|these|that|the (?:first|second|third|last)) (?:objection|argument|claim)s?\b|"
    r"^(?:the|my|our) (?:answer|reply)\b",
    re.IGNORECASE,
)
# A sentence that replies in its own words: "To the first I answer that…", "To this we reply…"
_REPLIES = re.compile(r"\b(?:I|we) (?:answer|reply|respond)\b", re.IGNORECASE)
# A sentence reporting others' view or objection: "Opponents of bans make several arguments…"
_OBJECTION = re.compile(
    r"^(?:(?:but|and|yet|now|still|again|first|next|lastly|finally),?\s+)?[^.!?;:]{0,60}?\b(?:"
    r"it (?:is|was|has been|will be|may be|might be|would be|could be) (?:\w+ )?(?:said|urged|argued|"
    r"objected|alleged|claimed|asserted|maintained|suggested)|"
    r"(?:I am|we are|I have been|we have been|you will be|you are|we shall be) (?:\w+ ){0,2}?"
    r"(?:told|assured|warned|reminded)|"
    r"(?:some|many|others|critics|opponents|sceptics|skeptics|defenders|promoters|the opposition|objectors)\b"
    r"(?: [\w’'-]+){0,4}? (?:will |may |would |might |often |sometimes |also )?(?:say|says|said|argue|argues|"
    r"argued|claim|claims|claimed|contend|contends|insist|insists|maintain|object|objects|objected|make|"
    r"makes|raise|raises)\b|"
    r"objections?\b)",
    re.IGNORECASE,
)
# A question about the view itself, not the author's answer to it
ABOUT_VIEW = re.compile(
    r"\b(?:objections?|object|critics?|opponents?|against|oppos\w+|arguments?|argue\w*|claims?|claimed|"
    r"says?|said|tell|told|school of thought|camp|side)\b",
    re.IGNORECASE,
)
SPAN = 3  # a list of objections is answered within this many paragraphs after it
MARGIN = 0.2  # and the reply must score within this much of the list to take its place


def reply_to(passages: Sequence[Passage], row: int) -> tuple[list[int], bool] | None:
    """The rows that reply to passage `row` when it only sets out an objection, else None.

    The flag says whether the reply says so itself (its opening words): then it answers
    whatever the objection matched; a list's replies must score nearly as well (`MARGIN`).
    """
    p = passages[row]
    if p.is_meta or replies(p):
        return None  # a reply sets out no objection, whatever follows it ("To the second objection…")
    last = row  # a long paragraph's parts: the reply follows the last one
    while last + 1 < len(passages) and _same_paragraph(passages[last + 1], p):
        last += 1
    after = passages[last + 1] if last + 1 < len(passages) else None
    if (
        after is not None
        and after.document == p.document
        and not after.is_meta
        and _REPLY_OPENS.search(after.text.lstrip())
    ):
        return [last + 1], True
    sentences = p.sentence_texts() or [p.text]
    first = sentences[0].rstrip()
    if p.parts != 1 or not first.endswith(":") or not _OBJECTION.search(first):
        return None
    if answers_itself(" ".join(sentences[1:])):
        return None
    rows = [
        r
        for r in range(row + 1, len(passages))
        if passages[r].document == p.document
        and not passages[r].is_meta
        and 0 < passages[r].paragraph - p.paragraph <= SPAN
    ]
    return (rows, False) if rows else None


def replies(p: Passage) -> bool:
    """Whether the passage opens by replying ("I answer that…", "To the first I answer…")."""
    first = (p.sentence_texts() or [p.text])[0].lstrip()
    return bool(_REPLY_OPENS.search(first) or _REPLIES.search(first))


def _same_paragraph(a: Passage, b: Passage) -> bool:
    return a.document == b.document and a.paragraph == b.paragraph
