"""Discord failing the bot's calls: followups are retried, and a member is told when all fails."""

from __future__ import annotations

from fake_discord import FakeDiscord, is_callback, is_followup
from test_discord_layer import EPHEMERAL, ask, run_bot

from bot.discord_layer import discord_io
from bot.discord_layer.exts.backend.error_handler import SOMETHING_WENT_WRONG

WEBHOOK = r"/webhooks/\d+/[^/]+"


def test_a_followup_failing_for_a_while_is_sent_again(agora, tmp_path, monkeypatch):
    monkeypatch.setattr(discord_io, "FOLLOWUP_LIFE", 20.0)
    failures = iter(range(2))  # the answer's first two attempts get a 500

    def answer_once_failing(body) -> bool:
        return "¶5" in ((body or {}).get("content") or "") and next(failures, None) is not None

    async def scenario(fake: FakeDiscord) -> None:
        fake.fail("POST", WEBHOOK, status=500, code=0, message="Server Error", when=answer_once_failing)
        payload = ask("Why does Russia object to NATO expansion?")
        fake.feed("INTERACTION_CREATE", payload)
        calls = await fake.wait_for(is_followup(payload), count=3, within=30)
        assert [c.status for c in calls][-1] != 500 and "¶5" in calls[-1].content

    run_bot(agora, tmp_path, monkeypatch, scenario)


def test_an_answer_discord_keeps_refusing_is_reported_to_the_member(agora, tmp_path, monkeypatch):
    monkeypatch.setattr(discord_io, "FOLLOWUP_LIFE", 3.0)

    def the_answer(body) -> bool:
        return "¶5" in ((body or {}).get("content") or "")

    async def scenario(fake: FakeDiscord) -> None:
        fake.fail("POST", WEBHOOK, status=503, code=0, message="Service Unavailable", when=the_answer)
        payload = ask("Why does Russia object to NATO expansion?")
        fake.feed("INTERACTION_CREATE", payload)
        calls = await fake.wait_for(
            lambda c: is_followup(payload)(c) and c.content == SOMETHING_WENT_WRONG, within=30
        )
        assert calls[-1].json["flags"] == EPHEMERAL  # told, privately

    run_bot(agora, tmp_path, monkeypatch, scenario)


def test_a_response_discord_fails_once_is_sent_again_within_the_window(agora, tmp_path, monkeypatch):
    failures = iter(range(1))

    def first_time(body) -> bool:
        return (body or {}).get("type") == 4 and next(failures, None) is not None

    async def scenario(fake: FakeDiscord) -> None:
        callback = r"/interactions/\d+/[^/]+/callback"
        fake.fail("POST", callback, status=500, code=0, message="Server Error", when=first_time)
        payload = ask("   ")  # refused at once, in a private response (not deferred)
        fake.feed("INTERACTION_CREATE", payload)
        calls = await fake.wait_for(is_callback(payload), count=2)
        assert [c.status for c in calls] == [500, 200]
        assert calls[1].json["data"]["flags"] == EPHEMERAL and "empty" in calls[1].json["data"]["content"]

    run_bot(agora, tmp_path, monkeypatch, scenario)
