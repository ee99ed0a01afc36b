"""How a claim ranks beyond its cues: quotable statements up, reports and narration down.

:func:`quotable` finds the short general statement set against something that people quote
("Time makes more converts than reason."); :func:`report_penalty` says how much a sentence
reports rather than argues (past narration, a finding, a definition, a scene told to the
listener, what the writer did). The deck (:mod:`.deck`) adds both to a claim's cue score and
its centrality.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.prompts.cues import claim_score, imperative
from bot.core.prompts.openers import PROPOSAL
from bot.core.prompts.references import CONTRASTIVE_CLEFT
from bot.core.text.words import STOPWORDS

# What the writer's team does, told in the present: "We split work until each ticket is small…, and
# then we forecast by counting…" (not "We should…", "We need…", "We are wrong…", "We cannot…").
_PRACTICE = re.compile(
    r"^(?:and |so |then |now |today,? |instead,? )?we (?:now |also |still |then |simply |just )?"
    r"(?!(?:are|were|am|be|have|had|has|do|does|did|should|must|need|needs|ought|will|would|can|cannot|"
    r"could|may|might|shall|think|believe|know|hope|fear|doubt|want|urge|recommend|propose|suggest|"
    r"argue|say|insist|expect|agree|disagree|deserve|owe|risk|lose|pay|get|keep|take|"
    r"ask|call|implore|beg|appeal|invite|press|advise)\b)"  # (a call on others: "We ask the board to…")
    r"[a-z]+\b(?![^.;]*\b(?:should|must|ought|need to|better|worse|too|wrong|right)\b)",
    re.IGNORECASE,
)
# "The Council proposes to let motor-cars stand in the Square…": another body's plan, reported.
_PLAN = re.compile(
    r"^(?:(?:but|now|and),?\s+)?(?!(?:i|we)\b)(?:the |our |this |a )?[\w'’\- ]{2,40}? "
    r"(?:proposes|plans|intends|wants|means|hopes|is planning|has proposed|has decided|now proposes|"
    r"(?:has|have) (?:decided|agreed|voted)|(?:does|do) not (?:propose|plan|intend)) (?:not )?to\b|"
    # "The applicant has submitted a viability assessment", "Jurors have asked the facilitators to…": what a
    # party has done, told (not "The council has failed…": a charge)
    r"^(?:(?:but|now|and),?\s+)?(?!(?:i|we|it|this|that|they|nobody|no|none|few|not)\b)"
    r"(?:the |our |this |a )?[\w'’\- ]{2,40}? (?:has|have) (?:now |already |also )?(?:submitted|lodged|"
    r"applied|asked|written to|appointed|commissioned|received|published)\b"
    r"(?! (?:nothing|no|none|the wrong|too|only)\b)|"
    # "The Railway Executive has given notice that the service will be withdrawn": a notice reported
    r"^(?:(?:sir|madam),?-*\s*)?(?!(?:i|we)\b)(?:the |our |this |a )?[\w'’\- ]{2,40}? "
    r"(?:has|have|had) (?:given notice|announced|notified \w+|published notice|served notice) that\b",
    re.IGNORECASE,
)
# The writer's own offer or house rule, not a position: "We will fit one if you ask", "we ask only that you
# take what you will use", "if a tool is lost, we ask the borrower to pay towards the repair"
_OFFER = re.compile(
    r"\b(?:we|i) (?:will|shall|can|would)(?: \w+ly)? (?!not\b)[^.;:]{1,60}?\bif (?:you|they|a member|members|"
    r"anyone|someone)\b|"
    r"\bwe (?:\w+ly |also |only )?ask (?:only |just )?(?:that )?"
    r"(?:you|the (?:borrower|member|visitor|user|volunteer|guest|holder)s?|"
    r"(?:borrower|member|visitor|user|volunteer|guest|plot holder)s|everyone|anyone)\b",
    re.IGNORECASE,
)
# An offer or a term of a plan, told as a fact: "The Company has offered to take a lease of one-and-twenty
# years", "Residents will be able to buy an annual permit for thirty pounds, and blue badge holders park
# free".
_I = re.IGNORECASE
_TERMS = re.compile(
    r"\b(?:has|have|had|is|are) (?:now |already |also )?(?:offered|offering) to\b|"
    r"\bwill (?:be able to|be allowed to|be entitled to|pay|get|receive) [^.;:]{1,60}?\b(?:for|at|of) "
    r"(?:only |just |a flat |a fee of |a charge of )?(?:£\s?\d|\$\s?\d|\d[\d,.]* (?:pounds|dollars|euros)|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a hundred)[\s\-]"
    r"(?:\w+[\s\-])?(?:pounds|dollars|euros|shillings|guineas|pence)\b)|"
    r"\b(?:park|travel|ride|enter|go in|get in) (?:for )?free\b",
    re.IGNORECASE,
)
FINDING_PENALTY = 4.0  # a finding or survey result reports; a debate needs a position
EXPERIENCE_PENALTY = 3.0  # the writer's own experience is a witness statement, not a position

# A sentence that tells what happened or what was found rather than what should be or is so:
# past-tense narration ("there was no physical science but…"), a finding ("surveys have found"),
# the history of the argument ("have been clearly pointed out"), a definition ("shall mean").
_PRESENT = re.compile(
    r"\b(?:is|are|am|isn['’]t|aren['’]t|must|should|ought|will|won['’]t|can|cannot|can['’]t|may|might|would|"
    r"does|do|don['’]t|doesn['’]t|need|needs|has|have)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|seemed|became|fell|made|took|came|saw|thought|knew|got|ran|went|grew|rose|"
    r"began|gave)\b",
    re.IGNORECASE,
)
_FINDING = re.compile(
    r"\b(?:surveys?|studies|study|research|data|evidence|polls?|reports?|reviews?)\b[^.;]{0,120}\b(?:found|find|finds|"
    r"shows?|showed|suggests?|suggested)\b|\b(?:specialists|experts|researchers|scientists|economists)\b[^.;]{0,30}"
    r"\b(?:advise|say|agree|recommend|warn)\b|\bha(?:ve|s) (?:already |clearly |often |been )*(?:been )?"
    r"(?:pointed out|felt|shown|noticed|observed|remarked|stated|mentioned)\b|"
    # "Economists have studied rent control for fifty years", "412 members answered our survey",
    # "One in three reported a rise": who looked, and what they saw
    r"\b(?:economists|researchers|scientists|scholars|historians|studies|surveys|members|respondents|users|"
    r"customers|passengers|patients|tenants|residents|visitors)\b"
    r"[^.;:]{0,60}\bha(?:ve|s|d) (?:\w+ )?(?:studied|examined|looked at|researched|surveyed|measured|"
    r"tracked|found|reported)\b|"
    r"\b(?:answered|responded to|took part in|completed) (?:our|the|a|this) (?:\w+ )?(?:survey|poll|"
    r"questionnaire|study)\b|\b(?:one|two|three|four|five|\d+) (?:in|out of) (?:\w+|\d+) "
    r"(?:\w+ )?(?:reported|said|told|answered|found|had)\b",
    re.IGNORECASE,
)
# What the writer did or has done: "I drove the 14 line for nine years", "I have served on this
# council for eleven years", "I have kept the letters…" (not "I have come to believe that …").
_EXPERIENCE = re.compile(
    r"^(?:\w+,\s+)?(?:and |so |then |but )?(?:i|we) (?:\w+ly )?(?:(?:have|had) (?:\w+ly )?(?:been )?)?"
    r"(?:\w+(?<!e)ed|drove|wrote|taught|ran|kept|spent|lived|worked|served|sat|saw|met|knew|made|took|"
    r"went|came|grew|built|sold|found|left|heard|led|held|bought|brought|thought|been)\b(?![^.;]*\bthat\b)",
    re.IGNORECASE,
)
# A sentence people quote: short, in the present, one clause or two set against each other.
_ANTITHESIS = re.compile(
    r"\bbut\b|\bthan\b|\bnot\b[^,;]{1,40}\bbut\b|\bno more\b|\bis but\b|\bnever\b|\bnothing\b|"
    r"\b(?:is|are) not (?:a|an|the)\b|\beasy\b[^.;]{1,40}\bhard\b|\bany more than\b|"
    r"\b(?:is|are) not \w+,|\bnot\b[^;]{1,60};\s*\w|"
    r",\s+not (?:the|a|an|what|one|by|in|for|to|with|on|at)\b|"  # "the road they see, not the limit…"
    r"\b(?:everyone|everybody|everything)\b[^.;]{1,60}\b(?:no one|nobody|nothing)\b",  # "belongs to no one"
    re.IGNORECASE,
)


# "Homework does not measure what a child learned; it measures what the child has at home."
_DENIAL_TURN = re.compile(r"\b(?:not|never)\b[^;]{1,80};\s*(?:it|they)\s+\w+", re.IGNORECASE)
# "as if reading them were the same thing as thinking": a "were" after "if" is no past tense
_SUBJUNCTIVE = re.compile(r"\b(?:if|though|wish)\b([^,;.]{0,60}?)\bwere\b", re.IGNORECASE)


def quotable(sentence: str) -> bool:
    """A short general statement in the present, set against something ("X is a blessing, but Y…")."""
    head = sentence.split(";", 1)[0]
    return (
        bool(
            _PRESENT.search(head)
            or re.search(r"\b[a-z]+s\b", head)
            or re.match(r"^(?:people|men|women|children|we|they|you) [a-z]+\b", head, re.IGNORECASE)
        )
        and not _PAST.search(_SUBJUNCTIVE.sub(r"\1", head))
        and bool(_ANTITHESIS.search(head) or _DENIAL_TURN.search(sentence))
        and not re.match(
            r"^\W*(?:it|they|this|these|that|those|he|she|such|there)\b", sentence, re.IGNORECASE
        )
    )


# A maxim: a short general statement in the present about a kind of thing, no cue word needed ("A
# grievance kept is a grievance fed.", "Silence is not consent where …", "A tired assistant is a
# careless one."): its subject is indefinite or a bare noun, its verb "is"/"are".
_MAXIM = re.compile(
    r"^(?:(?i:a|an|every|no|any)\s+[a-z\-]+(?:\s+[a-z\-]+){0,3}?|(?P<bare>[A-Z][a-z\-]{2,}))\s+"
    r"(?:(?:is|are)\s+(?:not\s+|no\s+|never\s+|always\s+|but\s+|only\s+|seldom\s+|rarely\s+)?"
    r"(?:(?:a|an|the|no|its|their)\s+)?[a-z\-]{3,}\b|"
    # "Quiet has to be protected", "A promise must be kept": what such a thing needs
    r"(?:has to|have to|must|needs to|need to|cannot|can never|ought to)\s+(?:not\s+)?(?:be\s+)?"
    r"[a-z\-]{3,}\b)"
)
_NOT_GENERIC = frozenset(
    """it this that these those there here he she they we you i such what which who one each
    all some many most none both either neither today yesterday tomorrow""".split()  # noqa: SIM905
)
MAXIM_WORDS = 18
_PASSIVE = re.compile(
    r"^(?:\w+(?:ed|en)|held|made|done|known|seen|given|taken|built|sold|paid|shown|told|kept|set|put|run|"
    r"cut|shut|sent|spent|lost|won)$",
    re.IGNORECASE,
)


def maxim(sentence: str, is_name: Callable[[str], bool] | None = None) -> bool:
    """A short general statement in the present about a kind of thing ("A grievance kept is fed.").

    Figures, names after the first word, a speaker ("I", "we", "you") and a leading pointer rule
    it out: those describe a case or speak to the listener; `is_name` says which capitalised
    first words are names ("Penhale is …").
    """
    text = " ".join(sentence.split()).rstrip(".!")
    if len(text.split()) > MAXIM_WORDS or re.search(r"[\d;:?]", text):
        return False
    found = _MAXIM.match(text)
    if found is None or re.search(r"\b(?:i|we|you|your|our|my)\b", text, re.IGNORECASE):
        return False
    said = re.search(r"\b(?:is|are)\s+(?:not\s+|never\s+|always\s+|only\s+)?(\w+)\b", text)
    if said is not None and _PASSIVE.match(said.group(1)):
        return False  # "A new policy is announced.": a passive tells what happens to it
    bare = found.group("bare")
    if bare is not None and (bare.lower() in _NOT_GENERIC or (is_name is not None and is_name(bare))):
        return False
    if bare is not None and (bare.endswith("s") or bare.lower() in ("the", "a", "an", "no", "every")):
        return False  # "Prices are …": a plural describes ("Phones stay in bags"); articles are no nouns
    return not re.search(r"(?<!^)\b[A-Z][a-z]+", text)


# A figure of speech people quote: a word said twice across a turn ("He who knows only his own side of
# the case, knows little of that.", "The house is not built to shelter the poor; it is built to frighten
# them off the rates."): short, about a kind of thing, the word on both sides of a "not", "only", "than", ";"
FIGURE_WORDS = 24
_FIGURE_TURN = re.compile(
    r"[;:]|\b(?:not|no|never|nothing|only|little|but|than|as|rather|nor|less|more)\b", re.IGNORECASE
)
_FIGURE_OPENER = re.compile(
    r"^\W*(?:(?:but|and|so|yet|for),?\s+)?(?:it|its|they|them|their|this|these|that|those(?! who)|he(?! who)|"
    r"she|his|her|such|there|here|i|we|my|our|you|your|then|thus|"
    r"before|after|when|while|until|since|although|though|unless|whether)\b",
    re.IGNORECASE,
)
_FIGURE_WORD = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*")


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def figure(sentence: str) -> bool:
    """A short general statement that turns on a word said twice, either side of a contrast."""
    text = " ".join(sentence.split())
    words = list(_FIGURE_WORD.finditer(text))
    if len(words) > FIGURE_WORDS or re.search(r"\d", text) or _FIGURE_OPENER.match(text):
        return False
    if _PAST.search(_SUBJUNCTIVE.sub(r"\1", text)) and not _PRESENT.search(text):
        return False  # ("The labourer walked because he must": told, not held)
    first: dict[str, re.Match[str]] = {}
    for found in words:
        word = found.group(0)
        if len(word) < 3 or word.lower() in STOPWORDS or (found.start() and word[0].isupper()):
            continue  # (a name said twice is the subject named again: "what Christian morality is …")
        stem = _stem(word)
        before = first.setdefault(stem, found)
        if before is not found and _FIGURE_TURN.search(text[before.end() : found.start()]):
            return True
    return False


# A clause that tells a particular fact: no judging word, no denial, no "is <adjective>" to end on, and it
# names its case (a name, a figure): "Moscow is demanding a number of concessions", "Our funds are placed
# each quarter with the Post Office Savings Bank", "A tramway is laid … by the permission of Parliament"
_WEAK_CUES = ("stance:", "hedge:", "general:")
# cue words that tell, in a clause that names its case: "the earliest written form", "we need 42 marshals"
_TOLD_CUE = re.compile(
    r":(?:the )?(?:earliest|latest|oldest|newest|largest|smallest|longest|lowest|highest)$|"
    r"^recommendation:need$"
)
_DENIED = re.compile(r"\b(?:not|no|never|nothing|nobody|none|neither|nor|cannot)\b|n['’]t\b", re.IGNORECASE)
_ENDS_JUDGED = re.compile(
    r"\b(?:is|are|was|were|be|seems?|looks?)\s+(?:\w+ly\s+)?(?!\w+(?:ed|en|ing)\b)[a-z\-]+\W*$", re.IGNORECASE
)


def stated_fact(clause: str, is_name: Callable[[str], bool] | None = None) -> bool:
    """Whether the clause a question would ask tells a particular fact rather than a judgement."""
    text = " ".join(clause.split()).rstrip(".!")
    counted = re.search(r"\bneed\s+(?:\d|£)", text)  # ("we need 42 marshals": a count, not a demand)
    told = [c for c in claim_score(text).cues if _TOLD_CUE.search(c) and (counted or "need" not in c)]
    if re.search(r"\bright (?:now|away|here|there)\b", text, re.IGNORECASE):
        told.append("value:right")  # ("right now": when, not a judgement)
    if any(not cue.startswith(_WEAK_CUES) and cue not in told for cue in claim_score(text).cues):
        return False
    if _DENIED.search(text) or _ENDS_JUDGED.search(text):
        return False
    words = text.split()
    if not words:
        return False
    first = re.sub(r"\W", "", words[0])
    named = bool(first) and first[0].isupper() and is_name is not None and is_name(first)
    named = named or any(re.match(r"^[A-Z][\w\-’']*", w) and w != "I" for w in words[1:])
    return named or bool(re.search(r"\d|£|\$|€", text))


def set_against(sentence: str, is_name: Callable[[str], bool] | None = None) -> bool:
    """A sentence people quote: a contrast (:func:`quotable`), a maxim or a contrastive cleft."""
    text = " ".join(sentence.split())
    return quotable(text) or maxim(text, is_name) or bool(CONTRASTIVE_CLEFT.match(text))


# "We ask the board to reject the plan.", "I call on members to vote no": the writer's own call on
# others to act, what a letter or a brief is written for.
_CALL_ON = re.compile(
    r"^(?:(?:and|so|finally|therefore),? )?(?:i|we) (?:\w+ly |therefore |also |again )?(?:would )?"
    r"(?:ask|urge|call on|call upon|implore|beg|appeal to|invite|press) (?:[\w\-]+ ){1,4}?to \w+|"
    # "We recommend that Cabinet adopt Option B": a report's verdict, a call on the body it names
    r"^(?:(?:and|so|finally|therefore),? )?(?:i|we) (?:\w+ly |therefore |also |again )?(?:would )?"
    r"(?:recommend|propose|advise|urge|request) that (?:the |every |each |all )?[\w\-]+ (?:[\w\-]+ )?\w+",
    re.IGNORECASE,
)


def calls_on_others(sentence: str) -> bool:
    """Whether the writer calls on someone named to act ("We ask the council to withdraw the sale").

    A numbered proposal is one too ("Second, that the Company be required to keep a standpipe").
    """
    return bool(_CALL_ON.match(sentence.strip())) or proposal(sentence)


def proposal(sentence: str) -> bool:
    """A numbered proposal of the speaker's: "First, that the chains be taken off every pump…"."""
    return bool(PROPOSAL.match(sentence.strip()))


