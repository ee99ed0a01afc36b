"""`agora standings --votes` and `agora check`, the console's /standings and /check, and the poll stances."""

from __future__ import annotations

import asyncio
import io
import json
from types import SimpleNamespace

from planted_votes import planted
from test_cli_contract import agora as run_agora

from bot.app import handlers
from bot.app.console import Console
from bot.app.handlers import Services
from bot.app.posts import POLL_ANSWERS, poll_stances
from bot.core.storage.store import Store


def test_standings_json_picture_and_exit_status(reading, tmp_path):
    data = planted(40, 10, 2, seed=9, noise=0.05, missing=0.1)
    votes = tmp_path / "votes.jsonl"
    votes.write_text("".join(json.dumps(v.to_json()) + "\n" for v in data.votes))
    done = run_agora(reading, tmp_path, "standings", "--votes", str(votes), "--json", "--picture", "map.png")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert [g["size"] for g in out["groups"]] == [20, 20]
    assert sorted(m for g in out["groups"] for m in g["members"]) == sorted(data.camp)
    assert out["consensus"][0]["prompt"] == "claim 0" and {"prompt": "claim 1"} in out["divisive"]
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")
    text = run_agora(reading, tmp_path, "standings", "--votes", str(votes))
    assert text.returncode == 0 and "Group A (20 members):" in text.stdout
    few = tmp_path / "few.jsonl"
    few.write_text('{"member": "a", "prompt": "p", "stance": "agree"}\n')
    assert run_agora(reading, tmp_path, "standings", "--votes", str(few)).returncode == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"member": "a", "prompt": "p", "stance": "agree"}\n{"member": "a"}\n')
    wrong = run_agora(reading, tmp_path, "standings", "--votes", str(bad))
    assert wrong.returncode == 2 and "line 2" in wrong.stderr and "Traceback" not in wrong.stderr


def test_check_json(reading, agora, tmp_path):
    passage = next(p for p in agora.snapshot.index.passages if not p.is_meta and len(p.sentences) > 1)
    sentence = passage.sentence_texts()[0]
    done = run_agora(
        reading, tmp_path, "check", f"“{sentence}” Pineapple belongs on pizza, everyone knows.", "--json"
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (
        out["quotes"][0]["status"] == "found"
        and passage.citation.split(" (part")[0] in out["quotes"][0]["citation"]
    )
    assert out["claims"] == [
        {
            "text": "Pineapple belongs on pizza, everyone knows.",
            "closest": None,
            "against": None,
            "addressed": False,
        }
    ]
    assert run_agora(reading, tmp_path, "check", "ok?").returncode == 1
    assert run_agora(reading, tmp_path, "check", " ").returncode == 2


def test_poll_answers_mean_stances():
    assert poll_stances(SimpleNamespace(sides=()), POLL_ANSWERS) == {1: "agree", 2: "disagree", 3: "pass"}
    two = SimpleNamespace(sides=("critics", "Hamilton"))
    assert poll_stances(two, ("Side with critics", "Side with Hamilton", "Not sure")) == {
        1: "agree",
        2: "disagree",
        3: "pass",
    }
    phrased = ("Yes, they should", "No, never", "It depends", "Tell me more")
    assert poll_stances(SimpleNamespace(sides=()), phrased) == {1: "agree", 2: "disagree", 3: "pass"}


def test_backfill_reads_each_recent_poll_until_it_has_closed(agora, tmp_path):
    store = Store(tmp_path / "state.sqlite3")
    ctx = Services(agora=agora, store=store)
    store.record_poll(
        5, guild_id=1, channel_id=2, prompt_id="p", stances={1: "agree", 2: "disagree"}, at=1000.0
    )
    store.record_poll(6, guild_id=9, channel_id=2, prompt_id="q", stances={1: "agree"}, at=1000.0)
    asked = []

    async def fetch(channel, message, answer):
        asked.append((channel, message, answer))
        if message == 6:
            raise RuntimeError("403 Missing Access")
        return [10, 11] if answer == 1 else [12]

    done = asyncio.run(handlers.backfill_votes(ctx, fetch, now=2000.0))
    assert done == 1 and sorted(asked) == [(2, 5, 1), (2, 5, 2), (2, 6, 1)]
    assert {(v.user_id, v.stance) for v in store.poll_votes(1)} == {
        (10, "agree"),
        (11, "agree"),
        (12, "disagree"),
    }
    # read again while the poll was open; after it closed, once more, then never
    assert (
        asyncio.run(handlers.backfill_votes(ctx, fetch, now=1000.0 + 86400 + 1, owns=lambda g: g == 1)) == 1
    )
    assert (
        asyncio.run(handlers.backfill_votes(ctx, fetch, now=1000.0 + 86400 + 2, owns=lambda g: g == 1)) == 0
    )
    store.close()


def test_console_standings_and_check(agora, tmp_path):
    store = Store(tmp_path / "state.sqlite3")
    out = io.StringIO()
    console = Console(Services(agora=agora, store=store), out)
    caller = console.caller
    data = planted(30, 8, 2, seed=4, noise=0.05, missing=0.0)
    prompts = [p.id for p in agora.deck()][:8]
    for n, pid in enumerate(prompts):
        store.record_poll(
            100 + n,
            guild_id=caller.guild_id,
            channel_id=caller.channel_id,
            prompt_id=pid,
            stances={1: "agree", 2: "disagree", 3: "pass"},
        )
    for i, member in enumerate(sorted(data.camp)):
        for v in data.votes:
            if v.member == member:
                n = int(v.prompt.split()[1])
                store.add_poll_vote(100 + n, {"agree": 1, "disagree": 2, "pass": 3}[v.stance], 1000 + i)
    asyncio.run(console.handle("/standings"))
    shown = out.getvalue()
    assert "Where the group stands" in shown and "Group A · 15 members" in shown and "¶" in shown
    assert "1000" not in shown
    asyncio.run(console.handle("/standings mine"))
    assert "Agora keeps no votes of yours" in out.getvalue()
    console_member = console.caller.user_id
    store.add_poll_vote(100, 1, console_member)
    asyncio.run(console.handle("/standings mine"))
    assert "Agora keeps 1 of your poll votes" in out.getvalue() and "• Agree: “" in out.getvalue()
    asyncio.run(console.handle("/standings forget"))
    assert "Deleted 1 poll vote of yours" in out.getvalue()
    asyncio.run(console.handle("/check The courts will always be the least dangerous branch, says Hamilton."))
    assert "Checked against the reading" in out.getvalue()
    store.close()
