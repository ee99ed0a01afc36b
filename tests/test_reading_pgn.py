"""A chess game's record (PGN) reads as the annotated game: its facts, and each comment with its move."""

from __future__ import annotations

from bot.core.reading.passages import parse_document
from bot.core.reading.pgn import is_pgn

GAME = (
    '[Event "Fenbridge Club Championship"]\r\n'
    '[Site "Fenbridge Library"]\r\n'
    '[Date "2026.02.03"]\r\n'
    '[Round "4"]\r\n'
    '[White "Quayle, Rosamund"]\r\n'
    '[Black "Oduya, Peter"]\r\n'
    '[Result "1-0"]\r\n'
    '[WhiteElo "1650"]\r\n'
    '[Opening "French Defence"]\r\n'
    '[TimeControl "3600+15"]\r\n'
    '[Annotator "Lund, Harriet"]\r\n'
    "\r\n"
    "{Notes for the club's web page. Rosamund's first win against a\r\n"
    "stronger player.} 1. e4 e6 2. d4 d5 3. e5 c5 4. c3 Nc6 5. Nf3 Qb6 6. a3 {The\r\n"
    "main line, stopping a check on b4.} 6... c4 7. Nbd2 Na5 8. Be2 Bd7 9. O-O h6?!\r\n"
    "{Too slow: Black had to get his king out of the centre.} (9... O-O-O {was\r\n"
    "usual.} 10. Re1) 10. Ne1 $1 {[%clk 0:41:12] The knight heads for g3 via f3? No:\r\n"
    "for the f-pawn's advance.} 10... Ne7 11. f4 g6 12. Ndf3 Nf5 13. g4 Ng7 14. f5\r\n"
    "gxf5 15. gxf5 Nxf5 16. Rxf5 $3 exf5 17. Qa4 1-0\r\n"
)


def test_a_pgn_record_is_recognised_by_its_tags_and_moves() -> None:
    assert is_pgn(GAME.replace("\r\n", "\n"))
    assert not is_pgn("White: the side that moves first.\nBlack: the other.\n1. Learn the moves.\n")
    quiz = '[Event "Quiz night"]\n[Venue "The Bell"]\n[Date "2026.02.03"]\n\nQuestions at eight.\n'
    assert not is_pgn(quiz)


def test_a_game_reads_as_its_facts_and_its_comments_each_with_its_move() -> None:
    doc = parse_document("round4.pgn", GAME)
    texts = [p.text for p in doc.passages]
    # the annotator is the author, the game's date the document's; the title names the players
    assert doc.author == "Harriet Lund"
    assert doc.date == "3 February 2026"
    assert "Rosamund Quayle v Peter Oduya" in doc.title and "Fenbridge Club Championship" in doc.title
    facts = texts[0]
    assert "Quayle, Rosamund (White, 1650) v Oduya, Peter (Black)" in facts
    assert "Result: 1-0, White won." in facts
    assert "Date: 2026.02.03 (3 February 2026)" in facts
    assert "Time control: 3600+15 (60 minutes, plus 15 seconds a move)" in facts
    assert "Played at Fenbridge Library" in facts and "round 4" in facts
    # the game's opening comment comes first; every other comment is led by its move, wrapped lines
    # joined; a comment of a few words is read with the next one
    notes = " ".join(texts[1:])
    assert texts[1].startswith(
        "Notes for the club's web page. Rosamund's first win against a stronger player. "
    )
    assert "6. a3: The main line, stopping a check on b4." in notes
    # a move's mark in words, and the variation after the comment in the same paragraph
    assert (
        "9... h6 (a dubious move): Too slow: Black had to get his king out of the centre. "
        "Instead of 9... h6, 9... O-O-O was usual. 10. Re1"
    ) in notes
    # clock marks go; a "$1" is a good move
    assert "10. Ne1 (a good move): The knight heads for g3 via f3? No: for the f-pawn's advance." in notes
    assert all(len(t.split()) >= 40 for t in texts[1:-1])  # no fragment alone but the last
    # the move list alone is never a passage
    assert "Ndf3" not in notes and "Rxf5" not in notes
    assert not any(p.speaker for p in doc.passages)
    # the same record under another name reads the same
    assert [p.text for p in parse_document("round4.txt", GAME).passages] == texts


def test_several_games_in_one_file_are_a_section_each() -> None:
    second = GAME.replace("Quayle, Rosamund", "Brand, Tobias").replace('"4"', '"5"')
    doc = parse_document("club.pgn", GAME + "\r\n" + second)
    assert doc.title == "Fenbridge Club Championship"
    sections = [p.section for p in doc.passages]
    assert sections[0] == "Rosamund Quayle v Peter Oduya (round 4)"
    assert sections[-1] == "Tobias Brand v Peter Oduya (round 5)"
    assert sum("Result: 1-0, White won." in p.text for p in doc.passages) == 2
