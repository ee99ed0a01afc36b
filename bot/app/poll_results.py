"""When a daily prompt's poll ends: the votes per answer and the share of each side, for its thread.

Discord ends a poll by sending the poll message again with ``results.is_finalized`` set and
a count per answer (answers nobody chose are left out). Answers such as "Not sure" take no
side: the share of each side is counted among the members who took one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.app.i18n import LANGUAGES, t

if TYPE_CHECKING:
    from bot.core.storage.store import Store

NEUTRAL = frozenset(
    {"not sure", "unsure", "undecided", "don't know", "no opinion", "neither"}
    | {t("poll.not_sure", lang).lower() for lang in LANGUAGES}
)


@dataclass(frozen=True)
class Tally:
    """A finished poll: its question and (answer, votes) in the poll's order."""

    question: str
    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        """All votes."""
        return sum(n for _, n in self.counts)

    def sides(self) -> list[tuple[str, int]]:
        """The answers that take a side, with their votes."""
        return [(a, n) for a, n in self.counts if a.strip().lower() not in NEUTRAL]


def finished_poll(message: Mapping[str, Any]) -> Tally | None:
    """The tally of a message's poll once Discord has finalised it, else None."""
    poll = message.get("poll")
    if not isinstance(poll, Mapping):
        return None
    results = poll.get("results")
    if not isinstance(results, Mapping) or not results.get("is_finalized"):
        return None
    votes = {int(c.get("id", 0)): int(c.get("count", 0)) for c in results.get("answer_counts") or ()}
    counts = tuple(
        (
            str((a.get("poll_media") or {}).get("text") or f"Answer {a.get('answer_id')}"),
            votes.get(int(a.get("answer_id", 0)), 0),
        )
        for a in poll.get("answers") or ()
    )
    question = str((poll.get("question") or {}).get("text") or "")
    return Tally(question, counts)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _votes(n: int, language: str | None) -> str:
    return t("poll.one_vote", language) if n == 1 else t("poll.many_votes", language, n=n)


def render_result(tally: Tally, language: str | None = None, fate: str | None = None) -> str:
    """The message posted in the prompt's thread, in the server's `language`.

    `fate`: "edited" or "orphaned" when the prompt's passage changed in a new version of the
    reading since the prompt was posted (said on a last line).
    """
    total = tally.total
    lines = [f"**{t('poll.closed', language)}** {tally.question}".rstrip()]
    changed = f"*{t('poll.fate', language, fate=t('fate.' + fate, language))}*" if fate else None
    if total == 0:
        lines.append(t("poll.nobody", language))
        return "\n".join([*lines, *([changed] if changed else [])])
    for answer, votes in tally.counts:
        share = _percent(votes, total)
        lines.append(t("poll.line", language, answer=answer, votes=_votes(votes, language), share=share))
    sides = tally.sides()
    taken = sum(n for _, n in sides)
    if len(sides) >= 2 and taken:
        shares = " · ".join(f"{a} {_percent(n, taken)}" for a, n in sides)
        lines.append(t("poll.sides", language, taken=taken, shares=shares))
    lines.append(t("poll.total", language, votes=_votes(total, language)))
    if changed:
        lines.append(changed)
    return "\n".join(lines)


def result_post(
    store: Store, message_id: int, guild_id: int | None, message: Mapping[str, Any]
) -> tuple[int, str] | None:
    """Where to post a finished poll's result (the prompt's thread, else its channel) and what.

    None when the message is not one of Agora's daily prompts, its poll has not ended, or the
    result was already posted (by this process or another). Blocking: call it in a thread.
    """
    tally = finished_poll(message)
    if tally is None:
        return None
    post = store.post_for_message(message_id)
    if post is None or not store.claim_poll_result(message_id, guild_id):
        return None
    language = store.guild_settings(post.guild_id).language
    fate = store.prompt_fate(post.guild_id, post.prompt_id, post.created_at) if post.prompt_id else None
    return (post.thread_id or post.channel_id), render_result(tally, language, fate)
