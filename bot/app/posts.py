"""What a daily debate post looks like: its text, thread name, poll and the poll's stances.

Discord-free and stateless: :func:`compose_post` turns a dealt prompt into a :class:`Post`
that a :class:`Publisher` (Discord, the console) sends. Every field that comes from the
reading, a moderator or a language model goes through the neutraliser. :func:`poll_stances`
maps each poll answer to a stance on the prompt's claim (what the standings read).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.app import limits
from bot.app.i18n import LANGUAGES, t
from bot.core.text.safe import neutralise, plain

POLL_ANSWERS = ("Agree", "Disagree", "Not sure")
POLL_HOURS = 24  # how long a daily poll stays open
POLL_QUESTION_MAX = 300
POLL_ANSWER_MAX = 55  # Discord's limit on a poll answer's text
THREAD_NAME_MAX = 100
COUNTERPOINT_MAX = 350
ANGLE_MAX = 220


@dataclass(frozen=True)
class PollSpec:
    """A native poll to attach to the post."""

    question: str
    answers: tuple[str, ...] = POLL_ANSWERS
    hours: int = POLL_HOURS


@dataclass(frozen=True)
class Post:
    """What to send: the message, the thread to open under it, the poll, the role to ping."""

    guild_id: int
    channel_id: int
    content: str
    thread_name: str | None = None
    poll: PollSpec | None = None
    role_id: int | None = None
    nonce: str | None = None  # the same for every attempt at one post: Discord keeps one message


@dataclass(frozen=True)
class Delivery:
    """What a publisher managed: the message (None if nothing was posted), the thread, problems."""

    message_id: int | None
    thread_id: int | None = None
    problems: tuple[str, ...] = ()

    @property
    def delivered(self) -> bool:
        """Whether the message reached the channel."""
        return self.message_id is not None


class Publisher(Protocol):
    """Sends a :class:`Post` somewhere (Discord, the terminal).

    It never raises for Discord's refusals: it degrades (no poll, no thread) where it can
    and reports the problems.
    """

    async def publish(self, post: Post) -> Delivery:
        """Send `post`; report what happened."""
        ...


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def thread_name(prompt: Any, language: str | None = None, *, links: bool = False) -> str:
    """A thread title from the prompt's topic (or its question), within Discord's 100 characters.

    A thread name is plain text: it goes through :func:`~bot.core.text.safe.plain`.
    """
    topic = " ".join(str(_field(prompt, "topic") or "").split())
    if topic:
        topic = f"{topic[:1].upper()}{topic[1:]}"
    else:
        topic = " ".join(str(_field(prompt, "question") or t("post.thread_default", language)).split())
    return limits.trim(plain(t("post.thread", language, topic=topic), links=links), THREAD_NAME_MAX)


def render_post(
    prompt: Any, cycle: int, role_id: int | None = None, language: str | None = None, *, links: bool = False
) -> str:
    """The daily post's text: the quote and its citation, the question, the other side, compactly.

    The other side is the counterpoint when the prompt has one, else its for / against angles.
    Agora's own words are in `language` (the server's); the reading's stay as they are. Every
    field but Agora's own words goes through the neutraliser
    (:func:`~bot.core.text.safe.neutralise`; `links`: the server lets web links stay clickable),
    so a moderator's, member's or model's question formats nothing and links nowhere.
    """

    def safe(value: object, limit: int | None = None) -> str:
        text = str(value if value is not None else "")
        return neutralise(limits.trim(" ".join(text.split()), limit) if limit else text, links=links)

    head = f"**{t('post.today', language)}**" + (
        f" · {t('post.cycle', language, cycle=cycle)}" if cycle > 1 else ""
    )
    lines = [f"<@&{role_id}> {head}" if role_id else head]
    quote = safe(str(_field(prompt, "quote") or "").strip())
    if quote:
        lines.extend("> " + line if line.strip() else ">" for line in quote.split("\n"))
        lines.append(f"— {safe(_field(prompt, 'title'))}, ¶{_field(prompt, 'paragraph')}")
    lines.append(f"**{safe(_field(prompt, 'question'))}**")
    lines.extend(other_side(prompt, safe, language))
    return limits.trim("\n".join(lines), limits.CONTENT)


def other_side(prompt: Any, safe: Callable[..., str], language: str | None = None) -> list[str]:
    """The lines that give a prompt's other side, the same in a daily post and under `/debate`.

    A two-sided prompt: the author's answer to the view it reports, quoted. Else the
    counterpoint, when the reading has one; else the for / against angles that frame the claim
    (the against angle is the counterpoint itself, so it never shows twice). A passage of
    another document than the prompt's is cited with its title (¶ numbers repeat across
    documents). `safe(text, limit)` neutralises and bounds each field.
    """

    def where(part: Any) -> str:
        title = _field(part, "title")
        mark = f"¶{_field(part, 'paragraph')}"
        return f"{safe(title)}, {mark}" if title and title != _field(prompt, "title") else mark

    sides = _field(prompt, "sides") or ()
    if len(sides) > 1:  # a two-sided prompt: the other side is the author's answer, quoted
        other = sides[1]
        answers = t("post.answers", language, holder=safe(_field(other, "holder")))
        return [f"**{answers}** ({where(other)}): {safe(_field(other, 'quote'), COUNTERPOINT_MAX)}"]
    counter = _field(prompt, "counterpoint")
    if counter is not None and _field(counter, "text"):
        text = safe(_field(counter, "text"), COUNTERPOINT_MAX)
        return [f"**{t('post.other_side', language)}** ({where(counter)}): {text}"]
    angles = _field(prompt, "angles") or {}  # without a counterpoint, the two angles frame it
    lines = []
    for side in ("for", "against"):
        angle = angles.get(side) if isinstance(angles, dict) else None
        if angle:
            lines.append(f"**{t(f'post.{side}', language)}:** {safe(angle, ANGLE_MAX)}")
    return lines


def poll_answers(language: str | None = None) -> tuple[str, ...]:
    """Agree / Disagree / Not sure, in `language`."""
    return tuple(t(key, language) for key in ("poll.agree", "poll.disagree", "poll.not_sure"))


def _answers(prompt: Any, language: str | None = None, *, links: bool = False) -> tuple[str, ...]:
    """The prompt's own poll answers (the two sides of a two-sided prompt), else the default."""
    answers = tuple(
        limits.trim(plain(" ".join(str(a).split()), links=links), POLL_ANSWER_MAX)
        for a in (_field(prompt, "answers") or ())
        if str(a).strip()
    )
    if answers == POLL_ANSWERS or not 2 <= len(answers) <= 10:
        return poll_answers(language)
    return answers


