"""The deck-quality check: what a moderator would object to in a deck, counted per prompt.

It reads prompts in their JSON form (``agora prompts --json``, ``agora debate --json``) and
the reading's passages, so it judges any deck, whoever wrote it (the extractive engine, a
language model, a moderator). Its detectors are its own, deliberately independent of the
ones the engine uses to pick and phrase claims:

- ``verbatim``: the quote (and the counterpoint, and each side of a two-sided prompt) is an
  exact substring of the passage it cites.
- ``whole-sentence``: the quote starts where a sentence starts and ends where one ends.
- ``not-a-claim``: no heading, numbered or lettered list fragment, boilerplate (copyright,
  warranty, licence notices) or all-caps legal text.
- ``specific``: the question carries at least two content words of its quoted claim (frame
  words such as right / agree / fair / argument / advice, and the holder's name, do not
  count; a quote that opens on "That"/"It" also counts the sentence before, which says what it
  names), so a member who never opens the quote still knows what is argued.
- ``frame-repeated``: no question frame (the question with the claim's own words and the
  holder's name masked) used more than twice in the deck.
- ``holder``: no "the author" when the document names its author, and no file name or
  document identifier ("draft-x-09", "pep-0285") standing for a person.
- ``subject``: the subject phrase named in the question is a noun phrase ("On person whose
  interests:" and "When it comes to conveying occurs" are not).
- ``attribution``: a sentence that reports someone else's view is not credited to the
  author ("do you share the author's verdict" on a view the article attributes to Putin).
- ``poll``: poll question at most 300 characters, 2–10 answers of at most 55, and answers
  that fit the question (agree / disagree under a yes-or-no question whose "yes" agrees with
  the claim, positions under a choice), each mapped to one stance (agree / disagree / unsure)
  when the prompt carries its stance map.
- ``counterpoint``: from another paragraph (or another document), not boilerplate, and on
  the other side: it contradicts, qualifies or answers the claim.
- ``angles``: For / Against lines are not stock leads repeated across the deck and do not
  re-quote a truncated sentence.
- ``unnamed-we``: the question does not carry a body's or an unnamed writer's own "we", "us" or
  "our" outside quotation marks ("Is the minority right that we cannot support…?": a member cannot
  tell whose; a person's "we" is mostly everyone's and passes).
- ``request``: the quote is no request of the reader ("If you cannot come, please cancel…") and no
  house rule ("Fins may be used in the fast lane only"): a page's arrangements are nobody's position.
- ``addressed``: a line spoken to someone in the text is not asked with its "you" ("Is Euan right
  that you know that better than anyone?": the "you" is the person Euan speaks to) or its scene
  ("somebody in this room should still be thinking by Thursday").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.prompts.holders import is_body, part_writers
from bot.core.prompts.references import points_back
from bot.core.reading.exports import turn_speaker
from bot.core.reading.passages import BODY, Passage
from bot.core.text.words import STOPWORDS, content_terms

POLL_QUESTION_MAX = 300
POLL_ANSWER_MAX = 55
POLL_ANSWERS_MIN, POLL_ANSWERS_MAX = 2, 10
DEFAULT_ANSWERS = ("Agree", "Disagree", "Not sure")  # what a prompt without a poll of its own gets

FRAME_MAX_USES = 2  # a question frame may serve this many prompts of a deck
STANCES = ("agree", "disagree", "unsure")
ANONYMOUS = "the author"

CHECKS = (
    "verbatim",
    "whole-sentence",
    "not-a-claim",
    "specific",
    "frame-repeated",
    "holder",
    "subject",
    "attribution",
    "poll",
    "counterpoint",
    "angles",
    "unnamed-we",
    "request",
    "addressed",
)

_I = re.IGNORECASE


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\[?\d{1,3}\]?)?$")
_BEFORE_SENTENCE = re.compile(
    r"(?:^\s*(?:[•\-*]|\d{1,3}[.)])?|[.!?…:;][\"'”’)\]]*(?:\[?\d{1,3}\]?)?|\n\s*(?:[•\-*]|\d{1,3}[.)])?)\s*$"
)
_NUMBERING = re.compile(
    r"^\s*(?:p\.\s?s\.|\(?[a-z]\)|\(?[ivxlc]{1,5}[.)]|\(?\d{1,3}[.)](?!\d)|§|(?:section|article|clause|chapter)\s+\w+[.:])",
    _I,
)
_BOILERPLATE = re.compile(
    r"\bcopyright\b|\ball rights reserved\b|\bwithout (?:any )?warranty\b|\bwarrant(?:y|ies) of\b|"
    r"\bmerchantability\b|\bfitness for a particular purpose\b|\bin no event shall\b|\bproject gutenberg\b|"
    r"\bthis (?:e-?book|file) (?:is|was)\b|\bterms of (?:use|service)\b|\bclick here\b|\bsubscribe\b|"
    r"\bprinted in\b|\btranscriber['’]s note\b|\bfootnotes?:",
    _I,
)

# A sentence that reports a view other than the author's own.
_NAME = r"(?:[A-Z][\w'’.\-]+\s+){0,3}[A-Z][\w'’\-]+"
_REPORTED = re.compile(
    r"\b(?:critics?|opponents?|objectors?|skeptics?|sceptics?|detractors|adversaries|enemies|"
    r"commentators|defenders|advocates|proponents|supporters)\b[^.;:!?]{0,60}?\b(?:argue|argued|say|said|"
    r"believe|believed|insist|claim|claimed|contend|consider|dismiss|object|objected|hold|maintain|allege|"
    r"tell us|urge|urged)\b|"
    r"\b(?:some|many|others|people|they|those who\b[^,.;]{0,60}?)\s+"
    r"(?:argue|say|believe|insist|claim|contend|think|hold|maintain|tell us|object|assert|allege)\b|"
    r"\bit (?:is|has been|was|may be) (?:urged|said|argued|alleged|objected|contended|asserted|claimed|"
    r"pretended|maintained|held)\b|"
    r"\bschool of thought\b|\baccording to\b|\bin the (?:view|eyes|opinion) of\b|\bis depicted\b",
    _I,
)
_REPORTED_NAME = re.compile(
    r"\b(" + _NAME + r")\s+(?:says|said|argues|argued|claims|claimed|contends|contended|insists|insisted|"
    r"believes|believed|maintains|maintained|sees|saw|views|regards|considers|dismisses|dismissed)\b",
)
_CREDITS_AUTHOR = re.compile(
    r"\bthe author(?:['’]s)? (?:argues|holds|expects|suggests|thinks|says|believes|claims|contends|"
    r"maintains|insists|advice|verdict|prescription|forecast|judge?ment|explanation|comparison|point|"
    r"reading|view|position|case|argument|claim)\b|\bdo you share the author|\bthe author is right\b",
    _I,
)
_OTHERS_MARK = re.compile(
    r"\b(?:some|many|others|critics?|opponents?|objectors?|skeptics?|sceptics?|they|them|their|those|"
    r"view|views|reports?|reported|objection|adversaries|enemies|commentators|defenders|advocates|"
    r"proponents|supporters|side|camp|urged|argued|said|claimed)\b",
    _I,
)

# A subject phrase may not contain these (a verb, a clause, a comparison).
_NOT_IN_PHRASE = _set(
    """
    whose which who whom that what where when whether than because if though although is are was
    were be been being am has have had do does did will would shall should can could may might
    must not no nor occurs occur occurred
    """
)
_PHRASE_END = _set(
    """
    a an the this that these those its their his her our my your of in on at to for with from by
    as into over under about than and or but nor so very more most less least such own same
    other
    """
)

_DETERMINERS = _set(
    """
    the a an these those his her its their our my your every each
    """
)
_VERBS = _set(
    """
    occurs exists remains happens arises depends matters seems appears follows applies results
    becomes lies stands comes goes consists belongs tends contravenes suggests implies means
    proves shows makes takes gives requires includes involves leads holds serves affords admits
    supposes teaches
    """
)
_ING_NOUNS = _set(
    """
    thing king spring evening morning building meeting being feeling reading writing
    """
)
_PREDICATES = _set(
    """
    void null necessary possible impossible superior inferior equal free true false right wrong
    good bad sure clear certain likely unlikely able unable due liable subject contrary
    """
)

# Words that set a passage against another ("but", "no", "critics", "mistake").
_CONTRAST = re.compile(
    r"\b(?:but|yet|however|although|though|despite|nevertheless|nonetheless|whereas|while|instead|rather|"
    r"not|no|never|nor|neither|nothing|cannot|can['’]t|don['’]t|doesn['’]t|isn['’]t|won['’]t|"
    r"unless|except|only|even|deny|denies|denied|false|wrong|mistake\w*|error\w*|fallac\w*|absurd\w*|"
    r"unconvincing|dismiss\w*|object\w*|critic\w*|opponents?|against|contrary|opposite|otherwise|"
    r"risk\w*|danger\w*|cost\w*|harm\w*|conflict\w*|friction|downside\w*|trade-?offs?|burden\w*|"
    r"admit\w*|concede\w*|grant\w*|to be sure|of course|"
    r"unlikely|doubt\w*|question\w*|limit\w*|fail\w*|worse|less|fewer)\b",
    _I,
)

_YES_NO_START = _set(
    """
    is are was were do does did should would will can could has have had must may might shall
    isn't aren't doesn't don't wouldn't shouldn't
    """
)
# "…, or would it backfire?": a second question after the first, which Agree / Disagree cannot answer.
_SECOND_QUESTION = re.compile(
    r",\s+or\s+(?:is|are|does|do|did|would|will|should|could|can|has|have|was|were|what|why|how|who|"
    r"which|else|not)\b",
    _I,
)
# A question word that asks ("What should…", "…, and why?"), not one opening a clause of the claim
# ("…, when an argument so vital may be employed…").
_CLAIM_ASKED = re.compile(
    r"^((?:is|are) [^,?]{1,60}? right|do you agree with [^,?]{1,60}?) that [^?]*|"
    # "Should the rate be fixed by the Council, not by directors who never…, as Wren asks?": the call itself
    r"^should [^?]*?(?=,? as [^,?]{1,60}? (?:asks?|urges?|proposes?|demands?)\?$)",
    _I,
)
_WH = re.compile(
    r"(?:^|[,;:—]\s*(?:and |or |but )?)(?:what|why|how|which|who|whom|whose|where|when)\b"
    r"(?=\s*\?|\s*$|\s+(?:is|are|was|were|has|have|do|does|did|should|would|will|can|could|must|might|may|"
    r"much|many|far|side|of|then|not|exactly)\b|\s+(?:the|a|an|this|that|we|you|they|it)\s+\w+\s*\?)",
    _I,
)
_AGREE = re.compile(
    r"^(?:(?:strongly |mostly |partly )?(?:agree|disagree)|yes|no|not sure|unsure|undecided)\b", _I
)


@dataclass(frozen=True)
class Failure:
    """One problem with one prompt of a deck."""

    check: str
    prompt_id: str
    detail: str

    def to_json(self) -> dict[str, str]:
        """JSON form."""
        return {"check": self.check, "prompt_id": self.prompt_id, "detail": self.detail}


@dataclass(frozen=True)
class Report:
    """The failures of one deck, with how many prompts it had."""

    prompts: int
    failures: tuple[Failure, ...]
    figures: Figures | None = None

    def counts(self) -> dict[str, int]:
        """Failures per check (every check listed, zero included)."""
        found = Counter(f.check for f in self.failures)
        return {c: found.get(c, 0) for c in CHECKS}

    @property
    def ok(self) -> bool:
        """True when no check failed."""
        return not self.failures

    def to_json(self) -> dict[str, object]:
        """JSON form (for ``agora prompts --check --json``)."""
        return {
            "prompts": self.prompts,
            "failures": len(self.failures),
            "figures": self.figures.to_json() if self.figures else None,
            "counts": self.counts(),
            "details": [f.to_json() for f in self.failures],
        }

    def lines(self) -> list[str]:
        """A short text report."""
        counts = self.counts()
        out = [
            f"{self.prompts} prompts, {len(self.failures)} failures: "
            + ", ".join(f"{c} {n}" for c, n in counts.items())
        ]
        if self.figures is not None:
            out.insert(0, self.figures.line())
        out.extend(f"  [{f.check}] {f.prompt_id}: {f.detail}" for f in self.failures)
        return out


# The speaker's own first person plural, carried into the question (not the frame's "Should we take…")
_WE_WORDS = re.compile(r"\b(?:we|us|our|ours|ourselves)\b", _I)
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
# (a call or advice speaks to the community it is given to: "Should the Company …, under our streets, …?")
_FRAME_WE = re.compile(r"^should\b.*|^.*\b(?:advice|call) (?:to|for)\b.*", _I)
# a request of the reader ("please" outside quotation marks) or a house rule: what is allowed, where
_PLEASE = re.compile(
    r"\bplease\b|\b(?:is|are)\s+(?:not\s+)?(?:allowed|permitted|prohibited|forbidden)\s+(?:in|on|at|only)\b|"
    r"\b(?:may|can)\s+(?:only\s+)?be\s+\w+(?:ed|en)\s+(?:\w+\s+){0,6}?only\b|\b(?:may|can)\s+only\s+be\b",
    _I,
)
_JUDGING = re.compile(r"\b(?:should|ought|better|worse|fair|unfair|wrong|right|must|too|absurd)\b", _I)
# the frames that address the member ("Do you agree…", "Would you take…", "Does X convince you…")
_FRAME_YOU = re.compile(
    r"\bdo you (?:agree|think|share|accept)\b|\bwould you (?:take|follow|back|grant|defend|sign|accept|"
    r"support|vote)\b|\bconvince you\b|\bare you (?:with|persuaded|convinced)\b|\b(?:who|which) do you\b",
    _I,
)
_YOU_WORDS = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", _I)
# the person spoken to, not anyone ("you know that", "you said", "you were there"; not "if you can", "your
# efficiency drops", "you will get a jacket")
_YOU_PERSONAL = re.compile(
    r"\byou(?:['’](?:re|ve|d))?\s+(?:(?:\w+ly|never|always|just|still|all)\s+)?(?:know|knew|said|say|told|tell|"
    r"think|thought|want|wanted|were|was|are|have|had|did|remember|mean|meant|promised|asked|agreed|voted|"
    r"decided|yourself|yourselves)\b",
    _I,
)


def first_person_left(question: str, quote: str) -> bool:
    """Whether the question carries the quote's own "we"/"us"/"our" outside quotation marks."""
    bare = _QUOTED.sub(" ", _FRAME_WE.sub("", question))
    return bool(_WE_WORDS.search(bare)) and bool(_WE_WORDS.search(_QUOTED.sub(" ", quote) or quote))


