"""Claims that are no claim alone: parallel set-ups, pointers, facts told, cut series (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.prompts import PromptDeck
from bot.core.prompts.compress import core
from bot.core.prompts.context import argues
from bot.core.prompts.quality import shape_problem
from bot.core.prompts.ranking import report_penalty
from bot.core.search.index import build_from_seeds


def _core(sentence: str) -> str | None:
    return core(sentence, lambda w: w in {"Dunmore", "Mr", "Pell", "Fore", "Street"}, argues)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "it" is the matter told before: no antecedent in the claim
        ("But the price in votes is the least of it.", None),
        ("The one thing that has changed is that we stopped doing it twenty years ago.", None),
        (
            "The truth is that the scheme works because people trust it.",
            "the scheme works because people trust it",
        ),
        # a rhetorical "Let them find…" is no call to act; "Let the X do Y" still is
        ("Let them learn, when they do, that the parish has spoken.", None),
        ("Let the vestry be open on Sundays.", "the vestry should be open on Sundays"),
        # a noun with its relative clause is no clause of its own
        (
            "I offer it to the jury as the oldest of the rules, and the only one that can be kept for free.",
            None,
        ),
        # the link to the argument before is not carried into the question
        (
            "The closing of the reading room is therefore not a saving but a loss.",
            "the closing of the reading room is not a saving but a loss",
        ),
        # a series is never cut between its items
        (
            "Good stewardship means the club logs every repair to the boats, is expected to pay for the "
            "worst of them from its own funds, and has the right to refuse a hire that looks unsafe.",
            "good stewardship means the club logs every repair to the boats",
        ),
        (
            "Our queues are half as short, our costs are no higher, and nobody misses the argument about "
            "whether a form is a green one or a blue one.",
            "our queues are half as short, our costs are no higher, and nobody misses the argument about "
            "whether a form is a green one or a blue one",
        ),
        # "you may X, and you will Y": a grant whose point is what follows from it
        (
            "You may close every branch library, and you will still not have saved a penny on the buildings.",
            "if you close every branch library, you will still not have saved a penny on the buildings",
        ),
        # a "so X" is never cut from its "that …"
        (
            "Our funds are placed each quarter with the county bank, which pays us two per cent; but the "
            "sums standing to each saver are so small, and the labour of reckoning so great, that we have "
            "spent the whole of the interest on the costs of books, lamps and stationery.",
            "our funds are placed each quarter with the county bank, which pays us two per cent",
        ),
        # ... nor a leading condition taken for one
        (
            "Whichever firm is chosen, the contract should require a standing panel of riders with at least "
            "one member from each village on the line, and the Cycle Trust should be invited to chair it.",
            "whichever firm is chosen, the contract should require a standing panel of riders with at least "
            "one member from each village on the line",
        ),
        (
            "If we want the pool to open in ten years, the people who swim will have to pay some of the "
            "cost, and I would rather ask them for a pound than close the pool on Mondays.",
            "if we want the pool to open in ten years, the people who swim will have to pay some of the cost",
        ),
        # the speaker's preference, asked as what is better
        (
            "I would rather lose a vote about how we share the hall than win one about car parks.",
            "it is better to lose a vote about how we share the hall than to win one about car parks",
        ),
        # the speaker's own call, said ahead of time
        (
            "So in May I will ask the council to close the lane to lorries after dark.",
            "the council should close the lane to lorries after dark",
        ),
        # a named proposal granted, then what it would also do
        (
            "Mr Pell's plan of halving the fees would help, but it would also mean closing the Dunmore "
            "branch two days a week.",
            "Mr Pell's plan of halving the fees would also mean closing the Dunmore branch two days a week",
        ),
        # the contrast stays with its clause when a consequence is cut
        (
            "But the hall is at the end of the bus route, not on the far side of the county, and anyone "
            "coming from the station on the early train will pass the library, the bakery and every shop "
            "on the way.",
            "the hall is at the end of the bus route, not on the far side of the county",
        ),
        # a leading condition stays with the conjunct that is asked
        (
            "If the vote goes through, the building grant from the county disappears, the queues at the old "
            "branch come back, and the new library will never be built.",
            "if the vote goes through, the new library will never be built",
        ),
        # "The answer is that X": X, whatever leads it
        (
            "The answer is that in Dunmore, as in most market towns, the people who shop at night are not "
            "the town's richest residents.",
            "the people who shop at night are not the town's richest residents",
        ),
        # the writer's own view named as such: its "that"-clause, cut at a second predicate when long
        (
            "It is this paper's view that closing one branch in every district would leave the service open "
            "at hours when nobody can use it, and would protect the buildings rather than the readers.",
            "closing one branch in every district would leave the service open at hours when nobody can use "
            "it",
        ),
        ("Our view is that the toll is unjust.", "the toll is unjust"),
        # a thesis announced before a colon is asked on what follows it
        (
            "In this post I want to argue something that will annoy my colleagues: most product managers "
            "should not write the release notes at all.",
            "most product managers should not write the release notes at all",
        ),
        (
            "But I wish to set down a plain heresy: that a certain kind of thrift is not a virtue to be "
            "praised but a vice to be pitied.",
            "a certain kind of thrift is not a virtue to be praised but a vice to be pitied",
        ),
        (
            "Our main objection is that the board is asking riders to accept fewer trains for savings that "
            "are small.",
            "the board is asking riders to accept fewer trains for savings that are small",
        ),
        # "every X … not one of them": the distributive is what "them" takes up
        (
            "If every baker in Fore Street closed at six, not one of them would lose a single customer.",
            "if every baker in Fore Street closed at six, not one of them would lose a single customer",
        ),
        # a pronoun's verb need be in no list
        (
            "Move the fair to the meadow and you turn it into one more show in one more field.",
            "if you move the fair to the meadow, you turn it into one more show in one more field",
        ),
        # a numbered proposal's subjunctive after its condition is what should be done
        (
            "Second, that where the wardens want a test of need, they use the labour test and not the house.",
            "where the wardens want a test of need, they should use the labour test and not the house",
        ),
        # the speaker's grant before "but" goes, also before a semicolon; "the first time" points nowhere
        (
            "I admire the wardens, but a park that depends on goodwill will close the first time the "
            "goodwill runs out; it needs paid staff.",
            "a park that depends on goodwill will close the first time the goodwill runs out",
        ),
        # the reason the speaker gives for their stance is the claim
        (
            "I am going to vote against it anyway, not because parking is cheap, but because a new car park "
            "answers the wrong question.",
            "a new car park answers the wrong question",
        ),
        # a gerund subject with its "rather than" aside
        (
            "Setting the rota by team, rather than by person, keeps most of the benefit of working together.",
            "setting the rota by team, rather than by person, keeps most of the benefit of working together",
        ),
        # what the speaker asks us to remember is the claim
        (
            "And let us remember that a rule only the rich can keep is not a rule we may ask of the poor.",
            "a rule only the rich can keep is not a rule we may ask of the poor",
        ),
        ("This committee's view is that the toll is unjust.", "the toll is unjust"),
        # an abstract noun told before ("the danger") points outside; "the remedy is to X" says what it is
        ("But the danger is one that the board can easily guard against.", None),
        (
            "The remedy is not to write more rules, but to write fewer.",
            "the remedy is not to write more rules, but to write fewer",
        ),
    ],
)
def test_claims_that_lean_outside_themselves(sentence, expected):
    assert _core(sentence) == expected


def test_a_reported_view_loses_its_bare_leading_phrase():
    assert core(
        "Councillor Pell argues that in a lean year the town must mend its roads before it plants trees.",
        lambda w: w in {"Councillor", "Pell"},
        argues,
        reported=True,
    ) == ("the town must mend its roads before it plants trees")
    # (the writer's own sentence keeps it: "On the busiest evenings we have had to…" is no view)
    assert _core("On the busiest evenings we have had to carry a fainting visitor over a stall.") is None


def test_a_names_possessive_keeps_its_capital():
    assert _core(
        "Harrowgate's levy has raised steady revenue, but its effect on traffic has been modest."
    ) == ("Harrowgate's levy has raised steady revenue, but its effect on traffic has been modest")
    assert (
        _core("Everyone's time is worth the same to the council.")
        == "everyone's time is worth the same to the council"
    )


def test_facts_told_rank_as_reports():
    assert report_penalty("The club's own treasurer has said that the boathouse is at its limit.") > 0
    assert report_penalty("Ms Arno confirmed that the lease would be renewed in March.") > 0
    assert report_penalty("Next week the parish council will vote on a motion to close the lane.") > 0
    assert report_penalty("The Quiet Garden: Notes on Small Parks is published by Fenmore Books.") > 0
    assert report_penalty("It is a catchy slogan, and it deserves a straight answer rather than a sneer.") > 0
    assert report_penalty("Answer the letter that deserves an answer; a friend forgives a slow reply.") == 0
    assert report_penalty("The Trust recognises that a park is more than a place to walk dogs.") > 0
    assert report_penalty("There is room for proper benches, so that older visitors can sit down.") > 0
    assert report_penalty("There is room for doubt, and the council should say so.") == 0
    assert report_penalty("We have said that the lane is unsafe.") == 0
    assert report_penalty("The remedy for a badly run library is to run it well.") == 0


def test_a_short_denial_is_a_claim_a_short_setup_is_not():
    assert shape_problem("Thrift is not a meanness.") is None
    assert shape_problem("A bench is cheap.") is not None  # the setup of what follows it
    assert shape_problem("It is not a drill.") is not None


def _deck(embedder, tmp_path: Path, text: str) -> list:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "speech.txt").write_text(text, encoding="utf-8")
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    return PromptDeck.build(index, embedder).prompts


def test_a_parallel_run_is_not_asked_one_by_one(embedder, tmp_path):
    deck = _deck(
        embedder,
        tmp_path,
        "Remarks by Councillor Jane Ormsby at the opening of the Mill Lane Seed Library\n\n"
        "I want to tell you what I think a village is for. A village is a promise that nobody has to grow "
        "everything alone. You do not need your own orchard, because we have the one on Church Hill. You do "
        "not need your own meadow, because we have the common. You do not need your own greenhouse, because "
        "we have the school's. Why, then, should every family need its own packet of every seed?\n\n"
        "Sharing seed is not charity. I would ask the parish to give the library a shelf in the hall for "
        "good, and I would rather lose a vote about how we share the hall than win one about how many cars "
        "it holds.\n",
    )
    asked = " ".join(p.question for p in deck)
    assert "your own orchard" not in asked and "your own meadow" not in asked
    assert "a village is a promise" in asked


def test_a_forum_posters_user_name_is_their_name(embedder, tmp_path):
    rule = "-" * 60
    text = (
        "Home Forums › Transport\nThread: Should the village keep its Sunday bus?\n\n"
        f"{rule}\n#1  hedge_warden   (Joined: Mar 2021 | Posts: 88)   02 Feb 2026, 19:04\n{rule}\n"
        "A village that loses its Sunday bus loses its oldest residents to loneliness first. The bus is "
        "not a luxury; it is the only way some of them see their families at all.\n\n"
        f"{rule}\n#2  Pennywhistle   (Joined: Jan 2019 | Posts: 410)   03 Feb 2026, 08:11\n{rule}\n"
        "A bus that runs empty every Sunday is a subsidy for an idea, not a service, and the parish "
        "should spend the money on a volunteer car scheme instead.\n\n"
        f"{rule}\n#3  hedge_warden   03 Feb 2026, 20:30\n{rule}\n"
        "> A bus that runs empty every Sunday is a subsidy for an idea.\n\n"
        "It runs empty because the timetable was cut to two journeys, and nobody can plan a visit around "
        "two buses.\n"
    )
    deck = _deck(embedder, tmp_path, text)
    asked = " ".join(p.question for p in deck)
    assert "the author" not in asked
    assert "hedge_warden" in asked


def test_a_bare_call_to_vote_on_the_motion_is_not_asked(embedder, tmp_path):
    deck = _deck(
        embedder,
        tmp_path,
        "Speech of Councillor Ruth Anand to the Harwell Debating Society, on the motion that the town's "
        "libraries be run by volunteers\n\n"
        "A library run on goodwill closes the first winter the goodwill runs out, and it is the children "
        "who lose the warm room after school. A town that cannot pay a librarian cannot call itself a town "
        "that reads.\n\n"
        "I urge you to oppose the motion.\n",
    )
    asked = " ".join(p.question for p in deck)
    assert "oppose the motion" not in asked
    assert deck  # the case the speaker makes is still asked