_PASS = re.compile(r"\b(?:not sure|unsure|undecided|depends|neither|both|no opinion|pass)\b", re.IGNORECASE)
_DISAGREE = re.compile(r"\b(?:disagree\w*|no|against|oppose\w*|reject\w*)\b", re.IGNORECASE)
_AGREE = re.compile(r"\b(?:agree\w*|yes|for|support\w*|side with)\b", re.IGNORECASE)
_OWN_STANCES = {"agree": "agree", "disagree": "disagree", "unsure": "pass"}  # a prompt's stances, as recorded


def poll_stances(prompt: Any, answers: tuple[str, ...]) -> dict[int, str]:
    """The stance each poll answer means on the prompt's claim, by Discord's answer id (1, 2, …).

    The default answers (Agree / Disagree / Not sure, in any of Agora's languages) are what
    they say. A deck prompt carries its answers' stances (``Prompt.stances``: agree /
    disagree / unsure, recorded as pass) and they are used as they are. Otherwise a
    two-sided prompt's claim is the view the author answers, so its first side agrees with
    it and its second disagrees; answers a language model phrased are read by their words;
    one that says neither gets no stance, and votes on it are not recorded.
    """
    if any(tuple(answers) == poll_answers(language) for language in LANGUAGES):
        return dict(enumerate(("agree", "disagree", "pass"), start=1))
    two_sided = len(_field(prompt, "sides") or ()) > 1
    own = dict(
        zip(
            (str(a) for a in (_field(prompt, "answers") or ())),
            (str(s) for s in (_field(prompt, "stances") or ())),
            strict=False,
        )
    )
    out: dict[int, str] = {}
    for i, answer in enumerate(answers):
        if own.get(answer) in _OWN_STANCES:  # the deck says what each of its answers means
            stance = _OWN_STANCES[own[answer]]
        elif _PASS.search(answer):
            stance = "pass"
        elif two_sided and i < 2:
            stance = "agree" if i == 0 else "disagree"
        elif _DISAGREE.search(answer):
            stance = "disagree"
        elif _AGREE.search(answer):
            stance = "agree"
        else:
            continue
        out[i + 1] = stance
    return out


def compose_post(
    prompt: Any,
    cycle: int,
    *,
    guild_id: int,
    channel_id: int,
    thread: bool = True,
    poll: bool = True,
    role_id: int | None = None,
    nonce: str | None = None,
    language: str | None = None,
    links: bool = False,
) -> Post:
    """The :class:`Post` for a dealt prompt, with the schedule's thread, poll and role choices.

    Agora's own words (headings, poll answers, the thread's prefix) are in `language`;
    `links`: the server lets web links in shown text stay clickable (``/config links``).
    """
    question = plain(" ".join(str(_field(prompt, "question") or "").split()), links=links) or t(
        "post.default_question", language
    )
    poll_spec = PollSpec(limits.trim(question, POLL_QUESTION_MAX), _answers(prompt, language, links=links))
    return Post(
        guild_id=guild_id,
        channel_id=channel_id,
        content=render_post(prompt, cycle, role_id, language, links=links),
        thread_name=thread_name(prompt, language, links=links) if thread else None,
        poll=poll_spec if poll else None,
        role_id=role_id,
        nonce=nonce,
    )
