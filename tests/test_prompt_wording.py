"""Whose view a claim is, how questions restate it, two-sided prompts, and claims that are not claims."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.app.scheduler import compose_post
from bot.core.prompts import PromptDeck, check_deck
from bot.core.prompts import questions as q
from bot.core.prompts.cues import claim_score
from bot.core.prompts.voice import AUTHOR, REBUTTED, REPORTED, Voice, voice_of
from bot.core.search.index import build_from_seeds
from bot.core.search.retrieval import Retriever


@pytest.mark.parametrize(
    ("sentence", "following", "kind", "holder"),
    [
        (
            "Critics say that the courts will abuse this power.",
            "But the courts have no force.",
            REBUTTED,
            "critics",
        ),
        (
            "Critics say that the courts will abuse this power.",
            "The session ends in May.",
            REPORTED,
            "critics",
        ),
        ("Putin sees NATO expansion as a direct threat to Russia.", None, REPORTED, "Putin"),
        (
            "It is urged that the authority which can declare acts void must be superior.",
            None,
            REPORTED,
            "some",
        ),
        (
            "Some, like Michael McFaul, dismiss Russia's security concerns entirely.",
            None,
            REPORTED,
            "Michael McFaul",
        ),
        ("The Constitution ought to be preferred to the statute.", None, AUTHOR, ""),
        ("The views expressed here are the author's own.", None, AUTHOR, ""),
    ],
)
def test_whose_view(sentence, following, kind, holder):
    voice = voice_of(sentence, following)
    assert (voice.kind, voice.holder) == (kind, holder)


def _restate(sentence: str) -> str | None:
    return q.restate(sentence, lambda w: w in {"NATO", "Russia"}, lambda t: claim_score(t).score)


def test_restating_a_claim_inside_a_question():
    assert (
        _restate("But schools should ban phones for the whole day.")
        == "schools should ban phones for the whole day"
    )
    aside = "Working on de-escalatory steps, like better military dialogue, is far preferable to a war."
    assert _restate(aside) == "working on de-escalatory steps is far preferable to a war"
    # a clause that stands alone is used; fragments without a subject never are
    long = (
        "The courts must declare the sense of the law; and if they should be disposed to exercise will "
        "instead of judgment, the consequence would be the substitution of their pleasure for the law."
    )
    assert _restate(long) == "the courts must declare the sense of the law"
    assert (
        _restate("It may be said to have neither force nor will; and must depend upon the executive arm.")
        is None
    )
    assert _restate("I think that we should all be men first and subjects afterward.") == (
        "we should all be men first and subjects afterward"
    )
    assert _restate("b) Use a suitable shared library mechanism for linking with the Library") is None
    # footnote markers go ("enemies,3"), numbers in words stay ("-j4")
    assert _restate("The -j4 option will cause make to run four jobs at once.") == (
        "the -j4 option will cause make to run four jobs at once"
    )
    assert _restate("The friends of the plan will never concur with its enemies,3 in this.") == (
        "the friends of the plan will never concur with its enemies, in this"
    )


def test_questions_never_reuse_a_frame_and_fall_back_to_none():
    speaker = q.Speaker.of("Alexander Hamilton")
    assert speaker.name == "Hamilton" and q.Speaker.of(None).name == "the author"
    used: set[str] = set()
    asked = []
    while (
        w := q.write("value", Voice(AUTHOR), speaker, None, "judicial review", str(len(used)), used)
    ) is not None:
        assert w.template not in used and w.answers == q.AGREE
        used.add(w.template)
        asked.append(w.question)
    assert len(asked) == len(set(asked)) >= 8
    assert any("judicial review" in a for a in asked) and all(a.endswith("?") for a in asked)


def test_two_sided_questions_offer_the_sides():
    voice = Voice(REBUTTED, "the adversaries of the plan", True)
    w = q.write("value", voice, q.Speaker("Hamilton"), "judges will abuse this power", None, "x", set())
    assert w is not None and w.template.startswith("two-")
    assert w.answers[:2] == ("Side with the adversaries of the plan", "Side with Hamilton")
    assert all(len(a) <= q.ANSWER_MAX for a in w.answers)
    long = Voice(REBUTTED, "many commentators in the United States and in most of Western Europe", True)
    assert len(q.write("value", long, q.Speaker("X"), None, None, "y", set()).answers[0]) <= q.ANSWER_MAX


READING = Path(__file__).parent / "data" / "guard-the-constitution.txt"


@pytest.fixture(scope="module")
def mixed(embedder, tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    (root / "seeds").mkdir()
    shutil.copy(READING, root / "seeds" / "guard.txt")
    index = build_from_seeds(root / "seeds", embedder, root / "index", progress=False).index
    return index, PromptDeck.build(index, embedder)


def test_headings_fragments_and_legal_text_never_become_claims(mixed):
    index, deck = mixed
    quotes = " ".join(p.quote for p in deck)
    assert len(deck) >= 3
    assert "Patents" not in quotes and "shared library" not in quotes and "WARRANTY" not in quotes
    assert check_deck(deck.prompts, index.passages).ok


def test_a_rebutted_view_becomes_a_two_sided_prompt(mixed):
    _, deck = mixed
    critics = next(p for p in deck if p.quote.startswith("Critics say"))
    assert critics.voice == REBUTTED and critics.holder == "critics"
    first, second = critics.sides
    assert first.quote == critics.quote and second.quote.startswith("But the courts have neither force")
    assert second.holder == "Writer" and critics.answers[:2] == (first.label, second.label)
    assert critics.answers[:2] == ("Side with critics", "Side with Writer")
    assert "Writer" in critics.question and "critics" in critics.question.lower()
    post = compose_post(critics, 1, guild_id=1, channel_id=2)
    assert post.poll is not None and post.poll.answers == critics.answers
    assert "Writer answers" in post.content and "neither force nor will" in post.content


def test_a_one_word_topic_the_reading_uses_finds_its_passage(mixed, embedder):
    index, deck = mixed
    retriever = Retriever(index, embedder)
    prompt = deck.for_topic("tenure", retriever)
    assert prompt is not None and "tenure" in prompt.quote
    assert prompt.question.endswith("?") and prompt.quote in next(
        p.text for p in index.passages if p.id == prompt.passage_id
    )
    assert deck.for_topic("sourdough bread", retriever) is None
