"""Whose view a sentence states: the author's own, one the author reports, or one the author rebuts.

A reported view names its holder ("Critics say…", "Some, like Michael McFaul, …",
"Putin sees…", "It is urged that…", "One school of thought is that…"). It is *rebutted*
when the reading answers it at once: the next sentence opens with a contrast ("But…",
"To deny this…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.prompts.holders import short_name
from bot.core.text.words import STOPWORDS

AUTHOR, REPORTED, REBUTTED = "author", "reported", "rebutted"

_I = re.IGNORECASE
_SAYS = (
    r"(?:says?|said|argues?|argued|arguing|claims?|claimed|contends?|contended|insists?|insisted|believes?|"
    r"believed|maintains?|maintained|holds?|thinks?|sees?|saw|views?|regards?|considers?|dismiss(?:es)?|"
    r"dismissed|objects?|objected|urges?|urged|tells? us|told us|asserts?|asserted|alleges?|alleged|warns?|"
    r"warned|"
    r"submits|submitted|"
    r"(?:is|are) convinced|fears?|worr(?:y|ies|ied)|declares?|declared|suggests?|suggested|complains?|"
    r"complained|(?:is|are) thinking|feels?|"
    # "People keep saying 'just put in loading bays'", "Everyone keeps telling me that…"
    r"keeps? (?:on )?(?:saying|telling (?:me|us|everyone|people))|"
    r"(?:is|are) always (?:saying|telling (?:me|us)))"
)
# "will tell you", "would say", "often claim": a reporting verb after a modal or an adverb.
_SAYS_ANY = (
    rf"(?:(?:will|would|may|might|could|can|often|also|sometimes|even|usually|always)\s+){{0,2}}"
    rf"(?:{_SAYS}|say|tell (?:you|us|me))"
)
SAYS = (
    _SAYS_ANY  # a reporting verb ("argues", "will tell you", "warned"), for the compressor's reporting frame
)
_GROUP = (
    r"critics?|opponents?|objectors?|skeptics?|sceptics?|detractors|adversaries|enemies|commentators|"
    r"retailers|employers|unions|economists|experts|residents|parents|teachers|businesses|landlords|"
    r"defenders|advocates|proponents|supporters|some|many|others|people|those"
)
# A reporting verb never follows a determiner: "Critics of my view will object" (not "my [views]").
_NOT_AFTER_DETERMINER = "".join(
    rf"(?<!\b{d})"
    for d in ("my", "our", "your", "the", "this", "that", "his", "her", "their", "its", "a", "an")
)
# "Critics of the plan say", "Many commentators in the U.S. and Europe consider"
_GROUP_SAYS = re.compile(
    rf"^(?:(?:but|yet|and|still|now|of course|indeed),?\s+)?"
    # (not "People drive the road they see": the verb has a subject of its own)
    rf"((?:\w+\s+)?(?:{_GROUP})\b(?:(?!\b(?:that|they|we|he|she|it)\b)[^;:!?]){{0,70}}?)"
    rf"{_NOT_AFTER_DETERMINER}\s+{_SAYS_ANY}\b",
    _I,
)
_SOME_LIKE = re.compile(
    r"^(?:(?:but|yet|and),?\s+)?(some|many|others),\s+(?:like|such as|including)\s+([^,]{3,60}),", _I
)
_NAME_SAYS = re.compile(
    rf"^(?:(?:but|yet|and|still|now),?\s+)?((?:[A-Z][\w'’.\-]*\s+){{0,3}}[A-Z][\w'’\-]+)\s+{_SAYS_ANY}\b"
)
# "They argue that …", "He will tell you that …": the holder is named in the sentence before.
_PRONOUN_SAYS = re.compile(rf"^(?:(?:but|yet|and|still|now),?\s+)?(they|he|she)\s+{_SAYS_ANY}\b", _I)
# "The opposition will tell you that …", "Our critics say …": a group named by a noun phrase.
# Evidence that "suggests" or "warns" is the author's own support, not someone's view.
_THE_NOUN_SAYS = re.compile(
    rf"^(?:(?:but|yet|and|still|now),?\s+)?((?:the|these|those|our|my|your|his|her|their)\s+"
    # ("The honourable member for St. Mark's Ward tells us…": a title with its seat)
    rf"(?:[\w\-'’]+\s+){{0,3}}?(?:(?:for|of) (?:[A-Z][\w\-'’.]*\s+){{1,3}})?([\w\-]+['’]?))\s+{_SAYS_ANY}\b",
    _I,
)
_EVIDENCE_WORDS = (
    "evidence data research study studies results result figures facts fact history experience record "
    "records review reviews survey surveys numbers statistics findings analysis report reports case "
    "argument arguments reasoning logic point truth answer law rule text constitution"
)
_EVIDENCE = frozenset(_EVIDENCE_WORDS.split())
_IMPERSONAL = re.compile(
    r"^(?:(?:but|yet|and),?\s+)?it (?:is|has been|was|may be|will be)(?:,?\s+(?:\w+ly|also|often|still|now|"
    r"sometimes|much|further|again)){0,3} (?:urged|said|argued|alleged|objected|"
    r"contended|asserted|claimed|pretended|maintained|held|thought|supposed)\b",
    _I,
)
# "Many ingenious arguments have been brought forward to prove, that …": others' case, in the passive.
_ARGUMENTS_MADE = re.compile(
    r"^.{0,100}?(?<!\bno )(?<!\bnot )(?<!\bany )\b"
    r"(?:arguments?|reasons?|attempts?|proofs?|objections?|claims?) (?:have|has|had) "
    r"(?:\w+ )?been (?:brought forward|advanced|made|offered|urged|used|put forward|adduced|raised)\b",
    _I,
)
# "…, it is thought, …", "…, we are told, …": the sentence reports what others think.
_REPORTING_ASIDE = re.compile(
    r",\s*(?:it is|it has been|we are|it was|we have been) (?:(?:often|sometimes|widely|commonly|usually|now|"
    r"also|still|repeatedly|constantly)\s+)?(?:thought|said|urged|argued|told|alleged|pretended|supposed|claimed|"
    r"believed|assumed|suggested|asserted)\s*,",
    _I,
)
# "Cafés, she argues, compete to be louder": a person's view, reported by an aside ("she" is named before)
_PERSON_ASIDE = re.compile(
    r"^[^,;:]{2,80},\s*(?:(?P<pronoun>she|he|they)|(?P<group>(?:(?:some|many|most|our|the|its|his|her|their)\s+)?"
    rf"(?:{_GROUP}))|(?P<name>(?:[A-Z][\w'’\-]+\s+){{0,2}}[A-Z][\w'’\-]+))\s+"
    r"(?:(?:also|often|rightly|wrongly|plausibly|rightly or wrongly|will|would|may|might)\s+)?"
    r"(?:argues?|argued|says?|said|claims?|claimed|contends?|contended|insists?|insisted|writes?|wrote|believes?|believed|maintains?|"
    r"maintained|suggests?|suggested|thinks?|thought|holds?|held|submits?|submitted|tell us|told us)\s*,",
)
# "Whitlock's central claim is that …", "The author's argument is that …": a view set out as someone's
_THEIR_CLAIM = re.compile(
    r"^(?:(?:but|yet|and|now),?\s+)?(?P<name>(?:[A-Z][\w'’\-]+\s+){0,2}[A-Z][\w'’\-]+|"
    r"[Tt]he\s+(?:[a-z][\w\-]+\s+){0,2}[a-z][\w\-]+)['’]s?\s+"
    r"(?:(?:central|main|chief|first|second|third|final|basic|whole|larger|real|underlying|key)\s+)?"
    r"(?:claim|argument|thesis|contention|case|view|point|position|proposal|complaint|premise)\s+is\s+that\b",
)
_ACCORDING = re.compile(
    r"\b(?:according to|in the (?:view|eyes|opinion) of)\s+((?:[\w'’.\-]+\s+){0,4}?[\w'’\-]+),", _I
)
_THEIR_VIEW = re.compile(
    r"^(?:(?:but|yet|and),?\s+)?(?:in (?:their|his|her|its) (?:belief|view|opinion|eyes|judge?ment|mind)|"
    r"according to (?:them|him|her|these|those))\b",
    _I,
)
# "Finally, there is the argument that …", "Another objection is that …": a view set out for others.
_A_VIEW = re.compile(
    r"^(?:(?:but|and|finally|lastly|then|also|now),?\s+)?"
    r"(?:there (?:is|are) (?:the|an?|one|another|also the) "
    r"(?:\w+ )?(?:arguments?|views?|claims?|objections?|ideas?|beliefs?|complaints?) that|"
    r"(?:the|an?|another|one|a second|a third) (?:\w+ )?(?:objection|argument|criticism|complaint) "
    r"(?:is|has been|runs) that|the motion (?:before (?:us|the house) )?(?:tonight |today )?is that)\b",
    _I,
)
_WE_ARE_TOLD = re.compile(  # "We are told that the people would not use a park…"
    r"^(?:(?:but|and|now|yet),?\s+)?we (?:are|have been) (?:often |constantly |repeatedly )?"
    r"(?:told|assured|informed)(?:,[^,]{1,30},)? that\b",
    _I,
)
_SOMEONE_SAYS = re.compile(
    r"^(?:(?:every|each|once|now and then|from time to time|every so often)\b[\w ]{0,25}?,?\s+)?"
    r"((?:a|an|some|one|another)\s+(?:[\w\-]+\s+){0,3}?([\w\-]+))\s+(?:announces|announced|says|said|claims|"
    r"claimed|insists|insisted|declares|declared|tells us|argues|argued|warns|warned)\s+that\b",
    _I,
)
_SCHOOL = re.compile(r"^(?:one|another|a) school of thought\b", _I)
# The author answers a view: in the next sentence, or in the same one.
_ANSWER_OPENS = re.compile(
    # another holder's answer: "Data Infrastructure argued the opposite: …", "The council replied that …"
    rf"^(?:[^.;:]{{1,60}}?\s+(?:{_SAYS}|took|takes|take)\s+the\s+(?:opposite|reverse|contrary)(?:\s+view)?\b|"
    r"[^.;:]{1,60}?\s+(?:disagreed|disagrees|disagree|countered|counters|counter|replied|replies|reply|"
    r"retorted|retorts|responded|responds)(?:\s+that)?\b)|"
    r"^(?:but|yet|however|nevertheless|nonetheless|still|to deny this|this is (?:not|a mistake|wrong)|"
    r"nothing could be|there is no|it can be of no weight|never\b|seldom\b|far from it|not so\b|"
    r"(?:that|this|it) (?:is|was|may be) (?:true|so) only\b|"
    r"(?:quite )?the (?:reverse|opposite|contrary) is (?:true|the case)|"
    r"the (?:truth|fact|reality) is|in (?:truth|fact|reality)|i (?:allow|grant|admit|concede)|"
    # "I answer that the Council pays a great deal already", "To the first I answer that …"
    r"(?:to (?:this|that|the first|the second|which|these|all this),? )?(?:i|we) (?:\w+ly )?(?:answer|reply)"
    r"(?:,? (?:in the first place|first|simply),?)? that|"
    r"(?:i|we) (?:\w+ )?(?:admire|respect|understand|sympathi[sz]e with|honour|honor) [^.;:]{1,60}, but|"
    # "We do not accept that argument.", "We do not accept this.", "I am not persuaded.", "We reject it."
    r"(?:i|we) (?:do not|don['’]t|cannot|can['’]t|will not|did not) (?:accept|agree)|"
    r"(?:i|we) (?:\w+ly )?(?:reject|disagree)|"
    r"(?:i|we) (?:am|are) (?:not|far from) (?:persuaded|convinced))\b",
    _I,
)

_GRANT = (
    r"(?:perhaps|maybe|possibly)(?:,? (?:so|it|they|he|she|that|this|some|many|we|you) ?"
    r"(?:will|would|is|are|does|do|can|may|might|did|was|were|has|have)?(?: (?:not|so|too))?)?|"
    r"(?:that|this|it) (?:may|might|could) (?:well )?(?:be|be so|be true|happen)"
)
# "That is a fair worry.", "The point deserves an answer.", "There is truth in this.", "It is true
# that …": the author acknowledges a view before answering it.
_ACKNOWLEDGES = re.compile(
    r"^(?:(?:that|this|it|the (?:point|worry|objection|argument|concern|complaint|charge)) "
    r"(?:is|deserves|has|carries|merits|needs)\b|"
    r"there is (?:some |much |a |real )?(?:truth|force|something)\b|"
    r"(?:i|we) (?:allow|grant|admit|concede)\b|(?:i|we) (?:do not|don['’]t) (?:deny|dispute|doubt)\b|"
    r"(?:it is )?true(?:,| that)|granted\b|of course\b|no doubt\b|"
    r"to be sure\b|"
    # "I have a great deal of respect for her, and she is right that pride matters.", "They are right
    # that Millbrook needs more homes", "We take this objection seriously.", "Perhaps it will."
    r"[^.;:]{0,80}\b(?:is|are) (?:quite |partly |of course |surely )?right (?:that|to|about)\b|"
    # "The Member for Eastwick makes a fair point about the fares", "She has a point."
    r"[^.;:]{0,80}\b(?:makes?|made|raises?|raised) (?:a |an )?(?:very )?"
    r"(?:fair|good|reasonable|valid|serious|real) (?:point|case)\b|"
    r"[^.;:]{0,80}\b(?:has|have|had) a (?:fair |good |real )?point\b(?! (?:to|of)\b)|"
    r"(?:i|we) (?:have|feel) (?:a great deal of|great|much|every|the (?:greatest|highest|deepest)|real|"
    r"some) (?:respect|sympathy|admiration) for\b|"
    r"(?:i|we) (?:can |do )?(?:understand|see|appreciate|share) (?:the|their|his|her|this|that|why|how)\b|"
    r"(?:i|we) take (?:this|that|the|their|his|her|its|such) (?:\w+ )?(?:objection|point|concern|worry|"
    r"argument|criticism|complaint|view) seriously\b|"
    rf"{_GRANT}|"
    r"fair enough\b)",
    _I,
)
# A bare grant ("Perhaps it will.", "That may be so.", "Perhaps it will feel that way for a season."):
# the sentence after it answers, whatever it opens with ("Perhaps it will. That is the oldest threat …").
_BARE_GRANT = re.compile(
    # (also a grant of part: "Some do.", "Most of them do.", "Many can, for a while.")
    r"^(?:(?:some|most|many|a few|few)(?: of them| of us)? (?:do|does|can|will|are|have|may|did)\b"
    r"(?:\W+\w+){0,4}\W*|"
    rf"(?:{_GRANT})\W*|(?:perhaps|maybe) (?:it|they|he|she|we|you|so) (?:will|would|may|might|does|do|is|"
    rf"are|can)\b(?:\W+\w+){{0,6}}\W*)$",
    _I,
)
# "The board's argument is easy to state.", "The original argument was simple: …": what follows
# (after the colon, or in the next sentences of the paragraph) is a view the author sets out.
_ANNOUNCES = re.compile(
    r"^(?:[^.:;]{0,80},\s*)?(?:the|their|his|her|its|our|[\w’'\-]+(?: [\w’'\-]+){0,3}['’]s) (?:\w+ )?"
    r"(?:argument|case|reasoning|logic|thinking|theory|rationale|pitch|promise|idea|view)s? "
    r"(?:is|was|runs|ran|goes|went)(?: (?:quite|very|simple enough|easy|always|then))*\s*"
    r"(?:simple|easy to (?:state|follow|see|make|grasp)|"
    r"straightforward|this|as follows|sound|plain|clear|familiar|well known|attractive|appealing|obvious|"
    r"tempting|something like this)?\s*(?::|\.$)",
    _I,
)

# after an acknowledgement: "But …", or "I deny that …" after "I do not deny that …"
_ANSWER_AFTER = re.compile(
    r"^(?:but|yet|however|nevertheless|nonetheless|still|(?:i|we) (?:deny|dispute))\b", _I
)
_ANNOUNCING_END = re.compile(
    r"\b(?:simple|easy to \w+|straightforward|this|as follows|sound|plain|clear|familiar|well known|"
    r"attractive|appealing|obvious|tempting|like this)\W*$",
    _I,
)


def announces_view(sentence: str) -> bool:
    """Whether `sentence` announces a view that others hold and the next words set out."""
    s = " ".join(sentence.split())
    m = _ANNOUNCES.match(s)
    if m is None:
        return False
    if s[m.end() - 1] == ":":
        return True
    # a short sentence ending there must carry an announcing word ("The argument is wrong." does not)
    return bool(_ANNOUNCING_END.search(s))


def answer_at(following: list[str]) -> int | None:
    """Where the author answers a view, in `following` (the next sentences of its paragraph).

    At once ("But …"), or after an acknowledgement or a concession of at most two sentences
    ("That is a fair worry. But …", "The point deserves an answer. It is true that … But …");
    None when the view is not answered there.
    """
    if not following:
        return None
    first = following[0].strip()
    if _BARE_GRANT.match(first) and len(following) > 1:
        return 1  # "Perhaps it will. That is the oldest threat in the business…"
    if _ACKNOWLEDGES.match(first):
        for at in (1, 2):
            if at < len(following) and _ANSWER_AFTER.match(following[at].strip()):
                return at
    return 0 if _ANSWER_OPENS.match(first) else None


def acknowledges(sentence: str) -> bool:
    """Whether `sentence` grants a view before the author answers it ("She is right that pride matters.")."""
    return bool(_ACKNOWLEDGES.match(sentence.strip()))


@dataclass(frozen=True)
class Voice:
    """Whose view a claim is: ``kind`` is author, reported or rebutted; ``holder`` names them."""

    kind: str
    holder: str = ""  # "critics", "Putin", "some" ("" for the author's own)
    plural: bool = False

    @property
    def others(self) -> bool:
        """True when the view is not the author's own."""
        return self.kind != AUTHOR


