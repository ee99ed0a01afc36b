"""A form saved as plain text (an adjudicator's sheet, a ballot) reads as its fields and its answers."""

from __future__ import annotations

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
