"""Several processes: leases (one holder at a time) and shared key/value state."""

from __future__ import annotations

import time

from bot.core.storage.kept import Kept
from bot.core.storage.queries.base import Queries


class ProcessQueries(Queries):
    """Several processes: leases (one holder at a time) and shared key/value state."""

    KEPT = (
        Kept("leases", "which process holds a piece of shared work (nothing per server)", ("name", "holder")),
        Kept("bot_state", "shared values such as the index version (nothing per server)", ("name", "value")),
    )

    def acquire_lease(self, name: str, holder: str, seconds: float, now: float | None = None) -> bool:
        """Take (or renew) the named lease for `seconds`; False while another holder has it."""
        stamp = time.time() if now is None else now
        return (
            self._write(
                "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE "
                "SET holder = excluded.holder, expires_at = excluded.expires_at "
                "WHERE leases.holder = excluded.holder OR leases.expires_at < ?",
                (name, holder, stamp + seconds, stamp),
                retries=1,
            )
            > 0
        )

    def release_lease(self, name: str, holder: str) -> None:
        """Give the lease up (only if `holder` has it)."""
        self._write("DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder), retries=1)

    def lease_holder(self, name: str, now: float | None = None) -> str | None:
        """Who holds the named lease now (None if nobody)."""
        row = self._one(
            "SELECT holder FROM leases WHERE name = ? AND expires_at >= ?",
            (name, time.time() if now is None else now),
        )
        return str(row[0]) if row else None

    def get_state(self, name: str) -> tuple[str, float] | None:
        """A shared value and when it was set (None if never)."""
        row = self._one("SELECT value, updated_at FROM bot_state WHERE name = ?", (name,))
        return (str(row[0]), float(row[1])) if row else None

    def set_state(self, name: str, value: str, at: float | None = None) -> None:
        """Set a shared value every process can read."""
        self._write(
            "INSERT INTO bot_state (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) "
            "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (name, value, time.time() if at is None else at),
            retries=1,
        )
