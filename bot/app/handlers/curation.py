"""`/prompt preview|skip|remove|edit|add|suggest|review`: moderators in control of the deck.

Shared by the Discord cog and the console, like :mod:`bot.app.handlers`. Everything but
``suggest`` is for moderators (checked here as well as by the calling layer). Changes are
per server and kept in the store: a removed prompt is never dealt there again, an edited one
keeps its quote, a moderator's own prompt joins the rotation at once, and a member's
suggestion waits for ``/prompt review``.
"""

from __future__ import annotations

import asyncio
import logging

from bot.app import limits
from bot.app.handlers.common import NOT_IN_SERVER, NOT_MODERATOR, Caller, Services, channel_agora
from bot.app.reply import Reply
from bot.core.prompts.curation import CurationError
from bot.core.text.safe import neutralise

log = logging.getLogger(__name__)

PREVIEW_MAX = 10
QUOTE_CHARS = 160
MODERATOR_ACTIONS = frozenset({"preview", "skip", "remove", "edit", "add", "review", "approve", "reject"})


def _short(text: str, limit: int = QUOTE_CHARS) -> str:
    return limits.trim(" ".join(text.split()), limit)


def _line(prompt: object, number: int | None = None) -> str:
    lead = f"{number}. " if number is not None else ""
    pid = getattr(prompt, "id", "?")
    question = getattr(prompt, "question", "")
    quote = _short(str(getattr(prompt, "quote", "")))
    cite = f"{getattr(prompt, 'title', '')}, ¶{getattr(prompt, 'paragraph', '')}"
    return f"{lead}`{pid}` **{question}**\n> {quote}\n— {cite}"


async def handle_prompt_curation(
    ctx: Services,
    caller: Caller,
    action: str,
    *,
    prompt_id: str | None = None,
    question: str | None = None,
    paragraph: int | None = None,
    document: str | None = None,
    count: int | None = None,
) -> Reply:
    """Run one curation action for `caller`; every reply is shown to the caller only."""
    if caller.guild_id is None:
        return Reply(NOT_IN_SERVER, ephemeral=True)
    if action in MODERATOR_ACTIONS and not caller.is_moderator:
        return Reply(NOT_MODERATOR, ephemeral=True)
    agora, key = await channel_agora(ctx, caller), caller.channel_key
    try:
        if action == "preview":
            wanted = max(1, min(PREVIEW_MAX, count or 3))
            dealt = await asyncio.to_thread(agora.preview, key, wanted)
            if not dealt:
                return Reply(
                    "The rotation is empty: the deck has no prompts for this reading.", ephemeral=True
                )
            lines = [
                f"**Next {len(dealt)} prompt(s) here** (`/prompt skip`, `remove ID`, `edit ID QUESTION`):"
            ]
            lines += [_line(d.prompt, n) for n, d in enumerate(dealt, start=1)]
            return Reply(limits.trim("\n".join(lines), limits.CONTENT), ephemeral=True)
        if action == "skip":
            skipped = await asyncio.to_thread(agora.next_prompt, key, "skip")
            if skipped is None:
                return Reply("Nothing to skip: the deck is empty.", ephemeral=True)
            upcoming = await asyncio.to_thread(agora.preview, key, 1)
            text = f"Skipped `{skipped.prompt.id}` for now (it comes back next cycle)."
            if upcoming:
                text += f" Next up:\n{_line(upcoming[0].prompt)}"
            return Reply(limits.trim(text, limits.CONTENT), ephemeral=True)
        if action == "remove":
            if not prompt_id:
                return Reply("Usage: /prompt remove ID (ids are shown by /prompt preview).", ephemeral=True)
            removed = await asyncio.to_thread(agora.remove_prompt, key, prompt_id.strip(), caller.user_id)
            return Reply(
                limits.trim(
                    f"Removed `{removed.id}`: it will not be posted in this server again.", limits.CONTENT
                ),
                ephemeral=True,
            )
        if action == "edit":
            if not prompt_id or not question:
                return Reply("Usage: /prompt edit ID QUESTION (the quote stays as it is).", ephemeral=True)
            edited = await asyncio.to_thread(
                agora.edit_prompt, key, prompt_id.strip(), question, caller.user_id
            )
            return Reply(
                limits.trim(f"Rephrased. From now on here:\n{_line(edited)}", limits.CONTENT), ephemeral=True
            )
        if action in ("add", "suggest"):
            if paragraph is None or not question:
                return Reply(f"Usage: /prompt {action} PARAGRAPH QUESTION [DOCUMENT]", ephemeral=True)
            row, made = await asyncio.to_thread(
                lambda: agora.add_prompt(
                    key,
                    paragraph,
                    question,
                    caller.user_id,
                    document=document,
                    suggestion=action == "suggest",
                )
            )
            if action == "add":
                text = f"Added to this server's rotation:\n{_line(made)}"
            else:
                text = f"Thanks: suggestion #{row} is waiting for a moderator's review.\n{_line(made)}"
            return Reply(limits.trim(text, limits.CONTENT), ephemeral=True)
        if action == "review":
            pending = await asyncio.to_thread(agora.suggestions, key)
            if not pending:
                return Reply("No suggestions are waiting for review.", ephemeral=True)
            lines = [f"**{len(pending)} suggestion(s) waiting** (`/prompt review approve ID`, `reject ID`):"]
            for row, made in pending[:PREVIEW_MAX]:
                lines.append(
                    f"#{row.id} from <@{row.author_id}>: "
                    + (_line(made) if made else neutralise(row.question))
                )
            return Reply(limits.trim("\n".join(lines), limits.CONTENT), ephemeral=True)
        if action in ("approve", "reject"):
            number = (prompt_id or "").lstrip("#")
            if not number.isdigit():
                return Reply(
                    f"Usage: /prompt review {action} ID (ids are shown by /prompt review).", ephemeral=True
                )
            done = await asyncio.to_thread(
                agora.review, key, int(number), action == "approve", caller.user_id
            )
            if not done:
                return Reply(f"No suggestion #{number} is waiting for review.", ephemeral=True)
            verdict = "approved: it joins this server's rotation" if action == "approve" else "rejected"
            return Reply(f"Suggestion #{number} {verdict}.", ephemeral=True)
    except (CurationError, LookupError) as exc:
        return Reply(str(exc).strip("'\""), ephemeral=True)
    return Reply(
        "Usage: /prompt now | preview [COUNT] | skip | remove ID | edit ID QUESTION | "
        "add PARAGRAPH QUESTION | "
        "suggest PARAGRAPH QUESTION | review [approve|reject ID]",
        ephemeral=True,
    )
