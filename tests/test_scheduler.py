"""The scheduler with a hand-driven clock: exactly once, restarts, catch-up, failures, rotation."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fake_discord import eventually

from bot.app import handlers
from bot.app.handlers import Caller, Services
from bot.app.posts import Delivery, Post, poll_stances, render_post
from bot.app.scheduler import Scheduler, channel_key
from bot.app.service import Agora
from bot.core.prompts.deck import DECK_MAX
from bot.core.scheduling.schedule import Schedule
from bot.core.storage.store import Store

GUILD, CHANNEL = 111, 222
OTHER_GUILD, OTHER_CHANNEL = 333, 444


class Clock:
    """Time that moves only when a test says so."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, *args: int) -> None:
        self.now = datetime(*args, tzinfo=UTC)


@dataclass
class Recorder:
    """A publisher that records posts; `broken` servers raise, `degrade` servers lose poll and thread."""

    posts: list[Post] = field(default_factory=list)
    broken: set[int] = field(default_factory=set)
    refused: set[int] = field(default_factory=set)
    degrade: set[int] = field(default_factory=set)

    async def publish(self, post: Post) -> Delivery:
        if post.guild_id in self.broken:
            raise RuntimeError("the network fell over")
        if post.guild_id in self.refused:
            return Delivery(None, problems=("Not posted: the channel no longer exists.",))
        self.posts.append(post)
        if post.guild_id in self.degrade:
            return Delivery(len(self.posts), None, ("No poll: missing Send Polls.", "No thread: missing."))
        return Delivery(len(self.posts), 1000 + len(self.posts))


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 2, 7, tzinfo=UTC))


@pytest.fixture
def stored_agora(engine_agora: Agora) -> Agora:
    """Every scheduler test runs on SQLite and on PostgreSQL."""
    return engine_agora


@pytest.fixture
def store(stored_agora: Agora) -> Store:
    assert stored_agora.store is not None
    return stored_agora.store


def scheduler_for(agora: Agora, store: Store, clock: Clock, publisher: Recorder) -> Scheduler:
    return Scheduler(store, agora, publisher, clock=clock, gap=0)


def set_schedule(store: Store, clock: Clock, guild: int = GUILD, channel: int = CHANNEL, **kw) -> Schedule:
    schedule = Schedule.create(guild, channel, kw.pop("time", "09:00"), kw.pop("zone", "Europe/London"),
                               kw.pop("days", None), now=clock(), **kw)  # fmt: skip
    store.save_schedule(schedule)
    return schedule


def tick(scheduler: Scheduler) -> list:
    return asyncio.run(scheduler.tick())


# ---------------------------------------------------------------------------------------- timing


def test_a_post_fires_at_its_time_exactly_once(stored_agora, store, clock):
    recorder = Recorder()
    scheduler = scheduler_for(stored_agora, store, clock, recorder)
    set_schedule(store, clock)
    clock.set(2026, 3, 2, 8, 59, 59)
    assert tick(scheduler) == []
    assert scheduler.seconds_until_next() == pytest.approx(1.0)
    clock.set(2026, 3, 2, 9, 0, 0)
    (result,) = tick(scheduler)
    assert result.status == "posted" and result.local_date == "2026-03-02"
    clock.set(2026, 3, 2, 9, 0, 30)
    assert tick(scheduler) == []
    assert len(recorder.posts) == 1
    # Tomorrow at 09:00 GMT; the sleep is bounded so schedule changes are seen within a minute.
    assert scheduler.seconds_until_next() == 60.0
    clock.set(2026, 3, 3, 9, 0)
    assert [r.local_date for r in tick(scheduler)] == ["2026-03-03"]
    post = recorder.posts[0]
    prompt = stored_agora.deck().get(result.prompt_id)
    assert post.poll is not None and post.poll.answers == prompt.answers and post.poll.hours == 24
    # what each answer means comes from the prompt's own stance map (unsure is stored as pass)
    assert poll_stances(prompt, post.poll.answers) == {1: "agree", 2: "disagree", 3: "pass"}
    own = replace(
        prompt,
        answers=("Yes, always", "Only on contested topics", "No"),
        stances=("agree", "unsure", "disagree"),
    )
    assert poll_stances(own, own.answers) == {1: "agree", 2: "pass", 3: "disagree"}
    assert post.thread_name and len(post.thread_name) <= 100
    history = store.prompt_history(channel_key(GUILD, CHANNEL))
    assert [h[2] for h in history] == ["schedule", "schedule"]
    assert history[0][0] != history[1][0]  # no repeat