_DEFINITION = re.compile(r"\bshall (?:mean|include|refer)\b|\bis defined as\b|\bmeans any\b", re.IGNORECASE)


# "You will find forty children who…": a scene described to the listener, not a forecast.
# How a work is laid out, as a review describes it: "The Quiet Commons begins in a railway carriage …",
# "The book opens with …", "Her third chapter ends …": a description of the book, nobody's position
_LAYOUT = re.compile(
    r"^(?:(?i:(?:the|its|her|his|their|this)\s+(?:\w+\s+)?(?:book|novel|study|report|volume|chapter|essay|"
    r"film|memoir|history|account|collection|biography))|(?:[A-Z][\w'’:\-]*\s+){2,6}?)\s*"
    r"(?:begins|opens|ends|closes|starts|concludes|is divided|consists|runs to|is set)\b",
)
_SCENE = re.compile(
    r"^(?:\w+,\s+)?(?:here |there )?you (?:will|would|can|could|may|might) "
    r"(?:find|see|meet|hear|notice|observe)\b(?!,? that\b)",
    re.IGNORECASE,
)


_ON_THIS_VIEW = re.compile(
    r"\b(?:on|in|by) (?:this|that|their|his|her|its|such an?) "
    r"(?:view|account|reasoning|logic|telling|theory)\b",
    re.IGNORECASE,
)