def requested(quote: str) -> bool:
    """Whether the quote is a request of the reader or a house rule, unjudged ("…, please cancel…")."""
    bare = _QUOTED.sub(" ", quote)
    return bool(_PLEASE.search(bare)) and not _JUDGING.search(bare)


# the scene a line is spoken in: "somebody in this room should still be thinking by Thursday"
_SCENE = re.compile(
    r"\b(?:this room|this hall|in here|out there|tonight|this (?:morning|evening|afternoon)|tomorrow|"
    r"yesterday|(?:by|on|until|before) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    _I,
)


def addressed_you(question: str, quote: str) -> bool:
    """Whether a spoken line's "you" (the person spoken to) or its scene ("this room") is in the question.

    What such a line means, its scene says: "by Thursday", "you know that better than anyone".
    """
    bare = _FRAME_YOU.sub(" ", _QUOTED.sub(" ", question))
    personal = bool(_YOU_PERSONAL.search(bare)) and bool(_YOU_PERSONAL.search(quote))
    return personal or (bool(_SCENE.search(bare)) and bool(_SCENE.search(quote)))


# --------------------------------------------------------------------------- helpers


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def is_whole_sentence(text: str, container: str, *, spoken: bool = False) -> bool:
    """Whether `text` stands in `container` as whole sentences (not a clause, not cut short).

    `spoken`: the container is a speaker's turn (a chat message, a forum post, a transcript's
    turn), where a line that ends without a stop ends its sentence (see :func:`line_ended`).
    """
    at = container.find(text)
    if at < 0:
        return False
    first = text.lstrip("\"'“‘([ ")[:1]
    if first and not (first.isupper() or first.isdigit()):
        return False
    ended = bool(_SENTENCE_END.search(text.rstrip())) or (spoken and line_ended(text, container))
    return bool(_BEFORE_SENTENCE.search(container[:at])) and ended


