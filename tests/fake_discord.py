"""Drive an AgoraBot in-process through discord.py's real parsing, recording what it sends.

Raw gateway payloads (shaped like Discord's) go in through ``bot._connection.parsers``;
every REST call comes out through a patched ``HTTPClient.request`` (bot calls) and
``AsyncWebhookAdapter.request`` (interaction responses and followups), recorded as
:class:`Call` objects holding the JSON the bot would have sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import discord.webhook.async_
from discord.http import Route

from bot.discord_layer.client import AgoraBot

# How long a test waits for the bot by default: generous, since a wait ends as soon as what it
# waits for happens (a busy machine answers late, not wrongly).
WAIT_SECONDS = 60.0

APP_ID = 900_000_000_000_000_001
GUILD_ID = 900_000_000_000_000_002
CHANNEL_ID = 900_000_000_000_000_003
BOT_ROLE_ID = 900_000_000_000_000_004
CUSTOM_ROLE_ID = 900_000_000_000_000_005
OWNER_ID = 900_000_000_000_000_010
MEMBER_ID = 900_000_000_000_000_011
MANAGER_ID = 900_000_000_000_000_012  # has Manage Server through a role
HELPER_ID = 900_000_000_000_000_013  # has the custom role that /config may make moderator
MANAGER_ROLE_ID = 900_000_000_000_000_006

EVERYONE_PERMS = (
    (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 31)
)  # view, send, embed, history, app cmds
MANAGE_GUILD = 1 << 5
BOT_PERMS = EVERYONE_PERMS | (1 << 35) | (1 << 38) | (1 << 49)  # + public threads, send in threads, polls
TIMESTAMP = "2026-01-01T00:00:00.000000+00:00"

_ids = itertools.count(950_000_000_000_000_000)


def snowflake() -> str:
    return str(next(_ids))


def user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": None if bot else name.title(),
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
        "flags": 0,
    }


BOT_USER = user(APP_ID, "agora", bot=True)
USERS = {
    OWNER_ID: (user(OWNER_ID, "owner"), []),
    MEMBER_ID: (user(MEMBER_ID, "member"), []),
    MANAGER_ID: (user(MANAGER_ID, "manager"), [str(MANAGER_ROLE_ID)]),
    HELPER_ID: (user(HELPER_ID, "helper"), [str(CUSTOM_ROLE_ID)]),
}


def member(user_id: int, *, with_user: bool = True, permissions: int | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "roles": USERS[user_id][1],
        "nick": None,
        "avatar": None,
        "joined_at": TIMESTAMP,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
        "communication_disabled_until": None,
    }
    if with_user:
        payload["user"] = USERS[user_id][0]
    if permissions is not None:
        payload["permissions"] = str(permissions)
    return payload


def role(role_id: int, name: str, permissions: int, position: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(role_id),
        "name": name,
        "color": 0,
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": False,
        "flags": 0,
        **extra,
    }


CHANNEL = {
    "id": str(CHANNEL_ID),
    "type": 0,
    "guild_id": str(GUILD_ID),
    "name": "general",
    "position": 0,
    "permission_overwrites": [],
    "parent_id": None,
    "topic": None,
    "nsfw": False,
    "last_message_id": None,
    "rate_limit_per_user": 0,
    "flags": 0,
}


def ready() -> dict[str, Any]:
    return {
        "v": 10,
        "user": {**BOT_USER, "verified": True, "mfa_enabled": False},
        "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
        "session_id": "fake-session",
        "resume_gateway_url": "wss://gateway.invalid",
        "application": {"id": str(APP_ID), "flags": 0},
        "private_channels": [],
        "relationships": [],
        "user_settings": {},
        "guild_join_requests": [],
        "presences": [],
        "shard": [0, 1],
        "_trace": [],
    }


def guild_create() -> dict[str, Any]:
    return {
        "id": str(GUILD_ID),
        "name": "Test Guild",
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": str(OWNER_ID),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "features": [],
        "mfa_level": 0,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "max_members": 500000,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "emojis": [],
        "stickers": [],
        "roles": [
            role(GUILD_ID, "@everyone", EVERYONE_PERMS, 0),
            role(MANAGER_ROLE_ID, "Managers", EVERYONE_PERMS | MANAGE_GUILD, 1),
            role(CUSTOM_ROLE_ID, "Helpers", EVERYONE_PERMS, 2),
            role(BOT_ROLE_ID, "Agora", BOT_PERMS, 3, managed=True, tags={"bot_id": str(APP_ID)}),
        ],
        "unavailable": False,
        "joined_at": TIMESTAMP,
        "large": False,
        "member_count": 5,
        "voice_states": [],
        "members": [member(uid) for uid in USERS]
        + [{**member(OWNER_ID), "user": BOT_USER, "roles": [str(BOT_ROLE_ID)]}],
        "channels": [CHANNEL],
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def permissions_of(user_id: int) -> int:
    if user_id == OWNER_ID:
        return (1 << 53) - 1  # the owner holds every permission
    return EVERYONE_PERMS | (MANAGE_GUILD if user_id == MANAGER_ID else 0)


def interaction(
    name: str, options: list[dict[str, Any]] | None = None, *, user_id: int = MEMBER_ID, **data: Any
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload for a slash command in the test guild's channel."""
    command: dict[str, Any] = {"id": snowflake(), "name": name, "type": 1, "guild_id": str(GUILD_ID)}
    if options:
        command["options"] = options
    command.update(data)
    return {
        "id": snowflake(),
        "application_id": str(APP_ID),
        "type": 2,
        "data": command,
        "guild_id": str(GUILD_ID),
        "guild": {"id": str(GUILD_ID), "locale": "en-US", "features": []},
        "channel_id": str(CHANNEL_ID),
        "channel": CHANNEL,
        "member": member(user_id, permissions=permissions_of(user_id)),
        "token": f"interaction-token-{snowflake()}",
        "version": 1,
        "app_permissions": str(EVERYONE_PERMS),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(GUILD_ID)},
        "context": 0,
        "attachment_size_limit": 10 * 1024 * 1024,
    }


