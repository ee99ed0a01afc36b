"""Shared, expensive fixtures: the reading's index built once per test session."""

from __future__ import annotations

import itertools
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

import bot.settings
from bot.app.library import Library
from bot.app.service import Agora
from bot.core.search.embedder import Embedder
from bot.core.storage.store import Store
from bot.ops.local_postgres import LocalPostgres, LocalPostgresError
from bot.settings import Settings

# CI runs the property tests on the same examples every time (a red run can then be run again and
# fixed); elsewhere they explore new ones on each run
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

# The suite runs on the fast all-MiniLM-L6-v2 wherever the model does not matter (settings made
# in the tests and the `agora` processes they start); tests/test_default_model.py covers the
# default all-mpnet-base-v2 itself.
bot.settings.DEFAULT_MODEL = bot.settings.FAST_MODEL
os.environ["EMBEDDING_MODEL"] = bot.settings.FAST_MODEL

REPO = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Reading:
    """A reading (the repo's seeds plus one very long paragraph) and its built index."""

    seeds_dir: Path
    index_dir: Path

    def settings(self, data_dir: Path, **changes: object) -> Settings:
        """Settings pointing at this reading, with state under `data_dir`."""
        return Settings(seeds_dir=self.seeds_dir, index_dir=self.index_dir, data_dir=data_dir).with_overrides(
            **changes
        )

    def copy_to(self, root: Path) -> Reading:
        """A private copy (for tests that rebuild or edit the reading)."""
        seeds, index = root / "seeds", root / "index"
        shutil.copytree(self.seeds_dir, seeds)
        shutil.copytree(self.index_dir, index)
        return Reading(seeds, index)


@pytest.fixture(scope="session")
def agora(tmp_path_factory: pytest.TempPathFactory) -> Agora:
    """One prepared Agora (model loaded, index built and live), shared by the whole session.

    Its reading is the repo's seeds plus a paragraph longer than a Discord message.
    """
    root = tmp_path_factory.mktemp("reading")
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copy(TEST_DATA / "zeppelin-log.txt", root / "seeds" / "zeppelin-log.txt")
    service = Agora(Reading(root / "seeds", root / "index").settings(root / "data"))
    service.prepare(progress=False)
    return service


@pytest.fixture(scope="session")
def reading(agora: Agora) -> Reading:
    """The shared reading and its built index (copy it before changing either)."""
    return Reading(agora.settings.seeds_dir, agora.settings.index_dir)


@pytest.fixture(scope="session")
def embedder(agora: Agora) -> Embedder:
    """The session's embedding model, loaded once (the one `agora` uses)."""
    return agora.embedder


@pytest.fixture
def library_on(agora: Agora) -> Callable[[Store, Path], Library]:
    """Make a Library (readings per server) on the session's model and seeds, a store and a data folder."""

    def make(store: Store, data_dir: Path) -> Library:
        service = Agora(
            agora.settings.with_overrides(data_dir=data_dir),
            load_embedder=lambda _name: agora.embedder,
            store=store,
        )
        service.prepare(progress=False)
        return Library(service, store)

    return make


@pytest.fixture
def stored_agora(agora: Agora, tmp_path: Path) -> Iterator[Agora]:
    """An Agora on the session's reading and model with its own state file (prompt rotation is kept)."""
    store = Store(tmp_path / "state" / "agora.sqlite3")
    service = Agora(agora.settings, load_embedder=lambda _name: agora.embedder, store=store)
    service.prepare(progress=False)
    yield service
    store.close()


@pytest.fixture(autouse=True)
def logging_restored() -> Iterator[None]:
    """Logging as it was before each test: the CLI and `setup_logging` add handlers and capture warnings.

    Without it a test that ran `agora …` in-process changes what later tests see (which test ran
    before depends on the order, and on which worker runs it).
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers and not type(handler).__module__.startswith("_pytest"):
            root.removeHandler(handler)  # pytest's own capture handlers come and go with each phase
            handler.close()
    for handler in handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(False)


# ---------------------------------------------------------------------------------------- PostgreSQL

ENGINES = ("sqlite", "postgresql")
_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[LocalPostgres]:
    """A real PostgreSQL server for the session (run as the postgres user under root), stopped at the end."""
    try:
        server = LocalPostgres().start()
    except LocalPostgresError as exc:
        pytest.fail(f"These tests need PostgreSQL (apt-get install postgresql-15, as .ci/run does): {exc}")
    yield server
    server.stop()


@pytest.fixture
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str | Path]:
    """Make an empty database on an engine: a SQLite path, or a fresh PostgreSQL database's URL."""

    def make(engine: str) -> str | Path:
        number = next(_database_numbers)
        if engine == "sqlite":
            return tmp_path / f"state-{number}" / "agora.sqlite3"
        server: LocalPostgres = request.getfixturevalue("postgres")
        return server.create_database(f"agora_test_{number}")

    return make


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine in turn: tests using it run on SQLite and on PostgreSQL."""
    return str(request.param)


@pytest.fixture
def database(engine: str, new_database: Callable[[str], str | Path]) -> str | Path:
    """An empty database on the engine under test (a SQLite path or a PostgreSQL URL)."""
    return new_database(engine)


@pytest.fixture
def engine_agora(agora: Agora, database: str | Path) -> Iterator[Agora]:
    """:func:`stored_agora` on each engine in turn."""
    store = Store(database)
    service = Agora(agora.settings, load_embedder=lambda _name: agora.embedder, store=store)
    service.prepare(progress=False)
    yield service
    store.close()
