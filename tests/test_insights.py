"""/insights: what members asked that the reading does not cover, grouped, and answers voted down."""

from __future__ import annotations

import asyncio

from fake_discord import OWNER_ID, FakeDiscord, bot_message, component, interaction, is_callback, is_followup
from test_discord_layer import EPHEMERAL, ask, run_bot

from bot.app import handlers
from bot.app.insights import group_questions
from bot.core.storage.store import Store

UNCOVERED = [
    "What did Zelensky say about the talks?",
    "what did zelensky say about the talks",
    "What has Zelensky said about the negotiations?",
    "How do I bake sourdough bread?",
    "What did Zelensky say about the talks??",
]


def test_near_duplicate_questions_are_grouped(embedder):
    groups = group_questions(UNCOVERED, embedder.encode_queries)
    assert [g.count for g in groups] == [4, 1]
    assert groups[0].question == "What did Zelensky say about the talks?"
    assert "What has Zelensky said about the negotiations?" in groups[0].others
    assert groups[1].question == "How do I bake sourdough bread?"
    exact_only = group_questions(UNCOVERED)  # without the model: only repeats of the same words
    assert [g.count for g in exact_only] == [3, 1, 1]


OFF_TOPIC = [
    "How do I bake sourdough bread at home?",
    "how do i bake sourdough bread at home",
    "How can I bake my own sourdough bread?",
    "Who won the football world cup?",
    "How do I bake sourdough bread at home??",
]


def test_moderators_see_uncovered_questions_and_unhelpful_answers(agora, tmp_path, monkeypatch):
    async def scenario(fake: FakeDiscord) -> None:
        for question in OFF_TOPIC:
            payload = ask(question, user_id=OWNER_ID)  # a moderator: no rate limit
            fake.feed("INTERACTION_CREATE", payload)
            (answer,) = await fake.wait_for(is_followup(payload))
            assert "doesn't cover" in answer.content
        covered = ask("Why does Russia object to NATO expansion?", user_id=OWNER_ID)
        fake.feed("INTERACTION_CREATE", covered)
        (answer,) = await fake.wait_for(is_followup(covered))
        not_helpful = answer.json["components"][0]["components"][1]["custom_id"]
        click = component(not_helpful, bot_message(answer.json), user_id=OWNER_ID)
        fake.feed("INTERACTION_CREATE", click)
        await fake.wait_for(is_callback(click))
        async with asyncio.timeout(30):
            await fake.bot.services.recorder.drain()

        payload = interaction("insights", user_id=OWNER_ID)
        fake.feed("INTERACTION_CREATE", payload)
        (call,) = await fake.wait_for(is_followup(payload))
        assert call.json["flags"] == EPHEMERAL
        fields = {f["name"]: f["value"] for f in call.json["embeds"][0]["fields"]}
        uncovered = fields["Not covered by the reading (5 questions)"]
        first, second = uncovered.split("\n")
        assert first.startswith("• “How do I bake sourdough bread at home?") and "” — 4×" in first
        assert second.startswith("• “Who won the football world cup?” — 1×")
        unhelpful = fields["Answers marked not helpful"]
        assert "“Why does Russia object to NATO expansion?” → " in unhelpful and "¶5" in unhelpful

    run_bot(agora, tmp_path, monkeypatch, scenario)


def test_insights_in_the_console(agora, tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    services = handlers.Services(agora=agora, store=store)
    caller = handlers.Caller(0, 0, 0, is_moderator=True)

    async def main() -> str:
        await handlers.handle_ask(
            services, "[Free Nitro](https://evil.example) what did Zelensky say?", caller
        )
        await services.recorder.drain()
        return (await handlers.handle_insights(services, caller, console=True)).text()

    text = asyncio.run(main())
    store.close()
    assert "Not covered by the reading (1 questions)" in text
    assert "\\[Free Nitro\\]" in text and "https://" not in text  # shown to moderators inert too
