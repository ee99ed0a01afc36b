"""Members' data is theirs: retention, the periodic sweep, and a server's export.

What each table keeps is declared with its queries (:mod:`bot.core.storage.kept`); this module
turns the settings into retention periods, runs the sweep that drops expired rows and deletes
the data of servers Agora left (after their grace period), and writes a server's export.
Discord-free: the Discord layer runs :class:`Housekeeper` on a timer, the CLI on demand.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core.search.followup import Conversations
from bot.core.storage.kept import COOLDOWNS, QUESTIONS
from bot.core.storage.store import Store
from bot.settings import Settings

log = logging.getLogger(__name__)

DAY = 86400.0
COOLDOWN_KEEP = DAY  # a command cooldown matters for an hour at most; kept a day, then dropped
SWEEP_SECONDS = 3600.0  # how often the sweep runs (one process at a time, through a lease)
SWEEP_LEASE = "privacy-sweep"


def retention(settings: Settings) -> dict[str, float]:
    """Seconds each retention policy keeps its rows."""
    return {QUESTIONS: settings.question_retention_days * DAY, COOLDOWNS: COOLDOWN_KEEP}


def count_text(counts: Mapping[str, int]) -> str:
    """Rows per table for people ("answers 2, feedback 1")."""
    return ", ".join(f"{table} {n}" for table, n in sorted(counts.items())) or "nothing"


def guild_export(store: Store, guild_id: int, now: float | None = None) -> tuple[bytes, int, int]:
    """A server's data as JSON (every declared table, what it keeps, its rows): bytes, rows, tables."""
    rows = store.guild_data(guild_id)
    kept = {k.table: k for k in store.kept()}
    document: dict[str, Any] = {
        "agora_export": 1,
        "guild_id": str(guild_id),
        "exported_at": time.time() if now is None else now,
        "tables": {
            table: {"what": kept[table].what, "rows": [_plain(r) for r in table_rows]}
            for table, table_rows in rows.items()
        },
    }
    data = json.dumps(document, ensure_ascii=False, indent=1).encode()
    return data, sum(len(r) for r in rows.values()), sum(1 for r in rows.values() if r)


def _plain(row: Mapping[str, Any]) -> dict[str, Any]:
    """Ids as strings (JSON readers lose digits of 64-bit numbers), everything else as it is."""
    return {k: str(v) if isinstance(v, int) and abs(v) > 2**53 else v for k, v in row.items()}


def forget_conversations(conversations: Conversations, guild_id: int | None, user_id: int | None) -> int:
    """Drop the follow-up memory of a member (in a server, or everywhere) or of a whole server."""
    guild = None if guild_id is None else f"{guild_id}:"
    user = None if user_id is None else f":{user_id}"
    return conversations.forget(
        lambda key: (guild is None or key.startswith(guild)) and (user is None or key.endswith(user))
    )


@dataclass
class SweepReport:
    """What one sweep did: rows dropped per table, and the servers whose data was deleted."""

    purged: dict[str, int] = field(default_factory=dict)
    guilds: dict[int, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: bool = False  # another process holds the sweep


class Housekeeper:
    """Drops expired rows and deletes the data of servers whose grace period ended."""

    def __init__(
        self, store: Store, settings: Settings, *, owner: str = "", conversations: Conversations | None = None
    ) -> None:
        self.store = store
        self.settings = settings
        self.owner = owner or "agora"
        self.conversations = conversations

    def sweep(self, now: float | None = None, *, lease: bool = True) -> SweepReport:
        """One sweep (blocking: call it in a worker thread). With `lease`, one process per period."""
        stamp = time.time() if now is None else now
        if lease and not self.store.acquire_lease(SWEEP_LEASE, self.owner, SWEEP_SECONDS * 0.9, now=stamp):
            return SweepReport(skipped=True)
        started = time.perf_counter()
        report = SweepReport()
        report.purged = self.store.purge_expired(retention(self.settings), now=stamp)
        report.guilds = self.store.delete_removed_guilds(stamp)
        for guild in report.guilds:
            if self.conversations is not None:
                forget_conversations(self.conversations, guild, None)
        report.seconds = time.perf_counter() - started
        if report.purged:
            log.info("Retention: dropped %s (%.2f s)", count_text(report.purged), report.seconds)
        for guild, counts in report.guilds.items():
            log.info("Server %s: grace period over, its data deleted (%s)", guild, count_text(counts))
        return report

    async def run(self, every: float = SWEEP_SECONDS) -> None:
        """Sweep now and every `every` seconds until cancelled (failures are logged, never raised)."""
        while True:
            try:
                await asyncio.to_thread(self.sweep)
            except Exception as exc:  # an outage or a bug: the next sweep tries again
                log.warning("The privacy sweep failed (%s: %s); trying again later", type(exc).__name__, exc)
            await asyncio.sleep(every)
