"""Damaged index files: each is found by name, reported in one line, and rebuilt or refused.

One index is built for the session; every case damages a private copy of it.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import bot.core.search.index as index_module
from bot.app.service import Agora
from bot.core.files.integrity import record, seal
from bot.core.search.index import (
    LOCK,
    IndexCorrupt,
    IndexWriteError,
    build_from_seeds,
    build_lock,
    clean_abandoned_builds,
    current_version,
    load_index,
)
from bot.core.search.onnx_embedder import EncoderDamaged, OnnxEmbedder, export_dir

VERSION_FILES = ("manifest.json", "passages.json", "passages.faiss", "sentences.faiss")


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def emptied(data: bytes) -> bytes:
    return b""


def random_bytes(data: bytes) -> bytes:
    return np.random.default_rng(7).bytes(max(len(data), 64))


def flipped(data: bytes) -> bytes:
    """64 bytes inverted in the middle: same size, and still parseable for the FAISS files."""
    middle = len(data) // 2
    return data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 64]) + data[middle + 64 :]


DAMAGES = {"truncated": truncated, "emptied": emptied, "random bytes": random_bytes, "flipped bytes": flipped}


@pytest.fixture
def index_copy(reading, tmp_path) -> Path:
    """A private copy of the session's index (the live version and CURRENT, not the encoder)."""
    source = current_version(reading.index_dir)
    assert source is not None
    target = tmp_path / "index"
    target.mkdir()
    shutil.copytree(source, target / source.name)
    shutil.copy(reading.index_dir / "CURRENT", target / "CURRENT")
    return target


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("name", VERSION_FILES)
def test_each_damaged_index_file_is_named_in_one_line(index_copy, name, damage):
    path = current_version(index_copy) / name
    path.write_bytes(DAMAGES[damage](path.read_bytes()))
    with pytest.raises(IndexCorrupt) as caught:
        load_index(index_copy)
    message = str(caught.value)
    assert name in message and "\n" not in message


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_current_pointer_is_reported(index_copy, damage):
    pointer = index_copy / "CURRENT"
    pointer.write_bytes(DAMAGES[damage](pointer.read_bytes()))
    with pytest.raises(IndexCorrupt, match="CURRENT is damaged"):
        load_index(index_copy)


def _rewrite(version: Path, meta: dict) -> None:
    """Write passages.json and record its checksum again, as a buggy build would have."""
    (version / "passages.json").write_text(json.dumps(meta))
    manifest = json.loads((version / "manifest.json").read_text())
    manifest["files"] |= record(version, ["passages.json"])
    (version / "manifest.json").write_text(json.dumps(seal(manifest)))


def _swap_owners(meta: dict) -> None:
    owners = meta["sentence_owner"]
    last = owners.index(owners[-1])
    owners[last - 1], owners[last] = owners[last], owners[last - 1]


def _drop_passage(meta: dict) -> None:
    meta["passages"].pop()


def _drop_sentence(meta: dict) -> None:
    meta["sentence_owner"].pop()


@pytest.mark.parametrize("edit", [_swap_owners, _drop_passage, _drop_sentence])
def test_passages_json_that_disagrees_with_the_vectors_is_refused(index_copy, edit):
    version = current_version(index_copy)
    meta = json.loads((version / "passages.json").read_text())
    edit(meta)
    (version / "passages.json").write_text(json.dumps(meta))  # valid JSON, edited
    with pytest.raises(IndexCorrupt, match=r"damaged: passages\.json (has|does not match)"):
        load_index(index_copy)
    _rewrite(version, meta)  # even with a matching checksum, the files must agree
    with pytest.raises(IndexCorrupt, match="inconsistent"):
        load_index(index_copy)


def test_an_edited_manifest_is_refused(index_copy):
    path = current_version(index_copy) / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["passage_count"] += 1
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexCorrupt, match=r"manifest\.json does not match its checksum"):
        load_index(index_copy)


