"""The Discord bot: `AgoraBot`, and `run_bot` behind `agora run`."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import importlib
import json
import logging
import os
import pkgutil
import secrets
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import discord
from discord.ext import commands

from bot.app.handlers import Services
from bot.app.library import Library
from bot.app.service import Agora
from bot.core.reading.passages import ReadingError
from bot.core.search.embedder import ModelError
from bot.core.search.index import IndexProblem
from bot.core.storage.store import Store, StoreError, StoreUnavailable
from bot.discord_layer import exts
from bot.discord_layer.endpoints import apply_endpoints
from bot.discord_layer.translator import AgoraTranslator
from bot.settings import Settings

log = logging.getLogger(__name__)

EXIT_CONFIG = 2
RECORDS_AT_EXIT = 5.0  # seconds given to records still queued when the bot stops
IDENTIFY_WINDOW = 5.0  # seconds: Discord allows max_concurrency IDENTIFYs per bucket per window
# An IDENTIFY turn is held until READY shows Discord has the IDENTIFY (then IDENTIFY_WINDOW more);
# a process that dies or never sees READY gives the turn up after this long.
IDENTIFY_TURN_SECONDS = 30.0
# On a stop (SIGTERM, Ctrl+C) the commands, buttons and mentions being handled get this long to
# finish before the extensions unload and the connection to Discord closes under them.
CLOSE_GRACE_SECONDS = 10.0
# discord.py's names for the tasks that handle a command, an event, a button or a form
HANDLER_TASKS = (
    "CommandTree-invoker",
    "discord.py: ",
    "discord-ui-view-dispatch-",
    "discord-ui-dynamic-item-",
    "discord-ui-modal-dispatch-",
)
TOKEN_HELP = (
    "Create a bot at https://discord.com/developers/applications → your application → Bot → "
    "Reset Token, then put it in .env as DISCORD_TOKEN=... (or run `agora console` to try Agora "
    "without Discord)."
)


def walk_extensions() -> Iterator[str]:
    """Every extension module under exts (modules and packages named _private are helpers)."""
    for module in pkgutil.walk_packages(exts.__path__, f"{exts.__name__}."):
        if any(name.startswith("_") for name in module.name.split(".")):
            continue
        if module.ispkg:
            imported = importlib.import_module(module.name)
            if not hasattr(imported, "setup"):  # an area folder, not a packaged extension
                continue
        yield module.name


def process_name() -> str:
    """A name for this process in claims and leases: host, pid and a random tag (unique per start)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class AgoraBot(commands.Bot):
    """Agora on Discord. Everything it needs arrives through the constructor.

    With ``SHARD_COUNT`` set, :func:`make_bot` gives the sharded variant instead; both share
    what follows: one-per-bot work (command sync) only where shard 0 runs, the index built by
    one process at a time, and a watch that swaps in the index another process built.
    """

    def __init__(self, settings: Settings, agora: Agora, store: Store, **options: object) -> None:
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False  # Agora has no voice
        intents = discord.Intents.default()
        intents.message_content = False  # mentions of the bot carry their content anyway
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            **options,  # type: ignore[arg-type]
        )
        self.settings = settings
        self.agora = agora
        self.store = store
        self.process_name = process_name()
        self.services = Services(agora=agora, store=store, latency=lambda: self.latency)
        self._max_concurrency: int | None = None
        self._identify_turns: dict[int | None, tuple[str, str]] = {}  # shard -> (lease, holder) until READY
        self._index_watch: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        """Load the extensions and the index (in a thread); sync the commands if they changed."""
        for name in walk_extensions():
            await self.load_extension(name)
        await self.tree.set_translator(AgoraTranslator())
        if not self.agora.ready:
            for note in await asyncio.to_thread(self._prepare_index):
                log.info("%s", note)
        if self.settings.shards.leads:
            await self.sync_commands()
        else:
            log.info("Application commands are synced by the process that runs shard 0")
        self._index_watch = asyncio.create_task(self._watch_index(), name="agora-index-watch")

    def _prepare_index(self) -> list[str]:
        """Load the index; if it must be built, only one process builds while the others wait."""
        if not self.agora.build_lease(self.process_name):
            log.warning("Another process has been building the index for a long time; loading what is there")
        try:
            return self.agora.prepare(progress=False)
        finally:
            self.agora.end_build_lease(self.process_name)

    async def _watch_index(self) -> None:
        """Swap in the index another process built (after its /reload) within a few seconds."""
        away = False
        while True:
            await asyncio.sleep(self.settings.index_watch_seconds)
            try:
                await asyncio.to_thread(self.agora.follow_shared_index)
                away = False
            except StoreUnavailable as exc:
                if not away:
                    log.warning(
                        "Cannot see the index version in the store (%s); still serving the current one", exc
                    )
                away = True
            except Exception:
                log.exception("Could not load the index another process built; still serving the current one")

    async def close(self) -> None:
        """Stop the index watch, let the work in hand finish, write what the recorder still holds, disconnect.

        Each step waits a few seconds at most (CLOSE_GRACE_SECONDS, RECORDS_AT_EXIT).
        """
        if self._index_watch is not None:
            self._index_watch.cancel()
        await self._finish_work_in_hand()
        await self.services.recorder.finish(RECORDS_AT_EXIT)
        await super().close()

    async def _finish_work_in_hand(self) -> None:
        """Wait (a bounded time) for the commands, buttons and mentions being handled.

        Without this, a stop unloads the extensions and closes the HTTP session while an answer
        is still being sent: the member loses it and the log gets a traceback.
        """
        me = asyncio.current_task()
        busy = [
            task
            for task in asyncio.all_tasks()
            if task is not me and not task.done() and task.get_name().startswith(HANDLER_TASKS)
        ]
        if not busy:
            return
        log.info("Stopping: finishing %d request(s) in hand first", len(busy))
        _done, late = await asyncio.wait(busy, timeout=CLOSE_GRACE_SECONDS)
        if late:
            log.warning("Stopping with %d request(s) unfinished after %.0f s", len(late), CLOSE_GRACE_SECONDS)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """With set shards, take an IDENTIFY turn from the store: Discord's limit holds across processes.

        Discord allows `max_concurrency` IDENTIFYs per 5 seconds, one per bucket
        ``shard_id % max_concurrency``; a lease row per bucket makes every process wait its turn.
        Discord counts the 5 seconds from when it receives the IDENTIFY, which may be well after
        the turn was taken on a busy machine, so the turn is held until READY arrives (Discord
        has the IDENTIFY by then) and for the 5 seconds after that: see :meth:`on_shard_connect`.
        """
        if not self.settings.shards.sharded:
            await super().before_identify_hook(shard_id, initial=initial)
            return
        if self._max_concurrency is None:
            try:
                limit = (await self.http.get_bot_gateway())[2]
                self._max_concurrency = max(1, int(limit.get("max_concurrency", 1)))
            except (discord.HTTPException, discord.GatewayNotFound, KeyError, TypeError, ValueError):
                self._max_concurrency = 1
        lease = f"identify:{(shard_id or 0) % self._max_concurrency}"
        turn = f"{self.process_name}:{shard_id}:{secrets.token_hex(2)}"
        waited = False
        while True:
            try:
                if await asyncio.to_thread(self.store.acquire_lease, lease, turn, IDENTIFY_TURN_SECONDS):
                    self._identify_turns[shard_id] = (lease, turn)
                    break
            except StoreUnavailable as exc:
                log.warning("Waiting for the database before identifying shard %s: %s", shard_id, exc)
                await asyncio.sleep(IDENTIFY_WINDOW)
                continue
            if not waited:
                log.info("Shard %s waits for its IDENTIFY turn (another process is identifying)", shard_id)
                waited = True
            await asyncio.sleep(0.25)

    async def on_shard_connect(self, shard_id: int, /) -> None:
        """READY for a shard: its IDENTIFY turn ends IDENTIFY_WINDOW seconds from now, not earlier."""
        taken = self._identify_turns.pop(shard_id, None)
        if taken is None:
            return
        lease, turn = taken
        try:
            await asyncio.to_thread(self.store.acquire_lease, lease, turn, IDENTIFY_WINDOW)
        except StoreUnavailable as exc:  # the turn then lapses IDENTIFY_TURN_SECONDS after it was taken
            log.warning("Could not shorten shard %s's IDENTIFY turn: %s", shard_id, exc)

    async def on_message(self, message: discord.Message, /) -> None:
        """No text commands: a mention is a question, answered by the ask extension's listener."""

    async def on_error(self, event_method: str, /, *args: object, **kwargs: object) -> None:
        """An event listener failed: log it (members never see a traceback)."""
        log.exception("Unhandled error in %s", event_method)

    # ------------------------------------------------------------------ command sync

    async def command_payload(self) -> list[dict]:
        """The application commands as Discord receives them (with their translations), by name."""
        translator = self.tree.translator
        payload = [
            await cmd.get_translated_payload(self.tree, translator) if translator else cmd.to_dict(self.tree)
            for cmd in self.tree.get_commands()
        ]
        return sorted(payload, key=lambda c: str(c["name"]))

    async def command_signature(self) -> str:
        """A hash of the application commands as Discord would receive them."""
        payload = await self.command_payload()
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    @property
    def _sync_file(self) -> Path:
        return self.settings.data_dir / "command-sync.json"

    async def sync_commands(self, *, force: bool = False) -> bool:
        """Upload the commands to Discord when they differ from the last upload. Returns whether it did."""
        state = {
            "application_id": self.application_id,
            "api": discord.http.Route.BASE,
            "signature": await self.command_signature(),
        }
        try:
            previous = json.loads(self._sync_file.read_text())
        except (OSError, ValueError):
            previous = None
        if previous == state and not force:
            log.info("Application commands unchanged since the last sync")
            return False
        synced = await self.tree.sync()
        log.info("Synced %d application commands", len(synced))
        try:
            self._sync_file.parent.mkdir(parents=True, exist_ok=True)
            self._sync_file.write_text(json.dumps(state, indent=2))
        except OSError as exc:  # DATA_DIR unwritable: the commands are synced again next start
            log.warning("Could not remember the command sync in %s: %s", self._sync_file, exc)
        return True

    async def on_ready(self) -> None:
        """Log who we are (once per connection)."""
        log.info(
            "Connected as %s (%s) to %d servers", self.user, getattr(self.user, "id", "?"), len(self.guilds)
        )


