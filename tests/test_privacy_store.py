"""Members' and servers' data in the store, on SQLite and on a real PostgreSQL (the `engine` fixture)."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime

import pytest

from bot.core.scheduling.schedule import Schedule
from bot.core.storage.kept import COOLDOWNS, QUESTIONS
from bot.core.storage.store import MIGRATIONS, Store

GUILD = 1_234_567_890_123_456_789
OTHER_GUILD = 123  # "123:…" channel keys must not be mistaken for another server's ("1234…:")
CHANNEL = 987_654_321_098_765_432
ALICE = 2**63 - 1
BOB = 555
MOD = 777
DAY = 86400.0


@pytest.fixture
def store(database):
    opened = Store(database)
    yield opened
    opened.close()


def count(store: Store, table: str, where: str = "1 = 1", params: tuple = ()) -> int:
    with store.transaction() as tx:
        return int(tx.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params).fetchone()[0])


def schedule(guild: int) -> Schedule:
    return Schedule.create(guild, CHANNEL, "09:00", "UTC", None, now=datetime(2026, 3, 2, tzinfo=UTC))


def fill(store: Store, guild: int, at: float | None = None) -> None:
    """A server's worth of rows: both members' questions and votes, suggestions, curation, posts."""
    for user in (ALICE, BOB):
        answer = store.record_answer(
            guild_id=guild, channel_id=CHANNEL, user_id=user, question=f"q{user}-{guild}", passage_id=None
        )
        where = {"guild_id": guild, "channel_id": CHANNEL, "user_id": user}
        store.record_feedback(**where, question=f"q{user}-{guild}", passage_id="p1", helpful=False)
        assert answer > 0
        with store.transaction() as tx:
            tx.execute(
                "INSERT INTO ask_cooldowns (guild_id, user_id, last_at) VALUES (?, ?, ?)",
                (guild, user, time.time() if at is None else at),
            )
    suggestion = store.add_custom_prompt(guild, "p1", "quote", "Alice asks?", ALICE, "pending")
    store.review_suggestion(guild, suggestion, True, MOD)
    store.add_custom_prompt(guild, "p2", "quote", "Bob asks?", BOB, "pending")
    store.edit_prompt(guild, "deck-1", "Reworded by Alice?", by_user=ALICE)
    store.record_prompt(f"{guild}:{CHANNEL}", "deck-1", 1, "schedule")
    store.set_moderator_role(guild, 42)
    store.save_schedule(schedule(guild))
    post = store.start_post(guild, CHANNEL)
    store.finish_post(post, "posted", prompt_id="deck-1", cycle=1, message_id=guild + 1, thread_id=guild + 2)
    store.claim_poll_result(guild + 1, guild)


def test_every_table_is_declared(store):
    """A table nobody declared would escape /privacy: adding one means declaring it in its area's KEPT."""
    created = set()
    for migration in MIGRATIONS:
        created |= {m.lower() for m in re.findall(r"CREATE TABLE (\w+)", migration)}
    declared = {k.table for k in store.kept()}
    assert created == declared
    for kept in store.kept():  # every declared column exists (an export would fail otherwise)
        with store.transaction() as tx:
            tx.execute(f"SELECT {', '.join(kept.columns)} FROM {kept.table} WHERE 1 = 0").fetchall()


