"""FAISS vector files: exact flat files, HNSW graphs for large readings, and numpy views of them.

Owns how passage and sentence vectors are stored, read and searched; the index (its folder,
manifest and versions) is :mod:`bot.core.search.index`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np

# Above this many vectors, searches go through an HNSW graph (exact flat files are kept too).
HNSW_MIN = 50_000
# From this many up to HNSW_MIN, through a float16 copy made at load: half the memory to read
# per question (0.7 ms instead of 4 ms for 30k vectors on one core) and no graph to rebuild
# on reload; candidates found this way are then scored on the exact float32 vectors.
HALF_MIN = 8_000
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 80, 512


def searcher(index: Any, vectors: np.ndarray) -> Any:
    """`index` itself (HNSW, or flat below HALF_MIN), else a float16 copy of `vectors`."""
    if isinstance(index, faiss.IndexHNSW) or len(vectors) < HALF_MIN:
        return index
    half = faiss.IndexScalarQuantizer(
        vectors.shape[1], faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT
    )
    half.add(np.ascontiguousarray(vectors))
    return half


def search_rows(index: Any, vectors: np.ndarray, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Nearest rows: through the HNSW graph when there is one, else one exact matrix product.

    For a single query, numpy's matrix-vector product beats a flat FAISS scan (which
    skips BLAS below `distance_compute_blas_threshold` and pays thread start-up).
    """
    k = min(k, len(vectors))
    if k <= 0:
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
    if isinstance(index, faiss.IndexHNSW | faiss.IndexScalarQuantizer):
        scores, rows = index.search(q.reshape(1, -1), k)
        return scores[0], rows[0]
    sims = vectors @ q
    rows = np.argpartition(-sims, k - 1)[:k] if k < len(sims) else np.arange(len(sims))
    rows = rows[np.argsort(-sims[rows])]
    return sims[rows], rows


def read_vectors(path: Path) -> Any:
    """A flat FAISS file, or an approximate (HNSW) graph with its search depth set."""
    index = faiss.read_index(str(path))
    if path.suffix == ".hnsw":
        faiss.downcast_index(index).hnsw.efSearch = HNSW_EF_SEARCH
    return index


def vectors_of(index: Any) -> np.ndarray:
    """The vectors stored in a flat or HNSW index, as a numpy view (no copy).

    The array holds a reference to `index`, so the memory outlives every use of the array.
    """
    inner = faiss.downcast_index(index.index) if isinstance(index, faiss.IndexIDMap) else index
    if isinstance(inner, faiss.IndexHNSW):
        inner = faiss.downcast_index(inner.storage)
    if inner.ntotal == 0:
        return np.zeros((0, inner.d), dtype=np.float32)
    view = faiss.rev_swig_ptr(inner.get_xb(), inner.ntotal * inner.d).reshape(inner.ntotal, inner.d)
    owned = view.view(_OwnedVectors)
    owned.owner = index  # the memory belongs to `index`: keep it alive as long as the array
    return owned


class _OwnedVectors(np.ndarray):
    """A numpy view of FAISS-owned memory that keeps its owner alive (slices reference it)."""

    owner: Any = None


def gather(sources: list[np.ndarray], where: list[tuple[int, int]], dim: int) -> np.ndarray:
    """A new contiguous matrix whose row i is row where[i][1] of sources[where[i][0]]."""
    out = np.empty((len(where), dim), dtype=np.float32)
    if not where:
        return out
    located = np.asarray(where, dtype=np.int64)
    for number, source in enumerate(sources):
        mine = np.flatnonzero(located[:, 0] == number)
        if len(mine):
            out[mine] = source[located[mine, 1]]
    return out


def flat_index(vectors: np.ndarray) -> Any:
    """An exact inner-product index over `vectors`, row i with id i."""
    index = faiss.IndexIDMap(faiss.IndexFlatIP(vectors.shape[1]))
    if len(vectors):
        index.add_with_ids(vectors, np.arange(len(vectors), dtype=np.int64))
    return index


def hnsw_index(vectors: np.ndarray, path: Path) -> Any:
    """Write an HNSW graph over `vectors` when there are enough of them to need one."""
    if len(vectors) < HNSW_MIN:
        return None
    graph = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    graph.add(vectors)
    graph.hnsw.efSearch = HNSW_EF_SEARCH
    faiss.write_index(graph, str(path))
    return graph
