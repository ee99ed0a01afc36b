"""The shape of a document: headings, furniture lines, titles.

A heading is never a passage: it becomes the section of the passages under it. Lines that
are only numbering, rules, placeholders or licence furniture are not passages at all. A
document's title is its own title line or first heading, cleaned; the file name is used
only when the text has neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.core.reading.inline import clean_marks

BODY = "body"
QUOTE = "quote"  # someone else's words, quoted: an epigraph, a fable, a quotation set off
FRONT = "front"  # front matter: a transcriber's or editor's preamble, not the author's words
LIST = "list"  # a list's items, with the sentence introducing them when there is one
BYLINE = "byline"  # who wrote it, when and where: a byline line, a letter's close and signature


@dataclass
class Block:
    """One paragraph-level unit of a document before it is numbered."""

    text: str
    kind: str = BODY
    section: str | None = None
    speaker: str | None = None  # in a transcript: who speaks


# "7.", "12)", "(a)", "IV.", "§ 3", "1.2.3", "- 12 -", "[Page 4]": numbering with nothing else.
_NUMBERING = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:§+\s*)?[(\[]?(?:\d+(?:\.\d+)*|[ivxlcdm]+|[a-z]|page\s+\d+)[.)\]:]?(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
# Rules and separators: "-----", "* * *", "=====", "___", "~~~", "#####".
_RULE = re.compile(r"^\s*([-=_*~#+.·•])(?:\s*\1){2,}\s*$")
# "<name of author>", "<year>", "[Your Name]", "{{ placeholder }}", "YYYY".
_PLACEHOLDER = re.compile(
    r"<(?!https?:|mailto:)[^<>\n]{1,80}>|\[(?:your|insert|name|year|date)[^\]\n]{0,60}\]|\{\{[^}\n]*\}\}",
    re.I,
)
_COPYRIGHT = re.compile(r"\b(copyright|\(c\)|©|all rights reserved)\b", re.IGNORECASE)
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Help-file tags and anchors: "*vim9-rationale*", "|vim9-types|", "{#intro}".
_TAGS = re.compile(r"(?:(?<=\s)|^)[*|][^\s*|]+[*|](?=\s|$)|\{[#.][^}]*\}")
_DOTTED_NUMBER = re.compile(r"^\s*(?:\d+\.(?:\d+\.?)*|[IVXLCDM]+\.)\s+\S")
# A picture's place in a printed book: "[Illustration]", "[Illustration: The mill at dawn]".
_ILLUSTRATION = re.compile(r"^\s*\[\s*illustrations?\b[^\]]*\]\s*$", re.IGNORECASE)
# The printed book's last line: "THE END", "F I N I S."
_THE_END = re.compile(r"^\s*(?:the\s+end|f\s*i\s*n\s*i\s*s)\s*\.?\s*$", re.IGNORECASE)
# Editor settings lines such as "vim:tw=78:ts=8:ft=help:".
_MODELINE = re.compile(r"^\s*(?:vim?|ex):\s*\S+:\s*$")
# A section number opening a heading: "Chapter IV.", "2.1", "III." — a Roman numeral only in
# capitals and with its stop (or after "Chapter"), so "Civil" or "Mill" is never a number.
_LEADING_NUMBER = re.compile(
    r"^\s*(?:(?i:chapter|section|part|article)\s+(?:\d+(?:\.\d+)*|[IVXLCDM]+|[ivxlcdm]+)[.:)]?"
    r"|\d+(?:\.\d+)*[.:)]?|[IVXLCDM]+[.:)])\s+"
)


# A page's running head: its number, the paper's name and the date, set apart by bars or dots
# ("30 | THE MARCHES FARMER | FRIDAY, NOVEMBER 6, 2026", "The Weekly Post · 12 March 2026 · 7").
_HEAD_BAR = re.compile(r"\s+[|·•]\s+")


def running_head(line: str) -> str | None:
    """The publication a page's running head names, or None for any other line."""
    cells = [c.strip() for c in _HEAD_BAR.split(line.strip())]
    if not 3 <= len(cells) <= 4 or len(line) > 120:
        return None
    page = [c for c in (cells[0], cells[-1]) if re.fullmatch(r"(?:p(?:age|\.)?\s*)?\d{1,4}", c, re.I)]
    dated = [c for c in cells if DATE_LINE.match(c) or DATE_IN_LINE.fullmatch(c)]
    named = [c for c in cells if c not in page and c not in dated]
    if not page or not dated or len(named) != 1 or len(named[0].split()) > 8:
        return None
    return named[0]


