"""Questions built from the claim: its proposition, compressed, in its holder's name, with a poll that fits.

Every question states what is argued (:func:`bot.core.prompts.compress.core` gives the
proposition, at most ~130 characters) and names who holds it: "Is Mill right that he who
knows only his own side of the case knows little of that?". There is no generic frame to
fall back on: a claim whose proposition cannot be compressed gets no question (None), and
the deck leaves it out. A frame serves at most two prompts of a deck.

Every frame of the author's (or a reported holder's) claim asks for agreement, and its
"yes" agrees with the claim, so the poll's answers are stances: "Agree with Mill" (agree),
"Disagree with Mill" (disagree), "Not sure" (unsure). A view the author rebuts is asked as
a choice between the two positions, each named ("With the objectors", "With Mill"); its
stance map says which answer agrees with the quoted view.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.core.prompts.cues import NOT_VERBS, imperative
from bot.core.prompts.holders import ANONYMOUS, compact_name, is_body
from bot.core.prompts.voice import AUTHOR, REBUTTED, Voice
from bot.core.text.words import STOPWORDS

QUESTION_MAX = 300  # Discord's limit for a poll question
QUESTION_AIM = 185  # a question is meant to be read at a glance: longer ones are refused ...
QUESTION_SHORT = 160  # ... and one this short is preferred, its claim cut at its last modifier if need be
TWO_SIDED_AIM = 200  # a two-sided question states both positions, each compressed to its core ...
TWO_SIDED_SHORT = 160  # ... and is read at a glance when it fits this
ANSWER_MAX = 55  # Discord's limit for a poll answer
FRAME_USES = 2  # prompts of a deck that may share one frame
AGREE, DISAGREE, UNSURE = "agree", "disagree", "unsure"
AGREE_ANSWERS = ("Agree", "Disagree", "Not sure")  # without a name to put in them

# (frame id, text). {Who}/{who}: the holder's name; {whose}: its possessive; {claim}: the core.
CLAIM_FRAMES: list[tuple[str, str]] = [
    ("right", "Is {who} right that {claim}?"),
    ("agree", "Do you agree with {who} that {claim}?"),
    ("argues", "{Who} argues that {claim}. Do you agree?"),
    ("convince", "Does {who} convince you that {claim}?"),
    ("true-as", "Is it true, as {who} holds, that {claim}?"),
    ("grant", "Would you grant {who} that {claim}?"),
    ("defend", "Would you defend {whose} claim that {claim}?"),
    ("holds", "{Who} holds that {claim}. Is that so?"),
]
# The writer's call on others (a demand in the imperative, "We ask the Board to…") asked as what should
# be done, in the holder's name: "Should the Board keep the early crossings, as the Friends of the
# Westhaven Ferry ask?" ({subject} and {act}: the core's "X should Y", X a body or a person named, not
# "we" or "you"). "Yes" agrees with the claim.
SHOULD_FRAMES: list[tuple[str, str]] = [
    ("should-as", "Should {subject} {act}, as {who} {asks}?"),
    ("should-back", "Would you back {whose} call for {subject} to {act}?"),
]
# Advice to no one named ("Put the kitchen at the far end…", "that you do your buying in the daylight"):
# whether the reader would take it, in the holder's name ({act}: what "we"/"you" should do).
ADVICE_FRAMES: list[tuple[str, str]] = [
    ("advice-take", "Would you take {whose} advice to {act}?"),
    ("advice-follow", "Would you follow {whose} advice to {act}?"),
]
YES_ANSWERS = ("Yes", "No", "Not sure")
# A thesis over two sentences ("We do not oppose savings. We oppose savings decided by…"): both halves.
THESIS_FRAMES: list[tuple[str, str]] = [
    ("thesis-only", "{Who} {do} not {verb} {denied}, only {held}. Do you agree?"),
    ("thesis-but", "{Who} {verbs} {held}, but not {denied}. Is that the right line to draw?"),
]
# "the Board should keep…", "we should open…", "every town should keep…": who should act, and what
_SHOULD = re.compile(
    r"^(?P<subject>we|you|(?:the|every|each|all|our|this|those who)\s+[^,;:]{1,60}?|"
    r"[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,3})"
    r"\s+should\s+(?P<act>(?!not\b|be (?:said|thought|supposed|noted)\b)[a-z][^;:?]*)$"
)

# "we should not be surprised…", "we should remember…": a remark, no advice to take
_NOT_ADVICE_ACT = re.compile(r"^(?:not |never )?(?:be |remember|note|notice|expect|hope|wonder|say|admit)\b")

# Extra frames for claims of one kind (the core must show it: "will", "should").
KIND_FRAMES: dict[str, list[tuple[str, str]]] = {
    "prediction": [("predict", "{Who} predicts that {claim}. Will it turn out that way?")],
    "recommendation": [("advice", "Should we take {whose} advice that {claim}?")],
}
_KIND_SHOWN = {
    "prediction": re.compile(r"\b(?:will|shall|would|going to)\b", re.IGNORECASE),
    "recommendation": re.compile(
        r"^(?:we|you|one|society|governments?|people|men|mankind|nations?|everyone|they|[A-Z]\w+)\s+"
        r"(?:should|must|ought to|need to|have to)\s+(?!not\b|be (?:said|thought|supposed))",
    ),
}
# A forecast names when or shows a change: "within five years", "will become", "will be the norm".
_FORECAST = re.compile(
    r"\b(?:within|by|in|over) (?:the next |a |an |\d+ |five |ten |two |three |few )?"
    r"(?:years?|decades?|months?|generation|century|20\d\d)\b|"
    r"\bwill (?:soon |eventually |never )?(?:become|replace|disappear|collapse|fade|end|grow|fall|rise|"
    r"win|lose|return)\b|\bsoon\b|\bin (?:the )?future\b",
    re.IGNORECASE,
)
# A view the author reports and does not answer at once: {Holder} {argue(s)} that {claim}.
REPORTED_FRAMES: list[tuple[str, str]] = [
    ("rep-right", "{Holder} {argue} that {claim}. {Are} {they} right?"),
    ("rep-convince", "{Holder} {argue} that {claim}. Do you agree with {them}?"),
    ("rep-side", "{Holder} {argue} that {claim}. Would you side with {them}?"),
]
# A claim in the holder's own "we" ("We cannot support reducing lighting on any residential street"):
# asked in their words, quoted, so that the "we" is plainly theirs ({said}: the claim as the quote has it)
QUOTED_FRAMES: list[tuple[str, str]] = [
    ("quoted-says", "{Who} {say}: “{said}” Do you agree?"),
    ("quoted-right", "“{said}” Is {who} right?"),
    ("quoted-agree", "{Who} {say}: “{said}” Would you agree?"),
]
_WE_WORDS = re.compile(r"\b(?:we|us|our|ours|ourselves)\b", re.IGNORECASE)
# a body's "we" taking a side ("We cannot support …", "we would ask the council to …"), not telling its doings
_STANCE_WORDS = re.compile(
    r"\b(?:believe|think|doubt|support|oppose|object|urge|ask (?:the|that|for|all|every)|recommend|should|"
    r"must|ought|need|needs|better|worse|"
    r"fair|unfair|wrong|mistake|matters?|deserves?|refuse|reject|accept)\b",
    re.IGNORECASE,
)


def _in_their_words(claim: str, quote: str) -> str | None:
    """The claim as the quote words it ("We cannot support…."), when the quote has it whole, or None."""
    text = " ".join(quote.split())
    at = text.lower().find(claim.lower())
    if at < 0 or (at > 0 and text[at - 1].isalnum()):
        return None
    end = at + len(claim)
    said = text[at:end].rstrip(" ,;:")
    if end < len(text) and text[end] in ".!?":
        said += text[end]
    elif not said.endswith((".", "!", "?")):
        said += "."
    return said[:1].upper() + said[1:]


def _theirs(  # noqa: PLR0917 (the picked question and what it was made from)
    picked: tuple[str, str],
    claim: str,
    quote: str | None,
    name: str,
    values: Mapping[str, str | None],
    used: Mapping[str, int],
    limit: int,
) -> tuple[str, str] | None:
    """The question again in the holder's quoted words when it carries their own "we".

    "Do you agree with the minority that we cannot support…?" is asked "The minority says: “We cannot
    support…” Do you agree?"; a "we" that cannot be quoted whole (or whose holder is unnamed) is not asked.
    """
    bare = re.sub(r"^Should we (?:take|follow)\b", "", picked[1])
    if quote is None or not all(_WE_WORDS.search(t) for t in (bare, claim, quote)):
        return picked
    said = _in_their_words(claim, quote) if name != ANONYMOUS else None
    group = (
        is_body(name) or Speaker(name).plural or name[:1].islower()
    )  # ("the minority", "the co-operative")
    if said is None and name != ANONYMOUS and not group:
        return picked  # a person's "we" is mostly everyone's ("how we share things"): asked as it is
    if said is None or (group and not _STANCE_WORDS.search(said)):
        return None  # (a body's "we" telling what it does or will do: "We are recruiting a second deckhand")
    quoted = {**values, "Who": _cap(name), "who": name, "said": said}
    return _pick(QUOTED_FRAMES, quoted, "", used, limit)


# A view the author rebuts: both positions, both named.
TWO_SIDED_FRAMES: list[tuple[str, str]] = [
    ("two-reply", "{Holder} {argue} that {claim}; {who} answers that {reply}. Who is right?"),
    ("two-says", "{Holder} {say} that {claim}, but {who} says that {reply}. Who is right?"),
    ("two-replies", "{Holder} {argue} that {claim}. {Who} replies that {reply}. Which side are you on?"),
    ("two-better", "{Holder} {argue} that {claim}; {who} disagrees. Who has the better case?"),
    ("two-side", "{Who} rejects the view that {claim}. Whose side are you on?"),
]
GENERIC_HOLDERS = frozenset({"some", "many", "others", "people", "those", "some people"})


@dataclass(frozen=True)
class Wording:
    """A question, its frame's id, the poll's answers and each answer's stance on the quoted claim."""

    template: str
    question: str
    answers: tuple[str, ...]
    stances: tuple[str, ...]

    def stance_map(self) -> dict[str, str]:
        """Answer -> stance (agree / disagree / unsure on the quoted claim)."""
        return dict(zip(self.answers, self.stances, strict=True))


