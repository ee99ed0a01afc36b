"""Keeping the state file out of the way of answers.

Answering needs no database: a question is acknowledged, answered from the index, and only
then recorded. :class:`Recorder` takes those writes (the answers-served counter, the answer
kept for votes, a vote) into a queue and writes them one after another on its own thread,
retrying with growing pauses when the file is busy or the disk refuses, and logging what it
finally gives up on. A write that cannot succeed however often it is tried (a value the
database cannot hold, a broken constraint: :func:`~bot.core.storage.base.cannot_succeed`) is
dropped at once, so it never holds up the writes queued behind it.
:class:`GuildSettingsCache` answers "what are this server's settings?"
from memory when the file is slow, so the checks made before Discord's 3-second
acknowledgement never wait on a lock. :class:`StoreHealth` remembers how the file has been
doing, for ``/status``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.core.storage.base import cannot_succeed
from bot.core.storage.store import GuildSettings, Store

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 6  # pauses of 0.5, 1, 2, 4, 8 s between them: about 15 s of trying
FIRST_PAUSE = 0.5
MAX_PENDING = 1000
READ_WAIT = 0.5  # seconds a pre-acknowledgement check waits for the file before using memory
SETTINGS_TTL = 30.0


class StoreHealth:
    """How the state file has been doing: the last failure, and since when it has failed."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self.failing_since: float | None = None
        self.last_error: str | None = None
        self.failures = 0
        self.dropped = 0
        self.given_up = 0
        self.fallback: str | None = None  # why the state is kept in memory, if it is

    @property
    def healthy(self) -> bool:
        """Whether the last attempt to use the file worked (and the file is in use at all)."""
        return self.failing_since is None and self.fallback is None

    def succeeded(self) -> None:
        """A read or write worked."""
        if self.failing_since is not None:
            log.info("The state file works again (after %d failures)", self.failures)
        self.failing_since = None

    def failed(self, error: BaseException | str) -> None:
        """A read or write failed (or timed out)."""
        self.failures += 1
        text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        self.last_error = " ".join(text.split())[:300]
        if self.failing_since is None:
            self.failing_since = self._clock()

    def describe(self, pending: int = 0) -> str:
        """One line for /status."""
        if self.fallback is not None:
            text = f"⚠️ in memory only: {self.fallback}"
        elif self.failing_since is None:
            text = "OK"
        else:
            since = int(max(0, self._clock() - (self.failing_since or 0)))
            text = f"⚠️ unhealthy for {since}s: {self.last_error}. Answers still come; records wait."
        extras = []
        if pending:
            extras.append(f"{pending} records waiting")
        if self.dropped or self.given_up:
            extras.append(f"{self.dropped + self.given_up} records lost since start")
        return text + (f" ({', '.join(extras)})" if extras else "")


@dataclass
class _Job:
    what: str
    write: Callable[[], Any]
    future: asyncio.Future[Any]


