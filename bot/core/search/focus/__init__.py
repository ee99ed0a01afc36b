"""Whether the passage found gives what the question asks for, beyond sharing its subject.

A near-topic question the reading does not answer scores like an answer, because it
shares the reading's words ("How much does a bus ticket cost in the city?" on an op-ed
about car-free centres). Some questions say what kind of answer they want (a :class:`Need`,
read by :func:`need_of`), and a sentence of the passage found must give it, *about the
thing asked*:

- a count ("how many seats …?"): a figure followed by what is counted ("48 plots", "one in
  five households", "61 of them"), not any figure anywhere; a figure the question states
  itself ("the 14 line") is no answer; "how many people …" is counted by the words before
  "people" ("enslaved people"), or by any figure;
- a price or sum ("how much does a permit cost?", "the average rent"): a sum of money in a
  sentence naming what is priced;
- a holder of a role or the doer of a deed ("who is the mayor?", "who founded / designed /
  owns X?"): a name the question does not give, in a sentence that names the role or deed;
  a person asked for ("who chaired …?", "the name of the safety officer", "the walker's name")
  by a person's name,
  not an acronym, a place's or a body's ("Bell Lane", "the Collective", "SEV-2");
- a time ("when will X start?", "what time", "in what year"): a date, a year, a time of
  day or a span in a sentence that speaks of X (the sentence shown may say "when …"), and of
  the event asked when the question ends on it ("when did the mill close?": not "the mill was
  built in 1823"; "shut", "the last", "came down" will do);
- a decision ("what did the council decide?", "did the committee accept the petition?", "how
  did the councillors vote?"): a sentence shown (or the one after it) that reports one made
  ("The motion was carried", "the board agreed"), not a call for one ("I ask the council to …");
- the first of a kind ("which books are the most popular?", "what's the best steel for a
  knife?"): a sentence shown (or the one after it) that singles one out ("the most", "the
  real obstacle", "nearly always", "above all"), not one that only speaks of the kind;
- the course of an event ("how did the war end?", "how did the revolution begin?", "what
  caused the civil war?"): a sentence shown (or the one after it) that tells its end, its
  beginning or its cause, not one that only names the event;
- a time the question states ("what happened in Crimea in 2014?", "how were jails in the 1840s
  funded?", unless it is the document's own date): a sentence shown (or the one after it) of
  that year or decade;
- one of a kind of thing that goes by proper names ("which countries …?", "in which town
  …?", "which American president …?"): a name the question does not give, in a sentence
  shown or one with every content word of the question.

- a measure ("how deep …?", "how old …?", "how noisy …?"), an outcome asked of the past ("was
  the workhouse eventually built?") or a method asked by a member ("how do I join …?"): see
  ``facts``.

Other quantity questions ("how long", "what percentage") keep the looser check: a figure
in a sentence shown. If the passage gives none, the reading does not cover the question,
however close its subject; measured on every labelled set (README, "not in the reading").

The package: ``kinds`` (the kinds of answer asked for, and what gives them), ``facts`` (a
measure, an outcome, a method), ``need`` (a question's :class:`Need` and its check on the
sentences found), ``numbered`` (a member of a series the question names: "round 3",
"room B14"), ``subject`` (a yes/no question's subject; comparisons), ``unsaid`` (what a
question asks of its subject that the passage found may not say).
"""

from __future__ import annotations

from bot.core.search.focus.kinds import (
    asks_count,
    asks_decision,
    asks_quantity,
    asks_superlative,
    counts_in,
    gives_quantity,
)
from bot.core.search.focus.need import Need, need_of, refers_back
from bot.core.search.focus.numbered import unnamed_members
from bot.core.search.focus.subject import compared, subject_of
from bot.core.search.focus.unsaid import asks_for_thing, asks_yes_no, unsaid, without

__all__ = [
    "Need",
    "asks_count",
    "asks_decision",
    "asks_for_thing",
    "asks_quantity",
    "asks_superlative",
    "asks_yes_no",
    "compared",
    "counts_in",
    "gives_quantity",
    "need_of",
    "refers_back",
    "subject_of",
    "unnamed_members",
    "unsaid",
    "without",
]
