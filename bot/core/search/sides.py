"""Who takes which side: "Who argues in favour of charging?", "Who is against the fee?".

On a reading of several documents by named writers (letters answering each other, a pro and a
con essay) or a transcript of several speakers, such a question asks for a person: the writer
or speaker whose own words take that side. Each one's side is read from their stance sentences
on the question's subject: a sentence that says what should (or should not) be done, or how
they will vote ("we should charge a small fee", "I will vote no", "Keep the fence at Lowmere"),
about a word of the subject, counted for or against by its negation. A sentence that reports
others' view ("Critics say…", "its supporters say") or asks "whether" takes no side. The
sides are compared between the writers, never judged alone: the one most for is "in favour",
the one least for is "against".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.core.reading.passages import Passage
from bot.core.text.words import content_terms

_FOR = (
    r"in favou?r of|for|supports?|supporting|backs?|backing|wants?|wanting|favou?rs?|welcomes?|"
    r"argues? for|arguing for|makes? the case for|defends?|champions?|proposes?|proposing|likes?"
)
_AGAINST = (
    r"against|opposes?|opposing|opposed to|objects? to|objecting to|resists?|rejects?|dislikes?|"
    r"argues? against|arguing against|makes? the case against|(?:does not|doesn't|don't|do not) want|"
    r"is not in favou?r of"
)
# "Who argues in favour of charging?", "Which writer is against the fee?", "Who wants the mast?"
_SIDE = re.compile(
    r"^\s*(?:who|which (?:of (?:the|them)\s+)?(?:\w+\s+)?(?:writer|author|speaker|guest|councillor|"
    r"correspondent|side|one|letter|essay|contributor|member)s?)\s+"
    r"(?:(?:is|are|was|were|seems?|comes? out|speaks?|stands?|writes?|argues?|votes?)\s+)?"
    rf"(?P<stance>{_AGAINST}|{_FOR})\b\s*(?P<rest>[^?]*)",
    re.IGNORECASE,
)
_AGAINST_RE = re.compile(rf"^(?:{_AGAINST})$", re.IGNORECASE)
# A sentence that says what should be done, or how its speaker stands
_STANCE = re.compile(
    r"\b(?:should|shouldn't|must|mustn't|ought to|need to|needs to|let us|let's|let the|keep the|"
    r"I (?:will|shall|would|am going to) vote|vote (?:yes|no)|say (?:yes|no)|I say|I support|I back|"
    r"I favou?r|I oppose|I object|I urge|I(?: am|'m|’m) (?:for|against|in favou?r|opposed)|"
    r"I (?:have come to )?believe|"
    r"I (?:still )?think|I would insist|I propose|we propose|I ask)\b",
    re.IGNORECASE,
)
# A vote or a plain yes or no is on the matter at hand, whatever its words: "I will vote no on the
# twelfth", "I say yes", "I'm for it"
_VERDICT = re.compile(
    r"\b(?:I|we)\b[^.;,]{0,30}\b(?:vote|say|answer) (?:yes|no)\b(?! or)|"
    r"\bI(?: am|'m|’m) (?:for|against|in favou?r of|opposed to) (?:it|this|that)\b",
    re.IGNORECASE,
)
# where a stance's clause ends: "the ban should be delayed | if they aren't running"
_CLAUSE = re.compile(r"[,;:]|\b(?:if|because|unless|although|though|while|when|but)\b", re.IGNORECASE)
_NEGATED = re.compile(
    r"\b(?:not|no|never|nor|against|oppose|opposed|wrong|mistake|instead|stop|reject|refuse)\b|n't\b",
    re.IGNORECASE,
)
# others' view, reported ("Critics say this…", "its supporters say"), or a question put ("whether … should")
_REPORTED = re.compile(
    r"\b(?:critics|supporters|opponents|proponents|some|others|they|people|campaigners|the council)\s+"
    r"(?:say|says|argue|argues|claim|claims|tell|insist|point)\b|\bwhether\b[^.;]*\b(?:should|must|ought)\b|"
    r"\?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Side:
    """The side a question asks about, and the subject it is taken on."""

    against: bool
    subject: tuple[str, ...]  # the subject's content terms


def side_of(question: str) -> Side | None:
    """The side a "who is for / against …?" question asks about (None: not such a question)."""
    match = _SIDE.match(question)
    if match is None:
        return None
    subject = tuple(content_terms(match.group("rest")))
    if not subject:
        return None
    return Side(bool(_AGAINST_RE.match(match.group("stance").strip())), subject)


def stance(passages: list[Passage], subject: tuple[str, ...]) -> tuple[int, Passage | None]:
    """How far `passages` (one writer's or speaker's) are for the subject, and the clearest passage.

    Each stance sentence that uses a word of the subject counts +1, or -1 when negated.
    """
    score = 0
    best: tuple[int, Passage] | None = None
    wanted = set(subject)
    for p in passages:
        if p.is_quoted or p.is_meta:
            continue
        for sentence in p.sentence_texts():
            marker = _STANCE.search(sentence)
            if marker is None or _REPORTED.search(sentence):
                continue
            verdict = _VERDICT.search(sentence)
            if not verdict and not any(_same(w, t) for w in wanted for t in content_terms(sentence)):
                continue
            score += -1 if _NEGATED.search(_clause(sentence, (verdict or marker).start())) else 1
            if best is None:
                best = (score, p)
    return score, best[1] if best else None


def _clause(sentence: str, at: int) -> str:
    """The clause of `sentence` around position `at`."""
    start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, at)), default=0)
    end = next((m.start() for m in _CLAUSE.finditer(sentence, at) if m.start() > at), len(sentence))
    return sentence[start:end]


def _same(a: str, b: str) -> bool:
    """Whether two stems are one word's ("charg" of charging, "charge"; "swim", "swimm")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)


