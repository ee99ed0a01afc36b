"""Who takes which side, whom a text addresses, what a named person does: readings of several voices."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.reading.passages import Passage
from bot.core.search.index import build_from_seeds
from bot.core.search.intents import intent_of
from bot.core.search.retrieval import Retriever
from bot.core.search.sides import side_of, taking_side
from bot.core.search.summary import is_dispute_question, is_summary_question


def _passage(n: int, text: str, document: str = "d.md", speaker: str | None = None) -> Passage:
    return Passage(
        id=f"{document}:{n}",
        document=document,
        title=document,
        section=None,
        paragraph=n,
        text=text,
        sentences=((0, len(text)),),
        speaker=speaker,
    )


@pytest.mark.parametrize(
    ("question", "against", "subject"),
    [
        ("Who argues in favour of charging?", False, ("charg",)),
        ("Who is against the fee?", True, ("fee",)),
        ("Which writer opposes the ban?", True, ("ban",)),
        ("Who wants the mast?", False, ("mast",)),
    ],
)
def test_who_is_for_or_against_asks_for_a_side(question, against, subject):
    side = side_of(question)
    assert side is not None and side.against is against and side.subject == subject


@pytest.mark.parametrize(
    "question", ["Who wrote this?", "Who pays for the pump?", "Who benefits from the fee?"]
)
def test_other_who_questions_ask_for_no_side(question):
    assert side_of(question) is None


def test_sides_are_told_apart_by_the_writers_own_stance_sentences():
    pro = [
        _passage(1, "I have come, reluctantly, to believe that we should charge a small fee for new books."),
        _passage(
            2, "Critics say a fee should never be charged. I understand the worry."
        ),  # reported: no side
    ]
    con = [
        _passage(1, "The question of whether libraries should charge for new books sounds modest.", "b.md"),
        _passage(2, "I will vote no at the meeting, and I ask you to do the same.", "b.md"),  # a verdict
        _passage(3, "Keep the shelf free.", "b.md"),
    ]
    groups = {"a.md": pro, "b.md": con}
    favour, against = side_of("Who is in favour of charging?"), side_of("Who is against the fee?")
    assert favour is not None and against is not None
    assert [key for key, _ in taking_side(favour, groups)] == ["a.md", "b.md"]
    ranked = taking_side(against, groups)
    assert ranked[0][0] == "b.md" and ranked[0][1] is con[1]
    # a negation outside the stance's clause is no stance against: "… should be delayed if they aren't …"
    delayed = [_passage(1, "I'd say the ban should be delayed if the buses aren't running.", "c.md")]
    ban = side_of("Who supports the ban?")
    assert ban is not None
    assert taking_side(ban, {"c.md": delayed, "b.md": [_passage(1, "Build the buses first.", "b.md")]})[0][
        0
    ] == ("c.md")
    # writers that stand alike cannot be told apart
    assert taking_side(favour, {"a.md": pro[1:], "b.md": con[2:]}) == []


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("When and to whom was the talk given?", "audience"),
        ("Who is this essay addressed to?", "audience"),
        ("To whom was the lecture delivered?", "audience"),
        ("To whom does the money go?", None),
        ("What does Price do for a living?", "background"),
        ("What is Priya Luck's job?", "background"),
        ("What did Ellen Pryce-Maddox do before she retired?", "background"),
        ("What is the council's job?", None),
    ],
)
def test_whom_a_text_addresses_and_what_a_named_person_does_are_read_from_the_question(question, intent):
    assert intent_of(question) == intent


def test_what_the_writers_argue_about_is_a_question_of_its_own():
    for question in (
        "What question are the two essays arguing about?",
        "What are the letters arguing about?",
    ):
        assert is_dispute_question(question) and is_summary_question(question)
    assert not is_summary_question("What is the argument about the swimming comparison?")


FOR = """# Open the Pool in Winter

*By Ada Brennan*

I have taught swimming for twenty years, and I think the council should open the pool all winter.

The winter club already pays for the heating, and two hundred children learned to swim there last January.
"""

AGAINST = """# Close It When It Is Cold

*By Tom Hale*

The question is whether a town with potholes in every street should heat an outdoor pool.

I will vote no at the meeting. The heating bill was forty thousand pounds last winter, and the roof leaks.
"""

DEBATE = """Town Hour, the pool debate

HOST: Good evening. With me are Ada Brennan, who teaches swimming at the lido, and Tom Hale.

ADA BRENNAN: The pool should stay open all winter. Children need somewhere to learn.

TOM HALE: The heating bill was forty thousand pounds last winter. I will vote no.

HOST: Ada, what would you say to the people who pay that bill?

ADA BRENNAN: That two hundred children learned to swim there last January.

HOST: Is there anything you two agree on?

