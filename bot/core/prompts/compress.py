"""A claim's proposition, compressed to what a question can carry: "that …", at most ~130 characters.

Sentence compression by deletion, with rules over the sentence's punctuation and function
words (no parser: a dependency parser was measured and cost more than a whole deck, see
docs): the core keeps the subject, the verb, a negation, the object and the clause that
carries the claim, and drops

- discourse openers ("But", "Indeed,", "In short,"), the speaker's own frame ("I think
  that", "My argument is that"), a reporting frame ("Some argue that") for reported views;
- asides between commas or dashes ("it is to be hoped", "we may suppose", "however"),
  parentheses, examples ("such as …"), footnote markers and Gutenberg's _italics_;
- a leading adverbial phrase ("In the present state of things,") and trailing modifiers
  after a comma (", which …", ", in every age") until the core fits;
- of a sentence cut by semicolons, colons or dashes, every clause but the one that argues.

A core that cannot stand alone is refused (None): one that opens on a word pointing back
("this", "they", "it" but the empty "it is … that"), a speaker's "I"/"my" left inside it,
an exhortation ("stand forth!"), a lead-in ("… the following:"), or a fragment without a
subject and a verb. A refused core means the claim gets no question: it is not posted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

CORE_MAX = 130  # characters of a compressed claim inside a question
CORE_MIN_WORDS = 4
TRIMMED_MIN_WORDS = 7  # a core cut short keeps at least this many words
CLAUSE_MIN_SCORE = 0.0  # a clause taken from a longer sentence must argue this much on its own

_I = re.IGNORECASE


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MARKERS = (
    r"but|yet|and|still|however(?=,)|plus|anyway|anyhow|indeed|instead|after all|of course|in fact|"
    r"in the end|in short|in truth|"
    r"in a word|in other words|that is|nay|now|or|so|hence|thus|therefore|accordingly|then|besides|moreover|"
    r"further(?:more)?|again|lastly|finally|first(?:ly)?|secondly|thirdly|above all|on the contrary|"
    r"on the other hand|at (?:the same time|least|all events)|no doubt|doubtless|surely|certainly|"
    r"undoubtedly|perhaps|consequently|for|too often|to be sure|in the first place|in the second place|"
    r"in (?:this|that) (?:case|sense|respect|way)"
)
_LEADING_MARKER = re.compile(rf"^(?:{_MARKERS})\b\s*[,;:]?\s+", _I)
_OWN_FRAME = re.compile(
    r"^(?:(?:my|our) (?:argument|prediction|view|point|hope|fear|position|conclusion|answer|belief|"
    r"contention) is (?:simple[.:]\s*)?(?:that\s+)?|"
    r"(?:i|we) (?:do )?(?:think|believe|hold|say|trust|contend|maintain|submit|affirm|answer|reply|"
    r"conclude|insist|suspect|fear|hope|argue|repeat|know|am (?:convinced|persuaded|sure)|"
    r"are (?:convinced|persuaded|sure)),?\s+(?:that\s+)?|"
    r"it (?:is|seems|appears) (?:to me|clear|plain|evident|certain|obvious|manifest|"
    r"true) (?:that\s+)?(?=\w+ \w+)|"
    r"it is (?!not)[^,;]{0,70}?\b(?:evident|clear|plain|certain|obvious|manifest|"
    r"true)\b[^,;]{0,70}?,? that\s+"
    r"|(?:speaking|generally speaking|strictly speaking|properly speaking)\s*,?\s+|"
    r"(?:[^,]{0,80}\b(?:must|will|may|can|cannot but|should) (?:perceive|see|admit|allow|"
    r"acknowledge|conclude|"
    r"agree|confess)|it is (?:easy|not difficult|plain|evident) to (?:see|perceive|show)),? that,?\s+)",
    _I,
)
_REPORTING = re.compile(
    r"^.{0,140}?\b(?:(?:is|are) (?:convinced|persuaded|sure)|fears?|worr(?:y|ies)|says?|said|arguing|"
    r"(?:school of thought|view|argument|claim|belief) is|argues?|argued|claims?|claimed|contends?|"
    r"contended|insists?|insisted|"
    r"believes?|believed|maintains?|maintained|holds?|held|thinks?|thought|urges?|urged|asserts?|"
    r"asserted|alleges?|alleged|objects?|objected|tells? us|pretends?|pretended|supposed?)\s+(?:that\s+)?",
    _I,
)
# Asides between commas: an adverb, a parenthetical clause of the speaker's.
_ASIDE_WORDS = (
    r"it is (?:to be )?(?:hoped|feared|said|true|believed|supposed|thought|presumed|admitted)|"
    r"(?:we|i|you|they|it) (?:may|must|might|will|can|shall|should) (?:suppose|say|add|admit|presume|"
    r"observe|remark|be sure|allow|confess|grant)|(?:i|we) (?:think|believe|suppose|fear|trust|hope|say|"
    r"repeat|admit|confess)|as (?:it (?:is|were|seems|happens)|i (?:have )?(?:said|think|believe)|"
    r"we (?:have )?(?:seen|said)|has been (?:said|shown|observed)|(?:is|was) (?:said|supposed|well known)|"
    r"a rule|such|usual|often|yet|well|before|already|before said)|"
    rf"{_MARKERS}|so to speak|in (?:general|particular|some (?:degree|measure|sense))|for (?:the|"
    rf"a) (?:most|great) part|"
    r"to (?:a|some) (?:great |certain )?(?:extent|degree)|at (?:bottom|best|worst|any rate|present|first)|"
    r"for (?:example|instance)|e\.g\.|i\.e\.|like [^,]{1,120}|such as [^,]{1,80}|including [^,]{1,80}|"
    r"despite [^,]{1,60}|"
    r"\w+ly|not (?:least|always|only) [^,]{1,30}|in (?:my|our) (?:opinion|view|judgment|judgement)"
)
_ASIDE = re.compile(rf",\s*(?:{_ASIDE_WORDS}),(?=\s)", _I)
_ADVERBIAL_ASIDE = re.compile(
    r"(?<=\w),\s*(?:in|from|by|with|under|for|at|on|through|upon|after|before|during|within|without|among|"
    r"according to|if|when|unless|though|although|whether|however)\b[^,;:]{1,80},(?=\s(?!(?:but|"
    r"and|or|nor|yet)\b))",
    _I,
)
_DASHED = re.compile(r"\s*(?:--|[—–])\s*[^—–]{1,90}?\s*(?:--|[—–])\s*")
_PARENS = re.compile(r"\s*[(\[][^()\[\]]{0,200}[)\]]")
_FOOTNOTE = re.compile(r"(?:\[\d+\]|(?<=[a-z.,;\"”])\d{1,2})(?=[\s.,;:]|$)")
_ITALICS = re.compile(r"(?<!\w)_([^_]+)_(?!\w)")
# A leading adverbial phrase before the subject: "In the present age,", "Under a government which…,"
_PREPOSITIONS = (
    r"in|on|at|for|with|by|from|of|to|under|among|amongst|after|before|during|upon|within|without|through|"
    r"throughout|beyond|against|as to|in regard to|with regard to|in respect of|in the case of|"
    r"since|till|until|"
    r"despite|notwithstanding|besides|whatever|however \w+|at present|in consequence"
)
_LEADING_PHRASE = re.compile(rf"^(?:{_PREPOSITIONS})\b[^,;:]{{1,90}},\s+", _I)
_LEADING_CONCESSION = re.compile(
    r"^(?:(?:although|though|while|whilst|whereas|even if|even though|granting that|admitting that)\b|"
    r"as \w+ as\b|\w+ notwithstanding\b)[^;:]{0,160}?,\s+(?=\w+\s)",
    _I,
)
# Trailing modifiers that may go when the core is too long.
_TRAILING = re.compile(
    r",\s+(?=(?:which|who|whom|whose|where|while|whilst|because|since|though|although|unless|whereas|"
    r"as (?:if|though|well as)|so that|even (?:if|though|when)|if|when|and (?:so|thus|therefore|that|this)|"
    r"(?:and|but|yet|for|nor) (?:the|a|an|it|they|we|he|she|this|these|those|there|all|no|every|such|"
    r"[A-Z]\w*|\w+s)\s+\w+|from|like|such as|including|especially|particularly|in|on|at|by|with|through|"
    r"without|after|before|during|under|over|among|something|a (?:move|step|decision|prospect))\b)",
)
_CLAUSES = re.compile(r";\s+|:\s+|\s*--\s*|\s*—\s*|\s+–\s+")
_POINTS_BACK = _words(
    """this that these those it its they them their he she his her him which what such there here as
    so thus hence former latter same other others one both each either neither whose who whom where
    when whoever whatever"""
)
_NO_SUBJECT = _words(
    """because since if when where whereas although though while whilst unless until or and nor but
    for must may might can could will would shall should ought is are was were be been has have had
    do does did not only even than then thus hence to of in on at by with from into upon however"""
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|am|will|would|can|cannot|could|must|should|may|might|has|have|had|ought|does|"
    r"do|did|shall|need|needs|\w+ed|(?:is|are|was|were|do|does|did|has|have|had|ca|wo|should|would|could|must|"
    r"need)n['’]t|\w+['’](?:s|re|ll|d) |(?:mean|make|want|need|tell|give|take|lead|remain|seem|"
    r"become|show|prove|"
    r"owe|depend|deserve|matter|cost|serve|help|hold|know|think|believe|see|say|get|keep|find|come|go|exist|"
    r"stand|fall|rise|grow|lie|work|live|fail|succeed|belong|require|involve|include|allow|create|produce|"
    r"cause|bring|follow|apply|change|differ|lose|win|gain|reach|teach|learn|read|write|speak|act|judge|"
    r"rest|spring|flow|tend|count|rule|govern|make|feel|look|appear|agree|admit|oppose|resist|obey|defend|"
    r"destroy|suffer|know|sees|hate|love|fear|hope|wish|prefer|choose|refuse|demand|insist|weigh|last|"
    r"increase|decrease|improve|corrupt|protect|threaten|permit|forbid|deny|affirm|assume|imply|"
    r"mean)s?|\w+(?<![su])s(?= (?:the|a|an|no|that|more|less|far|its|their|his|our|in|on|at|"
    r"by|with|from|not|nothing|all|every|us|them|it|him|what|how|such|itself|only|most|little|much|something)\b))\b"
)
_SPEAKER = re.compile(r"\b(?:I|me|my|mine|myself)\b")
_NOT_SUBJECT_START = _words(
    """else most more less save except even also just then rather still yet wherefore whereby therefore
    one two three four five six seven eight nine ten eleven twelve twenty hundred thousand"""
)
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|replied|answered|cried|exclaimed)\b,?\s+[A-Z]", _I)
_ABSOLUTE = re.compile(r",[^,]{0,60}\b(?:being|having)\b[^,]*$")  # ", the finer essence being lost"
# A pronoun or demonstrative whose antecedent the core left behind ("that they remain ignorant").
_UNRESOLVED = re.compile(
    r"\b(?:they|them|he|him|she|these|those)\b(?!\s+(?:who|which|that)\b)|\bsuch\b(?!\s+as\b)|"
    r"\bthis\b(?!\s+(?:day|time|country|age|world|century)\b)|"
    r"\b(?:that|this)(?=\s*(?:[,.;:]|$)|\s+(?:is|was|during|in|of|by)\b)|"
    r"\bthe (?:first|second|third|former|latter|same|above|foregoing|last|preceding) \w+|"
    r"^the (?:answer|question|point|lesson|reason|problem|result|difference|conclusion|truth) is\b|"
    r"(?<!^)\bit\b(?!\s+(?:is|was|would|will|may|must|can|has|had|seems|appears|does)\b)",
    _I,
)
_NOT_PLURAL = _words("is was has does this thus its his hers yours ours less unless perhaps always sometimes")
_LEAD_IN = re.compile(
    r"^there (?:is|are) (?:yet )?(?:a|another|one|two|three|some) (?:further|more|other|second|third|last|"
    r"weightier)\b|\b(?:may be included|as follows|the following|once upon a time)\b",
    _I,
)
_UNPAIRED = re.compile(
    r"^(?!.*\bbut\b).*\bnot only\b|^(?!.*\bor\b).*\beither\b|^(?!.*\bnor\b).*\bneither\b", _I
)
_DANGLING = _words(
    """a an the of to in on at by for with from and or but nor that which who as than so very more most
    less not its their his her our your this these those be been being is are was were"""
)
_NOT_ADVICE = frozenset(
    ["let", "consider", "suppose", "take", "remember", "ask", "think", "read", "judge", "try"]
)
_CONDITIONAL = re.compile(r"^(?:if|when|unless|where|whenever|wherever)\b[^;:]{3,100}?,\s+(?=\w+\s+\w+)", _I)
_IMPERATIVE = re.compile(
    r"^(?:let us|let|set|publish|use|count|announce|require|give|apply|review|build|make|stop|start|put|"
    r"fund|ban|invest|consider|remember|ask|keep|take|try|avoid|ensure|allow|treat|focus|adopt|protect|end|"
    r"support|teach|learn|judge|trust|beware|refuse|resist|defend|reject|accept|choose|prefer|read|think)\b",
    _I,
)


def _tidy(text: str) -> str:
    text = _ITALICS.sub(r"\1", text)
    text = _FOOTNOTE.sub("", text)
    text = text.replace("“", "").replace("”", "").replace('"', "")
    text = re.sub(r"\s+([,;:.!?])", r"\1", " ".join(text.split()))
    return text.strip()


def _strip_openers(text: str) -> str:
    while True:
        new = _LEADING_MARKER.sub("", text, count=1)
        new = _OWN_FRAME.sub("", new, count=1)
        if new == text:
            return text
        text = new


def _drop_asides(text: str) -> str:
    text = _PARENS.sub("", text)
    text = _DASHED.sub(", ", text)
    previous = None
    while previous != text:
        previous = text
        text = _ASIDE.sub("", text)
        text = _ADVERBIAL_ASIDE.sub("", text, count=1)
    text = re.sub(r",\s*,", ",", text)
    return text


def _drop_leading(text: str) -> str:
    for pattern in (_LEADING_CONCESSION, _LEADING_PHRASE):
        cut = pattern.sub("", text, count=1)
        if cut != text and _has_subject(cut) and not re.match(r"^[^,]{1,40},\s*\w+s\b", cut):
            text = cut  # (not "a conventional invasion, jeopardizes…": an apposition cut from its noun)
    return text


def _has_subject(clause: str) -> bool:
    """A clause that opens with a subject and has a finite verb (roughly: "men must be free")."""
    words = clause.split()
    if len(words) < CORE_MIN_WORDS:
        return False
    conditional = _CONDITIONAL.match(clause)
    if conditional and not _FINITE.search(clause[: conditional.end()].split(None, 1)[-1]):
        return False  # "if any part, the shell…": the condition has no verb of its own
    if conditional:  # "If we never acted on our opinions, we should leave…": the main clause must stand
        return _has_subject(clause[conditional.end() :])
    first = words[0].lower().strip("\"'(")
    if first == "to" and re.search(r"\b(?:would be|is|was|will be|must be|seems)\b", clause):
        return True  # "To pretend a sudden resurgence… would be naive": an infinitive subject
    if first in _NO_SUBJECT or any(w.lower() in ("having", "being") for w in words[:4]):
        return False
    if (first.endswith("ly") and first not in ("only",)) or first in _NOT_SUBJECT_START:
        return False  # "Unhappily there is…", "else he will…": an adverb, not a subject
    if first.endswith("ing") and "," in " ".join(words[:6]):
        return False  # "Waiving this possibility, …": a participle phrase
    if re.match(r"^\w+(?: it is)?,? that\b", clause, _I):
        return False  # "Strange that they should…": an exclamation without its verb
    return bool(_FINITE.search(" ".join(words[1:])))


def _antecedent(pronoun: str, before: str) -> bool:
    """Whether what the pronoun points at stands earlier in the core ("judges…, so they will…")."""
    words = [w.strip(",;").lower() for w in before.split()]
    if pronoun in ("he", "him", "she", "her"):
        return bool(re.search(r"(?<!^)\b[A-Z][a-z]+\b", before))
    if pronoun in ("they", "them"):
        return any(w.endswith("s") and len(w) > 3 and w not in _NOT_PLURAL for w in words)
    if pronoun == "it":
        return bool(re.search(r"\b(?:the|a|an)\s+\w+", before)) and "," in before
    if pronoun in ("that", "this"):
        return bool(re.search(r",\s+(?:and|but|so)\s*$", before))  # "…, and that is the surest road"
    return False


def _main_verb(clause: str) -> bool:
    """A verb outside the subject's relative clause ("the objections which have been brought" has none)."""
    relative = re.search(r"\b(?:which|who|whom|whose)\b", clause)
    verbs = [m.start() for m in _FINITE.finditer(clause)]
    if not verbs:
        return False
    if relative is None or verbs[0] < relative.start():
        return True
    return len([v for v in verbs if v > relative.start()]) >= 2


