"""Three kinds of fact a near-topic passage shares the subject of without giving it.

- a *measure* in a dimension ("how deep is the water at Kellan Bank?", "how old is Walter?",
  "how noisy is a heat pump?"): a figure with a unit of that dimension ("twenty-eight metres
  deep", "twenty-six years old", "decibels"), not any figure ("within six miles of the bank"
  is no depth, "in the winter of 2015" no age);
- an *outcome* asked of the past ("did the Board end up approving the lease?", "was the
  workhouse eventually built?", "how many people signed the petition in the end?"): a sentence
  that reports the thing done, the question's own verb in a past form ("approved", "built",
  "signed") and not after a modal ("must shortly say yes or no", "propose to build", "will
  vote"): a reading that argues for a course cannot tell how it ended;
- *others* of a kind asked for ("what other poems did she write?", "which other councils have
  closed branches?"): a sentence that speaks of others ("other", "another", "also"), not the
  one the reading names ("— Hester Vane, The Fallow Year");
- a *method* asked by a member ("how do I join the committee?", "how can I stop thieves …?"):
  a sentence that tells someone what to do (an instruction, "you can …", "by fitting …",
  "write to …", "how to …"), not one that only speaks of the thing.
"""

from __future__ import annotations

import re

from bot.core.search.focus.kinds import gives_quantity
from bot.core.text.words import STOPWORDS

# ------------------------------------------------ a measure in a dimension

_LENGTH = (
    r"\d+(?:\.\d+)?\s?(?:m|cm|mm|ft|in)\b|metres?|meters?|centimetres?|feet|foot|inch(?:es)?|yards?|"
    r"storeys?|stories|floors"
)
_DISTANCE = _LENGTH + r"|miles?|kilometres?|kilometers?|km\b|minutes?|hours?|walk|drive|away"
MEASURES = {
    "tall": _LENGTH + r"|tall|high|height",
    "high": _LENGTH + r"|tall|high|height",
    "deep": _LENGTH + r"|fathoms?|deep|depth",
    "wide": _LENGTH + r"|wide|width|breadth|across",
    "far": _DISTANCE,
    "old": r"years? old|-year-old|\baged?\b|\bborn\b|\bbuilt\b|\bfounded\b|\bestablished\b|\bsince\b|"
    r"\bcentur(?:y|ies)\b|\bago\b|\bdat(?:es|ing|ed) (?:from|back)\b|\bopened\b",
    "hot": r"degrees?|°|\d\s?[CF]\b|temperature|warm|hot|cold|heated|boil|freez|tepid",
    "warm": r"degrees?|°|\d\s?[CF]\b|temperature|warm|hot|cold|heated|boil|freez|tepid",
    "cold": r"degrees?|°|\d\s?[CF]\b|temperature|warm|hot|cold|chill|freez|frost",
    "noisy": r"decibels?|\bdB\b|noise|noisy|quiet|loud|silent|\bhum|sound",
    "loud": r"decibels?|\bdB\b|noise|noisy|quiet|loud|silent|\bhum|sound",
    "heavy": r"kilos?|kilograms?|\bkg\b|tonnes?|\btons?\b|\blbs?\b|grams?|weigh",
}
_IN_WORDS = frozenset(("noisy", "loud"))
_MEASURE_ASKED = re.compile(r"\bhow (?P<dim>" + "|".join(MEASURES) + r")\b(?P<rest>[^?]*)", re.IGNORECASE)
_FIGURATIVE = re.compile(r"\b(?:go|goes|went|gone|going)\b", re.IGNORECASE)  # "how far would Moscow go?"


def measure_asked(question: str) -> str | None:
    """The dimension a "how deep / tall / old …?" question asks a measure in (None: none)."""
    match = _MEASURE_ASKED.search(question)
    if not match:
        return None
    dimension = match.group("dim").lower()
    if dimension == "far" and _FIGURATIVE.search(question):
        return None
    return dimension


def gives_measure(sentence: str, dimension: str) -> bool:
    """Whether `sentence` gives a measure in `dimension`: a figure and a unit or word of it.

    Noise may be told in words alone ("no louder than a fridge").
    """
    if dimension not in _IN_WORDS and not gives_quantity(sentence):
        return False
    return bool(re.search(MEASURES[dimension], sentence, re.IGNORECASE))


# ------------------------------------------------ an outcome asked of the past

