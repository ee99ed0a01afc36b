"""What a storage driver must do, whatever the engine behind it.

A driver runs SQL written once, in the portable dialect described at the top of
:mod:`bot.core.storage.store`, inside transactions, and keeps the schema version. The store's
methods (:class:`bot.core.storage.store.Store`) hold all the queries; a driver only knows its engine:
how to connect, how to translate the portable SQL, where the version lives, and how to stop
two processes from migrating at the same time.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class StoreError(RuntimeError):
    """The store cannot be used (a clear message for people; no traceback needed)."""


class StoreUnavailable(StoreError):
    """The database cannot be reached right now (a lost connection); trying again may work."""


def cannot_succeed(exc: BaseException) -> bool:
    """Whether `exc` says the write itself is wrong, so trying it again cannot help.

    A value the engine cannot bind or store (an integer over 64 bits, a wrong type), a
    broken constraint, a statement the engine refuses: permanent. A busy or locked file, a
    full disk, a lost connection (:class:`StoreUnavailable`): worth another try.
    """
    import sqlite3

    if isinstance(exc, StoreUnavailable):
        return False
    if isinstance(exc, OverflowError | TypeError | ValueError):
        return True  # e.g. "Python int too large to convert to SQLite INTEGER"
    if isinstance(exc, sqlite3.IntegrityError | sqlite3.InterfaceError | sqlite3.ProgrammingError):
        return True
    if isinstance(exc, sqlite3.DataError):
        return True
    if type(exc).__module__.startswith("psycopg"):
        import psycopg

        return isinstance(exc, psycopg.DataError | psycopg.IntegrityError | psycopg.ProgrammingError)
    return False


class Cursor(Protocol):
    """The part of a DB-API cursor the store uses."""

    rowcount: int

    def fetchone(self) -> Any:
        """The next row, or None."""
        ...

    def fetchall(self) -> list[Any]:
        """The remaining rows."""
        ...


class Tx(Protocol):
    """A transaction: portable SQL in, a cursor out."""

    def execute(self, sql: str, params: Sequence[object] = ()) -> Cursor:
        """Run one statement with `?` placeholders."""
        ...


class Driver(ABC):
    """One engine behind the store. Thread-safe: the store is called from worker threads."""

    engine: str = ""  # "sqlite" or "postgresql"

    @property
    @abstractmethod
    def where(self) -> str:
        """Where the data lives, for people (a file path, or a URL without its password)."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Tx]:
        """A transaction: committed when the block ends, rolled back if it raises.

        Raises :class:`StoreUnavailable` when the database cannot be reached.
        """

    @abstractmethod
    def lock_migrations(self, tx: Tx) -> None:
        """Hold, until `tx` ends, the lock that keeps other processes from migrating too."""

    @abstractmethod
    def lock_key(self, tx: Tx, key: str) -> None:
        """Hold, until `tx` ends, a lock named `key` (one deal per channel at a time, across processes)."""

    @abstractmethod
    def read_version(self, tx: Tx) -> int:
        """The schema version of the database (0 when empty)."""

    @abstractmethod
    def write_version(self, tx: Tx, version: int) -> None:
        """Record the schema version inside `tx`."""

    @abstractmethod
    def ddl(self, statement: str) -> str:
        """A migration statement written in the portable dialect, in this engine's words."""

    @abstractmethod
    def close(self) -> None:
        """Release the connections."""

    def run(self, work: Callable[[Tx], T], *, retries: int = 0) -> T:
        """`work(tx)` in a transaction; retried after a lost connection when `retries` > 0.

        Only work that is safe to repeat may be retried: a connection lost during COMMIT
        leaves it unknown whether the first attempt was saved.
        """
        for attempt in range(retries + 1):
            try:
                with self.transaction() as tx:
                    return work(tx)
            except StoreUnavailable as exc:
                if attempt == retries:
                    raise
                log.warning("%s; trying again", exc)
        raise AssertionError("unreachable")

    def migrate(self, migrations: Sequence[str]) -> tuple[int, int]:
        """Bring the schema up to ``len(migrations)``, one step per transaction, under the lock.

        Several processes may start at once: each step locks, reads the version again and
        applies only what is still missing, so every migration runs exactly once.
        Returns (version before, version after). A database newer than `migrations` is refused.
        """
        target = len(migrations)
        before: int | None = None
        while True:
            with self.transaction() as tx:
                self.lock_migrations(tx)
                version = self.read_version(tx)
                if before is None:
                    before = version
                if version > target:
                    raise StoreError(
                        f"The database at {self.where} has schema version {version}, newer than this "
                        f"Agora understands ({target}). Upgrade Agora (or point it at another database); "
                        "nothing was changed."
                    )
                if version == target:
                    return before, version
                for statement in migrations[version].split(";"):
                    if statement.strip():
                        tx.execute(self.ddl(statement))
                self.write_version(tx, version + 1)
                log.info("Store schema migrated to version %d (%s)", version + 1, self.engine)