# A newspaper's jump line: "Continued on page 31", "From page 30", "(Continued from p. 4)".
_JUMP = re.compile(
    r"^[(\[]?(?:(?:continued|cont(?:'d|inued)?\.?)\s+(?:on|from|overleaf)|from|turn to|see)\s+"
    r"(?:page|p\.?)\s*\d{1,4}[)\]]?\.?$",
    re.IGNORECASE,
)


# An audience's reaction noted alone in a talk's transcript: "(Laughter)", "[Applause]", "(Audience laughs)".
_REACTION = re.compile(
    r"^[(\[](?:laughter|laughs|applause|cheers?|cheering|music|silence|audience (?:laughs|applauds|cheers))"
    r"(?: and (?:laughter|applause|cheers))?[)\]]\.?$",
    re.IGNORECASE,
)


def is_furniture(text: str) -> bool:
    """True for a block that is only numbering, a rule, placeholders or copyright furniture.

    A page's running head, a newspaper's jump line ("Continued on page 31") and an audience's
    "(Laughter)" alone in a talk's transcript are furniture too.
    """
    stripped = text.strip()
    if not stripped:
        return True
    if _JUMP.match(stripped) or running_head(stripped) is not None or _REACTION.match(stripped):
        return True
    if (
        _NUMBERING.match(stripped)
        or _RULE.match(stripped)
        or _MODELINE.match(stripped)
        or _THE_END.match(stripped)
        or _ILLUSTRATION.match(stripped)
    ):
        return True
    if not _WORDS.search(stripped):  # punctuation, digits, symbols only
        return True
    placeholders = _PLACEHOLDER.findall(stripped)
    if placeholders:
        rest = _PLACEHOLDER.sub(" ", stripped)
        words = _WORDS.findall(_COPYRIGHT.sub(" ", rest))
        # a template line: "Copyright (C) <year> <name of author>", "<one line to give ...>"
        if len(words) <= 4 or (_COPYRIGHT.search(rest) and len(words) <= 8):
            return True
    return False


def clean_heading(text: str) -> str:
    """A heading as a reader names it: help tags, attributes ("{#id}"), footnote marks removed."""
    text = _TAGS.sub(" ", text)
    text = clean_marks(re.sub(r"(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])", "", text))
    text = re.sub(r"(?<=[A-Za-z.!?)])(?:\*{1,3}|\[\d{1,3}\])$", "", text.strip())
    text = " ".join(text.split()).strip(" :~")
    if text.isupper() and len(text) > 3:
        text = text.rstrip(".")
    return text


def clean_title(text: str) -> str:
    """A document title: a cleaned heading without its leading section number, not shouted.

    A title set in capitals ("ON THE READING OF NEWSPAPERS") is cited in title case ("On the
    Reading of Newspapers"); words without a vowel ("GPL") and Roman numerals stay capitals.
    """
    cleaned = clean_heading(text)
    unnumbered = _LEADING_NUMBER.sub("", cleaned).strip() or cleaned
    if unnumbered.isupper() and len(re.findall(r"[A-Z]{2,}", unnumbered)) >= 2:
        return title_case(unnumbered)
    return unnumbered


_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def cased(text: str) -> str:
    """A line in capitals in title case, so its month reads as one ("MAY 4, 1862" is "May 4, 1862")."""
    line = text.strip()
    return title_case(line) if line.isupper() else line


def title_case(text: str) -> str:
    """Capitals as a title is usually printed: small words lower but the first, acronyms kept."""
    out = []
    for i, word in enumerate(text.split()):
        letters = re.sub(r"[^A-Za-z]", "", word)
        if letters in ("MR", "MRS", "DR", "ST"):
            out.append(word[0] + word[1:].lower())
        elif re.fullmatch(r"\d+(?:ST|ND|RD|TH)\W*", word):  # "6TH," is printed "6th,"
            out.append(word.lower())
        elif (re.search(r"[A-Z]{2}", word) and re.search(r"\d", word) and "-" not in word) or re.fullmatch(
            r"[A-Z]\d{1,4}\W*", word
        ):
            # a reference or a road: "CEAC/2026/14", "HB2", "A38"
            out.append(word)
        elif not letters or _ROMAN.fullmatch(letters) or not re.search(r"[AEIOUY]", letters):
            out.append(word)
        elif i and letters.lower() in _SMALL and not out[-1].endswith((".", ":", "?", "!")) and word != "A.":
            out.append(word.lower())
        else:
            out.append(re.sub(r"[A-Za-z][A-Za-z'’]*", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), word))
    return " ".join(out)


_SMALL = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "in",
        "nor",
        "of",
        "on",
        "or",
        "the",
        "to",
        "vs",
        "via",
        "with",
    ]
)


