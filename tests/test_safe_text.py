"""Untrusted text contained wherever it is shown: one neutraliser, fuzzed, and through the handlers.

What "contained" means, checked on what Agora would send: no masked link, no clickable
``scheme://`` link or invite (unless a server allows web links, and then only web links, shown
with their address), no mention token, no Markdown that formats (code, spoilers, headings,
subtext, quotes, lists), no direction or zero-width controls; and the text still reads as
written once Discord renders it (the escapes and the invisible breaks are all that is added).
"""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime

import pytest
from fake_discord import MANAGER_ID, MEMBER_ID, interaction, is_channel_message, is_followup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_schedule_discord import Clock, run_bot

from bot.app import limits
from bot.app.console import CONSOLE_CHANNEL, CONSOLE_GUILD
from bot.app.handlers import Caller, Services, handle_ask, handle_config, handle_prompt_curation
from bot.app.posts import compose_post
from bot.core.prompts.generator import PhrasingError, parse_phrasing
from bot.core.text.safe import BREAK, clean_input, neutralise, plain, strip_invisible

QUICK = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

# ------------------------------------------------------------------ what Discord would do with it

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # Discord: a backslash before ASCII punctuation
_SCHEME_LINK = re.compile(r"(?i)(?<![\w.+-])[a-z][a-z0-9+.-]*://\S")
_INVITE = re.compile(r"(?i)discord(?:app)?\s*[.\u3002\uff0e\uff61]\s*(?:gg|com|io|me|li|new|gift)\b")
_MENTION = re.compile(r"(?i)@(everyone|here)|<(@[!&]?|#|/|a?:|t:)[\w:-]*>")
_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u2060\ufeff\u00ad]")


def rendered(markdown: str) -> str:
    """What a reader sees of neutralised Markdown: escapes gone, Agora's invisible breaks gone."""
    return _ESCAPED.sub(r"\1", markdown).replace(BREAK, "")


def live_parts(markdown: str) -> str:
    """The characters Discord would still read as Markdown: everything not escaped."""
    return _ESCAPED.sub("", markdown)


def assert_inert(shown: str, *, links: bool = False) -> None:
    """Nothing in `shown` (Discord Markdown) links, pings, formats or hides."""
    live = live_parts(shown)
    if not links:
        assert not re.search(r"[`|*_~\[\]<]", live), shown
        assert not _SCHEME_LINK.search(shown), shown
    else:
        for url in re.findall(r"<(https?://[^>]*)>", shown):
            assert not _INVITE.search(url)
        outside = re.sub(r"<https?://[^>\s]*>", "", shown)
        assert not _SCHEME_LINK.search(outside), shown
        assert not re.search(r"[`|*_~\[\]]", live_parts(outside)), shown
    assert not _INVITE.search(shown), shown
    assert not _MENTION.search(shown), shown
    assert not re.search(r"(?m)^[ \t]*(#|>|-#|[-+]\s|\d+[.)]\s)", shown), shown
    assert not _CONTROLS.search(shown.replace(BREAK, "")), shown


def assert_plain_inert(shown: str) -> None:
    """Nothing in `shown` (plain text: a poll, a thread name) links or pings."""
    assert not _SCHEME_LINK.search(shown) and not _INVITE.search(shown), shown
    assert not _MENTION.search(shown), shown
    assert not _CONTROLS.search(shown.replace(BREAK, "")), shown


