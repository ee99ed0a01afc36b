"""Document structure: headings as sections, furniture dropped, titles, notes — per layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.reading.passages import BYLINE, LIST, NOTE, QUOTE, load_reading, parse_document
from bot.core.reading.structure import clean_title, humanise_file_name, is_furniture
from bot.core.reading.transcript import named_speakers, roster_roles, speaker_names

REPO = Path(__file__).resolve().parent.parent
READINGS = REPO / "eval" / "readings"

LICENCE = """\
                    THE EXAMPLE PUBLIC LICENCE
                       Version 3, 29 June 2007

 Copyright (C) 2007 Example Foundation, Inc. <https://example.org/>
 Everyone is permitted to copy and distribute verbatim copies
 of this licence document, but changing it is not allowed.

                            Preamble

  The Example Public Licence is a free licence for software and other
kinds of works, written so that users keep the freedom to share it.

  When we speak of free software, we are referring to freedom, not
price, and this licence is designed to make sure that you keep it.

-------------------------------------------------------------------------

7.

  1. Source Code.

  The "source code" for a work means the preferred form of the work
for making modifications to it, as opposed to any compiled form.

    <one line to give the program's name and a brief idea of what it does.>
    Copyright (C) <year>  <name of author>

  You should have received a copy of the licence along with this
