"""The Discord emulator works with a real discord.py bot (in-process and in a subprocess)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
import threading
import urllib.error
import urllib.request
from collections.abc import Coroutine, Iterator
from typing import Any

import aiohttp
import discord
import discord.gateway
import discord.http
import pytest
from discord import app_commands
from discord.ext import commands
from discord_emulator import WAIT_SECONDS, DiscordEmulator

from bot.discord_layer.endpoints import apply_endpoints


class BotRunner:
    """Runs a discord.py client in its own thread and event loop, like a separate process would."""

    def __init__(self, client: discord.Client, token: str) -> None:
        self.client = client
        self.token = token
        self.loop: asyncio.AbstractEventLoop | None = None
        self.error: BaseException | None = None
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._main, name="test-bot", daemon=True)

    def _main(self) -> None:
        async def run() -> None:
            self.loop = asyncio.get_running_loop()
            self._started.set()
            async with self.client:
                await self.client.start(self.token)

        try:
            asyncio.run(run())
        except BaseException as exc:  # surfaced by the tests
            self.error = exc
        finally:
            self._started.set()

    def start(self) -> None:
        self._thread.start()
        self._started.wait(WAIT_SECONDS)

    def call(self, coro: Coroutine[Any, Any, Any]) -> Any:
        assert self.loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(WAIT_SECONDS)

    def stop(self) -> None:
        if self.loop is not None and not self.client.is_closed():
            self.call(self.client.close())
        self._thread.join(10)


class VoteView(discord.ui.View):
    @discord.ui.button(label="Yes", custom_id="vote:yes", style=discord.ButtonStyle.success)
    async def yes(self, interaction: discord.Interaction, button: discord.ui.Button[VoteView]) -> None:
        await interaction.response.edit_message(content=f"{interaction.user.name} voted yes", view=None)


def make_bot() -> tuple[commands.Bot, threading.Event, list[discord.HTTPException]]:
    """A minimal bot: /ping (defer + followup), /config show, /whoami, /vote, and replies to mentions."""
    intents = discord.Intents.default()
    intents.message_content = True
    bot = commands.Bot(
        command_prefix=commands.when_mentioned,
        intents=intents,
        allowed_mentions=discord.AllowedMentions(everyone=False, roles=False, users=True),
        guild_ready_timeout=0.05,
    )
    ready = threading.Event()
    errors: list[discord.HTTPException] = []

    @bot.tree.command(name="ping", description="Check that the bot answers")
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.followup.send("pong")

    @bot.tree.command(name="whoami", description="Moderator or member?")
    async def whoami(interaction: discord.Interaction) -> None:
        role = "moderator" if interaction.permissions.manage_guild else "member"
        await interaction.response.send_message(role, ephemeral=True)

    @bot.tree.command(name="vote", description="Post a vote")
    async def vote(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Vote!", view=VoteView())

    config = app_commands.Group(name="config", description="Settings")

    @config.command(name="show", description="Show a setting")
    async def show(interaction: discord.Interaction, key: str, verbose: bool = False) -> None:
        await interaction.response.send_message(f"{key}=on verbose={verbose}", ephemeral=True)

    bot.tree.add_command(config)

    @bot.tree.error
    async def on_app_command_error(
        interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        if not isinstance(error, app_commands.CommandNotFound):  # raw-driven interactions in the tests
            raise error

    async def setup_hook() -> None:
        await bot.tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]

    @bot.event
    async def on_ready() -> None:
        ready.set()

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot or bot.user not in message.mentions:
            return
        try:
            await message.reply(f"Hello {message.author.name}!")
        except discord.HTTPException as exc:
            errors.append(exc)

    return bot, ready, errors


@pytest.fixture(scope="module")
def emulator() -> Iterator[DiscordEmulator]:
    with DiscordEmulator() as emu:
        yield emu


@pytest.fixture(scope="module")
def running_bot(
    emulator: DiscordEmulator,
) -> Iterator[tuple[BotRunner, list[discord.HTTPException]]]:
    saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    apply_endpoints(emulator.api_base, emulator.gateway_url)
    bot, ready, errors = make_bot()
    runner = BotRunner(bot, emulator.token)
    runner.start()
    try:
        assert ready.wait(WAIT_SECONDS), f"bot not ready: {runner.error!r}"
        yield runner, errors
    finally:
        runner.stop()
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved


def http_request(
    emulator: DiscordEmulator, method: str, path: str, body: Any = None, token: str | None = None
) -> tuple[int, str, Any]:
    """A raw REST call: (status, Content-Type, decoded body)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(emulator.api_base + path, data=data, method=method)
    request.add_header("Authorization", f"Bot {token or emulator.token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            raw, status, ctype = response.read(), response.status, response.headers.get("Content-Type")
    except urllib.error.HTTPError as error:
        raw, status, ctype = error.read(), error.code, error.headers.get("Content-Type")
    return status, ctype or "", json.loads(raw) if raw else None


def test_apply_endpoints_points_discord_py_at_the_emulator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    )
    apply_endpoints(None, None)
    assert discord.http.Route.BASE == "https://discord.com/api/v10"
    apply_endpoints("http://127.0.0.1:1/api/v10/", "ws://127.0.0.1:1/gateway")
    assert discord.http.Route("GET", "/users/@me").url == "http://127.0.0.1:1/api/v10/users/@me"
    # Interaction callbacks/followups are built from the same Route class.
    callback = discord.webhook.async_.Route("POST", "/interactions/{webhook_id}/{webhook_token}/callback")
    assert callback.url.startswith("http://127.0.0.1:1/api/v10/")
    assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:1/gateway"
    with pytest.raises(ValueError, match="ws"):
        apply_endpoints(None, "http://127.0.0.1:1/gateway")


