"""What a question needs from the passage found (:class:`Need`, :func:`need_of`)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.core.search.focus.facts import (
    asks_generic_outcome,
    gives_measure,
    instructs,
    measure_asked,
    method_asked,
    others_asked,
    outcome_asked,
    reports_outcome,
    speaks_of_others,
)
from bot.core.search.focus.kinds import (
    _ASKING,
    _ATTRIBUTE,
    _CAPITALISED,
    _CLOCK,
    _COURSE_ASKED,
    _DAYS,
    _DECIDED,
    _DURATION,
    _EARNS,
    _FIGURE,
    _GENERIC,
    _HOW_MANY,
    _HOW_MUCH_OF,
    _MEASURES,
    _MONEY,
    _MONEY_ASKED,
    _MONEY_THINGS,
    _MONTHS,
    _NEAR_KINDS,
    _NOT_A_ROLE,
    _NOT_AMOUNTS,
    _NOT_HOLDERS,
    _PAID_FOR,
    _PEOPLE,
    _PHRASE_END,
    _PRICED,
    _PRONOUNS,
    _RANKS,
    _SHARE,
    _TIME,
    _VIEW_OF,
    _WHAT_TIME,
    _WHEN,
    _WHEN_CLAUSE,
    _WHICH_NAMED,
    _WHO_DID,
    _WHO_ROLE,
    _YEAR_ASKED,
    asks_decision,
    asks_superlative,
)
from bot.core.text.words import content_terms


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
    # a name asked of a person ("who is the treasurer?"): a place's or a body's will not do
    person: bool = False
    # the event a time question dates ("when did the mill close?"): a date of the mill's building will not do
    event: frozenset[str] = frozenset()

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
        terms = _number_free_terms(f"{context} {sentence}")
        if self.kind == "name":
            own = {w.lower() for w in re.findall(r"[A-Za-z]+", sentence)} & self.asked
            founding = terms & _FOUNDING  # "who founded the mill?": "the mill was built in 1792 by …"
            if not all(
                t in terms - _terms_of(own) or t in _terms_of(own) or (t in _FOUNDING and founding)
                for t in self.about
            ):
                return False
            org = _ORG_ASKED.match(self.what) if not self.about else None
            if (
                org
                and not _ORG_NAMED.search(sentence)
                and not _shares(terms, _deed(self.what[org.end() :], names))
            ):
                # "which company is building the wind farm?": not "… the wind farm on Kellan Bank"; a
                # business named as one, or as the doer ("The ferries would be built by Ferguson Marine")
                return False
            return any(
                _is_name(m, sentence, names, self.asked) and (not self.person or _is_person(m, sentence))
                for m in _CAPITALISED.finditer(sentence)
            )
        if self.kind == "time":
            if self.about and not _shares(terms, self.about):
                return False
            if self.event and not _shares(terms, self.event):
                return False  # "Hey built Brook Mill in 1823" for "when did Brook Mill close?"
            if self.what == "a year":
                return bool(_A_YEAR.search(sentence))
            return bool(_TIME.search(sentence) or (marked and _WHEN_CLAUSE.search(sentence)))
        if self.kind == "clock":
            return (not self.about or _shares(terms, self.about)) and bool(_CLOCK.search(sentence))
        if self.kind == "decision":
            return bool(_DECIDED.search(sentence))
        if self.kind == "measure":
            return gives_measure(sentence, self.about[0])
        if self.kind == "outcome":
            return reports_outcome(sentence, self.about, generic=self.what == "what was done")
        if self.kind == "method":
            return instructs(sentence)
        if self.kind == "others":
            return speaks_of_others(sentence)
        if self.kind == "detail":
            return bool(_DETAILS[self.about[0]][1].search(sentence))
        if self.kind == "first":
            return bool(_RANKS.search(sentence))
        if self.kind == "course":
            return bool(_COURSE_ASKED[self.about[0]][1].search(sentence))
        if self.kind == "year":
            return any(_names_year(sentence, year) for year in self.about)
        if self.kind == "holder":  # (a title's short form names its holder: "Dr Hussain", "Cllr Finch")
            words = [_TITLES.get(w, w) for w in re.findall(r"[A-Za-z]+", sentence.lower())]
            return any(_same_holder(self.about[0], w) for w in words)
        if (
            self.named
            and self.kind in ("figure", "money", "amount")
            and not _names_any(self.named, context, sentence)
        ):
            return False  # "How much did the Dunmere fountains cost?": not a sum for another town's
        if self.kind == "amount":
            if self.about and not _shares(terms, self.about):
                return False
            return bool(_FIGURE.search(sentence) or _MONEY.search(sentence))
        # a count names what it counts after its figure, or points back to it ("four hundred such
        # assistants" for "how many shop workers …?"): see _counts
        counted = self.kind == "figure" and bool(self.about)
        about = set(self.about)
        if self.kind == "money" and about and about <= _PRICE_WORDS:  # "the price of X": its cost
            about = _PRICE_WORDS
        if about and not counted and not _shares(terms, about):
            return False
        if self.kind == "money":
            return any(m.group(0).lower().strip() not in self.asked for m in _MONEY.finditer(sentence))
        figures = [m for m in _FIGURE.finditer(sentence) if m.group(0).lower() not in self.asked]
        if self.about and self.kind == "figure":
            return any(self._counts(sentence, m) for m in figures)
        if self.kind == "figure" and self.what.startswith("the number of"):
            # "how many people visit …?" is not counted by "for twenty years" or "twelve shillings"
            # see counts_in; nor by a year, a date, a time of day or a clause number ("Ledgeworth,
            # October 1866.", "from two o'clock until six", "5.1 In meetings held in September 2026")
            # nor by a length or an area ("a district of approximately 640 km²") or an age ("when I was six")
            return any(
                not _MEASURES.match(sentence[m.end() :])
                and not _names_a_time(sentence, m)
                and not _EXTENT.match(sentence[m.end() :])
                and not _AGE_BEFORE.search(sentence[: m.start()])
                for m in figures
            )
        return bool(figures) or bool(_DURATION.search(sentence))

    def _counts(self, sentence: str, figure: re.Match[str]) -> bool:
        """Whether `figure` counts what is asked: "48 plots", "one in five households", "61 of them"."""
        after = sentence[figure.end() :].split()[:4]
        if after[:2] and after[0].lower() == "of" and after[1].lower().strip(".,;") in _PRONOUNS:
            return True
        if after and after[0].lower() == "such":  # "four hundred such families": those just described
            return True
        counted = set(content_terms(" ".join(after)))
        # a compound names its kind last: "4,200 sandbags" counts bags, "three lifeboats" boats
        return bool(counted & set(self.about)) or any(
            len(a) >= 3 and t.endswith(a) for t in counted for a in self.about
        )

    def given_by(
        self, sentences: Sequence[str], marked: Collection[int], names: Collection[str] = ()
    ) -> bool:
        """Whether a passage (its sentences; `marked`: those shown) gives what the question needs.

        Any sentence may, as long as it speaks of what is asked; a figure asked of nothing in
        particular ("how much time …") must be in a sentence shown, or in one that has every
        content word of the question.
        """
        return self.answering(sentences, marked, names) is not None

    def answering(
        self, sentences: Sequence[str], marked: Collection[int], names: Collection[str] = ()
    ) -> int | None:
        """The sentence that gives what the question needs (see :meth:`given_by`), a shown one first.

        None when none does. The one found is the answer to show ("Resolved to accept the
        quotation of £8,350 from Playcraft Ltd" for "which firm will put in the frame?").
        """
        loose = self.kind in ("figure", "name") and not self.about
        # "which firm will put in the new climbing frame?": whichever sentence of the passage names a
        # business ("the quotation of £8,350 from Playcraft Ltd"), shown or not
        business = self.kind == "name" and not self.about and bool(_ORG_ASKED.match(self.what))
        for i in sorted(range(len(sentences)), key=lambda i: (i not in marked, i)):
            sentence = sentences[i]
            if (
                loose
                and i not in marked
                and not (self.words and self.words <= set(content_terms(sentence)))
                and not business
            ):
                continue
            # a sentence that points back, or a date shown with the sentence before it ("… the
            # oldest building on the site. The stone lintel above you carries the date 1742"):
            # what the one names counts as named in the other
            back = (
                i
                and self.kind in ("figure", "money", "time", "clock")
                and (refers_back(sentence) or (self.kind == "time" and i in marked and i - 1 in marked))
            )
            context = sentences[i - 1] if back else ""
            dated = self._dates_it(f"{context} {sentence}")
            if self.kind in ("time", "clock") and i not in marked and not dated:
                continue
            if self.kind in (*_NEAR_KINDS, *_SHOWN_KINDS) and i not in marked and i - 1 not in marked:
                continue
            if self.met_by(sentence, marked=i in marked, names=names, context=context):
                return i
        return None

    def _dates_it(self, sentence: str) -> bool:
        """Whether a sentence not shown speaks of enough of a time question to date what it asks.

        Two of its subject words (all, when it has one): "the chapels are empty by four o'clock"
        shares only "chapel" with "What time are chapel services held in Bradwell?".
        """
        shared = set(content_terms(sentence)) & set(self.about)
        return len(shared) >= min(2, len(self.about))

    def loosened(self) -> Need:
        """The same need about nothing in particular: any figure in a sentence shown meets it.

        A count stays a count: a population is not given by a district's "640 km²".
        """
        what = self.what
        if self.kind == "figure" and self.about and not what.startswith("the number of"):
            what = f"the number of {what}"
        return Need(self.kind, (), what, self.asked)

    @property
    def words(self) -> frozenset[str]:
        """The question's content words, bar those that only say what kind of answer it wants."""
        return frozenset(content_terms(" ".join(self.asked))) - _ASKING

    def note(self) -> str:
        """What a member is told when the reading does not give it."""
        if self.kind == "name":
            return f"The reading never names {self.what}."
        if self.kind == "time" and self.what == "a year":
            return "The reading gives no year for that."
        if self.kind == "time":
            return "The reading gives no date or time for that."
        if self.kind == "clock":
            return "The reading gives no time of day for that."
        if self.kind == "decision":
            return "The reading does not say what was decided."
        if self.kind == "first":
            return "The reading does not rank them."
        if self.kind == "measure":
            return f"The reading gives no {_DIMENSION_NAMES[self.about[0]]} for that."
        if self.kind == "outcome":
            return "The reading does not tell how it turned out."
        if self.kind == "method":
            return "The reading does not say how to do that."
        if self.kind == "others":
            return "The reading names no others."
        if self.kind == "detail":
            return f"The reading gives no {_DETAILS[self.about[0]][2]} for that."
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
        what = self.what if self.what.strip() not in ("", "the number of") else "that"
        return f"The reading gives no figure for {what}."  # "how many of the …?" names no noun first


# "what are the library's opening hours?", "what hours would the baths be open?": times of day
_HOURS = re.compile(
    r"^\s*(?:what|when)\b.*(?:\b(?:opening|closing) (?:hours|times)\b|\bhours of opening\b)|^\s*what hours\b",
    re.I,
)
# works known by their titles
_TITLED = frozenset(
    content_terms(
        "book books film films play plays song songs poem poems novel novels album albums essay essays "
        "paper papers show shows pamphlet pamphlets story stories report reports article articles"
    )
)
_PRONOUNS_PRICED = frozenset(("it", "this", "that", "they", "one"))
_SECOND_QUESTION = re.compile(
    r"\s*,?\s+(?:and|or)\s+(?:where|what|when|how|why|who|which)\b[^?]*\??\s*$", re.I
)
# "which company / developer / shipyard …?": a business, named as one ("Harland Homes Ltd", "the
# contractor, Greenway Grounds", "a yard in Campbeltown"), not any name near the subject
_ORG_ASKED = re.compile(
    r"(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?(?:compan(?:y|ies)|firms?|developers?|shipyards?|operators?|"
    r"contractors?|suppliers?|installers?|insurers?|publishers?|agenc(?:y|ies)|manufacturers?|builders?|"
    r"airlines?|brewer(?:y|ies))\b",
    re.IGNORECASE,
)
_ORG_NAMED = re.compile(
    r"\b(?:compan(?:y|ies)|firms?|developers?|(?:ship)?yards?|operators?|contractors?|suppliers?|installers?|"
    r"insurers?|publishers?|agenc(?:y|ies)|manufacturers?|makers?|builders?|airlines?|airways|brewer(?:y|ies)|"
    r"Ltd|Limited|plc|PLC|Inc|Co\.|"
    r"Group|Holdings|& Sons|Brothers|Bros)\b",
    re.IGNORECASE,
)
_AUXILIARIES = frozenset(
    re.findall(
        r"\w+",
        "is are was were will would did does do has have had can could should might may must be been being",
    )
)


_DOERS = frozenset(
    ("he", "she", "it", "they", "we", "you", "i", "the", "a", "an", "his", "her", "their", "its")
)


def _deed(words: str, names: Collection[str] = ()) -> tuple[str, ...]:
    """The stem of the verb that opens `words`, past its auxiliaries ("would build the ferries": build)."""
    for word in re.findall(r"[A-Za-z'’-]+", words):
        # past the doer too: "which airline did Harold fly home on?" asks who flew him
        low = word.lower()
        if low not in _AUXILIARIES and low not in _DOERS and low not in names and not word[0].isupper():
            return tuple(content_terms(word))
    return ()


# the verbs of a founding: whoever founded a place is named by whichever the text uses
_FOUNDING = frozenset(content_terms("founded established started built created opened"))
_ENDS_CLAUSE = frozenset(("to", "with", "by", "from", "about", "for"))
_IS_DAY = re.compile(r"(?:" + _MONTHS + "|" + _DAYS + r")s?")  # "pay for Fridays": no name
_FORETOLD = re.compile(r"\b(?:will|would)\b", re.IGNORECASE)
_WHICH_YEAR = re.compile(r"\b(?:what|which) year\b", re.IGNORECASE)
# a year given: "in 1854", "the 1920s", "last year", "the following year"
_A_YEAR = re.compile(
    r"\b(?:1[0-9]{3}|20[0-9]{2})s?\b|\b(?:last|this|next|that|the following|the same|the previous) year\b",
    re.IGNORECASE,
)
# a length or an area after a figure ("640 km²", "6.4 kilometres"), which counts nothing
_EXTENT = re.compile(
    r"\s*(?:(?:kilo|centi|milli)?met(?:re|er)s?|km|cm|mm|m|miles?|yards?|feet|foot|ft|inch(?:es)?|acres?|"
    r"hectares?|ha)(?:²|2)?(?!\w)",
    re.IGNORECASE,
)
# an age before a figure: "when I was six", "aged ten", "at the age of twelve"
_AGE_BEFORE = re.compile(r"\b(?:when (?:i|he|she|we|they|you) (?:was|were)|aged|age of)\s+$", re.IGNORECASE)
# a rate of events ("the success rate", "the death-rate"), not one charged ("the water rate", "a fair rate")
_EVENT_RATE = re.compile(
    r"\b(?:success|failure|death|birth|crime|response|growth|error|completion|survival|pass|dropout|"
    r"turnout|uptake|vacancy|occupancy|infection|mortality|unemployment|employment|literacy|recycling|"
    r"attendance|conviction|accident|injury|repair|recovery|return|take-up)[\s-]+rate$",
    re.IGNORECASE,
)
# "what was Morag's father's name?", "what is the walker's first name?"
_NAME_OWNED = re.compile(
    r"\bwhat(?:'s|’s| is| was| are| were)\s+(?P<what>[^?]*?)['’]s?\s+"
    r"(?:first |last |full |christian |maiden )?(?:names?|surname)\s*\??\s*$",
    re.IGNORECASE,
)
_NAME_OF = re.compile(
    r"\bwhat(?:'s|’s| is| was| are| were) (?:the |his |her |their |its )?(?P<name>names?|titles?) of "
    r"(?P<what>[^?]+)",
    re.IGNORECASE,
)
# needs met by a sentence shown or the one after it, besides those of `_NEAR_KINDS`
_SHOWN_KINDS = ("measure", "outcome", "method", "others")
# A detail of a kind that a text writes in a form of its own: "what colour was the cloth?" is
# answered by a colour ("dark green with a white band"), "what is the convenor's email address?"
# by an address; a sentence about the cloth or the convenor that gives none does not answer.
# (what asks it, what gives it, what a member is told the reading lacks)
_DETAILS: dict[str, tuple[re.Pattern[str], re.Pattern[str], str]] = {
    "colour": (
        re.compile(r"^\s*(?:what|which)\s+colou?rs?\b", re.I),
        re.compile(
            r"\b(?:red|orange|yellow|green|blue|purple|violet|pink|brown|black|white|gr[ae]y|gold(?:en)?|silver|"
            r"scarlet|crimson|navy|maroon|beige|cream|tan|turquoise|indigo|amber|bronze|khaki|olive|ivory|"
            r"colou?r(?:s|ed)?|dyed|undyed|striped|tartan|checked)\b",
            re.I,
        ),
        "colour",
    ),
    "email": (
        re.compile(r"^\s*what(?:'s|’s| is| was| are)?\b[^?]*\be-?mail(?: address(?:es)?)?\b", re.I),
        re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
        "email address",
    ),
    "website": (
        re.compile(r"^\s*what(?:'s|’s| is| was| are)?\b[^?]*\b(?:website|web site|web address|url)\b", re.I),
        re.compile(r"\bwww\.|https?://|\b[\w-]+\.(?:com|org|net|gov|ac|co|uk|io|edu)\b", re.I),
        "web address",
    ),
    "frequency": (
        re.compile(r"^\s*(?:what|which)\s+(?:radio\s+)?(?:frequenc(?:y|ies)|wavelengths?|channels?)\b", re.I),
        re.compile(
            r"\b\d[\d.,]*\s?(?:[kMG]Hz|hertz|kilohertz|megahertz|gigahertz|metres?|m)\b|\bchannel \d", re.I
        ),
        "frequency",
    ),
    "speed": (
        # (a speed limit or "what speed …?": "how fast is the council meant to answer?" asks a time)
        re.compile(
            r"^\s*(?:what|which)\b[^?]*\bspeed limits?\b|^\s*(?:at\s+)?(?:what|which) speed\b",
            re.I,
        ),
        re.compile(
            r"\b\d[\d.,]*\s?(?:mph|kph|km/h|kmh|knots?|m/s)\b|"
            r"\b(?:miles?|kilometres?|km) (?:an|per|a) hour\b|\bknots?\b|\bwalking pace\b",
            re.I,
        ),
        "speed",
    ),
    "room": (
        re.compile(r"^\s*(?:in\s+)?(?:what|which)\s+(?:room|hall)s?\b", re.I),
        re.compile(r"\b(?:rooms?|halls?|theatre|lab(?:oratory)?|studio|library|chapel|gallery)\b", re.I),
        "room",
    ),
}
_DIMENSION_NAMES = {
    "tall": "height",
    "high": "height",
    "deep": "depth",
    "wide": "width",
    "far": "distance",
    "old": "age",
    "hot": "temperature",
    "warm": "temperature",
    "cold": "temperature",
    "noisy": "noise level",
    "loud": "noise level",
    "heavy": "weight",
}


# A sentence that speaks of what the one before it named: it opens with a pronoun ("He may
# plough it … at twelve shillings a week") or counts "such" things ("four hundred such families").
_OPENS_BACK = re.compile(r"^\W*(?:he|she|it|they|this|these|those|such|there)\b", re.IGNORECASE)
_SUCH = re.compile(r"(?:" + _FIGURE.pattern + r")\s+such\b", re.IGNORECASE)


def refers_back(sentence: str) -> bool:
    """Whether `sentence` speaks of what the sentence before it named (a pronoun, "such")."""
    return bool(_OPENS_BACK.match(sentence) or _SUCH.search(sentence))


# words for what something costs, any of which names the price asked ("the estimated price of
# putting the building up": "puts the cost of the building … at")
_PRICE_WORDS = frozenset(content_terms("price cost costs fee fees charge charges fare fares sum expense"))
_TITLES = {
    "dr": "doctor",
    "cllr": "councillor",
    "prof": "professor",
    "rev": "reverend",
    "supt": "superintendent",
    "insp": "inspector",
    "sgt": "sergeant",
    "gp": "doctor",
}


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


def _shares(terms: Collection[str], about: Collection[str]) -> bool:
    """Whether `terms` include one of `about`, or a word of the same root ("close" for "closure").

    Two stems share a root when they agree in their first four letters and differ in length by
    three at most ("closur" and "clos", not "skateboard" and "skate").
    """
    for t in about:
        for u in terms:
            if t == u or (min(len(t), len(u)) >= 4 and abs(len(t) - len(u)) <= 3 and t[:4] == u[:4]):
                return True
    return False


def _number_free_terms(text: str) -> set[str]:
    """The content terms of `text`, each word also as its singular and plural ("spaces": "space").

    The stemmer makes "space" and "spaces" two terms; a sentence about "each of those spaces"
    speaks of the "parking space" asked about.
    """
    terms = set(content_terms(text))
    for word in re.findall(r"[A-Za-z]{4,}", text):
        low = word.lower()
        forms = [low + "s", low[:-1]] if low.endswith("s") else [low + "s"]
        terms.update(t for form in forms for t in content_terms(form))
    return terms


def _terms_of(words: Collection[str]) -> set[str]:
    return {t for w in words for t in content_terms(w)}


def _is_name(match: re.Match[str], sentence: str, names: Collection[str], asked: Collection[str]) -> bool:
    """Whether a capitalised word is a name the question did not give (never one opening the sentence)."""
    word = match.group(1)
    if not sentence[: match.start()].strip(" \"'“‘(["):
        return False
    low = word.lower()
    if low in asked or len(low) == 1 or re.fullmatch(_MONTHS + "|" + _DAYS, low):
        return False  # (a single letter names no one: the pronoun "I", an option's "(B)")
    return low in names or word.isupper()


# A person's name is no place's or body's: "Bell Lane", "Cobb's Weir", "the Collective", "SEV-2"
_PERSON_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Rev|Revd|Reverend|Sir|Dame|Lady|Lord|Prof|Professor|Captain|Capt|"
    r"Father|Sister|Brother|Inspector|Sergeant|Sgt|Judge|Justice|Alderman)\.?\s+$"
)
_PLACE_OR_BODY = frozenset(
    re.findall(
        r"\w+",
        "lane road street st avenue close way vale hill weir run bridge river farm mill hall house "
        "park green square market church chapel school college university library museum centre "
        "center council club society trust group networks network ltd limited company association "
        "union committee board office station harbour bay point head moor wood forest fields field "
        "estate gardens garden exchange hotel inn arms theatre hospital court castle abbey "
        "cathedral tower works orchard cross lodge quay pier rock island islands sound valley lake "
        "loch beck brook cottage barn gate wharf race festival show cup league band orchestra choir "
        "players party town city county district ward parish borough department ministry agency "
        "service services team partnership foundation fund collective cafe café store shop crescent "
        "terrace drive place row yard common heath meeting assembly conference general annual",
    )
)
_PLACE_BEFORE = re.compile(
    r"\b(?:the|in|at|near|from|into|outside|inside|across|around|St\.?)\s+$", re.IGNORECASE
)
_LABEL_BEFORE = re.compile(r"[:;—–|]\s*$|\s-\s+$")
_NEXT_WORD = re.compile(r"(?:['’]s)?\s+([A-Z][\w'’-]*)")