_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
# What will happen and when: "The Chamber will vote on the 20th whether…", "next month the board will
# decide whether…", "The Trust will present this brief to the committee on 14 January": an event
# announced, not a position.
_EVENT = re.compile(
    r"\b(?:will|shall|is to|are to|is due to|are due to|is set to|are set to)\s+(?:\w+ly\s+)?"
    r"(?:decide|vote|rule|consider|debate|meet|hear|choose|sit|discuss|announce|present|hold|open|publish|"
    r"review|report)\b[^.;]{0,80}?(?:\bwhether\b|\bon (?:the )?\d|\bon " + _WEEKDAY + r"\b|"
    r"\b(?:next|this) (?:week|month|year|term|session|" + _WEEKDAY + r")\b|\bin (?:january|february|march|"
    r"april|may|june|july|august|september|october|november|december)\b)",
    re.IGNORECASE,
)
# ... or with its time first: "Next month the council's transport committee will vote on a motion…"
_EVENT_AHEAD = re.compile(
    r"\b(?:next|this|on|in|by) (?:week|month|year|term|session|spring|summer|autumn|winter|" + _WEEKDAY + r"|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\b[^.;]{0,80}?"
    r"\b(?:will|shall|is to|are to|is due to|are due to)\s+(?:\w+ly\s+)?"
    r"(?:decide|vote|rule|consider|debate|meet|hear|choose|sit|discuss|announce|present|hold|publish|review|report)\b",
    re.IGNORECASE,
)
# A book's or a show's imprint: "The Kitchen Table Problem … is published by Harrow & Finch"
_IMPRINT = re.compile(
    r"\b(?:is|are|was|were) (?:published|broadcast|produced|edited|printed|distributed|sponsored|recorded|"
    r"available)\s+(?:by|from|at|on|in|as)\s+(?:[A-Z]|the (?:[A-Z]|\w+ (?:press|website|app)))",
)
# What the writer grants: "The Council recognises that a library is more than a place to borrow books",
# "We accept that the scheme has costs" (a concession, never the writer's case)
_CONCEDED = re.compile(
    r"^(?:but |and |of course,? )?(?:we|i|the [\w\-]+(?: [\w\-]+){0,3}) (?:fully |readily |freely )?"
    r"(?:recogni[sz]es?|acknowledges?|accepts?|appreciates?|concedes?|grants?) that\b",
    re.IGNORECASE,
)
# A place described: "There is space for proper seating, so that older visitors can sit down…"
_THERE_IS_ROOM = re.compile(
    r"^(?:but |and )?there (?:is|are) (?:also )?(?:space|room|plenty of (?:space|room)|enough (?:space|room)|"
    r"parking)\b(?![^.;]*\b(?:should|must|ought|better|worse)\b)",
    re.IGNORECASE,
)
# What the writer says of an argument as an argument: "It is a powerful slogan, and it deserves a
# straight answer rather than a shrug"
# The writer's scoping of their own case: "We do not claim that price does not matter to young people",
# "I am not saying that …": what the case is not, nobody's position
_DISCLAIMER = re.compile(
    r"^\W*(?:(?:but|and|so|to be clear|again|note that|of course),?\s+)?(?:i|we)\s+"
    r"(?:do|did|am|are|would|will)\s*(?:not|n['’]t)\s+(?:\w+ly\s+)?(?:claim|claiming|say|saying|suggest|suggesting|argue|arguing|"
    r"mean|pretend|pretending|propose|proposing|contend|contending)\b",
    re.IGNORECASE,
)
# A question someone asked, reported: "Several people have asked whether the fridge will have to move"
_ASKED = re.compile(
    r"(?<!\bnobody )(?<!\bno one )(?<!\bnever )(?<!\bnot )(?<!\bnobody has )(?<!\bno one has )"
    r"(?<!\bhas never )(?<!\bhave never )(?<!\bhas not )(?<!\bhave not )"
    r"\b(?:asked|wondered|enquired|inquired|queried)\s+(?:me\s+|us\s+|him\s+|her\s+)?"
    r"(?:whether|if|why|how|what|when|where)\b",
    re.IGNORECASE,
)
_OF_THE_DEBATE = re.compile(
    r"(?:^|[,;]\s+(?:and |but )?)(?:it|this|the (?:objection|argument|claim|question|point|case|charge|"
    r"complaint)) deserves? "
    r"(?:a |an )?(?:\w+ )?(?:answer|reply|hearing|response|rebuttal)\b|"
    r"\b(?:is|was|makes?) (?:a |an )?(?:\w+ )?(?:slogan|soundbite|sound-bite|talking point)\b",
    re.IGNORECASE,
)
# What a named other said, told as a fact: "The council's own safety officer has said that the square…",
# "Mr Dray confirmed that removal … would be written into the lease": whether they said it is no debate
_TOLD = re.compile(
    r"^(?:but |and |so )?(?!(?:i|we|you|it|this|that|there)\b)(?:[\w'’\-]+ ){1,6}?"
    r"(?:(?:has|have|had) said|(?:has |have |had )?(?:confirmed|stated|announced|reported|"
    r"told (?:us|me|the \w+)|explained|promised|assured \w+|pointed out|noted|informed \w+))"
    r"(?: \w+ly)? that\b",
    re.IGNORECASE,
)
# When and where, the logistics of a plan: "We meet in the Corn Exchange on the first Monday", "at
# eight o'clock", "at 6.30 pm", "on the first Monday of each month".
_WHEN = re.compile(
    r"\bat (?:\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|(?:one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|\d{1,2}) o['’]clock)|\bon (?:the (?:(?:first|second|third|fourth|last) )?)?"
    + _WEEKDAY
    + r"\b(?: (?:the )?\d{1,2}(?:st|nd|rd|th)?)?|\b(?:every|each) (?:"
    + _WEEKDAY
    + r")\b",
    re.IGNORECASE,
)
_POSITION = re.compile(
    r"\b(?:should|must|ought|need to|needs to|better|worse|fair|unfair)\b|"
    r"\b(?:is|are|was|were|be)\s+(?:\w+\s+)?(?:wrong|right|mistaken)\b",
    re.IGNORECASE,
)
# A proportion of a group, told as what happens: "Half the complaints … come from the last hour",
# "Two in three tenants pay more": a figure, not a position.
_SHARE = re.compile(
    r"^(?:(?:but|and|yet|so),?\s+)?(?:half|a third|a quarter|two thirds|three quarters|most|nine tenths|"
    r"\d+(?:\.\d+)? ?(?:per ?cent|%)|(?:one|two|three|four|five|six|seven|eight|nine|\d+) (?:in|out of) "
    r"(?:\w+|\d+))\s+(?:of\s+)?(?:the|our|these|those|its|their|all)\b",
    re.IGNORECASE,
)
SCHEDULE_PENALTY = 4.0  # an event announced, a plan's time and place: nothing to argue
# Another party's price or offer, told as a fact: "The Company asks one hundred and forty thousand pounds
# for its lines", "Management offers a premium of £4.50 a week", "The seller wants £90,000 for the site".
_MONEY = (
    r"(?:£\s?\d[\d,.]*|\$\s?\d[\d,.]*|\d[\d,.]* (?:pounds|dollars|euros|guineas|shillings)|"
    r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|a hundred|\w+ hundred)[\s\-](?:and[\s\-])?)+(?:\w+[\s\-])?(?:thousand |million |hundred )?"
    r"(?:pounds|dollars|guineas|shillings))"
)
_PRICE = re.compile(
    r"^(?:(?:but|and|now|yet),?\s+)?(?!(?:i|we|you)\b)(?:the |our |this |a |its |their )?[\w'’\- ]{2,40}? "
    r"(?:asks?|is asking|wants?|demands?|offers?|is offering|has offered|charges?|quotes?|has quoted|"
    r"puts? (?:its|the|their) price at) (?:(?:us|the \w+|a premium of|a price of|a sum of|only|just|some|"
    r"about|nearly|over|under) )*" + _MONEY,
    re.IGNORECASE,
)

