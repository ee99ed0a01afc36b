"""The subject of a yes/no question, and the things a comparison sets side by side."""

from __future__ import annotations

import re

from bot.core.text.words import STOPWORDS, content_terms

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
