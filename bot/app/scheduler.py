"""Daily debate prompts for every server: one scheduler, Discord-free.

:class:`Scheduler` is a single asyncio task for all servers. It sleeps until the earliest
slot that is due (at most :data:`MAX_SLEEP` seconds, and woken early when a schedule
changes), then posts every due server in turn with a short gap between them. A post:

1. claims the server's (local date) row in the store, so a restart, or a second process
   briefly running the same shard during a deploy, never posts twice;
2. deals the channel's next prompt through :meth:`Agora.next_prompt` (shared with /debate);
3. hands a :class:`Post` (text, thread name, poll, role to ping) to a :class:`Publisher`
   (Discord, or the console), which reports what it managed in a :class:`Delivery`;
4. records the outcome, problems included, for ``/schedule show``.

A post that never reached its channel gives its prompt back, so the channel gets it later.
A failure in one server is logged and never stops the others. The clock is injected, so
tests drive time by hand.

With several processes, each scheduler serves only the servers on its own shards (`owns`)
and claims as `owner`. A claim is held for `claim_lease` seconds: if its process dies
mid-post, another round (of any process owning the shard) takes the claim over and sends
the same prompt with the same nonce, which Discord uses to keep a single message
(``enforce_nonce``). Claims older than :data:`NONCE_WINDOW` are never re-sent: Discord only
remembers nonces for a few minutes, so a re-send could then double the post.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from bot.app.posts import Delivery, Post, Publisher, compose_post, poll_stances
from bot.app.service import DealtPrompt
from bot.core.scheduling.schedule import Schedule, Slot, plan
from bot.core.storage.store import CLAIM_LEASE, PostRecord, Store, StoreUnavailable

log = logging.getLogger(__name__)

MAX_SLEEP = 60.0  # seconds: the scheduler looks again at least this often
MIN_SLEEP = 0.05
RETRY_SLEEP = 5.0  # after a tick left a due slot unclaimed (the store failed)
POST_GAP = 0.1  # seconds from one post's start to the next: ≤ 20 requests/s (Discord's global limit: 50)


def post_gap(processes: int) -> float:
    """The gap for one of `processes` processes sharing Discord's global rate limit (2 requests a post)."""
    return POST_GAP * max(1, processes)


NONCE_WINDOW = 240.0  # seconds after a claim during which a re-send is deduplicated by its nonce

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def channel_key(guild_id: int, channel_id: int) -> str:
    """The rotation key of a channel (the same as a member's /debate there)."""
    return f"{guild_id}:{channel_id}"


@dataclass(frozen=True)
class PostResult:
    """The outcome of one post, as recorded."""

    guild_id: int
    channel_id: int
    status: str  # posted, degraded, failed, empty, taken (someone else claimed the slot)
    prompt_id: str | None = None
    cycle: int | None = None
    message_id: int | None = None
    thread_id: int | None = None
    problems: tuple[str, ...] = ()
    local_date: str | None = None
    post: Post | None = field(default=None, compare=False)

    @property
    def delivered(self) -> bool:
        """Whether the message reached the channel."""
        return self.message_id is not None


# ---------------------------------------------------------------------------------------- scheduler


