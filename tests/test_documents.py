"""Several documents as one reading: named documents, summaries, /source choices, citations."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from bot.app import handlers
from bot.app.handlers import Services
from bot.app.service import Agora, AmbiguousParagraph
from bot.core.search.summary import is_summary_question
from bot.core.storage.store import Store
from bot.settings import Settings

READINGS = Path(__file__).resolve().parent.parent / "eval" / "readings"
FEDERALIST = "federalist-78-judiciary-department.txt"
PAINE = "common-sense-introduction-and-chapter-1.md"


@pytest.fixture(scope="module")
def two_essays(embedder, tmp_path_factory) -> Agora:
    """Federalist 78 (hard-wrapped) and Common Sense (Markdown) indexed as one reading."""
    root = tmp_path_factory.mktemp("two-essays")
    seeds = root / "seeds"
    seeds.mkdir()
    shutil.copy(READINGS / "federalist" / FEDERALIST, seeds)
    shutil.copy(READINGS / "common-sense" / PAINE, seeds)
    settings = Settings(seeds_dir=seeds, index_dir=root / "index", data_dir=root / "data")
    service = Agora(settings, load_embedder=lambda _name: embedder)
    service.prepare(progress=False)
    return service


@pytest.mark.parametrize(
    ("question", "document", "start"),
    [
        ("what's Hamilton's bottom line?", FEDERALIST, "Upon the whole"),
        ("according to Paine, what is government for?", PAINE, None),
        ("who wrote Common Sense?", PAINE, "by Thomas Paine"),
        ("in the Federalist paper, who is meant to keep the legislature in check?", FEDERALIST, None),
    ],
)
def test_a_question_naming_a_document_is_answered_from_it(two_essays, question, document, start):
    answer = two_essays.ask(question)
    assert answer.answered
    assert answer.documents == [document]
    assert all(h.passage.document == document for h in answer.hits)
    if start:
        assert answer.hits[0].passage.text.startswith(start)


@pytest.mark.parametrize("question", ["What does Hamilton propose?", "What is Hamilton's position?"])
def test_a_named_writer_s_stance_is_the_close_of_their_own_text(two_essays, question):
    # nothing is left to search for once the name is out: the named text's closing paragraphs answer
    answer = two_essays.ask(question)
    assert answer.answered and answer.documents == [FEDERALIST]
    rows = [p for p in two_essays.snapshot.index.passages if p.document == FEDERALIST and not p.is_meta]
    assert answer.hits[0].passage.paragraph in {p.paragraph for p in rows[-2:]}


def test_without_a_name_both_documents_compete(two_essays):
    answer = two_essays.ask("why should judges keep their offices during good behaviour?")
    assert answer.documents == []
    assert answer.hits[0].passage.document == FEDERALIST


def test_summary_of_one_document_is_its_thesis_and_conclusion(two_essays):
    answer = two_essays.ask("tl;dr of Common Sense?")
    assert answer.answered and answer.about == "summary"
    thesis, conclusion, *_ = answer.hits
    assert {h.passage.document for h in answer.hits} == {PAINE}
    body = [p for p in two_essays.snapshot.index.passages if p.document == PAINE and p.kind == "body"]
    assert thesis.passage.paragraph <= body[len(body) // 3].paragraph  # from the opening third
    assert conclusion.passage.text.startswith(
        "An inquiry into the constitutional errors"
    )  # the last paragraph
    assert thesis.marked  # the sentence that carries it is marked, like any answer


def test_summary_of_the_whole_reading_covers_each_document(two_essays):
    answer = two_essays.ask("what is this reading about?")
    assert answer.about == "summary"
    assert {h.passage.document for h in answer.hits[:2]} == {FEDERALIST, PAINE}
    assert all(h.passage.kind == "body" for h in answer.hits)


def test_source_offers_the_choices_when_several_documents_have_the_paragraph(two_essays, tmp_path):
    with pytest.raises(AmbiguousParagraph) as raised:
        two_essays.passage(5)
    assert {path for path, _ in raised.value.choices} == {FEDERALIST, PAINE}
    hits, _ = two_essays.passage(5, "federalist")
    assert hits[0].document == FEDERALIST
    hits, _ = two_essays.passage(30)  # only Common Sense has a ¶30
    assert hits[0].document == PAINE

    store = Store(tmp_path / "state.sqlite3")
    try:
        services = Services(two_essays, store)
        console = asyncio.run(handlers.handle_source(services, 5, console=True)).content
        discord = asyncio.run(handlers.handle_source(services, 5)).content
        chosen = asyncio.run(handlers.handle_source(services, 5, "common sense")).content
    finally:
        store.close()
    for text in (console, discord):
        assert "Several documents have a ¶5" in text
        assert "The Federalist No. 78: The Judiciary Department" in text and "Common Sense" in text
    assert "`/source 5 " in console and "`/source paragraph:5 document:" in discord
    assert chosen.startswith("**Common Sense, ¶5**")


def test_answers_and_counterpoints_name_their_document(two_essays):
    answer = two_essays.ask("why is government a necessary evil?")
    assert answer.hits[0].passage.citation.startswith("Common Sense › ")
    prompt = {
        "question": "Is government a necessary evil?",
        "quote": "Society in every state is a blessing",
        "title": "Common Sense",
        "paragraph": 10,
        "counterpoint": {
            "text": "The judiciary is the least dangerous branch.",
            "title": "The Federalist",
            "paragraph": 8,
        },
        "angles": {"against": "“The judiciary is the least dangerous branch.” (¶8)"},
    }
    shown = handlers.render_prompt(prompt)
    assert "**The other side** (The Federalist, ¶8)" in shown  # another document: cited with its title
    assert shown.count("least dangerous branch") == 1  # the against angle is the counterpoint: once


def test_a_one_clause_answer_in_a_long_paragraph_is_found_and_marked(two_essays):
    answer = two_essays.ask("can representatives override the constitution whenever most voters want it?")
    best = answer.hits[0]
    paragraph = "".join(
        p.text for p in two_essays.snapshot.index.passages if p.paragraph == best.passage.paragraph
    )
    assert best.passage.document == FEDERALIST and len(paragraph) > 2000
    marked = [best.passage.sentence_texts()[i] for i in best.marked]
    assert any("momentary inclination happens to lay hold of a majority" in s for s in marked)


@pytest.mark.parametrize(
    ("question", "whole"),
    [
        ("What is he asking for?", True),
        ("What does she want?", True),
        ("what is the letter asking for?", True),
        ("What does Paine argue?", True),
        ("What does she want the county to do?", False),  # narrowed: a passage answers
        ("What do the critics want?", False),  # someone else's case, not the writer's
        ("what is this essay about?", True),
        ("What is the swimming comparison about?", False),  # one passage's subject, not the text's
    ],
)
def test_asking_what_the_writer_wants_is_asking_for_the_whole_case(question, whole):
    assert is_summary_question(question) is whole


def test_a_writer_is_named_by_a_first_name_only_where_it_names_one_writer():
    from bot.core.reading.documents import DocumentNames

    docs = [
        {"path": "a.md", "title": "Let the Mast Go Up", "author": "Helen Marchetti"},
        {"path": "b.md", "title": "Not on Our Tower", "author": "Dr Thomas Farrow"},
        {"path": "c.md", "title": "A Third Way", "author": "Thomas Sheikh"},
        {"path": "d.md", "title": "A Fourth Way", "author": "Dylan Helen"},
        {"path": "e.md", "title": "Keep the Week", "author": "Parents for Full Weeks"},
        {"path": "f.md", "title": "Open the Shed", "author": "Northgate Community Tool Library"},
    ]
    named = _named_by(docs)
    assert named("Is it a health risk, in Helen's view?") == ["d.md"]  # a surname: not a first name
    assert named("What does Thomas think of the lease?") == []  # two writers are called Thomas
    assert named("How will Farrow vote?") == ["b.md"]
    assert named("What does Dylan propose?") == ["d.md"]
    assert named("What does Dr think?") == []  # a title is no first name
    assert named("What do the parents want?") == []  # a body's name, not a person's
    assert named("Is Northgate short of volunteers?") == []
    alone = DocumentNames(docs[:3], lambda _word: set())
    assert [m.document for m in alone.mentions("Is it a health risk, in Helen's view?")] == ["a.md"]


def test_a_speaker_is_named_by_a_word_of_the_label_that_names_one_speaker():
    from bot.core.reading.transcript import named_speakers, speaker_names

    names = speaker_names(["HOST", "DR CLARA LINDQVIST", "OWEN PRICE", "CALLER (Denise)", "CLARA BOYD"])
    assert named_speakers("Are stoves cleaner, according to Lindqvist?", names) == {"DR CLARA LINDQVIST"}
    assert named_speakers("Would Owen's customers go cold?", names) == {"OWEN PRICE"}
    assert named_speakers("What did Denise say?", names) == {"CALLER (Denise)"}
    assert named_speakers("What does Clara think?", names) == set()  # two speakers are called Clara
    assert named_speakers("What does the host ask first?", names) == set()  # a part, not a name


def test_a_writer_who_answers_another_is_the_one_the_question_asks_about():
    from bot.core.reading.documents import DocumentNames, responding

    docs = [
        {"path": "a.md", "title": "Let Teenagers Sleep", "author": "Marta Kowalczyk"},
        {"path": "b.md", "title": "A Reply to Both Sides", "author": "Aisha Rahman"},
    ]
    names = DocumentNames(docs, lambda _word: set())

    def scoped(question: str) -> list[str]:
        return [m.document for m in responding(question, names.mentions(question))]

    assert scoped("Does Rahman agree with Marta about sleep?") == ["b.md"]
    assert scoped("What does Kowalczyk make of Rahman's figures?") == ["a.md"]
    assert sorted(scoped("Who is right, Rahman or Kowalczyk?")) == ["a.md", "b.md"]  # both asked about


def test_a_document_is_named_by_its_place_among_several():
    from bot.core.reading.documents import DocumentNames

    docs = [
        {"path": "01-a.txt", "title": "Letters to the Editor", "author": "Ann Reeve"},
        {"path": "02-b.txt", "title": "Letters to the Editor", "author": "Bill Oduya"},
        {"path": "03-c.txt", "title": "Letters to the Editor", "author": "Cora Lind"},
    ]
    named = _named_by(docs)
    assert named("who wrote the first letter?") == ["01-a.txt"]
    assert named("what does the second letter propose") == ["02-b.txt"]
    assert named("when was the last of the three letters published?") == ["03-c.txt"]
    assert named("what does the third writer want done?") == ["03-c.txt"]
    assert named("what does the fifth letter say?") == []  # there are three
    # the place names the letter asked about; the writers named are what it speaks of
    assert named("does the last letter side with Reeve or Oduya?") == ["03-c.txt"]
    assert named("when is the final essay due?") == []  # "final" is not a place among documents
    one = DocumentNames(docs[:1], lambda _word: set())
    assert one.mentions("who wrote the first letter?") == []  # one document: nothing to choose


def _named_by(docs: list[dict[str, str]]):
    """The documents a question names, in a reading of `docs` (no text, so no title word is rare)."""
    from bot.core.reading.documents import DocumentNames

    names = DocumentNames(docs, lambda _word: set())
    return lambda question: [m.document for m in names.mentions(question)]
