"""Summary questions ("what is this about?", "main argument", "tl;dr"): thesis and conclusion.

A document's thesis is the passage of its opening third that is closest to the document as
a whole (the cosine to the mean of its body passages), never a quotation, a paragraph that
only maps the text ("in the following pages I shall first…") or one that only sets out the
view the author disputes ("How often have we not been told that…", no "But…" after it); its
conclusion is a paragraph of its second half that sums the argument up ("to sum up", "we
have now seen…"), else its last paragraph of text (footnotes, signatures, bylines and a
parting "Thank you, Lena." aside), then the passage of its last fifth closest to the whole.
They are quoted and cited like any answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from bot.core.reading.passages import BODY, LIST, QUOTE, Passage

# who a question means by the writer: "what does she want?", "what is the letter asking for?"
_WRITER = (
    r"(?:he|she|it|the (?:author|writer|speaker|letter|essay|article|piece|brief|post|speech)|"
    r"this (?:author|writer|speaker|letter|essay|article|piece|brief|post|speech))"
)
# what a question may call the reading as a whole
_DOCUMENT = (
    r"(?:article|essay|piece|reading|text|letter|speech|book|chapter|post|brief|lecture|report|document|"
    r"pamphlet|paper|talk|sermon|address|op-?ed|column|story|thing|submission|handbook|guide|memo|"
    r"transcript|episode|interview|readings|articles|essays|letters|documents|texts|pieces|posts|chapters)"
)
_SUMMARY = re.compile(
    r"\btl;?\s?dr\b|\bsummar(?:y|ise|ize|ies)\b|\bgist\b|\bin a nutshell\b|\bshort version\b|\boverview\b|"
    r"\b(?:main|central|key|basic|overall|core) (?:argument|point|idea|claim|thesis|message|case)s?\b|"
    r"\bthesis\b|\bwhat(?:'s|’s| is| are| was| were)\s+(?:(?:it|this|they|these)(?:\s+all)?|"
    # "what is the essay about?", never "what is the swimming comparison about?" (a passage answers)
    rf"(?:this|these|the|that)(?:\s+[\w'’-]+){{0,3}}?\s+{_DOCUMENT})\s+about\W*$|"
    r"\bwhat(?:'s|’s| is) (?:this|it) all about\b|"
    # "what does she want?", "what is he asking for?": the whole case, when nothing narrows it
    r"\bwhat (?:does|do|did) (?:\w+\s+){0,3}argue\W*$|"
    rf"\bwhat (?:does|do|did) {_WRITER} (?:want|propose|recommend|urge|advocate|ask for|call for)\W*$|"
    rf"\bwhat (?:is|are|was|were) {_WRITER} (?:arguing(?: for)?|asking for|proposing|calling for|"
    r"recommending|advocating|urging)\W*$",
    re.IGNORECASE,
)
# "What question are the two essays arguing about?", "What are the writers disagreeing over?": the
# question in dispute, which each side's opening states
_DISPUTE = re.compile(
    r"\bwhat (?:question|issue|matter|subject)s? (?:are|is|do|does|did|were|was) [^?]*\b(?:argu\w*|"
    r"disagree\w*|debat\w*|divided|at odds|at issue|discuss\w*)\b|"
    rf"\bwhat (?:are|were) (?:they|the (?:two |three |four )?(?:\w+ )?(?:writers|authors|speakers|guests|"
    rf"sides|correspondents|councillors|members|{_DOCUMENT}))\s+"
    r"(?:arguing|disagreeing|debating|at odds|divided)(?: about| over| on)?\W*$|"
    r"\bwhat(?:'s|’s| is| was) the (?:debate|argument|dispute|disagreement|quarrel|row) (?:about|over)\W*$|"
    r"\bwhat (?:question|issue) divides\b|"
    # "What's the proposal being debated on the show?"
    r"\bwhat(?:'s|’s| is| are| was) (?:the )?(?:proposal|plan|motion|question|issue|scheme)s? "
    r"(?:being |under )?(?:debated|discussed|argued over|debate|discussion)\b|"
    r"\bwhat (?:is|are) (?:they|the \w+) (?:debating|discussing)\b",
    re.IGNORECASE,
)
OPENING, CLOSING = 1 / 3, 0.8  # where the thesis and the conclusion are looked for
_ARGUMENT_KINDS = frozenset({BODY, LIST, QUOTE})
# A paragraph that maps the text rather than arguing: "In the following pages I shall first…"
_ROADMAP = re.compile(
    r"\b(?:in (?:the )?(?:following|next|present) (?:pages|sheets|sections?|chapters?|essay|paper|article)|"
    r"in what follows|the rest of this (?:essay|paper|article|post)|this (?:essay|paper|article|post) "
    r"(?:is organi[sz]ed|proceeds|begins|first)|(?:I|we) (?:shall|will) (?:first|begin|start|then|next|now "
    r"(?:turn|consider))|(?:first|second|third)ly,? (?:I|we)\b|"
    r"in (?:section|chapter|part) (?:\d+|[ivx]+|one|two))",
    re.IGNORECASE,
)

# A paragraph that opens on others' view: "How often have we not been told that…", "We are constantly
# told that…", "It is often said that…", "Some will argue that…"
_REPORTED_VIEW = re.compile(
    r"^(?:(?:but|and|yet|now|still|again),?\s+)?[^.!?;:]{0,40}?\b(?:"
    r"(?:have|had|are|were) we (?:not )?(?:\w+ )?(?:been )?(?:told|assured|warned)|"
    r"we (?:are|were|have been|had been|shall be|will be) (?:\w+ )?(?:told|assured|warned)|"
    r"we (?:\w+ )?hear (?:it )?(?:said|urged|argued)?|"
    r"it (?:is|was|has been|will be|may be) (?:\w+ )?(?:said|urged|argued|alleged|objected|asserted|"
    r"claimed|maintained)|"
    r"(?:some|many|others|critics|opponents)(?: \w+)? (?:will |may |would )?(?:say|argue|claim|contend|"
    r"insist|maintain|tell us))"
    r",?(?: [\w’'-]+){0,3}? that\b",
    re.IGNORECASE,
)
# ... and the author's answer to it later in the paragraph: "But I deny…", "It is true…; but…"
_ANSWER = re.compile(
    r"(?:^|[.!?;:]\s+)(?:but|yet|however|nevertheless|nonetheless|still|on the contrary|true,|"
    r"(?:that|this|it) is (?:true|so|not so))\b|"
    r"\b(?:I|we) (?:deny|reply|answer|grant|admit|concede|doubt|reject|dispute)\b|"
    r"\bdeserves? (?:an? )?(?:\w+ )?answer\b",
    re.IGNORECASE,
)

# A paragraph that only takes leave: "Thank you, Lena.", "Thanks very much.", "Good night, all."
_SIGN_OFF = re.compile(
    r"(?:(?:and|well|ok(?:ay)?|right|so),?\s+)?(?:thank you|thanks(?! to\b)|many thanks|"
    r"good ?night|good ?bye|farewell|cheers)\b[^.!?]{0,40}[.!?]*",
    re.IGNORECASE,
)


# A paragraph that sums the argument up: "To sum up…", "We have now seen…", "…briefly recapitulate."
_RECAP = re.compile(
    r"(?:^|[.!?:;]\s+)(?:to sum up|summing up|in sum|in short|in conclusion|to conclude|in a word)\b|"
    r"\brecapitulat\w*|\bwe have now (?:seen|shown|recogni[sz]ed|established|found)\b|\bthe upshot\b",
    re.IGNORECASE,
)


def is_recap(text: str) -> bool:
    """Whether a paragraph sums the text's argument up."""
    return bool(_RECAP.search(text))