class ShardedAgoraBot(AgoraBot, commands.AutoShardedBot):
    """Agora running the shards ``SHARD_COUNT`` / ``SHARD_IDS`` name (discord.py's AutoShardedBot)."""


def make_bot(settings: Settings, agora: Agora, store: Store) -> AgoraBot:
    """The bot: sharded as the settings say, or (unset) one connection as discord.py decides."""
    Library(agora, store)  # the servers' own readings, a reading per channel
    plan = settings.shards
    if not plan.sharded:
        return AgoraBot(settings, agora, store)
    return ShardedAgoraBot(
        settings, agora, store, shard_count=plan.count, shard_ids=list(plan.shard_ids or ())
    )


def open_store(settings: Settings) -> tuple[Store, str | None]:
    """The state store, and a problem to report if it had to be kept in memory instead.

    Answering needs no database: when the SQLite file cannot be opened (``DATA_DIR`` not
    writable, not a folder, a full disk), the bot still starts, with its state in memory
    (lost at the next restart), and says so here and in ``/status``. A PostgreSQL database
    that cannot be reached still stops the start (StoreError), since other processes share it.
    """
    try:
        return Store(settings.store_target), None
    except (StoreError, OSError) as exc:
        if settings.database_url:
            raise StoreError(str(exc)) from None
        reason = " ".join(str(exc).split())
        log.error("Cannot use the state file %s: %s", settings.database_path, reason)
        problem = (
            f"cannot use the state file {settings.database_path} ({reason}); answering anyway, "
            "with settings, votes and the prompt rotation kept in memory until a restart."
        )
        return Store(":memory:"), problem


