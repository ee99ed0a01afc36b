"""A report's verdict in its own name, a body's byline and its "we", an instructions sheet: what is asked."""

from __future__ import annotations

from pathlib import Path

from bot.core.prompts import PromptDeck
from bot.core.prompts.advice import mandate
from bot.core.prompts.holders import ANONYMOUS, author_from_text, clean_author, holder_name, self_named
from bot.core.prompts.quality import addressed_you, shape_problem, table_row
from bot.core.prompts.questions import Speaker, write
from bot.core.prompts.ranking import house_rule, report_penalty
from bot.core.prompts.voice import AUTHOR, Voice
from bot.core.search.index import build_from_seeds

REPORT = """\
Review of the Harbour Car Park Charges

Report of the Transport Working Group to the Town Council

1. Why we looked at the charges

In January the Town Council asked this group to review the evening charges at the harbour car park, \
which were introduced in 2024 to pay for the new lighting.

2. What we found

Evening takings have covered the cost of the lighting in both years. The restaurants on the quay \
told us that their early-evening trade has fallen since the charges began, and the figures from the \
two pubs bear this out.

A charge that empties the quay after six o'clock costs the town more than it earns. The group does \
not accept that the lighting could only be paid for this way.

3. Recommendations

The group recommends that the Town Council end the evening charges from April and pay for the \
lighting from the general parking budget.

The group also recommends that the council publish the takings of every car park each year.
"""


def _deck(embedder, tmp_path: Path, name: str, text: str) -> PromptDeck:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_text(text, encoding="utf-8")
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    return PromptDeck.build(index, embedder)


def test_a_report_naming_itself_asks_its_recommendation_in_its_own_name(embedder, tmp_path):
    deck = _deck(embedder, tmp_path, "review.txt", REPORT)
    asked = [p for p in deck.prompts if p.quote.startswith("The group recommends that the Town Council end")]
    assert asked, [p.question for p in deck.prompts]
    question = asked[0].question
    # what should be done, by whom, as the group asks: not "Is the author right that the group recommends…"
    assert question.startswith("Should the Town Council end the evening charges"), question
    assert "the group" in question and "the author" not in question
    assert asked[0].answers == ("Yes", "No", "Not sure") and asked[0].holder == "the group"


def test_only_a_body_the_heading_names_is_the_writer():
    heading = "Review of the Harbour Car Park Charges\nReport of the Transport Working Group"
    assert self_named("The group recommends that the council end the charges.", heading) == (
        "the group",
        "We recommend that the council end the charges.",
    )
    # another body's request, reported in the group's report: not the group's own call
    assert self_named("The council asks residents to reply by May.", "Caddon Citizens' Jury") is None
    # a body that only describes what it did gives no call
    assert self_named("The group met six times.", heading) is None


def test_a_body_bylined_with_its_parent_is_named_by_itself_and_is_one_body():
    assert clean_author("Leisure and Culture Scrutiny Panel, Brackwater Borough Council") == (
        "Leisure and Culture Scrutiny Panel"
    )
    assert not Speaker("the Leisure and Culture Scrutiny Panel").plural  # "Is the panel right", not "Are"
    assert Speaker("Hamilton and Madison").plural


SHEET = """\
WEST FELL VETERINARY SURGERY
Tel: 01632 555 010

AFTERCARE INSTRUCTIONS

Patient: Pepper (cat)

WOUND CARE
A single scratch can open the stitches. Keep the collar on at all times, and check the wound twice a \
day for swelling or discharge.

FEEDING
Small meals only, four times a day, for the first three days. Fresh water must be available at all \
times.

EXERCISE
Keep Pepper indoors for ten days. A quiet room with a litter tray can help stop her jumping.
"""


def test_an_aftercare_sheet_gives_no_debate(embedder, tmp_path):
    deck = _deck(embedder, tmp_path, "aftercare.txt", SHEET)
    assert deck.prompts == [], [p.question for p in deck.prompts]


def test_a_holders_own_we_is_asked_in_their_quoted_words_or_not_at_all():
    quote = "But we cannot support reducing lighting on any residential street."
    claim = "we cannot support reducing lighting on any residential street"
    named = write("value", Voice(AUTHOR, "", False), Speaker("the minority"), claim, "s", {}, quote=quote)
    assert named is not None
    assert named.question == (
        "The minority says: “We cannot support reducing lighting on any residential street.” Do you agree?"
    )
    assert named.answers[0] == "Agree with the minority"
    # nobody named to quote: whose "we" a member could not tell, so not asked
    assert write("value", Voice(AUTHOR, "", False), Speaker(ANONYMOUS), claim, "s", {}, quote=quote) is None
    # advice in the first person is asked as advice, without the "we"
    should = "we should stop planting cherries"
    advice = write(
        "recommendation", Voice(AUTHOR, "", False), Speaker("Okonedo"), should, "s", {},
        quote="We should stop planting cherries.",
    )  # fmt: skip
    assert advice is not None and " we " not in advice.question and "cherries" in advice.question


