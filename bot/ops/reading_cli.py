"""``agora reading add|list|use|remove``: the install's readings from the command line.

The same code as ``/reading`` on Discord (:class:`bot.app.library.Library`). Without
``--guild`` a reading is the install's: every server may use it by name.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app.library import Installed, Proposal
    from bot.settings import Settings

EXIT_NOTHING = 1
EXIT_USAGE = 2


def add_parsers(sub: argparse._SubParsersAction, exits: object) -> None:
    """`agora reading …` and its subcommands."""
    reading = sub.add_parser("reading", help="readings other than the seeds folder: add, list, use, remove")
    verbs = reading.add_subparsers(dest="verb", required=True)
    p = exits(  # type: ignore[operator]
        verbs.add_parser(
            "add",
            help="preview a reading from files (and install it with --yes)",
            description="Read .txt, .md, .pdf (with a text layer) or .html files as one reading and "
            "print its preview; with --yes, index and install it. Adding a name that exists shows "
            "what changed and what became of the passages referenced before (kept, re-pointed, "
            "orphaned).",
        )
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--name", required=True, help="the reading's name (letters, digits, - and _)")
    p.add_argument("--yes", action="store_true", help="install it (without: preview only)")
    p.add_argument("--json", action="store_true", help="print JSON (with each reference's fate)")
    p.add_argument("--guild", type=int, default=0, help="a server's reading instead of the install's")
    p = exits(verbs.add_parser("list", help="the readings and the channels that use them"))  # type: ignore[operator]
    p.add_argument("--guild", type=int, default=0)
    p.add_argument("--json", action="store_true")
    p = exits(verbs.add_parser("use", help="have a channel (or a server) use a reading"))  # type: ignore[operator]
    p.add_argument("name", help="a reading's name (`seeds`: the seeds folder)")
    p.add_argument("--channel", type=int, help="the channel's id (without: the server's default)")
    p.add_argument("--guild", type=int, default=0, help="the server's id (default 0: every server)")
    p = exits(verbs.add_parser("remove", help="remove a reading"))  # type: ignore[operator]
    p.add_argument("name")
    p.add_argument("--guild", type=int, default=0)


def cmd_reading(args: argparse.Namespace, settings: Settings, friendly: type[Exception]) -> int:
    """Run one `agora reading` subcommand (the seeds folder's index is not needed: not loaded)."""
    from bot.app.library import Library, ReadingNotFound
    from bot.app.service import Agora
    from bot.core.readings.draft import Upload
    from bot.core.readings.sniff import Refused
    from bot.core.storage.store import Store, StoreError

    try:
        store = Store(settings.store_target)
    except StoreError as exc:
        raise friendly(str(exc)) from None
    try:
        library = Library(Agora(settings, store=store), store)
        if args.verb == "add":
            uploads = []
            for name in args.files:
                path = Path(name)
                try:
                    uploads.append(Upload(path.name, path.read_bytes()))
                except OSError as exc:
                    raise friendly(f"Cannot read {name}: {exc.strerror or exc}.", EXIT_USAGE) from None  # type: ignore[call-arg]
            try:
                proposal = library.propose(args.guild, args.name, uploads)
            except (Refused, ValueError) as exc:
                raise friendly(str(exc)) from None
            if not args.json:
                _print_preview(proposal)
            installed = library.install(proposal, None, _progress(args)) if args.yes else None
            _print_add(args, proposal, installed)
            return 0
        if args.verb == "list":
            items = library.listing(args.guild)
            if args.json:
                print(json.dumps(items, ensure_ascii=False))
            else:
                for item in items:
                    where = ["default"] if item["default"] else []
                    where += [f"#{c}" for c in item["channels"]]  # type: ignore[union-attr]
                    print(f"{item['name']}" + (f"  ({', '.join(where)})" if where else ""))
            return 0
        if args.verb == "use":
            try:
                name = library.use(args.guild, args.channel or 0, args.name)
            except (ReadingNotFound, ValueError) as exc:
                raise friendly(str(exc)) from None
            target = f"Channel {args.channel}" if args.channel else "The server's default"
            print(f"{target} now uses the reading `{name}`.")
            return 0
        if args.verb == "remove":
            if not library.remove(args.guild, args.name):
                print(f"No reading called `{args.name}` to remove.", file=sys.stderr)
                return EXIT_NOTHING
            print(f"Removed the reading `{args.name}`.")
            return 0
    finally:
        store.close()
    return EXIT_USAGE


def _progress(args: argparse.Namespace) -> object:
    return None if args.json else (lambda text: print(text, file=sys.stderr, flush=True))


def _preview(proposal: Proposal) -> object:
    preview = proposal.draft.preview()
    if proposal.changes is not None:
        preview.diff = proposal.changes.counts()
    return preview


def _print_preview(proposal: Proposal) -> None:
    preview = _preview(proposal)
    print("\n".join(preview.lines()))  # type: ignore[attr-defined]
    print(f"(read in {preview.seconds:.2f} s)", flush=True)  # type: ignore[attr-defined]


def _print_add(args: argparse.Namespace, proposal: Proposal, installed: Installed | None) -> None:
    preview = _preview(proposal)
    if args.json:
        data = preview.to_json() | {"installed": installed is not None}
        if proposal.changes is not None:
            data["references"] = [f.to_json() for f in proposal.changes.fates.values()]
        if installed is not None:
            data["build_seconds"] = round(installed.seconds, 3)
            data["embedded"] = installed.embedded
        print(json.dumps(data, ensure_ascii=False))
        return
    if installed is None:
        print("Preview only: add --yes to install it.")
        return
    if proposal.changes is not None:
        c = proposal.changes.counts()
        print(
            f"Passages of the old version: {c['same']} kept, {c['changed']} re-pointed "
            f"(marked edited since), {c['removed']} orphaned; stored references follow them."
        )
    print(
        f"Installed `{installed.name}`: {installed.passages} passages indexed in {installed.seconds:.1f} s."
    )


def reading_agora(settings: Settings, agora: object, store: object, name: str, guild: int = 0) -> object:
    """The Agora of reading `name` for `--reading` (the seeds folder's for `seeds`)."""
    from bot.app.library import Library

    return Library(agora, store).named(guild, name)  # type: ignore[arg-type]
