"""Questions a moderator would post: natural, specific to the claim, never one frame twice in a deck.

A question restates the claim (``{claim}``, when a clause of it reads cleanly inside a
question), or names its subject (``{topic}``, a noun phrase checked for grammar), or neither
(it then points at the quoted passage). It names whose view it is: the author (by surname
when the reading has a byline), the holder of a view the author reports, or both sides when
the author rebuts a view. Every frame is a yes-or-no question answered Agree / Disagree /
Not sure, except two-sided ones, whose poll answers are the two sides.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.prompts.voice import AUTHOR, REBUTTED, Voice

QUESTION_MAX = 300  # Discord's limit for a poll question
ANSWER_MAX = 55  # Discord's limit for a poll answer
INLINE_MIN, INLINE_MAX = 25, 140  # a restated claim's length inside a question
AGREE = ("Agree", "Disagree", "Not sure")

# kind -> [(frame id, text)]. Placeholders: {Who}/{who} the author, {whose} the author's,
# {claim} the restated claim, {topic} its subject, {Holder}/{holder} who holds a reported
# view, {says} / {say} their verb, {Is}/{is} and {Do}/{do} agreeing with them, {They}.
CLAIM_FRAMES: dict[str, list[tuple[str, str]]] = {
    "recommendation": [
        ("rec-advice", "Should we take {whose} advice that {claim}?"),
        ("rec-call", "{Who} argues that {claim}. Is that the right call?"),
        ("rec-back", "Would you back {who} in saying that {claim}?"),
    ],
    "prediction": [
        ("pre-hold", "{Who} expects that {claim}. Will that hold up?"),
        ("pre-right", "Is {who} right to predict that {claim}?"),
        ("pre-turn", "Will it turn out, as {who} says, that {claim}?"),
    ],
    "causal": [
        ("cau-explain", "{Who} explains it this way: {claim}. Does the explanation hold?"),
        ("cau-cause", "Has {who} found the real cause in arguing that {claim}?"),
        ("cau-follow", "Does it follow, as {who} argues, that {claim}?"),
    ],
    "value": [
        ("val-judge", "{Who} judges that {claim}. Is that judgement fair?"),
        ("val-share", "Do you share {whose} view that {claim}?"),
        ("val-with", "Is it fair to say, with {who}, that {claim}?"),
    ],
    "comparison": [
        ("cmp-weigh", "{Who} weighs it up: {claim}. Does the comparison hold?"),
        ("cmp-fair", "Does {who} weigh the options fairly in saying that {claim}?"),
    ],
    "interpretation": [
        ("int-true", "{Who} writes that {claim}. Is that true?"),
        ("int-defend", "Would you defend {whose} claim that {claim}?"),
        ("int-have", "Does {who} have it right that {claim}?"),
    ],
    "general": [
        ("gen-right", "Is {who} right that {claim}?"),
        ("gen-agree", "Do you agree with {who} that {claim}?"),
        ("gen-convince", "Would {who} convince you that {claim}?"),
        ("gen-accept", "Should we accept that {claim}?"),
        ("gen-holds", "Is it true, as {who} holds, that {claim}?"),
        ("gen-stand", "Does {whose} point stand: {claim}?"),
        ("gen-today", "Can it still be defended today that {claim}?"),
        ("gen-reading", "Does the reading convince you that {claim}?"),
        ("gen-vote", "Would you vote for the view that {claim}?"),
    ],
}
TOPIC_FRAMES: dict[str, list[tuple[str, str]]] = {
    "recommendation": [
        ("rec-lead", "Should we follow {whose} lead on {topic}?"),
        ("rec-sound", "Is {whose} advice on {topic} sound?"),
    ],
    "prediction": [("pre-forecast", "Will {whose} forecast about {topic} hold up?")],
    "causal": [("cau-topic", "Does {who} explain {topic} correctly here?")],
    "value": [("val-verdict", "Is {whose} verdict on {topic} a fair one?")],
    "comparison": [("cmp-topic", "Is {whose} comparison on {topic} a fair one?")],
    "interpretation": [("int-got", "Has {who} got {topic} right?")],
    "general": [
        ("gen-about", "Is {who} right about {topic} in this passage?"),
        ("gen-case", "Does {whose} case on {topic} convince you?"),
        ("gen-side", "Would you side with {who} on {topic}?"),
        ("gen-think", "Is this the right way to think about {topic}?"),
        ("gen-skeptic", "Could you defend {whose} position on {topic} against a skeptic?"),
        ("gen-get", "Does {who} get {topic} right?"),
        ("gen-persuasive", "Is {whose} view of {topic} persuasive?"),
        ("gen-change", "Would you change anything in {whose} account of {topic}?"),
        ("gen-seen", "Should {topic} be seen the way {who} sees it?"),
    ],
}
PLAIN_FRAMES: dict[str, list[tuple[str, str]]] = {
    "recommendation": [
        ("rec-plain", "Is this advice worth following?"),
        ("rec-act", "Should we act on this?"),
        ("rec-work", "Would this advice work today?"),
    ],
    "prediction": [
        ("pre-plain", "Will this prediction come true?"),
        ("pre-confident", "Is this forecast too confident?"),
    ],
    "causal": [
        ("cau-plain", "Is this the real cause?"),
        ("cau-left-out", "Does this explanation leave something out?"),
    ],
    "value": [("val-plain", "Is this verdict fair?"), ("val-harsh", "Is this judgement too harsh?")],
    "comparison": [
        ("cmp-plain", "Does this comparison hold up?"),
        ("cmp-short", "Is one side of this comparison sold short?"),
    ],
    "interpretation": [
        ("int-plain", "Does {who} read the situation right here?"),
        ("int-account", "Is this a fair account?"),
    ],
    "general": [
        ("gen-passage", "Would you defend this passage against a skeptic?"),
        ("gen-here", "Is {who} right here?"),
        ("gen-argument", "Does this argument convince you?"),
        ("gen-made", "Has {who} made the case here?"),
        ("gen-sign", "Would you sign up to this?"),
        ("gen-accept-conclusion", "Is this a conclusion you can accept?"),
        ("gen-reasoning", "Does the reasoning in this passage hold?"),
        ("gen-doubter", "Would this argument persuade a doubter?"),
        ("gen-too-far", "Does {who} go too far here?"),
        ("gen-evidence", "Is this claim stronger than the evidence for it?"),
        ("gen-reject", "Could a reasonable reader reject this?"),
        ("gen-flaw", "Is there a flaw in this reasoning?"),
    ],
}
# A view the author reports (and does not answer at once).
REPORTED_FRAMES: list[tuple[str, str, str]] = [  # (id, needs, text)
    ("rep-right", "claim", "{Holder} {says} that {claim}. {Is} {they} right?"),
    ("rep-convince", "claim", "{Holder} {says} that {claim}. Does that view convince you?"),
    ("rep-side", "claim", "{Holder} {says} that {claim}. Would you side with {them}?"),
    ("rep-point", "topic", "{Do} {holder} have a point about {topic}?"),
    ("rep-see", "topic", "{Do} {holder} see {topic} clearly?"),
    ("rep-here", "", "{Do} {holder} have a point here?"),
    ("rep-view", "", "Is the view the reading reports here convincing?"),
]
# A view the author rebuts: two sides, both quoted; the poll's answers are the sides.
TWO_SIDED_FRAMES: list[tuple[str, str, str]] = [
    ("two-better", "claim", "{Holder} {says} that {claim}; {who} disagrees. Who has the better case?"),
    ("two-answers", "claim", "{Who} answers {holder}, who {say} that {claim}. Whose side are you on?"),
    ("two-topic", "topic", "On {topic}, {holder} and {who} disagree. Who is right?"),
    ("two-stronger", "", "{Holder} against {who}: who makes the stronger case here?"),
]


GENERIC_HOLDERS = frozenset({"some", "many", "others", "people", "those"})
NAMED_ONLY = frozenset({"two-answers", "two-stronger", "two-topic"})  # read badly with "some" as the holder


@dataclass(frozen=True)
class Wording:
    """A question, its frame's id and the poll's answers."""

    template: str
    question: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class Speaker:
    """How the author is named in questions ("Hamilton", or "the author" without a byline)."""

    name: str

    @classmethod
    def of(cls, author: str | None) -> Speaker:
        """The author's surname, or "the author"."""
        words = re.sub(r"[^\w'’\- .]", " ", author or "").split()
        if not words or len(words) > 4 or any(w.lower() in ("and", "&") for w in words):
            return cls("the author")
        return cls(words[-1])

    @property
    def possessive(self) -> str:
        """The possessive: "Hamilton's", "the author's"."""
        return self.name + ("'" if self.name.endswith("s") and self.name[:1].isupper() else "'s")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fills(speaker: Speaker, voice: Voice, claim: str | None, topic: str | None) -> dict[str, str | None]:
    """Values for every placeholder."""
    plural = voice.plural
    holder = voice.holder or None
    return {
        "Who": _cap(speaker.name),
        "who": speaker.name,
        "whose": speaker.possessive,
        "claim": claim,
        "topic": topic,
        "Holder": _cap(holder) if holder else None,
        "holder": holder,
        "says": "argue" if plural else "argues",
        "say": "argue" if plural else "argues",
        "Is": "Are" if plural else "Is",
        "is": "are" if plural else "is",
        "Do": "Do" if plural else "Does",
        "do": "do" if plural else "does",
        "them": "them" if plural else (holder or "them"),
        "They": "they" if plural else (holder or "they"),
        "they": "they" if plural else (holder or "they"),
    }


