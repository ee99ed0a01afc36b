"""The embedded default: one SQLite file, one connection shared behind a lock."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.core.storage.base import Driver, StoreError, Tx


class SqliteDriver(Driver):
    """A SQLite file in WAL mode. Writers queue on `BEGIN IMMEDIATE` (also across processes)."""

    engine = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA busy_timeout=5000")
            self._use_wal()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Cannot open the state file {path}: {exc}") from None
        self._lock = threading.RLock()

    def _use_wal(self) -> None:
        """Switch to WAL; several processes opening a new file at once may find it locked for a moment."""
        for attempt in range(100):
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 99:
                    raise
                time.sleep(0.05)

    @property
    def where(self) -> str:
        """The file's path."""
        return str(self.path)

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error)."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"The state file {self.path} cannot be used: {exc}") from None
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def lock_migrations(self, tx: Tx) -> None:
        """Nothing to add: BEGIN IMMEDIATE already keeps every other writer out."""

    def lock_key(self, tx: Tx, key: str) -> None:
        """Nothing to add: a SQLite write transaction is already exclusive."""

    def read_version(self, tx: Tx) -> int:
        """``PRAGMA user_version``."""
        return int(tx.execute("PRAGMA user_version").fetchone()[0])

    def write_version(self, tx: Tx, version: int) -> None:
        """Set ``PRAGMA user_version`` (part of the transaction)."""
        tx.execute(f"PRAGMA user_version = {int(version)}")

    def ddl(self, statement: str) -> str:
        """The portable dialect is SQLite's own."""
        return statement

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()
