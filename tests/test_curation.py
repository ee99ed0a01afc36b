"""Moderators in control of a server's deck: preview, skip, remove, edit, add, suggest and review."""

from __future__ import annotations

import asyncio
import io
import re
from datetime import UTC, datetime

from fake_discord import CHANNEL_ID, GUILD_ID, MANAGER_ID, MEMBER_ID, interaction, is_followup
from test_schedule_discord import Clock, run_bot

from bot.app.console import CONSOLE_CHANNEL, CONSOLE_GUILD, run_session
from bot.app.handlers import Caller, Services, handle_prompt_curation
from bot.core.prompts.curation import PENDING_PER_MEMBER

KEY = f"{CONSOLE_GUILD}:{CONSOLE_CHANNEL}"


def console(agora, *lines: str) -> str:
    out = io.StringIO()
    status = asyncio.run(
        run_session(
            Services(agora, agora.store), io.StringIO("\n".join(lines) + "\n"), out, interactive=False
        )
    )
    assert status == 0
    return out.getvalue()


def ids_in(text: str) -> list[str]:
    return re.findall(r"`([0-9a-f]{12}|mod-\d+)` \*\*", text)


def test_preview_skip_remove_and_edit_through_the_console(stored_agora):
    deck = stored_agora.deck()
    first, second, third = deck.ids[:3]
    out = console(stored_agora, "/prompt preview 3")
    assert ids_in(out) == [first, second, third]
    assert deck.get(first).quote.split()[0] in out  # the quote is shown with its question

    out = console(stored_agora, "/prompt skip", "/prompt preview 2")
    assert f"Skipped `{first}`" in out and ids_in(out.split("Skipped")[1])[-2:] == [second, third]

    out = console(stored_agora, f"/prompt remove {second}", "/prompt preview 2")
    assert "will not be posted in this server again" in out
    assert second not in ids_in(out.split("Removed")[1])

    out = console(stored_agora, f"/prompt edit {third} Would you fight a war over this", "/prompt preview 1")
    assert ids_in(out)[-1] == third and "**Would you fight a war over this?**" in out
    dealt = stored_agora.next_prompt(KEY, "debate")  # what the channel is dealt now: the edited prompt
    assert dealt.prompt.id == third and dealt.prompt.question == "Would you fight a war over this?"
    assert dealt.prompt.quote == deck.get(third).quote  # the quote stays
    # a removed prompt is never dealt in this server, whatever the cycle
    dealt_ids = [stored_agora.next_prompt(KEY, "debate").prompt.id for _ in range(2 * len(deck))]
    assert second not in dealt_ids and first in dealt_ids

    assert "No prompt has the id" in console(stored_agora, "/prompt remove nope")
    # /debate on a topic never brings back a prompt this server removed
    topics = ("Is fighting Russia to save Ukraine worth it?", "NATO expansion", "a war with Russia")
    topic, topical = next(
        (t, p) for t in topics if (p := stored_agora.debate(t, KEY)) and stored_agora.deck().get(p.id)
    )
    stored_agora.remove_prompt(KEY, topical.id, 7)
    assert stored_agora.debate(topic, KEY) is None
    assert stored_agora.debate(topic, "cli").id == topical.id  # elsewhere it is still there


def test_a_moderators_own_prompt_joins_the_rotation(stored_agora):
    out = console(
        stored_agora, "/prompt add 11 Is fighting for Ukraine worth a war with Russia", "/prompt preview 10"
    )
    assert "Added to this server's rotation" in out
    added = re.search(r"`(mod-\d+)`", out).group(1)
    prompt = stored_agora.find_prompt(KEY, added)
    assert prompt.paragraph == 11 and prompt.quote in next(
        p.text for p in stored_agora.snapshot.index.passages if p.id == prompt.passage_id
    )
    assert prompt.question == "Is fighting for Ukraine worth a war with Russia?"
    assert added in [p.id for p in stored_agora.rotation(KEY)]
    assert "There is no ¶999" in console(stored_agora, "/prompt add 999 Is this a question worth asking")


