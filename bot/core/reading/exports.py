"""Texts exported by other programs: a group chat's export, a PDF's text layer, a subtitle file, a slide deck.

A chat exported from WhatsApp (or a program writing the same lines: "12/03/2026, 19:04 -
Dana Price: …", "[12/03/2026, 19:04:05] Dana Price: …") is a transcript whose every message
names its sender: a message runs on over the lines under it, the sender's messages in a row
are one turn, and turns close in time one exchange (a line a turn, opening with the sender's
name; an exchange one person holds is theirs), and what the program says of itself ("Messages
and calls are end-to-end encrypted…", "Coach Gareth added Sam Okoro", "<Media omitted>", "This message was
deleted") is not the reading. Messages copied from Discord ("Dana Price — Today at 19:04" over
the message) and DiscordChatExporter's text ("[12/03/2026 19:04] dana#1234" over it) read the
same way.

Slack, copied from its window ("Aisling Byrne  9:14 AM" over a message, or the name and the
time on two lines, a bare "9:16" over the sender's next one), loses its reactions, reply
counts, "(edited)", day dividers and channel events; the channel's name titles it.

A PDF's text layer (what a PDF reader copies, or pypdf extracts) is the page as printed: the
running header and "Page 3 of 6" on every page, words broken at the line's end ("indi-" /
"viduals"), and no blank line between paragraphs. The furniture goes, the broken words are
joined (with their hyphen when the text writes them so elsewhere), and a paragraph ends where
a line ending a sentence stops well short of the page's width, or where a numbered heading or
a bullet begins.

A subtitle file (SubRip's numbered cues over "00:01:02,500 --> 00:01:05,900", or WebVTT's) is
a talk cut into screen-sized lines: its words are joined back into sentences, and a pause
between cues, where a sentence ends, starts a new paragraph. A meeting's transcript (Teams'
"<v Name>" voice tags, Zoom's "Name: " cues) keeps who speaks: a paragraph one person says is
theirs, and in one several say, each turn is a line opening with the speaker's name.

A slide deck exported to text ("Slide 3" or "--- Slide 3 ---" over each slide, "Speaker
notes:" over its notes) is a section per slide, titled by the slide's title, its notes the
section's paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bot.core.reading.structure import BODY, DATE_IN_LINE, Block
from bot.core.reading.transcript import NOT_SPEAKERS

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
# Discord, copied: "Dana Price — 12/03/2026 19:04", "Dana — Today at 19:04", "Dana — Yesterday at 7:04 PM"
_COPIED_HEAD = re.compile(
    r"^(?P<name>[^\s—–][^—–]{0,39}?)\s+[—–]\s+(?P<day>today|yesterday|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}),?"
    r"\s*(?:at\s+)?(?P<time>\d{1,2}:\d{2}(?:\s?[APap][Mm])?)$",
    re.IGNORECASE,
)
# DiscordChatExporter: "[12/03/2026 19:04] dana#1234", "[3/12/2026 7:04 PM] Dana Price"
_EXPORTED_HEAD = re.compile(
    r"^\[(?P<date>\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}),?\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s?[APap][Mm])?)\]"
    r"\s+(?P<name>[^\s:][^:]{0,39})$"
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


def _given_first(name: str) -> str:
    """A directory's "Smith, John" as people say it: "John Smith"."""
    turned = re.fullmatch(r"([A-Z][\w'’-]+), ([A-Z][\w'’-]+(?: [A-Z][\w'’.-]+)?)", name)
    return f"{turned.group(2)} {turned.group(1)}" if turned else name


def _elapsed(time: str) -> int:
    """Minutes into the day of a time of day ("19:04", "7:04 pm", "10:02:33")."""
    return _minutes(time)


def _from_start(time: str) -> int:
    """Minutes into a recording of its "m:ss" or "h:mm:ss" time."""
    parts = [int(p) for p in re.findall(r"\d+", time)]
    if len(parts) < 2:  # a head whose last word is no time ("… to Everyone:")
        return parts[0] if parts else 0
    return parts[0] if len(parts) == 2 else parts[0] * 60 + parts[1]


