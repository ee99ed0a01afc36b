"""Members' data, servers leaving and joining, /help: gateway events parsed by discord.py, on both engines."""

from __future__ import annotations

import asyncio
import copy
import json
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest
from fake_discord import (
    APP_ID,
    BOT_ROLE_ID,
    CHANNEL_ID,
    CUSTOM_ROLE_ID,
    EVERYONE_PERMS,
    GUILD_ID,
    HELPER_ID,
    MANAGER_ID,
    MEMBER_ID,
    FakeDiscord,
    bot_message,
    component,
    eventually,
    guild_create,
    interaction,
    is_callback,
    is_followup,
)

from bot.app.i18n import t
from bot.app.privacy import DAY
from bot.app.service import Agora
from bot.core.scheduling.schedule import Schedule
from bot.core.storage.records import PostRecord
from bot.core.storage.store import Store
from bot.discord_layer.client import AgoraBot

EPHEMERAL = 64
SCENARIO_SECONDS = 240  # a whole scenario, bot start and stop included
BEFORE_NINE = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
Scenario = Callable[[FakeDiscord], Awaitable[None]]


@pytest.fixture
def service(agora: Agora, tmp_path) -> Agora:
    """The session's reading and model, with a grace period of two days."""
    settings = agora.settings.with_overrides(data_dir=tmp_path, guild_grace_days=2.0)
    return Agora(settings, load_embedder=lambda _name: agora.embedder)


def run_bot(service: Agora, database, monkeypatch, scenario: Scenario) -> Store:
    """An AgoraBot on fake HTTP whose state is in `database` (SQLite or PostgreSQL); returns the store."""
    store = Store(database)

    async def main() -> None:
        bot = AgoraBot(service.settings, service, store)
        bot._connection.guild_ready_timeout = 0.05
        fake = FakeDiscord(bot, monkeypatch)
        try:
            await fake.start()
            assert bot.services.scheduler is not None
            bot.services.scheduler.clock = lambda: BEFORE_NINE  # nothing is due unless a test says so
            await asyncio.wait_for(bot.wait_until_ready(), 30)
            await scenario(fake)
        finally:
            await bot.close()

    try:  # bounded: a scenario that stalls fails with a timeout instead of stalling the suite
        asyncio.run(asyncio.wait_for(main(), SCENARIO_SECONDS))
    finally:
        store.close()
    return Store(database)


def ask(question: str, user_id: int = MEMBER_ID) -> dict:
    return interaction("ask", [{"name": "question", "type": 3, "value": question}], user_id=user_id)


def privacy(whose: str | None = None, *, user_id: int = MEMBER_ID, locale: str = "en-US") -> dict:
    options = [{"name": "whose", "type": 3, "value": whose}] if whose else None
    payload = interaction("privacy", options, user_id=user_id)
    payload["locale"] = locale
    return payload


def buttons(call) -> dict[str, str]:
    """label -> custom_id of the buttons under a message the bot sent."""
    body = call.json.get("data", call.json) if "type" in call.json else call.json
    return {b["label"]: b["custom_id"] for row in body.get("components") or () for b in row["components"]}


async def click(fake: FakeDiscord, message_call, label: str, user_id: int = MEMBER_ID):
    """Press a button of an ephemeral reply; the followup it brings."""
    custom_id = buttons(message_call)[label]
    payload = component(custom_id, bot_message(message_call.json, flags=EPHEMERAL), user_id=user_id)
    fake.feed("INTERACTION_CREATE", payload)
    (reply,) = await fake.wait_for(is_followup(payload))
    return reply


def with_button(action: str) -> dict:
    """A message of the bot's carrying one action button (Discord only accepts clicks on real buttons)."""
    button = {"type": 2, "style": 4, "label": "x", "custom_id": f"agora:act:{action}"}
    return bot_message({"components": [{"type": 1, "components": [button]}]}, flags=EPHEMERAL)


