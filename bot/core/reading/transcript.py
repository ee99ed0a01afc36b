"""Transcripts: speaker labels, time stamps, and the transcriber's preamble; forum threads.

A text is a transcript when at least three of its lines open with a speaker label
("ALICE:", "Dr. Bo Chen:", "[00:01:12] Host:", "Q:") and a label recurs, or when at least
three open with a time stamp. Then a label is never a passage: it becomes the speaker of
the passages that follow it, until the next label; time stamps are dropped; what comes
before the first turn and speaks of the transcript ("transcribed", "edited", "audio": the
transcriber's or editor's preamble) is front matter, not the speakers' words. A forum thread
or a comment section reads the same way: each post's header ("#3 mossbank_mike (Joined: …)
09 Jan 2026, 21:14") names the speaker of the lines under it, and so does an email thread
pasted whole: each message's header ("From: Harriet Lyle <harriet@…>", "Date: …", "Subject: Re: …")
names its sender, and its subject is the section of the message.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.core.reading.structure import BODY, FRONT, Block, dates_only
from bot.core.text.words import STOPWORDS

_STAMP = r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?"
_LEADING_STAMP = re.compile(rf"^\s*{_STAMP}\s*(?:[-–—|]\s*)?")
# a line that is a time alone: "00:12:31", "[01:02]", a parliament's record's "3.42 pm"
_ONLY_STAMP = re.compile(rf"^\s*(?:{_STAMP}|\d{{1,2}}[.:]\d{{2}}\s*[ap]\.?m\.?)\s*$", re.IGNORECASE)
_NAME_WORD = r"(?:[A-Z][\w.'’-]*|\d{1,2}|&|of|de|van|von|the)"
_LABEL = re.compile(
    rf"^(?P<name>[A-Z][\w.'’-]*(?:\s+{_NAME_WORD}){{0,3}})"
    rf"(?:\s*\((?P<role>(?=[^()]*[A-Za-z])[^()]{{1,30}})\))?\s*(?:{_STAMP})?\s*:\s*(?P<rest>.*)$",
    re.DOTALL,
)
# A parliament's record names a minister by office, the person in brackets:
# "The Minister for Environment and Rural Affairs (Dr Helen Sato): …", "The Prime Minister (Mr Yeo): …".
_OFFICE_LABEL = re.compile(
    r"^(?P<office>The\s+[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|the|on|in|to|&)){0,10})\s*"
    r"\((?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})\)\s*:\s*(?P<rest>.*)$",
    re.DOTALL,
)
# What fills a form's field, not what a person says: data ("41 for, 3 against", "7/10", "£15,000")
# or a name alone ("Ms A. Patel", "Hartley Road Residents") with no sentence of its own
_DATA_VALUE = re.compile(r"(?=[^.!?]*\d)[^.!?]*[^.!?\s]|[\d\s,./%£$€:–-]+")
_NAME_VALUE = re.compile(
    r"[A-Z][\w'’-]+|(?:(?:[A-Z][\w'’-]*\.?|of|and|the|de|van|von|&)\s+){1,4}[A-Z][\w'’-]+"
)
# a one-word answer is a turn ("Yes", "Agreed"), not a name
_ANSWER_WORDS = frozenset(
    {"yes", "no", "ok", "okay", "right", "sure", "thanks", "agreed", "indeed", "exactly", "absolutely"}
    | {"correct", "true"}
)
# The number of a question in oral evidence, before its asker's name: "Q140 Chair", "Q 12 Mr Yeo"
_QUESTION_NUMBER = re.compile(r"^Q\.?\s?\d{1,4}\s+(?=[A-Z])")
# Words that open "Label: text" lines in ordinary prose; never speakers.
_NOT_SPEAKERS = frozenset(
    {"note", "notes", "example", "examples", "update", "edit", "warning", "source", "sources", "tip"}
    | {"important", "summary", "title", "author", "date", "step", "chapter", "part", "section", "see"}
    | {"nb", "ps", "tl;dr", "tldr", "caveat", "disclaimer", "result", "results", "answer key", "contents"}
    | {"translation", "transcript", "abstract", "keywords", "references", "footnote", "footnotes"}
    # a meeting's minutes and a memo: "Present: …", "Apologies: …", "Actions: …", "Ref: …"
    | {"present", "apologies", "absent", "attendees", "attending", "in attendance", "also present"}
    | {"action", "actions", "agreed", "resolved", "decision", "decisions", "proposed", "seconded"}
    | {"vote", "voting", "outcome", "agenda", "item", "items", "venue", "location", "time", "place"}
    # what a debate or an application is about: "Motion: the Council should charge…", "Proposal: …"
    | {"motion", "the motion", "amendment", "resolution", "proposal", "question", "petition"}
    | {"minutes", "matters arising", "next meeting", "date of next meeting", "aob", "purpose"}
    | {"background", "recommendation", "recommendations", "ref", "re", "subject", "to", "from", "cc"}
    # a listing's or a guide's fields: "**Where:** the highest band of all", "When: Saturdays, 10-12"
    | {"where", "when", "what", "who", "why", "how", "which", "cost", "costs", "price", "prices", "fee"}
    | {"fees", "hours", "opening hours", "open", "address", "contact", "phone", "tel", "email", "web"}
    | {"website", "habitat", "season", "size", "distance", "duration", "length", "status", "type"}
    # a manual's troubleshooting block and a recipe's fields: "Problem: …", "Cause: …", "Remedy: …"
    | {"problem", "problems", "cause", "causes", "remedy", "remedies", "solution", "solutions", "fix"}
    | {"symptom", "symptoms", "issue", "reason", "check", "action required", "caution", "danger"}
    | {"ingredients", "method", "serves", "makes", "yield", "prep time", "cooking time", "equipment"}
)
NOT_SPEAKERS = _NOT_SPEAKERS  # (read by the exports' exchanges too)


# A forum post's or a comment's header: the poster's user name, what the forum says of them, when.
# "#3  mossbank_mike  (Joined: Feb 2022 | Posts: 37)  09 Jan 2026, 21:14", "Posted by tess_k on
# March 3, 2025 at 9:02 pm", "grumbleweed wrote on 2025-01-10 09:02:". The name is one word.
_WHEN = (
    r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
    r"\d{4}-\d{2}-\d{2})(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?"
)
_POST_HEADER = re.compile(
    rf"^(?:#\d+\s+|(?:posted|reply|comment)\s+(?:by|from)\s+)?(?P<name>@?[A-Za-z][\w.-]{{1,30}})\s+"
    rf"(?:\([^()]{{0,80}}\)\s+)?(?:(?:wrote|replied|posted|commented|said)\s+)?(?:on\s+)?{_WHEN}\s*:?$",
    re.IGNORECASE,
)


def post_header(line: str) -> str | None:
    """The poster a forum post's or comment's header line names, or None."""
    text = line.strip().strip("*_")
    if dates_only(text):  # "Friday 4 October 2025" heads a diary's entry: a weekday is no poster
        return None
    match = _POST_HEADER.match(" ".join(text.split())) if len(text) <= 160 else None
    return match.group("name").lstrip("@") if match else None


# An email's header lines, a block of them over each message of a thread pasted whole.
_EMAIL_FIELD = re.compile(r"^(?P<key>from|to|cc|bcc|date|sent|subject|reply-to)\s*:\s*(?P<value>.*)$", re.I)
_REPLY_PREFIX = re.compile(r"^(?:(?:re|fwd?|aw|sv)\s*:\s*)+", re.I)
# What a mail program writes over the message it quotes: "On Mon, 9 Nov 2026, Harriet wrote:".
QUOTE_INTRO = re.compile(r"^(?:On\s.{4,140}\swrote:|-{2,}\s*(?:original|forwarded) message\s*-{2,})$", re.I)


# "On Wed, 4 Mar 2026 at 09:31, Priya Nandakumar <treasurer@…> wrote:" over the message it quotes
_WROTE = re.compile(r"^On\s.{4,140}?,\s*(?P<who>[^,<>]{2,60}?)\s*(?:<[^<>]*>)?\s*wrote:$")


def unquoted_replies(lines: Sequence[str]) -> list[str]:
    """An email's quoted message ("On …, X wrote:" over "> …" lines) as a message of X's own.

    A thread pasted from a mail program keeps earlier messages only as quotes under the reply;
    they are still their senders' words. The quote becomes a header ("From: X", the subject
    last seen) over its lines, unquoted; a "> …" line with no such lead-in stays a quote.
    """
    own = {" ".join(ln.split()) for ln in lines if ln.strip() and not ln.lstrip().startswith(">")}
    out: list[str] = []
    subject = sender = ""
    n = 0
    while n < len(lines):
        line = lines[n].strip()
        field = _EMAIL_FIELD.match(line)
        if field is not None and field.group("key").lower() in ("subject", "from"):
            if field.group("key").lower() == "subject":
                subject = field.group("value").strip()
            else:
                sender = field.group("value").strip()
        wrote = _WROTE.match(line)
        end = n + 1
        while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith(">")):
            end += 1
        quoted = [" ".join(ln.lstrip()[1:].split()) for ln in lines[n + 1 : end] if ln.strip()]
        said = [q for q in quoted if q]
        # a quote of a message the thread holds already stays a quote, read with the reply to it
        if wrote is None or not said or sum(q in own for q in said) * 2 >= len(said):
            out.append(lines[n])
            n += 1
            continue
        out += [f"From: {wrote.group('who').strip()}", f"Subject: {subject}", ""]
        out += [ln.lstrip()[1:].lstrip() if ln.strip() else "" for ln in lines[n + 1 : end]]
        rest = next((ln.strip() for ln in lines[end:] if ln.strip()), "")
        if rest and sender and not _EMAIL_FIELD.match(rest) and not QUOTE_INTRO.match(rest):
            out += ["", f"From: {sender}", f"Subject: {subject}", ""]  # the reply goes on under the quote
        n = end
    return out


@dataclass(frozen=True)
class EmailHeader:
    """One message's header: who sent it, on what subject, and how many lines the header takes."""

    sender: str
    subject: str | None
    lines: int