def is_turn(passage: Passage) -> bool:
    """Whether a passage is a speaker's turn (a post, a transcript's turn) or an exchange of turns."""
    if passage.speaker:
        return True
    return passage.kind == BODY and turn_speaker(passage.text, len(passage.text)) is not None


# A message's line that ends on a word, a figure, a closing bracket or an emoji
_LINE_END = re.compile(r"[\w)\]’'\u2600-\u27bf\U0001f300-\U0001faff\ufe0f]$")


def line_ended(text: str, container: str) -> bool:
    """Whether `text` is a whole line of `container` that ends without a stop, as chat messages do.

    "One pot is fairer imo. Otherwise it's the same families who … end up paying full whack" ends
    its sentence where the message ends; a list's item ("- Zeist it is, 24-28 July") is no sentence.
    """
    at = container.find(text)
    if at < 0 or not _LINE_END.search(text.rstrip()):
        return False
    after = container[at + len(text) :]
    if after.strip(" \t") and not after.lstrip(" \t").startswith("\n"):
        return False
    line = container[: at + len(text)].rsplit("\n", 1)[-1]
    return not _LIST_LINE.match(line)


_LIST_LINE = re.compile(r"^\s*(?:[•\-*+]|\d{1,3}[.)]|[a-z][.)]|option\s*:|poll\s*:)\s*", re.IGNORECASE)