_NUMBER_WORD = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|a hundred|hundreds of|a thousand|a million|a dozen|half an?|"
    r"twice the|\d[\d,.]*)"
    r"(?:[\s\-](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million))*"
)
# A scene at a time of day: "The chapels stand empty by four o'clock", "At half past seven on a weekday
# morning the boat is full of nurses", "The trams are full by ten minutes past": what one sees, no position.
_HOUR = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_SCENE_TIME = re.compile(
    r"\b(?:at|by|before|after|until|till|from) (?:(?:half past|a quarter (?:past|to)|(?:five|ten|twenty) "
    r"(?:minutes )?(?:past|to)) " + _HOUR + r"|" + _HOUR + r" o['’]clock|noon|midnight|\d{1,2}[.:]\d\d)\b|"
    r"\b(?:at|by) (?:ten|five|twenty) minutes past\b|"
    r"\bon an? (?:weekday|" + _WEEKDAY + r"|market day|working day)(?: (?:morning|afternoon|"
    r"evening|night))?\b|\b(?:every|each) (?:morning|evening|night|afternoon)\b",
    re.IGNORECASE,
)
# A measure told as a fact: "The journey takes three hours each way", "The road round the estuary is
# forty miles", "the boat carries ninety passengers", "a seat in the stand is sixpence".
_MEASURE = re.compile(
    r"\b(?:takes?|took|costs?|cost|is|are|was|were|has|have|had|carries|carry|carried|holds?|held|seats?|lasts?|"
    r"runs? to|exceeds?|"
    r"numbers?|totals?|loses?|lost|saves?|saved)\s+(?:about |nearly |almost |over |under |only |just |some |"
    r"perhaps |more than |less than |fewer than |barely |roughly |around )?(?:£\s?\d[\d,.]*|\$\s?\d[\d,.]*|"
    + _NUMBER_WORD
    + r"\s+(?:and (?:a half|\w+) )?(?:minutes?|hours?|days?|weeks?|months?|years?|miles?|yards?|feet|foot|"
    r"metres?|meters?|kilomet(?:re|er)s?|km|pounds?|shillings?|pence|pennies|passengers?|people|seats?|"
    r"pupils?|children|members?|visitors?|beds?|cars?|buses|trains?|bicycles?|per ?cent|thousand|million)|"
    r"a penny|a halfpenny|a farthing|sixpence|threepence|twopence|a shilling|a guinea)\b",
    re.IGNORECASE,
)
# What makes a scene or a figure a position after all: a judgement, a cause, a contrast of value.
# ("only", "must" and "cannot" hold up a fact without judging it: "the bus must go round by Coleford",
# "some stones only need wetting", "the charge cannot exceed a penny in the pound")
_JUDGED = re.compile(
    r"\b(?:too|enough|worth|worse|better|cheaper|dearer|more|less|fewer|because|so that|lead to|"
    r"leads to|cause[sd]?|never|nobody|no one|nothing|not|won't|should|ought|need)\b",
    re.IGNORECASE,
)
# A figure of any kind: "40 minutes", "eighty thousand pounds", "three times the guideline", "forty of them"
_COUNT = (
    r"(?:\d[\d,.]*|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|a hundred|\w+ hundred|a thousand|\w+ thousand|a million|a dozen)"
    r"(?:[\s\-](?:and[\s\-])?(?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million))*)"
)
_FIGURE = re.compile(
    r"[£$€]\s?\d|\d+(?:\.\d+)?\s?%|"
    rf"\b{_COUNT}\s+(?:times\b|per ?cent\b|(?:of them|of us)\b|(?:\w+\s)?(?:minutes?|hours?|days?|weeks?|"
    r"months?|years?|miles?|metres?|meters?|kilomet(?:re|er)s?|pounds|dollars|euros|shillings|pence|guineas|"
    r"tonnes?|tons?|acres?|hectares?|homes|houses|households|jobs|pupils|teachers|members|staff|volunteers)\b)",
    re.IGNORECASE,
)
# What a figure's sentence may judge with beyond the words of _JUDGED: "an insult rather than a courtesy"
_WEIGHED = re.compile(
    r"\b(?:rather than|instead of|cannot|can't|no use|little|much|only|too|enough|insult|fair|unfair|has to|"
    r"have to|right|wrong|mistake|waste|worth|matters?|deserves?)\b",
    re.IGNORECASE,
)
# "If nobody is late and nobody loses one, you will get your turn in about sixteen months": the condition
# says what is assumed, the main clause what follows; only the main clause judges
_LEADING_IF = re.compile(r"^(?:(?:but|and|so),?\s+)?(?:if|when|unless|once)\b[^,;:]{3,120},\s+", _I)
# A position that a figure or a scene may carry ("must" there tells a necessity, not what ought to be)
_VALUED = re.compile(
    r"\b(?:should|ought|need to|needs to|better|worse|fair|unfair)\b|^(?:[\w,]+ )?(?:we|i|you|they) must\b|"
    r"\b(?:council|board|committee|government|authority|town|city|state|country|nation|parliament)s? must\b|"
    r"\b(?:is|are|was|were|be)\s+(?:\w+\s+)?(?:wrong|right|mistaken)\b",
    re.IGNORECASE,
)