def _sender(value: str) -> str:
    """The name of "Harriet Lyle <harriet@x.example>" (or the address's own name when it has none)."""
    name = re.sub(r"<[^<>]*>", "", value).strip().strip("\"'")
    if name and not re.search(r"@", name):
        return " ".join(name.split())
    address = re.search(r"([\w.+-]+)@", value)
    return address.group(1).replace(".", " ").title() if address else value.strip()


def email_headers(lines: Sequence[str]) -> dict[int, EmailHeader]:
    """The header blocks of an email thread, by the number of their first line; {} if none.

    A header block is two or more header lines in a row, one of them "From:"; a text is read
    as a thread only when two such blocks (two messages) stand in it.
    """
    found: dict[int, EmailHeader] = {}
    n = 0
    while n < len(lines):
        fields: dict[str, str] = {}
        end = n
        while end < len(lines) and (match := _EMAIL_FIELD.match(lines[end].strip())):
            fields.setdefault(match.group("key").lower(), match.group("value").strip())
            end += 1
        if end - n >= 2 and fields.get("from"):
            subject = _REPLY_PREFIX.sub("", fields.get("subject", "")).strip() or None
            found[n] = EmailHeader(_sender(fields["from"]), subject, end - n)
        n = max(end, n + 1)
    return found if len(found) >= 2 else {}