def test_bot_becomes_ready_and_syncs_commands(emulator: DiscordEmulator, running_bot: Any) -> None:
    identify = emulator.wait_ready(timeout=5)
    assert identify["d"]["token"] == "<redacted>"
    assert identify["d"]["intents"] & (1 << 15)  # message content
    sync = emulator.wait_for_request(method="PUT", path=rf"/applications/{emulator.application_id}/commands")
    assert sync.status == 200
    assert {c["name"] for c in sync.json} == {"ping", "whoami", "vote", "config"}
    assert {c["name"] for c in emulator.commands()} == {"ping", "whoami", "vote", "config"}
    me = emulator.wait_for_request(method="GET", path="/users/@me")
    assert me.authorized
    assert "Authorization" not in me.headers
    assert "discord.py" in me.headers["User-Agent"]


def test_ping_defers_then_sends_a_followup(emulator: DiscordEmulator, running_bot: Any) -> None:
    interaction = emulator.send_interaction("ping")
    callback = emulator.wait_for_callback(interaction)
    assert callback.json == {"type": 5}
    assert callback.status == 200
    followup = emulator.wait_for_followup(interaction)
    assert followup.json["content"] == "pong"
    assert followup.status == 200
    # The first followup after a deferral replaces the "thinking..." message.
    original = emulator.original_response(interaction)
    assert original is not None
    assert original["content"] == "pong"
    assert original["id"] == followup.response["id"]


def test_mention_gets_a_reply_with_allowed_mentions(emulator: DiscordEmulator, running_bot: Any) -> None:
    message = emulator.send_message("hi there", mention_bot=True)
    reply = emulator.wait_for_request(
        lambda r: str(r.json["message_reference"]["message_id"]) == message["id"],
        method="POST",
        path=rf"/channels/{emulator.channel_id}/messages",
    )
    assert reply.json["content"] == "Hello member!"
    assert reply.json["allowed_mentions"] == {"parse": ["users"], "replied_user": True}
    assert reply.response["referenced_message"]["id"] == message["id"]
    assert [u["id"] for u in reply.response["mentions"]] == [emulator.member["user"]["id"]]


def test_subcommands_options_and_member_permissions(emulator: DiscordEmulator, running_bot: Any) -> None:
    interaction = emulator.send_interaction("config show", {"key": "topic", "verbose": True})
    group = interaction["data"]["options"][0]
    assert (group["type"], group["name"]) == (1, "show")
    assert emulator.wait_for_callback(interaction).json["data"]["content"] == "topic=on verbose=True"
    with pytest.raises(ValueError, match="nope"):
        emulator.send_interaction("config show", {"key": "x", "nope": 1})

    for user, expected in (("moderator", "moderator"), ("owner", "moderator"), ("member", "member")):
        interaction = emulator.send_interaction("whoami", user=user)
        callback = emulator.wait_for_callback(interaction)
        assert callback.json["type"] == 4
        assert callback.json["data"]["content"] == expected
        assert callback.json["data"]["flags"] == 64


def test_button_click_updates_the_message(emulator: DiscordEmulator, running_bot: Any) -> None:
    interaction = emulator.send_interaction("vote")
    assert emulator.wait_for_callback(interaction).json["data"]["components"]
    message = emulator.original_response(interaction)
    assert message is not None
    click = emulator.send_component(message["id"], "vote:yes", user="moderator")
    update = emulator.wait_for_callback(click)
    assert update.json["type"] == 7
    assert emulator.get_message(message["id"])["content"] == "moderator voted yes"
    assert emulator.get_message(message["id"])["components"] == []