_AFTERWARDS = (
    r"\b(?:eventually|in the end|ended up|end up|after all|ultimately|finally|afterwards|"
    r"go on to|went on to)\b"
)
_OUTCOME_MARK = re.compile(_AFTERWARDS, re.IGNORECASE)
# asked of now or of a reason, not of how things turned out: "who ends up paying?", "why did …?"
_NOT_PAST = re.compile(
    r"^\s*(?:why|do|does|doesn't|don't|is|isn't|are|aren't|will|would|can|could|should|must|shall|may)\b|"
    r"\b(?:ends up|will|would)\b",
    re.IGNORECASE,
)
# asked in the past: "did", "was", "signed", "got" ("what is his argument in the end?" is not)
_PAST = re.compile(
    r"\b(?:did|didn't|was|were|had|has|have|got|went|became|built|won|paid|made|took|gave|began|ran|came)\b|"
    r"\b[a-z]{3,}ed\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+")
_IRREGULAR = {
    "get": ("got", "gotten"),
    "build": ("built",),
    "do": ("done",),
    "make": ("made",),
    "give": ("gave", "given"),
    "take": ("took", "taken"),
    "go": ("went", "gone"),
    "win": ("won",),
    "pay": ("paid",),
    "sell": ("sold",),
    "buy": ("bought",),
    "bring": ("brought",),
    "keep": ("kept",),
    "find": ("found",),
    "hold": ("held",),
    "lose": ("lost",),
    "spend": ("spent",),
    "send": ("sent",),
    "tell": ("told",),
    "say": ("said",),
    "begin": ("began", "begun"),
    "run": ("ran",),
    "come": ("came",),
    "become": ("became",),
    "leave": ("left",),
    "meet": ("met",),
    "stand": ("stood",),
    "set": ("set",),
    "put": ("put",),
    "shut": ("shut",),
    "close": ("closed",),
    "write": ("wrote", "written"),
    "choose": ("chose", "chosen"),
    "throw": ("threw", "thrown"),
}
_PAST_FORMS = {form: base for base, forms in _IRREGULAR.items() for form in forms}
# what stands before a verb that was not done: "must say", "propose to build", "would be built",
# "subject to planning permission being granted"
_NOT_DONE = frozenset(
    re.findall(
        r"[\w']+",
        "will would shall should must may might can could to be being if unless once until whether subject "
        "propose proposes proposed plan plans "
        "intend intends hope hopes want wants",
    )
)
_MARK_WORDS = frozenset(
    re.findall(r"\w+", "eventually end ended up after all ultimately finally afterwards go went on")
)
_GENERIC = frozenset(("do", "happen", "happened"))
_ENDS = frozenset(("end", "ended"))  # a verb of the question unless "… end up …" marks the outcome
_REPORTED = re.compile(
    r"\b(?:decided|resolved|voted|agreed|carried|passed|adopted|approved|accepted|rejected|refused|granted|"
    r"turned down|defeated|chose|ratified|enacted|became law)\b",
    re.IGNORECASE,
)


def outcome_asked(question: str) -> tuple[str, ...] | None:
    """The past forms a sentence must use to report how the thing asked turned out (None: not asked).

    "Did the Local Board end up approving the lease?" → ("approved", …): every past form of every
    word the question asks with (its subject's words have none, so they do no harm).
    """
    if not _OUTCOME_MARK.search(question) or _NOT_PAST.search(question) or not _PAST.search(question):
        return None
    forms: set[str] = set()
    words = _WORD.findall(question)
    for at, word in enumerate(words):
        low = word.lower()
        if low in _ENDS and (at + 1 == len(words) or words[at + 1].lower() != "up"):
            forms |= _past_forms(low)  # "what finally ended the outage?": the ending is the outcome asked
            continue
        asked = low not in STOPWORDS or low in _GENERIC or low in _IRREGULAR  # "get", "do": verbs too
        if not asked or low in _MARK_WORDS or word[0].isupper() or len(low) < 2:
            continue
        forms |= _past_forms(low)
    return tuple(sorted(forms))


def _past_forms(word: str) -> set[str]:
    """The past forms `word` may be reported in ("approving" → "approved", "get" → "got")."""
    if word in _PAST_FORMS or word.endswith("ed"):
        return {word, *_IRREGULAR.get(_PAST_FORMS.get(word, ""), ())}
    base = word[:-3] if word.endswith("ing") and len(word) > 5 else word
    forms = {base + "ed", base + "d", *_IRREGULAR.get(base, ()), *_IRREGULAR.get(base + "e", ())}
    if base.endswith("y"):
        forms.add(base[:-1] + "ied")
    if len(base) > 2 and base[-1] == base[-2]:  # "stopping" → "stopp" → "stopped"
        forms.add(base + "ed")
    elif len(base) >= 3 and base[-1] not in "aeiouwy" and base[-2] in "aeiou":  # "stop" → "stopped"
        forms.add(base + base[-1] + "ed")
    return forms


