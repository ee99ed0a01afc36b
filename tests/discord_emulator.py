"""A local emulator of Discord's REST API and gateway, for end-to-end tests.

The bot under test runs for real (usually in another process) and is pointed
here with ``bot.discord_layer.endpoints.apply_endpoints(emulator.api_base, emulator.gateway_url)``
(the ``DISCORD_API_BASE`` / ``DISCORD_GATEWAY_URL`` settings, see
:meth:`DiscordEmulator.env`). The emulator lives in the test process: an
aiohttp server on ``127.0.0.1`` (random free port) in a background thread with
its own event loop. Every public method is thread-safe and blocking::

    with DiscordEmulator() as discord_api:
        bot = subprocess.Popen([...], env={**os.environ, **discord_api.env()})
        discord_api.wait_ready()
        interaction = discord_api.send_interaction("ping")
        assert discord_api.wait_for_callback(interaction).json["type"] == 5
        assert discord_api.wait_for_followup(interaction).json["content"] == "pong"

It behaves like Discord where bots commonly get things wrong: JSON is only
decoded by discord.py with ``Content-Type: application/json``; a bad token gets
401 from ``GET /users/@me`` and close code 4004 on the gateway; events need the
matching intents and message content is blanked without the MESSAGE_CONTENT
intent (unless the bot is mentioned); interactions must be acknowledged once,
within 3 seconds, before followups; messages are limited to 2000 characters,
10 embeds (with Discord's embed limits) and must not be empty; polls follow
Discord's limits (a 300-character question, 1-10 answers of up to 55 characters,
1-768 hours) and come back with numbered answers and an expiry; allowed_mentions
decides who is actually mentioned. Failures can be injected per route with
:meth:`DiscordEmulator.fail_route`, or on a random share of calls (429s with
``retry_after``, 500s) with :meth:`DiscordEmulator.fail_share`.

Not emulated: channel permission overwrites, rate limits (except injected
429s), voice, presences, forum channels, and anything not listed in
``_register_routes`` (those answer ``404: Not Found`` and are recorded).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import http
import json
import logging
import random
import re
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Self, TypeVar
from urllib.parse import quote, unquote

from aiohttp import BodyPartReader, WSMsgType, web

log = logging.getLogger(__name__)

T = TypeVar("T")
Json = dict[str, Any]
UserRef = str | int | Mapping[str, Any]
"""A user: ``"owner"``, ``"moderator"``, ``"member"``, ``"bot"``, a user id, or a
user / member payload (as returned by :attr:`DiscordEmulator.member` etc.)."""

DEFAULT_TOKEN = "emulator-bot-token.Agora.0123456789"
API_VERSION = 10
# How long a test waits for the bot by default: generous, since a wait ends as soon as what it
# waits for happens (a busy machine answers late, not wrongly; Discord's own deadlines, like the
# 3 seconds to acknowledge an interaction, are enforced separately).
WAIT_SECONDS = 60.0
NONCE_SECONDS = 300.0  # how long Discord remembers a message nonce (enforce_nonce): "a few minutes"
DISCORD_EPOCH_MS = 1_420_070_400_000
MAX_CONTENT = 2000


class Perm:
    """Permission bits used by the emulator (see Discord's permission docs)."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CHANGE_NICKNAME = 1 << 26
    MANAGE_ROLES = 1 << 28
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    CREATE_PRIVATE_THREADS = 1 << 36
    SEND_MESSAGES_IN_THREADS = 1 << 38
    MODERATE_MEMBERS = 1 << 40
    SEND_POLLS = 1 << 49
    ALL = 8_866_461_766_385_663  # discord.Permissions.all() in discord.py 2.7

    EVERYONE = (
        CREATE_INSTANT_INVITE | ADD_REACTIONS | VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS
        | ATTACH_FILES | READ_MESSAGE_HISTORY | USE_EXTERNAL_EMOJIS | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS | CREATE_PUBLIC_THREADS | SEND_MESSAGES_IN_THREADS | SEND_POLLS
    )  # fmt: skip
    MODERATOR = (
        EVERYONE | MANAGE_GUILD | MANAGE_MESSAGES | MANAGE_THREADS | KICK_MEMBERS
        | MODERATE_MEMBERS
    )  # fmt: skip
    BOT = (
        EVERYONE | MANAGE_MESSAGES | MANAGE_THREADS | CREATE_PRIVATE_THREADS
        | MANAGE_ROLES | MODERATE_MEMBERS
    )  # fmt: skip


class Intent:
    """Gateway intent bits."""

    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    GUILD_MESSAGE_REACTIONS = 1 << 10
    DIRECT_MESSAGES = 1 << 12
    MESSAGE_CONTENT = 1 << 15
    GUILD_MESSAGE_POLLS = 1 << 24
    PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT


_ERROR_MESSAGES: dict[int, str] = {
    10003: "Unknown Channel",
    10004: "Unknown Guild",
    10007: "Unknown Member",
    10008: "Unknown Message",
    10013: "Unknown User",
    10014: "Unknown Emoji",
    10015: "Unknown Webhook",
    10062: "Unknown interaction",
    10063: "Unknown application command",
    40060: "Interaction has already been acknowledged.",
    50001: "Missing Access",
    50005: "Cannot edit a message authored by another user",
    50006: "Cannot send an empty message",
    50013: "Missing Permissions",
    50035: "Invalid Form Body",
    50109: "The request body contains invalid JSON.",
    160004: "A thread has already been created for this message",
}

# Application flags: GATEWAY_*_LIMITED, i.e. the privileged intents are enabled.
_APPLICATION_FLAGS = (1 << 15) | (1 << 17) | (1 << 19)
_MESSAGE_FLAG_EPHEMERAL = 1 << 6
_MESSAGE_FLAG_LOADING = 1 << 7
_MESSAGE_FLAG_HAS_THREAD = 1 << 5
_MESSAGE_FLAG_COMPONENTS_V2 = 1 << 15


class DiscordError(Exception):
    """An error answered the way Discord does: ``{"message", "code"[, "errors"]}``."""

    def __init__(
        self, status: int, code: int = 0, message: str | None = None, errors: Json | None = None
    ) -> None:
        if message is None:
            message = _ERROR_MESSAGES.get(code) or f"{status}: {http.HTTPStatus(status).phrase}"
        super().__init__(f"{status} {message} (code {code})")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> Json:
        """The JSON body of the error response."""
        body: Json = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return body


def _form_error(path: Sequence[str | int], code: str, message: str) -> Json:
    """Discord's nested ``errors`` object for one field of an invalid form body."""
    errors: Json = {"_errors": [{"code": code, "message": message}]}
    for key in reversed(path):
        errors = {str(key): errors}
    return errors


def _invalid_form(path: Sequence[str | int], code: str, message: str) -> DiscordError:
    """A 400 Invalid Form Body error for one field."""
    return DiscordError(400, 50035, errors=_form_error(path, code, message))


def _merge(into: Json, extra: Json) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


@dataclass(frozen=True)
class RecordedFile:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class RecordedRequest:
    """One REST call received by the emulator, with the answer it got."""

    method: str
    path: str
    """Decoded path without ``/api/v10`` and without the query, e.g. ``/users/@me``."""
    query: dict[str, str]
    headers: dict[str, str]
    """Request headers, without ``Authorization``."""
    json: Any
    """The JSON body, or the parsed ``payload_json`` part of a multipart body."""
    files: tuple[RecordedFile, ...]
    status: int
    response: Any
    authorized: bool
    at: float = 0.0
    """``time.monotonic()`` when it was answered (for rate-limit accounting)."""

    @property
    def content(self) -> str | None:
        """The ``content`` of a message body, if any."""
        return self.json.get("content") if isinstance(self.json, dict) else None

    def summary(self) -> str:
        """One line: ``METHOD path -> status body``."""
        body = "" if self.json is None else json.dumps(self.json)[:200]
        return f"{self.method} {self.path} -> {self.status} {body}"

    def matches(self, method: str | None = None, path: str | None = None) -> bool:
        """Whether the method equals and the path fully matches the regex ``path``."""
        if method is not None and self.method != method.upper():
            return False
        return path is None or re.fullmatch(path, self.path) is not None


@dataclass
class _Failure:
    method: str
    pattern: re.Pattern[str]
    error: DiscordError
    times: int | None
    retry_after: float


@dataclass(eq=False)
class _Session:
    ws: web.WebSocketResponse
    query: dict[str, str]
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    session_id: str | None = None
    seq: int = 0
    intents: int = 0
    ready: bool = False
    shard: tuple[int, int] | None = None  # (shard id, shard count) from IDENTIFY


@dataclass(eq=False)
class _Interaction:
    payload: Json
    created: float
    response_type: int | None = None
    original_id: str | None = None
    loading: bool = False
    ephemeral: bool = False
    modal: Json | None = None
    followups: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Request:
    """What a route handler sees."""

    method: str
    path: str
    query: Mapping[str, str]
    json: Any
    files: tuple[RecordedFile, ...]
    params: dict[str, str]

    def body(self) -> Json:
        if self.json is None:
            return {}
        if not isinstance(self.json, dict):
            raise _invalid_form([], "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
        return self.json


_Result = tuple[int, Any]
_Handler = Callable[[_Request], Awaitable[_Result]]
_MENTION_USER = re.compile(r"<@!?(\d+)>")
_MENTION_ROLE = re.compile(r"<@&(\d+)>")


def _now() -> str:
    return datetime.now(UTC).isoformat()


class DiscordEmulator:
    """Discord REST API + gateway on ``127.0.0.1``, for one bot in one guild.

    The default world: application/bot user (same id), a guild owned by
    :attr:`owner`, roles ``@everyone``, ``Moderator`` (Manage Guild, Manage
    Messages, ...) and the bot's managed role, a category with the text channel
    :attr:`channel` (``#general``), and members :attr:`owner`,
    :attr:`moderator` (has the Moderator role), :attr:`member` (plain) and the
    bot. The owner also owns the application (``bot.is_owner``).

    Args:
        token: The bot token the emulator accepts.
        host: Interface to listen on.
        port: Port to listen on, 0 for a random free one.
        heartbeat_interval: Gateway heartbeat interval in seconds.
        interaction_timeout: Seconds a bot has to acknowledge an interaction
            (Discord: 3); later callbacks get 404 Unknown interaction. ``None``
            disables the deadline (e.g. when debugging).
        allowed_intents: Privileged intents "enabled in the developer portal";
            identifying with others closes the gateway with 4014.
        echo_bot_messages: Also dispatch MESSAGE_CREATE for the bot's own
            messages, as Discord does (off by default to keep tests quiet).
        bot_permissions: Permission bits of the bot's role.
        bot_name: Username of the bot / name of the application.
        shard_count: The shard count ``GET /gateway/bot`` recommends. Servers are routed to
            shard ``(guild_id >> 22) % count`` of a session that identified with a shard pair.
        max_concurrency: IDENTIFYs allowed per 5 seconds per bucket (``shard_id % max_concurrency``);
            faster ones are counted in :attr:`identify_too_soon`.
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        host: str = "127.0.0.1",
        port: int = 0,
        heartbeat_interval: float = 41.25,
        interaction_timeout: float | None = 3.0,
        allowed_intents: int = Intent.PRIVILEGED,
        echo_bot_messages: bool = False,
        bot_permissions: int = Perm.BOT,
        bot_name: str = "Agora",
        shard_count: int = 1,
        max_concurrency: int = 1,
    ) -> None:
        self.token = token
        self.shard_count = shard_count
        self.max_concurrency = max_concurrency
        self._identify_times: dict[int, list[float]] = {}  # rate-limit bucket -> IDENTIFY times
        self.identify_too_soon = 0  # IDENTIFYs Discord would have refused (max_concurrency per 5 s)
        self.nonce_replays = 0  # message creates answered with the earlier message (enforce_nonce)
        self._guilds: dict[str, Json] = {}  # extra servers (add_guild): id -> payload and its members
        self._nonces: dict[tuple[str, str], tuple[str, float]] = {}  # (channel, nonce) -> message, time
        self._slow: list[tuple[str, re.Pattern[str], float, bool]] = []  # answers sent late (slow_answers)
        self.host = host
        self.heartbeat_interval = heartbeat_interval
        self.interaction_timeout = interaction_timeout
        self.allowed_intents = allowed_intents
        self.echo_bot_messages = echo_bot_messages
        self._requested_port = port
        self._port: int | None = None

        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._last_snowflake = 0
        self._requests: list[RecordedRequest] = []
        self._gateway_log: list[Json] = []
        self._identify_count = 0
        self._failures: list[_Failure] = []
        self._share: tuple[float, float, float, re.Pattern[str]] | None = None
        self._share_random = random.Random()
        self._injected: dict[int, int] = {429: 0, 500: 0}
        self._sessions: list[_Session] = []
        self._resumable: dict[str, int] = {}  # session id -> intents
        self._interactions: dict[str, _Interaction] = {}
        self._interactions_by_token: dict[str, _Interaction] = {}
        self._messages: dict[str, Json] = {}
        self._poll_voters: dict[tuple[str, int], list[str]] = {}  # (message, answer id) -> user ids
        self._attachments: dict[str, bytes] = {}
        self._dm_channels: dict[str, str] = {}  # user id -> channel id
        self._global_commands: dict[tuple[int, str], Json] = {}
        self._guild_commands: dict[str, dict[tuple[int, str], Json]] = {}

        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._routes: list[tuple[str, re.Pattern[str], _Handler, bool]] = []
        self._register_routes()
        self._build_world(bot_name, bot_permissions)

    # ------------------------------------------------------------------ world

    def _snowflake(self) -> str:
        with self._lock:
            value = ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | (1 << 17)
            value = max(value, self._last_snowflake + 1)
            self._last_snowflake = value
            return str(value)

    @staticmethod
    def _user_payload(user_id: str, username: str, *, bot: bool = False) -> Json:
        return {
            "id": user_id,
            "username": username,
            "discriminator": "0",
            "global_name": None if bot else username.title(),
            "avatar": None,
            "avatar_decoration_data": None,
            "banner": None,
            "accent_color": None,
            "public_flags": 0,
            "flags": 0,
            "bot": bot,
            "system": False,
            "clan": None,
            "primary_guild": None,
            "collectibles": None,
        }

    def _role_payload(self, name: str, permissions: int, position: int, **extra: Any) -> Json:
        role: Json = {
            "id": extra.pop("id", None) or self._snowflake(),
            "name": name,
            "description": None,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": position,
            "permissions": str(permissions),
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        role.update(extra)
        return role

    def _build_world(self, bot_name: str, bot_permissions: int) -> None:
        self.application_id = self._snowflake()
        self.guild_id = self._snowflake()
        bot = self._user_payload(self.application_id, bot_name.lower(), bot=True)
        self._bot_user: Json = {
            **bot,
            "verified": True,
            "mfa_enabled": False,
            "locale": "en-US",
            "email": None,
            "premium_type": 0,
            "bio": "",
        }
        self._users: dict[str, Json] = {bot["id"]: bot}
        for username in ("owner", "moderator", "member"):
            user = self._user_payload(self._snowflake(), username)
            self._users[user["id"]] = user
        owner_id, moderator_id, member_id = list(self._users)[1:]
        self._named_users = {
            "bot": bot["id"],
            "owner": owner_id,
            "moderator": moderator_id,
            "member": member_id,
        }

        everyone = self._role_payload("@everyone", Perm.EVERYONE, 0, id=self.guild_id)
        moderator = self._role_payload("Moderator", Perm.MODERATOR, 1, hoist=True, color=3447003)
        bot_role = self._role_payload(
            bot_name, bot_permissions, 2, managed=True, tags={"bot_id": self.application_id}
        )
        self.moderator_role_id: str = moderator["id"]
        self.bot_role_id: str = bot_role["id"]
        self._roles: dict[str, Json] = {r["id"]: r for r in (everyone, moderator, bot_role)}

        category_id = self._snowflake()
        self._channels: dict[str, Json] = {
            category_id: {
                "id": category_id, "type": 4, "guild_id": self.guild_id, "name": "Text Channels",
                "position": 0, "permission_overwrites": [], "parent_id": None, "nsfw": False, "flags": 0,
            },
        }  # fmt: skip
        general = self._text_channel_payload("general", category_id)
        self.channel_id: str = general["id"]
        self._channels[self.channel_id] = general

        self._members: dict[str, Json] = {}
        for user_id, roles in (
            (bot["id"], [bot_role["id"]]),
            (owner_id, []),
            (moderator_id, [moderator["id"]]),
            (member_id, []),
        ):
            self._members[user_id] = self._member_payload(user_id, roles)

        self._guild: Json = {
            "id": self.guild_id,
            "name": "Agora Test Guild",
            "icon": None,
            "icon_hash": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": owner_id,
            "region": "deprecated",
            "afk_channel_id": None,
            "afk_timeout": 300,
            "widget_enabled": False,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": self.channel_id,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "max_presences": None,
            "max_members": 500000,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": None,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
            "nsfw": False,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "safety_alerts_channel_id": None,
            "incidents_data": None,
            "emojis": [],
            "stickers": [],
        }
        self._application: Json = {
            "id": self.application_id,
            "name": bot_name,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "hook": True,
            "bot_public": False,
            "bot_require_code_grant": False,
            "verify_key": secrets.token_hex(32),
            "flags": _APPLICATION_FLAGS,
            "owner": self._users[owner_id],
            "team": None,
            "bot": bot,
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "tags": [],
            "integration_types_config": {"0": {}},
            "approximate_guild_count": 1,
            "approximate_user_install_count": 0,
        }

    def _text_channel_payload(self, name: str, parent_id: str | None) -> Json:
        channel_id = self._snowflake()
        position = sum(1 for c in self._channels.values() if c["type"] == 0)
        return {
            "id": channel_id,
            "type": 0,
            "guild_id": self.guild_id,
            "name": name,
            "position": position,
            "permission_overwrites": [],
            "parent_id": parent_id,
            "topic": None,
            "nsfw": False,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "default_thread_rate_limit_per_user": 0,
            "default_auto_archive_duration": 1440,
            "flags": 0,
        }

    def _member_payload(self, user_id: str, roles: list[str]) -> Json:
        return {
            "user": self._users[user_id],
            "roles": roles,
            "nick": None,
            "avatar": None,
            "banner": None,
            "joined_at": _now(),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
            "unusual_dm_activity_until": None,
        }

    # --------------------------------------------------------- public: world

    @property
    def port(self) -> int:
        """The port the server listens on (after :meth:`start`)."""
        if self._port is None:
            raise RuntimeError("The emulator is not started.")
        return self._port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{self.host}:{self.port}"

    @property
    def api_base(self) -> str:
        """REST base for ``apply_endpoints``: ``http://127.0.0.1:PORT/api/v10``."""
        return f"{self.base_url}/api/v{API_VERSION}"

    @property
    def gateway_url(self) -> str:
        """Gateway URL for ``apply_endpoints``: ``ws://127.0.0.1:PORT/gateway``."""
        return f"ws://{self.host}:{self.port}/gateway"

    def env(self) -> dict[str, str]:
        """Environment variables that point the Agora bot at this emulator."""
        return {
            "DISCORD_TOKEN": self.token,
            "DISCORD_API_BASE": self.api_base,
            "DISCORD_GATEWAY_URL": self.gateway_url,
        }

    @property
    def bot_user(self) -> Json:
        """The bot's user object (``GET /users/@me``)."""
        with self._lock:
            return copy.deepcopy(self._bot_user)

    @property
    def bot_mention(self) -> str:
        """``<@BOT_ID>``."""
        return f"<@{self.application_id}>"

    @property
    def owner(self) -> Json:
        """The guild (and application) owner's member payload."""
        return self.get_member("owner")

    @property
    def moderator(self) -> Json:
        """Member payload of a moderator (Moderator role: Manage Guild, ...)."""
        return self.get_member("moderator")

    @property
    def member(self) -> Json:
        """Member payload of a plain member (no roles)."""
        return self.get_member("member")

    @property
    def guild(self) -> Json:
        """The full guild object, as sent in GUILD_CREATE."""
        with self._lock:
            return self._guild_create_payload()

    @property
    def channel(self) -> Json:
        """The default text channel (``#general``)."""
        return self.get_channel(self.channel_id)

    def get_channel(self, channel_id: str | int) -> Json:
        """A channel, thread or DM channel by id (``KeyError`` if unknown)."""
        with self._lock:
            return copy.deepcopy(self._channels[str(channel_id)])

    def get_member(self, user: UserRef) -> Json:
        """A member payload (with ``user``) of the guild."""
        with self._lock:
            return copy.deepcopy(self._members[self._user_id(user)])

    def member_permissions(self, user: UserRef) -> int:
        """Guild-level permission bits of a member (owner/administrator: all)."""
        with self._lock:
            return self._permissions_of(self._user_id(user))

    def add_member(self, username: str, *, roles: Sequence[str] = (), bot: bool = False) -> Json:
        """Add a user to the guild (dispatches GUILD_MEMBER_ADD); returns the member payload."""
        with self._lock:
            user = self._user_payload(self._snowflake(), username, bot=bot)
            self._users[user["id"]] = user
            member = self._member_payload(user["id"], list(roles))
            self._members[user["id"]] = member
            event = {**copy.deepcopy(member), "guild_id": self.guild_id}
        self._broadcast("GUILD_MEMBER_ADD", event, Intent.GUILD_MEMBERS, require_session=False)
        return copy.deepcopy(member)

    def add_role(self, name: str, permissions: int = 0) -> Json:
        """Create a role (dispatches GUILD_ROLE_CREATE); returns the role."""
        with self._lock:
            role = self._role_payload(name, permissions, len(self._roles))
            self._roles[role["id"]] = role
            event = {"guild_id": self.guild_id, "role": copy.deepcopy(role)}
        self._broadcast("GUILD_ROLE_CREATE", event, Intent.GUILDS, require_session=False)
        return copy.deepcopy(role)

    def add_text_channel(self, name: str) -> Json:
        """Create a text channel (dispatches CHANNEL_CREATE); returns the channel."""
        with self._lock:
            parent = self._channels[self.channel_id]["parent_id"]
            channel = self._text_channel_payload(name, parent)
            self._channels[channel["id"]] = channel
            event = copy.deepcopy(channel)
        self._broadcast("CHANNEL_CREATE", event, Intent.GUILDS, require_session=False)
        return copy.deepcopy(channel)

    def delete_channel(self, channel_id: str | int) -> Json:
        """Delete a channel (dispatches CHANNEL_DELETE); later REST calls on it get 404 Unknown Channel."""
        with self._lock:
            channel = self._channels.pop(str(channel_id))
            event = copy.deepcopy(channel)
        self._broadcast("CHANNEL_DELETE", event, Intent.GUILDS, require_session=False)
        return event

    def commands(self, guild_id: str | int | None = None) -> list[Json]:
        """Registered application commands: global ones, or those of ``guild_id``."""
        with self._lock:
            table = self._global_commands if guild_id is None else self._guild_commands.get(str(guild_id), {})
            return copy.deepcopy(list(table.values()))

    def messages(self, channel_id: str | int | None = None) -> list[Json]:
        """Stored messages (users' and the bot's), oldest first, optionally of one channel."""
        with self._lock:
            found = [
                m for m in self._messages.values() if channel_id is None or m["channel_id"] == str(channel_id)
            ]
            return copy.deepcopy(sorted(found, key=lambda m: int(m["id"])))

    def get_message(self, message_id: str | int) -> Json:
        """A stored message by id (``KeyError`` if unknown)."""
        with self._lock:
            return copy.deepcopy(self._messages[str(message_id)])

    def original_response(self, interaction: Mapping[str, Any]) -> Json | None:
        """The current original response message of an interaction, if any."""
        with self._lock:
            state = self._interactions[str(interaction["id"])]
            if state.original_id is None or state.original_id not in self._messages:
                return None
            return copy.deepcopy(self._messages[state.original_id])

    # ------------------------------------------------------ public: requests

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every REST call so far, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    @property
    def gateway_log(self) -> list[Json]:
        """Every gateway payload received from bots (tokens redacted), oldest first."""
        with self._lock:
            return copy.deepcopy(self._gateway_log)

    def mark(self) -> int:
        """The number of recorded requests; pass it as ``after=`` to only see newer ones."""
        with self._lock:
            return len(self._requests)

    def find_requests(
        self,
        predicate: Callable[[RecordedRequest], bool] | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        after: int = 0,
    ) -> list[RecordedRequest]:
        """Recorded requests matching ``method``, the ``path`` regex (full match) and ``predicate``.

        A predicate raising ``KeyError``, ``IndexError``, ``TypeError`` or
        ``AttributeError`` (e.g. ``r.json["content"]`` on a body-less request)
        counts as no match.
        """
        with self._lock:
            candidates = self._requests[after:]
        return [r for r in candidates if _request_matches(r, method, path, predicate)]

    def wait_for_request(
        self,
        predicate: Callable[[RecordedRequest], bool] | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        timeout: float = WAIT_SECONDS,
        after: int = 0,
    ) -> RecordedRequest:
        """Wait for (or find) the first request like :meth:`find_requests`.

        Raises:
            TimeoutError: None came within ``timeout`` seconds; the message
                lists what was received.
        """
        deadline = time.monotonic() + timeout
        index = after
        with self._changed:
            while True:
                for request in self._requests[index:]:
                    if _request_matches(request, method, path, predicate):
                        return request
                index = max(index, len(self._requests))
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = "\n".join(f"  {r.summary()}" for r in self._requests[after:][-25:])
                    raise TimeoutError(
                        f"No request matching method={method!r} path={path!r} predicate={predicate!r} "
                        f"within {timeout}s. Requests received:\n{seen or '  (none)'}"
                    )
                self._changed.wait(remaining)

    def wait_for_callback(
        self, interaction: Mapping[str, Any], timeout: float = WAIT_SECONDS
    ) -> RecordedRequest:
        """Wait for the bot's ``POST /interactions/{id}/{token}/callback``."""
        return self.wait_for_request(
            method="POST", path=rf"/interactions/{interaction['id']}/[^/]+/callback", timeout=timeout
        )

    def wait_for_followup(
        self, interaction: Mapping[str, Any], timeout: float = WAIT_SECONDS, *, after: int = 0
    ) -> RecordedRequest:
        """Wait for a followup ``POST /webhooks/{application_id}/{token}`` of an interaction."""
        token = re.escape(interaction["token"])
        return self.wait_for_request(
            method="POST", path=rf"/webhooks/{self.application_id}/{token}", timeout=timeout, after=after
        )

    def wait_for_gateway(self, predicate: Callable[[Json], bool], timeout: float = WAIT_SECONDS) -> Json:
        """Wait for a gateway payload from the bot, e.g. ``lambda p: p["op"] == 3``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for payload in self._gateway_log:
                    if predicate(payload):
                        return copy.deepcopy(payload)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"No gateway payload matching {predicate!r} within {timeout}s.")
                self._changed.wait(remaining)

    def wait_ready(self, timeout: float = WAIT_SECONDS, *, count: int = 1) -> Json:
        """Wait until a bot has identified and received READY and GUILD_CREATE.

        Args:
            timeout: Seconds to wait.
            count: Wait for the ``count``-th successful IDENTIFY (e.g. 2 after
                restarting the bot).

        Returns:
            The last IDENTIFY payload (token redacted), e.g. to check ``intents``.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._identify_count < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(
                        f"The bot did not become ready within {timeout}s "
                        f"(gateway payloads: {[p.get('op') for p in self._gateway_log]}, "
                        f"REST calls: {[r.summary()[:80] for r in self._requests]})"
                    )
                self._changed.wait(remaining)
            return copy.deepcopy([p for p in self._gateway_log if p.get("op") == 2][-1])

    @property
    def connected(self) -> bool:
        """Whether a bot session is identified on the gateway."""
        with self._lock:
            return any(s.ready for s in self._sessions)

    # ------------------------------------------------------ public: failures

    def fail_route(
        self,
        method: str,
        path_regex: str,
        status: int = 403,
        code: int = 50013,
        message: str | None = None,
        *,
        times: int | None = None,
        retry_after: float = 0.05,
    ) -> None:
        """Make matching REST calls fail like Discord does.

        Args:
            method: HTTP method, or ``"*"`` for any.
            path_regex: Regex fully matching the path without ``/api/v10``,
                e.g. ``r"/channels/\\d+/messages"``.
            status: HTTP status, e.g. 403, 404, 429, 500.
            code: Discord JSON error code, e.g. 50013 Missing Permissions,
                10003 Unknown Channel, 10008 Unknown Message.
            message: Error message (default: Discord's for ``code``).
            times: Fail only this many times (default: until cleared).
            retry_after: For 429: the ``retry_after`` sent back.
        """
        error = DiscordError(status, code, message)
        if status == 429 and message is None:
            error.message = "You are being rate limited."
        with self._lock:
            self._failures.append(_Failure(method.upper(), re.compile(path_regex), error, times, retry_after))

    def fail_share(
        self,
        *,
        rate_limited: float = 0.0,
        server_error: float = 0.0,
        retry_after: float = 0.3,
        path_regex: str = r".*",
        seed: int | None = None,
    ) -> None:
        """Make a random share of REST calls fail, as Discord does on a bad minute.

        Each matching call is answered 429 (with ``retry_after`` in the body and a
        ``Retry-After`` header) with probability `rate_limited`, else 500 with probability
        `server_error`. Calls failed this way are counted in :attr:`injected`.
        :meth:`clear_failures` stops it.
        """
        if not 0 <= rate_limited + server_error <= 1:
            raise ValueError("the shares must add up to at most 1")
        with self._lock:
            self._share = (rate_limited, server_error, retry_after, re.compile(path_regex))
            self._share_random = random.Random(seed)

    @property
    def injected(self) -> dict[int, int]:
        """How many calls :meth:`fail_share` failed, by status (429, 500)."""
        with self._lock:
            return dict(self._injected)

    def clear_failures(self) -> None:
        """Remove every failure added with :meth:`fail_route` or :meth:`fail_share`."""
        with self._lock:
            self._failures.clear()
            self._share = None

    # ------------------------------------------------------ public: events

    def send_message(
        self,
        content: str,
        *,
        author: UserRef = "member",
        channel_id: str | int | None = None,
        mention_bot: bool = False,
        mentions: Sequence[UserRef] = (),
        reply_to: str | int | None = None,
        attachments: Sequence[tuple[str, bytes]] = (),
        embeds: Sequence[Json] = (),
    ) -> Json:
        """Dispatch MESSAGE_CREATE for a message a user posts in a guild channel.

        User (``<@id>``), role (``<@&id>``) and ``@everyone`` mentions are parsed
        from ``content``; ``mention_bot`` prepends ``<@BOT_ID> ``; ``mentions``
        adds users to the ``mentions`` array. Like Discord, a bot without the
        MESSAGE_CONTENT intent gets empty content/embeds/attachments unless it
        is mentioned, and one without GUILD_MESSAGES gets nothing.

        Returns:
            The full message payload (as stored; use ``["id"]`` for replies).
        """
        channel = str(channel_id or self.channel_id)
        if mention_bot:
            content = f"{self.bot_mention} {content}"
        with self._lock:
            if channel not in self._channels:
                raise KeyError(f"Unknown channel {channel}")
            user_id = self._user_id(author)
            message = self._user_message(user_id, channel, content, mentions, reply_to, attachments, embeds)
        self._dispatch_message_create(message)
        return copy.deepcopy(message)

    def send_dm(self, content: str, *, author: UserRef = "member") -> Json:
        """Dispatch MESSAGE_CREATE for a direct message to the bot (needs DIRECT_MESSAGES)."""
        with self._lock:
            user_id = self._user_id(author)
            channel = self._dm_channel(user_id)
            message = self._user_message(user_id, channel["id"], content, (), None, (), ())
        self._dispatch_message_create(message)
        return copy.deepcopy(message)

    def add_reaction(self, message_id: str | int, emoji: str, *, user: UserRef = "member") -> Json:
        """Dispatch MESSAGE_REACTION_ADD for a user reacting with a unicode emoji."""
        with self._lock:
            message = self._messages[str(message_id)]
            user_id = self._user_id(user)
            self._add_reaction(message, emoji, me=False)
            event: Json = {
                "user_id": user_id,
                "type": 0,
                "message_id": message["id"],
                "message_author_id": message["author"]["id"],
                "channel_id": message["channel_id"],
                "emoji": {"id": None, "name": emoji},
                "burst": False,
                "burst_colors": [],
            }
            if message.get("guild_id"):
                event["guild_id"] = message["guild_id"]
                event["member"] = copy.deepcopy(self._members[user_id])
        self._broadcast("MESSAGE_REACTION_ADD", event, Intent.GUILD_MESSAGE_REACTIONS)
        return event

    def vote_poll(
        self,
        message_id: str | int,
        answer_id: int,
        *,
        user: UserRef = "member",
        remove: bool = False,
        dispatch: bool = True,
    ) -> Json:
        """A member votes on (or, with `remove`, takes back a vote on) a poll answer.

        Discord keeps the voter and sends MESSAGE_POLL_VOTE_ADD / _REMOVE to sessions with the
        GUILD_MESSAGE_POLLS intent; with ``dispatch=False`` the vote is kept but no event goes
        out (a vote cast while the bot was offline: only the voters endpoint shows it).
        """
        with self._lock:
            message = self._messages[str(message_id)]
            poll = message.get("poll")
            if not poll or not any(a["answer_id"] == answer_id for a in poll["answers"]):
                raise ValueError(f"message {message_id} has no poll answer {answer_id}")
            user_id = self._user_id(user)
            voters = self._poll_voters.setdefault((message["id"], answer_id), [])
            if remove and user_id in voters:
                voters.remove(user_id)
            elif not remove and user_id not in voters:
                voters.append(user_id)
            event: Json = {
                "user_id": user_id,
                "channel_id": message["channel_id"],
                "message_id": message["id"],
                "answer_id": answer_id,
            }
            if message.get("guild_id"):
                event["guild_id"] = message["guild_id"]
        if dispatch:
            name = "MESSAGE_POLL_VOTE_REMOVE" if remove else "MESSAGE_POLL_VOTE_ADD"
            self._broadcast(name, event, Intent.GUILD_MESSAGE_POLLS)
        return event

    def end_poll(self, message_id: str | int, votes: Sequence[int]) -> Json:
        """End a message's poll as Discord does when it expires, with `votes` per answer (in order).

        The poll message gets finalised results and comes back in a MESSAGE_UPDATE; Discord's
        poll-result system message (type 46, a ``poll_result`` embed referencing the poll) is
        posted in the channel and dispatched as a MESSAGE_CREATE. Returns the updated message.
        """
        with self._lock:
            message = self._messages[str(message_id)]
            poll = message.get("poll")
            if not poll:
                raise ValueError(f"message {message_id} has no poll")
            answers = poll["answers"]
            counts = [*votes, *[0] * len(answers)][: len(answers)]
            poll["expiry"] = _now()
            poll["results"] = {
                "is_finalized": True,
                "answer_counts": [
                    {"id": a["answer_id"], "count": int(n), "me_voted": False}
                    for a, n in zip(answers, counts, strict=True)
                    if n
                ],
            }
            update = copy.deepcopy(message)
            best = max(range(len(answers)), key=lambda i: counts[i]) if any(counts) else None
            fields = [
                {"name": "poll_question_text", "value": poll["question"].get("text", ""), "inline": False},
                {"name": "total_votes", "value": str(sum(counts)), "inline": False},
            ]
            if best is not None:
                fields += [
                    {"name": "victor_answer_id", "value": str(answers[best]["answer_id"]), "inline": False},
                    {
                        "name": "victor_answer_text",
                        "value": answers[best]["poll_media"].get("text", ""),
                        "inline": False,
                    },
                    {"name": "victor_answer_votes", "value": str(counts[best]), "inline": False},
                ]
            result = self._bot_message(message["channel_id"], {"content": ""}, [], validate=False)
            result.update(
                type=46,
                embeds=[{"type": "poll_result", "fields": fields}],
                message_reference={
                    "type": 0,
                    "message_id": message["id"],
                    "channel_id": message["channel_id"],
                    **({"guild_id": message["guild_id"]} if message.get("guild_id") else {}),
                },
            )
            self._messages[result["id"]] = result
            self._channels[message["channel_id"]]["last_message_id"] = result["id"]
        self._broadcast("MESSAGE_UPDATE", update, Intent.GUILD_MESSAGES)
        self._dispatch_message_create(copy.deepcopy(result))
        return update

    def send_interaction(
        self,
        command_name: str,
        options: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
        *,
        user: UserRef = "member",
        channel_id: str | int | None = None,
        locale: str = "en-US",
        command_type: int = 1,
        target_id: str | int | None = None,
    ) -> Json:
        """Dispatch INTERACTION_CREATE for an application command.

        Args:
            command_name: The command, with its group/subcommand path separated
                by spaces: ``"ping"``, ``"config show"``, ``"admin config set"``.
            options: ``{name: value}`` for the (leaf) command's options, or raw
                option dicts. If the command was registered by the bot, option
                types come from its definition (users/roles/channels get
                ``resolved`` data and ids; unknown or missing required options
                raise ``ValueError``); otherwise types are inferred (str, int,
                float, bool).
            user: Who invokes it (its ``member`` carries roles + permissions).
            channel_id: Channel (default ``#general``).
            locale: The user's locale.
            command_type: 1 slash, 2 user context menu, 3 message context menu.
            target_id: For context menus: the target user / message id.

        Returns:
            The interaction payload; pass it to :meth:`wait_for_callback` /
            :meth:`wait_for_followup`, or use its ``id`` and ``token``.
        """
        with self._lock:
            data = self._command_data(command_name, options, command_type, target_id, autocomplete=None)
            payload = self._new_interaction(2, data, user, channel_id, locale)
        return self._dispatch_interaction(payload)

    def send_autocomplete(
        self,
        command_name: str,
        options: Mapping[str, Any],
        focused: str,
        *,
        user: UserRef = "member",
        channel_id: str | int | None = None,
    ) -> Json:
        """Dispatch an autocomplete interaction (type 4); ``focused`` names the option being typed."""
        with self._lock:
            data = self._command_data(command_name, options, 1, None, autocomplete=focused)
            payload = self._new_interaction(4, data, user, channel_id, "en-US")
        return self._dispatch_interaction(payload)

    def send_component(
        self,
        message_id: str | int,
        custom_id: str,
        *,
        values: Sequence[str] | None = None,
        user: UserRef = "member",
    ) -> Json:
        """Dispatch a component interaction (type 3): a click on a button or a select.

        The message must be stored (sent by the bot) and contain a component
        with ``custom_id``; its type is taken from there (``values`` are for
        selects).
        """
        with self._lock:
            message = self._messages.get(str(message_id))
            if message is None:
                raise KeyError(f"Unknown message {message_id}; the bot's messages: {list(self._messages)}")
            component = next(
                (
                    c
                    for c in self._walk_components(message.get("components", []))
                    if c.get("custom_id") == custom_id
                ),
                None,
            )
            if component is None:
                ids = [c.get("custom_id") for c in self._walk_components(message.get("components", []))]
                raise ValueError(f"Message {message_id} has no component {custom_id!r} (custom ids: {ids})")
            data: Json = {
                "custom_id": custom_id,
                "component_type": component["type"],
                "id": component.get("id"),
            }
            if component["type"] != 2:
                data["values"] = list(values or [])
            payload = self._new_interaction(3, data, user, message["channel_id"], "en-US")
            payload["message"] = self._rest_message(message)
        return self._dispatch_interaction(payload)

    def send_modal_submit(
        self, custom_id: str, values: Mapping[str, str | Sequence[str]], *, user: UserRef = "member"
    ) -> Json:
        """Dispatch a modal submission (type 5) for the last modal the bot opened with ``custom_id``.

        ``values`` maps each text input's ``custom_id`` to its value (a list for selects).
        """
        with self._lock:
            opener = next(
                (
                    i
                    for i in reversed(self._interactions.values())
                    if i.modal is not None and i.modal.get("custom_id") == custom_id
                ),
                None,
            )
            if opener is None or opener.modal is None:
                raise KeyError(f"The bot opened no modal with custom_id {custom_id!r}")
            components = [self._submitted_component(c, values) for c in opener.modal.get("components", [])]
            data = {"custom_id": custom_id, "components": components}
            payload = self._new_interaction(5, data, user, opener.payload["channel_id"], "en-US")
            if "message" in opener.payload:
                payload["message"] = copy.deepcopy(opener.payload["message"])
        return self._dispatch_interaction(payload)

    def dispatch(self, event: str, data: Json) -> None:
        """Send any DISPATCH event to every connected bot session (no intent filtering)."""
        self._broadcast(event, data, 0)

    def disconnect(self, code: int = 4000) -> None:
        """Close every gateway connection with ``code`` (4000 lets discord.py resume)."""

        async def close_all() -> None:
            for session in list(self._sessions):
                await session.ws.close(code=code, message=b"Closed by the emulator")

        self._run(close_all())

    # --------------------------------------------------------- several servers, shards

    def shard_of(self, guild_id: str | int, shard_count: int | None = None) -> int:
        """The shard Discord routes a server to: ``(guild_id >> 22) % shard_count``."""
        return (int(guild_id) >> 22) % (shard_count or self.shard_count)

    def add_guild(self, name: str, *, shard: int | None = None) -> Json:
        """Another server with a ``#general`` channel, the bot (its role) and the plain member.

        With `shard`, the server's id is chosen so that it routes to that shard. Call before the
        bot connects (servers are announced in READY / GUILD_CREATE). Returns
        ``{"id": guild id, "channel_id": its #general}``.
        """
        with self._lock:
            guild_id = self._snowflake()
            while shard is not None and self.shard_of(guild_id) != shard:
                guild_id = self._snowflake()
            bot_role = self._role_payload(
                "Agora", int(self._roles[self.bot_role_id]["permissions"]), 1, managed=True,
                tags={"bot_id": self.application_id},
            )  # fmt: skip
            roles = [self._role_payload("@everyone", Perm.EVERYONE, 0, id=guild_id), bot_role]
            channel = self._text_channel_payload("general", None)
            channel["guild_id"] = guild_id
            self._channels[channel["id"]] = channel
            member_id = self._named_users["member"]
            members = {
                self.application_id: self._member_payload(self.application_id, [bot_role["id"]]),
                member_id: self._member_payload(member_id, []),
            }
            payload = {
                **copy.deepcopy(self._guild),
                "id": guild_id,
                "name": name,
                "owner_id": self._named_users["owner"],
                "system_channel_id": channel["id"],
                "roles": roles,
                "joined_at": _now(),
            }
            self._guilds[guild_id] = {"payload": payload, "members": members}
            return {"id": guild_id, "channel_id": channel["id"]}

    def slow_answers(
        self, method: str, path_regex: str, seconds: float, *, seen_at_once: bool = False
    ) -> None:
        """Answer matching requests `seconds` late, after they took effect (a slow network).

        With ``seen_at_once`` the request is recorded (for :meth:`find_requests` and the waits)
        before the pause, so a test acts while the bot still waits for the answer.
        """
        with self._lock:
            self._slow.append((method.upper(), re.compile(path_regex), seconds, seen_at_once))

    def rate_report(self) -> dict[str, int]:
        """How close the bot came to Discord's limits.

        ``max_per_second``: the most REST calls in any one-second window (Discord's global
        limit is 50); ``max_channel_messages_5s``: the most messages created in one channel in
        any five seconds (Discord: 5); ``identify_too_soon`` and ``nonce_replays`` as counted.
        """
        with self._lock:
            times = sorted(r.at for r in self._requests)
            posts: dict[str, list[float]] = {}
            for r in self._requests:
                if r.method == "POST" and re.fullmatch(r"/channels/\d+/messages", r.path) and r.status == 200:
                    posts.setdefault(r.path, []).append(r.at)
        return {
            "requests": len(times),
            "max_per_second": _max_in_window(times, 1.0),
            "max_channel_messages_5s": max(
                (_max_in_window(sorted(t), 5.0) for t in posts.values()), default=0
            ),
            "identify_too_soon": self.identify_too_soon,
            "nonce_replays": self.nonce_replays,
        }

    # --------------------------------------------------------- lifecycle

    def start(self) -> Self:
        """Start the server thread; returns ``self``."""
        if self._thread is not None:
            raise RuntimeError("The emulator is already started.")
        started = threading.Event()
        errors: list[BaseException] = []
        loop = asyncio.new_event_loop()

        def main() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._startup())
            except BaseException as exc:  # reported to start()
                errors.append(exc)
                started.set()
                loop.close()
                return
            started.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(self._shutdown())
                loop.close()

        self._loop = loop
        self._thread = threading.Thread(target=main, name="discord-emulator", daemon=True)
        self._thread.start()
        if not started.wait(15):
            raise RuntimeError("The Discord emulator did not start within 15 s.")
        if errors:
            self._thread = None
            raise RuntimeError("The Discord emulator failed to start.") from errors[0]
        return self

    def stop(self) -> None:
        """Close gateway connections and stop the server thread."""
        if self._thread is None or self._loop is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(15)
        self._thread = None
        self._loop = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def _startup(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("GET", "/gateway", self._handle_gateway)
        app.router.add_route("GET", "/", self._handle_gateway)
        app.router.add_route("GET", "/attachments/{tail:.*}", self._handle_attachment)
        app.router.add_route("*", "/api/{tail:.*}", self._handle_rest)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self._requested_port)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def _shutdown(self) -> None:
        for session in list(self._sessions):
            if not session.ws.closed:
                with contextlib.suppress(TimeoutError, ConnectionError):
                    await asyncio.wait_for(session.ws.close(code=1001, message=b"Emulator stopped"), 2)
        if self._runner is not None:
            await self._runner.cleanup()

    def _run(self, coro: Coroutine[Any, Any, T], timeout: float = WAIT_SECONDS) -> T:
        loop = self._loop
        if loop is None or self._thread is None:
            coro.close()
            raise RuntimeError("The emulator is not started.")
        if threading.current_thread() is self._thread:
            coro.close()
            raise RuntimeError("Blocking emulator call from the emulator's own thread.")
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout)

    # ------------------------------------------------------------ helpers

    def _user_id(self, ref: UserRef) -> str:
        if isinstance(ref, Mapping):
            inner = ref.get("user", ref)
            user_id = str(inner["id"])
        elif isinstance(ref, str) and ref in self._named_users:
            user_id = self._named_users[ref]
        else:
            user_id = str(ref)
        if user_id not in self._users:
            raise KeyError(f"Unknown user {ref!r}")
        return user_id

    def _permissions_of(self, user_id: str) -> int:
        if user_id == self._guild["owner_id"]:
            return Perm.ALL
        member = self._members.get(user_id)
        if member is None:
            return 0
        perms = int(self._roles[self.guild_id]["permissions"])
        for role_id in member["roles"]:
            role = self._roles.get(role_id)
            if role is not None:
                perms |= int(role["permissions"])
        return Perm.ALL if perms & Perm.ADMINISTRATOR else perms

    def _partial_member(self, user_id: str) -> Json:
        member = copy.deepcopy(self._members[user_id])
        member.pop("user", None)
        return member

    def _routes_to(self, session: _Session, guild_id: str | None) -> bool:
        """Whether a server's events go to `session` (Discord: shard ``(guild_id >> 22) % count``)."""
        if session.shard is None or guild_id is None:
            return True
        shard_id, count = session.shard
        return (int(guild_id) >> 22) % count == shard_id

    def _guild_create_payload(self, guild_id: str | None = None) -> Json:
        if guild_id is not None and guild_id != self.guild_id:
            extra = copy.deepcopy(self._guilds[guild_id]["payload"])
            extra.update(
                members=copy.deepcopy(list(self._guilds[guild_id]["members"].values())),
                member_count=len(self._guilds[guild_id]["members"]),
                channels=[
                    {k: v for k, v in c.items() if k != "guild_id"}
                    for c in copy.deepcopy(list(self._channels.values()))
                    if c.get("guild_id") == guild_id
                ],
                threads=[],
                presences=[],
                voice_states=[],
                stage_instances=[],
                guild_scheduled_events=[],
                soundboard_sounds=[],
                unavailable=False,
                large=False,
                lazy=True,
                version=int(time.time() * 1000),
            )
            return extra
        guild = copy.deepcopy(self._guild)
        guild_channels = [c for c in self._channels.values() if c.get("guild_id") == self.guild_id]
        channels, threads = [], []
        for channel in copy.deepcopy(guild_channels):
            channel.pop("guild_id", None)
            (threads if channel["type"] in (10, 11, 12) else channels).append(channel)
        guild.update(
            roles=copy.deepcopy(list(self._roles.values())),
            channels=channels,
            threads=threads,
            members=copy.deepcopy(list(self._members.values())),
            member_count=len(self._members),
            joined_at=self._members[self.application_id]["joined_at"],
            large=False,
            unavailable=False,
            lazy=True,
            presences=[],
            voice_states=[],
            stage_instances=[],
            guild_scheduled_events=[],
            soundboard_sounds=[],
            embedded_activities=[],
            activity_instances=[],
            application_command_counts={},
            version=int(time.time() * 1000),
        )
        return guild

    def _rest_guild(self, with_counts: bool) -> Json:
        guild = copy.deepcopy(self._guild)
        guild["roles"] = copy.deepcopy(list(self._roles.values()))
        if with_counts:
            guild["approximate_member_count"] = len(self._members)
            guild["approximate_presence_count"] = 0
        return guild

    def _dm_channel(self, user_id: str) -> Json:
        channel_id = self._dm_channels.get(user_id)
        if channel_id is None:
            channel_id = self._snowflake()
            self._dm_channels[user_id] = channel_id
            self._channels[channel_id] = {
                "id": channel_id,
                "type": 1,
                "last_message_id": None,
                "flags": 0,
                "recipients": [copy.deepcopy(self._users[user_id])],
            }
        return self._channels[channel_id]

    @staticmethod
    def _rest_message(message: Json) -> Json:
        """A message as REST returns it (no ``guild_id`` / ``member``)."""
        rest = copy.deepcopy(message)
        rest.pop("guild_id", None)
        rest.pop("member", None)
        return rest

    def _mention_entry(self, user_id: str, guild_id: str | None) -> Json:
        entry = copy.deepcopy(self._users[user_id])
        if guild_id and user_id in self._members:
            entry["member"] = self._partial_member(user_id)
        return entry

    def _user_message(
        self,
        user_id: str,
        channel_id: str,
        content: str,
        extra_mentions: Sequence[UserRef],
        reply_to: str | int | None,
        attachments: Sequence[tuple[str, bytes]],
        embeds: Sequence[Json],
    ) -> Json:
        channel = self._channels[channel_id]
        guild_id = channel.get("guild_id")
        mentioned = [i for i in _MENTION_USER.findall(content) if i in self._users]
        mentioned += [self._user_id(u) for u in extra_mentions]
        message: Json = {
            "id": self._snowflake(),
            "type": 0,
            "channel_id": channel_id,
            "author": copy.deepcopy(self._users[user_id]),
            "content": content,
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": "@everyone" in content or "@here" in content,
            "mentions": [],
            "mention_roles": [r for r in _MENTION_ROLE.findall(content) if r in self._roles],
            "attachments": [
                self._store_attachment(channel_id, name, data, None) for name, data in attachments
            ],
            "embeds": [dict(e) for e in embeds],
            "components": [],
            "pinned": False,
            "flags": 0,
            "nonce": str(secrets.randbits(60)),
            "channel_type": channel["type"],
        }
        if reply_to is not None:
            referenced = self._messages.get(str(reply_to))
            if referenced is None:
                raise KeyError(f"Unknown message {reply_to}")
            message["type"] = 19
            message["message_reference"] = {
                "type": 0,
                "message_id": referenced["id"],
                "channel_id": referenced["channel_id"],
                **({"guild_id": guild_id} if guild_id else {}),
            }
            message["referenced_message"] = self._rest_message(referenced)
            mentioned.append(referenced["author"]["id"])
        message["mentions"] = [self._mention_entry(u, guild_id) for u in dict.fromkeys(mentioned)]
        if guild_id:
            message["guild_id"] = guild_id
            message["member"] = self._partial_member(user_id)
        if channel["type"] in (10, 11, 12):
            channel["message_count"] = channel.get("message_count", 0) + 1
            channel["total_message_sent"] = channel.get("total_message_sent", 0) + 1
            message["position"] = channel["total_message_sent"] - 1
        channel["last_message_id"] = message["id"]
        self._messages[message["id"]] = message
        return message

    def _store_attachment(self, channel_id: str, filename: str, data: bytes, meta: Json | None) -> Json:
        attachment_id = self._snowflake()
        url = f"{self.base_url}/attachments/{channel_id}/{attachment_id}/{quote(filename)}"
        self._attachments[f"{channel_id}/{attachment_id}/{filename}"] = data
        attachment: Json = {
            "id": attachment_id,
            "filename": filename,
            "size": len(data),
            "url": url,
            "proxy_url": url,
            "content_type": _guess_content_type(filename),
            "flags": 0,
        }
        if meta:
            for key in ("description", "title", "duration_secs", "waveform"):
                if key in meta:
                    attachment[key] = meta[key]
        return attachment

    def _dispatch_message_create(self, message: Json) -> None:
        is_dm = "guild_id" not in message
        intent = Intent.DIRECT_MESSAGES if is_dm else Intent.GUILD_MESSAGES
        bot_id = self.application_id
        privileged = (
            is_dm or message["author"]["id"] == bot_id or any(m["id"] == bot_id for m in message["mentions"])
        )

        def shape(payload: Json, intents: int) -> Json:
            if privileged or intents & Intent.MESSAGE_CONTENT:
                return payload
            stripped = copy.deepcopy(payload)
            stripped.update(content="", embeds=[], attachments=[], components=[])
            stripped.pop("poll", None)
            return stripped

        self._broadcast("MESSAGE_CREATE", message, intent, shape=shape)

    @staticmethod
    def _walk_components(components: Sequence[Json]) -> Iterator[Json]:
        for component in components:
            yield component
            yield from DiscordEmulator._walk_components(component.get("components", []))
            for key in ("component", "accessory"):
                if isinstance(component.get(key), dict):
                    yield from DiscordEmulator._walk_components([component[key]])

    @staticmethod
    def _submitted_component(component: Json, values: Mapping[str, str | Sequence[str]]) -> Json:
        def answer(inner: Json) -> Json:
            custom_id = inner.get("custom_id", "")
            value = values.get(custom_id, "")
            out: Json = {"type": inner["type"], "id": inner.get("id"), "custom_id": custom_id}
            if inner["type"] == 4:
                out["value"] = value if isinstance(value, str) else "".join(value)
            else:
                out["values"] = [value] if isinstance(value, str) else list(value)
            return out

        if component["type"] == 1:
            return {
                "type": 1,
                "id": component.get("id"),
                "components": [answer(c) for c in component.get("components", [])],
            }
        if component["type"] == 18 and isinstance(component.get("component"), dict):
            return {"type": 18, "id": component.get("id"), "component": answer(component["component"])}
        return {"type": component["type"], "id": component.get("id")}

    # ------------------------------------------------------- interactions

    def _find_command(self, name: str, command_type: int) -> tuple[Json | None, bool]:
        key = (command_type, name)
        guild_table = self._guild_commands.get(self.guild_id, {})
        if key in guild_table:
            return guild_table[key], True
        return self._global_commands.get(key), False

    def _command_data(
        self,
        command_name: str,
        options: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
        command_type: int,
        target_id: str | int | None,
        autocomplete: str | None,
    ) -> Json:
        # a context menu's name is one name, spaces and all ("Check against the reading")
        top, *path = [command_name] if command_type in (2, 3) else command_name.split()
        command, is_guild = self._find_command(top, command_type)
        resolved: dict[str, Json] = {}
        data: Json = {
            "id": command["id"] if command else self._snowflake(),
            "name": top,
            "type": command_type,
        }
        if is_guild:
            data["guild_id"] = self.guild_id

        if command_type in (2, 3):
            if target_id is None:
                raise ValueError("Context menu interactions need target_id")
            data["target_id"] = str(target_id)
            if command_type == 2:
                self._resolve_user(str(target_id), resolved)
            else:
                resolved.setdefault("messages", {})[str(target_id)] = self._rest_message(
                    self._messages[str(target_id)]
                )
            data["resolved"] = resolved
            return data

        schema: list[Json] | None = command.get("options", []) if command else None
        container = data.setdefault("options", [])
        for depth, part in enumerate(path):
            sub = None
            if schema is not None:
                sub = next((o for o in schema if o["name"] == part and o["type"] in (1, 2)), None)
                if sub is None:
                    raise ValueError(
                        f"/{command_name}: {part!r} is not a subcommand (group) of the registered command"
                    )
            sub_type = sub["type"] if sub else (2 if depth < len(path) - 1 else 1)
            option: Json = {"name": part, "type": sub_type, "options": []}
            container.append(option)
            container = option["options"]
            schema = sub.get("options", []) if sub else None
        container.extend(self._build_options(command_name, schema, options, resolved, autocomplete))
        if not data["options"]:
            del data["options"]
        if resolved:
            data["resolved"] = resolved
        return data

    def _build_options(
        self,
        command_name: str,
        schema: list[Json] | None,
        options: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
        resolved: dict[str, Json],
        autocomplete: str | None,
    ) -> list[Json]:
        if options is None:
            options = {}
        if not isinstance(options, Mapping):
            return [dict(o) for o in options]
        by_name = {o["name"]: o for o in schema} if schema is not None else {}
        if schema is not None:
            unknown = set(options) - set(by_name)
            if unknown:
                raise ValueError(
                    f"/{command_name} has no option(s) {sorted(unknown)}; it has {sorted(by_name)}"
                )
            missing = [o["name"] for o in schema if o.get("required") and o["name"] not in options]
            if missing and autocomplete is None:
                raise ValueError(f"/{command_name}: required option(s) {missing} missing")
        built = []
        for name, value in options.items():
            option_type = by_name[name]["type"] if name in by_name else _infer_option_type(value)
            built_value: Any = value
            if option_type in (6, 7, 8, 9):
                built_value = self._resolve_ref(option_type, value, resolved)
            elif option_type == 11:
                filename, blob = value
                attachment = self._store_attachment(self.channel_id, filename, blob, None)
                attachment["ephemeral"] = True
                resolved.setdefault("attachments", {})[attachment["id"]] = attachment
                built_value = attachment["id"]
            option: Json = {"name": name, "type": option_type, "value": built_value}
            if autocomplete == name:
                option["focused"] = True
                option["value"] = str(value)
            built.append(option)
        return built

    def _resolve_ref(self, option_type: int, value: Any, resolved: dict[str, Json]) -> str:
        if isinstance(value, Mapping):
            inner = value.get("user", value)
            ref = str(inner["id"])
        elif isinstance(value, str) and value in self._named_users:
            ref = self._named_users[value]
        else:
            ref = str(value)
        if option_type in (6, 9) and ref in self._users:
            self._resolve_user(ref, resolved)
        elif option_type in (8, 9) and ref in self._roles:
            resolved.setdefault("roles", {})[ref] = copy.deepcopy(self._roles[ref])
        elif option_type == 7 and ref in self._channels:
            channel = self._channels[ref]
            resolved.setdefault("channels", {})[ref] = {
                "id": ref,
                "name": channel.get("name"),
                "type": channel["type"],
                "parent_id": channel.get("parent_id"),
                "permissions": str(Perm.ALL),
                **({"thread_metadata": channel["thread_metadata"]} if "thread_metadata" in channel else {}),
            }
        else:
            raise ValueError(f"Cannot resolve {value!r} for an option of type {option_type}")
        return ref

    def _resolve_user(self, user_id: str, resolved: dict[str, Json]) -> None:
        resolved.setdefault("users", {})[user_id] = copy.deepcopy(self._users[user_id])
        if user_id in self._members:
            member = self._partial_member(user_id)
            member["permissions"] = str(self._permissions_of(user_id))
            resolved.setdefault("members", {})[user_id] = member

    def _new_interaction(
        self, interaction_type: int, data: Json, user: UserRef, channel_id: str | int | None, locale: str
    ) -> Json:
        user_id = self._user_id(user)
        channel = copy.deepcopy(self._channels[str(channel_id or self.channel_id)])
        guild_id = channel.get("guild_id") or self.guild_id
        permissions = str(self._permissions_of(user_id))
        channel["permissions"] = permissions
        member = copy.deepcopy(self._members[user_id])
        if guild_id != self.guild_id:  # another server (add_guild): the same people, no roles there
            member = copy.deepcopy(self._guilds[guild_id]["members"].get(user_id, member))
        member["permissions"] = permissions
        payload: Json = {
            "id": self._snowflake(),
            "application_id": self.application_id,
            "type": interaction_type,
            "data": data,
            "guild_id": guild_id,
            "guild": {"id": guild_id, "locale": "en-US", "features": []},
            "channel_id": channel["id"],
            "channel": channel,
            "member": member,
            "token": "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(120),
            "version": 1,
            "app_permissions": str(self._permissions_of(self.application_id)),
            "locale": locale,
            "guild_locale": self._guild["preferred_locale"],
            "entitlements": [],
            "entitlement_sku_ids": [],
            "authorizing_integration_owners": {"0": guild_id},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        state = _Interaction(payload=payload, created=time.monotonic())
        self._interactions[payload["id"]] = state
        self._interactions_by_token[payload["token"]] = state
        return payload

    def _dispatch_interaction(self, payload: Json) -> Json:
        self._broadcast("INTERACTION_CREATE", payload, 0)
        return copy.deepcopy(payload)

    # ------------------------------------------------------------ gateway

    def _broadcast(
        self,
        event: str,
        data: Json,
        intent: int,
        *,
        shape: Callable[[Json, int], Json] | None = None,
        require_session: bool = True,
    ) -> int:
        """Dispatch an event to ready sessions having ``intent``; returns how many got it."""
        if self._loop is None:
            if require_session:
                raise RuntimeError("The emulator is not started.")
            return 0

        async def send_all() -> tuple[int, int]:
            target = data.get("guild_id") if isinstance(data, dict) else None
            sessions = [s for s in self._sessions if s.ready and self._routes_to(s, target)]
            sent = 0
            for session in sessions:
                if intent and not session.intents & intent:
                    continue
                payload = shape(data, session.intents) if shape else data
                await self._dispatch_to(session, event, payload)
                sent += 1
            return len(sessions), sent

        if threading.current_thread() is self._thread:
            task = asyncio.ensure_future(send_all())
            task.add_done_callback(_log_task_error)
            return -1
        connected, sent = self._run(send_all())
        if connected == 0 and require_session:
            raise RuntimeError("No bot is connected to the emulator's gateway (call wait_ready() first).")
        if connected and not sent:
            log.warning("%s not delivered: the bot did not identify with the needed intent.", event)
        return sent

    async def _dispatch_to(self, session: _Session, event: str, data: Json) -> None:
        async with session.lock:
            if session.ws.closed:
                return
            session.seq += 1
            frame = {"op": 0, "t": event, "s": session.seq, "d": data}
            try:
                await session.ws.send_str(json.dumps(frame))
            except ConnectionError:
                log.debug("Gateway connection lost while sending %s", event)

    async def _send_op(self, session: _Session, op: int, data: Any) -> None:
        async with session.lock:
            if not session.ws.closed:
                await session.ws.send_str(json.dumps({"op": op, "d": data, "s": None, "t": None}))

    async def _handle_gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        session = _Session(ws=ws, query=dict(request.query))
        with self._lock:
            self._sessions.append(session)
        try:
            if request.query.get("encoding", "json") != "json":
                await ws.close(code=4002, message=b"Error while decoding payload.")
                return ws
            if request.query.get("v", str(API_VERSION)) not in ("9", "10"):
                await ws.close(code=4012, message=b"Invalid API version.")
                return ws
            hello = {
                "heartbeat_interval": int(self.heartbeat_interval * 1000),
                "_trace": ['["gateway-emulator",{}]'],
            }
            await self._send_op(session, 10, hello)
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    await ws.close(code=4002, message=b"Error while decoding payload.")
                    break
                try:
                    payload = json.loads(msg.data)
                    op = payload["op"]
                except (ValueError, KeyError, TypeError):
                    await ws.close(code=4002, message=b"Error while decoding payload.")
                    break
                await self._on_gateway_payload(session, op, payload.get("d"), payload)
        finally:
            with self._lock:
                if session in self._sessions:
                    self._sessions.remove(session)
                if session.session_id is not None:
                    self._resumable[session.session_id] = session.intents
                self._changed.notify_all()
        return ws

    async def _on_gateway_payload(self, session: _Session, op: int, data: Any, payload: Json) -> None:
        logged = copy.deepcopy(payload)
        if isinstance(logged.get("d"), dict) and "token" in logged["d"]:
            logged["d"]["token"] = "<redacted>"
        with self._lock:
            self._gateway_log.append(logged)
            self._changed.notify_all()
        ws = session.ws
        if op == 1:
            await self._send_op(session, 11, None)
        elif op == 2:
            await self._identify(session, data or {})
        elif op == 6:
            await self._resume(session, data or {})
        elif session.session_id is None:
            await ws.close(code=4003, message=b"Not authenticated.")
        elif op == 8:
            await self._request_members(session, data or {})
        elif op not in (3, 4):
            await ws.close(code=4001, message=b"Unknown opcode.")

    async def _identify(self, session: _Session, data: Json) -> None:
        ws = session.ws
        if session.session_id is not None:
            await ws.close(code=4005, message=b"Already authenticated.")
            return
        if data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        intents = data.get("intents")
        if not isinstance(intents, int) or intents < 0:
            await ws.close(code=4013, message=b"Invalid intent(s).")
            return
        if intents & Intent.PRIVILEGED & ~self.allowed_intents:
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        shard = data.get("shard")
        if shard is not None and (len(shard) != 2 or not 0 <= shard[0] < shard[1]):
            await ws.close(code=4010, message=b"Invalid shard.")
            return
        session.intents = intents
        session.session_id = secrets.token_hex(16)
        session.shard = (int(shard[0]), int(shard[1])) if shard is not None else None
        with self._lock:
            now = time.monotonic()
            bucket = session.shard[0] % self.max_concurrency if session.shard else 0
            recent = [t for t in self._identify_times.get(bucket, []) if now - t < 5.0]
            if len(recent) >= self.max_concurrency:
                self.identify_too_soon += 1
            self._identify_times[bucket] = [*recent, now]
            guild_ids = [g for g in (self.guild_id, *self._guilds) if self._routes_to(session, g)]
            ready: Json = {
                "v": API_VERSION,
                "user": copy.deepcopy(self._bot_user),
                "user_settings": {},
                "guilds": [{"id": g, "unavailable": True} for g in guild_ids],
                "session_id": session.session_id,
                "session_type": "normal",
                "resume_gateway_url": self.gateway_url,
                "application": {"id": self.application_id, "flags": _APPLICATION_FLAGS},
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "geo_ordered_rtc_regions": ["emulator"],
                "guild_join_requests": [],
                "auth": {},
                "_trace": ['["gateway-emulator",{}]'],
            }
            if shard is not None:
                ready["shard"] = shard
            guilds = [self._guild_create_payload(g) for g in guild_ids]
        await self._dispatch_to(session, "READY", ready)
        if intents & Intent.GUILDS:
            for guild in guilds:
                await self._dispatch_to(session, "GUILD_CREATE", guild)
        with self._lock:
            session.ready = True
            self._identify_count += 1
            self._changed.notify_all()

    async def _resume(self, session: _Session, data: Json) -> None:
        with self._lock:
            intents = self._resumable.pop(str(data.get("session_id")), None)
        if data.get("token") != self.token:
            await session.ws.close(code=4004, message=b"Authentication failed.")
            return
        if intents is None:
            await self._send_op(session, 9, False)
            return
        session.session_id = str(data["session_id"])
        session.intents = intents
        session.seq = int(data.get("seq") or 0)
        await self._dispatch_to(session, "RESUMED", {"_trace": ['["gateway-emulator",{}]']})
        with self._lock:
            session.ready = True
            self._changed.notify_all()

    async def _request_members(self, session: _Session, data: Json) -> None:
        with self._lock:
            guild_ids = data.get("guild_id")
            wanted = [str(g) for g in (guild_ids if isinstance(guild_ids, list) else [guild_ids])]
            user_ids = [str(u) for u in (data.get("user_ids") or [])]
            query = data.get("query")
            limit = int(data.get("limit") or 0)
            chunks = []
            for guild_id in wanted:
                if guild_id != self.guild_id:
                    continue
                if user_ids:
                    members = [self._members[u] for u in user_ids if u in self._members]
                else:
                    prefix = (query or "").lower()
                    members = [
                        m for m in self._members.values() if m["user"]["username"].lower().startswith(prefix)
                    ]
                if limit:
                    members = members[:limit]
                chunk: Json = {
                    "guild_id": guild_id,
                    "members": copy.deepcopy(members),
                    "chunk_index": 0,
                    "chunk_count": 1,
                }
                if user_ids:
                    chunk["not_found"] = [u for u in user_ids if u not in self._members]
                if data.get("presences"):
                    chunk["presences"] = []
                if data.get("nonce") is not None:
                    chunk["nonce"] = data["nonce"]
                chunks.append(chunk)
        for chunk in chunks:
            await self._dispatch_to(session, "GUILD_MEMBERS_CHUNK", chunk)

    # ------------------------------------------------------------- REST

    def _register_routes(self) -> None:
        def add(method: str, template: str, handler: _Handler, *, auth: bool = True) -> None:
            pattern = re.sub(
                r"\{(\w+)\}", r"(?P<\1>[^/]+)", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
            )
            self._routes.append((method, re.compile(pattern), handler, auth))

        add("GET", "/gateway", self._get_gateway, auth=False)
        add("GET", "/gateway/bot", self._get_gateway_bot)
        add("GET", "/users/@me", self._get_me)
        add("GET", "/users/{user_id}", self._get_user)
        add("POST", "/users/@me/channels", self._create_dm)
        add("GET", "/oauth2/applications/@me", self._get_application)
        add("GET", "/applications/@me", self._get_application)
        for base in ("/applications/{app_id}/commands", "/applications/{app_id}/guilds/{guild_id}/commands"):
            add("GET", base, self._get_commands)
            add("PUT", base, self._put_commands)
            add("POST", base, self._post_command)
            add("GET", base + "/{command_id}", self._get_command)
            add("PATCH", base + "/{command_id}", self._patch_command)
            add("DELETE", base + "/{command_id}", self._delete_command)
        add(
            "GET",
            "/applications/{app_id}/guilds/{guild_id}/commands/permissions",
            self._get_command_permissions,
        )
        add("GET", "/channels/{channel_id}", self._get_channel)
        add("GET", "/channels/{channel_id}/messages", self._get_messages)
        add("POST", "/channels/{channel_id}/messages", self._post_message)
        add("GET", "/channels/{channel_id}/messages/{message_id}", self._get_message)
        add("GET", "/channels/{channel_id}/polls/{message_id}/answers/{answer_id}", self._get_poll_voters)
        add("PATCH", "/channels/{channel_id}/messages/{message_id}", self._patch_message)
        add("DELETE", "/channels/{channel_id}/messages/{message_id}", self._delete_message)
        reactions = "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/{user}"
        add("PUT", reactions, self._put_reaction)
        add("DELETE", reactions, self._delete_reaction)
        add("POST", "/channels/{channel_id}/messages/{message_id}/threads", self._thread_from_message)
        add("POST", "/channels/{channel_id}/threads", self._thread_without_message)
        add("PUT", "/channels/{channel_id}/thread-members/{user}", self._join_thread)
        add("POST", "/channels/{channel_id}/typing", self._typing)
        add("GET", "/guilds/{guild_id}", self._get_guild)
        add("GET", "/guilds/{guild_id}/channels", self._get_guild_channels)
        add("GET", "/guilds/{guild_id}/roles", self._get_guild_roles)
        add("GET", "/guilds/{guild_id}/members", self._get_guild_members)
        add("GET", "/guilds/{guild_id}/members/{user_id}", self._get_guild_member)
        add("POST", "/interactions/{interaction_id}/{token}/callback", self._interaction_callback, auth=False)
        hook = "/webhooks/{app_id}/{token}"
        add("POST", hook, self._post_followup, auth=False)
        add("GET", hook + "/messages/{message_id}", self._get_webhook_message, auth=False)
        add("PATCH", hook + "/messages/{message_id}", self._patch_webhook_message, auth=False)
        add("DELETE", hook + "/messages/{message_id}", self._delete_webhook_message, auth=False)

    async def _handle_attachment(self, request: web.Request) -> web.StreamResponse:
        key = unquote(request.match_info["tail"])
        with self._lock:
            data = self._attachments.get(key)
        if data is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=data, headers={"Content-Type": _guess_content_type(key)})

    async def _handle_rest(self, request: web.Request) -> web.StreamResponse:
        raw_path = re.sub(r"^/api(?:/v\d+)?", "", request.rel_url.raw_path) or "/"
        path = unquote(raw_path)
        headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
        authorized = request.headers.get("Authorization") == f"Bot {self.token}"
        body: Any = None
        files: list[RecordedFile] = []
        status: int
        result: Any
        extra_headers: dict[str, str] = {}
        try:
            body, files = await _read_body(request)
            status, result = await self._route(
                request.method, raw_path, path, request.query, body, files, authorized
            )
        except _RateLimited as error:
            status, result = error.status, error.body()
            extra_headers = {
                "Via": "1.1 google",
                "Retry-After": str(max(1, round(error.retry_after))),
                "X-RateLimit-Scope": "user",
            }
        except DiscordError as error:
            status, result = error.status, error.body()
        except Exception:
            log.exception("Emulator error on %s %s", request.method, path)
            status, result = 500, {"message": "500: Internal Server Error", "code": 0}
        pause, seen_at_once = next(
            ((d, early) for m, p, d, early in self._slow if m in ("*", request.method) and p.fullmatch(path)),
            (0.0, False),
        )
        if (
            pause and not seen_at_once
        ):  # done, but the answer is late: a client killed meanwhile never learns of it
            await asyncio.sleep(pause)
        with self._lock:
            self._requests.append(
                RecordedRequest(
                    method=request.method,
                    path=path,
                    query=dict(request.query),
                    headers=headers,
                    json=body,
                    files=tuple(files),
                    status=status,
                    response=copy.deepcopy(result),
                    authorized=authorized,
                    at=time.monotonic(),
                )
            )
            self._changed.notify_all()
        if pause and seen_at_once:
            await asyncio.sleep(pause)
        return _json_response(status, result, extra_headers)

    async def _route(
        self,
        method: str,
        raw_path: str,
        path: str,
        query: Mapping[str, str],
        body: Any,
        files: list[RecordedFile],
        authorized: bool,
    ) -> _Result:
        allowed_methods = []
        for route_method, pattern, handler, auth in self._routes:
            match = pattern.fullmatch(raw_path)
            if match is None:
                continue
            if route_method != method:
                allowed_methods.append(route_method)
                continue
            if auth and not authorized:
                raise DiscordError(401)
            self._check_failures(method, path)
            params = {k: unquote(v) for k, v in match.groupdict().items()}
            return await handler(_Request(method, path, query, body, tuple(files), params))
        if allowed_methods:
            raise DiscordError(405)
        self._check_failures(method, path)
        raise DiscordError(404)

    def _check_failures(self, method: str, path: str) -> None:
        with self._lock:
            if self._share is not None and self._share[3].fullmatch(path):
                rate_limited, server_error, retry_after, _ = self._share
                draw = self._share_random.random()
                if draw < rate_limited:
                    self._injected[429] += 1
                    raise _RateLimited(retry_after, DiscordError(429, 0, "You are being rate limited."))
                if draw < rate_limited + server_error:
                    self._injected[500] += 1
                    raise DiscordError(500, 0, "500: Internal Server Error")
            for failure in self._failures:
                if failure.method not in ("*", method) or not failure.pattern.fullmatch(path):
                    continue
                if failure.times is not None:
                    failure.times -= 1
                    if failure.times <= 0:
                        self._failures.remove(failure)
                error = failure.error
                if error.status == 429:
                    raise _RateLimited(failure.retry_after, error)
                raise DiscordError(error.status, error.code, error.message, error.errors)

    # -- gateway / users / application

    async def _get_gateway(self, req: _Request) -> _Result:
        return 200, {"url": self.gateway_url}

    async def _get_gateway_bot(self, req: _Request) -> _Result:
        limit = {
            "total": 1000,
            "remaining": 999,
            "reset_after": 86_400_000,
            "max_concurrency": self.max_concurrency,
        }
        return 200, {"url": self.gateway_url, "shards": self.shard_count, "session_start_limit": limit}

    async def _get_me(self, req: _Request) -> _Result:
        with self._lock:
            return 200, copy.deepcopy(self._bot_user)

    async def _get_user(self, req: _Request) -> _Result:
        with self._lock:
            user = self._users.get(req.params["user_id"])
            if user is None:
                raise DiscordError(404, 10013)
            return 200, copy.deepcopy(user)

    async def _create_dm(self, req: _Request) -> _Result:
        recipient = str(req.body().get("recipient_id"))
        with self._lock:
            if recipient not in self._users:
                raise _invalid_form(["recipient_id"], "NUMBER_TYPE_COERCE", "Value is not snowflake.")
            return 200, copy.deepcopy(self._dm_channel(recipient))

    async def _get_application(self, req: _Request) -> _Result:
        with self._lock:
            return 200, copy.deepcopy(self._application)

    # -- application commands

    def _command_table(self, req: _Request) -> dict[tuple[int, str], Json]:
        if req.params["app_id"] != self.application_id:
            raise DiscordError(403, 50001)
        guild_id = req.params.get("guild_id")
        if guild_id is None:
            return self._global_commands
        if guild_id != self.guild_id:
            raise DiscordError(403, 50001)
        return self._guild_commands.setdefault(guild_id, {})

    def _make_command(
        self, spec: Json, guild_id: str | None, existing: Json | None, index: int | None
    ) -> Json:
        prefix: list[str | int] = [] if index is None else [index]
        if not isinstance(spec, dict):
            raise _invalid_form(prefix, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
        command_type = spec.get("type", 1)
        name = spec.get("name")
        errors: Json = {}
        pattern = r"[-_\w]{1,32}" if command_type == 1 else r".{1,32}"
        if (
            not isinstance(name, str)
            or not re.fullmatch(pattern, name)
            or (command_type == 1 and name != name.lower())
        ):
            _merge(
                errors,
                _form_error([*prefix, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"),
            )
        description = spec.get("description", "")
        if command_type == 1 and not 1 <= len(description or "") <= 100:
            _merge(
                errors,
                _form_error(
                    [*prefix, "description"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
                ),
            )
        if len(spec.get("options") or []) > 25:
            _merge(
                errors,
                _form_error([*prefix, "options"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."),
            )
        if errors:
            raise DiscordError(400, 50035, errors=errors)
        command: Json = {
            "id": existing["id"] if existing else self._snowflake(),
            "application_id": self.application_id,
            "version": self._snowflake(),
            "type": command_type,
            "name": name,
            "name_localizations": spec.get("name_localizations"),
            "description": description,
            "description_localizations": spec.get("description_localizations"),
            "default_member_permissions": spec.get("default_member_permissions"),
            "nsfw": spec.get("nsfw", False),
            "integration_types": spec.get("integration_types") or [0],
            "contexts": spec.get("contexts"),
            "options": copy.deepcopy(spec.get("options") or []),
        }
        if guild_id is None:
            command["dm_permission"] = spec.get("dm_permission", True)
        else:
            command["guild_id"] = guild_id
        return command

    async def _get_commands(self, req: _Request) -> _Result:
        with self._lock:
            return 200, copy.deepcopy(list(self._command_table(req).values()))

    async def _put_commands(self, req: _Request) -> _Result:
        specs = req.json
        if not isinstance(specs, list):
            raise _invalid_form([], "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")
        with self._lock:
            table = self._command_table(req)
            guild_id = req.params.get("guild_id")
            commands: dict[tuple[int, str], Json] = {}
            for index, spec in enumerate(specs):
                key = (spec.get("type", 1), spec.get("name")) if isinstance(spec, dict) else (0, "")
                if key in commands:
                    raise _invalid_form(
                        [index, "name"],
                        "APPLICATION_COMMANDS_DUPLICATE_NAME",
                        f"Application command names must be unique: {key[1]}",
                    )
                commands[key] = self._make_command(spec, guild_id, table.get(key), index)
            table.clear()
            table.update(commands)
            return 200, copy.deepcopy(list(commands.values()))

    async def _post_command(self, req: _Request) -> _Result:
        spec = req.body()
        with self._lock:
            table = self._command_table(req)
            key = (spec.get("type", 1), spec.get("name"))
            existed = key in table
            table[key] = self._make_command(spec, req.params.get("guild_id"), table.get(key), None)
            return (200 if existed else 201), copy.deepcopy(table[key])

    def _find_command_by_id(self, req: _Request) -> tuple[dict[tuple[int, str], Json], tuple[int, str]]:
        table = self._command_table(req)
        for key, command in table.items():
            if command["id"] == req.params["command_id"]:
                return table, key
        raise DiscordError(404, 10063)

    async def _get_command(self, req: _Request) -> _Result:
        with self._lock:
            table, key = self._find_command_by_id(req)
            return 200, copy.deepcopy(table[key])

    async def _patch_command(self, req: _Request) -> _Result:
        with self._lock:
            table, key = self._find_command_by_id(req)
            spec = {**table[key], **req.body()}
            del table[key]
            command = self._make_command(spec, req.params.get("guild_id"), spec, None)
            table[(command["type"], command["name"])] = command
            return 200, copy.deepcopy(command)

    async def _delete_command(self, req: _Request) -> _Result:
        with self._lock:
            table, key = self._find_command_by_id(req)
            del table[key]
            return 204, None

    async def _get_command_permissions(self, req: _Request) -> _Result:
        self._command_table(req)
        return 200, []

    # -- channels and messages

    def _channel(self, channel_id: str) -> Json:
        channel = self._channels.get(channel_id)
        if channel is None:
            raise DiscordError(404, 10003)
        return channel

    def _message(self, channel_id: str, message_id: str) -> Json:
        self._channel(channel_id)
        message = self._messages.get(message_id)
        if message is None or message["channel_id"] != channel_id:
            raise DiscordError(404, 10008)
        return message

    async def _get_channel(self, req: _Request) -> _Result:
        with self._lock:
            return 200, copy.deepcopy(self._channel(req.params["channel_id"]))

    async def _get_messages(self, req: _Request) -> _Result:
        channel_id = req.params["channel_id"]
        limit = max(1, min(100, int(req.query.get("limit", 50))))
        before, after = req.query.get("before"), req.query.get("after")
        with self._lock:
            self._channel(channel_id)
            found = sorted(
                (m for m in self._messages.values() if m["channel_id"] == channel_id),
                key=lambda m: int(m["id"]),
                reverse=True,
            )
            if before:
                found = [m for m in found if int(m["id"]) < int(before)]
            if after:
                found = [m for m in found if int(m["id"]) > int(after)][-limit:]
            return 200, [self._rest_message(m) for m in found[:limit]]

    async def _get_poll_voters(self, req: _Request) -> _Result:
        """Users who chose a poll answer, by id, ``after`` an id, ``limit`` 1-100 (default 25)."""
        with self._lock:
            message = self._message(req.params["channel_id"], req.params["message_id"])
            if not message.get("poll"):
                raise DiscordError(404, 10008)
            try:
                answer_id = int(req.params["answer_id"])
                limit = int(req.query.get("limit", 25))
                after = int(req.query.get("after", 0))
            except ValueError:
                raise _invalid_form(["limit"], "NUMBER_TYPE_COERCE", "Value is not int.") from None
            if not 1 <= limit <= 100:
                raise _invalid_form(["limit"], "NUMBER_TYPE_MAX", "Int value should be between 1 and 100.")
            voters = sorted(self._poll_voters.get((message["id"], answer_id), []), key=int)
            users = [copy.deepcopy(self._users[u]) for u in voters if int(u) > after][:limit]
            return 200, {"users": users}

    async def _get_message(self, req: _Request) -> _Result:
        with self._lock:
            return 200, self._rest_message(self._message(req.params["channel_id"], req.params["message_id"]))

    async def _post_message(self, req: _Request) -> _Result:
        body = req.body()
        with self._lock:
            channel = self._channel(req.params["channel_id"])
            nonce = body.get("nonce")
            seen = self._nonces.get((channel["id"], str(nonce))) if body.get("enforce_nonce") else None
            if seen is not None and time.monotonic() - seen[1] < NONCE_SECONDS and seen[0] in self._messages:
                self.nonce_replays += 1  # Discord keeps one message per nonce for a few minutes
                return 200, self._rest_message(self._messages[seen[0]])
            message = self._bot_message(channel["id"], body, req.files)
            self._messages[message["id"]] = message
            if nonce is not None:
                self._nonces[(channel["id"], str(nonce))] = (message["id"], time.monotonic())
            channel["last_message_id"] = message["id"]
            if channel["type"] in (10, 11, 12):
                channel["message_count"] = channel.get("message_count", 0) + 1
                channel["total_message_sent"] = channel.get("total_message_sent", 0) + 1
            result = self._rest_message(message)
        self._echo(message)
        return 200, result

    async def _patch_message(self, req: _Request) -> _Result:
        body = req.body()
        with self._lock:
            message = self._message(req.params["channel_id"], req.params["message_id"])
            if message["author"]["id"] != self.application_id and set(body) - {"flags"}:
                raise DiscordError(403, 50005)
            self._edit_message(message, body, req.files)
            return 200, self._rest_message(message)

    async def _delete_message(self, req: _Request) -> _Result:
        with self._lock:
            message = self._message(req.params["channel_id"], req.params["message_id"])
            del self._messages[message["id"]]
            return 204, None

    async def _put_reaction(self, req: _Request) -> _Result:
        if req.params["user"] != "@me":
            raise DiscordError(405)
        with self._lock:
            message = self._message(req.params["channel_id"], req.params["message_id"])
            emoji = req.params["emoji"]
            if not emoji or (":" in emoji and not re.fullmatch(r"\w+:\d+", emoji)):
                raise DiscordError(400, 10014)
            self._add_reaction(message, emoji, me=True)
            return 204, None

    async def _delete_reaction(self, req: _Request) -> _Result:
        with self._lock:
            message = self._message(req.params["channel_id"], req.params["message_id"])
            name = req.params["emoji"].split(":")[0]
            for reaction in message.get("reactions", []):
                if reaction["emoji"]["name"] == name:
                    reaction["count"] -= 1
                    if req.params["user"] == "@me":
                        reaction["me"] = False
            message["reactions"] = [r for r in message.get("reactions", []) if r["count"] > 0]
            return 204, None

    def _add_reaction(self, message: Json, emoji: str, *, me: bool) -> None:
        name, _, emoji_id = emoji.partition(":")
        reactions = message.setdefault("reactions", [])
        for reaction in reactions:
            if reaction["emoji"]["name"] == name:
                if not (me and reaction["me"]):
                    reaction["count"] += 1
                    reaction["count_details"]["normal"] += 1
                reaction["me"] = reaction["me"] or me
                return
        reactions.append(
            {
                "emoji": {"id": emoji_id or None, "name": name},
                "count": 1,
                "count_details": {"burst": 0, "normal": 1},
                "burst_colors": [],
                "me": me,
                "me_burst": False,
                "burst_me": False,
                "burst_count": 0,
            }
        )

    def _thread_payload(self, parent: Json, thread_id: str, body: Json, thread_type: int) -> Json:
        name = body.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= 100:
            raise _invalid_form(["name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        if parent["type"] not in (0, 5):
            raise DiscordError(400, 50024, "Cannot execute action on this channel type")
        duration = body.get("auto_archive_duration") or parent.get("default_auto_archive_duration", 1440)
        metadata: Json = {
            "archived": False,
            "auto_archive_duration": duration,
            "archive_timestamp": _now(),
            "locked": False,
            "create_timestamp": _now(),
        }
        if thread_type == 12:
            metadata["invitable"] = body.get("invitable", True)
        return {
            "id": thread_id,
            "type": thread_type,
            "guild_id": parent.get("guild_id") or self.guild_id,
            "parent_id": parent["id"],
            "owner_id": self.application_id,
            "name": name,
            "last_message_id": None,
            "rate_limit_per_user": body.get("rate_limit_per_user", 0),
            "message_count": 0,
            "member_count": 1,
            "total_message_sent": 0,
            "flags": 0,
            "applied_tags": [],
            "thread_metadata": metadata,
            "member": {"id": thread_id, "user_id": self.application_id, "join_timestamp": _now(), "flags": 1},
        }

    async def _thread_from_message(self, req: _Request) -> _Result:
        body = req.body()
        with self._lock:
            message = self._message(req.params["channel_id"], req.params["message_id"])
            if message["id"] in self._channels:
                raise DiscordError(400, 160004)
            parent = self._channel(req.params["channel_id"])
            thread_type = 10 if parent["type"] == 5 else 11
            thread = self._thread_payload(parent, message["id"], body, thread_type)
            self._channels[thread["id"]] = thread
            message["thread"] = copy.deepcopy(thread)
            message["flags"] = message.get("flags", 0) | _MESSAGE_FLAG_HAS_THREAD
            result = copy.deepcopy(thread)
        self._broadcast(
            "THREAD_CREATE", {**result, "newly_created": True}, Intent.GUILDS, require_session=False
        )
        return 201, result

    async def _thread_without_message(self, req: _Request) -> _Result:
        body = req.body()
        with self._lock:
            parent = self._channel(req.params["channel_id"])
            thread_type = int(body.get("type") or 12)
            if thread_type not in (10, 11, 12):
                raise _invalid_form(["type"], "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.")
            thread = self._thread_payload(parent, self._snowflake(), body, thread_type)
            self._channels[thread["id"]] = thread
            result = copy.deepcopy(thread)
        self._broadcast(
            "THREAD_CREATE", {**result, "newly_created": True}, Intent.GUILDS, require_session=False
        )
        return 201, result

    async def _join_thread(self, req: _Request) -> _Result:
        with self._lock:
            channel = self._channel(req.params["channel_id"])
            if channel["type"] not in (10, 11, 12):
                raise DiscordError(400, 50024, "Cannot execute action on this channel type")
            return 204, None

    async def _typing(self, req: _Request) -> _Result:
        with self._lock:
            self._channel(req.params["channel_id"])
        return 204, None

    # -- guilds

    def _check_guild(self, guild_id: str) -> None:
        if guild_id != self.guild_id:
            raise DiscordError(404, 10004)

    async def _get_guild(self, req: _Request) -> _Result:
        self._check_guild(req.params["guild_id"])
        with self._lock:
            return 200, self._rest_guild(req.query.get("with_counts", "").lower() in ("1", "true"))

    async def _get_guild_channels(self, req: _Request) -> _Result:
        self._check_guild(req.params["guild_id"])
        with self._lock:
            return 200, copy.deepcopy(
                [
                    c
                    for c in self._channels.values()
                    if c.get("guild_id") == self.guild_id and c["type"] not in (10, 11, 12)
                ]
            )

    async def _get_guild_roles(self, req: _Request) -> _Result:
        self._check_guild(req.params["guild_id"])
        with self._lock:
            return 200, copy.deepcopy(list(self._roles.values()))

    async def _get_guild_members(self, req: _Request) -> _Result:
        self._check_guild(req.params["guild_id"])
        limit = max(1, min(1000, int(req.query.get("limit", 1))))
        after = int(req.query.get("after", 0))
        with self._lock:
            members = sorted(self._members.values(), key=lambda m: int(m["user"]["id"]))
            return 200, copy.deepcopy([m for m in members if int(m["user"]["id"]) > after][:limit])

    async def _get_guild_member(self, req: _Request) -> _Result:
        self._check_guild(req.params["guild_id"])
        with self._lock:
            member = self._members.get(req.params["user_id"])
            if member is None:
                raise DiscordError(404, 10007)
            return 200, copy.deepcopy(member)

    # -- messages: building, validating, editing

    def _bot_message(
        self, channel_id: str, body: Json, files: Sequence[RecordedFile], *, validate: bool = True
    ) -> Json:
        if validate:
            _validate_message(body, files, edit=False)
        channel = self._channels[channel_id]
        guild_id = channel.get("guild_id")
        message: Json = {
            "id": self._snowflake(),
            "type": 0,
            "channel_id": channel_id,
            "author": copy.deepcopy(self._users[self.application_id]),
            "content": body.get("content") or "",
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": _normalize_embeds(body.get("embeds") or []),
            "components": _with_component_ids(body.get("components") or []),
            "pinned": False,
            "flags": int(body.get("flags") or 0),
        }
        if body.get("nonce") is not None:
            message["nonce"] = body["nonce"]
        if body.get("poll"):
            message["poll"] = _poll_payload(body["poll"])
        reference = body.get("message_reference")
        referenced: Json | None = None
        if reference:
            referenced = self._messages.get(str(reference.get("message_id")))
            if referenced is None and reference.get("fail_if_not_exists", True):
                raise _invalid_form(
                    ["message_reference"], "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message"
                )
            message["message_reference"] = {
                "type": reference.get("type", 0),
                "message_id": str(reference.get("message_id")),
                "channel_id": str(reference.get("channel_id") or channel_id),
                **({"guild_id": guild_id} if guild_id else {}),
            }
            if referenced is not None:
                message["type"] = 19
                message["referenced_message"] = self._rest_message(referenced)
        message["attachments"] = self._message_attachments(channel_id, body, files, [])
        self._apply_mentions(message, body.get("allowed_mentions"), referenced, guild_id)
        if guild_id:
            message["guild_id"] = guild_id
            message["member"] = self._partial_member(self.application_id)
        return message

    def _message_attachments(
        self, channel_id: str, body: Json, files: Sequence[RecordedFile], current: list[Json]
    ) -> list[Json]:
        by_field = {f.field: f for f in files}
        metas = body.get("attachments")
        if metas is None:
            metas = [{"id": i} for i in range(len(files))] if files else [{"id": a["id"]} for a in current]
        kept = {a["id"]: a for a in current}
        result = []
        for meta in metas:
            ref = str(meta.get("id"))
            if ref in kept:
                result.append(copy.deepcopy(kept[ref]))
                continue
            upload = by_field.get(f"files[{ref}]")
            if upload is None:
                raise _invalid_form(["attachments", ref], "ATTACHMENT_NOT_FOUND", "Attachment data not found")
            filename = meta.get("filename") or upload.filename or "unknown"
            result.append(self._store_attachment(channel_id, filename, upload.data, meta))
        return result

    def _apply_mentions(
        self, message: Json, allowed: Json | None, referenced: Json | None, guild_id: str | None
    ) -> None:
        content = message["content"]
        parse = {"users", "roles", "everyone"} if allowed is None else set(allowed.get("parse") or [])
        allowed_users = set() if allowed is None else {str(u) for u in allowed.get("users") or []}
        allowed_roles = set() if allowed is None else {str(r) for r in allowed.get("roles") or []}
        users = [
            u
            for u in _MENTION_USER.findall(content)
            if u in self._users and ("users" in parse or u in allowed_users)
        ]
        replied_user = True if allowed is None else bool(allowed.get("replied_user", False))
        if referenced is not None and replied_user:
            users.append(referenced["author"]["id"])
        message["mentions"] = [self._mention_entry(u, guild_id) for u in dict.fromkeys(users)]
        message["mention_roles"] = [
            r
            for r in dict.fromkeys(_MENTION_ROLE.findall(content))
            if r in self._roles and ("roles" in parse or r in allowed_roles)
        ]
        can_everyone = bool(self._permissions_of(self.application_id) & Perm.MENTION_EVERYONE)
        message["mention_everyone"] = bool(
            guild_id
            and "everyone" in parse
            and can_everyone
            and ("@everyone" in content or "@here" in content)
        )

    def _edit_message(self, target: Json, body: Json, files: Sequence[RecordedFile]) -> None:
        _validate_message(body, files, edit=True)
        message = copy.deepcopy(target)
        if "content" in body:
            message["content"] = body["content"] or ""
        if "embeds" in body:
            message["embeds"] = _normalize_embeds(body["embeds"] or [])
        if "components" in body:
            message["components"] = _with_component_ids(body["components"] or [])
        if "flags" in body and body["flags"] is not None:
            fixed = _MESSAGE_FLAG_EPHEMERAL | _MESSAGE_FLAG_HAS_THREAD | _MESSAGE_FLAG_LOADING
            message["flags"] = (int(body["flags"]) & ~fixed) | (message["flags"] & fixed)
        if "attachments" in body or files:
            message["attachments"] = self._message_attachments(
                message["channel_id"], body, files, message["attachments"]
            )
        if "content" in body or "allowed_mentions" in body:
            referenced = None
            if message.get("message_reference"):
                referenced = self._messages.get(message["message_reference"]["message_id"])
            self._apply_mentions(message, body.get("allowed_mentions"), referenced, message.get("guild_id"))
        message["flags"] &= ~_MESSAGE_FLAG_LOADING
        message["edited_timestamp"] = _now()
        if not (
            message["content"]
            or message["embeds"]
            or message["attachments"]
            or message["components"]
            or message.get("poll")
        ):
            raise DiscordError(400, 50006)
        target.clear()
        target.update(message)

    def _echo(self, message: Json) -> None:
        if self.echo_bot_messages and not message["flags"] & _MESSAGE_FLAG_EPHEMERAL:
            self._dispatch_message_create(message)

    # -- interactions

    def _interaction_message(
        self, state: _Interaction, body: Json, files: Sequence[RecordedFile], *, loading: bool
    ) -> Json:
        payload = state.payload
        if loading:
            flags = int(body.get("flags") or 0) & _MESSAGE_FLAG_EPHEMERAL
            body, files = {"content": "", "flags": flags | _MESSAGE_FLAG_LOADING}, ()
        user = payload["member"]["user"]
        metadata: Json = {
            "id": payload["id"],
            "type": payload["type"],
            "user": copy.deepcopy(user),
            "authorizing_integration_owners": payload["authorizing_integration_owners"],
        }
        if payload["type"] == 2:
            metadata["name"] = payload["data"]["name"]
            metadata["command_type"] = payload["data"]["type"]
        elif "message" in payload:
            metadata["interacted_message_id"] = payload["message"]["id"]
        message = self._bot_message(payload["channel_id"], body, files, validate=not loading)
        message.update(
            type=20 if payload["type"] == 2 else 0,
            webhook_id=self.application_id,
            application_id=self.application_id,
            interaction_metadata=metadata,
            interaction={
                "id": payload["id"],
                "type": payload["type"],
                "name": payload["data"].get("name", ""),
                "user": copy.deepcopy(user),
            },
        )
        return message

    async def _interaction_callback(self, req: _Request) -> _Result:
        body = req.body()
        with self._lock:
            state = self._interactions.get(req.params["interaction_id"])
            if state is None or state.payload["token"] != req.params["token"]:
                raise DiscordError(404, 10062)
            if state.response_type is not None:
                raise DiscordError(400, 40060)
            if (
                self.interaction_timeout is not None
                and time.monotonic() - state.created > self.interaction_timeout
            ):
                raise DiscordError(404, 10062)
            response_type = body.get("type")
            interaction_type = state.payload["type"]
            valid = {2: {4, 5, 9, 12}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}[interaction_type]
            if interaction_type == 5 and "message" not in state.payload:
                valid -= {6, 7}
            if response_type not in valid:
                raise _invalid_form(
                    ["type"],
                    "INTERACTION_RESPONSE_TYPE_INVALID",
                    f"Response type {response_type} is invalid for interaction type {interaction_type}",
                )
            data = body.get("data") or {}
            echo: Json | None = None
            resource: Json = {"type": response_type}
            if response_type in (4, 5):
                message = self._interaction_message(state, data, req.files, loading=response_type == 5)
                self._messages[message["id"]] = message
                state.original_id = message["id"]
                state.loading = response_type == 5
                state.ephemeral = bool(message["flags"] & _MESSAGE_FLAG_EPHEMERAL)
                resource["message"] = self._rest_message(message)
                echo = message
            elif response_type in (6, 7):
                target = self._messages.get(state.payload["message"]["id"])
                if target is None:
                    raise DiscordError(404, 10008)
                if response_type == 7:
                    self._edit_message(target, data, req.files)
                    resource["message"] = self._rest_message(target)
                state.original_id = target["id"]
            elif response_type == 8:
                choices = data.get("choices") or []
                if len(choices) > 25:
                    raise _invalid_form(
                        ["data", "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."
                    )
            elif response_type == 9:
                if not data.get("custom_id") or not data.get("title") or not data.get("components"):
                    raise _invalid_form(
                        ["data"], "MODAL_INVALID", "Modal needs custom_id, title and components"
                    )
                state.modal = copy.deepcopy(data)
            state.response_type = response_type
            interaction: Json = {
                "id": state.payload["id"],
                "type": interaction_type,
                "response_message_loading": state.loading,
                "response_message_ephemeral": state.ephemeral,
            }
            if state.original_id is not None:
                interaction["response_message_id"] = state.original_id
            result = {"interaction": interaction, "resource": resource}
        if echo is not None:
            self._echo(echo)
        if req.query.get("with_response", "").lower() not in ("1", "true"):
            return 204, None
        return 200, result

    def _webhook_state(self, req: _Request) -> _Interaction:
        state = self._interactions_by_token.get(req.params["token"])
        if state is None or req.params["app_id"] != self.application_id or state.response_type is None:
            raise DiscordError(404, 10015)
        return state

    def _webhook_message(self, state: _Interaction, message_id: str) -> Json:
        if message_id == "@original":
            if state.original_id is None:
                raise DiscordError(404, 10008)
            message_id = state.original_id
        elif message_id not in state.followups and message_id != state.original_id:
            raise DiscordError(404, 10008)
        message = self._messages.get(message_id)
        if message is None:
            raise DiscordError(404, 10008)
        return message

    async def _post_followup(self, req: _Request) -> _Result:
        body = req.body()
        with self._lock:
            state = self._webhook_state(req)
            if state.loading and state.original_id in self._messages:
                # The first followup after a deferral replaces the "thinking..." message.
                message = self._messages[state.original_id]
                self._edit_message(message, body, req.files)
                message["edited_timestamp"] = None
                state.loading = False
            else:
                message = self._interaction_message(state, body, req.files, loading=False)
                self._messages[message["id"]] = message
                state.followups.append(message["id"])
            result = self._rest_message(message)
        self._echo(message)
        if req.query.get("wait", "").lower() not in ("1", "true"):
            return 204, None
        return 200, result

    async def _get_webhook_message(self, req: _Request) -> _Result:
        with self._lock:
            state = self._webhook_state(req)
            return 200, self._rest_message(self._webhook_message(state, req.params["message_id"]))

    async def _patch_webhook_message(self, req: _Request) -> _Result:
        body = req.body()
        with self._lock:
            state = self._webhook_state(req)
            message = self._webhook_message(state, req.params["message_id"])
            self._edit_message(message, body, req.files)
            if message["id"] == state.original_id:
                state.loading = False
            return 200, self._rest_message(message)

    async def _delete_webhook_message(self, req: _Request) -> _Result:
        with self._lock:
            state = self._webhook_state(req)
            message = self._webhook_message(state, req.params["message_id"])
            del self._messages[message["id"]]
            return 204, None


class _RateLimited(DiscordError):
    def __init__(self, retry_after: float, error: DiscordError) -> None:
        super().__init__(429, error.code, error.message)
        self.retry_after = retry_after

    def body(self) -> Json:
        return {**super().body(), "retry_after": self.retry_after, "global": False}


def _request_matches(
    request: RecordedRequest,
    method: str | None,
    path: str | None,
    predicate: Callable[[RecordedRequest], bool] | None,
) -> bool:
    if not request.matches(method, path):
        return False
    try:
        return predicate is None or bool(predicate(request))
    except (KeyError, IndexError, TypeError, AttributeError):
        return False


def _log_task_error(task: asyncio.Future[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("Emulator dispatch failed", exc_info=task.exception())


def _json_response(status: int, body: Any, headers: Mapping[str, str] | None = None) -> web.Response:
    if status == 204 or body is None:
        return web.Response(status=204, headers=headers)
    # discord.py only decodes JSON when Content-Type is exactly application/json.
    return web.Response(
        status=status,
        body=json.dumps(body).encode(),
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


async def _read_body(request: web.Request) -> tuple[Any, list[RecordedFile]]:
    files: list[RecordedFile] = []
    if request.content_type.startswith("multipart/"):
        body: Any = None
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "payload_json":
                try:
                    body = json.loads(await part.text())
                except ValueError as exc:
                    raise DiscordError(400, 50109) from exc
            else:
                files.append(
                    RecordedFile(
                        field=part.name or "",
                        filename=part.filename,
                        content_type=part.headers.get("Content-Type"),
                        data=bytes(await part.read(decode=False)),
                    )
                )
        return body, files
    raw = await request.read()
    if not raw:
        return None, files
    try:
        return json.loads(raw), files
    except ValueError as exc:
        raise DiscordError(400, 50109) from exc


def _infer_option_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3


def _guess_content_type(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return {
        "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "json": "application/json; charset=utf-8",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "pdf": "application/pdf",
    }.get(extension, "application/octet-stream")


def _normalize_embeds(embeds: Sequence[Json]) -> list[Json]:
    normalized = []
    for embed in embeds:
        out = copy.deepcopy(embed)
        out.setdefault("type", "rich")
        normalized.append(out)
    return normalized


def _with_component_ids(components: Sequence[Json]) -> list[Json]:
    """Components as Discord echoes them: every component gets a numeric ``id``."""
    counter = iter(range(1, 10_000))
    out = copy.deepcopy(list(components))

    def number(items: list[Json]) -> None:
        for item in items:
            item.setdefault("id", next(counter))
            number(item.get("components", []))
            for key in ("component", "accessory"):
                if isinstance(item.get(key), dict):
                    number([item[key]])

    number(out)
    return out


_EMBED_LIMITS = {"title": 256, "description": 4096}
_POLL_QUESTION_MAX = 300
_POLL_ANSWERS_MAX = 10
_POLL_ANSWER_MAX = 55
_POLL_HOURS_MAX = 768  # 32 days


def _poll_payload(request: Json) -> Json:
    """A poll as Discord returns it: numbered answers, an expiry instead of a duration, no votes yet."""
    hours = float(request.get("duration", 24))
    expiry = datetime.now(UTC) + timedelta(hours=hours)
    return {
        "question": copy.deepcopy(request.get("question") or {}),
        "answers": [
            {"answer_id": i, "poll_media": copy.deepcopy(answer.get("poll_media") or {})}
            for i, answer in enumerate(request.get("answers") or [], start=1)
        ],
        "expiry": expiry.isoformat(timespec="milliseconds"),
        "allow_multiselect": bool(request.get("allow_multiselect", False)),
        "layout_type": int(request.get("layout_type", 1)),
        "results": {"is_finalized": False, "answer_counts": []},
    }


def _validate_message(body: Json, files: Sequence[RecordedFile], *, edit: bool) -> None:
    """Discord's checks on message payloads (content, embeds, components, emptiness)."""
    errors: Json = {}

    def fail(path: Sequence[str | int], code: str, message: str) -> None:
        _merge(errors, _form_error(path, code, message))

    content = body.get("content")
    if content is not None and not isinstance(content, str):
        fail(["content"], "BASE_TYPE_STRING", "Must be a string.")
    elif content and len(content) > MAX_CONTENT:
        fail(["content"], "BASE_TYPE_MAX_LENGTH", f"Must be {MAX_CONTENT} or fewer in length.")
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        fail(["embeds"], "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
    total = 0
    for i, embed in enumerate(embeds):
        for key, limit in _EMBED_LIMITS.items():
            text = embed.get(key) or ""
            total += len(text)
            if len(text) > limit:
                fail(["embeds", i, key], "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")
        fields = embed.get("fields") or []
        if len(fields) > 25:
            fail(["embeds", i, "fields"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        for j, embed_field in enumerate(fields):
            for key, limit in (("name", 256), ("value", 1024)):
                text = str(embed_field.get(key) or "")
                total += len(text)
                if not text:
                    fail(["embeds", i, "fields", j, key], "BASE_TYPE_REQUIRED", "This field is required")
                elif len(text) > limit:
                    fail(
                        ["embeds", i, "fields", j, key],
                        "BASE_TYPE_MAX_LENGTH",
                        f"Must be {limit} or fewer in length.",
                    )
        for key, sub, limit in (("footer", "text", 2048), ("author", "name", 256)):
            text = (embed.get(key) or {}).get(sub) or ""
            total += len(text)
            if len(text) > limit:
                fail(["embeds", i, key, sub], "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")
    if total > 6000:
        fail(["embeds"], "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
    poll = body.get("poll")
    if poll:
        if edit:
            fail(["poll"], "POLL_EDIT_NOT_ALLOWED", "Polls cannot be edited.")
        question = ((poll.get("question") or {}).get("text")) or ""
        if not 1 <= len(question) <= _POLL_QUESTION_MAX:
            fail(["poll", "question", "text"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 300 in length.")
        answers = poll.get("answers") or []
        if not 1 <= len(answers) <= _POLL_ANSWERS_MAX:
            fail(["poll", "answers"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 10 in length.")
        for i, answer in enumerate(answers):
            text = ((answer.get("poll_media") or {}).get("text")) or ""
            if not 1 <= len(text) <= _POLL_ANSWER_MAX:
                fail(
                    ["poll", "answers", i, "poll_media", "text"],
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 55 in length.",
                )
        duration = poll.get("duration", 24)
        if not isinstance(duration, int | float) or not 1 <= duration <= _POLL_HOURS_MAX:
            fail(["poll", "duration"], "NUMBER_TYPE_MAX", "Must be between 1 and 768 hours.")
    components = body.get("components") or []
    if not int(body.get("flags") or 0) & _MESSAGE_FLAG_COMPONENTS_V2:
        if len(components) > 5:
            fail(["components"], "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
        for i, row in enumerate(components):
            if row.get("type") != 1:
                fail(
                    ["components", i, "type"],
                    "UNION_TYPE_CHOICES",
                    'Value of field "type" must be one of (1,).',
                )
            elif len(row.get("components") or []) > 5:
                fail(["components", i, "components"], "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
    seen: set[str] = set()
    for component in DiscordEmulator._walk_components(components):
        custom_id = component.get("custom_id")
        if custom_id is not None:
            if len(custom_id) > 100:
                fail(["components"], "BASE_TYPE_MAX_LENGTH", "custom_id must be 100 or fewer in length.")
            if custom_id in seen:
                fail(
                    ["components"],
                    "COMPONENT_CUSTOM_ID_DUPLICATED",
                    f"Component custom id cannot be duplicated: {custom_id}",
                )
            seen.add(custom_id)
        if len(component.get("label") or "") > 80:
            fail(["components"], "BASE_TYPE_MAX_LENGTH", "label must be 80 or fewer in length.")
    if errors:
        raise DiscordError(400, 50035, errors=errors)
    has_body = content or embeds or files or components or body.get("sticker_ids") or body.get("poll")
    if not edit and not has_body:
        raise DiscordError(400, 50006)


def _max_in_window(times: Sequence[float], window: float) -> int:
    """The most of the sorted `times` that fall within any `window` seconds."""
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best