def test_damaged_vectors_are_rebuilt_and_answers_stay_right(agora, reading, index_copy, tmp_path):
    version = current_version(index_copy)
    path = version / "sentences.faiss"
    path.write_bytes(flipped(path.read_bytes()))
    settings = reading.settings(tmp_path / "data", index_dir=index_copy)
    service = Agora(settings, load_embedder=lambda _name: agora.embedder)
    notes = service.prepare(progress=False)
    assert notes[0].startswith(f"The index in {version} is damaged: sentences.faiss does not match")
    assert current_version(index_copy) != version
    for question in ("Why does Russia object to NATO expansion?", "will sanctions work"):
        assert [h.passage.id for h in service.ask(question).hits] == [
            h.passage.id for h in agora.ask(question).hits
        ]


def run_agora(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` in `tmp_path`, with no settings from the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SEEDS_", "INDEX_", "DATA_"))}
    env["DATA_DIR"] = str(tmp_path / "data")
    return subprocess.run(  # noqa: PLW1510 - the exit status is asserted
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_random_bytes_in_current_are_rebuilt_by_the_cli(reading, tmp_path):
    root = reading.copy_to(tmp_path)
    (root.index_dir / "CURRENT").write_bytes(os.urandom(40))
    done = run_agora(
        tmp_path, "ask", "Who wrote this?", "--seeds", str(root.seeds_dir), "--index", str(root.index_dir)
    )
    assert done.returncode == 0, done.stderr
    assert "CURRENT is damaged" in done.stderr and "Traceback" not in done.stderr
    assert "Daniel R. DePetris" in done.stdout


# ------------------------------------------------------------------ a disk that fills


def test_a_full_disk_during_a_build_keeps_the_old_index(agora, reading, tmp_path, monkeypatch):
    root = reading.copy_to(tmp_path)
    before = current_version(root.index_dir)
    (root.seeds_dir / "extra.md").write_text("# More\n\nA new paragraph about the talks in Geneva.\n")
    real_write = index_module.faiss.write_index

    def write_until_full(index, path):
        real_write(index, path)
        with open(path, "r+b") as fh:  # what a full disk leaves: part of the file
            fh.truncate(100)
        raise RuntimeError("Error in faiss::FileIOWriter: ret == (size) failed: fwrite")

    monkeypatch.setattr(index_module.faiss, "write_index", write_until_full)
    monkeypatch.setattr(
        index_module.shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10**9, 10**9, 0)
    )
    with pytest.raises(IndexWriteError, match=r"the disk is full.*previous index stays in use"):
        build_from_seeds(root.seeds_dir, agora.embedder, root.index_dir, progress=False)
    assert current_version(root.index_dir) == before
    assert not list(root.index_dir.glob(".build-*"))

    # Starting with the reading changed and the disk still full: the old index serves, said once.
    service = Agora(reading.settings(tmp_path / "data", seeds_dir=root.seeds_dir, index_dir=root.index_dir))
    service._embedder = agora.embedder
    notes = service.prepare(progress=False)
    assert "has changed" in notes[0] and "the disk is full" in notes[1] and len(notes) == 2
    assert service.snapshot.index.path == before and service.ask("Who wrote this?").answered


def test_enospc_from_a_json_write_is_explained(agora, reading, tmp_path, monkeypatch):
    root = reading.copy_to(tmp_path)
    before = current_version(root.index_dir)

    def full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(index_module, "_write_json", full)
    with pytest.raises(IndexWriteError, match=r"^Could not write the new index in .*: the disk is full"):
        build_from_seeds(root.seeds_dir, agora.embedder, root.index_dir, progress=False, previous=None)
    assert current_version(root.index_dir) == before
    assert load_index(root.index_dir).path == before


# ------------------------------------------------------------------ killed builds


def _leftovers(index_dir: Path) -> list[Path]:
    (index_dir / ".build-v-20260101T000000-abcdef").mkdir()
    (index_dir / ".build-v-20260101T000000-abcdef" / "passages.json").write_text("{}")
    (index_dir / ".CURRENT.123abc").write_text("v-x\n")
    return [index_dir / ".build-v-20260101T000000-abcdef", index_dir / ".CURRENT.123abc"]


def test_unfinished_builds_are_removed_at_start_unless_a_build_runs(index_copy):
    with build_lock(index_copy) as held:  # a build is running: its staging folder stays
        assert held
        left = _leftovers(index_copy)
        clean_abandoned_builds(index_copy)
        assert all(p.exists() for p in left)
    clean_abandoned_builds(index_copy)
    assert not any(p.exists() for p in left)
    assert load_index(index_copy).passages


def test_a_killed_build_leaves_no_lock_and_its_folder_goes_at_the_next_build(agora, reading, tmp_path):
    root = reading.copy_to(tmp_path)
    code = (  # a build killed while its staging folder exists
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from bot.core.search.index import build_lock\n"
        "folder = Path(sys.argv[1])\n"
        "with build_lock(folder):\n"
        "    (folder / '.build-v-20260101T000000-abcdef').mkdir()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(root.index_dir)], timeout=60, check=False)
    assert done.returncode == -signal.SIGKILL
    assert (root.index_dir / LOCK).read_text().strip().isdigit()  # the pid of the killed build
    assert list(root.index_dir.glob(".build-*"))
    (root.seeds_dir / "extra.md").write_text("# More\n\nA new paragraph about the talks in Geneva.\n")
    build_from_seeds(root.seeds_dir, agora.embedder, root.index_dir, progress=False)  # not blocked
    assert not list(root.index_dir.glob(".build-*"))


# ------------------------------------------------------------------ the encoder export

EXPORT_FILES = ("encoder.json", "tokenizer.json", "model.onnx", "query.onnx")


def export_copy(source: Path, target: Path, damaged: str) -> Path:
    """`target` holding the export: `damaged` copied (to be damaged), the rest as symlinks."""
    target.mkdir()
    for path in source.iterdir():
        if path.name == damaged:
            shutil.copy(path, target / path.name)
        elif path.is_file():
            (target / path.name).symlink_to(path)
    return target


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("name", EXPORT_FILES)
def test_each_damaged_export_file_is_noticed_at_load(agora, tmp_path, name, damage):
    folder = export_copy(agora.embedder.folder, tmp_path / "encoder", name)
    path = folder / name
    path.write_bytes(DAMAGES[damage](path.read_bytes()))
    if name == "query.onnx":  # questions fall back to the float32 graph until it is made again
        loaded = OnnxEmbedder.load(folder)
        assert loaded.query_session is None and loaded.model_problem() is None
        assert np.allclose(loaded.encode_queries(["Who wrote this?"]), loaded.encode(["Who wrote this?"]))
        return
    try:
        loaded = OnnxEmbedder.load(folder)
    except EncoderDamaged as exc:
        assert str(exc).startswith(f"The encoder export in {folder} is")
        assert name in str(exc) or "older" in str(exc)
        return
    # Same size, different bytes: found by the check that runs while questions are answered.
    assert name == "model.onnx" and damage in ("flipped bytes", "random bytes")
    assert "does not match its checksum" in loaded.model_problem()
    assert not (folder / "encoder.json").exists()  # set aside: the next load exports again
    with pytest.raises(EncoderDamaged, match=r"model\.onnx does not match"):
        loaded.encode(["a passage"])


def test_a_damaged_float32_graph_is_exported_again_before_the_next_reload(reading, tmp_path):
    root = reading.copy_to(tmp_path)
    folder = export_dir(root.index_dir, "all-MiniLM-L6-v2")
    path = folder / "model.onnx"
    path.write_bytes(flipped(path.read_bytes()))
    settings = reading.settings(tmp_path / "data", seeds_dir=root.seeds_dir, index_dir=root.index_dir)
    service = Agora(settings)
    assert service.prepare(progress=False) == []  # the index is fine: nothing to rebuild
    assert service.ask("Who wrote this?").answered  # questions use the int8 graph meanwhile
    assert "model.onnx does not match its checksum" in service.embedder.model_problem()
    damaged = service.embedder
    (root.seeds_dir / "extra.md").write_text("# More\n\nA new paragraph about the talks in Geneva.\n")
    report = service.reload()
    assert service.embedder is not damaged and service.embedder.model_problem() is None
    assert report.embedded >= 1 and service.ask("What about the talks in Geneva?").answered
    assert (folder / "encoder.json").is_file() and not list(folder.parent.glob(".export-*"))