def humanise_file_name(path: str) -> str:
    """A title made from a file name, for a document that has none: "gpl-3" → "GPL 3"."""
    stem = Path(path).stem
    # what the file was, not what it is called: "talk.en.srt.txt", "report.pdf.txt"
    stem = (
        re.sub(r"(?:\.(?:[a-z]{2}(?:-[A-Z]{2})?|srt|vtt|pdf|docx?|html?|txt|md|final|draft))+$", "", stem)
        or stem
    )
    words = [w for w in re.split(r"[-_\s]+", stem) if w]
    out = []
    for i, word in enumerate(words):
        letters = re.sub(r"[^A-Za-z]", "", word)
        if word.isdigit() or re.fullmatch(r"[\d.]+[a-z]?", word) or word != word.lower():
            out.append(word)  # numbers, versions and words the author capitalised stay as written
        elif letters and not re.search(r"[aeiouy]", letters.lower()):
            out.append(word.upper())  # an acronym: "gpl", "lgpl", "bsd", "rfc"
        elif i and word in _SMALL:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out) or stem


_HEADING_END = re.compile(r"[,;]\s*(?:--|—|–)?$")  # "Sir,--" opens a letter; it heads nothing
# A speech's or letter's salutation: "Mr. President, Ladies and Gentlemen,--", "Fellow-Citizens:"
_SALUTATION = re.compile(
    r"^(?:(?:my|dear|fellow)[- ])?(?:(?:mr|madam|madame)\.?\s+(?:president|chairman|speaker|mayor)|ladies|"
    r"gentlemen|citizens|fellow-citizens|friends|brethren|sirs?|madam|members)\b.*[,:;]\s*(?:--|—|–)?$",
    re.IGNORECASE,
)
# a month's name, whole or short ("Sept.", "December"); the dates below and a web page's byline read it
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# "Bradwell, March 1873.", "London, 4th May, 1851", "New York, June 3, 1902", "MARCH, 1874"
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+|{MONTH},?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)?1[5-9]\d\d|"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+|{MONTH},?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)20\d\d"
)
PLACE_DATE = re.compile(rf"^(?:[A-Z][A-Za-z.'’ -]{{0,40}},\s*)?(?P<date>{_DATE})\.?$")
# "14, Albion Terrace, Bradfield, March 3rd, 1902.": a street address before a letter's date
ADDRESS_DATE = re.compile(rf"^(?:[A-Z0-9][A-Za-z0-9.'’ -]{{0,40}},\s*){{1,4}}?(?P<date>{_DATE})\.?$")
# the date a byline ends on: "Speech of X at the Town Council, NOVEMBER 6TH, 1894."
TRAILING_DATE = re.compile(rf"(?:^|[\s,])(?P<date>{_DATE})\.?$", re.IGNORECASE)
# a full date anywhere in a line: "Held at the Corn Exchange, Tuesday 14 October 2025, 7.00pm"
DATE_IN_LINE = re.compile(rf"(?<![\w/])(?P<date>{_DATE})\b", re.IGNORECASE)
# a date in figures, as a program writes it: "02-Dec-2026", "2026-12-02", "02/12/2026"
_NUMERIC_DATE = (
    rf"\d{{1,2}}[-/ ]{MONTH}[-/ ](?:19|20)\d\d|(?:19|20)\d\d-[01]\d-[0-3]\d|"
    r"[0-3]?\d[/.][01]?\d[/.](?:19|20)\d\d"
)
# a line that only dates the text: "Published Thursday 5 June 2025", "Tuesday 14 October 2025",
# "Revised 9 January 2026." (never a heading: the date of what follows)
DATE_LINE = re.compile(
    r"^(?:(?:first\s+)?(?:published|issued|dated|posted|recorded|updated|revised|printed|broadcast|"
    r"delivered|held|written|filed|decided|heard|handed\s+down|given|sent|signed)\s+(?:on\s+)?)?"
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?P<date>{_DATE}|{_NUMERIC_DATE})\.?$",
    re.IGNORECASE,
)
# a periodical's issue line: "No. CCXIV.  MARCH, 1874.  Price One Shilling.", "Vol. 3, Issue 2, May 2024"
ISSUE_LINE = re.compile(r"^(?:no|vol|volume|issue|number)\.?\s*(?:[0-9]+|[IVXLCDM]+)\b", re.IGNORECASE)


def dates_only(line: str) -> bool:
    """Whether a line only dates the text or its issue ("Tuesday 14 October 2025", "No. 12. MAY, 1874.")."""
    line = line.strip().strip("*_")
    if len(line) > 90:
        return False
    return bool(DATE_LINE.match(line) or (ISSUE_LINE.match(line) and DATE_IN_LINE.search(line)))