# roles a body may hold ("who is the developer?"), and deeds and nouns only a person answers to
_BODIES = frozenset(
    re.findall(
        r"\w+",
        "company companies firm firms developer developers contractor contractors council councils "
        "club clubs team teams group groups organisation organization organisations charity "
        "charities builder builders publisher publishers operator operators supplier suppliers "
        "provider providers agency agencies bank banks insurer insurers airline airlines brewery "
        "sponsor sponsors owner owners landlord landlords architect architects funder funders "
        "client clients body bodies authority authorities partner partners",
    )
)
_PERSONS_DEEDS = frozenset(
    re.findall(
        r"\w+",
        "chaired chairs painted composed wrote written edited coined killed invented discovered captained "
        "captains coached coaches presented presents conducted conducts audited audits translated "
        "illustrated narrated photographed refereed umpired",
    )
)
_PERSON_NOUNS = frozenset(
    re.findall(
        r"\w+",
        "officer teacher volunteer engineer coordinator captain chair chairman chairwoman "
        "chairperson mayor son daughter wife husband mother father brother sister man woman boy "
        "girl child vicar priest rector minister doctor nurse keeper manager director secretary "
        "treasurer president author writer artist driver pilot judge inspector member councillor "
        "leader head headteacher warden ranger clerk speaker guide chef cook friend neighbour "
        "tenant player coach referee umpire worker employee farmer student pupil dentist vet "
        "surgeon conservator curator caretaker steward porter witness inventor founder designer "
        "painter composer poet singer conductor presenter host reporter editor photographer skipper "
        "crewman engineer solicitor lawyer barrister agent organiser organizer convenor convener "
        "person lady gentleman baby grandmother grandfather uncle aunt cousin nephew niece widow "
        "bride groom",
    )
)


