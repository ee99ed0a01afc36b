"""Handlers of the reading area: ``/ask`` (and mentions), the vote buttons, ``/source``, ``/about``.

Mirrors :mod:`bot.discord_layer.exts.reading`.
"""

from __future__ import annotations

import asyncio

from bot.app import limits
from bot.app.handlers.common import (
    ANSWERS_SERVED,
    Caller,
    Services,
    channel_agora,
    check_rate,
    document_lines,
)
from bot.app.render import first_sentence, render_answer
from bot.app.reply import EmbedField, EmbedSpec, Reply
from bot.app.service import AmbiguousParagraph
from bot.core.reading.passages import Passage
from bot.core.search.answer import QuestionError, clean_question
from bot.core.text.safe import clean_input, neutralise

SHOWN_QUESTION_CHARS = 300


SOURCE_HEADING_CHARS = 300


SOURCE_FOOTER_CHARS = 160  # room kept for "Page 2 of 9: the next is /source …"


RECORD_WAIT = 0.3  # seconds an answer waits for its record (for the vote buttons) before going without


async def check_ask(ctx: Services, question: str, caller: Caller) -> Reply | None:
    """A short private refusal if the question cannot be asked now (empty, rate limit), else None.

    Cheap enough to run before Discord's 3-second acknowledgement, so a refusal can still
    be ephemeral.
    """
    try:
        clean_question(question)
    except QuestionError as exc:
        return Reply(str(exc), ephemeral=True)
    return await check_rate(ctx, caller)


def _record_answer(ctx: Services, caller: Caller, question: str, passage_id: str | None) -> int | None:
    """Count the answer and keep it (blocking; run by the recorder).

    An answer with a passage is kept for votes (its id, for the buttons); a question the
    reading did not cover is kept without one, for /insights (and gets no buttons).
    """
    ctx.store.increment(ANSWERS_SERVED)
    answer_id = ctx.store.record_answer(
        guild_id=caller.guild_id,
        channel_id=caller.channel_id,
        user_id=caller.user_id,
        question=question,
        passage_id=passage_id,
    )
    return answer_id if passage_id is not None else None


async def answer_question(
    ctx: Services, question: str, caller: Caller, *, quote_question: bool = False, console: bool = False
) -> Reply:
    """Find the passage that answers `question`, in one message; record it afterwards.

    The answer never waits on the state file: the record (for the counter and the vote
    buttons) is queued with the recorder. When it is written within a moment the reply
    carries its id (the buttons); otherwise :attr:`Reply.pending_feedback` has it later.
    """
    conversation = f"{caller.channel_key}:{caller.user_id}"
    agora = await channel_agora(ctx, caller)
    answer = await asyncio.to_thread(agora.ask, question, 3, conversation)  # cleaned once, by retrieval
    best = answer.hits[0].passage if answer.answered and answer.hits else None
    recorded = ctx.recorder.submit(
        "an answer",
        lambda: _record_answer(ctx, caller, answer.question, best.id if best else None),
    )
    safe = await ctx.shown(caller.guild_id)
    head = ""
    if quote_question:
        head = f"**Q:** {safe(limits.trim(answer.question, SHOWN_QUESTION_CHARS))}\n"
    more = (
        "_Shown in part: the whole paragraph is `/source {paragraph} {document}`._"
        if console
        else "_Shown in part: the whole paragraph is `/source paragraph:{paragraph} document:{document}`._"
    )
    text = head + render_answer(answer, limit=limits.CONTENT - len(head), more=more, safe=safe)
    answer_id: int | None = None
    if best is not None:
        try:
            answer_id = await asyncio.wait_for(asyncio.shield(recorded), RECORD_WAIT)
        except TimeoutError:
            return Reply(text, pending_feedback=recorded)
    return Reply(text, feedback=answer_id)


async def handle_ask(
    ctx: Services, question: str, caller: Caller, *, quote_question: bool = False, console: bool = False
) -> Reply:
    """`/ask`: the checks, then the answer."""
    refusal = await check_ask(ctx, question, caller)
    if refusal is not None:
        return refusal
    return await answer_question(ctx, question, caller, quote_question=quote_question, console=console)


def _record_vote(ctx: Services, caller: Caller, answer_id: int, helpful: bool) -> bool:
    """Record a vote on a kept answer (blocking; run by the recorder). False if unknown.

    Only an answer given in the caller's own server counts (the button's signed id already
    says so; this keeps one server's votes off another's answers whatever the caller).
    """
    record = ctx.store.answer_record(answer_id)
    if record is None or record.guild_id != caller.guild_id:
        return False
    ctx.store.record_feedback(
        guild_id=record.guild_id,
        channel_id=record.channel_id,
        user_id=caller.user_id,
        question=record.question,
        passage_id=record.passage_id,
        helpful=helpful,
    )
    return True


async def handle_feedback(ctx: Services, caller: Caller, answer_id: int, helpful: bool) -> Reply:
    """A helpful / not helpful vote on an answer, kept for moderators (/status, /insights)."""
    refusal = await check_rate(ctx, caller)
    if refusal is not None:
        return refusal
    recorded = ctx.recorder.submit("a vote", lambda: _record_vote(ctx, caller, answer_id, helpful))
    try:
        known = await asyncio.wait_for(asyncio.shield(recorded), RECORD_WAIT)
    except TimeoutError:
        known = True  # the vote waits in the queue; it will be written when the file allows
    if known is False:
        return Reply("That answer is no longer on record.", ephemeral=True)
    return Reply(f"Thanks: noted as {'helpful' if helpful else 'not helpful'}.", ephemeral=True)


