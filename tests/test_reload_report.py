"""/reload says what it read; files outside the seeds folder are not read unless allowed."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.app.handlers import Caller, Services, handle_reload
from bot.app.service import Agora
from bot.core.reading.passages import load_reading
from bot.settings import Settings

MODERATOR = Caller(1, 1, 1, is_moderator=True)


def odd_files(seeds: Path, outside: Path) -> None:
    """What a real seeds folder collects: another format, a binary, links in and out."""
    (seeds / "notes.rst").write_text("Notes\n=====\n\nA paragraph in reStructuredText.\n")  # text: read
    (seeds / "cover.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (seeds / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    secret = outside / "secret.txt"
    secret.write_text("The launch codes are 0000.\n")
    (seeds / "secret.txt").symlink_to(secret)
    (seeds / "gone.md").symlink_to(outside / "nothing-here.md")


def test_files_outside_the_folder_are_skipped_and_said(reading, tmp_path):
    copy = reading.copy_to(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    odd_files(copy.seeds_dir, tmp_path / "elsewhere")
    result = load_reading(copy.seeds_dir)
    reasons = {p.path: p.reason for p in result.problems}
    assert "notes.rst" not in reasons and any("reStructuredText" in p.text for p in result.passages)
    assert reasons["cover.jpg"] == "is not a text file"
    assert reasons["scan.txt"] == "looks like a binary file, not text"
    assert reasons["secret.txt"].startswith("links outside the seeds folder (to ")
    assert "SEEDS_OUTSIDE_LINKS" in reasons["secret.txt"]
    assert reasons["gone.md"] == "is a broken link"
    assert not any("launch codes" in p.text for p in result.passages)
    allowed = load_reading(copy.seeds_dir, outside_links=True)
    assert any("launch codes" in p.text for p in allowed.passages)


def test_reload_names_the_folder_the_files_read_and_those_skipped(agora, reading, tmp_path):
    copy = reading.copy_to(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    odd_files(copy.seeds_dir, tmp_path / "elsewhere")
    env = tmp_path / ".env"
    env.write_text(f"SEEDS_DIR={copy.seeds_dir}\nINDEX_DIR={copy.index_dir}\nDATA_DIR={tmp_path / 'data'}\n")
    settings = Settings.load(environ={}, env_file=env)
    service = Agora(settings, load_embedder=lambda _name: agora.embedder)
    service.prepare(progress=False)
    reply = asyncio.run(handle_reload(Services(service, None), MODERATOR))
    text = reply.text()
    assert f"Read 3 files from {copy.seeds_dir}: " in text
    assert "ukraine-standoff-diplomacy.txt" in text and "zeppelin-log.txt" in text and "notes.rst" in text
    assert "Skipped 4 files: cover.jpg: is not a text file; gone.md: is a broken link" in text
    assert "secret.txt: links outside the seeds folder" in text
    assert "restart" not in text

    # SEEDS_DIR changed in the settings file: the reload says a restart is needed to switch.
    env.write_text(env.read_text().replace(f"SEEDS_DIR={copy.seeds_dir}", "SEEDS_DIR=other-reading"))
    text = asyncio.run(handle_reload(Services(service, None), MODERATOR)).text()
    assert f"SEEDS_DIR is now other-reading in the settings, but this Agora reads {copy.seeds_dir}" in text
    assert "until it is restarted" in text
    # ... and when --seeds chose the folder, the settings file does not matter.
    flagged = settings.with_overrides(seeds_dir=copy.seeds_dir)
    assert flagged.configured_seeds_dir() is None
