"""End to end: poll votes, /standings and "Check against the reading" through the real bot process.

The bot runs as `agora run` against the Discord emulator; votes arrive as gateway events
(MESSAGE_POLL_VOTE_ADD / _REMOVE), and the ones cast while the bot was down are read back
from the poll-voters endpoint when it starts again.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable

from discord_emulator import DiscordEmulator
from live_bot import BOT_START_TIMEOUT, bot_env

from bot.app import limits
from bot.core.storage.store import Store

WAIT = 60.0


def wait_until(check: Callable[[], object], what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def start_bot(
    emulator: DiscordEmulator, env: dict[str, str], cwd, log, *, first: bool
) -> subprocess.Popen[bytes]:
    mark = emulator.mark()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"], cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    if first:  # commands are uploaded on the first start only (then only when they change)
        emulator.wait_ready(timeout=BOT_START_TIMEOUT)
        emulator.wait_for_request(method="PUT", path=r"/applications/\d+/commands", timeout=30, after=mark)
    return process


def stop_bot(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
    # Stopped, not killed: a SIGTERM ends the bot cleanly, also while it is still starting.
    assert process.returncode == 0


def embeds_fit(body: dict) -> None:
    embeds = body.get("embeds") or []
    assert len(embeds) <= limits.EMBEDS_PER_MESSAGE
    total = 0
    for e in embeds:
        assert len(e.get("title", "")) <= limits.EMBED_TITLE
        assert len(e.get("description", "")) <= limits.EMBED_DESCRIPTION
        assert len(e.get("fields", [])) <= limits.FIELDS_PER_EMBED
        for f in e.get("fields", []):
            assert 0 < len(f["name"]) <= limits.FIELD_NAME and 0 < len(f["value"]) <= limits.FIELD_VALUE
        total += (
            len(e.get("title", "")) + len(e.get("description", "")) + len(e.get("footer", {}).get("text", ""))
        )
        total += sum(len(f["name"]) + len(f["value"]) for f in e.get("fields", []))
    assert total <= limits.EMBED_TOTAL
    assert len(body.get("content") or "") <= limits.CONTENT


def test_votes_standings_and_check_end_to_end(agora, reading, tmp_path):
    copy = reading.copy_to(tmp_path)
    deck = [p for p in agora.deck()]
    with DiscordEmulator() as d:
        env = bot_env(tmp_path, SEEDS_DIR=str(copy.seeds_dir), INDEX_DIR=str(copy.index_dir), **d.env())
        log_path = tmp_path / "bot.log"
        with log_path.open("wb") as log:
            process = start_bot(d, env, tmp_path, log, first=True)
            try:
                # the commands: /standings and the message command are synced
                kinds = {(c["name"], c.get("type", 1)) for c in d.commands()}
                assert ("standings", 1) in kinds and ("Check against the reading", 3) in kinds
                identify = d.wait_ready()
                assert identify["d"]["intents"] & (1 << 24)  # the polls intent, not privileged
                assert not identify["d"]["intents"] & (1 << 15)
                # ready: its once-per-start read-back of recent polls' voters is behind it (a poll
                # posted before that would be read back, the vote "missed while down" included)
                wait_until(lambda: b"Connected as" in log_path.read_bytes(), "the bot to be ready")

                # a daily prompt with its poll: its answers' stances are recorded
                mark = d.mark()
                payload = d.send_interaction("prompt now", user="moderator")
                d.wait_for_followup(payload, timeout=30)
                post = d.wait_for_request(
                    method="POST", path=rf"/channels/{d.channel_id}/messages", after=mark
                )
                poll_id = int(post.response["id"])
                store = Store(tmp_path / "data" / "agora.sqlite3")
                try:
                    wait_until(lambda: store.polls_to_backfill(0.0, 86400.0), "the poll to be recorded")
                    voters = [d.add_member(f"voter{i}") for i in range(4)]
                    for i, v in enumerate(voters):
                        d.vote_poll(poll_id, 1 + i % 3, user=v)
                    member = d.add_member("plain")
                    d.send_message("not a poll", author=member)
                    wait_until(lambda: len(store.poll_votes(int(d.guild_id))) == 4, "four votes stored")
                    stances = {v.user_id: v.stance for v in store.poll_votes(int(d.guild_id))}
                    first = int(voters[0]["user"]["id"])
                    assert stances[first] == "agree" and stances[int(voters[2]["user"]["id"])] == "pass"
                    d.vote_poll(poll_id, 1, user=voters[0], remove=True)
                    wait_until(lambda: len(store.poll_votes(int(d.guild_id))) == 3, "a vote taken back")
                    # a vote cast while the bot is down is missed, until the bot starts again
                    d.vote_poll(poll_id, 2, user=voters[0], dispatch=False)
                    time.sleep(1)
                    assert first not in {v.user_id for v in store.poll_votes(int(d.guild_id))}

                    # enough votes for a map: two camps of six over six more prompts
                    camp = [d.add_member(f"camp{i}") for i in range(12)]
                    for n, prompt in enumerate(deck[:6]):
                        message = 10**15 + n
                        store.record_poll(
                            message,
                            guild_id=int(d.guild_id),
                            channel_id=int(d.channel_id),
                            prompt_id=prompt.id,
                            stances={1: "agree", 2: "disagree", 3: "pass"},
                        )
                        for i, m in enumerate(camp):
                            side = (i < 6) == (n % 2 == 0)
                            store.add_poll_vote(message, 1 if side else 2, int(m["user"]["id"]))

                    # /standings: one embed and a PNG, nobody named, within Discord's limits
                    asker = camp[0]
                    mark = d.mark()
                    payload = d.send_interaction("standings", user=asker)
                    assert d.wait_for_callback(payload).json["type"] == 5
                    shown = d.wait_for_followup(payload, timeout=60, after=mark)
                    assert shown.status == 200, shown.summary()
                    body = shown.json
                    embeds_fit(body)
                    assert not (body.get("flags", 0) & 64)
                    assert body["allowed_mentions"] == {"parse": []}
                    [embed] = body["embeds"]
                    assert embed["title"] == "Where the group stands"
                    assert embed["image"]["url"] == "attachment://standings.png"
                    assert any(f["name"].startswith("Group A · 6 members") for f in embed["fields"])
                    assert any(f["name"].startswith("Group B · 6 members") for f in embed["fields"])
                    [png] = [f for f in shown.files if f.filename == "standings.png"]
                    assert png.data.startswith(b"\x89PNG")
                    text = json.dumps(body)
                    for m in camp + voters:
                        assert m["user"]["id"] not in text and m["user"]["username"] not in text

                    # privately: which group am I in; then forget my votes
                    payload = d.send_interaction("standings", {"mine": True}, user=camp[1])
                    mine = d.wait_for_followup(payload, timeout=60)
                    assert mine.json["flags"] & 64 and "You are in **Group" in mine.content
                    assert "Your votes:" in mine.content and mine.content.count("• Agree: “") == 3
                    payload = d.send_interaction("standings", {"forget_my_votes": True}, user=camp[1])
                    gone = d.wait_for_followup(payload, timeout=60)
                    assert gone.json["flags"] & 64 and gone.content.startswith("Deleted 6 poll votes")
                    assert store.poll_votes(int(d.guild_id), user_id=int(camp[1]["user"]["id"])) == []

                    # the rate limit: three in a row, then a private refusal
                    for _ in range(3):
                        payload = d.send_interaction("standings", {"mine": True}, user=camp[2])
                        d.wait_for_followup(payload, timeout=60)
                    refused = d.wait_for_callback(d.send_interaction("standings", user=camp[2]))
                    assert (
                        refused.json["data"]["flags"] & 64 and "a bit fast" in refused.json["data"]["content"]
                    )

                    # Check against the reading: a member's message, right-clicked
                    sentence = next(
                        s
                        for p in agora.snapshot.index.passages
                        if not p.is_meta
                        for s in p.sentence_texts()
                        if len(s.split()) > 10 and not set(s) & set('"“”') and s.split()[4].isalpha()
                    )
                    words = sentence.split()
                    changed = " ".join([*words[:4], "zeppelinesque", *words[5:]])
                    said = d.send_message(f'The article says "{sentence}" and also "{changed}" @everyone')
                    payload = d.send_interaction(
                        "Check against the reading", command_type=3, target_id=said["id"], user=member
                    )
                    assert d.wait_for_callback(payload).json == {"type": 5, "data": {"flags": 64}}
                    checked = d.wait_for_followup(payload, timeout=60)
                    assert checked.json["flags"] & 64
                    embeds_fit(checked.json)
                    fields = checked.json["embeds"][0]["fields"]
                    assert fields[0]["name"].startswith("Quote found · ")
                    assert fields[1]["name"].startswith("Quote differs · ")
                    assert (
                        "zeppelinesque" in fields[1]["value"] and words[4].strip(",.;") in fields[1]["value"]
                    )
                    [button] = checked.json["components"][0]["components"]
                    assert button["custom_id"] == "agora:share"
                    mark = d.mark()
                    click = d.send_component(checked.response["id"], "agora:share", user=member)
                    shared = d.wait_for_callback(click)
                    assert shared.json["type"] == 4 and not (shared.json["data"].get("flags", 0) & 64)
                    assert shared.json["data"]["allowed_mentions"] == {"parse": []}
                    assert shared.json["data"]["embeds"][0]["title"] == "Checked against the reading"
                finally:
                    store.close()
            finally:
                stop_bot(process)

            # started again: the vote cast while it was down is read back from Discord
            process = start_bot(d, env, tmp_path, log, first=False)
            try:
                store = Store(tmp_path / "data" / "agora.sqlite3")
                try:
                    wait_until(
                        lambda: any(
                            v.user_id == first and v.stance == "disagree"
                            for v in store.poll_votes(int(d.guild_id))
                        ),
                        "the missed vote read back",
                        timeout=BOT_START_TIMEOUT + WAIT,
                    )
                    voters_calls = d.find_requests(
                        method="GET", path=rf"/channels/\d+/polls/{poll_id}/answers/\d"
                    )
                    assert {r.path.rsplit("/", 1)[1] for r in voters_calls} == {"1", "2", "3"}
                finally:
                    store.close()
            finally:
                stop_bot(process)
    output = log_path.read_text(errors="replace")
    assert "Traceback" not in output, output[-3000:]
