"""One rate limit per member, shared by every member command (ask, source, debate, votes).

A token bucket: a member starts with :data:`BURST` commands in hand and earns one more every
``interval`` seconds (the server's cooldown setting), up to :data:`BURST` again. So a member
can ask, vote and open the source at once, but never flood a channel: five ``/source`` in a
row get three answers and two private "try again in N s". Kept in memory: a restart
forgives everyone.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable

BURST = 3
_FORGET_AFTER = 3600.0  # a member idle this long starts afresh (bounds memory)
_MAX_KEYS = 10_000


class RateLimiter:
    """Per-key token buckets; thread-safe enough for one event loop (no awaits inside)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, burst: int = BURST) -> None:
        self._clock = clock
        self.burst = burst
        self._buckets: dict[Hashable, tuple[float, float]] = {}  # key -> (tokens, at)

    def try_acquire(self, key: Hashable, interval: float) -> float:
        """Take one command for `key`: 0.0 if allowed, else the seconds until the next one is.

        `interval` is the seconds it takes to earn one command back; 0 (or less, or not a
        finite number) means no limit.
        """
        if not (math.isfinite(interval) and interval > 0):
            return 0.0
        now = self._clock()
        tokens, at = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + max(0.0, now - at) / interval)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) * interval
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) > _MAX_KEYS:
            self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < _FORGET_AFTER}
        return 0.0


def wait_message(seconds: float) -> str:
    """The friendly refusal for a member who has used up their commands for now."""
    return f"You're going a bit fast: try again in {max(1, math.ceil(seconds))} s."