def test_a_members_data_is_shown_and_deleted_in_one_server(store):
    fill(store, GUILD)
    fill(store, OTHER_GUILD)
    shown = store.member_data(ALICE, GUILD)
    assert set(shown) == {"answers", "feedback", "ask_cooldowns", "prompt_curation", "custom_prompts"}
    assert [r["question"] for r in shown["answers"]] == [f"q{ALICE}-{GUILD}"]
    assert all(r["guild_id"] == GUILD for rows in shown.values() for r in rows)
    assert store.member_data(MOD, GUILD) == {"custom_prompts": shown["custom_prompts"]}  # as reviewer

    deleted = store.delete_member_data(ALICE, GUILD)

    assert deleted == {
        "answers": 1,
        "feedback": 1,
        "ask_cooldowns": 1,
        "prompt_curation": 1,  # unlinked: the server keeps its rewording, without Alice's id
        "custom_prompts": 1,
    }
    assert store.member_data(ALICE, GUILD) == {}
    assert count(store, "answers", "user_id = ? AND guild_id = ?", (ALICE, GUILD)) == 0
    assert count(store, "feedback", "user_id = ? AND guild_id = ?", (ALICE, GUILD)) == 0
    assert count(store, "custom_prompts", "author_id = ? AND guild_id = ?", (ALICE, GUILD)) == 0
    assert count(store, "prompt_curation", "guild_id = ? AND by_user IS NULL", (GUILD,)) == 1
    assert store.curation(GUILD).edits == {"deck-1": "Reworded by Alice?"}
    # Bob, and Alice in the other server, are untouched
    assert count(store, "answers", "user_id = ?", (BOB,)) == 2
    assert count(store, "answers", "user_id = ? AND guild_id = ?", (ALICE, OTHER_GUILD)) == 1
    assert set(store.member_data(ALICE, OTHER_GUILD)) == set(shown)


def test_a_member_can_delete_everything_everywhere(store):
    fill(store, GUILD)
    fill(store, OTHER_GUILD)
    store.record_answer(guild_id=None, channel_id=None, user_id=ALICE, question="in a DM", passage_id=None)
    deleted = store.delete_member_data(ALICE)
    assert deleted["answers"] == 3 and deleted["feedback"] == 2 and deleted["custom_prompts"] == 2
    assert store.member_data(ALICE) == {}
    assert count(store, "answers", "user_id = ?", (BOB,)) == 2


def test_a_servers_data_is_exported_and_deleted(store):
    fill(store, GUILD)
    fill(store, OTHER_GUILD)
    exported = store.guild_data(GUILD)
    assert len(exported["answers"]) == 2 and len(exported["prompt_history"]) == 1
    assert exported["guild_settings"][0]["moderator_role_id"] == 42
    assert exported["schedules"][0]["channel_id"] == CHANNEL

    deleted = store.delete_guild_data(GUILD)

    assert deleted == {
        "answers": 2,
        "feedback": 2,
        "ask_cooldowns": 2,
        "custom_prompts": 2,
        "prompt_curation": 1,
        "prompt_history": 1,
        "guild_settings": 1,
        "schedules": 1,
        "scheduled_posts": 1,
        "poll_results": 1,
    }
    assert all(rows == [] for rows in store.guild_data(GUILD).values())
    kept = store.guild_data(OTHER_GUILD)
    assert len(kept["answers"]) == 2 and len(kept["prompt_history"]) == 1 and len(kept["schedules"]) == 1


def test_questions_and_cooldowns_expire(store):
    now = time.time()
    fill(store, GUILD, at=now - 2 * DAY)
    with store.transaction() as tx:  # half of them asked 40 days ago
        tx.execute("UPDATE answers SET at = ? WHERE user_id = ?", (now - 40 * DAY, ALICE))
        tx.execute("UPDATE feedback SET at = ? WHERE user_id = ?", (now - 40 * DAY, ALICE))
    purged = store.purge_expired({QUESTIONS: 30 * DAY, COOLDOWNS: DAY}, now=now)
    assert purged == {"answers": 1, "feedback": 1, "ask_cooldowns": 2}
    assert [q for q, _ in store.uncovered_questions(GUILD, 0)] == [f"q{BOB}-{GUILD}"]
    assert store.purge_expired({QUESTIONS: 30 * DAY, COOLDOWNS: DAY}, now=now) == {}
    assert count(store, "custom_prompts") == 2  # not under a retention policy


