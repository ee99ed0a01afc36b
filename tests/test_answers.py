"""Answering questions: citations, metadata questions, off-topic honesty, bad input, quality."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from bot.app.render import render_answer
from bot.core.reading.passages import Passage
from bot.core.search.about_document import place_hits
from bot.core.search.answer import MAX_QUESTION_CHARS, Hit, QuestionError, as_asked, plain_question
from bot.core.search.evaluate import evaluate, load_eval
from bot.core.search.index import build_from_seeds
from bot.core.search.intents import AFTER_THE_TEXT, CALL, calls_on, intent_of
from bot.core.search.rebuttal import reply_to
from bot.core.search.retrieval import HEADING_MARGIN, Retriever, is_fragment
from bot.core.text.words import content_terms

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


@pytest.mark.parametrize(
    "question",
    [
        "What punishment has the US promised if Russia attacks again?",
        "Did Clinton and Yeltsin fight about this?",
        "why does russia object to nato expansion?",
        "What is the capital of Australia?",
    ],
)
def test_a_question_typed_without_its_question_mark_gets_the_same_answer(agora, question):
    """Members type in a channel without a question mark: the words, not the mark, decide the answer."""
    marked, unmarked = agora.ask(question), agora.ask(question.rstrip("?"))
    assert unmarked.answered == marked.answered
    assert [h.passage.id for h in unmarked.hits] == [h.passage.id for h in marked.hits]
    assert unmarked.confidence == marked.confidence


def test_as_asked_adds_a_question_mark_only_where_none_ends_the_text():
    assert as_asked("whats the main argument") == "whats the main argument?"
    assert as_asked("whats the main argument  ") == "whats the main argument?"
    assert as_asked("Why?") == "Why?"
    assert as_asked("Tell me about the ferry.") == "Tell me about the ferry."
    assert as_asked("wow!") == "wow!"
    assert as_asked("") == ""


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


def test_a_question_beyond_the_metadata_is_not_answered_from_it(agora):
    # "when this was written" sounds like a question about the document; its focus is a minister
    answer = agora.ask("Who was prime minister when this was written?")
    assert answer.about is None
    assert not answer.answered
    assert agora.ask("Who is the author of this article?").about == "author"


def test_a_name_the_reading_never_mentions_is_not_answered(agora):
    answer = agora.ask("What did Zelensky say about the talks?")
    assert not answer.answered
    assert "The reading never mentions Zelensky." in answer.notes
    assert agora.ask("What did Putin say about NATO expansion?").answered  # names it does mention


def test_a_quantity_question_needs_a_figure_in_the_passage_found(agora):
    # the reading speaks of Russia's forces, never of its tanks: the nearest passage gives no figure
    answer = agora.ask("how many tanks does Russia have?")
    assert not answer.answered
    assert "The reading gives no figure for the number of tanks." in answer.notes
    assert render_answer(answer).splitlines()[1] == "The reading doesn't cover that."
    counted = agora.ask("How many troops has Russia massed near Ukraine?")  # "tens of thousands"
    assert counted.answered and counted.hits[0].passage.paragraph == 1


def test_names_the_reading_uses_in_another_form_are_known(agora):
    retriever = agora.snapshot.retriever
    # a first name before a surname the reading uses, a plural of a name it uses
    assert retriever.vocabulary.unknown_names("Did Joseph Biden warn the Ukrainians?") == []
    # a word the reading writes in lower case is no surname
    assert retriever.vocabulary.unknown_names("What does the Helsinki Security Charter say?") == [
        "Helsinki",
        "Charter",
    ]
    assert retriever.vocabulary.unknown_names("What did Volodymyr Zelensky say?") == ["Volodymyr", "Zelensky"]
    # the subject of a yes/no question: a thing the reading never speaks of is another subject
    assert retriever.vocabulary.unknown_subject("Are school uniforms a good idea?") == ["school", "uniforms"]
    assert retriever.vocabulary.unknown_subject("Is NATO expansion a threat to Russia?") == []


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
    # 4 of 60 here (3 on eval/seed-article.json's own reading): "how many soldiers has russia
    # got lined up …" is refused, the figure found counting "Russian forces", not soldiers
    assert result.wrongly_rejected <= 0.07


SHOW = """Harbour Radio, Episode 9: The Ferry Timetable