def test_a_restart_never_double_posts(stored_agora, store, clock, tmp_path):
    set_schedule(store, clock)
    clock.set(2026, 3, 2, 9, 0, 5)
    first = Recorder()
    assert len(tick(scheduler_for(stored_agora, store, clock, first))) == 1

    # "Restart": a new store on the same file and a new scheduler, the same morning.
    again = Store(store.path)
    try:
        second = Recorder()
        restarted = scheduler_for(stored_agora, again, clock, second)
        clock.set(2026, 3, 2, 9, 5)
        assert tick(restarted) == []
        assert second.posts == []
        clock.set(2026, 3, 3, 9, 0)
        assert len(tick(restarted)) == 1
    finally:
        again.close()


def test_a_post_claimed_before_a_crash_is_not_retried(stored_agora, store, clock):
    set_schedule(store, clock)
    # The bot claimed today's slot, then died before sending (or before recording that it sent).
    slot_at = datetime(2026, 3, 2, 9, tzinfo=UTC).timestamp()
    clock.set(2026, 3, 2, 9, 0)
    store.claim_slot(GUILD, CHANNEL, datetime(2026, 3, 2).date(), slot_at, clock().timestamp())
    clock.set(2026, 3, 2, 9, 30)
    recorder = Recorder()
    assert tick(scheduler_for(stored_agora, store, clock, recorder)) == []
    assert recorder.posts == []
    services = Services(stored_agora, store, clock=clock)
    show = asyncio.run(handlers.handle_schedule(services, moderator(), "show")).content
    assert "interrupted" in show and "not retried" in show


def test_a_post_left_unfinished_by_a_dead_process_is_finished_once_with_its_nonce(stored_agora, store, clock):
    set_schedule(store, clock)
    clock.set(2026, 3, 2, 9, 0)
    first = Recorder(broken={GUILD})  # process A claims, notes its prompt, then "dies" while sending
    dying = Scheduler(store, stored_agora, first, clock=clock, gap=0, owner="A", claim_lease=30)
    original = dying._finish
    dying._finish = lambda post_id, result: asyncio.sleep(0)  # type: ignore[method-assign] # never recorded
    tick(dying)
    dying._finish = original  # type: ignore[method-assign]
    (claim,) = store.recent_posts(GUILD)
    assert claim.status == "claimed" and claim.prompt_id is not None
    second = Recorder()
    survivor = Scheduler(store, stored_agora, second, clock=clock, gap=0, owner="B", claim_lease=30)
    clock.set(2026, 3, 2, 9, 0, 20)
    assert tick(survivor) == [] and second.posts == []  # A's claim still holds
    assert survivor.seconds_until_next() == pytest.approx(10.05)  # it looks again when the claim lapses
    clock.set(2026, 3, 2, 9, 0, 40)
    (result,) = tick(survivor)  # A's lease ran out: B finishes the same post
    assert result.status == "posted" and result.prompt_id == claim.prompt_id
    (post,) = second.posts
    assert post.nonce == f"agora-{claim.id}"  # the nonce A used: Discord keeps one message
    assert tick(survivor) == [] and len(second.posts) == 1
    (done,) = store.recent_posts(GUILD)
    assert done.id == claim.id and done.status == "posted"


