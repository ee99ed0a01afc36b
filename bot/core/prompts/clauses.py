"""Whether a clause stands on its own: a subject, a finite verb, a main verb outside its relatives.

Rules over function words and word endings (no parser, see :mod:`.compress`): a clause opens
with a subject when its first word is no conjunction, adverb, participle or verb, and has a
finite verb when one of the listed forms (or the word after a plural subject) follows it.
"""

from __future__ import annotations

import re

from bot.core.prompts.references import CONDITIONAL, CONTRASTIVE_CLEFT

CORE_MIN_WORDS = 4

_I = re.IGNORECASE


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NO_SUBJECT = _words(
    """because since if when where whereas although though while whilst unless until or and nor but
    for must may might can could will would shall should ought is are was were be been has have had
    do does did not only even than then thus hence to of in on at by with from into upon however need"""
)
FINITE = re.compile(
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
    r"mean)(?:es|s)?|got|went|grew|fell|rose|left|kept|gave|took|found|brought|began|ran|felt|knew|saw|"
    r"came|lost|won|built|sold|spent|paid|led|stood|understood|drove|wrote|thought|sought|taught|"
    r"\w+(?<![su])s(?= (?:the|a|an|no|that|more|less|far|its|their|his|our|in|on|at|"
    r"by|with|from|not|nothing|all|every|us|them|it|him|what|how|such|itself|only|most|little|much|something)\b))\b"
)
_NOT_SUBJECT_START = _words(
    """else most more less save except even also just then rather still yet wherefore whereby therefore
    one two three four five six seven eight nine ten eleven twelve twenty hundred thousand"""
)
_AFTER_VERB = _words(
    """the a an to in on at by with from almost only not no more less its their his her this these those it
    them him us me upon into"""
)