def _is_person(match: re.Match[str], sentence: str) -> bool:
    """Whether a capitalised word may name a person: not an acronym, a place or a body's name.

    "Mrs Velt", "William Gosling", "Marion" may; "Bell Lane", "the Collective", "SEV-2", "in
    Leicester" may not (a title before the name settles it).
    """
    word = match.group(1)
    before = sentence[: match.start()]
    if _PERSON_TITLE.search(before):
        return True
    parts = word.lower().replace("’", "'").split("'")[0].split("-")
    if word.isupper() or any(p in _PLACE_OR_BODY or p in _PERSON_NOUNS for p in parts):
        return False  # "the Collective", and a post, not its holder: "a Chair", "the Vice-Chair"
    if _PLACE_BEFORE.search(before):
        return False
    after = _NEXT_WORD.match(sentence, match.end())
    if _LABEL_BEFORE.search(before) and not after:
        return False  # a label's word: "Event: Incident declared", "— Time"
    return not (after and after.group(1).lower() in _PLACE_OR_BODY)


_HOW_MUCH_MANY = re.compile(r"\bhow\s+(?:much|many)\b", re.IGNORECASE)


def need_of(question: str) -> Need | None:
    """What `question` needs from a passage beyond its subject (None: nothing in particular)."""
    asked = frozenset(w.lower() for w in re.findall(r"[\w'’$£€%]+", question))
    if asks_decision(question):
        return Need("decision", (), "", asked)
    # "how much land ended up under water?" asks for an amount, however it turned out
    done = None if _HOW_MUCH_MANY.search(question) else outcome_asked(question)
    if done is not None:  # "was the workhouse eventually built?": only a report of it built answers
        return Need("outcome", done, "what was done" if asks_generic_outcome(question) else "", asked)
    dimension = measure_asked(question)
    if dimension is not None:  # "how deep is the water?": a depth, not any figure
        return Need("measure", (dimension,), dimension, asked)
    # "who is the manager and where did he come from?": the role is asked before the second question
    first = _SECOND_QUESTION.sub("?", question)
    role = _WHO_ROLE.match(first.lower())
    if role and (role.group("the") or role.group("after")):
        words = role.group("role").split()
        named = _CAPITALISED.search(first[role.start("role") : role.end("role")])
        # "who was the pocket watch given to?", "who is the sermon concerned with?": no role, but
        # whom a thing was given to or is about
        if words and words[0] not in _NOT_A_ROLE and not named and words[-1] not in _ENDS_CLAUSE:
            what = first.strip().rstrip("?").split(None, 2)[2]
            person = words[-1] not in _BODIES  # "who is the developer?" may be answered by a firm
            return Need("name", tuple(content_terms(role.group("role"))), what, asked, person=person)
    did = _WHO_DID.match(question)
    if did:
        verb = did.group("verb").lower()
        what = "who " + question.strip().rstrip("?").split(None, 1)[1]
        person = verb in _PERSONS_DEEDS  # "who chaired the meeting?"; a firm may have built the ferries
        return Need("name", tuple(content_terms(verb)) or (verb,), what, asked - {verb}, person=person)
    called = _NAME_OF.search(question)
    if called:  # "what is the name of the council's safety officer?": a name, in a sentence naming him
        what = called.group("what").strip()
        # the officer, the head teacher, the schools: named in a sentence that speaks of them (the
        # name of a book or a film is its title, which seldom stands beside the word "book")
        thing = re.split(r"\s+(?:who|that|which|whom|whose|in|at|on|from|for|with|to)\s", what)[0]
        words: list[str] = []
        for w in re.findall(r"[A-Za-z'’-]+", thing):
            if w[0].isupper() and any(content_terms(x) for x in words):
                break  # "the head teacher Munday spoke to": the teacher
            if not w[0].isupper():
                words.append(w)
        head = tuple(content_terms(words[-1])) if words else ()
        if not head or head[0] in _TITLED:
            head = ()
        person = bool(words) and words[-1].lower().rstrip("'’s") in _PERSON_NOUNS
        return Need("name", head, f"the {called.group('name').lower()} of {what}", asked, person=person)
    owned = _NAME_OWNED.search(question)
    if owned:  # "what was the injured walker's name?": a name, a person's when a person is asked of
        what = owned.group("what").strip()
        words = [w for w in re.findall(r"[A-Za-z'’-]+", what) if not w[0].isupper()]
        last = words[-1].lower() if words else ""
        person = bool(last) and (last in _PERSON_NOUNS or last.endswith(("er", "or")))
        head = tuple(content_terms(last)) if last else ()
        return Need("name", head, what, asked, person=person)
    which = _WHICH_NAMED.search(question)
    # "which companies will succeed?": those that …; "which developer will build the houses?": one, by name
    if which and not (_FORETOLD.search(question) and which.group(0).lower().endswith("s")):
        what = question[which.start() :].strip().rstrip("?")
        return Need("name", (), what[:1].lower() + what[1:], asked)
    for detail, (asks, _, _) in _DETAILS.items():
        if asks.search(question):  # "what colour was the cloth?": a colour, not any sentence on cloth
            return Need("detail", (detail,), detail, asked)
    if re.search(r"\bhow much time\b", question, re.IGNORECASE):
        return Need("figure", (), "", asked)
    if _WHAT_TIME.search(question) or _HOURS.search(
        question
    ):  # "what time does the gate close?": a time of day
        return Need("clock", _about(question), "", asked)
    if _WHICH_YEAR.search(question):  # "in what year did he patent the pump?": a year, not "for a month"
        return Need("time", _about(question), "a year", asked, event=_event(question))
    if _WHEN.search(question):
        return Need("time", _about(question), "", asked, event=_event(question))
    attribute = _ATTRIBUTE.search(question)
    if attribute and attribute.group("attr")[0].isupper():
        attribute = None  # "What does Owen Price say …?": a name, not a price
    if attribute:
        attr = attribute.group("attr").lower()
        what = (attribute.group("what") + attribute.group("rest")).strip()
        if attr == "population":
            return Need("figure", tuple(_PEOPLE), what, asked)
        if attr == "rate" and _EVENT_RATE.search(attribute.group("what")):
            return Need("figure", (), what, asked)  # "the success rate": how often, not a sum
        return Need("money", tuple(content_terms(attr)), what, asked)
    priced = _PRICED.search(question)
    if priced:
        what = priced.group("what") or priced.group("what2")
        paid = _PAID_FOR.search(question)
        if paid:  # "how much did the council pay for mowing?": the mowing is priced, not the council
            what = paid.group("what")
        # "what did the workhouse at Brindley Cross cost?": a sum for the one at Brindley Cross
        named = tuple(
            w for m in _CAPITALISED.finditer(what) if not _IS_DAY.fullmatch(w := m.group(1).lower())
        )
        # "what does it cost to run?": a sum said to be a cost, a fee or a price
        head = ("cost",) if what.strip().lower() in _PRONOUNS_PRICED else _head(what, last=True)
        return Need("money", head, what.strip(), asked, named)
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
    if others_asked(question):  # "what other poems did she write?": not the one the reading names
        return Need("others", (), "", asked)
    if method_asked(question):  # "how do I join the committee?": an instruction answers
        return Need("method", (), "", asked)
    return None