def seed(store: Store, guild: int = GUILD_ID) -> None:
    """What the members left in the store: questions, votes, a suggestion, a schedule and a post."""
    for user in (MEMBER_ID, HELPER_ID):
        store.record_answer(
            guild_id=guild, channel_id=CHANNEL_ID, user_id=user, question=f"q{user}", passage_id=None
        )
        store.record_feedback(
            guild_id=guild,
            channel_id=CHANNEL_ID,
            user_id=user,
            question=f"q{user}",
            passage_id="p",
            helpful=True,
        )
    store.add_custom_prompt(guild, "p", "quote", "Is it?", MEMBER_ID, "pending")
    store.save_schedule(
        Schedule.create(guild, CHANNEL_ID, "09:00", "UTC", None, now=datetime(2026, 3, 2, tzinfo=UTC))
    )
    post = store.start_post(guild, CHANNEL_ID)
    store.finish_post(post, "posted", prompt_id="x", cycle=1, message_id=guild + 7, thread_id=guild + 8)


# ---------------------------------------------------------------------------------------- a member


def test_a_member_sees_and_deletes_their_data(service, database, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        store = fake.bot.store
        seed(store)
        question = ask("Why does Russia object to NATO expansion?")
        fake.feed("INTERACTION_CREATE", question)
        await fake.wait_for(is_followup(question))
        await eventually(lambda: len(store.member_data(MEMBER_ID, GUILD_ID).get("answers", [])) == 2)

        shown = privacy()
        fake.feed("INTERACTION_CREATE", shown)
        (reply,) = await fake.wait_for(is_followup(shown))
        assert reply.json["flags"] == EPHEMERAL
        text = reply.json["embeds"][0]["description"]
        assert "the questions you asked" in text and ": 2" in text
        assert "30 days" in text and "2 days" in text  # retention and grace, as configured
        assert list(buttons(reply)) == ["Delete my data"]

        confirm = await click(fake, reply, "Delete my data")
        assert "cannot be undone" in confirm.content
        assert set(buttons(confirm)) == {"Yes, delete", "Cancel"}
        assert store.member_data(MEMBER_ID, GUILD_ID) != {}  # nothing deleted before the confirmation
        cancelled = await click(fake, confirm, "Cancel")
        assert cancelled.content == "Nothing was deleted."
        started = time.perf_counter()
        done = await click(fake, confirm, "Yes, delete")
        took = time.perf_counter() - started
        assert done.content.startswith("Deleted: answers 2, custom_prompts 1, feedback 1.")
        print(f"member deletion through Discord: {took * 1000:.0f} ms ({store.engine})")

        assert store.member_data(MEMBER_ID, GUILD_ID) == {}
        assert len(store.member_data(HELPER_ID, GUILD_ID)["answers"]) == 1  # another member's stay
        again = privacy(locale="fr")
        fake.feed("INTERACTION_CREATE", again)
        (reply,) = await fake.wait_for(is_followup(again))
        assert reply.json["embeds"][0]["title"] == "Ce qu'Agora garde sur vous"  # the member's language
        assert buttons(reply) == {}

    run_bot(service, database, monkeypatch, scenario).close()


def test_a_forged_or_foreign_button_changes_nothing(service, database, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        store = fake.bot.store
        seed(store)
        # a member presses a server-deletion button they were never shown (a forged click)
        forged = component("agora:act:privacy:server:confirm", with_button("privacy:server:confirm"))
        fake.feed("INTERACTION_CREATE", forged)
        (reply,) = await fake.wait_for(is_followup(forged))
        assert "Only moderators" in reply.content
        # an unknown verb: not ours, nothing happens
        unknown = component(
            "agora:act:privacy:everything:drop", with_button("privacy:everything:drop"), user_id=MANAGER_ID
        )
        fake.feed("INTERACTION_CREATE", unknown)
        await fake.settle(0.5)
        assert fake.for_interaction(unknown) == []
        assert len(store.guild_data(GUILD_ID)["answers"]) == 2

    run_bot(service, database, monkeypatch, scenario).close()


# ---------------------------------------------------------------------------------------- the server


def test_moderators_export_and_a_manager_deletes_the_server(service, database, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        store = fake.bot.store
        seed(store)
        seed(store, guild=GUILD_ID + 1)  # another server's data must survive
        store.set_moderator_role(GUILD_ID, CUSTOM_ROLE_ID)  # the helper is a moderator by role

        by_role = privacy("server", user_id=HELPER_ID)
        fake.feed("INTERACTION_CREATE", by_role)
        (reply,) = await fake.wait_for(is_followup(by_role))
        assert list(buttons(reply)) == ["Export (JSON)"]  # deleting needs Manage Server itself
        exported = await click(fake, reply, "Export (JSON)", user_id=HELPER_ID)
        ((name, data),) = exported.files.items()
        assert name.startswith(f"agora-{GUILD_ID}-") and name.endswith(".json")
        document = json.loads(data)
        assert document["guild_id"] == str(GUILD_ID)
        tables = document["tables"]
        assert [r["question"] for r in tables["answers"]["rows"]] == [f"q{MEMBER_ID}", f"q{HELPER_ID}"]
        assert tables["answers"]["rows"][0]["guild_id"] == str(GUILD_ID)  # 64-bit ids as strings
        assert len(tables["schedules"]["rows"]) == 1 and tables["guild_removals"]["rows"] == []
        assert exported.json["flags"] == EPHEMERAL

        forged = await click(fake, reply, "Export (JSON)", user_id=HELPER_ID)
        assert forged.files  # pressing again exports again
        refused = component(
            "agora:act:privacy:server:confirm", with_button("privacy:server:confirm"), user_id=HELPER_ID
        )
        fake.feed("INTERACTION_CREATE", refused)
        (no,) = await fake.wait_for(is_followup(refused))
        assert no.content == t("privacy.server.manage_only")
        assert len(store.guild_data(GUILD_ID)["answers"]) == 2

        by_manager = privacy("server", user_id=MANAGER_ID)
        fake.feed("INTERACTION_CREATE", by_manager)
        (reply,) = await fake.wait_for(is_followup(by_manager))
        assert list(buttons(reply)) == ["Export (JSON)", "Delete all"]
        confirm = await click(fake, reply, "Delete all", user_id=MANAGER_ID)
        assert "cannot be undone" in confirm.content
        done = await click(fake, confirm, "Yes, delete", user_id=MANAGER_ID)
        assert done.content.startswith("Deleted everything about this server: answers 2, custom_prompts 1,")

        assert all(rows == [] for rows in store.guild_data(GUILD_ID).values())
        assert len(store.guild_data(GUILD_ID + 1)["answers"]) == 2

    run_bot(service, database, monkeypatch, scenario).close()


# ---------------------------------------------------------------------------------------- leaving, joining


def guild_delete(unavailable: bool | None) -> dict:
    payload: dict = {"id": str(GUILD_ID)}
    if unavailable is not None:
        payload["unavailable"] = unavailable
    return payload


def test_removal_stops_posts_at_once_and_deletes_after_the_grace_unless_readded(
    service, database, monkeypatch
):
    async def scenario(fake: FakeDiscord) -> None:
        store, bot = fake.bot.store, fake.bot
        seed(store)
        fake.feed("GUILD_DELETE", guild_delete(unavailable=True))  # an outage: nothing changes
        await fake.settle(0.3)
        assert store.guild_removal(GUILD_ID) is None
        assert [s.guild_id for s in store.schedules(active_only=True)] == [GUILD_ID]

        fake.feed("GUILD_CREATE", guild_create())  # back from the outage
        # kicked right after: the server's return (which cancels a removal recorded before it) must
        # not cancel this removal, whichever handler finishes first
        fake.feed("GUILD_DELETE", guild_delete(unavailable=None))
        await fake.settle(0.5)
        await eventually(lambda: store.guild_removal(GUILD_ID) is not None)
        removed_at, delete_after = store.guild_removal(GUILD_ID)
        assert delete_after - removed_at == pytest.approx(2 * DAY)
        assert store.schedules(active_only=True) == []  # every process stops posting there
        scheduler = bot.services.scheduler
        assert scheduler is not None
        scheduler.clock = lambda: datetime(2026, 3, 3, 9, 0, tzinfo=UTC)  # its post would be due now
        assert await scheduler.tick() == []
        scheduler.clock = lambda: BEFORE_NINE
        assert sent_to(fake, CHANNEL_ID) == []

        housekeeper = bot.get_cog("Privacy").housekeeper
        report = await asyncio.to_thread(housekeeper.sweep, removed_at + DAY, lease=False)
        assert report.guilds == {}  # within the grace
        fake.feed("GUILD_CREATE", guild_create())  # re-added by the owner
        await eventually(lambda: store.guild_removal(GUILD_ID) is None)
        report = await asyncio.to_thread(housekeeper.sweep, removed_at + 3 * DAY, lease=False)
        assert report.guilds == {} and len(store.guild_data(GUILD_ID)["answers"]) == 2
        assert [s.guild_id for s in store.schedules(active_only=True)] == [GUILD_ID]

        fake.feed("GUILD_DELETE", guild_delete(unavailable=False))  # removed again, for good
        await eventually(lambda: store.guild_removal(GUILD_ID) is not None)
        removed_at, _ = store.guild_removal(GUILD_ID)
        report = await asyncio.to_thread(housekeeper.sweep, removed_at + 2 * DAY + 1, lease=False)
        print(f"server deleted after the grace: {report.guilds} in {report.seconds * 1000:.0f} ms")
        assert set(report.guilds) == {GUILD_ID}
        assert report.guilds[GUILD_ID]["answers"] == 2 and report.guilds[GUILD_ID]["schedules"] == 1
        assert all(rows == [] for rows in store.guild_data(GUILD_ID).values())

    run_bot(service, database, monkeypatch, scenario).close()


def test_deleted_messages_and_threads_are_unlinked(service, database, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        store = fake.bot.store
        seed(store)
        store.claim_poll_result(GUILD_ID + 7, GUILD_ID)
        fake.feed(
            "MESSAGE_DELETE",
            {"id": str(GUILD_ID + 7), "channel_id": str(CHANNEL_ID), "guild_id": str(GUILD_ID)},
        )

        # the seeded post (the scheduler may record a missed slot of the seeded schedule meanwhile)
        def posted() -> PostRecord:
            return next(p for p in store.recent_posts(GUILD_ID) if p.prompt_id == "x")

        await eventually(lambda: posted().message_id is None)
        fake.feed(
            "THREAD_DELETE",
            {"id": str(GUILD_ID + 8), "guild_id": str(GUILD_ID), "parent_id": str(CHANNEL_ID), "type": 11},
        )
        await eventually(lambda: posted().thread_id is None)
        post = posted()
        assert (post.message_id, post.thread_id, post.status) == (None, None, "posted")
        assert store.guild_data(GUILD_ID)["poll_results"] == []

    run_bot(service, database, monkeypatch, scenario).close()


# ---------------------------------------------------------------------------------------- conventions

NEW_GUILD = GUILD_ID + 100
NEW_CHANNELS = (GUILD_ID + 101, GUILD_ID + 102)


def new_guild(bot_permissions: int, *, locale: str = "en-US", system_channel: bool = True) -> dict:
    """A GUILD_CREATE for a server Agora was just added to, its role lacking some permissions."""
    payload = copy.deepcopy(guild_create())
    payload["id"] = str(NEW_GUILD)
    del payload["unavailable"]  # how Discord announces a server the bot was just added to
    payload["preferred_locale"] = locale
    payload["system_channel_id"] = str(NEW_CHANNELS[1]) if system_channel else None
    for role in payload["roles"]:
        if role["id"] == str(GUILD_ID):
            role["id"] = str(NEW_GUILD)
        if role["id"] == str(BOT_ROLE_ID):
            role["permissions"] = str(bot_permissions)
    channels = []
    for position, channel_id in enumerate(NEW_CHANNELS):
        channel = {**payload["channels"][0], "id": str(channel_id), "guild_id": str(NEW_GUILD)}
        channels.append({**channel, "position": position, "name": f"c{position}"})
    payload["channels"] = channels
    return payload


def sent_to(fake: FakeDiscord, channel_id: int) -> list:
    return [c for c in fake.calls if c.method == "POST" and c.path == f"/channels/{channel_id}/messages"]


def test_joining_a_server_says_how_to_start_and_exactly_what_is_missing(service, database, monkeypatch):
    lacking = EVERYONE_PERMS | (1 << 38)  # no Create Public Threads, Send Polls, Attach Files

    async def scenario(fake: FakeDiscord) -> None:
        fake.feed("GUILD_CREATE", new_guild(lacking))
        (welcome,) = await fake.wait_for(lambda c: c in sent_to(fake, NEW_CHANNELS[1]))  # the system channel
        text = welcome.json["content"]
        assert "`/ask`" in text and "`/schedule set`" in text
        assert "missing these permissions: Create Public Threads, Send Polls, Attach Files." in text
        assert welcome.json["allowed_mentions"] == {"parse": []}
        assert len(text) <= 2000
        back = {**new_guild(lacking), "unavailable": False}
        fake.feed("GUILD_CREATE", back)  # the same server again after an outage: no second hello
        await fake.settle(0.3)
        assert len(sent_to(fake, NEW_CHANNELS[1])) == 1
        fake.feed("GUILD_CREATE", guild_create())  # a server it already knew: nothing
        await fake.settle(0.3)
        assert sent_to(fake, CHANNEL_ID) == []

    run_bot(service, database, monkeypatch, scenario).close()


def test_the_welcome_speaks_the_servers_language_and_finds_a_channel(service, database, monkeypatch):
    everything = EVERYONE_PERMS | (1 << 38) | (1 << 35) | (1 << 49) | (1 << 15)

    async def scenario(fake: FakeDiscord) -> None:
        fake.feed("GUILD_CREATE", new_guild(everything, locale="fr", system_channel=False))
        (welcome,) = await fake.wait_for(lambda c: c in sent_to(fake, NEW_CHANNELS[0]))  # the first channel
        assert welcome.json["content"].startswith("Bonjour ! Je suis **Agora**")
        assert "J'ai toutes les permissions dont j'ai besoin." in welcome.json["content"]

    run_bot(service, database, monkeypatch, scenario).close()


def test_help_answers_privately_in_the_members_language(service, database, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        for locale, title in (("en-US", "Agora: how to use it"), ("fr", "Agora : mode d'emploi")):
            payload = interaction("help")
            payload["locale"] = locale
            fake.feed("INTERACTION_CREATE", payload)
            (call,) = await fake.wait_for(is_callback(payload))
            data = call.json["data"]
            assert data["flags"] == EPHEMERAL and data["embeds"][0]["title"] == title
            assert len(json.dumps(data["embeds"][0], ensure_ascii=False)) < 6000

    run_bot(service, database, monkeypatch, scenario).close()


def test_only_manage_server_changes_the_moderator_role(service, database, monkeypatch):
    role = {"id": str(CUSTOM_ROLE_ID), "name": "Helpers", "permissions": "0", "position": 2, "color": 0,
            "hoist": False, "managed": False, "mentionable": False}  # fmt: skip

    def set_role(user_id: int, role_id: int) -> dict:
        option = {"name": "role", "type": 8, "value": str(role_id)}
        return interaction(
            "config",
            [{"name": "moderator-role", "type": 1, "options": [option]}],
            user_id=user_id,
            resolved={"roles": {str(role_id): {**role, "id": str(role_id)}}},
        )

    async def scenario(fake: FakeDiscord) -> None:
        store = fake.bot.store
        store.set_moderator_role(GUILD_ID, CUSTOM_ROLE_ID)  # the helper moderates by role
        status = interaction("status", user_id=HELPER_ID)
        fake.feed("INTERACTION_CREATE", status)
        (ok,) = await fake.wait_for(is_followup(status))
        assert ok.json["embeds"][0]["title"] == "Agora status"  # a moderator by role may moderate…
        attempt = set_role(HELPER_ID, GUILD_ID + 55)
        fake.feed("INTERACTION_CREATE", attempt)
        (refused,) = await fake.wait_for(is_callback(attempt))
        assert refused.json["data"]["content"] == t("config.manage_only")  # …but not re-point the role
        assert store.guild_settings(GUILD_ID).moderator_role_id == CUSTOM_ROLE_ID
        done = set_role(MANAGER_ID, GUILD_ID + 55)
        fake.feed("INTERACTION_CREATE", done)
        await fake.wait_for(is_followup(done))
        assert store.guild_settings(GUILD_ID).moderator_role_id == GUILD_ID + 55

    run_bot(service, database, monkeypatch, scenario).close()


def test_the_synced_commands_carry_french_names_and_permissions(service, database, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        (put,) = [c for c in fake.calls if c.method == "PUT" and c.path == f"/applications/{APP_ID}/commands"]
        commands = {c["name"]: c for c in put.json}
        assert commands["ask"]["name_localizations"]["fr"] == "demander"
        assert commands["privacy"]["default_member_permissions"] is None  # every member
        assert commands["help"]["default_member_permissions"] is None
        assert int(commands["config"]["default_member_permissions"]) == 1 << 5  # Manage Server
        assert int(commands["insights"]["default_member_permissions"]) == 1 << 5

    run_bot(service, database, monkeypatch, scenario).close()