class Scheduler:
    """Posts every server's daily prompt when it is due. One instance (one task) for all servers."""

    def __init__(
        self,
        store: Store,
        agora: Any,
        publisher: Publisher,
        *,
        clock: Clock = utc_now,
        gap: float = POST_GAP,
        max_sleep: float = MAX_SLEEP,
        owns: Callable[[int], bool] = lambda _guild_id: True,
        owner: str = "",
        claim_lease: float = CLAIM_LEASE,
    ) -> None:
        self.store = store
        self.agora = agora
        self.publisher = publisher
        self.clock = clock
        self.gap = gap
        self.max_sleep = max_sleep
        self.owns = owns
        self.owner = owner
        self.claim_lease = claim_lease
        self._wake = asyncio.Event()
        self._posting = asyncio.Lock()  # one post at a time: no two deals race for a channel

    def _links_allowed(self, guild_id: int) -> bool:
        """Whether the server lets web links in posts stay clickable (no, when the store cannot say)."""
        try:
            return self.store.guild_settings(guild_id).allow_links
        except Exception:  # a store outage: post with links broken, as by default
            return False

    def wake(self) -> None:
        """Look at the schedules again now (one was set, paused, resumed or removed)."""
        self._wake.set()

    def now(self) -> datetime:
        """The scheduler's clock."""
        return self.clock()

    # ------------------------------------------------------------------ the loop

    async def run(self) -> None:
        """Post due prompts forever (cancel the task to stop)."""
        log.info("Daily prompt scheduler started")
        while True:
            self._wake.clear()  # before the round: a change made during it wakes the next one at once
            try:
                await self.tick()
                delay = await asyncio.to_thread(self.seconds_until_next)
            except StoreUnavailable as exc:  # the database is away: nothing was claimed, so nothing is lost
                log.warning(
                    "Daily prompts wait for the database (%s); trying again in %.0f s", exc, RETRY_SLEEP
                )
                delay = RETRY_SLEEP
            except Exception:  # a bug: log, and look again soon
                log.exception("The daily prompt scheduler failed a round; trying again shortly")
                delay = RETRY_SLEEP
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=delay)

    def seconds_until_next(self) -> float:
        """Seconds until the earliest slot of any active schedule (bounded by `max_sleep`)."""
        now = self.now()
        delay = self.max_sleep
        schedules = self._mine(self.store.schedules(active_only=True))
        last = self.store.last_slot_dates([s.guild_id for s in schedules]) if schedules else {}
        for schedule in schedules:
            try:
                current = plan(schedule, now, last.get(schedule.guild_id))
            except Exception:
                log.exception("Cannot work out the schedule of server %s", schedule.guild_id)
                continue
            if current.due is not None:  # left unclaimed by the last round
                delay = min(delay, RETRY_SLEEP)
            elif current.next is not None:
                delay = min(delay, (current.next.at - now).total_seconds())
        mine = {s.guild_id for s in schedules}
        for guild_id, lease_until in self.store.claim_expiries(now.timestamp() - NONCE_WINDOW):
            if guild_id in mine:  # a claim another process may have left: look again when it lapses
                delay = min(delay, lease_until - now.timestamp() + MIN_SLEEP)
        return max(MIN_SLEEP, delay)

    async def tick(self) -> list[PostResult]:
        """Post every slot due now, server after server; skip and log slots missed on earlier days."""
        now = self.now()
        results: list[PostResult] = []
        schedules = self._mine(await asyncio.to_thread(self.store.schedules, active_only=True))
        taken_over = await self._take_over(schedules, now)
        results.extend(taken_over)
        dates = await asyncio.to_thread(self.store.last_slot_dates, [s.guild_id for s in schedules])
        started: float | None = None
        for schedule in schedules:
            try:
                current = plan(schedule, now, dates.get(schedule.guild_id))
                for slot in current.missed:
                    await asyncio.to_thread(self._skip, schedule, slot)
                if current.due is None:
                    continue
                if started is not None and self.gap > 0:  # pace the starts, not the ends
                    await asyncio.sleep(max(0.0, started + self.gap - time.monotonic()))
                started = time.monotonic()
                result = await self.post_slot(schedule, current.due)
                if result is not None:
                    results.append(result)
            except StoreUnavailable:
                raise  # the database is away for everyone: the round stops and is tried again
            except Exception:  # one server's trouble never stops the others
                log.exception("Daily prompt for server %s failed", schedule.guild_id)
        return results

    def _mine(self, schedules: list[Schedule]) -> list[Schedule]:
        return [s for s in schedules if self.owns(s.guild_id)]

    async def _take_over(self, schedules: list[Schedule], now: datetime) -> list[PostResult]:
        """Finish today's posts that a process claimed and never finished (it died mid-post).

        Only claims whose lease ran out, made less than :data:`NONCE_WINDOW` ago, and only for
        this process's servers; the same prompt goes out with the same nonce.
        """
        stamp = now.timestamp()
        mine = {s.guild_id: s for s in schedules}
        stale = await asyncio.to_thread(self.store.stale_claims, stamp, stamp - NONCE_WINDOW)
        results = []
        for record in stale:
            schedule = mine.get(record.guild_id)
            if schedule is None or record.local_date is None or record.slot_at is None:
                continue
            post_id = await asyncio.to_thread(
                lambda r=record: self.store.claim_slot(
                    r.guild_id, r.channel_id, date.fromisoformat(r.local_date), r.slot_at, stamp,
                    owner=self.owner, lease=self.claim_lease,
                )
            )  # fmt: skip
            if post_id is None:
                continue
            log.warning(
                "Server %s: finishing the daily prompt of %s that another process claimed and never "
                "finished (same nonce, so Discord keeps one message)",
                record.guild_id,
                record.local_date,
            )
            results.append(
                await self._deliver(
                    post_id,
                    record.guild_id,
                    record.channel_id,
                    source="schedule",
                    thread=schedule.thread,
                    poll=schedule.poll,
                    role_id=schedule.role_id,
                    local_date=record.local_date,
                    resend=record,
                )
            )
        return results

    def _skip(self, schedule: Schedule, slot: Slot) -> None:
        local = slot.at.astimezone(schedule.zone)
        reason = (
            f"Missed: I was offline at {local:%H:%M} on {local:%a %d %b} ({schedule.timezone}), "
            "so that day's prompt was skipped (a missed post is only made late on the same day)."
        )
        if self.store.record_skipped(
            schedule.guild_id, schedule.channel_id, slot.local_date, slot.at.timestamp(), reason
        ):
            log.warning(
                "Skipped the daily prompt of server %s for %s: missed while offline",
                schedule.guild_id,
                slot.local_date,
            )

    # ------------------------------------------------------------------ posting

    async def post_slot(self, schedule: Schedule, slot: Slot) -> PostResult | None:
        """Claim a slot and post it; None if it was already claimed (posted, or being posted)."""
        post_id = await asyncio.to_thread(
            lambda: self.store.claim_slot(
                schedule.guild_id,
                schedule.channel_id,
                slot.local_date,
                slot.at.timestamp(),
                self.now().timestamp(),
                owner=self.owner,
                lease=self.claim_lease,
            )
        )
        if post_id is None:
            return None
        late = (self.now() - slot.at).total_seconds()
        if late > 120:
            log.info(
                "Posting the daily prompt of server %s %.0f min late (catching up after being offline)",
                schedule.guild_id,
                late / 60,
            )
        return await self._deliver(
            post_id,
            schedule.guild_id,
            schedule.channel_id,
            source="schedule",
            thread=schedule.thread,
            poll=schedule.poll,
            role_id=schedule.role_id,
            local_date=slot.local_date.isoformat(),
        )

    async def post_now(self, guild_id: int, channel_id: int | None) -> PostResult:
        """`/prompt now`: the next prompt at once, in the scheduled channel (else `channel_id`).

        Uses the schedule's thread, poll and role choices (threads and polls on without one).
        """
        schedule = await asyncio.to_thread(self.store.schedule, guild_id)
        target = schedule.channel_id if schedule else channel_id
        if target is None:
            return PostResult(
                guild_id, 0, "failed", problems=("Not posted: there is no channel to post in.",)
            )
        post_id = await asyncio.to_thread(
            self.store.start_post, guild_id, target, "now", self.now().timestamp()
        )
        return await self._deliver(
            post_id,
            guild_id,
            target,
            source="now",
            thread=schedule.thread if schedule else True,
            poll=schedule.poll if schedule else True,
            role_id=schedule.role_id if schedule else None,
        )

    async def _deliver(
        self,
        post_id: int,
        guild_id: int,
        channel_id: int,
        *,
        source: str,
        thread: bool,
        poll: bool,
        role_id: int | None,
        local_date: str | None = None,
        resend: PostRecord | None = None,
    ) -> PostResult:
        key = channel_key(guild_id, channel_id)
        async with self._posting:
            try:
                dealt, links = await asyncio.to_thread(
                    lambda: (
                        self._deal(key, source, post_id if local_date else None, resend),
                        self._links_allowed(guild_id),
                    )
                )
            except StoreUnavailable:
                raise
            except Exception as exc:
                log.exception("Could not deal a prompt for server %s", guild_id)
                return await self._finish(
                    post_id,
                    PostResult(
                        guild_id,
                        channel_id,
                        "failed",
                        problems=(f"No prompt: {type(exc).__name__}: {exc}",),
                        local_date=local_date,
                    ),
                )
            if dealt is None:
                log.warning("Server %s: the reading has no debate prompts; nothing posted", guild_id)
                return await self._finish(
                    post_id,
                    PostResult(
                        guild_id,
                        channel_id,
                        "empty",
                        problems=("The reading has no debate prompts, so nothing was posted.",),
                        local_date=local_date,
                    ),
                )
            language = await asyncio.to_thread(self._language, guild_id)
            post = compose_post(
                dealt.prompt,
                dealt.cycle,
                guild_id=guild_id,
                channel_id=channel_id,
                thread=thread,
                poll=poll,
                role_id=role_id,
                nonce=f"agora-{post_id}",
                language=language,
                links=links,
            )
            try:
                delivery = await self.publisher.publish(post)
            except Exception as exc:  # a publisher bug: the post is lost, the scheduler goes on
                log.exception("Publishing the daily prompt of server %s failed", guild_id)
                delivery = Delivery(None, problems=(f"Not posted: {type(exc).__name__}: {exc}",))
            if not delivery.delivered and self.agora.store is not None:
                await asyncio.to_thread(self.agora.store.forget_prompt, key, dealt.prompt.id, dealt.cycle)
        status = "failed" if not delivery.delivered else "degraded" if delivery.problems else "posted"
        result = PostResult(
            guild_id,
            channel_id,
            status,
            prompt_id=dealt.prompt.id,
            cycle=dealt.cycle,
            message_id=delivery.message_id,
            thread_id=delivery.thread_id,
            problems=delivery.problems,
            local_date=local_date,
            post=post,
        )
        if delivery.message_id is not None and post.poll is not None:
            await self._record_poll(delivery.message_id, post, dealt.prompt)
        if status == "posted":
            log.info("Posted prompt %s in %s (cycle %d)", dealt.prompt.id, key, dealt.cycle)
        else:
            log.warning("Daily prompt in %s %s: %s", key, status, "; ".join(delivery.problems))
        return await self._finish(post_id, result)

    async def _record_poll(self, message_id: int, post: Post, prompt: Any) -> None:
        """Remember what each poll answer means, so members' votes can be mapped (/standings)."""
        stances = poll_stances(prompt, post.poll.answers if post.poll else ())
        if not stances:
            return
        try:
            await asyncio.to_thread(
                lambda: self.store.record_poll(
                    message_id,
                    guild_id=post.guild_id,
                    channel_id=post.channel_id,
                    prompt_id=prompt.id,
                    stances=stances,
                    at=self.now().timestamp(),
                )
            )
        except Exception:  # the post is out; only the map misses this poll's votes
            log.exception("Could not record the poll of message %s", message_id)

    def _deal(
        self, key: str, source: str, post_id: int | None, resend: PostRecord | None
    ) -> DealtPrompt | None:
        """The prompt to post: the one a dead process was sending (a take-over), else the next one.

        A scheduled post notes its prompt on its row before it is sent, so a take-over re-sends
        the same text under the same nonce.
        """
        pick = getattr(self.agora, "for_channel_key", None)
        agora = pick(key) if pick is not None else self.agora  # the channel's reading
        if resend is not None and resend.prompt_id:
            # the server's own wording (an edited question, its own prompts), as the first attempt sent it
            prompt = agora.find_prompt(key, resend.prompt_id)
            if prompt is not None:
                return DealtPrompt(prompt, resend.cycle or 1)
        dealt = agora.next_prompt(key, source)
        if dealt is not None and post_id is not None:
            self.store.set_post_prompt(post_id, dealt.prompt.id, dealt.cycle)
        return dealt

    def _language(self, guild_id: int) -> str | None:
        """The server's language for public posts (None: English); a failing store means English."""
        try:
            return self.store.guild_settings(guild_id).language
        except StoreUnavailable:
            return None

    async def _finish(self, post_id: int, result: PostResult) -> PostResult:
        await asyncio.to_thread(
            lambda: self.store.finish_post(
                post_id,
                result.status,
                prompt_id=result.prompt_id,
                cycle=result.cycle,
                message_id=result.message_id,
                thread_id=result.thread_id,
                problems=result.problems,
                at=self.now().timestamp(),
            )
        )
        return result


def upcoming_slot(store: Store, schedule: Schedule, now: datetime) -> Slot | None:
    """The slot a schedule will post next (one due now counts), None when paused."""
    current = plan(schedule, now, store.last_slot_date(schedule.guild_id))
    return current.due or current.next
