"""What a question asks beyond the subject its best passage shares, and whether that passage says it.

A near-topic question the reading does not answer finds the passage on its subject: "is the
pool heated?" → the paragraph on the pool, "what wattage is the KX-17?" → the paragraph on the
KX-17. What it asks of that subject (heated, wattage: the *focus*) is in none of the passage's
words. A member's paraphrase of an answerable question often misses the passage's words too
("do kids pay to cross?" / "children under twelve still travel free"), so a missing word alone
says little; what tells them apart is whether the passage *says* the focus in other words.

:func:`unsaid` gives the focus words a passage lacks, for the questions whose focus is plain:

- a yes/no question ("is the pool heated?", "did the council approve it?", "can I bring my
  dog?"): every content word the passage does not use, bar names and words that only qualify
  ("still", "ever", "actually"); not one asking a view ("does the curator agree that …?"), which
  a passage gives in words of its own;
- "what / which X …?", "what is the X of …?" (X: "wattage", "refrigerant", "route"), "is there an
  X …?" and "does S have / offer / sell an X?": the words of X the passage does not use; not "what
  kind of X …?", which the answer names by its members.

:func:`without` is the question with them taken out. The retriever (``_check_focus``) then
compares how close the passage's best sentence stands to the question and to the question
without its focus: a passage that says the focus in other words is closer with it ("children
… travel free" for "do kids pay"); one that only shares the subject is as close or closer
without it ("what is the KX-17?"). Measured with scripts/sweep.py on every labelled set (the
thresholds per model are ``focus_drop`` for "what X …?", ``focus_drop_thing`` for "is there / does
S have an X?" and ``focus_drop_yes_no`` in the model's calibration, each where no answerable
question is refused). The check costs one more encoding of the question (without its focus) for
the questions it applies to, about one in eight.

Measured in the eleventh session and not kept (all-mpnet-base-v2, the questions every other check
let through, 782 answerable + 72 off-topic on the first 60 sets, then 1404 + 226; area under the
curve, answerable above off-topic):
- the focus matched word by word with the model (each question word the best passage lacks, its
  best cosine with the passage's words, the worst of them): 0.58; "wattage"/"watts" 0.81 but
  "looking after"/"kept running" 0.28, "clock"/"watch" 0.39, and answerable paraphrases lack more
  words than off-topic questions do;
- the missing words as phrases against the passage's sentences: 0.56; against every sentence of the
  reading (does the reading speak of it anywhere?): 0.58; the words the reading never uses counted:
  no separation (888 of 1404 answerable questions have one);
- the contrast above over every question (the question without every word the passage lacks): 0.66;
  over "why / how / what did …" questions 0.63 (their missing words are the paraphrase, not a focus),
  over yes/no questions 0.79 and "what X"-like ones 0.73: the kinds kept;
- "what X" with X missing from the passage, by words alone: 43 off-topic and 53 answerable of 179
  (the answer gives a value, not the attribute's name: "four stars" for "what scores …?");
- the contrast read the other way, to answer questions the cut-off refused when the passage says the
  focus: 10 answerable and 10 off-topic above 0.04; looser "what X" thresholds (-0.10 to -0.06): +0
  to +5 rejected for +1 to +2 refused.
- a passage nearly as close as the best (``FIGURE_MARGIN``) that says the focus answering instead:
  off-topic rejected -4 (mpnet) and -2 (MiniLM), no answerable question kept.
On the 150 sets at the end (2836 answerable, 1311 off-topic), the check as a whole: mpnet off-topic
rejected 880 -> 908, refused 341 -> 342; MiniLM 865 -> 879, 373 -> 374 (one chat question of a set
added after the thresholds were set, "can the tuesday group play music at the cheer point?", whose
answer "don't use anything amplified" is in the second passage shown).
No offline answerability model installs from PyPI with its weights (searched: the NLI, reranker and
question-answering packages listed download from a hub at run time).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.core.search.focus.kinds import _ASKING
from bot.core.text.words import STOPWORDS, content_terms

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_AUX = r"(?:do|does|did|is|are|was|were|would|will|can|could|should|has|have|had|might|must|may|shall)"
# a yes/no question: it opens with its auxiliary ("Is the pool heated?", "Can I bring my dog?")
_YES_NO = re.compile(
    r"^\s*(?:do|does|did|is|are|was|were|can|could|should|would|will|shall|must|may|might|has|have|had|am|"
    r"isn't|aren't|doesn't|don't|didn't|won't|wouldn't|can't|couldn't|shouldn't)\b",
    re.IGNORECASE,
)
_DET = r"(?:a|an|any|some|the|much|many|enough|another|other|more|such)"
# "is there a shared laundry room?", "are there any exceptions for …?"
_THERE = re.compile(
    r"^\s*(?:is|are|was|were|will|would)\s+there\s+(?:still\s+|also\s+|ever\s+)?"
    r"(?:" + _DET + r"\s+)?(?P<np>[^?,]+)",
    re.IGNORECASE,
)
# "does the lido have a cafe?", "does the recall cover kettles bought abroad?"
_HAS = re.compile(
    r"^\s*(?:does|do|did|will|would|can|could)\s+(?:[\w'’-]+\s+){1,4}?(?:have|has|offer|sell|serve|run|provide|"
    r"include|cover|take|organi[sz]e|need|get)\s+(?:" + _DET + r"\s+)?(?P<np>[^?,]+)",
    re.IGNORECASE,
)
# "what wattage is the KX-17?", "which quarry did the sandstone come from?", "what kind of fuel …?"
_WHAT_X = re.compile(
    r"^\s*(?:(?:in|on|at|for|from|with|by|to|of)\s+)?(?:what|which)\s+(?:(?:kinds?|sorts?|types?)\s+of\s+)?"
    r"(?P<np>(?:[a-z][\w'’-]*\s+){0,2}?[a-z][\w'’-]*)\s+" + _AUX + r"\b",
    re.IGNORECASE,
)
# "what is the fare for the steam train?", "what's the address of the centre?"
_X_OF = re.compile(
    r"^\s*what(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(?:the|his|her|their|its|your)\s+"
    r"(?P<np>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)\s+(?:of|for|on|at|in|to)\b",
    re.IGNORECASE,
)
# "what kind of bulbs …?": a kind, which the answer names by its members ("LED lanterns")
_KIND_OF = re.compile(r"^\s*(?:what|which)\s+(?:kinds?|sorts?|types?)\s+of\b", re.IGNORECASE)
# "does the curator agree that …?", "does the sermon call for …?": a view, which a passage gives in
# words of its own (the stance machinery's); not a decision ("did the council approve it?")
_VIEW = re.compile(
    r"^\s*(?:do|does|did|would|will)\s+(?:[\w'’-]+\s+){1,3}?(?:agree|think|believe|say|argue|feel|expect|admit|"
    r"like|prefer|want|hope|fear|worry|claim|suggest|call|mean)\b",
    re.IGNORECASE,
)
# what ends a noun phrase read off the question
_NP_END = frozenset(STOPWORDS) | frozenset(
    re.findall(r"\w+", "for at on in to near with from about by after before during when if that which who")
)
# words that only qualify or stand for anything: no focus of their own
_PLAIN = frozenset(
    content_terms(
        "still ever really actually even also too any together just only already yet else thing things kind "
        "sort type part parts way ways one ones lot point people person anything something everything anyone "
        "someone anybody somebody"
    )
)


def unsaid(question: str, passage_terms: Collection[str], names: Collection[str] = ()) -> list[str]:
    """The question's focus words that a passage with `passage_terms` does not use (see the docstring).

    `passage_terms`: the passage's content terms (with its title and section); `names`: the
    reading's proper names, lower-cased (a name is the subject, never the focus). Empty for a
    question whose focus is not plain, or when the passage uses every focus word.
    """
    words = _focus(question)
    if not words:
        return []
    out = []
    for word in words:
        terms = content_terms(word)
        if not terms or terms[0] in _ASKING or terms[0] in _PLAIN or word.lower() in names:
            continue
        if _is_name(word, question):
            continue
        if not any(_same_root(t, u) for t in terms for u in passage_terms):
            out.append(word)
    return out


def asks_for_thing(question: str) -> bool:
    """Whether the question asks whether a thing is there or had ("is there an X?", "does S have an X?")."""
    return bool(_THERE.match(question) or _HAS.match(question))


def asks_yes_no(question: str) -> bool:
    """Whether the question's focus is what a yes/no question says of its subject (not a thing asked for)."""
    return not asks_for_thing(question) and not _WHAT_X.match(question) and bool(_YES_NO.match(question))