def has_subject(clause: str) -> bool:
    """A clause that opens with a subject and has a finite verb (roughly: "men must be free")."""
    words = clause.split()
    if len(words) < CORE_MIN_WORDS:
        return False
    if CONTRASTIVE_CLEFT.match(clause):
        return True  # "In a fire it is the warden, not the alarm, that…": the cleft's focus is its subject
    conditional = CONDITIONAL.match(clause)
    condition = clause[: conditional.end()].split(None, 1)[-1] if conditional else ""
    personal = re.match(r"^(?:we|you|they|i|he|she)\s+(?:\w+ )?\w+\b", condition, _I)  # "if we stop it"
    if conditional and not FINITE.search(condition) and not personal:
        return False  # "if any part, the shell…": the condition has no verb of its own
    if conditional:  # "If we never acted on our opinions, we should leave…": the main clause must stand
        return has_subject(clause[conditional.end() :])
    first = words[0].lower().strip("\"'(,;:")
    if first == "to" and re.search(r"\b(?:would be|is|was|will be|must be|seems)\b", clause):
        return True  # "To pretend a sudden resurgence… would be naive": an infinitive subject
    quantified = re.match(
        r"^not (?:one|a single|every|all|many|much)\b", clause, _I
    )  # ("not one of them would…")
    if (first in _NO_SUBJECT and not quantified) or any(w.lower() in ("having", "being") for w in words[:4]):
        return False
    qualified = re.match(r"^\w+ly \w+(?:ed|en|paid|built|made|run|held)\s+\w", clause, _I)
    determiner = first == "most" and re.match(
        r"^most\s+(?:of\s+(?:the|our|their|these|those)\s+)?(?:[a-z\-]+\s+)?[a-z\-]{3,}s\b", clause, _I
    )
    # "Twelve months is the only way…", "Two warnings a year apart are too slow": a counted subject
    # (not "Two years ago, …", "One may say…")
    counted = re.match(
        r"^(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|a hundred|hundreds|thousands)"
        r"\s+(?:[a-z\-]+\s+)?[a-z\-]{3,}s\b(?!,)(?!\s+(?:ago|later|earlier|before|after|on|since)\b)"
        r"(?:\s+[\w\-]+){0,8}?\s+(?:is|are|was|were|will|would|can|could|cannot|must|should|may|might|has|have|"
        r"had|do|does|did)(?:n['’]t)?\b",
        clause,
        _I,
    )  # (its verb a listed one: "two glass bulbs in a frame" has none)
    if (first.endswith("ly") and first != "only" and not qualified) or (
        first in _NOT_SUBJECT_START and not determiner and not counted  # ("Most product engineers should…")
    ):
        return False  # "Unhappily there is…", "else he will…": an adverb, not a subject ("publicly
        # financed stadiums almost never repay…" opens on one: an adverb of its participle)
    gerund_subject = re.match(  # "Setting the days by team, rather than by individual, keeps most of…"
        r"^\w+ing\b[^,;:]*,\s*(?:rather than|not|instead of|and not)\b[^,;:]*,\s*"
        r"(?:[a-z]+s|is|are|was|will|would|can|could|must|may|might|does)\b",
        clause,
        _I,
    )
    if first.endswith("ing") and re.search(r",|--|—", " ".join(words[:6])) and not gerund_subject:
        return False  # "Waiving this possibility, …": a participle phrase
    second = words[1].lower().strip(",")
    if re.match(r"^[a-z]+ed,$", words[0], _I) or (words[0].endswith(",") and second in ("and", "or")):
        return False  # "Exaggerated, distorted, and disjoined from…": participles without their noun
    if re.match(r"^[a-z]+(?:s|ed)$", words[0]) and (second.endswith("ly") or second in _AFTER_VERB):
        return False  # "accrues almost exclusively to…": a clause cut from its subject opens on its verb
    participle = re.match(
        r"^[A-Z][a-z]{3,}ed (?:to|by|at|in|on|with|from|for)\b[^,;]*"
        r"(?:,\s+(?:who|which|whose|where|when)\b|$)",
        clause,
    )
    if participle is not None:
        return False  # "Presented to John Tregarthen, who guided ships…": a participle and no main clause
    if re.match(r"^\w+(?: it is)?,? that\b", clause, _I):
        return False  # "Strange that they should…": an exclamation without its verb
    return (
        bool(FINITE.search(" ".join(words[1:])))
        or bool(_PLURAL_SUBJECT_VERB.match(clause))
        or _PRONOUN_VERB.match(clause) is not None  # "you turn it into one more event": a verb of no list
    )


# A personal pronoun and the word after it, a verb whatever its form: "you turn it", "we mend the roads"
_PRONOUN_VERB = re.compile(
    r"(?:^|(?<=[,;]\s)|\b(?<=if )|\b(?<=when )|\b(?<=and ))(?:you|we|they|i)\s+(?:\w+ly\s+)?"
    r"(?!(?:all|both|each|too|also|only|alone|who|which|that|and|or|the|a|an|not|never)\b)([a-z]{2,})\b"
)
# "a ring served by buses": a participle after its noun, not a finite verb ("is served by" is one).
_PARTICIPLE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )\w+ed by\b")


# "our past act", "the judges": a word of the verb list after a determiner is a noun.
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|our|my|your|his|her|its|their|these|those|past|every|each|no)\s+$", re.IGNORECASE
)


# "Teachers leave…", "Some districts offer…": the word after a plural subject opening the clause is its verb.
_PLURAL_SUBJECT_VERB = re.compile(
    r"^(?:(?:the|some|many|most|all|few|our|their|these|those|such|no|both|other)\s+)?"
    r"(?:(?!(?:where|which|who|whom|that|when|whose)\b)[a-zà-öø-ÿ\-]+\s+){0,2}?"
    r"(?:[a-zà-öø-ÿ\-]{2,}(?<![su'’])s|children|people|men|women)\s+"
    r"(?!(?:and|or|nor|of|in|on|at|to|for|with|by|from|who|which|that|than|as|but|not|if|when|because|like|"
    r"into|across|under|over|about|whose|where|while|before|after|through|around|without|within|alone|"
    # ("nurses off a night shift, pensioners, …": a preposition after the noun, so no verb: a list)
    r"off|up|out|down|upon|onto|toward|towards|against|along|among|between|behind|beside|beyond|near|"
    r"above|below|beneath|inside|outside|during|until|since|via|per|"
    r"themselves|both|all|each|too|also)\b)([a-zà-öø-ÿ]+)(?<!ing)(?<!ly)\b",
    _I,
)


