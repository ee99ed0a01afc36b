"""`agora doctor` and `agora migrate-store` (SQLite file → a real PostgreSQL database)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.core.scheduling.schedule import Schedule
from bot.core.storage.store import SCHEMA_VERSION, Store, open_driver
from bot.ops.cli import main
from bot.ops.local_postgres import free_port

GUILD, CHANNEL, USER = 1_234_567_890_123_456_789, 987_654_321_098_765_432, 2**62 + 5


@pytest.fixture
def env(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "SHARD_COUNT", "SHARD_IDS", "CLUSTER_INDEX", "CLUSTERS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def filled_state_file(path) -> Store:
    store = Store(path)
    store.set_moderator_role(GUILD, 42)
    store.set_ask_cooldown(GUILD, 3)
    store.save_schedule(
        Schedule.create(
            GUILD, CHANNEL, "09:30", "Europe/Paris", "weekdays", now=datetime(2026, 3, 2, tzinfo=UTC)
        )
    )
    post = store.claim_slot(GUILD, CHANNEL, date(2026, 3, 2), 1.5, 2.5, owner="old")
    assert post is not None
    store.finish_post(
        post, "degraded", prompt_id="p1", cycle=1, message_id=USER, problems=["No poll."], at=3.5
    )
    store.record_skipped(GUILD, CHANNEL, date(2026, 3, 3), 4.5, "Missed")
    store.start_post(GUILD, CHANNEL, "now", at=5.5)
    for n in range(3):
        store.record_prompt(f"{GUILD}:{CHANNEL}", f"p{n}", 1, "schedule", at=10.0 + n)
    answer = store.record_answer(
        guild_id=GUILD, channel_id=CHANNEL, user_id=USER, question="why?", passage_id="x"
    )
    store.record_feedback(
        guild_id=GUILD, channel_id=CHANNEL, user_id=USER, question="why?", passage_id="x", helpful=True
    )
    assert answer
    store.increment("answers_served", 7)
    store.set_state("index_version", "v-1", at=9.0)
    return store


def contents(store: Store) -> tuple:
    return (
        store.guild_settings(GUILD),
        store.schedules(),
        store.recent_posts(GUILD),
        store.prompt_history(f"{GUILD}:{CHANNEL}"),
        store.feedback_summary(GUILD),
        store.counter("answers_served"),
        store.get_state("index_version"),
    )


def test_migrate_store_copies_everything_once(env, tmp_path, postgres, capsys):
    source = filled_state_file(tmp_path / "data" / "agora.sqlite3")
    expected = contents(source)
    answer = source.answer_record(1)
    source.close()
    url = postgres.create_database("agora_migrated")
    assert main(["migrate-store", "--to", url]) == 0
    out = capsys.readouterr().out
    assert "scheduled_posts: 3 rows" in out and "Set DATABASE_URL" in out
    target = Store(url)
    try:
        assert target.schema_version == SCHEMA_VERSION
        assert contents(target) == expected
        assert target.answer_record(1) == answer
        # New rows continue after the copied ids, and a copied day stays claimed.
        assert (
            target.record_answer(guild_id=None, channel_id=None, user_id=1, question="q", passage_id=None)
            == 2
        )
        assert target.claim_slot(GUILD, CHANNEL, date(2026, 3, 2), 1.5, 99.0, owner="new") is None
    finally:
        target.close()
    # A second copy would mix two histories: refused, nothing changed.
    assert main(["migrate-store", "--to", url]) == 1
    assert "already holds data" in capsys.readouterr().err


def test_migrate_store_explains_bad_input(env, tmp_path, postgres, capsys):
    assert main(["migrate-store"]) == 2
    assert "--to postgresql://" in capsys.readouterr().err
    url = postgres.create_database("agora_unused")
    assert main(["migrate-store", "--from", str(tmp_path / "missing.sqlite3"), "--to", url]) == 1
    assert "no state file" in capsys.readouterr().err
    Store(tmp_path / "data" / "agora.sqlite3").close()
    assert main(["migrate-store", "--to", f"postgresql://postgres@127.0.0.1:{free_port()}/x"]) == 1
    err = capsys.readouterr().err
    assert "Cannot connect to PostgreSQL" in err and "Traceback" not in err


def test_doctor_reports_store_schema_shards_and_index(env, tmp_path, postgres, capsys):
    url = postgres.create_database("agora_doctor")
    store = Store(url)
    store.save_reading(0, "fed", "0123456789abcdef", [], None)
    store.save_reading(42, "notes", "fedcba9876543210", [], 7)
    store.close()
    env.setenv("DATABASE_URL", url)
    env.setenv("SHARD_COUNT", "4")
    env.setenv("CLUSTER_INDEX", "1")
    env.setenv("CLUSTERS", "2")
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "Shards: shards 2-3 of 4" in out
    assert f"Store: postgresql at postgresql://postgres@127.0.0.1:{postgres.port}/agora_doctor" in out
    assert f"Schema: version {SCHEMA_VERSION} (current)" in out
    assert "Index: none in" in out
    assert "Readings: 2 in the store" in out  # every reading, not only the seeds folder's
    assert "  fed (the install's, text 0123456789ab): not indexed here yet" in out
    assert "  notes (server 42's, text fedcba987654): not indexed here yet" in out


def test_doctor_on_a_newer_schema_or_an_unreachable_database(env, tmp_path, capsys):
    path = tmp_path / "data" / "agora.sqlite3"
    Store(path).close()
    driver = open_driver(path)
    with driver.transaction() as tx:
        driver.write_version(tx, SCHEMA_VERSION + 1)
    driver.close()
    assert main(["doctor"]) == 1
    assert f"newer than this Agora ({SCHEMA_VERSION})" in capsys.readouterr().out
    env.setenv("DATABASE_URL", f"postgresql://agora:secret@127.0.0.1:{free_port()}/agora")
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "Store: cannot open it. Cannot connect to PostgreSQL" in out and "secret" not in out


def test_run_with_an_unreachable_database_exits_cleanly(env, capsys):
    env.setenv("DISCORD_TOKEN", "x")
    env.setenv("DATABASE_URL", f"postgresql://agora@127.0.0.1:{free_port()}/agora")
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert "Cannot connect to PostgreSQL" in err and "Traceback" not in err
