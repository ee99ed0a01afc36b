"""The state store must not stop answers: a locked file, a full disk, a folder that cannot be used."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import fake_discord
import pytest
from fake_discord import OWNER_ID, FakeDiscord, eventually, interaction, is_callback, is_followup
from test_discord_layer import EPHEMERAL, ask, assert_fits, run_bot

from bot.app import handlers
from bot.core.storage.recorder import Recorder, StoreHealth
from bot.discord_layer.client import open_store


def member(i: int) -> int:
    return 910_000_000_000_000_000 + i


@pytest.fixture(autouse=True)
def members(monkeypatch):
    """Twenty more members in the fake server (each has a rate limit of their own)."""
    for i in range(20):
        monkeypatch.setitem(fake_discord.USERS, member(i), (fake_discord.user(member(i), f"member{i}"), []))


async def ask_many(fake: FakeDiscord, count: int) -> list[dict]:
    """`count` members ask at once; every one must be acknowledged and answered."""
    payloads = [ask("Why does Russia object to NATO expansion?", user_id=member(i)) for i in range(count)]
    for payload in payloads:
        fake.feed("INTERACTION_CREATE", payload)
    for payload in payloads:
        (callback,) = await fake.wait_for(is_callback(payload), within=30)
        assert callback.json["type"] == 5  # acknowledged
        (answer,) = await fake.wait_for(is_followup(payload), within=60)
        assert "¶5" in answer.content and "> " in answer.content  # answered from the index
        assert_fits(answer)
    return payloads


def test_answers_come_while_another_process_holds_the_write_lock(agora, tmp_path, monkeypatch):
    data = tmp_path / "data"

    async def scenario(fake: FakeDiscord) -> None:
        other = sqlite3.connect(data / "agora.sqlite3", isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another process writing, for as long as it likes
        try:
            await ask_many(fake, 20)
            written = other.execute("SELECT value FROM counters WHERE name = ?", (handlers.ANSWERS_SERVED,))
            assert written.fetchall() == []  # answered, and nothing could be written yet
        finally:
            other.execute("ROLLBACK")
            other.close()
        recorder = fake.bot.services.recorder
        async with asyncio.timeout(120):
            await recorder.drain()  # the queued records are written once the file is free
        assert fake.bot.store.counter(handlers.ANSWERS_SERVED) == 20
        # The votes' buttons were added to the answers once they were recorded.
        edits = [c for c in fake.calls if c.method == "PATCH" and "/webhooks/" in c.path]
        assert len(edits) == 20 and all(c.json["components"] for c in edits)

    run_bot(agora, data, monkeypatch, scenario)


def test_answers_come_when_every_write_fails(agora, tmp_path, monkeypatch, caplog):
    data = tmp_path / "data"

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    async def scenario(fake: FakeDiscord) -> None:
        monkeypatch.setattr(fake.bot.store, "_write", full)
        monkeypatch.setattr(fake.bot.store, "increment", full)
        monkeypatch.setattr(fake.bot.store, "record_answer", full)
        fake.bot.services.recorder.first_pause = 0.01
        await ask_many(fake, 10)
        async with asyncio.timeout(60):
            await fake.bot.services.recorder.drain()
        status = interaction("status", user_id=OWNER_ID)
        fake.feed("INTERACTION_CREATE", status)
        (call,) = await fake.wait_for(is_followup(status))
        fields = {f["name"]: f["value"] for f in call.json["embeds"][0]["fields"]}
        assert "unhealthy" in fields["State store"] and "disk is full" in fields["State store"]
        assert "10 records lost" in fields["State store"]
        assert call.json["flags"] == EPHEMERAL

    with caplog.at_level(logging.WARNING):
        run_bot(agora, data, monkeypatch, scenario)
    assert any("Could not record an answer" in r.getMessage() for r in caplog.records)


def test_a_data_dir_that_cannot_be_used_keeps_state_in_memory(agora, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where DATA_DIR's parent should be")
    settings = agora.settings.with_overrides(data_dir=blocker / "data")
    store, problem = open_store(settings)
    try:
        assert problem is not None and "cannot use the state file" in problem
        store.increment("x")  # it works, in memory
        assert store.counter("x") == 1
    finally:
        store.close()


def test_recorder_retries_then_gives_up_and_says_so():
    attempts: list[int] = []

    def flaky() -> int:
        attempts.append(1)
        if len(attempts) < 3:
            raise sqlite3.OperationalError("database is locked")
        return 7

    def broken() -> None:
        raise sqlite3.OperationalError("disk I/O error")

    async def main() -> None:
        recorder = Recorder(StoreHealth(), attempts=3, first_pause=0.01)
        assert await recorder.submit("a flaky write", flaky) == 7
        assert recorder.health.healthy and len(attempts) == 3
        assert await recorder.submit("a broken write", broken) is None
        assert not recorder.health.healthy and recorder.health.given_up == 1
        assert "disk I/O error" in recorder.health.describe()
        recorder.close()

    asyncio.run(main())


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "1e9", "ten"])
def test_cooldown_values_that_are_not_numbers_in_range_are_refused(agora, tmp_path, value):
    from bot.core.storage.store import DEFAULT_COOLDOWN, Store

    store = Store(tmp_path / "s.sqlite3")
    services = handlers.Services(agora=agora, store=store)
    caller = handlers.Caller(1, 2, 3, is_moderator=True)
    reply = asyncio.run(handlers.handle_config(services, caller, "cooldown", cooldown=value))
    assert reply.ephemeral and "must be a number between 0 and 3600" in reply.content
    assert store.guild_settings(2).ask_cooldown_seconds == DEFAULT_COOLDOWN  # nothing stored
    store.close()


def test_settings_are_read_through_memory_when_the_store_is_slow(tmp_path, monkeypatch):
    import threading

    from bot.core.storage import recorder as recorder_module
    from bot.core.storage.recorder import GuildSettingsCache
    from bot.core.storage.store import GuildSettings, Store

    store = Store(tmp_path / "s.sqlite3")
    store.set_ask_cooldown(5, 42)
    release = threading.Event()
    real = store.guild_settings
    reads: list[int] = []

    def slow(guild_id: int) -> GuildSettings:
        reads.append(guild_id)
        release.wait(10)
        return real(guild_id)

    async def main() -> None:
        recorder = Recorder(StoreHealth())
        cache = GuildSettingsCache(store, recorder)
        assert (await cache.get(5)).ask_cooldown_seconds == 42  # a quick file: read, and remembered
        cache.forget(5)
        store.guild_settings = slow  # type: ignore[method-assign]
        monkeypatch.setattr(recorder_module, "READ_WAIT", 0.2)
        assert await cache.get(5) == GuildSettings(5)  # the read hangs: the defaults, for now
        # Had the check waited for the hanging read again, it would get the stored 42 after it.
        monkeypatch.setattr(recorder_module, "READ_WAIT", 30.0)
        assert await cache.get(5) == GuildSettings(5)
        assert reads == [5]  # one read in flight per server, however many checks
        release.set()
        await eventually(lambda: cache._reading.get(5) is None)
        assert (await cache.get(5)).ask_cooldown_seconds == 42  # remembered once the read came back
        recorder.close()

    asyncio.run(main())
    store.close()