def test_the_purge_is_cheap(store):
    """100,000 old questions (and 100,000 recent ones kept) go in one indexed DELETE."""
    now = time.time()
    batch = 500  # rows per INSERT
    values = ", ".join("(?, ?, ?, ?, ?)" for _ in range(batch))
    with store.transaction() as tx:
        for start in range(0, 200_000, batch):
            params: list[object] = []
            for i in range(start, start + batch):
                params += [GUILD, CHANNEL, i, "q", now - (40 if i % 2 else 1) * DAY]
            tx.execute(
                f"INSERT INTO answers (guild_id, channel_id, user_id, question, at) VALUES {values}", params
            )
    started = time.perf_counter()
    purged = store.purge_expired({QUESTIONS: 30 * DAY}, now=now)
    took = time.perf_counter() - started
    assert purged == {"answers": 100_000}
    assert count(store, "answers") == 100_000
    started = time.perf_counter()
    assert store.purge_expired({QUESTIONS: 30 * DAY}, now=now) == {}  # nothing due: an index lookup
    idle = time.perf_counter() - started
    print(f"purge of 100,000 rows: {took:.2f}s; with nothing due: {idle * 1000:.1f} ms ({store.engine})")


def test_deleted_messages_and_threads_are_forgotten(store):
    fill(store, GUILD)
    assert store.forget_messages([GUILD + 1, 42]) == {"scheduled_posts": 1, "poll_results": 1}
    assert store.forget_thread(GUILD + 2) == {"scheduled_posts": 1}
    post = store.recent_posts(GUILD)[0]
    assert (post.message_id, post.thread_id, post.status) == (None, None, "posted")
    assert store.post_for_message(GUILD + 1) is None
    assert store.forget_messages([]) == {}


def test_a_removed_server_stops_at_once_and_is_deleted_after_the_grace(database):
    first, second = Store(database), Store(database)  # two processes sharing the database
    try:
        fill(first, GUILD)
        fill(first, OTHER_GUILD)
        now = time.time()
        assert [s.guild_id for s in second.schedules(active_only=True)] == [OTHER_GUILD, GUILD]
        assert first.guild_removed(GUILD, 7 * DAY, now=now) == now + 7 * DAY
        assert first.guild_removed(GUILD, 7 * DAY, now=now + 60) == now + 7 * DAY  # the first date holds
        # every process stops posting there at once
        assert [s.guild_id for s in second.schedules(active_only=True)] == [OTHER_GUILD]
        assert second.claim_slot(GUILD, CHANNEL, date(2026, 3, 3), now, now) is None
        assert second.delete_removed_guilds(now + DAY) == {}  # within the grace: nothing deleted
        assert count(second, "answers", "guild_id = ?", (GUILD,)) == 2

        deleted = second.delete_removed_guilds(now + 7 * DAY + 1)

        assert set(deleted) == {GUILD}
        assert deleted[GUILD]["answers"] == 2 and deleted[GUILD]["guild_removals"] == 1
        assert all(rows == [] for rows in first.guild_data(GUILD).values())
        assert len(first.guild_data(OTHER_GUILD)["answers"]) == 2
    finally:
        first.close()
        second.close()


def test_re_adding_agora_within_the_grace_keeps_the_data(store):
    fill(store, GUILD)
    now = time.time()
    store.guild_removed(GUILD, 7 * DAY, now=now)
    assert store.guild_removal(GUILD) == (now, now + 7 * DAY)
    # seen back before the removal was recorded (the kick came after): the removal stands
    assert store.guild_returned(GUILD, seen_at=now - 0.01) is False
    assert store.guild_removal(GUILD) == (now, now + 7 * DAY)
    assert store.guild_returned(GUILD, seen_at=now + 0.01) is True
    store.guild_removed(GUILD, 7 * DAY, now=now)
    assert store.guild_returned(GUILD) is True
    assert store.guild_returned(GUILD) is False
    assert store.delete_removed_guilds(now + 30 * DAY) == {}
    assert [s.guild_id for s in store.schedules(active_only=True)] == [GUILD]
    assert store.claim_slot(GUILD, CHANNEL, date(2026, 3, 3), now, now) is not None


def test_the_servers_language_is_kept(store):
    assert store.guild_settings(GUILD).language is None
    store.set_language(GUILD, "fr")
    store.set_moderator_role(GUILD, 5)
    got = store.guild_settings(GUILD)
    assert (got.language, got.moderator_role_id) == ("fr", 5)
    store.set_language(GUILD, None)
    assert store.guild_settings(GUILD).language is None
