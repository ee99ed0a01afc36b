"""An index knows its reading: --index uses the folder it was built from, unless --seeds says otherwise."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.app.service import Agora
from bot.core.search.index import current_version, recorded_seeds
from bot.ops.cli import main

READINGS = Path(__file__).resolve().parent.parent / "eval" / "readings"


@pytest.fixture
def federalist_index(reading, agora, tmp_path) -> tuple[Path, Path]:
    """An index built from a folder holding Federalist 78 (encoders copied, so nothing is exported)."""
    seeds = tmp_path / "federalist"
    shutil.copytree(READINGS / "federalist", seeds)
    copy = reading.copy_to(tmp_path / "copy")
    settings = copy.settings(tmp_path / "data", seeds_dir=seeds)
    notes = Agora(settings, load_embedder=lambda _name: agora.embedder).prepare(progress=False)
    assert any("built from another folder" in n and str(reading.seeds_dir.resolve()) in n for n in notes)
    return seeds, copy.index_dir


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> Path:
    """Run the CLI from a folder whose default seeds/ is a different reading."""
    work = tmp_path / "elsewhere"
    (work / "seeds").mkdir(parents=True)
    shutil.copy(READINGS / "common-sense" / "common-sense-introduction-and-chapter-1.md", work / "seeds")
    monkeypatch.chdir(work)
    for name in ("SEEDS_DIR", "INDEX_DIR", "DATA_DIR", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return work


def ask(capsys, *argv: str) -> tuple[dict, str]:
    assert main(["ask", "--json", *argv]) == 0
    out, err = capsys.readouterr()
    return json.loads(out.strip().splitlines()[-1]), err


def test_the_manifest_records_the_seeds_folder(federalist_index):
    seeds, index = federalist_index
    assert recorded_seeds(index) == seeds.resolve()


def test_ask_with_index_uses_its_reading_and_does_not_rebuild(federalist_index, elsewhere, capsys):
    _, index = federalist_index
    before = current_version(index)
    answer, err = ask(capsys, "--index", str(index), "who wrote this?")
    assert answer["passages"][0]["document"] == "federalist-78-judiciary-department.txt"
    assert current_version(index) == before and "Building" not in err


def test_seeds_given_with_index_rebuilds_and_says_so(federalist_index, elsewhere, capsys):
    seeds, index = federalist_index
    answer, err = ask(capsys, "--index", str(index), "--seeds", "seeds", "who wrote this?")
    assert f"built from another folder, {seeds.resolve()}" in err
    assert answer["passages"][0]["document"] == "common-sense-introduction-and-chapter-1.md"
    assert recorded_seeds(index) == (elsewhere / "seeds").resolve()


def test_an_index_whose_folder_is_gone_still_answers(federalist_index, elsewhere, capsys):
    seeds, index = federalist_index
    shutil.rmtree(seeds)
    answer, err = ask(capsys, "--index", str(index), "who wrote this?")
    assert answer["answered"] and answer["passages"][0]["document"].startswith("federalist")
    assert "is not there any more" in err
