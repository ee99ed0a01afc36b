"""Handlers of the readings area: ``/reading add`` (preview, Confirm / Cancel), ``use``, ``list``, ``remove``.

Mirrors :mod:`bot.discord_layer.exts.reading.library`. Only moderators add, bind or remove
readings (checked here as well as by the Discord layer). An upload is read and previewed
first (nothing stored); Confirm installs it in the background while the old version keeps
answering, with a progress message that updates.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence

from bot.app import limits
from bot.app.handlers.common import NOT_IN_SERVER, NOT_MODERATOR, Caller, Services
from bot.app.library import Installed, Library, Proposal, ReadingNotFound
from bot.app.reply import EmbedSpec, Reply
from bot.core.readings.draft import Upload
from bot.core.readings.sniff import Refused
from bot.core.storage.queries.readings import SERVER_DEFAULT
from bot.core.text.safe import neutralise

PROGRESS_EVERY = 2.0  # seconds between edits of the progress message
NO_LIBRARY = "Readings other than the seeds folder need the state store; it is not available."


def _library(ctx: Services) -> Library | None:
    return ctx.agora.readings if isinstance(ctx.agora.readings, Library) else None


def _refusal(caller: Caller) -> Reply | None:
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    if not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    return None


def _moderating(ctx: Services, caller: Caller) -> Library | Reply:
    """The library a moderator in a server works on, or the reply that refuses the command."""
    refusal = _refusal(caller)
    if refusal is not None:
        return refusal
    library = _library(ctx)
    return library if library is not None else Reply(NO_LIBRARY, ephemeral=True)


def preview_reply(proposal: Proposal) -> Reply:
    """The preview, private to the moderator, as an embed."""
    preview = proposal.draft.preview()
    if proposal.changes is not None:
        preview.diff = proposal.changes.counts()
    lines = preview.lines()
    head = lines[0]  # the name (checked: letters, digits, - and _) and counts
    lines = [head] + [
        neutralise(line) if not line.startswith(">") else "> " + neutralise(line[2:]) for line in lines[1:]
    ]
    body = "\n".join(lines[1:])
    verb = "Replace" if proposal.changes is not None else "Install"
    footer = f"Read in {preview.seconds:.1f} s. {verb} it with Confirm; Cancel changes nothing."
    return Reply(
        embeds=(EmbedSpec(title=limits.trim(head, limits.EMBED_TITLE), description=body, footer=footer),),
        ephemeral=True,
    )


async def handle_reading_add(
    ctx: Services, caller: Caller, name: str, uploads: Sequence[Upload]
) -> tuple[Reply, str | None]:
    """Read and preview an upload; the token (for Confirm / Cancel) is None when it was refused."""
    library = _moderating(ctx, caller)
    if isinstance(library, Reply):
        return library, None
    try:
        proposal = await asyncio.to_thread(library.propose, caller.guild_id or 0, name, uploads)
    except (Refused, ValueError) as exc:
        return Reply(f"Not added: {neutralise(str(exc))}", ephemeral=True), None
    return preview_reply(proposal), library.pending.hold(proposal, caller.user_id)


async def handle_reading_confirm(
    ctx: Services, caller: Caller, token: str, progress: Callable[[str], Awaitable[None]]
) -> Reply:
    """Install a previewed reading, saying how far it got every few seconds."""
    refusal = _refusal(caller)
    if refusal is not None:
        return refusal
    library = _library(ctx)
    proposal = library.pending.take(token, caller.user_id) if library is not None else None
    if library is None or proposal is None:
        return Reply(
            "This preview has expired (or was already used): run `/reading add` again.", ephemeral=True
        )
    step = ["Reading…"]
    started = time.monotonic()
    job = asyncio.create_task(asyncio.to_thread(library.install, proposal, caller.user_id, step.append))
    while True:
        done, _ = await asyncio.wait({job}, timeout=PROGRESS_EVERY)
        if done:
            break
        await progress(f"{step[-1]} ({time.monotonic() - started:.0f} s)")
    try:
        installed: Installed = job.result()
    except Exception as exc:  # the old version keeps answering
        return Reply(
            f"`{proposal.name}` could not be installed: {neutralise(str(exc))[:300]}", ephemeral=True
        )
    lines = [
        f"Installed `{installed.name}`: {installed.passages} passages, indexed in {installed.seconds:.0f} s."
    ]
    if installed.changes is not None:
        c = installed.changes.counts()
        lines.append(
            f"Passages of the old version: {c['same']} kept, {c['changed']} re-pointed "
            f"(marked edited since), {c['removed']} orphaned."
        )
    lines.append(f"Use it here with `/reading use name:{installed.name}`.")
    return Reply("\n".join(lines), ephemeral=True)


def handle_reading_cancel(ctx: Services, caller: Caller, token: str) -> Reply:
    """Drop a preview: nothing changes."""
    library = _library(ctx)
    if library is not None:
        library.pending.take(token, caller.user_id)
    return Reply("Cancelled: nothing changed.", ephemeral=True)


async def handle_reading_use(
    ctx: Services, caller: Caller, name: str, channel_id: int | None, *, server: bool = False
) -> Reply:
    """Bind a channel (or the server, as its default) to a reading."""
    library = _moderating(ctx, caller)
    if isinstance(library, Reply):
        return library
    target = SERVER_DEFAULT if server else (channel_id or caller.channel_id or SERVER_DEFAULT)
    try:
        used = await asyncio.to_thread(library.use, caller.guild_id or 0, target, name)
    except (ReadingNotFound, ValueError) as exc:
        return Reply(neutralise(str(exc)), ephemeral=True)
    where = "This server (where no channel has its own)" if target == SERVER_DEFAULT else f"<#{target}>"
    return Reply(f"{where} now draws on the reading `{used}` (threads in it too).", ephemeral=True)


async def handle_reading_list(ctx: Services, caller: Caller) -> Reply:
    """The readings of this server, and which channels use each."""
    library = _moderating(ctx, caller)
    if isinstance(library, Reply):
        return library
    items = await asyncio.to_thread(library.listing, caller.guild_id or 0)
    lines = []
    for item in items:
        where = ["server default"] if item["default"] else []
        where += [f"<#{c}>" for c in item["channels"]]  # type: ignore[union-attr]
        kind = " (seeds folder)" if item["name"] == "seeds" else (" (install)" if item["install"] else "")
        lines.append(f"• `{item['name']}`{kind}" + (f": {', '.join(where)}" if where else ""))
    return Reply("\n".join(lines), ephemeral=True)


async def handle_reading_remove(ctx: Services, caller: Caller, name: str) -> Reply:
    """Remove one of this server's readings (its channels go back to the server's default)."""
    library = _moderating(ctx, caller)
    if isinstance(library, Reply):
        return library
    try:
        removed = await asyncio.to_thread(library.remove, caller.guild_id or 0, name)
    except ValueError as exc:
        return Reply(neutralise(str(exc)), ephemeral=True)
    if not removed:
        return Reply(f"This server has no reading called `{neutralise(name)[:40]}`.", ephemeral=True)
    return Reply(f"Removed `{name}`; its channels use the server's default reading now.", ephemeral=True)