def _points_back(clause: str) -> bool:
    """Opens on a word that needs the sentence before ("This is why…", "They…"); "it is … that" is fine."""
    words = clause.split()
    first = re.sub(r"['’](?:s|re|ll|d)$", "", words[0].lower().strip("\"'(,"))  # "it's", "that's"
    if re.match(r"^(?:he|she|they|those|that|one)\s+who\b|^what\s+\w+s\b", clause, _I):
        return False  # "He who knows only his own side…": a general subject, not a pointer
    if first == "it" and re.match(
        r"^it (?:is|was|would be|will be|may be|must be|seems) (?!there|here|then|now|this|thus|"
        r"so|in|on|at)\w+(?: \w+)? (?:that|to)\b",
        clause,
        _I,
    ):
        return False  # the empty "it": "It is better that…", "It is necessary to…"
    if (
        first == "there"
        and len(words) > 1
        and words[1].lower() in ("is", "are", "was", "were", "can", "will", "may")
    ):
        return False  # "There is no…"
    if first in ("such", "so") and len(words) > 1 and words[1].lower() not in ("is", "are", "was", "were"):
        return True
    return first in _POINTS_BACK


def _lower_first(text: str, is_name: Callable[[str], bool]) -> str:
    first = text.split(maxsplit=1)[0]
    if is_name(re.sub(r"['’]s$", "", first.strip("\"'(,"))) or first == "I":
        return text
    return text[:1].lower() + text[1:]


