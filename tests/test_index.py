"""The on-disk index: manifest, staleness, atomic builds, corruption, incremental rebuilds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.app.service import Agora
from bot.core.reading.passages import PARSER_VERSION
from bot.core.search.index import (
    IndexCorrupt,
    IndexStale,
    build_from_seeds,
    current_version,
    load_index,
)
from bot.settings import Settings

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", folder)
    return folder


def test_build_writes_faiss_json_and_manifest(agora, seeds, tmp_path):
    report = build_from_seeds(seeds, agora.embedder, tmp_path / "index", progress=False)
    version = current_version(tmp_path / "index")
    assert version is not None
    assert {p.name for p in version.iterdir()} == {
        "manifest.json",
        "passages.json",
        "passages.faiss",
        "sentences.faiss",
    }
    manifest = json.loads((version / "manifest.json").read_text())
    assert manifest["model"] == "all-MiniLM-L6-v2"
    assert manifest["dimension"] == 384
    assert manifest["passage_count"] == len(report.index.passages) == 15
    assert manifest["schema_version"] == 2
    assert set(manifest["files"]) == {"passages.json", "passages.faiss", "sentences.faiss"}
    for name, entry in manifest["files"].items():
        assert entry["bytes"] == (version / name).stat().st_size and len(entry["sha256"]) == 64
    assert len(manifest["fingerprint"]) == 32 and manifest["built_at"]
    meta = json.loads((version / "passages.json").read_text())
    assert meta["passages"][0]["paragraph"] == 1
    assert report.index.passage_vectors.shape == (15, 384)


def test_stale_index_is_detected_and_explained(agora, seeds, tmp_path):
    build_from_seeds(seeds, agora.embedder, tmp_path / "index", progress=False)
    index = load_index(tmp_path / "index")
    index.check(model="all-MiniLM-L6-v2", seeds_dir=seeds)
    with pytest.raises(IndexStale, match="EMBEDDING_MODEL is 'other-model'"):
        index.check(model="other-model", seeds_dir=seeds)
    (seeds / "extra.md").write_text("# More\n\nA new paragraph about diplomacy.\n")
    with pytest.raises(IndexStale, match="changed since the index was built"):
        index.check(model="all-MiniLM-L6-v2", seeds_dir=seeds)


def test_an_index_made_by_an_older_parser_is_rebuilt_with_the_reason(agora, seeds, tmp_path):
    build_from_seeds(seeds, agora.embedder, tmp_path / "index", progress=False)
    index = load_index(tmp_path / "index")
    index.manifest["parser_version"] = PARSER_VERSION - 1  # as an older Agora wrote it
    index.manifest["fingerprint"] = "0" * 32  # the fingerprint includes the parser's version
    with pytest.raises(IndexStale, match="reads texts differently"):
        index.check(model="all-MiniLM-L6-v2", seeds_dir=seeds)
    report = build_from_seeds(seeds, agora.embedder, tmp_path / "index", progress=False)
    assert report.index.manifest["parser_version"] == PARSER_VERSION
    assert all("date" in d and "author" in d for d in report.index.documents)  # the new metadata


def test_an_older_parsers_sentence_vectors_are_not_reused(agora, seeds, tmp_path):
    # What a passage embeds for its sentences (list items with their introduction, items
    # without their number) is the parser's: an older index's sentence rows may be other texts.
    index_dir = tmp_path / "index"
    old = build_from_seeds(seeds, agora.embedder, index_dir, progress=False).index
    old.manifest["parser_version"] = PARSER_VERSION - 1
    old.sentence_vectors[:] = 0.0  # stands for vectors of texts this parser no longer embeds
    report = build_from_seeds(seeds, agora.embedder, index_dir, progress=False, previous=old)
    assert report.index.sentence_vectors.shape == old.sentence_vectors.shape
    assert np.linalg.norm(report.index.sentence_vectors, axis=1).min() > 0.99
    assert report.reused_vectors > 0  # whole passages' vectors still count: their text is stored


def test_failed_build_leaves_previous_index_working(agora, seeds, tmp_path):
    index_dir = tmp_path / "index"
    first = build_from_seeds(seeds, agora.embedder, index_dir, progress=False)
    before = current_version(index_dir)
    (seeds / "ukraine-standoff-diplomacy.txt").write_text("New title\nOnly one paragraph now.\n")

    def crash(staging: Path) -> None:
        assert (staging / "manifest.json").exists()  # halfway: files written, not yet live
        raise RuntimeError("killed mid-build")

    from bot.core.reading.passages import load_reading
    from bot.core.search.index import build_index

    with pytest.raises(RuntimeError, match="killed"):
        build_index(load_reading(seeds), agora.embedder, index_dir, progress=False, before_commit=crash)
    assert current_version(index_dir) == before
    survivor = load_index(index_dir)
    assert [p.id for p in survivor.passages] == [p.id for p in first.index.passages]
    assert not list(index_dir.glob(".build-*"))


def test_corrupt_index_is_reported_then_rebuilt(agora, seeds, tmp_path):
    index_dir = tmp_path / "index"
    build_from_seeds(seeds, agora.embedder, index_dir, progress=False)
    version = current_version(index_dir)
    assert version is not None
    data = (version / "passages.faiss").read_bytes()
    (version / "passages.faiss").write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexCorrupt, match="damaged"):
        load_index(index_dir)
    (version / "passages.json").write_text("{not json")
    with pytest.raises(IndexCorrupt):
        load_index(index_dir)

    service = Agora(
        Settings(seeds_dir=seeds, index_dir=index_dir, data_dir=tmp_path / "data"), lambda _: agora.embedder
    )
    notes = service.prepare(progress=False)
    assert any("damaged" in n for n in notes)
    assert service.ask("Who wrote this?").answered


def test_rebuild_after_editing_one_paragraph_embeds_only_the_change(agora, seeds, tmp_path):
    index_dir = tmp_path / "index"
    build_from_seeds(seeds, agora.embedder, index_dir, progress=False)
    path = seeds / "ukraine-standoff-diplomacy.txt"
    path.write_text(path.read_text().replace("Nearly three months", "Almost three months"))
    report = build_from_seeds(seeds, agora.embedder, index_dir, progress=False)
    assert report.changed == 1 and report.added == 0 and report.removed == 0
    assert report.embedded == 1  # that paragraph is one sentence: one new text to embed
    assert report.reused_vectors > 40


def test_mid_size_searches_use_a_float16_copy_and_find_the_exact_neighbours(agora, monkeypatch):
    import dataclasses

    import faiss
    import numpy as np

    monkeypatch.setattr("bot.core.search.vectors.HALF_MIN", 4)  # the seed reading counts as mid-sized here
    index = dataclasses.replace(agora.snapshot.index)  # made again: it gets float16 search copies
    questions = ["what does Russia want from NATO", "who wrote the article", "will sanctions work"]
    for q in agora.embedder.encode_queries(questions):
        for search, vectors in (
            (index.search_passages, index.passage_vectors),
            (index.search_sentences, index.sentence_vectors),
        ):
            scores, rows = search(q, 5)
            exact = np.argsort(-(vectors @ q))[:5]
            assert set(rows.tolist()) == set(exact.tolist())
            assert np.allclose(scores, (vectors @ q)[rows], atol=2e-3)  # float16 precision
    copies = (index._passage_search, index._sentence_search)
    assert all(isinstance(copy, faiss.IndexScalarQuantizer) for copy in copies)
    assert len({id(copy) for copy in copies}) == 2


def test_a_rebuild_parses_only_the_files_that_changed(agora, seeds, tmp_path, monkeypatch):
    import bot.core.reading.passages as reading

    shutil.copy(REPO / "eval" / "readings" / "markdown" / "phone-free-schools.md", seeds / "phones.md")
    index_dir = tmp_path / "index"
    first = build_from_seeds(seeds, agora.embedder, index_dir, progress=False).index
    parsed: list[str] = []
    real_parse = reading.parse_document

    def counting_parse(rel_path, *args, **kwargs):
        parsed.append(rel_path)
        return real_parse(rel_path, *args, **kwargs)

    monkeypatch.setattr(reading, "parse_document", counting_parse)
    path = seeds / "phones.md"
    path.write_text(path.read_text().replace("very little", "almost nothing"))
    second = build_from_seeds(seeds, agora.embedder, index_dir, progress=False).index
    assert parsed == ["phones.md"]
    # The unchanged file's passages are exactly what parsing it again gives.
    fresh = real_parse(
        "ukraine-standoff-diplomacy.txt",
        (seeds / "ukraine-standoff-diplomacy.txt").read_text(),
        agora.embedder.count_tokens,
        agora.embedder.max_tokens,
    )
    kept = [p for p in second.passages if p.document == "ukraine-standoff-diplomacy.txt"]
    assert [p.to_json() for p in kept] == [p.to_json() for p in fresh.passages]
    assert [p.id for p in kept] == [p.id for p in first.passages if p.document == kept[0].document]
    assert any("almost nothing" in p.text for p in second.passages)
    # A reload from the index on disk (a new process) reuses them too.
    parsed.clear()
    path.write_text(path.read_text().replace("almost nothing", "hardly a sound"))
    build_from_seeds(seeds, agora.embedder, index_dir, progress=False, previous=load_index(index_dir))
    assert parsed == ["phones.md"]
