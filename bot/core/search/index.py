"""The reading's index on disk: FAISS files, passage metadata as JSON, and a manifest.

Layout of the index folder::

    index/CURRENT                 name of the live version (replaced atomically)
    index/v-<time>-<id>/manifest.json
    index/v-<time>-<id>/passages.json     passages (JSON, never pickle)
    index/v-<time>-<id>/passages.faiss    one unit vector per passage (IndexIDMap over IndexFlatIP)
    index/v-<time>-<id>/sentences.faiss   one unit vector per sentence

A build writes a new version folder and only then points CURRENT at it, so an error or a
kill mid-build leaves the previous index intact. Vectors of unchanged text are reused from
the previous version, so a reload re-embeds only what changed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from bot.core.files.fslock import exclusive
from bot.core.files.integrity import DamagedFile, Unsealed, read_sealed, record, seal, verify
from bot.core.models.calibration import calibration_for
from bot.core.reading.passages import (
    PARSER_VERSION,
    Document,
    Passage,
    Problem,
    Reading,
    fingerprint_files,
    load_reading,
)
from bot.core.search.embedder import Encoder
from bot.core.search.null import PROBES, ReadingNull, measure
from bot.core.search.scoring import BM25, searchable
from bot.core.search.vector_cache import VectorCache
from bot.core.search.vectors import (
    flat_index,
    gather,
    hnsw_index,
    read_vectors,
    search_rows,
    searcher,
    vectors_of,
)
from bot.core.text.words import content_terms

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # 2: every file's size and SHA-256 in the manifest, which checks itself
PROGRESS_CHUNK = 64  # texts embedded between two calls of a build's `embedded` callback
PROGRESS_FROM = 2_000  # texts to embed (about a minute on two cores) before a progress bar shows
CURRENT = "CURRENT"
KEEP_VERSIONS = 2
LOCK = ".build.lock"  # held (flock) by the process building; holds its pid, for people
VERSION_NAME = re.compile(r"v-\d{8}T\d{6}-[0-9a-f]{6}")
DISK_NEARLY_FULL = 64 * 1024 * 1024  # bytes free below which a failed write is blamed on space


class IndexProblem(Exception):
    """Base class for index problems a user can act on."""


class IndexMissing(IndexProblem):
    """No index has been built yet."""


class IndexCorrupt(IndexProblem):
    """The index files are damaged or unreadable."""


class IndexStale(IndexProblem):
    """The index does not match the reading or the model."""


class IndexWriteError(IndexProblem):
    """A build could not write its files (the previous index stays live)."""


@dataclass
class Index:
    """A loaded index: passages, their vectors and sentence vectors, and the manifest."""

    path: Path
    manifest: dict[str, Any]
    documents: list[dict[str, Any]]
    passages: list[Passage]
    passage_vectors: np.ndarray
    sentence_vectors: np.ndarray
    sentence_owner: np.ndarray  # row in `passages` for every sentence vector
    passage_index: Any  # faiss index over passage vectors (ids = row numbers)
    sentence_index: Any
    # Kept in memory from a build (never stored): each passage's BM25 terms and the BM25 over
    # them, so the retriever made next does not tokenise the reading a second time.
    terms: dict[str, list[str]] | None = field(default=None, repr=False)
    bm25: BM25 | None = field(default=None, repr=False)
    # What searches go through: the HNSW graph, a float16 copy (mid sizes), or the flat index.
    _passage_search: Any = field(init=False, repr=False)
    _sentence_search: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._passage_search = searcher(self.passage_index, self.passage_vectors)
        self._sentence_search = searcher(self.sentence_index, self.sentence_vectors)

    @property
    def model(self) -> str:
        """The embedding model the vectors come from."""
        return str(self.manifest["model"])

    @property
    def fingerprint(self) -> str:
        """Fingerprint of the reading the index was built from."""
        return str(self.manifest["fingerprint"])

    @property
    def built_at(self) -> datetime:
        """When the index was built (UTC)."""
        return datetime.fromisoformat(self.manifest["built_at"])

    def parsed_documents(self) -> dict[str, Document]:
        """The documents this index was built from, by path, as parsed then (with digests)."""
        by_document: dict[str, list[Passage]] = {}
        for p in self.passages:
            by_document.setdefault(p.document, []).append(p)
        return {
            d["path"]: Document(
                path=d["path"],
                title=d["title"],
                tags=tuple(d.get("tags") or ()),
                author=d.get("author"),
                date=d.get("date"),
                passages=by_document.get(d["path"], []),
                digest=d["digest"],
            )
            for d in self.documents
            if d.get("digest")
        }

    def search_passages(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The `k` passages nearest `q`: (scores, rows); rows are -1 past the end."""
        return search_rows(self._passage_search, self.passage_vectors, q, k)

    def search_sentences(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The `k` sentences nearest `q`: (scores, sentence rows)."""
        return search_rows(self._sentence_search, self.sentence_vectors, q, k)

    def check(
        self,
        *,
        model: str,
        seeds_dir: Path | None = None,
        outside_links: bool = False,
        model_sha256: str | None = None,
    ) -> None:
        """Raise IndexStale, explained, if the model or the reading changed since the build.

        `model_sha256` is the fingerprint of the model's files in use: an index whose manifest
        records another was built by other weights under the same name.
        """
        if self.manifest.get("model") != model:
            raise IndexStale(
                f"The index was built with the model {self.manifest.get('model')!r}, "
                f"but EMBEDDING_MODEL is {model!r}."
            )
        built_with = self.manifest.get("model_sha256")
        if model_sha256 and built_with != model_sha256:
            raise IndexStale(
                f"The index was built with other files of {model!r} "
                f"(SHA-256 {str(built_with or 'unrecorded')[:12]}…, now {model_sha256[:12]}…)."
            )
        if (
            seeds_dir is not None
            and fingerprint_files(seeds_dir, outside_links=outside_links) != self.fingerprint
        ):
            if self.manifest.get("parser_version") != PARSER_VERSION:
                raise IndexStale(
                    f"This version of Agora reads texts differently (headings, metadata, marks) "
                    f"from the one that indexed {seeds_dir}."
                )
            raise IndexStale(f"The reading in {seeds_dir} has changed since the index was built.")


def recorded_seeds(index_dir: Path) -> Path | None:
    """The seeds folder the index in `index_dir` was built from, if its manifest records it."""
    version = current_version(index_dir)
    if version is None:
        return None
    try:
        manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    seeds = manifest.get("seeds") if isinstance(manifest, dict) else None
    return Path(seeds) if isinstance(seeds, str) and seeds else None


@dataclass
class BuildReport:
    """What a build did."""

    index: Index
    added: int
    removed: int
    changed: int
    reused_vectors: int
    embedded: int
    seconds: float
    problems: list[Problem]
    cached: int = 0  # of the reused vectors, how many came from the vector cache

    def summary(self) -> str:
        """One line for people."""
        return (
            f"{len(self.index.passages)} passages indexed in {self.seconds:.1f}s "
            f"(+{self.added} added, -{self.removed} removed, ~{self.changed} changed; "
            f"{self.embedded} texts embedded, {self.reused_vectors} reused"
            + (f", {self.cached} of them from the cache)" if self.cached else ")")
        )


def text_key(text: str) -> str:
    """The cache key of a text's vector."""
    return hashlib.sha1(text.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- loading


def current_version(index_dir: Path) -> Path | None:
    """The live version folder, or None when nothing has been built."""
    pointer = index_dir / CURRENT
    try:
        raw = pointer.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexCorrupt(f"Cannot read {pointer}: {exc.strerror}.") from None
    name = raw.decode("ascii", errors="replace").strip()
    if not VERSION_NAME.fullmatch(name):
        raise IndexCorrupt(f"{pointer} is damaged (it does not name an index version).")
    return index_dir / name


def load_index(index_dir: Path) -> Index:
    """Load the live index, checking every file against its checksum and their agreement.

    Raises IndexMissing, IndexStale (another schema) or IndexCorrupt, with a message naming
    the damaged file. Only the files that are read are checked: with HNSW graphs, the flat
    vector files are kept but not loaded.
    """
    version = current_version(index_dir)
    if version is None:
        raise IndexMissing(f"No index in {index_dir} yet.")
    if not version.is_dir():
        raise IndexCorrupt(f"{index_dir / CURRENT} names {version.name}, which is missing.")
    try:
        manifest = read_sealed(version / "manifest.json")
        if manifest.get("schema_version") != SCHEMA_VERSION:
            raise IndexStale(
                f"The index uses schema {manifest.get('schema_version')}, this Agora reads "
                f"schema {SCHEMA_VERSION}."
            )
        files = manifest.get("files") or {}
        vector_files = [
            graph if graph in files else flat
            for graph, flat in (("passages.hnsw", "passages.faiss"), ("sentences.hnsw", "sentences.faiss"))
        ]
        verify(version, files, ["passages.json", *vector_files])
        meta = json.loads((version / "passages.json").read_bytes())
        passages = [Passage.from_json(p) for p in meta["passages"]]
        p_index, s_index = (read_vectors(version / name) for name in vector_files)
        owners = np.asarray(meta["sentence_owner"], dtype=np.int64)
    except Unsealed:
        raise IndexStale(f"The index in {version} was built by an older Agora (no checksums).") from None
    except DamagedFile as exc:
        raise IndexCorrupt(f"The index in {version} is damaged: {exc}.") from None
    except IndexProblem:
        raise
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexCorrupt(f"The index in {version} is damaged ({type(exc).__name__}).") from None
    _check_agreement(version, manifest, passages, owners, p_index, s_index)
    p_vectors = vectors_of(p_index)  # views into the FAISS indexes' memory, not copies
    s_vectors = vectors_of(s_index)
    return Index(
        path=version,
        manifest=manifest,
        documents=meta.get("documents", []),
        passages=passages,
        passage_vectors=p_vectors,
        sentence_vectors=s_vectors,
        sentence_owner=owners,
        passage_index=p_index,
        sentence_index=s_index,
    )


def _check_agreement(
    version: Path, manifest: dict[str, Any], passages: list[Passage], owners: np.ndarray, *vector_files: Any
) -> None:
    """Raise IndexCorrupt unless counts, dimensions and sentence owners fit together."""
    p_index, s_index = vector_files
    dim = int(manifest.get("dimension", -1))
    problem = None
    if p_index.ntotal != len(passages) or manifest.get("passage_count") != len(passages):
        problem = "the number of passages differs between files"
    elif s_index.ntotal != len(owners) or manifest.get("sentence_count") != len(owners):
        problem = "the number of sentences differs between files"
    elif p_index.d != dim or s_index.d != dim:
        problem = "the vector dimensions differ from the manifest"
    elif len(owners) and (
        owners.ndim != 1
        or owners[0] != 0
        or owners[-1] != len(passages) - 1
        or np.any(np.diff(owners) < 0)
        or np.any(np.diff(owners) > 1)
    ):
        problem = "sentences are not owned by passages in order"
    elif len(passages) and not len(owners):
        problem = "passages have no sentences"
    if problem is not None:
        raise IndexCorrupt(f"The index in {version} is inconsistent: {problem}.")


# --------------------------------------------------------------------------- building


def _encode(
    embedder: Encoder, texts: list[str], bar: bool, embedded: Callable[[int, int], None] | None
) -> np.ndarray:
    """Embed `texts` (in chunks, telling `embedded` how far it got, when there is one)."""
    if embedded is None:
        return embedder.encode(texts, progress=bar)
    parts = []
    for start in range(0, len(texts), PROGRESS_CHUNK):
        parts.append(embedder.encode(texts[start : start + PROGRESS_CHUNK], progress=False))
        embedded(min(start + PROGRESS_CHUNK, len(texts)), len(texts))
    return np.concatenate(parts)


def build_index(
    reading: Reading,
    embedder: Encoder,
    index_dir: Path,
    *,
    progress: bool | None = None,
    before_commit: Callable[[Path], None] | None = None,
    previous: Index | None = None,
    use_cache: bool = True,
    cache_dir: Path | None = None,
    embedded: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Embed the reading and write a new index version; switch to it atomically.

    Vectors of texts already in `previous` (by default, the index on disk) are reused, then
    those in the folder's vector cache (unless not `use_cache`); the rest are embedded,
    `embedded(done, total)` told after every :data:`PROGRESS_CHUNK` of them.
    """
    started = time.perf_counter()
    index_dir.mkdir(parents=True, exist_ok=True)

    previous = _reusable(previous, index_dir, embedder)
    # Where each known text's vector is: a row of `sources` (previous passages, previous
    # sentences, then the newly embedded texts), so the new matrices are gathered in one go.
    dim = embedder.dimension
    sources: list[np.ndarray] = []
    cache: dict[str, tuple[int, int]] = {}
    if previous is not None:
        sources = [previous.passage_vectors, previous.sentence_vectors]
        # What a passage embeds for its sentences is this version's reading of its text: from
        # an older parser, the rows may hold other texts' vectors, so only its passages count.
        same_parser = previous.manifest.get("parser_version") == PARSER_VERSION
        sentence_row = 0
        for row, p in enumerate(previous.passages):
            cache[text_key(p.text)] = (0, row)
            for s in p.embedding_texts() if same_parser else ():
                cache[text_key(s)] = (1, sentence_row)
                sentence_row += 1

    passages = reading.passages
    sentence_texts: list[str] = []
    owners: list[int] = []
    for row, p in enumerate(passages):
        for s in p.embedding_texts():
            sentence_texts.append(s)
            owners.append(row)

    all_texts = [p.text for p in passages] + sentence_texts
    keys = {t: text_key(t) for t in all_texts}
    missing = [t for t, k in keys.items() if k not in cache]
    vault = None
    if missing and use_cache:
        vault = VectorCache.open(cache_dir or index_dir, cache_key(embedder), dim)
    from_vault = vault.get_many(missing) if vault is not None else {}
    if from_vault:
        found = list(from_vault)
        sources.append(np.stack([from_vault[t] for t in found]))
        for row, text in enumerate(found):
            cache[keys[text]] = (len(sources) - 1, row)
    missing = sorted((t for t in missing if t not in from_vault), key=len)
    if progress is None:  # a bar only for long work, and only for a person at a terminal
        progress = len(missing) >= PROGRESS_FROM and sys.stderr.isatty()
    if missing:
        sources.append(_encode(embedder, missing, progress, embedded))
        for row, text in enumerate(missing):
            cache[keys[text]] = (len(sources) - 1, row)
        if vault is not None:
            vault.put_many(missing, sources[-1])
    if vault is not None:
        vault.close()
    p_vectors = gather(sources, [cache[keys[p.text]] for p in passages], dim)
    s_vectors = gather(sources, [cache[keys[t]] for t in sentence_texts], dim)

    known = (previous.terms or {}) if previous is not None else {}
    terms = {p.id: known.get(p.id) or content_terms(searchable(p)) for p in passages}
    bm25 = BM25([terms[p.id] for p in passages])
    null = reading_null(passages, p_vectors, s_vectors, np.asarray(owners, dtype=np.int64), embedder, bm25)

    with build_lock(index_dir):
        name = f"v-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "parser_version": PARSER_VERSION,
            "model": embedder.name,
            "model_sha256": getattr(embedder, "fingerprint", "") or None,
            "dimension": dim,
            "passage_count": len(passages),
            "sentence_count": len(sentence_texts),
            "document_count": len(reading.documents),
            "fingerprint": reading.fingerprint,
            "seeds": reading.source,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "problems": [str(p) for p in reading.problems],
            "null": null.to_json(),
        }
        meta = {
            "documents": [d.to_json() for d in reading.documents],
            "passages": [p.to_json() for p in passages],
            "sentence_owner": owners,
        }
        p_index, s_index = flat_index(p_vectors), flat_index(s_vectors)
        staging, final = index_dir / f".build-{name}", index_dir / name
        try:
            with _writing(index_dir):
                staging.mkdir()
                _write_json(staging / "passages.json", meta)
                faiss.write_index(p_index, str(staging / "passages.faiss"))
                faiss.write_index(s_index, str(staging / "sentences.faiss"))
                p_index = hnsw_index(p_vectors, staging / "passages.hnsw") or p_index
                s_index = hnsw_index(s_vectors, staging / "sentences.hnsw") or s_index
                manifest["files"] = record(staging, [f.name for f in staging.iterdir()])
                manifest = seal(manifest)
                _write_json(staging / "manifest.json", manifest)  # written last: marks a complete build
            if before_commit is not None:
                before_commit(staging)
            with _writing(index_dir):
                os.replace(staging, final)
                _point_current(index_dir, name)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _prune(index_dir, keep=name)
    index = Index(
        path=final,
        manifest=manifest,
        documents=meta["documents"],
        passages=passages,
        passage_vectors=vectors_of(p_index),
        sentence_vectors=vectors_of(s_index),
        sentence_owner=np.asarray(owners, dtype=np.int64),
        passage_index=p_index,
        sentence_index=s_index,
        terms=terms,
        bm25=bm25,
    )

    old = {p.id: p for p in previous.passages} if previous else {}
    new_ids = {p.id for p in passages}
    old_by_place = {(p.document, p.paragraph, p.part) for p in old.values()}
    added = [p for p in passages if p.id not in old]
    removed = [p for p in old.values() if p.id not in new_ids]
    changed = sum(1 for p in added if (p.document, p.paragraph, p.part) in old_by_place)
    return BuildReport(
        index=index,
        added=len(added) - changed,
        removed=max(0, len(removed) - changed),
        changed=changed,
        reused_vectors=len(keys) - len(missing),
        embedded=len(missing),
        cached=len(from_vault),
        seconds=time.perf_counter() - started,
        problems=reading.problems,
    )


def reading_null(  # noqa: PLR0917 - the reading's arrays, in the order build_index has them
    passages: list[Passage],
    passage_vectors: np.ndarray,
    sentence_vectors: np.ndarray,
    sentence_owner: np.ndarray,
    embedder: Encoder,
    bm25: BM25,
) -> ReadingNull:
    """The reading's "not in the reading" scores (see `bot.core.search.null`), measured once per build."""
    calibration = calibration_for(embedder.name, getattr(embedder, "fingerprint", None) or None)
    probes = embedder.encode_queries(list(PROBES)) if passages else np.zeros((0, 1), dtype=np.float32)
    return measure(
        passages,
        passage_vectors=passage_vectors,
        sentence_vectors=sentence_vectors,
        sentence_owner=sentence_owner,
        probe_vectors=probes,
        bm25=bm25,
        calibration=calibration,
    )


def build_from_seeds(
    seeds_dir: Path,
    embedder: Encoder,
    index_dir: Path,
    *,
    progress: bool | None = None,
    previous: Index | None = None,
    outside_links: bool = False,
    cache_dir: Path | None = None,
) -> BuildReport:
    """Read the seeds folder and build its index (see :func:`scan_seeds` for `outside_links`).

    `cache_dir` holds the vector cache's folder (default: `index_dir`).

    Vectors of unchanged text are reused from `previous` (by default, the index on disk),
    and files unchanged since it was built are not parsed again.
    """
    previous = _reusable(previous, index_dir, embedder)
    same_parser = previous is not None and previous.manifest.get("parser_version") == PARSER_VERSION
    parsed = previous.parsed_documents() if previous is not None and same_parser else None
    reading = load_reading(
        seeds_dir, embedder.count_tokens, embedder.max_tokens, parsed, outside_links=outside_links
    )
    return build_index(
        reading, embedder, index_dir, progress=progress, previous=previous, cache_dir=cache_dir
    )


def _reusable(previous: Index | None, index_dir: Path, embedder: Encoder) -> Index | None:
    """The index whose work a build may reuse: `previous`, else the one on disk, if same model."""
    if previous is None:
        try:
            previous = load_index(index_dir)
        except IndexProblem:
            return None
    fingerprint = getattr(embedder, "fingerprint", "")
    other_files = bool(fingerprint) and previous.manifest.get("model_sha256") != fingerprint
    if previous.model != embedder.name or other_files:
        return None
    return previous


def cache_key(embedder: Encoder) -> str:
    """The vector cache's model key: its name, and its files' fingerprint when known."""
    fingerprint = getattr(embedder, "fingerprint", "")
    return f"{embedder.name}@{fingerprint[:16]}" if fingerprint else embedder.name


def _write_json(path: Path, data: object) -> None:
    text = json.dumps(data, ensure_ascii=False)  # dumps uses the C encoder; dump does not
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _point_current(index_dir: Path, name: str) -> None:
    tmp = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:6]}"
    tmp.write_text(name + "\n")
    with open(tmp) as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / CURRENT)


