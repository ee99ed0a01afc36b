"""A form saved as plain text (an adjudicator's sheet, a ballot) reads as its fields and its answers."""

from __future__ import annotations

import re

from bot.core.reading.passages import parse_document

# fields as "Label: value" lines, a table set out in columns over a rule, notes under headings
SHEET = "\n".join(
    [
        "FEEDBACK SHEET",
        "Hartwell Schools Debating Competition",
        "",
        "Copy for the teams and the convenor, printed from the tournament portal after the round was closed.",
        "",
        "Round: 3",
        "Room: 7 (Library)",
        "Date: Saturday 14 March 2026",
        "Motion: This House would ban advertising aimed at children",
        "Chair: Mrs Okoro",
        "Panellist: Mr Dale",
        "",
        "Team                 Position       Rank   Total",
        "-----------------------------------------------------",
        "Fenwick Academy      Proposition    2nd    141",
        "St Anne's            Opposition     1st    150",
        "",
        "Best speaker: Ruth Adeyemi (St Anne's)",
        "",
        "Prime Minister - Joe Park (Fenwick)",
        "Comments: Clear model, but the harm to children was asserted rather than shown, and the opposition "
        "saw the gap at once and went straight for it.",
        "Comments: Good use of points of information, though two of them were really short speeches and the "
        "chair had to step in.",
        "",
        "Leader of the Opposition - Ruth Adeyemi (St Anne's)",
        "Comments: Excellent rebuttal of the harm argument with the example of the toy adverts that parents "
        "never see because they run on children's channels.",
        "",
        "REASON FOR DECISION",
        "Comments: St Anne's showed that parents, not a ban, decide what children see, and the proposition "
        "never answered that point in any of its speeches.",
        "",
    ]
)

# the same kind saved from an online form: each question over its answer, '*' marking the required ones
FORM = """Junior Cup - Judge's Ballot

* Required

Judge's name *
Mr Tomas Berg

Venue *
Room 4, Castle Hall

Motion *
This House would make voting compulsory

Winner *
Proposition

Scores *
Speaker     Team    Total
Amy Lin     Prop    74
Sam Okoye   Opp     70

Comments on Amy Lin
A calm first speech that set out why turnout matters to everyone, with the local election figures.

Reasons for the decision *
The proposition showed that compulsory voting changes who politicians listen to,
and the opposition never answered it.
"""


def test_a_forms_field_lines_are_its_text_never_speakers_or_headings() -> None:
    doc = parse_document("sheet.txt", SHEET)
    texts = [p.text for p in doc.passages]
    assert not any(p.speaker for p in doc.passages)  # "Comments:", "Room:", "Chair:" are fields, not people
    # the header's fields in a row are one passage, a field a line, each with its label
    assert (
        "Round: 3\nRoom: 7 (Library)\nDate: Saturday 14 March 2026\n"
        "Motion: This House would ban advertising aimed at children\nChair: Mrs Okoro\nPanellist: Mr Dale"
    ) in texts
    assert not any((p.section or "").startswith(("Date:", "Round", "Room")) for p in doc.passages)
    # the table's header row, over its rule, names each row's cells
    assert "Team: St Anne's — Position: Opposition — Rank: 1st — Total: 150" in "\n".join(texts)
    # notes stay under the speaker they are about, labels and all
    notes = [p for p in doc.passages if p.section == "Prime Minister - Joe Park (Fenwick)"]
    # a label said under every heading names whom the notes are about: the heading
    assert next(p.text for p in notes).startswith(
        "Comments on Prime Minister - Joe Park (Fenwick): Clear model"
    )
    assert any(p.text.startswith("Comments on Leader of the Opposition - Ruth Adeyemi") for p in doc.passages)
    decision = [p.text for p in doc.passages if p.section == "Reason for Decision"]
    assert decision == [
        "Comments: St Anne's showed that parents, not a ban, decide what children see, and the "
        "proposition never answered that point in any of its speeches."
    ]


def test_an_online_forms_questions_and_answers_are_one_line_each() -> None:
    doc = parse_document("ballot.txt", FORM)
    texts = [p.text for p in doc.passages]
    assert (
        "Judge's name: Mr Tomas Berg\nVenue: Room 4, Castle Hall\n"
        "Motion: This House would make voting compulsory\nWinner: Proposition"
    ) in texts
    # a label over a one-line answer says whom the answer is about
    assert "Comments on Amy Lin: A calm first speech" in "\n".join(texts)
    # a label over a table heads the table alone, not the answers after it
    assert [p.section for p in doc.passages if "Total: 74" in p.text] == ["Scores"]
    assert all(p.section is None for p in doc.passages if p.text.startswith("Comments on Amy Lin"))
    # a label over an answer of several lines heads it, its star gone; the star's note goes
    reasons = [p for p in doc.passages if p.section == "Reasons for the decision"]
    assert reasons and reasons[0].text.startswith("The proposition showed")
    assert not any("Required" in t or t.endswith("*") for t in texts)
    assert not any("*" in (p.section or "") for p in doc.passages)