def verbs(clause: str) -> list[int]:
    """Where the clause's finite verbs start (a listed form, the word after a plural subject or a pronoun)."""
    starts = {
        m.start()
        for m in FINITE.finditer(clause)
        if not _PARTICIPLE.match(clause, m.start())
        and not _DETERMINER_BEFORE.search(clause, 0, m.start())
        and clause[max(0, m.start() - 1) : m.start()] != "-"  # ("index-linked": an adjective)
    }
    for m in _PRONOUN_VERB.finditer(clause):  # "you turn it", "we mend the roads"
        if not any(abs(m.start(1) - at) < 2 for at in starts):
            starts.add(m.start(1))
    plural = _PLURAL_SUBJECT_VERB.match(clause)
    if plural is not None:
        starts.add(plural.start(1))
    return sorted(starts)


_NOT_A_VERB = _words(
    """the a an this that these those its their his her our my your we they i you he she it there not never
    also only still often once first most more all some each every no"""
)


# A noun phrase opening the clause, then "that": "A long window over the harbour that makes…"
_NOUN_THAT = re.compile(
    r"^(?:the|a|an|those|these|every|any|no|some|our|their|its|his|her|my|your|two|three|four|five|six|"
    r"seven|eight|nine|ten|twelve|twenty)\s(?:[\w\-'’]+\s){0,8}?([\w\-'’]+)\s+that\s+"
    r"(?:(?:\w+ly|always|never|only|still|also|just|often|ever|even)\s+)?",
    re.IGNORECASE,
)
# nouns whose "that" opens what they say, not a relative clause: "the fact that…", "the idea that…"
_SAYING_NOUNS = _words(
    """fact idea view belief claim notion argument suggestion hope fear point news evidence sense feeling
    assumption possibility chance risk danger hint proof sign signs rule principle case worry concern
    complaint promise thought theory question certainty doubt impression knowledge proposal demand"""
)
# "makes every table feel", "let the children decide": a verb's bare infinitive after its object
_CAUSATIVE_BEFORE = re.compile(
    r"\b(?:make|makes|made|making|let|lets|help|helps|helped|see|sees|saw|watch|watches|hear|hears|heard)"
    r"\s+(?:[\w\-'’]+\s+){0,3}$",
    re.IGNORECASE,
)


_AUXILIARY = r"\b(?:is|are|was|were|will|would|can|could|must|should|may|might|shall|has|have|had|does|did)\b"


def _verb_at(clause: str, at: int) -> bool:
    """Whether the word at `at` is a verb for sure: a listed form, or an "-s" word after an adverb.

    "the ten minutes with a reader": "minutes" is found as a verb only by its "-s" and the word after it.
    """
    word = re.match(r"[\w'’]+", clause[at:])
    if word is None:
        return False
    if FINITE.fullmatch(word.group().lower()) or not re.search(r"[^su]s$", word.group()):
        return True
    after_adverb = r"\b(?:\w+ly|only|always|never|also|still|just|often|even|that|which|who)\s+$"
    return bool(re.search(after_adverb, clause[:at]))