# A short denial that is a whole thesis: "Sharing is not a sacrifice." (a subject that is no pronoun,
# "is not", a word or two, a full stop); "A desk is cheap." is the setup of what follows it, no thesis
_APHORISM = re.compile(
    r"^(?!(?i:it|this|that|these|those|he|she|they|there|here|we|i|you|which|what|who)\b)(?:A|[A-Z][a-z\-]+)"
    r"(?: [a-z\-]+)? (?:is|are) (?:not|never) (?:a |an |the )?[a-z\-]+(?: [a-z\-]+)?\.$"
)


# A table's row as the reader writes it ("Witness: Bernard Kwillis — Role: Disability Access Forum — Main
# point put to us: …"): cells under their column names, whose view the table says, not the writer's
_CELL = r"— [A-Z#][\w ()/#&'’\-]{0,39}: [^—\n]{1,300}"
_TABLE_ROW = re.compile(  # (two cells at least named by their columns)
    rf"^(?:[A-Z#][\w ()/#&'’\-]{{0,39}}: [^—\n]{{1,80}}(?: {_CELL})+|[^—\n]{{1,80}}(?: {_CELL}){{2,}})$"
)


def table_row(text: str) -> bool:
    """Whether `text` is a table's row, its cells named by their columns ("Time: 16:22 — Event: …")."""
    return bool(_TABLE_ROW.match(" ".join(text.split())))


def shape_problem(text: str, container: str | None = None) -> str | None:
    """Why `text` cannot be a claim (heading, fragment, boilerplate, all caps), or None.

    With the speaker's turn it stands in (`container`), a line ending without a stop may end it.
    """
    words = _TOKEN.findall(text)
    if len(words) < 6 and not (len(words) >= 4 and _APHORISM.match(text.strip())):
        return "too short to be a claim (a heading or fragment)"
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return "all-caps text"
    if _NUMBERING.match(text):
        return "a numbered or lettered list fragment"
    if _BOILERPLATE.search(text):
        return "boilerplate"
    if table_row(text):
        return "a table's row (whose view it is, the table says)"
    ended = _SENTENCE_END.search(text.rstrip()) or (container is not None and line_ended(text, container))
    if not ended:
        return "not a complete sentence"
    return None