def _headed(line: str) -> tuple[str, str, int] | None:
    """The sender, day and minute of a message's header line on its own, or None.

    Discord's copied messages ("Dana Price — 12/03/2026 19:04", "Dana — Today at 19:04") and
    DiscordChatExporter's ("[12/03/2026 19:04] dana#1234") put the sender over the message.
    """
    copied = _COPIED_HEAD.match(line)
    if copied is not None:
        return copied.group("name").strip(), copied.group("day"), _minutes(copied.group("time"))
    exported = _EXPORTED_HEAD.match(line)
    if exported is not None:
        name = re.sub(r"#\d{4}$", "", exported.group("name").strip())  # "dana#1234": the tag is no name
        return name, exported.group("date"), _minutes(exported.group("time"))
    return None


def _messages(lines: Sequence[str]) -> list[tuple[str | None, str, int, list[str]]] | None:
    """A chat export's messages (sender, day, minute, lines), or None if the text is not one.

    A text is a chat export when at least three of its lines open a message with its date
    and time, and most of those name a sender.
    """
    heads = [m for line in lines if (m := _CHAT_LINE.match(line.strip()))]
    senders = [m for m in heads if _SENDER.match(m.group("rest"))]
    headed = [h for line in lines if (h := _headed(line.strip()))]
    messages: list[tuple[str | None, str, int, list[str]]] = []
    if len(senders) >= 3 and len(senders) * 2 >= len(heads):
        for line in lines:
            head = _CHAT_LINE.match(line.strip())
            if head is None:
                if messages and line.strip():
                    messages[-1][3].append(line.strip())  # a message runs on over the lines under it
                continue
            said = _SENDER.match(head.group("rest"))
            sender = (
                said.group("name").strip().lstrip("\u200e~ ") if said else None
            )  # None: the program's line
            text = said.group("text").strip() if said else head.group("rest").strip()
            messages.append((sender, head.group("date"), _minutes(head.group("time")), [text]))
        return messages
    if len(headed) >= 3 and len({h[0] for h in headed}) >= 2:
        for line in lines:
            head = _headed(line.strip())
            if head is not None:
                messages.append((head[0], head[1], head[2], []))
            elif messages and line.strip():
                messages[-1][3].append(line.strip())
        return messages
    return _slack_messages(lines)