def _that_relative_only(clause: str, found: list[int]) -> bool:
    """A noun phrase and its "that" relative clause, no verb of its own: a fragment, no claim.

    "A long window over the harbour that makes every table feel like the good one" says nothing of
    the window: the only verbs are the relative's ("that makes", its "feel"). When the relative's verb
    is not next to "that" ("A perk that every district offers is…") the verb found is the clause's own.
    """
    match = _NOUN_THAT.match(clause)
    if match is None or match.group(1).lower() in _SAYING_NOUNS:
        return False
    before = clause[: match.end(1)]
    if re.search(_AUXILIARY, before, re.IGNORECASE) or any(
        _verb_at(before, m.start()) for m in FINITE.finditer(before.lower())
    ):
        return False  # ("A relay MUST downgrade to U0 any message that…", "The committee reported on its
        # talks with the association that…": a verb before the "that"; a plural noun is none)
    later = [v for v in found if v >= match.end() and _verb_at(clause, v)]
    if not later or later[0] != match.end():
        return False  # (the verb found is not the relative's own, next to its "that")
    end, word = later[0], ""
    for at in later:  # the relative's verb group: "could have gone", "makes every table feel"
        gap = clause[end:at]
        relative = re.search(r"\b(?:that|which|who)\s+(?:\w+ly\s+)?$", gap, re.IGNORECASE)  # another relative
        chained = not gap.strip() and (not word or re.fullmatch(_AUXILIARY, word, re.IGNORECASE))
        if not chained and not _CAUSATIVE_BEFORE.search(clause[:at]) and relative is None:
            return False  # the clause's own verb after the relative's: "A town that loses its bus loses…",
            # "The field that rests is not…"
        word = re.match(r"[\w'’]+", clause[at:]).group()  # type: ignore[union-attr]
        end = at + len(word)
    return True


def main_verb(clause: str) -> bool:
    """A verb outside the subject's relative clause ("the objections which have been brought" has none)."""
    # ("a crime shown at length, with its punishment added in the last few feet, as…": a "with" phrase's
    # participles are none of its verbs)
    clause = re.sub(r",\s+with\b[^,;:]*(?=,)", "", clause)
    relative = re.search(r"\b(?:which|who|whom|whose)\b|(?<=\breason )why\b", clause)
    found = verbs(clause)
    if not found:
        return False
    # (", as a chaplain is added to a hanging": a comparison's verb is not the clause's own)
    subordinate = re.search(
        r"(?<!^)\b(?:because|since|although|though|unless|whereas|so that)\b|"
        r",\s+(?:just |even )?as\b(?! well\b)",
        clause,
    )
    if subordinate is not None and found[0] > subordinate.start():
        return False  # "a reverence for our past act, because the eyes of others have…": no main verb
    if relative is None and _that_relative_only(clause, found):
        return False
    if relative is None or found[0] < relative.start():
        return True
    after = [m for m in FINITE.finditer(clause) if m.start() > relative.start()]
    groups = 0  # verb groups: "ought to have been" is one; "…, but was not, seen" belongs to the first
    previous_end = -100
    for m in after:
        gap = clause[previous_end : m.start()]
        coordinated = re.search(r"\b(?:but|and|or|nor)\b", clause[max(0, m.start() - 6) : m.start()])
        # ("every man who does his duty must exercise…": a modal after the relative's object opens a group)
        modal = re.match(r"(?:must|will|would|can|cannot|could|should|may|might|shall)$", m.group(), re.I)
        if previous_end < 0 or ((len(gap.split()) > 2 or (modal and gap.split())) and not coordinated):
            groups += 1
        previous_end = m.end()
    # "the people who drive into the centre … are not…": the relative's own verb is no listed form
    own = re.match(r"\s+([a-z]+)\s", clause[relative.end() :])
    if (
        groups == 1
        and own is not None
        and re.match(
            r"^(?:the|a|an|those|these|every|any|no|most|many|some)\s(?:[\w\-]+\s){0,3}?(?:who|which|that)\b",
            clause,
        )
        and not FINITE.match(own.group(1))
        and own.group(1) not in _NOT_A_VERB
        and after
        and after[0].start() > relative.end() + len(own.group(0))
    ):
        groups += 1
    return groups >= 2