def _shout(text: str, is_name: Callable[[str], bool]) -> str:
    """Drop-capitals and emphasis in capitals ("LET the", "the CAUSES of faction"), lower-cased."""

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        return word if is_name(word) else word.lower()

    return re.sub(r"\b[A-Z]{2,}\b", fix, text)


def _trim(text: str) -> str | None:
    """Cut trailing modifiers after commas until the core fits; None when it never does."""
    while len(text) > CORE_MAX:
        cuts = [m.start() for m in _TRAILING.finditer(text) if m.start() > 20]
        if not cuts:
            return None
        fitting = [c for c in cuts if c <= CORE_MAX]
        text = text[: (fitting[-1] if fitting else cuts[0])].rstrip(" ,;")
    return text


def core(
    sentence: str,
    is_name: Callable[[str], bool],
    score: Callable[[str], float] | None = None,
    *,
    reported: bool = False,
) -> str | None:
    """The claim's proposition as it can follow "that" in a question, or None.

    `is_name` says which capitalised words are names (kept capitalised); `score` rates how
    much a clause argues, to pick the clause of a sentence cut by semicolons or dashes;
    `reported` strips the reporting frame of a view the author reports ("Critics say that").
    """
    text = _tidy(sentence)
    if (
        not text
        or text.rstrip().endswith(("!", "?", ":"))
        or re.search(r"\bthe following\b|\bas follows\b", text, _I)
    ):
        return None  # an exhortation, a question, a lead-in
    if reported:
        text = _REPORTING.sub("", text, count=1)
    text = text.rstrip(" .;,")
    text = _strip_openers(text)
    if _IMPERATIVE.match(text) and not reported:
        if text.split()[0].lower() in _NOT_ADVICE:
            return None  # "Let us suppose…", "Consider…": a step of the argument, not advice
        text = "we should " + text[:1].lower() + text[1:]
    text = _drop_asides(text)
    clauses = [c.strip(" ,") for c in _CLAUSES.split(text) if c.strip(" ,")]
    options = [text] if len(clauses) == 1 else [text, *clauses]
    finished = [(c, done) for c in options if (done := _finish(_strip_openers(c)))]
    if not finished:
        return None
    if len(clauses) > 1 and finished[0][0] is text:
        return _lower_first(_shout(finished[0][1], is_name), is_name)  # the whole sentence fits
    if score is not None:
        finished = [f for f in finished if f[0] is text or score(f[0]) >= CLAUSE_MIN_SCORE]
        if not finished:
            return None
    best = max(finished, key=lambda f: (score(f[0]) if score else 0.0, -options.index(f[0])))
    return _lower_first(_shout(best[1], is_name), is_name)


