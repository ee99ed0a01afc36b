"""The kinds of answer a question asks for, and the words and figures that give them."""

from __future__ import annotations

import re

from bot.core.text.words import content_terms

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
    return any(
        not _MEASURES.match(sentence[m.end() :]) and not _YEAR_AS_TIME.match(sentence[m.start() :])
        for m in _FIGURE.finditer(sentence)
    )


# a year, not a count: "the ledger for 1884 to 1891", "in 1886, it shows" ("1500 workers" counts)
_YEAR_AS_TIME = re.compile(
    r"(?:1[5-9]\d\d|20\d\d)s?(?=\s*(?:$|[.,;:)!?]|\s(?:to|and|or|until|till|-)\s|[-–—]))"
)


def asks_decision(question: str) -> bool:
    """Whether `question` asks what a body decided ("what did the council decide in the end?")."""
    return bool(_DECISION_ASKED.search(question))


def asks_superlative(question: str) -> bool:
    """Whether `question` asks which of a kind comes first ("which books are the most popular?")."""
    match = _SUPERLATIVE_ASKED.search(question)
    return bool(match) and (match.group("est") or "").lower() not in _NOT_SUPERLATIVE


_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# A month as a text writes it when it dates something: capitalised ("May", "MAY"), never the modal
# or the verb ("it may be set up", "they march"), which _MONTHS alone would match in any case.
_MONTH_NAMED = r"(?-i:" + "|".join(f"{m.capitalize()}|{m.upper()}" for m in _MONTHS.split("|")) + r")"


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
        if _TAKES.search(question):  # "how long does the walk take?": a span of time, not "six miles"
            return bool(_SPAN_OF_TIME.search(sentence) or _DURATION.search(sentence))
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
# ("41,000 visits last year" counts visits: a word before the span that dates it is no part of a measure)
_MEASURES = re.compile(
    r"[\s-]+(?:(?:and|or|to|a|an|half|more|less|(?!(?:last|this|next|each|every|per|that|the|same)\b)[\w-]+)"
    r"[\s-]+){0,2}?(?:" + _SPAN + r"|pounds?|shillings?|"
    r"pence|dollars?|cents?|euros?|guineas?|o'clock|o’clock)\b",
    re.IGNORECASE,
)
_HOW_OFTEN = re.compile(r"\bhow often\b", re.IGNORECASE)
_HOW_LONG = re.compile(r"\bhow long\b", re.IGNORECASE)
# how often: "every two or three months", "twice a day", "once a year", "weekly", "three times"
_FREQUENCY = re.compile(
    r"\b(?:every|each|once|twice|thrice|daily|weekly|fortnightly|monthly|quarterly|yearly|annually|hourly|"
    r"nightly|always|never|seldom|rarely|often|usually|regularly|times|occasions|"
    r"per (?:hour|day|week|month|year))\b|"
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
    r"all (?:day|night|year)|as long as)\b|"
    # "how long has she run the stall?": "since 2014", "since the spring of 1864", "since last March"
    r"\bsince\s+(?:(?:about|around|at least)\s+)?(?:1[0-9]{3}\b|20[0-9]{2}\b|the\s|last\s|"
    + _MONTH_NAMED
    + r"\b)",
    re.IGNORECASE,
)
# "how long does it take / last …?": asked of time alone
_TAKES = re.compile(r"\b(?:take|takes|took|taken|last|lasts|lasted|wait|waited)\b", re.IGNORECASE)
_SPAN_OF_TIME = re.compile(
    r"(?:" + _DIGIT + r"[\d,.:]*|\b(?:" + _NUMBER_WORDS + r"|a|an|some|few|many)\b)[\w,.-]*"
    r"(?:\s+(?:and|or|to|a|an|of|more|less|half|quarter|[\w-]+)){0,3}?\s*[-\s]?(?:" + _SPAN + r")\b|"
    r"\b(?:until|till|during|for life|for ever|forever|overnight|all (?:day|night|year))\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"[£$€¢]\s?\d|\b\d[\d,.]*\s?(?:p|d|s)\b|\b(?:dollars?|pounds?|pence|penny|pennies|shillings?|"
    # "rides for fourpence", "a halfpenny", "a farthing in the pound": a sum in one word
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)pence|halfpence|halfpenny|farthings?|"
    r"(?<!per )cents?|euros?|guineas?|crowns?|francs?|sovereigns?|bucks?|free of charge|costs? nothing|"
    r"no charge)\b",
    re.IGNORECASE,
)
_ORDINALS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|\d+(?:st|nd|rd|th)"
)
_TIME = re.compile(
    r"\b(?:1[0-9]{3}|20[0-9]{2})s?\b|\b" + _MONTH_NAMED + r"\b\.?|\b(?:" + _DAYS + r")s?\b|"
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
    # (a sum is no time of day: "£3.20"; nor a date: "from 6 March", "by 20 April")
    r"(?<![£$€\d.,])\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)|\b(?:o'clock|o’clock|noon|midday|"
    r"midnight|dawn|dusk|sunrise|sunset|nightfall|daybreak|half past|quarter (?:past|to))\b|"
    r"\b(?:at|from|until|till|by|before|after) (?:"
    + _NUMBER_WORDS
    + r"|\d{1,2})\b(?! (?:"
    + _SPAN
    + r"|per|"
    + _MONTHS
    + r")\b)",
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
    r"(?:cost|costs|charge|charges|pay|paid|earn|earns|make|spend|get paid|be paid|raise|raised|collect)\b|"
    # "what do librarians earn?", "what will electrification cost?": a sum asked as "what"
    r"^\s*what (?:does|do|did|would|will)\s+(?P<what2>[^?,;]+?)"
    # "what does Okafor think of the charge?": "charge" after "the" is a thing, not the verb
    r"(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bits)(?<!\btheir)(?<!\bhis)(?<!\bher)(?<!\bthis)(?<!\bthat)"
    r"\s+(?:cost|earn|charge|pay)\b"
    r"(?:\s+(?:to|in|a|an|per|each|as|for|the|us|them|you|its|their|our)\b[^?]{0,80})?\s*\??\s*$",
    re.IGNORECASE,
)
# what a payer pays for or spends on: "how much did the council pay for mowing?"
# what is paid for: "pay for mowing", "spend on books", "charge as a deposit", "charge for printing"
_PAID_FOR = re.compile(
    r"\b(?:pay|paid|spend|spent|charges?|charged|charging)\s+(?:for|on|as)\s+(?P<what>[^?,;]+)", re.IGNORECASE
)
_MONEY_ASKED = re.compile(
    r"\b(?:cost|costs|costing|price|prices|priced|fees?|fares?|charges?|charged|rent|rents|salary|"
    r"salaries|wages?|paid|pay|pays|earn|earns|spend|spent|budget|money|borrow|lend|lent|save|saved|"
    r"lose|lost|expensive|cheap|dollars?|pounds?|euros?)\b",
    re.IGNORECASE,
)
_SHARE = re.compile(r"\bhow much of (?:the|a|an|it|this|that|their|its|our|his|her|your|these|those)\b", re.I)
_MONEY_ATTRIBUTES = r"rate|price|cost|fee|fare|rent|salary|wage|budget|tax|fine|penalty|stipend"
_ATTRIBUTE = re.compile(
    r"\bwhat(?:'s|’s| is| was| are| were| would be)?\s+"
    r"(?!(?:happened|happens|happen|caused|causes|about)\b)"  # "what happened to fares?" asks no fare
    # ("what do the branches cost the council?": "cost" is the verb, asked of the branches)
    r"(?P<what>(?:(?!(?:to|of|in|for|with|on|at|by|from|do|does|did|will|would|can|could|should)\b)"
    r"[\w'’]+[\s-]+){0,3}?(?P<attr>population|" + _MONEY_ATTRIBUTES + r")s?)\b(?P<rest>[^?]*)",
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
    r"^\s*who(?:'s|’s| is| was)\s+(?:(?P<the>the)\s+)?(?:[a-z][\w-]*['’]s\s+)?"  # "the hospital's"
    r"(?:current |present |then |first |last |new )?"
    r"(?P<role>[a-z][a-z -]*?)(?P<after>\s+(?:of|in|at|for|on|when|now|today)\b[^?]*)?\s*\??\s*$"
)
# "who founded / designed / owns X?": the doer of a deed that has one
_WHO_DID = re.compile(
    r"^\s*who\s+(?P<verb>founded|found|designed|designs|built|builds|owns|owned|invented|started|"
    r"created|established|runs|ran|leads|led|heads|headed|chairs|chaired|manages|managed|funded|"
    r"organi[sz]ed|discovered|coined|appointed|elected|won|signed|published|edited|printed|bought|"
    r"sold|killed|painted|composed|directed|produced|wrote|written|captained|captains|coached|coaches|"
    r"presented|presents|conducted|conducts|audited|audits|translated|illustrated|narrated|photographed|"
    r"refereed|umpired)\b(?P<rest>[^?]*)",
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
    r"newspapers?|universit(?:y|ies)|colleges?|compan(?:y|ies)|firms?|manufacturers?|charit(?:y|ies)|banks?|"
    r"councillors?|shipyards?|providers?|developers?|suppliers?|contractors?|architects?|builders?|"
    r"operators?|installers?|insurers?|publishers?|agenc(?:y|ies)|airlines?|brewer(?:y|ies)"
)
_QUALIFIER = r"(?:(?!(?:of|the|a|an|in|on|at|for|to|and|or|by|with)\b)[\w'’-]+\s+){0,2}?"  # "American"
_WHICH_NAMED = re.compile(
    r"\bwhich\s+" + _QUALIFIER + r"(?:" + _NAMED_KINDS + r")\b|"
    r"\bwhat\s+" + _QUALIFIER + r"(?:countries|nations|cities|towns|villages|parties|churches|brands|"
    r"newspapers|universities)\b|"
    # "what breed of bee …?", "which apple varieties …?": a kind that goes by its own names
    r"\bwhat\s+(?:breed|variety|species|brand|make|model)s?\s+of\b|"
    r"\bwhich\s+(?:\w+\s+)?(?:breeds?|variet(?:y|ies)|species|brands?|models?)\b",
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
# "how much extra do shops make?", "how much quicker are buses?": a difference asked, not an amount of
# a thing called "extra" or "quicker"
_NOT_AMOUNTS = frozenset(
    re.findall(
        r"\w+",
        "time it this that they he she you we i there of more less else extra further quicker faster slower "
        "cheaper dearer higher lower bigger smaller larger longer shorter better worse greater earlier later "
        "warmer colder safer busier",
    )
)
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
    r"overruled|upheld|dismissed|declined|"
    # a court's or a tribunal's: "The tribunal finds that …, and orders a rent repayment of £2,940"
    r"finds that|found that|orders|ordered|awards|awarded)\b|"
    # a vote's tally: "88 for, 213 against and 61 undecided", "by nineteen votes to eleven"
    r"\b(?:\d+|" + _NUMBER_WORDS + r")\s+(?:votes?\s+)?(?:for|in favour)\b[^.;]{0,40}?\bagainst\b|"
    r"\b(?:\d+|" + _NUMBER_WORDS + r")\s+votes?\s+to\s+(?:\d+|" + _NUMBER_WORDS + r")\b",
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
        "pamphlet chapter passage piece sermon address column group campaign "
        # what findings come from, not who holds a view: "what does the research say …?"
        "research evidence data study studies survey surveys figures statistics",
    )
)