# "I rise to move that the Museum be opened on Sunday afternoons", "We propose that…": the speaker's motion
_MOTION = re.compile(
    r"\b(?:i|we) (?:\w+ly |therefore |now )?(?:(?:rise to|beg to) )?(?:move|propose|recommend|advise|urge) "
    r"that\b",
    re.IGNORECASE,
)


# A house rule: what members may, can or must do ("Hoses may be used only to fill cans", "plot holders may
# bring guests", "You do not need to register"), what is allowed or not; "should" is a rule when it tells
# the reader or the members what to do ("Visitors should keep to the path"), not in "It is uncomfortable,
# and it should be"
_RULE = re.compile(
    r"\b(?:may|can|cannot|can't|must|mustn't|need|needs|needn't)\b|"
    r"\b(?:you|members?|visitors?|users?|borrowers?|holders?|everyone|anyone|students?|pupils?|parents?|"
    r"guests?|applicants?|participants?|volunteers?|staff|dogs|children|families|households|walkers|"
    r"readers|customers|residents)\b[^.;]{0,40}\bshould\b|\bplease\b|"
    r"\b(?:allowed|permitted|forbidden|welcome to|required to|expected to|asked to)\b",
    re.IGNORECASE,
)
# What judges, in an information page: "saves", "fewer", "better", "fair", "a waste" (a word of its own:
# "best-effort" is a term of the service)
_VALUE = re.compile(
    r"(?<![\w\-])(?:better|worse|best|worst|fairer|fair|unfair|wrong|worth (?:it|the|doing|having|keeping|"
    r"more|less)|not worth|waste|wasted|saves?|cheaper|dearer|matters?|mistake|good|bad|harm|harms|"
    r"fewer(?! than (?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)|"  # (not "fewer than 5")
    r"deserves?|ought|should be|uncomfortable|shameful|wonderful)(?![\w\-])",
    re.IGNORECASE,
)
# The writer's own view, said as one: "My view is the opposite", "I am not persuaded", "We believe it is
# fairer…", "We do not accept that argument", "We think a history of one commit…"
_STANCE = re.compile(
    r"\b(?:my|our) (?:own )?(?:view|opinion|belief|position|judge?ment)\b|\bin (?:my|our) (?:view|opinion|"
    r"experience|judge?ment)\b|\b(?:i|we) (?:\w+ly )?(?:think|believe|suspect|doubt|prefer|consider|hold|"
    r"do not accept|don['’]t accept|am not persuaded|are not persuaded|am persuaded|would argue|argue)\b",
    re.IGNORECASE,
)