@dataclass(frozen=True)
class Turn:
    """A line that opens a speaker's turn: who speaks, and the words after the label."""

    speaker: str
    rest: str


def strip_stamp(line: str) -> str:
    """The line without a leading time stamp ("[00:01:12] …", "01:12 - …")."""
    return _LEADING_STAMP.sub("", line, count=1)


def is_stamp(line: str) -> bool:
    """True for a line that is only a time stamp."""
    return bool(_ONLY_STAMP.match(line))


def is_thread(lines: Sequence[str]) -> bool:
    """Whether a text is a forum thread or a comment section: three posts' headers or more."""
    return sum(post_header(line) is not None for line in lines if line.strip()) >= 3


def turn_of(line: str, *, thread: bool = False) -> Turn | None:
    """The speaker's turn a line opens, or None ("Note: …" and sentences are not turns).

    In a forum thread only a post's header opens a turn: "So: do it for the carbon" is text.
    """
    if thread:
        poster = post_header(line)
        return Turn(poster, "") if poster is not None else None
    text = strip_stamp(line.strip()).strip().strip("*_")
    text = re.sub(r"^([^:]{1,60}?)[*_]+:[*_]*", r"\1:", text)  # "**Alice:**", "_Q_:"
    if (office := _OFFICE_LABEL.match(text)) is not None:
        return Turn(f"{office.group('name')} ({office.group('office')})", office.group("rest").strip())
    match = _LABEL.match(text)
    if match is None:
        return None
    name = " ".join(match.group("name").split()).strip(" .")
    name = _QUESTION_NUMBER.sub("", name)  # "Q140 Chair": oral evidence numbers its questions
    first, _, rest = name.lower().partition(" ")
    if first in _NOT_SPEAKERS and re.fullmatch(r"[\divxlc.]+", rest):
        return None  # "ITEM 7: NOTICE OF MOTION", "Section 3: …": a numbered part, not a speaker
    if name.lower() in _NOT_SPEAKERS or not name or len(name) > 40:
        return None
    if re.match(r"https?$", name, re.I):
        return None
    rest = match.group("rest").strip()
    if name.isupper() and len(re.findall(r"[A-Z]{2,}", rest)) >= 2 and not re.search(r"[a-z]", rest):
        return None  # "VIRTUAL FENCING: CLEVER KIT, WRONG JOB?": a headline in capitals, no one's words
    if rest and name.lower() not in _ROLES and _field_value(rest):
        return None  # "Votes: 41 for, 3 against", "Timekeeper: Ms A. Patel": a form's field
    role = " ".join((match.group("role") or "").split())
    return Turn(f"{name} ({role})" if role else name, rest)


