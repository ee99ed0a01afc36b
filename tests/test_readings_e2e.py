"""End to end: /reading add (preview, Confirm, progress), use, list, remove through the Discord emulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from discord_emulator import DiscordEmulator
from live_bot import LiveBot, bot_env, live_bot

REPO = Path(__file__).resolve().parent.parent
FEDERALIST = REPO / "eval" / "readings" / "federalist" / "federalist-78-judiciary-department.txt"


@pytest.fixture(scope="module")
def live(reading, tmp_path_factory) -> Iterator[LiveBot]:
    tmp = tmp_path_factory.mktemp("readings-e2e")
    copy = reading.copy_to(tmp)
    with DiscordEmulator() as emulator:
        env = bot_env(tmp, SEEDS_DIR=str(copy.seeds_dir), INDEX_DIR=str(copy.index_dir), **emulator.env())
        with live_bot(emulator, tmp, env) as bot:
            yield bot
        assert "Traceback" not in bot.output(), bot.output()[-3000:]


def command(d: DiscordEmulator, name: str, options: dict, *, user="moderator", channel_id=None):
    """Send a command; return the first followup (after the deferral)."""
    mark = d.mark()
    payload = d.send_interaction(name, options, user=user, channel_id=channel_id)
    callback = d.wait_for_callback(payload)
    assert callback.status in (200, 204), callback.summary()
    if callback.json["type"] == 4:  # answered at once (a refusal by a check)
        return payload, callback
    return payload, d.wait_for_followup(payload, after=mark)


def ask_in(d: DiscordEmulator, channel_id: str, question: str) -> str:
    _payload, answer = command(d, "ask", {"question": question}, user="owner", channel_id=channel_id)
    return answer.content or ""


def test_add_preview_confirm_use_and_answer(live):
    d = live.discord
    _payload, preview = command(
        d, "reading add", {"name": "fed", "file": (FEDERALIST.name, FEDERALIST.read_bytes())}
    )
    assert preview.json["flags"] & 64  # ephemeral
    embed = preview.json["embeds"][0]
    assert "Reading `fed`" in embed["title"] and "Alexander Hamilton" in embed["description"]
    ids = [c["custom_id"] for row in preview.json["components"] for c in row["components"]]
    confirm = next(i for i in ids if ":confirm:" in i)
    message_id = preview.response["id"]
    # Nothing is installed before Confirm
    _, before = command(d, "reading use", {"name": "fed"})
    assert "No reading is called" in before.content
    mark = d.mark()
    click = d.send_component(message_id, confirm, user="moderator")
    ack = d.wait_for_callback(click)
    assert ack.json["type"] == 7 and "Installing" in ack.json["data"]["content"]
    done = d.wait_for_request(
        lambda r: "Installed `fed`" in (r.json.get("content") or ""),
        method="PATCH",
        path=rf"/webhooks/\d+/{click['token']}/messages/@original",
        after=mark,
        timeout=300,
    )
    assert "passages" in done.json["content"]
    channel = d.add_text_channel("federalist")
    _, used = command(d, "reading use", {"name": "fed", "channel": channel["id"]})
    assert "now draws on the reading `fed`" in used.content
    assert "Federalist" in ask_in(d, channel["id"], "Why is the judiciary the weakest of the three branches?")
    assert "Federalist" not in ask_in(d, d.channel["id"], "Why does Russia object to NATO expansion?")
    _, listed = command(d, "reading list", {})
    assert "`fed`" in listed.content and channel["id"] in listed.content


def test_members_cannot_add_readings(live):
    d = live.discord
    payload = d.send_interaction("reading add", {"name": "x", "text": "Some text."}, user="member")
    callback = d.wait_for_callback(payload)
    body = callback.json["data"]
    assert body["flags"] & 64 and "Only moderators" in body["content"]


def test_a_disguised_file_is_refused_and_answers_go_on(live):
    d = live.discord
    _, refused = command(d, "reading add", {"name": "bad", "file": ("essay.pdf", b"plain text, not a PDF\n")})
    assert refused.json["flags"] & 64 and "named as a PDF but is a text file" in refused.content
    assert not refused.json.get("components")
    assert "¶" in ask_in(d, d.channel["id"], "Why does Russia object to NATO expansion?")


def test_pasted_text_and_cancel(live):
    d = live.discord
    text = "A Short Note\n\nThe first paragraph says one thing.\n\nThe second paragraph says another.\n"
    _, preview = command(d, "reading add", {"name": "note", "text": text})
    ids = [c["custom_id"] for row in preview.json["components"] for c in row["components"]]
    cancel = next(i for i in ids if ":cancel:" in i)
    click = d.send_component(preview.response["id"], cancel, user="moderator")
    ack = d.wait_for_callback(click)
    assert "nothing changed" in ack.json["data"]["content"]
    _, listed = command(d, "reading list", {})
    assert "`note`" not in listed.content
