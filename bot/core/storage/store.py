"""Per-server state behind one interface, on SQLite (the default) or PostgreSQL.

:class:`Store` combines every area's queries, written once; a driver (:mod:`bot.core.storage`) runs them
on its engine: :class:`~bot.core.storage.sqlite.SqliteDriver` for the file
``DATA_DIR/agora.sqlite3``, :class:`~bot.core.storage.postgres.PostgresDriver` when
``DATABASE_URL=postgresql://…`` is set. All methods are synchronous and short; async callers
use ``asyncio.to_thread`` so the event loop never waits on the database.

The queries live by area in :mod:`bot.core.storage.queries`; the schema and how to add a
table in :mod:`bot.core.storage.migrations`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

from bot.core.storage.base import Driver, StoreError, StoreUnavailable, Tx
from bot.core.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.core.storage.postgres import PostgresDriver, is_postgres_url
from bot.core.storage.queries.answers import AnswerQueries
from bot.core.storage.queries.deck import DeckQueries
from bot.core.storage.queries.posts import PostQueries
from bot.core.storage.queries.privacy import PrivacyQueries
from bot.core.storage.queries.processes import ProcessQueries
from bot.core.storage.queries.readings import ReadingQueries, ReadingRecord
from bot.core.storage.queries.settings import SettingsQueries
from bot.core.storage.queries.votes import PollToBackfill, StoredVote, VoteQueries
from bot.core.storage.records import (
    CLAIM_LEASE,
    DEFAULT_COOLDOWN,
    AnswerRecord,
    Curation,
    CustomPrompt,
    GuildSettings,
    PostRecord,
)
from bot.core.storage.sqlite import SqliteDriver

__all__ = [
    "CLAIM_LEASE",
    "DEFAULT_COOLDOWN",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AnswerRecord",
    "Curation",
    "CustomPrompt",
    "GuildSettings",
    "PollToBackfill",
    "PostRecord",
    "ReadingRecord",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "StoredVote",
    "open_driver",
]


def open_driver(target: Path | str) -> Driver:
    """The driver for a SQLite path or a ``postgresql://`` URL."""
    if isinstance(target, str) and is_postgres_url(target):
        return PostgresDriver(target)
    return SqliteDriver(Path(target))


class Store(
    SettingsQueries,
    AnswerQueries,
    DeckQueries,
    PostQueries,
    ProcessQueries,
    VoteQueries,
    PrivacyQueries,
    ReadingQueries,
):
    """Agora's state, on the engine its driver speaks. Safe to share between threads."""

    def __init__(self, target: Path | str | Driver, *, migrate: bool = True) -> None:
        """Open `target` (a SQLite path, a ``postgresql://`` URL, or a driver) and migrate it."""
        self._db = target if isinstance(target, Driver) else open_driver(target)
        self.target: Path | str = (
            self._db.url if isinstance(self._db, PostgresDriver) else Path(self._db.where)
        )
        self.migrated_from: int | None = None  # the version found on opening (None: not migrated)
        if migrate:
            try:
                self.migrated_from, _ = self._db.migrate(MIGRATIONS)
            except BaseException:
                self._db.close()
                raise

    @property
    def path(self) -> Path | str:
        """What to open again for the same data (the SQLite path, or the URL)."""
        return self.target

    @property
    def engine(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._db.engine

    @property
    def driver(self) -> Driver:
        """The driver (for tests and tools that need the engine itself)."""
        return self._db

    @property
    def where(self) -> str:
        """Where the data lives, for people (no password)."""
        return self._db.where

    def close(self) -> None:
        """Release the file or the connections."""
        self._db.close()

    def transaction(self) -> AbstractContextManager[Tx]:
        """Run portable statements atomically (committed at the end, rolled back on error)."""
        return self._db.transaction()

    @property
    def schema_version(self) -> int:
        """The schema version of the database."""
        return self._db.run(self._db.read_version, retries=1)