def component(custom_id: str, message: dict[str, Any], *, user_id: int = MEMBER_ID) -> dict[str, Any]:
    """An INTERACTION_CREATE payload for a click on a button of `message`."""
    payload = interaction("unused", user_id=user_id)
    payload["type"] = 3
    payload["data"] = {"custom_id": custom_id, "component_type": 2}
    payload["message"] = message
    return payload


def message_create(content: str, *, user_id: int = MEMBER_ID, mention_bot: bool = True) -> dict[str, Any]:
    """A MESSAGE_CREATE payload for a member's message in the test channel."""
    mentions = (
        [{**BOT_USER, "member": member(OWNER_ID, with_user=False) | {"roles": []}}] if mention_bot else []
    )
    return {
        "id": snowflake(),
        "channel_id": str(CHANNEL_ID),
        "guild_id": str(GUILD_ID),
        "author": USERS[user_id][0],
        "member": member(user_id, with_user=False),
        "content": (f"<@{APP_ID}> " if mention_bot else "") + content,
        "timestamp": TIMESTAMP,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": "@everyone" in content,
        "mentions": mentions,
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "type": 0,
        "flags": 0,
        "components": [],
        "nonce": snowflake(),
    }


def poll_payload(request: dict[str, Any]) -> dict[str, Any]:
    """A poll as Discord returns it: numbered answers and an expiry instead of a duration."""
    expiry = datetime.now(UTC) + timedelta(hours=float(request.get("duration", 24)))
    return {
        "question": request["question"],
        "answers": [
            {"answer_id": i, "poll_media": a["poll_media"]} for i, a in enumerate(request["answers"], start=1)
        ],
        "expiry": expiry.isoformat(),
        "allow_multiselect": request.get("allow_multiselect", False),
        "layout_type": request.get("layout_type", 1),
        "results": {"is_finalized": False, "answer_counts": []},
    }


