"""`agora reading add|list|use|remove` and `--reading` on ask/debate, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli_contract import agora

from bot.ops.cli import build_parser

REPO = Path(__file__).resolve().parent.parent
FEDERALIST = REPO / "eval" / "readings" / "federalist" / "federalist-78-judiciary-department.txt"


def test_add_preview_install_readd_use_and_ask(reading, tmp_path):
    preview = agora(reading, tmp_path, "reading", "add", str(FEDERALIST), "--name", "fed", "--json")
    assert preview.returncode == 0, preview.stderr
    data = json.loads(preview.stdout)
    assert data["installed"] is False and data["documents"][0]["author"] == "Alexander Hamilton"
    assert len(data["samples"]) == 3
    # preview only: nothing to ask yet
    missing = agora(reading, tmp_path, "ask", "--reading", "fed", "Why is the judiciary weakest?")
    assert missing.returncode == 1 and "No reading is called `fed`" in missing.stderr
    done = agora(reading, tmp_path, "reading", "add", str(FEDERALIST), "--name", "fed", "--yes")
    assert done.returncode == 0 and "Installed `fed`" in done.stdout, done.stderr
    paras = FEDERALIST.read_text().split("\n\n")
    paras[10] = paras[10].replace(" the ", " the the ", 1)
    del paras[6]
    edited = tmp_path / FEDERALIST.name
    edited.write_text("\n\n".join(paras))
    again = agora(reading, tmp_path, "reading", "add", str(edited), "--name", "fed", "--yes", "--json")
    assert again.returncode == 0, again.stderr
    result = json.loads(again.stdout)
    fates = [r["fate"] for r in result["references"]]
    assert fates.count("edited") == 1 and fates.count("orphaned") >= 1
    assert result["diff"]["changed"] == 1 and result["embedded"] < 20  # unchanged text is not embedded again
    answer = agora(
        reading, tmp_path, "ask", "--reading", "fed", "--json", "Why is the judiciary the weakest?"
    )
    assert answer.returncode == 0
    assert "Federalist" in json.dumps(json.loads(answer.stdout)["passages"][0])
    assert agora(reading, tmp_path, "reading", "use", "fed", "--channel", "42").returncode == 0
    listed = agora(reading, tmp_path, "reading", "list")
    assert "fed  (#42)" in listed.stdout
    assert agora(reading, tmp_path, "reading", "remove", "fed").returncode == 0
    assert agora(reading, tmp_path, "reading", "remove", "fed").returncode == 1


def test_a_hostile_file_is_refused_with_exit_status_1(reading, tmp_path):
    fake = tmp_path / "essay.pdf"
    fake.write_text("plain text in disguise\n")
    refused = agora(reading, tmp_path, "reading", "add", str(fake), "--name", "x", "--yes")
    assert refused.returncode == 1
    assert "named as a PDF but is a text file" in refused.stderr and "Traceback" not in refused.stderr


@pytest.mark.parametrize("verb", ["add", "list", "use", "remove"])
def test_every_reading_help_documents_the_exit_status(verb, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["reading", verb, "--help"])
    assert "exit status:" in capsys.readouterr().out