HOST: Good evening. Tonight the ferry timetable, with the skipper Ana Kerr.

ANA KERR: Glad to be here.

HOST: Ana, why does the winter ferry stop running before the last train arrives?

ANA KERR: The crew's hours. The law caps a shift at ten hours, and the first sailing
is at six, so the boat ties up at four whether the train is in or not.

HOST: And the callers who missed it last week?

ANA KERR: I spoke to two of them. They were angry, and they were right to be.

CALLER (Jo): I run the kiosk on the pier and I lose the evening trade all winter.

ANA KERR: Then tell the council. A second crew costs less than the kiosks lose.
"""


def _retriever_over(agora, tmp_path, name: str, text: str) -> Retriever:
    """A retriever over a reading of one file, `name`, holding `text`."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_text(text)
    index = build_from_seeds(seeds, agora.embedder, tmp_path / "index", progress=False).index
    return Retriever(index, agora.embedder)


def test_a_transcript_answers_with_the_answer_not_the_hosts_question(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "harbour.txt", SHOW)

    def ranked(question: str) -> list[str]:
        return [f"{h.passage.speaker} {h.passage.place}" for h in retriever.ask(question, k=3).hits]

    # The host's question shares the member's words; the skipper's turn after it answers.
    assert ranked("Why does the winter ferry stop before the last train?")[:2] == ["ANA KERR ¶4", "HOST ¶3"]
    # Asked what the host asked, the question itself stays before its answer.
    asked = ranked("What does the host ask Ana about the winter ferry?")
    assert asked.index("HOST ¶3") < asked.index("ANA KERR ¶4")
    # Asked how someone answered, the next speaker's turn after theirs.
    assert ranked("How does the skipper respond to the kiosk owner?")[0] == "ANA KERR ¶8"


CHAT = """12/03/2026, 19:04 - Coach Gareth: Two options for the tour: a £35 day trip or a £410 tournament.
12/03/2026, 19:06 - Dana Price: £410 is a lot for some families, just saying it so nobody else has to
12/03/2026, 19:09 - Coach Gareth: Fair point. The deposit would be £100 by April.
12/03/2026, 19:11 - Priya Nair: Is there any fundraising planned? We made £640 at the bag pack last year.
13/03/2026, 08:05 - Priya Nair: Completely agree with Dana on this ❤️
"""


def test_a_question_naming_a_speaker_is_answered_by_their_turn_not_one_naming_them(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "chat.txt", CHAT)
    best = retriever.ask("what did dana say about the cost").hits[0]
    # Priya's message names Dana in few words; Dana's own turn answers, inside the evening's exchange
    # (messages minutes apart are one passage: Dana is heard in it, though it is no one speaker's)
    assert best.passage.speaker != "Priya Nair"
    assert "Dana Price: £410 is a lot for some families" in best.passage.text


GARDEN = """On Keeping a Garden

Most of us buy vegetables without a thought for how they were grown. We take them as we take \
the weather, without asking where they came from.

What, then, should a careful cook do? First, grow one thing yourself, however small. Second, \
buy from a grower you can visit, and ask to see the beds.

The supermarket will not change, because it is paid to sell and not to teach. Who, then, will \
teach the children where their food comes from?

The school gardens will, if the council pays for them. A single bed of beans behind a \
classroom does more for a child's diet than any poster.
"""


def test_a_question_the_text_asks_itself_is_answered_by_what_follows_it(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "garden.txt", GARDEN)
    best = retriever.ask("What should a careful cook do?").hits[0]
    marked = [best.passage.sentence_texts()[i] for i in best.marked]
    assert best.passage.paragraph == 2 and "First, grow one thing yourself, however small." in marked
    # A paragraph ending on the question the member asks: the next paragraph answers it.
    hits = retriever.ask("Who will teach children where food comes from?").hits
    assert [h.passage.paragraph for h in hits[:2]] == [4, 3]