# A house rule in any text: what is permitted or forbidden, and where ("Fins may be used in the fast lane
# only", "Dogs are not allowed in the reading room", "Judges are to hold their offices during good
# behaviour", "Please shower before you swim"): an arrangement, nobody's position ("must" is left alone:
# "The lease must be ended" is a demand)
_HOUSE_RULE = re.compile(
    r"(?<!\bnot )(?<!\bto )(?<!\bwill )(?<!\bwould )(?<!\bcan )(?<!\bmay )"
    r"\bplease\b(?! (?:everybody|everyone|all))|"
    r"\b(?:is|are|be)\s+(?:not\s+|only\s+|also\s+)?(?:allowed|permitted|forbidden|prohibited)\s+"
    r"(?:to\s+\w+\s+)?(?:in|on|at|inside|outside|only|during|after|before|from|with|without)\b|"
    r"\b(?:may|can)\s+(?:only\s+|also\s+)?be\s+(?:\w+ed|\w+en|kept|worn|brought|left|paid|made|sold|held|"
    r"booked|used|taken|played|parked)\b[^.;:]{0,60}\bonly\b|"
    r"\b(?:may|can)\s+only\s+be\s+\w+(?:ed|en)\b|"
    r"\b(?:may|can)\s+(?:bring|take|borrow|book|have|use|park)\s+(?:no|not) more than\b|"
    r"\b(?:is|are)\s+to\s+(?:hold|be held|run|meet|be paid|pay|be kept|serve|be appointed|be elected)\b",
    re.IGNORECASE,
)
_RULE_JUDGED = re.compile(
    r"\b(?:should|ought|better|worse|best|worst|fair|unfair|wrong|right|mistake|shame\w*|absurd|"
    r"nonsense|deserve\w*|must|too)\b",
    re.IGNORECASE,
)


def house_rule(sentence: str) -> bool:
    """Whether a sentence states a house rule (a permission, a prohibition, a request) without judging it.

    "Fins may be used in the fast lane only", "Dogs are not allowed in the reading room", "Please shower
    before you swim": whoever writes them, nobody's position; "Dogs are not allowed on the green, which is
    unfair" judges the rule and may be one.
    """
    judged = _RULE_JUDGED.search(sentence) or _STANCE.search(sentence)
    return bool(_HOUSE_RULE.search(sentence)) and not judged


def house_fact(sentence: str) -> bool:
    """Whether a sentence of an information page (a handbook, an FAQ, minutes) only tells how things are.

    A rule ("Hoses may be used only to fill cans"), a procedure ("Every item that goes in is written in
    the logbook") or a description ("The fridge is a public fridge and pantry…") is nobody's position;
    a sentence that judges ("every loan is one fewer tool bought and one fewer thrown away") may be.
    """
    if _STANCE.search(sentence):
        return False  # "My view is the opposite: the pan and the pump are here so that you will ask…"
    return bool(_RULE.search(sentence)) or not _VALUE.search(sentence)


