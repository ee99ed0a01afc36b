"""Property-based fuzzing of the Discord-free entry points (hypothesis).

Whatever a member, a terminal or a file hands Agora, it answers or refuses cleanly: no
exception escapes, and every message it would post is one Discord accepts. Example counts
are kept small so the whole module stays fast; the expensive parts (the model, the index)
are the session's shared ones.
"""

from __future__ import annotations

import asyncio
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import handlers, limits
from bot.app.reply import EmbedField, EmbedSpec, Part, Reply
from bot.core.text.safe import clean_input, finite_number, neutralise
from bot.discord_layer import discord_io

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
QUICK = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
HEAVY = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))

# Pieces that stress the reply builder: markup, quotes, breaks, blanks, wide characters.
TOKENS = st.sampled_from(
    ["**", "*", ">", "> ", "\n", "\n\n", " ", "  ", ".", ". ", "!", "…", "word", "x" * 40, "é", "😀",
     "\u200b", "\t", "#", "-# ", "`", "```", "||", "[a](https://x.y)", "@everyone", "<@&1>", "_"]
)  # fmt: skip
LONG_TEXT = st.lists(st.one_of(TOKENS, st.text(max_size=30)), max_size=300).map("".join)
BYTES_TEXT = st.binary(max_size=200).map(lambda b: b.decode("utf-8", "surrogateescape"))
PEOPLE_TEXT = st.one_of(st.text(max_size=300), BYTES_TEXT, LONG_TEXT)
ANY_TEXT = st.one_of(st.text(max_size=200), LONG_TEXT)


def assert_postable(part: Part) -> None:
    """What Discord accepts for one message (stricter than the emulator: blank counts as empty)."""
    assert part.content.strip() or part.embeds, "an empty message"
    assert len(part.content) <= limits.CONTENT
    assert len(part.embeds) <= limits.EMBEDS_PER_MESSAGE
    assert sum(e.size() for e in part.embeds) <= limits.EMBED_TOTAL
    for e in part.embeds:
        assert e.title or e.description or e.fields or e.footer, "an empty embed"
        assert len(e.title or "") <= limits.EMBED_TITLE
        assert len(e.description or "") <= limits.EMBED_DESCRIPTION
        assert len(e.footer or "") <= limits.FOOTER
        assert len(e.fields) <= limits.FIELDS_PER_EMBED
        for f in e.fields:
            assert f.name.strip() and f.value.strip(), "a blank field"
            assert len(f.name) <= limits.FIELD_NAME and len(f.value) <= limits.FIELD_VALUE


EMBEDS = st.builds(
    EmbedSpec,
    title=st.none() | ANY_TEXT,
    description=st.none() | ANY_TEXT,
    fields=st.lists(st.builds(EmbedField, ANY_TEXT, ANY_TEXT, st.booleans()), max_size=27).map(tuple),
    footer=st.none() | ANY_TEXT,
)


@QUICK
@given(
    content=ANY_TEXT,
    embeds=st.lists(EMBEDS, max_size=11).map(tuple),
    feedback=st.none() | st.integers(1, 2**40),
)
def test_reply_parts_are_always_postable(content, embeds, feedback):
    parts = Reply(content, embeds, feedback=feedback).parts()
    assert 1 <= len(parts) <= limits.MAX_PARTS
    for part in parts:
        assert_postable(part)
        for spec in part.embeds:  # and as discord.py sends them
            sent = discord_io.to_embed(spec).to_dict()
            assert all(f["name"].strip() and f["value"].strip() for f in sent.get("fields", []))
            assert len(sent.get("description") or "") <= limits.EMBED_DESCRIPTION
    assert [p.feedback for p in parts] == [None] * (len(parts) - 1) + [feedback]


@QUICK
@given(text=LONG_TEXT, limit=st.integers(16, 3000))
def test_split_and_trim_respect_the_limit(text, limit):
    pieces = limits.split(text, limit)
    assert pieces and all(len(p) <= limit for p in pieces)
    assert len(limits.trim(text, limit)) <= limit


# ------------------------------------------------------------------------------ text from people

MASKED_LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(")


@QUICK
@given(text=st.one_of(st.text(), st.binary().map(lambda b: b.decode("utf-8", "surrogateescape"))))
def test_clean_input_always_gives_printable_utf8(text):
    clean = clean_input(text)
    clean.encode("utf-8")  # no lone surrogates left
    assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in clean)
    assert "\u202e" not in clean
    assert clean_input(clean) == clean


