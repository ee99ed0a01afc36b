"""Texts exported by other programs: a group chat's export and a subtitle file.

A chat exported from WhatsApp (or a program writing the same lines: "12/03/2026, 19:04 -
Dana Price: …", "[12/03/2026, 19:04:05] Dana Price: …") is a transcript whose every message
names its sender: a message runs on over the lines under it, the sender's messages in a row
are one passage of theirs, and what the program says of itself ("Messages and calls are
end-to-end encrypted…", "Coach Gareth added Sam Okoro", "<Media omitted>", "This message was
deleted") is not the reading.

A subtitle file (SubRip's numbered cues over "00:01:02,500 --> 00:01:05,900", or WebVTT's) is
a talk cut into screen-sized lines: its words are joined back into sentences, and a pause
between cues, where a sentence ends, starts a new paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.reading.structure import BODY, Block

# "12/03/2026, 19:04 - Dana Price: …" (Android), "[12/03/2026, 19:04:05] Dana Price: …" (iPhone)
_CHAT_LINE = re.compile(
    r"^\u200e?\[?(?P<date>\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}),?\s+(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
    r"(?:\s?[APap]\.?[Mm]\.?)?)\]?\s*(?:[-–]\s+)?(?P<rest>.*)$"
)
_SENDER = re.compile(r"^(?P<name>[^:]{1,40}?):\s(?P<text>.*)$")
# What the chat program writes in a message's place: nobody's words
_PLACEHOLDER = re.compile(
    r"^\u200e?(?:<media omitted>|<attached:.*>|this message was deleted\.?|you deleted this message\.?|"
    r"(?:image|video|audio|sticker|gif|document) omitted|null|missed (?:voice|video) call|"
    r"waiting for this message\.?.*|this message was edited)$",
    re.IGNORECASE,
)
CHAT_GAP_MINUTES = 10  # a sender's messages closer than this in a row are one passage


def _minutes(time: str) -> int:
    """Minutes into the day of a chat's time ("19:04", "7:04 pm")."""
    hours, minutes = (int(x) for x in re.findall(r"\d+", time)[:2])
    if re.search(r"p\.?m", time, re.IGNORECASE):
        hours = hours % 12 + 12
    elif re.search(r"a\.?m", time, re.IGNORECASE):
        hours %= 12
    return hours * 60 + minutes


def chat_blocks(lines: Sequence[str]) -> list[Block] | None:
    """A chat export's messages as their senders' passages, or None if the text is not one.

    A text is a chat export when at least three of its lines open with a message's date and
    time, and most of those name a sender.
    """
    heads = [m for line in lines if (m := _CHAT_LINE.match(line.strip()))]
    senders = [m for m in heads if _SENDER.match(m.group("rest"))]
    if len(senders) < 3 or len(senders) * 2 < len(heads):
        return None
    messages: list[tuple[str | None, str, int, list[str]]] = []  # sender, date, minute, lines
    for line in lines:
        head = _CHAT_LINE.match(line.strip())
        if head is None:
            if messages and line.strip():
                messages[-1][3].append(line.strip())  # a message runs on over the lines under it
            continue
        said = _SENDER.match(head.group("rest"))
        sender = said.group("name").strip().lstrip("\u200e~ ") if said else None  # None: the program's line
        text = said.group("text").strip() if said else head.group("rest").strip()
        messages.append((sender, head.group("date"), _minutes(head.group("time")), [text]))
    blocks: list[Block] = []
    last: tuple[str | None, str, int] | None = None
    for sender, date, minute, texts in messages:
        kept = [t for t in texts if t and not _PLACEHOLDER.match(t)]
        if sender is None or not kept:
            continue
        text = "\n".join(kept)
        near = last is not None and last[:2] == (sender, date) and 0 <= minute - last[2] <= CHAT_GAP_MINUTES
        if near and blocks:
            blocks[-1] = Block(f"{blocks[-1].text}\n{text}", BODY, None, speaker=sender)
        else:
            blocks.append(Block(text, BODY, None, speaker=sender))
        last = (sender, date, minute)
    return blocks


_CUE_TIME = re.compile(
    r"^(?P<start>(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3})\s*-->\s*(?P<end>(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3})"
)
_CUE_TAG = re.compile(r"<[^<>]{1,40}>|\{\\[^{}]{1,20}\}")  # "<i>", "</i>", "<v Ruth>", "{\an8}"
PAUSE_SECONDS = 1.5  # a pause at least this long, where a sentence ends, starts a new paragraph
PARAGRAPH_WORDS = 120  # ... and a paragraph this long starts a new one at its next sentence's end


def _seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.replace(",", ".").split(":")]
    return sum(p * 60**i for i, p in enumerate(reversed(parts)))


def is_subtitles(text: str) -> bool:
    """Whether a text is a subtitle file: three cue times or more ("00:00:01,000 --> 00:00:03,981")."""
    return sum(bool(_CUE_TIME.match(line.strip())) for line in text.split("\n")) >= 3


def subtitles_text(text: str) -> str:
    """A subtitle file's words as paragraphs of running text (cue numbers, times and tags gone)."""
    cues: list[tuple[float, float, str]] = []
    lines = text.split("\n")
    n = 0
    while n < len(lines):
        timed = _CUE_TIME.match(lines[n].strip())
        if timed is None:
            n += 1
            continue
        words: list[str] = []
        n += 1
        while n < len(lines) and lines[n].strip():
            words.append(_CUE_TAG.sub("", lines[n]).strip().lstrip("-– ").strip())
            n += 1
        said = " ".join(w for w in words if w)
        if said:
            cues.append((_seconds(timed.group("start")), _seconds(timed.group("end")), said))
    paragraphs: list[list[str]] = [[]]
    end = None
    for start, stop, said in cues:
        current = paragraphs[-1]
        ended = bool(current) and current[-1].rstrip("\"'”’)").endswith((".", "?", "!"))
        long = sum(len(s.split()) for s in current) >= PARAGRAPH_WORDS
        if ended and ((end is not None and start - end >= PAUSE_SECONDS) or long):
            paragraphs.append([])
        paragraphs[-1].append(said)
        end = stop
    return "\n\n".join(" ".join(p) for p in paragraphs if p) + "\n"