def reports_others(text: str) -> bool:
    """Whether a sentence reports a view that is not (or not only) the author's."""
    if _REPORTED.search(text):
        return True
    return any(match.group(1).split()[-1].lower() not in STOPWORDS for match in _REPORTED_NAME.finditer(text))


def phrase_problem(phrase: str, context: str = "") -> str | None:
    """Why a subject phrase is not a clean noun phrase, or None.

    `context` is the sentence the phrase was taken from, when known: a phrase followed there
    by a determiner ends with a verb ("the statute contravenes the Constitution").
    """
    words = _tokens(phrase)
    if not words:
        return None
    if len(words) > 6:
        return "too long for a subject"
    bad = [w for w in words if w in _NOT_IN_PHRASE]
    if bad:
        return f"“{bad[0]}” inside a subject phrase"
    if words[-1] in _PHRASE_END or words[-1].endswith("'s"):
        return f"ends with “{words[-1]}”"
    if len(words) >= 2 and words[0].endswith("est") and words[0] not in STOPWORDS:
        return f"superlative “{words[0]}” without “the”"
    if len(words) >= 2 and _verb_like(words[-1]) and not words[-2].endswith("s"):
        return f"ends with the verb “{words[-1]}”"
    if len(words) >= 2 and (words[-1] in _PREDICATES or words[-1].endswith(("ous", "ful", "able", "ible"))):
        return f"ends with the adjective “{words[-1]}”"
    if context:
        after = context.lower().split(phrase.lower(), 1)
        rest = after[1] if len(after) == 2 else ""
        following = _tokens(rest)[:1] if rest[:1] == " " and rest[1:2].isalpha() else []
        if following and following[0] in _DETERMINERS and len(words) >= 2:
            return f"“{words[-1]}” is a verb here (“{phrase} {following[0]}…”)"
    return None


def _verb_like(word: str) -> bool:
    return word in _VERBS or (word.endswith("ing") and word not in _ING_NOUNS)


def frame(question: str, quote: str, extra: Iterable[str] = ()) -> str:
    """The question with the claim's words masked: what stays the same when the template does."""
    source = _tokens(quote)
    for e in extra:
        source += ["\x00", *_tokens(e)]
    pairs = {(a, b) for a, b in itertools.pairwise(source)}
    content = {w for w in source if w not in STOPWORDS and len(w) > 2}
    q: list[str] = []
    masked: list[bool] = []
    for segment in re.split(r"[,:;?!—–()\"“”]", question):  # a run of the claim's words never crosses these
        words = _tokens(segment)
        hidden = [w in content or w.isdigit() for w in words]
        for i in range(len(words) - 1):
            if (words[i], words[i + 1]) in pairs:
                hidden[i] = hidden[i + 1] = True
        q += words
        masked += hidden
    out: list[str] = []
    for word, hidden in zip(q, masked, strict=True):
        token = "_" if hidden else word
        if not (token == "_" and out and out[-1] == "_"):
            out.append(token)
    return " ".join(out)


def _names_holder(question: str, quote: str) -> bool:
    """Whether the question names someone the quote names (the holder of the view, presumably)."""
    names = {w for w in re.findall(r"(?<=\w )[A-Z][\w'’\-]+", question) if w.lower() not in STOPWORDS}
    return any(re.search(rf"\b{re.escape(n)}\b", quote) for n in names)


_QUESTION_SENTENCES = re.compile(
    r"(?:(?<=[.!?;])|(?<=[.!?;][”\"’]))(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bRev\.)"
    r"\s+(?=[A-Z])"
)


def poll_problem(question: str, answers: Sequence[str]) -> str | None:
    """Why a poll does not work (lengths, count, answers that do not fit the question), or None."""
    if len(question) > POLL_QUESTION_MAX:
        return f"poll question of {len(question)} characters (limit {POLL_QUESTION_MAX})"
    if not POLL_ANSWERS_MIN <= len(answers) <= POLL_ANSWERS_MAX:
        return f"{len(answers)} poll answers"
    for a in answers:
        if len(a) > POLL_ANSWER_MAX:
            return f"poll answer of {len(a)} characters: {_short(a, 40)}"
        if not a.strip():
            return "an empty poll answer"
    if len({a.strip().lower() for a in answers}) < len(answers):
        return "two poll answers are the same"
    agree_type = sum(bool(_AGREE.match(a.strip())) for a in answers) >= 2
    # what is asked: the last sentence (not after "Mr.": "…shortcomings of Mr. Washington's career?")
    question = re.split(_QUESTION_SENTENCES, question.strip())[-1]
    words = _tokens(question)
    yes_no = bool(words) and words[0] in _YES_NO_START
    alternatives = bool(_SECOND_QUESTION.search(question)) and yes_no
    # "Is X right that …, and what is near is seldom what matters?": a wh-word in the claim asks nothing
    asked = _CLAIM_ASKED.sub("", question)
    if agree_type and (not yes_no or _WH.search(asked) or alternatives):
        return "agree / disagree answers under a question they do not answer"
    if not agree_type and not (_WH.search(question) or re.search(r"\bor\b", question)):
        return "position answers under a question that offers no choice"
    return None


