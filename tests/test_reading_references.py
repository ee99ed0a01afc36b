"""The console's /reading, and stored references shown after a new version: marked where they changed."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from bot.app.console import Console
from bot.app.handlers import Services
from bot.app.handlers import readings as readings_handlers
from bot.app.poll_results import result_post
from bot.core.storage.store import Store

FEDERALIST = (
    Path(__file__).resolve().parent.parent
    / "eval"
    / "readings"
    / "federalist"
    / "federalist-78-judiciary-department.txt"
)
GUILD = CHANNEL = USER = 0  # the console's server, channel and person


def finished(message_id: int) -> dict:
    answers = [
        {"answer_id": 1, "poll_media": {"text": "Agree"}},
        {"answer_id": 2, "poll_media": {"text": "Disagree"}},
    ]
    results = {"is_finalized": True, "answer_counts": [{"id": 1, "count": 1}]}
    return {
        "id": message_id,
        "poll": {"question": {"text": "Agree?"}, "answers": answers, "results": results},
    }


def test_console_readings_and_references_marked_after_a_new_version(library_on, tmp_path, monkeypatch):
    # progress is said every PROGRESS_EVERY seconds of indexing: often, so a fast machine says it too
    monkeypatch.setattr(readings_handlers, "PROGRESS_EVERY", 0.01)
    store = Store(tmp_path / "state.sqlite3")
    library = library_on(store, tmp_path / "data")
    out = io.StringIO()
    console = Console(Services(library.agora, store), out)
    paras = FEDERALIST.read_text().split("\n\n")
    (tmp_path / "v1").mkdir()
    (tmp_path / "v1" / FEDERALIST.name).write_text(FEDERALIST.read_text())

    async def run(line: str) -> str:
        out.seek(0)
        out.truncate()
        await console.handle(line)
        return out.getvalue()

    async def scenario() -> None:
        preview = await run(f"/reading add fed {tmp_path / 'v1' / FEDERALIST.name}")
        assert (
            "Reading `fed`" in preview and "Alexander Hamilton" in preview and "/reading confirm" in preview
        )
        assert "No reading is called" in await run("/reading use fed")  # nothing before Confirm
        done = await run("/reading confirm")
        assert "Installed `fed`" in done and "Embedding" in done  # progress printed on the way
        assert "now draws on the reading `fed`" in await run("/reading use fed")
        assert "Federalist" in await run("Why is the judiciary the weakest of the three branches?")
        status = await run("/status")
        assert "Readings:" in status and "`fed` (install):" in status and "server default" in status
        assert "`seeds`" in await run("/reading list")

        # references to three prompts of the reading (polls, votes, a post) and to a passage (feedback)
        view = library.named(GUILD, "fed")
        row_of = {" ".join(p.split()): i for i, p in enumerate(paras)}
        text_of = {p.id: p.text for p in view.snapshot.index.passages}
        on_para: dict[int, list] = {}
        for prompt in view.deck():
            if text_of[prompt.passage_id] in row_of:
                on_para.setdefault(row_of[text_of[prompt.passage_id]], []).append(prompt)
        kept, edited, rewritten = [ps[0] for _i, ps in sorted(on_para.items())][:3]
        for n, prompt in enumerate((kept, edited, rewritten)):
            store.record_poll(
                100 + n, guild_id=GUILD, channel_id=CHANNEL, prompt_id=prompt.id, stances={1: "agree"}
            )
            store.add_poll_vote(100 + n, 1, USER)
        post = store.start_post(GUILD, CHANNEL)
        store.finish_post(post, "posted", prompt_id=edited.id, cycle=1, message_id=101)
        store.record_feedback(
            guild_id=GUILD,
            channel_id=CHANNEL,
            user_id=USER,
            question="q",
            passage_id=edited.passage_id,
            helpful=False,
        )
        mine = await run("/standings mine")
        assert "since" not in mine and kept.quote[:40] in mine  # found in the channel's reading's deck

        new = list(paras)
        i = row_of[text_of[edited.passage_id]]
        new[i] = new[i].replace(edited.quote, "") + " An added closing sentence. " + edited.quote
        new[row_of[text_of[rewritten.passage_id]]] = (
            "Written again from its first word to its last; nothing alike."
        )
        (tmp_path / "v2").mkdir()
        (tmp_path / "v2" / FEDERALIST.name).write_text("\n\n".join(new))
        again = await run(f"/reading add fed {tmp_path / 'v2' / FEDERALIST.name}")
        assert "Replace it" in again
        assert "re-pointed" in await run("/reading confirm")

        mine = await run("/standings mine")
        lines = [line for line in mine.splitlines() if line.startswith("•")]
        assert len(lines) == 3
        assert "since" not in lines[0] and kept.quote[:40] in lines[0]
        assert lines[1].endswith("(edited since)") and edited.quote[:40] in lines[1]
        assert lines[2].endswith("(this passage changed since)")
        _where, text = result_post(store, 101, GUILD, finished(101))
        assert "The quoted passage: edited since." in text
        insights = await run("/insights")
        assert "(edited since)" in insights and "Federalist" in insights  # cited in the new version

    try:
        asyncio.run(scenario())
    finally:
        store.close()
