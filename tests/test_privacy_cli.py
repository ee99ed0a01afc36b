"""`agora privacy`: a server's or a member's data from the command line, on both engines."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bot.core.storage.store import Store
from bot.ops.cli import build_parser, main

GUILD, OTHER, USER = 1_234_567_890_123_456_789, 42, 2**63 - 1


@pytest.fixture
def env(database, monkeypatch, tmp_path):
    """The environment `agora` reads: DATA_DIR holding the SQLite file, or DATABASE_URL."""
    for name in ("DATABASE_URL", "DATA_DIR", "SEEDS_DIR", "INDEX_DIR", "LOG_FILE"):
        monkeypatch.delenv(name, raising=False)
    if isinstance(database, Path):
        monkeypatch.setenv("DATA_DIR", str(database.parent))
    else:
        monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
        monkeypatch.setenv("DATABASE_URL", database)
    monkeypatch.setenv("LOG_FILE", str(tmp_path / "agora.log"))
    store = Store(database)
    for guild in (GUILD, OTHER):
        for user in (USER, 7):
            question = f"q{guild}{user}"
            store.record_answer(
                guild_id=guild, channel_id=1, user_id=user, question=question, passage_id=None
            )
        store.set_moderator_role(guild, 5)
    store.close()
    return database


def agora(*args: str) -> int:
    return main(["--env-file", "/nonexistent/.env", "privacy", *args])


def test_export_and_delete_a_server(env, tmp_path, capsys):
    target = tmp_path / "export.json"
    assert agora("--guild", str(GUILD)) == 0
    assert "answers 2" in capsys.readouterr().out
    assert agora("--guild", str(GUILD), "--export", str(target)) == 0
    document = json.loads(target.read_text())
    assert document["guild_id"] == str(GUILD) and len(document["tables"]["answers"]["rows"]) == 2
    assert agora("--guild", str(GUILD), "--delete") == 0
    assert "answers 2, guild_settings 1" in capsys.readouterr().out
    assert agora("--guild", str(GUILD)) == 1  # nothing kept any more
    store = Store(env)
    try:
        assert all(rows == [] for rows in store.guild_data(GUILD).values())
        assert len(store.guild_data(OTHER)["answers"]) == 2
    finally:
        store.close()


def test_a_members_data_everywhere_and_the_sweep(env, capsys):
    assert agora("--user", str(USER), "--export", "-") == 0
    shown = json.loads(capsys.readouterr().out)
    assert sorted(r["guild_id"] for r in shown["answers"]) == [OTHER, GUILD]
    assert agora("--user", str(USER), "--guild", str(OTHER), "--delete") == 0
    assert "answers 1" in capsys.readouterr().out
    store = Store(env)
    try:
        assert [r["guild_id"] for r in store.member_data(USER)["answers"]] == [GUILD]
        store.guild_removed(GUILD, 0.0, now=time.time() - 1)
    finally:
        store.close()
    assert agora("--sweep") == 0
    assert f"Server {GUILD} (grace period over): deleted" in capsys.readouterr().out


def test_usage_errors(env, capsys):
    assert agora() == 2
    assert "Say whose data" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args(["privacy", "--help"])
    assert done.value.code == 0
    assert "exit status:" in capsys.readouterr().out
