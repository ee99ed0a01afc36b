"""Daily prompts through discord.py's real parsing: commands in, the post's JSON out (fake clock)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

from fake_discord import (
    CHANNEL,
    CHANNEL_ID,
    CUSTOM_ROLE_ID,
    GUILD_ID,
    MANAGER_ID,
    MEMBER_ID,
    Call,
    FakeDiscord,
    eventually,
    interaction,
    is_callback,
    is_channel_message,
    is_followup,
)

from bot.app import handlers
from bot.app.posts import thread_name
from bot.app.service import Agora
from bot.core.storage.store import Store
from bot.discord_layer.client import AgoraBot

EPHEMERAL = 64
Scenario = Callable[[FakeDiscord], Awaitable[None]]
ROLE = {"id": str(CUSTOM_ROLE_ID), "name": "Helpers", "permissions": "0", "position": 2, "color": 0,
        "hoist": False, "managed": False, "mentionable": False}  # fmt: skip


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def run_bot(service: Agora, data_dir: Path, monkeypatch, scenario: Scenario, clock: Clock) -> None:
    """An AgoraBot on fake HTTP whose scheduler runs on `clock`."""

    async def main() -> None:
        store = service.store or Store(data_dir / "agora.sqlite3")
        bot = AgoraBot(service.settings.with_overrides(data_dir=data_dir), service, store)
        bot._connection.guild_ready_timeout = 0.05  # READY (and the scheduler) without the 2 s wait
        fake = FakeDiscord(bot, monkeypatch)
        try:
            await fake.start()
            assert bot.services.scheduler is not None
            bot.services.scheduler.clock = clock
            await asyncio.wait_for(bot.wait_until_ready(), 10)
            await scenario(fake)
        finally:
            await bot.close()
            if service.store is None:
                store.close()

    asyncio.run(main())


def schedule_command(
    sub: str, options: list[dict] | None = None, *, user_id: int = MANAGER_ID, **data
) -> dict:
    return interaction(
        "schedule", [{"name": sub, "type": 1, "options": options or []}], user_id=user_id, **data
    )


def schedule_set(user_id: int = MANAGER_ID, role: bool = True) -> dict:
    options = [
        {"name": "channel", "type": 7, "value": str(CHANNEL_ID)},
        {"name": "time", "type": 3, "value": "09:00"},
        {"name": "timezone", "type": 3, "value": "Europe/London"},
    ]
    resolved = {"channels": {str(CHANNEL_ID): {**CHANNEL, "permissions": "0"}}}
    if role:
        options.append({"name": "role", "type": 8, "value": str(CUSTOM_ROLE_ID)})
        resolved["roles"] = {str(CUSTOM_ROLE_ID): ROLE}
    return schedule_command("set", options, user_id=user_id, resolved=resolved)


def prompt_now(user_id: int = MANAGER_ID) -> dict:
    return interaction("prompt", [{"name": "now", "type": 1}], user_id=user_id)


async def reply_to(fake: FakeDiscord, payload: dict) -> str:
    (call,) = await fake.wait_for(is_callback(payload))
    assert call.json["type"] == 4 and call.json["data"]["flags"] == EPHEMERAL
    assert call.json["data"]["allowed_mentions"] == {"parse": []}
    return call.json["data"]["content"]


def is_thread(c: Call) -> bool:
    return (
        c.method == "POST"
        and c.path.startswith(f"/channels/{CHANNEL_ID}/messages/")
        and c.path.endswith("/threads")
    )


def test_scheduled_post_with_poll_thread_and_role_ping(stored_agora, tmp_path, monkeypatch):
    clock = Clock(datetime(2026, 3, 2, 8, tzinfo=UTC))
    prompt = stored_agora.deck().prompts[0]  # cycle 1 follows the reading

    async def scenario(fake: FakeDiscord) -> None:
        refused = schedule_set(user_id=MEMBER_ID)
        fake.feed("INTERACTION_CREATE", refused)
        assert await reply_to(fake, refused) == handlers.NOT_MODERATOR
        assert fake.bot.store.schedule(GUILD_ID) is None

        command = schedule_set()
        fake.feed("INTERACTION_CREATE", command)
        text = await reply_to(fake, command)
        assert text.startswith(f"Daily debate prompts set: <#{CHANNEL_ID}> at 09:00 Europe/London, every day")
        assert f"pings <@&{CUSTOM_ROLE_ID}>" in text
        unix = int(datetime(2026, 3, 2, 9, tzinfo=UTC).timestamp())
        assert f"<t:{unix}:F> (<t:{unix}:R>)" in text
        assert "is not mentionable" in text  # the role can't be pinged by this bot: said up front

        await fake.settle(0.1)
        assert not [c for c in fake.calls if is_channel_message(c)]  # 08:00: not yet
        clock.now = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
        fake.bot.services.scheduler.wake()
        (post,) = await fake.wait_for(is_channel_message)
        body = post.json
        assert body["content"].startswith(f"<@&{CUSTOM_ROLE_ID}> **Today's debate**")
        assert f"> {prompt.quote.splitlines()[0]}" in body["content"]
        assert f"— {prompt.citation}" in body["content"] and f"**{prompt.question}**" in body["content"]
        assert body["allowed_mentions"] == {"parse": [], "roles": [CUSTOM_ROLE_ID]}
        poll = body["poll"]
        assert poll["question"]["text"] == prompt.question
        assert [a["poll_media"]["text"] for a in poll["answers"]] == list(prompt.answers)
        assert poll["duration"] == 24 and poll["allow_multiselect"] is False

        (thread,) = await fake.wait_for(is_thread)
        assert thread.json["name"] == thread_name(prompt)
        if prompt.topic:
            assert thread.json["name"] == f"Debate: {prompt.topic[:1].upper()}{prompt.topic[1:]}"[:100]
        assert thread.json["auto_archive_duration"] == 1440

        await fake.settle(0.2)
        assert len([c for c in fake.calls if is_channel_message(c)]) == 1  # exactly once

        show = schedule_command("show")
        fake.feed("INTERACTION_CREATE", show)
        text = await reply_to(fake, show)
        assert "**Daily debate prompts** (on)" in text and "Latest: 2026-03-02: posted" in text
        tomorrow = int(datetime(2026, 3, 3, 9, tzinfo=UTC).timestamp())
        assert f"Next post: Tue 03 Mar 2026, 09:00 GMT (Europe/London) · <t:{tomorrow}:F>" in text

    run_bot(stored_agora, tmp_path, monkeypatch, scenario, clock)
    posts = stored_agora.store.recent_posts(GUILD_ID)
    assert [(p.status, p.local_date) for p in posts] == [("posted", "2026-03-02")]
    assert posts[0].thread_id is not None


def test_prompt_now_degrades_without_poll_or_thread_and_tells_moderators(stored_agora, tmp_path, monkeypatch):
    clock = Clock(datetime(2026, 3, 2, 12, tzinfo=UTC))

    async def scenario(fake: FakeDiscord) -> None:
        fake.fail("POST", rf"/channels/{CHANNEL_ID}/messages", when=lambda body: bool(body.get("poll")))
        fake.fail("POST", rf"/channels/{CHANNEL_ID}/messages/\d+/threads")
        member = prompt_now(user_id=MEMBER_ID)
        fake.feed("INTERACTION_CREATE", member)
        assert await reply_to(fake, member) == handlers.NOT_MODERATOR

        payload = prompt_now()  # no schedule: posts here, with thread and poll on by default
        fake.feed("INTERACTION_CREATE", payload)
        (followup,) = await fake.wait_for(is_followup(payload))
        assert fake.for_interaction(payload)[0].json == {"type": 5, "data": {"flags": EPHEMERAL}}
        assert followup.json["flags"] == EPHEMERAL
        assert followup.content.startswith(f"Posted the next debate prompt in <#{CHANNEL_ID}>.")
        assert "No poll: Discord refused it (403" in followup.content
        assert "No thread: Discord refused it (403" in followup.content
        tries = [c for c in fake.calls if is_channel_message(c)]
        assert [c.status for c in tries] == [403, 200] and "poll" not in tries[1].json
        assert tries[1].json["allowed_mentions"] == {"parse": []}  # no role chosen: nobody pinged

        show = schedule_command("show")
        fake.feed("INTERACTION_CREATE", show)
        text = await reply_to(fake, show)
        assert "No daily prompts are scheduled" in text
        assert "(/prompt now): posted, degraded — No poll: Discord refused it" in text

    run_bot(stored_agora, tmp_path, monkeypatch, scenario, clock)


def test_a_deleted_channel_is_reported_not_crashed(stored_agora, tmp_path, monkeypatch):
    clock = Clock(datetime(2026, 3, 2, 12, tzinfo=UTC))

    async def scenario(fake: FakeDiscord) -> None:
        command = schedule_set(role=False)
        fake.feed("INTERACTION_CREATE", command)
        await reply_to(fake, command)
        fake.feed("CHANNEL_DELETE", {**CHANNEL, "guild_id": str(GUILD_ID)})
        fake.fail("GET", rf"/channels/{CHANNEL_ID}", status=404, code=10003)
        payload = prompt_now()
        fake.feed("INTERACTION_CREATE", payload)
        (followup,) = await fake.wait_for(is_followup(payload))
        assert "Not posted: the channel" in followup.content and "no longer exists" in followup.content
        assert not [c for c in fake.calls if is_channel_message(c)]

        clock.now = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)  # the next scheduled post fails the same way
        fake.bot.services.scheduler.wake()
        await eventually(  # the slot is claimed first, then finished: wait for the outcome
            lambda: any(
                p.local_date == "2026-03-03" and p.status != "claimed"
                for p in fake.bot.store.recent_posts(GUILD_ID)
            )
        )
        show = schedule_command("show")
        fake.feed("INTERACTION_CREATE", show)
        text = await reply_to(fake, show)
        assert "Latest: 2026-03-03: not posted — Not posted: the channel" in text
        assert "**Recent problems**" in text and "(/prompt now): not posted" in text

    run_bot(stored_agora, tmp_path, monkeypatch, scenario, clock)
    assert stored_agora.store.prompt_history(f"{GUILD_ID}:{CHANNEL_ID}") == []  # nothing was used up
