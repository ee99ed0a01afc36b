"""Whether the passage found gives what the question asks for, beyond sharing its subject.

A near-topic question the reading does not answer scores like an answer, because it
shares the reading's words ("How much does a bus ticket cost in the city?" on an op-ed
about car-free centres). When the question asks for a quantity (how much, how many, how
long, what percentage …), the sentences that would be shown must give one: a number, a
number word, a fraction, a share or a sum of money. If they give none, the reading does
not cover the question, however close its subject.

Measured on every labelled set in eval/ (both shipped models): of the quantity questions
members asked that the reading answers, all but a few have a figure in the best sentence
of the passage found; of those it does not answer, most have none (see README).
"""

from __future__ import annotations

import re

# "how long should a school day be?", "what percentage of …", "what is the price of …"
_ASKS_QUANTITY = re.compile(
    r"\bhow (?:many|much|long|big|large|often|old|tall|high|expensive)\b|\bnumber of\b|"
    r"\bwhat (?:percentage|proportion|fraction|share)\b|"
    r"\bwhat (?:is|was|are|were) the (?:cost|price|rate|fee|amount|size|salary)\b",
    re.IGNORECASE,
)
_GIVES_QUANTITY = re.compile(
    r"\d|[£$€%]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|several|half|"
    r"halves|quarters?|thirds?|percent|per cent|majority|minority|once|twice|most|few|many|"
    r"all|none)\b",
    re.IGNORECASE,
)


def asks_quantity(question: str) -> bool:
    """Whether `question` asks for a quantity (a number, an amount, a length of time …)."""
    return bool(_ASKS_QUANTITY.search(question))


def gives_quantity(sentence: str) -> bool:
    """Whether `sentence` states a quantity in any form a quantity question could be answered by."""
    return bool(_GIVES_QUANTITY.search(sentence))
