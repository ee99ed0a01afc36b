"""The Discord layer through discord.py's real parsing: raw gateway payloads in, recorded JSON out."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from fake_discord import (
    APP_ID,
    BOT_ROLE_ID,
    CUSTOM_ROLE_ID,
    GUILD_ID,
    HELPER_ID,
    MANAGER_ID,
    MEMBER_ID,
    OWNER_ID,
    Call,
    FakeDiscord,
    bot_message,
    component,
    interaction,
    is_callback,
    is_channel_message,
    is_followup,
    message_create,
)

from bot.app import handlers, limits
from bot.app.service import Agora
from bot.core.storage.store import Store
from bot.discord_layer.client import AgoraBot
from bot.discord_layer.exts.backend.error_handler import SOMETHING_WENT_WRONG

EPHEMERAL = 64
Scenario = Callable[[FakeDiscord], Awaitable[None]]


@pytest.fixture
def private_agora(reading, agora, tmp_path) -> Agora:
    """An Agora on a private copy of the reading (for reloads), sharing the loaded model."""
    copy = reading.copy_to(tmp_path / "reading")
    service = Agora(copy.settings(tmp_path / "data"), load_embedder=lambda _name: agora.embedder)
    service.prepare(progress=False)
    return service


def run_bot(service: Agora, data_dir: Path, monkeypatch, scenario: Scenario) -> None:
    """Start an AgoraBot on fake HTTP, run `scenario` against it, close it."""

    async def main() -> None:
        store = Store(data_dir / "agora.sqlite3")
        bot = AgoraBot(service.settings.with_overrides(data_dir=data_dir), service, store)
        fake = FakeDiscord(bot, monkeypatch)
        try:
            await fake.start()
            await scenario(fake)
        finally:
            await bot.close()
            store.close()

    asyncio.run(main())


def ask(question: str, user_id: int = MEMBER_ID) -> dict:
    return interaction("ask", [{"name": "question", "type": 3, "value": question}], user_id=user_id)


def assert_fits(call: Call) -> None:
    """The body respects every Discord limit and turns mentions off."""
    body = call.json.get("data", call.json) if "type" in call.json else call.json
    assert body["allowed_mentions"] == {"parse": []} or body["allowed_mentions"] == {
        "parse": [],
        "replied_user": False,
    }
    assert len(body.get("content") or "") <= limits.CONTENT
    embeds = body.get("embeds") or []
    assert len(embeds) <= limits.EMBEDS_PER_MESSAGE
    for e in embeds:
        assert len(e.get("title") or "") <= limits.EMBED_TITLE
        assert len(e.get("description") or "") <= limits.EMBED_DESCRIPTION
        for f in e.get("fields", []):
            assert len(f["name"]) <= limits.FIELD_NAME
            assert len(f["value"]) <= limits.FIELD_VALUE
    total = sum(
        len(e.get("title") or "")
        + len(e.get("description") or "")
        + sum(len(f["name"]) + len(f["value"]) for f in e.get("fields", []))
        for e in embeds
    )
    assert total <= limits.EMBED_TOTAL


# ---------------------------------------------------------------------------------------- sync


def test_commands_are_synced_on_first_start_only(agora, tmp_path, monkeypatch):
    synced: list[list[dict]] = []

    async def first(fake: FakeDiscord) -> None:
        puts = [c for c in fake.calls if c.method == "PUT" and c.path == f"/applications/{APP_ID}/commands"]
        synced.extend(c.json for c in puts)

    run_bot(agora, tmp_path, monkeypatch, first)
    assert len(synced) == 1
    commands = {c["name"]: c for c in synced[0]}
    assert set(commands) == {
        "ask", "source", "about", "debate", "reload", "status", "insights", "config", "schedule", "prompt",
        "standings", "Check against the reading",
        "help", "privacy",
        "reading",
    }  # fmt: skip
    assert {o["name"] for o in commands["reading"]["options"]} == {"add", "use", "list", "remove"}
    question = commands["ask"]["options"][0]
    assert (question["name"], question["required"], question["max_length"]) == ("question", True, 1000)
    assert commands["ask"]["description"].startswith("Ask the reading")
    assert int(commands["reload"]["default_member_permissions"]) == 1 << 5
    config = {o["name"] for o in commands["config"]["options"]}
    assert config == {"show", "moderator-role", "cooldown", "language"}

    synced.clear()
    run_bot(agora, tmp_path, monkeypatch, first)  # same commands, same data folder: no upload
    assert synced == []


# ---------------------------------------------------------------------------------------- /ask


def test_ask_defers_then_answers_with_quote_citation_and_confidence(agora, tmp_path, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        payload = ask("Why does Russia object to NATO expansion?")
        fake.feed("INTERACTION_CREATE", payload)
        (followup,) = await fake.wait_for(is_followup(payload))
        calls = fake.for_interaction(payload)
        assert calls[0].json == {"type": 5}  # acknowledged first ("thinking…")
        assert calls[1] is followup
        content = followup.content
        assert content.startswith("**Q:** Why does Russia object to NATO expansion?")
        assert "\n> " in content and "**Putin sees NATO expansion" in content  # quoted, sentence marked
        assert "Can the Ukraine Standoff be Solved Diplomatically?, ¶5" in content
        assert "strong match" in content or "good match" in content
        assert "Related:" in content
        assert followup.json.get("flags", 0) & EPHEMERAL == 0
        assert_fits(followup)
        buttons = followup.json["components"][0]["components"]
        assert [b["label"] for b in buttons] == ["Helpful", "Not helpful"]
        assert all(b["custom_id"].startswith("agora:vote:") for b in buttons)

    run_bot(agora, tmp_path, monkeypatch, scenario)


def test_everyone_and_role_mentions_in_a_question_ping_nobody(agora, tmp_path, monkeypatch):
    question = f"@everyone @here <@&{CUSTOM_ROLE_ID}> <@{OWNER_ID}> why does Russia object to NATO expansion?"

    async def scenario(fake: FakeDiscord) -> None:
        payload = ask(question)
        fake.feed("INTERACTION_CREATE", payload)
        (followup,) = await fake.wait_for(is_followup(payload))
        assert "@everyone @here" in followup.content and f"<@&{CUSTOM_ROLE_ID}>" in followup.content
        assert followup.json["allowed_mentions"] == {"parse": []}  # no users, roles or everyone

        message = message_create(question, user_id=HELPER_ID)
        fake.feed("MESSAGE_CREATE", message)
        (reply,) = await fake.wait_for(is_channel_message)
        assert reply.json["allowed_mentions"] == {"parse": [], "replied_user": False}

    run_bot(agora, tmp_path, monkeypatch, scenario)


def test_long_answer_is_one_message_pointing_to_the_rest(agora, tmp_path, monkeypatch):
    passage = next(p for p in agora.snapshot.index.passages if "zeppelin crew" in p.text)
    assert len(passage.text) > limits.CONTENT

    async def scenario(fake: FakeDiscord) -> None:
        payload = ask("How did the zeppelin crew navigate over the Atlantic?")
        fake.feed("INTERACTION_CREATE", payload)
        (answer,) = await fake.wait_for(is_followup(payload))
        await fake.settle()
        assert len([c for c in fake.calls if is_followup(payload)(c)]) == 1  # one message, not a flood
        assert_fits(answer)
        assert "**" in answer.content  # the answering sentence is in the part shown, marked
        assert f"/source paragraph:{passage.paragraph} document:{passage.document}" in answer.content
        assert answer.json["components"]  # the vote buttons

    run_bot(agora, tmp_path, monkeypatch, scenario)


def test_one_rate_limit_for_every_member_command_answers_privately(agora, tmp_path, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        first = ask("What sanctions does the Biden administration threaten?")
        fake.feed("INTERACTION_CREATE", first)
        await fake.wait_for(is_followup(first))
        for command in (
            interaction("source", [{"name": "paragraph", "type": 4, "value": 5}]),
            interaction("debate"),
        ):
            fake.feed("INTERACTION_CREATE", command)
            (call,) = await fake.wait_for(is_callback(command))
            assert call.json["type"] == 5  # within the burst: deferred, then answered
        again = ask("And what does Russia want?")
        fake.feed("INTERACTION_CREATE", again)
        (refusal,) = await fake.wait_for(is_callback(again))
        assert refusal.json["type"] == 4
        assert refusal.json["data"]["flags"] == EPHEMERAL
        assert "try again in" in refusal.json["data"]["content"]
        source = interaction("source", [{"name": "paragraph", "type": 4, "value": 5}])
        fake.feed("INTERACTION_CREATE", source)
        (refused,) = await fake.wait_for(is_callback(source))
        data = refused.json["data"]
        assert data["flags"] == EPHEMERAL and "try again in" in data["content"]
        blank = ask("   ", user_id=HELPER_ID)
        fake.feed("INTERACTION_CREATE", blank)
        (empty,) = await fake.wait_for(is_callback(blank))
        assert empty.json["data"]["flags"] == EPHEMERAL and "empty" in empty.json["data"]["content"]
        await fake.settle()
        assert not [c for c in fake.calls if is_followup(again)(c) or is_followup(blank)(c)]

    run_bot(agora, tmp_path, monkeypatch, scenario)


def test_mention_is_answered_in_a_reply(agora, tmp_path, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        fake.feed("MESSAGE_CREATE", message_create("hello there", mention_bot=False))
        message = message_create("Why does Russia object to NATO expansion?")
        fake.feed("MESSAGE_CREATE", message)
        (reply,) = await fake.wait_for(is_channel_message)
        assert reply.json["message_reference"]["message_id"] == int(message["id"])
        assert "¶5" in reply.content and "> " in reply.content
        assert "<@" not in reply.content  # the mention was stripped, not echoed
        assert_fits(reply)
        empty = message_create("")
        fake.feed("MESSAGE_CREATE", empty)
        replies = await fake.wait_for(is_channel_message, count=2)
        assert "mention me with a question" in replies[1].content
        await fake.settle()
        assert len([c for c in fake.calls if is_channel_message(c)]) == 2  # "hello there" ignored

    run_bot(agora, tmp_path, monkeypatch, scenario)


def test_feedback_buttons_record_votes(agora, tmp_path, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        payload = ask("Why does Russia object to NATO expansion?")
        fake.feed("INTERACTION_CREATE", payload)
        (followup,) = await fake.wait_for(is_followup(payload))
        helpful = followup.json["components"][0]["components"][0]["custom_id"]
        click = component(helpful, bot_message(followup.json), user_id=HELPER_ID)
        fake.feed("INTERACTION_CREATE", click)
        (thanks,) = await fake.wait_for(is_callback(click))
        assert thanks.json["data"]["flags"] == EPHEMERAL and "helpful" in thanks.json["data"]["content"]
        summary = fake.bot.store.feedback_summary()
        assert summary == {"helpful": 1, "not_helpful": 0}

    run_bot(agora, tmp_path, monkeypatch, scenario)


def test_unexpected_error_is_private_short_and_logged(agora, tmp_path, monkeypatch, caplog):
    def broken(question: str, k: int = 3, conversation: str | None = None):
        raise RuntimeError("index exploded at /secret/path")

    monkeypatch.setattr(agora, "ask", broken)

    async def scenario(fake: FakeDiscord) -> None:
        payload = ask("Why does Russia object to NATO expansion?")
        fake.feed("INTERACTION_CREATE", payload)
        (followup,) = await fake.wait_for(is_followup(payload))
        calls = fake.for_interaction(payload)
        assert calls[0].json == {"type": 5}
        assert calls[1].method == "DELETE" and calls[1].path.endswith("/messages/@original")
        assert followup.json["flags"] == EPHEMERAL
        assert followup.content == SOMETHING_WENT_WRONG
        assert "Traceback" not in followup.content and "exploded" not in followup.content

    with caplog.at_level(logging.ERROR):
        run_bot(agora, tmp_path, monkeypatch, scenario)
    assert any("exploded" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


# ---------------------------------------------------------------------------------------- others


def test_source_and_about(agora, tmp_path, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        source = interaction("source", [{"name": "paragraph", "type": 4, "value": 5}])
        fake.feed("INTERACTION_CREATE", source)
        (call,) = await fake.wait_for(is_followup(source))
        content = call.content
        assert content.startswith("**Can the Ukraine Standoff be Solved Diplomatically?, ¶5**")
        assert "Before, ¶4:" in content and "After, ¶6:" in content
        missing = interaction(
            "source",
            [{"name": "paragraph", "type": 4, "value": 99}, {"name": "document", "type": 3, "value": "nope"}],
            user_id=HELPER_ID,
        )
        fake.feed("INTERACTION_CREATE", missing)
        (call,) = await fake.wait_for(is_followup(missing))
        assert call.json["flags"] == EPHEMERAL and "No document matches" in call.content

        about = interaction("about")
        fake.feed("INTERACTION_CREATE", about)
        (call,) = await fake.wait_for(is_callback(about))
        embed = call.json["data"]["embeds"][0]
        assert "Can the Ukraine Standoff be Solved Diplomatically?" in embed["description"]
        fields = {f["name"]: f["value"] for f in embed["fields"]}
        assert fields["Model"] == "all-MiniLM-L6-v2" and int(fields["Passages"]) > 10
        assert_fits(call)

    run_bot(agora, tmp_path, monkeypatch, scenario)


def test_debate(agora, tmp_path, monkeypatch):
    if not hasattr(Agora, "debate"):
        pytest.skip("Agora.debate(topic, channel_key) is not there yet (the prompt engine lands separately)")

    async def scenario(fake: FakeDiscord) -> None:
        payload = interaction("debate")
        fake.feed("INTERACTION_CREATE", payload)
        (followup,) = await fake.wait_for(is_followup(payload))
        assert followup.content.startswith("**Debate:**")
        assert_fits(followup)

    run_bot(agora, tmp_path, monkeypatch, scenario)


# ---------------------------------------------------------------------------------------- moderators


def test_reload_refused_for_a_member(private_agora, tmp_path, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        for name in ("reload", "status", "insights"):
            payload = interaction(name, user_id=MEMBER_ID)
            fake.feed("INTERACTION_CREATE", payload)
            (call,) = await fake.wait_for(is_callback(payload))
            assert call.json["type"] == 4 and call.json["data"]["flags"] == EPHEMERAL
            assert call.json["data"]["content"] == handlers.NOT_MODERATOR
        await fake.settle()
        assert not [c for c in fake.calls if c.path.startswith("/webhooks/")]

    generation = private_agora.snapshot
    run_bot(private_agora, tmp_path, monkeypatch, scenario)
    assert private_agora.snapshot is generation  # nothing was rebuilt


def test_reload_by_manage_server_and_by_the_moderator_role(private_agora, tmp_path, monkeypatch):
    seeds = private_agora.settings.seeds_dir

    async def reload_as(fake: FakeDiscord, user_id: int) -> str:
        payload = interaction("reload", user_id=user_id)
        fake.feed("INTERACTION_CREATE", payload)
        (followup,) = await fake.wait_for(is_followup(payload), within=60)
        assert fake.for_interaction(payload)[0].json == {"type": 5, "data": {"flags": EPHEMERAL}}
        assert followup.json["flags"] == EPHEMERAL
        return followup.content

    async def scenario(fake: FakeDiscord) -> None:
        with (seeds / "ukraine-standoff-diplomacy.txt").open("a") as f:
            f.write("\nA new closing paragraph about grain exports through the Black Sea ports.\n")
        text = await reload_as(fake, MANAGER_ID)
        assert text.startswith("Reloaded the reading:") and "+1 added" in text and " in " in text

        refused = interaction("reload", user_id=HELPER_ID)
        fake.feed("INTERACTION_CREATE", refused)
        (call,) = await fake.wait_for(is_callback(refused))
        assert call.json["data"]["content"] == handlers.NOT_MODERATOR

        role = {"id": str(CUSTOM_ROLE_ID), "name": "Helpers", "permissions": "0", "position": 2, "color": 0,
                "hoist": False, "managed": False, "mentionable": False}  # fmt: skip
        config = interaction(
            "config",
            [
                {
                    "name": "moderator-role",
                    "type": 1,
                    "options": [{"name": "role", "type": 8, "value": str(CUSTOM_ROLE_ID)}],
                }
            ],
            user_id=MANAGER_ID,
            resolved={"roles": {str(CUSTOM_ROLE_ID): role}},
        )
        fake.feed("INTERACTION_CREATE", config)
        (call,) = await fake.wait_for(is_followup(config))
        assert f"<@&{CUSTOM_ROLE_ID}>" in call.content and call.json["flags"] == EPHEMERAL
        assert call.json["allowed_mentions"] == {"parse": []}

        for path in seeds.iterdir():  # an unreadable reading: the rebuild fails, the old index stays
            path.unlink()
        text = await reload_as(fake, HELPER_ID)
        assert text.startswith("The reload failed, so I'm still answering from the previous index")
        assert "Why:" in text

        question = ask("Which ports export grain?", user_id=MEMBER_ID)
        fake.feed("INTERACTION_CREATE", question)
        (answer,) = await fake.wait_for(is_followup(question))
        assert "grain exports" in answer.content

    run_bot(private_agora, tmp_path, monkeypatch, scenario)


def test_questions_are_answered_while_reloads_run_and_reloads_coalesce(private_agora, tmp_path, monkeypatch):
    import bot.app.service

    real_build = bot.app.service.build_from_seeds
    builds: list[float] = []

    def slow_build(*args, **kwargs):
        builds.append(time.monotonic())
        time.sleep(1.5)  # in the reload's worker thread, like a big reading
        return real_build(*args, **kwargs)

    monkeypatch.setattr(bot.app.service, "build_from_seeds", slow_build)

    async def scenario(fake: FakeDiscord) -> None:
        first, second = interaction("reload", user_id=MANAGER_ID), interaction("reload", user_id=OWNER_ID)
        fake.feed("INTERACTION_CREATE", first)
        await fake.wait_for(is_callback(first))
        fake.feed("INTERACTION_CREATE", second)
        question = ask("Why does Russia object to NATO expansion?")
        fake.feed("INTERACTION_CREATE", question)
        (answer,) = await fake.wait_for(is_followup(question))
        assert not [
            c for c in fake.calls if is_followup(first)(c) or is_followup(second)(c)
        ]  # still rebuilding
        assert "¶5" in answer.content
        one = (await fake.wait_for(is_followup(first), within=30))[0]
        two = (await fake.wait_for(is_followup(second), within=30))[0]
        assert one.content.startswith("Reloaded the reading:") and two.content.startswith(
            "Reloaded the reading:"
        )

    run_bot(private_agora, tmp_path, monkeypatch, scenario)
    assert len(builds) == 1  # the second /reload joined the first


def test_status_for_a_moderator(agora, tmp_path, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        payload = interaction("status", user_id=OWNER_ID)
        fake.feed("INTERACTION_CREATE", payload)
        (call,) = await fake.wait_for(is_followup(payload))
        assert fake.for_interaction(payload)[0].json == {"type": 5, "data": {"flags": EPHEMERAL}}
        assert call.json["flags"] == EPHEMERAL
        fields = {f["name"]: f["value"] for f in call.json["embeds"][0]["fields"]}
        assert fields["State store"] == "OK"
        assert {
            "Reading",
            "Model",
            "Passages",
            "Index age",
            "Uptime",
            "Gateway latency",
            "Answers served",
        } <= set(fields)
        assert_fits(call)

    run_bot(agora, tmp_path, monkeypatch, scenario)


# ---------------------------------------------------------------------------------------- hardening


def test_a_masked_link_in_a_question_is_echoed_harmless(agora, tmp_path, monkeypatch):
    question = "[Claim your free Nitro here](https://evil.example/nitro) why NATO?"

    async def scenario(fake: FakeDiscord) -> None:
        payload = ask(question)
        fake.feed("INTERACTION_CREATE", payload)
        (answer,) = await fake.wait_for(is_followup(payload))
        shown = answer.content.split("\n", 1)[0]
        assert shown.startswith("**Q:** ") and "Claim your free Nitro here" in shown
        assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", shown)  # no [label](url) Discord would link
        assert "https://" not in shown  # and the address itself is not clickable

    run_bot(agora, tmp_path, monkeypatch, scenario)


def role_payload(role_id: int, *, managed: bool = False) -> dict:
    return {"id": str(role_id), "name": "r", "permissions": "0", "position": 1, "color": 0,
            "hoist": False, "managed": managed, "mentionable": False}  # fmt: skip


def test_moderator_role_refuses_everyone_and_managed_roles(agora, tmp_path, monkeypatch):
    def set_role(role: dict) -> dict:
        return interaction(
            "config",
            [
                {
                    "name": "moderator-role",
                    "type": 1,
                    "options": [{"name": "role", "type": 8, "value": role["id"]}],
                }
            ],
            user_id=MANAGER_ID,
            resolved={"roles": {role["id"]: role}},
        )

    async def scenario(fake: FakeDiscord) -> None:
        everyone = set_role(role_payload(GUILD_ID))
        fake.feed("INTERACTION_CREATE", everyone)
        (call,) = await fake.wait_for(is_followup(everyone))
        assert call.json["flags"] == EPHEMERAL and "@everyone cannot be the moderator role" in call.content
        managed = set_role(role_payload(BOT_ROLE_ID, managed=True))
        fake.feed("INTERACTION_CREATE", managed)
        (call,) = await fake.wait_for(is_followup(managed))
        assert call.json["flags"] == EPHEMERAL and "belongs to a bot or an integration" in call.content
        assert fake.bot.store.guild_settings(GUILD_ID).moderator_role_id is None  # nothing was stored
        # A member with no role is still no moderator.
        refused = interaction("reload", user_id=MEMBER_ID)
        fake.feed("INTERACTION_CREATE", refused)
        (call,) = await fake.wait_for(is_callback(refused))
        assert call.json["data"]["content"] == handlers.NOT_MODERATOR

    run_bot(agora, tmp_path, monkeypatch, scenario)


def test_five_sources_from_one_member_post_three_bounded_messages(agora, tmp_path, monkeypatch):
    passage = next(p for p in agora.snapshot.index.passages if "zeppelin crew" in p.text)

    async def scenario(fake: FakeDiscord) -> None:
        payloads = []
        for _ in range(5):
            payload = interaction(
                "source",
                [
                    {"name": "paragraph", "type": 4, "value": passage.paragraph},
                    {"name": "document", "type": 3, "value": passage.document},
                ],
            )
            payloads.append(payload)
            fake.feed("INTERACTION_CREATE", payload)
            await fake.wait_for(is_callback(payload))
        await fake.settle()
        public = [c for p in payloads for c in fake.calls if is_followup(p)(c)]
        assert len(public) == 3  # the burst; the other two were refused privately
        for call in public:
            assert_fits(call)
            assert "Page 1 of" in call.content and "page:2" in call.content
        refusals = [fake.for_interaction(p)[0] for p in payloads[3:]]
        assert all(r.json["data"]["flags"] == EPHEMERAL for r in refusals)

    run_bot(agora, tmp_path, monkeypatch, scenario)