def _field_value(rest: str) -> bool:
    """Whether what follows a label is a field's value (data, or a name alone), not a turn of speech."""
    if len(rest.split()) > 8 or rest.lower().strip("!.") in _ANSWER_WORDS:
        return False
    return bool(_DATA_VALUE.fullmatch(rest) or _NAME_VALUE.fullmatch(rest))


# What a transcriber's or editor's preamble talks about (an FAQ's introduction does not).
_PREAMBLE = re.compile(
    r"\b(?:transcri\w*|recorded|recording|edited|audio|video|broadcast|captions?|inaudible|crosstalk|"
    r"podcast|episode|speakers?['’]? names?)\b",
    re.IGNORECASE,
)


# A host opening the show in their own voice ("Welcome back to …, I'm your host, …", "My guest this
# week is …", "With me in the studio …"): the first words spoken, not a note about the transcript.
_HOST_OPENING = re.compile(
    r"\b(?:welcome (?:back )?to|I['’]m your host|I['’]m joined by|my guests? (?:this|today|tonight)|"
    r"with me (?:in the studio |today |tonight )?(?:is|are)|joining me)\b",
    re.IGNORECASE,
)


def is_preamble(text: str) -> bool:
    """Whether a paragraph before a transcript's first turn is about the transcript itself.

    A host's spoken opening is not, though it names the podcast or the episode.
    """
    return bool(_PREAMBLE.search(text)) and not _HOST_OPENING.search(text)


def is_transcript(lines: Sequence[str]) -> bool:
    """Whether a text's lines (or paragraphs) read as a transcript (or a forum thread)."""
    if is_thread(lines):
        return True
    order = [t.speaker.lower() for line in lines if (t := turn_of(line)) is not None]
    names = Counter(order)
    stamps = sum(bool(_LEADING_STAMP.match(line)) for line in lines if line.strip())
    labels = sum(names.values())
    turns = labels >= 3 and bool(names) and names.most_common(1)[0][1] >= 2 and _exchange(order)
    return turns or stamps >= 3


