"""The reading parser: layouts, metadata, numbering, long paragraphs, bad files."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bot.core.reading.passages import (
    BYLINE,
    DISCLAIMER,
    LIST,
    QUOTE,
    ReadingError,
    load_reading,
    parse_document,
)
from bot.core.text.words import split_sentences

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "ukraine-standoff-diplomacy.txt"


def test_seed_article_one_paragraph_per_line():
    doc = parse_document(SEED.name, SEED.read_text())
    assert doc.title == "Can the Ukraine Standoff be Solved Diplomatically?"
    assert doc.tags == ("Opinion",)
    assert doc.author == "Daniel R. DePetris"
    lines = [ln for ln in SEED.read_text().splitlines()[1:] if ln.strip()]
    assert [p.text for p in doc.passages] == lines  # exact text, nothing lost, title excluded
    assert [p.paragraph for p in doc.passages] == list(range(1, len(lines) + 1))
    assert doc.passages[-2].kind == BYLINE
    assert doc.passages[-1].kind == DISCLAIMER
    assert all(p.kind == "body" for p in doc.passages[:-2])
    assert not any("| Opinion" in p.text for p in doc.passages)


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "Streets for Everyone\n\nBy Ana Ruiz\n\n"
        "Cities have spent decades widening roads in the hope of ending\n"
        "congestion, and every time the new lanes filled up within a few\n"
        "years. The lesson is old but keeps being forgotten.\n\n"
        "A better approach starts with the people who would walk or ride\n"
        "if the street felt safe, rather than with the cars already there,\n"
        "on a two-lane road with forty-\n"
        "two crossings and a self-\n"
        "  evident problem--\n"
        "Which nobody fixed.\n"
    )
    doc = parse_document("streets.txt", text)
    assert doc.title == "Streets for Everyone"
    assert doc.author == "Ana Ruiz"
    body = [p for p in doc.passages if p.kind == "body"]
    assert len(body) == 2
    assert body[0].text.startswith(
        "Cities have spent decades widening roads in the hope of ending congestion,"
    )
    assert "\n" not in body[0].text
    # a line broken at a word's own hyphen keeps the word whole; a dash stays a dash
    assert "with forty-two crossings and a self-evident problem-- Which nobody fixed." in body[1].text
    assert [p.paragraph for p in body] == [1, 2]
    assert doc.passages[0].kind == BYLINE and doc.passages[0].paragraph == 0


def test_markdown_headings_lists_and_markup():
    text = (
        "# Phones Away\n\n*By Sam Lee*\n\n"
        "Schools should act. Here is **why** it [matters](https://example.org).\n\n"
        "## The costs\n\n"
        "The costs show up in several places:\n\n"
        "- Shorter attention spans\n- Lost _teaching_ time\n\n"
        "> Quiet classrooms, loud corridors.\n\n"
        "1. Announce early\n2. Store phones all day\n"
    )
    doc = parse_document("phones.md", text)
    assert doc.title == "Phones Away"
    assert doc.author == "Sam Lee"
    texts = [p.text for p in doc.passages]
    assert "Schools should act. Here is why it matters." in texts
    assert not any(marker in t for t in texts for marker in ("**", "](", "# ", "_teaching_"))
    grouped = next(p for p in doc.passages if p.kind == LIST and "costs" in p.text)
    assert (
        grouped.text
        == "The costs show up in several places:\n• Shorter attention spans\n• Lost teaching time"
    )
    assert grouped.section == "The costs"
    assert any(p.kind == QUOTE and p.text == "Quiet classrooms, loud corridors." for p in doc.passages)
    assert any(p.kind == LIST and "Store phones all day" in p.text for p in doc.passages)
    assert "The costs" not in texts  # headings are section titles, not passages


def test_long_paragraph_split_into_overlapping_windows_without_loss():
    sentences = [f"Sentence number {i} talks about topic {i} at some length for the test." for i in range(60)]
    text = "Title line\n" + " ".join(sentences) + "\n"
    doc = parse_document("long.txt", text, max_tokens=80)
    parts = doc.passages
    assert len(parts) > 3
    assert {p.paragraph for p in parts} == {1}
    assert [p.part for p in parts] == list(range(1, len(parts) + 1))
    covered = set()
    for p in parts:
        covered.update(p.sentence_texts())
        assert p.text in text
    assert covered == set(sentences)
    for a, b in itertools.pairwise(parts):
        assert a.sentence_texts()[-1] == b.sentence_texts()[0]  # one sentence of overlap


def test_sentence_splitter_keeps_abbreviations_and_initials():
    text = (
        'Putin spoke on Dec. 23 about the U.S. Secretary of State. "Is anything unclear?" '
        "Daniel R. DePetris wrote it. The end."
    )
    assert split_sentences(text) == [
        "Putin spoke on Dec. 23 about the U.S. Secretary of State.",
        '"Is anything unclear?"',
        "Daniel R. DePetris wrote it.",
        "The end.",
    ]
    # "No." abbreviates "number" only before one; a FAQ's "No." answers its question
    faq = "Is it free? No. It costs a pound. See Federalist No. 78 and Sermon No. XIV."
    assert split_sentences(faq) == [
        "Is it free?",
        "No.",
        "It costs a pound.",
        "See Federalist No. 78 and Sermon No. XIV.",
    ]


def test_bad_files_are_named_and_the_rest_still_indexed(tmp_path):
    (tmp_path / "good.txt").write_text("A title\nA real paragraph of the reading.\n")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait\nDeuxi\xe8me ligne.\n".encode("latin-1"))
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "empty.txt").write_text("   \n\n")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not part of the reading, and said so
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (tmp_path / "saved.htm").write_text("<!DOCTYPE html><html><body><p>A page.</p></body></html>")
    game = b'[Event "Club night"]\r\n\r\n1. e4 {A king pawn opening.} e5 1-0\r\n'
    (tmp_path / "round5.pgn").write_bytes(game)
    reading = load_reading(tmp_path)
    assert [d.path for d in reading.documents] == ["good.txt", "round5.pgn"]  # text under any name
    problems = {p.path: p.reason for p in reading.problems}
    assert set(problems) == {"latin1.txt", "binary.md", "empty.txt", "notes.pdf", "photo.jpg", "saved.htm"}
    assert problems["notes.pdf"].startswith("is a PDF: save its text as a .txt file")
    assert problems["saved.htm"].startswith("is a web page")
    assert problems["photo.jpg"] == "is not a text file"
    assert "UTF-8" in problems["latin1.txt"]
    assert "binary" in problems["binary.md"]


def test_empty_or_missing_seeds_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ReadingError, match=r"no text files"):
        load_reading(tmp_path)
    with pytest.raises(ReadingError, match="does not exist"):
        load_reading(tmp_path / "nope")


def test_passage_ids_are_stable_and_content_based():
    first = parse_document(SEED.name, SEED.read_text())
    again = parse_document(SEED.name, SEED.read_text())
    assert [p.id for p in first.passages] == [p.id for p in again.passages]
    edited = SEED.read_text().replace("Nearly three months", "Almost three months")
    changed = parse_document(SEED.name, edited)
    assert changed.passages[0].id != first.passages[0].id
    assert [p.id for p in changed.passages[1:]] == [p.id for p in first.passages[1:]]


def test_an_italic_posted_by_line_is_the_byline_not_a_section():
    text = (
        "# Open the library on Sundays\n\n*Posted by Jane Marsh on 3 March 2024*\n\n"
        "The library is closed on the one day most families are free. That is a choice.\n\n"
        "## What it would cost\n\nOpening from noon to five would cost about £40,000 a year.\n"
    )
    doc = parse_document("library.md", text)
    assert (doc.author, doc.date) == ("Jane Marsh", "3 March 2024")
    body = [p for p in doc.passages if p.kind == "body"]
    assert [p.section for p in body] == [None, "What it would cost"]


def test_a_letter_closed_and_signed_in_one_paragraph_under_an_address_and_date():
    text = (
        "THE BRIDGE TOLL.\n\nSir,--The toll on the bridge should go, and go this year, for the reasons\n"
        "the Committee itself gave in its report of last spring.\n\n"
        "I am, Sir, yours faithfully,\nEDITH WARDLE.\n\n3, Mill Row, Castleford, June 5th, 1899.\n"
    )
    doc = parse_document("toll.txt", text)
    assert doc.date == "June 5th, 1899"
    # the close and the signature are one byline; the dateline says when, on its own
    assert [p.kind for p in doc.passages] == ["body", BYLINE, BYLINE]
    assert doc.passages[1].text == "I am, Sir, yours faithfully, EDITH WARDLE."