TOM HALE: I agree with Ada on this much: the changing rooms need a new roof before next winter.
"""


def _retriever(agora, tmp_path: Path, files: dict[str, str]) -> Retriever:
    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True)
    for name, text in files.items():
        (seeds / name).write_text(text)
    index = build_from_seeds(seeds, agora.embedder, tmp_path / "index", progress=False).index
    return Retriever(index, agora.embedder)


def test_who_is_for_or_against_is_answered_by_the_writer_taking_that_side(agora, tmp_path):
    retriever = _retriever(agora, tmp_path, {"a-for.md": FOR, "b-against.md": AGAINST})
    against = retriever.ask("Who is against opening the pool in winter?")
    assert against.answered and against.hits[0].passage.text.strip("*") == "By Tom Hale"
    favour = retriever.ask("Who wants the pool open in winter?")
    assert favour.answered and favour.hits[0].passage.text.strip("*") == "By Ada Brennan"
    assert favour.hits[1].passage.text.startswith("I have taught swimming")
    # the question in dispute: where each writer puts it
    dispute = retriever.ask("What are the two essays arguing about?")
    opening = {h.passage.text.split(",")[0] for h in dispute.hits[:2]}
    assert opening == {
        "I have taught swimming for twenty years",
        "The question is whether a town with potholes in every street should heat an outdoor pool.",
    }
    # what a named writer does: her own words about it, in her own document
    job = retriever.ask("What does Ada Brennan do for a living?")
    assert job.answered and job.hits[0].passage.text.startswith("I have taught swimming")


def test_where_a_speaker_stands_and_where_the_speakers_agree(agora, tmp_path):
    retriever = _retriever(agora, tmp_path, {"debate.txt": DEBATE})
    vote = retriever.ask("How will Tom Hale vote?")
    assert vote.answered and "I will vote no" in vote.hits[0].passage.text
    agree = retriever.ask("Where do the two guests agree?")
    assert agree.answered and agree.hits[0].passage.text.startswith("I agree with Ada")
    who = retriever.ask("Who is Ada Brennan?")
    assert (
        who.answered
        and who.hits[0].passage.speaker == "HOST"
        and "teaches swimming" in who.hits[0].passage.text
    )


def test_a_speaker_s_work_is_found_in_the_host_s_introduction(agora, tmp_path):
    retriever = _retriever(agora, tmp_path, {"debate.txt": DEBATE})
    answer = retriever.ask("What does Brennan do for a living?")
    assert answer.answered and answer.hits[0].passage.speaker == "HOST"
    assert "teaches swimming" in answer.hits[0].passage.text
    # asked what she thinks, her own turns still come first
    assert retriever.ask("What does Brennan think about the pool?").hits[0].passage.speaker == "ADA BRENNAN"
    against = retriever.ask("Who is against keeping the pool open?")
    assert against.answered and against.hits[0].passage.speaker == "TOM HALE"


LECTURE = """THE LABOURER'S HIRE.

Delivered before the Literary Society, Tadcaster, March 3, 1894.

I have been asked to speak on wages, and I shall speak plainly: the farms of this county pay less \
than the mills, and the difference is paid for by the labourer's children.
"""

LETTER = """The Case for the Ferry

To the Harbour Board of Carrow:

The number 7 ferry carries four hundred people a day, and the board proposes to end it in May.
"""


def test_whom_a_text_was_given_to_is_its_occasion_line_or_its_salutation(agora, tmp_path):
    lecture = _retriever(agora, tmp_path / "a", {"lecture.txt": LECTURE})
    answer = lecture.ask("When and to whom was the talk given?")
    assert answer.answered and answer.hits[0].passage.text.startswith("Delivered before the Literary Society")
    letter = _retriever(agora, tmp_path / "b", {"letter.txt": LETTER})
    addressed = letter.ask("Who is this letter addressed to?")
    assert addressed.answered and addressed.hits[0].passage.text.startswith("To the Harbour Board")


def test_a_name_that_is_a_word_asks_for_no_such_thing(agora, tmp_path):
    # "Price" names a speaker: "What does Owen Price say about …?" asks for no price
    text = DEBATE.replace("Tom Hale", "Owen Price").replace("TOM HALE", "OWEN PRICE")
    retriever = _retriever(agora, tmp_path, {"debate.txt": text})
    answer = retriever.ask("What does Owen Price say about the heating bill?")
    assert answer.answered and answer.hits[0].passage.speaker == "OWEN PRICE"


def test_letters_answering_each_other_keep_their_signers_and_posts(tmp_path):
    from bot.core.reading.passages import load_reading

    (tmp_path / "a.txt").write_text(
        "ON THE WEIR\n\nSir,\n\nThe weir at Dunmore has been broken for two winters.\n\n"
        "Yours sincerely,\n\nJOHN ABERNETHY-SMITH\nSecretary, Dunmore Angling Club, Mill Street\n"
    )
    (tmp_path / "b.txt").write_text(
        "THE WEIR AGAIN\n\nDear Editor,\n\nMr Abernethy-Smith is wrong about the weir. The salmon run has "
        "risen for three years.\n\nYours faithfully,\n\nPETRA VOSS\n\nRiverside Cottages, Dunmore\n"
    )
    documents = {d.path: d for d in load_reading(tmp_path, lambda t: len(t.split()), 256).documents}
    first, second = documents["a.txt"], documents["b.txt"]
    assert first.author == "John Abernethy-Smith"
    # the signer's post is in the letter's byline with the signature, not a heading dropped from the text
    assert (first.passages[-1].kind, first.passages[-1].text) == (
        "byline",
        "Yours sincerely,\nJOHN ABERNETHY-SMITH\nSecretary, Dunmore Angling Club, Mill Street",
    )
    # a letter opening by answering another writer names that writer; it is signed by its own
    assert second.author == "Petra Voss"
    answering = second.passages[1]
    assert answering.kind == "body" and answering.text.startswith("Mr Abernethy-Smith is wrong")
    assert second.passages[-1].text == "Yours faithfully,\nPETRA VOSS\nRiverside Cottages, Dunmore"
