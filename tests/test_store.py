"""The store's contract, run on SQLite and on a real PostgreSQL server (the `engine` fixture)."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, date, datetime

import psycopg
import pytest

from bot.core.scheduling.schedule import Schedule
from bot.core.storage.base import StoreUnavailable
from bot.core.storage.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError, open_driver

BIG_GUILD = 1_234_567_890_123_456_789  # Discord ids are 64-bit: far beyond 32-bit integers
BIG_CHANNEL = 987_654_321_098_765_432
BIG_USER = 2**63 - 1
BIG_ROLE = 1_100_000_000_000_000_001


@pytest.fixture
def store(database):
    opened = Store(database)
    yield opened
    opened.close()


def schedule_for(guild: int, channel: int, **changes) -> Schedule:
    made = Schedule.create(
        guild, channel, "09:00", "Europe/London", None, now=datetime(2026, 3, 2, tzinfo=UTC)
    )
    return replace(made, **changes)


# ---------------------------------------------------------------------------------------- migrations


def test_an_empty_database_is_migrated_to_the_current_version(store, engine):
    assert store.schema_version == SCHEMA_VERSION
    assert store.migrated_from == 0
    assert store.engine == engine


def test_opening_again_migrates_nothing(database):
    Store(database).close()
    again = Store(database)
    try:
        assert again.migrated_from == SCHEMA_VERSION == again.schema_version
    finally:
        again.close()


def test_the_previous_version_is_upgraded_and_keeps_its_data(database):
    driver = open_driver(database)
    assert driver.migrate(MIGRATIONS[:-1]) == (0, SCHEMA_VERSION - 1)
    with driver.transaction() as tx:  # data as the previous version wrote it
        tx.execute(
            "INSERT INTO guild_settings (guild_id, moderator_role_id, ask_cooldown_seconds) VALUES (?, ?, ?)",
            (BIG_GUILD, BIG_ROLE, 30.0),
        )
        tx.execute(
            "INSERT INTO scheduled_posts (guild_id, channel_id, kind, local_date, slot_at, status, "
            "created_at) VALUES (?, ?, 'schedule', '2026-03-02', 1.5, 'posted', 2.5)",
            (BIG_GUILD, BIG_CHANNEL),
        )
    driver.close()
    store = Store(database)
    try:
        assert store.migrated_from == SCHEMA_VERSION - 1 and store.schema_version == SCHEMA_VERSION
        settings = store.guild_settings(BIG_GUILD)
        assert settings.moderator_role_id == BIG_ROLE and settings.ask_cooldown_seconds == 30.0
        assert store.last_slot_date(BIG_GUILD) == date(2026, 3, 2)
        assert store.claim_slot(BIG_GUILD, BIG_CHANNEL, date(2026, 3, 2), 1.0) is None  # still taken
    finally:
        store.close()


def test_a_newer_schema_is_refused_and_left_alone(database):
    Store(database).close()
    driver = open_driver(database)
    with driver.transaction() as tx:
        driver.write_version(tx, SCHEMA_VERSION + 1)
    driver.close()
    with pytest.raises(StoreError, match=rf"schema version {SCHEMA_VERSION + 1}, newer than this Agora"):
        Store(database)
    driver = open_driver(database)
    with driver.transaction() as tx:
        assert driver.read_version(tx) == SCHEMA_VERSION + 1
    driver.close()


def test_processes_starting_together_migrate_once(database):
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def start() -> None:
        try:
            driver = open_driver(database)  # its own connection, like another process
            barrier.wait(timeout=120)
            driver.migrate(MIGRATIONS)
            driver.close()
        except BaseException as exc:
            errors.append(exc)
            barrier.abort()  # the others fail too instead of waiting for this one forever

    threads = [threading.Thread(target=start) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = Store(database)
    try:
        assert store.migrated_from == SCHEMA_VERSION
        store.set_moderator_role(1, 2)  # the tables exist once (a second CREATE TABLE would have failed)
    finally:
        store.close()


# ---------------------------------------------------------------------------------------- contents


def test_settings_keep_64_bit_ids(store):
    assert store.guild_settings(BIG_GUILD).ask_cooldown_seconds == 10.0
    store.set_moderator_role(BIG_GUILD, BIG_ROLE)
    store.set_ask_cooldown(BIG_GUILD, 2.5)
    got = store.guild_settings(BIG_GUILD)
    assert (got.guild_id, got.moderator_role_id, got.ask_cooldown_seconds) == (BIG_GUILD, BIG_ROLE, 2.5)
    store.set_moderator_role(BIG_GUILD, None)
    assert store.guild_settings(BIG_GUILD).moderator_role_id is None
    with pytest.raises(ValueError, match="between 0 and 3600"):
        store.set_ask_cooldown(BIG_GUILD, -1)


def test_answers_feedback_and_counters(store):
    first = store.record_answer(
        guild_id=BIG_GUILD, channel_id=BIG_CHANNEL, user_id=BIG_USER, question="why?", passage_id="p1"
    )
    second = store.record_answer(guild_id=None, channel_id=None, user_id=5, question="how?", passage_id=None)
    assert second > first > 0
    record = store.answer_record(first)
    assert record is not None and (record.guild_id, record.user_id, record.question) == (
        BIG_GUILD,
        BIG_USER,
        "why?",
    )
    assert store.answer_record(second + 100) is None
    vote = {"guild_id": BIG_GUILD, "channel_id": BIG_CHANNEL, "question": "why?", "passage_id": "p1"}
    store.record_feedback(user_id=BIG_USER, helpful=True, **vote)
    store.record_feedback(user_id=BIG_USER, helpful=False, **vote)  # a changed vote, not a second one
    store.record_feedback(user_id=7, helpful=True, **vote)
    assert store.feedback_summary(BIG_GUILD) == {"helpful": 1, "not_helpful": 1}
    assert store.feedback_summary(42) == {"helpful": 0, "not_helpful": 0}
    assert store.counter("served") == 0
    assert [store.increment("served") for _ in range(3)] == [1, 2, 3]
    assert store.increment("served", 10) == 13 == store.counter("served")


def test_prompt_rotation(store):
    key = f"{BIG_GUILD}:{BIG_CHANNEL}"
    assert store.prompt_cycle(key) == (1, [])
    store.record_prompt(key, "a", 1, "debate", at=1.0)
    store.record_prompt(key, "b", 1, "schedule", at=2.0)
    assert store.prompt_cycle(key) == (1, ["a", "b"])
    store.record_prompt(key, "c", 2, "schedule", at=3.0)
    assert store.prompt_cycle(key) == (2, ["c"])
    assert store.prompt_history(key, 2) == [("c", 2, "schedule", 3.0), ("b", 1, "schedule", 2.0)]
    store.forget_prompt(key, "c", 2)
    assert store.prompt_cycle(key) == (1, ["a", "b"])
    dealt = store.deal_prompt(key, lambda used, cycle: (f"p{len(used)}", cycle), "debate")
    assert dealt == ("p2", 1) and store.prompt_cycle(key) == (1, ["a", "b", "p2"])
    assert store.deal_prompt(key, lambda used, cycle: None, "debate") is None


def test_deals_in_parallel_never_give_two_channels_the_same_turn(database):
    # Two processes dealing to one channel at once: each deal sees the other's.
    stores = [Store(database), Store(database)]
    key = "1:2"
    results: list[tuple[str, int] | None] = []
    lock = threading.Lock()

    def deal(store: Store) -> None:
        for _ in range(10):
            got = store.deal_prompt(key, lambda used, cycle: (f"p{len(used)}", cycle), "debate")
            with lock:
                results.append(got)

    threads = [threading.Thread(target=deal, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert sorted(r[0] for r in results if r) == sorted(f"p{i}" for i in range(20))


def test_schedules(store):
    assert store.schedule(BIG_GUILD) is None and store.schedules() == []
    made = schedule_for(BIG_GUILD, BIG_CHANNEL, role_id=BIG_ROLE)
    store.save_schedule(made)
    assert store.schedule(BIG_GUILD) == made
    store.save_schedule(schedule_for(BIG_GUILD, BIG_CHANNEL + 1, time="10:30"))  # replaces it
    (only,) = store.schedules()
    assert (only.channel_id, only.time, only.role_id) == (BIG_CHANNEL + 1, "10:30", None)
    store.save_schedule(schedule_for(5, 6))
    paused = store.set_schedule_paused(BIG_GUILD, True, at=1_800_000_000.25)
    assert paused is not None and paused.paused
    assert [s.guild_id for s in store.schedules(active_only=True)] == [5]
    resumed = store.set_schedule_paused(BIG_GUILD, False, at=1_800_000_100.75)
    assert resumed is not None and not resumed.paused
    assert resumed.active_since == 1_800_000_100.75  # full double precision on both engines
    assert store.set_schedule_paused(77, True) is None
    assert store.delete_schedule(BIG_GUILD) and not store.delete_schedule(BIG_GUILD)
    assert [s.guild_id for s in store.schedules()] == [5]


def test_a_day_is_claimed_once(store):
    day = date(2026, 3, 2)
    first = store.claim_slot(BIG_GUILD, BIG_CHANNEL, day, 100.0, 100.0, owner="a")
    assert first is not None
    assert store.claim_slot(BIG_GUILD, BIG_CHANNEL, day, 100.0, 101.0, owner="b") is None
    # The same owner asking again (a retry after a lost connection) gets its own claim back.
    assert store.claim_slot(BIG_GUILD, BIG_CHANNEL, day, 100.0, 102.0, owner="a") == first
    # Past the lease, with the post unfinished, another process may take it over...
    assert store.claim_slot(BIG_GUILD, BIG_CHANNEL, day, 100.0, 102.0 + 121, owner="b") == first
    assert store.claim_slot(BIG_GUILD, BIG_CHANNEL, day, 100.0, 102.0 + 122, owner="a") is None
    store.set_post_prompt(first, "prompt-1", 1)
    # ...but a finished post is never claimed again.
    store.finish_post(first, "posted", prompt_id="prompt-1", cycle=1, message_id=BIG_USER, at=300.0)
    assert store.claim_slot(BIG_GUILD, BIG_CHANNEL, day, 100.0, 10_000.0, owner="c") is None
    record = store.post_record(first)
    assert record is not None and (record.status, record.message_id, record.prompt_id) == (
        "posted",
        BIG_USER,
        "prompt-1",
    )
    assert store.last_slot_date(BIG_GUILD) == day
    assert store.last_slot_dates() == {BIG_GUILD: day}
    assert store.record_skipped(BIG_GUILD, BIG_CHANNEL, day, 100.0, "x") is False
    # a missed slot is logged for a server with a schedule only (not one whose data was deleted)
    assert store.record_skipped(BIG_GUILD, BIG_CHANNEL, date(2026, 3, 3), 200.0, "offline") is False
    store.save_schedule(schedule_for(BIG_GUILD, BIG_CHANNEL))
    assert store.record_skipped(BIG_GUILD, BIG_CHANNEL, date(2026, 3, 3), 200.0, "offline") is True
    assert store.last_slot_date(BIG_GUILD) == date(2026, 3, 3)


def test_posts_on_demand_and_recent_posts(store):
    now_id = store.start_post(BIG_GUILD, BIG_CHANNEL, "now", at=5.0)
    also = store.start_post(BIG_GUILD, BIG_CHANNEL, "now", at=6.0)  # no date: any number of them
    store.finish_post(also, "degraded", message_id=1, thread_id=2, problems=["No poll:\n missing"], at=7.0)
    recent = store.recent_posts(BIG_GUILD)
    assert [p.id for p in recent] == [also, now_id]
    assert recent[0].problems == ("No poll: missing",) and recent[0].thread_id == 2
    assert recent[1].status == "claimed" and recent[1].local_date is None
    assert store.recent_posts(BIG_GUILD, 1)[0].id == also


def test_leases_and_shared_state(store):
    assert store.acquire_lease("sync", "p1", 10, now=100.0)
    assert not store.acquire_lease("sync", "p2", 10, now=105.0)
    assert store.acquire_lease("sync", "p1", 10, now=105.0)  # renewed
    assert store.lease_holder("sync", now=114.0) == "p1"
    assert store.acquire_lease("sync", "p2", 10, now=116.0)  # expired: taken over
    store.release_lease("sync", "p1")  # not p1's any more: nothing happens
    assert store.lease_holder("sync", now=117.0) == "p2"
    store.release_lease("sync", "p2")
    assert store.lease_holder("sync", now=117.0) is None
    assert store.get_state("index") is None
    store.set_state("index", "v-1", at=1.0)
    store.set_state("index", "v-2", at=2.0)
    assert store.get_state("index") == ("v-2", 2.0)


# ---------------------------------------------------------------------------------------- PostgreSQL trouble


def test_unreachable_or_wrong_database_urls_say_what_is_wrong(postgres):
    from bot.ops.local_postgres import free_port

    with pytest.raises(
        StoreError, match=r"Cannot connect to PostgreSQL at postgresql://postgres:\*+@127\.0\.0\.1:\d+/x"
    ):
        Store(f"postgresql://postgres:secret@127.0.0.1:{free_port()}/x")
    with pytest.raises(StoreError, match='database "missing" does not exist') as info:
        Store(postgres.url_for("missing"))
    assert "secret" not in str(info.value)
    with pytest.raises(StoreError, match="the port is not a number"):
        Store("postgresql://127.0.0.1:notaport/x?bogus_option=1")
    with pytest.raises(StoreError, match="not a PostgreSQL URL libpq understands"):
        Store(f"postgresql://127.0.0.1:{free_port()}/x?bogus_option=1")


def test_a_lost_connection_is_retried_and_reported(postgres):
    url = postgres.create_database("agora_lost")
    store = Store(url)
    try:
        store.set_moderator_role(1, 2)

        def kill_sessions() -> None:
            with psycopg.connect(postgres.url, autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = 'agora_lost' AND pid <> pg_backend_pid()"
                )

        kill_sessions()
        assert store.guild_settings(1).moderator_role_id == 2  # a read is retried on a new connection
        kill_sessions()
        day = date(2026, 3, 2)
        post = store.claim_slot(1, 2, day, 1.0, 1.0, owner="me")  # a claim too: a retry finds its own row
        assert post is not None and store.claim_slot(1, 2, day, 1.0, 2.0, owner="other") is None
    finally:
        store.close()
    stopped = Store(url)
    stopped.driver._pool.close()  # the connections are gone for good
    with pytest.raises(StoreUnavailable, match="PostgreSQL"):
        stopped.guild_settings(1)


def test_database_url_chooses_the_engine(tmp_path):
    from bot.settings import Settings, SettingsError

    plain = Settings.load(environ={"DATA_DIR": str(tmp_path)}, env_file=None)
    assert plain.store_target == tmp_path / "agora.sqlite3"
    url = "postgresql://agora:pw@db:5432/agora"
    chosen = Settings.load(environ={"DATABASE_URL": url}, env_file=None)
    assert chosen.store_target == url and "pw" not in repr(chosen)
    with pytest.raises(SettingsError, match="DATABASE_URL must be a PostgreSQL URL"):
        Settings.load(environ={"DATABASE_URL": "mysql://db/agora"}, env_file=None)


def test_uncovered_questions_and_unhelpful_answers(store):
    for question, passage in (("zelensky?", None), ("bread?", None), ("nato?", "p5")):
        store.record_answer(guild_id=7, channel_id=1, user_id=2, question=question, passage_id=passage)
    store.record_answer(guild_id=8, channel_id=1, user_id=2, question="elsewhere?", passage_id=None)
    assert [q for q, _ in store.uncovered_questions(7, since=0)] == ["bread?", "zelensky?"]
    assert store.uncovered_questions(7, since=time.time() + 60) == []
    for user in (2, 3):
        store.record_feedback(
            guild_id=7, channel_id=1, user_id=user, question="nato?", passage_id="p5", helpful=False
        )
    store.record_feedback(
        guild_id=7, channel_id=1, user_id=4, question="nato?", passage_id="p5", helpful=True
    )
    assert [row[:3] for row in store.unhelpful_answers(7, since=0)] == [("nato?", "p5", 2)]
    assert store.unhelpful_answers(8, since=0) == []


# ---------------------------------------------------------------------------------------- curating the deck


def test_curation_per_server(store):
    other = BIG_GUILD + 1
    store.remove_prompt(BIG_GUILD, "aaaaaaaaaaaa", BIG_USER)
    store.edit_prompt(BIG_GUILD, "bbbbbbbbbbbb", "Better question?", BIG_USER)
    store.edit_prompt(BIG_GUILD, "bbbbbbbbbbbb", "Best question?", BIG_USER)  # the newest wording wins
    own = store.add_custom_prompt(BIG_GUILD, "p1", "A quote.", "Mine?", BIG_USER, "approved")
    pending = store.add_custom_prompt(BIG_GUILD, "p2", "Another quote.", "Theirs?", BIG_USER - 1, "pending")
    curation = store.curation(BIG_GUILD)
    assert curation.removed == {"aaaaaaaaaaaa"} and curation.edits == {"bbbbbbbbbbbb": "Best question?"}
    assert [c.id for c in curation.custom] == [own] and curation.custom[0].author_id == BIG_USER
    assert store.curation(other).removed == frozenset() and store.curation(other).custom == ()
    assert [c.id for c in store.custom_prompts(BIG_GUILD, "pending")] == [pending]
    assert store.count_suggestions(BIG_GUILD, BIG_USER - 1, since=0) == (1, 1)
    assert not store.review_suggestion(other, pending, True, BIG_USER)  # another server's suggestion
    assert store.review_suggestion(BIG_GUILD, pending, True, BIG_USER)
    assert not store.review_suggestion(BIG_GUILD, pending, False, BIG_USER)  # decided once
    assert [c.id for c in store.curation(BIG_GUILD).custom] == [own, pending]
    assert store.count_suggestions(BIG_GUILD, BIG_USER - 1, since=0) == (0, 1)