def _finish(text: str) -> str | None:
    """One clause made into a core (leading adverbials dropped, trimmed, checked), or None."""
    text = _drop_leading(text)
    before = text.strip(" ,;")
    text = _trim(before)
    if text is None or (text != before and len(text.split()) < TRIMMED_MIN_WORDS):
        return None
    if not _main_verb(text):
        return None
    text = _ABSOLUTE.sub("", text).strip(" ,;.")
    if not text or text.split()[-1].lower() in _DANGLING or _REPORTED_SPEECH.search(text):
        return None
    for found in _UNRESOLVED.finditer(text):
        word = found.group().lower().split()[0]
        demonstrative = word in ("this", "these", "those") and re.match(
            r"\s+(?!(?:is|was|are|were|during|in|of|by|would|will|can|could|may|must|should|has|had|does|did|"
            r"seems|means|makes|shows)\b)[a-z]",
            text[found.end() :],
        )
        if demonstrative and len(text[: found.start()].split()) >= 3:
            continue  # "…will abuse this power": past the subject, a demonstrative reads in context
        if not _antecedent(word, text[: found.start()]):
            return None  # a pronoun whose antecedent is not in the core ("Putin… he" is fine)
    if not _has_subject(text) or _points_back(text) or _SPEAKER.search(text) or _LEAD_IN.search(text):
        return None
    if text.count("(") != text.count(")") or re.search(r"[?;:\[\]_`*]", text):
        return None
    if _UNPAIRED.search(text):
        return None  # "not only X" without its "but Y"
    return text