def thread_payload(message_id: str, channel_id: int, body: dict[str, Any]) -> dict[str, Any]:
    """The thread Discord returns for POST /channels/{id}/messages/{id}/threads."""
    return {
        "id": message_id,
        "type": 11,
        "guild_id": str(GUILD_ID),
        "parent_id": str(channel_id),
        "owner_id": str(APP_ID),
        "name": body["name"],
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": body.get("auto_archive_duration", 1440),
            "archive_timestamp": TIMESTAMP,
            "locked": False,
        },
    }


def bot_message(body: dict[str, Any] | None, channel_id: int = CHANNEL_ID, flags: int = 0) -> dict[str, Any]:
    """The message object Discord returns for a message the bot created."""
    body = body or {}
    extra = {"poll": poll_payload(body["poll"])} if body.get("poll") else {}
    return {
        **extra,
        "id": snowflake(),
        "channel_id": str(channel_id),
        "author": BOT_USER,
        "content": body.get("content") or "",
        "timestamp": TIMESTAMP,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds") or [],
        "pinned": False,
        "type": 0,
        "flags": body.get("flags", flags) or 0,
        "components": body.get("components") or [],
        "application_id": str(APP_ID),
    }


def _unpack(payload: Any, multipart: list[dict[str, Any]] | None) -> tuple[Any, dict[str, bytes]]:
    """A request's JSON and attached files (a request with files is multipart: payload_json + files[i])."""
    if not multipart:
        return payload, {}
    files: dict[str, bytes] = {}
    for part in multipart:
        if part["name"] == "payload_json":
            payload = json.loads(part["value"])
        else:
            part["value"].seek(0)
            files[part["filename"]] = part["value"].read()
    return payload, files


@dataclass
class Call:
    """One REST call the bot made."""

    method: str
    path: str
    json: Any
    params: dict[str, Any] | None
    status: int = 200  # what the fake answered (an injected failure's status)
    files: dict[str, bytes] = field(default_factory=dict)  # attachments, by file name

    @property
    def content(self) -> str | None:
        return self.json.get("content") if isinstance(self.json, dict) else None