def _qualifying_names(words: str) -> tuple[str, ...]:
    """The names in the phrase for what is counted or priced ("the Dunmere fountains": dunmere)."""
    return tuple(m.group(1).lower() for m in _CAPITALISED.finditer(_phrase(words)))


def _names_any(named: Sequence[str], *texts: str) -> bool:
    """Whether the texts name any of `named` (or a word made from it: "Russian" for "Russia")."""
    words = {w.lower() for text in texts for w in re.findall(r"[A-Za-z]+", text)}
    return any(w == n or (len(n) >= 4 and w.startswith(n)) for n in named for w in words)


_YEAR = re.compile(r"(?:1[0-9]{3}|20[0-9]{2})s?")
_CLAUSE = re.compile(r"\d+[.:]\d+")  # "5.1", "7:50"
_TIME_BEFORE = re.compile(
    r"(?:\b(?:at|until|till|before|after)|\b(?:" + _MONTHS + r"))\.?\s+$", re.IGNORECASE
)
_TIME_AFTER = re.compile(
    r"\s*(?:o'clock|o’clock|am\b|pm\b|a\.m\.|p\.m\.|(?:" + _MONTHS + r")\b)", re.IGNORECASE
)


def _names_a_time(sentence: str, figure: re.Match[str]) -> bool:
    """Whether `figure` names a time, not a count: a year, a date, a time of day, a clause's number."""
    text = figure.group(0).rstrip(".,:;")  # "formed in 2024." ends the sentence: still a year
    if _YEAR.fullmatch(text) or _CLAUSE.fullmatch(text):
        return True
    if text.isdigit() and figure.group(0).endswith(".") and not sentence[: figure.start()].strip():
        return True  # "8. The site contains …": a numbered paragraph's number
    before, after = sentence[: figure.start()], sentence[figure.end() :]
    if _TIME_AFTER.match(after):
        return True
    # "at six", "before seven", "until 10": an hour; "stands at 118" is no hour
    return bool(_TIME_BEFORE.search(before)) and not (text.isdigit() and int(text) > 24)


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