# A passage that states or grants the other side: an objection, a concession, a rival camp.
_OTHER_SIDE = re.compile(
    r"\bit (?:is|may be|will be|must be|has been) (?:true|said|objected|urged|argued|granted|admitted|"
    r"alleged|contended|replied|answered)\b|\badmitted(?:ly)?\b|\bgranted\b|\bto be sure\b|\bno doubt\b|"
    r"\bobjections?\b|\bobject(?:s|ed)?\b|\bon the other hand\b|\bthe other side\b|\bopponents?\b|"
    r"\bcritics?\b|\bsceptics?\b|\bskeptics?\b|\bdissent\w*|\bthose who\b|\bsome (?:say|argue|"
    r"think|hold|will|"
    r"may|would|people)\b|\bothers (?:say|argue|think|hold|will|may|would)\b|\bmay be (?:said|"
    r"objected|urged)\b|"
    r"\bfallacy\b|\bmistaken\b|\bis not (?:true|so)\b|\bthe contrary\b|\bcounter\w*\b",
    _I,
)


def counter_problem(claim: str, counter: str, voice: str | None = None, container: str = "") -> str | None:
    """Why a counterpoint is not the other side of `claim`, or None.

    For the author's own claim the counterpoint must state, report or grant the other side
    (an objection, a concession, a rival camp's view); for a view the author reports or
    rebuts, it must be the author's own answer, not the same camp again. `container` is the
    counterpoint's paragraph: a list item is the view its introduction reports ("Opponents
    make several arguments: …").
    """
    problem = shape_problem(counter)
    if problem in ("all-caps text", "boilerplate", "a numbered or lettered list fragment"):
        return f"counterpoint is {problem}"
    others = voice in ("reported", "rebutted") if voice else reports_others(claim)
    if others:
        if reports_others(counter) and not _CONTRAST.search(counter):
            return "counterpoint reports another view instead of answering the claim"
        return None
    intro = container.split("\n", 1)[0] if container and not container.startswith(counter) else ""
    if not (reports_others(counter) or _OTHER_SIDE.search(counter) or _OTHER_SIDE.search(intro)):
        return "counterpoint neither states, reports nor grants the other side (the author again?)"
    return None


# Words any question frame may use: they say nothing about what the claim argues.
_FRAME_WORDS = frozenset(
    content_terms(
        """right wrong agree agrees disagree disagrees fair argument arguments argue argues argued advice
        claim claims view views case point points true false say says said hold holds held think thinks
        convince convinces convincing side sides reading passage author writer question questions answer
        answers reply replies better stronger weaker correct sound position believe believes sure really
        defend accept reject judge judges judgement judgment verdict expects expect predict predicts
        explain explains explanation follow follows reason reasons call calls good bad back
        would should could will"""
    )
)
# A question whose "yes" goes against the claim: Agree / Disagree cannot answer it.
_AGAINST_CLAIM = re.compile(
    r"\btoo (?:confident|harsh|far|strong|simple|optimistic|pessimistic|sweeping)\b|"
    r"\bleaves? (?:something|anything)"
    r" out\b|\bflaw\b|\bgo(?:es)? too far\b|\breject\b|\bwrong\b|\boverstat\w*|\bsold short\b|"
    r"\bstronger than the evidence\b|\bunfair\b|\bmistaken\b",
    _I,
)
_IDENTIFIER_WORD = re.compile(r"\b[a-z]+(?:-[a-z0-9]+)*-\d+\b|\b[\w-]+\.(?:txt|md|rst|html?|pdf)\b", _I)
# in a question, an identifier has more parts than a claim's own words ("under-10", "COVID-19")
_IDENTIFIER_IN_TEXT = re.compile(r"\b[a-z]+(?:-[a-z0-9]+)+-\d+\b|\b[\w-]+\.(?:txt|md|rst|html?|pdf)\b", _I)


def claim_terms(quotes: Iterable[str], names: Iterable[str] = ()) -> set[str]:
    """The content words a question may carry from its claim (frame words and names left out)."""
    named = {t for n in names for t in content_terms(n)}
    return {t for q in quotes for t in content_terms(q)} - _FRAME_WORDS - named


def _referent(quote: str, passage: Passage | None) -> str:
    """The sentence before a quote that opens on a pointer ("That is not a housing policy"): what it names."""
    if passage is None or not quote or not points_back(quote) or quote not in passage.text:
        return ""
    before = passage.text[: passage.text.index(quote)].strip()
    return re.split(r"(?<=[.!?])\s+", before)[-1] if before else ""


def carries_claim(question: str, quotes: Iterable[str], names: Iterable[str] = ()) -> bool:
    """Whether the question carries at least two content words of its quoted claim."""
    return len(set(content_terms(question)) & claim_terms(quotes, names)) >= 2