def test_each_process_posts_only_its_own_servers(stored_agora, store, clock):
    set_schedule(store, clock, guild=GUILD, channel=CHANNEL)
    set_schedule(store, clock, guild=OTHER_GUILD, channel=OTHER_CHANNEL)
    clock.set(2026, 3, 2, 9, 0)
    recorders = [Recorder(), Recorder()]
    shard_of = {GUILD: 0, OTHER_GUILD: 1}
    schedulers = [
        Scheduler(
            store, stored_agora, r, clock=clock, gap=0, owner=f"p{i}", owns=lambda g, i=i: shard_of[g] == i
        )
        for i, r in enumerate(recorders)
    ]
    # A deploy: a third process briefly owns every server too; each day is still posted once.
    everything = Recorder()
    schedulers.append(Scheduler(store, stored_agora, everything, clock=clock, gap=0, owner="p2"))

    async def together() -> list:
        return await asyncio.gather(*(s.tick() for s in schedulers))

    asyncio.run(together())
    posted = [p.guild_id for r in (*recorders, everything) for p in r.posts]
    assert sorted(posted) == sorted([GUILD, OTHER_GUILD])
    assert all(p.guild_id == GUILD for p in recorders[0].posts)
    assert all(p.guild_id == OTHER_GUILD for p in recorders[1].posts)


def test_a_missed_post_is_made_the_same_day_only(stored_agora, store, clock, caplog):
    set_schedule(store, clock)
    recorder = Recorder()
    scheduler = scheduler_for(stored_agora, store, clock, recorder)
    # Down over 09:00; back at 15:00 the same day: posted once, late.
    clock.set(2026, 3, 2, 15, 0)
    (late,) = tick(scheduler)
    assert late.status == "posted" and late.local_date == "2026-03-02"
    assert tick(scheduler) == []
    # Down from 08:00 on the 3rd until 07:00 on the 4th: the 3rd is skipped and logged.
    clock.set(2026, 3, 4, 7, 0)
    with caplog.at_level(logging.WARNING, logger="bot.app.scheduler"):
        assert tick(scheduler) == []
    assert any("Skipped the daily prompt" in r.getMessage() and "2026-03-03" in r.getMessage()
               for r in caplog.records)  # fmt: skip
    (skipped,) = [p for p in store.recent_posts(GUILD) if p.status == "skipped"]
    assert skipped.local_date == "2026-03-03" and "offline at 09:00 on Tue 03 Mar" in skipped.problems[0]
    assert len(recorder.posts) == 1
    tick(scheduler)
    assert len([p for p in store.recent_posts(GUILD) if p.status == "skipped"]) == 1  # logged once
    clock.set(2026, 3, 4, 9, 0)
    assert [r.local_date for r in tick(scheduler)] == ["2026-03-04"]


def test_a_failing_server_does_not_stop_the_others(stored_agora, store, clock, caplog):
    set_schedule(store, clock, guild=GUILD, channel=CHANNEL)
    set_schedule(store, clock, guild=OTHER_GUILD, channel=OTHER_CHANNEL)
    recorder = Recorder(broken={GUILD})
    clock.set(2026, 3, 2, 9, 0)
    with caplog.at_level(logging.ERROR):
        results = tick(scheduler_for(stored_agora, store, clock, recorder))
    assert {r.guild_id: r.status for r in results} == {GUILD: "failed", OTHER_GUILD: "posted"}
    assert [p.guild_id for p in recorder.posts] == [OTHER_GUILD]
    assert any(r.exc_info for r in caplog.records)  # the failure went to the log with its traceback
    (failed,) = store.recent_posts(GUILD)
    assert failed.status == "failed" and "network fell over" in failed.problems[0]
    # The lost post gave its prompt back: the channel's rotation has not moved.
    assert store.prompt_history(channel_key(GUILD, CHANNEL)) == []


def test_a_store_failure_in_one_server_does_not_stop_the_others(stored_agora, store, clock, monkeypatch):
    set_schedule(store, clock, guild=GUILD, channel=CHANNEL)
    set_schedule(store, clock, guild=OTHER_GUILD, channel=OTHER_CHANNEL)
    real = store.claim_slot

    def flaky(guild_id: int, *args, **kwargs):
        if guild_id == GUILD:
            raise OSError("disk hiccup")
        return real(guild_id, *args, **kwargs)

    monkeypatch.setattr(store, "claim_slot", flaky)
    recorder = Recorder()
    clock.set(2026, 3, 2, 9, 0)
    results = tick(scheduler_for(stored_agora, store, clock, recorder))
    assert [r.guild_id for r in results] == [OTHER_GUILD]