@dataclass(frozen=True)
class Speaker:
    """How the author is named in questions ("Mill", "Du Bois"), or "the author" without a name."""

    name: str

    @property
    def known(self) -> bool:
        """True when the reading names its author."""
        return self.name != ANONYMOUS

    @property
    def plural(self) -> bool:
        """A group's name: "Hamilton and Madison", "Parents for Full Weeks", "the Rust Developers"."""
        words = self.name.split()
        last = words[-1] if words else ""
        if len(words) > 1 and words[0].lower() in _QUANTIFIERS:  # "Some teachers", "Many of you"
            return words[-2:] in (["of", "you"], ["of", "us"], ["of", "them"]) or last.endswith("s")
        # a body's name: its head noun stands before the first connective ("Friends of …", "Office of …")
        head = next((words[i - 1] for i in range(1, len(words) - 1) if words[i] in _CONNECTIVES), None)
        if head is None and " and " in self.name and not is_body(self.name):
            return True  # "Hamilton and Madison" (not "the Leisure and Culture Scrutiny Panel")
        if head is None:
            head = last if len(words) > 1 and words[0] == "the" else ""
        return head.endswith("s") and not head.endswith(("ss", "is", "us"))

    @property
    def possessive(self) -> str:
        """The possessive: "Mill's", "Hopkins'", "the author's"."""
        return self.name + ("'" if self.name.endswith("s") and self.name[:1].isupper() else "'s")