# The events a time question may date, each with the words a text uses for it ("founded": "set up",
# "first", "opened"; "closed": "shut", "the last", "came down")
_EVENTS = [
    frozenset(content_terms(words))
    for words in (
        "found founded establish established form formed start started set begin began begun launch "
        "launched open opened create created first",
        "close closed closure shut end ended finish finished stop stopped cease ceased demolish demolished "
        "last final down abandon abandoned",
        "build built erect erected construct constructed complete completed finish finished open opened",
        "die died death",
        "start starts begin begins commence commences open opens from launch first",
        "introduce introduced introduction bring brought adopt adopted start started begin began first",
    )
]
_EVENT_VERBS = frozenset(
    content_terms(
        "close open start begin end finish arrive leave die move change become built build lit light found "
        "establish form launch vote elect appoint marry retire join sell buy"
    )
)
# a time asked of whatever happens: "when will the vote take place?", "when is the fair held?"
_ANY_EVENT = frozenset(
    content_terms("happen happened occur occurred held hold take place meet planned scheduled due expected")
)


def _event(question: str) -> frozenset[str]:
    """The event a time question dates, with its other words, when it ends on its verb ("… close?")."""
    words = re.findall(r"[A-Za-z'’]+", question.rstrip(" ?"))
    last = words[-1] if words else ""
    verb = content_terms(last)
    if not last.islower() or not verb or verb[0] in _ANY_EVENT:
        return frozenset()
    if verb[0] not in _EVENT_VERBS and not last.endswith("ed"):
        return frozenset()
    return frozenset({verb[0]}.union(*(group for group in _EVENTS if verb[0] in group)))


def _about(question: str) -> tuple[str, ...]:
    """The question's own subject words (what a dated sentence should speak of)."""
    return tuple(t for t in content_terms(question) if t not in _TIME_WORDS)


_TIME_WORDS = frozenset(
    content_terms(
        "time year date day month season when soon next first last exactly morning afternoon evening night "
        # "what day of the month is it held?": its verb says nothing of what is dated
        "held hold holds happen happens take takes place"
    )
)