def test_the_loop_sleeps_until_due_and_wakes_on_changes(stored_agora, store, clock):
    recorder = Recorder()
    scheduler = scheduler_for(stored_agora, store, clock, recorder)

    async def scenario() -> None:
        task = asyncio.create_task(scheduler.run())
        try:
            await asyncio.sleep(0.05)
            set_schedule(store, clock)  # 09:00 London; it is 07:00
            clock.set(2026, 3, 2, 9, 0, 1)
            scheduler.wake()
            await eventually(lambda: recorder.posts)
            assert len(recorder.posts) == 1
            scheduler.wake()
            await asyncio.sleep(0.1)
            assert len(recorder.posts) == 1
        finally:
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    asyncio.run(scenario())


# ---------------------------------------------------------------------------------------- posts, rotation


def moderator(channel: int = CHANNEL) -> Caller:
    return Caller(1, GUILD, channel, is_moderator=True)


def test_no_repeats_until_the_deck_is_exhausted_then_cycle_two(stored_agora, store, clock):
    deck = stored_agora.deck()
    recorder = Recorder()
    scheduler = scheduler_for(stored_agora, store, clock, recorder)
    key = channel_key(GUILD, CHANNEL)
    # /debate in the channel shares the rotation with the scheduled posts.
    debated = stored_agora.debate(None, key)
    assert debated is not None
    results = [asyncio.run(scheduler.post_now(GUILD, CHANNEL)) for _ in range(len(deck))]
    dealt = [debated.id] + [r.prompt_id for r in results]
    assert sorted(dealt[: len(deck)]) == sorted(deck.ids)  # each prompt once in cycle 1
    assert [r.cycle for r in results] == [1] * (len(deck) - 1) + [2]
    assert "cycle 2" in recorder.posts[-1].content and "cycle" not in recorder.posts[0].content
    assert dealt[-1] != dealt[-2]  # a new cycle never opens with the prompt that closed the last


def test_the_post_quotes_the_prompt(stored_agora):
    prompt = stored_agora.deck().prompts[0]
    text = render_post(prompt, 1, role_id=987)
    assert text.startswith("<@&987> **Today's debate**")
    assert f"> {prompt.quote.splitlines()[0]}" in text
    assert f"— {prompt.citation}" in text
    assert f"**{prompt.question}**" in text
    if prompt.counterpoint is not None:
        assert f"(¶{prompt.counterpoint.paragraph})" in text
    assert len(text) <= 2000


def test_prompt_now_uses_the_scheduled_channel_and_counts_as_used(stored_agora, store, clock):
    recorder = Recorder()
    services = Services(stored_agora, store, clock=clock)
    services.scheduler = scheduler_for(stored_agora, store, clock, recorder)
    here = asyncio.run(handlers.handle_prompt_now(services, moderator(channel=555)))
    assert here.ephemeral and "Posted the next debate prompt in <#555>" in here.content
    set_schedule(store, clock, role_id=42, poll=False)
    there = asyncio.run(handlers.handle_prompt_now(services, moderator(channel=555)))
    assert f"<#{CHANNEL}>" in there.content
    assert [p.channel_id for p in recorder.posts] == [555, CHANNEL]
    assert recorder.posts[1].poll is None and recorder.posts[1].role_id == 42
    assert store.prompt_history(channel_key(GUILD, CHANNEL))[0][2] == "now"
    member = asyncio.run(handlers.handle_prompt_now(services, Caller(2, GUILD, CHANNEL)))
    assert member.content == handlers.NOT_MODERATOR and len(recorder.posts) == 2