MARLOW_LIDO = """The Marlow Street Lido

The Marlow Street lido reopened in June after a three-year restoration, paid for by a community share \
offer that raised two hundred thousand pounds from nine hundred members.

The main pool is fifty metres long and two metres deep at the diving end. Children under twelve swim \
free; adults pay four pounds a session, or thirty pounds for a season ticket.

The changing rooms were rebuilt in timber, with lockers that take a one-pound coin. The old turnstile \
from 1936 still stands at the entrance, though it no longer turns.

Volunteers run the kiosk on summer weekends, selling tea and ice cream. The lido closes for the winter \
at the end of September and opens again in May.
"""


def test_a_question_about_what_the_passage_never_says_of_its_subject_is_refused(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "lido.txt", MARLOW_LIDO)
    assert retriever.calibration.focus_drop is not None
    # the paragraph on the pool answers on its subject, but never says whether it is heated
    heated = retriever.ask("Is the pool heated?")
    assert not heated.answered
    assert heated.notes[-1] == "The reading does not say: the passages closest to it never mention “heated”."
    assert not retriever.ask("Does the lido have lifeguards?").answered
    # what the reading says in other words still answers ("children under twelve swim free")
    for question in ("Do kids have to pay to swim?", "Is the lido open in winter?", "How deep is the pool?"):
        assert retriever.ask(question).answered, question


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
    assert "has no text files" in result.stderr
    assert "Traceback" not in result.stderr


LETTER = """A Letter on the Saturday Half-Holiday

Gentlemen,--I ask you to close your shops at two o'clock on Saturday afternoons, and to give \
your assistants the half of that day for their own.

A man is not a fixture of the shop, to be counted with the shelves and the gas-fittings, and the \
hours he sells you ought to leave him some that are his own.

I am, Gentlemen, your obedient servant,

HENRY T. COLLINGWOOD.

Bradwell, March 1873.
"""


def test_when_a_text_was_written_is_answered_by_the_line_that_dates_it(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "letter.txt", LETTER)
    for question in ("When was this letter written?", "What year was it written?"):
        answer = retriever.ask(question)
        assert answer.answered and answer.hits[0].passage.text == "Bradwell, March 1873.", question
    # a question about when something in the text happens is not about the writing
    assert retriever.ask("When should the shops close?").hits[0].passage.paragraph == 1


def test_a_text_that_states_no_date_never_gets_one(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "undated.txt", LETTER.rsplit("I am,", 1)[0])
    answer = retriever.ask("When was this letter written?")
    assert not any("1873" in h.passage.text for h in answer.hits)
    assert not (answer.answered and answer.confidence == "high")


AUDIO_GUIDE = """# Salt Works Museum — Audio Guide

Script version 3.2 · Recorded March 2025 · Narrator: Dr Ilse Marrack, Keeper of Collections

## Stop 1 — The Door

The stone lintel above you carries the date 1742. The works closed in 1938, in March.
"""


def test_when_a_text_was_made_is_answered_by_its_own_header_line(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "guide.md", AUDIO_GUIDE)
    answer = retriever.ask("when was this guide recorded")
    assert answer.answered and answer.hits[0].passage.text.startswith(
        "Script version 3.2 · Recorded March 2025"
    )


def test_when_a_periodical_came_out_is_answered_by_its_issue_line(agora, tmp_path):
    text = (
        "THE ASHBOURNE MONTHLY MAGAZINE.\n\nNo. CCXIV.  MARCH, 1874.  Price One Shilling.\n\n"
        "ON WALKING.\n\nBY A PEDESTRIAN.\n\nThere was a time when the gentleman who wished to see the "
        "country went out of his door and walked into it.\n\nWhat has destroyed it? The railway.\n"
    )
    retriever = _retriever_over(agora, tmp_path, "walk.txt", text)
    answer = retriever.ask("when was this published and in which issue")
    assert answer.answered and answer.hits[0].passage.text.startswith("No. CCXIV.")


LECTURE = """THE LABOURER'S HIRE.

Delivered before the Literary Society, Tadcaster, March 3, 1894.

I have been asked to speak on wages, and I shall speak plainly: the farms of this county pay less \
than the mills, and the difference is paid for by the labourer's children.

Where the work is held in Leeds the wage is higher, and the men who can go there do.
"""


