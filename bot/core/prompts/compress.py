"""A claim's proposition, compressed to what a question can carry: "that …", at most ~130 characters.

Sentence compression by deletion, with rules over the sentence's punctuation and function
words (no parser: dependency-tree deletion with spaCy was measured against these rules and
garbled more, chose the wrong clause more and cost seconds and ~350 MB, see docs/PARSER.md):
the core keeps the subject, the verb, a negation, the object and the clause that carries the
claim, and drops

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

What wraps a claim is taken off by :mod:`.openers`, advice is put as what someone should do by
:mod:`.advice`, and :mod:`.clauses` says whether a clause has a subject and a main verb.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.prompts.advice import IMPERATIVE as _IMPERATIVE
from bot.core.prompts.advice import JUSSIVE as _JUSSIVE
from bot.core.prompts.advice import LET_STEP as _LET_STEP
from bot.core.prompts.advice import NOT_ADVICE as _NOT_ADVICE
from bot.core.prompts.clauses import CORE_MIN_WORDS
from bot.core.prompts.clauses import FINITE as _FINITE
from bot.core.prompts.clauses import has_subject as _has_subject
from bot.core.prompts.clauses import main_verb as _main_verb
from bot.core.prompts.clauses import verbs as _verbs
from bot.core.prompts.cues import imperative
from bot.core.prompts.openers import CITED as _CITED
from bot.core.prompts.openers import LEADING_MARKER as _LEADING_MARKER
from bot.core.prompts.openers import OWN_FRAME as _OWN_FRAME
from bot.core.prompts.openers import REPORTING as _REPORTING
from bot.core.prompts.openers import drop_asides as _drop_asides
from bot.core.prompts.openers import strip_openers as _strip_openers
from bot.core.prompts.openers import tidy as _tidy
from bot.core.prompts.references import (
    CONDITIONAL,
    CONTRASTIVE_CLEFT,
    DANGLING,
    points_back,
    resolve_opening,
    unresolved,
    unresolved_at,
)
from bot.core.prompts.voice import quoted_view

CORE_MAX = 150  # characters of a compressed claim inside a question (the issue aims at ~160)
APHORISM_WORDS = 16  # a sentence this short ending "…of that" is read whole
TRIMMED_MIN_WORDS = 7  # a core cut short keeps at least this many words
CLAUSE_MIN_SCORE = 0.0  # a clause taken from a longer sentence must argue this much on its own
PUNCHLINE_WORDS = 4  # a colon followed by this few words ends on a punchline the core cannot carry

_I = re.IGNORECASE


# A leading adverbial phrase before the subject: "In the present age,", "Under a government which…,"
_PREPOSITIONS = (
    r"in|on|at|for|with|by|from|of|to|under|among|amongst|after|before|during|upon|within|without|through|"
    r"throughout|beyond|against|as to|in regard to|with regard to|in respect of|in the case of|"
    r"since|till|until|"
    r"despite|notwithstanding|besides|whatever|however \w+|at present|in consequence"
)
# ("Without fines, books will not come back": a condition, kept)
# (with its comparison: "In Harwick, as in most British cities, the people who…")
_LEADING_PHRASE = re.compile(
    rf"^(?!without\b)(?:{_PREPOSITIONS})\b[^,;:]{{1,90}},\s+(?:as (?:in|with|for|at|on) [^,;:]{{1,60}},\s+)?",
    _I,
)
_LEADING_CONCESSION = re.compile(
    r"^(?:(?:although|though|while|whilst|whereas|even if|even though|granting that|admitting that)\b|"
    # "Familiar as the voice of the mind is to each, …"
    r"[a-z]+ as (?=[^,;:]{1,80}\b(?:is|are|was|were|be|seems?)\b[^,;:]{0,30},)|"
    r"as \w+ as\b|\w+ notwithstanding\b)[^;:]{0,160}?,\s+(?=\w+\s)",
    _I,
)
# Trailing modifiers that may go when the core is too long.
_TRAILING = re.compile(
    r",\s+(?=(?:which|who|whom|whose|where|while|whilst|because|since|though|although|unless|whereas|"
    r"whether|as (?:if|though|well as)|so that|even (?:if|though|when)|if|when|"
    r"and (?:so|thus|therefore|that|this)|as (?:many|most|some|others|we|they|it|he|she) |"
    r"not|so (?!that|as|much|far|long)|"
    r"and (?:would|will|could|might) (?!not\b)\w+|"  # "…, and would protect buildings": a second predicate
    r"(?:and|but|yet|for|nor) (?:(?:any|every|no|some)(?:one|body)|"
    r"the|a|an|it|they|we|he|she|this|these|those|there|all|no|every|such|"
    r"[A-Z]\w*|\w+s)\s+\w+|from|like|such as|including|especially|particularly|in|on|at|by|with|through|"
    r"without|after|before|during|under|over|among|something|a (?:move|step|decision|prospect)|"
    # "Schools should end X, keep reading at home…, and tell parents why": a list of what to do
    # "…should keep the Lido open every month, and pay for the winter by…": a second predicate
    r"and [a-z]+ (?:for|by|with|from|into|on|in)\s(?=\w+)|"
    r"(?:and )?(?:keep|tell|make|give|take|put|set|let|publish|stop|start|end|fund|build|invite|charge|print|"
    r"review|require|allow|protect|support|adopt|ensure|avoid|ask|use|treat|focus)\s(?=\w+))\b)",
)
# A passive verb closing the text before a cut: "…would be satisfied" of "…, by the spectacle of wealth"
_PASSIVE_END = re.compile(
    r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?(?:\w+(?:ed|en|wn)|read|paid|made|done|said|held|"
    r"told|sold|built|taught|thought|brought|bought|caught|sought|kept|left|meant|put|set|felt|lost|spent|"
    r"sent|found|heard|led|fed|shut|cut|hurt|won|struck|understood)(?:\s+\w+ly)?$",
    _I,
)


def _cuts_agent(text: str, at: int) -> bool:
    """Whether cutting `text` at `at` parts a passive verb from its agent ("would be read, by councils…").

    What follows is the verb's own complement, not a trailing modifier: the core left would end on
    "the paper would be read" or "the high sense of social duty would be satisfied".
    """
    if re.match(r",\s+by\s", text[at:], _I) and _PASSIVE_END.search(text[:at].rstrip(" ,;")):
        return True
    # "Some perplexity respecting the rights of the courts | , because contrary to the Constitution, has
    # arisen from…": the cut drops an aside and the verb after it
    if re.match(
        r",\s+[^,;:]{3,60},\s+(?:has|have|had|is|are|was|were|will|would|must|can|may|should|shall|does|do|did)\s",
        text[at:],
        _I,
    ):
        return True
    # "…and it ends, three hundred pages later | , with a proposal that…": the aside stood between the verb
    # and its complement
    enclosed = re.search(r",\s+([^,;:]{2,40})$", text[:at].rstrip(" ,;"))
    if (
        enclosed is not None
        and not _FINITE.search(
            re.sub(r"\b(?:hundred|indeed|sacred|kindred)\b", "", enclosed.group(1), flags=_I)
        )
        # (an adverbial of time or manner, not a phrase of its own: "…, upon the bleakest ground", "…, and
        # freedom of the expression of opinion", "…, but as machines")
        and not re.match(
            r"(?:and|but|or|nor|not|in|on|at|by|with|upon|from|to|for|of|into|under|over|as|like|after|before)\b",
            enclosed.group(1),
            _I,
        )
        and re.match(r",\s+(?:with|by|to|into|as|for|from|on|in)\s", text[at:], _I)
    ):
        return True
    # "…for coal, water, wages and repairs, and the receipts | , if the baths are used…, would…": the
    # conjunct's verb comes after the cut (an aside opens after the conjunct; "…a housing question, and a
    # health question, before it is…" is an object's)
    aside = re.match(r",\s+(?:if|who|which|whose|when|where|though|although|unless)\b", text[at:], _I)
    return aside is not None and bool(_BARE_CONJUNCT.search(text[:at].rstrip(" ,;")))


_BARE_CONJUNCT = re.compile(
    r",\s+and\s+(?:the|a|an|its|their|our|his|her|this|these|those)\s+[\w\-]+(?:\s+[\w\-]+)?$", _I
)


# The trailing modifiers a clause may lose when they point outside it (not "…, and Milton").
_MODIFIER = re.compile(
    r",\s+(?:which|who|whom|whose|where|while|whilst|because|since|though|although|unless|whereas|if|when|"
    r"whether|so|not|and (?:so|thus|therefore)|as (?:if|though|well as)|so that|even (?:if|though|when)|"
    r"as (?:many|most|some|others|we|they|it|he|she) |"
    r"from|like|"
    r"such as|including|in|on|at|by|with|through|without|after|before|during|under|over|among)\b",
    _I,
)
_CLAUSES = re.compile(r";\s+|:\s+|\s*--\s*|\s*—\s*|\s+[–-]\s+")  # (a spaced hyphen: a typed dash)
# Before a colon, words that announce the claim after it: "they agree on this:", "one thing:".
_ANNOUNCES = re.compile(
    r"(?:\b(?:on|is|was|are|were|be|of)\s+this|\bone thing|\bthat much|"
    # "A public library rests on one idea: that…", "I want to argue something that will annoy…: X",
    # "I wish to set down … a plain heresy: that X", "Our objection is narrower: X"
    r"\bone (?:idea|principle|rule|belief|conviction)|"
    r"\b(?:argue|say|propose|suggest|set down|put forward|maintain|submit)\b[^:;]{0,80}?\b(?:something|"
    r"a (?:\w+ )?(?:heresy|truth|idea|proposition|principle|thesis))\b[^:;]{0,60}?|"
    r"\b(?:objection|point|case|argument|answer|position|complaint|concern) is (?:simpler|simple|narrower|"
    r"broader|plain|short))\s*$",
    re.IGNORECASE,
)
# Before a colon, "the Council should do three things": what follows says what they are.
_STEPS = re.compile(
    r"^(.+?\b(?:should|must|ought to|need to|needs to))\s+(?:do|take|make|adopt|consider)\s+"
    r"(?:\w+\s+)?(?:things|steps|measures|changes|reforms|actions)$",
    _I,
)
# Before a colon, "X is the worst of both" / "are the ones": the colon's part names a thing.
# A colon's series of things: three items or more, short ones first ("scrubbed floorboards, the beams, and …")
_THINGS = re.compile(r"^(?:[^\s,;:]+(?:\s+[^\s,;:]+){0,3},\s+){2,}(?:and|or)\s")
_NAMES_A_THING = re.compile(r"\b(?:is|are|was|were)\s+(?:the|a|an|one|those)\b[^,;]*$", re.IGNORECASE)
_SPEAKER = re.compile(
    r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Oo]urs)\b"
)  # ("a town like ours": the writer's)
# "He who knows only his own side of the case, knows little": the old comma between subject and verb.
_SUBJECT_COMMA = re.compile(
    r"^((?:he|she|they|those|one|whoever|whatever|all|what) (?:who|that|which)?\b[^,;]{3,90}),\s+"
    r"(?=[a-z]+s\b)|"
    # "The authority which can declare the acts of another void, must necessarily be superior…"
    r"^((?:the|a|an|every|any|no)\s+[\w\-]+\s+(?:which|who)\s[^,;]{3,90}),\s+"
    r"(?=(?:must|will|would|can|cannot|could|should|may|might|shall)\s+(?!not\b)\w+)",
    _I,
)
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|replied|answered|cried|exclaimed)\b,?\s+(?-i:[A-Z])", _I)
_ABSOLUTE = re.compile(r",[^,]{0,60}\b(?:being|having)\b[^,]*$")  # ", the finer essence being lost"
_LEAD_IN = re.compile(
    r"\b(?:less |un)?(?:necessary|needless) to (?:recapitulate|repeat|dwell|enlarge|insist|say more)\b|"
    r"\bthe (?:least|last|first|chief|main|greatest|smallest) of (?:the|these|my|our|its) "
    r"(?:objections|reasons|arguments|points|considerations|dangers|evils)\b|"
    r"^there (?:is|are) (?:yet )?(?:a|another|one|two|three|some) (?:further|more|other|second|third|last|"
    r"weightier)\b|\b(?:may be included|as follows|the following|once upon a time)\b|"
    r"\b(?:notice|account|mention) of (?:those|them|what)\b|"
    r"\bthose who (?:say|argue|think|hold|maintain|tell)\b|"
    r"\b(?:shall|will|let us|I shall|we shall) (?:now |next |briefly )?(?:consider|examine|show|turn|discuss|"
    r"inquire|proceed)\b|\bshall mean\b|\b(?:we|i) (?:now )?proceed (?:now )?to\b|"
    # "To say that the commons is a check upon the king presupposes two things": what they are follows
    r"\b(?:two|three|four|five|several|a few|some) (?:things|points|conditions|considerations|requirements|"
    r"questions|steps|reasons)$",
    _I,
)
_UNPAIRED = re.compile(
    r"^(?!.*\bbut\b)(?!.*\band not only\b).*\bnot only\b|"
    r"^(?!.*\bor\b).*\beither\b(?!\W*$)|^(?!.*\bnor\b).*\bneither\b|"
    r"^(?!.*\band\b).*\bbetween\b",
    _I,
)

# A modal whose verb is left out: "A state law cannot, and the exemptions…".
_ELLIPSIS = re.compile(
    # "…, and it should before it cuts anything": a modal whose verb stands elsewhere
    r"\b(?:should|must|will|would|can|could|may|might|shall)(?: not)? (?:before|after|because|if|when|unless|"
    r"until|since|though|although|but|and|or)\b|"
    r"^(?:the|a|an|this|no|every)\s+[\w\-]+(?:\s+[\w\-]+){0,3}\s+(?:cannot|can|will|would|should|must|may|"
    r"might|could)(?: not)?\s*(?:[,;:]|$)|\b(?:cannot|can't|won't|will not|would not|should not|could not|"
    r"must not)\s*(?:[,;:]|$)",
    _I,
)


# "The saving is real, but it has been bought from…", "The numbers are small, yet they…": a short grant
# of one clause (a subject, "is", a word or two) whose subject the turn takes up by a pronoun
_GRANT_THEN_TURN = re.compile(
    r"^((?:the|a|an|this|our|their|its)\s+(?:[\w\-]+\s+){0,2}?[\w\-]+\s+(?:is|are|was|were|may be|"
    r"might be)\s+(?:\w+\s+)?[\w\-]+),\s+(?=(?:but|yet)\s+(?:it|they)\s+\w+\s+\w+)|"
    # "Mr Hargreave's remedy of cutting the stalls to thirty would help, but it would also mean…": a
    # named proposal granted in a modal and a verb, then what it would also do
    r"^((?:the|a|an|this|our|their|its|[A-Z][\w\-]*\s+[A-Z][\w\-]*['’]s|[A-Z][\w\-]*['’]s)\s+"
    r"(?:[\w\-]+\s+){0,8}?(?:would|will|may|might|could|can)\s+(?:\w+\s+)?[\w\-]+),\s+"
    r"(?=(?:but|yet)\s+(?:it|they)\s+(?:would|will|may|might|could|can)\s+(?:also\s+)?\w+)",
    _I,
)
# The speaker's stance and its reason: "I am going to argue against it anyway, not because phones are
# harmless, but because a statewide ban answers the wrong question": the reason is the claim
_NOT_BECAUSE_BUT = re.compile(
    r"^(?:i|we)\b[^;:]{0,80}?,?\s+not because\b[^;:]{3,120}?,\s+but because\s+([a-z][^;:]+)$", _I
)
# The speaker's preference, asked as what is better: "I would rather lose an argument about how we share
# things than win one about…" ("it is better to lose an argument about … than to win one about …")
_RATHER = re.compile(
    r"^(?:(?:but|and|so|yet),?\s+)?(?:i|we)\s+(?:would|had|'d)\s+(?:much\s+|far\s+)?(?:rather|sooner)\s+"
    r"(?!not\b|be\b|have\b)([a-z][^;:]+?)\s+than\s+(?!to\b|not\b)([a-z][^;:]+)$",
    _I,
)
# "X, and that Y" after a stripped "that"-frame (not "…, and that is the worst deception": a demonstrative)
_AND_THAT = re.compile(
    r"(?<=\w),? and that (?=\w+ \w)(?!(?:is|was|are|were|will|would|has|had|can|may|must)\b)"
)
# "Let the savings banks be open…", "let every door be shut": what a thing named should be
_LET_BE = re.compile(
    r"^let ((?:the|every|each|all|our|your|their|this|these|those|no)\s+[a-z\-]+(?:\s+[a-z\-]+)?)"
    r"\s+be\s+(?=\w)",
    _I,
)
# "Give a man time, and you give him the chance…": an imperative whose "and you" says what follows from it
# (a consequence, not advice: asked as "if you give a man time, you give him…")
_IF_YOU_DO = re.compile(
    r"^([A-Za-z]+)\s+([^;:]+?),?\s+and\s+(?:then\s+)?((?:you|it|he|she|they|there|we|people|(?:some|many|most|half)\s+"
    r"of\s+us)\s+(?!should\b|must\b)[^;:]+)"
    r"(?:;.*)?$"
)
# "You may shut every public house, and you will have a town of men who do not drink": a grant
# whose point is what follows from it
_YOU_MAY_AND = re.compile(
    r"^you\s+(?:may|might|can|could)\s+([^;:,]+?),?\s+and\s+(you\s+(?:will|would|shall)\s+[^;:]+)$", _I
)
_COORDINATED_TAIL = re.compile(r",\s+(?:and|but|yet|so|for)\s+[^,]+$")
_COMPARATIVE = re.compile(r"\b(?:more|less|fewer|rather|sooner|\w{3,}er) (?!than\b)\w+", _I)


_CROSS_REFERENCE = (
    r"^(?:see|cf\.?|refer to)\s+(?:also\s+)?(?:the\s+)?(?:\w+\s+)?(?:section|chapter|page|appendix|"
    r"license|licence|notice|note|below|above|part|clause|table|figure)\b"
)


# "Mrs Pryce is right that X": the speaker grants a named person's point, X
_RIGHT_THAT = re.compile(
    r"^(?:(?i:mr|mrs|ms|dr|miss|cllr|councillor|professor)\.?\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?\s+"
    r"(?:is|was)\s+(?:quite\s+|entirely\s+|surely\s+|also\s+)?right\s+(?:to\s+say\s+)?that\s+(?=\w+\s+\w)"
)


# A short leading phrase with no comma before a reported view's clause: "in a hard year the city must…"
_LEADING_BARE_PHRASE = re.compile(
    r"^(?:in|on|at|during|for|after|before|by|to|among)\s+(?:[\w\-]+\s+){1,3}?"
    r"(?=(?:the|a|an|we|they|people|most|many|every|no)\s+(?:[\w\-]+\s+){0,2}?(?:must|should|will|would|can|"
    r"cannot|could|is|are|was|were|has|have|does|do)\b)",
    _I,
)


# A participle phrase describing the noun of a leading phrase: "(in this country,) practically governed as it
# is now by universal suffrage, every man…": with the phrase gone it would describe the subject
_LEADING_PARTICIPLE = re.compile(
    r"^(?:\w+ly\s+)?[a-z]+(?:ed|en|wn)\s+(?:together\s+)?(?:as|by|in|with)\b[^,;:]{3,80},\s+", _I
)


# "Taken together with the superior facilities, we are satisfied that…": a participle phrase before a pronoun
_LEADING_PARTICIPLE_WE = re.compile(
    r"^[a-z]+(?:ed|en|wn)\s+(?:together\s+)?(?:as|by|in|with)\b[^,;:]{3,80},\s+(?=(?:we|i|they|it)\s)", _I
)


# A modal and its verb outside a relative: "Within eight weeks the respondent shall clear…," is a clause
_MODAL_CLAUSE = re.compile(  # (not "Whatever of good may have come…,": a concession)
    r"^(?!(?:whatever|however|whoever|wherever|whenever)\b)"
    r"(?:(?!\b(?:that|which|who|whom|whose|where|when)\b).)*?\b(?:shall|will|must|should|can|cannot|may|"
    r"would|could)\s+(?:not\s+)?[a-z]+",
    _I,
)


def _drop_leading(text: str) -> str:
    for pattern in (_LEADING_CONCESSION, _LEADING_PHRASE, _LEADING_PARTICIPLE_WE):
        cut = pattern.sub("", text, count=1)
        if pattern is _LEADING_PHRASE and _MODAL_CLAUSE.match(text[: len(text) - len(cut)]):
            continue  # (the main clause, not a phrase before it)
        # (not "After the Egyptian and Indian, the Greek and Roman, …, the Negro is…": a list goes on)
        listed = re.match(r"^(?:the |a |an )?[\w\-]+ and (?:the |a |an )?[\w\-]+,\s", cut, _I)
        if cut != text and _has_subject(cut) and not re.match(r"^[^,]{1,40},\s*\w+s\b", cut) and not listed:
            text = cut  # (not "a conventional invasion, jeopardizes…": an apposition cut from its noun)
            if pattern is _LEADING_PHRASE:
                bare = _LEADING_PARTICIPLE.sub("", text, count=1)
                text = bare if bare != text and _has_subject(bare) else text
            # "(As to a wider culture,) it is to be recollected that X": the frame the phrase hid
            framed = _OWN_FRAME.sub("", text, count=1)
            text = framed if framed != text and _has_subject(framed) else text
    return text


# "The shortening of the working day is therefore not…": the link to the argument before, which the
# question does not carry ("is Ashgrove right that … is therefore not …" reads as a garble)
_LINKING = re.compile(
    r"(?<=\w)(?:,\s+|\s+)(?:therefore|thus|hence|accordingly|consequently|moreover|furthermore|"
    # (not "Truth, thus held, is…": the adverb of a phrase of its own)
    r"nevertheless|nonetheless)(?:,\s+|\s+)(?=\w)(?![\w\-]+,)",
    _I,
)


_COMMON_POSSESSORS = frozenset(
    {
        *("today", "yesterday", "tomorrow", "everyone", "everybody", "nobody", "somebody", "someone"),
        *("anyone", "anybody", "one", "each", "other", "another", "year", "week", "month", "night", "day"),
        *("town", "city", "country", "world", "nation", "man", "woman", "child", "people"),
    }
)


def _lower_first(text: str, is_name: Callable[[str], bool]) -> str:
    text = _LINKING.sub(" ", text)
    first = text.split(maxsplit=1)[0]
    if is_name(re.sub(r"['’]s$", "", first.strip("\"'(,"))) or first == "I":
        return text
    if (
        re.match(r"^(?:Mr|Mrs|Ms|Dr|Miss|Sir|Dame|Lady|Lord|Cllr|Councillor|Professor|St)\.?$", first)
        and len(text.split()) > 1
        and text.split()[1][:1].isupper()
    ):
        return text  # "Mrs Pryce is right…": a title before a name
    if re.match(r"^[A-Z][a-z]+['’]s$", first) and first[:-2].lower() not in _COMMON_POSSESSORS:
        return text  # "Nottingham's levy has raised…": a name's possessive, though it opens every sentence
    return text[:1].lower() + text[1:]


def _shout(text: str, is_name: Callable[[str], bool]) -> str:
    """Drop-capitals and emphasis in capitals ("LET the", "the CAUSES of faction"), lower-cased."""

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        named = re.search(r"\b(?:a|an|the)\s+$", text[: m.start()], re.IGNORECASE) and word in _KEY_WORDS
        return word if is_name(word) or named else word.lower()

    return re.sub(r"\b[A-Z]{2,}\b", fix, text)


# A standard's key words named as words: "a SHOULD would make the field unreliable" (not "a should")
_KEY_WORDS = frozenset(["MUST", "SHOULD", "MAY", "SHALL", "REQUIRED", "RECOMMENDED", "OPTIONAL"])


def _trim(text: str) -> str | None:
    """Cut trailing modifiers after commas until the core fits; None when it never does."""
    cleft = CONTRASTIVE_CLEFT.match(text)
    kept = max(20, cleft.end() if cleft else 0)  # never cut a cleft before its point ("…, that should…")
    while len(text) > CORE_MAX:
        cuts = [
            m.start()
            for m in _TRAILING.finditer(text)
            if m.start() > kept and not _cuts_agent(text, m.start())
        ]
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
    quoted = quoted_view(sentence) if reported else None
    if quoted is not None:  # '"Cutting it saves little," said Councillor Doyle': the words she is quoted in
        sentence = quoted[0]
    # "No. The district's draft calendar…": an answer's first word, a sentence of its own
    text = re.sub(r"^(?:no|yes)[.!]\s+(?=[A-Z])", "", _tidy(sentence), flags=_I)
    if (
        not text
        or text.rstrip().endswith(("!", "?", ":"))
        or re.search(r"\bthe following\b|\bas follows\b", text, _I)
    ):
        return None  # an exhortation, a question, a lead-in
    opened = text
    if reported:
        framed = text
        text = _REPORTING.sub("", text, count=1)
        said_that = text != framed  # ("The water companies will argue the cost will…": no "that")
        text = _holder_for_pronoun(framed[: len(framed) - len(text)], text)
        bare = _LEADING_BARE_PHRASE.sub(
            "", text, count=1
        )  # ("Beale argues that in a hard year the city must…")
        text = bare if _has_subject(bare) else text
        # "Her new book argues that homework should be abolished…, and it has made a lot of teachers very
        # cross": the reporter's own clause after the view (not "…, and that…": the view goes on)
        view = re.sub(r",\s+and\s+(?:it|this|they|he|she)\s+\w+[^:;]*$", "", text, flags=_I)
        text = view if said_that and view != text and _has_subject(view) else text
    text = text.rstrip(" .;,")
    # how the speaker means it, before the frame: "Finally, and I say this carefully, I think X"
    text = re.sub(
        r",\s*(?:and\s+)?(?:i|we) (?:say|put|mean) (?:this|it|so) [^,]{1,30},(?=\s)", ",", text, flags=_I
    )
    unmarked = _LEADING_MARKER.sub("", text, count=1)
    thesis_first = bool(_OWN_FRAME.match(unmarked))  # "It is evident that X; …": X is the thesis
    text = _strip_openers(text)
    if thesis_first and not reported:  # "I now think X, and I want to make the case before …": X, the thesis
        text = re.sub(r",\s+and\s+(?:i|we)\s+(?!(?:think|believe|hold)\b)[^;:]*$", "", text, flags=_I)
    # (not in a sentence of several clauses: without "is right that" its first reads as narration)
    granted_point = None if reported or ";" in text else _RIGHT_THAT.match(text)
    if granted_point is not None:  # "Mrs Pryce is right that the council has run the market down": the point
        text = text[granted_point.end() :]
        # ("…, and right that the shops depend on the market": a second point granted; the first is asked)
        text = re.sub(r",?\s+and\s+(?:also\s+)?right\s+that\s+.*$", "", text)
    # "For those families, the bus is not a lifestyle choice but…": a framing phrase pointing back
    text = re.sub(
        r"^(?:(?:for|to|in|among|of) )?(?:those|these|such|them)(?: [\w\-]+){0,3},\s+(?=\w+ \w)",
        "",
        text,
        flags=_I,
    )
    reason = _NOT_BECAUSE_BUT.match(text)
    if reason is not None and not reported:  # "I am going to argue against it, not because X, but because Y"
        text = reason.group(1)
    preferred = _RATHER.match(text)
    if preferred is not None and not reported:  # "I would rather lose an argument about X than win one…"
        text = f"it is better to {preferred.group(1)} than to {preferred.group(2)}"
    # a "that"-frame was stripped ("The truth is that X, and that Y"): its second "that" goes too
    that_frame = bool(re.search(r"\bthat\s*$", opened[: max(0, len(opened.rstrip(" .;,")) - len(text))], _I))
    granted_you = None if reported else _YOU_MAY_AND.match(text)
    if granted_you is not None:  # "You may shut every public house…, and you will have…": if you do, …
        text = f"if you {granted_you.group(1)}, {granted_you.group(2)}"
    commanded = (_IMPERATIVE.match(text) or imperative(text, is_name)) and not reported
    consequence = _IF_YOU_DO.match(text) if commanded else None
    if consequence is not None:  # "Give a man time, and you give him the chance…": what follows from it
        verb = consequence.group(1)
        verb = verb.lower() if verb.isupper() else verb[:1].lower() + verb[1:]
        text = f"if you {verb} {consequence.group(2)}, {consequence.group(3)}"
        commanded = False
    if commanded:
        asks_someone = re.match(  # "Ask the county council to share the cost": a call, not a step
            r"^ask\s+(?!(?:yourself|yourselves|ourselves|himself|herself|themselves|whether|what|why|how|if|"
            r"who|which|where|when|not)\b)(?:[\w\-’']+\s+){1,4}?to\s+\w+",
            text,
            _I,
        )
        if re.match(
            r"^let\s+(?!us\b)(?:[\w\-]+\s+){1,3}?(?:find|see|know|learn|understand|remember|"
            r"discover|reflect)\b",
            text,
            _I,
        ):
            return (
                None  # "Let them find, when they do, that the town has made up its mind": rhetoric, no call
            )
        if re.match(r"^let\s+not\b", text, _I):
            return None  # "Let not men then in the pride of power, use…": its verb is far from its subject
        seeing = re.match(r"^see\s+(?!that\b|to it\b)", text, _I)  # ("See what inconsistency is tolerated")
        if (text.split()[0].lower() in _NOT_ADVICE and not asks_someone) or _LET_STEP.match(text) or seeing:
            return None  # "Let us suppose…", "Consider…": a step of the argument, not advice
        if re.match(_CROSS_REFERENCE, text, _I):
            return None  # "See the License for the specific language…": a cross-reference
        let_us = re.match(r"^let(?: us|['’]s),? (?:(?:then|now|therefore|at least),? )?", text, _I)
        jussive = None if let_us else _JUSSIVE.match(text)
        verb, _, rest = text.partition(" ")
        verb = verb.lower() if verb.isupper() else verb[:1].lower() + verb[1:]  # a drop capital ("LET the")
        advice = text[let_us.end() :] if let_us else f"{verb} {rest}"
        addressed = not let_us and re.search(r"\b(?:you|your|yours|yourself|thee|thy|thyself)\b", text, _I)
        text = ("you should " if addressed else "we should ") + advice
        passive = None if let_us else _LET_BE.match(advice)
        if passive is not None:  # "Let the savings banks be open in the evening": what they should be
            text = f"{passive.group(1)} should be {advice[passive.end() :]}"
        elif jussive is not None:  # "Let every committee therefore name one member…": what it should do
            text = f"{jussive.group(1)} should {text[len('we should ') + jussive.end() :]}"
        text = re.sub(r"\b(and|then|and then),? let us\b", r"\1", text)  # "Vote no, and then let us sit down"
    condition = CONDITIONAL.match(text)
    if condition and not reported and imperative(text[condition.end() :], is_name):
        main = text[condition.end() :]  # "When a test is flaky, move it…": advice under a condition
        text = text[: condition.end()] + "we should " + main[:1].lower() + main[1:]
    text = _drop_asides(text)
    # "X, and that Y" after a stripped "that"-frame: the two clauses the frame governed
    if that_frame:  # (otherwise "…, and that hour comes out of sleep" is a demonstrative)
        text = re.sub(_AND_THAT, ", and ", text)
    if CONTRASTIVE_CLEFT.match(text) and not re.search(r"[;:]", text):
        return _cleft(text, is_name)
    granted = _GRANT_THEN_TURN.match(text)
    if granted is not None:  # "The saving is real, but it has been bought from…": the turn is the claim
        turn = text[granted.end() :]
        if granted.group(1):
            taken_up = resolve_opening(turn, granted.group(1))
        else:  # (the proposal named: its subject is what "it" takes up)
            subject = re.split(r"\s+(?:would|will|may|might|could|can)\s", granted.group(2), maxsplit=1)[0]
            taken_up = re.sub(r"^(?:but|yet)\s+(?:it|they)\s+", f"{subject} ", turn, flags=_I)
        if taken_up is not None:
            text = re.sub(r"^(?:but|yet)\s+", "", taken_up, flags=_I)
    if re.search(r"\b[A-Z][\w'’\-]*:\s+(?:[A-Z][\w'’\-]*\s+){3}", text):
        return None  # "The Kitchen Table Problem: Why Primary Homework Fails …": a title's colon
    clauses = [c.strip(" ,") for c in _CLAUSES.split(text) if c.strip(" ,")]
    after_colon = text.split(":", 1)[1].strip() if ":" in text else ""
    before_colon = text.split(":", 1)[0]
    steps = _STEPS.match(before_colon.strip())
    if steps and re.match(r"^to\s+\w", after_colon, _I):  # "the Council should do three things: to open…"
        # (the speaker's call rewritten may have dropped the later "to"s: "to A, B, and C")
        listed = re.split(r"^to\s+|,\s+(?:and\s+)?(?:to\s+)?|\s+and\s+to\s+", after_colon, flags=_I)
        items = [i.strip(" ,") for i in listed if i.strip(" ,")]
        two = f"{steps.group(1)} {items[0]}" + (f" and {items[1]}" if len(items) > 1 else "")
        text = two if len(two) <= CORE_MAX or len(items) < 2 else f"{steps.group(1)} {items[0]}"
        clauses = [c.strip(" ,") for c in _CLAUSES.split(text) if c.strip(" ,")]
        after_colon = ""
    elif after_colon and _ANNOUNCES.search(before_colon) and len(after_colon.split()) > PUNCHLINE_WORDS:
        text = re.sub(
            r"^that\s+", "", after_colon, flags=_I
        )  # "…, but they agree on this: X": X is the claim
        clauses = [c.strip(" ,") for c in _CLAUSES.split(text) if c.strip(" ,")]
        after_colon = ""
    elif after_colon and (_NAMES_A_THING.search(before_colon) or _THINGS.match(after_colon)):
        # ("…have done a handsome job of the room: scrubbed floorboards, the original roof beams, and a
        # long window…": what the colon lists are the things the claim before it is about)
        # "What fails is the worst of both: half-empty buildings where …": what follows the colon
        # only names the thing, it is no claim of its own
        named = {c.strip(" ,") for c in _CLAUSES.split(after_colon)}
        clauses = [c for c in clauses if c not in named] or clauses[:1]
        if len(clauses) == 1 and _THINGS.match(after_colon):  # (the claim is the clause before the colon)
            text = clauses[0]
    if re.match(r"^(?:\w+ly\s+)?(?:these|those|they|all of (?:them|these))\b", after_colon, _I):
        return None  # "A migration, a refactor, a new feature: surely these have to land at once"
    if len(clauses) > 1 and ":" in text and len(clauses[-1].split()) <= PUNCHLINE_WORDS:
        if not thesis_first:
            return None  # "…you will hear something strange: very little.": the point is the punchline
        text = text.rsplit(":", 1)[0].strip()  # "It is time to admit that X, and …: 2030": X is the point
        text = re.sub(r",\s+and to\s.*$", "", text)  # "…, and to set a date": the frame's own infinitive
        clauses = [c.strip(" ,") for c in _CLAUSES.split(text) if c.strip(" ,")]
    # "A stadium does not create that spending; it moves it across town": what the subject does
    # instead is the point, and the denial before it is its setup; both halves, as one clause.
    turned = [
        f"{clauses[at - 1]}, but {_unrepeated(clauses[at - 1], m.group(1))}"
        for at in range(1, len(clauses))
        if re.search(r"\b(?:not|never|no longer)\b", clauses[at - 1], _I)
        and _has_subject(clauses[at - 1])  # (not "Never use cooking oil: it is the worst thing…")
        # (not when the denial has its turn already: "he is not the worse workman but the better; he is…")
        and not re.search(r"\b(?:not|never)\b.*\bbut\b", clauses[at - 1], _I)
        and (m := _TURN.match(clauses[at]))
        and not re.search(r"\b(?:not|never)\b", m.group(1), _I)
    ]
    # ("…; it is a matter of attention, and attention is what we pay people for": the turn's first part)
    cut_turns = {
        head + ", but " + _COORDINATED_TAIL.sub("", tail)
        for head, _, tail in (t.partition(", but ") for t in turned)
    } - set(turned)
    turned = [*cut_turns, *turned]  # the turn without a coordinated tail first: the point, at a glance
    for at in range(1, len(clauses)):  # "X saves little; it is more likely to divide…": "it" is X's subject
        if re.match(r"^(?:(?:but|and|yet|so),?\s+)?it\b", clauses[at], _I):  # ("they" may be its object)
            clauses[at] = resolve_opening(clauses[at], clauses[at - 1]) or clauses[at]
    kept = [c for at, c in enumerate(clauses) if at == 0 or not _tail_of(c, clauses[at - 1], text)]
    if len(clauses) > 1 and _CITED.match(text):  # "The fourth commandment bids us…; but it is of little use…"
        kept = [c for c in kept if not _CITED.match(c) and not re.match(r"^(?:and )?it bids\b", c, _I)]
        clauses = [c for c in clauses if c in kept] or clauses
    options = [text] if len(clauses) == 1 else [text, *kept]
    if _CITED.match(text):
        options = [c for c in options if c is not text]  # the text's word is never the claim
    options += turned
    options += [m.group(1) for m in re.finditer(r",\s+(?:but|yet)\s+([^;:]+)$", text)]
    # ("I admire the volunteers, but a public service that depends on goodwill will close…; it needs…")
    options += [
        m.group(1)
        for c in clauses[:-1]
        if re.match(r"^(?:i|we)\s", c, _I)  # (the speaker's own grant before the "but")
        for m in re.finditer(r",\s+(?:but|yet)\s+([^;:]+)$", c)
        if m.group(1) not in options
    ]
    coordinated = [  # (not inside a "that"-clause: "they thought that …, and the purpose of leisure was…")
        m.group(1)
        for m in re.finditer(
            r",\s+(?:and|but|yet|so)\s+((?:the|a|an|no|every|most|many|few)\s[^;:,]+)$", text
        )
        if not re.search(r"\bthat\b", text[: m.start()], _I)
        and not re.search(r"\b(?:they|them|their|it|its)\b", m.group(1), _I)  # ("the discharge of them")
        and not _noun_phrase(m.group(1))  # ("…, and the only one that can be practised sitting down")
    ]
    options += [c for c in coordinated if c not in options]
    # "I have read the chart, and I think the department is solving the wrong problem": the thesis
    stated = re.search(
        r",\s+(?:and|but|yet)\s+(?:i|we) (?:do )?(?:think|believe|hold|contend|maintain|submit|suspect|"
        r"am convinced|are convinced)(?: that)?\s+(?=\w+ \w)",
        text,
        _I,
    )
    thesis = text[stated.end() :] if stated is not None and ";" not in text[stated.end() :] else None
    if thesis is not None:
        options.append(thesis)
    finished = [(c, done) for c in options if (done := _finish(_strip_openers(c)))]
    if not finished:
        return None
    whole_fits = len(_drop_leading(_strip_openers(text)).strip(" ,;")) <= CORE_MAX
    if finished[0][0] is text and (whole_fits or len(options) == 1):
        series = _series_cut(finished[0][1], text)
        if series == "":
            return None
        return _ungranted(_lower_first(_shout(series or finished[0][1], is_name), is_name))  # the whole fits
    if score is not None:
        # (the point after the speaker's own grant is theirs whatever its cues: "I understand the feeling,
        # but the sliding scale is not working")
        conceded = {m.group(1) for m in _GRANT_THEN_POINT.finditer(text)}
        finished = [
            f for f in finished if f[0] is text or f[0] in conceded or score(f[0]) >= CLAUSE_MIN_SCORE
        ]
        finished = [  # ("…, and the bus has been stuck in the same traffic as everyone else": narration)
            f
            for f in finished
            if f[0] not in coordinated or score(f[0]) > CLAUSE_MIN_SCORE or not _TOLD.search(f[0])
        ]
        if not finished:
            return None

    def weight(option: str) -> float:  # what follows "but" is the point the author makes
        if option is thesis:
            return 60.0
        if option is text:  # the whole sentence, cut short
            return (score(option) if score else 0.0) - 1.0
        if (
            option in coordinated
        ):  # "…, and the children who most need a supervised day are the least likely…"
            return (score(option) if score else 0.0) + 0.5
        if option in turned:  # "X does not A, but B": the denial and what the author puts in its place
            return 45.0 + (score(option) if score else 0.0) + (3.0 if option in cut_turns else 0.0)
        if option not in clauses:  # "A, but B" too long for a question: B is the point
            return 100.0
        if (thesis_first and option is clauses[0]) or (
            not thesis_first and _OWN_FRAME.match(_LEADING_MARKER.sub("", option, count=1))
        ):
            return 50.0 + (score(option) if score else 0.0)  # "it is evident that X": the thesis
        turn = 1.5 if re.match(r"^(?:but|yet|however|still)\b", option, _I) or option not in clauses else 0.0
        return (score(option) if score else 0.0) + turn

    best = max(finished, key=lambda f: (weight(f[0]), -options.index(f[0])))
    condition = re.match(r"^(?:if|unless|once)\b[^,;:]{3,80},\s+", text, _I)
    if condition is not None and best[0] in coordinated and not CONDITIONAL.match(best[1]):
        # "If the motion passes, …, and the bus lanes will never be built": the condition goes with it
        best = (best[0], text[: condition.end()] + best[1])
    series = _series_cut(best[1], text)
    if series is not None:  # "the team sees every incident, is expected to fix…" cut before its ", and has…"
        if not series:
            return None
        best = (best[0], series)
    if _COMPARATIVE.search(best[1]) and not re.search(r"\bthan\b", best[1]) and re.search(r"\bthan\b", text):
        return None  # "no Christian more firmly believes that Atheism is false" cut from its "than …"
    return _ungranted(_lower_first(_shout(best[1], is_name), is_name))


# "The Council argued that": the frame's subject, a body or a named person, before its reporting verb
_FRAME_SUBJECT = re.compile(
    r"^(?:(?:but|and|now),?\s+)?(?P<who>(?:the|our|its|their)\s+(?:[\w\-'’]+\s+){0,3}?[\w\-'’]+|"
    r"(?:[A-Z][\w\-'’]+\s+){0,2}[A-Z][\w\-'’]+)\s+(?:\w+ly\s+|also\s+|then\s+)?"
    r"(?:argued|argues|said|says|claimed|claims|contended|contends|insisted|insists|maintained|maintains|"
    r"submitted|submits|told us|suggested|suggests)\s+(?:that\s+)?$"
)


def _holder_for_pronoun(frame: str, view: str) -> str:
    """A reported view whose subject is its holder again, named.

    "The Council argued that it should not be held at fault" asks "the Council should not be held at
    fault" ("it" alone would point at nothing).
    """
    found = _FRAME_SUBJECT.match(frame)
    pronoun = re.match(r"^(it|they|he|she)\b", view)
    if found is None or pronoun is None:
        return view
    who = found.group("who")
    plural = who.lower().endswith("s") and not who.lower().endswith(("ss", "us"))
    named = who[:1].isupper() and not re.match(r"^(?:the|our|its|their)\b", who, _I)
    # (a person: "Mrs Pryce", "Ada Whitlock"; not "Tradition says he also built the pinfold")
    person = re.match(
        r"^(?:(?:mr|mrs|ms|dr|miss|professor|cllr|councillor|sir|lady|lord)\.?\s+\S|[A-Z]\S*\s+[A-Z])",
        who,
        _I,
    )
    fits = {
        "it": not plural and not named,
        "they": plural and not named,
        "he": bool(person),
        "she": bool(person),
    }
    if not fits[pronoun.group(1)]:
        return view
    if not named:
        who = who[0].lower() + who[1:]
    return who + view[pronoun.end() :]


# The speaker grants something, then makes their point: "(Harriet,) I understand the feeling, but X"
_GRANT_THEN_POINT = re.compile(
    r"^(?:[A-Z][\w'’\-]+,\s+)?(?:i|we)\s+(?:\w+ly\s+|do\s+|can\s+)?(?:understand|accept|agree|see|know|admit|"
    r"grant|appreciate|sympathi[sz]e|respect|take the point)\b[^;:]{0,80}?,\s+(?:but|yet)\s+([^;:]+)$",
    _I,
)


def _ungranted(kept: str) -> str:
    """A core without the grant that opens it: "Mrs Pryce is right that X" (one clause of several) asks X.

    (Asked as it stands, the question doubles its frame: "Is Whitlock right that Mrs Pryce is right that…")
    """
    granted = _RIGHT_THAT.match(kept)
    if granted is None:
        return kept
    point = re.sub(r",?\s+and\s+(?:also\s+)?right\s+that\s+.*$", "", kept[granted.end() :])
    return point if _has_subject(point) else kept


# What happened, told in the past or the perfect with nothing in the present: no claim of its own
_TOLD = re.compile(
    r"^(?!.*\b(?:is|are|will|should|must|can|cannot|would)\b).*\b(?:has been|have been|was|were|had)\b", _I
)


def _series_cut(kept: str, text: str) -> str | None:
    """A core cut inside a series ("A, B, and C" kept as "A, B"): its first item, or None.

    None when the core cuts no series; "" when its first item cannot stand alone.
    """
    at = text.lower().find(kept.lower())
    rest = text[at + len(kept) :] if at >= 0 else ""
    if at < 0 or not re.match(r",?\s+(?:and|or)\s+\w", rest, _I):
        return None
    if re.search(r",\s+[\w\-]+$", kept) and re.match(r",?\s+(?:and|or)\s+[\w\-]+\s+[\w\-]", rest, _I):
        return ""  # "…to esteem the religious, learned" of "the religious, learned, and civil institutions"
    commas = [m.start() for m in re.finditer(r",\s+(?!(?:and|or|but|which|who|because|if|when)\b)", kept)]
    # ("If we want the parks…, the people who use them…": the comma closing a leading clause is no series)
    condition = CONDITIONAL.match(kept) or re.match(
        r"^(?:although|though|while|whilst|because|since|once|after|before|as|until|unless|whether|"
        r"whichever|whatever|whoever|however|wherever|whenever|no matter)\b[^,]*,\s+",
        kept,
        _I,
    )
    commas = [c for c in commas if c > 20 and (condition is None or c >= condition.end())]
    if not commas or re.search(r",?\s+(?:and|or)\s+", kept[commas[0] :], _I):
        return None  # (no series, or its "and" is kept: "a library, a pool, and a park")
    item = kept[commas[0] :].lstrip(" ,")
    verb = (
        r"(?:is|are|was|were|has|have|had|will|would|can|must|should|may|a|an|the|its|their|our|my|your|"
        r"his|her|no|every|all|some|many|most)\b"
    )
    if not re.match(verb, item) and not re.match(r"[a-z]+ (?:it|them|the|a|an|its|their|our)\b", item):
        return None  # (", so long as the present distress lasts, and…": a condition, no item of a series)
    return _finish_one(kept[: commas[0]].rstrip(" ,")) or ""


def _noun_phrase(option: str) -> bool:
    """A noun and its relative clause, no clause: "the only one that can be practised sitting down"."""
    relative = re.match(
        r"^(?:the|a|an|no|every|most|many|few)\s+(?:[\w\-]+\s+){0,3}?(that|who|which)\s", option, _I
    )
    if relative is None:
        return False
    found = _verbs(option)
    if not found or found[0] < relative.end(1):
        return False  # (a verb before the relative is the clause's own; none found: cannot tell)
    # ("can be practised" is one verb; "without cost", "to pay": no finite verb)
    auxiliary = r"\b(?:be|been|being|is|are|was|were|has|have|had|not|without|with|of|for|to|the|a|an|no)\s+$"
    heads = [at for at in found if not re.search(auxiliary, option[:at], _I)]  # ("can be practised": one)
    return len(heads) < 2  # the relative's verb is its only one


def _tail_of(clause: str, before: str, sentence: str) -> bool:
    """Whether a clause after a dash or colon only extends the one before it, asked alone it says nothing.

    A comparison's tail ("…,--like a tantalizing will-o'-the-wisp, maddening the host") or an
    apposition taking up the noun the clause before ends on ("…in this American world,--a world which
    yields him no true self-consciousness").
    """
    if re.match(r"^(?:like|unlike|as if|as though|than|just as)\b", clause, _I):
        return True
    if re.match(r"^(?:that is|i\.\s?e\.|namely|viz\.?|in other words)\b", clause, _I):
        return True  # "…the right of revolution; that is, the right to refuse allegiance…": a restatement
    if not re.search(r"(?:--|—|–|:)\s*" + re.escape(clause[:20]), sentence):
        return False  # (after a semicolon a clause is a sentence of its own)
    head = re.match(r"^(?:a|an|the|that|this|such a)\s+([a-z\-]{3,})(?:\s+([a-z\-]{3,}))?\b", clause, _I)
    if head is None:
        return False
    tail = {w.strip(",.") for w in before.lower().split()[-2:]}
    return any(n and n.lower() in tail for n in head.groups())


def _unrepeated(denial: str, turn: str) -> str:
    """The turn without the verb its denial already has: "is not a cheaper ferry, but a ferry nobody uses"."""
    verb = re.match(
        r"^(is|are|was|were|has|have|had|will|would|can|could|must|should)\s+(?!not\b)(\S.*)$", turn
    )
    if verb is not None and re.search(rf"\b{verb.group(1)} (?:not|never|no longer)\b", denial, _I):
        return verb.group(2)
    return turn


def _cleft(text: str, is_name: Callable[[str], bool]) -> str | None:
    """A contrastive cleft as one core, or None: its halves say nothing alone.

    "It is not the shopkeeper who pays for these hours, but the girl who stands behind the
    counter from eight" may lose what follows the focus of its "but" ("…, but the girl"), never
    the "but" or the "not" half ("it is the warden" without ", not the alarm, that should call").
    """
    options = [text]
    cleft = CONTRASTIVE_CLEFT.match(text)
    turn = re.search(r",?\s+but\s+", text) if cleft is not None else None
    if turn is not None and re.search(r"\bit (?:is|was) not\b", text[: turn.start()], _I):
        after = turn.end()
        relative = re.search(r"\s+(?:who|which|that)\s", text[after:])
        if relative is not None:
            options.append(text[: after + relative.start()])
    for option in options:
        done = _finish_one(option)
        if done is not None and len(done) <= CORE_MAX:
            return _lower_first(_shout(done, is_name), is_name)
    return None


def _finish(text: str) -> str | None:
    """One clause made into a core (leading adverbials dropped, trimmed, checked), or None.

    A clause whose trailing modifier points outside the core ("…, because more drivers are
    needed to keep the same frequency") is tried again without it; a reason or consequence cut
    off may leave a short core ("slower buses cost more to run"), anything else leaves at least
    :data:`TRIMMED_MIN_WORDS` words.
    """
    text = _SUBJECT_COMMA.sub(lambda m: (m.group(1) or m.group(2)) + " ", text, count=1)
    text = re.sub(r",\s+whether\b[^,;:]*$", "", text, flags=_I)  # "…, whether anything has happened or not"
    # an absolute phrase closing it: "…into smaller camps, each listening to its own trumpet"
    text = re.sub(_CLOSING_ABSOLUTE, "", text)
    whole = _finish_one(text)
    if whole is not None:
        return whole
    pointer = unresolved_at(text)
    if pointer is None:  # "…, and say plainly 'I cannot tell' where he cannot": the ellipsis can be cut
        ellipsis = _ELLIPSIS.search(text)
        pointer = ellipsis.start() if ellipsis is not None and ellipsis.start() > 0 else None
    if pointer is None:
        return None
    cuts = [m.start() for m in _TRAILING.finditer(text) if 20 < m.start() < pointer]
    cuts = [c for c in cuts if _MODIFIER.match(text, c) and not _cuts_agent(text, c)]
    # a conjunct that leans outside the core: "…, and the man who remembers the second will…"
    cuts += [m.start() for m in re.finditer(r",\s+and\s+", text) if 20 < m.start() < pointer]
    for cut in sorted(set(cuts), reverse=True):
        shorter = text[:cut].rstrip(" ,;")
        reason = re.match(r",?\s*(?:because|since|so|not|and so|and thus)\b", text[cut:], _I)
        if len(shorter.split()) < (CORE_MIN_WORDS + 1 if reason else TRIMMED_MIN_WORDS):
            break
        found = _finish_one(shorter)
        if found is not None:
            return found
    return None


# A reason given without a comma: "the Council should not be held at fault because the collections…"
_BARE_REASON = re.compile(r"\s+(?=because\s+\w)", _I)


def _trailing(claim: str) -> list[re.Match[str]]:
    """Where a core may be cut short: its trailing modifiers, and a reason given without a comma."""
    return sorted([*_TRAILING.finditer(claim), *_BARE_REASON.finditer(claim)], key=lambda m: m.start())


def shorten(claim: str) -> str | None:
    """A core cut at its last trailing modifier, when a question with the whole core is too long."""
    cuts = [m.start() for m in _trailing(claim) if m.start() > 20 and not _cuts_agent(claim, m.start())]
    for cut in reversed(cuts):
        shorter = claim[:cut].rstrip(" ,;")
        if len(shorter.split()) < TRIMMED_MIN_WORDS:
            return None
        if _series_cut(shorter, claim) is not None:
            continue  # ("A, B" of "A, B, and C")
        if re.match(r",\s+(?:when|if|unless|where|so long as|as long as)\b", claim[cut:], _I) and re.match(
            r"^(?:there (?:is|are|can be|could be|will be|would be) no|no|nothing|none|nobody|never)\b",
            shorter,
            _I,
        ):
            return None  # "there can be no fair discussion…, when an argument so vital may be employed on one
            # side only": the condition is the claim
        if _finish_one(shorter) is not None:
            return shorter
    return None


# The second half of "S does not A; it B": "it"/"they" standing for S, then its verb.
_TURN = re.compile(
    r"^(?:it|they|he|she)\s+((?:is|are|was|were|has|have|had|does|do|will|would|can|may|must|\w+s)\b.+)$", _I
)
_CLOSING_ABSOLUTE = re.compile(
    r",\s+(?:each|every one|all|both|most|some)\s+(?:of \w+\s+)?\w+ing\b[^,;:]*$", _I
)
_COORDINATION = re.compile(r",\s+(?:and|but|yet|while|whereas)\s+|;\s+", _I)


def alternatives(claim: str) -> tuple[list[str], list[str]]:
    """Shorter wordings of a core, for a question that must carry two of them.

    First the core without its trailing modifiers, one after another, least cut first; then
    each of its coordinated clauses that stands alone, the later first (what follows "and" or
    "but" is where a sentence puts its point: "the old letters were the privilege of the few,
    and the penny post has given the labourer a voice").
    """
    trimmed: list[str] = []
    for m in reversed(_trailing(claim)):
        if _cuts_agent(claim, m.start()):
            continue
        rest = claim[m.start() :]
        if m.start() <= 20 or re.match(r",?\s+(?:and|but|yet|while|whereas)\s", rest, _I):
            break  # (the cut drops a clause of its own: one of the halves below)
        shorter = claim[: m.start()].rstrip(" ,;")
        reason = re.match(r",?\s*(?:because|since|so|as|for)\b", rest, _I)  # a core may end before a reason
        if len(shorter.split()) < (CORE_MIN_WORDS + 1 if reason else TRIMMED_MIN_WORDS):
            break
        if _finish_one(shorter) is not None and shorter not in trimmed:
            trimmed.append(shorter)
    halves: list[str] = []
    for m in reversed(list(_COORDINATION.finditer(claim))):
        for part in (claim[m.end() :], claim[: m.start()]):
            if part is not claim[m.end() :] and _series_cut(part.strip(" ,"), claim) is not None:
                continue  # ("our meetings are half as long, our forecasts are no worse": a series cut)
            done = _finish_one(part.strip(" ,"))
            if done and done != claim and done not in halves and done not in trimmed:
                halves.append(done)
    return trimmed, halves


_DANGLING_CONDITION = re.compile(r",\s+(?:and|but|or|so)\s+(?:if|when|unless|whenever)\b([^,;:]*)$", _I)


def _without_dangling(text: str) -> str:
    """The clause without a closing condition cut from what follows it.

    "…, and if you take that away on a Saturday" (its "you take away a third of my week" cut) goes;
    "…, but if three are missed in a year you can ask for a refund" has its main clause and stays.
    """
    found = _DANGLING_CONDITION.search(text)
    if found is None or len(_verbs(found.group(1))) > 1:
        return text
    return text[: found.start()]


def _finish_one(text: str) -> str | None:
    """One clause, as it stands, made into a core, or None."""
    if len(text.split()) <= APHORISM_WORDS and re.search(r"\bof (?:that|this|it)$", text):
        text = text + "\u2060"  # a short aphorism's closing "of that" points inside it: mark it as whole
    text = _drop_leading(text)
    text = _without_dangling(text)
    comma = re.search(r",\s+(?=(?:is|are|was|were|has|have|had)\s)", text)
    # (not the closing comma of an aside: "A loan of a quarter of a million, to be repaid over thirty years,
    # is not a saving")
    if (
        comma
        and comma.start() > 0
        and not _FINITE.search(text[: comma.start()])
        and "," not in text[: comma.start()]
    ):
        text = text[: comma.start()] + text[comma.end() - 1 :]  # "free speculation, is abandoned"
    before = text.strip(" ,;")
    text = _trim(before)
    if text is not None:  # (the trim may leave one: "…, and if you take that away on a Saturday, which…")
        text = _without_dangling(text)
    if text is None or (text != before and len(text.split()) < TRIMMED_MIN_WORDS):
        return None
    if not _main_verb(text):
        return None
    text = _ABSOLUTE.sub("", text).strip(" ,;.")
    if not _main_verb(text):
        return None
    whole_aphorism = text.endswith("\u2060")
    text = text.rstrip("\u2060")
    if re.search(r",? as it (?:is|was) that\b", text, _I):
        return None  # "as certain that X, as it is that Y": a comparison cut in half
    last = text.split()[-2:] if text else []
    verb_more = len(last) == 2 and last[1].lower() in ("more", "less") and last[0].lower() not in DANGLING
    # a phrasal verb's particle ends it: "…costs the high street more than it brings in", "…give up"
    particle = (
        len(last) == 2
        and last[1].lower() in ("in", "on", "out", "up", "down", "off", "back", "away", "over")
        and re.fullmatch(r"[a-z]+(?:s|ed|es)", last[0]) is not None
        and last[0] not in DANGLING
    )
    if not text or (last[-1].lower() in DANGLING and not whole_aphorism and not verb_more and not particle):
        return None  # (not "…, but to promise less": an adverb after its verb)
    if _REPORTED_SPEECH.search(text):
        return None
    if unresolved(text, whole_aphorism):
        return None
    if _ELLIPSIS.search(text):
        return None  # "A state law cannot, and …": the verb it leaves out stands in the sentence before
    if re.match(r"^that\s", text, _I):
        return None  # "That the commons … are wiser than the crown": a clause without its main clause
    if not _has_subject(text) or points_back(text) or _SPEAKER.search(text) or _LEAD_IN.search(text):
        return None
    if text.count("(") != text.count(")") or re.search(r"[?;:\[\]_`*]", text):
        return None
    if _UNPAIRED.search(text):
        return None  # "not only X" without its "but Y"
    dangling = re.search(
        r",\s+but\s+(?:the|a|an|its|their|our|his|her|this|these|those)\s+[\w\-]+(?:\s+[\w\-]+)?$", text
    )
    if dangling is not None and not re.search(r"\b(?:not|never|no)\b|n['’]t\b", text[: dangling.start()], _I):
        return None  # "condensation may have added to the problem, but the moisture reading": its verb is cut
    if re.search(
        r"\b(?:is|are|was|were|be|been|seems?|seemed|became|becomes?|remains?|grew|grows?)\s+"
        r"(?:so|such)\s+(?:a\s+)?(?:\w+ly\s+)?\w+$",
        text,
        _I,
    ):
        return None  # "the sums are so small": a "so X" cut from its "that we …"
    return text
