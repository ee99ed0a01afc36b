"""Uploaded readings: the same passages as the seeds folder, previews, and hostile files refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pdf_files import bomb_pdf, make_pdf, page_stream

from bot.core.reading.passages import load_reading
from bot.core.readings.draft import Upload, read_uploads
from bot.core.readings.sniff import Refused, sniff
from bot.core.readings.worker import Limits

REPO = Path(__file__).resolve().parent.parent
READINGS = REPO / "eval" / "readings"


@pytest.mark.parametrize(
    "path",
    [
        READINGS / "hardwrapped" / "paint-is-not-protection.txt",
        READINGS / "common-sense" / "common-sense-introduction-and-chapter-1.md",
        REPO / "tests" / "data" / "zeppelin-log.txt",
    ],
    ids=["hard-wrapped", "markdown", "long-paragraph"],
)
def test_an_upload_gives_the_passages_of_the_seeds_folder(tmp_path, path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(path, seeds / path.name)
    from_folder = load_reading(seeds).passages
    draft = read_uploads("r", [Upload(path.name, path.read_bytes())])
    assert [p.to_json() for p in draft.passages] == [p.to_json() for p in from_folder]


def test_preview_of_a_hard_wrapped_essay(tmp_path):
    path = READINGS / "hardwrapped" / "paint-is-not-protection.txt"
    preview = read_uploads("paint", [Upload(path.name, path.read_bytes())]).preview()
    assert preview.documents[0]["title"] == "Paint Is Not Protection: The Case for Real Bike Lanes"
    assert preview.paragraphs > 5
    assert len(preview.samples) == 3 and all(s.startswith("¶") for s in preview.samples)
    assert "hard-wrapped lines joined into paragraphs" in preview.warnings
    assert preview.words == len(path.read_text().split())


def test_preview_names_long_paragraphs_split():
    path = READINGS / "liberty" / "on-liberty-chapter-2.txt"
    preview = read_uploads("z", [Upload(path.name, path.read_bytes())]).preview()
    assert any("longer than the model reads at once split" in w for w in preview.warnings)


def test_a_pdf_with_a_text_layer_and_a_page_without():
    para_one = [
        "Liberty of thought and discussion is the first of the liberties, for without",
        "it no other freedom can be defended or even named by those who would keep it.",
        "A short closing line.",
    ]
    para_two = [
        "The second paragraph goes on to the next page of the document and is con-",
        "tinued here with a hyphenated word that must be joined back into one.",
    ]
    pdf = make_pdf([page_stream(para_one), None, page_stream(para_two)], title="On Thought")
    draft = read_uploads("thought", [Upload("thought.pdf", pdf)])
    texts = [p.text for p in draft.passages]
    assert any(t.startswith("Liberty of thought") and t.endswith("closing line.") for t in texts)
    assert any("continued here" in t for t in texts)
    preview = draft.preview()
    assert "PDF page 2 has no text layer" in preview.warnings
    assert preview.documents[0]["title"] == "On Thought"


def test_a_web_page_becomes_sections_and_paragraphs():
    html = b"""<!DOCTYPE html><html><head><title>Walking</title>
    <meta name="author" content="Henry David Thoreau"></head><body>
    <nav><a href="/">Home</a></nav>
    <h1>Walking</h1><p>I wish to speak a word for Nature, for absolute freedom and wildness.</p>
    <h2>The Art of Walking</h2><p>I have met with but one or two persons in the course of my life
    who understood the art of Walking.</p><ul><li>1. sauntering, from the Holy Land</li></ul>
    <footer>Copyright notice</footer></body></html>"""
    draft = read_uploads("walking", [Upload("walking.html", html)])
    doc = draft.documents[0]
    assert doc.title == "Walking" and doc.author == "Henry David Thoreau"
    texts = [p.text for p in draft.passages]
    assert not any("Home" in t or "Copyright" in t for t in texts)
    art = next(p for p in draft.passages if p.text.startswith("I have met"))
    assert art.section == "The Art of Walking"


def test_a_news_pages_article_is_read_without_its_sites_furniture():
    page = (Path(__file__).parent / "data" / "webcopy" / "news-page.html").read_bytes()
    draft = read_uploads("lido", [Upload("lido.html", page)])
    doc = draft.documents[0]
    assert doc.title == "Lido to reopen after £3m repair"  # the headline, not "… | Fenmouth Gazette"
    assert doc.author == "Priti Sandhu"
    texts = [p.text for p in draft.passages]
    assert (
        texts[-1]
        == "The pool will be heated to 24C for the first time, using solar panels on the changing rooms."
    )
    joined = "\n".join(texts)
    for furniture in (
        "cookies",
        "Share on",
        "Related stories",
        "Pier cafe",
        "newsletter",
        "Most read",
        "Sport",
        "©",
    ):
        assert furniture not in joined  # banner, sharing, related links, sign-up, menu, footer


# --------------------------------------------------------------------------- hostile files


def test_a_zip_bomb_pdf_is_refused():
    with pytest.raises(Refused, match=r"decompression bomb|more than Agora reads"):
        read_uploads("bomb", [Upload("bomb.pdf", bomb_pdf())])


def test_a_zip_bomb_pdf_is_refused_by_the_memory_cap_too():
    with pytest.raises(Refused, match=r"memory|decompression bomb"):
        read_uploads("bomb", [Upload("bomb.pdf", bomb_pdf())], limits=Limits(memory=64 * 1024 * 1024))


def test_a_50_mb_file_is_refused_before_it_is_read():
    with pytest.raises(Refused, match=r"50 MB; the limit is 10 MB"):
        read_uploads("big", [Upload("big.txt", b"word " * (10 * 1024 * 1024))])


def test_a_pages_scripts_are_left_out_and_said_so():
    # a page saved from a browser carries scripts: its text as saved is read, nothing is run or kept
    page = (
        b"<html><body><article><h1>The mill turns again</h1><p>Read me.</p>"
        b"<script>document.write('Injected words')</script>"
        b'<p onclick="steal()">The pond was dredged in <a href="javascript:go()">May</a>.</p>'
        b"<iframe src='https://ads.example'></iframe></article></body></html>"
    )
    draft = read_uploads("s", [Upload("page.html", page)])
    texts = " ".join(p.text for p in draft.passages)
    assert "Read me." in texts and "The pond was dredged in May." in texts
    assert "Injected" not in texts and "steal" not in texts and "javascript" not in texts
    assert any("has scripts" in w for w in draft.preview().warnings)
    plain = read_uploads("p", [Upload("plain.html", b"<html><body><p>Read me.</p></body></html>")])
    assert not any("scripts" in w for w in plain.preview().warnings)


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("essay.pdf", b"Just some text pretending.\n", "named as a PDF but is a text file"),
        ("essay.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "is a PNG image"),
        ("essay.txt", make_pdf([page_stream(["Hello there."])]), "named as a text file but is a PDF"),
        ("essay.md", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "is a web page"),
        ("essay.docx", b"PK\x03\x04rest", "is a ZIP archive"),
        ("photo.heic", b"\x00\x00\x00\x18ftypheic" + b"\0" * 32, "binary file"),
        ("notes.dat", "Café au lait.".encode("latin-1") + b" " * 40, "not a text file"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(name, data, said):
    with pytest.raises(Refused, match=said):
        sniff(name, data)


def test_a_text_file_under_a_name_agora_does_not_know_is_read():
    """A chess club's game (.pgn) or a .rst is text: its bytes decide, not its name."""
    game = (
        b'[Event "Club Championship, Round 5"]\r\n[White "Okafor, Ben"]\r\n[Black "Lind, Marta"]\r\n\r\n'
        b"1. e4 c5 2. Nf3 {The Sicilian, which Marta has played all season.} d6 3. d4 cxd4\r\n"
        b"4. Nxd4 Nf6 5. Nc3 a6 {The Najdorf: Black keeps the b5 square covered.} 1-0\r\n"
    )
    draft = read_uploads("g", [Upload("round5.pgn", game)])
    texts = " ".join(p.text for p in draft.passages)
    assert "The Najdorf: Black keeps the b5 square covered." in texts
    assert sniff("notes.rst", b"Notes\n=====\n\nA paragraph.\n").kind == "text"


@pytest.mark.parametrize("data", [b"", b"  \n\n\t "])
def test_an_empty_file_is_refused(data):
    with pytest.raises(Refused, match="is empty"):
        read_uploads("e", [Upload("empty.txt", data)])


def test_a_scan_without_text_is_refused():
    with pytest.raises(Refused, match="no text layer"):
        read_uploads("scan", [Upload("scan.pdf", make_pdf([None, None]))])


def test_a_file_that_takes_too_long_is_given_up():
    with pytest.raises(Refused, match="took longer than"):
        read_uploads("slow", [Upload("a.txt", b"Some text.\n")], limits=Limits(seconds=0.01))


def test_one_bad_file_refuses_the_whole_reading():
    good = Upload("good.txt", b"A fine paragraph of text.\n\nAnother one.\n")
    with pytest.raises(Refused, match="empty"):
        read_uploads("two", [good, Upload("bad.txt", b"")])


def test_not_utf8_is_refused_with_the_offset():
    with pytest.raises(Refused, match="not UTF-8 text"):
        read_uploads("latin", [Upload("latin.txt", "Café au lait.".encode("latin-1"))])