def test_a_house_rule_is_nobodys_position_but_a_judged_rule_or_a_demand_may_be():
    for rule in (
        "Paddles may be used in the fast lane only.",
        "Dogs are not allowed in the reading room.",
        "Scooters can only be stored in the bike store.",
        "If you cannot come, please ring the office.",
        "All judges so appointed are to hold their offices during good behaviour.",
    ):
        assert house_rule(rule), rule
    for claim in (
        "Dogs are not allowed on the green, which is unfair.",  # the rule judged
        "The lease must be ended now.",  # a demand
        "Only a council that listens can be trusted with the park.",
        "This lesson will not please everybody.",  # "please", the verb
    ):
        assert not house_rule(claim), claim


def test_a_report_prepared_by_two_people_is_theirs_and_a_street_is_nobodys_name():
    line = "Report to the Wildlife Group, prepared by Dr Ann Lee and Tom Osei\nPublished March 2026"
    opening = ["Hedgehog gaps in Wrenfield", line]
    assert holder_name("Station Road", opening) == "Lee and Osei"  # (a byline read from "…on Station Road")
    assert clean_author("Station Road") is None and clean_author("Mill Street") is None
    assert author_from_text(["The figures were prepared by officers."]) is None  # nobody named


def test_a_recommendation_names_the_body_that_should_act():
    assert mandate("We recommend that the town council include hedgehog gaps in its guidance.") == (
        "the town council should include hedgehog gaps in its guidance."
    )
    for said, asked in (
        ("We ask that the Board of Guardians adopt it.", "the Board of Guardians should adopt it."),
        ("We recommend that Cabinet adopt Option B.", "Cabinet should adopt Option B."),
        ("We recommend that the council extend the trial.", "the council should extend the trial."),
    ):
        assert mandate(said) == asked


def test_a_tables_row_is_no_claim_of_the_writer():
    row = "Witness: Ann Kerr — Role: Access Forum — Main point put to us: dimming is better than darkness."
    assert table_row(row) and shape_problem(row) is not None  # the witness's point, not the jury's
    assert table_row("Time: 16:22 — Event: Retry limits lowered; workers restarted in batches")
    for sentence in ("A bridge — a real one — is what we need.", "It is simple — Rule one: never give up."):
        assert not table_row(sentence)


def test_a_line_that_leans_on_its_scene_is_flagged_but_a_claim_about_today_is_not():
    line = "Somebody in this room should still be thinking by Thursday."
    assert addressed_you(f"Is Donald right that {line[0].lower()}{line[1:-1]}?", line)
    general = "A bridge doesn't read the shipping forecast."
    assert not addressed_you(f"Is Euan right that {general[0].lower()}{general[1:-1]}?", general)


def test_what_a_party_has_done_or_decided_is_told_not_argued():
    for told_ in (
        "The applicant has submitted a viability assessment to justify the shortfall.",
        "The board does not propose to pay any interest on shares this year.",
        "The board has decided not to sell one.",
    ):
        assert report_penalty(told_) > 0, told_
    for claim in ("Most economists have asked the wrong question.", "The council has failed the town."):
        assert report_penalty(claim) == 0, claim


def test_a_paper_issued_by_a_body_or_under_its_letterhead_is_the_bodys():
    texts = ["The tribunal finds that the landlord failed to keep the flat in repair."]
    title = "Decision of the Housing Standards Tribunal"
    assert holder_name(None, ["Case reference HST/2024/0381"], title=title, texts=texts) == (
        "the Housing Standards Tribunal"
    )
    letterhead = "FELLSIDE MOUNTAIN RESCUE TEAM Registered charity no. 1093417 Base: The Old Dairy"
    ours = ["We need a new vehicle.", "We are volunteers.", "Our team is on call."]
    assert holder_name(None, [letterhead, "Dear Friend,"], title="Winter Appeal", texts=ours) == (
        "the Fellside Mountain Rescue Team"
    )


def test_a_bodys_we_is_asked_when_it_takes_a_side_not_when_it_tells_its_doings():
    body = Speaker("the Fellside Mountain Rescue Team")
    side = "we cannot support charging the people we rescue"
    quote = "But we cannot support charging the people we rescue."
    asked = write("value", Voice(AUTHOR, "", False), body, side, "s", {}, quote=quote)
    assert asked is not None and "“We cannot support charging the people we rescue.”" in asked.question
    doings = "we will not send you anything else unless you ask"
    quote = "We will not send you anything else unless you ask."
    assert write("value", Voice(AUTHOR, "", False), body, doings, "s", {}, quote=quote) is None