# A view granted in a subordinate clause, the writer's own in the main one: "Although critics say that the
# tram will empty the high street, the evidence from Leeds points the other way."
_CONCEDED_REPORT = re.compile(
    rf"^(?:although|though|while|whilst|whereas|even though|even if|granted that)\s+[^,;:]{{2,150}}?\b"
    rf"(?:{_SAYS_ANY}|(?:is|are|was|were|has been|have been) (?:\w+ly\s+)?(?:said|claimed|argued|thought|"
    r"believed|suggested))\b[^;:]{0,200}?,\s+(?!(?:they|he|she)\s+(?:say|says|argue|argues|claim|claims)\b)\w",
    _I,
)


# Words quoted and credited: '"Cutting it saves little," said Councillor Doyle, who…', '"…," Ms Doyle said.',
# 'Its chair, Beatrice Mwangi, said: "Once a library's hours go…"'
_QUOTE_OPEN, _QUOTE_CLOSE = '[“"]', '[”"]'
_SAID = (
    r"(?:said|says|added|adds|argued|argues|warned|warns|insisted|insists|claimed|claims|explained|"
    r"told (?:the \w+|us|me|reporters|this paper)|wrote|writes|replied|countered|maintained)"
)
_WHO = r"(?:[Tt]he |[Aa]n? |[Ii]ts |[Tt]heir )?[\w.'’\-]+(?: [\w.'’\-]+){0,6}?"
_QUOTED_THEN_SAID = re.compile(
    rf"^{_QUOTE_OPEN}(?P<view>[^“”\"]{{12,}}?)[,.!?]?{_QUOTE_CLOSE},?\s+"
    rf"(?:{_SAID}\s+(?P<who>{_WHO})|(?P<who2>{_WHO})\s+{_SAID})(?:,\s+.*)?\.?$"
)
_SAID_THEN_QUOTED = re.compile(
    rf"^(?:(?:but|and|yet|still|now),?\s+)?(?P<who>{_WHO})(?:,\s+(?P<named>[^,;:]{{2,60}}),)?\s+{_SAID}:\s*"
    rf"{_QUOTE_OPEN}(?P<view>[^“”\"]{{12,}}?)[.!]?(?:{_QUOTE_CLOSE}\.?)?$",
    _I,
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "one", "someone", "somebody"})
# "a spokesperson for Argyll Coastal Ferries": the body the spokesperson speaks for
_SPOKESPERSON = re.compile(
    r"^(?:a|an|the) (?:spokes\w+|representative|statement|source) (?:for|from|at) (.+)$", _I
)


