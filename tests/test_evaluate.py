"""`agora eval --models a,b`: the side-by-side table (model-independent)."""

from __future__ import annotations

from bot.core.search.evaluate import EvalResult, side_by_side


def test_side_by_side_shows_each_model_s_figures_and_dashes_where_a_set_has_none():
    seed = EvalResult("seed", 60, 19, 0.9, 0.98, 0.94, 0.79, 0.033)
    weaker = EvalResult("seed", 60, 19, 0.85, 0.967, 0.9, 0.789, 0.05)
    pairs = EvalResult("pairs", 0, 0, 0.0, 0.0, 0.0, 1.0, 0.0, followups=5, followup_hit3=0.6)
    table = side_by_side({"all-MiniLM-L6-v2": [weaker, pairs], "all-mpnet-base-v2": [seed]})
    head, columns, *rows = table.splitlines()
    assert "all-MiniLM-L6-v2" in head and "all-mpnet-base-v2" in head
    assert columns.count("follow") == 2  # the follow-ups' column appears once any set has pairs
    seed_row = next(r for r in rows if r.startswith("seed"))
    minilm, mpnet = seed_row.split(" | ")[1:]
    assert minilm.split()[:2] == ["0.850", "0.967"] and mpnet.split()[:2] == ["0.900", "0.980"]
    pairs_row = next(r for r in rows if r.startswith("pairs"))
    minilm, mpnet = pairs_row.split(" | ")[1:]
    assert minilm.split() == ["-", "-", "-", "-", "0.600"]  # no questions: no top-1 to show
    assert mpnet.strip() == "-"  # the set was not run on this model


def test_an_answer_key_matches_the_passage_whatever_its_case() -> None:
    from bot.core.reading.passages import parse_document
    from bot.core.search.answer import Answer, Hit
    from bot.core.search.evaluate import _rank

    doc = parse_document("s.txt", "A TITLE\n\nBY HENRY T. COLLINGWOOD.\n\nThe shops should close at two.\n")
    hits = [Hit(p, 0.5) for p in reversed(doc.passages)]
    answer = Answer("Who wrote this?", True, hits, "high")
    assert _rank(answer, ["Henry T. Collingwood"]) == len(hits)  # the byline, in capitals, is last
    assert _rank(answer, ["close at two"]) == 1
    assert _rank(answer, ["open at two"]) is None


def test_an_answer_key_copied_from_a_markdown_table_row_matches_the_row_as_read() -> None:
    from bot.core.reading.passages import parse_document
    from bot.core.search.answer import Answer, Hit
    from bot.core.search.evaluate import _rank

    text = "# Fees\n\n| Item | Cost | Due |\n|---|---|---|\n| Lockers | £12 | May |\n| Trips | £40 | June |\n"
    doc = parse_document("f.md", text)
    hits = [Hit(p, 0.5) for p in doc.passages]
    answer = Answer("How much are trips?", True, hits, "high")
    row = next(rank for rank, h in enumerate(hits, 1) if "Trips" in h.passage.text)
    assert _rank(answer, ["Trips | £40 | June"]) == row
    assert _rank(answer, ["| Trips | £40 |"]) == row
    assert _rank(answer, ["Trips | £12"]) is None


def test_an_answer_key_copied_with_its_speaker_label_matches_that_speaker_s_turn() -> None:
    from bot.core.reading.passages import parse_document
    from bot.core.search.answer import Answer, Hit
    from bot.core.search.evaluate import _rank

    text = "ALICE: I beg to move the motion.\n\nBOB: I oppose it.\n\nALICE: Thanks.\n\nBOB: I beg to differ."
    doc = parse_document("t.txt", text)
    hits = [Hit(p, 0.5) for p in doc.passages]
    answer = Answer("Who moved the motion?", True, hits, "high")
    assert _rank(answer, ["ALICE: I beg to move"]) == 1
    assert _rank(answer, ["BOB: I beg to"]) == 4  # the words alone would match Alice's turn first
    assert _rank(answer, ["ALICE: I oppose it"]) is None


def test_an_answer_key_copied_with_a_mail_programs_entities_matches_the_text_as_read() -> None:
    from bot.core.reading.passages import parse_document
    from bot.core.search.answer import Answer, Hit
    from bot.core.search.evaluate import _rank

    text = "Notes\n\nThe survey was answered by 31 of the street&#8217;s 74 &quot;businesses&quot;.\n"
    doc = parse_document("n.txt", text)
    assert 'street’s 74 "businesses"' in doc.passages[-1].text  # the reader mends the characters
    answer = Answer("How many answered?", True, [Hit(p, 0.5) for p in doc.passages], "high")
    assert _rank(answer, ["answered by 31 of the street&#8217;s 74"]) == len(doc.passages)
    assert _rank(answer, ["answered by 32 of the street&#8217;s 74"]) is None


def test_an_answer_key_copied_with_markdowns_code_marks_matches_the_text_as_read() -> None:
    from bot.core.reading.passages import parse_document
    from bot.core.search.answer import Answer, Hit
    from bot.core.search.evaluate import _rank

    doc = parse_document(
        "CHANGELOG.md", "# Changelog\n\n- Use `--verify-all` to force a full checksum pass.\n"
    )
    answer = Answer("How?", True, [Hit(p, 0.5) for p in doc.passages], "high")
    assert _rank(answer, ["Use `--verify-all` to force a full checksum pass."]) is not None
    assert _rank(answer, ["Use `--verify-none` to force"]) is None
