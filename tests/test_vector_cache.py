"""The vector cache: switching readings back and forth embeds nothing twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from bot.core.search.index import build_from_seeds, cache_key
from bot.core.search.vector_cache import VectorCache

REPO = Path(__file__).resolve().parent.parent


def test_switching_back_to_a_reading_reuses_every_vector(agora, tmp_path):
    index_dir = tmp_path / "index"
    a = build_from_seeds(REPO / "seeds", agora.embedder, index_dir, progress=False)
    b = build_from_seeds(REPO / "eval" / "readings" / "federalist", agora.embedder, index_dir, progress=False)
    assert b.cached == 0 and b.embedded > 100  # nothing of the Federalist was embedded before
    again = build_from_seeds(REPO / "seeds", agora.embedder, index_dir, progress=False)
    assert again.embedded == 0 and again.cached == a.embedded
    assert "from the cache" in again.summary()
    assert np.array_equal(again.index.passage_vectors, a.index.passage_vectors)
    assert np.array_equal(again.index.sentence_vectors, a.index.sentence_vectors)


def test_a_damaged_cache_is_started_afresh(agora, reading, tmp_path):
    index_dir = tmp_path / "index"
    shutil.copytree(reading.index_dir, index_dir)
    for path in (index_dir / "cache").iterdir():
        path.write_bytes(np.random.default_rng(3).bytes(5000))
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "eval" / "readings" / "markdown", seeds)
    report = build_from_seeds(seeds, agora.embedder, index_dir, progress=False)
    assert report.embedded > 0 and report.cached == 0
    cache = VectorCache.open(index_dir, cache_key(agora.embedder), agora.embedder.dimension)
    assert cache is not None and len(cache) == report.embedded
    cache.close()


def test_the_cache_keeps_the_most_recently_used_vectors(tmp_path):
    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((15, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = [f"text {i}" for i in range(15)]
    cache = VectorCache.open(tmp_path, "a-model", 8, limit=10)
    assert cache is not None
    cache.put_many(texts[:5], vectors[:5])
    cache.get_many(texts[:2])  # used again: newer than texts 2-4
    cache.put_many(texts[5:13], vectors[5:13])  # 13 in all: the 3 used least recently go
    assert len(cache) == 10
    kept = cache.get_many(texts)
    assert set(kept) == {texts[0], texts[1], *texts[5:13]}
    assert np.array_equal(kept[texts[7]], vectors[7])
    cache.close()
    assert VectorCache.open(tmp_path, "another-model", 8) is not None  # started afresh for it