@QUICK
@given(text=ANY_TEXT)
def test_neutralised_text_formats_nothing(text):
    shown = neutralise(clean_input(text))
    assert not MASKED_LINK.search(shown)
    assert not re.search(r"(?i)\b(https?|discord)://", shown)
    assert not re.search(r"(?m)^[ \t]*(#|-#|>)", shown)
    for marker in ("**", "||", "```", "__", "~~"):
        assert marker not in shown.replace("\\" + marker[0], "")


@QUICK
@given(value=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20), st.integers()))
def test_numbers_are_finite_and_in_range_or_refused(value):
    try:
        number = finite_number(value, low=0, high=3600, what="The cooldown")
    except ValueError as exc:
        assert "The cooldown must be a number between 0 and 3600" in str(exc)
    else:
        assert 0 <= number <= 3600


# ------------------------------------------------------------------------------ handlers


@pytest.fixture(scope="module")
def services(agora, tmp_path_factory):
    from bot.core.storage.store import Store

    store = Store(tmp_path_factory.mktemp("fuzz") / "agora.sqlite3")
    yield handlers.Services(agora=agora, store=store)
    store.close()


MODERATOR = handlers.Caller(1, 2, 3, is_moderator=True)


def run(coro):
    return asyncio.run(coro)


def assert_one_postable(reply: Reply) -> None:
    (part,) = reply.parts()  # every command answers in one message
    assert_postable(part)
    part.content.encode("utf-8")


@HEAVY
@given(question=PEOPLE_TEXT)
def test_any_question_is_answered_or_refused_in_one_message(services, question):
    assert_one_postable(run(handlers.handle_ask(services, question, MODERATOR, quote_question=True)))


@HEAVY
@given(
    paragraph=st.integers(-(2**70), 2**70) | st.integers(0, 40),
    document=st.none() | st.sampled_from(["zeppelin", "ukraine", ".txt"]) | PEOPLE_TEXT,
    page=st.integers(-5, 50),
)
def test_any_source_request_is_shown_or_refused_in_one_message(services, paragraph, document, page):
    assert_one_postable(run(handlers.handle_source(services, paragraph, document, page)))


@HEAVY
@given(topic=st.none() | PEOPLE_TEXT)
def test_any_debate_topic_gives_a_prompt_or_a_refusal(services, topic):
    assert_one_postable(run(handlers.handle_debate(services, topic, MODERATOR)))


@QUICK
@given(
    cooldown=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12), st.none()),
    role=st.none() | st.integers(-(2**80), 2**80),
)
def test_any_config_value_is_stored_valid_or_refused(services, cooldown, role):
    for reply in (
        run(handlers.handle_config(services, MODERATOR, "cooldown", cooldown=cooldown)),
        run(handlers.handle_config(services, MODERATOR, "moderator-role", role_id=role)),
        run(handlers.handle_config(services, MODERATOR, "show")),
    ):
        assert_one_postable(reply)
    stored = services.store.guild_settings(MODERATOR.guild_id)
    assert 0 <= stored.ask_cooldown_seconds <= 3600
    assert stored.moderator_role_id is None or 0 < stored.moderator_role_id < 2**63


@QUICK
@given(
    time_text=st.one_of(st.text(max_size=12), st.sampled_from(["09:00", "9pm", "24:00", "23:59", "7"])),
    zone=st.one_of(
        st.text(max_size=30), st.sampled_from(["Europe/London", "UTC", "../../etc/passwd", "Mars/Base"])
    ),
    days=st.none() | st.text(max_size=30) | st.sampled_from(["weekdays", "mon-fri", "sun,sat", "fri-mon"]),
    role=st.none() | st.integers(-(2**70), 2**70),
)
def test_any_schedule_is_set_valid_or_refused(services, time_text, zone, days, role):
    reply = run(
        handlers.handle_schedule_set(
            services, MODERATOR, channel_id=3, time_text=time_text, timezone=zone, days=days, role_id=role
        )
    )
    assert_one_postable(reply)


@QUICK
@given(
    name=st.sampled_from(["notes.txt", "essay.md", "README.markdown", "x"]),
    text=st.one_of(LONG_TEXT, st.text(max_size=500), BYTES_TEXT.map(clean_input)),
)
def test_any_document_parses_into_well_formed_passages(name, text):
    from bot.core.reading.passages import parse_document

    document = parse_document(name, text)
    for passage in document.passages:
        assert passage.text.strip()
        for start, end in passage.sentences:
            assert 0 <= start < end <= len(passage.text)
        assert passage.citation
