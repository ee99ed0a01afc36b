"""Whether the passage found gives what the question asks for, beyond sharing its subject.

A near-topic question the reading does not answer scores like an answer, because it
shares the reading's words ("How much does a bus ticket cost in the city?" on an op-ed
about car-free centres). Some questions say what kind of answer they want (a :class:`Need`,
read by :func:`need_of`), and a sentence of the passage found must give it, *about the
thing asked*:

- a count ("how many seats …?"): a figure followed by what is counted ("48 plots", "one in
  five households", "61 of them"), not any figure anywhere; a figure the question states
  itself ("the 14 line") is no answer; "how many people …" is counted by the words before
  "people" ("enslaved people"), or by any figure;
- a price or sum ("how much does a permit cost?", "the average rent"): a sum of money in a
  sentence naming what is priced;
- a holder of a role or the doer of a deed ("who is the mayor?", "who founded / designed /
  owns X?"): a name the question does not give, in a sentence that names the role or deed;
- a time ("when will X start?", "what time", "in what year"): a date, a year, a time of
  day or a span in a sentence that speaks of X (the sentence shown may say "when …");
- a decision ("what did the council decide?", "did the committee accept the petition?", "how
  did the councillors vote?"): a sentence shown (or the one after it) that reports one made
  ("The motion was carried", "the board agreed"), not a call for one ("I ask the council to …");
- the first of a kind ("which books are the most popular?", "what's the best steel for a
  knife?"): a sentence shown (or the one after it) that singles one out ("the most", "the
  real obstacle", "nearly always", "above all"), not one that only speaks of the kind;
- the course of an event ("how did the war end?", "how did the revolution begin?", "what
  caused the civil war?"): a sentence shown (or the one after it) that tells its end, its
  beginning or its cause, not one that only names the event;
- a time the question states ("what happened in Crimea in 2014?", "how were jails in the 1840s
  funded?", unless it is the document's own date): a sentence shown (or the one after it) of
  that year or decade;
- one of a kind of thing that goes by proper names ("which countries …?", "in which town
  …?", "which American president …?"): a name the question does not give, in a sentence
  shown or one with every content word of the question.

Other quantity questions ("how long", "what percentage") keep the looser check: a figure
in a sentence shown. If the passage gives none, the reading does not cover the question,
however close its subject; measured on every labelled set (README, "not in the reading").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.core.text.words import STOPWORDS, content_terms

# "how long should a school day be?", "what percentage of …", "what is the price of …"
_ASKS_QUANTITY = re.compile(
    r"\bhow (?:many|much|long|big|large|often|old|tall|high|expensive|deep|wide|heavy)\b|\bnumber of\b|"
    r"\bwhat (?:percentage|proportion|fraction|share)\b|"
    r"\bwhat (?:is|was|are|were) the (?:cost|price|rate|fee|amount|size|salary)\b",
    re.IGNORECASE,
)
# a figure's first digit, never one inside a code or a name ("HCF-20", "B4190", "2-in-1"'s "1")
_DIGIT = r"(?<![\w-])\d"
_GIVES_QUANTITY = re.compile(
    _DIGIT + r"|[£$€%]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|several|half|"
    r"halves|quarters?|thirds?|percent|per cent|majority|minority|once|twice|most|few|many|"
    r"all|none)\b",
    re.IGNORECASE,
)


def asks_quantity(question: str) -> bool:
    """Whether `question` asks for a quantity (a number, an amount, a length of time …)."""
    return bool(_ASKS_QUANTITY.search(question))


def asks_count(question: str) -> bool:
    """Whether `question` asks how many of something there are ("how many plots …?")."""
    return bool(_HOW_MANY.search(question))


def counts_in(sentence: str) -> bool:
    """Whether `sentence` gives a figure that counts something, not a span or a sum ("three tools")."""
    sentence = _PRONOUN_ONE.sub(" ", sentence)
    return any(not _MEASURES.match(sentence[m.end() :]) for m in _FIGURE.finditer(sentence))


def asks_decision(question: str) -> bool:
    """Whether `question` asks what a body decided ("what did the council decide in the end?")."""
    return bool(_DECISION_ASKED.search(question))


def asks_superlative(question: str) -> bool:
    """Whether `question` asks which of a kind comes first ("which books are the most popular?")."""
    match = _SUPERLATIVE_ASKED.search(question)
    return bool(match) and (match.group("est") or "").lower() not in _NOT_SUPERLATIVE


def gives_quantity(sentence: str, question: str = "") -> bool:
    """Whether `sentence` states a quantity in any form a quantity question could be answered by.

    "One" standing for a thing ("the usual reply, and one we made ourselves", "no one") is none.
    A `question` that asks "how often …?" wants a frequency ("every two or three months",
    "twice a day"), and one that asks "how long …?" a span of time or a length ("four weeks",
    "6.4 kilometres", "until the end of term", "for the life of the farm"): a figure that
    measures something else ("a fee of £5", "models HCF-20 and HCF-22") does not answer them.
    """
    sentence = _PRONOUN_ONE.sub(" ", sentence)
    if _HOW_OFTEN.search(question):
        return bool(_FREQUENCY.search(sentence))
    if _HOW_LONG.search(question):
        return bool(_SPAN_GIVEN.search(sentence) or _DURATION.search(sentence))
    return bool(_GIVES_QUANTITY.search(sentence))


# "one" as a pronoun: "and one we made ourselves", "the one that", "no one", "one must"
_PRONOUN_ONE = re.compile(
    r"\b(?:(?:no|every|any|some|the|this|that|which|each) one(?:s)?\b|"
    r"one (?=(?:we|you|they|he|she|i|that|who|whom|which|whose|another|must|might|may|can|could|should|"
    r"would|will|has|had|is|was)\b))",
    re.IGNORECASE,
)


# ------------------------------------------------ what is counted, priced, named or dated

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|half|halves|quarters?|thirds?|percent|per cent|"
    r"twice|several|a few|a couple"
)
# A figure proper: "most", "many" or "all" answer no "how many?".
_FIGURE = re.compile(_DIGIT + r"[\d,.:]*\w*|%|\b(?:" + _NUMBER_WORDS + r")\b", re.IGNORECASE)
_SPAN = r"(?:hour|day|week|fortnight|month|year|decade|century|centuries|minute|second|night|term|season)s?"
_DURATION = re.compile(r"\b(?:an?|per|each|every|one)\s+(?:\w+\s+)?" + _SPAN + r"\b", re.IGNORECASE)
# what a figure measures when it counts no one: a span of time or a sum
_MEASURES = re.compile(
    r"[\s-]+(?:(?:and|or|to|a|an|half|more|less|[\w-]+)\s+){0,2}?(?:" + _SPAN + r"|pounds?|shillings?|"
    r"pence|dollars?|cents?|euros?|guineas?|o'clock|o’clock)\b",
    re.IGNORECASE,
)
_HOW_OFTEN = re.compile(r"\bhow often\b", re.IGNORECASE)
_HOW_LONG = re.compile(r"\bhow long\b", re.IGNORECASE)
# how often: "every two or three months", "twice a day", "once a year", "weekly", "three times"
_FREQUENCY = re.compile(
    r"\b(?:every|each|once|twice|thrice|daily|weekly|fortnightly|monthly|quarterly|yearly|annually|hourly|"
    r"nightly|always|never|seldom|rarely|often|usually|regularly|times|per (?:hour|day|week|month|year))\b|"
    r"\ban? " + _SPAN + r"\b",
    re.IGNORECASE,
)
_LENGTHS = (
    r"(?:kilo|centi|milli)?met(?:re|er)s?|km|cm|mm|miles?|yards?|feet|foot|ft|inches|inch|furlongs?|"
    r"leagues?|storeys?|stories|pages?|words|lines|chapters|verses|acres?|hectares?"
)
# how long: a figure followed by a span or a length, or a span without one ("until", "for life")
_SPAN_GIVEN = re.compile(
    r"(?:" + _DIGIT + r"[\d,.:]*|\b(?:" + _NUMBER_WORDS + r"|a|an|some|few|many)\b)[\w,.-]*"
    r"(?:\s+(?:and|or|to|a|an|of|more|less|half|quarter|[\w-]+)){0,3}?\s*[-\s]?"
    r"(?:" + _SPAN + r"|" + _LENGTHS + r")\b|"
    r"\b(?:until|till|during|for life|for the life|for ever|forever|permanent\w*|indefinitely|overnight|"
    r"all (?:day|night|year)|as long as)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"[£$€¢]\s?\d|\b\d[\d,.]*\s?(?:p|d|s)\b|\b(?:dollars?|pounds?|pence|penny|pennies|shillings?|"
    r"(?<!per )cents?|euros?|guineas?|crowns?|francs?|sovereigns?|bucks?|free of charge|costs? nothing|"
    r"no charge)\b",
    re.IGNORECASE,
)
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_ORDINALS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|\d+(?:st|nd|rd|th)"
)
_TIME = re.compile(
    r"\b(?:1[0-9]{3}|20[0-9]{2})s?\b|\b(?:" + _MONTHS + r")\b\.?|\b(?:" + _DAYS + r")s?\b|"
    r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)|\b(?:o'clock|noon|midnight|yesterday|today|"
    r"tomorrow|tonight|ago|never|until|till|soon)\b|\bon the (?:" + _ORDINALS + r")\b|"
    r"\b(?:next|last|this|every|each|within|after|before|in|for|by)\s+(?:a |an |the |one |two |three |"
    r"\d+ |several |a few )?(?:" + _SPAN + r"|spring|summer|autumn|fall|winter|season|term|century)\b|"
    r"\b(?:" + _ORDINALS + r"|nineteenth|twentieth) century\b",
    re.IGNORECASE,
)
_WHAT_TIME = re.compile(r"\bwhat time\b(?! of\b)", re.IGNORECASE)
# a time of day: "7:50", "at six", "2 pm", "four o'clock", "from two until six", "noon", "dusk"
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)|\b(?:o'clock|o’clock|noon|midday|midnight|"
    r"dawn|dusk|sunrise|sunset|nightfall|daybreak|half past|quarter (?:past|to))\b|"
    r"\b(?:at|from|until|till|by|before|after) (?:"
    + _NUMBER_WORDS
    + r"|\d{1,2})\b(?! (?:"
    + _SPAN
    + r"|per))",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"\b([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]{2,})\b")

# "how many seats would …": what is counted (the words up to the verb); "how much does a
# permit cost": what is priced; "what is the town's population": the attribute asked.
_HOW_MANY = re.compile(r"\b(?:how many|number of)\s+(?P<what>[^?,;]+)", re.IGNORECASE)
_PRICED = re.compile(
    r"\bhow much (?:does|do|did|would|will|is|are|was|were|should|could|can)\s+"
    # "how much is the charge?": "charge" is the thing, not the verb
    r"(?!(?:the|a|an|this|that|its|their|his|her|our|your)\s+(?:cost|charge|pay|fee|fare)s?\b)"
    r"(?P<what>[^?,;]+?)\s+"
    r"(?:cost|costs|charge|charges|pay|paid|earn|earns|make|spend|get paid|be paid)\b|"
    # "what do librarians earn?", "what will electrification cost?": a sum asked as "what"
    r"^\s*what (?:does|do|did|would|will)\s+(?P<what2>[^?,;]+?)"
    # "what does Okafor think of the charge?": "charge" after "the" is a thing, not the verb
    r"(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bits)(?<!\btheir)(?<!\bhis)(?<!\bher)(?<!\bthis)(?<!\bthat)"
    r"\s+(?:cost|earn|charge)\s*\??\s*$",
    re.IGNORECASE,
)
# what a payer pays for or spends on: "how much did the council pay for mowing?"
_PAID_FOR = re.compile(r"\b(?:pay|paid|spend|spent)\s+(?:for|on)\s+(?P<what>[^?,;]+)", re.IGNORECASE)
_MONEY_ASKED = re.compile(
    r"\b(?:cost|costs|costing|price|prices|priced|fees?|fares?|charges?|charged|rent|rents|salary|"
    r"salaries|wages?|paid|pay|pays|earn|earns|spend|spent|budget|money|borrow|lend|lent|save|saved|"
    r"lose|lost|expensive|cheap|dollars?|pounds?|euros?)\b",
    re.IGNORECASE,
)
_SHARE = re.compile(r"\bhow much of (?:the|a|an|it|this|that|their|its|our|his|her|your|these|those)\b", re.I)
_MONEY_ATTRIBUTES = r"rate|price|cost|fee|fare|rent|salary|wage|budget|tax"
_ATTRIBUTE = re.compile(
    r"\bwhat(?:'s|’s| is| was| are| were| would be)?\s+"
    r"(?!(?:happened|happens|happen|caused|causes|about)\b)"  # "what happened to fares?" asks no fare
    r"(?P<what>(?:(?!(?:to|of|in|for|with|on|at|by|from)\b)[\w'’]+\s+){0,3}?(?P<attr>population|"
    + _MONEY_ATTRIBUTES
    + r")s?)\b(?P<rest>[^?]*)",
    re.IGNORECASE,
)
_PHRASE_END = frozenset(
    re.findall(
        r"\w+",
        "do does did is are was were has have had will would should can could must may might shall get got "
        "there in on at for from to per each every of with",
    )
)
# Counting these says nothing of whom: the words before them do ("enslaved people").
_GENERIC = frozenset(content_terms("people persons person folk folks individuals ones times things"))
_PEOPLE = frozenset(content_terms("population inhabitants residents citizens souls"))
# "who is the mayor?", "who was governor of Massachusetts?": a role whose holder is asked for
_WHO_ROLE = re.compile(
    r"^\s*who(?:'s|’s| is| was)\s+(?:(?P<the>the)\s+)?(?:current |present |then |first |last |new )?"
    r"(?P<role>[a-z][a-z -]*?)(?P<after>\s+(?:of|in|at|for|on|when|now|today)\b[^?]*)?\s*\??\s*$"
)
# "who founded / designed / owns X?": the doer of a deed that has one
_WHO_DID = re.compile(
    r"^\s*who\s+(?P<verb>founded|found|designed|designs|built|builds|owns|owned|invented|started|"
    r"created|established|runs|ran|leads|led|heads|headed|chairs|chaired|manages|managed|funded|"
    r"organi[sz]ed|discovered|coined|appointed|elected|won|signed|published|edited|printed|bought|"
    r"sold|killed|painted|composed|directed|produced|wrote|written)\b(?P<rest>[^?]*)",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"^\s*when\s+(?:is|was|are|were|will|would|did|does|do|should|can|could|has|have|had|shall)\b|"
    r"\bwhat (?:time|year|date|day|month)\b|\bin (?:what|which) (?:year|month|season)\b|\bhow soon\b",
    re.IGNORECASE,
)
# "which countries have …?", "in which town …?", "which American president …?": things that are
# named by proper names, so a passage that answers names one (a description does not).
_NAMED_KINDS = (
    r"countr(?:y|ies)|nations?|cit(?:y|ies)|towns?|villages?|states?|count(?:y|ies)|provinces?|"
    r"part(?:y|ies)|churche?s?|courts?|presidents?|kings?|queens?|emperors?|popes?|brands?|"
    r"newspapers?|universit(?:y|ies)|colleges?"
)
_QUALIFIER = r"(?:(?!(?:of|the|a|an|in|on|at|for|to|and|or|by|with)\b)[\w'’-]+\s+){0,2}?"  # "American"
_WHICH_NAMED = re.compile(
    r"\bwhich\s+" + _QUALIFIER + r"(?:" + _NAMED_KINDS + r")\b|"
    r"\bwhat\s+" + _QUALIFIER + r"(?:countries|nations|cities|towns|villages|parties|churches|brands|"
    r"newspapers|universities)\b",
    re.IGNORECASE,
)
_PRONOUNS = frozenset(("them", "these", "those", "us", "whom", "which"))
_WHEN_CLAUSE = re.compile(r"\b(?:when|whenever|while)\b", re.IGNORECASE)
# Words that say what kind of answer a question wants, never what it is about.
_ASKING = frozenset(content_terms("how many much long time number who when what which year date day"))
_NOT_A_ROLE = frozenset(re.findall(r"\w+", "a an it this that he she they one these those you i we meant to"))
# "how much electricity will the farm generate?": an amount of a thing that is not money; a
# sentence that answers names the thing and gives a figure ("eleven pounds' worth of produce").
_HOW_MUCH_OF = re.compile(
    r"\bhow much (?P<what>[a-z]+) (?:do|does|did|will|would|is|are|was|were|has|have|had|can|could|should)\b",
    re.IGNORECASE,
)
_EARNS = frozenset(("earn", "earns", "paid", "salary", "salaries", "wage", "wages"))
_MONEY_THINGS = frozenset(
    re.findall(
        r"\w+",
        "money cash tax taxes rent interest profit profits income revenue debt subsidy funding grant "
        "fine fines compensation wages pay rates rate capital credit savings",
    )
)
_NOT_AMOUNTS = frozenset(re.findall(r"\w+", "time it this that they he she you we i there of more less else"))
# "what do unions think about hybrid work?": the view of someone the passage must speak of
_VIEW_OF = re.compile(
    r"^\s*what (?:do|does|did) (?P<who>(?:the |most |many |some |other |these |those )?"
    r"(?:[\w'’-]+ ){0,2}?[\w'’-]+)(?: themselves| itself| himself| herself)? "
    r"(?:think|thinks|say|says|said|believe|feel|make of)\b",
    re.IGNORECASE,
)
# "what did the council decide?", "did the committee accept the petition?", "how did they vote?":
# what a body did about a proposal, which a text that argues for one often never reports
_DECISION_ASKED = re.compile(
    r"^\s*(?:what|how) did (?P<who>[^?]+?) (?:decide|vote|resolve|rule|conclude)\b(?! to\b)|"
    r"^\s*did (?P<body>[^?]+?) (?:accept|agree|approve|reject|refuse|adopt|grant|vote|decide|pass|ratify|"
    r"endorse|take up|act on)\b|"
    r"\bwhat (?:was|is) the (?:outcome|result|decision|verdict) of\b",
    re.IGNORECASE,
)
_DECIDED = re.compile(
    r"\b(?:decided|resolved|voted|agreed|carried|passed|adopted|approved|accepted|rejected|refused|granted|"
    r"turned down|thrown out|threw out|defeated|ruled|chose|chosen|ratified|endorsed|concluded|determined|"
    r"overruled|upheld|dismissed|declined)\b",
    re.IGNORECASE,
)
# needs met by a sentence shown or the one after it
_NEAR_KINDS = ("decision", "first", "course", "year")
# "which books are the most popular?", "what is the safest seat?": a superlative asked for (a
# "which / what / who" question); "what do most teachers think?" counts, it ranks nothing
_NOT_SUPERLATIVE = frozenset(
    re.findall(
        r"\w+",
        "interest honest suggest forest request protest west rest test nest guest contest arrest invest "
        "harvest modest manifest chest quest digest earnest conquest pest vest zest behest lest unrest "
        "priest midwest southwest northwest",
    )
)
_SUPERLATIVE_ASKED = re.compile(
    r"^\s*(?:which|what|what's|what’s|whats|who|who's|who’s)\b[^?]*?(?:\b(?:best|worst|favou?rite)\b|"
    r"\bthe (?:most|least)\b|\b(?:most|least)(?:\s+\w+ly)?\s*\??\s*$|\b(?:most|least) \w+ly\b|"
    r"\b(?P<est>\w{2,}est)\b)",
    re.IGNORECASE,
)
# a sentence that singles one out: a superlative, or "the real / main …", "above all", "nearly always"
_RANKS = re.compile(
    r"\b(?:most|least|best|worst|\w{2,}est|favou?rite|top|first|main|chief|real|principal|leading|above all|"
    r"more than any|especially|particularly|exactly|always|usually|commonly|mostly|mainly|chiefly)\b",
    re.IGNORECASE,
)
# "how did the war end?", "how did the revolution begin?", "what caused the civil war?": the course
# of an event, which a sentence naming the event does not tell
_COURSE_ASKED = {
    "end": (
        re.compile(r"^\s*how did (?:[^?]+?) (?:end|finish)\b(?! up)", re.IGNORECASE),
        re.compile(
            r"\b(?:end|ended|ends|ending|over|finished|concluded|peace|treaty|truce|surrender\w*|defeat\w*|"
            r"won|lost|closed|at last|finally|until)\b",
            re.IGNORECASE,
        ),
    ),
    "beginning": (
        re.compile(r"^\s*how did (?:[^?]+?) (?:begin|start|arise|come about|break out)\b", re.IGNORECASE),
        re.compile(
            r"\b(?:began|begun|begin|begins|beginning|start|started|starts|broke out|arose|arisen|origins?|"
            r"first|founded|sprang|grew out|outset)\b",
            re.IGNORECASE,
        ),
    ),
    "cause": (
        re.compile(r"^\s*what (?:caused|led to|triggered|sparked|brought about)\b", re.IGNORECASE),
        re.compile(
            r"\b(?:because|since|due to|owing to|as a result|caus\w+|reasons?|led to|leads? to|thanks to|"
            r"brought about|sprang from|arose from|grew out of|the fruit of)\b",
            re.IGNORECASE,
        ),
    ),
}
# a year or decade the question names: "in 2014", "in the 1840s"
_YEAR_ASKED = re.compile(r"\b(?P<year>1[0-9]{3}|20[0-9]{2})(?P<decade>s)?\b")
# holders that are the writer, the document or anyone at all: the passage need not name them
_NOT_HOLDERS = frozenset(
    re.findall(
        r"\w+",
        "he she they it we you i people person someone anyone everyone others author writer speaker "
        "paper essay article text book reading document post letter speech lecture report brief "
        "pamphlet chapter passage piece sermon address column group campaign",
    )
)


@dataclass(frozen=True)
class Need:
    """What a question asks the reading to give, beyond its subject (see the module's docstring).

    `kind` is "figure", "money", "amount" (of a thing), "name", "holder" (of a view), "time",
    "clock" (a time of day), "decision" (one reported as made), "first" (one singled out),
    "course" (an event's end, beginning or cause) or "year" (a year or decade named); a
    sentence meets it when it gives one (a figure the question did not state itself) and speaks
    of `about` (any one of these stems; for a name, all of them), or is the sentence the answer
    marks, for a time. `what` words
    the thing asked for a member: "the number of seats", "the superintendent of the district".
    """

    kind: str
    about: tuple[str, ...]
    what: str
    asked: frozenset[str] = frozenset()  # the question's own words, lower-cased
    named: tuple[str, ...] = ()  # names that qualify what is counted or priced ("the Dunmere fountains")

    def met_by(
        self, sentence: str, *, marked: bool = False, names: Collection[str] = (), context: str = ""
    ) -> bool:
        """Whether `sentence` gives what the question needs (`names`: the reading's proper names).

        `marked`: the sentence is one the answer shows (the closest to the question); a time
        question may then be answered by a "when …" clause ("I remember well when …").
        `context`: the sentence before, when this one points back to it (see :func:`refers_back`):
        what it names counts as named here ("… the labourer's poverty … He may plough it … at
        twelve shillings a week").
        """
        terms = set(content_terms(sentence)) | set(content_terms(context))
        if self.kind == "name":
            own = {w.lower() for w in re.findall(r"[A-Za-z]+", sentence)} & self.asked
            if not all(t in terms - _terms_of(own) or t in own for t in self.about):
                return False
            return any(_is_name(m, sentence, names, self.asked) for m in _CAPITALISED.finditer(sentence))
        if self.kind == "time":
            if self.about and not terms & set(self.about):
                return False
            return bool(_TIME.search(sentence) or (marked and _WHEN_CLAUSE.search(sentence)))
        if self.kind == "clock":
            return (not self.about or bool(terms & set(self.about))) and bool(_CLOCK.search(sentence))
        if self.kind == "decision":
            return bool(_DECIDED.search(sentence))
        if self.kind == "first":
            return bool(_RANKS.search(sentence))
        if self.kind == "course":
            return bool(_COURSE_ASKED[self.about[0]][1].search(sentence))
        if self.kind == "year":
            return any(_names_year(sentence, year) for year in self.about)
        if self.kind == "holder":
            return any(_same_holder(self.about[0], w) for w in re.findall(r"[A-Za-z]+", sentence.lower()))
        if (
            self.named
            and self.kind in ("figure", "money", "amount")
            and not _names_any(self.named, context, sentence)
        ):
            return False  # "How much did the Dunmere fountains cost?": not a sum for another town's
        if self.kind == "amount":
            if self.about and not terms & set(self.about):
                return False
            return bool(_FIGURE.search(sentence) or _MONEY.search(sentence))
        if self.about and not terms & set(self.about):
            return False
        if self.kind == "money":
            return any(m.group(0).lower().strip() not in self.asked for m in _MONEY.finditer(sentence))
        figures = [m for m in _FIGURE.finditer(sentence) if m.group(0).lower() not in self.asked]
        if self.about and self.kind == "figure":
            return any(self._counts(sentence, m) for m in figures)
        if self.kind == "figure" and self.what.startswith("the number of"):
            # "how many people visit …?" is not counted by "for twenty years" or "twelve shillings"
            return any(not _MEASURES.match(sentence[m.end() :]) for m in figures)  # see counts_in
        return bool(figures) or bool(_DURATION.search(sentence))

    def _counts(self, sentence: str, figure: re.Match[str]) -> bool:
        """Whether `figure` counts what is asked: "48 plots", "one in five households", "61 of them"."""
        after = sentence[figure.end() :].split()[:4]
        if after[:2] and after[0].lower() == "of" and after[1].lower().strip(".,;") in _PRONOUNS:
            return True
        if after and after[0].lower() == "such":  # "four hundred such families": those just described
            return True
        return bool(set(content_terms(" ".join(after))) & set(self.about))

    def given_by(
        self, sentences: Sequence[str], marked: Collection[int], names: Collection[str] = ()
    ) -> bool:
        """Whether a passage (its sentences; `marked`: those shown) gives what the question needs.

        Any sentence may, as long as it speaks of what is asked; a figure asked of nothing in
        particular ("how much time …") must be in a sentence shown, or in one that has every
        content word of the question.
        """
        loose = self.kind in ("figure", "name") and not self.about
        for i, sentence in enumerate(sentences):
            if loose and i not in marked and not (self.words and self.words <= set(content_terms(sentence))):
                continue
            back = i and self.kind in ("figure", "money", "time", "clock") and refers_back(sentence)
            context = sentences[i - 1] if back else ""
            dated = self._dates_it(f"{context} {sentence}")
            if self.kind in ("time", "clock") and i not in marked and not dated:
                continue
            if self.kind in _NEAR_KINDS and i not in marked and i - 1 not in marked:
                continue
            if self.met_by(sentence, marked=i in marked, names=names, context=context):
                return True
        return False

    def _dates_it(self, sentence: str) -> bool:
        """Whether a sentence not shown speaks of enough of a time question to date what it asks.

        Two of its subject words (all, when it has one): "the chapels are empty by four o'clock"
        shares only "chapel" with "What time are chapel services held in Bradwell?".
        """
        shared = set(content_terms(sentence)) & set(self.about)
        return len(shared) >= min(2, len(self.about))

    def loosened(self) -> Need:
        """The same need about nothing in particular: any figure in a sentence shown meets it."""
        return Need(self.kind, (), self.what, self.asked)

    @property
    def words(self) -> frozenset[str]:
        """The question's content words, bar those that only say what kind of answer it wants."""
        return frozenset(content_terms(" ".join(self.asked))) - _ASKING

    def note(self) -> str:
        """What a member is told when the reading does not give it."""
        if self.kind == "name":
            return f"The reading never names {self.what}."
        if self.kind == "time":
            return "The reading gives no date or time for that."
        if self.kind == "clock":
            return "The reading gives no time of day for that."
        if self.kind == "decision":
            return "The reading does not say what was decided."
        if self.kind == "first":
            return "The reading does not rank them."
        if self.kind == "course":
            return f"The reading does not tell its {self.what}."
        if self.kind == "year":
            return f"The reading says nothing of {self.what}."
        if self.kind == "holder":
            return f"The reading does not give the view of {self.what}."
        if self.kind == "amount":
            return f"The reading gives no amount of {self.what}."
        if self.kind == "money" and self.what and self.about and self.asked & _EARNS:
            return f"The reading gives no pay for {self.what}."
        if self.kind == "money" and self.what and self.about:
            return f"The reading gives no price for {self.what}."
        return f"The reading gives no figure for {self.what or 'that'}."


# A sentence that speaks of what the one before it named: it opens with a pronoun ("He may
# plough it … at twelve shillings a week") or counts "such" things ("four hundred such families").
_OPENS_BACK = re.compile(r"^\W*(?:he|she|it|they|this|these|those|such|there)\b", re.IGNORECASE)
_SUCH = re.compile(r"(?:" + _FIGURE.pattern + r")\s+such\b", re.IGNORECASE)


def refers_back(sentence: str) -> bool:
    """Whether `sentence` speaks of what the sentence before it named (a pronoun, "such")."""
    return bool(_OPENS_BACK.match(sentence) or _SUCH.search(sentence))


def _same_holder(holder: str, word: str) -> bool:
    """Whether `word` of a sentence names `holder`.

    "union" for "unions", and either part of a compound: "business" or "men" for "businessmen",
    "teacher" for "headteacher".
    """
    if len(holder) - len(word) >= 4 and len(word) >= 3 and holder.endswith(word):
        return True
    if len(word) < 4 or len(holder) < 4:
        return word == holder
    stem = holder[:-1] if holder.endswith("s") else holder
    return word.startswith(stem[:5]) and (holder.startswith(word) or word.startswith(stem))


def _terms_of(words: Collection[str]) -> set[str]:
    return {t for w in words for t in content_terms(w)}


def _is_name(match: re.Match[str], sentence: str, names: Collection[str], asked: Collection[str]) -> bool:
    """Whether a capitalised word is a name the question did not give (never one opening the sentence)."""
    word = match.group(1)
    if not sentence[: match.start()].strip(" \"'“‘(["):
        return False
    low = word.lower()
    if low in asked or re.fullmatch(_MONTHS + "|" + _DAYS, low):
        return False
    return low in names or word.isupper()


def need_of(question: str) -> Need | None:
    """What `question` needs from a passage beyond its subject (None: nothing in particular)."""
    asked = frozenset(w.lower() for w in re.findall(r"[\w'’$£€%]+", question))
    if asks_decision(question):
        return Need("decision", (), "", asked)
    role = _WHO_ROLE.match(question.lower())
    if role and (role.group("the") or role.group("after")):
        words = role.group("role").split()
        named = _CAPITALISED.search(question[role.start("role") : role.end("role")])
        if words and words[0] not in _NOT_A_ROLE and not named:
            what = question.strip().rstrip("?").split(None, 2)[2]
            return Need("name", tuple(content_terms(role.group("role"))), what, asked)
    did = _WHO_DID.match(question)
    if did:
        verb = did.group("verb").lower()
        what = "who " + question.strip().rstrip("?").split(None, 1)[1]
        return Need("name", tuple(content_terms(verb)) or (verb,), what, asked - {verb})
    which = _WHICH_NAMED.search(question)
    if which:
        what = question[which.start() :].strip().rstrip("?")
        return Need("name", (), what[:1].lower() + what[1:], asked)
    if re.search(r"\bhow much time\b", question, re.IGNORECASE):
        return Need("figure", (), "", asked)
    if _WHAT_TIME.search(question):  # "what time does the gate close?": a time of day
        return Need("clock", _about(question), "", asked)
    if _WHEN.search(question):
        return Need("time", _about(question), "", asked)
    attribute = _ATTRIBUTE.search(question)
    if attribute and attribute.group("attr")[0].isupper():
        attribute = None  # "What does Owen Price say …?": a name, not a price
    if attribute:
        attr = attribute.group("attr").lower()
        what = (attribute.group("what") + attribute.group("rest")).strip()
        if attr == "population":
            return Need("figure", tuple(_PEOPLE), what, asked)
        return Need("money", tuple(content_terms(attr)), what, asked)
    priced = _PRICED.search(question)
    if priced:
        what = priced.group("what") or priced.group("what2")
        paid = _PAID_FOR.search(question)
        if paid:  # "how much did the council pay for mowing?": the mowing is priced, not the council
            what = paid.group("what")
        return Need("money", _head(what, last=True), what.strip(), asked, _qualifying_names(what))
    counted = _HOW_MANY.search(question)
    if counted:
        head = _head(counted.group("what"))
        phrase = _phrase(counted.group("what"))
        return Need("figure", head, "the number of " + phrase, asked, _qualifying_names(phrase))
    if _SHARE.search(question):
        return None  # "how much of the moor would be lost?": a share ("30 per cent of it"), not a sum
    amount = _HOW_MUCH_OF.search(question)
    thing = amount.group("what").lower() if amount else ""
    # "how much carbon did the homes save?": an amount of carbon, though "save" speaks of money
    of_thing = bool(thing) and thing not in _NOT_AMOUNTS | _MONEY_THINGS and not _MONEY_ASKED.fullmatch(thing)
    if not of_thing and re.search(r"\bhow much\b", question, re.IGNORECASE) and _MONEY_ASKED.search(question):
        return Need("money", (), "", asked)
    if of_thing:
        what = amount.group("what")
        return Need("amount", tuple(content_terms(what)), what.lower(), asked, _qualifying_names(what))
    holder = _VIEW_OF.search(question)
    if holder:
        words = holder.group("who").split()
        head = words[-1].lower() if words else ""
        if head and head not in _NOT_HOLDERS:
            return Need("holder", (re.sub(r"['’]s?$", "", head),), holder.group("who"), asked)
    if asks_superlative(question):
        return Need("first", (), "", asked)
    for part, (asks, _) in _COURSE_ASKED.items():
        if asks.search(question):
            return Need("course", (part,), part, asked)
    years = [m.group("year") + (m.group("decade") or "") for m in _YEAR_ASKED.finditer(question)]
    if years:
        what = " or ".join(f"the {y}" if y.endswith("s") else y for y in years)
        return Need("year", tuple(years), what, asked)
    return None


def _qualifying_names(words: str) -> tuple[str, ...]:
    """The names in the phrase for what is counted or priced ("the Dunmere fountains": dunmere)."""
    return tuple(m.group(1).lower() for m in _CAPITALISED.finditer(_phrase(words)))


def _names_any(named: Sequence[str], *texts: str) -> bool:
    """Whether the texts name any of `named` (or a word made from it: "Russian" for "Russia")."""
    words = {w.lower() for text in texts for w in re.findall(r"[A-Za-z]+", text)}
    return any(w == n or (len(n) >= 4 and w.startswith(n)) for n in named for w in words)


def _names_year(sentence: str, year: str) -> bool:
    """Whether `sentence` names `year` ("1994"), or a year of its decade ("1840s": "1846")."""
    if year.endswith("s"):
        return bool(re.search(r"\b" + year[:3] + r"\d(?:s)?\b", sentence))
    return bool(re.search(r"\b" + year + r"\b", sentence))


def _phrase(words: str) -> str:
    """The noun phrase at the start of `words` (up to its verb or preposition)."""
    out = []
    for word in words.split():
        if word.lower() in _PHRASE_END or (out and word.lower().endswith("ed")):
            break
        out.append(word)
    return " ".join(out)


def _head(words: str, *, last: bool = False) -> tuple[str, ...]:
    """The stems a sentence must name: the counted noun ("seats"), or what qualifies a generic one."""
    terms = content_terms(_phrase(words))
    if not terms:
        return ()
    if last:
        return (terms[-1],)
    plural = [t for t in terms if t in _GENERIC] or [
        t for w, t in zip(_phrase(words).split(), terms, strict=False) if w.lower().endswith("s")
    ]
    if plural and plural[0] in _GENERIC:
        before = terms[: terms.index(plural[0])]
        return tuple(before)
    return (plural[0],) if plural else (terms[0],)


def _about(question: str) -> tuple[str, ...]:
    """The question's own subject words (what a dated sentence should speak of)."""
    return tuple(t for t in content_terms(question) if t not in _TIME_WORDS)


_TIME_WORDS = frozenset(
    content_terms(
        "time year date day month season when soon next first last exactly morning afternoon evening night"
    )
)


# ------------------------------------------------ the subject of a yes/no question

# "Are school uniforms a good idea?", "Should social media be banned?": the thing a yes/no
# question asks about stands between its verb and what it says of it. ("Is there a discount …?"
# asks whether the reading gives one, often in other words: "half price".)
_COPULA = re.compile(r"^\s*(?:is|are|was|were|isn't|aren't|wasn't|weren't)\s+(?!there\b)(?P<rest>.+)$", re.I)
_MODAL_BE = re.compile(
    r"^\s*(?:should|shouldn't|would|could|can|will|must|might)\s+(?P<subject>(?:[\w'’-]+\s+){1,4}?)be\b", re.I
)
_DETERMINERS = frozenset(
    re.findall(
        r"\w+",
        "the a an all any some most every each this that these those anything something nothing everything "
        "anyone someone anybody somebody everyone everybody",
    )
)
# what a copula's subject is followed by: a predicate ("good", "better", "allowed"), never its own word
_PREDICATE = frozenset(
    re.findall(
        r"\w+",
        "be been being better worse good bad best worst safe safer healthy mandatory allowed legal illegal "
        "possible likely true fair right wrong enough worth needed necessary required free open closed",
    )
)

# what opens a phrase placing a subject: "the neighbours living near the tower"
_PLACES_AFTER = frozenset(
    re.findall(
        r"\w+",
        "near nearby next beside behind around along across in on at by with without within from to under "
        "over outside inside",
    )
)

# verbs that head a subject without naming it ("Is going by sleeper better …?": the sleeper)
_LIGHT = frozenset(
    re.findall(r"\w+", "going getting having doing making taking using giving letting keeping being")
)


_COMPARATIVES = re.findall(
    r"\w+",
    "cheaper dearer faster slower safer greener bigger smaller higher lower longer shorter healthier easier "
    "harder quicker stronger weaker richer poorer older younger larger wider warmer colder quieter louder "
    "busier happier cleaner clearer closer further farther nearer earlier later fairer wiser tougher lighter "
    "heavier deeper",
)
# "Is television news better than newspapers?": a yes/no question comparing two things
_COMPARED = re.compile(
    r"^\s*(?:is|are|was|were|do|does|did|would|will|can|could)\s+(?P<first>.+?)\s+"
    r"(?:more|less|better|worse|fewer|" + "|".join(_COMPARATIVES) + r")\b(?P<between>(?:\s+\w+){0,4}?)\s+"
    r"than\s+(?P<second>[^?]+)",
    re.IGNORECASE,
)
_NOT_COMPARED = frozenset(content_terms("one ones thing things way ways kind kinds sort"))


def compared(question: str) -> tuple[list[str], list[str]] | None:
    """The two things a yes/no question compares, as content terms (None: it compares nothing).

    "Is television news better than newspapers?" → (["television", "new"], ["newspap"]): a
    passage answers it only when it speaks of the first (the thing judged; the second may be
    in other words, "flights" for "a plane").
    """
    match = _COMPARED.match(question)
    if not match:
        return None
    sides = []
    for part in (match.group("first"), match.group("second")):
        words = [w for w in re.findall(r"[\w'’-]+", part) if w.lower() not in _LIGHT | _DETERMINERS]
        sides.append([t for w in words for t in content_terms(w) if t not in _NOT_COMPARED])
    return (sides[0], sides[1]) if sides[0] and sides[1] else None


def subject_of(question: str) -> list[str]:
    """The words naming what a yes/no question asks about (empty: not such a question).

    "Are school uniforms a good idea?" → ["school", "uniforms"]; "Should social media be
    banned for under-16s?" → ["social", "media"]. Only where the subject is plain: a
    copula's ("is", "are"), up to its predicate, and a modal's before "be"; "Should the town
    build a pool?" gives nothing (where its verb starts cannot be told without a parser).
    """
    modal = _MODAL_BE.match(question)
    if modal:
        words = re.findall(r"[\w'’-]+", modal.group("subject"))
    else:
        copula = _COPULA.match(question)
        if not copula:
            return []
        words = []
        rest = re.findall(r"[\w'’-]+", copula.group("rest"))
        for word, after in zip(rest, [*rest[1:], ""], strict=True):
            low = word.lower()
            if words and after.lower() == "than":  # "Are electric cars greener than trains?"
                break
            if low in _DETERMINERS and not words:
                continue
            if low in STOPWORDS or low in _PREDICATE or low.endswith("ly") or len(words) == 3:
                break
            if words and low.endswith("ed"):  # "Were women employed …": a passive's participle
                break
            if words and low.endswith("ing") and after.lower() in _PLACES_AFTER:
                break  # "Were the neighbours living near the tower consulted?": the neighbours
            words.append(word)
    return [w for w in words if w.lower() not in _DETERMINERS | _LIGHT and w.lower() not in STOPWORDS]