_CONNECTIVES = frozenset(["for", "of", "on", "against", "with", "to", "in"])
_QUANTIFIERS = frozenset("some many most few several other others these those all".split())  # noqa: SIM905
# A plural holder's verbs: "Are Parents for Full Weeks right that…", "Hamilton and Madison argue that…".
_PLURAL_VERBS = (
    ("Is {who} right", "Are {who} right"),
    ("{Who} argues", "{Who} argue"),
    ("{Who} holds", "{Who} hold"),
    ("{who} holds", "{who} hold"),
    ("Does {who}", "Do {who}"),
    ("{Who} predicts", "{Who} predict"),
    ("{Who} rejects", "{Who} reject"),
    ("{who} answers", "{who} answer"),
    ("{who} says", "{who} say"),
    ("{Who} replies", "{Who} reply"),
    ("{who} disagrees", "{who} disagree"),
)


def _agreeing(options: list[tuple[str, str]], plural: bool) -> list[tuple[str, str]]:
    """The frames with their verbs in the plural for a group's name."""
    if not plural:
        return options
    out = []
    for key, frame in options:
        text = frame
        for singular, many in _PLURAL_VERBS:
            text = text.replace(singular, many)
        out.append((key, text))
    return out


def _third_person(verb: str) -> str:
    """A verb with the third person's -s: "opposes", "asks", "carries"."""
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(text: str, values: Mapping[str, str | None], limit: int) -> str | None:
    names = re.findall(r"{(\w+)}", text)
    if not all(values.get(n) for n in names):
        return None
    question = " ".join(text.format(**{k: v or "" for k, v in values.items()}).split())
    return question if len(question) <= min(limit, QUESTION_MAX) else None