# The report's cases and more: phishing, invites, other schemes, Markdown that hides or swallows.
ATTACKS = [
    "[Claim your free Nitro](https://dlscord-gift.example/claim)",
    "[https://discord.com/gifts](https://evil.example/steal) is legit?",
    "Free nitro at https://evil.example/nitro?ref=1",
    "join discord.gg/abcdef for answers",
    "https://discord.com/invite/abcdef",
    "discordapp.com/invite/xyz",
    "DISCORD . GG/shout",
    "discord://-/channels/1/2 open this",
    "steam://run/123",
    "```\nunclosed code fence swallowing the post",
    "||spoiler hiding a link https://evil.example||",
    "# HEADING SHOUT\n-# tiny subtext\n> fake quote\n1. list\n- bullet",
    "@everyone @here <@123456789012345678> <@&987654321098765432> <#111> </ban:1> <t:1:R>",
    "safe\u202eegassem\u202c text with a right-to-left override",
    "zero\u200bwidth dis\u200dcord.gg/x and word\u2060joiner and \ufeffbom",
    "**bold *italic __under ~~strike",
    "a link in <https://evil.example> angle brackets",
    "[label](<https://evil.example>)",
    "\\[escaped?](https://evil.example)",
    "ｄｉｓｃｏｒｄ．ｇｇ/fullwidth",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_every_attack_is_inert_in_markdown_and_in_plain_text(attack):
    assert_inert(neutralise(attack))
    assert_inert(neutralise(attack, links=True), links=True)
    assert_plain_inert(plain(attack))
    assert_plain_inert(plain(attack, links=True).replace("https://", "").replace("http://", ""))


def test_a_masked_link_shows_its_real_address():
    shown = neutralise("[Claim your free Nitro](https://dlscord-gift.example/claim)")
    assert rendered(shown) == "[Claim your free Nitro](https://dlscord-gift.example/claim)"
    allowed = neutralise("[Claim your free Nitro](https://dlscord-gift.example/claim)", links=True)
    assert (
        "<https://dlscord-gift.example/claim>" in allowed and "\\[Claim" in allowed
    )  # clickable, not masked


def test_links_setting_keeps_web_links_only():
    shown = neutralise("Read https://example.org/a_b (and discord.gg/x, discord://y).", links=True)
    assert "<https://example.org/a_b>" in shown  # the address as written, no preview
    assert "discord\u200b.gg/x" in shown and "discord\u200b://y" in shown
    assert neutralise("https://discord.com/invite/x", links=True).startswith("https\u200b://")


TOKENS = st.sampled_from(
    ["[", "]", "(", ")", "https://", "http://", "discord://", "discord.gg/", "discord.com/invite/", "@everyone",  # noqa: E501
     "@here", "<@", "<@&", "<#", ">", "#", "-#", "```", "`", "||", "**", "__", "~~", "\\", "\n", " ", "1. ",
     "- ", "\u202e", "\u200b", "\u200d", "\u2066", "\ufeff", "x", "evil.example/", "Nitro", "é", "😀", ":"]
)  # fmt: skip
ATTACK_TEXT = st.lists(st.one_of(TOKENS, st.text(max_size=12)), max_size=60).map("".join)


@QUICK
@given(text=st.one_of(ATTACK_TEXT, st.text(max_size=300)))
@example("[Claim your free Nitro](https://evil.example)")
def test_fuzz_neutralised_text_is_inert_and_reads_as_written(text):
    text = clean_input(text)
    for links in (False, True):
        shown = neutralise(text, links=links)
        assert_inert(shown, links=links)
        visible = rendered(shown)
        if links:  # an allowed link is shown between angle brackets: take them away to compare
            visible = re.sub(r"<(https?://[^>\s]*)>", r"\1", visible)
        assert visible == strip_invisible(text)  # nothing lost, nothing changed
    assert_plain_inert(plain(text))
    assert plain(text).replace(BREAK, "") == strip_invisible(text)


@QUICK
@given(text=ATTACK_TEXT, limit=st.integers(20, 400))
def test_fuzz_cutting_neutralised_text_never_leaves_a_dangling_escape(text, limit):
    shown = neutralise(text)
    for piece in [limits.trim(shown, limit), *limits.split(shown, max(limit, 16))]:
        run = len(piece.removesuffix("…").removesuffix("**")) - len(
            piece.removesuffix("…").removesuffix("**").rstrip("\\")
        )
        assert run % 2 == 0, piece  # an escape never loses the character it escapes


def test_the_readings_prose_reads_the_same_once_rendered(agora):
    changed = 0
    for passage in agora.snapshot.index.passages:
        shown = neutralise(passage.text)
        assert rendered(shown) == strip_invisible(passage.text)
        changed += shown != passage.text
    # ordinary prose needs few escapes: most passages go out exactly as written
    assert changed < len(agora.snapshot.index.passages) / 2


# ------------------------------------------------------------------ through the handlers

MEMBER = Caller(user_id=42, guild_id=CONSOLE_GUILD, channel_id=CONSOLE_CHANNEL)
MODERATOR = Caller(user_id=7, guild_id=CONSOLE_GUILD, channel_id=CONSOLE_CHANNEL, is_moderator=True)
KEY = f"{CONSOLE_GUILD}:{CONSOLE_CHANNEL}"


def run(coro):
    return asyncio.run(coro)


def question_line(review: str, number: str) -> str:
    return next(line for line in review.splitlines() if line.startswith(f"#{number} "))


def bold_of(line: str) -> str:
    """The text between the first and the last ``**`` of a line (a question as posted)."""
    return line.split("**", 1)[1].rsplit("**", 1)[0]


def test_suggestions_reviewed_and_posted_exactly_as_shown(engine_agora):  # SQLite and PostgreSQL
    services = Services(engine_agora, engine_agora.store)
    phishing = "Is this true? [Claim your free Nitro](https://dlscord-gift.example/claim) discord.gg/abc"
    made = run(handle_prompt_curation(services, MEMBER, "suggest", paragraph=13, question=phishing))
    number = re.search(r"#(\d+)", made.content).group(1)
    assert_inert(bold_of(made.content.splitlines()[1]))
    review = run(handle_prompt_curation(services, MODERATOR, "review")).content
    line = question_line(review, number)
    assert "https\u200b://dlscord-gift.example/claim" in line  # the real address, visible, not clickable
    assert "Claim your free Nitro" in rendered(line)
    assert "approved" in run(handle_prompt_curation(services, MODERATOR, "approve", prompt_id=number)).content
    prompt = engine_agora.find_prompt(KEY, f"mod-{number}")
    post = compose_post(prompt, 1, guild_id=CONSOLE_GUILD, channel_id=CONSOLE_CHANNEL)
    shown = next(line for line in post.content.splitlines() if line.startswith("**") and "Nitro" in line)
    assert bold_of(shown) == bold_of(line)  # posted exactly as reviewed
    assert_inert(bold_of(shown))
    assert_plain_inert(post.poll.question)
    assert_plain_inert(post.thread_name or "")


def test_moderator_edits_echoes_and_the_links_setting(stored_agora):
    services = Services(stored_agora, stored_agora.store)
    first = stored_agora.deck().ids[0]
    edit = "Should we ```wrap it || in ||# a fence https://evil.example/x @everyone"
    out = run(handle_prompt_curation(services, MODERATOR, "edit", prompt_id=first, question=edit)).content
    edited = bold_of(next(line for line in out.splitlines() if "fence" in line))
    assert_inert(edited)
    dealt = stored_agora.find_prompt(KEY, first)
    post = compose_post(dealt, 1, guild_id=CONSOLE_GUILD, channel_id=CONSOLE_CHANNEL)
    assert edited in post.content and "https\u200b://evil.example/x" in post.content

    # /config links on: the web link stays clickable (no preview); invites never do
    assert "stay clickable" in run(handle_config(services, MODERATOR, "links", links=True)).content
    assert "clickable (web links)" in run(handle_config(services, MODERATOR, "show")).content
    post = compose_post(dealt, 1, guild_id=CONSOLE_GUILD, channel_id=CONSOLE_CHANNEL, links=True)
    assert "<https://evil.example/x>" in post.content
    out = run(handle_prompt_curation(services, MODERATOR, "preview", count=1)).content
    assert "<https://evil.example/x>" in out  # the review shows it as the post will
    run(handle_config(services, MODERATOR, "links", links=False))

    # a member's question echoed back by /ask
    answer = run(
        handle_ask(services, "why discord.gg/abc [x](https://evil.example) ||?", MEMBER, quote_question=True)
    )
    echoed = answer.content.splitlines()[0].removeprefix("**Q:** ")
    assert_inert(echoed)
    assert "discord\u200b.gg/abc" in echoed


def test_the_models_wording_is_checked_with_the_same_rules():
    reading = "war is costly and the talks matter."
    good = {"question": "Is war too costly?", "answers": ["Yes", "No"], "stances": ["agree", "disagree"]}
    good["angles"] = {}
    assert parse_phrasing(json.dumps(good), reading).question == "Is war too costly?"
    stripped = parse_phrasing(json.dumps({**good, "question": "Is war\u202e too\u200b costly?"}), reading)
    assert stripped.question == "Is war too costly?"  # the controls removed
    for bad in (
        "Is it on discord.gg/abc?",
        "Open discord://-/channels/1?",
        "Is ```this``` right?",
        "Is ||this|| right?",
        "Is [this](https://x.example) right?",
        "# Is this right?",
        "Is www.example.com right?",
    ):
        with pytest.raises(PhrasingError):
            parse_phrasing(json.dumps({**good, "question": bad}), reading)
    with pytest.raises(PhrasingError):
        parse_phrasing(json.dumps({**good, "answers": ["discord.gg/x", "No"]}), reading)


def test_a_phishing_edit_never_reaches_the_channel_on_discord(stored_agora, tmp_path, monkeypatch):
    first = stored_agora.deck().ids[0]
    phishing = "[Claim your free Nitro](https://dlscord-gift.example/claim) ```"

    def prompt(sub: str, options: list[dict], user_id: int = MANAGER_ID) -> dict:
        return interaction("prompt", [{"name": sub, "type": 1, "options": options}], user_id=user_id)

    async def scenario(fake) -> None:
        edit = prompt(
            "edit",
            [
                {"name": "prompt_id", "type": 3, "value": first},
                {"name": "question", "type": 3, "value": phishing},
            ],
        )
        fake.feed("INTERACTION_CREATE", edit)
        (reply,) = await fake.wait_for(is_followup(edit))
        assert "https\u200b://dlscord-gift.example/claim" in reply.content
        now = prompt("now", [])
        fake.feed("INTERACTION_CREATE", now)
        (post,) = await fake.wait_for(is_channel_message)
        question = next(line for line in post.json["content"].splitlines() if "Nitro" in line)
        assert_inert(bold_of(question))
        assert rendered(question).count("https://dlscord-gift.example/claim") == 1  # the address, as text
        assert_plain_inert(post.json["poll"]["question"]["text"])
        suggestion = prompt(
            "suggest",
            [
                {"name": "paragraph", "type": 4, "value": 13},
                {"name": "question", "type": 3, "value": phishing},
            ],
            user_id=MEMBER_ID,
        )
        fake.feed("INTERACTION_CREATE", suggestion)
        (made,) = await fake.wait_for(is_followup(suggestion))
        assert "waiting for a moderator's review" in made.content
        review = prompt("review", [])
        fake.feed("INTERACTION_CREATE", review)
        (listed,) = await fake.wait_for(is_followup(review))
        assert "https\u200b://dlscord-gift.example/claim" in listed.content
        assert not _SCHEME_LINK.search(listed.content) and not _INVITE.search(listed.content)

    run_bot(stored_agora, tmp_path, monkeypatch, scenario, Clock(datetime(2026, 3, 2, 8, tzinfo=UTC)))
