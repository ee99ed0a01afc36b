"""What every area of queries runs through: the driver, and one-statement helpers."""

from __future__ import annotations

from typing import ClassVar

from bot.core.storage.base import Driver
from bot.core.storage.kept import Kept


class Queries:
    """The driver and the helpers the area mixins share."""

    _db: Driver
    KEPT: ClassVar[tuple[Kept, ...]] = ()  # what this area's tables keep (see bot.core.storage.kept)

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:
        """Rows of one query (retried once after a lost connection: reading is safe to repeat)."""
        return self._db.run(lambda tx: [tuple(r) for r in tx.execute(sql, params).fetchall()], retries=1)

    def _one(self, sql: str, params: tuple[object, ...] = ()) -> tuple | None:
        rows = self._read(sql, params)
        return rows[0] if rows else None

    def _write(self, sql: str, params: tuple[object, ...] = (), *, retries: int = 0) -> int:
        """Run one statement in its own transaction; its row count."""
        return self._db.run(lambda tx: tx.execute(sql, params).rowcount, retries=retries)
