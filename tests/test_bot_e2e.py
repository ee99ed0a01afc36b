"""End to end: the real `agora run` process against the Discord emulator on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from discord_emulator import DiscordEmulator, RecordedRequest
from live_bot import BOT_START_TIMEOUT, LiveBot, bot_env, live_bot

from bot.app import handlers, limits
from bot.discord_layer.exts.backend.error_handler import SOMETHING_WENT_WRONG


@pytest.fixture(scope="module")
def live(reading, tmp_path_factory) -> Iterator[LiveBot]:
    tmp = tmp_path_factory.mktemp("e2e")
    copy = reading.copy_to(tmp)
    with DiscordEmulator() as emulator:
        env = bot_env(tmp, SEEDS_DIR=str(copy.seeds_dir), INDEX_DIR=str(copy.index_dir), **emulator.env())
        with live_bot(emulator, tmp, env) as bot:
            yield bot


def ask(d: DiscordEmulator, question: str, user: object) -> list:
    """Send /ask; return the callback and the followups once the answer has fully arrived."""
    mark = d.mark()
    payload = d.send_interaction("ask", {"question": question}, user=user)
    callback = d.wait_for_callback(payload)
    assert callback.status in (200, 204), callback.summary()
    d.wait_for_request(
        lambda r: bool(r.json.get("components")),
        method="POST",
        path=rf"/webhooks/\d+/{payload['token']}",
        after=mark,
    )
    followups = d.find_requests(method="POST", path=rf"/webhooks/\d+/{payload['token']}", after=mark)
    return [callback, *followups]


def test_commands_synced_on_start(live):
    d = live.discord
    names = {c["name"] for c in d.commands()}
    assert names == {
        "ask", "source", "about", "debate", "reload", "status", "insights", "config", "schedule", "prompt",
        "standings", "Check against the reading",
        "help", "privacy",
        "reading",
    }  # fmt: skip
    question = next(c for c in d.commands() if c["name"] == "ask")["options"][0]
    assert question["max_length"] == 1000
    identify = d.wait_ready()
    assert not identify["d"]["intents"] & (1 << 15)  # no privileged Message Content intent


def test_ask_answered_with_a_quote(live):
    d = live.discord
    user = d.add_member("asker")
    callback, *followups = ask(d, "Why does Russia object to NATO expansion?", user)
    assert callback.json["type"] == 5
    (answer,) = followups
    assert answer.status == 200
    assert "> " in answer.content and "¶5" in answer.content and "match" in answer.content


def test_everyone_in_a_question_pings_nobody(live):
    d = live.discord
    user = d.add_member("pinger")
    question = f"@everyone @here <@&{d.moderator_role_id}> why does Russia object to NATO expansion?"
    _, answer = ask(d, question, user)
    assert answer.json["allowed_mentions"] == {"parse": []}
    stored = d.get_message(answer.response["id"])
    assert "@\u200beveryone" in stored["content"]  # shown as typed, the token broken
    assert stored["mention_everyone"] is False and stored["mention_roles"] == [] and stored["mentions"] == []


def test_long_answer_is_one_message_within_limits(live):
    d = live.discord
    user = d.add_member("longreader")
    _, *parts = ask(d, "How did the zeppelin crew navigate over the Atlantic?", user)
    (answer,) = parts  # a long passage is shown in part, never as a flood of messages
    assert answer.status == 200, answer.summary()
    assert 0 < len(answer.content) <= limits.CONTENT
    assert "/source paragraph:" in answer.content


def test_mention_answered(live):
    d = live.discord
    user = d.add_member("mentioner")
    mark = d.mark()
    message = d.send_message("what do the United States and Europe threaten?", author=user, mention_bot=True)
    reply = d.wait_for_request(method="POST", path=rf"/channels/{d.channel_id}/messages", after=mark)
    assert reply.status == 200
    assert reply.json["message_reference"]["message_id"] in (message["id"], int(message["id"]))
    assert "> " in reply.content and "¶" in reply.content


def test_reload_refused_for_member_and_done_for_moderator(live):
    d = live.discord
    payload = d.send_interaction("reload", user="member")
    refused = d.wait_for_callback(payload)
    assert refused.json["type"] == 4
    assert refused.json["data"]["flags"] == 64
    assert refused.json["data"]["content"] == handlers.NOT_MODERATOR

    payload = d.send_interaction("reload", user="moderator")
    assert d.wait_for_callback(payload).json == {"type": 5, "data": {"flags": 64}}
    done = d.wait_for_followup(payload, timeout=60)
    assert done.content.startswith("Reloaded the reading:") and "changed" in done.content


def test_missing_token_says_how_to_get_one(tmp_path):
    result = subprocess.run(  # noqa: PLW1510 - the exit status is asserted
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=bot_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "DISCORD_TOKEN is not set" in result.stderr and "Reset Token" in result.stderr
    assert "Traceback" not in result.stderr


def test_rejected_token_is_explained_and_never_printed(tmp_path):
    wrong = "MTIzNDU2Nzg5.wrong-token.do-not-print-me"
    with DiscordEmulator() as emulator:
        env = bot_env(tmp_path, **{**emulator.env(), "DISCORD_TOKEN": wrong, "LOG_LEVEL": "DEBUG"})
        result = subprocess.run(  # noqa: PLW1510 - the exit status is asserted
            [sys.executable, "-m", "bot", "run"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert "Discord rejected DISCORD_TOKEN" in result.stderr and "Reset Token" in result.stderr
    assert "Traceback" not in result.stderr
    assert wrong not in result.stdout + result.stderr
    assert "do-not-print-me" not in result.stdout + result.stderr


# ---------------------------------------------------------------------------------------- daily prompts


def _far_from_now() -> str:
    """A UTC time of day twelve hours away, so the real clock never fires a post during a test."""
    return (datetime.now(UTC) + timedelta(hours=12)).strftime("%H:%M")


def _prompt_now(d: DiscordEmulator) -> tuple[RecordedRequest, int]:
    mark = d.mark()
    payload = d.send_interaction("prompt now", user="moderator")
    assert d.wait_for_callback(payload).json == {"type": 5, "data": {"flags": 64}}
    return d.wait_for_followup(payload, timeout=30), mark


def test_schedule_and_prompt_now_end_to_end(live):
    d = live.discord
    role = d.add_role("Debaters")
    options = {"channel": d.channel_id, "time": _far_from_now(), "timezone": "UTC", "role": role["id"]}
    refused = d.wait_for_callback(d.send_interaction("schedule set", options, user="member"))
    assert refused.json["data"]["content"] == handlers.NOT_MODERATOR and refused.json["data"]["flags"] == 64

    done = d.wait_for_callback(d.send_interaction("schedule set", options, user="moderator"))
    text = done.json["data"]["content"]
    assert text.startswith(f"Daily debate prompts set: <#{d.channel_id}> at ") and f"<@&{role['id']}>" in text
    assert "Next post:" in text and ":F> (<t:" in text
    assert done.json["data"]["allowed_mentions"] == {"parse": []}

    choices = d.wait_for_callback(
        d.send_autocomplete("schedule set", {"timezone": "kolkata"}, "timezone", user="moderator")
    )
    assert {"name": "Asia/Kolkata", "value": "Asia/Kolkata"} in choices.json["data"]["choices"]

    followup, mark = _prompt_now(d)
    assert followup.content == f"Posted the next debate prompt in <#{d.channel_id}>."
    post = d.wait_for_request(method="POST", path=rf"/channels/{d.channel_id}/messages", after=mark)
    assert post.status == 200
    assert post.json["allowed_mentions"] == {"parse": [], "roles": [int(role["id"])]}
    assert post.json["poll"]["duration"] == 24
    assert "**Today's debate**" in post.content and "\n> " in post.content and "¶" in post.content
    stored = d.get_message(post.response["id"])
    assert stored["mention_roles"] == [role["id"]] and stored["mentions"] == []
    assert stored["mention_everyone"] is False
    answers = [a["poll_media"]["text"] for a in stored["poll"]["answers"]]
    assert len(answers) == 3 and answers[0].startswith("Agree") and answers[1].startswith("Disagree")
    assert answers[2] == "Not sure"
    thread = d.wait_for_request(
        method="POST", path=rf"/channels/{d.channel_id}/messages/{post.response['id']}/threads", after=mark
    )
    assert thread.status == 201 and thread.json["name"].startswith("Debate")
    assert d.get_channel(post.response["id"])["type"] == 11  # a public thread under the prompt

    # the poll ends: its result goes to the prompt's thread, once
    mark = d.mark()
    d.end_poll(post.response["id"], [3, 1, 2])
    result = d.wait_for_request(method="POST", path=rf"/channels/{post.response['id']}/messages", after=mark)
    assert result.status == 200 and result.json["allowed_mentions"] == {"parse": []}
    assert result.content.startswith("**The poll has closed.**")
    assert f"• {answers[0]}: 3 votes (50%)" in result.content
    assert "• Not sure: 2 votes (33%)" in result.content
    assert f"Of the 4 who took a side: {answers[0]} 75% · {answers[1]} 25%." in result.content

    show = d.wait_for_callback(d.send_interaction("schedule show", user="moderator")).json["data"]["content"]
    assert "**Daily debate prompts** (on)" in show and "(/prompt now): posted" in show
    assert "Next post:" in show


def test_prompt_now_degrades_and_reports_a_deleted_channel(live):
    d = live.discord
    d.fail_route("POST", rf"/channels/{d.channel_id}/messages/\d+/threads", 403, 50013, times=1)
    d.wait_for_callback(
        d.send_interaction(
            "schedule set",
            {"channel": d.channel_id, "time": _far_from_now(), "timezone": "UTC", "poll": False},
            user="moderator",
        )
    )
    followup, mark = _prompt_now(d)
    assert (
        followup.content.startswith("Posted the next debate prompt")
        and "No thread: Discord refused it (403" in followup.content
    )
    post = d.wait_for_request(method="POST", path=rf"/channels/{d.channel_id}/messages", after=mark)
    assert "poll" not in post.json and post.json["allowed_mentions"] == {"parse": []}

    doomed = d.add_text_channel("doomed")
    d.wait_for_callback(
        d.send_interaction(
            "schedule set",
            {"channel": doomed["id"], "time": _far_from_now(), "timezone": "UTC"},
            user="moderator",
        )
    )
    d.delete_channel(doomed["id"])
    followup, _ = _prompt_now(d)
    assert "Not posted:" in followup.content and "no longer exists" in followup.content
    show = d.wait_for_callback(d.send_interaction("schedule show", user="moderator")).json["data"]["content"]
    assert "not posted — Not posted:" in show and "No thread: Discord refused it" in show
    off = d.wait_for_callback(d.send_interaction("schedule off", user="moderator")).json["data"]["content"]
    assert off.startswith("Daily prompts turned off")


def test_a_bad_minute_on_discord_every_ask_acknowledged_once_and_answered(live):
    """20 % of calls answered 429 (with retry_after) and 10 % 500: nobody is left without a word."""
    d = live.discord
    members = [d.add_member(f"unlucky{i}") for i in range(100)]
    question = "Why does Russia object to NATO expansion?"
    d.fail_share(rate_limited=0.2, server_error=0.1, retry_after=0.3, seed=2026)
    try:
        payloads = []
        for m in members:  # a busy minute: twenty questions a second
            payloads.append(d.send_interaction("ask", {"question": question}, user=m))
            time.sleep(0.05)
        deadline = time.monotonic() + 240
        finished: dict[str, str] = {}
        while len(finished) < len(payloads) and time.monotonic() < deadline:
            for p in payloads:
                message = d.original_response(p)
                loading = message is None or message["flags"] & (1 << 7)
                if p["id"] not in finished and not loading and message["content"]:
                    finished[p["id"]] = message["content"]
            time.sleep(0.5)
        injected = d.injected
    finally:
        d.clear_failures()
    acknowledged = {
        p["id"]: [
            r
            for r in d.find_requests(method="POST", path=rf"/interactions/{p['id']}/{p['token']}/callback")
            if r.status in (200, 204)
        ]
        for p in payloads
    }
    assert injected[429] >= 20 and injected[500] >= 10  # the bad minute really happened
    assert all(len(calls) == 1 for calls in acknowledged.values())  # every one, exactly once
    stuck = [p["id"] for p in payloads if p["id"] not in finished]
    assert not stuck, (stuck[:3], live.output()[-3000:])
    answered = sum("¶5" in text for text in finished.values())
    told = sum(text == SOMETHING_WENT_WRONG for text in finished.values())
    assert answered + told == 100
    print(f"\n429s {injected[429]}, 500s {injected[500]}: {answered} answered, {told} told of a failure")


def test_a_data_dir_that_cannot_be_used_does_not_stop_answers_and_a_stop_finishes_one(reading, tmp_path):
    """The stop comes while Discord has not yet answered the answer's POST: it is seen through."""
    copy = reading.copy_to(tmp_path)
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where DATA_DIR's parent folder should be")
    with DiscordEmulator() as emulator:
        emulator.slow_answers("POST", r"/webhooks/\d+/[^/]+", 2.0, seen_at_once=True)
        env = bot_env(
            tmp_path, SEEDS_DIR=str(copy.seeds_dir), INDEX_DIR=str(copy.index_dir), **emulator.env()
        )
        env["DATA_DIR"] = str(blocker / "data")
        log_path = tmp_path / "bot.log"
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=tmp_path,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
            try:
                emulator.wait_ready(timeout=BOT_START_TIMEOUT)
                _, answer = ask(
                    emulator, "Why does Russia object to NATO expansion?", emulator.add_member("m")
                )
                assert answer.status == 200 and "¶5" in answer.content
            finally:
                process.terminate()  # the answer's POST is made, its response still 2 s away
                process.wait(20)
    output = log_path.read_text(errors="replace")
    assert "cannot use the state file" in output and "answering anyway" in output
    assert "Stopping: finishing 1 request(s) in hand first" in output
    assert process.returncode == 0 and "Traceback" not in output, output