def quoted_view(text: str) -> tuple[str, str] | None:
    """The words a sentence quotes and whom it credits them to, as (view, holder); None otherwise.

    A news report's views are its speakers' ("'Saturday afternoon is the only time many parents can
    come,' said Councillor Rhian Doyle, who…"): quoted, credited, none of them the reporter's. A
    pronoun ("she said") names no one here.
    """
    sentence = " ".join(text.split())
    m = _QUOTED_THEN_SAID.match(sentence) or _SAID_THEN_QUOTED.match(sentence)
    if m is None:
        return None
    who = m.group("who") or m.groupdict().get("who2") or ""
    named = m.groupdict().get("named")
    if named and _PERSON.match(named):  # "Its chair, Beatrice Mwangi, said: …"
        who = named
    spokes = _SPOKESPERSON.match(who)
    who = (spokes.group(1) if spokes else who).rstrip(".")
    if who.lower() in _PRONOUNS or not (who[:1].isupper() or who.lower().startswith(("the ", "a ", "an "))):
        return None
    if who.lower().startswith(("its ", "their ")):
        return None
    if _PERSON.match(who):  # "Councillor Rhian Doyle" is asked about as "Doyle", as a speaker is
        who = short_name(who) or who
    return m.group("view").strip(), who


def _holder(text: str) -> tuple[str, bool] | None:
    """The holder of a view the sentence reports, and whether it is plural; None for the author's.

    An apposition between the holder and the verb is read past, and a name in it is the holder's:
    "Our head teacher, Mr Lindqvist, argued that …" is Mr Lindqvist's view; "My friend Mr Harrow,
    who has done more for this Institute than any man living, holds that …" is Mr Harrow's. Words
    quoted and credited are their speaker's (:func:`quoted_view`).
    """
    sentence = " ".join(text.split())
    quoted = quoted_view(sentence)
    if quoted is not None:
        return quoted[1], False
    # ("But Unison, which represents library staff, warned that …": a name after the opening "But")
    sentence = re.sub(r"^(?i:but|and|yet|still|however|meanwhile),?\s+(?=[A-Z][a-z])", "", sentence)
    if _CONCEDED_REPORT.match(sentence):
        return None  # "Although critics say that X, the evidence points the other way": the main clause
    plain = _holder_of(sentence)
    apposed = _APPOSITION.match(sentence) if plain is None else None
    if apposed is not None:
        found = _holder_of(f"{apposed.group(1)} {sentence[apposed.end() :]}")
        if found is not None and found[0]:
            name = apposed.group(2)
            named = _PERSON.match(name) and not name.startswith(("The ", "A "))
            return (name, False) if named else found
    return plain


