"""Poll votes in the store, on SQLite and PostgreSQL (the `database` fixture runs both)."""

from __future__ import annotations

import pytest

from bot.core.storage.store import Store

GUILD, OTHER_GUILD = 2**62 + 5, 77
CHANNEL = 2**61 + 9
POLL = 2**60 + 1  # Discord ids are 64-bit


@pytest.fixture
def store(database):
    opened = Store(database)
    yield opened
    opened.close()


def _poll(store, message_id=POLL, prompt="p1", guild=GUILD, at=1000.0):
    store.record_poll(
        message_id,
        guild_id=guild,
        channel_id=CHANNEL,
        prompt_id=prompt,
        stances={1: "agree", 2: "disagree", 3: "pass"},
        at=at,
    )


def test_votes_are_recorded_only_on_agoras_polls(store):
    _poll(store)
    assert store.add_poll_vote(POLL, 1, 10)
    assert not store.add_poll_vote(POLL, 1, 10)  # the same vote twice: once
    assert store.add_poll_vote(POLL, 3, 11)
    assert not store.add_poll_vote(12345, 1, 10)  # not a poll Agora posted
    assert not store.add_poll_vote(POLL, 9, 10)  # no such answer
    votes = store.poll_votes(GUILD)
    assert [(v.user_id, v.prompt_id, v.stance) for v in votes] == [(10, "p1", "agree"), (11, "p1", "pass")]
    assert store.remove_poll_vote(POLL, 1, 10)
    assert not store.remove_poll_vote(POLL, 1, 10)
    assert [v.user_id for v in store.poll_votes(GUILD)] == [11]


def test_filters_and_privacy(store):
    _poll(store, POLL, "p1", at=1000.0)
    _poll(store, POLL + 1, "p2", at=2000.0)
    _poll(store, POLL + 2, "p3", guild=OTHER_GUILD, at=2000.0)
    for message in (POLL, POLL + 1, POLL + 2):
        store.add_poll_vote(message, 2, 10)
        store.add_poll_vote(message, 1, 11)
    assert len(store.poll_votes(GUILD)) == 4
    assert {v.prompt_id for v in store.poll_votes(GUILD, since=1500.0)} == {"p2"}
    assert {v.prompt_id for v in store.poll_votes(GUILD, until=1500.0)} == {"p1"}
    assert {v.prompt_id for v in store.poll_votes(GUILD, channel_id=CHANNEL + 1)} == set()
    mine = store.poll_votes(GUILD, user_id=10)
    assert [(v.prompt_id, v.stance) for v in mine] == [("p1", "disagree"), ("p2", "disagree")]
    assert store.forget_member_votes(GUILD, 10) == 2
    assert store.poll_votes(GUILD, user_id=10) == []
    assert len(store.poll_votes(OTHER_GUILD, user_id=10)) == 1  # another server's are its own
    assert store.forget_guild_votes(GUILD) == 2
    assert store.poll_votes(GUILD) == []
    assert not store.add_poll_vote(POLL, 1, 12)  # the server's polls went too
    assert len(store.poll_votes(OTHER_GUILD)) == 2


def test_backfill_replaces_a_polls_votes_once_it_has_closed(store):
    day = 86400.0
    _poll(store, POLL, at=1000.0)
    store.add_poll_vote(POLL, 1, 10)
    store.add_poll_vote(POLL, 2, 11)
    todo = store.polls_to_backfill(since=0.0, open_seconds=day)
    assert [(p.message_id, p.guild_id, p.channel_id, p.answer_ids) for p in todo] == [
        (POLL, GUILD, CHANNEL, (1, 2, 3))
    ]
    # read back while the poll is still open: read again next time
    assert store.replace_poll_votes(POLL, {1: [10, 12], 2: [], 3: [13], 99: [14]}, at=2000.0) == 3
    stored = {(v.user_id, v.stance) for v in store.poll_votes(GUILD)}
    assert stored == {(10, "agree"), (12, "agree"), (13, "pass")}
    assert len(store.polls_to_backfill(since=0.0, open_seconds=day)) == 1
    store.replace_poll_votes(POLL, {1: [10]}, at=1000.0 + day + 5)
    assert store.polls_to_backfill(since=0.0, open_seconds=day) == []
    assert store.polls_to_backfill(since=5000.0, open_seconds=day) == []
