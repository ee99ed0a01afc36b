"""End to end with shards: two real `agora run` processes, SHARD_COUNT=2, one PostgreSQL.

The Discord emulator serves two shards and routes each server to its shard. Servers on both
shards have a daily prompt due; one process is killed (SIGKILL) while it posts, and started
again. Every server gets its prompt exactly once, from the process running its shard; a
/reload on one process changes the answers of both; readings added from Discord or another
process are served by both, each channel from its own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from discord_emulator import DiscordEmulator
from live_bot import bot_env

from bot.core.readings.draft import Upload
from bot.core.scheduling.schedule import Schedule
from bot.core.storage.store import Store

SHARDS = 2
SERVERS_PER_SHARD = 12
START_TIMEOUT = 90
NEW_TEXT = (
    "The Zorblatt accord of 2031 divided the river's water between the three valley towns, "
    "giving each an equal share in dry summers and letting the upstream town store the surplus."
)


@dataclass
class Proc:
    name: str
    env: dict[str, str]
    cwd: Path
    runs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def log(self) -> Path:
        return self.cwd / f"{self.name}.log"

    def start(self) -> subprocess.Popen[bytes]:
        with self.log.open("ab") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=self.cwd,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.runs.append(process)
        return process

    @property
    def current(self) -> subprocess.Popen[bytes]:
        return self.runs[-1]

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def wait_until(check: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def debate_posts(d: DiscordEmulator, channel_id: str) -> list[dict]:
    return [m for m in d.messages(channel_id) if "Today's debate" in (m.get("content") or "")]


@dataclass
class Cluster:
    discord: DiscordEmulator
    store: Store
    servers: dict[int, list[dict]]  # shard -> servers ({"id", "channel_id"})
    procs: list[Proc]


@pytest.fixture(scope="module")
def cluster(reading, postgres, tmp_path_factory) -> Iterator[Cluster]:
    tmp = tmp_path_factory.mktemp("shards")
    copy = reading.copy_to(tmp)
    url = postgres.create_database("agora_shards_e2e")
    store = Store(url)
    with DiscordEmulator(shard_count=SHARDS, max_concurrency=1) as emulator:
        # Messages are made at once but answered late: a process killed right after one appears
        # has sent it without knowing, and has not recorded it.
        emulator.slow_answers("POST", r"/channels/\d+/messages", 0.8)
        servers = {
            s: [emulator.add_guild(f"s{s}-{i}", shard=s) for i in range(SERVERS_PER_SHARD)]
            for s in range(SHARDS)
        }
        now = datetime.now(UTC)
        slot = now.replace(second=0, microsecond=0) - timedelta(minutes=1)
        if slot.date() != now.date():
            slot = now.replace(hour=0, minute=0, second=0, microsecond=0)
        for server in (*servers[0], *servers[1], {"id": emulator.guild_id}):
            store.set_ask_cooldown(int(server["id"]), 0)
        for server in (*servers[0], *servers[1]):
            store.save_schedule(
                Schedule(
                    int(server["id"]), int(server["channel_id"]), f"{slot:%H:%M}", "UTC",
                    thread=True, poll=True, active_since=slot.timestamp() - 60, updated_at=now.timestamp(),
                )
            )  # fmt: skip
        common = {
            "DATABASE_URL": url,
            "SEEDS_DIR": str(copy.seeds_dir),
            "INDEX_DIR": str(copy.index_dir),
            "SHARD_COUNT": str(SHARDS),
            "POST_CLAIM_SECONDS": "3",
            "INDEX_WATCH_SECONDS": "0.5",
            **emulator.env(),
        }
        procs = [
            Proc("first", bot_env(tmp / "first", CLUSTER_INDEX="0", CLUSTERS="2", **common), tmp),
            Proc("second", bot_env(tmp / "second", SHARD_IDS="1", **common), tmp),
        ]
        for proc in procs:
            proc.start()
        try:
            yield Cluster(emulator, store, servers, procs)
        finally:
            for proc in procs:
                if proc.current.poll() is None:
                    proc.current.send_signal(signal.SIGTERM)
            for proc in procs:
                try:
                    proc.current.wait(20)
                except subprocess.TimeoutExpired:
                    proc.current.kill()
            store.close()


def test_each_post_once_by_its_shard_through_a_crash(cluster):
    d = cluster.discord
    first, second = cluster.procs
    channels = {s: [srv["channel_id"] for srv in cluster.servers[s]] for s in range(SHARDS)}

    # Kill the first process (shard 0) while it posts: a few of its servers have their prompt.
    wait_until(
        lambda: sum(bool(debate_posts(d, c)) for c in channels[0]) >= 3,
        START_TIMEOUT,
        "the first posts on shard 0",
    )
    os.kill(first.current.pid, signal.SIGKILL)
    first.current.wait(10)
    posted_before_restart = sum(bool(debate_posts(d, c)) for c in channels[0])
    assert posted_before_restart < SERVERS_PER_SHARD, "the kill came too late to test a restart"
    first.start()

    every = [*channels[0], *channels[1]]
    wait_until(lambda: all(debate_posts(d, c) for c in every), START_TIMEOUT, "a prompt in every server")

    def rows() -> list[tuple]:
        with cluster.store.transaction() as tx:
            return tx.execute(
                "SELECT guild_id, status, claimed_by FROM scheduled_posts WHERE kind = 'schedule'"
            ).fetchall()

    # Every post recorded as made, the one the killed process had claimed too (its claim lapses
    # after POST_CLAIM_SECONDS and the restart finishes it): no process has a post in hand now.
    wait_until(
        lambda: all(status in ("posted", "degraded") for _g, status, _c in rows()),
        START_TIMEOUT,
        "every post to be recorded",
    )
    counts = {c: len(debate_posts(d, c)) for c in every}
    assert set(counts.values()) == {1}, counts  # exactly once: no double, no loss
    # The post in flight when the first process died was finished by its restart, with the
    # same nonce, which the emulator (like Discord) answered with the message already made.
    assert "never finished (same nonce" in first.output()
    assert d.rate_report()["nonce_replays"] >= 1

    # Each post came from the process running its server's shard.
    posts = rows()
    assert len(posts) == 2 * SERVERS_PER_SHARD
    pids = {0: {str(p.pid) for p in first.runs}, 1: {str(second.current.pid)}}
    for guild_id, status, claimed_by in posts:
        assert status in ("posted", "degraded"), (guild_id, status)
        assert claimed_by.split(":")[1] in pids[d.shard_of(guild_id)]
    report = d.rate_report()
    assert report["identify_too_soon"] == 0  # IDENTIFY turns were shared across the processes
    assert report["max_channel_messages_5s"] <= 5
    for proc in cluster.procs:
        assert "Traceback" not in proc.output(), proc.output()[-3000:]


def ask(d: DiscordEmulator, question: str, channel_id: str) -> str:
    mark = d.mark()
    payload = d.send_interaction("ask", {"question": question}, user="member", channel_id=channel_id)
    d.wait_for_callback(payload)
    reply = d.wait_for_request(method="POST", path=rf"/webhooks/\d+/{payload['token']}", after=mark)
    return reply.content or ""


def test_a_reload_on_one_process_changes_the_answers_of_both(cluster):
    d = cluster.discord
    question = "What did the Zorblatt accord decide about the river?"
    where = [cluster.servers[s][0]["channel_id"] for s in range(SHARDS)]
    assert all("valley towns" not in ask(d, question, c) for c in where)
    seeds = Path(cluster.procs[0].env["SEEDS_DIR"])
    (seeds / "zorblatt.txt").write_text(f"The Zorblatt Accord\n\n{NEW_TEXT}\n")
    mark = d.mark()
    payload = d.send_interaction("reload", user="moderator")  # in the main server, on one of the shards
    d.wait_for_callback(payload)
    reply = d.wait_for_request(method="POST", path=rf"/webhooks/\d+/{payload['token']}", after=mark)
    assert "Reloaded the reading" in (reply.content or ""), reply.summary()
    reloader = d.shard_of(d.guild_id)
    other = cluster.procs[1 - reloader]
    wait_until(
        lambda: "Now serving index" in other.output(),
        START_TIMEOUT,
        "the other process to load the new index",
    )
    for channel in where:
        assert "valley towns" in ask(d, question, channel)
    building = [p for p in cluster.procs if "Reloaded:" in p.output()]
    assert len(building) == 1  # built once, by the process that got /reload


def test_a_process_started_later_serves_the_current_index(cluster):
    d = cluster.discord
    proc = cluster.procs[1]  # runs shard 1
    proc.current.send_signal(signal.SIGTERM)
    assert proc.current.wait(20) == 0  # a clean stop
    connected = proc.output().count("Connected as")
    proc.start()
    wait_until(
        lambda: proc.output().count("Connected as") > connected, START_TIMEOUT, "the restart to connect"
    )
    question = "What did the Zorblatt accord decide about the river?"
    assert "valley towns" in ask(d, question, cluster.servers[1][1]["channel_id"])
    assert "Traceback" not in proc.output()


ALPHA = (
    "The Quillon Record\n\n"
    "The Quillon treaty of 1822 fixed the border along the Merrow river and gave the fishing "
    "rights of its estuary to the northern villages.\n\n"
    "Its second article required every ferry on the Merrow to carry a lantern of green glass after dusk.\n"
)
BETA = (
    "Notes on the Ostrava Glassworks\n\n"
    "The Ostrava glassworks cooled their kilns with snow carried down from the Kelm pass each winter, "
    "which made their blue glass famous across the valley.\n\n"
    "Their apprentices served nine winters before they were allowed to blow a vessel on their own.\n"
)


def test_channels_on_both_shards_answer_from_their_own_readings(cluster, library_on, tmp_path):
    """Readings live in PostgreSQL: each process serves them, indexing the stored text where needed."""
    d = cluster.discord
    for proc in cluster.procs:  # (when this test runs alone, the processes may still be starting)
        wait_until(
            lambda p=proc: p.output().count("Connected as") >= len(p.runs),
            START_TIMEOUT,
            f"{proc.name} to connect",
        )
    d.wait_for_request(method="PUT", path=r"/applications/\d+/commands", timeout=START_TIMEOUT)
    here = d.shard_of(d.guild_id)  # the main server (where the moderator is) runs on this shard
    other = cluster.servers[1 - here][1]

    # 1. `alpha`, added from Discord in the main server (on one process), used by a new channel
    mark = d.mark()
    payload = d.send_interaction("reading add", {"name": "alpha", "text": ALPHA}, user="moderator")
    d.wait_for_callback(payload)
    preview = d.wait_for_followup(payload, after=mark, timeout=START_TIMEOUT)
    ids = [c["custom_id"] for row in preview.json["components"] for c in row["components"]]
    confirm = next(i for i in ids if ":confirm:" in i)
    mark = d.mark()
    click = d.send_component(preview.response["id"], confirm, user="moderator")
    d.wait_for_callback(click)
    d.wait_for_request(
        lambda r: "Installed `alpha`" in (r.json.get("content") or ""),
        method="PATCH",
        path=rf"/webhooks/\d+/{click['token']}/messages/@original",
        after=mark,
        timeout=START_TIMEOUT,
    )
    room = d.add_text_channel("quillon")
    mark = d.mark()
    payload = d.send_interaction("reading use", {"name": "alpha", "channel": room["id"]}, user="moderator")
    d.wait_for_callback(payload)
    assert "now draws on the reading `alpha`" in (d.wait_for_followup(payload, after=mark).content or "")

    # 2. `beta`, an install reading added by a third process (this test's), bound in a server of each shard
    store = Store(cluster.procs[0].env["DATABASE_URL"])
    try:
        library = library_on(store, tmp_path / "cli")
        library.install(library.propose(0, "beta", [Upload("ostrava.txt", BETA.encode())]), None)
        library.use(int(other["id"]), int(other["channel_id"]), "beta")
        beta_room = d.add_text_channel("ostrava")
        library.use(int(d.guild_id), int(beta_room["id"]), "beta")
        fingerprint = store.reading_fingerprint(0, "beta")
    finally:
        store.close()
    time.sleep(2.5)  # BINDING_SECONDS: the processes ask the store again

    kilns = "How did the Ostrava glassworks cool their kilns?"
    ferries = "What did the Quillon treaty require of ferries on the Merrow?"
    assert "snow carried down from the Kelm pass" in ask(d, kilns, other["channel_id"])  # the other shard
    assert "snow carried down from the Kelm pass" in ask(d, kilns, beta_room["id"])  # this shard
    assert "green glass" in ask(d, ferries, room["id"])
    assert "green glass" not in ask(d, ferries, beta_room["id"])  # each channel its own reading
    assert "Kelm" not in ask(d, kilns, room["id"])
    for proc in cluster.procs:  # each process built `beta`'s index from the stored text, in its own folder
        assert (Path(proc.env["DATA_DIR"]) / "readings" / str(fingerprint)).is_dir()
        assert "Traceback" not in proc.output(), proc.output()[-3000:]