_PERSON = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Miss|Professor|Councillor|Senator)\.? )?(?:[A-Z][\w'’\-]+ ?){1,3}$"
)
# "Our head teacher, Mr Lindqvist, argued …": the holder, the apposition, then the reporting verb.
_APPOSITION = re.compile(
    r"^((?:(?:but|yet|and|now),?\s+)?(?:[\w'’\-]+\s+){0,4}?[\w'’\-]+),\s+([^,;:]{2,100}?),\s+"
    rf"(?=(?:{_SAYS_ANY})\b)",
    _I,
)


# The speaker's hearers answered before they speak: "You will say that the town has water already."
_YOU_WILL_SAY = re.compile(
    r"^(?:(?:but|now|and|perhaps|no doubt),?\s+)?you (?:will|may|might|would|could) (?:well )?"
    r"(?:say|tell me|tell us|object|reply|answer|think|protest)\b",
    _I,
)
# "I know that some parents worry that …": the writer acknowledges a view others hold
_KNOW_THAT = re.compile(
    r"^(?:(?:but|and|now),?\s+)?(?:i|we) (?:\w+ly )?(?:know|understand|realise|realize|accept|appreciate|"
    r"am aware|are aware|have heard|hear)\s+(?:that\s+)?(?=(?:some|many|most|several|a few|few|other)\b)",
    _I,
)
# A group named by a plural noun with what marks it out: "Islanders who work on the mainland say …",
# "Shopkeepers on the high street complain that …", "Almost all say that …"
_QUALIFIED_GROUP_SAYS = re.compile(
    r"^(?:(?:but|yet|and|still|now),?\s+)?(?P<who>(?:almost all|nearly all|(?:(?:some|many|most|several|"
    r"a few|few|other|almost all|nearly all)\s+)?(?:[a-z][\w\-]*\s+)?"
    r"(?P<head>[a-z][a-z\-]{3,}(?<!ss)(?<!ous)s|people|children|men|women|staff|police|folk)"
    r"(?:\s+(?:who|that)\s+[^,;:]{3,60}?|\s+(?:in|on|at|of|from|across|around|along|near)\s+"
    r"(?:the\s+)?[^,;:]{2,40}?)?))\s+(?:often\s+|also\s+|still\s+)?"
    r"(?:say|said|argue|argued|worry|worried|complain|complained|claim|claimed|insist|insisted|fear|feared|"
    r"warn|warned|believe|believed|tell us|told us|object|objected|point out|pointed out)\s+"
    r"(?!(?:little|nothing|much|less|more|so|no|very|too)\b)(?:that\s+)?\w",
    _I,
)


def _holder_of(sentence: str) -> tuple[str, bool] | None:
    """:func:`_holder` of a sentence without apposition."""
    if _YOU_WILL_SAY.match(sentence):
        return "some", True  # the hearers' objection, set out to be answered
    sentence = _KNOW_THAT.sub("", sentence, count=1)
    if _THEIR_VIEW.match(sentence):
        return "", True  # "In their belief, culture is…": whose belief stands in the sentence before
    m = _SOME_LIKE.match(sentence)
    if m:
        return m.group(2).strip(), False
    m = _THEIR_CLAIM.match(sentence)
    named = m.group("name").split() if m else []
    if m and named[0].lower() == "the" and named[-1].lower() not in _EVIDENCE:
        return "the" + m.group("name")[3:], False  # "The council's case is that …"
    if m and m.group("name").split()[0].lower() not in STOPWORDS:
        return m.group("name"), False
    m = _PERSON_ASIDE.match(sentence)
    if m and m.group("group"):  # "The plan, critics say, will cost jobs": a group's view
        return _tidy_holder(m.group("group")), True
    if m and not (m.group("name") and m.group("name").split()[0].lower() in STOPWORDS):
        return (m.group("name") or ""), (m.group("pronoun") or "").lower() == "they"
    m = _IMPERSONAL.match(sentence)
    by = (
        re.match(r"\s+by ((?:the|some|many|our) [\w\- ]{2,50}?) that\b", sentence[m.end() :], _I)
        if m
        else None
    )
    if by:  # "It is urged by the friends of the measure that …"
        return by.group(1)[:1].lower() + by.group(1)[1:], True
    m = m or _REPORTING_ASIDE.search(sentence) or _ARGUMENTS_MADE.match(sentence)
    if m:
        return "some", True
    if _SCHOOL.match(sentence) or _A_VIEW.match(sentence) or _WE_ARE_TOLD.match(sentence):
        return "some", True
    m = _PRONOUN_SAYS.match(sentence)
    if m:
        return "", m.group(1).lower() == "they"
    m = _THE_NOUN_SAYS.match(sentence)
    if m and m.group(2).lower() not in _EVIDENCE and m.group(2).lower() not in STOPWORDS:
        holder = _tidy_holder(m.group(1))  # "my colleague Councillor Baptiste": "Councillor Baptiste"
        if holder.split()[0].lower() in STOPWORDS:  # "The opposition": "the opposition"
            holder = holder[:1].lower() + holder[1:]
        return holder, m.group(2).lower().endswith("s") or m.group(2).lower() == "opposition"
    m = _SOMEONE_SAYS.match(sentence)
    if m and m.group(2).lower() not in _EVIDENCE:  # "Every few months a chief executive announces that …"
        some = m.group(1).split()[0].lower() == "some"  # "Some teachers argued that …": a group
        plural = some and m.group(2).lower().endswith("s") and not m.group(2).lower().endswith("ss")
        return m.group(1)[:1].lower() + m.group(1)[1:], plural
    m = _GROUP_SAYS.match(sentence)
    if m:
        holder = m.group(1).strip(" ,")
        first = holder.split()[0].lower()
        if first in ("i", "we"):
            return None
        return _tidy_holder(holder), True
    m = _NAME_SAYS.match(sentence)
    if m:
        name = m.group(1).strip()
        words = name.split()
        if words[0].lower() in STOPWORDS or words[-1].lower() in STOPWORDS:
            return None
        verb = sentence[m.end(1) :].split(maxsplit=1)[0].lower()
        if (
            len(words) == 1
            and name.endswith("s")
            and not name.endswith("ss")
            and not verb.endswith(("s", "d"))
        ):
            return name.lower(), True  # "Neighbours worry that…": a group (the verb agrees), not a person
        return name, False
    m = _ACCORDING.search(sentence)
    if m and m.group(1).split()[0][:1].isupper():
        return m.group(1).strip(), False
    m = _QUALIFIED_GROUP_SAYS.match(sentence)
    if m and (m.group("head") or "").lower() not in _EVIDENCE:
        return _tidy_holder(m.group("who")), True
    return None


_AUXILIARIES = frozenset(
    "have has had will would may might could can do does did often also sometimes even always usually".split()  # noqa: SIM905
)


_SPEAKERS_OWN = re.compile(r"^(some|many|most|few) of (?:you|us|them|my|our|your)\b.*$", _I)
_OF_MINE = re.compile(r"\s+of (?:my|our) \w+$", _I)  # "Critics of my view"
_POSSESSED = re.compile(r"^(?:my|our|your)\s+(?:(?-i:[a-z][\w\-]*)\s+){0,2}(?=(?-i:[A-Z]))", _I)


def _tidy_holder(holder: str) -> str:
    """A group as it can stand in a question ("Many commentators in the U.S. and Europe").

    The speaker's own words for them go: "Some of you" and "Some of my friends" are "some",
    "Critics of my view" are "critics", "my colleague Councillor Baptiste" is "Councillor Baptiste".
    """
    holder = re.sub(
        r"^(?:although|though|while|whilst|whereas|even though|even if)\s+", "", holder.strip(), flags=_I
    )
    holder = _SPEAKERS_OWN.sub(r"\1", holder)
    holder = _OF_MINE.sub("", holder)
    holder = _POSSESSED.sub("", holder)
    holder = re.sub(r"^(?:my|our|your)\s+(?=\w)", "", holder, flags=_I)  # "our critics": "critics"
    words = holder.split()
    if len(words) > 8:
        words = words[:8]
    while len(words) > 1 and words[-1].lower() in _AUXILIARIES:  # "Some have [suggested]"
        words = words[:-1]
    out = " ".join(words)
    return out[:1].lower() + out[1:] if not words[0][1:2].isupper() and words[0].lower() in _LOWER else out


_LOWER = frozenset(
    [
        "critics",
        "critic",
        "opponents",
        "opponent",
        "objectors",
        "skeptics",
        "sceptics",
        "detractors",
        "adversaries",
        "enemies",
        "commentators",
        "defenders",
        "advocates",
        "proponents",
        "supporters",
        "some",
        "many",
        "others",
        "people",
        "those",
        "retailers",
        "employers",
        "unions",
        "economists",
        "experts",
        "residents",
        "parents",
        "teachers",
        "businesses",
        "landlords",
    ]
)


def voice_of(text: str, following: str | None = None) -> Voice:
    """Whose view `text` states; `following` is the sentence after it in the same paragraph, if any."""
    found = _holder(text)
    if found is None:
        return Voice(AUTHOR)
    holder, plural = found
    rebutted = bool(following and _ANSWER_OPENS.match(following.strip()))
    return Voice(REBUTTED if rebutted else REPORTED, holder, plural)


_OWN_VOICE = re.compile(
    r"^(?:\W*(?:but|yet|however|still|this|that|these|those|it|there|here|such|none|nothing|i|we|my|our|us)\b|"
    r".*\b(?:i|we|my|our|me|us)\b)",
    _I,
)


_ASIDE_SPAN = re.compile(
    r",\s*(?:(?:she|he|they|(?:(?:some|many|most|our|the|its|his|her|their)\s+)?"
    rf"(?:{_GROUP})|(?:[A-Z][\w'’\-]+\s+){{0,2}}[A-Z][\w'’\-]+)\s+(?:(?:also|often|will|would|may|might)\s+)?"
    r"(?:argues?|argued|says?|said|claims?|claimed|contends?|contended|insists?|insisted|writes?|wrote|"
    r"believes?|believed|maintains?|maintained|suggests?|suggested|thinks?|thought|holds?|held|submits?|"
    r"submitted|tell us|told us)|(?:it is|it has been|we are|it was|we have been) (?:\w+\s+)?(?:thought|said|"
    r"urged|argued|told|alleged|supposed|claimed|believed|assumed|suggested|asserted))\s*,\s*",
    _I,
)


def without_aside(text: str) -> str:
    """The sentence without the aside that reports it: "Cafés, she argues, compete …" → "Cafés compete …"."""
    return _ASIDE_SPAN.sub(" ", text, count=1)


def paraphrases(text: str) -> str | None:
    """The person whose view the writer sets out in their own words, if `text` does so.

    "Whitlock's central claim is that …", "Cafés, she argues, compete …": the writer is
    paraphrasing someone, and the sentences right after continue the paraphrase until the
    writer's own voice returns. Returns the holder ("" for a pronoun), or None.
    """
    sentence = " ".join(text.split())
    m = _THEIR_CLAIM.match(sentence) or _PERSON_ASIDE.match(sentence)
    groups = m is not None and "group" in m.groupdict()
    if m is None or (groups and (m.group("group") or (m.group("pronoun") or "").lower() == "they")):
        return None  # ("The plan, critics say, will …": a group's view, in one sentence)
    name = m.group("name") or ""
    if name and (name.split()[0].lower() in STOPWORDS or name[:1].islower()):
        return None  # "the council's case is that …": a body's case, set out in one sentence
    return name


def continues(text: str) -> bool:
    """Whether `text`, right after a paraphrase, may go on with it: no answer, contrast or writer's voice."""
    sentence = " ".join(text.split())
    return not (_OWN_VOICE.match(sentence) or _ANSWER_OPENS.match(sentence) or _ACKNOWLEDGES.match(sentence))


_OPPOSITE = re.compile(
    rf"\s+(?:{_SAYS}|took|takes|take)\s+the\s+(?:opposite|reverse|contrary)(?:\s+view)?\s*[:,]?\s*(?:that\b)?",
    _I,
)


def as_report(text: str) -> str:
    """Another holder's answer as a plain report: "X argued the opposite: that Y" → "X argued that Y"."""
    return _OPPOSITE.sub(" argued that", text, count=1)


_CONTENT = re.compile(rf"^.{{0,120}}?\b(?:{_SAYS_ANY}|is|was)\s+that\s+(.+)$", _I)


def reported_content(text: str) -> str | None:
    """What a reported view says, when the sentence gives it as a that-clause ("Critics say that X")."""
    m = _CONTENT.match(" ".join(text.split()))
    return m.group(1) if m else None
