"""Texts as people download them: Gutenberg files, Markdown posts, transcripts, quoted openings.

Each layout is checked on a small synthetic sample written like the real thing, for what a
member would otherwise see: headings served as answers, page marks inside words, a bare
speaker label as the whole answer, a fable quoted as the author's own words, an author
invented or refused.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.app.service import Agora
from bot.core.reading.passages import FRONT, QUOTE, Passage, parse_document
from bot.core.search.summary import (
    is_others_view,
    is_recap,
    is_roadmap,
    is_sign_off,
    summary_rows,
)
from bot.settings import Settings

GUTENBERG = """\
The Project Gutenberg EBook of Speeches on Common Things, by Abel Marsh

This eBook is for the use of anyone anywhere at no cost and with
almost no restrictions whatsoever.  You may copy it, give it away or
re-use it under the terms of the Project Gutenberg License included
with this eBook or online at www.gutenberg.org


Title: Speeches on Common Things

Author: Abel Marsh

Release Date: March 3, 2009 [EBook #40000]

Language: English

*** START OF THIS PROJECT GUTENBERG EBOOK SPEECHES ON COMMON THINGS ***




Produced by A. Volunteer and the Online Distributed
Proofreading Team




OF THE COMMON ROAD AND ITS KEEPERS, WITH SOME
REMARKS ON THE TOLL-GATES[1]


The road that runs past every door is the oldest of our common goods,
and the one we think of least. No man built it alone, and no man can
keep it alone; yet each of us walks on it as if it were his own.{12}
The toll-keepers forget this first of all.

A toll, said the old keepers, pays for the mending of the road. But
the tolls have risen tenfold while the road is _worse_ than it was in
our fathers' time, and the money goes to the gate and not to the illumi{13}nated
lamps along the way.




THE SECOND ADDRESS. Delivered at the Market Hall, at
Dunmore, May 3, 1851


Fellow-townsmen, I come before you to ask that the gates be opened and
the road be given back to the parish, to be kept by those who use it.

The parish kept the road for two hundred years, and kept it well; it
can do so again if we trust it with the tolls.

[Footnote 1: The gates were taken down in 1856.]

End of the Project Gutenberg EBook of Speeches on Common Things, by Abel Marsh

*** END OF THIS PROJECT GUTENBERG EBOOK SPEECHES ON COMMON THINGS ***

***** This file should be named 40000.txt or 40000.zip *****
Updated editions will replace the previous one--the old editions
will be renamed.
""".replace("\n", "\r\n")

POST = """\
---
title: "Shipping Small Changes"
author: Rosa Delgado
date: 2021-06-14
tags: [engineering, process]
---

Small changes are easier to review,
easier to revert,
and easier to understand a year later.

## Why size matters {#why-size}

A reviewer reads a ten-line change with care
and a thousand-line change with a shrug.

Here is some code that runs fine in production:

```python
def ship(change):
    return change
```

The function above does nothing, and that is the point.

## Further reading {#further}

See the notes below:

```
links.txt
```
"""

TRANSCRIPT = """\
Town Meeting on the Library, 4 March

Transcribed by the clerk's office from the audio recording. Remarks
have been lightly edited for clarity; inaudible passages are marked.

[00:00:05] CHAIR:
Good evening, everyone. Tonight we decide whether the library stays open on
Sundays, and I will take comments in the order you signed up.

[00:00:31] MARTA OYELARAN: Thank you. The Sunday hours are the only hours
that working families can use, and the reading room is full every week.

[00:01:10] DEV PATEL:
I agree the room is full, but the heating bill for one day is more than the
whole book budget for a month.

[00:01:45] CHAIR: Thank you both. We will vote after the break.
"""

FABLE = """\
The Fox and the Ledger

“A fox once kept the ledger of the hen-house. Every evening he counted the hens,
and every morning there was one fewer, and every evening the ledger balanced.

“When the farmer asked why, the fox said the ledger was correct, and it was.”

The fable is old, but the habit it mocks is new: we trust a record because it is
kept, not because of who keeps it.

An audit that the audited may write is no audit at all.
"""


def _texts(passages: list[Passage]) -> list[str]:
    return [p.text for p in passages]


def test_a_gutenberg_file_keeps_the_book_and_its_metadata_and_nothing_of_the_wrapper():
    doc = parse_document("speeches.txt", GUTENBERG)
    assert (doc.title, doc.author, doc.date) == ("Speeches on Common Things", "Abel Marsh", None)
    text = " ".join(_texts(doc.passages))
    wrapper = ("Gutenberg", "Produced by", "Release Date", "40000", "Updated editions")
    for furniture in (*wrapper, "{1", "_", "[1]"):
        assert furniture not in text, furniture
    # a heading wrapped over two lines is one heading, with its footnote mark gone
    first = doc.passages[0]
    assert first.section == "Of the Common Road and Its Keepers, with Some Remarks on the Toll-Gates"
    second = next(p for p in doc.passages if p.text.startswith("Fellow-townsmen"))
    assert second.section == "THE SECOND ADDRESS. Delivered at the Market Hall, at Dunmore, May 3, 1851"
    assert not any("SECOND ADDRESS" in t or "Dunmore" in t for t in _texts(doc.passages))  # never body text
    # page marks go without splitting or joining words
    assert "as if it were his own. The toll-keepers" in first.text
    assert "the illuminated lamps" in text
    assert "is worse than it was" in text
    note = doc.passages[-1]
    assert note.kind == "note" and note.text.startswith("[Footnote 1:")
    assert all(p.author == "Abel Marsh" for p in doc.passages)


def test_a_title_line_and_author_line_without_gutenberg_are_metadata_too():
    doc = parse_document("x.txt", "Title: On Bridges\nAuthor: Li Wen\n\nA bridge is a promise in stone.\n")
    assert (doc.title, doc.author) == ("On Bridges", "Li Wen")
    assert _texts(doc.passages) == ["A bridge is a promise in stone."]


def test_a_markdown_post_reads_its_front_matter_and_drops_code_and_its_lead_in():
    doc = parse_document("shipping.md", POST)
    assert (doc.title, doc.author, doc.date) == ("Shipping Small Changes", "Rosa Delgado", "2021-06-14")
    texts = _texts(doc.passages)
    assert texts[0] == (
        "Small changes are easier to review, easier to revert, and easier to understand a year later."
    )
    assert {p.section for p in doc.passages} == {None, "Why size matters"}
    assert not any(t.startswith(("Here is some code", "See the notes")) for t in texts)  # no lead-in alone
    assert not any("def ship" in t or "links.txt" in t for t in texts)
    # the lead-in joins the paragraph before it in its section, so its words stay findable
    assert any("with a shrug. Here is some code" in t for t in texts)
    assert not any("{#" in (p.section or "") for p in doc.passages)


def test_a_transcript_has_speakers_not_label_passages_and_its_preamble_is_front_matter():
    doc = parse_document("meeting.txt", TRANSCRIPT)
    assert doc.title == "Town Meeting on the Library, 4 March"
    assert doc.author is None  # a transcript's speakers are not its author
    preamble, *turns = doc.passages
    assert preamble.kind == FRONT and preamble.is_meta and preamble.speaker is None
    assert [p.speaker for p in turns] == ["CHAIR", "MARTA OYELARAN", "DEV PATEL", "CHAIR"]
    assert turns[0].text.startswith("Good evening, everyone.")
    assert turns[1].text.startswith("Thank you. The Sunday hours")
    for p in turns:
        assert ":" not in p.text[:20] and "00:0" not in p.text  # no label, no time stamp
        assert p.kind == "body"
    assert turns[2].citation.startswith("DEV PATEL, Town Meeting")


def test_a_hosts_spoken_opening_is_the_show_not_a_transcribers_preamble():
    # unlabelled, it names the podcast and the episode as a transcriber's note does, but it is the
    # host speaking: "who hosts the show?" and "what is her book called?" are answered from it
    text = (
        "# The Staffroom, Episode 12\n\n"
        "*This transcript has been edited for length.*\n\n"
        "Welcome back to The Staffroom, the podcast about schools. I'm your host, Sam Adebayo. My guest "
        "this week is Dr. Lena Marsh, whose new book is called The Kitchen Table Problem.\n\n"
        "**Host:** Lena, why scrap homework?\n\n**Lena Marsh:** Because it widens the gap.\n\n"
        "**Host:** And the parents?\n\n**Lena Marsh:** They can read with their children instead.\n"
    )
    doc = parse_document("episode.md", text)
    note, opening, *turns = doc.passages
    assert note.kind == FRONT and note.is_meta
    assert opening.kind == "body" and not opening.is_meta and opening.text.startswith("Welcome back")
    assert [p.speaker for p in turns] == ["Host", "Lena Marsh", "Host", "Lena Marsh"]


def test_minutes_labels_are_no_speakers():
    text = (
        "FERNLEY ALLOTMENT SOCIETY\nMinutes of the committee meeting, 2 June 2025\n\n"
        "Present: Mrs Hale (chair), Mr Osei, Ms Brandt, Mr Lyle.\nApologies: Mr Coombes.\n\n"
        "1. Water charges\nMr Osei said the new meters would cost each plot £12 a year.\n"
        "Ms Brandt replied that the society could not ask members to pay twice.\n"
        "Agreed: the treasurer will write to the water company.\n"
        "Actions: Mr Lyle to price a rain-water tank.\n\n"
        "2. Any other business\nNone.\nActions: none.\n"
    )
    doc = parse_document("minutes.txt", text)
    assert {p.speaker for p in doc.passages} == {None}
    assert any(p.text.startswith("Present: Mrs Hale") or "Present: Mrs Hale" in p.text for p in doc.passages)


def test_a_guides_field_labels_are_no_speakers_and_stay_in_the_text():
    # "**Where:** …" on three entries is no speaker "Where": the label stays, so "where does
    # knotted wrack grow?" finds the line that says where
    entries = [("Channelled wrack", "the highest band of all"), ("Knotted wrack", "sheltered rocks")]
    entries += [("Kelp", "only at the very bottom of the shore")]
    text = "# Seaweeds\n\n" + "".join(
        f"## {name}\n\n**Where:** {where}.\n**Look for:** olive tufts.\n\nIt dries black.\n\n"
        for name, where in entries
    )
    doc = parse_document("seaweeds.md", text)
    assert {p.speaker for p in doc.passages} == {None}
    assert "Where: sheltered rocks. Look for: olive tufts." in _texts(doc.passages)


def test_a_markdown_transcript_with_bold_labels():
    text = (
        "# Panel on Rivers\n\n*Edited transcript.*\n\n**Ana:** Rivers are roads.\n\n**Ben:**\n\n"
        "Roads need upkeep.\n\n**Ana:** So do rivers.\n"
    )
    doc = parse_document("panel.md", text)
    assert [(p.speaker, p.text, p.kind) for p in doc.passages] == [
        (None, "Edited transcript.", FRONT),
        ("Ana", "Rivers are roads.", "body"),
        ("Ben", "Roads need upkeep.", "body"),
        ("Ana", "So do rivers.", "body"),
    ]


def test_an_essay_opening_with_a_quoted_fable_marks_the_fable_as_quoted():
    doc = parse_document("fox.txt", FABLE)
    assert doc.title == "The Fox and the Ledger" and doc.author is None
    kinds = [(p.is_quoted, p.text[:12]) for p in doc.passages]
    assert kinds == [
        (True, "“A fox once "),
        (True, "“When the fa"),
        (False, "The fable is"),
        (False, "An audit tha"),
    ]


def test_an_epigraph_with_its_attribution_line_is_quoted():
    text = (
        "ON PROPERTY\n\nBy a principle essential to Christianity, a person is eternally\n"
        "differenced from a thing.\n--COLERIDGE\n\nThe law of my state said otherwise, and said\n"
        "it for sixty years.\n"
    )
    doc = parse_document("property.txt", text)
    epigraph, body = doc.passages
    assert epigraph.kind == QUOTE and epigraph.text.endswith("from a thing.\n— COLERIDGE")
    assert body.kind == "body"


def test_a_title_from_the_file_name_only_when_the_text_has_none():
    text = (
        "We began the survey in the spring, when the river was high and the banks\n"
        "were soft and the ferry was not yet running, so we walked the long way\n"
        "round by the mill.\n"
    )
    doc = parse_document("field-notes_2019.txt", text)
    assert doc.title == "Field Notes 2019" and doc.author is None
    titled = parse_document("field-notes_2019.txt", "Field Notes\n\n" + text)
    assert titled.title == "Field Notes"


def test_summary_skips_a_roadmap_and_prefers_a_recap():
    assert is_roadmap("In the following pages I shall first consider the tolls, then the gates.")
    assert not is_roadmap("The tolls have risen tenfold while the road grew worse.")
    assert is_recap("We have now seen that the tolls pay for the gate and not for the road.")
    assert not is_recap("Flour was in short supply that winter.")


def test_summary_thesis_is_never_the_view_the_author_disputes():
    """A paragraph that only lays out others' view is central (it names all that is disputed)."""
    view = (
        "How often have we not been told that the new road will ruin the town; that the trade "
        "will pass it by. How often we hear the same from every shop on the square."
    )
    answered = view + " But I deny that a road ever emptied a town that had something to sell."
    own = "I hold that the road will bring the town more trade than it takes away."
    assert is_others_view(view) and not is_others_view(answered)
    assert is_others_view("It is often said that the council cannot pay for the pumps.")
    assert not is_others_view(own)
    assert not is_others_view("We have been told nothing about the cost of the road.")
    rest = ["The toll was fixed in 1820.", "Carts paid double.", "The inn was rebuilt.", "Trade grew."]
    # unit vectors: the first paragraph is the closest to the mean, the author's case next
    vectors = np.array(
        [[1.0, 0.0], [0.9, 0.436], [0.9, -0.436], [0.5, 0.866], [0.5, -0.866], [0.8, 0.0]],
        dtype=np.float32,
    )
    for first, thesis in ((view, own), (answered, answered)):
        texts = [first, own, *rest]
        passages = [Passage(f"p{i}", "road.txt", "The Road", None, i + 1, t) for i, t in enumerate(texts)]
        rows = summary_rows(passages, vectors, ["road.txt"], {"road.txt": range(6)})
        assert passages[rows[0]].text == thesis


def test_summary_conclusion_is_never_a_parting_thank_you():
    assert is_sign_off("Thank you, Lena.") and is_sign_off("Good night, everyone.")
    assert not is_sign_off("Thanks to the new tax, the town can pay for the pumps.")
    assert not is_sign_off("Thank you for the question: the late buses carry nurses home.")
    texts = [
        "The late buses are the only way home for night workers.",
        "The authority says the late runs carry fewer than thirty riders.",
        "Thirty riders a night is thirty nurses and cleaners who cannot get home.",
        "Publish every route's cost, and the late runs will look no worse than the rest.",
        "Thank you, Lena.",
    ]
    passages = [Passage(f"p{i}", "radio.txt", "Radio", None, i + 1, t) for i, t in enumerate(texts)]
    vectors = np.eye(5, dtype=np.float32)
    rows = summary_rows(passages, vectors, ["radio.txt"], {"radio.txt": range(5)})
    assert [passages[r].paragraph for r in rows[:2]] == [1, 4]


@pytest.fixture(scope="module")
def unnamed_author(embedder, tmp_path_factory) -> Agora:
    """A post whose author is named only in its front matter, and a note naming no author."""
    root = tmp_path_factory.mktemp("metadata")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "shipping.md").write_text(POST)
    settings = Settings(seeds_dir=seeds, index_dir=root / "index", data_dir=root / "data")
    service = Agora(settings, load_embedder=lambda _name: embedder)
    service.prepare(progress=False)
    return service