def _exchange(speakers: Sequence[str]) -> bool:
    """Whether labels take turns: someone speaks again after another has spoken (A … B … A).

    A form's or a page's recurring label never does: "Votes: …" under each recommendation, two
    "Feeding: …" lines then two "Varroa: …", an adjudicator's "Proposition:", "Opposition:", "Reply:".
    """
    turns = [name for i, name in enumerate(speakers) if i == 0 or speakers[i - 1] != name]
    return len(turns) > len(set(turns))


def assign_speakers(blocks: list[Block]) -> list[Block]:
    """Blocks of a parsed (Markdown) transcript with labels read as speakers.

    Unchanged when the blocks do not read as a transcript. A bare label ("**Alice:**") is
    dropped and names the speaker of what follows; blocks before the first turn are front
    matter.
    """
    if not is_transcript([b.text for b in blocks]):
        return blocks
    thread = is_thread([b.text for b in blocks])
    out: list[Block] = []
    speaker: str | None = None
    for block in blocks:
        text = strip_stamp(block.text).strip()
        turn = turn_of(text, thread=thread) if block.kind == BODY else None
        if turn is not None:
            speaker = turn.speaker
            if not turn.rest:
                continue
            text = turn.rest
        if not text or is_stamp(text):
            continue
        kind = FRONT if speaker is None and block.kind == BODY and is_preamble(text) else block.kind
        out.append(Block(text, kind, block.section, speaker=speaker))
    return out


# A roster's heading: who takes part in a debate, a panel, a meeting. Its lines are no turns.
ROSTER = re.compile(
    r"^[*_#\s]*(?:participants|speakers|panel(?:lists)?|the panel|on the panel|cast|guests|contributors|"
    r"present|attendees|in attendance)[*_]*\s*:?[*_]*$",
    re.IGNORECASE,
)

# Labels that name a part, not a person: a member who says "the host" asks about the part.
_ROLES = frozenset(
    {"host", "co-host", "presenter", "moderator", "chair", "interviewer", "caller", "guest", "audience"}
    | {"speaker", "reporter", "anchor", "narrator", "voice", "unknown", "unidentified", "panel", "q", "a"}
    | {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "rev", "revd", "sir", "dame", "lord", "lady"}
)


def _name_words(text: str) -> list[str]:
    """The lower-cased words of a label or a roster line that may name someone (three letters or more)."""
    found = (w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text))
    return [w for w in found if len(w) > 2 and w not in STOPWORDS]


# Titles a record puts before a name and drops or shortens later ("Councillor Jane Roe", "Cllr Roe").
_HONORIFICS = frozenset({"cllr", "councillor", "mrs", "miss", "prof", "professor", "rev", "revd", "sir"}) | {
    "dame",
    "lord",
    "lady",
    "hon",
    "the",
    "rt",
    "right",
    "honourable",
    "dr",
    "mr",
    "ms",
}


def full_labels(speakers: Iterable[str]) -> dict[str, str]:
    """Short labels mapped to the one fuller label they stand for in the same text.

    A record names a speaker in full once and short after: "Ms Rhiannon Pugh (Carrick North)",
    then "Ms Pugh"; "Dr Helen Sato (The Minister for …)", then "Dr Sato". A short label whose
    name words all stand in exactly one longer label is that speaker.
    """
    labels = set(speakers)
    words = {label: set(_name_words(label)) for label in labels}
    # the brackets' words: a member's seat or an office ("Councillor Sam Patel (The Chair)")
    offices = {label: set(_name_words(" ".join(re.findall(r"\(([^)]*)\)", label)))) for label in labels}
    out: dict[str, str] = {}
    for short in labels:
        own = {w for w in words[short] if w not in _ROLES and w not in _HONORIFICS}
        longer = [lab for lab in labels if len(lab) > len(short) and own <= words[lab]]
        if not own:  # "The Chair:" after "The Chair (Councillor Sam Patel):": the office names one person
            part = words[short] - _HONORIFICS
            longer = [lab for lab in labels if lab != short and part and part <= offices[lab]]
        if len(longer) == 1:
            out[short] = longer[0]
    return out