# Slack, copied from its window: "Aisling Byrne  9:14 AM" over the message (or the name and the
# time on two lines), a bare "9:16" over the sender's next message, day dividers between.
_SLACK_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s?[APap]\.?[Mm]\.?)?"
_SLACK_HEAD = re.compile(rf"^(?P<name>[^\s:#@\[][^:\[\]]{{0,39}}?)\s+(?P<time>{_SLACK_TIME})$")
_SLACK_NAME = re.compile(r"^[^\s:#@\[\d][^:\[\]]{0,39}$")
_SLACK_BARE_TIME = re.compile(rf"^{_SLACK_TIME}$")
# A meeting program's saved chat or transcript: "[Priya Raman] 10:02:33" over the words (Zoom's
# transcript), "10:02:33 From Priya Raman to Everyone: words" (Zoom's chat), "Priya Raman   0:03"
# over the words (a Teams transcript saved as a document: the head Slack's copy has too).
_DATE_WORDS = re.compile(r"\b\d{4}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")  # a date, not a sender
_BRACKET_HEAD = re.compile(rf"^\[(?P<name>[^\]\d\s][^\]]{{0,39}})\]\s+(?P<time>{_SLACK_TIME})$")
_TIME_FIRST = re.compile(
    rf"^\[(?P<time>{_SLACK_TIME})\]\s+(?P<name>[^\s\[\]:][^\[\]:]{{0,39}})$"
)  # Teams' chat: "[10:32 AM] Smith, John"
_APP_BADGE = re.compile(r"\s+(?:APP|BOT)$")  # "Google Calendar  APP  9:00 AM": a Slack app's badge
_ZOOM_CHAT = re.compile(
    rf"^(?P<time>{_SLACK_TIME})\s+From\s+(?P<name>\S.{{0,39}}?)\s+to\s+(?:\S.{{0,39}}?)"
    r"(?:\s*\((?:direct message|privately|in waiting room)\))?\s*:\s*(?P<text>.*)$",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_SLACK_DAY = re.compile(
    rf"^(?:today|yesterday|{_WEEKDAY}(?:,?\s+\w+\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?|"
    r"\w+ \d{1,2}(?:st|nd|rd|th)?,? \d{4})$",
    re.IGNORECASE,
)
# What Slack shows around a message: reactions, thread counts, buttons, channel events
_SLACK_NOISE = re.compile(
    r"^(?:(?::[\w+'-]+:\s*\d*\s*)+|\d+\s+repl(?:y|ies)|last reply .{1,40}|view thread|reply|"
    r"also sent to the channel|new messages?|new|replied to a thread:.*|show more|show less|"
    r"(?:was )?pinned by .{1,40}|(?:.{1,60}\s)?joined #[\w-]+.*|"
    r"(?:.{1,60}\s)?(?:has )?(?:joined|left) the channel\.?|"
    r"added by .{1,40}|\(edited\))$",
    re.IGNORECASE,
)


def _slack_messages(lines: Sequence[str]) -> list[tuple[str | None, str, int, list[str]]] | None:
    """Slack's messages as copied (sender, day, minute, lines), or None if the text is not a copy of them.

    It is one when three lines or more open a message with a sender and a time of day, from
    two senders or more.
    """
    bare = [ln.strip() for ln in lines]
    heads: dict[int, tuple[str, int, int]] = {}  # line -> (sender, minute, lines it takes)
    said: dict[int, str] = {}  # a head line's own words (Zoom's chat)
    for n, line in enumerate(bare):
        head = (
            _SLACK_HEAD.match(line)
            or _BRACKET_HEAD.match(line)
            or _ZOOM_CHAT.match(line)
            or _TIME_FIRST.match(line)
        )
        if (
            head is not None
            and not _SLACK_DAY.match(head.group("name"))
            and not _DATE_WORDS.search(head.group("name"))
        ):
            heads[n] = (
                _given_first(_APP_BADGE.sub("", head.group("name").strip())),
                _elapsed(head.group("time")),
                1,
            )
            if "text" in head.groupdict() and head.group("text"):
                said[n] = head.group("text").strip()
        elif (
            n + 1 < len(bare)
            and _SLACK_NAME.match(line)
            and _SLACK_BARE_TIME.match(bare[n + 1])
            and len(line.split()) <= 4
            and not _SLACK_DAY.match(line)
            and not _SLACK_NOISE.match(line)
        ):
            heads[n] = (line, _elapsed(bare[n + 1]), 2)
    first = next((bare[n + heads[n][2] - 1] for n in sorted(heads)), "")
    if re.fullmatch(r"0?0:\d{2}(?::\d{2})?", first.split()[-1] if first.split() else ""):
        # times counted from the recording's start ("0:04", "1:02:33"): minutes are their first part
        # ("0:19" is nineteen seconds in, not 00:19 at night)
        heads = {
            n: (who, _from_start(bare[n + taken - 1].split()[-1]), taken)
            for n, (who, _, taken) in heads.items()
        }
    if len(heads) < 3 or len({h[0] for h in heads.values()}) < 2:
        return None
    messages: list[tuple[str | None, str, int, list[str]]] = []
    day = ""
    n = 0
    while n < len(bare):
        line = bare[n]
        if n in heads:
            sender, minute, taken = heads[n]
            messages.append((sender, day, minute, [said[n]] if n in said else []))
            n += taken
            continue
        n += 1
        if _SLACK_DAY.match(line):
            day = line
        elif _SLACK_BARE_TIME.match(line) and messages and messages[-1][0]:
            messages.append((messages[-1][0], day, _minutes(line), []))  # the sender's next message
        elif line and messages and not _SLACK_NOISE.match(line):
            messages[-1][3].append(re.sub(r"\s*\(edited\)$", "", line))
    return messages


_NAME_LABEL = re.compile(r"^(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}|[\w.-]{2,32})$")  # "Dana Price", "dana"
_TURN_LABEL = re.compile(r"^(?P<name>[^\s:][^:\n]{0,39}?): (?=\S)")


def turn_speaker(text: str, at: int) -> str | None:
    """Who says the words at `at` in an exchange's passage ("Dana Price: …" lines), or None.

    A chat's or a meeting's exchange (see `chat_blocks`, `voiced_blocks`) opens each turn's
    first line with its speaker's name; the turn runs on over the lines under it.
    """
    end = text.find("\n", at)
    lines = text[: end if end >= 0 else len(text)].split("\n")  # up to the line that holds `at`
    if not exchange_speakers(text):  # the same test: two labels or more, each a name ("(Guest)" aside)
        return None
    for line in reversed(lines):
        label = _TURN_LABEL.match(line)
        if label is not None:
            return label.group("name")
    return None


_ROLE_AFTER = re.compile(r"\s*\([^()\n]{1,30}\)$")  # a part after a name: "(Guest)", "(Chair)"


def exchange_speakers(text: str) -> tuple[str, ...]:
    """Who speaks in an exchange's passage, in order of first turn ("Dana Price: …" lines); () if none.

    The same test as :func:`turn_speaker` (two or more labels, each a name, a part after it such
    as "(Guest)" aside), and no label a field's ("Note:", "Where:").
    """
    labelled = [m.group("name") for line in text.split("\n") if (m := _TURN_LABEL.match(line))]
    names = [_ROLE_AFTER.sub("", name) for name in labelled]  # "Callum Reddy (Guest)": a name
    if len(set(labelled)) < 2 or not all(_NAME_LABEL.match(name) for name in names):
        return ()
    if any(name.lower() in NOT_SPEAKERS for name in names):
        return ()  # "Note: …" / "Where: …": a listing's fields, not an exchange
    return tuple(dict.fromkeys(labelled))


def channel_name(lines: Sequence[str]) -> str | None:
    """A chat's title from its first line, else None.

    A copied channel's name ("#food-bank-rota"), or a meeting's name over its transcript
    ("Budget review call").
    """
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    named = re.fullmatch(r"#\s?([\w][\w-]{1,60})", first)
    if named is not None:
        return f"#{named.group(1)}"
    heads = (_CHAT_LINE, _SLACK_HEAD, _BRACKET_HEAD, _ZOOM_CHAT, _COPIED_HEAD, _EXPORTED_HEAD, _SLACK_DAY)
    if any(h.match(first) for h in heads) or _SLACK_NOISE.match(first) or _DATE_WORDS.search(first):
        return None
    titled = 2 <= len(first.split()) <= 12 and first[:1].isupper() and not re.search(r"[.!?:,;]$", first)
    return first if titled else None


def chat_blocks(lines: Sequence[str]) -> list[Block] | None:
    """A chat export's messages as passages, or None if the text is not one.

    A sender's messages in a row are one turn; turns close in time are one exchange (a chat's
    short messages keep what they answer), up to a paragraph's length: an exchange one person
    holds is theirs, and in one several hold, each turn is a line opening with the sender's name.
    """
    messages = _messages(lines)
    if messages is None:
        return None
    exchanges: list[list[tuple[str, list[str]]]] = []
    last: tuple[str | None, str, int] | None = None
    for sender, date, minute, texts in messages:
        kept = [t for t in texts if t and not _PLACEHOLDER.match(t)]
        if sender is None or not kept:
            continue
        near = last is not None and last[1] == date and 0 <= minute - last[2] <= CHAT_GAP_MINUTES
        words = sum(len(t.split()) for _, turn in (exchanges[-1] if exchanges else []) for t in turn)
        if near and exchanges and exchanges[-1][-1][0] == sender:
            exchanges[-1][-1][1].extend(kept)
        elif near and exchanges and words < PARAGRAPH_WORDS:
            exchanges[-1].append((sender, kept))
        else:
            exchanges.append([(sender, kept)])
        last = (sender, date, minute)
    blocks: list[Block] = []
    for exchange in exchanges:
        if len(exchange) == 1:
            blocks.append(Block("\n".join(exchange[0][1]), BODY, None, speaker=exchange[0][0]))
        else:
            text = "\n".join(f"{who}: " + "\n".join(said) for who, said in exchange)
            blocks.append(Block(text, BODY, None))
    return blocks


_CUE_TIME = re.compile(
    r"^(?P<start>(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3})\s*-->\s*(?P<end>(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3})"
)
_CUE_TAG = re.compile(r"<[^<>]{1,40}>|\{\\[^{}]{1,20}\}")  # "<i>", "</i>", "<v Ruth>", "{\an8}"
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^<>]{1,60})>")  # WebVTT's voice tag: "<v Priya Raman>"
# "Priya Raman: OK, …", "john.smith: OK, …" (a display name as Zoom writes it)
_CUE_LABEL = re.compile(r"^([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|[a-z][\w.-]{1,31}):\s+(\S.*)$")
PAUSE_SECONDS = 1.5  # a pause at least this long, where a sentence ends, starts a new paragraph
PARAGRAPH_WORDS = 120  # ... and a paragraph this long starts a new one at its next sentence's end