# the complimentary close of a letter: "I am, Gentlemen, your obedient servant,", "Yours faithfully,"
VALEDICTION = re.compile(
    r"^(?:(?:I|we)\s+(?:am|remain|have the honou?r to be),?\s+)?(?:[A-Z][\w ]{0,30},\s+)?"
    r"(?:(?:yours?|very|most|ever|truly|faithfully|sincerely|respectfully|cordially|affectionately|"
    r"obedient|humble|devoted|dutiful)[\s,]+)+(?:servants?|friends?|yours)?[,.]?$|"
    r"^(?:(?:with\s+)?(?:kind|best|warm)\s+regards|sincerely|respectfully|faithfully)[,.]?$",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"^(?:[A-Z]\.\s*){1,4}$")
# What a byline may name before its "by": "Remarks by …", "An essay by …", "Delivered by …".
BYLINE_LEAD = (
    r"(?:(?:an?|the)\s+)?(?:(?:opening|closing|prepared|keynote|public|inaugural|travel|personal|private)\s+)?"
    r"(?:written|posted|delivered|presented|given|prepared|compiled|submitted|issued|authored|reviewed|remarks|kept|"
    r"speech|"
    r"address|essay|lecture|sermon|statement"
    r"|testimony|letter|talk|article|column|op-ed|commentary|report|diary|journal|memoir|log)\s+(?:\w+\s+){0,2}?"
)
# A speech's heading names its speaker with "of": "Speech of Alderman Josiah Pell at …".
SPEECH_OF = (
    r"(?:(?:an?|the)\s+)?(?:(?:opening|closing|inaugural|farewell|maiden|keynote)\s+)?"
    r"(?:speech|address|remarks|oration|lecture|sermon|testimony|judgment|judgement)\s+of\s+(?:the\s+)?"
    r"(?=(?-i:[A-Z]))"
)
# A body's paper names it with "from": "A submission from the Westquay Residents' Association to …".
SENT_FROM = (
    r"(?:an?|the|our)\s+(?:submission|response|statement|letter|message|brief|briefing|position paper|"
    r"petition)\s+"
    r"from\s+(?:the\s+)?(?=(?-i:[A-Z]))"
)
# Where and when a text was given, on a line of its own under the title: "Delivered before the
# Literary Society, Tadcaster, March 3, 1894.", "(An address given at the Institute, 1911.)",
# "A SERMON PREACHED IN ST. MARY'S CHURCH, HOLBECK, ON SUNDAY, MAY 4, 1862."
OCCASION = re.compile(
    r"^[\[(]?\s*(?:(?:an?|the)\s+)?(?:(?:sermon|address|lecture|speech|paper|talk|discourse|oration|"
    r"remarks|essay|meeting)\s+)?(?:preached|delivered|given|read|spoken|held)\s+(?:at|in|before|to|on)\s+(?:the\s+)?"
    r"(?-i:[A-Z])",
    re.IGNORECASE,
)
# A title page's imprint: who printed or published it, where, at whose request. Never a heading.
# "LONDON: PRINTED BY WARDLE AND SONS, FLEET LANE.", "Published at the request of the Committee."
IMPRINT = re.compile(
    r"^(?:[A-Z][\w.'’ -]{1,30}:\s+)?(?:(?:re)?printed|published|sold|issued)\s+(?:by|for|at|and\s+sold)\b",
    re.IGNORECASE,
)
# What the text is, on a line of its own under the title: "A SERMON", "An Address.", "A LECTURE"
GENRE = re.compile(
    r"^(?:an?\s+)?(?:sermon|address|lecture|speech|discourse|oration|essay|paper|talk|letter|homily)[.:]?$",
    re.IGNORECASE,
)
# A role, then the name: "From the club secretary, Dorothy Ambrose", "From your Chair, J. Ode".
FROM_ROLE = (
    r"from\s+(?:the|your|our)\s+(?:[\w'’]+\s+){0,3}?(?:secretary|chair|chairman|chairwoman|president|"
    r"editor|treasurer|captain|vicar|rector|minister|warden|manager|director|clerk|organi[sz]er|"
    r"head ?teacher|principal|mayor|conven[eo]r|co-?ordinator)\s*,\s+(?=(?-i:[A-Z]))"
)
# "By Jane Doe", "Written by …", "Remarks by Councillor Jane Doe at …", "SPEECH OF MR. JOHN BRIGHT",
# "Prepared by the Garden Committee": a byline opening a document.
# A judgment's header names who gave it: "Before: DISTRICT JUDGE PRIYA OYELARAN".
JUDGE_BEFORE = r"before\s*:\s*(?=(?-i:[A-Z]))"
BYLINE_OPENING = rf"(?:(?:{BYLINE_LEAD})?by\s+|{SPEECH_OF}|{SENT_FROM}|{FROM_ROLE}|{JUDGE_BEFORE})"
LEADING_BYLINE = re.compile(rf"^{BYLINE_OPENING}[A-Z][\w.'’\- ]+", re.IGNORECASE)
_BYLINE = re.compile(
    rf"^(?:(?:{BYLINE_LEAD})?by\s+\S|{SPEECH_OF}|{SENT_FROM}|{FROM_ROLE}|{JUDGE_BEFORE})", re.IGNORECASE
)


