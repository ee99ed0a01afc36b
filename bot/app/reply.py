"""What a handler answers, independent of where it is shown (Discord or the console).

A :class:`Reply` may be longer than one Discord message allows; :meth:`Reply.parts` cuts it
into messages that each fit every limit in :mod:`bot.app.limits`.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass, field

from bot.app import limits

EMPTY = "\u200b"  # a zero-width space: what Discord accepts where something must be shown
NOTHING = "(Nothing to show.)"
CUT_NOTE = "_(Cut here: the rest was too long to post.)_"


@dataclass(frozen=True)
class EmbedField:
    """One name/value pair of an embed."""

    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reply (the opinion map's picture, a server's data export)."""

    name: str  # a plain file name: "standings.png"
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class EmbedSpec:
    """An embed without any Discord types (no URLs; an image only as one of the reply's files)."""

    title: str | None = None
    description: str | None = None
    fields: tuple[EmbedField, ...] = ()
    footer: str | None = None
    image: str | None = None  # the name of an Attachment of the same reply, shown in the embed

    def fitted(self) -> EmbedSpec:
        """A copy trimmed to Discord's per-part limits and 6,000-character total."""
        title = limits.trim(self.title, limits.EMBED_TITLE) if _shown(self.title) else None
        footer = limits.trim(self.footer, limits.FOOTER) if _shown(self.footer) else None
        description = (
            limits.trim(self.description, limits.EMBED_DESCRIPTION) if _shown(self.description) else None
        )
        fields = tuple(
            EmbedField(_filled(f.name, limits.FIELD_NAME), _filled(f.value, limits.FIELD_VALUE), f.inline)
            for f in self.fields[: limits.FIELDS_PER_EMBED]
        )
        spec = EmbedSpec(title, description, fields, footer, self.image)
        excess = spec.size() - limits.EMBED_TOTAL
        if excess > 0 and spec.description:  # the description gives way first
            keep = max(0, len(spec.description) - excess)
            spec = EmbedSpec(title, limits.trim(spec.description, keep) or None, fields, footer, self.image)
        while spec.size() > limits.EMBED_TOTAL and spec.fields:
            spec = EmbedSpec(spec.title, spec.description, spec.fields[:-1], spec.footer, self.image)
        if not (spec.title or spec.description or spec.fields or spec.footer or spec.image):
            spec = EmbedSpec(description=EMPTY)  # Discord refuses an embed with nothing in it
        return spec

    def size(self) -> int:
        """Characters counted against the 6,000 total."""
        return (
            len(self.title or "")
            + len(self.description or "")
            + len(self.footer or "")
            + sum(len(f.name) + len(f.value) for f in self.fields)
        )

    def text(self) -> str:
        """Plain-text rendering (the console)."""
        lines = []
        if self.title:
            lines += [self.title, "─" * min(len(self.title), 60)]
        if self.description:
            lines.append(self.description)
        for f in self.fields:
            value = f.value.replace("\n", "\n  ")
            lines.append(f"{f.name}: {value}")
        if self.footer:
            lines.append(self.footer)
        return "\n".join(lines)


@dataclass(frozen=True)
class Action:
    """A button under a reply: what the surface calls back with when it is pressed, and its label."""

    id: str  # "privacy:delete-me", …: the surface maps it back to a handler (the console: a command)
    label: str
    danger: bool = False


@dataclass(frozen=True)
class Part:
    """One message's worth of a reply."""

    content: str = ""
    embeds: tuple[EmbedSpec, ...] = ()
    feedback: int | None = None  # answer id for helpful / not helpful buttons, on the last part
    files: tuple[Attachment, ...] = ()  # on the last part
    shareable: bool = False  # a private answer with a button that posts it for everyone
    actions: tuple[Action, ...] = ()  # buttons, on the last part


@dataclass(frozen=True)
class Reply:
    """A handler's answer: text, embeds, whether only the asker sees it, and a feedback hook."""

    content: str = ""
    embeds: tuple[EmbedSpec, ...] = ()
    ephemeral: bool = False
    feedback: int | None = None  # the recorded answer's id, when votes are invited
    files: tuple[Attachment, ...] = ()  # sent with the last message
    shareable: bool = False  # a private reply offering a button to post it in the channel
    # The answer's id still being recorded (an awaitable of int | None): buttons come later.
    pending_feedback: Awaitable[int | None] | None = field(default=None, compare=False, repr=False)
    actions: tuple[Action, ...] = ()  # buttons under the last message

    def parts(self) -> list[Part]:
        """The reply as messages that each fit Discord's limits: at least one, at most MAX_PARTS.

        No part is empty or blank, and nothing in a part exceeds a limit, whatever the text.
        """
        texts = limits.split(self.content, limits.CONTENT) if self.content else []
        embeds = [e.fitted() for e in self.embeds]
        batches = [
            tuple(embeds[i : i + limits.EMBEDS_PER_MESSAGE])
            for i in range(0, len(embeds), limits.EMBEDS_PER_MESSAGE)
        ]
        parts = [Part(content=t) for t in texts[:-1]]
        last_text = texts[-1] if texts else ""
        if batches:
            # The embeds ride with the last piece of text, then any further batches follow.
            parts.append(Part(content=last_text, embeds=batches[0]))
            parts.extend(Part(embeds=b) for b in batches[1:])
        else:
            parts.append(Part(content=last_text))
        # Six thousand characters per message counts all embeds together.
        parts = [p for part in parts for p in _spread(part)]
        parts = [p if p.content.strip() else Part("", p.embeds) for p in parts]
        parts = [p for p in parts if p.content or p.embeds] or [Part(NOTHING)]
        if len(parts) > limits.MAX_PARTS:
            parts = parts[: limits.MAX_PARTS]
            last = parts[-1]
            kept = limits.trim(last.content, limits.CONTENT - len(CUT_NOTE) - 1) if last.content else ""
            parts[-1] = Part(f"{kept}\n{CUT_NOTE}".strip(), last.embeds)
        last = parts[-1]
        parts[-1] = Part(last.content, last.embeds, self.feedback, self.files, self.shareable, self.actions)
        return parts

    def text(self) -> str:
        """The whole reply as plain text (the console)."""
        chunks = [self.content] if self.content else []
        chunks.extend(e.text() for e in self.embeds)
        return "\n\n".join(chunks)


def _shown(text: str | None) -> bool:
    """Whether `text` would show anything (Discord treats blank text as missing)."""
    return bool(text and text.strip())


def _filled(text: str, limit: int) -> str:
    """A field name or value: trimmed to `limit`, and never blank (Discord refuses blank ones)."""
    return limits.trim(text, limit) if _shown(text) else EMPTY


def _spread(part: Part) -> list[Part]:
    """Move embeds to further messages when one message's embeds exceed 6,000 characters."""
    out: list[Part] = []
    current: list[EmbedSpec] = []
    total = 0
    content = part.content
    for embed in part.embeds:
        if current and total + embed.size() > limits.EMBED_TOTAL:
            out.append(Part(content, tuple(current)))
            content, current, total = "", [], 0
        current.append(embed)
        total += embed.size()
    out.append(Part(content, tuple(current)))
    return out
