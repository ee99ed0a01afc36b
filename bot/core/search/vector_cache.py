"""Vectors already computed, kept by model and text: switching between readings re-embeds nothing.

A build reuses the vectors of its previous index first; texts it does not find there are
looked up here before being embedded, and what it embeds is added. One SQLite file per
model under the index folder (`INDEX_DIR/cache/<model>.sqlite3`), keyed by a digest of the
text, so every index built there with that model shares it. It is bounded: past
`CACHE_LIMIT` vectors, the least recently used are dropped. The cache is best effort: if
it cannot be read or written (a damaged file, a full disk), builds embed as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

CACHE_LIMIT = 300_000  # vectors kept per model (about 630 MB at 384 dimensions)
CHUNK = 500  # keys per SQL statement (SQLite's variable limit is 32,766; small keeps memory flat)
SCHEMA = 2  # 2: when each vector was last used kept apart (updating it never rewrites a vector)


def text_digest(text: str) -> bytes:
    """The cache key of a text (16 bytes of its SHA-256)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:16]


class VectorCache:
    """Unit vectors of one model, by text. Open with :meth:`open` (None when unusable)."""

    def __init__(self, db: sqlite3.Connection, path: Path, dimension: int, limit: int) -> None:
        self._db = db
        self.path = path
        self.dimension = dimension
        self.limit = limit

    @classmethod
    def open(
        cls, index_dir: Path, model: str, dimension: int, limit: int = CACHE_LIMIT
    ) -> VectorCache | None:
        """The cache of `model` under `index_dir`; a damaged or foreign file is started afresh."""
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model).strip("_") or "model"
        path = index_dir / "cache" / f"{slug}.sqlite3"
        for attempt in (1, 2):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
                if _prepare(db, model, dimension):
                    return cls(db, path, dimension, limit)
                db.close()
                log.info("The vector cache %s was for another model or format; starting it afresh", path)
            except (sqlite3.Error, OSError) as exc:
                log.info("Cannot use the vector cache %s (%s)", path, exc)
            if attempt == 1:
                for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    try:
                        stale.unlink(missing_ok=True)
                    except OSError:
                        return None
        return None

    def get_many(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those of `texts` that are cached (damaged entries are ignored)."""
        by_key = {text_digest(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        try:
            for keys in _chunks(list(by_key)):
                marks = ",".join("?" * len(keys))
                rows = self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", keys)
                hits = []
                for key, blob in rows:
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if vector.shape == (self.dimension,) and abs(float(vector @ vector) - 1.0) < 1e-3:
                        found[by_key[key]] = vector
                        hits.append(key)
                if hits:
                    marks = ",".join("?" * len(hits))
                    self._db.execute(f"UPDATE used SET at = ? WHERE key IN ({marks})", [_now(), *hits])
        except sqlite3.Error as exc:
            log.info("The vector cache %s could not be read (%s); embedding instead", self.path, exc)
            return {}
        return found

    def put_many(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Keep `vectors` (one row per text), then drop the least recently used past the limit."""
        if len(texts) != len(vectors):
            raise ValueError("one vector per text")
        now = _now()
        first = max(0, len(texts) - self.limit)  # more than the cache holds: keep the last ones
        try:
            self._db.execute("BEGIN")
            for start in range(first, len(texts), CHUNK):  # rows made a chunk at a time: flat memory
                chunk = [
                    (text_digest(texts[i]), np.ascontiguousarray(vectors[i], dtype=np.float32).tobytes())
                    for i in range(start, min(start + CHUNK, len(texts)))
                ]
                self._db.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", chunk)
                self._db.executemany(
                    "INSERT OR REPLACE INTO used (key, at) VALUES (?, ?)", [(key, now) for key, _ in chunk]
                )
            (count,) = self._db.execute("SELECT count(*) FROM vectors").fetchone()
            if count > self.limit:
                self._db.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS dropped (key BLOB PRIMARY KEY) WITHOUT ROWID"
                )
                self._db.execute("DELETE FROM dropped")
                self._db.execute(
                    "INSERT INTO dropped SELECT key FROM used ORDER BY at LIMIT ?", (count - self.limit,)
                )
                self._db.execute("DELETE FROM vectors WHERE key IN (SELECT key FROM dropped)")
                self._db.execute("DELETE FROM used WHERE key IN (SELECT key FROM dropped)")
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            log.info("The vector cache %s could not be written (%s)", self.path, exc)
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        """Close the database file."""
        self._db.close()


def _prepare(db: sqlite3.Connection, model: str, dimension: int) -> bool:
    """Create the tables if needed; False if the file belongs to another model or format."""
    db.execute("PRAGMA synchronous=OFF")  # a cache: a file damaged by a crash is started afresh
    db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS used (key BLOB PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID")
    wanted = {"schema": str(SCHEMA), "model": model, "dimension": str(dimension)}
    have = dict(db.execute("SELECT name, value FROM meta").fetchall())
    if not have:
        db.executemany("INSERT INTO meta (name, value) VALUES (?, ?)", list(wanted.items()))
        return True
    return have == wanted


def _chunks(items: list) -> Iterator[list]:  # type: ignore[type-arg]
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _now() -> float:
    return time.time()