def test_where_a_text_was_given_is_answered_by_its_occasion_line(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "lecture.txt", LECTURE)
    for question in ("Where was this lecture given?", "Where was it delivered?"):
        answer = retriever.ask(question)
        assert answer.answered and "Tadcaster" in answer.hits[0].passage.text, question
    # where a thing in the text happens is asked of the text
    assert "Leeds" in retriever.ask("Where is the wage higher?").hits[0].passage.text


LATE_BUS = """The Case for a Late Bus

By Jane Roe, councillor for Millbrook North

The last bus from the station leaves at ten, and the night shift at the hospital ends at eleven. \
Nurses walk home in the dark or pay for taxis they cannot afford.

A late bus would cost the council less than one new roundabout, and it would carry three hundred \
people a week.
"""


def test_a_byline_answers_only_questions_about_its_writer(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "late-bus.txt", LATE_BUS)
    # it shares the question's words ("councillor", "Millbrook"), not its answer
    for question in ("Who is the mayor of Millbrook?", "Which councillor chairs the Millbrook committee?"):
        answer = retriever.ask(question)
        assert not (answer.answered and answer.hits[0].passage.kind == "byline"), question
    writer = retriever.ask("Who is Jane Roe?")
    assert writer.answered and writer.hits[0].passage.kind == "byline"


LIDO = """# On Closing the Lido

The council proposes to close the Lido this winter and to fill the pool with earth.

The objection likely to be made is that the Lido loses money every winter, and that a town \
with potholes in every street cannot afford to heat an outdoor pool for a few hundred swimmers.

I answer that the loss is smaller than the council says. The swimming club pays for the \
heating, and the winter tickets cover the lifeguards.

Opponents of keeping it open make several arguments that deserve an answer:

- The changing rooms need a new roof.
- Few families swim in winter.

The roof was mended last spring at the club's own expense.

Winter swimming grows every year: last January two hundred children learned to swim there.
"""


def test_an_objection_the_author_answers_is_answered_by_the_reply(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "lido.md", LIDO)

    def first(question: str) -> str:
        return retriever.ask(question, k=3).hits[0].passage.text

    # The member raises the objection: the paragraph after it, which opens by replying, answers.
    assert first("Can a town with potholes afford to heat an outdoor pool?").startswith("I answer that")
    # Objections listed after a colon: the reply among the paragraphs after the list.
    assert first("Don't only a few families swim in the winter?").startswith("Winter swimming grows")
    # Asked what the objection is, the objection itself.
    assert first("What do opponents say about the cost of heating the pool?").startswith("The objection")


def test_a_reply_sets_out_no_objection_whatever_follows_it():
    def talk(*texts: str) -> list[Passage]:
        return [Passage(f"p{i}", "talk.txt", "Talk", None, i + 1, t) for i, t in enumerate(texts)]

    objection = "It will be said that the quarry will drive the summer visitors away."
    second = "To the second objection I give more weight, for water is not a matter of taste."
    for reply in (
        "I answer that the visitors come for six weeks and the quarrymen for fifty-two.",
        "To the first I answer that the visitors come for six weeks of the year.",
    ):
        passages = talk(objection, reply, second)
        # the reply keeps its own match, though the paragraph after it opens by replying to another
        assert reply_to(passages, 1) is None
    # an objection still hands its match to the paragraph that opens by replying to it
    assert reply_to(talk(objection, "I answer that the visitors come for six weeks."), 0) == ([1], True)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Who is giving this speech?", "author"),
        ("Who put this handbook together?", "author"),
        ("Who sent this letter?", "author"),
        ("Who sent the letter to the king?", None),  # a letter the reading speaks of
        ("Who put the chains on the pump?", None),
        # a judgment's author is its judge
        ("who was the judge in this case", "author"),
        ("Which judge heard it?", "author"),
        ("Who decided the appeal?", "author"),
        ("Who judged the baking contest?", None),
    ],
)
def test_who_gave_sent_or_prepared_this_asks_for_its_author(question, intent):
    assert intent_of(question) == intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("when and where was ruth ashdown's winter talk", "date"),
        ("When was the council's meeting?", "date"),
        ("when was the talk about bees", None),  # what it is about, not its date
        ("When was Ruth's mother born?", None),
    ],
)
def test_when_a_named_speakers_own_talk_was_asks_for_its_date(question, intent):
    assert intent_of(question) == intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Where was it given?", "place"),
        ("Where was the sermon preached?", "place"),
        ("Where was this letter written?", "place"),
        ("Where was the treaty signed?", None),  # a treaty the reading speaks of
        ("Where is the museum?", None),
    ],
)
def test_where_it_was_given_asks_about_the_document(question, intent):
    assert intent_of(question) == intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("When did this paper come out?", "date"),
        ("when did the report first appear", "date"),
        ("When did the river come out of its banks?", None),  # something the reading tells of
        ("When did it come out that the mayor knew?", None),
        ("when was this guide recorded", "date"),
        ("when was this syllabus last revised", "date"),
        ("when was the last of the three letters published", "date"),
        ("what day was this evidence session", "date"),
        ("when is the guest seminar session held", None),  # an event the text tells of
        ("when was the new pump delivered", None),
        ("what day was the meeting", None),
    ],
)
def test_when_a_text_came_out_asks_for_its_date(question, intent):
    assert intent_of(question) == intent


