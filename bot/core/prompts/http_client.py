"""One careful HTTP POST of JSON, for the language model's endpoint.

The endpoint is a URL from the operator, but what answers there is data from the network,
so the call is bounded on every side:

- **no redirects**: a 3xx answer is refused (its ``Location`` is never followed), so the
  ``Authorization`` header (``LLM_API_KEY``) only ever goes to the host in ``LLM_BASE_URL``;
- **one total deadline** for the whole call (connecting, sending, the headers, the body):
  a watchdog closes the connection when it passes, however slowly the server drips bytes;
- **a size cap enforced while reading**: a ``Content-Length`` above it is refused before the
  body is read, and reading stops at the first byte over it otherwise (chunked answers too);
- **TLS verified** for ``https://`` (the system's trust store, host names checked).

Standard library only (``http.client``), so nothing here follows a redirect behind our back.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
from typing import Any
from urllib.parse import urlsplit

MAX_RESPONSE_BYTES = 1_000_000  # a chat completion for one prompt is a few kilobytes
READ_CHUNK = 65_536


class EndpointError(RuntimeError):
    """The endpoint could not be used for this call (the message says why, with no secret)."""


def _connection(url: str, seconds: float) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError("the endpoint is not an http(s) URL")
    try:
        port = parts.port
    except ValueError:
        raise EndpointError("the endpoint's port is not a number") from None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if parts.scheme == "https":
        context = ssl.create_default_context()  # verification and host-name checks on
        return http.client.HTTPSConnection(parts.hostname, port, timeout=seconds, context=context), path
    return http.client.HTTPConnection(parts.hostname, port, timeout=seconds), path


def post_json(
    url: str,
    payload: object,
    *,
    headers: dict[str, str] | None = None,
    deadline: float,
    max_bytes: int = MAX_RESPONSE_BYTES,
) -> Any:
    """POST `payload` as JSON to `url` and return the decoded JSON answer.

    `deadline` is the total time in seconds the call may take. Raises :class:`EndpointError`
    for a redirect, an error status, a timeout, an answer over `max_bytes` or one that is not
    JSON; its message never includes the headers sent.
    """
    started = time.monotonic()
    end = started + deadline
    body = json.dumps(payload).encode()
    conn, path = _connection(url, deadline)
    expired = threading.Event()

    def cut_off() -> None:  # the watchdog: a blocked read or connect ends when the deadline passes
        expired.set()
        sock = conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(deadline, cut_off)
    watchdog.daemon = True
    watchdog.start()
    try:
        sent = {"Content-Type": "application/json", "Accept": "application/json", **(headers or {})}
        conn.request("POST", path, body=body, headers=sent)
        response = conn.getresponse()
        if 300 <= response.status < 400:
            raise EndpointError(
                f"the endpoint answered {response.status} (a redirect, not followed): "
                "set LLM_BASE_URL to the address that answers"
            )
        if response.status != 200:
            raise EndpointError(f"the endpoint answered {response.status} {response.reason}")
        length = response.getheader("Content-Length")
        if length is not None and length.strip().isdigit() and int(length) > max_bytes:
            raise EndpointError(f"the answer is {int(length):,} bytes (at most {max_bytes:,} are read)")
        data = bytearray()
        while True:
            if time.monotonic() >= end or expired.is_set():
                raise EndpointError(f"no whole answer within {deadline:g}s")
            if conn.sock is not None:
                conn.sock.settimeout(max(0.01, end - time.monotonic()))
            chunk = response.read1(READ_CHUNK)
            if not chunk:
                break
            data += chunk
            if len(data) > max_bytes:
                raise EndpointError(f"the answer is over {max_bytes:,} bytes (reading stopped there)")
    except EndpointError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if expired.is_set() or time.monotonic() >= end:
            raise EndpointError(f"no whole answer within {deadline:g}s") from None
        raise EndpointError(f"the endpoint did not answer ({type(exc).__name__}: {exc})") from None
    finally:
        watchdog.cancel()
        conn.close()
    if expired.is_set():
        raise EndpointError(f"no whole answer within {deadline:g}s")
    try:
        return json.loads(data.decode("utf-8", errors="replace"))
    except ValueError:
        raise EndpointError("the endpoint's answer is not JSON") from None
