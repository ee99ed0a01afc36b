"""Replies always fit Discord's limits, cut at clean boundaries."""

from __future__ import annotations

import random

import pytest

from bot.app import limits
from bot.app.reply import CUT_NOTE, NOTHING, EmbedField, EmbedSpec, Part, Reply


def words(text: str) -> list[str]:
    return text.replace("**", "").replace("> ", " ").split()


@pytest.mark.parametrize("seed", range(20))
def test_split_keeps_every_word_and_fits(seed):
    rng = random.Random(seed)
    vocab = ["alpha", "beta.", "gamma,", "delta!", "**bold", "words**", "> quoted", "\n", "\n\n", "x" * 60]
    text = " ".join(rng.choice(vocab) for _ in range(rng.randint(50, 2500)))
    pieces = limits.split(text, 500)
    assert all(len(p) <= 500 for p in pieces)
    assert words(" ".join(pieces)) == words(text)


def test_split_prefers_paragraphs_then_sentences_then_words():
    para = "First sentence here. " * 40
    pieces = limits.split(para.strip() + "\n\n" + para.strip(), 1000)
    assert all(p.endswith(".") for p in pieces)  # never mid-sentence when a sentence end fits
    unbroken = "y" * 2500
    assert [len(p) for p in limits.split(unbroken, 1000)] == [996, 996, 508]  # hard cut only as a last resort


def test_split_closes_and_reopens_bold_and_quotes():
    text = "> " + "**" + "word " * 600 + "**"
    pieces = limits.split(text, 1000)
    assert len(pieces) >= 3
    for piece in pieces:
        assert piece.count("**") % 2 == 0
        assert piece.startswith("> ")


def test_trim():
    assert limits.trim("short", 10) == "short"
    trimmed = limits.trim("One sentence. Another sentence that is long.", 30)
    assert trimmed == "One sentence.…" and len(trimmed) <= 30
    assert len(limits.trim("z" * 5000, 1024)) == 1024


def test_reply_parts_fit_every_limit():
    huge = EmbedSpec(
        title="T" * 400,
        description="d " * 5000,
        fields=tuple(EmbedField("n" * 300, "v " * 800) for _ in range(30)),
        footer="f" * 3000,
    )
    reply = Reply(content="c " * 3000, embeds=(huge,) * 12, feedback=7)
    parts = reply.parts()
    assert parts[0].content and not parts[0].embeds
    for part in parts:
        assert len(part.content) <= limits.CONTENT
        assert len(part.embeds) <= limits.EMBEDS_PER_MESSAGE
        assert sum(e.size() for e in part.embeds) <= limits.EMBED_TOTAL
        for e in part.embeds:
            assert len(e.title or "") <= limits.EMBED_TITLE
            assert len(e.description or "") <= limits.EMBED_DESCRIPTION
            assert len(e.fields) <= limits.FIELDS_PER_EMBED
            assert all(
                len(f.name) <= limits.FIELD_NAME and len(f.value) <= limits.FIELD_VALUE for f in e.fields
            )
    assert len(parts) == limits.MAX_PARTS  # bounded: the rest is cut, and the last part says so
    assert parts[-1].content.endswith(CUT_NOTE)
    assert [p.feedback for p in parts] == [None] * (len(parts) - 1) + [7]


def test_a_reply_is_at_least_one_part():
    assert Reply().parts() == [Part(NOTHING)]
    assert Reply("  \n ").parts() == [Part(NOTHING)]
    assert Reply("hi", feedback=3).parts() == [Part("hi", (), 3)]
