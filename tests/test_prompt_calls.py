"""A brief's demands, a thesis over two sentences, scenes and measures: unit checks of how they are asked."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bot.core.prompts import questions as q
from bot.core.prompts.compress import core
from bot.core.prompts.context import argues
from bot.core.prompts.ranking import house_fact, report_penalty
from bot.core.prompts.references import petitioned, points_back, resolve_opening, unresolved
from bot.core.prompts.voice import AUTHOR, Voice
from bot.core.reading.passages import parse_document


def _names(word: str) -> bool:
    return word in {"Board", "Westhaven", "Corporation", "Aske", "Port"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a demand in the imperative, with a count before its noun ("the first two … crossings")
        (
            "Keep the first two and the last two crossings of the weekday timetable.",
            "we should keep the first two and the last two crossings of the weekday timetable",
        ),
        # "Ask X to …" is a call on someone; "Ask yourself whether …" is a step of the argument
        (
            "Ask the county council to share the cost of the early crossings.",
            "we should ask the county council to share the cost of the early crossings",
        ),
        ("Ask yourself whether the timetable serves anyone.", None),
        # an object "them" pointing at a noun of its own clause, when the clause has no subject of its own
        (
            "A town that gives its people free hours and nothing to fill them has given them half a gift.",
            "a town that gives its people free hours and nothing to fill them has given them half a gift",
        ),
        ("The council should sell the depot and renew them.", None),
        # "X, and not only Y" pairs its "not only"
        ("Leisure is a trust, and not only a gift.", "leisure is a trust, and not only a gift"),
        # "I say therefore that X": the speaker's frame
        (
            "I say therefore that the Corporation should open the free library on Saturday afternoons.",
            "the Corporation should open the free library on Saturday afternoons",
        ),
    ],
)
def test_cores_of_demands_and_frames(sentence: str, expected: str | None) -> None:
    assert core(sentence, _names, argues) == expected


def test_a_count_before_its_noun_points_at_nothing_but_a_bare_ordinal_does() -> None:
    assert not unresolved("we should keep the first three crossings of the day")
    assert unresolved("the first two are cheap to run")


@pytest.mark.parametrize(
    "sentence",
    [
        "The chapels stand empty by four o'clock while the public houses fill.",
        "At half past seven on a weekday morning the boat is full of nurses going to the infirmary.",
        "The journey takes three hours each way by steam.",
        "The road round the estuary is forty miles.",
        "The fare to the ground is a penny, and a seat in the stand is sixpence.",
    ],
)
def test_scenes_and_measures_report(sentence: str) -> None:
    assert report_penalty(sentence) > 0


@pytest.mark.parametrize(
    "sentence",
    [
        "A ferry that does not run when people need it is not a cheaper ferry.",
        "The library should stay open until nine o'clock on Saturdays.",
        "Three hours each way is too long for any child to travel to school.",
        "We are at one on this, and the town is with us.",
    ],
)
def test_positions_with_times_and_figures_do_not(sentence: str) -> None:
    assert report_penalty(sentence) == 0


def test_the_body_a_brief_asks() -> None:
    texts = ["A brief from the Friends of the Westhaven Ferry to the Westhaven Harbour Board, March 2026"]
    assert petitioned(texts) == "the Westhaven Harbour Board"
    assert petitioned([*texts, "We ask the Board to think again before it makes the cut."]) == "the Board"
    assert petitioned(["I ask the reader to bear with me.", "We urge colleagues to reject it."]) is None


def test_a_recommendation_is_asked_as_what_should_be_done_first_when_it_is_a_call() -> None:
    friends = q.Speaker("the Friends of the Westhaven Ferry")
    claim = "the Board should keep the first two crossings of the weekday timetable"
    asked = q.write("recommendation", Voice(AUTHOR), friends, claim, "x", Counter(), call=True)
    assert asked is not None
    assert asked.question == (
        "Should the Board keep the first two crossings of the weekday timetable, "
        "as the Friends of the Westhaven Ferry ask?"
    )
    assert asked.stance_map() == {"Yes": "agree", "No": "disagree", "Not sure": "unsure"}
    # not a call, or a body's call on "we" (the body itself): the plain frames
    argued = q.write("recommendation", Voice(AUTHOR), q.Speaker("Ansty"), claim, "x", Counter())
    assert argued is not None and argued.template == "right"
    ours = q.write(
        "recommendation", Voice(AUTHOR), friends, "we should open the library", "x", Counter(), call=True
    )
    assert ours is not None and ours.template == "right"


def test_a_thesis_over_two_sentences_is_asked_with_both_halves() -> None:
    friends = q.Speaker("the Friends of the Westhaven Ferry")
    thesis = ("oppose", "savings", "savings decided by people who never ride the boat")
    asked = q.write("interpretation", Voice(AUTHOR), friends, None, "x", Counter(), thesis=thesis)
    assert asked is not None
    assert asked.question == (
        "The Friends of the Westhaven Ferry do not oppose savings, only savings decided by people who never "
        "ride the boat. Do you agree?"
    )
    one = q.write(
        "interpretation",
        Voice(AUTHOR),
        q.Speaker("Ansty"),
        None,
        "x",
        Counter({"thesis-only": 2}),
        thesis=thesis,
    )
    assert one is not None and one.question.startswith("Ansty opposes savings decided by")


def test_questions_read_at_a_glance_when_they_can() -> None:
    claim = (
        "the council should keep every branch library open on Saturday afternoons until nine in the evening"
    )
    short = q.write(
        "recommendation", Voice(AUTHOR), q.Speaker("Ansty"), claim, "x", Counter(), limit=q.QUESTION_SHORT
    )
    assert short is not None and len(short.question) <= q.QUESTION_SHORT
    assert (
        q.write("value", Voice(AUTHOR), q.Speaker("Ansty"), "x " * 70, "x", Counter(), limit=q.QUESTION_SHORT)
        is None
    )


def test_demands_after_an_address_to_a_body() -> None:
    assert (
        petitioned(["So, to the council: make the school street permanent after the trial."]) == "the council"
    )
    assert petitioned(["I said to the man: wait."]) is None


def test_a_notice_reported_and_a_call_after_an_address() -> None:
    notice = "Sir,--The Railway Executive has given notice that the service will be withdrawn in September."
    assert report_penalty(notice) > 0
    assert report_penalty("We have given notice that we shall oppose the scheme at every stage.") == 0
    assert core("So, to the council: make the school street permanent after the trial.", _names, argues) == (
        "we should make the school street permanent after the trial"
    )


def test_a_stance_thesis_and_a_statement_to_a_named_council() -> None:
    thesis = ("be against", "new housing", "the estate on the water meadows")
    asked = q.write(
        "interpretation",
        Voice(AUTHOR),
        q.Speaker("the Residents' Association"),
        None,
        "x",
        Counter(),
        thesis=thesis,
    )
    assert asked is not None
    assert asked.question.startswith("The Residents' Association is not against new housing, only the estate")
    statement = [
        "A position statement from the Marden Vale Wildlife Trust to Marden County Council's highways team"
    ]
    assert petitioned(statement) == "Marden County Council"


def test_an_it_that_stands_for_the_clause_after_it_points_at_nothing_before() -> None:
    extraposed = "It is a strange argument that because a man is overworked his employer must be bought."
    assert not points_back(extraposed)
    assert resolve_opening(extraposed, "The remedy is a clause in the new lease.") is None
    assert points_back("It is a policy that makes the poor poorer.")  # a relative clause: "it" is the policy
    assert points_back("It was the fact that mattered.")


def test_a_letter_closed_and_signed_in_one_set_apart_paragraph_is_signed() -> None:
    text = (
        "THE BRIDGE TOLL.\n\nSir,--The toll on the bridge should go, and go this year, for the reasons\n"
        "the Committee itself gave in its report of last spring.\n\n"
        "I am, Sir, yours faithfully,\nEDITH WARDLE.\n\n3, Mill Row, Castleford, June 5th, 1899.\n"
    )
    document = parse_document("toll.txt", text)
    assert document.passages[-1].is_meta and document.passages[-2].is_meta  # the close is set apart
    assert document.author == "Edith Wardle"


@pytest.mark.parametrize(
    "sentence",
    [
        # another party's price, told as a fact
        "The Gas Company asks ninety thousand pounds for its works and its mains.",
        "The landlord wants £4,000 a year for the hall.",
        # a vote announced, whatever the rule voted on says ("must")
        "Next week the board will vote on whether to keep the rule that every shop must close at six.",
        # a fact held up by "cannot" or "must", a necessity and not a position
        "The levy cannot exceed a halfpenny in the pound.",
        "The coach takes two hours, for it must go round by the ford.",
        # the writer's own offer or house rule
        "We will lend you a ladder if you ask at the desk.",
        "We ask only that you bring the tools back clean.",
        # another party's offer, and the terms of a plan, told as facts
        "The Harbour Company has offered to take the quay on a lease of forty years.",
        "Members will be able to buy a season ticket for twelve pounds, and children travel free.",
        # a figure told, nothing judged: a statistic, a cost, a count
        "The chapel's east window needs twelve thousand pounds of glass and lead.",
        "The new timetable adds 25 minutes to each journey and still falls short of the old one by 40 hours.",
        "The museum is kept open by volunteers, about sixty of them.",
    ],
)
def test_prices_votes_necessities_and_offers_report(sentence: str) -> None:
    assert report_penalty(sentence) > 0


@pytest.mark.parametrize(
    "sentence",
    [
        "We must build the baths, which will cost four thousand pounds.",
        "The Council must find four thousand pounds for the baths.",
        "We ask the council to pay £400 a year towards the hall.",
        "A company that asks more than it gives should be refused its lease.",
        # a figure in a judgement, a call or a thesis
        "A wait of twenty minutes for a prescription is an insult rather than a service.",
        "Pupils under eleven gain very little from an hour of homework.",
        "Move the bus stop to Elm Road, where the car park stands empty until ten.",
        "If we want the harbour there in fifty years, the people who moor in it will have to pay its upkeep.",
    ],
)
def test_positions_that_name_a_price_do_not(sentence: str) -> None:
    assert report_penalty(sentence) == 0


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # numbered proposals in running text: what the speaker asks for, in the subjunctive
        (
            "First, that the gates be opened on every Sunday afternoon in summer.",
            "the gates should be opened on every Sunday afternoon in summer",
        ),
        (
            "Second, that we press the Watch Committee to light the lane until midnight.",
            "the Watch Committee should light the lane until midnight",
        ),
        (
            "Third, that we ourselves rent a room for the winter classes.",
            "we should rent a room for the winter classes",
        ),
        # a comparison's tail is never kept without its head, nor its verb taken for the clause's own
        (
            "It is always the same story: a strike told at length, with its leaders made plain and its end "
            "added in the last line, as a moral is added to a fable.",
            None,
        ),
        # a proposal to the listeners: what they should do
        (
            "Second, that you do your marketing before dark on a Saturday.",
            "you should do your marketing before dark on a Saturday",
        ),
        # an imperative whose "and you" says what follows: a consequence, not advice
        (
            "Give a girl a room of her own, and you give her the chance to read.",
            "if you give a girl a room of her own, you give her the chance to read",
        ),
        # what a sacred text bids is its word, not the speaker's claim
        ("The Gospel bids us feed the hungry and clothe the naked.", None),
        # a denial and its turn: both halves, the turn without its coordinated tail
        (
            "Quiet is not a luxury; it is a condition of the work, and the work is what we are paid for.",
            "quiet is not a luxury, but a condition of the work",
        ),
    ],
)
def test_proposals_and_comparisons(sentence: str, expected: str | None) -> None:
    assert core(sentence, _names, argues) == expected


def test_whom_bare_imperatives_address() -> None:
    assert petitioned(["What should councils do next? Fund the routes."]) == "councils"
    assert petitioned(["What I ask of our health ministry is simple."]) == "the health ministry"
    assert petitioned(["What should you do next? Sharpen the blade."]) is None


def test_a_granted_figure_is_no_side_of_a_debate() -> None:
    from bot.core.prompts.context import granted_figure

    view = "We are told that the mill loses four thousand pounds a year."
    assert granted_figure(view, "I do not dispute the figure.", "But a mill is not a bank.")
    assert granted_figure(view, "So it does.", "Yet a town without work is poorer still.")
    useless = "We are told that the mill is useless."
    assert not granted_figure(useless, "I do not dispute it.", "But it is not.")
    assert not granted_figure(view, "I do not dispute the figure.", "A mill is not a bank.")


@pytest.mark.parametrize(
    "sentence",
    [
        # a comparison's tail or an apposition after a dash says nothing asked alone
        "The first winter was a long wait for the spring, the season that never seemed to come,--like a "
        "lamp seen across a marsh, beckoning and misleading the travellers.",
        "The weaver is a sort of forgotten craftsman in this modern town,--a town which pays him little and "
        "praises him less.",
    ],
)
def test_the_tail_after_a_dash_is_not_asked_alone(sentence: str) -> None:
    found = core(sentence, _names, argues)
    assert found is None or not re.match(r"^(?:like|a town)\b", found)


def test_advice_to_no_one_named_is_asked_as_advice_the_reader_may_take() -> None:
    raman = q.Speaker("Raman")
    advice = "we should give every team a room with a door"
    asked = q.write("recommendation", Voice(AUTHOR), raman, advice, "x", Counter(), call=True)
    assert asked is not None
    assert asked.question == "Would you take Raman's advice to give every team a room with a door?"
    assert asked.stance_map() == {"Yes": "agree", "No": "disagree", "Not sure": "unsure"}
    # a remark in "we should" is no advice; a rebutted view's frame has no "and" to misread
    remark = q.write(
        "recommendation", Voice(AUTHOR), raman, "we should not be surprised", "x", Counter(), call=True
    )
    assert remark is not None and "advice" not in remark.question
    better = dict(q.TWO_SIDED_FRAMES)["two-better"]
    assert ", and {who} disagrees" not in better


def test_the_host_of_a_transcript_holds_no_side() -> None:
    from bot.core.prompts.holders import chairs

    assert chairs("HOST") and chairs("DANA WHITLOW (presenter)") and chairs("The Chairman")
    assert not chairs("CALLER (JAS)") and not chairs("MORAG ELLERY") and not chairs(None)


def test_an_information_page_s_rules_and_procedures_are_nobody_s_position() -> None:
    assert house_fact("Members may borrow up to four games at a time.")  # a rule
    assert house_fact("Every game that comes back is counted and its box taped shut.")  # a procedure
    assert house_fact("If a game is late, the borrower gets a reminder and a week to bring it back.")
    # a sentence of the page that judges may be a claim
    assert not house_fact("Every game lent is one fewer box bought and one fewer thrown away.")


def test_a_class_named_before_is_what_these_children_point_at() -> None:
    from bot.core.prompts.references import generalize_class

    before = "Some would close the swimming baths to children on Sundays."
    said = "Most of these children have nowhere else to swim."
    assert generalize_class(said, before) == "Most children have nowhere else to swim."
    assert generalize_class("These proposals will fail.", before) is None  # no class named before


def test_a_past_that_did_not_happen_recommends_nothing() -> None:
    from bot.core.prompts.cues import claim_score

    done = claim_score("Every call that should have happened in a room happened at a desk instead.")
    asked = claim_score("Every call should happen in a room.")
    assert done.kind != "recommendation" and asked.kind == "recommendation"


def test_i_answer_that_answers_the_view_before_it() -> None:
    from bot.core.prompts.voice import answer_at

    assert answer_at(["I answer that the parish pays for the fever already."]) == 0
    assert answer_at(["To the first I answer that the visitors are welcome."]) == 0
    assert answer_at(["I answered the letter in March."]) is None


def test_rules_procedures_and_arrangements_are_told_not_argued() -> None:
    from bot.core.prompts.ranking import told

    # a standard's key words, an arrangement, a procedure, a guide's direction, an inquiry's steps
    assert told("A relay MUST downgrade to U0 any U2 message that does not carry a valid signature.")
    assert told("Implementations SHOULD offer users a coarse mode that rounds intervals to the nearest hour.")
    assert told("Essay questions will be released on the course page in Week 4.")
    assert told("Postal and online voting will open on 1 November.")
    assert told("Extensions must be requested through the Student Hub before the deadline.")
    assert told("If you have a support plan, please let the convenor know in the first two weeks.")
    assert told("Map Room visits cannot be rescheduled individually, because the room holds fourteen.")
    assert told("Go out through the side door into the yard.")
    assert told("You are standing at the door of the boiling house, the oldest building on the site.")
    assert told("We have not investigated Mrs N's fall as a personal injury matter.")
    assert told("This document specifies how relays must treat messages addressed to a sleeping recipient.")
    # a meeting's order of business, and whom to ask
    assert told("Under standing orders the motion will be debated and voted on before the budget.")
    assert told("You must attend, in person or by video, to vote.")
    assert told("Members joining online will vote using the poll in the meeting software.")
    assert told("The Club will provide the list of nominees upon receiving a written request.")
    assert told("If you are not sure whether your fees are paid, ask the treasurer before the meeting.")
    # positions, also with "should" and "must", and the key words named in a view of them
    assert not told("One author considers that Section 4.1 should be a SHOULD rather than a MUST.")
    assert not told("Schools should allow any plain blazer of the right colour.")
    assert not told("The council must reverse this decision before the branch closes for good.")
    assert not told("If the cap is kept on these terms, rural routes will close.")
    assert not told("If you want a library that works, ask why the staff were cut.")  # (no one to ask)
    assert not told("Members should vote against the closure: it will cost the town its library.")
    assert not told("The pan and the pump are here so that you will ask who stood beside them.")


def test_an_information_page_keeps_the_writers_own_view() -> None:
    # the writer's view, said as one, and a "should" that judges rather than tells the reader what to do
    assert not house_fact(
        "My view is the opposite: the pan and the pump are here so that you will ask who stood."
    )
    assert not house_fact(
        "We have left that sentence on the wall deliberately. It is uncomfortable, and it should be."
    )
    assert house_fact("Visitors should keep to the marked path at all times.")
    # a value word inside a compound names a term of the service, it judges nothing
    assert house_fact("Everyone signs a form accepting that repairs are done on a best-effort basis.")


def test_a_view_the_text_only_reports_is_its_holders() -> None:
    from bot.core.prompts.ranking import told
    from bot.core.prompts.voice import voice_of

    # the hearers' objection, set out to be answered; a group marked out by a clause or a place
    assert voice_of("You will say that the town has water already.").holder == "some"
    assert voice_of("Shopkeepers on the high street complain that the scheme drove customers away.").others
    assert voice_of("Most people who have tried the ferry say it is never on time.").others
    assert (
        voice_of("I know that some parents worry that three days away is too long.").holder == "some parents"
    )
    # a plural subject that says nothing reports no one
    assert not voice_of("The trains that run at night say nothing about demand.").others
    assert not voice_of("Figures from the council show that the scheme works.").others
    # what a rule says is told, not argued
    assert told("The law already says that schools must keep the cost of uniform reasonable.")
    assert not told("The law is too slow for the people it is meant to protect.")


def test_what_those_a_text_governs_must_do_by_a_date_is_a_rule() -> None:
    from bot.core.prompts.compress import core
    from bot.core.prompts.ranking import told

    assert told("Every pupil must return the medical and consent form by 4 December.")
    assert told("Entrants must register before noon on Friday.")
    # a demand on a body, with or without its date, is a position
    assert not told("The Department must confirm the funding by 1 April.")
    assert not told("Every council should publish its figures by 1 March.")
    # a standard's key word named as a word keeps its capitals
    said = "The other authors hold that a SHOULD would make the field unreliable for every user."
    assert (
        core(said, lambda _w: False, reported=True)
        == "a SHOULD would make the field unreliable for every user"
    )