def _whole(parts: list[Passage]) -> str:
    """A paragraph's text from its overlapping windows (each repeats one sentence of the last)."""
    parts = sorted(parts, key=lambda p: p.part)
    text = parts[0].text
    for p in parts[1:]:
        sentences = p.sentence_texts()
        while sentences and text.rstrip().endswith(sentences[0].strip()):
            sentences = sentences[1:]
        if sentences:
            text = text.rstrip() + " " + p.text[p.sentences[len(p.sentences) - len(sentences)][0] :]
    return text


def _pages(block: str, size: int) -> list[str]:
    """A quoted block cut into pages of at most `size` characters (each page still a quote)."""
    return [page if page.startswith(">") else "> " + page for page in limits.split(block, size)]


def _which_document(exc: AmbiguousParagraph, console: bool) -> str:
    """The choices when several documents have the paragraph asked for."""
    lines = [f"Several documents have a ¶{exc.paragraph}. Which one?"]
    lines += [f"• {neutralise(title)} ({neutralise(path)})" for path, title in exc.choices]
    path = exc.choices[0][0].replace("`", "'")  # in a code span
    example = (
        f"/source {exc.paragraph} {path}" if console else f"/source paragraph:{exc.paragraph} document:{path}"
    )
    lines.append(f"Ask again with the document, for example `{example}`.")
    return "\n".join(lines)


async def handle_source(
    ctx: Services,
    paragraph: int,
    document: str | None = None,
    page: int = 1,
    *,
    console: bool = False,
    caller: Caller | None = None,
) -> Reply:
    """`/source`: one paragraph, with its neighbours' first lines for context, in one message.

    A paragraph too long for one message is shown a page at a time, with where to find the
    next page; `page` counts from 1.
    """
    document = clean_input(document).strip() or None if document is not None else None
    try:
        agora = await channel_agora(ctx, caller)
        hits, near = await asyncio.to_thread(agora.passage, paragraph, document)
    except AmbiguousParagraph as exc:
        return Reply(limits.trim(_which_document(exc, console), limits.CONTENT), ephemeral=True)
    except LookupError as exc:  # its message quotes what was asked for, neutralised
        return Reply(limits.trim(str(exc.args[0] if exc.args else exc), limits.CONTENT), ephemeral=True)
    safe = await ctx.shown(caller.guild_id if caller is not None else None)
    first = hits[0]
    title = safe(limits.trim(first.title, SOURCE_HEADING_CHARS // 2))
    heading = f"**{title}, {first.place}**" + (f" · {safe(first.section)}" if first.section else "")
    heading = limits.trim(heading, SOURCE_HEADING_CHARS)
    neighbours = {p.paragraph: p for p in sorted(near, key=lambda p: (p.paragraph, -p.part))}
    context = [
        f"{'Before' if number < paragraph else 'After'}, {p.place}: “{safe(first_sentence(p))}”"
        for number, p in sorted(neighbours.items())
    ]
    block = "\n".join("> " + line if line.strip() else ">" for line in safe(_whole(hits)).split("\n"))
    room = limits.CONTENT - len(heading) - sum(len(line) + 1 for line in context) - SOURCE_FOOTER_CHARS
    pages = _pages(block, max(room, 200))
    if not 1 <= page <= len(pages):
        return Reply(
            f"{first.place} has {len(pages)} page(s): ask for page 1 to {len(pages)}.", ephemeral=True
        )
    lines = [heading, pages[page - 1]]
    if len(pages) > 1:
        doc = first.document.replace("`", "'")  # in a code span
        if page < len(pages):
            how = (
                f"`/source {paragraph} {doc} page={page + 1}`"
                if console
                else f"`/source paragraph:{paragraph} document:{doc} page:{page + 1}`"
            )
            lines.append(f"_Page {page} of {len(pages)}: the next is {how}._")
        else:
            lines.append(f"_Page {page} of {len(pages)} (the last)._")
    lines.extend(context)
    return Reply(limits.trim("\n".join(lines), limits.CONTENT))


DISCORD_USAGE = (
    "`/ask question` — the passage that answers it, quoted and cited\n"
    "Mention me with a question — the same, as a reply\n"
    "`/source paragraph [document]` — a paragraph whole, with its neighbours\n"
    "`/debate [topic]` — a debate prompt from the reading\n"
    "Moderators: `/reload`, `/status`, `/insights`, `/config`, `/schedule`, `/prompt now`"
)


CONSOLE_USAGE = (
    "Type a question — the passage that answers it, quoted and cited\n"
    "/source N [document] — a paragraph whole, with its neighbours\n"
    "/debate [topic] — a debate prompt from the reading\n"
    "/reload, /status, /insights, /config, /schedule, /prompt now, /help, /quit"
)


async def handle_about(ctx: Services, *, console: bool = False) -> Reply:
    """`/about`: what the reading is and how to use Agora."""
    status = await asyncio.to_thread(ctx.agora.status)
    embed = EmbedSpec(
        title="About Agora",
        description="Agora answers questions about a reading with the reading's own words: "
        "the passage that answers, quoted and cited by paragraph.\n\n**The reading**\n"
        + document_lines(status),
        fields=(
            EmbedField("Passages", str(status["passages"]), inline=True),
            EmbedField("Model", str(status["model"]), inline=True),
            EmbedField("How to use", CONSOLE_USAGE if console else DISCORD_USAGE),
        ),
    )
    return Reply(embeds=(embed,))