def _seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.replace(",", ".").split(":")]
    return sum(p * 60**i for i, p in enumerate(reversed(parts)))


def is_subtitles(text: str) -> bool:
    """Whether a text is a subtitle file: three cue times or more ("00:00:01,000 --> 00:00:03,981")."""
    return sum(bool(_CUE_TIME.match(line.strip())) for line in text.split("\n")) >= 3


def _cues(text: str) -> list[tuple[float, float, str | None, str]]:
    """A subtitle file's cues: start, end, who speaks (None if it does not say) and the words."""
    cues: list[tuple[float, float, str | None, str]] = []
    lines = text.split("\n")
    n = 0
    while n < len(lines):
        timed = _CUE_TIME.match(lines[n].strip())
        if timed is None:
            n += 1
            continue
        words: list[str] = []
        voice: str | None = None
        n += 1
        while n < len(lines) and lines[n].strip():
            tagged = _VOICE.search(lines[n])
            voice = voice or (" ".join(tagged.group(1).split()) if tagged else None)
            words.append(_CUE_TAG.sub("", lines[n]).strip().lstrip("-– ").strip())
            n += 1
        said = " ".join(w for w in words if w)
        if said:
            cues.append((_seconds(timed.group("start")), _seconds(timed.group("end")), voice, said))
    labelled = [_CUE_LABEL.match(said) for *_, said in cues]
    if not any(voice for _, _, voice, _ in cues) and sum(bool(m) for m in labelled) * 2 >= len(cues) > 2:
        cues = [  # Zoom's "Name: words" cues
            (start, stop, m.group(1), m.group(2)) if m else (start, stop, None, said)
            for (start, stop, _, said), m in zip(cues, labelled, strict=True)
        ]
    return cues


