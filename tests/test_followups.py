"""Follow-up questions: a short memory per member and channel, in the console and on Discord."""

from __future__ import annotations

import asyncio
import io

from fake_discord import MANAGER_ID, OWNER_ID, FakeDiscord, is_followup
from test_discord_layer import ask, run_bot

from bot.app.console import run_session
from bot.app.handlers import Services
from bot.app.service import Agora
from bot.core.search.followup import MORE, OTHER, WHY, Conversations, follow_up_kind, leans_on_previous
from bot.core.storage.store import Store

FIRST = "What does Putin want from the West?"


def test_what_counts_as_a_follow_up():
    for short in (
        "why?",
        "How so?",
        "what about the other side?",
        "who said that?",
        "and Europe?",
        "is he right?",
    ):
        assert leans_on_previous(short), short
    for whole in ("Why does Russia object to NATO expansion?", "What did the US offer Moscow in the talks?"):
        assert not leans_on_previous(whole), whole


def test_what_a_follow_up_asks_for():
    for question, kind in (
        ("why?", WHY),
        ("How so?", WHY),
        ("is he right about that?", WHY),
        ("what about the other side?", OTHER),
        ("what do his critics say?", OTHER),
        ("more?", MORE),
        ("anything else?", MORE),
    ):
        assert follow_up_kind(question) == kind, question


def test_the_other_side_in_the_console_is_the_deck_s_counterpoint(agora, tmp_path):
    """After an answer whose passage the deck has a counterpoint for, "the other side?" quotes it."""
    store = Store(tmp_path / "state.sqlite3")
    service = Agora(agora.settings, load_embedder=lambda _name: agora.embedder, store=store)
    service.prepare(progress=False)
    try:
        passages = {p.id: p for p in service.snapshot.index.passages}
        countered = [
            p for p in service.deck() if p.counterpoint and p.counterpoint.passage_id != p.passage_id
        ]
        assert countered
        prompt = countered[0]
        first = service.ask(prompt.quote, conversation="c")
        assert first.hits[0].passage.id == prompt.passage_id
        follow = service.ask("what about the other side?", conversation="c")
        assert follow.follows and follow.hits[0].passage.id != prompt.passage_id
        assert follow.hits[0].passage.id in service.other_side(prompt.passage_id)
        out = io.StringIO()
        lines = [prompt.quote, "what about the other side?", "/quit"]
        asyncio.run(
            run_session(
                Services(service, store), io.StringIO("\n".join(lines) + "\n"), out, interactive=False
            )
        )
        counter = passages[follow.hits[0].passage.id]
        assert counter.citation in out.getvalue()
    finally:
        store.close()


def test_memory_is_per_conversation_and_forgets_after_minutes():
    now = [0.0]
    memory = Conversations(minutes=5, clock=lambda: now[0])
    memory.remember("guild:1:member:7", FIRST, "a.txt", 3)
    assert memory.recall("guild:1:member:8") is None  # another member
    now[0] = 4 * 60
    assert memory.recall("guild:1:member:7").question == FIRST
    now[0] = 10 * 60
    assert memory.recall("guild:1:member:7") is None


def test_exchanges_follow_their_passage_to_a_new_version():
    talk = Conversations(10)
    talk.remember("kept", "q1", "a.txt", 3, "p-kept", (0,))
    talk.remember("moved", "q2", "a.txt", 4, "p-moved", (1,))
    talk.remember("edited", "q3", "a.txt", 5, "p-edited", (0, 1))
    talk.remember("gone", "q4", "a.txt", 6, "p-gone", (2,))
    where = {"p-kept": ("a.txt", 4), "p-moved-new": ("a.txt", 5), "p-edited-new": ("a.txt", 6)}
    moves = {"p-moved": "p-moved-new", "p-edited": "p-edited-new"}
    assert talk.follow(moves, {"p-edited-new", "p-gone"}, where) == 3
    assert talk.recall("kept").paragraph == 3  # untouched: not in this version's changes
    moved = talk.recall("moved")
    assert (moved.passage, moved.paragraph, moved.quoted) == ("p-moved-new", 5, (1,))
    edited = talk.recall("edited")
    assert (edited.passage, edited.paragraph, edited.quoted) == ("p-edited-new", 6, ())
    gone = talk.recall("gone")
    assert (gone.passage, gone.paragraph, gone.question) == (None, None, "q4")


def test_why_alone_is_not_covered_but_after_a_question_it_is(agora):
    assert not agora.ask("why?").answered
    first = agora.ask(FIRST, conversation="t1")
    follow = agora.ask("why?", conversation="t1")
    assert follow.answered and follow.follows == FIRST
    assert any("follow-up" in note for note in follow.notes)
    assert follow.hits[0].passage.document == first.hits[0].passage.document
    assert not agora.ask("why?", conversation="someone else").answered


def _quote(answer):
    hit = answer.hits[0]
    return hit.passage.id, hit.marked


def test_a_follow_up_never_repeats_the_quote_it_follows(agora):
    """ "why?" quotes other sentences (or another passage); "more?" and "the other side?" move on."""
    for first_q in (FIRST, "Why does Russia object to NATO expansion?", "Will sanctions work?"):
        for then in ("why?", "how so?", "more?", "what about the other side?"):
            key = f"repeat:{first_q}:{then}"
            first = agora.ask(first_q, conversation=key)
            follow = agora.ask(then, conversation=key)
            assert follow.answered and follow.follows == first_q
            assert _quote(follow) != _quote(first), (first_q, then)
            if then in ("more?", "what about the other side?"):
                assert follow.hits[0].passage.id != first.hits[0].passage.id, (first_q, then)
            again = agora.ask(then, conversation=key)  # and not the same as the follow-up before
            assert _quote(again) != _quote(follow), (first_q, then, "twice")


def test_follow_up_in_the_console(agora, tmp_path):
    store = Store(tmp_path / "state.sqlite3")
    service = Agora(agora.settings, load_embedder=lambda _name: agora.embedder, store=store)
    service.prepare(progress=False)
    out = io.StringIO()
    try:
        lines = [FIRST, "why?", "/quit"]
        asyncio.run(
            run_session(
                Services(service, store), io.StringIO("\n".join(lines) + "\n"), out, interactive=False
            )
        )
    finally:
        store.close()
    text = out.getvalue()
    assert "The reading doesn't cover that." not in text
    assert f"Read as a follow-up to “{FIRST}”" in text


def test_follow_up_through_the_discord_layer(agora, tmp_path, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        replies = []
        for question, user in ((FIRST, MANAGER_ID), ("why?", MANAGER_ID), ("why?", OWNER_ID)):
            payload = ask(question, user_id=user)
            fake.feed("INTERACTION_CREATE", payload)
            (reply,) = await fake.wait_for(is_followup(payload))
            replies.append(reply.content)
        assert f"Read as a follow-up to “{FIRST}”" in replies[1]
        assert "doesn't cover that" not in replies[1]
        assert "doesn't cover that" in replies[2]  # another member has no previous question here

    run_bot(agora, tmp_path, monkeypatch, scenario)