def reports_outcome(sentence: str, forms: tuple[str, ...], *, generic: bool = False) -> bool:
    """Whether `sentence` reports one of `forms` as done (not after "will", "to", "must" …).

    `generic`: the question asks what was done at all ("what did Parliament eventually do?"):
    a decision reported as made answers it.
    """
    words = [w.lower() for w in _WORD.findall(sentence)]
    for i, word in enumerate(words):
        if word in forms and not set(words[max(0, i - 2) : i]) & _NOT_DONE:
            return True
    return generic and bool(_REPORTED.search(sentence))


def asks_generic_outcome(question: str) -> bool:
    """Whether an outcome question asks what was done at all ("what did X eventually do?")."""
    return bool(re.search(r"\b(?:do|happen|happened)\b", question, re.IGNORECASE))


# ------------------------------------------------ a method asked by a member

_METHOD_ASKED = re.compile(
    r"^\s*how (?:do|can|should|could|might|must|would) (?:i|you)\s+(?!know\b|tell\b)[a-z]", re.IGNORECASE
)
_NOT_IMPERATIVE = STOPWORDS | frozenset(
    re.findall(
        r"[\w']+",
        "anyone everyone someone nobody none each every all most many some no this that these those "
        "there here it he she they we i you if when while as after before between although because since",
    )
)
_INSTRUCTS = re.compile(
    r"\b(?:you|members?|anyone|everyone|residents?|people|owners?|readers?|applicants?|visitors?)\s+"
    r"(?:can|could|should|must|may|need to|needs to|have to|has to|will need to|ought to)(?!['’]t|not)\b|"
    r"\bby [a-z]+ing\b|\badvis\w* [a-z]+ing\b|\bhow to\b|\bsteps?\b|"
    r"\b(?:write|call|ring|phone|email|e-mail|contact|apply|visit|ask|speak|sign up|register|book)\s+"
    r"(?:to|us|the|at|on|for|in|them|any|online|by)\b|"
    r"\bthe (?:way|method|trick|secret|answer) (?:is|to)\b",
    re.IGNORECASE,
)
_NOT_IMPERATIVE |= frozenset(
    re.findall(
        r"[\w']+",
        "today yesterday tomorrow tonight now then next last once later soon meanwhile also even still yet "
        "here there thus hence instead perhaps indeed",
    )
)
_ACTS_ON = re.compile(
    r"\s+(?:the|a|an|your|yours|it|them|him|her|us|me|this|these|those|each|every|some|any|all|up|out|off|"
    r"down|back|over|away|yourself|both|no|one|[a-z]+ing)\b"
)
_IF_CLAUSE = re.compile(r"^\W*(?:if|when|once|before|after)\b[^,;:]*[,;:]\s*", re.IGNORECASE)


def method_asked(question: str) -> bool:
    """Whether a member asks how to do something ("how do I join …?", "how can we stop …?")."""
    return bool(_METHOD_ASKED.match(question))


def instructs(sentence: str) -> bool:
    """Whether `sentence` tells someone what to do (see the module's docstring)."""
    if _INSTRUCTS.search(sentence):
        return True
    rest = _IF_CLAUSE.sub("", sentence, count=1)  # "If you own one, stop using it now"
    first = _WORD.search(rest)
    if first is None or first.start() > 2:
        return False
    word = first.group(0).lower()
    # an imperative opens the sentence: a bare verb, never a pronoun, an article, a time or a name,
    # and what it acts on follows ("Sharpen the first side", "Turn it over", "stop using it now")
    if word in _NOT_IMPERATIVE or word.endswith(("s", "ly", "ed", "ing")):
        return False
    return bool(_ACTS_ON.match(rest[first.end() :]))


# ------------------------------------------------ others of a kind

_OTHERS_ASKED = re.compile(r"^\s*(?:what|which)\s+other\s+[a-z]", re.IGNORECASE)
_SPEAKS_OF_OTHERS = re.compile(
    r"\b(?:others?|another|also|too|as well|besides|elsewhere|else)\b", re.IGNORECASE
)


def others_asked(question: str) -> bool:
    """Whether a question asks for others of a kind than the one named ("what other poems …?")."""
    return bool(_OTHERS_ASKED.match(question))


def speaks_of_others(sentence: str) -> bool:
    """Whether `sentence` speaks of others of a kind ("a number of other issues", "also")."""
    return bool(_SPEAKS_OF_OTHERS.search(sentence))