class Recorder:
    """A queue of writes to the store, done in order after the replies, retried, logged.

    Writes run on the recorder's own thread, so a busy file never holds up the threads
    that find answers. Each :meth:`submit` returns a future of the write's result, or
    None when it could not be written.
    """

    def __init__(
        self,
        health: StoreHealth | None = None,
        *,
        attempts: int = ATTEMPTS,
        first_pause: float = FIRST_PAUSE,
        max_pending: int = MAX_PENDING,
    ) -> None:
        self.health = health or StoreHealth()
        self.attempts = attempts
        self.first_pause = first_pause
        self.max_pending = max_pending
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="agora-store")
        self._jobs: list[_Job] = []
        self._wake: asyncio.Event | None = None
        self._worker: asyncio.Task[None] | None = None

    @property
    def pending(self) -> int:
        """Writes not done yet."""
        return len(self._jobs)

    def submit(self, what: str, write: Callable[[], T]) -> asyncio.Future[T | None]:
        """Queue `write` (a blocking call on the store); `what` names it in the log."""
        loop = asyncio.get_running_loop()
        if self._worker is None or self._worker.done() or self._worker.get_loop() is not loop:
            self._wake = asyncio.Event()
            self._worker = loop.create_task(self._run(), name="agora-recorder")
        future: asyncio.Future[T | None] = loop.create_future()
        if len(self._jobs) >= self.max_pending:
            dropped = self._jobs.pop(0)
            self.health.dropped += 1
            log.error("Too many records waiting for the state file; dropped one (%s)", dropped.what)
            if not dropped.future.done():
                dropped.future.set_result(None)
        self._jobs.append(_Job(what, write, future))
        assert self._wake is not None
        self._wake.set()
        return future

    async def run_blocking(self, call: Callable[[], T]) -> T:
        """Run a blocking store call on the recorder's threads (not the shared pool)."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, call)

    async def _run(self) -> None:
        assert self._wake is not None
        while True:
            if not self._jobs:
                self._wake.clear()
                await self._wake.wait()
                continue
            job = self._jobs[0]
            result = await self._attempt(job)
            if self._jobs and self._jobs[0] is job:
                self._jobs.pop(0)
            if not job.future.done():
                job.future.set_result(result)

    async def _attempt(self, job: _Job) -> Any:
        pause = self.first_pause
        for attempt in range(1, self.attempts + 1):
            try:
                result = await self.run_blocking(job.write)
            except Exception as exc:  # any store failure: retry, then give up and say so
                if cannot_succeed(exc):  # the write itself is wrong: another try cannot help
                    self.health.dropped += 1
                    log.error("Dropped %s: it cannot be written (%s: %s)", job.what, type(exc).__name__, exc)
                    return None
                self.health.failed(exc)
                if attempt == self.attempts:
                    self.health.given_up += 1
                    log.error("Could not record %s after %d attempts: %s", job.what, attempt, exc)
                    return None
                log.warning("Recording %s failed (attempt %d): %s; retrying", job.what, attempt, exc)
                await asyncio.sleep(pause)
                pause *= 2
            else:
                self.health.succeeded()
                return result
        return None

    async def drain(self) -> None:
        """Wait until every write submitted so far is done (bound it with ``asyncio.timeout``)."""
        if self._jobs:
            await asyncio.gather(*(job.future for job in list(self._jobs)))

    async def finish(self, seconds: float, *, close: bool = True) -> None:
        """Write what is queued (for up to `seconds`, logging what is left), then close."""
        try:
            async with asyncio.timeout(seconds):
                await self.drain()
        except TimeoutError:
            log.error("Stopping with %d records not written to the state file", self.pending)
        if close:
            self.close()

    def close(self) -> None:
        """Stop the worker (waiting writes are abandoned) and its threads."""
        if self._worker is not None and not self._worker.done():
            self._worker.cancel()
        self.executor.shutdown(wait=False, cancel_futures=True)


class GuildSettingsCache:
    """Server settings read through memory: never more than READ_WAIT seconds on the file."""

    def __init__(self, store: Store, recorder: Recorder, *, ttl: float = SETTINGS_TTL) -> None:
        self.store = store
        self.recorder = recorder
        self.ttl = ttl
        self._entries: dict[int, tuple[GuildSettings, float]] = {}
        self._reading: dict[int, asyncio.Future[GuildSettings]] = {}
        self._slow: set[int] = set()  # servers whose read in flight has already timed out once

    def put(self, settings: GuildSettings) -> None:
        """Remember settings just written (or read)."""
        self._entries[settings.guild_id] = (settings, time.monotonic())

    def forget(self, guild_id: int) -> None:
        """Read this server's settings from the file next time."""
        self._entries.pop(guild_id, None)

    async def get(self, guild_id: int) -> GuildSettings:
        """The server's settings: fresh from the file, else remembered, else the defaults."""
        entry = self._entries.get(guild_id)
        if entry is not None and time.monotonic() - entry[1] < self.ttl:
            return entry[0]
        fallback = entry[0] if entry is not None else GuildSettings(guild_id)
        reading = self._reading.get(guild_id)
        if reading is not None and guild_id in self._slow:
            return fallback  # a read already timed out and is still waiting: don't wait again
        if reading is None:  # one read per server at a time, however many checks wait for it
            read = self.recorder.run_blocking(lambda: self.store.guild_settings(guild_id))
            reading = asyncio.ensure_future(read)
            self._reading[guild_id] = reading
            reading.add_done_callback(lambda done: self._read_done(guild_id, done))
        try:
            return await asyncio.wait_for(asyncio.shield(reading), READ_WAIT)
        except TimeoutError:
            self._slow.add(guild_id)
            return fallback
        except Exception as exc:  # a failing file: memory, or the defaults
            self.recorder.health.failed(exc)
            return fallback

    def _read_done(self, guild_id: int, done: asyncio.Future[GuildSettings]) -> None:
        self._reading.pop(guild_id, None)
        self._slow.discard(guild_id)
        if done.cancelled():
            return
        if done.exception() is None:
            self.put(done.result())
        else:
            self.recorder.health.failed(done.exception())  # type: ignore[arg-type]