def test_schedule_commands_and_problems_in_show(stored_agora, store, clock):
    recorder = Recorder(degrade={GUILD})
    services = Services(stored_agora, store, clock=clock)
    services.scheduler = scheduler_for(stored_agora, store, clock, recorder)

    def run(action: str, caller: Caller | None = None) -> str:
        return asyncio.run(handlers.handle_schedule(services, caller or moderator(), action)).content

    assert "No daily prompts are scheduled" in run("show")

    def set_(caller: Caller, time_text: str, timezone: str, **kw) -> str:
        return asyncio.run(
            handlers.handle_schedule_set(
                services, caller, channel_id=CHANNEL, time_text=time_text, timezone=timezone, **kw
            )
        ).content

    assert "HH:MM" in set_(moderator(), "9", "Europe/London")
    assert set_(Caller(2, GUILD, CHANNEL), "09:00", "UTC") == handlers.NOT_MODERATOR
    assert store.schedule(GUILD) is None
    done = set_(moderator(), "9:00", "europe/london", days="weekdays", role_id=42)
    assert f"<#{CHANNEL}> at 09:00 Europe/London, weekdays" in done and "pings <@&42>" in done
    unix = int(datetime(2026, 3, 2, 9, tzinfo=UTC).timestamp())
    assert f"Next post: Mon 02 Mar 2026, 09:00 GMT (Europe/London) · <t:{unix}:F> (<t:{unix}:R>)" in done

    clock.set(2026, 3, 2, 9, 0)
    tick(services.scheduler)
    show = run("show")
    assert "**Daily debate prompts** (on)" in show
    assert "Latest: 2026-03-02: posted, degraded — No poll: missing Send Polls. No thread: missing." in show
    assert "Next post: Tue 03 Mar 2026" in show

    assert run("pause").startswith("Daily prompts paused")
    assert "already paused" in run("pause")
    clock.set(2026, 3, 3, 9, 0)
    assert tick(services.scheduler) == []
    assert "(paused)" in run("show") and "none while paused" in run("show")
    clock.set(2026, 3, 3, 10, 0)
    resumed = run("resume")
    assert "Next post: Wed 04 Mar 2026, 09:00 GMT" in resumed  # the paused morning is not made up
    assert tick(services.scheduler) == []
    assert run("off").startswith("Daily prompts turned off")
    assert "No daily prompts are scheduled" in run("show")
    assert "There was no schedule" in run("off")
    assert run("show", Caller(2, GUILD, CHANNEL)) == handlers.NOT_MODERATOR


def test_an_empty_deck_is_recorded_not_crashed(stored_agora, store, clock, monkeypatch):
    monkeypatch.setattr(stored_agora, "next_prompt", lambda *a, **k: None)
    set_schedule(store, clock)
    clock.set(2026, 3, 2, 9, 0)
    (result,) = tick(scheduler_for(stored_agora, store, clock, Recorder()))
    assert result.status == "empty" and "no debate prompts" in result.problems[0]


# ---------------------------------------------------------------------------------------- reload


@pytest.fixture
def reloadable(reading, agora, tmp_path) -> Iterator[Agora]:
    copy = reading.copy_to(tmp_path / "reading")
    store = Store(tmp_path / "reload.sqlite3")
    service = Agora(copy.settings(tmp_path / "data"), load_embedder=lambda _n: agora.embedder, store=store)
    service.prepare(progress=False)
    yield service
    store.close()


def test_a_reload_keeps_the_history_and_new_passages_join_the_cycle(reloadable, clock):
    store = reloadable.store
    key = channel_key(GUILD, CHANNEL)
    before = reloadable.deck()
    dealt = [reloadable.next_prompt(key, "schedule") for _ in range(3)]
    used = [d.prompt.id for d in dealt]
    seeds: Path = reloadable.settings.seeds_dir
    extra = seeds / "ukraine-standoff-diplomacy.txt"
    with extra.open("a") as f:
        f.write(
            "\nWashington should stop expanding NATO and must negotiate a neutral status for Ukraine, "
            "because another round of sanctions will only harden the Kremlin's resolve.\n"
        )
    reloadable.reload()
    after = reloadable.deck()
    new = set(after.ids) - set(before.ids)
    assert new, "the added paragraph should give a new prompt"
    # unchanged passages keep their prompts' ids; one leaves only when a new, stronger prompt
    # takes its place in a full deck (at most DECK_MAX per document)
    dropped = set(before.ids) - set(after.ids)
    assert len(dropped) <= len(new) and (not dropped or len(after) >= DECK_MAX)
    assert store.prompt_cycle(key) == (1, used)  # the history survived the reload
    unused = set(after.ids) - set(used)  # (a posted prompt the new one displaced is simply gone)
    rest = [reloadable.next_prompt(key, "schedule") for _ in range(len(unused))]
    assert all(d.cycle == 1 for d in rest)
    assert not set(used) & {d.prompt.id for d in rest}  # no repeats
    assert new <= {d.prompt.id for d in rest}  # the new prompt joined the current cycle
    assert reloadable.next_prompt(key, "schedule").cycle == 2