def _pick(
    options: list[tuple[str, str]],
    values: Mapping[str, str | None],
    seed: str,
    used: Mapping[str, int],
    limit: int,
) -> tuple[str, str] | None:
    """The least-used frame (under its limit) that fits, starting at a place chosen by `seed`."""
    if not options:
        return None
    del seed  # the order is the frames' own: the plainest first, each at most FRAME_USES times
    order = sorted(options, key=lambda o: used.get(o[0], 0) >= FRAME_USES)
    for key, text in order:
        if used.get(key, 0) >= FRAME_USES:
            continue
        question = _fill(text, values, limit)
        if question and not _READS_AS_CHOICE.search(re.split(r"(?<=[.?!])\s+", question)[-1]):
            return key, question
    return None


# A claim's ", or who are…" at the end of a yes/no question reads as a second question ("Do you agree with
# Carrow that families who receive free meals, or who are finding the cost difficult, should…?"): its
# Agree / Disagree answers would not fit, so a frame that asks after the claim is taken instead
_READS_AS_CHOICE = re.compile(
    r",\s+or\s+(?:is|are|does|do|did|would|will|should|could|can|has|have|was|were|what|why|how|who|"
    r"which|else|not)\b",
    re.IGNORECASE,
)


def _label(text: str) -> str:
    """A poll answer within Discord's limit (cut at a word)."""
    if len(text) <= ANSWER_MAX:
        return text
    return text[: ANSWER_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def agree_answers(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Stance answers naming the holder ("Agree with Mill"), and their stances."""
    name = compact_name(name)
    if name == ANONYMOUS or len(f"Disagree with {name}") > ANSWER_MAX:
        return AGREE_ANSWERS, (AGREE, DISAGREE, UNSURE)
    return (f"Agree with {name}", f"Disagree with {name}", "Not sure"), (AGREE, DISAGREE, UNSURE)


def side_label(name: str) -> str:
    """A poll answer naming one position by its holder ("With the objectors")."""
    return _label(f"With {name}")


# "follow our lead", "follow our example": the writer's own, named in the question.
_FOLLOW_OUR = r"\b(follow|copy|take up)\s+our\s+(lead|example|model)\b"
_FOLLOW_OURS = re.compile(_FOLLOW_OUR, re.IGNORECASE)
_FOLLOW_OURS_AND = re.compile(_FOLLOW_OUR + r",?\s+and\s+", re.IGNORECASE)  # "…follow our lead and end X"


def write(  # noqa: PLR0917 (one claim's facts, in the order the deck has them)
    kind: str,
    voice: Voice,
    speaker: Speaker,
    claim: str | None,
    seed: str,
    used: Mapping[str, int],
    reply: str | None = None,
    trimmed: Sequence[tuple[str, str]] = (),
    halves: Sequence[tuple[str, str]] = (),
    *,
    quote: str | None = None,
    call: bool = False,
    limit: int = QUESTION_AIM,
    thesis: tuple[str, str, str] | None = None,
) -> Wording | None:
    """The question for one claim (its compressed proposition `claim`), or None when none fits.

    `used` counts the deck's frames so far (a frame serves at most :data:`FRAME_USES`
    prompts); `reply` is the author's answer, compressed, for a rebutted view. `trimmed`
    and `halves` are shorter (claim, reply) wordings of a rebutted view, least cut first:
    without trailing modifiers, then cut to one clause. The two-sided question takes the
    first wording that fits :data:`TWO_SIDED_SHORT`, else :data:`TWO_SIDED_AIM`; a clause is
    cut only when trimming is not enough, and then the halves go in the order given (the half the
    other side takes up first). It states the author's answer whenever any wording lets it.
    The writer's `call` on others ("X should Y") is asked first as what should be done
    (:data:`SHOULD_FRAMES`). The author's claim is asked within `limit`;
    a `thesis` (verb, what is denied, what is held) is asked with both halves.
    """
    if thesis is not None:
        verb, denied, held = thesis
        plural = speaker.plural
        inflected = verb if plural else _third_person(verb)
        named = {"Who": _cap(speaker.name), "verb": verb, "verbs": inflected, "denied": denied, "held": held}
        named["do"] = "do" if plural else "does"
        if verb.startswith("be "):  # "We are not against X. We are against Y."
            be = "are" if plural else "is"
            named.update({"do": be, "verb": verb[3:], "verbs": f"{be} {verb[3:]}"})
        picked = _pick(THESIS_FRAMES, named, seed, used, limit)
        if picked is not None:
            answers, stances = agree_answers(speaker.name)
            return Wording(picked[0], picked[1], answers, stances)
    if not claim:
        return None
    if voice.kind == AUTHOR:  # "every council should follow our lead and end fines": what they should do
        claim = _FOLLOW_OURS_AND.sub("", claim)
        if speaker.known:
            claim = _FOLLOW_OURS.sub(
                lambda m: f"{m.group(1)} {compact_name(speaker.name)}'s {m.group(2)}", claim
            )
    holder = voice.holder or ""
    # "The authors' position is that …": a group named as the holder takes plural verbs
    plural = voice.plural or (bool(holder) and Speaker(holder).plural)
    if holder and voice.others and not holder[:1].isupper():
        # "The Council argues that it should not be held at fault", not "… that the Council should not…"
        def again(view: str) -> str:
            named = view.lower().startswith(holder.lower() + " ")
            return ("they" if plural else "it") + view[len(holder) :] if named else view

        claim = again(claim)
        trimmed = [(again(c), r) for c, r in trimmed]
        halves = [(again(c), r) for c, r in halves]
    values: dict[str, str | None] = {
        "Who": _cap(speaker.name),
        "who": speaker.name,
        "whose": speaker.possessive,
        "claim": claim,
        "reply": reply,
        "Holder": _cap(holder) if holder else None,
        "argue": "argue" if plural else "argues",
        "say": "say" if plural else "says",
        "Are": "Are" if plural else "Is",
        "they": "they" if plural else (holder or "they"),
        "them": "them" if plural else (holder or "them"),
        "asks": "ask" if speaker.plural else "asks",
    }
    if voice.kind == REBUTTED:
        generic = holder.lower() in GENERIC_HOLDERS
        options = _agreeing(
            [(k, t) for k, t in TWO_SIDED_FRAMES if not (k == "two-side" and not generic)], speaker.plural
        )
        whole = [(claim, reply), *trimmed]
        passes = [(whole, TWO_SIDED_SHORT), (whole, TWO_SIDED_AIM), (halves, TWO_SIDED_AIM)]
        picked = None
        answered = [o for o in options if "{reply}" in o[1]]
        for frames in (answered, options):  # the author's answer stated, whenever it fits
            for candidates, most in passes:
                for one, other in candidates:
                    wording = {**values, "claim": one, "reply": other}
                    picked = picked or _pick(frames, wording, seed, used, most)
            if picked is not None:
                break
        if picked is None:
            return None
        first = side_label("that view" if generic else holder)
        second = side_label(speaker.name if speaker.known else "the author")
        return Wording(picked[0], picked[1], (first, second, "Not sure"), (AGREE, DISAGREE, UNSURE))
    if voice.kind != AUTHOR:
        picked = _pick(REPORTED_FRAMES, values, seed, used, QUESTION_AIM)
        if picked is None:
            return None
        if holder:  # ("The minority argues that we would ask the council…": the minority's "we", quoted)
            picked = _theirs(picked, claim, quote, holder, values, used, QUESTION_AIM)
            if picked is None:
                return None
            if picked[0] in dict(QUOTED_FRAMES):
                answers, stances = agree_answers(holder)
                return Wording(picked[0], picked[1], answers, stances)
        elif _WE_WORDS.search(picked[1]) and quote is not None and _WE_WORDS.search(quote):
            return None  # ("Some argue that we …": whose "we", nobody named to quote)
        return Wording(picked[0], picked[1], AGREE_ANSWERS, (AGREE, DISAGREE, UNSURE))
    options = list(CLAIM_FRAMES)
    shown = _KIND_SHOWN.get(kind)
    if shown is not None and shown.search(claim) and kind == "prediction" and _FORECAST.search(claim):
        options = KIND_FRAMES[kind] + options  # ("Should we take X's advice that we should…" reads twice)
    should = _SHOULD.match(claim) if speaker.known and call else None
    subject = should.group("subject") if should is not None else ""
    if should is not None and subject.lower() not in ("we", "you") and len(subject.split()) <= 8:
        values = {**values, "subject": subject, "act": should.group("act")}
        options = [*SHOULD_FRAMES, *options]
    elif (
        should is not None
        and not (subject.lower() == "we" and (speaker.plural or speaker.name.startswith("the ")))
        and not _NOT_ADVICE_ACT.match(should.group("act"))
    ):  # (a body's "we" is the body itself: its own plan, no advice to the reader)
        values = {**values, "act": should.group("act")}  # "we should put…": whether you would
        options = [*ADVICE_FRAMES, *options]
    picked = _pick(_agreeing(options, speaker.plural), values, seed, used, limit)
    if picked is None:
        return None
    advice = picked[0] in dict(SHOULD_FRAMES) or picked[0] in dict(ADVICE_FRAMES)
    if not advice and (imperative(claim) or _instructs(claim)):
        return None  # "Is the author right that Wash the leeks well…?": an instruction is no proposition
    if picked[0] not in dict(SHOULD_FRAMES) and picked[0] not in dict(ADVICE_FRAMES):
        # (advice's "we" is the community it is given to: "…advice to open the pool … if we must")
        picked = _theirs(picked, claim, quote, speaker.name, values, used, limit)
        if picked is None:
            return None
    if picked[0] in dict(SHOULD_FRAMES) or picked[0] in dict(ADVICE_FRAMES):
        return Wording(picked[0], picked[1], YES_ANSWERS, (AGREE, DISAGREE, UNSURE))
    answers, stances = agree_answers(speaker.name)
    return Wording(picked[0], picked[1], answers, stances)


# an instruction in a later clause: "…, keep your ewes, and read the clause", "…, and don't let anyone leave"
_LATER_CLAUSE = re.compile(r"[,;.]\s*(?:and\s+|but\s+|then\s+)?")
_DONT = re.compile(r"^(?:don['’]t|do not|never)\s+[a-z]+\b(?!\s+(?:is|are|was|were)\b)", re.IGNORECASE)


def _instructs(claim: str) -> bool:
    """Whether a claim is a run of instructions: a clause of it tells the reader what to do.

    "get the family round the table, and don't let anyone leave until it's agreed", "negotiate for
    the top ground only, keep your ewes, and read the clawback clause": no proposition to agree with.
    """
    clauses = _LATER_CLAUSE.split(claim)
    for clause in clauses:
        told = _TOLD.match(clause)
        if _DONT.match(clause) or (told is not None and _a_verb(told.group(1).lower())):
            return True
    return False


# a clause opening on a verb and its object ("keep your ewes", "read the clause", "get the family round")
_TOLD = re.compile(
    r"^([a-z]+)\s+(?:the|a|an|your|our|their|its|this|these|those|every|each|it|them|him|her|us|"
    r"anyone|everyone|everything|nothing|all|(?:yes|no)(?=\s+(?:on|to|in|at)\b|\W*$))\b",
    re.IGNORECASE,
)
_BASE_VERBS = frozenset(
    ["get", "keep", "make", "take", "give", "put", "let", "go", "do", "see", "tell", "find", "call"]
)  # (stopwords too)


def _a_verb(word: str) -> bool:
    """Whether a word opening a clause before its object reads as a verb in the imperative."""
    if word in _BASE_VERBS:
        return True
    return not (word in STOPWORDS or word in NOT_VERBS or word.endswith(("ly", "ing", "ed", "s")))
