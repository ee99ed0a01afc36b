"""Signed component ids: ``agora:vote:y:<answer>:<signature>``.

The signature is the first 128 bits of HMAC-SHA256 over the verb, its argument, the number,
and the server and channel the button was posted in (base64url, 22 characters). A click is
accepted only when every part has its exact shape (the number 1 … 2⁶³−1, no sign, no leading
zeros), the verb is known, and the signature matches the server and channel the click came
from: a forged id, an id copied to another server or channel, or a number too big for the
database is refused before anything is queued. An id of the unsigned form older versions
made (``agora:vote:y:<answer>``) is refused as stale.

The key is 32 random bytes in ``DATA_DIR/component-key`` (made on first use, readable by its
owner only). Processes that share a deployment's servers share the file (copy it with
``DATA_DIR``); a new key makes every earlier button stale, nothing worse.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

KEY_FILE = "component-key"
KEY_BYTES = 32
SIGNATURE_CHARS = 22  # 128 bits, base64url without padding
PREFIX = "agora:"
MAX_NUMBER = 2**63 - 1  # what SQLite INTEGER and PostgreSQL BIGINT hold
MAX_ID_CHARS = 100  # Discord's limit on a custom_id
_SIGNED_VOTE = re.compile(r"agora:vote:([yn]):([1-9][0-9]{0,18}):([A-Za-z0-9_-]{22})")
_OLD_VOTE = re.compile(r"agora:vote:[yn]:([1-9][0-9]{0,18})")

FORGED = "That button was not made here by Agora (or was changed), so nothing was recorded."
STALE = "That button is from an older version of Agora and no longer records votes; ask again to vote."


class ComponentRefused(ValueError):
    """A custom_id that is refused; the message is for the member who clicked."""


@dataclass(frozen=True)
class Vote:
    """A helpful / not helpful click on a kept answer, checked."""

    answer_id: int
    helpful: bool


def _place(guild_id: int | None, channel_id: int | None) -> str:
    return f"{guild_id or 0}:{channel_id or 0}"


class ComponentKey:
    """Signs component ids for a server and channel, and checks them when they come back."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("a component key has at least 16 bytes")
        self._key = key

    def __repr__(self) -> str:
        return "ComponentKey(********)"

    @classmethod
    def ephemeral(cls) -> ComponentKey:
        """A key that lives as long as this process (buttons go stale at a restart)."""
        return cls(secrets.token_bytes(KEY_BYTES))

    @classmethod
    def load_or_create(cls, data_dir: Path) -> ComponentKey:
        """The key in `data_dir`, made (owner-only) on first use; a process-long key if that fails."""
        path = data_dir / KEY_FILE
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass
            else:  # we made it: write the key; another process opening it now waits for the bytes
                with os.fdopen(fd, "wb") as out:
                    out.write(secrets.token_bytes(KEY_BYTES))
            for _ in range(50):
                key = path.read_bytes()
                if len(key) >= KEY_BYTES:
                    return cls(key[:KEY_BYTES])
                time.sleep(0.01)  # another process created the file and is writing the key
            raise OSError(f"{path} holds no key")
        except OSError as exc:
            log.warning(
                "Cannot keep the button key in %s (%s); buttons made now stop working at a restart",
                path,
                exc.strerror or exc,
            )
            return cls.ephemeral()

    def _sign(self, body: str, guild_id: int | None, channel_id: int | None) -> str:
        mac = hmac.new(self._key, f"{body}|{_place(guild_id, channel_id)}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(mac.digest()).decode()[:SIGNATURE_CHARS]

    def vote_id(self, answer_id: int, helpful: bool, guild_id: int | None, channel_id: int | None) -> str:
        """The custom_id of a vote button on answer `answer_id`, posted in that server and channel."""
        if not 1 <= answer_id <= MAX_NUMBER:
            raise ValueError(f"answer id out of range: {answer_id}")
        body = f"vote:{'y' if helpful else 'n'}:{answer_id}"
        return f"{PREFIX}{body}:{self._sign(body, guild_id, channel_id)}"

    def read_vote(self, custom_id: str, guild_id: int | None, channel_id: int | None) -> Vote:
        """The vote a click carries, if its id is well-formed and was made for this place.

        Raises :class:`ComponentRefused` (with the member's message) otherwise.
        """
        if len(custom_id) > MAX_ID_CHARS:
            raise ComponentRefused(FORGED)
        match = _SIGNED_VOTE.fullmatch(custom_id)
        if match is None:
            old = _OLD_VOTE.fullmatch(custom_id)
            raise ComponentRefused(STALE if old and int(old.group(1)) <= MAX_NUMBER else FORGED)
        vote, number, signature = match.groups()
        answer_id = int(number)
        if answer_id > MAX_NUMBER:
            raise ComponentRefused(FORGED)
        expected = self._sign(f"vote:{vote}:{number}", guild_id, channel_id)
        if not hmac.compare_digest(expected, signature):
            raise ComponentRefused(FORGED)
        return Vote(answer_id, vote == "y")