def report_penalty(sentence: str) -> float:
    """How much a sentence reports rather than argues, in rank points (0 when it argues)."""
    if _MOTION.search(sentence):
        return 0.0  # a motion is the speaker's position, whatever its dates and times
    if _DEFINITION.search(sentence) or _IMPRINT.search(sentence):
        return 6.0
    if _SCENE.search(sentence) or _LAYOUT.search(sentence):
        return 4.0
    # a finding is no claim; the conclusion a colon draws from it is ("…, but they agree on this: X")
    finding = _FINDING.search(sentence.rsplit(": ", 1)[0]) and not (
        ": " in sentence and not _FINDING.search(sentence.rsplit(": ", 1)[1])
    )
    judged = re.search(r"\b(?:should|ought|fair|unfair|better|worse)\b", sentence, _I)
    offered = _PRICE.search(sentence) or (_TERMS.search(sentence) and not judged)
    penalty = FINDING_PENALTY if finding or _PLAN.search(sentence) or offered else 0.0
    # (what is voted on is no position: "…will vote on whether to keep the rule that every flat must…")
    asked = re.split(r"\bwhether\b", sentence, maxsplit=1)[0]
    position = _POSITION.search(asked) or calls_on_others(sentence)
    if _TOLD.search(sentence):
        penalty = max(penalty, FINDING_PENALTY)
    if not position and (_EVENT.search(sentence) or _EVENT_AHEAD.search(sentence) or _WHEN.search(sentence)):
        penalty += SCHEDULE_PENALTY  # "We shall hold a meeting … on Monday the 18th at eight o'clock"
    elif not position and _SHARE.search(sentence):
        penalty = max(penalty, FINDING_PENALTY)  # "Half the complaints … come from the last hour"
    elif (
        not _VALUED.search(sentence)
        and not calls_on_others(sentence)
        and not _JUDGED.search(_LEADING_IF.sub("", sentence, count=1))
        and (
            _SCENE_TIME.search(sentence)
            or _MEASURE.search(sentence)
            or (_FIGURE.search(sentence) and not _WEIGHED.search(sentence) and not imperative(sentence))
        )
    ):
        penalty = max(
            penalty, FINDING_PENALTY
        )  # "The chapels stand empty by four o'clock", "It takes three hours", "needs £80,000 of lead"
    if _CONCEDED.search(sentence) or _THERE_IS_ROOM.search(sentence):
        penalty = max(penalty, FINDING_PENALTY)  # "The Council recognises that…", "There is space for…"
    if _DISCLAIMER.search(sentence) or _ASKED.search(sentence):
        return 6.0
    if _OF_THE_DEBATE.search(sentence):
        penalty += (
            4.0  # "It is a powerful slogan, and it deserves a straight answer": about the debate itself
        )
    if _ON_THIS_VIEW.search(sentence):
        penalty += 4.0  # "Cutting them would, on this view, serve more people": a view set out for others
    if _EXPERIENCE.search(sentence) or _PRACTICE.search(sentence) or _OFFER.search(sentence):
        penalty += EXPERIENCE_PENALTY  # "And we started stacking changes…", "I drove the 14 line…"
    if (_PAST.search(sentence) or re.search(r"\b\w{3,}ed\b", sentence)) and not _PRESENT.search(sentence):
        penalty += 2.0  # "A change to how we priced an order touched four services": narration
    return penalty


# A standard's rule, in its key words: "A relay MUST NOT delay messages", "Implementations SHOULD offer…",
# "A node MAY include…" (not "should be a SHOULD rather than a MUST": the words named, in a view of them)
_SPEC_RULE = re.compile(
    r"(?<!\ba )(?<!\ban )(?<!\bthe )\b(?:MUST|SHALL|SHOULD|MAY|REQUIRED|RECOMMENDED)(?: NOT)?\s+(?:\w+ly\s+)?"
    r"(?:be\s+)?[a-z]{2,}\b"
)
# An arrangement told to the reader: "Essay questions will be released on the course page in Week 4",
# "you will be asked to meet the convenor", "Data will be made available on publication", "Postal voting
# will open on 1 November"
_ARRANGED = re.compile(
    r"\b(?:will|shall|is to|are to)\s+(?:\w+ly\s+|also\s+|then\s+|still\s+|only\s+)?be\s+(?:\w+ly\s+)?"
    r"(?:released|published|posted|announced|sent|e-?mailed|issued|made available|circulated|notified|told|"
    r"asked to|invited to|given (?:feedback|your|their|a copy)|allocated|assigned|supervised|refunded|"
    r"available (?:on|at|from|in|to)|held (?:on|at|in)\b|"
    # what the plan does with a thing, and for whom: "Every pledge will be returned in full by Crowdpatch",
    # "A review will be reported to Senate in autumn 2028", "tea will be served", "will be exempt"
    r"(?:served|exempt(?:ed)?|returned in full|reported to|printed on|shipped (?:in|from|to|by)|"
    r"paid (?:in|into|to|by|monthly|weekly|annually)|reviewed (?:in|after|every|by|at)))\b|"
    # a thing done by a date: "No marking deadline will be set before 12 January", "will be decided by May"
    r"\b(?:will|shall)\s+(?:not\s+)?be\s+(?:[a-z]+(?:ed|en)|set|put|cut|held|run|made|taken|given)\s+"
    r"(?:before|by|on|from|until|after)\s+"
    r"(?:\d|(?:the )?(?:\w+ )?(?:" + _WEEKDAY + r"|week|term|january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b)|"
    r"\b(?:will|shall)\s+(?:open|close|start|begin|take place|run|leave|arrive|return|reopen|meet|sit|"
    r"launch|finish|end)\s+"
    r"(?:on|at|from|in|by|until)\s+(?:\d|(?:the )?(?:\w+ )?(?:" + _WEEKDAY + r"|week|january|february|march|"
    r"april|may|june|july|august|september|october|november|december)\b)",
    re.IGNORECASE,
)
# A procedure: how a request is made or a thing handed in ("Extensions must be requested through the
# Student Hub before the deadline"), a request of the reader ("please let the convenor know", "please
# return them at Stop 3")
_PROCEDURE = re.compile(
    r"\b(?:must|should|may|can|are to|is to)\s+(?:only\s+|also\s+)?be\s+(?:requested|submitted|handed in|"
    r"returned|booked|e-?mailed|posted|uploaded|signed|completed|claimed|collected|reported|sent|paid)\s+"
    r"(?:through|via|by|to|at|on|online|in person|before|within|no later)\b|"
    r"\bplease\s+(?:do not\s+|don['’]t\s+)?(?:let|tell|contact|return|bring|leave|note|come|call|e-?mail|"
    r"write|send|see|ask|check|speak|talk|keep|use|wait|switch|turn|remember|book|register|arrive|report|read|"
    r"collect|follow)\b|"
    # what may not be done: "Map Room visits cannot be rescheduled individually"
    r"\b(?:cannot|can['’]t|can not|may not|will not|won['’]t)\s+be\s+(?:rescheduled|refunded|transferred|"
    r"exchanged|reserved|booked|carried over|deferred)\b",
    re.IGNORECASE,
)
# What the text itself does: "This document specifies how relays must treat…", "This course asks who made
# them", "This page explains what is changing" (its business with the reader, nobody's position)
_THIS_TEXT = re.compile(
    r"^(?:\w+,\s+)?(?:this|the present|the following) (?:document|memo|memorandum|report|paper|section|"
    r"chapter|specification|guide|page|leaflet|letter|course|module|syllabus|handbook|notice|proposal|"
    r"extension|appendix|note|draft|rfc|faq)\s+(?:\w+ly\s+)?(?:specifies|defines|describes|sets out|"
    r"explains|proposes|updates|covers|summari[sz]es|lists|gives|asks|introduces|outlines|presents|"
    r"examines|considers|reports|contains|is (?:about|for|intended))\b|"
    r"^it (?:specifies|defines|sets out|outlines|summari[sz]es|lists)\b",
    re.IGNORECASE,
)
# Where the listener stands, or where to go next, told by a guide: "You are standing at the door of the
# boiling house", "Go out through the side door into the yard", "Look down through the glass panel"
_WHERE = re.compile(
    r"^(?:\w+,\s+)?(?:now\s+)?you (?:are|'re) (?:now )?(?:standing|sitting|looking|facing|walking)\b|"
    r"\b(?:in front of you|to your (?:left|right)|at your feet|above your head|behind you)\b|"
    r"^(?:(?:now|then|next|from here|from there),?\s+)?(?:go|step|walk|turn|cross|bear|follow|continue|climb|"
    r"head|pass|enter|leave|look|return)\s+(?:\w+\s+)?(?:through|into|to|along|past|across|up|down|over|"
    r"out|left|right|back|inside|around|round|towards?|at)\b",
    re.IGNORECASE,
)
# What the writer's office did or could not do, in a report: "We have not investigated Mrs N's fall…",
# "We have not been able to confirm the other three occasions"
_OUR_STEPS = re.compile(
    r"^(?:\w+,\s+)?(?:i|we) (?:have|had) (?:not|also|then|now|already)?\s*(?:been able to \w+|investigated|"
    r"considered|spoken|spoke|made enquiries|asked|reviewed|examined|looked at|received|visited|interviewed|"
    r"read|seen)\b|"
    # a study's method: "We used bait traps rather than light traps", "We sampled 24 streets"
    r"^(?:\w+,\s+)?we (?:then |also |first )?(?:used(?! to\b)|sampled|measured|recorded|counted|trapped|"
    r"surveyed|analysed|analyzed|fitted|excluded|selected|obtained|estimated|modelled|modeled|coded|"
    r"interviewed|recruited|randomi[sz]ed|matched|weighted)\b",
    re.IGNORECASE,
)


