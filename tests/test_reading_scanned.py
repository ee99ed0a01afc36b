"""A printed page as OCR gives it back: specks, ligatures, broken words, 'lt' for 'It'."""

from __future__ import annotations

from pathlib import Path

from bot.core.reading.passages import parse_document
from bot.core.reading.scanned import cleaned_lines, unligatured

SCAN = Path(__file__).parent / "data" / "exports" / "hospital-scan.txt"


def test_a_scanned_report_reads_as_its_paragraphs() -> None:
    doc = parse_document("report.txt", SCAN.read_text(encoding="utf-8"))
    texts = [p.text for p in doc.passages]
    first, second, third, fourth = texts
    # the speck's line between two paragraphs is the gap it sat in; "lt" is "It"; "Hos-" / "pital" is whole
    assert first.endswith(
        "It has been a year of change, for on the 5th July 1948 the Hospital passed into "
        "the hands of the Minister, and this is the third report made since that time."
    )
    assert second.startswith("The number of patients admitted") and "proved its worth; 209 patients" in second
    assert "I am sure all will wish her every success." in third
    assert (
        third.startswith("Miss A. Pengelly") and doc.passages[2].section == "STAFF"
    )  # "~" no longer hides it
    assert fourth.endswith("a new floor for the day room.")  # the ligature is its letters


def test_a_hyphen_the_text_writes_stays_and_prose_is_untouched() -> None:
    lines = [
        "It was a well-",
        "known fact, and the well-known",
        "inn was shut.",
        "l think so.",
        "The Lt. said.",
    ]
    assert cleaned_lines(lines) == [*lines[:3], "I think so.", "The Lt. said."]
    assert unligatured("ﬁne ﬂour\u00ad") == "fine flour"
