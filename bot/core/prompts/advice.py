"""The speaker's advice and calls on others, as what someone should do.

"We advise that the council introduce X" is "the council should introduce X"; "I urge
colleagues to reject X" is "colleagues should reject X"; "Let every committee name …" is
"every committee should name …". A step of the argument ("Let us suppose…", "Consider…") is
no advice.
"""

from __future__ import annotations

import re

from bot.core.prompts.clauses import FINITE

_I = re.IGNORECASE

# (a step of the argument, or a look at something: "Consider…", "Look at the schools…")
NOT_ADVICE = frozenset(
    "consider suppose take remember ask think read judge try look observe behold mark witness imagine "  # noqa: SIM905
    "picture".split()
)
# "Let us suppose…", "Let us now turn to…": a step of the argument; "Let us leave our children…" is advice.
LET_STEP = re.compile(
    r"^let(?: us|['’]s) (?:now |then |next |first |finally )?"
    r"(?:suppose|consider|imagine|assume|take|say|look|see|"
    r"turn|return|examine|begin|grant|recall|remember|start|compare|ask|hear|go|proceed|inquire|pause|pass|"
    r"come|move|leave)\b",
    _I,
)
# "We therefore advise that the council introduce…": a recommendation in the subjunctive.
_MANDATE = re.compile(
    r"^(?:i|we) (?:(?:\w+ly|therefore|would|must|also|strongly|again|so) )*"
    r"(?:advise|recommend|propose|suggest|(?:rise to |beg to )?move|"
    r"urge|insist|request|ask)(?:,? therefore,?)? that\s+",
    _I,
)
_SUBJUNCTIVE = re.compile(
    r"^((?:the|a|an|this|our|every|each|all|these|those|no|[A-Z]\w+)\b(?: [\w\-’']+){0,3}?) "
    r"(be|(?!(?:should|must|will|would|shall|may|might|can|could|is|are|was|were|has|have|had|does|do|did|"
    r"held|said|paid|made|led|read|fed|fled|hid|found|bound|heard|told|sold|stood|understood|used|needed|"
    r"of|in|on|at|for|to|and|or|nor|but|with|by|from|that|which|who|as|than)\b)"
    r"[a-z]+(?<!s)(?<!ed)(?= (?:the|a|an|its|their|our|this|these|those|it|them|to|on|in|at|for|with|by|from|"
    r"up|down|out|off|more|less|no|all|every)\b| [A-Z][\w\-]*\b))\b"
)
# "that the town council include hedgehog gaps in its guidance": a body named, then its verb bare
_BODY_SUBJUNCTIVE = re.compile(
    r"^((?:the|every|each|all|our|this|[A-Z]\w+)(?: [\w\-’']+){0,3}? (?i:council|councils|board|committee|"
    r"government|authority|authorities|trust|panel|cabinet|department|service|club|society|school|schools|"
    r"company|minister|ministers|parliament|agency|executive|office|officers)) "
    r"((?!(?:should|must|will|would|shall|may|might|can|could|is|are|was|were|has|have|had|does|do|did|not|of|in|"
    r"on|at|for|to|and|or|nor|but|with|by|from|that|which|who|whose|as|than|alone|itself|too|also|only)\b)"
    r"[a-z]+(?<!s)(?<!ed)(?<!ing)(?<!ly))\b"
)
# "that where the Guardians desire a test of a man's willingness to work, they use the labour test": a
# subjunctive after its condition
_CONDITIONED_SUBJUNCTIVE = re.compile(
    r"^((?:where|when|if|unless|whenever)\b[^,;:]{3,100},\s+)(they|he|she|it|the [\w\-]+)\s+"
    r"(?!(?:should|must|will|would|shall|may|might|can|could|cannot|are|were|is|was|have|has|had|do|does|did|"
    r"not|never)\b)([a-z]+)(?<![sd])\b"
)
# "that you do your buying in the daylight", "that you do not buy after seven": the listeners' part
_YOU_SUBJUNCTIVE = re.compile(
    r"^you\s+(?:(do not|never)\s+)?(?!(?:should|must|will|would|shall|may|might|can|could|cannot|are|were|"
    r"have|had|did|need|ought)\b)(?=[a-z]+\s)"
)
# "I urge colleagues to reject…": the speaker's call, as what its addressees should do.
_CALL = re.compile(
    # ("So in April I will ask the council to scrap…": when the speaker will ask it)
    r"^(?:(?:so|and|but|now),?\s+)?(?:(?:in|on|by|next|this) [A-Z]?\w+,?\s+)?"
    r"(?:i|we) (?:(?:\w+ly|therefore|also|again) )*(?:(?:would |will |shall |am going to |intend to )?"
    r"(?:urge|ask|call on|call upon|invite|implore|beg|encourage|press) "
    r"(?P<asked>(?:the |my |our |all |every |fellow )?[\w\-]+(?: [\w\-]+){0,2}?) "
    r"(?P<neg>not )?to |"
    # "I would have every town keep its streets quiet": what that body should do
    r"would (?:therefore )?have (?:(?P<had>you|us|them) |(?P<body>(?:every|each|all|the|our|this) [\w\-]+) "
    r"(?=(?!(?:to|of|and|in|on|for|at|by|with)\b)[a-z]+ "
    r"(?:the|a|an|its|their|his|her|our|every|it|them|this)\b)))"
    r"(?=\w+ \w+)",
    _I,
)
# "Let every committee therefore name…", "Let the hospital ask…": someone named, then the verb
JUSSIVE = re.compile(
    r"^let ((?:the|every|each|no|all|any|our|your|their|this|that|these|those)\s+(?!(?:\w+\s+)?"
    r"(?:who|which|that|whose)\b)[a-z\-]+(?:\s+(?!(?:therefore|then|also|at|now)\b)[a-z\-]+)??)\s+"
    r"(?:(?:therefore|then|also|at least|now),?\s+)?"
    r"(?=(?!(?:who|which|that|of|in|on|at|to|for|with|by|and|or|be)\b)[a-z]+\b(?<!s)(?<!ed)(?<!ing))",
    _I,
)
IMPERATIVE = re.compile(
    r"^(?:let us|let|set|publish|use|count|announce|require|give|apply|review|build|make|stop|start|put|"
    r"fund|ban|invest|consider|remember|ask|keep|take|try|avoid|ensure|allow|treat|focus|adopt|protect|end|"
    r"support|teach|learn|judge|trust|beware|refuse|resist|defend|reject|accept|choose|prefer|read|think)\b",
    _I,
)


