"""What a question asks for, and whether a sentence gives it (bot.core.search.focus)."""

from __future__ import annotations

import pytest

from bot.core.reading.passages import Passage
from bot.core.search.focus import asks_quantity, gives_quantity
from bot.core.search.retrieval import Hit, _gives_quantity


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("How much does a bus ticket cost in the city?", True),
        ("how many students graduated from Tuskegee each year?", True),
        ("How long should a school day be?", True),
        ("What percentage of households have no car?", True),
        ("What is the price of a permit?", True),
        ("Why do shop owners oppose pedestrian zones?", False),
        ("When was the rule introduced?", False),
        ("Which cities have congestion charges?", False),
    ],
)
def test_asks_quantity(question, asks):
    assert asks_quantity(question) is asks


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("A structured parking space costs between $30,000 and $60,000 to build.", True),
        ("Roughly one in five households has no car at all.", True),
        ("At present the wait is about eighteen months.", True),
        ("It stands idle ninety-five per cent of the time.", True),
        ("Half plots are available for people who are new to growing.", True),
        ("A residential permit programme manages it far more cheaply.", False),
        ("Bonfires are not allowed, because smoke drifts into the flats.", False),
    ],
)
def test_gives_quantity(sentence, gives):
    assert gives_quantity(sentence) is gives


def _hit(sentences: list[str], marked: tuple[int, ...]) -> Hit:
    text = " ".join(sentences)
    spans, start = [], 0
    for s in sentences:
        spans.append((start, start + len(s)))
        start += len(s) + 1
    passage = Passage(
        id="p", document="d.md", title="D", section=None, paragraph=1, text=text, sentences=tuple(spans)
    )
    return Hit(passage, 0.5, marked)


def test_the_figure_may_come_from_a_sentence_that_names_what_is_counted():
    hit = _hit(["Welcome to Riverside.", "The garden has 48 plots on the old railway land."], (0,))
    assert _gives_quantity(hit, "How many plots are there?")
    # the other sentence counts plots, not what an insurance costs
    assert not _gives_quantity(hit, "How much does the garden pay for its insurance?")
    assert _gives_quantity(_hit(["It costs £45 a year."], (0,)), "How much is a plot?")