def taking_side(side: Side, groups: dict[str, list[Passage]]) -> list[tuple[str, Passage | None]]:
    """The groups (documents or speakers) ordered by how well they take `side`, with their clearest passage.

    Empty when the groups cannot be told apart (every one stands alike on the subject).
    """
    scored = {key: stance(ps, side.subject) for key, ps in groups.items()}
    if len({s for s, _ in scored.values()}) < 2:
        return []
    order = sorted(scored, key=lambda key: scored[key][0], reverse=not side.against)
    return [(key, scored[key][1]) for key in order]


# A sentence that puts the question in dispute: "The question of whether public libraries should charge…"
_ISSUE = re.compile(
    r"\bwhether\b|\bthe (?:question|issue) (?:of|is|before)\b|\b(?:votes?|voting|decide|decides) on\b|"
    r"\b(?:proposal|plan|motion|scheme) to\b",
    re.IGNORECASE,
)


def issue_rows(passages: Sequence[Passage], rows_of: Mapping[str, Sequence[int]]) -> list[int]:
    """For "what are they arguing about?": each document's first passage that states the question.

    In its first half, the first passage that puts the question ("whether …") or takes a side on
    it in the writer's own words ("I have come to believe that we should …"); none for a document
    that has neither.
    """
    out = []
    for rows in rows_of.values():
        body = [r for r in rows if not passages[r].is_meta and not passages[r].is_quoted]
        for r in body[: max(1, (len(body) + 1) // 2)]:
            sentences = passages[r].sentence_texts()
            if any(_ISSUE.search(t) or (_STANCE.search(t) and not _REPORTED.search(t)) for t in sentences):
                out.append(r)
                break
    return out


# "What does Marchetti think about the mast?", "Is the speaker for or against reopening the quarry?",
# "Where does Reyes stand on the ban?", "How will Farrow vote?": where one writer or speaker stands
_ASKS_STANCE = re.compile(
    r"\bfor or against\b|\bwhere (?:does|do|did) .{1,40}? stand\b|"
    r"\bwhat (?:does|do|did)\b.{0,40}?\b(?:think|feel) (?:of|about)\b|"
    r"\bwhat is\b.{0,40}?(?:'s|’s) (?:view|stance|position|opinion) (?:of|on|about)\b|"
    r"\bhow (?:will|would|does|did) .{1,40}? vote\b|"
    r"^\s*(?:is|are|was|were) .{1,40}? (?:in favou?r of|against|opposed to)\b|"
    r"^\s*(?:does|do|did) (?!I\b|we\b|you\b).{1,40}? (?:support|oppose|favou?r|want)\b",
    re.IGNORECASE,
)
_STANCE_WORDS = frozenset(
    content_terms(
        "think thinks feel feels view stance position opinion stand stands support supports meeting "
        "oppose opposes back backs favour favor want wants against for speaker writer author letter essay "
        "really"
    )
)
# "Where do the two writers agree?", "Is there any common ground?": where they meet
_ASKS_AGREEMENT = re.compile(
    r"\bwhere (?:do|does|did) [^?]{0,40}\bagree\b|\bwhat (?:do|does|did) [^?]{0,40}\bagree (?:on|about)\b|"
    r"\bcommon ground\b|\b(?:do|does|did) [^?]{0,40}\bagree (?:on|about) anything\b|\bin common\b",
    re.IGNORECASE,
)
# a writer or speaker granting the other side something: "I agree with Tomas on this much", "I share it"
_CONCEDES = re.compile(
    r"\bI (?:agree|share|accept|grant|concede|understand|take (?:it|them|that|the \w+) seriously|"
    r"do not (?:pretend|deny|dispute))\b|\bwe (?:both|all) (?:agree|want|accept|share)\b|"
    r"\b(?:on|in) (?:this|that) (?:much|we agree)\b|\bI(?:'m| am) with (?:him|her|them|\w+) on\b",
    re.IGNORECASE,
)

_PLAIN_CONCESSION = re.compile(r"\b(?:agree|share|with|both|all|much)\b")


def stance_subject(question: str, names: Sequence[str] = ()) -> tuple[str, ...]:
    """For a question asking where someone stands, the subject they stand on (empty: not such a question)."""
    if not _ASKS_STANCE.search(question):
        return ()
    named = set(content_terms(" ".join(names)))
    return tuple(t for t in content_terms(question) if t not in _STANCE_WORDS and t not in named)


@dataclass(frozen=True)
class Stance:
    """A sentence of a passage that takes a side: whether it is a vote or a plain yes or no, its words."""

    verdict: bool
    terms: tuple[str, ...]


def stances(p: Passage) -> tuple[Stance, ...]:
    """The sentences of a passage that take a side in its writer's own voice (none quoted or reported)."""
    if p.is_quoted or p.is_meta:
        return ()
    return tuple(
        Stance(bool(_VERDICT.search(sentence)), tuple(content_terms(sentence)))
        for sentence in p.sentence_texts()
        if _STANCE.search(sentence) is not None and not _REPORTED.search(sentence)
    )


def takes_stance(
    p: Passage,
    subject: Sequence[str],
    main: frozenset[str],
    *,
    verdict: bool = False,
    found: Sequence[Stance] | None = None,
) -> bool:
    """Whether a passage takes a side on `subject`.

    A stance sentence using a word of it, or a vote or a plain yes or no when the subject is what
    the reading is about (a word of `main`); with `verdict`, only the latter. `found` is the
    passage's :func:`stances` when the caller keeps them (reading every passage's sentences again
    for each question costs time in proportion to the reading).
    """
    found = stances(p) if found is None else found
    if not found:
        return False
    on_main = "vote" in subject or any(_same(w, t) for w in subject for t in main)
    for stance in found:
        if stance.verdict and on_main:
            return True
        if not verdict and _covers(subject, stance.terms):
            return True
    return False


_AGREEMENT_WORDS = frozenset(
    content_terms(
        "where what do does did agree agreed agreement actually really both two three writers authors "
        "speakers guests sides letters essays correspondents councillors common ground anything on about "
        "at all"
    )
)


def agreement_subject(question: str) -> tuple[str, ...]:
    """What a "where do they agree?" question narrows the agreement to ("… about the buses?")."""
    return tuple(t for t in content_terms(question) if t not in _AGREEMENT_WORDS)


def _covers(subject: Sequence[str], terms: Sequence[str]) -> bool:
    """Whether `terms` use more than half the subject's words."""
    used = sum(any(_same(w, t) for t in terms) for w in subject)
    return used * 2 > len(subject)


def asks_agreement(question: str) -> bool:
    """Whether a question asks where the writers or speakers agree."""
    return bool(_ASKS_AGREEMENT.search(question))


def concedes(p: Passage) -> int:
    """How plainly a passage grants the other side a point.

    2 for "I agree with Tomas on this much", "I share it"; 1 for "I understand the worry"; 0 for none.
    """
    if p.is_quoted or p.is_meta:
        return 0
    found = [m.group(0).lower() for m in _CONCEDES.finditer(p.text)]
    if not found:
        return 0
    return 2 if any(_PLAIN_CONCESSION.search(f) for f in found) else 1