program; if not, write to the foundation at the address above.
"""


def test_plain_headings_become_sections_and_furniture_is_dropped():
    doc = parse_document("epl-3.txt", LICENCE)
    assert doc.title == "The Example Public Licence"  # cited in title case, not shouted
    texts = [p.text for p in doc.passages]
    for furniture in ("7.", "Preamble", "1. Source Code.", "<name of author>", "-----"):
        assert not any(t.strip() == furniture or furniture in t for t in texts), furniture
    by_start = {p.text.split()[1]: p for p in doc.passages}
    assert by_start["Example"].section == "Preamble"  # "The Example Public Licence is…"
    source = next(p for p in doc.passages if p.text.startswith('The "source code"'))
    assert source.section == "1. Source Code."
    assert source.citation == f"The Example Public Licence › 1. Source Code., ¶{source.paragraph}"
    assert [p.paragraph for p in doc.passages] == list(range(1, len(doc.passages) + 1))
    assert any("Copyright (C) 2007 Example Foundation" in t for t in texts)  # a real notice stays


def test_one_paragraph_per_line_headings_and_footnotes():
    text = (
        "A Short Treatise\n"
        "by Jane Roe (1901)\n"
        "I. THE QUESTION.\n"
        "Whether a thing may be said at all is the first question, and it is older than any of us.\n"
        "The Answer\n"
        "It may, for reasons the next pages give at some length and with some care.\n"
        "FOOTNOTES:\n"
        "[1] See the first edition, p. 4.\n"
    )
    doc = parse_document("treatise.txt", text)
    assert doc.title == "A Short Treatise" and doc.author == "Jane Roe"
    body = [p for p in doc.passages if p.kind == "body"]
    assert [p.section for p in body] == ["I. The Question", "The Answer"]  # cited in title case
    note = doc.passages[-1]
    assert note.kind == NOTE and note.section == "FOOTNOTES" and note.is_meta


@pytest.mark.parametrize(
    ("folder", "title", "author", "sections"),
    [
        ("federalist", "The Federalist No. 78: The Judiciary Department", "Alexander Hamilton", set()),
        ("science-culture", "Science and Culture", "Thomas Henry Huxley", {"FOOTNOTES"}),
        (
            "common-sense",
            "Common Sense",
            "Thomas Paine",
            {
                "Introduction",
                "Of the Origin and Design of Government in General, with Concise Remarks on the "
                "English Constitution",
            },
        ),
    ],
)
def test_real_essays_titles_sections_and_notes(folder, title, author, sections):
    doc = load_reading(READINGS / folder).documents[0]
    assert doc.title == title and doc.author == author
    assert {p.section for p in doc.passages if p.section} == sections
    texts = [p.text for p in doc.passages]
    assert not any(t.strip() in sections or t.startswith("#") for t in texts)


def test_federalist_signature_and_footnotes_are_not_arguments():
    doc = load_reading(READINGS / "federalist").documents[0]
    kinds = {p.text.split()[0]: p.kind for p in doc.passages[-4:]}
    assert kinds == {"PUBLIUS.": BYLINE, "1": NOTE, "2": NOTE, "3": NOTE}
    assert doc.passages[-5].text.startswith("Upon the whole")
    assert doc.passages[-5].kind == "body"


def test_markdown_through_commonmark():
    text = (
        "---\ntitle: Front Matter Title\n---\n\n"
        "Intro with `code` and ![a chart](c.png) and <span>html</span>.\n\n"
        "## Rules\n\n"
        "The rules are these:\n\n"
        "1. First rule\n   - nested detail\n2. Second rule\n\n"
        "> A quoted line\n> continues here.\n\n"
        "```python\nprint('never a passage')\n```\n\n"
        "| Name | Value |\n| --- | --- |\n| alpha | 1 |\n\n"
        "<!-- a comment -->\n\n"
        "***\n\n"
        "**A Bold Heading**\n\n"
        "Text under the bold heading.\n"
    )
    doc = parse_document("notes.md", text)
    assert doc.title == "Front Matter Title"
    texts = [p.text for p in doc.passages]
    assert texts[0] == "Intro with code and a chart and html."
    rules = next(p for p in doc.passages if p.kind == LIST)
    assert rules.text == "The rules are these:\n• First rule\n  • nested detail\n• Second rule"
    assert rules.section == "Rules"
    assert any(p.kind == QUOTE and p.text == "A quoted line continues here." for p in doc.passages)
    assert "Name: alpha — Value: 1" in texts
    assert not any("never a passage" in t or "comment" in t or "***" in t for t in texts)
    last = doc.passages[-1]
    assert last.text == "Text under the bold heading." and last.section == "A Bold Heading"


def test_titles_are_cleaned_and_file_names_humanised():
    assert clean_title("9. Rationale\t\t\t\t*vim9-rationale*") == "Rationale"
    help_file = "9. Rationale      *vim9-rationale*\n\nVim9 script is faster.\n"
    assert parse_document("vim9.txt", help_file).title == "Rationale"
    assert humanise_file_name("gpl-3.txt") == "GPL 3"
    assert humanise_file_name("lgpl-2.1.md") == "LGPL 2.1"
    assert humanise_file_name("on_the_duty_of_civil_disobedience.txt") == "On the Duty of Civil Disobedience"
    untitled = parse_document("gpl-3.txt", "this licence starts with a sentence, not a title.\nIt goes on.\n")
    assert untitled.title == "GPL 3"


FURNITURE = ["7.", "12.", "IV.", "* * *", "-----", "Copyright (C) <year> <name of author>"]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["PUBLIUS.", "Philadelphia, February 14, 1776", "It may."])
def test_short_real_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_a_letter_signed_off_is_not_its_text_and_names_its_writer_and_date():
    text = (
        "THE SATURDAY HALF-HOLIDAY\r\n\r\nA LETTER TO THE SHOPKEEPERS OF BRADWELL\r\n\r\n"
        "By HENRY T. COLLINGWOOD\r\n\r\n"
        "Gentlemen,--I ask you to close your shops at two o'clock on\r\n"
        "Saturday afternoons, and to give your assistants the half of that\r\nday for their own.\r\n\r\n"
        "A man is not a fixture of the shop, to be counted with the shelves\r\nand the gas-fittings.\r\n\r\n"
        "I am, Gentlemen, your obedient servant,\r\n\r\n"
        "HENRY T. COLLINGWOOD.\r\n\r\nBradwell, March 1873.\r\n"
    )
    doc = parse_document("half-holiday.txt", text)
    assert doc.title == "The Saturday Half-Holiday"
    assert doc.author == "Henry T. Collingwood"  # the byline's capitals, cited as a name is written
    assert doc.date == "March 1873"
    body = [p for p in doc.passages if not p.is_meta]
    assert [p.text[:12] for p in body] == ["Gentlemen,--", "A man is not"]
    assert {p.section for p in doc.passages} == {"A Letter to the Shopkeepers of Bradwell"}
    closing = doc.passages[-2:]  # the close and its signature as one, then the dateline
    assert [p.kind for p in closing] == [BYLINE] * 2
    assert closing[0].text == "I am, Gentlemen, your obedient servant,\nHENRY T. COLLINGWOOD."
    assert closing[1].text == "Bradwell, March 1873."


def test_a_dateline_heading_a_letter_is_not_a_section():
    text = (
        "A Letter on the Standing Army\n\nLondon, 1763\n\nSIR,\n\n"
        "You asked my opinion of the measure now before the House, and I give it freely.\n\n"
        "A standing army in time of peace is a danger to the liberty of every subject.\n\n"
        "I am, Sir, your most obedient humble servant,\n\nA. B.\n"
    )
    doc = parse_document("army.txt", text)
    assert doc.date == "1763"
    assert all(p.section is None for p in doc.passages)
    assert [p.kind for p in doc.passages if p.text.startswith(("London", "I am"))] == [BYLINE] * 2
    assert doc.passages[-1].text.endswith("servant,\nA. B.")  # the close and its signature, one byline


def test_a_title_line_that_is_a_byline_names_the_author():
    text = (
        "Remarks by Tobias Renwick to the Ashby Parish Meeting, 14 March 1911, on the Reading Room\n\n"
        "Mr. Chairman, neighbours, I ask you not to sell the Reading Room.\n\n"
        "It is the one warm room in the parish that asks nothing of those who sit in it.\n"
    )
    doc = parse_document("reading-room.txt", text)
    assert doc.title.startswith("Remarks by Tobias Renwick") and doc.author == "Tobias Renwick"
    assert parse_document("essay.txt", "Written by the victors\n\nHistory is a story.\n").author is None


@pytest.mark.parametrize(
    ("occasion", "date"),
    [
        ("A SERMON\n\nPREACHED IN ST. MARY'S CHURCH, HOLBECK,\nON SUNDAY, MAY 4TH, 1862,", "May 4th, 1862"),
        ("Delivered before the Literary Society, Tadcaster, March 3, 1894.", "March 3, 1894"),
        ("(An address given at the Institute, Leicester, 14th October 1911.)", "14th October 1911"),
        ("LONDON, MARCH 3, 1894.", "March 3, 1894"),
    ],
)
def test_where_and_when_a_text_was_given_is_its_byline_and_date_not_a_section(occasion, date):
    text = (
        f"THE LABOURER'S HIRE.\n\n{occasion}\n\n"
        "My brethren, there is no text in the whole of Scripture more often quoted by masters.\n\n"
        "I do not say that the masters of this parish are hard men.\n"
    )
    doc = parse_document("sermon.txt", text)
    assert doc.title == "The Labourer's Hire" and doc.date == date
    assert all(p.section is None for p in doc.passages)
    assert [p.text[:12] for p in doc.passages if not p.is_meta] == ["My brethren,", "I do not say"]
    # a sentence that merely opens with such words is the text's own
    given = "Given in evidence, these figures show that the mills pay less than the farms of the county."
    doc = parse_document("sermon.txt", text.replace(occasion, given))
    assert doc.passages[0].text == given and not doc.passages[0].is_meta


def test_a_role_then_a_name_is_a_byline():
    text = "# The club must move\n\n*From the club secretary, Dorothy Ambrose*\n\nThe lease ends.\n"
    doc = parse_document("newsletter.md", text)
    assert doc.author == "Dorothy Ambrose"
    assert doc.passages[0].kind == BYLINE and doc.passages[1].section is None
    assert parse_document("walk.txt", "A Walk\n\nFrom the old mill we walked to the church.\n").author is None


@pytest.mark.parametrize(
    ("signed", "author"),
    [("— Rev. John Marsh, St. Luke's, Ormby", "John Marsh"), ("-- JANE DOE, Leeds.", "Jane Doe")],
)
def test_a_dash_and_a_name_ending_a_text_sign_it(signed, author):
    text = (
        "THE SHOP HOURS.\n\nMy friends, the shops of this town stay open until ten at night.\n\n"
        f"Let the buyers shop before seven, and the counters will close at seven.\n\n{signed}\n"
    )
    doc = parse_document("sermon.txt", text)
    assert doc.author == author
    assert [p.kind for p in doc.passages] == ["body", "body", BYLINE]  # the last paragraph is no quotation
    # the same line under an opening paragraph attributes an epigraph
    opening = f'THE SHOP HOURS.\n\n"Six days shalt thou labour."\n\n{signed}\n\n'
    epigraph = text.replace("THE SHOP HOURS.\n\n", opening)
    assert parse_document("sermon.txt", epigraph).passages[0].kind == QUOTE


def test_a_short_line_over_its_text_is_a_heading_and_a_salutation_is_not():
    guide = (
        "Looking After a Pan\n\n"
        "Heat the pan slowly\nPut the pan on a low flame for five minutes before the oil.\n\n"
        "Clean it while it is warm\nScrape it out with a wooden spatula and rinse it with hot water.\n"
    )
    doc = parse_document("guide.txt", guide)
    assert [(p.section, p.text[:7]) for p in doc.passages] == [
        ("Heat the pan slowly", "Put the"),
        ("Clean it while it is warm", "Scrape "),
    ]
    letter = "The Baths\n\nDear Editor\nThe council should reopen the baths, which served the town.\n"
    assert all(p.section is None for p in parse_document("letter.txt", letter).passages)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Judgment of Lord Justice Farrant", "Lord Justice Farrant"),
        ("A brief from the Ashby Cyclists to the County Council", "Ashby Cyclists"),
    ],
)
def test_a_judgment_or_a_brief_names_its_author(line, author):
    text = f"SMITH v. JONES\n\n{line}\n\nThe plaintiff fell on the stair.\n\nIt was not at fault.\n"
    doc = parse_document("case.txt", text)
    assert doc.author == author and doc.passages[0].kind == BYLINE


@pytest.mark.parametrize(
    "salutation", ["Mr. President, Ladies and Gentlemen,--", "Fellow-Citizens:", "Sir,--"]
)
def test_a_salutation_heads_no_section(salutation):
    text = (
        f"A PLEA FOR THE MILL.\n\n{salutation}\n\n"
        "I come before you to ask that the mill be opened again.\n\nThe town has waited long enough.\n"
    )
    assert all(p.section is None for p in parse_document("speech.txt", text).passages)


@pytest.mark.parametrize(
    ("opening", "signed", "author"),
    [
        ("Sir,", "JOHN ABERNETHY, Saltmarsh", "John Abernethy"),
        ("Dear Editor,", "Ellen Fairweather, Lower Stoke", "Ellen Fairweather"),  # a letter: title case too
        ("", "JOHN ABERNETHY, Saltmarsh", "John Abernethy"),
        ("", "Ellen Fairweather, Lower Stoke", None),  # no salutation: a name and a place may be text
    ],
)
def test_a_name_and_a_place_under_the_text_sign_it(opening, signed, author):
    text = (
        f"{opening}\n\nThe ferry should run on Sundays, as it did until last spring.\n\n"
        f"Without it the island has no doctor on Sunday.\n\n{signed}\n"
    )
    doc = parse_document("letter-2.txt", text)
    assert doc.author == author
    if author:
        assert doc.passages[-1].kind == BYLINE and doc.passages[-1].text == signed


def test_a_title_line_that_names_its_author():
    text = "A PLEA FOR THE SHORT DAY. By Agnes Morrow\n\nThe working day is too long for anyone to think.\n"
    doc = parse_document("plea.txt", text)
    assert (doc.title, doc.author) == ("A Plea for the Short Day", "Agnes Morrow")
    plain = parse_document("fire.txt", "Killed by Friendly Fire\n\nThe patrol was lost at dawn.\n")
    assert (plain.title, plain.author) == ("Killed by Friendly Fire", None)


def test_an_issuing_bodys_header_names_the_author_and_the_date():
    text = (
        "HOLLOWAY PARISH COUNCIL\nPlanning Committee\nRef: HP/22/7\nIssued: 3 March 2025\n\n"
        "A NEW CAR PARK FOR THE GREEN\n\n1.1 The Council proposes a car park of forty spaces.\n\n"
        "1.2 The green is used by the school on weekdays.\n"
    )
    doc = parse_document("paper.txt", text)
    assert (doc.title, doc.author, doc.date) == (
        "A New Car Park for the Green",
        "Holloway Parish Council",
        "3 March 2025",
    )
    # the block stays in the reading as one byline passage, never as body text or a section
    header = [p for p in doc.passages if "Planning Committee" in p.text]
    assert [p.kind for p in header] == ["byline"] and "Ref: HP/22/7" in header[0].text
    assert all(p.section is None for p in doc.passages)
    # a block without an "Issued:" field gives the date one of its lines holds, and keeps that line
    debate = parse_document(
        "debate.txt",
        "BRACKWELL CIVIC FORUM\nPublic debate: close the branch libraries?\n"
        "Held at the Corn Exchange, Brackwell, Tuesday 14 October 2025, 7.00pm\n\n"
        "The motion was put to the hall at seven.\n",
    )
    assert (debate.author, debate.date) == ("Brackwell Civic Forum", "14 October 2025")
    assert any("Held at the Corn Exchange" in p.text for p in debate.passages)
    # a letter's first lines with a colon are no issuer's header
    letter = parse_document(
        "l.txt", "Dear Sir,\nI write: the green must stay.\n\nIt is the town's only park.\n"
    )
    assert letter.author is None


def test_an_opening_verse_in_one_line_per_paragraph_text_is_one_quotation():
    text = (
        'ON REST\n\n"The river sleeps beneath the winter ice;\nIt does not die, it gathers for the spring."\n'
        "— Anna Pell, Winter Songs\n\n"
        "We are told that rest is idleness. I say that rest is how work renews itself.\n"
    )
    doc = parse_document("rest.txt", text)
    first = doc.passages[0]
    assert first.kind == QUOTE and "winter ice" in first.text and "gathers for the spring" in first.text
    assert [p.kind for p in doc.passages[1:]] == ["body"]


def test_a_table_set_out_in_columns_and_a_bulleted_list_stay_together():
    text = (
        "FERRY FIGURES\n\nThe figures for last year were these:\n\n"
        "  Route        Crossings   Passengers\n"
        "  North        1,240       18,300\n"
        "  South        980         11,050\n\n"
        "The council could do three things:\n"
        "- run a Sunday boat;\n"
        "- cut the fare for children;\n"
        "- sell the old pier.\n"
    )
    doc = parse_document("ferry.txt", text)
    table = next(p for p in doc.passages if "Crossings" in p.text)
    # its header row names each row's cells, as a Markdown table's does
    assert table.text.split("\n") == [
        "Route: North — Crossings: 1,240 — Passengers: 18,300",
        "Route: South — Crossings: 980 — Passengers: 11,050",
    ]
    assert table.section is None  # no row of it heads anything
    listed = doc.passages[-1]
    assert listed.kind == LIST and listed.text.startswith("The council could do three things:\n- run")
    assert listed.text.endswith("- sell the old pier.")


def test_a_title_pages_imprint_is_a_byline_never_the_section_of_the_text():
    text = (
        "THE PENNY BANK\n\nA LECTURE\n\nBY THE REV. JOHN ROWE, M.A.\n\n"
        "PUBLISHED AT THE REQUEST OF THE COMMITTEE.\n\n"
        "LONDON: PRINTED BY WARDLE AND SONS, FLEET LANE.\n1869.\n\n"
        "We opened the bank on a Saturday evening, because Saturday is pay-night.\n\n"
        "The working man will save if the bank is near his wages.\n"
    )
    doc = parse_document("lecture.txt", text)
    imprint = [p for p in doc.passages if "PRINTED BY" in p.text or "REQUEST" in p.text]
    assert [p.kind for p in imprint] == ["byline", "byline"]
    assert [p.section for p in doc.passages if p.kind == "body"] == [None, None]


def test_an_authors_label_among_the_first_lines_names_the_writers_without_their_posts():
    text = (
        "# Keeping the Islands Connected\n\n**Policy Brief No. 14** · Halvard Institute · March 2026\n"
        "**Authors:** Maren Achterberg (Senior Fellow, Transport) and Tobias Quaile (Research Associate)\n\n"
        "## Summary\n\nThe fleet is old.\n\n*The Halvard Institute is an independent charity.*\n"
    )
    doc = parse_document("brief.md", text)
    assert doc.author == "Maren Achterberg and Tobias Quaile"
    assert doc.date == "March 2026"  # the header line's fields: "No. 14 · Halvard Institute · March 2026"
    # no label: the closing note naming the institute still names it
    assert parse_document("b.md", text.replace("**Authors:**", "With")).author == "The Halvard Institute"


def test_a_transcripts_roster_is_one_list_not_turns_nor_its_title():
    text = (
        "PARTICIPANTS\nModerator: Hannah Ostrow, chair of the Forum\n"
        "For the motion: Cllr Dev Rampling\nAgainst the motion: Dr Ines Okonjo\n\n"
        "MODERATOR: Good evening. Councillor Rampling, you go first.\n\n"
        "CLLR RAMPLING: Thank you. Brackwell runs seven branch libraries.\n\n"
        "DR OKONJO: Thank you. The figures answer the wrong question.\n\n"
        "MODERATOR: Thank you both.\n"
    )
    doc = parse_document("transcript.txt", text)
    assert doc.title != "PARTICIPANTS"
    roster = doc.passages[0]
    assert roster.kind == "list" and roster.speaker is None
    assert "Moderator: Hannah Ostrow, chair of the Forum" in roster.text and "Dr Ines Okonjo" in roster.text
    assert [p.speaker for p in doc.passages[1:]] == ["MODERATOR", "CLLR RAMPLING", "DR OKONJO", "MODERATOR"]
    assert all(p.section is None for p in doc.passages)


def test_a_forum_threads_post_headers_name_who_speaks_and_quoted_replies_are_quotes():
    rule = "-" * 60
    text = (
        "Home Forums › Heating\nThread: Heat pump in a 1930s semi?\n\n"
        f"{rule}\n#1  mossbank_mike   (Joined: Feb 2022 | Posts: 37)   09 Jan 2026, 21:14\n{rule}\n"
        "Our gas boiler is 19 years old. Is a heat pump worth it?\n\n"
        f"{rule}\n#2  Grumbleweed   (Joined: Oct 2017 | Posts: 964)   10 Jan 2026, 07:52\n{rule}\n"
        "My running costs went up, not down.\n\n"
        "So: do it for the carbon, not the money.\n\n"
        f"{rule}\n#3  Tessellate   10 Jan 2026, 08:30\n{rule}\n"
        "> My running costs went up, not down.\n\n"
        "That's true on a standard tariff, but not on a heat pump tariff.\n\n"
        f"{rule}\n#4  mossbank_mike   18 Jan 2026, 20:02\n{rule}\n"
        "Thanks everyone, I'm going ahead.\n"
    )
    doc = parse_document("thread.txt", text)
    said = [(p.speaker, p.kind, p.text[:20]) for p in doc.passages if p.speaker or p.kind == "quote"]
    assert said == [
        ("mossbank_mike", "body", "Our gas boiler is 19"),
        ("Grumbleweed", "body", "My running costs wen"),
        ("Grumbleweed", "body", "So: do it for the ca"),  # a word and a colon inside a post: no turn
        # Tessellate quotes Grumbleweed, then answers: one passage, the quote in quotation marks
        ("Tessellate", "body", "“My running costs we"),
        ("mossbank_mike", "body", "Thanks everyone, I'm"),
    ]
    assert not any("Joined:" in p.text or "#2" in p.text for p in doc.passages)


def test_markdown_numbered_paragraphs_are_passages_of_their_own_with_their_numbers():
    para = "The Council's case is that it faces an acute shortage of homes. " * 5
    text = (
        "# Decision\n\n## Reasons\n\n"
        f"1. This appeal concerns the Orchard Lane allotments. {para}\n\n"
        f"2. The Association puts its case on three grounds. {para}\n\n"
        f"3. The Council says the site is the only one large enough. {para}\n\n"
        "## Orders\n\nThe parties agreed:\n\n1. costs in the cause;\n2. no order as to interest.\n"
    )
    doc = parse_document("decision.md", text)
    numbered = [p for p in doc.passages if p.section == "Reasons"]
    assert [p.text[:9] for p in numbered] == ["1. This a", "2. The As", "3. The Co"]
    assert all(p.kind == "body" for p in numbered)
    # short items stay one list under the sentence that introduces them
    orders = [p for p in doc.passages if p.section == "Orders"]
    assert len(orders) == 1 and orders[0].kind == "list" and "no order as to interest" in orders[0].text


def test_reasons_delivered_by_one_member_and_a_dissent_by_another_are_each_their_words():
    reasons = "We find the site equally convenient for the plot-holders as a body. " * 5
    dissent = "I cannot agree that a site twenty minutes away is equally convenient. " * 5
    text = (
        "# Decision\n\n## Reasons of the majority\n\n*(delivered by Tribunal Judge Faulds)*\n\n"
        f"1. {reasons}\n\n2. {reasons}\n\n## Dissenting reasons\n\n*(Member Adeyemi-Rourke)*\n\n"
        f"3. {dissent}\n\n4. {dissent}\n"
    )
    doc = parse_document("decision.md", text)
    assert [(p.kind, p.speaker) for p in doc.passages] == [
        ("byline", None),
        ("body", "Tribunal Judge Faulds"),
        ("body", "Tribunal Judge Faulds"),
        ("byline", None),
        ("body", "Member Adeyemi-Rourke"),
        ("body", "Member Adeyemi-Rourke"),
    ]
    # one such line names no speaker: the whole text is that member's, as its author is
    alone = parse_document("d.md", text.split("## Dissenting", maxsplit=1)[0])
    assert [p.speaker for p in alone.passages] == [None, None, None]


def test_a_transcripts_stage_directions_name_no_speaker():
    said = "I want to start with a confession about the shed and everything that lives in it. " * 2
    text = (
        f"Remarks by the Mayor at the opening\n\n{said}\n\n(Applause.)\n\n{said}\n\n(Sustained applause.)\n\n"
        f"{said}\n\n(Murmuring.)\n\n{said}\n"
    )
    doc = parse_document("remarks.txt", text)
    assert all(p.speaker is None for p in doc.passages)
    assert not any(p.kind == "byline" and "Applause" in p.text for p in doc.passages)


def test_a_rosters_names_and_posts_name_its_speakers():
    roster = (
        "PARTICIPANTS\nModerator: Hannah Ostrow, chair of the Civic Forum\n"
        "For the motion: Cllr Dev Rampling, cabinet member for culture, Brackwell Borough Council\n"
        "Against the motion: Dr Ines Okonjo, lecturer in social policy, University of the Weald\n"
        "Against the motion: Priya Castellane, branch librarian (Eastfold) and union representative"
    )
    speakers = {"MODERATOR", "CLLR RAMPLING", "DR OKONJO", "PRIYA CASTELLANE", "AUDIENCE MEMBER 2 (Gwen)"}
    names = roster_roles(roster, speakers) | speaker_names(speakers)
    asked = {
        "According to the librarian, why are opening hours so short?": {"PRIYA CASTELLANE"},
        "What does the lecturer make of the figures?": {"DR OKONJO"},
        "What did Ostrow say to open the debate?": {"MODERATOR"},
        "What does the councillor propose?": {"CLLR RAMPLING"},
        # places and subjects name nobody; "member" is the audience member's, not the cabinet member's
        "What do the branches cost the council each year?": set(),
        "What did the audience member ask?": {"AUDIENCE MEMBER 2 (Gwen)"},
        "Is social policy research cited?": set(),
    }
    for question, expected in asked.items():
        assert named_speakers(question, names) == expected, question


def test_a_line_that_dates_the_text_is_its_dateline_not_a_heading():
    letter = (
        "THE WEXCOMBE COURIER — LETTERS TO THE EDITOR\nPublished Thursday 5 June 2025\n\n"
        "KEEP THE MARKET\n\nSir,\n\nThe market has eighteen stalls. Fourteen are let.\n\n"
        "It needs paint, not a library.\n\nYours faithfully,\nMAUREEN PRYCE\nMill Lane, Wexcombe\n"
    )
    doc = parse_document("01-letter.txt", letter)
    assert doc.date == "5 June 2025" and doc.author == "Maureen Pryce"
    assert [(p.kind, p.text) for p in doc.passages if p.kind == BYLINE] == [
        (BYLINE, "Published Thursday 5 June 2025"),  # kept, not lost as a heading under the next
        (BYLINE, "Yours faithfully,\nMAUREEN PRYCE\nMill Lane, Wexcombe"),  # who signed, and where
    ]
    body = [p.text for p in doc.passages if p.kind == "body"]
    assert body == [
        "Sir,",
        "The market has eighteen stalls. Fourteen are let.",
        "It needs paint, not a library.",
    ]
    assert {p.section for p in doc.passages if p.kind == "body"} == {"Keep the Market"}

    magazine = (
        "THE ASHBOURNE MONTHLY MAGAZINE.\r\n\r\nNo. CCXIV.  MARCH, 1874.  Price One Shilling.\r\n\r\n"
        "ON WALKING.\r\n\r\nBY A PEDESTRIAN.\r\n\r\n    There was a time when the gentleman who wished\r\n"
        "to see the country went out of his door and walked into it.\r\n\r\n    What has destroyed it? "
        "The railway, and for once\r\nthe reader's expectation is correct.\r\n"
    )
    doc = parse_document("walk.txt", magazine)
    assert doc.date == "March 1874"
    assert doc.passages[0].kind == BYLINE and doc.passages[0].text.startswith("No. CCXIV.")
    # a diary's entries are headed by their dates: sections, not posters of a thread
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    diary = "My Diary\n\nThe first entry.\n\n" + "".join(
        f"{days[d % 7]} {d} October 2025\n\nRain again, and the {d}th day of it.\n\n" for d in range(4, 14)
    )
    passages = parse_document("diary.txt", diary).passages
    assert {p.speaker for p in passages} == {None}
    sections = {p.section for p in passages}
    assert "Wednesday 9 October 2025" in sections


def test_oral_evidence_numbers_its_questions_not_its_speakers():
    text = (
        "SELECT COMMITTEE ON CANALS\n\nTuesday 14 October 2025\n\n"
        "Q140 Chair: Good morning. How large is the gap?\n\n"
        "Margery Tolland: About £74 million a year by 2029.\n\n"
        "Q141 Owen Breck: And the licence fee?\n\n"
        "Margery Tolland: A 12% increase, phased over two years.\n\n"
        "Q142 Chair: Thank you.\n"
    )
    doc = parse_document("evidence.txt", text)
    assert doc.date == "14 October 2025"
    speakers = [p.speaker for p in doc.passages if p.kind == "body"]
    assert speakers == ["Chair", "Margery Tolland", "Owen Breck", "Margery Tolland", "Chair"]


def test_a_markdown_table_row_says_what_each_of_its_cells_is():
    text = (
        "# Course\n\n## Weekly schedule\n\n| Week | Topic | Activity |\n|---|---|---|\n"
        "| 1 | What is a map for? | Introductions |\n| 9 | Maps for war | Guest seminar |\n"
        "| 10 | Borders | — |\n\n| Role | Name | Office hours | Room |\n|---|---|---|---|\n"
        "| Convenor | Dr Quist | Tuesdays 14:00–16:00 |  |\n"
    )
    doc = parse_document("course.md", text)
    schedule, staff = (p for p in doc.passages if p.kind == "body")
    assert schedule.text.split("\n") == [
        "Week: 1 — Topic: What is a map for? — Activity: Introductions",
        "Week: 9 — Topic: Maps for war — Activity: Guest seminar",
        "Week: 10 — Topic: Borders",  # an empty cell says nothing
    ]
    assert staff.text == "Role: Convenor — Name: Dr Quist — Office hours: Tuesdays 14:00–16:00"
    assert schedule.section == "Weekly schedule"


def test_front_matter_facts_stay_in_the_reading_as_its_front_lines():
    text = (
        "---\ncourse: HIST 2147 — Maps and Empire, 1750–1950\nterm: Spring 2026\n"
        "author: Dr Amara Quist\nversion: 1.3 (revised 9 January 2026)\n"
        "layout: syllabus\ntags: [maps]\n---\n\n"
        "# HIST 2147\n\nMaps look like neutral pictures of the world.\n"
    )
    doc = parse_document("syllabus.md", text)
    assert doc.author == "Dr Amara Quist"
    assert doc.date == "9 January 2026"  # the revision's date, not a year of the course's title
    front = doc.passages[0]
    assert front.kind == BYLINE
    assert front.text.split("\n") == [
        "Course: HIST 2147 — Maps and Empire, 1750–1950",
        "Term: Spring 2026",
        "Author: Dr Amara Quist",
        "Version: 1.3 (revised 9 January 2026)",
    ]  # not a site generator's settings
    blog = parse_document("post.md", "---\ntitle: A Post\nauthor: Jo Bell\n---\n\nThe text.\n")
    assert [p.kind for p in blog.passages] == ["body"]  # one fact is the byline's already


def test_a_markdown_heading_over_nothing_is_text_when_it_says_something():
    text = (
        "# Guide\n\n## Stop 6 — The Ledger\n\nThe ledger shows the wages.\n\n"
        "## Stop 7 — The Tide Clock (closed for conservation until spring 2026)\n\n"
        "## Stop 8 — The Yard\n\nGo out through the side door.\n\n"
        "## Part Two\n\n### Stop 9\n\nThe shop is on the left.\n"
    )
    doc = parse_document("guide.md", text)
    texts = [p.text for p in doc.passages]
    assert "Stop 7 — The Tide Clock (closed for conservation until spring 2026)" in texts
    assert "Part Two" not in texts  # it heads the stops under it
    assert len(texts) == 4


def test_footnotes_marked_with_symbols_are_notes():
    text = (
        "ON WALKING.\n\nThe road is long.* The claim about Yorkshire is doubtful.†\n\n"
        "It is a public service to walk.\n\n--------\n\n* The road is twenty-three miles.\n\n"
        "† I have this from a correspondent, and have not been able to confirm it.\n"
    )
    doc = parse_document("walk.txt", text)
    assert [p.kind for p in doc.passages] == ["body", "body", NOTE, NOTE]


def test_superscript_note_marks_go_but_a_unit_s_power_stays():
    from bot.core.reading.inline import clean_inline, clean_marks

    line = "**Authors:** Henrietta Saul-Oyelaran¹, Mikkel Braithwaite¹, Priya Anand-Cole²"
    assert clean_marks(line) == "**Authors:** Henrietta Saul-Oyelaran, Mikkel Braithwaite, Priya Anand-Cole"
    assert clean_inline("The moths rose by 27%.³ Smith² agreed.") == "The moths rose by 27%. Smith agreed."
    assert (
        clean_inline("The hall is 120 m² and the yard 40 km².") == "The hall is 120 m² and the yard 40 km²."
    )
    doc = parse_document(
        "p.md", "# Moths\n\n**Authors:** Henrietta Saul-Oyelaran¹, Mikkel Braithwaite¹\n\nText.\n"
    )
    assert doc.author == "Henrietta Saul-Oyelaran, Mikkel Braithwaite"
