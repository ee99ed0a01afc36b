"""Component ids are data from the network: signed for their server and channel, read strictly.

Through discord.py's real parsing (fake Discord): a forged, copied, stale or out-of-range
vote id is refused at once, privately, with nothing queued; a burst of 100 of them leaves the
next real answer as fast as before. The recorder drops a write that cannot succeed instead of
retrying it, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import stat
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fake_discord import (
    CHANNEL_ID,
    GUILD_ID,
    HELPER_ID,
    FakeDiscord,
    bot_message,
    component,
    is_callback,
    is_followup,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_discord_layer import ask, run_bot

from bot.app.handlers import Caller, Services, handle_feedback
from bot.core.components import KEY_FILE, ComponentKey, ComponentRefused
from bot.core.components.ids import FORGED, STALE
from bot.core.storage.recorder import Recorder
from bot.core.storage.store import Store

EPHEMERAL = 64
OTHER_GUILD = 910_000_000_000_000_001
OTHER_CHANNEL = 910_000_000_000_000_002
FIGURES = os.environ.get("AGORA_FIGURES")  # a file to write the measured latencies to (for the README)


# ------------------------------------------------------------------ the ids themselves


def test_ids_are_bound_to_their_server_and_channel(tmp_path):
    key = ComponentKey.load_or_create(tmp_path)
    made = key.vote_id(42, True, GUILD_ID, CHANNEL_ID)
    assert len(made) <= 100 and made.startswith("agora:vote:y:42:")
    vote = key.read_vote(made, GUILD_ID, CHANNEL_ID)
    assert (vote.answer_id, vote.helpful) == (42, True)
    for guild, channel in ((OTHER_GUILD, CHANNEL_ID), (GUILD_ID, OTHER_CHANNEL), (None, None)):
        with pytest.raises(ComponentRefused, match="not made here"):
            key.read_vote(made, guild, channel)
    tampered = made.replace(":42:", ":43:")
    with pytest.raises(ComponentRefused, match="not made here"):
        key.read_vote(tampered, GUILD_ID, CHANNEL_ID)
    with pytest.raises(ComponentRefused, match="older version"):
        key.read_vote("agora:vote:y:42", GUILD_ID, CHANNEL_ID)  # the unsigned ids of before
    other = ComponentKey.load_or_create(tmp_path / "elsewhere")  # another deployment's key
    with pytest.raises(ComponentRefused):
        other.read_vote(made, GUILD_ID, CHANNEL_ID)
    with pytest.raises(ValueError):
        key.vote_id(2**63, True, GUILD_ID, CHANNEL_ID)


def test_the_key_is_kept_private_in_the_data_dir_and_shared(tmp_path):
    with ThreadPoolExecutor(8) as pool:  # several processes starting at once agree on one key
        keys = list(pool.map(lambda _: ComponentKey.load_or_create(tmp_path), range(8)))
    made = keys[0].vote_id(7, False, GUILD_ID, CHANNEL_ID)
    assert all(k.read_vote(made, GUILD_ID, CHANNEL_ID).answer_id == 7 for k in keys)
    path = tmp_path / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(path.read_bytes()) == 32
    assert "****" in repr(keys[0]) and path.read_bytes().hex() not in repr(keys[0])
    again = ComponentKey.load_or_create(tmp_path)  # after a restart: the same key, old buttons work
    assert again.read_vote(made, GUILD_ID, CHANNEL_ID).answer_id == 7


FORGERIES = [
    "agora:vote:y:18446744073709551616",  # 2**64, the report's stall
    "agora:vote:y:9223372036854775808:AAAAAAAAAAAAAAAAAAAAAA",
    "agora:vote:y:99999999999999999999999999999:AAAAAAAAAAAAAAAAAAAAAA",
    "agora:vote:n:-1:AAAAAAAAAAAAAAAAAAAAAA",
    "agora:vote:y:0012:AAAAAAAAAAAAAAAAAAAAAA",
    "agora:vote:y:１２:AAAAAAAAAAAAAAAAAAAAAA",
    "agora:vote:x:12:AAAAAAAAAAAAAAAAAAAAAA",
    "agora:vote:y:12:AAAAAAAAAAAAAAAAAAAAAA",
    "agora:vote:y:12:AAAAAAAAAAAAAAAAAAAAAA:extra",
    "agora:vote:y:12:" + "A" * 80,
    "agora:vote:",
]


@pytest.mark.parametrize("forged", FORGERIES)
def test_forged_ids_are_refused(forged, tmp_path):
    with pytest.raises(ComponentRefused):
        ComponentKey.load_or_create(tmp_path).read_vote(forged, GUILD_ID, CHANNEL_ID)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    custom_id=st.one_of(
        st.text(max_size=120), st.from_regex(r"agora:vote:[yn]:[0-9]{1,25}:[A-Za-z0-9_-]{22}")
    )
)
def test_fuzz_only_ids_made_here_are_read(custom_id):
    key = ComponentKey(b"k" * 32)
    try:
        vote = key.read_vote(custom_id, GUILD_ID, CHANNEL_ID)
    except ComponentRefused as refused:
        assert str(refused) in (FORGED, STALE)
    else:  # only possible for an id this key made for this place
        assert key.vote_id(vote.answer_id, vote.helpful, GUILD_ID, CHANNEL_ID) == custom_id
        assert 1 <= vote.answer_id < 2**63


# ------------------------------------------------------------------ the recorder


def test_the_recorder_drops_a_write_that_cannot_succeed(database):  # SQLite and PostgreSQL
    store = Store(database)
    tries = {"impossible": 0}

    def impossible() -> None:
        tries["impossible"] += 1
        store.record_feedback(
            guild_id=2**64, channel_id=1, user_id=1, question="q", passage_id="p", helpful=True
        )

    async def main() -> tuple[object, object]:
        recorder = Recorder(first_pause=5.0)  # a retry would wait 5 s: the test would show it
        try:
            dropped = recorder.submit("an impossible vote", impossible)
            fine = recorder.submit(
                "a vote",
                lambda: store.record_answer(
                    guild_id=1, channel_id=2, user_id=3, question="q", passage_id="p"
                ),
            )
            async with asyncio.timeout(4):
                results = await asyncio.gather(dropped, fine)
            assert recorder.health.dropped == 1 and recorder.health.failures == 0
            assert recorder.health.healthy  # one bad write says nothing about the store
            return results[0], results[1]
        finally:
            recorder.close()

    try:
        dropped, fine = asyncio.run(main())
        assert dropped is None and isinstance(fine, int) and tries["impossible"] == 1
        assert store.feedback_summary() == {"helpful": 0, "not_helpful": 0}
    finally:
        store.close()


def test_a_vote_never_lands_on_another_servers_answer(stored_agora):
    services = Services(stored_agora, stored_agora.store)
    theirs = stored_agora.store.record_answer(
        guild_id=OTHER_GUILD, channel_id=OTHER_CHANNEL, user_id=5, question="why?", passage_id="p1"
    )
    member = Caller(HELPER_ID, GUILD_ID, CHANNEL_ID)
    reply = asyncio.run(handle_feedback(services, member, theirs, True))
    assert "no longer on record" in reply.content
    assert stored_agora.store.feedback_summary() == {"helpful": 0, "not_helpful": 0}


# ------------------------------------------------------------------ through Discord


def click(custom_id: str, message: dict, *, guild_id: int = GUILD_ID, channel_id: int = CHANNEL_ID) -> dict:
    payload = component(custom_id, message, user_id=HELPER_ID)
    if guild_id != GUILD_ID or channel_id != CHANNEL_ID:
        payload = copy.deepcopy(payload)
        payload["guild_id"] = str(guild_id)
        payload["guild"]["id"] = str(guild_id)
        payload["authorizing_integration_owners"] = {"0": str(guild_id)}
        payload["channel_id"] = str(channel_id)
        payload["channel"] = {**payload["channel"], "id": str(channel_id), "guild_id": str(guild_id)}
        payload["message"] = {**message, "channel_id": str(channel_id)}
    return payload


def test_a_burst_of_forged_clicks_is_refused_and_leaves_answers_as_fast(agora, tmp_path, monkeypatch):
    figures: dict[str, float] = {}

    async def timed_answer(fake: FakeDiscord, question: str) -> tuple[float, dict]:
        payload = ask(question)
        started = time.perf_counter()
        fake.feed("INTERACTION_CREATE", payload)
        (followup,) = await fake.wait_for(is_followup(payload))
        return time.perf_counter() - started, followup.json

    async def scenario(fake: FakeDiscord) -> None:
        recorder = fake.bot.services.recorder
        await timed_answer(fake, "What does Russia want?")  # warm
        before, answer = await timed_answer(fake, "Why does Russia object to NATO expansion?")
        message = bot_message(answer)
        helpful = answer["components"][0]["components"][0]["custom_id"]
        answer_id = int(helpful.split(":")[3])
        key = fake.bot.services.components
        elsewhere = key.vote_id(answer_id, True, GUILD_ID, OTHER_CHANNEL)  # a real id, another channel

        def forged(n: int) -> tuple[dict, str]:
            """The n-th forged click of the burst: seven kinds in turn, each click its own."""
            return [
                (click(f"agora:vote:y:{2**64 + n}", message), FORGED),  # the report's stall
                (click(f"agora:vote:n:{answer_id}", message), STALE),  # an unsigned id of before
                (click(elsewhere, message), FORGED),
                (click(helpful, message, guild_id=OTHER_GUILD, channel_id=OTHER_CHANNEL), FORGED),
                (click(helpful.replace(f":{answer_id}:", f":{answer_id + 1}:"), message), FORGED),
                (click(f"agora:vote:y:{n + 1}:" + "A" * 22, message), FORGED),
                (click(f"not-agora:{n}", message), FORGED),
            ][n % 7]

        submitted: list[str] = []
        real_submit = recorder.submit
        monkeypatch.setattr(
            recorder, "submit", lambda what, write: submitted.append(what) or real_submit(what, write)
        )
        burst = []
        for n in range(100):
            payload, expected = forged(n)
            burst.append((payload, expected, time.perf_counter()))
            fake.feed("INTERACTION_CREATE", payload)
        slowest = 0.0
        for payload, expected, fed in burst:
            (refusal,) = await fake.wait_for(is_callback(payload))
            slowest = max(slowest, time.perf_counter() - fed)
            assert refusal.json["type"] == 4 and refusal.json["data"]["flags"] == EPHEMERAL
            assert refusal.json["data"]["content"] == expected
        assert submitted == [] and recorder.pending == 0  # nothing queued, nothing waiting
        after, again = await timed_answer(fake, "What sanctions does the Biden administration threaten?")
        assert again["components"], "the next answer came with its vote buttons at once"
        figures.update(before=before, after=after, slowest_refusal=slowest)
        # a stall like the report's (about 15 s per bad click) would be minutes; allow for a busy machine
        assert after < 3 * before + 5.0, figures
        assert fake.bot.store.feedback_summary() == {"helpful": 0, "not_helpful": 0}

        real = click(helpful, message)  # and the real button still works
        fake.feed("INTERACTION_CREATE", real)
        (thanks,) = await fake.wait_for(is_callback(real))
        assert "noted as helpful" in thanks.json["data"]["content"]

    run_bot(agora, tmp_path, monkeypatch, scenario)
    if FIGURES:
        with open(FIGURES, "a", encoding="utf-8") as out:
            out.write(json.dumps({"forged_burst": figures}) + "\n")