def test_a_transcript_with_a_header_of_fields_keeps_its_speakers() -> None:
    text = (
        "Date: 3 May 2026\nVenue: Town Hall\nChair: Cllr Hart\n\n"
        "HART: Welcome, everyone. We start with the budget.\n\n"
        "PATEL: Thank you. The budget is short by forty thousand.\n\n"
        "HART: Where will it come from?\n\n"
        "PATEL: From reserves, for one year only.\n"
    )
    doc = parse_document("meeting.txt", text)
    assert [p.speaker for p in doc.passages if p.speaker] == ["HART", "PATEL", "HART", "PATEL"]


# a typed sheet: values in a column (a long one going on under itself), a table of scores whose
# totals are set out otherwise, and notes addressed to each side ("Reply: …", "Northgate: …")
TYPED = "\n".join(
    [
        "COUNTY MOCK TRIAL LEAGUE - JUDGE'S SCORE SHEET",
        "----------------------------------------------",
        "",
        "Round:            2 (Semi-final)",
        "Court:            Crown Court, Court 3",
        "Case:             R v Denholm - theft of a bicycle",
        "                  (agreed facts bundle, version 2)",
        "",
        "Prosecution:      Northgate College",
        "Defence:          Ashby High School",
        "Judge:            HH Judge M. Carver",
        "VERDICT:          DEFENCE (Ashby High School)",
        "                  unanimous jury, 12-0",
        "",
        "--------------------------------------------------------------",
        " Pros 1   Maya T.     41   |   Def 1   Oren B.      44",
        " Pros 2   Jonah K.    38   |   Def 2   Priya S.     45",
        " TOTAL            79       |   TOTAL            89",
        "--------------------------------------------------------------",
        "",
        "NOTES FOR THE TEAMS",
        "",
        "The defence's cross-examination of the owner on the lock was the turning point of the trial.",
        "",
        "Reply: the prosecution's closing repeated its opening and never met the lock evidence.",
        "",
        "Northgate: Prepare your witnesses for the questions the other side will ask, not only your own.",
        "",
        "Ashby: Keep your objections short; the judge needs the rule, not a speech.",
        "",
    ]
)


def test_a_typed_sheets_labels_are_its_text_its_long_values_and_scores_whole() -> None:
    doc = parse_document("sheet.txt", TYPED)
    texts = [p.text for p in doc.passages]
    # labels that never take turns (each said once) are no speakers: no "Reply" or "Northgate" voice
    assert not any(p.speaker for p in doc.passages)
    assert "Reply: the prosecution's closing repeated its opening and never met the lock evidence." in texts
    # a value going on under itself, in its column, is the same field's
    joined = "\n".join(texts)
    assert "Case: R v Denholm - theft of a bicycle (agreed facts bundle, version 2)" in joined
    assert "VERDICT: DEFENCE (Ashby High School) unanimous jury, 12-0" in joined
    assert not any("unanimous" in (p.section or "") for p in doc.passages)
    # every score row is kept, its column rule gone; the totals, set out otherwise, are kept too
    rows = "Pros 1 — Maya T. — 41 — Def 1 — Oren B. — 44\nPros 2 — Jonah K. — 38 — Def 2 — Priya S. — 45"
    assert rows in texts
    assert any(t.startswith("TOTAL") and "89" in t for t in texts)
    assert not any(re.search(r"Pros|TOTAL", p.section or "") for p in doc.passages)
    assert doc.title == "County Mock Trial League - Judge's Score Sheet"  # its underline is no part of it


def test_a_label_said_under_every_item_is_no_speaker() -> None:
    items = "\n\n".join(
        f"PROPOSAL {n}\n\nThe club should {what}.\n\n"
        f"Votes: {votes} for / 3 against / 1 abstaining (80%) - CARRIED"
        for n, (what, votes) in enumerate(
            [("open on Sundays", 31), ("buy a second mower", 27), ("raise the junior fee", 22)], 1
        )
    )
    doc = parse_document("results.txt", "Allotment Society - Results of the Members' Vote\n\n" + items)
    assert not any(p.speaker for p in doc.passages)
    assert any(p.text.startswith("Votes: 27 for") for p in doc.passages)