def test_a_database_outage_delays_posts_and_loses_none(agora, postgres, clock, caplog, monkeypatch):
    import psycopg

    from bot.app import scheduler as scheduler_module
    from bot.core.storage.postgres import PostgresDriver

    monkeypatch.setattr(scheduler_module, "RETRY_SLEEP", 0.2)
    url = postgres.create_database("agora_outage")
    store = Store(PostgresDriver(url, wait=0.5))
    service = Agora(agora.settings, load_embedder=lambda _name: agora.embedder, store=store)
    service.prepare(progress=False)
    recorder = Recorder()
    scheduler = Scheduler(store, service, recorder, clock=clock, gap=0, max_sleep=0.2)
    set_schedule(store, clock)

    def admin(sql: str) -> None:
        with psycopg.connect(postgres.url, autocommit=True) as conn:
            conn.execute(sql)

    async def scenario() -> None:
        task = asyncio.create_task(scheduler.run())
        try:
            await asyncio.sleep(0.3)
            admin("ALTER DATABASE agora_outage ALLOW_CONNECTIONS false")
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'agora_outage'")
            clock.set(2026, 3, 2, 9, 0, 1)  # the post falls due while the database is away
            scheduler.wake()
            await asyncio.sleep(2.0)
            assert recorder.posts == []
            admin("ALTER DATABASE agora_outage ALLOW_CONNECTIONS true")
            await eventually(lambda: recorder.posts)
            await asyncio.sleep(0.5)
        finally:
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    with caplog.at_level(logging.WARNING):
        asyncio.run(scenario())
    store.close()
    assert len(recorder.posts) == 1  # posted once, when the database came back
    waits = [r for r in caplog.records if "wait for the database" in r.getMessage()]
    assert waits and not any(r.exc_info for r in caplog.records)  # one line each, no traceback


def test_a_taken_over_post_keeps_the_servers_wording_and_language(stored_agora, store, clock):
    """A post a dead process left unfinished goes out as the server has it: its own words, in French."""
    set_schedule(store, clock)
    store.set_language(GUILD, "fr")
    key = channel_key(GUILD, CHANNEL)
    upcoming = stored_agora.preview(key, 1)[0].prompt
    stored_agora.edit_prompt(key, upcoming.id, "Le voisin avait-il raison", by_user=1)
    clock.set(2026, 3, 2, 9, 0)
    dying = Scheduler(
        store, stored_agora, Recorder(broken={GUILD}), clock=clock, gap=0, owner="A", claim_lease=30
    )
    original = dying._finish
    dying._finish = lambda post_id, result: asyncio.sleep(0)  # type: ignore[method-assign] # dies mid-post
    tick(dying)
    dying._finish = original  # type: ignore[method-assign]
    (claim,) = store.recent_posts(GUILD)
    assert claim.prompt_id == upcoming.id
    second = Recorder()
    survivor = Scheduler(store, stored_agora, second, clock=clock, gap=0, owner="B", claim_lease=30)
    clock.set(2026, 3, 2, 9, 0, 40)
    (result,) = tick(survivor)
    assert result.prompt_id == upcoming.id
    (post,) = second.posts
    assert "**Le voisin avait-il raison?**" in post.content  # the edit, not the deck's wording
    assert post.content.startswith("**Le débat du jour**")
    assert post.poll is not None and post.poll.question == "Le voisin avait-il raison?"


def test_a_server_agora_left_gets_no_posts_until_it_returns(stored_agora, store, clock):
    recorder = Recorder()
    scheduler = scheduler_for(stored_agora, store, clock, recorder)
    set_schedule(store, clock)
    set_schedule(store, clock, OTHER_GUILD, OTHER_CHANNEL)
    store.guild_removed(GUILD, 7 * 86400, now=clock().timestamp())
    clock.set(2026, 3, 2, 9, 0)
    assert [r.guild_id for r in tick(scheduler)] == [OTHER_GUILD]
    store.guild_returned(GUILD)
    clock.set(2026, 3, 3, 9, 0)
    assert sorted(r.guild_id for r in tick(scheduler)) == [GUILD, OTHER_GUILD]
    assert [p.guild_id for p in recorder.posts].count(GUILD) == 1
