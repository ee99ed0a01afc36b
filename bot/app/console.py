"""`agora console`: a terminal session that behaves like a Discord channel.

Plain lines are questions; ``/ask``, ``/debate``, ``/source``, ``/about``, ``/status``,
``/reload``, ``/config``, ``/schedule``, ``/prompt now``, ``/privacy``, ``/reading``, ``/help`` and
``/quit`` work as on Discord, through the same handlers (:mod:`bot.app.handlers`). The person at
the terminal is a moderator. Reading from a pipe prints no prompt, so a session can be scripted:
``agora console < questions.txt``.

The terminal is the console server's one channel: scheduled prompts (``/schedule set``) and
``/prompt now`` are printed here by the same scheduler the bot runs, against the local store.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.app import handlers
from bot.app.handlers import Caller, Services, handle_prompt_curation
from bot.app.handlers.conventions import handle_language
from bot.app.handlers.privacy import MEMBER_CONFIRM, SERVER_CONFIRM, SERVER_EXPORT, handle_privacy
from bot.app.posts import Delivery, Post
from bot.app.reply import Reply
from bot.app.scheduler import Scheduler
from bot.core.readings.draft import Upload
from bot.core.text.safe import clean_input

log = logging.getLogger(__name__)

CONSOLE_GUILD = 0  # per-server settings of the console live under this id
CONSOLE_CHANNEL = 0  # the terminal: the console server's one channel
CONSOLE_USER = 0
RECORDS_AT_EXIT = 10.0  # seconds given to answers still being recorded when the session ends
HELP = """Type a question about the reading, or a command:
  /ask QUESTION          the same as typing the question
  /source N [DOCUMENT] [page=P]
                         paragraph N (a page at a time if long), with its neighbours
  /debate [TOPIC]        a debate prompt from the reading
  /about                 what the reading is
  /status                reading, model, index age, answers served
  /insights              questions the reading did not cover, answers marked not helpful
  /reload                rebuild the index from the seeds folder
  /config show | cooldown SECONDS | moderator-role ROLE_ID|none | links on|off | language en|fr
  /privacy [delete]      what Agora keeps about you here, and deleting it
  /privacy server [export FILE | delete]   the same for the console's server
  /schedule set TIME TIMEZONE [DAYS] [thread=off] [poll=off] [role=ROLE_ID]
                         a debate prompt every day (or on DAYS) at TIME, printed here
  /schedule show | pause | resume | off
  /prompt now            the next debate prompt, now
  /prompt preview [N] | skip | remove ID | edit ID QUESTION
  /prompt add N QUESTION | suggest N QUESTION   a prompt on paragraph N (yours, or for review)
  /prompt review [approve ID | reject ID]       suggestions waiting for review
  /standings [channel] [days=N] | mine | forget
                         where the group stands, from the daily polls' votes (your own
                         group, privately; forget deletes your votes)
  /check TEXT            TEXT's quotes and claims checked against the reading
  /reading add NAME FILE...   preview files (.txt .md .pdf .html) as reading NAME;
                         then /reading confirm (index and install it) or /reading cancel
  /reading list | use NAME | remove NAME   the readings; the console's (and every
                         server's default) reading
  /help                  this list
  /quit                  leave (or Ctrl-D)"""


def _is_number(text: str) -> bool:
    """Plain ASCII digits (``str.isdigit`` also accepts "²", which ``int`` refuses)."""
    return text.isascii() and text.isdigit() and len(text) <= 30


def _read_files(names: list[str]) -> list[Upload] | Reply:
    """Local files as uploads (blocking), or the reply that says which one could not be read."""
    uploads = []
    for name in names:
        path = Path(name).expanduser()
        try:
            uploads.append(Upload(path.name, path.read_bytes()))
        except OSError as exc:
            return Reply(f"Cannot read {name}: {exc.strerror or exc}.")
    return uploads


@dataclass
class Console:
    """One console session: parses lines, calls handlers, prints replies."""

    services: Services
    out: TextIO
    styled: bool = False  # a terminal: ANSI bold instead of Markdown stars
    previewed: str | None = None  # the token of the reading previewed last, for /reading confirm

    @property
    def caller(self) -> Caller:
        """The person at the terminal: a moderator of the console's own 'server'."""
        return Caller(CONSOLE_USER, CONSOLE_GUILD, CONSOLE_CHANNEL, is_moderator=True, manages_server=True)

    def show(self, reply: Reply) -> None:
        """Print a reply as the channel would show it."""
        self.print_text(reply.text())

    def print_text(self, text: str) -> None:
        """Print text (Markdown bold as ANSI bold on a terminal), then a blank line."""
        if self.styled:
            text = re.sub(r"\*\*(.+?)\*\*", "\033[1m\\1\033[0m", text, flags=re.DOTALL)
        print(text, file=self.out)
        print(file=self.out)
        self.out.flush()

    async def handle(self, line: str) -> bool:
        """Act on one line; False when the session should end."""
        line = clean_input(line).strip()
        if not line:
            return True
        if not line.startswith("/"):
            self.show(await handlers.handle_ask(self.services, line, self.caller, console=True))
            return True
        command, _, rest = line[1:].partition(" ")
        command, rest = command.lower(), rest.strip()
        if command in ("quit", "exit", "q"):
            return False
        reply = await self.dispatch(command, rest)
        self.show(reply)
        return True

    async def dispatch(self, command: str, rest: str) -> Reply:
        """Run a /command with its argument text."""
        ctx, caller = self.services, self.caller
        if command == "ask":
            if not rest:
                return Reply("Usage: /ask QUESTION")
            return await handlers.handle_ask(ctx, rest, caller, console=True)
        if command == "debate":
            return await handlers.handle_debate(ctx, rest or None, caller)
        if command == "source":
            number, _, document = rest.partition(" ")
            page_match = re.search(r"(?:^|\s)page[=:](\S*)$", document)
            page = page_match.group(1) if page_match else "1"
            document = document[: page_match.start()] if page_match else document
            if not _is_number(number) or not _is_number(page):
                return Reply(
                    "Usage: /source N [DOCUMENT] [page=P] — N is a paragraph number, as cited in answers."
                )
            return await handlers.handle_source(
                ctx, int(number), document.strip() or None, int(page), console=True
            )
        if command == "about":
            return await handlers.handle_about(ctx, console=True)
        if command == "status":
            return await handlers.handle_status(ctx, caller)
        if command == "insights":
            return await handlers.handle_insights(ctx, caller, console=True)
        if command == "reload":
            self.show(Reply("Reloading the reading… (questions are still answered meanwhile)"))
            return await handlers.handle_reload(ctx, caller)
        if command == "config":
            return await self.config(rest)
        if command == "schedule":
            return await self.schedule(rest)
        if command == "prompt":
            if rest.lower() == "now":
                return await handlers.handle_prompt_now(ctx, caller, console=True)
            return await self.prompt(rest)
        if command == "standings":
            return await self.standings(rest)
        if command == "check":
            if not rest:
                return Reply("Usage: /check TEXT — a message whose quotes and claims to check.")
            return await handlers.handle_check(ctx, caller, rest, console=True)
        if command == "help":
            return Reply(HELP)
        if command == "privacy":
            return await self.privacy(rest)
        if command == "reading":
            return await self.reading(rest)
        return Reply(f"Unknown command /{command}. Type /help for the list.")

    async def reading(self, rest: str) -> Reply:
        """/reading add NAME FILE... | confirm | cancel | list | use NAME | remove NAME."""
        try:
            words = shlex.split(rest)
        except ValueError as exc:
            return Reply(f"Could not read that: {exc}.")
        action, args = (words[0].lower(), words[1:]) if words else ("", [])
        ctx, caller = self.services, self.caller
        if action == "add" and len(args) >= 2:
            uploads = await asyncio.to_thread(_read_files, args[1:])
            if isinstance(uploads, Reply):
                return uploads
            reply, self.previewed = await handlers.handle_reading_add(ctx, caller, args[0], uploads)
            if self.previewed is None:
                return reply
            return Reply(
                reply.text() + "\n\nType /reading confirm to install it, /reading cancel to drop it."
            )
        if action == "confirm" and not args and self.previewed is not None:
            token, self.previewed = self.previewed, None

            async def progress(text: str) -> None:
                self.print_text(text)

            return await handlers.handle_reading_confirm(ctx, caller, token, progress)
        if action == "cancel" and not args and self.previewed is not None:
            token, self.previewed = self.previewed, None
            return handlers.handle_reading_cancel(ctx, caller, token)
        if action in ("confirm", "cancel") and not args:
            return Reply("No reading is waiting: preview one with /reading add NAME FILE... first.")
        if action == "list" and not args:
            return await handlers.handle_reading_list(ctx, caller)
        if action == "use" and len(args) == 1:
            return await handlers.handle_reading_use(ctx, caller, args[0], None)
        if action == "remove" and len(args) == 1:
            return await handlers.handle_reading_remove(ctx, caller, args[0])
        return Reply("Usage: /reading add NAME FILE... | confirm | cancel | list | use NAME | remove NAME")

    async def standings(self, rest: str) -> Reply:
        """/standings [channel] [days=N] | mine | forget."""
        words = rest.lower().split()
        if words == ["mine"]:
            return await handlers.handle_my_standing(self.services, self.caller)
        if words == ["forget"]:
            return await handlers.handle_forget_my_votes(self.services, self.caller)
        days = None
        for word in words:
            if word.startswith("days=") and _is_number(word[5:]) and 1 <= int(word[5:]) <= 3650:
                days = int(word[5:])
            elif word != "channel":
                return Reply("Usage: /standings [channel] [days=N] | mine | forget")
        return await handlers.handle_standings(
            self.services, self.caller, channel_only="channel" in words, days=days, picture=False
        )

    async def prompt(self, rest: str) -> Reply:
        """/prompt preview [N] | skip | remove ID | edit ID QUESTION | add|suggest N QUESTION | review."""
        action, _, tail = rest.strip().partition(" ")
        action, tail = action.lower(), tail.strip()
        ctx, caller = self.services, self.caller
        if action == "preview":
            count = int(tail) if _is_number(tail) else None
            return await handle_prompt_curation(ctx, caller, "preview", count=count)
        if action in ("skip", "remove"):
            return await handle_prompt_curation(ctx, caller, action, prompt_id=tail or None)
        if action == "edit":
            pid, _, question = tail.partition(" ")
            return await handle_prompt_curation(ctx, caller, "edit", prompt_id=pid or None, question=question)
        if action in ("add", "suggest"):
            number, _, question = tail.partition(" ")
            paragraph = int(number) if _is_number(number) else None
            return await handle_prompt_curation(ctx, caller, action, paragraph=paragraph, question=question)
        if action == "review":
            verdict, _, number = tail.partition(" ")
            if verdict.lower() in ("approve", "reject"):
                return await handle_prompt_curation(ctx, caller, verdict.lower(), prompt_id=number.strip())
            return await handle_prompt_curation(ctx, caller, "review")
        return await handle_prompt_curation(ctx, caller, action or "help")

    async def privacy(self, rest: str) -> Reply:
        """/privacy [delete], /privacy server [export FILE | delete] (typing it is the confirmation)."""
        words = rest.split()
        ctx, caller = self.services, self.caller
        if not words:
            return await handle_privacy(ctx, caller, console=True)
        if words == ["delete"]:
            return await handle_privacy(ctx, caller, MEMBER_CONFIRM, console=True)
        if words == ["server"]:
            return await handle_privacy(ctx, caller, server=True, console=True)
        if words == ["server", "delete"]:
            return await handle_privacy(ctx, caller, SERVER_CONFIRM, console=True)
        if len(words) == 3 and words[:2] == ["server", "export"]:
            reply = await handle_privacy(ctx, caller, SERVER_EXPORT, console=True)
            target = Path(words[2])
            for file in reply.files:
                try:
                    await asyncio.to_thread(target.write_bytes, file.data)
                except OSError as exc:
                    return Reply(f"Could not write {target}: {exc.strerror or exc}")
                return Reply(f"{reply.content} Written to {target}.")
            return reply
        return Reply("Usage: /privacy [delete] | /privacy server [export FILE | delete]")

    async def config(self, rest: str) -> Reply:
        """/config show | cooldown SECONDS | moderator-role ROLE_ID|none | links on|off."""
        try:
            words = shlex.split(rest)
        except ValueError:
            words = rest.split()
        action = words[0].lower() if words else "show"
        value = words[1] if len(words) > 1 else None
        ctx, caller = self.services, self.caller
        if action == "cooldown":
            if value is None:
                return Reply("Usage: /config cooldown SECONDS (0 turns it off)")
            return await handlers.handle_config(ctx, caller, "cooldown", cooldown=value)
        if action == "language":
            return await handle_language(ctx, caller, value)
        if action == "moderator-role":
            if value is None or value.lower() == "none":
                return await handlers.handle_config(ctx, caller, "moderator-role", role_id=None)
            if not _is_number(value):
                return Reply("Usage: /config moderator-role ROLE_ID|none")
            return await handlers.handle_config(ctx, caller, "moderator-role", role_id=int(value))
        if action == "links":
            choice = {"on": True, "off": False}.get((value or "").lower())
            return await handlers.handle_config(ctx, caller, "links", links=choice)
        return await handlers.handle_config(ctx, caller, action)

    async def schedule(self, rest: str) -> Reply:
        """/schedule set TIME TIMEZONE [DAYS] [thread=off] [poll=off] [role=ID], show, pause, resume, off."""
        try:
            words = shlex.split(rest)
        except ValueError:
            words = rest.split()
        action = words[0].lower() if words else "show"
        ctx, caller = self.services, self.caller
        if action != "set":
            return await handlers.handle_schedule(ctx, caller, action, console=True)
        options: dict[str, str] = {}
        positional: list[str] = []
        for word in words[1:]:
            key, eq, value = word.partition("=")
            if eq:
                options[key.lower()] = value
            elif not word.startswith("#"):  # a channel name: the console has one channel, this one
                positional.append(word)
        if len(positional) < 2:
            return Reply(SCHEDULE_USAGE)
        flags: dict[str, bool] = {}
        for name in ("thread", "poll"):
            value = options.get(name, "on").lower()
            if value not in _SWITCH:
                return Reply(f"{name}= takes on or off, not {value!r}.")
            flags[name] = _SWITCH[value]
        role = options.get("role")
        if role is not None and not _is_number(role):
            return Reply("role= takes a role id (digits).")
        return await handlers.handle_schedule_set(
            ctx,
            caller,
            channel_id=CONSOLE_CHANNEL,
            time_text=positional[0],
            timezone=positional[1],
            days=" ".join(positional[2:]) or options.get("days"),
            thread=flags["thread"],
            poll=flags["poll"],
            role_id=int(role) if role else None,
            console=True,
        )


