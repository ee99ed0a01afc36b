"""Shard settings: which shards a process runs, and which servers are its own."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.core.storage.store import Store
from bot.discord_layer.client import IDENTIFY_WINDOW, make_bot
from bot.settings import Settings, SettingsError
from bot.shard_plan import ShardPlan, cluster_shards, parse_shard_ids, shard_of


def plan(**env: str) -> ShardPlan:
    return Settings.load(environ=env, env_file=None).shards


def test_unset_means_one_process_as_before():
    p = plan()
    assert not p.sharded and p.shard_ids is None and p.owns(123456789012345678) and p.leads
    assert p.describe() == "all shards (discord.py picks how many)"


def test_shard_ids_lists_and_ranges():
    assert parse_shard_ids("0-3", 8) == (0, 1, 2, 3)
    assert parse_shard_ids("0,2", 4) == (0, 2)
    assert parse_shard_ids(" 0-1, 4 ,4", 5) == (0, 1, 4)
    p = plan(SHARD_COUNT="4", SHARD_IDS="1,3")
    assert p.shard_ids == (1, 3) and not p.leads and p.describe() == "shards 1,3 of 4" and p.processes == 2


def test_clusters_split_the_shards_into_contiguous_ranges():
    assert [cluster_shards(i, 3, 8) for i in range(3)] == [(0, 1), (2, 3, 4), (5, 6, 7)]
    p = plan(SHARD_COUNT="8", CLUSTER_INDEX="1", CLUSTERS="2")
    assert p.shard_ids == (4, 5, 6, 7) and p.describe() == "shards 4-7 of 8"
    assert plan(SHARD_COUNT="2").shard_ids == (0, 1)  # SHARD_COUNT alone: every shard here


def test_a_server_belongs_to_the_shard_discord_routes_it_to():
    guild = (1_700_000_000_000 << 22) | 12345  # its shard comes from the timestamp bits
    assert shard_of(guild, 4) == 1_700_000_000_000 % 4
    mine = plan(SHARD_COUNT="4", SHARD_IDS=str(shard_of(guild, 4)))
    other = plan(SHARD_COUNT="4", SHARD_IDS=str((shard_of(guild, 4) + 1) % 4))
    assert mine.owns(guild) and not other.owns(guild)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SHARD_IDS": "0"}, "need SHARD_COUNT"),
        ({"SHARD_COUNT": "0"}, "SHARD_COUNT must be 1 or more"),
        ({"SHARD_COUNT": "two"}, "whole number"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "0-2"}, "shards run from 0 to 1"),
        ({"SHARD_COUNT": "4", "SHARD_IDS": "3-1"}, "runs backwards"),
        ({"SHARD_COUNT": "4", "SHARD_IDS": "a"}, "not a list of shards"),
        ({"SHARD_COUNT": "4", "SHARD_IDS": "0", "CLUSTERS": "2"}, "not both"),
        ({"SHARD_COUNT": "4", "CLUSTERS": "2"}, "go together"),
        (
            {"SHARD_COUNT": "2", "CLUSTER_INDEX": "0", "CLUSTERS": "3"},
            "CLUSTERS must be between 1 and SHARD_COUNT",
        ),
        (
            {"SHARD_COUNT": "4", "CLUSTER_INDEX": "2", "CLUSTERS": "2"},
            "CLUSTER_INDEX must be between 0 and 1",
        ),
        ({"POST_CLAIM_SECONDS": "0"}, "POST_CLAIM_SECONDS must be between"),
    ],
)
def test_bad_shard_settings_are_explained(env, message):
    with pytest.raises(SettingsError, match=message):
        Settings.load(environ=env, env_file=None)


def test_an_identify_turn_is_held_until_ready_then_for_the_window(tmp_path):
    """Discord counts IDENTIFYs when it receives them: a turn outlasts a slow send, up to READY."""
    settings = Settings.load(environ={"SHARD_COUNT": "2", "DATA_DIR": str(tmp_path)}, env_file=None)
    store = Store(tmp_path / "s.sqlite3")

    async def identify_then_ready() -> None:
        async with make_bot(settings, agora=None, store=store) as bot:  # type: ignore[arg-type]
            bot._max_concurrency = 1  # what the gateway would say (no HTTP here)
            taken = time.time()
            await bot.before_identify_hook(0, initial=True)
            (holder,) = {holder for _lease, holder in bot._identify_turns.values()}
            # READY has not come: five seconds on, another process still waits for the turn
            assert not store.acquire_lease(
                "identify:0", "other", IDENTIFY_WINDOW, now=taken + IDENTIFY_WINDOW + 1
            )
            ready = time.time()
            await bot.on_shard_connect(0)
            done = time.time()
            # READY came: the turn is held for the window from then, and no longer
            assert store.lease_holder("identify:0", now=ready + IDENTIFY_WINDOW - 0.01) == holder
            assert store.acquire_lease(
                "identify:0", "other", IDENTIFY_WINDOW, now=done + IDENTIFY_WINDOW + 0.01
            )

    try:
        asyncio.run(identify_then_ready())
    finally:
        store.close()
