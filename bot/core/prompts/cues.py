"""How much a sentence argues, and what kind of claim it makes, from cue lexicons.

Recommendations ("should", "is far preferable"), predictions ("will", "unlikely", "within
five years"), causal claims ("because", "driven by"), value judgements ("unacceptable",
"isn't worth"), comparisons ("worse than", "rather than"), contrast and stance markers.
Bare facts (dates, figures), questions, quotations of other people and very short or very
long sentences are penalised.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.prompts.voice import quoted_view
from bot.core.text.words import STOPWORDS, normalize

_I = re.IGNORECASE


def _cues(weight: float, *patterns: str) -> list[tuple[float, re.Pattern[str]]]:
    return [(weight, re.compile(p, _I)) for p in patterns]


# A sentence that opens with a verb in the imperative gives advice ("Set a firm target...").
_IMPERATIVE_VERBS = (
    r"^(?:and |then |so |(?:first|second|third|fourth|fifth|next|finally|lastly),? )?"
    r"(?:set|publish|use|count|announce|require|give|apply|review|build|"
    r"make|stop|start|let|put|fund|ban|invest|consider|remember|ask|keep|take|try|avoid|"
    r"ensure|allow|treat|focus|adopt|protect|end|support)\b"
)

# A modal right after "what", "how", "which"… names a question, it recommends nothing: "they are
# taught nothing of what should go between".
_NOT_ASKED = "".join(
    rf"(?<!\b{w} )" for w in ("what", "how", "which", "who", "whom", "where", "when", "why", "whether")
)

# category -> [(weight, pattern)]; a sentence earns a category's best weight plus a little
# for every further cue of the same category.
CUES: dict[str, list[tuple[float, re.Pattern[str]]]] = {
    "recommendation": _cues(
        2.5,
        # (not "should have happened", "must have known": a past that did not happen, or a guess)
        rf"{_NOT_ASKED}\bshould(?:n['’]t)?\b(?!\s+(?:not\s+)?have\b)",
        rf"{_NOT_ASKED}\bmust\b(?!\s+(?:not\s+)?have\b)",
        rf"{_NOT_ASKED}\bought to\b(?!\s+(?:not\s+)?have\b)",
        rf"{_NOT_ASKED}\bneeds? to\b",
        r"\bis (?:far |much |clearly )?(?:preferable|wiser|better)\b",
        r"\bwould be (?:better|wiser)\b",
        r"\b(?:i|we) (?:would )?(?:urge|recommend|propose|suggest|advise)\b",
        r"\b(?:i|we) (?:(?:rise|beg) to )?move that\b",  # a motion: "I rise to move that the Museum be…"
        # the writer's call on others: "We ask the board to reject the plan.", "I call on members to…"
        r"^(?:(?:and|so|finally|therefore),? )?(?:i|we) (?:\w+ly |therefore |also |again )?(?:would )?"
        r"(?:ask|call on|call upon|implore|beg|appeal to|invite|press) (?:[\w\-]+ ){1,4}?to \w+",
        r"\bit is time\b",
        r"\bdeserves?\b",
        r"\bthe (?:goal|answer|solution) is\b",
        # a paper's or a motion's own proposal: "This paper proposes that the University stops …", "The
        # Board is asked to approve an end to …"
        r"\b(?:this|the|our) (?:paper|report|motion|proposal|review|submission) "
        r"(?:proposes|recommends|argues)\b",
        r"\b(?:is|are) (?:therefore )?asked to (?:approve|agree|endorse|adopt|support|reject)\b",
    )
    + _cues(2.0, _IMPERATIVE_VERBS)
    + _cues(1.5, r"\bnobody should\b", r"\bwe have to\b", r"\bneed(?:s|ed)?\b")
    + _cues(1.0, r"\b(?:has|have) to\b"),
    "prediction": _cues(
        2.0,
        r"\b(?:un)?likely\b",
        r"\bwithin (?:a|an|the next|\w+) (?:few )?(?:years?|decades?|months?|weeks?)\b",
        r"\bis (?:bound|set|poised|going) to\b",
        r"\bprediction\b",
        r"\bforecast",
        r"\bwill (?:remain|be|never|not|move|continue|disappear|occur|produce|fade|solve)\b",
        r"\bin the (?:long|short) run\b",
    )
    + _cues(1.0, r"\bwill\b", r"\bwon['’]t\b", r"\bwould (?:enable|produce|lead|mean)\b"),
    "causal": _cues(
        2.0,
        r"\bbecause\b",
        r"\bdue to\b",
        r"\bdriv(?:ing|en by|es)\b",
        r"\blead(?:s)? to\b",
        r"\bguided by\b",
        r"\bresults? in\b",
        r"\bcaus(?:e|es|ed|ing)\b",
        r"\bto blame\b",
        r"\b(?:prime|main|chief) motivator\b",
        r"\bstems? from\b",
        r"\bexplains\b",
        r"\bthe reason\b",
        r"\bso that\b",
        r"\bpredictor\b",
    ),
    "value": _cues(
        2.5,
        r"\bunacceptable\b",
        r"\birrelevant\b",
        r"\bna[iï]vet[eé]\b",
        r"\bna[iï]ve\b",
        r"\bwould be (?:a mistake|an exercise in|a (?:serious )?error)\b",
        r"\b(?:over|under)estimat\w*|\bexaggerat\w*",
        r"\b(?:isn['’]t|is not|not) worth\b",
        r"\bworth (?:the|it)\b",
        r"\bwhat matters\b",
        r"\bmatters?(?: most| more| as much| too)?\b",
        r"\bmean(?:s)? little\b",
        r"\b(?:does|do|did|achieves?|achieved) (?:very |so |remarkably )?little (?:for|to)\b",
        r"\bmakes? (?:no|little) difference\b",
        r"\bunconvincing\b",
        r"\bmisunderstanding\b",
        r"\bmistake\b",
        r"\b(?:un)?fair(?:ness|ly)?\b",
        r"\bworse than (?:none|useless)\b",
        r"\buseless\b",
        r"\bnot (?:a |the )?(?:serious|cosmetic|moral panic)\b",
        r"\bpoor strategy\b",
        r"\bcheapest\b",
        r"\bthe only (?:measure|way|thing)\b",
        r"\bindisputable\b",
        r"\b(?:emotionally )?powerful\b",
        r"\bimpotence\b",
        r"\bcatastrophe\b",
        # what people say of a plan in speech and in chats: "a disgrace", "a nonsense", "fairer"
        r"\b(?:a |an |the )?(?:disgrace|scandal|nonsense|farce|shambles|madness|travesty)\b",
        r"\b(?:ridiculous|absurd|shameful|outrageous|appalling|unjust|fairer|fairest)\b",
        # what a policy does to people: "penalises the students who can least afford it"
        r"\b(?:penali[sz]|punish|disadvantag|undermin)(?:es|ed|ing|s)\b|\bdiscriminat(?:es|ed|ing) against\b",
    )
    + _cues(
        1.5,
        r"\b(?:right|wrong)\b",
        r"\b(?:good|bad|best|worst|wise|foolish|reasonable|legitimate)\b",
        r"\bsimply\b",
        r"\bpractical judgement\b",
        r"\bclearly\b",
        r"\bstrong(?:er|est)?\b",
        r"\breal\b",
        r"\bdamage\b",
        r"\bthreat\b",
        r"\bpositive\b",
        # "easy to announce and hard to undo", "the most harmful", "no use at all"
        r"\bcan (?:least|ill) afford\b",
        r"\b(?:easy|easier|hard|harder|harmful|dangerous|essential|necessary|vital|impossible|painful|"
        r"careless|shrewd|useful|valuable|costly|wasteful|a waste|no use|worthless|false|pointless)\b",
        r"\bthe (?:most|least) \w+|\bthe (?!best|worst)\w{3,}est\b",
        r"\b(?:is|are) not (?:a|an|the|just|merely|simply|about|what)\b|\bany more than\b",
        # "far too slow", "too much for a beginner" (not "me too", "too, …")
        r"\btoo (?!(?:and|but|or|if|when|is|are|was|were|the|a|an|many|much)\b)[a-z]{3,}\b",
        r"\btoo (?:much|many) (?:for|to)\b",
    ),
    "comparison": _cues(
        2.0,
        r"\bfar (?:preferable|easier|harder|weaker|stronger|better|worse|more|less|fewer)\b",
        r"\b(?:worse|better|weaker|stronger|cheaper|safer|easier|harder) than\b",
        r"\bpreferable to\b",
        r"\bas (?:much|good|bad|important) as\b",
        r"\brather than\b",
        r"\binstead of\b",
        r"\b(?:more|less) \w+ than\b",
    ),
    "contrast": _cues(
        1.0,
        r"^(?:but|yet|however|still|nevertheless|instead)\b",
        r"\bhowever\b",
        r"\b(?:but|yet)\b",
        r"\b(?:although|though|despite|notwithstanding)\b",
        r"\bnot (?:just|only|merely)\b",
        r"\bis about more than\b",
        r"\beven if\b",
    ),
    "stance": _cues(
        1.0,
        r"\b(?:my|our) (?:argument|prediction|view|point|position|judgement|complaint|objection|quarrel)\b",
        r"\bi (?:think|believe|would|take|argue|doubt)\b",
        r"\bthe (?:lesson|truth|point) (?:is|was)\b",
        r"\bnone of this\b",
        r"\bpretend\b",
        r"\b(?:absolutely|entirely|never|always|only|crystal clear|easily)\b",
        r"\badmit\b",
    ),
    # A general statement in the present: "A team that cannot keep modules separate … will not keep
    # services separate…" (a bare plural subject often describes: "Phones stay in bags during lessons").
    "general": _cues(
        1.5,
        r"^(?:a|an|every|no|any) [\w\-]+(?: [\w\-]+)?(?: (?:who|that|which) [^,;]{3,60})? (?:is|are|does not|"
        r"do not|cannot|can|will|must|never|always)\b",
    ),
    "hedge": _cues(
        0.5, r"\b(?:may|might|could|perhaps|probably|arguably|appears?|seems?)\b", r"\bfor certain\b"
    ),
}
PRIMARY = ("recommendation", "value", "prediction", "causal", "comparison")

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b(?:1[89]|20)\d\d\b", _I)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_QUOTED = re.compile(r"[\"“][^\"”]{12,}[\"”]")
_REPORTED = re.compile(r"\b(?:said|says|wrote|writes|told|acknowledged|announced|according to|cited)\b", _I)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
_BULLET = re.compile(r"^\s*(?:[•\-*]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class ClaimScore:
    """How argumentative a sentence is, and what kind of claim it makes."""

    score: float
    kind: str
    cues: tuple[str, ...] = ()


QUOTED_VIEW_PENALTY = 0.5  # words quoted and credited to their speaker argue as the words do, a little less


def claim_score(sentence: str) -> ClaimScore:
    """Score one sentence for argumentativeness (higher = more contestable).

    Words quoted and credited to a named speaker ('"…," said Councillor Doyle') score as the
    quoted words do, less :data:`QUOTED_VIEW_PENALTY`: they are that speaker's claim.
    """
    quoted = quoted_view(sentence)
    if quoted is not None:
        own = claim_score(quoted[0])
        return ClaimScore(round(own.score - QUOTED_VIEW_PENALTY, 3), own.kind, own.cues)
    text = " ".join(normalize(sentence).split())
    words = _WORD.findall(text)
    totals: dict[str, float] = {}
    cues: list[str] = []
    for category, patterns in CUES.items():
        hits = []
        for weight, pattern in patterns:
            found = pattern.findall(text)
            if found:
                hits.extend([weight] * len(found))
                cues.append(f"{category}:{found[0].strip().lower()}")
        if hits:
            hits.sort(reverse=True)
            totals[category] = hits[0] + 0.25 * min(len(hits) - 1, 4)
    if "recommendation" not in totals and imperative(text):
        totals["recommendation"] = 2.0
        cues.append("recommendation:imperative")
    score = sum(totals.values())
    # Bare facts, questions and other people's words argue less.
    if text.endswith("?"):
        score -= 4.0
    if text.endswith(":"):
        score -= 1.0
    dates = len(_DATE.findall(text))
    numbers = len(_NUMBER.findall(text))
    score -= 1.5 * min(dates, 2) + 0.5 * min(max(numbers - dates, 0), 3)
    quoted = sum(len(m) for m in _QUOTED.findall(text))
    if quoted > 0.3 * len(text):
        score -= 2.0
    if _REPORTED.search(text):
        score -= 1.0
    n = len(words)
    if n < 6:
        score -= 2.5
    elif n < 9:
        score -= 1.0
    elif n > 60:
        score -= 1.5
    primary = [(totals[c], -PRIMARY.index(c), c) for c in PRIMARY if c in totals]
    kind = max(primary)[2] if primary else "interpretation"
    return ClaimScore(round(score, 3), kind, tuple(cues))


WORD = _WORD  # a word, as claims and topics count them
BULLET = _BULLET  # a list item's bullet or number
IMPERATIVE = re.compile(_IMPERATIVE_VERBS, _I)  # a sentence that opens with advice ("Set a firm target…")

# "Open the branches…", "Share buildings with…", "Record the seed…": a verb of any kind opening the
# sentence, followed by its object's determiner. Words that open sentences otherwise are not verbs.
_VERB_SHAPE = re.compile(
    r"^(?:and |then |so |(?:first|second|third|fourth|fifth|next|finally|lastly),? )?([A-Za-z][a-z]+) "
    r"(?-i:the|a|an|our|your|their|its|this|these|those|every|each|more|"
    r"fewer|less|it|them|him|her|us|all|some|no|what|up|out|off|down|back)\b",
    _I,
)
NOT_VERBS = _NOT_VERBS = frozenset(
    """
    today yesterday tomorrow tonight here there now then once meanwhile overall instead worse later earlier
    afterwards afterward soon
    better above below like unlike inside outside despite without within across along around beyond
    toward towards upon among amongst throughout whether either neither yes no not nor nothing
    everything everyone someone anyone nobody somebody everybody none half most least less more
    thus hence therefore though although unless until since while whilst because whereas perhaps
    maybe indeed also even still yet already always never often sometimes usually rarely first
    second third last next finally one two three four five six seven eight nine ten nevertheless
    nonetheless moreover furthermore besides otherwise likewise accordingly consequently certainly
    surely truly merely almost quite rather such what which who whom whose why how wherefore whereas
    month week year day time decade term season spring summer autumn winter morning evening night
    people men women children folk persons
    """.split()  # noqa: SIM905 (a word list reads better as words)
)


# "Page on symptoms, not on causes.", "Plan for people, not for cars.": a verb, then what to do it on set
# against what not to, with the same preposition
_PARALLEL_ADVICE = re.compile(
    r"^([A-Za-z][a-z]+) (on|for|to|with|by|in|about|from|at|against) [^,;:]{2,40}, not \2\b", _I
)


def imperative(sentence: str, is_name: Callable[[str], bool] | None = None) -> bool:
    """Whether a sentence opens with advice: a listed verb, or any verb before its object's determiner."""
    text = " ".join(normalize(sentence).split())
    if IMPERATIVE.match(text):
        return True
    shape = _VERB_SHAPE.match(text) or _PARALLEL_ADVICE.match(text)
    if shape is None:
        return False
    word = shape.group(1)
    lower = word.lower()
    if re.match(r"^\w+ (?:it|them|him|her|us) (?:is|was|are|were|be|seems?|appears?)\b", text, _I):
        return False  # "Strange it is, that…": an inversion, not advice
    if lower in STOPWORDS or lower in _NOT_VERBS or lower.endswith(("ly", "ing", "ed", "s", "ever")):
        return False
    return not (is_name is not None and is_name(word))
