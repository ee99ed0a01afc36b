"""The Discord bot: `AgoraBot`, and `run_bot` behind `agora run`."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import importlib
import json
import logging
import pkgutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import discord
from discord.ext import commands

from bot import exts
from bot.core.embedder import ModelError
from bot.core.index import IndexProblem
from bot.core.reading import ReadingError
from bot.core.service import Agora
from bot.core.store import Store, StoreError
from bot.endpoints import apply_endpoints
from bot.handlers import Services
from bot.settings import Settings

log = logging.getLogger(__name__)

EXIT_CONFIG = 2
TOKEN_HELP = (
    "Create a bot at https://discord.com/developers/applications → your application → Bot → "
    "Reset Token, then put it in .env as DISCORD_TOKEN=... (or run `agora console` to try Agora "
    "without Discord)."
)


def walk_extensions() -> Iterator[str]:
    """Every extension module under bot.exts (modules and packages named _private are helpers)."""
    for module in pkgutil.walk_packages(exts.__path__, f"{exts.__name__}."):
        if any(name.startswith("_") for name in module.name.split(".")):
            continue
        if module.ispkg:
            imported = importlib.import_module(module.name)
            if not hasattr(imported, "setup"):  # an area folder, not a packaged extension
                continue
        yield module.name


class AgoraBot(commands.Bot):
    """Agora on Discord. Everything it needs arrives through the constructor."""

    def __init__(self, settings: Settings, agora: Agora, store: Store) -> None:
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False  # Agora has no voice
        intents = discord.Intents.default()
        intents.message_content = False  # mentions of the bot carry their content anyway
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
        )
        self.settings = settings
        self.agora = agora
        self.store = store
        self.services = Services(agora=agora, store=store, latency=lambda: self.latency)

    async def setup_hook(self) -> None:
        """Load the extensions and the index (in a thread); sync the commands if they changed."""
        for name in walk_extensions():
            await self.load_extension(name)
        if not self.agora.ready:
            for note in await asyncio.to_thread(self.agora.prepare, progress=False):
                log.info("%s", note)
        await self.sync_commands()

    async def on_message(self, message: discord.Message, /) -> None:
        """No text commands: a mention is a question, answered by the ask extension's listener."""

    async def on_error(self, event_method: str, /, *args: object, **kwargs: object) -> None:
        """An event listener failed: log it (members never see a traceback)."""
        log.exception("Unhandled error in %s", event_method)

    # ------------------------------------------------------------------ command sync

    def command_signature(self) -> str:
        """A hash of the application commands as Discord would receive them."""
        payload = sorted(
            (cmd.to_dict(self.tree) for cmd in self.tree.get_commands()), key=lambda c: str(c["name"])
        )
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    @property
    def _sync_file(self) -> Path:
        return self.settings.data_dir / "command-sync.json"

    async def sync_commands(self, *, force: bool = False) -> bool:
        """Upload the commands to Discord when they differ from the last upload. Returns whether it did."""
        state = {
            "application_id": self.application_id,
            "api": discord.http.Route.BASE,
            "signature": self.command_signature(),
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
        self._sync_file.parent.mkdir(parents=True, exist_ok=True)
        self._sync_file.write_text(json.dumps(state, indent=2))
        return True

    async def on_ready(self) -> None:
        """Log who we are (once per connection)."""
        log.info(
            "Connected as %s (%s) to %d servers", self.user, getattr(self.user, "id", "?"), len(self.guilds)
        )


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
        store = Store(settings.store_target)
    except StoreError as exc:
        print(f"agora: {exc}", file=sys.stderr)
        return 1
    bot = AgoraBot(settings, Agora(settings, store=store), store)
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