# A rule reported: "The law already says that schools must keep the cost of uniform reasonable",
# "The rules require every entrant to…" (what a rule says is no one's position to debate)
_RULE_SAYS = re.compile(
    r"^(?:(?:but|and|now|yet),?\s+)?(?:the|our|its|their|these|this)\s+(?:[\w\-]+\s+)?(?:law|laws|rules?|"
    r"regulations?|guidance|code|constitution|act|statute|bye-?laws?|by-?laws?|policy|contract|lease|licen[cs]e|"
    r"terms|standard|specification)\s+(?:\w+ly\s+|already\s+|also\s+|now\s+|still\s+)?(?:says?|states?|"
    r"requires?|provides?|stipulates?|forbids?|prohibits?|allows?|permits?)\b",
    re.IGNORECASE,
)


_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# What those the text governs must do, and by when: "Every pupil must return the consent form by 4
# December", "Entrants must register before noon on Friday" (a demand on a council or a government with a
# date is a position: the subject here is the reader or a class the text speaks to)
_DEADLINE = re.compile(
    r"^(?:(?:every|each|all|any)\s+(?!(?:council|school|government|authority|trust|board|company|firm|department|"
    r"hospital|university|college|employer|landlord|operator|bank|city|town|state|country|nation|business)s?\b)"
    r"[\w\-]+|you|pupils|students|members|applicants|entrants|contributors|parents|"
    r"participants|visitors|candidates|tenants|players|competitors|volunteers|delegates|authors|reviewers)\b"
    r"[^.;:]{0,60}?\b(?:must|should|need to|needs to|(?:is|are) (?:required|asked|expected) to)\s+"
    r"(?:\w+\s+){1,10}?(?:by|before|no later than|on or before)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+"
    + _MONTHS
    + r"|"
    + _MONTHS
    + r"\s+\d{1,2}\b|"
    + _WEEKDAY
    + r"|noon|midday|midnight|\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm)|"
    r"the (?:deadline|end of (?:the )?(?:day|week|month|term)))",
    re.IGNORECASE,
)


# How a meeting or a body does its business: "Under standing orders the amendment will be debated and
# voted on first", "You must attend, in person or online, to vote", "The Company will provide the names …
# upon receiving an oral or written request" (the order of business is nobody's position)
_BUSINESS = re.compile(
    r"\b(?:under|in accordance with|as required by)\s+(?:the\s+|our\s+)?(?:standing orders|rule \d+|"
    r"(?:branch |club |society )?rules|constitution|articles)\b|"
    r"\bwill be (?:debated|voted on|put to (?:the|a) vote|moved|seconded|taken (?:first|as read))\b|"
    r"\b(?:will|may|can|must)\s+vote\s+(?:by|using|through|via|online|in person|by show of hands)\b|"
    r"\b(?:must|need to|have to|has to)\s+(?:attend|be present|register)\b[^.;]{0,40}?\bto vote\b|"
    r"\b(?:upon|on)\s+(?:receiving\s+|receipt of\s+)?(?:an?\s+)?(?:oral or written\s+|written\s+)?request\b|"
    # whom to ask: "If you are not sure whether your subs are paid, ask the Membership Officer …"
    r"^if you\b[^,;]{0,100},\s*(?:please\s+)?(?:ask\s+(?!(?:why|what|whether|how|who|if|yourself)\b)|"
    r"(?:contact|speak to|talk to|e-?mail|call|phone|ring|tell|see|check with|write to|let)\b)",
    re.IGNORECASE,
)


def told(sentence: str) -> bool:
    """Whether a sentence tells a rule, a procedure or an arrangement rather than taking a position.

    A standard's key words ("A relay MUST NOT delay…"), what will be done and when ("Essay questions
    will be released on the course page in Week 4"), how a thing is asked for or handed in
    ("Extensions must be requested through the Student Hub"), the reader's next step or place in a
    guide ("Go out through the side door") and what an office did in its inquiry ("We have not
    investigated Mrs N's fall…") are nobody's position; "Schools should allow any plain blazer" is one.
    """
    text = " ".join(sentence.split())
    return bool(
        _SPEC_RULE.search(text)
        or _ARRANGED.search(text)
        or _PROCEDURE.search(text)
        or _WHERE.search(text)
        or _OUR_STEPS.search(text)
        or _THIS_TEXT.search(text)
        or _RULE_SAYS.search(text)
        or _DEADLINE.search(text)
        or _BUSINESS.search(text)
        or re.match(r"^(?:and\s+)?welcome(?: back)? to\b", text, re.IGNORECASE)  # a greeting
    )