def holder_problem(question: str, holder: str, known: str | None) -> str | None:
    """Why the question names its holder wrongly (`known`: the author's name, if the reading gives one)."""
    for text, pattern in ((question, _IDENTIFIER_IN_TEXT), (holder, _IDENTIFIER_WORD)):
        found = pattern.search(text or "")
        if found:
            return f"a document identifier or file name used as a name: {found.group()}"
    if known and known != ANONYMOUS and re.search(r"\bthe author\b", question, _I):
        return f"“the author” although the reading names {known}"
    return None


def stance_problem(
    question: str, answers: Sequence[str], stances: Mapping[str, str] | None, claim: str = ""
) -> str | None:
    """Why the poll's stance map does not fit (every answer one stance, agreement only where asked).

    `claim` is the quoted claim: its own words ("nothing wrong in…") do not make the
    question's "yes" go against it.
    """
    agree_type = [
        a for a in answers if _AGREE.match(a.strip()) and not a.lower().startswith(("not sure", "unsure"))
    ]
    if agree_type and _AGAINST_CLAIM.search(frame(question, claim) if claim else question):
        return "agree / disagree answers under a question whose “yes” is against the claim"
    if stances is None:
        return None
    missing = [a for a in answers if stances.get(a) not in STANCES]
    if missing:
        return f"no stance for the answer {_short(missing[0], 40)}"
    chosen = {stances[a] for a in answers}
    if not {"agree", "disagree"} <= chosen:
        return "the answers do not offer both sides of the claim"
    return None


@dataclass(frozen=True)
class Figures:
    """The deck's measured figures (what ``agora prompts --check`` reports first)."""

    prompts: int
    specific: int  # questions carrying two content words of their claim
    frames_over: int  # frames used more than FRAME_MAX_USES times
    most_used_frame: int
    holders_wrong: int  # "the author" when a name is known, identifiers as names
    polls_misfit: int  # polls whose answers do not fit the question or lack a stance
    counterpoints: int
    counterpoints_not_opposed: int

    @property
    def specific_share(self) -> float:
        """Share of questions that carry their claim's content (1.0 for an empty deck)."""
        return self.specific / self.prompts if self.prompts else 1.0

    def to_json(self) -> dict[str, object]:
        """JSON form."""
        return {
            "prompts": self.prompts,
            "specific": self.specific,
            "specific_share": round(self.specific_share, 3),
            "frames_over_limit": self.frames_over,
            "most_used_frame": self.most_used_frame,
            "holders_wrong": self.holders_wrong,
            "polls_misfit": self.polls_misfit,
            "counterpoints": self.counterpoints,
            "counterpoints_not_opposed": self.counterpoints_not_opposed,
        }

    def line(self) -> str:
        """One line for the terminal."""
        return (
            f"specific {self.specific}/{self.prompts} ({self.specific_share:.2f}), "
            f"most-used frame {self.most_used_frame}× (limit {FRAME_MAX_USES}, {self.frames_over} over), "
            f"holder names wrong {self.holders_wrong}, polls misfit {self.polls_misfit}, "
            f"counterpoints not opposed {self.counterpoints_not_opposed} of {self.counterpoints}"
        )


# --------------------------------------------------------------------------- the check


