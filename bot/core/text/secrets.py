"""Secrets kept out of everything printed: the Secret type, database URLs, a scrubber.

:class:`Secret` holds a token, an API key or a database URL and never formats its value:
``repr``, ``str``, f-strings (with any format spec), ``%`` formatting, logs and exception
messages all show ``********``; only :meth:`Secret.get` hands the value to the code that
needs it, and a Secret refuses to be pickled.

A database URL is read with a real URL parser (:func:`urllib.parse.urlsplit`) and checked
before anything connects with it (:func:`parse_database_url`): a password with an ``@``,
``/``, ``?`` or ``#`` that is not percent-encoded, a ``%`` not followed by two hex digits,
a port that is not a number, spaces or control characters are refused with a message that
says what to fix and quotes nothing of the URL. :func:`redact_url` shows any URL, well-formed
or not, without its password. :class:`Scrubber` removes known secret values (and the pieces
of a database URL's password) from text that came from elsewhere (a driver's error message,
a log record, a traceback) before it is shown.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NoReturn
from urllib.parse import SplitResult, unquote, urlsplit

MASK = "********"
DATABASE_SCHEMES = ("postgresql", "postgres")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HIDDEN_QUERY_KEYS = ("password", "passfile", "sslpassword", "sslkey", "sslcert", "sslrootcert")
_MIN_FRAGMENT = 3  # shorter pieces of a password are not scrubbed from prose (they would garble it)


class Secret:
    """A string that never shows itself in reprs, f-strings, logs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        """Return the secret value (only where it is really needed)."""
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return f"Secret({MASK!r})" if self._value else "Secret('')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        try:
            return format(repr(self), spec)
        except ValueError:  # a numeric spec: the mask, unformatted
            return repr(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and hmac.compare_digest(other._value.encode(), self._value.encode())

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Secret is not pickled (it would be written out in clear)")


class UrlError(ValueError):
    """A database URL that cannot be used as written (the message quotes nothing of it)."""


@dataclass(frozen=True)
class DatabaseUrl:
    """The parts of a database URL that may be shown, and whether it carries a password."""

    scheme: str
    user: str
    host: str
    port: int | None
    database: str
    has_password: bool
    query_keys: tuple[str, ...]

    def redacted(self) -> str:
        """The URL for people: the password (and secret query values) as ``********``."""
        user = self.user + (f":{MASK}" if self.has_password else "")
        host = self.host or ""
        if ":" in host:
            host = f"[{host}]"
        if host.startswith("/"):
            host = f"[socket {host}]"
        where = f"{user}@{host}" if user else host
        port = f":{self.port}" if self.port is not None else ""
        query = "&".join(
            f"{key}={MASK}" if key.lower() in _HIDDEN_QUERY_KEYS else key for key in self.query_keys
        )
        return f"{self.scheme}://{where}{port}/{self.database}" + (f"?{query}" if query else "")


def _refuse(reason: str) -> NoReturn:
    raise UrlError(f"DATABASE_URL cannot be read: {reason}.")


def parse_database_url(raw: str) -> DatabaseUrl:
    """Check `raw` as a ``postgresql://`` URL; raise :class:`UrlError` saying what is wrong.

    Refuses what libpq would misread (and could then echo in its errors): characters of the
    password that end the part they are in unless percent-encoded, bad ``%`` escapes, a port
    that is not a number, whitespace, control characters, a fragment.
    """
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in raw):
        _refuse("it has a space, a line break or a control character (percent-encode them, e.g. %20)")
    scheme, sep, _ = raw.partition("://")
    if not sep or scheme.lower() not in DATABASE_SCHEMES:
        _refuse("it must start with postgresql:// (postgresql://user:password@host:5432/agora)")
    if _BAD_PERCENT.search(raw):
        _refuse("it has a '%' not followed by two hex digits (write a literal % as %25)")
    try:
        parts: SplitResult = urlsplit(raw)
    except ValueError:
        _refuse("the host is not readable (an IPv6 address goes in [brackets])")
    if parts.fragment or "#" in raw:
        _refuse("it has a '#' (in a password, write it as %23)")
    netloc = parts.netloc
    if netloc.count("@") > 1:
        _refuse("the user name or password has an '@' (write it as %40)")
    if "@" in parts.path or "@" in parts.query:
        _refuse("an '@' comes after the host: a '/' or '?' in the password must be written %2F or %3F")
    try:
        port = parts.port
    except ValueError:
        _refuse(
            "the port is not a number from 0 to 65535 (a ':' or '/' in the password must be "
            "written %3A or %2F)"
        )
    userinfo, at, _ = netloc.rpartition("@")
    user_raw, colon, _ = userinfo.partition(":") if at else ("", "", "")
    host = unquote(parts.hostname or "")
    keys = tuple(k for k, _, _ in (item.partition("=") for item in parts.query.split("&")) if k)
    return DatabaseUrl(
        scheme=scheme.lower(),
        user=unquote(user_raw),
        host=host,
        port=port,
        database=unquote(parts.path.lstrip("/")),
        has_password=bool(colon),
        query_keys=keys,
    )


def redact_url(raw: str) -> str:
    """`raw` for people, without its password, whatever its shape (never raises)."""
    try:
        return parse_database_url(raw).redacted()
    except UrlError:
        scheme = raw.partition("://")[0].lower() if "://" in raw else ""
        shown = scheme if scheme in DATABASE_SCHEMES else "postgresql"
        return f"{shown}://{MASK} (DATABASE_URL hidden: it cannot be read)"


def url_fragments(raw: str) -> list[str]:
    """Pieces of a URL that must never be shown.

    The URL, its user-info and password, and their parts between delimiters (a driver may
    quote a misread piece of a malformed URL).
    """
    if not raw:
        return []
    pieces: set[str] = set()
    rest = raw.partition("://")[2] or raw
    candidates: set[str] = set()
    user, colon, password = "", "", ""
    if "@" in rest:  # user-info: everything before the last '@' (the password may hold more)
        authority = rest.rpartition("@")[0]
        candidates |= {rest, authority}
        user, colon, password = authority.partition(":")
    if colon:
        candidates |= {password, unquote(password)}
        candidates |= set(re.split(r"[@:/?#&=%]", password))
        candidates |= set(re.split(r"[@:/?#&=]", unquote(password)))
    hidden = False
    for key in _HIDDEN_QUERY_KEYS:
        for value in re.findall(rf"(?i)[?&]{key}=([^&#]*)", raw):
            candidates |= {value, unquote(value)}
            hidden = True
    if not colon and not hidden:
        return []  # nothing secret in it: the URL may be shown as it is
    pieces |= {raw} | {c for c in candidates if c and len(c) >= _MIN_FRAGMENT and c != user}
    return sorted(pieces, key=len, reverse=True)


class Scrubber:
    """Removes known secret values from text before it is shown or logged."""

    def __init__(self, secrets: Iterable[Secret | str] = (), urls: Iterable[Secret | str] = ()) -> None:
        values: set[str] = set()
        for secret in secrets:
            value = secret.get() if isinstance(secret, Secret) else secret
            if value and len(value) >= _MIN_FRAGMENT:
                values.add(value)
        for url in urls:
            values.update(url_fragments(url.get() if isinstance(url, Secret) else url))
        self._values = sorted(values, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, self._values))) if self._values else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def __call__(self, text: str) -> str:
        """`text` with every secret value (and piece of one) replaced by ``********``."""
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(MASK, text)
