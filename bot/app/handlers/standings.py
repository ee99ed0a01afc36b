"""Where the group stands (``/standings``), members' own votes, and "Check against the reading".

The opinion map is built from the server's poll votes (:mod:`bot.core.standings`) and the
check from the live index (:mod:`bot.core.check`), both in a worker thread; the picture is
rendered there too. Nobody is named in public: the map shows groups and their sizes only,
and a member learns their own group privately.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping

from bot.app import limits
from bot.app.handlers.common import NOT_IN_SERVER, Caller, Services, channel_agora, fate_mark, server_readings
from bot.app.posts import POLL_HOURS
from bot.app.reply import Attachment, EmbedField, EmbedSpec, Reply
from bot.app.service import Agora
from bot.core.check import CheckReport, ClaimCheck, QuoteCheck, check_text
from bot.core.check.retrieval import ADDRESSED_AT, RetrievalSearch
from bot.core.standings import MIN_GROUP, MIN_VOTES, OpinionMap, Vote, build_map, group_name, render_png
from bot.core.text.safe import clean_input, neutralise

log = logging.getLogger(__name__)

PICTURE = "standings.png"
POLL_OPEN_SECONDS = POLL_HOURS * 3600
BACKFILL_SECONDS = 7 * 86400  # polls posted this recently are read back after a restart
QUOTE_CHARS = 180
CHECK_MAX_CHARS = 4000
MY_VOTES_SHOWN = 8
STANCE_WORDS = {"agree": "Agree", "disagree": "Disagree", "pass": "Not sure"}

VoterFetch = Callable[[int, int, int], Awaitable[list[int]]]  # (channel, message, answer) -> member ids


# ------------------------------------------------------------------------------------ votes


async def record_poll_vote(
    ctx: Services, message_id: int, answer_id: int, user_id: int, *, added: bool
) -> bool:
    """A vote cast or taken back on a poll (ignored unless it is one of Agora's daily polls)."""
    change = ctx.store.add_poll_vote if added else ctx.store.remove_poll_vote
    return await asyncio.to_thread(change, message_id, answer_id, user_id)


async def backfill_votes(
    ctx: Services,
    fetch: VoterFetch,
    *,
    owns: Callable[[int], bool] = lambda _g: True,
    now: float | None = None,
) -> int:
    """Read the voters of recent polls back from Discord (after a restart or an outage).

    Each poll is read until one reading happens after it closed; a poll Discord will not
    show (deleted, no access) is left for the next start. Returns how many polls were read.
    """
    stamp = time.time() if now is None else now
    todo = await asyncio.to_thread(ctx.store.polls_to_backfill, stamp - BACKFILL_SECONDS, POLL_OPEN_SECONDS)
    done = 0
    for poll in todo:
        if not owns(poll.guild_id):
            continue
        try:
            voters = {a: await fetch(poll.channel_id, poll.message_id, a) for a in poll.answer_ids}
        except Exception as exc:
            log.warning("Could not read the voters of poll %s: %s", poll.message_id, exc)
            continue
        await asyncio.to_thread(ctx.store.replace_poll_votes, poll.message_id, voters, stamp)
        done += 1
    return done


# ------------------------------------------------------------------------------------ the map


def _quote(text: str, limit: int = QUOTE_CHARS) -> str:
    return "“" + neutralise(limits.trim(" ".join(text.split()), limit)) + "”"


def _claims(
    ctx: Services, caller: Caller, prompt_ids: list[str], readings: list[Agora], since: Mapping[str, float]
) -> tuple[list[str], list[str]]:
    """Each prompt's claim as quoted (with its citation) and as a short picture label.

    A prompt is looked up in each of `readings` in turn (the channel's first); one whose
    passage changed in a new version of its reading since it was voted on (`since`: its
    earliest poll) says so.
    """
    quoted, labels = [], []
    for pid in prompt_ids:
        prompt = next((p for a in readings if (p := a.find_prompt(caller.channel_key, pid))), None)
        mark = fate_mark(ctx.store.prompt_fate(caller.guild_id or 0, pid, since.get(pid)))
        if prompt is None:
            quoted.append("(a prompt no longer in the reading)" + mark)
            labels.append("(a past prompt)")
        else:
            quoted.append(f"{_quote(prompt.quote)} — {prompt.citation}{mark}")
            labels.append(" ".join(prompt.quote.split()))
    return quoted, labels


async def _claims_of(ctx: Services, caller: Caller, prompt_ids: list[str]) -> tuple[list[str], list[str]]:
    """:func:`_claims`, with the server's readings and when each prompt was first polled."""
    readings = await server_readings(ctx, caller)
    stored = await asyncio.to_thread(ctx.store.poll_votes, caller.guild_id or 0)
    since: dict[str, float] = {}
    for vote in stored:
        since[vote.prompt_id] = min(since.get(vote.prompt_id, vote.posted_at), vote.posted_at)
    return await asyncio.to_thread(_claims, ctx, caller, prompt_ids, readings, since)


def _votes(ctx: Services, caller: Caller, channel_only: bool, days: int | None) -> list[Vote]:
    since = time.time() - days * 86400 if days else None
    stored = ctx.store.poll_votes(
        caller.guild_id or 0, channel_id=caller.channel_id if channel_only else None, since=since
    )
    return [Vote(str(v.user_id), v.prompt_id, v.stance) for v in stored]  # type: ignore[arg-type]


def map_embed(opinion: OpinionMap, quoted: list[str], where: str) -> EmbedSpec:
    """The public view of a map: groups by size, what sets each apart, what all share and divides."""
    counted, claims = len(opinion.members), len(opinion.matrix.prompts)
    desc = (
        f"{counted} members who voted on at least {MIN_VOTES} daily prompts {where} "
        f"({opinion.voters} voted in all), over {claims} claims. "
    )
    desc += (
        f"{len(opinion.groups)} opinion groups."
        if len(opinion.groups) > 1
        else "No distinct opinion groups: the votes show one broad group."
    )
    fields = []
    for i, g in enumerate(opinion.groups[:5]):
        lines = []
        for d in g.distinctive[:2]:
            share = d.agree_in if d.stance == "agree" else 1 - d.agree_in
            lines.append(
                f"{'Agrees' if d.stance == 'agree' else 'Disagrees'} ({share:.0%}): {quoted[d.column]}"
            )
        fields.append(
            EmbedField(
                f"{group_name(i)} · {g.size} members",
                "\n".join(lines) or "Nothing sets this group clearly apart yet.",
            )
        )
    if opinion.consensus:
        fields.append(
            EmbedField(
                "Every group agrees",
                "\n".join(f"{opinion.agree_share(c):.0%}: {quoted[c]}" for c, _ in opinion.consensus[:3]),
            )
        )
    if opinion.divisive:
        fields.append(
            EmbedField("What divides the groups", "\n".join(quoted[c] for c, _ in opinion.divisive[:3]))
        )
    footer = "Nobody is named. /standings mine: your own group, privately."
    return EmbedSpec("Where the group stands", desc, tuple(fields), footer, image=PICTURE)


async def handle_standings(
    ctx: Services,
    caller: Caller,
    *,
    channel_only: bool = False,
    days: int | None = None,
    picture: bool = True,
) -> Reply:
    """The server's (or this channel's) opinion map: one embed and its picture."""
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    votes = await asyncio.to_thread(_votes, ctx, caller, channel_only, days)
    opinion = await asyncio.to_thread(build_map, votes)
    where = "in this channel" if channel_only else "in this server"
    if days:
        where += f" in the last {days} days"
    if len(opinion.members) < 2 * MIN_GROUP:
        return Reply(
            f"Not enough votes for a map yet: {len(opinion.members)} members {where} have voted on at "
            f"least {MIN_VOTES} daily prompts, and the map needs {2 * MIN_GROUP}. Vote in the daily polls!",
            ephemeral=True,
        )
    quoted, labels = await _claims_of(ctx, caller, opinion.matrix.prompts)
    embed = map_embed(opinion, quoted, where)
    files: tuple[Attachment, ...] = ()
    if picture:
        png = await asyncio.to_thread(render_png, opinion, labels)
        files = (Attachment(PICTURE, png),)
    else:
        embed = EmbedSpec(embed.title, embed.description, embed.fields, embed.footer)
    return Reply(embeds=(embed,), files=files)


async def handle_my_standing(ctx: Services, caller: Caller, *, days: int | None = None) -> Reply:
    """Privately: how many votes of mine are kept, which group I am in, the claim I stand furthest from."""
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    votes = await asyncio.to_thread(_votes, ctx, caller, False, days)
    mine = sum(v.member == str(caller.user_id) for v in votes)
    if not mine:
        return Reply("Agora keeps no votes of yours in this server.", ephemeral=True)
    opinion = await asyncio.to_thread(build_map, votes)
    me = str(caller.user_id)
    lines = [
        f"Agora keeps {mine} of your poll votes here (which answer you chose on each daily prompt; "
        "nothing else). `/standings forget_my_votes:True` deletes them."
    ]
    own = [v for v in votes if v.member == str(caller.user_id)][-MY_VOTES_SHOWN:]
    quoted, _ = await _claims_of(ctx, caller, [v.prompt for v in own])
    lines.append("Your latest votes:" if mine > len(own) else "Your votes:")
    lines.extend(f"• {STANCE_WORDS[v.stance]}: {q}" for v, q in zip(own, quoted, strict=True))
    if me not in opinion.members:
        lines.append(f"You are on the map once you have voted on {MIN_VOTES} daily prompts.")
        return Reply("\n".join(lines), ephemeral=True)
    g = opinion.group_of(me)
    if g is None:
        lines.append(
            "You are not in any group shown on the map (yours is too small to show, or there is one)."
        )
    else:
        lines.append(f"You are in **{group_name(g)}** ({opinion.groups[g].size} members).")
    far = opinion.furthest_claim(me)
    if far is not None:
        quoted, _ = await _claims_of(ctx, caller, [opinion.matrix.prompts[far]])
        lines.append(f"The claim you stand furthest from your group on: {quoted[0]}")
    return Reply("\n".join(lines), ephemeral=True)


async def handle_forget_my_votes(ctx: Services, caller: Caller) -> Reply:
    """Delete every poll vote of the caller in this server."""
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    n = await asyncio.to_thread(ctx.store.forget_member_votes, caller.guild_id, caller.user_id)
    return Reply(f"Deleted {n} poll vote{'s' if n != 1 else ''} of yours in this server.", ephemeral=True)


# ------------------------------------------------------------------------------------ check


def _quote_field(q: QuoteCheck) -> EmbedField:
    if q.status == "found":
        return EmbedField(f"Quote found · {q.citation}", _quote(q.text))
    if q.status == "differs":
        changes = "; ".join(
            f"you wrote {_quote(d.quoted, 60) if d.quoted else '(nothing)'}, "
            f"the reading has {_quote(d.reading, 60) if d.reading else '(nothing)'}"
            for d in q.differences[:4]
        )
        return EmbedField(
            f"Quote differs · {q.citation}",
            f"The reading: {_quote(q.passage or '', 400)}\nDiffers: {changes}",
        )
    return EmbedField("Quote not found in the reading", _quote(q.text))


def _claim_field(c: ClaimCheck) -> EmbedField:
    name = "Claim: " + limits.trim(" ".join(c.text.split()), 200)
    if not c.addressed or c.closest is None:
        return EmbedField(neutralise(name), "The reading doesn't address this.")
    value = f"Closest ({c.closest.citation}): {_quote(c.closest.text, 350)}"
    if c.against is not None:
        value += f"\nAgainst it ({c.against.citation}): {_quote(c.against.text, 350)}"
    return EmbedField(neutralise(name), value)


def check_embed(report: CheckReport) -> EmbedSpec:
    """The check as one embed: quotes first, then claims."""
    fields = tuple([_quote_field(q) for q in report.quotes] + [_claim_field(c) for c in report.claims])
    return EmbedSpec(
        "Checked against the reading",
        None if fields else "Nothing to check: the message quotes nothing and makes no claim.",
        fields,
        "Only what the text says: never true or false.",
    )


def run_check(agora: Agora, text: str) -> CheckReport:
    """The check of `text` against a reading's live index (blocking: run it in a thread)."""
    search = RetrievalSearch(agora.snapshot.retriever)
    return check_text(clean_input(text)[:CHECK_MAX_CHARS], search, ADDRESSED_AT)


async def handle_check(ctx: Services, caller: Caller, text: str, *, console: bool = False) -> Reply:
    """A message checked against the reading: privately, with a button to post it."""
    if not text or not text.strip():
        return Reply("That message has no text to check.", ephemeral=True)
    report = await asyncio.to_thread(run_check, await channel_agora(ctx, caller), text)
    return Reply(embeds=(check_embed(report),), ephemeral=True, shareable=not console and not report.empty)