class _Response:
    """Just enough of an aiohttp response for discord.HTTPException."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.reason = {403: "Forbidden", 404: "Not Found"}.get(status, "Error")


class FakeDiscord:
    """An AgoraBot wired to recorded HTTP and fed raw gateway payloads."""

    def __init__(self, bot: AgoraBot, monkeypatch: Any) -> None:
        self.bot = bot
        self.calls: list[Call] = []
        self.failures: list[tuple[str, re.Pattern[str], int, int, str, Any]] = []
        self._changed = asyncio.Event()
        fake = self

        async def http_request(route: Route, **kwargs: Any) -> Any:
            fake._fail_if_asked(route, kwargs.get("json"), kwargs.get("params"))
            return fake._answer(route, kwargs.get("json"), kwargs.get("params"))

        async def webhook_request(adapter: Any, route: Route, session: Any = None, **kwargs: Any) -> Any:
            payload, files = _unpack(kwargs.get("payload"), kwargs.get("multipart"))
            fake._fail_if_asked(route, payload, kwargs.get("params"))
            answer = fake._answer(route, payload, kwargs.get("params"))
            fake.calls[-1].files = files
            return answer

        monkeypatch.setattr(bot.http, "request", http_request)
        monkeypatch.setattr(discord.webhook.async_.AsyncWebhookAdapter, "request", webhook_request)

    def fail(
        self,
        method: str,
        path_regex: str,
        status: int = 403,
        code: int = 50013,
        message: str = "",
        *,
        when: Any = None,
    ) -> None:
        """Make bot REST calls fail like Discord.

        Those matching `method`, the `path_regex` (full match) and, if given, `when(json_body)`.
        """
        text = message or {403: "Missing Permissions", 404: "Unknown Channel"}.get(status, "Error")
        self.failures.append((method.upper(), re.compile(path_regex), status, code, text, when))

    def _fail_if_asked(self, route: Route, body: Any, params: dict[str, Any] | None) -> None:
        path = route.url.split("/api/v10", 1)[-1]
        for method, pattern, status, code, text, when in self.failures:
            matches = method in ("*", route.method) and pattern.fullmatch(path)
            if matches and (when is None or when(body)):
                self.calls.append(Call(route.method, path, body, params, status=status))
                self._changed.set()
                error = {403: discord.Forbidden, 404: discord.NotFound}.get(status, discord.HTTPException)
                raise error(_Response(status), {"code": code, "message": text})  # type: ignore[arg-type]

    def _answer(self, route: Route, body: Any, params: dict[str, Any] | None) -> Any:
        path = route.url.split("/api/v10", 1)[-1]
        self.calls.append(Call(route.method, path, body, params))
        self._changed.set()
        if route.method == "POST" and re.fullmatch(r"/channels/\d+/messages/\d+/threads", path):
            _, _, channel_id, _, message_id, _ = path.split("/")
            return thread_payload(message_id, int(channel_id), body)
        if route.method == "PUT" and path.endswith("/commands"):
            # Discord answers with every command, a context menu's empty description included
            return [
                {"description": "", **c, "id": snowflake(), "application_id": str(APP_ID), "version": "1"}
                for c in body
            ]
        if route.method == "POST" and path.startswith("/interactions/"):
            flags = ((body or {}).get("data") or {}).get("flags", 0)
            return {
                "interaction": {
                    "id": path.split("/")[2],
                    "type": 2,
                    "response_message_loading": body["type"] == 5,
                    "response_message_ephemeral": bool(flags & 64),
                }
            }
        if route.method in ("POST", "PATCH") and ("/messages" in path or path.startswith("/webhooks/")):
            return bot_message(body)
        return None

    # ------------------------------------------------------------------ driving

    async def start(self) -> None:
        """What `bot.start` does up to READY, without a network: setup hook, READY, GUILD_CREATE."""
        self.bot._connection.application_id = APP_ID
        await self.bot._async_setup_hook()
        await self.bot.setup_hook()
        self.feed("READY", ready())
        self.feed("GUILD_CREATE", guild_create())
        await asyncio.sleep(0)

    def feed(self, event: str, payload: dict[str, Any]) -> None:
        """Hand a raw gateway DISPATCH to discord.py's parser for `event`."""
        self.bot._connection.parsers[event](payload)

    async def wait_for(self, predicate: Any, *, count: int = 1, within: float = WAIT_SECONDS) -> list[Call]:
        """Wait until `count` recorded calls satisfy `predicate`; return them."""
        deadline = time.monotonic() + within
        while True:
            found = [c for c in self.calls if predicate(c)]
            if len(found) >= count:
                return found
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                seen = "\n".join(f"  {c.method} {c.path} {str(c.json)[:120]}" for c in self.calls)
                raise TimeoutError(f"Expected {count} matching calls; got:\n{seen}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    async def settle(self, seconds: float = 0.3) -> None:
        """Let scheduled tasks run (to check that nothing more is sent)."""
        await asyncio.sleep(seconds)

    def for_interaction(self, payload: dict[str, Any]) -> list[Call]:
        """Calls answering one interaction (callback, followups, edits), oldest first."""
        return [c for c in self.calls if payload["id"] in c.path or payload["token"] in c.path]


async def eventually(check: Any, within: float = WAIT_SECONDS) -> None:
    """Poll `check` until it is true or `within` seconds pass (the assertions after it tell which)."""
    deadline = time.monotonic() + within
    while not check() and time.monotonic() < deadline:  # noqa: ASYNC110 - state (a store, a list) has no event
        await asyncio.sleep(0.02)


def is_callback(payload: dict[str, Any]) -> Any:
    return lambda c: c.method == "POST" and c.path.startswith(f"/interactions/{payload['id']}/")


def is_followup(payload: dict[str, Any]) -> Any:
    return lambda c: c.method == "POST" and c.path == f"/webhooks/{APP_ID}/{payload['token']}"


def is_channel_message(c: Call) -> bool:
    return c.method == "POST" and c.path == f"/channels/{CHANNEL_ID}/messages"