def test_where_it_was_given_is_answered_by_the_occasion_line():
    def passage(n: int, text: str) -> Passage:
        return Passage(
            id=f"p{n}",
            document="d.md",
            title="D",
            section=None,
            paragraph=n,
            text=text,
            sentences=((0, len(text)),),
        )

    body = passage(
        1, "It is not three years since the first picture theatre opened in this city, at Leicester."
    )
    occasion = passage(2, "(Read before the Women's Educational Union at Leicester, October 1911.)")
    hits = [Hit(body, 0.5, (0,))]
    placed = place_hits(hits, [], 3, [body, occasion])
    assert placed is not None and placed[0].passage is occasion and placed[1].passage is body
    dateline = passage(3, "Bradwell, March 1873.")
    assert place_hits(hits, [], 3, [body, dateline])[0].passage is dateline  # type: ignore[index]
    assert place_hits(hits, [], 3, [body, passage(4, "March 1873.")]) is None  # a date names no place


HANDBOOK = """# Riverside Garden Handbook

Prepared by the Garden Committee. Questions go to the plot coordinator, Anna Kowal.

## Plots

Plots are given out each February from the waiting list. The wait is about a year.

## Water

Water butts stand at the end of every row; hoses are not allowed in summer.
"""


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Who do I contact with questions?", "contact"),
        ("Where do I send my questions?", "contact"),
        ("How do I get in touch?", "contact"),
        ("How far can the missiles reach?", None),
        ("Who can a tenant call when the heating fails?", None),
    ],
)
def test_whom_to_contact_is_a_question_about_the_document(question, intent):
    assert intent_of(question) == intent


def test_whom_to_contact_is_answered_by_the_line_that_says_so(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "handbook.md", HANDBOOK)
    answer = retriever.ask("Who do I contact with questions?")
    assert answer.answered and "Anna Kowal" in answer.hits[0].passage.text
    # asked about something the reading never speaks of, the contact line is no answer by itself
    other = retriever.ask("Who do I contact about a parking fine?")
    assert not other.answered or "Anna Kowal" not in other.hits[0].passage.text


def test_what_the_writer_does_is_answered_by_the_lines_about_the_writer(agora, tmp_path):
    text = LATE_BUS.replace("By Jane Roe, councillor for Millbrook North", "By Jane Roe") + (
        "\nJane Roe taught nursing for twenty years and now sits on the council's transport board.\n"
    )
    retriever = _retriever_over(agora, tmp_path, "late-bus.txt", text)
    for question in ("What does the author do for a living?", "what's the writer's background?"):
        answer = retriever.ask(question)
        assert answer.answered and answer.hits[0].passage.text.startswith("Jane Roe taught"), question
    assert intent_of("Is the writer a journalist?") == "background"
    assert intent_of("Who wrote this?") == "author"


