"""Point discord.py at a Discord-compatible server other than discord.com.

Used to run the bot against the local Discord emulator in end-to-end tests
(``tests/discord_emulator.py``), or against any other compatible server.
"""

from __future__ import annotations

import discord.gateway
import discord.http
import yarl

__all__ = ["apply_endpoints"]


def apply_endpoints(api_base: str | None, gateway_url: str | None) -> None:
    """Redirect discord.py's REST and gateway traffic.

    Must be called before the client logs in (URLs are computed per request,
    so calling it before ``bot.start()`` / ``bot.run()`` is enough).

    Args:
        api_base: Base URL of the REST API including the version, e.g.
            ``"http://127.0.0.1:8080/api/v10"``. It replaces
            ``discord.http.Route.BASE``. Every REST call is built from that
            class attribute, including the interaction endpoints of
            ``discord.webhook.async_.AsyncWebhookAdapter`` (callbacks,
            ``@original`` edits and followups), which import the very same
            ``Route`` class; so they reach the same server. ``None`` keeps
            the current value (``https://discord.com/api/v10`` by default).
        gateway_url: Websocket URL of the gateway, e.g.
            ``"ws://127.0.0.1:8080/gateway"``. It replaces
            ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY``, which a
            non-sharded client connects to directly (it never calls
            ``GET /gateway/bot``); discord.py appends ``?v=10&encoding=json``
            (and ``compress=zlib-stream``) itself. ``None`` keeps the current
            value (``wss://gateway.discord.gg/`` by default).

    Raises:
        ValueError: If a URL does not have the expected scheme.
    """
    if api_base is not None:
        base = api_base.rstrip("/")
        if yarl.URL(base).scheme not in ("http", "https"):
            raise ValueError(f"api_base must be an http(s) URL, got {api_base!r}")
        discord.http.Route.BASE = base
    if gateway_url is not None:
        url = yarl.URL(gateway_url)
        if url.scheme not in ("ws", "wss"):
            raise ValueError(f"gateway_url must be a ws(s) URL, got {gateway_url!r}")
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = url