def check_deck(
    prompts: Sequence[Any], passages: Sequence[Passage], authors: Mapping[str, str] | None = None
) -> Report:
    """Check every prompt (JSON dicts or Prompt objects) against the reading's passages.

    `authors` maps a document to the name its questions should use ("Mill"), when the
    reading names its author: then "the author" in a question is a failure; so it is under a
    heading that names the part's writer ("Lady Justice Okafor:").
    """
    by_id = {p.id: p for p in passages}
    writers = part_writers(passages)
    failures: list[Failure] = []
    frames: dict[str, list[str]] = {}
    angle_frames: dict[str, str] = {}
    specific = holders_wrong = polls_misfit = counters = counters_wrong = 0

    def fail(check: str, pid: str, detail: str) -> None:
        failures.append(Failure(check, pid, detail))

    for prompt in prompts:
        data = prompt.to_json() if hasattr(prompt, "to_json") else dict(prompt)
        pid = str(data.get("id", "?"))
        quote = str(data.get("quote", ""))
        question = str(data.get("question", ""))
        sides = list(data.get("sides") or [])
        places: list[tuple[str, str, str | None]] = [
            (quote, str(data.get("passage_id", "")), data.get("document"))
        ]
        places += [
            (str(s.get("quote", "")), str(s.get("passage_id", "")), s.get("document")) for s in sides[1:]
        ]

        # verbatim, whole sentences, claims not headings or boilerplate
        for text, passage_id, _ in places:
            passage = by_id.get(passage_id)
            if passage is None:
                fail("verbatim", pid, f"cites a passage the reading does not have ({passage_id})")
                continue
            if text not in passage.text:
                fail("verbatim", pid, f"quote not in {passage.citation}: {_short(text)}")
                continue
            spoken = passage.text if is_turn(passage) else None  # (a turn's line may end without a stop)
            if not is_whole_sentence(text, passage.text, spoken=spoken is not None):
                fail("whole-sentence", pid, f"not a whole sentence: {_short(text)}")
            problem = shape_problem(text, spoken)
            if problem or passage.is_meta:
                fail("not-a-claim", pid, f"{problem or 'byline or disclaimer'}: {_short(text)}")

        # the claim's own content, in the question
        holder = str(data.get("holder") or "")
        known = writers.get(str(data.get("passage_id", "")))  # (a part's own writer: "Lady Justice Okafor:")
        known = known or (authors or {}).get(str(data.get("document") or ""))
        names = [n for n in (holder, known, *(str(s.get("holder", "")) for s in sides)) if n]
        quotes = [t for t, _, _ in places]
        referent = _referent(quote, by_id.get(str(data.get("passage_id", ""))))
        # (a quote that opens on "That"/"It" is asked with what it names, from the sentence before)
        if carries_claim(question, [*quotes, referent] if referent else quotes, names):
            specific += 1
        else:
            fail("specific", pid, f"the question does not carry its claim: {_short(question)}")

        # at most two prompts per frame in the whole deck, however many documents it reads
        topic = str(data.get("topic") or "")
        shape = frame(question, " ".join(quotes), [topic, *names] if topic else names)
        uses = frames.setdefault(shape, [])
        uses.append(pid)
        if len(uses) > FRAME_MAX_USES:
            fail("frame-repeated", pid, f"frame used by {', '.join(uses[:-1])} already: “{shape}”")

        # whose "we", whose "you", and what is no position at all
        # (a body's or an unnamed writer's "we"; a person's is mostly everyone's)
        group = not holder or holder == ANONYMOUS or is_body(holder) or " and " in holder
        group = group or holder[:1].islower()
        if not sides and group and first_person_left(question, quote):
            fail("unnamed-we", pid, f"whose “we” a member cannot tell: {_short(question)}")
        if requested(quote):
            fail("request", pid, f"a request or a house rule, nobody's position: {_short(quote)}")
        cited = by_id.get(str(data.get("passage_id", "")))
        if not sides and cited is not None and is_turn(cited) and addressed_you(question, quote):
            fail("addressed", pid, f"the “you” is whoever the line is spoken to: {_short(question)}")

        # whose name
        problem = holder_problem(question, holder, known)
        if problem:
            holders_wrong += 1
            fail("holder", pid, problem)

        # the subject phrase, where the question names one
        if topic and topic.lower() in question.lower():
            problem = phrase_problem(topic, quote)
            if problem:
                fail("subject", pid, f"“{topic}”: {problem}")

        # whose view
        voice = data.get("voice")
        if reports_others(quote) and not sides:
            if _CREDITS_AUTHOR.search(question) and voice not in ("author",):
                fail("attribution", pid, f"a reported view credited to the author: {_short(question)}")
            elif (
                not _OTHERS_MARK.search(question) and voice != "author" and not _names_holder(question, quote)
            ):
                fail("attribution", pid, f"the question does not say whose view it is: {_short(question)}")

        # the poll
        poll = data.get("poll") or {}
        poll_question = str(poll.get("question") or question)
        answers = [str(a) for a in (poll.get("answers") or DEFAULT_ANSWERS)]
        stances = poll.get("stances")
        problem = poll_problem(poll_question, answers) or stance_problem(
            poll_question, answers, stances if isinstance(stances, Mapping) else None, quote
        )
        if problem:
            polls_misfit += 1
            fail("poll", pid, problem)

        # the other side
        counter = data.get("counterpoint")
        if counter:
            counters += 1
            text = str(counter.get("text", ""))
            passage = by_id.get(str(counter.get("passage_id", "")))
            if passage is None or text not in passage.text:
                fail("verbatim", pid, f"counterpoint not in the reading: {_short(text)}")
            elif (passage.document, passage.paragraph) == (data.get("document"), data.get("paragraph")):
                counters_wrong += 1
                fail("counterpoint", pid, "counterpoint from the claim's own paragraph")
            else:
                problem = counter_problem(quote, text, str(voice) if voice else None, passage.text)
                if problem:
                    counters_wrong += 1
                    fail("counterpoint", pid, f"{problem}: {_short(text)}")

        # angles
        for side, value in dict(data.get("angles") or {}).items():
            angle = str(value)
            if re.search(r"…[\"”’)]", angle):
                fail("angles", pid, f"{side} angle re-quotes a truncated sentence")
            lead = frame(angle, quote + " " + str((counter or {}).get("text", "")))
            key = f"{side}:{lead}"
            if key in angle_frames and len(lead.split()) >= 3:
                fail("angles", pid, f"{side} angle is the stock line of {angle_frames[key]}: “{lead}”")
            else:
                angle_frames.setdefault(key, pid)
    uses = [len(v) for v in frames.values()]
    figures = Figures(
        prompts=len(prompts),
        specific=specific,
        frames_over=sum(n > FRAME_MAX_USES for n in uses),
        most_used_frame=max(uses, default=0),
        holders_wrong=holders_wrong,
        polls_misfit=polls_misfit,
        counterpoints=counters,
        counterpoints_not_opposed=counters_wrong,
    )
    return Report(len(prompts), tuple(failures), figures)
