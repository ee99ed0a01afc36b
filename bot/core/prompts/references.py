"""What a word points at: pronouns and pointers that need their antecedent inside the claim.

A claim asked without its paragraph must not lean on it: "they", "this law", "the same
spirit", "which ones" need what they point at inside the compressed claim ("Teachers leave
because they are exhausted" is whole; "They do the opposite" is not). A leading "it"/"they"
can be replaced by the previous sentence's subject (:func:`resolve_opening`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_I = re.IGNORECASE


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


POINTS_BACK = _words(
    """this that these those it its they them their he she his her him which what such there here as
    so thus hence former latter same other others one both each either neither whose who whom where
    when whoever whatever"""
)

# A pronoun or demonstrative whose antecedent the core left behind ("that they remain ignorant").
UNRESOLVED = re.compile(
    r"\b(?:they|them|he|him|she|these|those)\b(?!\s+(?:who|which|that)\b)|\bsuch\b(?!\s+as\b)|"
    r"\bthis\b(?!\s+(?:day|time|country|age|world|century|city|town|nation|state|house|room|chamber|"
    r"moment|generation|year|month|week|winter|spring|summer|autumn|morning|evening|term|season)\b)|"
    r"\b(?:that|this)(?=\s*(?:[,.;:]|$)|\s+(?:is|was|during|in|of|by)\b)|"
    # "…, and that will be one step": a demonstrative opening its clause ("a mind that has" is a relative)
    r"(?:^|[,;]\s*(?:and|but|so|yet)?\s*)\b(?:that|this)(?=\s+(?:will|would|may|might|must|can|could|should|"
    r"has|had)\b)|"
    # ("the first time the goodwill runs out" points nowhere)
    r"\bthe (?:first|second|third|former|latter|same|above|foregoing|preceding) "
    r"(?!(?:time|times|place|step|sign|instance|moment|day|week|year)\b)"
    # ("the first two crossings", "the first two and the last two crossings": the count's noun follows)
    r"(?!(?:in|as|to|for|with|of)\b)(?!(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:and\s+the\s+"
    r"\w+\s+\w+\s+)?[a-z\-]{3,}s\b)\w+\b(?!\s+(?:of|as)\b)|"
    r"\bthe others\b|"
    # "The board has never priced one": "one" standing for a thing named before ("a small one" is inside)
    r"\b(?:[a-z]+ed|have|has|had|need|needs|want|wants|get|gets|buy|buys|built|build|builds|use|uses) one\b"
    r"(?=\s*(?:[,.;:]|$)|\s+(?:and|but|or|before|after|because|if|when|yet)\b)|"
    r"\b(?:say|says|said|think|thinks|argue|argues|believe|believes|do|does|act|acts) "
    r"otherwise\b|"
    r"\bthe same\b(?=\s*(?:[,.;:]|$))|\bwhich ones?\b|\ball of (?:it|that|this|them)\b|"
    r"\bwhat it (?:means|meant|is|was|costs|takes|does)\b|"
    # "But the danger is one that can be guarded against": a danger, a remedy told before
    r"^the (?:danger|risk|difficulty|trouble|remedy|cure|harm|evil|mischief|objection)\s+"
    r"(?:is|are|was|were|can|will|would|may|must|has)\b(?!\s+(?:not\s+)?(?:to|that)\b)|"
    r"^the (?:answer|question|point|lesson|reason|problem|result|difference|conclusion|truth) is\b"
    r"(?! not that\b[^;]+\bbut that\b)|"
    # "But the argument proves only that…": an argument stated before, unless the core states it
    r"^the (?:argument|objection|reasoning|criticism)\b(?!\s+(?:that|for|against|of|from)\b)|"
    r"(?<!^)\bit\b(?!\s+(?:is|was|would|will|may|must|can|has|had|seems|appears|does)\b)|"
    r"\b(?:their|its|his|her)\b|\bboth\b(?![^,;]*\band\b)|"
    # "Building there would cost more": a place named before ("there is no…" names none)
    # ("the money is not there": present, no place)
    r"(?<!\bhere and )(?<!\bis )(?<!\bare )(?<!\bnot )(?<!\bwas )(?<!\bwere )(?<!\bbe )"
    r"\bthere\b(?!\s+(?:is|are|was|were|isn|aren|wasn|seems?|appears?|has|have|had|be|been|"
    r"exists?|remains?|lies?|comes?|ought|used|(?:will|would|may|might|can|could|must|should|shall|need)(?:\s+not)?"
    r"\s+(?:be|have|seem|appear|remain|exist|come))\b)|"
    r"\b(?:for|to|of|on|in|by|at|from|with|into|upon|against|about|under|over) that "
    r"(?!(?:is|was|which|who)\b)[a-z]+|"
    # "does not create that spending": a demonstrative ending its clause ("the things that matter": a verb)
    r"(?<!\bnot )(?<!\bis )(?<!\bwas )(?<!\ball )(?<!\bso )(?<!s )"
    r"\bthat (?!(?:is|was|which|who|way|much|far|long|many)\b)"
    r"[a-z]{3,}(?<!s)(?<!ed)(?=\s*(?:[,.;:]|$))|"
    r"\b(?:this|these|those) (?!(?:is|was|are|were|which|who|of|day|time|country|age|world|century|"
    r"generation|life|city|town|nation|state|house|room|chamber|moment|year|month|week|winter|spring|summer|"
    r"autumn|morning|evening|term|season)\b)[a-z]+",
    _I,
)

_NOT_PLURAL = _words("is was has does this thus its his hers yours ours less unless perhaps always sometimes")

DANGLING = _words(
    """a an the of to in on at by for with from and or but nor that which who as than so very more most
    less not its their his her our your this these those be been being is are was were"""
)

CONDITIONAL = re.compile(r"^(?:if|when|unless|where|whenever|wherever)\b[^;:]{3,100}?,\s+(?=\w+\s+\w+)", _I)


# "the cost in money is the least of it": "it" is the whole matter told before, never in the core
_OF_IT = re.compile(r"\bthe (?:least|worst|best|most|rest|whole|end|half|heart|root) of\s+it\W*$", _I)


def antecedent(pronoun: str, before: str) -> bool:
    """Whether what the pronoun points at stands earlier in the core ("judges…, so they will…")."""
    words = [w.strip(",;").lower() for w in before.split()]
    person = bool(_SINGULAR.search(before)) or bool(
        re.search(r"\b(?:he|she|man|woman|person|one)\b", before, _I)
    )
    if pronoun in ("he", "him", "she", "her", "his"):  # "No man ever found … while he …"
        if re.search(r"(?<!^)\b[A-Z][a-z]+\b", before) or person:
            return True
        if pronoun in ("he", "she"):
            return False
    if pronoun in ("them", "him", "her"):  # an object pronoun is not its own clause's subject
        clause = re.split(_SEPARATOR, before)
        # "a town that gives its people free hours and nothing to fill them": a relative clause (its subject
        # the relative pronoun's noun) may hold what "them" points at
        separators = list(re.finditer(_SEPARATOR, before))
        relative = bool(separators) and separators[-1].group().lower() in ("that", "which", "who")
        own_subject = not relative or re.match(
            r"^\s*(?:the|a|an|our|their|his|her|its|this|these|those|some|many|most|all|every|no|we|you|they|"
            r"i|he|she|it|[a-z\-]+\s+(?:should|must|will|would|can|could|may|might|shall|do|does|did|are|is|"
            r"were|was|have|has|had|cannot|never|not))\b",
            clause[-1],
            _I,
        )
        before = " ".join(clause if pronoun == "them" and not own_subject else clause[:-1])
        words = [w.strip(",;").lower() for w in before.split()]
        if pronoun != "them":
            return bool(re.search(r"(?<!^)\b[A-Z][a-z]+\b", before)) or bool(
                re.search(r"\b(?:he|she|man|woman|person|one)\b", before, _I)
            )
    if pronoun in ("they", "them", "their") and re.search(
        r"\b(?:every|each)\s+(?:[\w\-]+\s+)?[a-z\-]{3,}\b", before, _I
    ):
        return True  # "If every draper in Carrow Street closed at seven, not one of them would…"
    if pronoun in ("they", "them", "their"):
        if re.search(r"\b(?:the|a|an)?\s*[a-z]{3,} and (?:the |a |an )?[a-z]{3,}\b", before, _I):
            return True  # "The merchant and the farmer are to be taxed … which they neither asked for"
        return any((w.endswith("s") and len(w) > 3 and w not in _NOT_PLURAL) or w in _PLURALS for w in words)
    if pronoun == "its" and re.match(
        r"^(?!(?:they|we|you|i|he|she|it|this|that|there)\b)[a-z\-]{3,}(?<!s)\b", before, _I
    ):
        return True  # "trial by jury has outlived its usefulness": the claim's own subject
    if pronoun == "its":  # "Ridgefield should … put its energy"
        return bool(re.search(r"\b(?:the|a|an|every|each)\s+\w+", before, _I)) or bool(
            re.search(r"\b[A-Z][a-z]+(?<!s)\b(?!['’])|\b[A-Z][a-z]+['’]s \w+", before)
        )
    if pronoun == "it" and _OF_IT.search(before + " it"):
        return False  # "the cost in money is the least of it": "it" is the whole matter told before
    frame = re.search(r"\b(?:is|was)\s+(?:simply\s+|just\s+|only\s+)?that\s+", before, _I)
    if pronoun == "it" and frame is not None:  # "The only thing that has changed is that we forgot it":
        before = before[frame.end() :]  # the frame's subject is no antecedent of what its clause says
    if pronoun == "it":  # "The heaviest cost falls on families who can least absorb it": the subject
        # (not its own clause's subject: "the council should not renew it" renews something else)
        clauses = re.split(
            r",|\b(?:that|which|who|because|when|where|if|since|as|once|until|unless|after|before|"
            r"while|so|and|but)\b",
            before,
        )
        own = _SINGULAR_SUBJECT.sub("", clauses[-1].strip(), count=1)
        earlier = " ".join(clauses[:-1])
        owned = re.search(r"\b(?:his|her|its|their|our|my|your)\s+[a-z\-]{3,}(?<![^s]s)\b", own, _I)
        return bool(_SINGULAR.search(own) or owned) or bool(
            _SINGULAR_SUBJECT.match(earlier.strip()) or re.search(r"\b(?:the|a|an)\s+\w+", earlier)
        )
    if pronoun in ("that", "this"):
        return bool(re.search(r",\s+(?:and|but|so)\s*$", before))  # "…, and that is the surest road"
    return False


_SEPARATOR = re.compile(
    r",|\b(?:that|which|who|because|when|if|since|as|once|until|unless|after|before|while)\b"
)
# A singular noun phrase that a later "it", "he" or "his" can point at ("a child who … his own mind").
_SINGULAR = re.compile(
    r"\b(?:the|a|an|every|each|no|any|this|that)\s+(?:[\w\-]+\s+){0,2}?[a-z\-]{3,}(?<![^s]s)\b(?!['’])", _I
)
# … opening the core, or its condition ("When a flaky test blocks a merge, someone has to deal with it").
_SINGULAR_SUBJECT = re.compile(
    r"^(?:(?:if|when|where|unless|once|whenever|because|since)\s+)?(?:the|a|an|every|each|no|any|this)\s+"
    r"(?:[\w\-]+\s+){0,2}?[a-z\-]{3,}(?<![^s]s)\b(?!['’])",
    _I,
)
_PLURALS = _words("children people men women folk police clergy gentry poor rich young old")


# "It is a pity that the town…", "It was a strange argument that because…": a noun that takes a "that"
# clause, and a clause with its own subject after it; "it" stands for that clause, not for anything before.
_EXTRAPOSED = re.compile(
    r"^it (?:is|was|would be|will be|seems) (?:a|an|the) (?:\w+ )?(?:argument|mistake|pity|shame|fact|truth|"
    r"wonder|scandal|myth|error|delusion|commonplace|paradox|irony|tragedy|disgrace|folly|fallacy|misfortune|"
    r"illusion|comfort|curiosity|marvel|puzzle) that\s+(?:the|a|an|because|if|when|since|though|although|"
    r"we|they|he|she|i|you|it|there|no|every|any|our|their|his|her|its|this|these|those|such|one|people|men|"
    r"women|(?-i:[A-Z])\w+)\b",
    re.IGNORECASE,
)


def points_back(clause: str) -> bool:
    """Opens on a word that needs the sentence before ("This is why…", "They…"); "it is … that" is fine."""
    words = clause.split()
    first = re.sub(r"['’](?:s|re|ll|d)$", "", words[0].lower().strip("\"'(,"))  # "it's", "that's"
    if re.match(r"^(?:he|she|they|those|that|one)\s+who\b|^what\s+\w+s\b", clause, _I):
        return False  # "He who knows only his own side…": a general subject, not a pointer
    if first == "it" and re.match(
        r"^it (?:is|was) (?:\w+ly |only |just |not )?(?:because|when|by|through|only)\b[^;]{3,120}\bthat\b",
        clause,
        _I,
    ):
        return False  # a cleft: "It is precisely because the labouring man is denied all leisure that…"
    if first == "it" and CONTRASTIVE_CLEFT.match(clause):
        return False  # "It is the walk, not the drive, that…", "It is not X who pays, but Y": a cleft
    if first == "it" and _EXTRAPOSED.match(clause):
        return (
            False  # "It is a strange argument that because a man is overworked…": the "that" clause is "it"
        )
    if first == "it" and re.match(
        r"^it (?:is|was) (?:a|an|the) \w+(?: \w+)? (?:that|which|who)\b", clause, _I
    ):
        return True  # "it is a policy that makes…": "it" is the policy just described
    if first == "it" and re.match(
        r"^it (?:is|was|would be|will be|may be|seems) (?:\w+ )?(?:likely|unlikely|bound|sure|certain|apt|"
        r"liable|able|unable|meant|designed|intended|going) to\b",
        clause,
        _I,
    ):
        return True  # "it is more likely to divide the public": "it" is something named before
    if first == "it" and re.match(
        r"^it (?:is|was|would be|will be|may be|must be|seems) (?!there|here|then|now|this|thus|"
        r"so|in|on|at|(?:\w+ly )?(?:said|thought|supposed|believed|known|considered|shown|found|seen|held)\b)"
        r"\w+(?: \w+){0,2} (?:that|to)\b",
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
    condition = CONDITIONAL.match(clause)
    if condition is not None and first in ("when", "where", "whenever", "wherever"):
        # "When a flaky test blocks a merge, someone has to…": a condition, not a pointer
        inner = clause[len(words[0]) : condition.end()].strip(" ,")
        main = clause[condition.end() :]
        pronoun = main.split(maxsplit=1)[0].lower()
        if pronoun in ("they", "their", "it", "its", "he", "his", "she", "her") and antecedent(
            pronoun, inner
        ):
            return points_back(inner)  # "When the people … cannot file their forms, their claims …"
        return points_back(inner) or points_back(main)
    return first in POINTS_BACK


# A cleft that sets its focus against another ("It is the man who writes to the surveyor, and not the
# man who grumbles at the inn, that gets the road mended"; "It is not the shopkeeper who pays …, but
# the girl …"): the "it" is empty, the sentence says who or what does it.
CONTRASTIVE_CLEFT = re.compile(
    r"^(?:(?:in|on|at|for|with|under|during|after|before|once)\s[^,;:]{1,40}?\s)?"
    r"it (?:is|was) (?:only |just |precisely |really )?"
    r"(?:not (?:the|a|an|our|his|her|their|its|[A-Z]\w+)\b[^;:]{1,90}?\b(?:who|that|which)\b[^;:]{3,120}?,?"
    r"\s+but\s+\w+|"
    r"(?:the|a|an|our|his|her|their|its|[A-Z]\w+)\b[^;:]{1,90}?,\s+(?:and\s+|but\s+)?not\s+[^;:]{2,90}?,"
    r"\s+(?:that|who|which)\s+\w+)",
    _I,
)
_OPENING_PRONOUN = re.compile(r"^(?:(?:but|and|yet|so|thus),?\s+)?(it|they|he|she)\s+(?=\w)", _I)
# The previous sentence's subject: "The developer's own plan", "The judiciary, on the contrary,"; its
# last word is no adverb ("the camp rarely stops": the subject is "the camp"); one may precede the verb.
_SUBJECT_NP = re.compile(
    r"^(?i:(?:but|and|yet|so|thus|now|hence),?\s+)?((?i:the|a|an|this|every|each|no)\s+"
    r"(?:[a-z\-]+(?:['’]s)?\s+){0,3}?[a-z\-]+(?<!ly)|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
    r"(?:,[^,]{1,60},)?\s+(?:[a-z]+ly\s+)?(?=(?:is|are|was|were|has|have|had|will|would|can|cannot|could|must|"
    r"may|might|shall|should|does|do|did|[a-z]+s|[a-z]+ed)\b)",
)


_NUMBERS = frozenset(
    {
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
        *("twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million"),
    }
)


def resolve_opening(sentence: str, previous: str | None) -> str | None:
    """`sentence` with a leading "it"/"they"/"he"/"she" replaced by the previous sentence's subject.

    "It may truly be said to have neither FORCE nor WILL…" after "The judiciary, on the
    contrary, has no influence…" becomes "The judiciary may truly be said…". None when the
    sentence does not open on such a pronoun or the previous sentence's subject is not a
    plain noun phrase of the right number.
    """
    opening = _OPENING_PRONOUN.match(sentence)
    if opening is None or not previous or not points_back(sentence[opening.start(1) :]):
        return None  # (the empty "it" of "It is not so important that…" points at nothing)
    found = _SUBJECT_NP.match(" ".join(previous.split()))
    if found is None:
        return _speakers_object(sentence, opening, previous)
    subject = found.group(1)
    head = subject.split()[-1].lower()
    if subject.lower() in POINTS_BACK or subject.lower() in ("i", "we", "you", "men", "one"):
        return None
    pronoun = opening.group(1).lower()
    plural = head.endswith("s") and not head.endswith(("ss", "us", "is"))
    if (pronoun == "they") != plural or head in DANGLING or head in POINTS_BACK:
        return None
    if head in _NUMBERS:  # "The four shillings and ninepence includes…": "four" is no subject's head
        return None
    if pronoun in ("he", "she") and not subject[:1].isupper():
        return None
    return subject[:1].upper() + subject[1:] + " " + sentence[opening.end() :]


# "I would not abolish committees.": a short sentence of the speaker's whose one plural noun is its object
_SPEAKER_OBJECT = re.compile(
    r"^(?:but|and|so)?,?\s*(?:i|we)\s+(?:(?:would|will|do|did|should|could|can|must)\s+)?(?:not\s+|never\s+)?"
    r"[a-z]+\s+((?:(?:the|these|those|our|all|many|most)\s+)?([a-z\-]{3,}s))\s*[.;]?$",
    _I,
)


def _speakers_object(sentence: str, opening: re.Match[str], previous: str) -> str | None:
    """A leading "they" after "I would not abolish committees." is the committees; else None."""
    found = _SPEAKER_OBJECT.match(" ".join(previous.split()))
    if found is None or opening.group(1).lower() != "they":
        return None
    noun, head = found.group(1), found.group(2).lower()
    if head in _NOT_PLURAL or head.endswith(("ss", "us", "is")):
        return None
    return noun[:1].upper() + noun[1:] + " " + sentence[opening.end() :]


_RELATIVE_AFTER = r"\s+(?:[a-z]+\s+)?(?:which|who|that|whose|whom)\b"  # "those [constitutions] which"


def unresolved(text: str, whole_aphorism: bool = False) -> bool:
    """Whether a core keeps a pronoun or pointer whose antecedent it left behind.

    A short aphorism's closing "of that" points inside it (`whole_aphorism`).
    """
    return unresolved_at(text, whole_aphorism) is not None


def unresolved_at(text: str, whole_aphorism: bool = False) -> int | None:
    """Where the first pronoun or pointer whose antecedent the core left behind stands, or None."""
    cleft = CONTRASTIVE_CLEFT.match(text)
    for found in UNRESOLVED.finditer(text):
        if whole_aphorism and found.end() == len(text) and not _OF_IT.search(text):
            continue
        words = found.group().lower().split()
        if cleft is not None and found.start() < cleft.end() and words[-1] in ("that", "this"):
            continue  # "It is the warden, not the alarm, that should…": the cleft's own "that"
        noun_before = re.search(r"(?<![,;:])\s([a-z][a-z\-]{2,})\s+$", text[: found.start()], _I)
        if (
            words == ["that"]
            and noun_before is not None
            and noun_before.group(1).lower() not in _TAKES_THAT | DANGLING | POINTS_BACK
            and re.match(r"that\s+(?:is|was)\s+\w+", text[found.start() :], _I)
        ):
            continue  # "an early warning that is wrong…": a relative clause after its noun
        if words == ["which"] and re.search(
            r"\b[a-z]{3,}\s+(?:on|in|at|by|of|for|to|with|from|under|through|upon|into)\s+$",
            text[: found.start()],
            _I,
        ):
            continue  # "a committee on which teachers sit": a relative after its noun and preposition
        if words[0] in ("what", "which", "all", "the") or words[-1] in ("otherwise", "one"):
            return found.start()  # "knows what it means", "which ones": what they stand for is elsewhere
        if len(words) == 3:  # "for that shift"
            words = words[1:]
        word = words[0]
        following = re.match(r"\s+([a-z]+)", text[found.end() :])
        if word in ("this", "these", "those") and len(words) == 1 and following:
            words = [word, following.group(1)]  # "this power of review"
        if word in ("these", "those") and re.match(_RELATIVE_AFTER, text[found.end() :]):
            continue  # "those constitutions which have established…": a determiner, its noun defined here
        ahead = r"\s+(?:[a-z\-]+\s+){0,2}?[a-z\-]+,?\s+that\s+\w+\s+\w+"
        if word == "this" and re.match(ahead, text[found.end() :]):
            continue  # "this peculiar vice, that it is never wrong in public": the clause after says what
        if word in ("this", "these", "those", "that") and len(words) == 2:
            noun = words[1].rstrip("s")
            if len(noun) > 2 and re.search(rf"\b{re.escape(noun)}", text[: found.start()], _I):
                continue  # "a law … this law": the noun it points at stands in the core
            return found.start()  # "wait for that shift", "this employment of …": its noun is left out
        subject_it = word == "it" and re.match(
            r"\s+(?:is|was|has|had|does|did|will|would|can|could|may|might|must|should|"
            r"[a-z]{3,}(?<!s)s|[a-z]{3,}ed)\b",
            text[found.end() :],
        )
        if subject_it and _SINGULAR_SUBJECT.match(text[: found.start()]):
            continue  # "The Council is responsible for the services it provides": the subject's own clause
        if not antecedent(word, text[: found.start()]):
            return found.start()  # a pronoun whose antecedent is not in the core ("Putin… he" is fine)
    return None


# Nouns for a plan, a rule or an argument: what "That is not a housing policy" can stand for when the
# sentence before has one as its subject ("The developer's plan sets aside nine homes."). An agent's
# deed is not its agent ("The board voted to close it. That is a disgrace." is not "The board is…").
_PROPOSALS = _words(
    """plan plans proposal proposals policy policies scheme schemes bill bills law laws rule rules measure
    measures mandate mandates sale budget budgets argument arguments case claim claims idea ideas view
    views reform reforms change changes cut cuts charge levy tax taxes deal contract decision decisions
    project projects programme program system approach strategy offer habit habits practice custom
    method doctrine theory principle promise promises bond subsidy requirement requirements schedule"""
)
_OPENING_DEMONSTRATIVE = re.compile(
    r"^(?:(?:but|and|yet|so),?\s+)?(this|that)\s+(?=(?:is|was|would be|will be|may be|must be|remains|"
    r"seems)\b)",
    _I,
)
# "that spending", "this habit", "these homes", "such a move", "the same plan": a pointer and its noun.
_POINTER_NOUN = re.compile(
    r"\b(this|that|these|those|such an?|the same)\s+([a-z][a-z\-]{2,})\b(?=(\s*[,.;:]|\s*$|\s+\w+))", _I
)
_AFTER_DEMONSTRATIVE_NOUN = _words("of in on for to at from with and or but because when than as")


def _antecedent_phrase(noun: str, previous: str) -> str | None:
    """The noun phrase of `previous` whose head is `noun` ("the new spending in the town"), or None."""
    found = re.search(
        rf"\b(?:the|a|an|some|any|this|that|these|those|all)\s+((?:[a-z\-]+(?:['’]s)?\s+){{0,3}}?)"
        rf"{re.escape(noun)}\b((?:\s+(?:of|for|on|in|at)\s+(?:the\s+|a\s+|an\s+)?[a-z\-]+(?:\s+[a-z\-]+){{0,2}})?)",
        previous,
        _I,
    )
    if found is None:
        return None
    modifiers = found.group(1).split()
    tail = found.group(2).split()
    if any(w.lower() in POINTS_BACK or w.lower() in DANGLING for w in modifiers):
        return None  # "the same plan", "their plan": the antecedent points further back itself
    start = 2 if len(tail) > 1 and tail[1].lower() in ("the", "a", "an") else 1
    for at in range(start, len(tail)):
        if tail[at].lower() in DANGLING or tail[at].lower() in POINTS_BACK:
            tail = tail[:at]  # "the spending of visitors who come" → "the spending of visitors"
            break
    if len(tail) < 2:
        tail = []
    return " ".join(["the", *modifiers, noun, *tail])


_NUMERALS = r"two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundreds|thousands|\d[\d,]*"
# A plural noun phrase after a determiner or a figure: "the burglary figures", "four in five street lights"
_PLURAL_NP = re.compile(
    rf"\b(?:the|these|those|all|many|most|some|(?:{_NUMERALS}))\s+((?:[a-z\-]+\s+){{0,2}}?[a-z\-]{{3,}}"
    r"(?<![su'’])s)\b(?!\s+(?:of|in|to|for|from|at|by|on|ago|later|earlier|the|a|an|that|this|their|its|his|"
    r"her|our|no)\b)",
    _I,
)
_WORDY_PLURALS = _words("others those these things ones years months weeks days hours times ways thus")


def _object_them(sentence: str, previous: str) -> str:
    """`sentence` with an object "them" pointing outside it taken from the previous sentence.

    The previous sentence's one plural noun phrase ("switch them back on" after "… began switching
    off four in five street lights"); unchanged when it has none or several.
    """
    found = re.search(r"\bthem\b", sentence)
    if found is None or re.search(r"[\"“”]", sentence) or antecedent("them", sentence[: found.start()]):
        return sentence
    phrases = {
        m.group(1).lower()
        for m in _PLURAL_NP.finditer(previous)
        if not any(w.lower() in DANGLING or w.lower() in POINTS_BACK for w in m.group(1).split())
        and m.group(1).split()[-1].lower() not in _WORDY_PLURALS
    }
    if len(phrases) != 1:
        return sentence
    return sentence[: found.start()] + "the " + phrases.pop() + sentence[found.end() :]


# Words after which "that" + noun is a pointer ("for that money", "cut that spending"), not a relative
_TAKES_THAT = _words(
    """for to of on in by at from with into upon about against under over through without is was are were
    be been create creates created cut cuts keep keeps kept spend spends spent make makes made do does did
    take takes took want wants need needs like likes get gets got use uses used all"""
)


# A thing named with capitals: "the Hartwell Lido", "the Corn Exchange"
_NAMED_THING = re.compile(r"(?<!^)(?<!\bof )\b(?:the) ((?:[A-Z][\w'’\-]+ )*[A-Z][\w'’\-]+)\b")


_STRICT_SINGULAR = re.compile(
    r"\b(?:the|a|an|this|every|each|its|his|her|their|our|my)\s+(?:[a-z\-]+\s+){0,2}?[a-z\-]{3,}(?<![^s]s)\b"
    r"(?!\s+(?:to|of)\b)",
    _I,
)


def _object_it(sentence: str, previous: str) -> str:
    """`sentence` with an object "it" pointing outside it taken from the previous sentence.

    The previous sentence's one thing named in capitals ("I ask the councillors to keep it open"
    after "The council will decide whether the Hartwell Lido closes…"); unchanged when the sentence
    has a singular noun before its "it" that is not its own clause's subject, or the previous
    sentence names no such thing or several.
    """
    found = re.search(r"(?<!^)\bit\b(?!\s+(?:is|was|would|will|may|must|can|has|had|seems|does)\b)", sentence)
    if found is None or re.search(r"[\"“”]", sentence):
        return sentence
    clauses = re.split(
        r",|\b(?:to|that|which|who|because|when|where|if|since|as|once|until|unless|after|before|while|so|"
        r"and|but)\b",
        sentence[: found.start()],
    )
    own = _SINGULAR_SUBJECT.sub("", clauses[-1].strip(), count=1)
    if any(_STRICT_SINGULAR.search(c) for c in [own, *clauses[:-1]]):
        return sentence
    named = {m.group(1) for m in _NAMED_THING.finditer(" ".join(previous.split()))}
    if len(named) != 1:
        return sentence
    return sentence[: found.start()] + "the " + named.pop() + sentence[found.end() :]


# "many of these children", "those families": a demonstrative before a class the paragraph has named
_CLASS_POINTER = re.compile(
    r"\b(?:((?i:many|most|all|some|few)) of )?(?:these|those) ([a-z]+s|[a-z]*(?:men|children|people))\b"
)


def generalize_class(sentence: str, before: str) -> str | None:
    """`sentence` with "these children" read as the class the paragraph named ("children"), or None.

    "To shut the door of the only warm room many of these children know … is not to protect them but to
    abandon them", after a sentence on closing the picture palaces to children, is asked of "many
    children": what is said of the class holds of it. None when no such pointer names a class named before.
    """
    named = {w.lower() for w in re.findall(r"[A-Za-z]+", before)}
    changed = False

    def general(found: re.Match[str]) -> str:
        nonlocal changed
        if found.group(2).lower() not in named:
            return found.group()
        changed = True
        return f"{found.group(1) + ' ' if found.group(1) else ''}{found.group(2)}"

    text = _CLASS_POINTER.sub(general, sentence)
    return text if changed else None


def resolve_pointers(sentence: str, previous: str | None) -> str | None:
    """`sentence` with what its pointers stand for taken from the previous sentence, or None.

    A leading "it"/"they" becomes the previous sentence's subject (:func:`resolve_opening`); a
    leading "That is …" too when that subject is a plan, a rule or an argument ("The developer's
    own plan sets aside nine homes. That is not a housing policy."); "that spending", "this habit",
    "such a move" become the previous sentence's noun phrase with the same noun ("the new spending in
    the town"). None when nothing could be resolved: such a claim is not asked.
    """
    if not previous:
        return None
    text = _object_it(_object_them(resolve_opening(sentence, previous) or sentence, previous), previous)
    opening = _OPENING_DEMONSTRATIVE.match(text)
    if opening is not None:
        found = _SUBJECT_NP.match(" ".join(previous.split()))
        head = found.group(1).split()[-1].lower() if found else ""
        if not found or head not in _PROPOSALS:
            return None
        subject = found.group(1)
        text = text[: opening.start(1)] + subject[:1].upper() + subject[1:] + " " + text[opening.end() :]
    for pointer in reversed(list(_POINTER_NOUN.finditer(text))):
        kind, noun = pointer.group(1).lower(), pointer.group(2)
        following = (pointer.group(3) or "").strip().lower()
        if noun.lower() in DANGLING or noun.lower() in POINTS_BACK:
            continue
        opens = not re.sub(r"^(?:but|and|yet|so),?\s*", "", text[: pointer.start()], flags=_I).strip()
        clause = following[:1].isalpha() and following not in _AFTER_DEMONSTRATIVE_NOUN
        if kind == "that" and clause and not opens:
            continue  # "claim that spending is wasted": a "that"-clause, not a pointer
        before_word = re.search(r"(\w+)\s*$", text[: pointer.start()])
        if kind == "that" and not opens and before_word and before_word.group(1).lower() not in _TAKES_THAT:
            continue  # "every street that leads from the station": a relative clause, not a pointer
        if re.search(rf"\b{re.escape(noun)}\b", text[: pointer.start()], _I):
            continue  # "a law … this law": it points inside the sentence
        phrase = _antecedent_phrase(noun, previous)
        if phrase is None:
            return None
        at = pointer.start()
        phrase = phrase[:1].upper() + phrase[1:] if at == 0 else phrase
        text = text[:at] + phrase + text[pointer.end(2) :]
    return None if text == sentence else text


# "I write to those of your readers who keep a shop", "We appeal to the shopkeepers of Wexcombe": whom a
# letter's "you" addresses
_ADDRESSEES = re.compile(
    r"\b(?:i|we) (?:write|speak|appeal|turn|am writing|are writing)\s+(?:now\s+|chiefly\s+|especially\s+)?"
    r"to\s+(?:(those)\s+(?:of\s+(?:your|the|our)\s+readers\s+|of\s+you\s+|among\s+(?:you|your readers)\s+)?"
    r"(who\s+[a-z][a-z\s\-'’]{2,40}?)(?=\s*[.,;:]|\s+(?:and|but|in|at|on)\b)|"
    r"((?:the|my|our|all)\s+(?:fellow\s+)?[a-z\-]+s)\b(?:\s+(?:of|in)\s+[A-Z][a-z]+)?(?=\s*[.,;:]|\s+(?:and|but|who)\b))",
    re.IGNORECASE,
)
_YOU = re.compile(r"\b(?:you|your|yours|yourselves|yourself)\b", re.IGNORECASE)


def addressees(text: str) -> str | None:
    """Whom a letter addresses as "you", when it says so ("those who keep a shop"), or None."""
    found = _ADDRESSEES.search(text)
    if found is None:
        return None
    if found.group(1):
        return f"those {found.group(2).strip()}"
    return re.sub(r"^(?:my|our|all|the)\s+(?:fellow\s+)?", "the ", found.group(3))


def to_addressees(claim: str, who: str | None) -> str | None:
    """A claim's "you" of the readers a letter addresses, as those readers; None when it cannot be.

    "you should vote for it, and you should keep to it" to "those who keep a shop" is "those who
    keep a shop should vote for it, and they should keep to it". Without the addressees named,
    a call on "you" about "your" things ("you should close your shops") is the letter's readers'
    own business and not asked; a general "you" ("you do not understand your own view until…") is.
    """
    if not _YOU.search(claim):
        return claim
    if who is None:
        called = re.search(r"\byou (?:\w+ly )?(?:should|must|ought|need|have to)\b", claim, re.IGNORECASE)
        return None if called and re.search(r"\byour\b", claim, re.IGNORECASE) else claim
    if not re.match(r"^you\b", claim, re.IGNORECASE):
        return claim  # (a "you" that is not the claim's subject: "the council owes you an answer")
    text = who + claim[3:]
    swap = {"you": "they", "your": "their", "yours": "theirs", "yourselves": "themselves"}
    swap["yourself"] = "themselves"
    return _YOU.sub(lambda m: swap[m.group().lower()], text)


_BODY = (
    r"the\s+(?:[A-Z][\w'’\-]+\s+){0,4}(?:[A-Z][\w'’\-]+|council|board|committee|authority|government|trust)"
)
# "We ask the Board to think again", "We call on the council to…", "a brief … to the Westhaven Harbour Board":
# the body an organisation's brief asks to act, which its demands in the imperative are addressed to
_ASKS_BODY = re.compile(
    rf"\b(?i:we|i)\s+(?:\w+ly\s+|therefore\s+|also\s+)?(?:ask|urge|call on|call upon|"
    rf"invite|implore|press)\s+({_BODY})\s+to\s+\w+"
)
_TO_BODY = re.compile(rf"\b(?i:to)\s+({_BODY})\s*:\s+(?=[A-Za-z])")  # "So, to the council: make the scheme…"
_NAMED_BODY = (
    r"(?:[A-Z][\w'’\-]+\s+){1,4}(?:Council|Board|Committee|Authority|Government|Trust|Executive|Department|"
    r"Office|Commission)"
)
_WRITTEN_TO = re.compile(
    r"\b(?:brief|letter|submission|response|petition|memorandum|paper|report|representation|statement)\b"
    rf"[^.;:\n]{{0,80}}?\bto\s+({_BODY}|{_NAMED_BODY})\b"
)


_BODIES = (
    r"(?:the |our |your )?(?:[\w\-]+ ){0,3}?(?:councils?|boards?|committees?|authorit(?:y|ies)|governments?|"
    r"ministry|ministries|cities|towns|operators|departments?|trusts?|executives?|parliament|councillors|"
    r"planners|managers|owners)"
)
# "What should councils do next? Set a firm target…", "What I ask of our transport ministry is modest.
# Guarantee the track access…": whom the imperatives that follow address
_ASKS_OF = re.compile(
    rf"\bwhat (?:should|must|can|ought) ({_BODIES}) (?:to )?do\b|"
    rf"\bwhat (?:i|we) (?:ask|want|need) (?:of|from) ({_BODIES}) (?:is|are)\b",
    re.IGNORECASE,
)


def petitioned(texts: Iterable[str]) -> str | None:
    """The body a brief asks to act ("the Board"), from its calls or its address line, or None."""
    written_to = None
    for raw in texts:
        text = " ".join(raw.split())
        found = _ASKS_BODY.search(text) or _TO_BODY.search(text)
        if found is not None:
            return found.group(1)
        asked = _ASKS_OF.search(text)
        if asked is not None:
            body = asked.group(1) or asked.group(2)
            return re.sub(r"^(?:our|your)\s+", "the ", body, flags=re.IGNORECASE)
        addressed = _WRITTEN_TO.search(text)
        written_to = written_to or (addressed.group(1) if addressed else None)
    return written_to
