"""Answering questions: citations, metadata questions, off-topic honesty, bad input, quality."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app.render import render_answer
from bot.core.search.evaluate import evaluate, load_eval
from bot.core.search.retrieval import MAX_QUESTION_CHARS, QuestionError

REPO = Path(__file__).resolve().parent.parent
SEED_DOC = "ukraine-standoff-diplomacy.txt"


def _seed_hits(answer):
    return [h for h in answer.hits if h.passage.document == SEED_DOC]


@pytest.mark.parametrize(
    ("question", "paragraph"),
    [
        ("What punishment has the US promised if Russia attacks again?", 2),
        ("Did Clinton and Yeltsin fight about this?", 6),
        ("When do the negotiations between American and Russian diplomats start?", 10),
        ("Is saving Ukraine worth a war with Russia?", 11),
    ],
)
def test_answers_cite_the_paragraph_that_answers(agora, question, paragraph):
    answer = agora.ask(question)
    assert answer.answered
    best = answer.hits[0]
    assert best.passage.document == SEED_DOC
    assert best.passage.paragraph == paragraph
    assert best.marked, "the answering sentence is marked"
    text = render_answer(answer)
    assert f"¶{paragraph}" in text
    assert "**" in text  # the marked sentence


def test_who_wrote_it_and_title_come_from_metadata(agora):
    author = agora.ask("who wrote this?")
    assert author.answered and author.about == "author"
    assert author.hits[0].passage.text.startswith("Daniel R. DePetris is a fellow")
    title = agora.ask("what's the headline of this piece?")
    assert title.answered and title.about == "title"
    assert title.hits[0].passage.text.startswith("Can the Ukraine Standoff be Solved Diplomatically?")
    assert "titled" in render_answer(title)


def test_off_topic_question_is_declined_honestly(agora):
    answer = agora.ask("anyone got a good banana bread recipe?")
    assert not answer.answered
    assert answer.confidence == "none"
    assert answer.nearest
    text = render_answer(answer)
    assert text.startswith("The reading doesn't cover that.")
    assert "Nearest topics" in text


def test_a_name_the_reading_never_mentions_is_not_answered(agora):
    answer = agora.ask("What did Zelensky say about the talks?")
    assert not answer.answered
    assert "The reading never mentions Zelensky." in answer.notes
    assert agora.ask("What did Putin say about NATO expansion?").answered  # names it does mention


def test_empty_and_huge_questions(agora):
    for empty in ("", "   \n\t "):
        with pytest.raises(QuestionError, match="empty"):
            agora.ask(empty)
    huge = "Why does Russia object to NATO expansion? " * 300
    assert len(huge) > 10_000
    answer = agora.ask(huge)
    assert len(answer.question) <= MAX_QUESTION_CHARS
    assert "only the first 1,000 were used" in answer.notes[0]
    assert answer.hits


def test_json_shape(agora):
    data = agora.ask("Why does Putin oppose NATO enlargement?").to_json()
    assert set(data) >= {"question", "answered", "passages"}
    first = data["passages"][0]
    assert set(first) >= {"document", "title", "paragraph", "text", "score"}
    assert first["title"] == "Can the Ukraine Standoff be Solved Diplomatically?"
    assert first["text"] in (REPO / "seeds" / SEED_DOC).read_text()  # exact text
    scores = [p["score"] for p in data["passages"]]
    assert scores == sorted(scores, reverse=True)


def test_retrieval_quality_does_not_regress(agora):
    """Guards the measured figures (see `agora eval`); the issue's targets are higher."""
    spec = load_eval(REPO / "eval" / "seed-article.json")
    result = evaluate("seed-article", spec, agora.snapshot.retriever)
    assert result.top1 >= 0.80
    assert result.hit3 >= 0.93
    assert result.rejection >= 0.75
    assert result.wrongly_rejected <= 0.05


def _agora(*args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path = REPO):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "LOG_LEVEL": "WARNING", **(env or {})},
        timeout=180,
        check=False,
    )


def test_cli_rejects_an_empty_question_with_exit_code_2():
    result = _agora("ask", "   ")
    assert result.returncode == 2
    assert "empty" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_answers_questions_from_stdin_as_json_lines(reading, tmp_path):
    env = {
        "SEEDS_DIR": str(reading.seeds_dir),
        "INDEX_DIR": str(reading.index_dir),
        "DATA_DIR": str(tmp_path),
    }
    stdin = "Who wrote this?\n\nhow do I reverse a list in python\n   \nWhy does Russia object to NATO?\n"
    result = _agora("ask", "--json", stdin=stdin, env=env)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]  # one per input line, in order
    assert [line["question"] for line in lines] == stdin.splitlines()
    assert [line["answered"] for line in lines] == [True, False, False, False, True]
    assert "error" in lines[1] and "error" in lines[3] and "error" not in lines[2]


def test_cli_builds_a_missing_index_and_says_so(tmp_path):
    env = {"SEEDS_DIR": str(REPO / "seeds"), "INDEX_DIR": str(tmp_path / "index"), "DATA_DIR": str(tmp_path)}
    result = _agora("ask", "Who wrote this?", env=env)
    assert result.returncode == 0, result.stderr
    assert "No index" in result.stderr and "Building" in result.stderr
    assert "DePetris" in result.stdout
    assert "¶14" in result.stdout


def test_cli_explains_an_empty_seeds_folder(tmp_path):
    (tmp_path / "seeds").mkdir()
    env = {"SEEDS_DIR": str(tmp_path / "seeds"), "INDEX_DIR": str(tmp_path / "index")}
    result = _agora("index", env=env)
    assert result.returncode == 1
    assert "has no .txt or .md files" in result.stderr
    assert "Traceback" not in result.stderr