def is_roadmap(text: str) -> bool:
    """Whether a paragraph announces the text's plan rather than making its case."""
    return bool(_ROADMAP.search(text))


def is_others_view(text: str) -> bool:
    """Whether a paragraph opens on a view others hold and never answers it ("But I deny…").

    Such a paragraph lays out the case the author goes on to dispute: close to the whole text
    because it names everything in dispute, but not the author's own case.
    """
    first = _REPORTED_VIEW.search(text)
    if not first:
        return False
    end = re.search(r"[.!?](?:\s|$)", text[first.end() :])
    rest = text[first.end() + end.end() :] if end else ""
    return not answers_itself(rest)


def answers_itself(text: str) -> bool:
    """Whether `text` answers a view set out before it ("But I deny…", "It is true…; but…")."""
    return bool(_ANSWER.search(text))


def is_sign_off(text: str) -> bool:
    """Whether a paragraph only takes leave: "Thank you, Lena.", "Good night, everyone."."""
    return bool(_SIGN_OFF.fullmatch(text.strip()))


def is_summary_question(question: str) -> bool:
    """Whether `question` asks what the reading (or a document) is about as a whole."""
    return bool(_SUMMARY.search(question)) or is_dispute_question(question)


def is_dispute_question(question: str) -> bool:
    """Whether `question` asks what question the writers or speakers argue about."""
    return bool(_DISPUTE.search(question))