BATHS = """Save the Mill Street Baths

The council wants to sell the Mill Street baths and says it can do nothing else: the boiler \
has failed, and the council's budget for the building is spent.

Four hundred children learn to swim there every year, and the nearest other pool is an hour away.

We ask the councillors to mend the boiler before winter and to keep the baths open until a \
new pool is built.
"""


def test_what_the_writer_wants_someone_to_do_is_answered_by_the_call(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "baths.txt", BATHS)
    best = retriever.ask("What do the residents want the council to do?").hits[0].passage
    assert best.text.startswith("We ask the councillors")
    # "… should …" of the one asked is a call too; "I was asked" is none
    assert calls_on("What does she want the county to do?").search("The county should ban phones all day.")
    assert calls_on("What does he want us to do?") is None
    assert not CALL.search("I was asked, lastly, why a printer should meddle.")


def test_a_name_that_names_a_document_and_its_subject_stays_in_the_question(agora, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "hartley.txt").write_text(
        "On Mr. Hartley and the Bridge\n\nBy Ann Lowe\n\n"
        "The council's programme of repairs never reached the old bridge.\n\n"
        "Mr. Hartley wanted a toll on the bridge to pay for a new school on the hill.\n\n"
        "Many farmers thought Hartley unfair, since they cross the river every day.\n"
    )
    (seeds / "roads.txt").write_text(
        "On Country Roads\n\nBy Tom Reed\n\nThe county roads are narrow, and the hedges are high.\n\n"
        "Nobody has proposed anything for them in twenty years.\n"
    )
    index = build_from_seeds(seeds, agora.embedder, tmp_path / "index", progress=False).index
    answer = Retriever(index, agora.embedder).ask("What was Hartley's programme?")
    assert answer.hits[0].passage.text.startswith("Mr. Hartley wanted a toll")


def test_an_eval_sets_seeds_are_found_from_wherever_agora_eval_runs(tmp_path, monkeypatch):
    sets, readings = tmp_path / "eval" / "heldout", tmp_path / "eval" / "readings" / "letter"
    sets.mkdir(parents=True)
    readings.mkdir(parents=True)
    path = sets / "letter.json"
    path.write_text(json.dumps({"name": "letter", "seeds": "eval/readings/letter", "questions": []}))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert Path(load_eval(path)["seeds"]) == readings
    path.write_text(json.dumps({"name": "letter", "seeds": ["eval/readings/letter", "nowhere"]}))
    assert load_eval(path)["seeds"] == [str(readings), "nowhere"]  # what is nowhere stays as written


PAMPHLET = """---
title: "A Plea for Free Ferries"
author: "Ada Quill"
date: 1776
---

The ferry across the Wend should carry every passenger free, paid for by a toll on the bridge carts.

Ferrymen who take a fare slow every crossing, and the market suffers for it each week.
"""


def test_a_year_asked_about_needs_a_passage_of_that_year_unless_it_is_the_documents_own(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "pamphlet.md", PAMPHLET)
    assert retriever.ask("What did the writer want done about ferry fares in 1776?").answered
    refused = retriever.ask("What happened to the ferry fares in 1990?")
    assert not refused.answered and "The reading says nothing of 1990." in refused.notes


@pytest.mark.parametrize(
    ("question", "after"),
    [
        ("Did the farmers of the parish raise their wages after the sermon?", True),
        ("What did Arnold say in reply to this lecture?", True),
        ("What prosecutions happened right after this was written?", True),  # a note may tell
        ("What happened after the strike?", False),  # an event the text may tell
        ("What does the writer expect to happen after the change?", False),
    ],
)
def test_a_question_about_what_came_after_the_text(question, after):
    assert bool(AFTER_THE_TEXT.search(question)) is after


GUIDE = """Looking After a Cast-Iron Pan

Heat the pan slowly
Put the pan on a low flame for five minutes before you add any oil, so that the metal warms \
evenly and does not crack.

Clean it while it is warm
Scrape out what is left with a wooden spatula and rinse the pan with hot water. Soap is \
best avoided, and the pan must never soak in the sink.

Season the pan
Rub a thin film of vegetable oil over the whole pan and bake it upside down at 200 degrees for \
an hour. Do this again whenever food starts to stick.
"""


