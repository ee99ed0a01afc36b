"""What every `agora` command shares.

Exit statuses, the error meant for the user, a prepared Agora, and the process's plumbing
(SIGTERM, a closed pipe, undecodable bytes on the streams).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.ops import reading_cli
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app.service import Agora
    from bot.core.storage.store import Store

EXIT_NOTHING = 1  # like grep: the command worked and found nothing
EXIT_USAGE = 2
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a tool whose reader went away


def closed_pipe() -> int:
    """The reader of standard output went away (`| head`): end quietly, like other Unix tools.

    Standard output is pointed at the null device first, so the interpreter's last flush at
    exit finds nowhere to fail either (no "Exception ignored … BrokenPipeError").
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (captured output)
        pass
    return EXIT_CLOSED_PIPE


class Terminated(BaseException):
    """SIGTERM arrived before a command installed its own way to stop (``agora run`` does)."""


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


def stop_on_terminate() -> Callable[[], None]:
    """A SIGTERM (systemd, docker stop, a supervisor) ends any command cleanly, at any point.

    Without this, a stop that lands while the bot is still starting (loading the model,
    opening the store) kills the process by the signal, skipping the ``finally`` blocks that
    close the store. ``agora run`` replaces the handler with its event loop's once it serves.
    Returns what puts the previous handler back (for callers of :func:`main` in a process that
    goes on, such as tests).
    """
    try:
        previous = signal.signal(signal.SIGTERM, _terminated)
    except (ValueError, OSError):  # not the main thread
        return lambda: None
    return lambda: signal.signal(signal.SIGTERM, previous)


def tolerant_streams() -> None:
    """Never fail on the bytes a terminal or a pipe gives, whatever the locale.

    Standard input keeps undecodable bytes (as surrogates, which every entry point turns into
    U+FFFD), so one bad line never ends a batch of questions; output replaces what the
    terminal's encoding cannot show.
    """
    for stream, errors in ((sys.stdin, "surrogateescape"), (sys.stdout, "replace"), (sys.stderr, "replace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors=errors)


def reading_of_index(settings: Settings, index: str | None, seeds: str | None) -> Settings:
    """With `--index` and no `--seeds`, the reading is the folder that index was built from."""
    if index is None or seeds is not None:
        return settings
    from bot.core.search.index import recorded_seeds

    recorded = recorded_seeds(settings.index_dir)
    return settings.with_overrides(seeds_dir=recorded) if recorded is not None else settings


class FriendlyError(Exception):
    """An error whose message is meant for the user; `code` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def open_store(settings: Settings) -> Store:
    """The state store, or a FriendlyError saying why it cannot be opened."""
    from bot.core.storage.store import Store as StateStore
    from bot.core.storage.store import StoreError

    try:
        return StateStore(settings.store_target)
    except StoreError as exc:
        raise FriendlyError(str(exc)) from None


def prepared(settings: Settings, store: Store | None = None, reading: str | None = None) -> Agora:
    """The Agora for `settings`, its index loaded or built (notes on stderr); `reading`: an added one."""
    from bot.app.service import Agora
    from bot.core.reading.passages import ReadingError
    from bot.core.search.embedder import ModelError
    from bot.core.search.index import IndexProblem

    agora = Agora(settings, store=store)
    try:
        agora.prepare(say=lambda note: print(note, file=sys.stderr, flush=True))
    except (ReadingError, ModelError, IndexProblem) as exc:
        raise FriendlyError(str(exc)) from None
    if reading is None:
        return agora
    from bot.app.library import ReadingNotFound
    from bot.core.readings.sniff import Refused
    from bot.core.storage.store import Store as StateStore

    own = StateStore(settings.store_target) if store is None else None
    try:
        return reading_cli.reading_agora(settings, agora, store or own, reading)  # type: ignore[return-value]
    except (ReadingNotFound, ValueError, Refused, IndexProblem) as exc:
        raise FriendlyError(str(exc)) from None
    finally:
        if own is not None:
            own.close()