def _prune(index_dir: Path, keep: str) -> None:
    """Remove all but the newest KEEP_VERSIONS versions (call with the build lock held)."""
    versions = sorted(p for p in index_dir.glob("v-*") if p.is_dir())
    for old in versions[:-KEEP_VERSIONS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def build_lock(index_dir: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold the index folder's build lock (yields False, holding nothing, if it is busy and not `wait`).

    Whoever takes it removes what killed builds left behind (`.build-*` folders, temporary
    CURRENT files): no build can be running then.
    """
    with exclusive(index_dir / LOCK, wait=wait) as held:
        if held:
            _remove_abandoned(index_dir)
        yield held


def clean_abandoned_builds(index_dir: Path) -> None:
    """Remove what killed builds left in `index_dir`, unless a build is running now."""
    if (index_dir / CURRENT).exists() or any(index_dir.glob(".build-*")):
        with build_lock(index_dir, wait=False):
            pass


def _remove_abandoned(index_dir: Path) -> None:
    leftovers = [*index_dir.glob(".build-*"), *index_dir.glob(f".{CURRENT}.*")]
    if not leftovers:
        return
    for path in leftovers:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    log.info("Removed %d unfinished build file(s) left in %s by a stopped build", len(leftovers), index_dir)


@contextlib.contextmanager
def _writing(index_dir: Path) -> Iterator[None]:
    """Turn a failed write (full disk, read-only folder) into an IndexWriteError for people."""
    try:
        yield
    except (OSError, RuntimeError) as exc:  # FAISS reports write errors as RuntimeError
        raise IndexWriteError(
            f"Could not write the new index in {index_dir}: {_write_failure(index_dir, exc)}. "
            "The previous index stays in use."
        ) from None


def _write_failure(index_dir: Path, exc: BaseException) -> str:
    code = exc.errno if isinstance(exc, OSError) else None
    try:
        nearly_full = shutil.disk_usage(index_dir).free < DISK_NEARLY_FULL
    except OSError:
        nearly_full = False
    if code in (errno.ENOSPC, errno.EDQUOT) or (code is None and nearly_full):
        return "the disk is full; free some space and try again"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