async def run_bot(settings: Settings) -> int:
    """`agora run`: connect to Discord and serve until stopped. Returns the exit status."""
    if not settings.discord_token:
        print(f"agora: DISCORD_TOKEN is not set. {TOKEN_HELP}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        apply_endpoints(settings.discord_api_base, settings.discord_gateway_url)
    except ValueError as exc:
        print(f"agora: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        store, problem = open_store(settings)
    except StoreError as exc:
        print(f"agora: {exc}", file=sys.stderr)
        return 1
    if problem:
        print(f"agora: {problem}", file=sys.stderr)
    bot = make_bot(settings, Agora(settings, store=store), store)
    log.info("Running %s; state in %s (%s)", settings.shards.describe(), store.where, store.engine)
    if problem:
        bot.services.recorder.health.fallback = problem
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
    try:
        async with bot:
            await bot.start(settings.discord_token.get())
    except discord.LoginFailure:
        print(
            f"agora: Discord rejected DISCORD_TOKEN (it is wrong, or was reset). {TOKEN_HELP}",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except (ReadingError, ModelError, IndexProblem) as exc:
        print(f"agora: {exc}", file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print("agora: Discord refused the gateway intents this bot asked for.", file=sys.stderr)
        return EXIT_CONFIG
    except (discord.GatewayNotFound, discord.ConnectionClosed, OSError) as exc:
        print(f"agora: cannot reach Discord: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0