def summary_rows(
    passages: Sequence[Passage],
    vectors: np.ndarray,
    documents: Sequence[str],
    rows_of: Mapping[str, Sequence[int]],
    k: int = 3,
) -> list[int]:
    """Rows answering a summary question about `documents`: thesis, conclusion, then more.

    With one document: its thesis, its last paragraph, then the closing passage most central
    to it.
    With several: each document's thesis first, then their conclusions.
    """
    picks: list[list[int]] = []
    for doc in documents:
        body = [
            r
            for r in rows_of.get(doc, ())
            if passages[r].kind in _ARGUMENT_KINDS and passages[r].paragraph > 0
        ]
        if not body:
            continue
        sub = vectors[body]
        mean = sub.mean(axis=0)
        norm = float(np.linalg.norm(mean)) or 1.0
        central = sub @ (mean / norm)
        paragraphs = sorted({passages[r].paragraph for r in body})
        where = {p: i / max(1, len(paragraphs) - 1) for i, p in enumerate(paragraphs)}
        order = [body[i] for i in np.argsort(-central, kind="stable")]
        # the thesis is the author's own case: not a quotation, not the text's plan of itself, not
        # a paragraph that only sets out the view the author disputes (central: it names what is disputed)
        own = [
            r
            for r in order
            if passages[r].kind != QUOTE
            and not is_roadmap(passages[r].text)
            and not is_others_view(passages[r].text)
        ] or order
        opening = next((r for r in own if where[passages[r].paragraph] <= OPENING), own[0])
        # the last paragraph that says something: not a parting "Thank you, Lena." or "Good night."
        said = [r for r in body if not is_sign_off(passages[r].text)] or body
        last_paragraph = max(passages[r].paragraph for r in said)
        last = next(r for r in order if passages[r].paragraph == last_paragraph)
        closing = next((r for r in order if where[passages[r].paragraph] >= CLOSING), last)
        # a paragraph of the second half that sums the argument up says it best
        recaps = [r for r in own if where[passages[r].paragraph] >= 0.5 and is_recap(passages[r].text)]
        recap = max(recaps, key=lambda r: passages[r].paragraph) if recaps else None  # the last
        chosen = list(dict.fromkeys([opening, recap if recap is not None else last, last, closing]))
        picks.append(chosen + [r for r in order if r not in chosen])
    if len(picks) == 1:
        return picks[0][:k]
    out: list[int] = []
    for rank in range(2):
        out.extend(p[rank] for p in picks if len(p) > rank)
    return out[:k]