def test_a_bare_heading_is_not_the_answer_to_the_question_it_names(agora, tmp_path):
    # each step's name on a paragraph of its own: in sentence case, two read as text, not headings
    spaced = (
        GUIDE.replace("slowly\n", "slowly\n\n")
        .replace("warm\n", "warm\n\n")
        .replace("pan\nRub", "pan\n\nRub")
    )
    retriever = _retriever_over(agora, tmp_path, "guide.txt", spaced)
    fragments = [p.text for p in retriever.index.passages if is_fragment(p)]
    assert fragments == ["Heat the pan slowly", "Clean it while it is warm"]  # the last is a heading
    for question, answer in (
        ("How long should the pan warm up?", "low flame"),
        ("How hot should the pan get at first?", "low flame"),
        ("How do I clean it?", "Scrape out"),
    ):
        best = retriever.ask(question).hits[0]
        assert answer in best.passage.text, question


def test_a_call_for_something_the_reading_never_speaks_of_needs_a_confident_match(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "garden.txt", GARDEN)
    # "keep" and "chickens" are words the essay never uses: it proposes no such thing
    chickens = retriever.ask("Should schools keep chickens?")
    assert not chickens.answered
    assert "The reading never uses the words keep, chickens." in chickens.notes
    # the call it makes, asked in other words
    assert retriever.ask("Should the council pay for school gardens?").answered


CAFE = """# The Corner Café

## Opening hours

We are there from eight in the morning until six in the evening, every day but Monday.

## Prices

A pot of tea is two pounds and a slice of cake is three pounds.
"""


def test_a_heading_that_matches_the_question_puts_its_passage_first_among_the_near_best(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "cafe.md", CAFE)
    retriever.calibration = replace(retriever.calibration, heading_weight=0.3)  # as all-mpnet-base-v2's
    rows = {p.section: i for i, p in enumerate(retriever.index.passages) if p.section}
    hours, prices = rows["Opening hours"], rows["Prices"]
    asked = retriever._understand("When can I come in for a coffee?", None)
    q = retriever.embedder.encode_queries([asked.query])[0]
    blended = np.full(len(retriever.index.passages), -np.inf, dtype=np.float32)
    blended[prices], blended[hours] = 0.60, 0.55  # the prices passage first by its own words
    order = np.array([prices, hours])
    assert retriever._by_heading(asked, blended, order, q).tolist() == [hours, prices]
    # only among the near-best: a passage far below stays below, and only the order changes
    blended[hours] = 0.60 - 2 * HEADING_MARGIN
    assert retriever._by_heading(asked, blended, order, q).tolist() == [prices, hours]


WAGES = """On the Wages of the Mill Hands

A lecture delivered at the Mechanics' Institute.

The hands at the Aldgate Mill earn eighteen shillings a week, and the rent of a cottage in the \
town takes six of them.[1]

Cobbett said that a labourer's wage should keep his family in bread and meat, and the mill's \
wage keeps them in bread alone.[2]

I ask the owners to raise the wage by two shillings before the winter.

[Footnote 1: These figures are taken from the wage books of the Aldgate Mill, which the manager \
kindly allowed me to copy in May.]

[Footnote 2: See Cobbett, p. 12.]
"""


def test_a_footnote_that_says_something_answers_on_its_score(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "wages.txt", WAGES)
    notes = [p for p in retriever.index.passages if p.kind == "note"]
    assert len(notes) == 2  # the reading holds both footnotes, as notes
    # a footnote of a dozen words or more is scored as the body is; a bare reference falls behind
    behind = retriever._intent_boost(None)
    rows = {p.text[:12]: i for i, p in enumerate(retriever.index.passages) if p.kind == "note"}
    assert behind[rows["[Footnote 1:"]] == 0 and behind[rows["[Footnote 2:"]] < 0
    # where the lecturer's figures came from: the footnote saying so, not the paragraph they are in
    source = retriever.ask("Where did the lecturer get his figures for the wages?")
    assert source.answered and source.hits[0].passage.text.startswith("[Footnote 1:")
    # a bare reference ("See Cobbett, p. 12.") still gives way to the paragraph that says something
    cobbett = retriever.ask("What did Cobbett say a labourer's wage should do?")
    assert cobbett.hits[0].passage.kind != "note"