def speaker_names(speakers: Iterable[str]) -> dict[str, str]:
    """The words that name one speaker alone ("lindqvist", "clara" → "DR CLARA LINDQVIST").

    A part ("HOST", "CALLER") is not a name; a word two speakers share names neither.
    """
    owners: dict[str, set[str]] = {}
    for speaker in speakers:
        for key in _name_words(speaker):
            if key not in _ROLES:
                owners.setdefault(key, set()).add(speaker)
    return {key: next(iter(names)) for key, names in owners.items() if len(names) == 1}


def named_speakers(question: str, names: Mapping[str, str]) -> set[str]:
    """The speakers `question` names by a word of their label ("What does Owen think?", "Clara's view")."""
    words = re.findall(r"[a-z][a-z-]*", question.lower().replace("’", "'"))
    return {names[w] for w in words if w in names}


_ROSTER_LINE = re.compile(r"^(?P<label>[^:\n]{2,40}):\s*(?P<who>[^,\n]+?)(?:,\s*(?P<what>.+))?$")
# Words of a roster line that say which side someone takes, not who they are.
_SIDES = frozenset({"motion", "against", "for", "proposing", "opposing", "proposer", "opposer", "seconder"})


# A title in a speaker's label, as a member asks by it: "CLLR RAMPLING" is "the councillor".
_TITLES = {"cllr": "councillor", "dr": "doctor", "prof": "professor", "rev": "reverend", "revd": "reverend"}


def _posts(what: str) -> list[str]:
    """The posts a roster line's description names: the last word before "of", "in", "for", "(".

    "cabinet member for culture, Brackwell Borough Council" → member; "branch librarian (Eastfold)
    and union representative" → librarian, representative. Never the places and subjects after them.
    """
    out = []
    for phrase in re.split(r",|\band\b|;", what):
        head = re.split(r"\s+(?:of|in|for|at|to|on|from|with)\s+|\s*\(", phrase.strip(), maxsplit=1)[0]
        found = re.findall(r"[A-Za-z][A-Za-z'’-]*", head)
        if found and found[-1][:1].islower():  # a post is a common noun: "librarian", not "Council"
            out.append(found[-1].lower())
    return out


def _titled(speaker: str) -> list[str]:
    return [_TITLES[w] for w in re.findall(r"[a-z]+", speaker.lower()) if w in _TITLES]


def roster_roles(roster: str, speakers: Iterable[str]) -> dict[str, str]:
    """The words a roster gives each speaker: name, part and post ("librarian" → "PRIYA CASTELLANE").

    `roster` is a roster's text ("PARTICIPANTS" then "Moderator: Hannah Ostrow, chair of the
    Forum", …); a line belongs to the speaker whose label shares a word of its name, or whose
    label is its part ("MODERATOR"). A word two speakers share names neither.
    """
    labels = list(speakers)
    owners: dict[str, set[str]] = {}

    for line in roster.split("\n")[1:]:
        match = _ROSTER_LINE.match(line.strip())
        if match is None:
            continue
        who = set(_name_words(match.group("who"))) - _ROLES
        label = match.group("label").strip().lower()
        speaker = next((s for s in labels if who & set(_name_words(s))), None)
        speaker = speaker or next((s for s in labels if s.lower() == label), None)
        if speaker is None:
            continue
        for word in [*_name_words(label), *who, *_posts(match.group("what") or ""), *_titled(speaker)]:
            if word not in _SIDES:
                owners.setdefault(word, set()).add(speaker)
    for speaker in labels:  # "member" of "AUDIENCE MEMBER 2" is no one roster speaker's post
        for word in _name_words(speaker):
            owners.setdefault(word, set()).add(speaker)
    return {word: next(iter(names)) for word, names in owners.items() if len(names) == 1}