SCHEDULE_USAGE = (
    "Usage: /schedule set TIME TIMEZONE [DAYS] [thread=off] [poll=off] [role=ROLE_ID], "
    "e.g. /schedule set 09:00 Europe/London weekdays"
)
_SWITCH = {"on": True, "yes": True, "true": True, "off": False, "no": False, "false": False}


class ConsolePublisher:
    """Posts scheduled prompts to the terminal: the message, then its poll and thread as notes."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write
        self._ids = itertools.count(1)

    async def publish(self, post: Post) -> Delivery:
        """Print the post as the channel would show it."""
        lines = ["── Debate prompt posted in this terminal ──", post.content]
        if post.poll is not None:
            answers = " / ".join(post.poll.answers)
            lines.append(f"Poll ({post.poll.hours} h): {post.poll.question} — {answers}")
        thread_id = None
        if post.thread_name:
            thread_id = next(self._ids)
            lines.append(f"Thread opened: {post.thread_name}")
        self._write("\n".join(lines))
        return Delivery(next(self._ids), thread_id)


async def run_session(services: Services, stdin: TextIO, out: TextIO, *, interactive: bool) -> int:
    """Read lines until /quit or end of input; answer each. Returns the exit status.

    Scheduled prompts are printed as they fall due while the session runs.
    """
    console = Console(services, out, styled=interactive and out.isatty())
    task: asyncio.Task[None] | None = None
    if services.scheduler is None:
        services.scheduler = Scheduler(
            services.store, services.agora, ConsolePublisher(console.print_text), clock=services.clock
        )
        task = asyncio.create_task(services.scheduler.run(), name="agora-console-prompts")
    try:
        return await _session(console, stdin, out, interactive=interactive)
    finally:
        await services.recorder.finish(RECORDS_AT_EXIT, close=False)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            services.scheduler = None


async def _session(console: Console, stdin: TextIO, out: TextIO, *, interactive: bool) -> int:
    if interactive:
        log_path = console.services.agora.settings.log_path
        print(
            f"Agora console — type a question, or /help. Ctrl-D or /quit to leave. Log: {log_path}\n",
            file=out,
        )
    while True:
        if interactive:
            print("you> ", end="", file=out, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line:  # end of input
            if interactive:
                print(file=out)
            return 0
        try:
            if not await console.handle(line):
                return 0
        except Exception:  # one bad line must not end the session
            log.exception("Error handling %r", line[:80])
            console.show(Reply("Something went wrong with that; the details are in the log."))