def _paragraphs(cues: list[tuple[float, float, str | None, str]]) -> list[list[tuple[str | None, str]]]:
    """Cues joined into paragraphs: a pause where a sentence ends, or a long paragraph, starts one."""
    paragraphs: list[list[tuple[str | None, str]]] = [[]]
    end = None
    for start, stop, voice, said in cues:
        current = paragraphs[-1]
        ended = bool(current) and current[-1][1].rstrip("\"'”’)").endswith((".", "?", "!"))
        long = sum(len(s.split()) for _, s in current) >= PARAGRAPH_WORDS
        if ended and ((end is not None and start - end >= PAUSE_SECONDS) or long):
            paragraphs.append([])
        paragraphs[-1].append((voice, said))
        end = stop
    return [p for p in paragraphs if p]


def subtitles_text(text: str) -> str:
    """A subtitle file's words as paragraphs of running text (cue numbers, times and tags gone)."""
    return "\n\n".join(" ".join(s for _, s in p) for p in _paragraphs(_cues(text))) + "\n"


def voiced_blocks(text: str) -> list[Block] | None:
    """A meeting's transcript that names who speaks, as passages; None if its cues name nobody.

    Teams writes WebVTT's voice tag ("<v Priya Raman>OK, …</v>"), Zoom a label opening the
    cue ("Priya Raman: OK, …"). The cues are joined into paragraphs as any subtitle file's
    are (a meeting's short turns keep the exchange they answer); a paragraph one person says
    is theirs, and in one several say, each turn is a line opening with its speaker's name.
    """
    cues = _cues(text)
    if not any(voice for _, _, voice, _ in cues):
        return None
    blocks: list[Block] = []
    speaker: str | None = None
    for paragraph in _paragraphs(cues):
        turns: list[tuple[str | None, list[str]]] = []
        for voice, said in paragraph:
            who = voice or speaker
            if turns and turns[-1][0] == who:
                turns[-1][1].append(said)
            else:
                turns.append((who, [said]))
            speaker = who
        if len(turns) == 1:
            blocks.append(Block(" ".join(turns[0][1]), BODY, None, speaker=turns[0][0]))
        else:
            lines = [(f"{who}: " if who else "") + " ".join(words) for who, words in turns]
            blocks.append(Block("\n".join(lines), BODY, None))
    return blocks