DECISION = """DECISION OF THE PARKING APPEALS TRIBUNAL

Case reference PAT/2025/0112

Appellant: Mr. Tobias Wendt (resident, 9 Orchard Row)
Respondent: Kelmere Borough Council
Heard at: Kelmere Town Hall, 4 March 2025
Adjudicator: Ms. J. Ferreira

SUMMARY

1. The adjudicator allows the appeal. The council's sign at the entrance to Orchard Row was hidden \
by a hedge for the whole of the period in which the penalty notices were issued.

REASONS

2. The council says that the restriction has been in force since 2019 and that residents know of it. \
That is not enough: a restriction is only enforceable where the signs tell a driver of it.
"""


def test_a_headers_facts_answer_on_their_score(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "decision.txt", DECISION)
    header = next(i for i, p in enumerate(retriever.index.passages) if p.text.startswith("Appellant:"))
    # (a run of field lines is read as a form's passage since d3d56b7, front matter before it: either way
    # one passage, no byline)
    assert retriever.index.passages[header].kind in ("front", "body")
    # the header's fields are no byline: they fall behind no paragraph that merely shares their words
    assert retriever._intent_boost(None)[header] == 0
    who = retriever.ask("who brought the appeal?", k=3)
    assert any(h.passage.text.startswith("Appellant: Mr. Tobias Wendt") for h in who.hits)


TRAVEL = """Notes from a Rail Tour

In Zürich we stayed two nights above the Café Odéon, where the rooms cost ninety francs and the \
breakfast was the best of the whole journey.

From there the sleeper ran overnight to Kraków, arriving at six in the morning in thick snow; \
the station buffet was the only place open.

Ålesund, on the Norwegian coast, was rebuilt in stone after the fire of 1904, which is why every \
street is in the same style.
"""


def test_a_member_typing_without_accents_or_apostrophes_gets_the_same_answer(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "tour.txt", TRAVEL)
    # the reading's "Zürich", "Café", "Ålesund" are the words a member types as "zurich", "cafe", "alesund"
    folded = ["zurich", "cafe", "odeon", "alesund", "strasse"]
    assert content_terms("Zürich Café Odéon Ålesund Straße") == folded
    assert retriever.vocabulary.unknown_names("Why does every street in Alesund look alike?") == []
    assert retriever.vocabulary.unknown_names("What was the weather like in Oslo?") == ["Oslo"]
    typed = retriever.ask("whats the cafe in zurich like", k=3)
    assert typed.answered and typed.hits[0].passage.text.startswith("In Zürich")
    late = retriever.ask("why doesnt every street in Alesund look different", k=3)
    assert late.answered and late.hits[0].passage.text.startswith("Ålesund")
    # chat spellings read as what they stand for; names and abbreviations stay
    assert plain_question("whats u think abt the sleeper, why doesnt it stop?") == (
        "what's you think about the sleeper, why doesn't it stop?"
    )
    assert plain_question("Did the U.S. embassy in Ur help?") == "Did the U.S. embassy in Ur help?"


JURY = """# Street lighting: the jury's report

## 5. Our recommendations

We recommend dimming residential street lights to thirty per cent between midnight and five in \
the morning, with a trial in two wards first.

## 6. Minority report

Five of us could not support any reduction in lighting on residential streets. If savings must \
be found, we would ask the council to look first at switching off decorative floodlighting on \
council buildings and at replacing the oldest lamps with LEDs.
"""


def test_the_view_of_those_a_section_speaks_for_is_in_that_section(agora, tmp_path):
    retriever = _retriever_over(agora, tmp_path, "jury.md", JURY)
    answer = retriever.ask("what does the minority think the council should switch off first?")
    # "6. Minority report" holds the minority's view: no "the reading does not give the view of …"
    assert answer.answered and answer.hits[0].passage.section == "6. Minority report"