def test_injected_failure_reaches_the_bot(emulator: DiscordEmulator, running_bot: Any) -> None:
    _, errors = running_bot
    emulator.fail_route("POST", r"/channels/\d+/messages", 403, 50013, times=1)
    mark = emulator.mark()
    emulator.send_message("are you there?", mention_bot=True, author="moderator")
    failed = emulator.wait_for_request(method="POST", path=r"/channels/\d+/messages", after=mark)
    assert failed.status == 403
    assert failed.response == {"message": "Missing Permissions", "code": 50013}
    for _ in range(50):
        if errors:
            break
        threading.Event().wait(0.05)
    assert isinstance(errors[-1], discord.Forbidden)
    assert errors[-1].code == 50013


def test_rest_errors_have_discords_shape(emulator: DiscordEmulator, running_bot: Any) -> None:
    assert http_request(emulator, "GET", "/no/such/route") == (
        404,
        "application/json",
        {"message": "404: Not Found", "code": 0},
    )
    assert emulator.find_requests(method="GET", path="/no/such/route")
    assert http_request(emulator, "GET", "/users/@me", token="wrong")[::2] == (
        401,
        {"message": "401: Unauthorized", "code": 0},
    )
    channel = f"/channels/{emulator.channel_id}/messages"
    status, _, body = http_request(emulator, "POST", channel, {"content": "x" * 2001})
    assert (status, body["code"]) == (400, 50035)
    assert "content" in body["errors"]
    assert http_request(emulator, "POST", channel, {"content": ""})[::2] == (
        400,
        {"message": "Cannot send an empty message", "code": 50006},
    )
    assert http_request(emulator, "GET", "/channels/1/messages")[2]["code"] == 10003

    # An interaction the bot has no command for: answer it by hand.
    interaction = emulator.send_interaction("unknown-command")
    hook = f"/webhooks/{emulator.application_id}/{interaction['token']}?wait=true"
    assert http_request(emulator, "POST", hook, {"content": "early"})[2]["code"] == 10015
    callback = f"/interactions/{interaction['id']}/{interaction['token']}/callback?with_response=true"
    status, _, body = http_request(emulator, "POST", callback, {"type": 4, "data": {"content": "hi"}})
    assert status == 200
    assert body["resource"]["message"]["content"] == "hi"
    assert http_request(emulator, "POST", callback, {"type": 4, "data": {"content": "again"}})[2] == {
        "message": "Interaction has already been acknowledged.",
        "code": 40060,
    }


def test_bad_token_is_a_login_failure(emulator: DiscordEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    apply_endpoints(emulator.api_base, None)

    async def login() -> None:
        async with commands.Bot(command_prefix="!", intents=discord.Intents.default()) as bot:
            await bot.login("not-the-token")

    with pytest.raises(discord.LoginFailure, match="Improper token"):
        asyncio.run(login())


def test_gateway_closes_4004_on_bad_token(emulator: DiscordEmulator) -> None:
    async def identify() -> tuple[dict[str, Any], int | None]:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(f"{emulator.gateway_url}?v=10&encoding=json") as ws,
        ):
            hello = await ws.receive_json(timeout=5)
            await ws.send_json({"op": 2, "d": {"token": "wrong", "intents": 513, "properties": {}}})
            await ws.receive(timeout=5)
            return hello, ws.close_code

    hello, code = asyncio.run(identify())
    assert hello["op"] == 10
    assert hello["d"]["heartbeat_interval"] > 0
    assert code == 4004


BOT_SCRIPT = textwrap.dedent(
    """
    import os
    import discord
    from bot.discord_layer.endpoints import apply_endpoints

    apply_endpoints(os.environ["DISCORD_API_BASE"], os.environ["DISCORD_GATEWAY_URL"])
    intents = discord.Intents.default()
    intents.message_content = True
    client = discord.Client(intents=intents)

    @client.event
    async def on_message(message):
        if client.user in message.mentions and not message.author.bot:
            await message.channel.send(f"subprocess saw: {message.content}")

    client.run(os.environ["DISCORD_TOKEN"], log_handler=None)
    """
)


def test_bot_in_another_process() -> None:
    with DiscordEmulator() as emulator:
        process = subprocess.Popen(
            [sys.executable, "-c", BOT_SCRIPT],
            env={**os.environ, **emulator.env()},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            emulator.wait_ready()
            emulator.send_message("hello", mention_bot=True)
            sent = emulator.wait_for_request(method="POST", path=r"/channels/\d+/messages")
            assert sent.json["content"] == f"subprocess saw: {emulator.bot_mention} hello"
        finally:
            process.terminate()
            output = process.communicate(timeout=WAIT_SECONDS)[0].decode()
        assert "Traceback" not in output, output