def _numberless(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _page_edges(text: str) -> tuple[set[str], set[str]]:
    """The lines printed at the top and at the foot of most pages of a text paged by form feeds.

    A converter writes a form feed between pages ("pdftotext"): a line that opens (or closes) half
    the pages or more, on two pages at least, is the running header (or footer); a footer's page
    number may change from page to page. Returns (headers as printed, footers without their figures).
    """
    pages = [[ln.strip() for ln in page.split("\n") if ln.strip()] for page in text.split("\f")]
    pages = [page for page in pages if page]
    if len(pages) < 2:
        return set(), set()
    tops = Counter(line for page in pages for line in dict.fromkeys(page[:2]) if len(line) <= 100)
    foots = Counter(
        _numberless(line) for page in pages for line in dict.fromkeys(page[-2:]) if len(line) <= 100
    )
    least = max(2, len(pages) // 2)
    heads = {line for line, n in tops.items() if n >= least}
    feet = {line for line, n in foots.items() if n >= least and line not in {_numberless(h) for h in heads}}
    return heads, feet


_PAGE_LINE = re.compile(
    r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?$", re.IGNORECASE
)
_LABEL = re.compile(r"^[\w' -]{1,24}:\s")
_BROKEN = re.compile(r"([A-Za-z]{2,})-$")
_BULLET = re.compile(r"^\s*[•\uf0b7\u25aa\u25cf▪●◦‣-]\s+")
_NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z][^.!?]{2,70}$")


def pdf_text(text: str) -> str | None:
    """A PDF's text layer as paragraphs, or None when the text does not read as one.

    It reads as one when it carries page furniture on two pages or more: "Page N of M" (or a
    bare page number) lines, or a short line repeated on three pages (the running header).
    """
    heads, feet = _page_edges(text)
    lines = [ln.rstrip().replace("\f", "") for ln in text.split("\n")]
    counts: dict[str, int] = {}
    for line in lines:
        if line.strip() and len(line.strip()) <= 100:
            counts[line.strip()] = counts.get(line.strip(), 0) + 1
    # the running header: not a field that an email or a form repeats ("To: Committee <…>")
    running = {
        ln
        for ln, c in counts.items()
        if c >= 3 and len(ln.split()) >= 2 and not (_LABEL.match(ln) or _BULLET.match(ln))
    } | heads
    pages = sum(bool(_PAGE_LINE.match(ln.strip())) for ln in lines if ln.strip())
    if pages < 2 and not running and not feet:
        return None
    kept: list[str] = []
    seen: set[str] = set()
    for line in lines:
        bare = line.strip()
        if (_PAGE_LINE.match(bare) and bare) or _numberless(bare) in feet:
            continue  # a page number, a footer ("78    KESTREL LANE FOODS, INC. | 2025 Proxy Statement")
        if bare in running:
            if bare in seen:
                continue  # the running header, again: its first print stays (it is often the title)
            seen.add(bare)
        kept.append(line)
    words = set(re.findall(r"[a-z][a-z-]+", " ".join(kept).lower()))
    joined: list[str] = []
    last: list[int] = []  # the length of each joined line's last printed line
    for line in kept:
        broken = _BROKEN.search(joined[-1]) if joined else None
        if broken and line.strip()[:1].islower():
            head, tail = broken.group(1), re.match(r"[a-z]+", line.strip())
            whole = f"{head}{tail.group(0)}".lower() if tail else ""
            hyphened = f"{head}-{tail.group(0)}".lower() if tail else ""
            glue = "-" if hyphened in words and whole not in words else ""
            joined[-1] = joined[-1][:-1] + glue + line.strip()
            last[-1] = len(line.rstrip())
            continue
        joined.append(line)
        last.append(len(line.rstrip()))
    widths = sorted(n for n in last if n > 20)
    width = widths[len(widths) * 3 // 4] if widths else 0  # the page's width: most lines reach it
    out: list[str] = []
    for line, printed in zip(joined, last, strict=True):
        bare = line.strip()
        starts = bool(_BULLET.match(line) or _NUMBERED_HEADING.match(bare))
        if starts and out and out[-1].strip():
            out.append("")
        out.append(line)
        ends = width and printed < 0.8 * width and bare.endswith((".", "!", "?", ":", '"', "”"))
        if ends or _NUMBERED_HEADING.match(bare) or bare.startswith(("— ", "– ")):  # an attribution ends one
            out.append("")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


# A slide deck exported to text: "Slide 3", "Slide 3 of 10", "Slide 3: What we propose",
# "--- Slide 3 ---", each over that slide's lines; "Speaker notes:" / "Notes:" over its notes.
_SLIDE = re.compile(
    r"^[-=*#_\s]*(?:slide|folie|diapositive|diapositiva)\s+(?P<n>\d{1,3})(?:\s*(?:of|/)\s*\d{1,3})?"
    r"\s*(?:[:.\-–—]\s*(?P<title>[^\s\-=*#_].*?))?[-=*#_\s]*$",
    re.IGNORECASE,
)
# MarkItDown's text of a PowerPoint file: "<!-- Slide number: 3 -->" over "# Title" and "### Notes:"
_MD_SLIDE = re.compile(r"^<!--\s*slide number:\s*(?P<n>\d{1,3})\s*-->$", re.IGNORECASE)
_NOTES = re.compile(
    r"^(?:#{1,6}\s*)?(?:speaker|presenter|slide)?\s*notes\s*[:\-–—]?\s*(?P<rest>.*)$", re.IGNORECASE
)
_SLIDE_BULLET = re.compile(r"^(?:[•◦▪▫■□●○‣\uf0b7\uf0a7–-]|\*|o(?=\s))\s+(?P<item>\S.*)$")


# The presenter under a title slide's title and date: two to four capitalised words, a title first
# or not ("Ruth Ashdown", "Dr Amina Yusuf")
_FIGURE_ONLY = re.compile(r"[£$€]?\d[\d,.]*\s?(?:%|k|m|bn)?")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_PRESENTER = re.compile(
    r"^(?:(?:Dr|Prof|Cllr|Revd?|Mrs?|Ms|Sir|Dame)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3}"
    r"(?:,\s+[A-Z].{0,60})?$"  # "Anjali Mercer, Library Services Manager"
)


def slide_deck(text: str) -> str | None:
    """A slide deck exported to text, as Markdown: a section per slide, its title the heading.

    It is one when three slides or more are marked, numbered in order ("Slide 3", or MarkItDown's
    "<!-- Slide number: 3 -->"). A slide's title is the words after its mark or else its first
    line; its other lines are a list; its speaker notes are paragraphs of the same section (what
    the presenter says about the slide). The first slide (marked or not) is the title slide: its
    title titles the deck, a name on its last line is the presenter (the author), its other
    lines say the occasion and date. A footer on every slide and the slide's number go.
    """
    lines = [ln.strip() for ln in text.split("\n")]
    marks = [(n, m) for n, ln in enumerate(lines) if (m := _SLIDE.match(ln) or _MD_SLIDE.match(ln))]
    numbers = [int(m.group("n")) for _, m in marks]
    if len(marks) < 3 or numbers != sorted(numbers) or len(set(numbers)) != len(numbers):
        return None
    seen = Counter(ln for ln in lines if ln and not _SLIDE.match(ln) and not _NOTES.match(ln))
    footer = {ln for ln, count in seen.items() if count >= max(3, len(marks) // 2)}
    slides: list[tuple[str | None, list[str]]] = []  # (its mark's title, its lines)
    if any(lines[: marks[0][0]]):  # a title slide left unmarked, before "Slide 2"
        slides.append((None, lines[: marks[0][0]]))
    for k, (start, mark) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else len(lines)
        number = mark.group("n")
        body = [ln for ln in lines[start + 1 : end] if ln not in footer and ln != number]
        slides.append((mark.groupdict().get("title"), body))
    out: list[str] = []
    fields: dict[str, str | None] = {}
    for k, (marked, body) in enumerate(slides):
        said = next((n for n, ln in enumerate(body) if _NOTES.match(ln)), len(body))
        shown, notes = [ln for ln in body[:said] if ln], body[said:]
        title = marked
        if title is None and shown and not _SLIDE_BULLET.match(shown[0]):
            title, shown = shown[0].lstrip("#").strip(), shown[1:]
        if k == 0:  # the title slide: who gives the talk, when and where
            shown = [ln for ln in shown if not _IMAGE.fullmatch(ln)]
            presenter = shown.pop() if shown and _PRESENTER.match(shown[-1]) else None
            presenter = presenter.split(",")[0] if presenter else None
            occasion = "; ".join(_IMAGE.sub(r"\1", ln) for ln in shown if not _IMAGE.fullmatch(ln))
            dated = DATE_IN_LINE.search(occasion)
            fields = {"title": title, "author": presenter, "date": dated and dated.group("date")}
            fields["occasion"] = occasion
            shown = []
        elif title:
            out.extend(["", f"## {title}", ""])
        table = False
        for n, line in enumerate(shown):  # what the slide shows: a list (its tables and charts kept)
            if line.startswith(("|", "#")):  # a table's row, a chart's heading (MarkItDown's)
                out.extend(["", line] if not table else [line])
                table = True
                continue
            if table:
                out.append("")
                table = False
            item = _SLIDE_BULLET.match(line)
            said = item.group("item") if item else _IMAGE.sub(r"\1", line)
            if _FIGURE_ONLY.fullmatch(said) and n + 1 < len(shown) and shown[n + 1][:1].islower():
                shown[n + 1] = f"{said} {shown[n + 1]}"  # "1,947" over "loans": one statistic
                continue
            out.append("- " + said)
        out.append("")
        for n, line in enumerate(notes):  # what the presenter says: paragraphs
            rest = _NOTES.match(line).group("rest").strip() if n == 0 else line  # type: ignore[union-attr]
            out.append(rest)
        out.append("")
    body_text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    front = "".join(f'{key}: "{value.replace(chr(34), chr(39))}"\n' for key, value in fields.items() if value)
    return (f"---\n{front}---\n\n" if front else "") + body_text + "\n"