def test_an_author_named_only_in_metadata_counts_as_mentioned(unnamed_author):
    question = "What does Rosa Delgado say about how a reviewer reads a thousand-line change?"
    answer = unnamed_author.ask(question)
    assert answer.answered, answer.notes
    assert not any("never mentions" in n for n in answer.notes)
    assert "shrug" in answer.hits[0].passage.text
    who = unnamed_author.ask("Who wrote this?")
    assert who.answered and who.hits[0].passage.text == "By Rosa Delgado, 2021-06-14"


def test_an_author_named_nowhere_is_never_invented(embedder, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "fox.txt").write_text(FABLE)
    settings = Settings(seeds_dir=seeds, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    service = Agora(settings, load_embedder=lambda _name: embedder)
    service.prepare(progress=False)
    answer = service.ask("Who wrote this?")
    assert not answer.answered
    assert answer.notes == ["The reading does not say who wrote it."]
    assert Path(settings.index_dir).exists()


def test_a_table_of_contents_is_not_text_and_a_chapter_number_joins_its_heading():
    text = (
        "CONTENTS\n\nCHAPTER I. The Mill\nCHAPTER II. The River\n\n\n\nCHAPTER I.\n\nTHE MILL\n\n\n"
        "The mill stood at the bend of the river, where the water ran\nfastest, and it had stood "
        "there since before the parish had a\nname.\n\n\n\nCHAPTER II.\n\nTHE RIVER\n\n\n"
        "The river was older than the mill, and it would outlast it, as\neveryone in the valley "
        "said when the wheel was broken.\n"
    )
    doc = parse_document("the-mill.txt", text)
    assert doc.title == "The Mill"  # "CONTENTS" is never a title: the file names it
    assert [(p.section, p.text[:9]) for p in doc.passages] == [
        ("Chapter I. The Mill", "The mill "),  # headings in capitals are cited in title case
        ("Chapter II. The River", "The river"),
    ]


def test_illustrations_go_and_a_transcribers_note_is_front_matter():
    text = (
        "The Mill\n\n[Transcriber's Note: Obvious printer's errors have been corrected.]\n\n"
        "[Illustration: The mill at dawn]\n\nThe mill stood at the bend of the river, where the water ran\n"
        "fastest, and it had stood there since before the parish had a\nname.\n"
    )
    note, body = parse_document("mill.txt", text).passages
    assert note.kind == FRONT and note.is_meta and note.citation.endswith("(front matter)")
    assert body.text.startswith("The mill stood") and body.paragraph == 2


def test_an_faq_in_questions_and_answers_keeps_its_introduction_as_the_authors_words():
    text = (
        "# Bike FAQ\n\nWe get asked the same things every week, so here they are.\n\n"
        "**Q:** Do I need a helmet?\n\n**A:** Yes, always.\n\n"
        "**Q:** Can I ride at night?\n\n**A:** With lights.\n"
    )
    intro, *pairs = parse_document("faq.md", text).passages
    assert intro.kind == "body" and intro.speaker is None
    assert [p.speaker for p in pairs] == ["Q", "A", "Q", "A"]


def test_an_epigraph_set_in_and_signed_on_its_own_line_is_quoted_not_a_heading():
    text = (
        "Of Bridges\nby Ann Weir (1901)\n\n  Over the water the old stones lean,\n"
        "    Grey with the years that the river has seen.\n\n  EDITH HALE.\n\n"
        "The bridge at the ford was the first thing the parish ever built together,\n"
        "and it is the last thing it will let fall, whatever the rates may be.\n\n"
        "A bridge asks nothing of the men who cross it but that they keep it.\n"
    )
    byline, epigraph, *body = parse_document("bridges.txt", text).passages
    assert byline.kind == "byline"
    assert epigraph.is_quoted and epigraph.text.endswith("river has seen.\n— EDITH HALE.")
    assert [p.section for p in body] == [None, None]  # the signature is not a heading
    assert not any(p.is_quoted for p in body)


def test_numbered_items_are_a_list_never_headings_and_short_ones_stay_with_their_lead_in():
    text = (
        "Of Wells\nby Ann Weir (1901)\n\n"
        "The parish asked the board for three things, and asked for them\nplainly:\n\n"
        "1.  The right to dig.\n\n2.  Clean water.\n\n"
        "3.  A say in the rates.  The board heard them out, and then it did\n"
        "nothing at all for a year, which the parish took as an answer and\n"
        "remembered at the next election, when every seat on the board changed\nhands.\n\n"
        "The new board met in the spring and dug the first well by June, and\n"
        "nobody in the parish has spoken of the old board since.\n\n\n"
        "1. Definitions.\n\n"
        "A well is any hole dug for water, lined or unlined, deep or shallow,\n"
        "public or private, in use or abandoned.\n"
    )
    doc = parse_document("wells.txt", text)
    listed, third, after, definitions = doc.passages[1:]
    assert listed.kind == "list"
    assert listed.text.endswith("plainly:\n1. The right to dig.\n2. Clean water.")
    assert listed.sentence_texts()[-2:] == ["1. The right to dig.", "2. Clean water."]
    intro = listed.sentence_texts()[0]  # each item is embedded with its introduction, unnumbered
    assert listed.embedding_texts()[-2:] == [f"{intro} The right to dig.", f"{intro} Clean water."]
    assert third.text.startswith("3. A say in the rates.") and third.section is None  # too long to join
    assert after.section is None  # no item became the heading of what follows
    assert definitions.section == "1. Definitions."  # a numbered heading stays one


_PIECES = [
    "",
    "",
    "ALICE:",
    "[00:01:12] BOB: We should keep the pumps.",
    "THE SECOND ADDRESS. Delivered at the Hall, at",
    "Dunmore, May 3, 1851",
    "  Over the water the old stones lean,",
    "  EDITH HALE.",
    "--COLERIDGE",
    "“A fox once kept the ledger,",
    "and the ledger balanced.”",
    "the road is _worse_ than it{12} was[1] and illumi{13}nated",
    "*** START OF THIS PROJECT GUTENBERG EBOOK X ***",
    "*** END OF THIS PROJECT GUTENBERG EBOOK X ***",
    "Title: X",
    "Author: Y",
    "---",
    "title: 'Z'",
    "```",
    "Here is the code:",
    "## Heading {#h}",
    "CONTENTS",
    "CHAPTER I.",
    "[Illustration]",
    "by",
    "J. W.",
    "[Footnote 1: A note.]",
    "Plain prose that runs on for a while, as prose does, without stopping.",
    "They asked for two things:",
    "1.  The right to vote.",
    "2.  Civic equality.",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.booleans(), st.booleans())
@example(["ALICE:", "ALICE:", "*** START OF THIS PROJECT GUTENBERG EBOOK X ***", "ALICE:"], False, False)
@example(["ALICE:", _PIECES[12], "ALICE:", "  EDITH HALE.", "ALICE:"], False, False)  # two labels read
def test_any_mix_of_downloaded_furniture_parses_into_clean_passages(lines, markdown, crlf):
    text = ("\r\n" if crlf else "\n").join(lines)
    doc = parse_document("mix.md" if markdown else "mix.txt", text)
    assert doc.title
    # what is read: a Gutenberg file's text between its first START line and the END line after it
    start, end = _PIECES[12], _PIECES[13]
    read = lines[lines.index(start) + 1 :] if start in lines else lines
    read = read[: read.index(end)] if start in lines and end in read else read
    alice, bob = read.count("ALICE:"), read.count(_PIECES[3])
    transcript = alice + bob >= 3 and max(alice, bob) >= 2
    for p in doc.passages:
        assert p.text.strip() and "\r" not in p.text
        assert not (transcript and p.text.strip() == "ALICE:")  # never a bare label
        assert "{12}" not in p.text and "{13}" not in p.text


SPEECH = """# Why I Will Vote Against the Bridge Toll

*Remarks by Councillor Amara Osei at the council meeting of 3 May*

Friends, a toll on the old bridge would fall on the people who cross it most: nurses on night shifts.

The promoters say the toll pays for repairs. It pays for a booth and the staff in it first.
"""


@pytest.mark.parametrize(
    "name, text", [("toll.md", SPEECH), ("toll.txt", SPEECH.replace("# ", "").replace("*", ""))]
)
def test_a_byline_that_names_the_occasion_is_the_author_not_a_section(name: str, text: str) -> None:
    doc = parse_document(name, text)
    assert doc.title == "Why I Will Vote Against the Bridge Toll"
    assert {p.section for p in doc.passages} == {None}  # never "Remarks by …" as every passage's section
    assert all(p.author == "Councillor Amara Osei" for p in doc.passages)
    body = [p for p in doc.passages if p.paragraph > 0]
    assert body[0].text.startswith("Friends, a toll")


WRAPPED_SPEECH = """THE NEW TRAMWAY.

SPEECH OF COUNCILLOR EDITH MARLOWE
AT THE QUARTERLY MEETING OF THE KESWORTH
BOROUGH COUNCIL, MARCH 3RD, 1902.

Mr. Mayor, I move that the tramway be carried on to the railway station, and
that the fare be one penny for the whole journey. (Hear, hear.)

The horse omnibus takes forty minutes to reach the station, and the working
man who must be at the yard by six cannot afford either the time or the fare.
"""


def test_a_wrapped_speech_heading_names_its_speaker_and_date_and_is_no_section() -> None:
    doc = parse_document("tramway.txt", WRAPPED_SPEECH.replace("\n", "\r\n"))
    assert doc.title == "The New Tramway"
    assert doc.author == "Councillor Edith Marlowe"
    assert doc.date == "March 3rd, 1902"
    assert {p.section for p in doc.passages} == {None}  # never "Speech of …" over every passage
    body = [p for p in doc.passages if p.paragraph > 0]
    assert body[0].text.startswith("Mr. Mayor, I move")


@pytest.mark.parametrize(
    "headline, title",
    [
        ("Rent Caps Don't Build Homes. Planners Do.", "Rent Caps Don't Build Homes. Planners Do."),
        ("THE CASE FOR A FOUR-DAY WEEK.", "The Case for a Four-Day Week"),
    ],
)
def test_a_headline_ending_in_a_full_stop_is_the_title_not_a_passage(headline: str, title: str) -> None:
    text = f"{headline}\n\nOur council voted to cap rents. It was a mistake.\n\nHomes follow land.\n"
    doc = parse_document("opinion.txt", text)
    assert doc.title == title
    assert doc.passages[0].text.startswith("Our council voted")


def test_a_first_sentence_is_not_taken_for_a_headline() -> None:
    text = "Our council voted last week to cap rents.\n\nIt was a mistake, and here is why.\n"
    doc = parse_document("opinion.txt", text)
    assert doc.passages[0].text == "Our council voted last week to cap rents."


@pytest.mark.parametrize(
    ("line", "author", "byline"),
    [
        (
            "*A submission from the Hillside Tenants' Association to the council's review, May 2026*",
            "Hillside Tenants' Association",
            True,
        ),
        ("*Prepared by the Allotment Committee, 2026 season.*", "the Allotment Committee", True),
        # a byline sentence with more to say stays text (its last sentence answers questions)
        (
            "*Prepared by the Allotment Committee. Questions go to the site warden, Ann Pike.*",
            "the Allotment Committee",
            False,
        ),
    ],
)
def test_a_body_s_paper_names_it_as_its_writer(line: str, author: str, byline: bool) -> None:
    text = f"# Keep the Allotments\n\n{line}\n\nThe council proposes to sell the site. We ask it not to.\n"
    doc = parse_document("site.md", text)
    assert doc.author == author
    assert (doc.passages[0].paragraph == 0) is byline
    assert any("ask it not to" in p.text for p in doc.passages if p.paragraph > 0)
