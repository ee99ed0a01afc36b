"""Prompts from what people say: transcripts, chats, threads and the quoted speakers of a news report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.prompts import PromptDeck, check_deck
from bot.core.prompts.compress import core
from bot.core.prompts.context import argues
from bot.core.prompts.openers import unfill
from bot.core.prompts.quality import is_whole_sentence
from bot.core.prompts.units import claimable
from bot.core.prompts.voice import REPORTED, quoted_view, voice_of
from bot.core.search.index import build_from_seeds
from bot.core.text.words import split_sentences

DATA = Path(__file__).parent / "data"


def _core(sentence: str, *, reported: bool = False) -> str | None:
    return core(sentence, lambda w: w[:1].isupper() and w not in {"Twelve"}, argues, reported=reported)


def test_a_speakers_fillers_are_not_asked() -> None:
    # a sentence restarted after a filler is asked as the speaker meant it
    assert _core("But the evidence on crime is - well, it's much weaker than people assume.") == (
        "the evidence on crime is much weaker than people assume"
    )
    assert unfill("Look, the bus is the only way most people here get to work.").startswith("the bus is")
    assert unfill("And tbh four years is a disgrace 🙄") == "And four years is a disgrace"
    # an aside that is no filler stays (", it is alleged," is the speaker's report)
    assert "it is alleged" in unfill("There are, it is alleged, certain beliefs so useful that …")


def test_a_chat_messages_line_ends_its_sentence() -> None:
    message = "One pot is fairer.\nOtherwise it's the same families who end up paying full whack\n- Zeist"
    last = "Otherwise it's the same families who end up paying full whack"
    assert claimable(last, message, spoken=True)
    assert not claimable(last, message)  # (outside a speaker's turn a sentence needs its stop)
    assert not is_whole_sentence("Zeist", message, spoken=True)  # a list's item is no sentence


def test_a_counted_subject_is_a_subject() -> None:
    assert _core("Twelve months is the only way to get an honest comparison.") == (
        "twelve months is the only way to get an honest comparison"
    )
    assert _core("Two glass bulbs in a turned wooden frame.") is None  # (no verb of its own)


def test_a_noun_and_its_relative_clause_are_no_claim() -> None:
    assert _core("A long window over the harbour that makes every table feel like the good one.") is None
    assert _core("A town that loses its bus loses its young people.") is not None
    assert _core("A perk that every district offers is no longer a perk.") is not None
    assert _core("The field that rests is not the field that fails.") is not None


def test_a_condition_cut_from_its_consequence_is_left_out() -> None:
    spoken = (
        "Look, I've nothing against people strolling about with a coffee, but a hardware shop lives on "
        "the people who park outside for ten minutes, and if you take that away on a Saturday, which is "
        "my best day, you take away a third of my week."
    )
    assert _core(spoken) == "a hardware shop lives on the people who park outside for ten minutes"
    whole = "We do not give refunds, but if three collections are missed in a year you can ask for one."
    assert "you can ask" in (_core(whole) or "")  # (its consequence is there: nothing cut)


def test_words_quoted_and_credited_are_their_speakers() -> None:
    said = (
        '"Saturday afternoon is the only time many working parents can bring their children to a library," '
        "said Councillor Rhian Doyle, who represents Hollins Road."
    )
    assert quoted_view(said) == (
        "Saturday afternoon is the only time many working parents can bring their children to a library",
        "Doyle",
    )
    voice = voice_of(said)
    assert voice.kind == REPORTED and voice.holder == "Doyle"
    assert _core(said, reported=True) == (
        "Saturday afternoon is the only time many working parents can bring their children to a library"
    )
    colon = 'Its chair, Beatrice Mwangi, said: "A library people cannot rely on is one they stop using."'
    assert quoted_view(colon) == ("A library people cannot rely on is one they stop using", "Mwangi")
    assert quoted_view('"The ferry is our road," she said.') is None  # (a pronoun names no one here)
    # what people keep saying is theirs, not the speaker's
    assert voice_of('People keep saying "just put in loading bays".').kind == REPORTED
    assert voice_of("But Unison, which represents library staff, warned that it would be a cut.").holder == (
        "Unison"
    )


def test_a_sentence_ending_on_a_contraction_ends_there() -> None:
    assert split_sentences("Please don't. A mature tree is worth more. Daniel R. DePetris agrees.") == [
        "Please don't.",
        "A mature tree is worth more.",
        "Daniel R. DePetris agrees.",
    ]


def _deck(embedder, tmp_path: Path, name: str) -> tuple[PromptDeck, object]:
    (tmp_path / "seeds").mkdir()
    shutil.copy(DATA / name, tmp_path / "seeds" / name)
    index = build_from_seeds(tmp_path / "seeds", embedder, tmp_path / "index", progress=False).index
    return PromptDeck.build(index, embedder), index


def test_a_news_reports_views_are_asked_in_their_speakers_names(embedder, tmp_path) -> None:
    deck, index = _deck(embedder, tmp_path, "news-library-hours.md")
    holders = {p.holder for p in deck}
    assert {"Doyle", "Mwangi", "Unison"} <= holders
    assert "Pritchard" not in " ".join(p.question for p in deck)  # the reporter holds none of them
    assert check_deck(list(deck), index.passages, deck.holders).ok


@pytest.mark.parametrize("name", ["chat-bike-shed.txt"])
def test_a_chats_messages_give_claims_in_their_senders_names(embedder, tmp_path, name) -> None:
    deck, index = _deck(embedder, tmp_path, name)
    # a message's last line has no stop, and is its sender's claim all the same
    asked = {p.question: p.holder for p in deck}
    assert asked.get("Is Blake right that the flats with the bikes should pay for it?") == "Blake"
    assert not any("🚲" in p.question or "Honestly" in p.question for p in deck)
    assert check_deck(list(deck), index.passages, deck.holders).ok
