"""Plain-text seed files → title and blocks.

Paragraphs are found whether the file has one paragraph per line or hard-wrapped lines with
blank lines between paragraphs. Headings (one line, or a heading wrapped over two or three
lines) become the section of the blocks under them; furniture lines go; page marks,
footnote marks and emphasis markers inside lines go without splitting words. In a
transcript, speaker labels become the speaker of the blocks that follow, time stamps go,
and what precedes the first turn is front matter. A form saved as text (an adjudicator's sheet,
a ballot) keeps its fields as lines of text with their labels, never speakers or headings.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from bot.core.reading.exports import (
    channel_name,
    chat_blocks,
    is_subtitles,
    pdf_text,
    subtitles_text,
    voiced_blocks,
)
from bot.core.reading.forums import reddit_thread
from bot.core.reading.inline import clean_inline
from bot.core.reading.letters import (
    LETTER_OPENING,
    LETTER_SALUTATION,
    SIGNATURE,
    letter_signer,
    letters_page,
    opens_letter,
    signed_with_place,
)
from bot.core.reading.markdown import table_text
from bot.core.reading.quotations import ATTRIBUTION, attribution
from bot.core.reading.scanned import SOFT_HYPHEN, cleaned_lines
from bot.core.reading.structure import (
    BODY,
    BYLINE,
    FRONT,
    IMPRINT,
    LEADING_BYLINE,
    LIST,
    OCCASION,
    QUOTE,
    VALEDICTION,
    Block,
    clean_heading,
    clean_title,
    dates_only,
    is_furniture,
    plain_heading,
    running_head,
    title_case,
    wrapped_heading,
)
from bot.core.reading.transcript import (
    QUOTE_INTRO,
    ROSTER,
    EmailHeader,
    email_headers,
    is_preamble,
    is_stamp,
    is_thread,
    is_transcript,
    strip_stamp,
    turn_of,
    unquoted_replies,
)
from bot.core.reading.webcopy import browser_line

_CONTENTS = re.compile(r"^\s*(?:table of )?contents\.?\s*$", re.I)
INDENTED_QUOTE = 4  # columns past the text's own paragraphs that set a quotation off


@dataclass
class _Para:
    lines: list[str] = field(default_factory=list)  # stripped
    blanks: int = 0  # blank lines before it
    indent: int = 0  # the least indentation of its lines
    speaker: str | None = None
    turn: bool = False  # opens a speaker's turn
    table: bool = False  # a table's rows, a line each, cells set apart by " — "
    roster: bool = False  # who takes part ("PARTICIPANTS" / "Moderator: Hannah Ostrow, chair"): a list
    subject: str | None = None  # an email's subject: the section of its message
    signature: bool = False  # an email's sign-off ("Harriet" over "(Treasurer, …)"): text, never a heading
    fields: bool = False  # a form's field lines in a row ("Round: 2" / "Room: 14"): one block, a field a line


def looks_like_title(line: str, *, opening: bool = True) -> bool:
    """A line short enough, and unpunctuated enough, to be a title (or, not `opening`, to follow one)."""
    line = line.strip()
    if not line or (opening and not re.match(r"[\W_]*[A-Z0-9]", line)):  # a title opens with a capital
        return False
    return len(line) <= 200 and not line.endswith((".", ",", ";", ":")) and len(line.split()) <= 30


def _headline(line: str) -> bool:
    """A short line set as a headline although it ends with a full stop.

    In capitals ("SUNDAY OPENING OF THE MUSEUM.") or in title case ("Fines Don't Bring Books
    Back. Trust Does."): a sentence of text is neither.
    """
    line = line.strip()
    words = line.split()
    if not line.endswith(".") or len(line) > 120 or not 2 <= len(words) <= 15:
        return False
    if line.isupper():
        return len(re.findall(r"[A-Z]{2,}", line)) >= 2
    long_words = [w for w in re.findall(r"[A-Za-z][\w'’]*", line) if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75


def parse_plain(text: str) -> tuple[str | None, list[Block]]:
    """The document's title (its title line, if it has one) and its blocks."""
    if is_subtitles(text):  # a talk cut into cues: its words joined back into paragraphs
        voiced = voiced_blocks(text)
        if voiced is not None:  # a meeting's transcript that names who speaks
            return None, voiced
        text = subtitles_text(text)
    elif (printed := pdf_text(text)) is not None:  # a PDF's text layer: page furniture gone, paragraphs found
        text = printed
    lines = [ln.rstrip() for ln in text.split("\n")]
    thread = reddit_thread(lines)
    if thread is not None:  # a Reddit thread: each post and comment its poster's, the site's lines gone
        return thread
    chat = chat_blocks(lines)
    if chat is not None:  # a chat's export: each message its sender's, the program's own lines gone
        return channel_name(lines), chat
    lines = cleaned_lines(lines)  # a scan's specks, broken words, "lt" for "It"
    lines = form_pairs(lines)  # a form saved as text: each label over its answer, one field line
    fields = form_fields(lines)
    transcript = is_transcript(lines) and (not fields or _dialogue(lines, fields))
    if transcript:
        lines = [strip_stamp(ln) if ln.strip() else ln for ln in lines if not is_stamp(ln)]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return None, []
    wrapped = is_hard_wrapped(lines)
    headers = email_headers(lines)
    if headers:  # an email thread: each message's header names its sender; the first subject titles it
        lines = unquoted_replies(lines)
        headers = email_headers(
            lines
        )  # an email thread: each message's header names its sender; the first subject titles it
        first = headers.get(0)
        paragraphs = _signatures(_paragraphs(lines, wrapped, True, True, headers))
        return (first.subject if first else None), _blocks(paragraphs, True, wrapped)
    thread = transcript and is_thread(lines)
    title, lines = _title(lines, wrapped, transcript)
    paragraphs = _comma_joined(_record_lines(_paragraphs(lines, wrapped, transcript, thread, fields=fields)))
    return title, _blocks(paragraphs, transcript, wrapped, form=bool(fields))


# ----------------------------------------------------------------------------- forms

# A form's field on one line: "Round: 2", "Chair: Mr Gareth Lloyd-Jones", "Wing(s): Ms Fatima Rahman",
# "Top speaker in room: Grace Adeyemi (CG member, 78)". The answer is short: a paragraph of comment
# after its label ("Comments: Clear and calm delivery …") is text.
_FORM_FIELD = re.compile(
    r"^(?P<label>[A-Z][\w'’()/&.,-]*(?:\s+[\w'’()/&.,-]+){0,5}?)\s*:\s+(?P<value>\S.{0,199})$"
)
# An online form's required mark: "Judge's name *" over its answer, and the note that explains it.
_STARRED = re.compile(r"^(?P<label>\S.{0,89}?)\s*\*$")
_REQUIRED_NOTE = re.compile(r"^\*\s*(?:required|indicates (?:a )?required (?:question|field)s?)\.?$", re.I)
_FORM_RUN = 3  # field lines in a row that make a text a form
_PRONOUNS = frozenset(
    {"i", "i'd", "i'm", "i've", "i'll", "we", "you", "he", "she", "it", "they", "this", "that"}
)
_PRONOUNS |= {"there", "here", "we're", "we've", "it's", "that's", "there's", "what", "so", "but", "and"}


def _field_label(line: str) -> str | None:
    """The label of a form's field line ("Chair: Mr Gareth Lloyd-Jones" → "chair"), or None."""
    match = _FORM_FIELD.match(line.strip())
    if match is None or re.match(r"https?$|[^:]*\d{1,2}$|.*\S\s{2,}\S", match.group("label"), re.I):
        return None  # a link, a time of day ("at 10: …"), columns ("DISCHARGE NOTES      Printed: …")
    if match.group("label").split()[0].lower() in _PRONOUNS:
        return None  # "I'd put it this way: …", "We say this: …": a sentence
    return " ".join(match.group("label").split()).lower()


def _label_line(line: str) -> bool:
    """A line that can be a form's question over its answer: short, and no sentence."""
    bare = line.strip()
    return (
        bool(bare) and len(bare) <= 90 and len(bare.split()) <= 12 and not bare.endswith((".", ",", ";", ":"))
    )


def form_pairs(lines: list[str]) -> list[str]:
    """A form saved from the web, each question's label over its answer, as one field line each.

    Google's and Microsoft's forms print a question ("Judge's name *", the star marking it
    required) on a line and the answer on the next: three starred labels over their answers
    make the text a form. Then each short label over a one-line answer (starred or not) is
    one line, "Judge's name: Ms Eleanor Whitcombe", "Comments on Priya Ghosh: Your best
    material was …" (the label says what, or whom, the answer is about); a label over an
    answer of several lines heads it, its star gone; the note explaining the star ("*
    Required") goes. Any other text is returned as it is.
    """

    def single(n: int) -> bool:  # line n stands alone between blank lines (or the text's ends)
        return (
            bool(lines[n].strip())
            and (n == 0 or not lines[n - 1].strip())
            and n + 2 <= len(lines)
            and bool(lines[n + 1].strip())
            and (n + 2 == len(lines) or not lines[n + 2].strip())
        )

    starred = [n for n, ln in enumerate(lines) if _STARRED.match(ln.strip()) and single(n)]
    if len(starred) < 3:
        return lines
    out: list[str] = []
    merged: set[str] = set()
    n = 0
    while n < len(lines):
        line = lines[n].strip()
        star = _STARRED.match(line)
        label = star.group("label").strip() if star else line
        if _REQUIRED_NOTE.match(line):
            n += 1
            continue
        answer = lines[n + 1].strip() if single(n) else ""
        if answer and _label_line(label) and not _STARRED.match(answer):
            if len(out) >= 2 and not out[-1].strip() and out[-2] in merged:
                out.pop()  # fields in a row are lines in a row, as a form's header prints them
            out.append(f"{label} {answer}" if label.endswith("?") else f"{label}: {answer}")
            merged.add(out[-1])
            n += 2
            continue
        out.append(label if star else lines[n])
        n += 1
    return out


def form_fields(lines: list[str]) -> set[str]:
    """The labels of a form's fields: those of three field lines or more in a row, none said twice.

    An adjudicator's sheet, an application, a ballot: "Round: 2" / "Room: 14" / "Chair: Mr
    Gareth Lloyd-Jones". Empty when the text has no such run (a transcript's lines repeat
    their speakers; prose has no run of labels).
    """
    runs: list[list[str]] = []
    run: list[str] = []
    for line in [*lines, ""]:
        label = _field_label(line) if line.strip() else None
        if label is not None and label not in run:
            run.append(label)
            continue
        if len(run) >= _FORM_RUN:
            runs.append(run)
        run = [label] if label is not None else []
    said = Counter(label for ln in lines if ln.strip() and (label := _field_label(ln)))
    once = [[label for label in r if said[label] == 1] for r in runs]  # a speaker's label recurs
    return {label for r in once if len(r) >= _FORM_RUN for label in r}


def _short_field(line: str) -> bool:
    """A field line whose answer is a value, not a sentence of comment ("Comments on X: A calm …")."""
    match = _FORM_FIELD.match(line.strip()) if _field_label(line) is not None else None
    return match is not None and (
        len(match.group("value").split()) <= 8 or not _SENTENCE.search(match.group("value"))
    )


_SENTENCE = re.compile(r"[.!?][\"”’')]*$")


def _dialogue(lines: list[str], fields: set[str]) -> bool:
    """Whether a form's text is still a transcript: two speakers or more (not its fields), one heard twice.

    A label that alone recurs ("Comments: …" under each speaker's name on an adjudicator's sheet) is
    the form's, not a speaker's; a field's short value ("Submitted: 07/11/2026") is no one's words.
    """
    names = Counter(
        t.speaker.lower()
        for line in lines
        if (t := turn_of(line)) is not None
        and _field_label(line) not in fields
        and _SENTENCE.search(line.strip())  # words spoken end a sentence; a field's value need not
    )
    return len(names) >= 2 and sum(names.values()) >= 3 and names.most_common(1)[0][1] >= 2


def _field_runs(kept: list[_Para]) -> list[_Para]:
    """A form's field lines in a row (a blank line between them at most): one paragraph, a field a line.

    Never a speaker's words ("I'd put it this way: …").
    """
    out: list[_Para] = []
    for para in kept:
        field = not para.turn and para.speaker is None and not para.table and not para.roster
        field = field and all(_short_field(line) for line in para.lines)  # (a wrapped text's too)
        lines = [" ".join(line.split()) for line in para.lines]
        last = out[-1] if out else None
        if field and last is not None and last.fields and last.speaker == para.speaker and para.blanks <= 1:
            last.lines = [*last.lines, *lines]
            continue
        out.append(replace(para, lines=lines, table=True, fields=True) if field else para)
    return out


def _title(lines: list[str], wrapped: bool, transcript: bool) -> tuple[str | None, list[str]]:
    """The title line (or a title wrapped over two or three lines) and the lines after it.

    A note in square brackets above it ("[PROOF 2 - FOR PRINTER - DL leaflet]", "[DRAFT]") is
    the maker's, neither the title nor the text: it goes.
    """
    while lines and _MAKERS_NOTE.match(lines[0].strip()):
        lines = lines[1:]
        while lines and not lines[0].strip():
            lines = lines[1:]
    if not lines:
        return None, lines
    for n in range(min(_TITLE_PAGE_LINES, len(lines) - 1)):
        if lines[n].strip().lower() == "by" and lines[n + 1].strip():  # a title page's "by" over the name
            lines = [*lines[:n], f"by {lines[n + 1].strip()}", *lines[n + 2 :]]
            break
    if lines and browser_line(lines[0]):  # "Skip to main content" over the site's links: no title
        block = len(list(itertools.takewhile(lambda ln: ln.strip(), lines)))
        lines = lines[block:]
        while lines and not lines[0].strip():
            lines = lines[1:]
        if not lines:
            return None, lines
    if (head := running_head(lines[0])) is not None:  # a newspaper page's head: the paper's name
        return clean_title(head) or None, lines[1:]
    if len(lines) > 1 and lines[0].strip() and _RULE_LINE.fullmatch(lines[1].strip()):
        lines = [lines[0], "", *lines[2:]]  # a title underlined ("=====", "-----"): the rule ends it
    opening = turn_of(lines[0]) if transcript else None
    if (
        (opening is not None and not _titled(opening.rest))
        or _CONTENTS.match(lines[0])
        or ROSTER.match(lines[0])
    ):
        return None, lines
    first = list(itertools.takewhile(lambda ln: ln.strip(), lines))
    if wrapped and 2 <= len(first) <= 3 and len(lines) > len(first):
        after = len(list(itertools.takewhile(lambda ln: not ln.strip(), lines[len(first) :])))
        heading = wrapped_heading([ln.strip() for ln in first], after)
        if heading is not None:
            return clean_title(heading), lines[len(first) :]
    more = any(ln.strip() for ln in lines[1:])
    next_blank = len(lines) > 1 and not lines[1].strip()
    next_byline = len(lines) > 1 and bool(LEADING_BYLINE.match(lines[1].strip()))
    headline = next_blank and _headline(lines[0])  # "Fines Don't Bring Books Back. Trust Does."
    if not (
        more
        and (looks_like_title(lines[0]) or headline)
        and (not wrapped or next_blank or next_byline or _title_block(lines))
    ):
        return None, lines
    title = clean_title(lines[0])
    rest = lines[1:]
    if rest and LEADING_BYLINE.match(rest[0].strip()) and len(rest[0].strip()) < 120:
        rest = ["", rest[0].strip(), "", *rest[1:]]  # the byline is a paragraph of its own
    return title or None, rest


_TITLE_PAGE_LINES = 10  # the lines a title page's "by" may stand on
_MAKERS_NOTE = re.compile(r"^\[[^\[\]]{2,160}\]$")


def _titled(words: str) -> bool:
    """Whether what follows a first line's colon is written as a title: "Should the City Ban Wood Stoves?".

    "The Valley Hour: Should the City Ban Wood Stoves?" and "BEES ON THE ROOF: AN INTERVIEW"
    are a transcript's title, not its first speaker's turn.
    """
    found = re.findall(r"[A-Za-z][\w'’-]*", words)
    if len(found) < 2 or len(words) > 90:
        return False
    long = [w for w in found if len(w) > 3] or found
    return words.isupper() or sum(w[0].isupper() for w in long) / len(long) >= 0.75


def _paragraphs(
    lines: list[str],
    wrapped: bool,
    transcript: bool,
    thread: bool = False,
    headers: Mapping[int, EmailHeader] | None = None,
    *,
    fields: set[str] | frozenset[str] = frozenset(),
) -> list[_Para]:
    """Paragraphs: blocks of lines between blank lines (or single lines), and speakers' turns.

    `headers` are an email thread's header blocks by their first line: each opens its sender's turn.
    """
    out: list[_Para] = []
    current: _Para | None = None
    blanks = 0
    speaker: str | None = None
    subject: str | None = None
    opening = False  # an email's header was just read: the next paragraph opens its sender's turn
    skip = 0
    roster: _Para | None = None  # the roster being read: its heading, then a line per person
    previous = ""  # the last line read, as typed
    # a rule ("------", "* * *") ends a paragraph, as a blank line does
    for n, raw in enumerate(["" if _RULE_LINE.fullmatch(ln.strip()) else ln for ln in [*lines, ""]]):
        if skip:
            skip -= 1
            continue
        if headers and (n in headers or QUOTE_INTRO.match(raw.strip())):
            if current is not None and current.lines:
                out.append(current)
            current = None
            if n in headers:
                speaker, subject, opening = headers[n].sender, headers[n].subject, True
                skip = headers[n].lines - 1
            continue
        if not raw.strip():
            if current is not None and current.lines:
                out.append(current)
                current = None
            if roster is not None and len(roster.lines) > 1:
                roster = None
            blanks += 1
            continue
        if transcript and (roster is not None or ROSTER.match(raw)):
            if roster is None:
                if current is not None and current.lines:
                    out.append(current)
                roster = current = _Para([], blanks, 0, speaker, roster=True)
                blanks = 0
            elif current is not roster:
                current = roster
            roster.lines.append(raw.strip())
            continue
        indent = len(raw) - len(raw.lstrip())
        turn = turn_of(raw, thread=thread) if transcript else None
        if turn is not None and fields and _field_label(raw) in fields:
            turn = None  # a form's field above a transcript ("Chair: Cllr Hart"), no one's turn
        if turn is not None:
            if current is not None and current.lines:
                out.append(current)
            speaker = turn.speaker
            current = _Para([], blanks, indent, speaker, turn=True)
            blanks = 0
            line = turn.rest
        elif (
            transcript
            and not headers
            and (current is None or not current.lines)
            and _DIRECTION.fullmatch(raw.strip())
            and len(raw.strip()) > 12
        ):
            # a stage direction on its own line ("(EUAN puts the box on the table.)"): no one's words
            if current is not None and current.lines:
                out.append(current)
            out.append(_Para([raw.strip()], blanks, indent, None))
            current, blanks = None, 0
            continue
        else:
            line = raw.strip()
            # a byline under a header's line, no blank between: "THE SALT LOFT, 3 QUAY STREET" /
            # "Reviewed by Constance Adebayo-Reid" are two lines of the title page, not one paragraph
            header = current is not None and all(
                len(ln) < 70 and ln[-1:] not in ".,;:" for ln in current.lines
            )
            byline = wrapped and header and len(out) < _TITLE_PAGE and line[:1].isupper() and len(line) < 80
            byline = byline and bool(LEADING_BYLINE.match(line))
            unwrapped = not wrapped and current is not None and current.lines
            if unwrapped and _wraps_on(current.lines[-1], line):  # type: ignore[union-attr]
                unwrapped = False  # a hard-wrapped paragraph in a text of long lines
            if unwrapped and _CONFORMED.match(previous) and len(line) <= 80 and not _SENTENCE.search(line):
                unwrapped = False  # "s/ RENATA OKAFOR-LINDGREN" over "President, Alder Bay League of Renters"
            if current is not None and current.lines and _hangs_under(previous, raw):
                # a field's value going on under itself, in its column
                current.lines[-1] = f"{current.lines[-1]} {line}"  # type: ignore[union-attr]
                previous = raw
                continue
            if current is None or unwrapped or (byline and current.lines):
                if current is not None:
                    out.append(current)
                current = _Para([], blanks, indent, speaker, turn=opening, subject=subject)
                blanks, opening = 0, False
            current.indent = min(current.indent, indent) if current.lines else indent
        if line.strip():
            current.lines.append(line.strip())
        previous = raw
    return _bylines(out)


# A line wholly in brackets: a play's or a record's direction ("(Lights up. MORAG is stacking …)").
_DIRECTION = re.compile(r"\([^()]*(?:\([^()]*\)[^()]*)*\)|\[[^\[\]]*\]")


# A conformed signature: "s/ RENATA OKAFOR-LINDGREN", "/s/ Jane Doe" (a signed filing, a ballot argument)
_CONFORMED = re.compile(r"^\s*/?s/\s*[A-Z]")


def _hangs_under(previous: str, line: str) -> bool:
    """Whether `line` is indented to the column where a field's value starts on the line above.

    "Format:     3 v 3, 7-minute speeches" over "            (reply by 1st or 2nd speaker)": a
    form typed with its values in a column goes on under the value, not as a paragraph of its own.
    """
    field = re.match(r"^\s*[A-Z][^:]{0,40}:\s{2,}(?=\S)", previous)
    indent = len(line) - len(line.lstrip())
    return field is not None and indent >= 8 and abs(indent - field.end()) <= 1


def _wraps_on(previous: str, line: str) -> bool:
    """Whether `line` goes on the sentence `previous` broke off, in a text of unwrapped lines.

    A stage play's setting or a letter's notice typed at 72 columns among long lines of dialogue:
    a long line that stops without a sentence's end ("… Rain on the") and a line that opens
    in lower case ("roof throughout.") are one paragraph.
    """
    return len(previous) >= 50 and not re.search(r"[.!?:;\"”)\]]$", previous) and line[:1].islower()


# A judgment's or a contract's parties: "Between:" over the names, each with its part in the case.
_BETWEEN = re.compile(r"^between\s*:?$", re.IGNORECASE)
_PARTY = re.compile(
    r"^(?:claimants?|defendants?|respondents?|appellants?|applicants?|petitioners?|plaintiffs?|"
    r"interested part(?:y|ies)|interveners?|the parties)(?:\s*\([^()]{1,30}\))?$",
    re.IGNORECASE,
)


def _party_words(line: str) -> str:
    """A line of a "Between:" block as read in one line: "Applicants (Tenants)" → "(Applicants, Tenants)"."""
    line = line.strip()
    if _PARTY.match(line):
        return "(" + re.sub(r"\s*\(([^()]*)\)", r", \1", line) + ")"
    if line.strip(" -–—").lower() == "and":
        return "and"
    capitals = sum(c.isupper() for c in line) > sum(c.islower() for c in line)
    return title_case(line).replace(" And ", " and ") if capitals else line


def _parties(kept: list[_Para]) -> dict[int, str]:
    """The lines of a "Between:" block, read as one line naming the parties.

    Maps the block's first paragraph to that line ("Between: Desmond Farrier (Claimant) and
    Nightjar Markets Limited (Defendant)") and its other paragraphs to "" (joined into it).
    """
    out: dict[int, str] = {}
    for n, para in enumerate(kept):
        if len(para.lines) != 1 or not _BETWEEN.match(para.lines[0]):
            continue
        run, last = [], n
        for m in range(n + 1, min(n + 12, len(kept))):
            line = " ".join(kept[m].lines)
            if len(kept[m].lines) > 2 or len(line) > 90:
                break
            run.append(line)
            if _PARTY.match(line.strip(" ")):
                last = m
        if last == n:
            continue
        words = " ".join(_party_words(w) for w in run[: last - n])
        out[id(para)] = f"Between: {words}"
        out.update({id(p): "" for p in kept[n + 1 : last + 1]})
    return out


def _sentence_case_heading(kept: list[_Para], n: int) -> bool:
    """Whether a short line written in sentence case heads the text under it: "The evidence".

    Only in a text that has headings of its own (the caller checks): a line of two to six
    words, opening with a capital and going on in small letters, with no closing punctuation
    and no figure, standing alone over a paragraph of text, or over a heading of the part
    under it ("Our conclusions" over "Deposit protection").
    """
    para = kept[n]
    if len(para.lines) != 1 or n + 1 >= len(kept):
        return False
    line, after = para.lines[0], kept[n + 1]
    if not after.turn and len(after.lines) == 1 and n + 2 < len(kept) and len(_join(after.lines)) < 60:
        heading = plain_heading(after.lines[0]) is not None or _sentence_case(after.lines[0])
        if heading and not kept[n + 2].turn and len(_join(kept[n + 2].lines)) >= 120:
            after = kept[n + 2]
    return (
        _sentence_case(line)
        and not after.turn
        and len(_join(after.lines)) >= 120
        and (n == 0 or len(_join(kept[n - 1].lines)) >= 60 or kept[n - 1].blanks > 0)
    )


def _sentence_case(line: str) -> bool:
    """A line of two to six words in sentence case, no closing punctuation, no figure: "The evidence"."""
    words = line.split()
    return (
        2 <= len(words) <= 6
        and line[:1].isupper()
        and any(w[:1].islower() for w in words[1:])  # sentence case, not a name in capitals
        and not LEADING_BYLINE.match(line)
        and not re.search(r"[.,;:!?\"”’)\d]$|\d", line)
    )


# What a parliament's or a council's record says in its own voice, between the speeches: the
# question put, the division and its figures, the decision ("Resolved," over the resolution).
_RECORD = re.compile(
    r"^(?:question\s+put\b|question\s+(?:accordingly\s+)?(?:agreed|negatived)|(?:the\s+)?(?:house|assembly|"
    r"council|committee|chamber|senate|parliament|board|meeting)\s+(?:divided|adjourned|rose|met)\b|ayes\s+\d|"
    r"resolved\b|(?:main\s+)?(?:motion|amendment|bill|question)(?:,\s+as\s+amended,)?\s+(?:accordingly\s+)?"
    r"(?:agreed\s+to|carried|lost|negatived|withdrawn|defeated)\b|division\s+(?:no\.?\s*)?\d|"
    r"sitting\s+suspended)",
    re.IGNORECASE,
)


def _record_lines(paragraphs: list[_Para]) -> list[_Para]:
    """A record's own lines ("Question put.", "The Council divided: Ayes 12, Noes 9.") are no one's turn.

    In a transcript, such a line and the lines after it, until the next speaker's label, are
    the record's: the last speaker did not say them.
    """
    out: list[_Para] = []
    recording = False
    for para in paragraphs:
        recording = (recording and not para.turn) or (
            para.speaker is not None and bool(_RECORD.match(_join(para.lines)))
        )
        out.append(replace(para, speaker=None) if recording else para)
    return out


def _comma_joined(paragraphs: list[_Para]) -> list[_Para]:
    """A speaker's paragraph stopping on a comma runs on: "I beg to move," / "That this House …".

    Within one speaker's turn only (a title page's "BY JOSIAH WRENFIELD, M.A.," stays its own
    line), or the record's own "Resolved," over the resolution; never a salutation ("Dear all,")
    or a close ("Yours faithfully,").
    """
    out: list[_Para] = []
    for para in paragraphs:
        last = out[-1] if out else None
        text = _join(last.lines) if last is not None else ""
        if (
            last is not None
            and text.endswith(",")
            and ((len(text.split()) >= 2 and last.speaker is not None) or bool(_RECORD.match(text)))
            and last.speaker == para.speaker
            and not para.turn
            and not last.roster
            and not para.roster
            and not LETTER_SALUTATION.match(text)
            and not VALEDICTION.match(text)
            and para.lines
            and para.lines[0][:1].isupper()
        ):
            last.lines = [*last.lines, *para.lines]
            continue
        out.append(para)
    return out


# A header's field: "Case No: RTT/E/2025/04417", "Hearing date: 12 January 2026", "Claim No. H27QX114"
_FIELD = re.compile(r"^(?P<label>[A-Z][\w'’ ()/-]{1,30}?)(?::|\s+No\.)\s*(?P<value>\S.{0,80})$")
# the labels of a header's fields whose values need no figure ("Tribunal: Judge R. Haldane (chair)")
_FIELDS = frozenset(
    {"no", "number", "ref", "reference", "date", "case", "claim", "appeal", "file", "court", "tribunal"}
    | {"hearing", "judge", "judges", "panel", "applicant", "applicants", "respondent", "respondents"}
    | {"claimant", "claimants", "defendant", "defendants", "appellant", "appellants", "venue", "location"}
    | {"time", "issued", "version", "status", "chair", "members", "member"}
)
_BEFORE_ALONE = re.compile(r"^before\s*:$", re.IGNORECASE)


def _is_text(para: _Para) -> bool:
    """Whether a paragraph reads as text, not as a title page's line: a sentence, or long."""
    text = _join(para.lines)
    return len(text) > 90 or text[-1:] in ".!?"


def _header_fields(kept: list[_Para]) -> dict[int, str]:
    """A decision's or report's header above its text: its fields as one block, its judges as one byline.

    Before the first paragraph of text, lines of "Label: value" ("Case No: …", "Hearing date:
    …", "Date of decision: …") are one block of front lines, and "Before:" alone over the
    names on the lines under it one byline ("Before: TRIBUNAL JUDGE M. HALLORAN, MS R. OSEI-BONSU
    (Valuer Member)"). Maps each paragraph to the block it opens, or to "" when joined into one.
    """
    out: dict[int, str] = {}
    fields: list[_Para] = []
    n = 0
    while n < len(kept):
        para = kept[n]
        text = _join(para.lines)
        if para.turn or _is_text(para) or _ITEM.match(text):
            break  # the text has begun
        if _BEFORE_ALONE.match(text):
            names = list(
                itertools.takewhile(lambda p: len(p.lines) == 1 and p.blanks == 0, kept[n + 1 : n + 6])
            )
            if names:
                out[id(para)] = "Before: " + ", ".join(_join(p.lines) for p in names)
                out.update({id(p): "" for p in names})
                n += 1 + len(names)
                continue
        match = _FIELD.match(text) if len(para.lines) == 1 else None
        label = match.group("label").lower() if match else ""
        # a field gives a figure or is named as one: "Ashgrove Towers: Tenant Handbook" is a title
        field = match is not None and (
            bool(re.search(r"\d", match.group("value"))) or label.split()[-1] in _FIELDS
        )
        if field and not label.startswith(("before", "between", "from", "to", "by")):
            fields.append(para)
        n += 1
    if fields:
        out[id(fields[0])] = "\n".join(_join(p.lines) for p in fields)
        out.update({id(p): "" for p in fields[1:]})
    return out


def _signatures(paragraphs: list[_Para]) -> list[_Para]:
    """An email's sign-off as its sender's one line: "Marcus" / "Marcus Adeyemi" / "Chair, …" / "07700 …".

    A run of short lines that opens on the sender's own name words: the fullest name stays,
    with the lines saying who they are ("Marcus Adeyemi (Chair, Harbourside Climbing Club)");
    telephone numbers and addresses go, and a name alone goes (the sender is known).
    """
    out: list[_Para] = []
    n = 0
    while n < len(paragraphs):
        para = paragraphs[n]
        own = set(re.findall(r"[a-z][a-z'’-]+", para.speaker.lower())) if para.speaker else set()
        if para.turn or not own or not _names_only(para.lines[0], own) or len(para.lines) > 6:
            out.append(para)
            n += 1
            continue
        run = [para]
        while n + len(run) < len(paragraphs) and len(run) < 6:
            nxt = paragraphs[n + len(run)]
            text = _join(nxt.lines)
            if nxt.turn or nxt.speaker != para.speaker or len(text) > 100 or text.endswith((".", "?", "!")):
                break
            run.append(nxt)
        lines = [ln for p in run for ln in p.lines]
        names = [ln for ln in lines if _names_only(ln, own)]
        about = [ln for ln in lines if ln not in names and not _CONTACT_LINE.search(ln)]
        if about:
            said = " ".join(about)
            said = said if said.startswith("(") else f"({said})"
            out.append(replace(para, lines=[f"{max(names, key=len)} {said}"], signature=True))
        n += len(run)
    return out


_CONTACT_LINE = re.compile(
    r"@|https?:|www\.|^[+(\d][\d\s().-]{6,}$|^(?:tel|phone|mobile|mob|t|m)\b\.?:?\s*[+\d]", re.I
)


def _names_only(line: str, own: set[str]) -> bool:
    """Whether a line is only words of the sender's name ("Marcus", "— Marcus Adeyemi")."""
    words = re.findall(r"[a-z][a-z'’-]+", line.lower().lstrip("-–— "))
    return 0 < len(line) <= 40 and bool(words) and set(words) <= own


def _bylines(paragraphs: list[_Para]) -> list[_Para]:
    """A "by" alone, then the name on a paragraph of its own, is one byline: "by Thomas Paine"."""
    out: list[_Para] = []
    for para in paragraphs:
        alone = bool(out) and out[-1].lines in (["by"], ["By"], ["BY"])
        if alone and len(para.lines) == 1 and len(para.lines[0]) <= 60:
            out[-1].lines = [f"{out[-1].lines[0]} {para.lines[0]}"]
            continue
        out.append(para)
    return out


def _blocks(paragraphs: list[_Para], transcript: bool, wrapped: bool, *, form: bool = False) -> list[Block]:
    """Blocks of plain text: headings become the section of what follows; furniture goes.

    In a form, its field lines are never headings: those in a row are one block, a field a line.
    """
    blocks: list[Block] = []
    section: str | None = None
    pending: str | None = None  # a heading waiting for its text (of two in a row, the last)
    kept = _tables(_verse_joined([p for p in paragraphs if not is_furniture(" ".join(p.lines))]))
    kept = _unadvertised(kept)
    if form:  # a form's fields, its header's too, are its text
        kept = _field_runs(kept)
    indents = [p.indent for p in kept if len(p.lines) > 1]
    usual = statistics.median(indents) if indents else 0
    indented = [p for p in kept if len(p.lines) > 2 and p.indent >= usual + INDENTED_QUOTE]
    set_off = {id(p) for p in indented} if wrapped and len(indented) <= len(kept) // 4 else set()
    turns = any(p.turn for p in kept)
    spoken = False  # a speaker's turn has begun
    verse, signed = _epigraph(kept)
    items, follow = _lists(kept)
    joined = {id(item) for run in follow.values() for item in run}
    replying: dict[int, str] = {}  # a reply's paragraph → the earlier post's words it quotes
    parties = _parties(kept) | ({} if form else _header_fields(kept))
    text_begins = next((n for n, p in enumerate(kept) if _is_text(p)), len(kept))  # the first sentence
    headed = (
        sum(len(p.lines) == 1 and not p.turn and plain_heading(p.lines[0]) is not None for p in kept) >= 2
    )
    letters = letters_page([" ".join(p.lines) for p in kept])  # a page of letters, each signed
    for n, para in enumerate(kept):
        lines = para.lines
        if para.turn and para.subject is not None:  # an email's subject heads its message
            section, pending = para.subject, None
        if para is signed or id(para) in joined:
            continue  # the epigraph's attribution (joined to it below), a list item joined above
        if id(para) in parties:
            # "Between:" / "DESMOND FARRIER" / "Claimant" / "and" / …: one line; "Case No: …" / "Hearing
            # date: …": the header's facts, one block; "Before:" over the judges' names: a byline
            text = parties[id(para)]
            if text:
                kind = BYLINE if text.startswith("Before:") else FRONT
                blocks.append(Block(text, kind, section))
            continue
        if all(ln.startswith(">") for ln in lines):  # a reply quoting an earlier post: not its words
            text = _join([ln.lstrip(">").strip() for ln in lines])
            after = kept[n + 1] if n + 1 < len(kept) else None
            if after is not None and after.speaker == para.speaker and after.lines[0][:1] != ">":
                replying[id(after)] = text  # read with the reply that answers it
            elif text:
                blocks.append(Block(text, QUOTE, section))
            continue
        if para.roster:  # who takes part: a list under its own heading, never turns or a section
            blocks.append(Block("\n".join(para.lines), LIST, section))
            continue
        if para.table:
            if (
                pending is not None and form and not para.fields
            ):  # a form's label over its table heads only it
                blocks.append(Block("\n".join(lines), BODY, pending))
                pending = None
                continue
            if pending is not None:
                section, pending = pending, None
            blocks.append(Block("\n".join(lines), BODY, section))
            continue
        if any(para is v for v in verse):
            text = _join(lines) + (
                f"\n{attribution(signed.lines[0])}" if para is verse[-1] and signed else ""
            )
            blocks.append(Block(text, QUOTE, section))
            continue
        if _CONFORMED.match(lines[0]) and len(lines) <= 3:  # "s/ NAME" over the signer's post
            blocks.append(Block(", ".join(lines), BYLINE, section))
            continue
        if n < _TITLE_PAGE and not para.turn and len(lines) <= 3 and IMPRINT.match(lines[0]):
            blocks.append(Block(_join(lines), BYLINE, section))  # the title page's imprint
            continue
        # a title page's lines still: none of the lines above is a sentence ("Claim No. H27QX114", "Claimant")
        top = n < _TITLE_PAGE or n <= text_begins
        if top and not para.turn and len(lines) == 1 and dates_only(lines[0]):
            blocks.append(Block(_join(lines), BYLINE, section))  # "Published Thursday 5 June 2025"
            continue
        if len(lines) == 2 and not para.turn and LEADING_BYLINE.match(lines[1]) and plain_heading(lines[0]):
            # "3. THE CASE FOR THE MOTION" over "by Bernadette Osei, Library Assistant": a part and its writer
            section, pending = clean_heading(lines[0]), None
            blocks.append(Block(lines[1], BYLINE, section))
            continue
        heading = None
        if not para.turn and not para.signature and id(para) not in items:  # a list's item is never a heading
            heading = plain_heading(lines[0]) if len(lines) == 1 else wrapped_heading(lines, para.blanks)
            byline = heading is not None and (LEADING_BYLINE.match(heading) or OCCASION.match(heading))
            if byline and len(lines) > 1:
                heading = None  # "SPEECH OF ALDERMAN X / AT THE MEETING OF …": a byline, wrapped
            if heading is None and len(lines) > 1 and all(_contents_line(ln) for ln in lines):
                continue  # a table of contents: headings listed, not text
        figures = len(lines) == 1 and any(_FIGURE.fullmatch(c) for c in _cells(lines[0]))
        if heading is not None and figures and len(_cells(lines[0])) >= 3:
            heading = None  # a row of figures set out in columns ("TOTAL    79   |   TOTAL    89")
        if heading is None and headed and not para.turn and _sentence_case_heading(kept, n):
            heading = clean_heading(lines[0])  # "The evidence" over its paragraphs, among other headings
        if heading is None and len(lines) == 1 and not para.turn and _runs_into_text(kept, n):
            heading = clean_heading(lines[0])  # "Heat the pan slowly" over its step, no blank between
        if heading is not None and _signs_off(kept, n):
            heading = None  # "HENRY T. COLLINGWOOD." under "Your obedient servant,": a signature
        signs = len(lines) == 1 and bool(blocks) and blocks[-1].kind == BODY and blocks[-1].section == section
        if heading is not None and signs and letters and letter_signer(lines[0]):
            heading = None  # "Priya Raman, Hillside Road" under her letter: its signature
        field_pair = heading is None and len(lines) == 1 and _FORM_FIELD.match(pending or "")
        if field_pair and _short_field(lines[0]) and len(lines[0]) <= 60:
            pending = f"{pending}; {lines[0]}"  # "Reviewer: B" over "Recommendation: Accept with changes"
            continue
        if heading is not None and top and not form and n < text_begins and _credit_line(heading):
            blocks.append(Block(heading, FRONT, section))  # "Transcriber: …" above the text: a fact about it
            continue
        # a heading is never text, nor a lone label ("ALICE:", "Notes:") that opens nothing
        if heading is not None and (n + 1 < len(kept) or blocks or _is_label(lines)):
            # "CHAPTER I." then "THE MILL": one heading, "CHAPTER I. THE MILL"
            numbered = pending is not None and _NUMBER_ONLY.match(pending)
            if pending is not None and _FORM_FIELD.match(pending) and _FORM_FIELD.match(heading):
                pending = f"{pending}; {heading}"  # "Reviewer: 1" over "Recommendation: Reject": one heading
            else:
                pending = f"{pending.rstrip('.:')}. {heading}" if numbered else heading
            continue
        if pending is not None:
            section, pending = pending, None
        spoken = spoken or para.turn
        kind = BODY
        if transcript and turns and not spoken and is_preamble(_join(lines)):
            kind = FRONT  # the transcriber's preamble
        elif id(para) in set_off or (len(lines) > 1 and ATTRIBUTION.match(lines[-1]) and n < 4):
            kind = QUOTE
        if kind == QUOTE and ATTRIBUTION.match(lines[-1]):
            text = _join(lines[:-1]) + "\n" + attribution(lines[-1])
        else:
            text = _join(lines)
        if id(para) in follow:  # a list: its short items join the sentence introducing them
            text = "\n".join([text, *(_join(item.lines) for item in follow[id(para)])])
            kind = LIST if kind == BODY else kind
        if id(para) in replying:  # "> Electricity is four times the price" then the answer to it
            text = f"“{replying[id(para)]}” {text}"
        if para.signature:  # an email's sign-off says who the sender is, as a letter's close does
            kind = BYLINE
        blocks.append(Block(text, kind, section, speaker=para.speaker))
    return _said_of(blocks) if form else blocks


# A credit above the text: "Transcriber: Oliver Reyes", "Translated by: …", "Photographs: A. Lee".
_CREDIT = re.compile(r"^(?P<label>[A-Z][a-z]+(?: by)?)\s*:\s+(?P<value>[^:]{2,80})$")


def _credit_line(line: str) -> bool:
    """Whether a heading-like line above the text is a credit ("Reviewer: Hana Szabo"), not a heading.

    A title with a colon ("CHAPTER 6: HOUSING", "Ashgrove Towers: Tenant Handbook") is not.
    """
    match = _CREDIT.match(line.strip())
    return match is not None and not match.group("value").isupper() and len(match.group("value").split()) <= 6


# A page's advertisement marker: "ADVERTISEMENT", "— Advertisement —", "Sponsored".
_ADVERT = re.compile(
    r"^[-–—\s]*(?:advertisement|advert|sponsored(?: content)?|paid promotion)[-–—\s]*$", re.IGNORECASE
)


def _unadvertised(kept: list[_Para]) -> list[_Para]:
    """Paragraphs without a page's advertisement: its marker, and the short blurb under it."""
    out: list[_Para] = []
    skip = False
    for para in kept:
        if skip and not para.turn and sum(len(ln) for ln in para.lines) <= 300:
            skip = False
            continue
        skip = len(para.lines) == 1 and bool(_ADVERT.match(para.lines[0]))
        if not skip:
            out.append(para)
    return out


def _said_of(blocks: list[Block]) -> list[Block]:
    """A form's label said under every heading ("Comments: …") names what the heading names.

    On an adjudicator's sheet "Comments:" opens the notes under each speaker's heading ("Prime
    Minister - Lily Chen (Beacon Hill A)"): the label says nothing of whom they are about, the
    heading does, so the notes read "Comments on Prime Minister - Lily Chen (Beacon Hill A): …".
    """
    labels = {
        (label, b.section) for b in blocks if b.section and b.kind == BODY and (label := _opening(b.text))
    }
    spread = Counter(label for label, _ in labels)  # the headings each label is said under
    out = []
    for block in blocks:
        # (a heading in capitals is a part of the form, "REASON FOR DECISION", not whom it is about)
        label = (
            _opening(block.text)
            if block.section and not block.section.isupper() and block.kind == BODY
            else None
        )
        if label is not None and spread[label] >= 3 and not _short_field(block.text.split("\n")[0]):
            said, _, rest = block.text.partition(":")
            block = replace(block, text=f"{said.strip()} on {block.section}: {rest.strip()}")  # noqa: PLW2901
        out.append(block)
    return out


_OPENING_LABEL = re.compile(r"^([A-Z][\w'’()/&-]*(?:\s+[\w'’()/&-]+){0,3}):\s+\S")


def _opening(text: str) -> str | None:
    """The label a paragraph opens with ("Comments: Clear and calm …" → "comments"), or None."""
    match = _OPENING_LABEL.match(text)
    return match.group(1).lower() if match and match.group(1).split()[0].lower() not in _PRONOUNS else None


_RULE_LINE = re.compile(r"[-=_*~·•]{3,}|(?:[-=_*~·•] ){2,}[-=_*~·•]")
_TITLE_PAGE = 8  # paragraphs at the top of a text where a title page's lines may stand
_CELL_GAP = re.compile(r"\s{2,}|\t")


def _cells(line: str) -> list[str]:
    return [cell for cell in _CELL_GAP.split(line.strip()) if cell]


def _tables(kept: list[_Para]) -> list[_Para]:
    """Tables set out in columns ("Library      Annual cost   Visits"), one paragraph each.

    Rows are lines whose cells are set apart by two spaces or more: three cells or more, as many
    in every row as in the first (a total under a table's rows makes a table of its own).
    Consecutive rows (no blank line between, or the lines of one paragraph) make one table, each
    row a line with its cells joined by " — ", as a Markdown table's are.
    """
    kept = list(kept)
    out: list[_Para] = []
    n = 0
    while n < len(kept):
        lines = list(kept[n].lines)
        owners = [n] * len(lines)  # the paragraph each line comes from
        end = n + 1
        while end < len(kept) and kept[end].blanks == 0 and not kept[end].turn:
            lines += kept[end].lines
            owners += [end] * len(kept[end].lines)
            end += 1
        rows = [_cells(line) for line in lines]
        width = len(rows[0]) if rows else 0
        if (
            len(rows) == 1
            and width >= 3
            and end < len(kept)
            and kept[end].blanks <= 1
            and not kept[end].turn
            and all(len(_cells(ln)) == width for ln in kept[end].lines)
        ):  # a header row over a rule ("------") and the rows under it
            while end < len(kept) and (end == n + 1 or kept[end].blanks == 0) and not kept[end].turn:
                lines += kept[end].lines
                rows += [_cells(ln) for ln in kept[end].lines]
                owners += [end] * len(kept[end].lines)
                end += 1
        # the rows as wide as the first: a table's body may end in rows of another width ("TOTAL  254")
        same = next((k for k, row in enumerate(rows) if len(row) != width), len(rows))
        if same < len(rows) and len(rows[same]) < 3:
            same = 0  # a cell's words going on under it ("Held, unless sender is on the" / "allow list")
        if width >= 3 and same >= 2 and not kept[n].turn:
            rows = [[cell for cell in row if cell != "|"] for row in rows[:same]]  # a rule between columns
            if _header_row(rows):  # "Speaker  Team  Total" over its rows: each cell under its header
                table = table_text(rows).split("\n")
            else:
                table = [" — ".join(row) for row in rows]
            out.append(replace(kept[n], lines=table, table=True))
            n = owners[same - 1] + 1
            if same < len(owners) and owners[same] == owners[same - 1]:  # its paragraph goes on after it
                n = owners[same]
                kept[n] = replace(kept[n], lines=kept[n].lines[same - owners.index(n) :], blanks=0)
            continue
        out.append(kept[n])
        n += 1
    return out


_FIGURE = re.compile(r"^[£$€]?[\d.,/:%+-]+[%]?$")


def _header_row(rows: list[list[str]]) -> bool:
    """Whether a table's first row names its columns: no figure in it, a figure in every row under it."""
    return not any(_FIGURE.match(cell) for cell in rows[0]) and all(
        any(_FIGURE.match(cell) for cell in row) for row in rows[1:]
    )


def _verse_joined(kept: list[_Para]) -> list[_Para]:
    """An opening quotation's lines joined to its attribution, as one paragraph.

    In a text of one line per paragraph, a verse's lines ("Lie still, my heart, …" / "The field
    that rests …" / "— Hester Vane") arrive as paragraphs of their own, with no blank line
    between them and the attribution.
    """
    out = list(kept)
    for n in range(min(len(out), 6) - 1, 0, -1):
        if n >= len(out) or not ATTRIBUTION.match(out[n].lines[-1]):
            continue  # (a merge below shortened the list)
        start = n
        while (
            start > 0
            and out[start].blanks == 0
            and len(out[start - 1].lines) == 1
            and len(out[start - 1].lines[0]) <= 100
            and not out[start - 1].turn
        ):
            start -= 1
        if start < n:
            lines = [line for p in out[start : n + 1] for line in p.lines]
            out[start : n + 1] = [replace(out[start], lines=lines)]
    return out


def _is_label(lines: list[str]) -> bool:
    """Whether a one-line paragraph is a label ending in a colon: a speaker's or a heading's."""
    return len(lines) == 1 and lines[0].rstrip().endswith(":")


def _signs_off(kept: list[_Para], n: int) -> bool:
    """Whether the one-line paragraph `n` signs a letter off rather than heading a part.

    It follows a complimentary close ("I am, Sir, your obedient servant,"), or it ends in a
    full stop and only short lines (a place, a date) follow it to the end of the text.
    """
    if n and VALEDICTION.match(_join(kept[n - 1].lines)):
        return True
    # "Yours faithfully," / "JOHN SMITH" / "Secretary, Dunmore Angling Club": the signer's post or address
    if n > 1 and VALEDICTION.match(_join(kept[n - 2].lines)) and SIGNATURE.match(_join(kept[n - 1].lines)):
        return True
    rest = kept[n + 1 :]
    letter = opens_letter([_join(p.lines) for p in kept[:LETTER_OPENING]])
    if len(rest) <= 1 and signed_with_place(_join(kept[n].lines), letter=letter):
        return True  # "MARGARET OYELARAN, Kelverton" under the letter's last paragraph
    short = all(len(_join(p.lines)) < 80 for p in rest)
    line = _join(kept[n].lines)
    if len(rest) <= 2 and short and n and _signer(line) and _join(kept[n - 1].lines)[-1:] in '.!?"”':
        return True  # "PRIYA RAMASWAMY" / "University of Dunbarton" under a review's last paragraph
    if n > 1 and not rest and _signer(_join(kept[n - 1].lines)) and _signs_off(kept, n - 1):
        return True  # the signer's post or place under the signature
    return kept[n].lines[-1].endswith(".") and len(rest) <= 2 and short


def _signer(line: str) -> bool:
    """A line that is a person's name alone, of two or three words ("PRIYA RAMASWAMY", "J. R. Hale")."""
    return bool(SIGNATURE.match(line)) and len(line.split()) >= 2 and not line.isdigit()


_ITEM = re.compile(r"^(\d{1,2})[.)]\s+\S")
_BULLET = re.compile(r"^([-•*–·▪])\s+\S")
SHORT_ITEM = 200  # characters: a list item this short joins its list's block


def _lists(kept: list[_Para]) -> tuple[set[int], dict[int, list[_Para]]]:
    """Numbered lists ("1. The right to vote." / "2. Civic equality."): items, never headings.

    A run of paragraphs numbered 1, 2, 3 … is a list when a paragraph introduces it with a
    colon, or when one of its items reads as text (not as a heading); a lone numbered line
    written as a sentence is never a heading either (see `plain_heading`). Returns the ids
    of every item, and, for the paragraph introducing a list (or the list's first item),
    the short items that join its block, so a list stays with what it lists.
    """
    items: set[int] = set()
    follow: dict[int, list[_Para]] = {}
    n = 0
    while n < len(kept):
        run = _numbered_run(kept, n)
        if len(run) < 2:
            n += 1
            continue
        before = kept[n - 1] if n else None
        lead = before is not None and not before.turn and _introduces(before)
        if lead or not all(_reads_as_heading(p) for p in run):
            items.update(id(p) for p in run)
            short = list(itertools.takewhile(lambda p: len(_join(p.lines)) <= SHORT_ITEM, run))
            if lead and short:
                follow[id(before)] = short
            elif len(short) >= 2:
                follow[id(short[0])] = short[1:]
        n += len(run)
    return items, follow


def _numbered_run(kept: list[_Para], start: int) -> list[_Para]:
    """The paragraphs from `start` numbered 1, 2, 3 … in a row (empty if `start` is not item 1).

    Or the paragraphs from `start` bulleted with the same mark ("- ", "• ").
    """
    run: list[_Para] = []
    first = kept[start].lines[0] if kept[start].lines and not kept[start].turn else ""
    if (bullet := _BULLET.match(first)) is not None:
        mark = bullet.group(1)
        for para in kept[start:]:
            if not para.lines or para.turn or not para.lines[0].startswith(mark + " "):
                break
            run.append(para)
        return run
    for para in kept[start:]:
        match = _ITEM.match(para.lines[0]) if para.lines and not para.turn else None
        if match is None or int(match.group(1)) != len(run) + 1:
            break
        run.append(para)
    return run


def _reads_as_heading(para: _Para) -> bool:
    lines = para.lines
    heading = plain_heading(lines[0]) if len(lines) == 1 else wrapped_heading(lines, para.blanks)
    return heading is not None


def _introduces(para: _Para) -> bool:
    """A paragraph of text ending with a colon: it announces what follows."""
    return bool(para.lines) and para.lines[-1].endswith(":") and not _reads_as_heading(para)


_NAME_LINE = re.compile(r"(?:(?:--|—|–)\s*)?[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,4}\.?")


def _epigraph(kept: list[_Para]) -> tuple[list[_Para], _Para | None]:
    """An opening epigraph set in from the text and signed on a line of its own ("ARTHUR SYMONS.").

    Returns the epigraph's paragraphs and the signature's, or nothing.
    """
    run: list[_Para] = []
    for n, para in enumerate(kept[:8]):
        if not run and len(para.lines) == 1 and LEADING_BYLINE.match(para.lines[0]):
            continue  # the byline may come first
        if para.turn or para.indent < 2:
            break
        if run and len(para.lines) == 1 and _NAME_LINE.fullmatch(para.lines[0]):
            after = kept[n + 1] if n + 1 < len(kept) else None
            set_in = after is None or after.indent <= min(p.indent for p in run) - 2
            return (run, para) if set_in else ([], None)
        run.append(para)
    return [], None


# A salutation or address opens a letter's text; it is no heading ("Dear Editor", "To the Council")
_SALUTATION = re.compile(r"^(?:dear|sir|sirs|madam|gentlemen|ladies|friends|to|my)\b", re.IGNORECASE)
_RUN_IN_WORDS = 8


def _runs_into_text(kept: list[_Para], n: int) -> bool:
    """A short unpunctuated line after a blank, with its text on the very next line: a heading.

    "Heat the pan slowly" / "Put the pan on a low flame for five minutes…": guides and notes set
    a step's or a section's name in sentence case, on the line above its text.
    """
    line = kept[n].lines[0]
    after = kept[n + 1] if n + 1 < len(kept) else None
    return (
        kept[n].blanks >= 1  # after a blank line (the title's, or a paragraph's)
        and after is not None
        and after.blanks == 0
        and not after.turn
        and len(" ".join(after.lines)) > 2 * len(line)
        and len(line.split()) <= _RUN_IN_WORDS
        and re.match(r"[A-Z]", line) is not None
        and re.search(r"[.,;:!?\"”'’)\]]$", line) is None
        and _SALUTATION.match(line) is None
    )


_NUMBER_ONLY = re.compile(
    r"^(?:(?:chapter|part|book|section|letter|lecture|essay)\s+)?(?:\d+|[IVXLC]+)[.:]?$", re.I
)
_PAGE_NUMBER = re.compile(r"[\s.]+\d{1,4}$")  # "CHAPTER I. The Mill ..... 12"


def _contents_line(line: str) -> bool:
    """A line of a table of contents: a heading, perhaps with its page; never a field or a sentence.

    "Date: Tuesday 4 February 2025, 7.30 pm" / "Place: …" and a leaflet's "THE BALLOT CLOSES AT NOON ON
    24 NOVEMBER 2026." in capitals are text, though each reads as a heading on its own.
    """
    bare = _PAGE_NUMBER.sub("", line).strip()
    if _FORM_FIELD.match(bare) or (bare.endswith((".", "!", "?")) and len(bare.split()) >= 5):
        return False
    return plain_heading(bare) is not None


# A hard-wrapped line that ends inside a hyphenated word ("forty-" / "two cars"): wrapping tools
# break lines at a word's own hyphen, so the word is glued back with its hyphen kept.
_WRAPPED_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-z0-9])")