def without(question: str, words: Collection[str]) -> str:
    """`question` with `words` taken out (whole words, any case)."""
    out = question
    for word in words:
        out = re.sub(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w'’-])", " ", out, flags=re.IGNORECASE)
    return " ".join(out.split())


def _focus(question: str) -> list[str]:
    """The words that may carry a question's focus (all of a yes/no question's; X of "what X …?")."""
    if _KIND_OF.match(question) or _VIEW.match(question):
        return []
    for pattern in (_THERE, _HAS, _WHAT_X, _X_OF):
        match = pattern.match(question)
        if match:
            phrase = []
            for word in _WORD.findall(match.group("np")):
                if word.lower() in _NP_END:
                    break
                phrase.append(word)
            return phrase[-1:] if pattern is _WHAT_X else phrase
    if _YES_NO.match(question):
        return _WORD.findall(question)[1:]
    return []


def _is_name(word: str, question: str) -> bool:
    """Whether `word` is capitalised inside the question (a name: "does Mill think …?")."""
    at = question.find(word)
    return at > 0 and word[0].isupper()


def _same_root(t: str, u: str) -> bool:
    """Two stems of one root: equal, or agreeing in their first four letters within three in length."""
    return t == u or (min(len(t), len(u)) >= 4 and abs(len(t) - len(u)) <= 3 and t[:4] == u[:4])