def mandate(text: str) -> str:
    """The speaker's advice as what others should do, or `text` unchanged.

    "We advise that the council introduce X" is "the council should introduce X"; "I urge
    colleagues to reject X" is "colleagues should reject X".
    """
    call = _CALL.match(text)
    if call:
        # "to keep X, and to look…", "not to renew it, and instead to open…"
        wanted = re.sub(r",? and (instead |also |then )?to (?=\w)", r", and \1", text[call.end() :])
        # "to keep the five-day week, to publish the estimate": one "should" carries every infinitive
        wanted = re.sub(r", to (?=[a-z]+ (?:the|a|an|all|every|its|their|our)\b)", ", ", wanted)
        asked = call.group("asked") or call.group("had") or call.group("body")
        if re.match(r"^(?:the|my|our|his|her) (?:readers?|listeners?|hearers?|audience)$", asked or "", re.I):
            return text  # "I would ask the reader … to try a small experiment": the writer's device, no call
        return f"{asked} should {call.group('neg') or ''}{wanted}"
    frame = _MANDATE.match(text)
    if frame is None:
        return text
    rest = text[frame.end() :]
    conditioned = _CONDITIONED_SUBJUNCTIVE.match(rest)
    if conditioned is not None:  # "that where the Guardians desire a test…, they use the labour test"
        return f"{conditioned.group(1)}{conditioned.group(2)} should {rest[conditioned.start(3) :]}"
    you = _YOU_SUBJUNCTIVE.match(rest)
    if you is not None:  # "that you do your buying in the daylight": what the listeners should do
        negation = {"do not": "not ", "never": "never "}.get(you.group(1) or "", "")
        return f"you should {negation}{rest[you.end() :]}"
    passive = re.match(r"^([^,;:]{3,80}?) be\b", rest)  # "that shops below a certain size be excused"
    if passive and not FINITE.search(passive.group(1)):
        return f"{passive.group(1)} should {rest[passive.end(1) + 1 :]}"
    verb = _SUBJUNCTIVE.match(rest) or _BODY_SUBJUNCTIVE.match(rest)
    if verb is None:
        return rest
    return f"{verb.group(1)} should {rest[verb.start(2) :]}"
