"""Two-sided passages the author answers however the concession is phrased, and what a claim is not.

Unit checks of whose view a sentence states and where the author answers it, and one deck built on
a short council speech (tests/data/ferry-remarks.md): a colleague named with "my colleague", a view
granted with "he is right that … But …", "Some of you will say … Perhaps …", an objection taken
"seriously" and answered in the next paragraph, a finding that only serves the conclusion after its
colon.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from bot.core.prompts import PromptDeck
from bot.core.prompts import questions as q
from bot.core.prompts.compress import alternatives, core
from bot.core.prompts.context import turned
from bot.core.prompts.cues import claim_score
from bot.core.prompts.ranking import report_penalty
from bot.core.prompts.voice import AUTHOR, REBUTTED, REPORTED, Voice, answer_at, voice_of
from bot.core.search.index import build_from_seeds


def _core(sentence: str) -> str | None:
    return core(sentence, lambda w: False, lambda t: claim_score(t).score)


@pytest.mark.parametrize(
    ("sentence", "kind", "holder"),
    [
        # the speaker's own words for the holder go; a body's name keeps its apostrophe
        ("Now, my colleague Councillor Baptiste says that a town is more than a balance sheet.", REPORTED,
         "Councillor Baptiste"),
        ("The Millbrook Builders' Council argues that any cap will stop new construction.", REPORTED,
         "the Millbrook Builders' Council"),
        ("Critics of my view will object that the old letters were the privilege of the few.", REPORTED,
         "critics"),
        ("Some of you will say that if we do not build, the team will leave.", REPORTED, "some"),
        ("Our critics say that the plan will fail.", REPORTED, "critics"),
        # an apposition between the holder and the verb is read past; a name in it is the holder
        ("Our head teacher, Mr Lindqvist, argued that parents expect homework.", REPORTED, "Mr Lindqvist"),
        ("My friend Mr Harrow, who has done more for us than any man living, holds that reading comes first.",
         REPORTED, "Mr Harrow"),
        ("The council, to its credit, says that it will act.", REPORTED, "the council"),
        # "had to think" is no reporting verb of a holder called "the sender had to"
        ("The sender had to think what was worth the cost of sending.", AUTHOR, ""),
    ],
)  # fmt: skip
def test_who_holds_a_reported_view(sentence, kind, holder):
    voice = voice_of(sentence)
    assert (voice.kind, voice.holder) == (kind, holder)


def test_a_flat_denial_answers_a_commonplace():
    said = "It is often said that the penny post has made us a nation of letter-writers."
    assert voice_of(said, "Never were so many letters carried, and so few worth keeping.").kind == REBUTTED
    assert voice_of(said, "The post office opened in 1840.").kind == REPORTED


def test_a_view_is_answered_after_it_is_granted_however_the_grant_is_phrased():
    assert answer_at(["I have great respect for him, and he is right that it matters.", "But it costs."]) == 1
    assert answer_at(["They are right that we need homes.", "But homes take years."]) == 1
    assert answer_at(["We take this objection seriously.", "Studies agree.", "But ours differs."]) == 2
    assert answer_at(["I understand the appeal of that argument.", "But a child learns it elsewhere."]) == 1
    # a bare grant: the sentence after it answers, whatever it opens with
    assert answer_at(["Perhaps it will.", "That is the oldest threat in the business."]) == 1
    assert answer_at(["Perhaps it will feel that way for a season.", "A town that pays is spending."]) == 1
    assert (
        answer_at(["Most of them do.", "The grant does not pay for their tickets."]) == 1
    )  # a grant of part
    assert answer_at(["Most people agree.", "The grant pays."]) is None
    # not a grant: a forecast of the author's own, and a plain remark
    assert answer_at(["Perhaps the council will act on the report next spring.", "Fine."]) is None
    assert answer_at(["The council met on Tuesday.", "That is the oldest threat."]) is None


def test_findings_and_the_writers_experience_rank_as_reports():
    assert report_penalty("Economists have studied rent control for fifty years, and caps cut building.") > 0
    assert report_penalty("Over the past year, 412 members answered our housing survey.") > 0
    assert report_penalty("One in three reported a rent increase above ten per cent.") > 0
    assert report_penalty("I drove the 14 line for nine years, and I know every stop.") > 0
    assert report_penalty("Friends, I have served on this council for eleven years.") > 0
    # the conclusion a colon draws from a finding is a claim; so are the writer's beliefs and needs
    concluded = "Economists have studied stadiums for forty years, and agree on this: stadiums never pay."
    assert report_penalty(concluded) == 0
    assert report_penalty("I have come to believe that buses should be free.") == 0
    assert report_penalty("We need more buses.") == 0
    # what the writer's team does, told in the present, is a description of practice
    assert report_penalty("We split work until each ticket is small, and then we count tickets.") > 0
    assert report_penalty("We pay twice for the same road.") == 0
    assert report_penalty("We count tickets, and the count is better than the points.") == 0


def test_a_denial_turned_and_a_plain_judgement_are_claims():
    from bot.core.prompts.ranking import quotable

    assert quotable("Homework does not measure what a child learned; it measures what the child has at home.")
    assert claim_score("Homework for young children does very little for their learning.").kind == "value"
    # a list of what to do is cut to its first item when it is too long to ask whole
    listed = (
        "Schools should end compulsory homework for children under eleven, keep reading at home as an "
        "invitation rather than a task, and tell parents plainly and often why they have done so."
    )
    assert _core(listed) is not None and _core(listed).startswith("schools should end compulsory homework")


def test_what_the_author_grants_before_but_is_no_claim(ferry):
    # "I have great respect for him, and he is right that the harbour matters. But …": the grant is
    # the setup of the answer, never asked as the speaker's own claim
    assert not any(p.voice == AUTHOR and "he is right that" in p.quote for p in ferry)


def test_a_letter_is_signed_and_its_list_of_steps_is_asked_by_its_steps():
    from bot.core.reading.passages import parse_document

    body = "MOTOR-CARS IN THE SQUARE.\n\nSir,--The Square is no yard for machines.\n\nThe market needs it.\n"
    signed = body + "\nI am, Sir, yours faithfully,\n\nEDWIN MARLOWE.\n"
    assert parse_document("letter.txt", signed).author == "Edwin Marlowe"
    assert parse_document("letter.txt", body).author is None
    from bot.core.prompts.holders import holder_name

    assert holder_name(None, ["*Posted by Dana Kowalczyk, manager, on the team blog*"]) == "Kowalczyk"
    asked = "I ask the Council to do three things: to open the yard, to keep the Square free, and to vote."
    assert _core(asked) == "the Council should open the yard and keep the Square free"
    # another body's plan, reported, is no claim of the writer's
    assert report_penalty("The Council proposes to let motor-cars stand in the Square every day.") > 0
    assert report_penalty("We propose to cap rents.") == 0


def test_a_modal_after_what_or_how_recommends_nothing():
    described = "Children are taught a fair hand, and they are taught nothing of what should go between."
    assert "recommendation" not in {c.split(":")[0] for c in claim_score(described).cues}
    assert claim_score("Every school should set one real letter each term.").kind == "recommendation"


def test_the_contested_half_of_a_contrast_is_asked():
    # a denial and what the subject does instead, as one clause
    assert _core("A stadium does not create new spending; it moves it across town.") == (
        "a stadium does not create new spending, but moves it across town"
    )
    assert _core("A team that stays only for a subsidy has not chosen us; it has rented us.") == (
        "a team that stays only for a subsidy has not chosen us, but rented us"
    )
    # a "whether … or not" rider is cut, so the half that argues can be asked
    contrast = (
        "A history is written when the events are over, and the historian may judge which of them "
        "mattered; the newspaper must fill its columns every morning, whether anything has happened or not."
    )
    assert _core(contrast) == "the newspaper must fill its columns every morning"
    # an adverb of its participle opens a subject ("publicly financed stadiums")
    assert _core("They agree on this: publicly financed stadiums almost never repay the public.") == (
        "publicly financed stadiums almost never repay the public"
    )
    assert _core("Unhappily there is no cure for it.") is None


def test_a_two_sided_question_is_cut_to_the_halves_that_meet():
    view = (
        "the old letters were the privilege of the few, and the penny post has given the labourer "
        "and the servant-girl a voice they never had"
    )
    trimmed, halves = alternatives(view)
    assert trimmed == [] and halves[0].startswith("the penny post has given")
    voice = Voice(REBUTTED, "critics", True)
    reply = "a voice is not the same thing as something to say"
    from bot.core.prompts.deck import _shorter_pairs

    trims, cut = _shorter_pairs(view, reply)
    w = q.write("value", voice, q.Speaker("Ashcombe"), view, "x", Counter(), reply, trims, cut)
    assert w is not None and len(w.question) <= q.TWO_SIDED_AIM
    assert "penny post has given" in w.question and "Ashcombe answers that a voice is not" in w.question
    # with the first frame used up, the answer is still stated
    used = Counter({"two-reply": q.FRAME_USES})
    again = q.write("value", voice, q.Speaker("Ashcombe"), "the letter will return", "y", used, "habits die")
    assert again is not None and "habits die" in again.question


FERRY = Path(__file__).parent / "data" / "ferry-remarks.md"


@pytest.fixture(scope="module")
def ferry(embedder, tmp_path_factory):
    root = tmp_path_factory.mktemp("ferry")
    (root / "seeds").mkdir()
    shutil.copy(FERRY, root / "seeds" / "ferry.md")
    index = build_from_seeds(root / "seeds", embedder, root / "index", progress=False).index
    return PromptDeck.build(index, embedder)


def test_a_speech_s_answered_views_become_two_sided_prompts(ferry):
    by_holder = {p.holder: p for p in ferry if p.voice == REBUTTED}
    darrow = by_holder["Councillor Darrow"]  # "my colleague Councillor Darrow says …, he is right … But …"
    assert darrow.question.startswith("Councillor Darrow argues that the ferry is part of who we are")
    assert "Okafor answers that heritage can be kept without a daily loss" in darrow.question
    assert darrow.answers[:2] == ("With Councillor Darrow", "With Okafor")
    # "We take this objection seriously." then the answer, opening the next paragraph
    operators = by_holder["the boat operators"]
    assert operators.sides[1].paragraph == operators.sides[0].paragraph + 1
    assert "Okafor answers that the plan before you keeps a summer timetable" in operators.question
    assert not any(p.voice == AUTHOR and p.quote.startswith("But the plan before you") for p in ferry)
    # "Some of you will say … Perhaps it will feel that way …": the listeners' view, not the speaker's
    assert by_holder["some"].quote.startswith("Some of you will say")
    for prompt in ferry:
        assert "Councillor Darrow says" not in prompt.question and "have studied" not in prompt.question
        if prompt.voice == REBUTTED:
            assert len(prompt.question) <= q.TWO_SIDED_AIM
    # the finding serves only the conclusion its colon draws
    assert any(p.question.startswith("Is Okafor right that a ferry that carries fewer") for p in ferry)


def test_what_the_author_grants_before_turning_to_it_is_no_claim(tmp_path, embedder):
    # "X. But it Y.": a short statement whose subject the next sentence takes up by a pronoun is
    # granted, whatever its wording; a call or a recommendation so answered stays the author's
    assert turned("The bypass will not make the drive much shorter.", "But it will take the lorries away.")
    assert turned("The old mill is an ugly building.", "Yet it stands where the workers live.")
    assert not turned("The town should build the footbridge first.", "But it must not wait for the bypass.")
    assert not turned("I ask the county to build the footbridge.", "But it must not wait for the bypass.")
    assert not turned("The bypass will not make the drive shorter.", "But the lorries will go elsewhere.")
    long_one = (
        "The bypass, which the county first drew in 1968 and redrew four times since, will not make the "
        "drive to the coast any shorter for most of the people who live here."
    )
    assert not turned(long_one, "But it will take the lorries away.")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bypass.md").write_text(
        "# The Eastgate bypass\n\nBy Helen Carrow\n\n"
        "The county wants to build the Eastgate bypass next year; the council votes on it in May.\n\n"
        "The bypass will not make the drive to the coast much shorter. But it will take the quarry lorries "
        "out of the high street, where children cross twice a day.\n\n"
        "A high street full of lorries is a street nobody shops in, and the shops know it.\n"
    )
    # a list of people after a colon is no proposition ("nurses off a night shift" has no verb)
    after_colon = (
        "That sounds fair until you ask who walks there at six: cleaners off a night shift, pensioners, "
        "people for whom the bus is an hour away."
    )
    assert _core(after_colon) is None
    assert _core("Drivers off the ring road take the short cut through the estate.") is not None
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    deck = PromptDeck.build(index, embedder)
    assert len(deck) >= 1
    assert not any(p.quote.startswith("The bypass will not make the drive") for p in deck)