def test_member_suggestions_wait_for_review_within_limits(stored_agora):
    services = Services(stored_agora, stored_agora.store)
    member = Caller(user_id=42, guild_id=CONSOLE_GUILD, channel_id=CONSOLE_CHANNEL)
    moderator = Caller(user_id=7, guild_id=CONSOLE_GUILD, channel_id=CONSOLE_CHANNEL, is_moderator=True)

    def run(caller, action, **options):
        return asyncio.run(handle_prompt_curation(services, caller, action, **options)).content

    assert "Only moderators" in run(member, "preview")
    assert "Only moderators" in run(member, "review")
    made = [
        run(member, "suggest", paragraph=13, question=f"Should talks come before threats, take {n}?")
        for n in range(3)
    ]
    assert all("waiting for a moderator's review" in m for m in made)
    assert "suggestions waiting for review" in run(
        member, "suggest", paragraph=13, question="One more question?"
    )
    assert len(stored_agora.suggestions(KEY)) == PENDING_PER_MEMBER
    pending = run(moderator, "review")
    numbers = re.findall(r"#(\d+) from <@42>", pending)
    assert len(numbers) == PENDING_PER_MEMBER
    assert "approved" in run(moderator, "approve", prompt_id=numbers[0])
    assert "rejected" in run(moderator, "reject", prompt_id=numbers[1])
    assert "No suggestion" in run(moderator, "approve", prompt_id=numbers[1])  # already decided
    rotation = [p.id for p in stored_agora.rotation(KEY)]
    assert f"mod-{numbers[0]}" in rotation and f"mod-{numbers[1]}" not in rotation
    assert "@\u200beveryone" in run(
        member, "suggest", paragraph=13, question="Is @everyone right about talks?"
    )


def test_curation_commands_on_discord(stored_agora, tmp_path, monkeypatch):
    def command(sub: str, options: list[dict], user_id: int) -> dict:
        return interaction("prompt", [{"name": sub, "type": 1, "options": options}], user_id=user_id)

    async def say(fake, payload) -> str:
        fake.feed("INTERACTION_CREATE", payload)
        (followup,) = await fake.wait_for(is_followup(payload))
        assert followup.json["flags"] == 64  # only the caller sees it
        return followup.content

    first = stored_agora.deck().ids[0]

    async def scenario(fake) -> None:
        text = await say(fake, command("preview", [{"name": "count", "type": 4, "value": 2}], MANAGER_ID))
        assert ids_in(text)[:1] == [first]
        text = await say(
            fake, command("remove", [{"name": "prompt_id", "type": 3, "value": first}], MANAGER_ID)
        )
        assert "will not be posted in this server again" in text
        suggestion = [
            {"name": "paragraph", "type": 4, "value": 13},
            {"name": "question", "type": 3, "value": "Is diplomacy really better than deterrence here?"},
        ]
        text = await say(fake, command("suggest", suggestion, MEMBER_ID))  # members may suggest
        assert "waiting for a moderator's review" in text
        number = int(re.search(r"#(\d+)", text).group(1))
        text = await say(fake, command("review", [], MANAGER_ID))
        assert f"#{number} from <@{MEMBER_ID}>" in text
        decision = [
            {"name": "decision", "type": 3, "value": "approve"},
            {"name": "suggestion", "type": 4, "value": number},
        ]
        text = await say(fake, command("review", decision, MANAGER_ID))
        assert f"Suggestion #{number} approved" in text

    run_bot(stored_agora, tmp_path, monkeypatch, scenario, Clock(datetime(2026, 3, 2, 8, tzinfo=UTC)))
    ids = [p.id for p in stored_agora.rotation(f"{GUILD_ID}:{CHANNEL_ID}")]
    assert first not in ids and any(i.startswith("mod-") for i in ids)