# A meeting record's field over its value on one line: who was there, who sent apologies, where.
_RECORD_FIELD = re.compile(
    r"^(?:present|also present|members present|officers present|in attendance|attendees|attending|"
    r"apologies(?: for absence)?|absent|guests|venue|location|chair(?:ed by)?|minute[- ]taker|"
    r"minutes taken by|clerk)\s*:\s*\S",
    re.IGNORECASE,
)


def plain_heading(text: str) -> str | None:
    """The heading a one-line plain-text block stands for, or None if it reads as text.

    A heading is short, starts with a capital or a number, and is written as a heading:
    in capitals, in title case, numbered ("7. Rationale"), or a short label ending in a
    colon ("Notes:"). A single word ending in a full stop is a signature, not a heading;
    a numbered sentence ("1. The right to vote.") is a list's item.
    """
    line = text.strip()
    if "\n" in line or not line or len(line) > 90 or _HEADING_END.search(line) or _SALUTATION.match(line):
        return None
    if _RECORD_FIELD.match(line):
        return None  # "Present: Lydia Crane (chair), Tom Aske": who attended, a line of the record
    cleaned = clean_heading(line)
    dated = PLACE_DATE.match(cased(line))  # "London, 1763", "LEEDS, 1873."
    if (
        _BYLINE.match(cleaned)
        or OCCASION.match(cleaned)
        or GENRE.match(cleaned)
        or _INITIALS.match(line)
        or dated
    ):
        return None
    words = _WORDS.findall(cleaned)
    if not words or len(words) > 12 or not re.match(r"[A-Z0-9§]", cleaned):
        return None
    if re.match(r"(?:my\s+)?dear\b", cleaned, re.IGNORECASE):
        return None  # "Dear Editor": a letter's salutation, not a heading
    dotted = bool(_DOTTED_NUMBER.match(line))  # "9. Rationale", "2.1 Scope": a numbered heading
    if line.endswith(":"):
        return cleaned if len(words) <= 3 else None
    if line.endswith((".", "!", "?")) and not dotted and (len(words) == 1 or not line.isupper()):
        return None
    long_words = [w for w in words if len(w) > 3] or words
    capitalised = sum(w[0].isupper() for w in long_words) / len(long_words)
    if dotted and line[0].isdigit() and line.endswith(".") and not cleaned.isupper() and capitalised < 0.6:
        return None  # "1. The right to vote.": a numbered sentence is a list's item
    if cleaned.isupper() or dotted or capitalised >= 0.6:
        return cleaned
    return None


def wrapped_heading(lines: list[str], blanks_before: int) -> str | None:
    """The heading two or three wrapped lines stand for, or None if they read as text.

    A heading that a hard-wrapped text runs over two lines stays one heading: lines in
    capitals ("OF THE ORIGIN AND DESIGN OF GOVERNMENT IN GENERAL, / WITH CONCISE REMARKS…"),
    or, set off by two blank lines or more as Gutenberg sets its headings, lines that open
    in capitals ("WHAT TO THE SLAVE IS THE FOURTH OF JULY?. Extract from an Oration, at /
    Rochester, July 5, 1852") or a short title-case heading.
    """
    if not 2 <= len(lines) <= 3:
        return None
    joined = " ".join(" ".join(lines).split())
    letters = [c for c in joined if c.isalpha()]
    if not letters or len(joined) > 200 or not re.match(r"[A-Z0-9§\"“]", joined):
        return None
    if sum(c.isupper() for c in letters) / len(letters) >= 0.85:
        return clean_heading(joined)
    if blanks_before < 2 or len(joined) > 160 or joined.endswith((",", ";", ":")):
        return None
    opening = re.match(r"^(?:[A-Z][A-Z'’-]+[,.;:?!]*\s+){2,}", joined)
    if opening or (len(joined) <= 90 and plain_heading(joined) is not None):
        return clean_heading(joined)
    return None