def _fill(text: str, values: dict[str, str | None]) -> str | None:
    names = re.findall(r"{(\w+)}", text)
    if not all(values.get(n) for n in names):
        return None
    question = " ".join(text.format(**{k: v or "" for k, v in values.items()}).split())
    return question if len(question) <= QUESTION_MAX else None


def _pick(
    options: list[tuple[str, str]], values: dict[str, str | None], seed: str, used: set[str]
) -> tuple[str, str] | None:
    """The first usable frame not yet used in the deck, starting at a place chosen by `seed`."""
    if not options:
        return None
    start = int(hashlib.sha1(seed.encode()).hexdigest(), 16) % len(options)
    for step in range(len(options)):
        key, text = options[(start + step) % len(options)]
        if key in used:
            continue
        question = _fill(text, values)
        if question:
            return key, question
    return None


def side_label(name: str) -> str:
    """A poll answer naming one side ("Side with the critics"), within Discord's limit."""
    label = f"Side with {name}"
    if len(label) <= ANSWER_MAX:
        return label
    return label[: ANSWER_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def write(  # noqa: PLR0917 (one claim's facts, in the order the deck has them)
    kind: str,
    voice: Voice,
    speaker: Speaker,
    claim: str | None,
    topic: str | None,
    seed: str,
    used: set[str],
) -> Wording | None:
    """The question for one claim, using a frame the deck has not used; None when none is left."""
    values = fills(speaker, voice, claim, topic)
    if voice.kind == REBUTTED:
        generic = voice.holder.lower() in GENERIC_HOLDERS
        answers = (side_label("that view" if generic else voice.holder), side_label(speaker.name), "Not sure")
        for need in ("claim", "topic", ""):
            options = [
                (k, t) for k, n, t in TWO_SIDED_FRAMES if n == need and not (generic and k in NAMED_ONLY)
            ]
            picked = _pick(options, values, seed, used)
            if picked:
                return Wording(picked[0], picked[1], answers)
        return None
    if voice.kind != AUTHOR:
        for need in ("claim", "topic", ""):
            options = [(k, t) for k, n, t in REPORTED_FRAMES if n == need]
            picked = _pick(options, values, seed, used)
            if picked:
                return Wording(picked[0], picked[1], AGREE)
        return None
    for table in (CLAIM_FRAMES, TOPIC_FRAMES, PLAIN_FRAMES):
        for group in (kind, "general"):
            picked = _pick(table.get(group, []), values, seed, used)
            if picked:
                return Wording(picked[0], picked[1], AGREE)
    return None


# --------------------------------------------------------------------------- restating a claim

_REPORTING_PREFIX = re.compile(
    r"^(?:one school of thought is that|it (?:is|has been|was|may be) (?:urged|said|argued|alleged|objected|"
    r"contended|asserted|claimed|maintained|held) (?:by [^,]+ )?that|"
    r"(?:some|others|many|critics|opponents)\b[^,.;]*?\b"
    r"(?:are convinced|argue|say|believe|insist|claim|contend|"
    r"think))\s+(?:that\s+)?",
    re.IGNORECASE,
)
_LEADING_MARKER = re.compile(
    r"^(?:but|yet|and|still|however|indeed|instead|after all|of course|in fact|in the end|"
    r"(?:so|hence|thus|therefore|accordingly|nay|now|or|then),|or,? in other words,|in other words,|that is,|"
    r"on this|too often|rhetoric notwithstanding|as for [^,]+|\w+ly,|"
    r"(?:as|while|whilst|although|though|whatever)\b[^,]{3,80},)\s*[,;]?\s+",
    re.IGNORECASE,
)
_OWN_FRAME = re.compile(
    r"^(?:my|our) (?:argument|prediction|view|point|hope|fear|position) is (?:simple[.:]\s*)?(?:that\s+)?|"
    r"^i (?:think|believe|hold|say|trust|contend|maintain|submit|affirm) (?:,\s*)?(?:that\s+)?",
    re.IGNORECASE,
)
_SPEAKER_WORDS = re.compile(r"\b(?:i|me|my|mine|myself|you|your|yours)\b", re.IGNORECASE)
_BACK_REFERENCE = frozenset(
    [
        "this",
        "that",
        "these",
        "those",
        "it",
        "they",
        "he",
        "she",
        "such",
        "there",
        "here",
        "which",
        "as",
        "what",
        "its",
        "their",
        "his",
        "her",
        "them",
        "him",
        "former",
        "latter",
    ]
)
# A clause that opens with one of these has no subject of its own ("because…", "and must…").
_NOT_A_SUBJECT = frozenset(
    [
        "because",
        "since",
        "as",
        "if",
        "when",
        "where",
        "whereas",
        "although",
        "though",
        "while",
        "unless",
        "until",
        "or",
        "and",
        "nor",
        "but",
        "so",
        "for",
        "must",
        "may",
        "might",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "ought",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "only",
        "even",
        "than",
        "then",
        "thus",
        "hence",
        "whoever",
        "whatever",
        "whenever",
    ]
)
_ASIDE = re.compile(r",\s+(?:like|such as|including|for example|for instance|e\.g\.)\s+[^,;:]{3,80},")
_CLAUSE_SPLIT = re.compile(
    r";\s+|:\s+|\s+[—–]\s+|,\s+(?=(?:which|whose|who|whom|while|whereas|and|but|nor)\b)"
)


def _clean(text: str, is_name: Callable[[str], bool]) -> str | None:
    text = " ".join(text.split()).strip()
    text = _REPORTING_PREFIX.sub("", text)
    text = _OWN_FRAME.sub("", text)
    while True:
        stripped = _LEADING_MARKER.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = _ASIDE.sub("", text).replace(" ,", ",")
    text = re.sub(r"(?:\[\d+\]|(?<=[.,;\"”])\d{1,2})(?=[\s.,;:]|$)", "", text)  # footnote markers, not "-j4"
    text = text.rstrip(" .!:;,")
    words = text.split()
    if len(words) < 5 or not INLINE_MIN <= len(text) <= INLINE_MAX:
        return None
    first = words[0].strip("\"“'(")
    if first.lower() in _BACK_REFERENCE or first.lower() in _NOT_A_SUBJECT or not first[:1].isalpha():
        return None
    if text.count("(") != text.count(")") or text.count('"') % 2:
        return None
    if not (is_name(first) or first == "I"):
        text = text[:1].lower() + text[1:]
    if re.search(r"[:;\"“”?()\[\]_]", text) or _SPEAKER_WORDS.search(text):
        return None
    if re.search(r"\b[A-Z]{3,}\b", text) and not all(is_name(w) for w in re.findall(r"\b[A-Z]{3,}\b", text)):
        return None  # words in capitals for emphasis ("neither FORCE nor WILL") read as shouting
    return text


def restate(sentence: str, is_name: Callable[[str], bool], score: Callable[[str], float]) -> str | None:
    """The claim as it can stand inside a question ("that …"), or None.

    The whole sentence when it is short and self-contained; else its best clause that is
    (cut at semicolons, colons, dashes and before a relative or coordinated clause).
    """
    if not sentence.rstrip().endswith((".", "!", '"', "”", "’", ")")) and not re.search(
        r"[.!]\d{1,2}$", sentence.rstrip()
    ):
        return None  # a list fragment, not a sentence
    whole = _clean(sentence, is_name)
    if whole:
        return whole
    clauses = [c for c in _CLAUSE_SPLIT.split(sentence) if c and len(c.split()) >= 5]
    first_only = clauses[:1] + [
        c for c in clauses[1:] if c.split()[0].lower() not in ("which", "whose", "who")
    ]
    ranked = sorted(first_only, key=lambda c: -score(c))
    for clause in ranked:
        cleaned = _clean(clause, is_name)
        if cleaned and score(clause) >= 1.0 and _has_subject(cleaned, is_name):
            return cleaned
    return None


_SUBJECT_START = frozenset(
    [
        "the",
        "a",
        "an",
        "every",
        "no",
        "all",
        "each",
        "some",
        "many",
        "most",
        "few",
        "men",
        "people",
        "we",
        "mankind",
        "nothing",
        "everything",
        "none",
        "one",
    ]
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|will|would|can|cannot|could|must|should|may|might|has|have|had|ought|does|do|did)\b"
)


def _has_subject(clause: str, is_name: Callable[[str], bool]) -> bool:
    """A clause cut from a sentence stands alone: it opens with a subject and has a finite verb."""
    words = clause.split()
    first = words[0]
    if not (first.lower() in _SUBJECT_START or is_name(first) or first[:1].isupper()):
        return False
    if "," in " ".join(words[:3]) or any(w in ("having", "being") for w in words[:5]):
        return False  # "a persecution, too, having…": a fragment of the sentence around it
    rest = " ".join(words[1:])
    verb = _FINITE.search(rest)
    relative = re.search(r"\b(?:which|who|whom|whose|that)\b", rest)
    return bool(verb) and (relative is None or verb.start() < relative.start())