def _join(lines: list[str]) -> str:
    text = _WRAPPED_HYPHEN.sub("-", "\n".join(line.strip() for line in lines))
    text = re.sub(SOFT_HYPHEN + r"[ \t]*\n?[ \t]*", "", text)  # a word the printer broke at the line's end
    return clean_inline(re.sub(r"[ \t\n]+", " ", text).strip())


def _title_block(lines: list[str]) -> bool:
    """A short opening block of title-like lines (a title and its subtitle or version line)."""
    block = list(itertools.takewhile(lambda ln: ln.strip(), lines))
    return len(block) <= 3 and all(
        looks_like_title(ln, opening=False) and len(ln.strip()) <= 80 for ln in block
    )


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when paragraphs are blocks of short lines separated by blank lines."""
    nonblank = [ln for ln in lines if ln.strip()]
    if len(nonblank) < 3:
        return False
    long_share = sum(len(ln) > 110 for ln in nonblank) / len(nonblank)
    if long_share >= 0.1:
        return False
    inner: list[str] = []  # lines followed by another non-blank line
    for a, b in itertools.pairwise(lines):
        if a.strip() and b.strip():
            inner.append(a.strip())
    if not inner:
        return False
    open_ended = sum(not re.search(r"[.!?:\"”)]$", ln) for ln in inner) / len(inner)
    return open_ended >= 0.5 and statistics.median(len(ln) for ln in inner) >= 35
