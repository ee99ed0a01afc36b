"""Who holds a claim, named as a moderator would name them: "Mill", "Du Bois", "van Rossum".

The author comes from the document's byline (the parser's ``author``), else from its title
page or header ("Author: W. E. B. Du Bois", "by Thomas Paine"): a short surname, keeping
name particles ("Du Bois", "van Rossum"), two authors as "Hamilton and Madison", an
organisation by its whole name. A file name, a document identifier ("draft-ietf-x-09",
"pep-0285") or an e-mail address is never a name; without a name the questions say
"the author".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.core.reading.structure import title_case

ANONYMOUS = "the author"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "du",
        "da",
        "di",
        "del",
        "della",
        "dos",
        "das",
        "le",
        "la",
        "st",
        "st.",
        "bin",
        "ibn",
        "al",
        "el",
        "ten",
        "ter",
        "mac",
    ]
)
_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "esq", "esq."])
_TITLES = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "professor",
        "sir",
        "rev",
        "rev.",
        "hon",
        "hon.",
        "lord",
        "lady",
    ]
)
_ORGANISATION = re.compile(
    r"\b(?:project|team|foundation|council|institute|association|committee|inc|ltd|llc|group|"
    r"university|society|board|agency|department|commission|office|bureau|working group|company|"
    r"corporation|league|union|party|press|editors|staff|unit|division|service|directorate|secretariat|"
    r"taskforce|task force|panel|network|coalition|alliance|campaign|trust|centre|center|programme|program|"
    r"initiative|lab|laboratory|ministry|administration|authority|cabinet|club|federation|guild|co-?operative|co-?op|"
    r"collective|forum|assembly|caucus|chamber|partnership|fellowship|charity|parish|church|"
    # (a publication: "Towpath Monthly", "The Wexcombe Gazette", "Wend Valley Wiki")
    r"monthly|weekly|quarterly|gazette|magazine|newsletter|bulletin|courier|herald|chronicle|wiki|"
    # (a place run by its members: "Northgate Community Tool Library", "Eastgate Community Fridge")
    r"library|museum|school|college|academy|hospital|pantry|fridge|food bank|kitchen|hub|shed|jury|"
    r"friends of)\b",
    re.IGNORECASE,
)
_BODY_END = re.compile(
    r"\b(?:unit|office|department|division|committee|council|commission|board|agency|bureau|directorate|"
    r"secretariat|ministry|institute|foundation|society|association|union|league|trust|centre|center|panel|"
    r"team|group|project|service|club|federation|guild|co-?operative|co-?op|collective|forum|assembly|caucus|"
    r"chamber|partnership|fellowship|charity|library|museum|school|college|academy|hospital|pantry|fridge|"
    r"food bank|kitchen|hub|shed|jury|assembly|tribunal|inquiry|ombudsman)$",
    re.IGNORECASE,
)
# A paper named for the body that issues it: "Decision of the Housing Standards Tribunal", "Report of the
# Transport Working Group to the Town Council" (the body speaks, as "we" or by its name)
_ISSUED_BY = re.compile(
    r"^\W*(?:(?:final |interim |annual )?(?:decision|report|judg(?:e)?ment|ruling|findings|recommendations|"
    r"review|response|submission|statement|determination)) (?:of|by|from) (?P<body>the (?:[A-Z][\w'’\-]*\s+"
    r"(?:(?:of|for|and|on)\s+)?){0,6}?[A-Z][\w'’\-]*)(?=\s+to\s+the\b|\s*$|\s*[:,(—–-])",
    re.IGNORECASE,
)
# A letterhead in capitals at the head of a text: "HALLOWDALE MOUNTAIN RESCUE TEAM Registered charity no. …"
_LETTERHEAD = re.compile(r"^\W*(?P<body>[A-Z][A-Z'’&\-]+(?: [A-Z][A-Z'’&\-]+){1,7})(?= [A-Z][a-z]|\s*$)")


def is_body(name: str) -> bool:
    """Whether a name is a body's ("the Leisure and Culture Scrutiny Panel"), not people's."""
    return bool(_BODY_END.search(name.strip()))


# "Author: X", "Authors: X, Y", "by X" on a title page or in a header block.
_NAME = r"(?P<name>(?:(?:[A-Z][\w.'’\-]*|van|von|de|du|da|del|der|le|la)\s+){0,5}[A-Z][\w'’\-]+)"
_ONE_LINE_NAME = _NAME.replace("(?P<name>", "(?:").replace(r"\s+", r"[ \t]+")  # (a name within its line)
# "Author: Guido van Rossum" anywhere in a header (a hard-wrapped one is one line); "by X" opening a line.
_HEADER = re.compile(
    rf"(?:(?<=\s)|^)(?i:authors?:)\s*{_NAME}|"
    # who speaks or signs for the text in its header: "Narrator: Dr Ilse Marrack, Keeper of Collections",
    # "**Decision issued by:** Judith Amankwah-Stone, Deputy Ombudsman"
    rf"(?:(?<=[\s·|*])|^)(?i:narrator|narrated by|presenter|presented by|"
    rf"(?:decision |report |statement )?issued by|signed(?: by)?|on behalf of (?:the )?\w+ by)"
    rf"\W{{0,3}}:?\W{{0,3}}\s*(?i:(?:dr|mr|mrs|ms|prof|professor)\.?\s+)?"
    rf"{_NAME.replace('<name>', '<name4>')}|"
    # a review's standfirst: "Tomás Greer reviews The Quiet Commons …, by Ada Whitlock" (the reviewer writes)
    rf"^\W{{0,2}}{_NAME.replace('<name>', '<name3>')}\s+reviews\s+(?=[^\n]{{3,300}}?\bby\s+[A-Z])|"
    # "By …", "Written by …", "*Posted by Dana Kowalczyk, engineering manager, on the team blog*"
    rf"^\s*\W{{0,2}}(?i:(?:written|posted|published|reviewed) by|by)\s+{_NAME.replace('<name>', '<name2>')}|"
    # a report's writers on its title page: "Report to the Wildlife Group, prepared by Dr Anjali Pemberton and
    # Luke Osei", "Compiled by …", "Submitted by …"
    rf"(?:(?<=[\s,·|*])|^)(?i:prepared|compiled|drafted|submitted)\s+by\W{{0,3}}\s*"
    rf"(?P<name5>(?i:(?:dr|mr|mrs|ms|prof|professor)\.?[ \t]+)?{_ONE_LINE_NAME}"
    rf"(?:[ \t]+and[ \t]+(?i:(?:dr|mr|mrs|ms|prof|professor)\.?[ \t]+)?{_ONE_LINE_NAME})?)",
    re.MULTILINE,
)
# An advice column's standfirst names who answers: "Helen Marsh answers your questions about money",
# "*Marion Ferreira has run the repair stall since 2014. Each month she answers readers' letters …*"
_COLUMNIST = re.compile(
    rf"(?:^|(?<=[.!?] ))\W{{0,2}}{_NAME}\b[^\n]{{0,300}}?\b(?:answers|replies to|responds to|tackles)\s+"
    r"(?:your|readers['’]?|listeners['’]?|viewers['’]?)\s+(?:\w+\s+)?"
    r"(?:questions|letters|problems|dilemmas|queries)\b"
)
# A byline inside the line that says what the text is: "A Lecture delivered to the … Society, 14th March 1903,
# by Mr. ALFRED PENROSE, …", "A talk broadcast on the Home Service, …, by Captain R. H. Dunstable", "A travel
# diary by Eleanor Voss"
_DESCRIBED_BY = re.compile(
    r"^\W{0,3}(?i:a|an|the)\s+(?:[\w'’\-]+\s+){0,3}?(?i:lecture|talk|address|sermon|speech|diary|journal|essay|"
    r"letter|article|column|review|paper|chapter|story|memoir|broadcast|notes)\b[^\n]{0,200}?\bby\s+"
    r"(?:(?i:mr|mrs|ms|miss|dr|prof|professor|captain|capt|rev|revd|sir|dame|colonel|major|lieutenant)\.?\s+)?"
    r"(?P<name>(?:[A-Z]\.\s*){0,3}(?:[A-Z][\w'’\-]+\s+){0,2}[A-Z][\w'’\-]+)"
)
# A street or a road is a place in the text, never its writer ("Station Road")
_STREET = re.compile(r"\s(?:Road|Street|Avenue|Crescent|Terrace)$")
# A memo's "From: Office of Policy Analysis (R. Okonkwo, senior analyst)": the body it speaks for.
_FROM = re.compile(
    r"(?:^|\s)\W{0,2}(?i:from):\W{0,2}\s*(?P<name>[A-Z][\w&'’\-]*"
    r"(?:\s+(?!(?:Date|To|Re|Subject|Cc|Bcc|Sent)\W)(?:of|the|and|for|on|[A-Z][\w&'’\-]*))*)",
    re.MULTILINE,
)
_EMAIL = re.compile(r"<[^>]*>|\S+@\S+|\([^)]*\)|\[[^\]]*\]")
_IDENTIFIER = re.compile(r"\d|[/_\\]|\.(?:txt|md|rst|html?|pdf)\b|^[a-z0-9]+(?:-[a-z0-9]+)+$", re.IGNORECASE)


# Small words inside a body's name: "Friends of the Earth", "Parents for Full Weeks".
_CONNECTIVES = frozenset(["and", "&", "of", "the", "for", "on", "in", "against", "with", "to"])


def clean_author(raw: str | None) -> str | None:
    """A byline's name without e-mail, dates or notes; None when it is not a person's or body's name."""
    if not raw:
        return None
    text = _EMAIL.sub(" ", raw)
    text = re.split(r"\s*[,;|]\s*(?=(?:and\s+)?(?:\d|with|edited|translated|published|\w+@))", text)[0]
    text = " ".join(text.replace("_", " ").split()).strip(" .,;:*")
    first = text.split(", ", 1)[0]
    if first != text and _BODY_END.search(first) and len(first.split()) >= 2:
        text = first  # "Leisure and Culture Scrutiny Panel, Brackwater Borough Council": the panel
    if not text or len(text) > 80 or _IDENTIFIER.search(text) or _STREET.search(text):
        return None
    words = text.split()
    if not all(w[:1].isupper() or w.lower() in _PARTICLES or w.lower() in _CONNECTIVES for w in words):
        return None  # "the undersigned", "a correspondent": not a name
    return text


def _surname(name: str) -> str:
    words = [w for w in name.split() if w.lower().strip(",") not in _SUFFIXES]
    while words and words[0].lower() in _TITLES:
        words = words[1:]
    if not words:
        return name
    at = len(words) - 1
    while at > 0 and words[at - 1].lower() in _PARTICLES:
        at -= 1
    return " ".join(words[at:]).strip(",")


_LEGAL_SUFFIX = re.compile(r"(?<=\w)\s+(?:CIC|C\.I\.C\.|CIO|SCIO|Ltd\.?|Limited|LLP|plc|PLC|Inc\.?)$")


def short_name(author: str | None) -> str | None:
    """How questions name the author: a surname ("Mill"), two ("Hamilton and Madison"), or a body's name."""
    name = clean_author(author)
    if name is None:
        return None
    if name.isupper() and len(name.split()) > 1:
        name = title_case(name)  # "HENRY T. COLLINGWOOD" is asked about as "Collingwood"
    # "Saltcombe Lido Trust CIC", "Fellside Growers Co-operative Limited": asked as the body, without its
    # legal form
    bare = _LEGAL_SUFFIX.sub("", name)
    if bare != name and not (_ORGANISATION.search(bare) or _BODY_END.search(bare)):
        return bare  # "Harlow Homes Ltd": a company, "Harlow Homes", never a surname
    name = bare or name
    if _ORGANISATION.search(name) or re.search(r"\s(?:for|on|against|with|to|of)\s", name):
        if name.lower().startswith("the "):
            return "the" + name[3:]
        if re.match(
            r"^(?:friends|supporters|members|residents|neighbours|neighbors) of\s", name, re.IGNORECASE
        ):
            return "the " + name  # "the Friends of the Westhaven Ferry": a body named for its members
        # "Office of Policy Analysis", "Human Resources Policy Unit": "the …"; "Acme Press" stays as it is
        return "the " + name if _ORGANISATION.match(name) or _BODY_END.search(name) else name
    words = name.split()
    if len(words) > 2 and words[0].lower() == "the" and words[1].lower() in _TITLES:
        words = words[1:]  # "the Rev. Arthur Penhale": a person with a title
        name = " ".join(words)
    if len(words) > 1 and words[0].lower() == "the":
        return "the " + " ".join(words[1:])  # "The Ramblers": a body, never a surname
    if 1 < len(words) <= 3 and words[0].lower() in ("a", "an"):
        return "the " + " ".join(words[1:])  # "BY A PEDESTRIAN.": a pen name, asked as "the Pedestrian"
    acronym = re.fullmatch(r"[A-Z]{2,}", words[-1]) and not re.fullmatch(r"[IVXL]+", words[-1])
    if len(words) > 1 and acronym and not name.isupper():
        return name  # "Greenpeace UK": a body's name ends in an acronym, a person's does not
    people = [p for p in re.split(r"\s*(?:,|\band\b|&)\s*", name) if p.strip()]
    if len(people) > 2:
        return None
    if len(people) == 2 and len(people[0].split()) == 1 and len(people[1].split()) >= 2:
        return name  # "Graham and Ruth Pell": a couple who share a surname, named as they sign
    return " and ".join(_surname(p) for p in people)


def compact_name(name: str, limit: int = 30) -> str:
    """A long body's name as a poll answer says it: "the Tregony Growers' Co-operative" → "the co-operative".

    People and short names stay as they are.
    """
    words = name.split()
    if len(name) <= limit or len(words) < 3 or words[0] != "the" or not _BODY_END.search(name):
        return name
    return "the " + words[-1].lower()


def author_from_text(texts: Iterable[str]) -> str | None:
    """The author named on a title page or in a header ("Author: Guido van Rossum <…>")."""
    for text in texts:
        for match in _HEADER.finditer(text):
            name = clean_author(
                match.group("name")
                or match.group("name2")
                or match.group("name3")
                or match.group("name4")
                or match.group("name5")
            )
            if name:
                return name
        described = _DESCRIBED_BY.match(" ".join(text.split())) if len(text) <= 400 else None
        if described is not None and clean_author(described.group("name")):
            name = described.group("name")
            return clean_author(title_case(name) if name.isupper() else name)
        for at in (m.start() for m in re.finditer(r"(?:^|(?<=[.!?] ))\W{0,2}[A-Z]", text)):
            columnist = _COLUMNIST.match(text, at)  # its first sentence or a later one names them
            name = columnist.group("name") if columnist is not None else ""
            if len(name.split()) >= 2 and clean_author(name):  # a first name and a surname ("Each" is none)
                return clean_author(name)
        for match in _FROM.finditer(text):
            name = clean_author(match.group("name"))
            if name and _ORGANISATION.search(name):
                return name
    return None


# A sign-off closing a text: "Judith Amankwah-Stone, Deputy Ombudsman", "Gwen Iorwerth, Chief Executive"
_SIGN_OFF = re.compile(
    r"^\W{0,3}(?P<name>(?:(?i:dr|mr|mrs|ms|prof)\.?\s+)?(?:(?:[A-Z]\.\s*){1,2}[A-Z][\w'’\-]+|"
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,2}))(?:,\s+|\s+\((?=[^)]{2,40}\)))"
    # (a post in brackets, a date after it: "R. Lindqvist (chair) Date: 02/12/26")
    r"(?P<post>(?:[A-Z][\w'’\-]*\s*)*(?i:chair|chairman|chairwoman|chief executive|director|president|"
    r"secretary|treasurer|ombudsman|headteacher|head teacher|principal|editor|manager|convenor|clerk|"
    r"commissioner|inspector|chancellor|dean|governor|mayor|leader|coordinator|officer)\b[^.!?]{0,80})\W{0,3}$"
)
# An election leaflet's imprint, which the law asks of it: "Promoted by Sunita Marsh on behalf of Daniel
# Okonjo-Hart, both of 14 Weaver's Close", "Promoted by Jonah Adeyemi, c/o …"
_PERSON = r"(?:(?:[A-Z]\.\s*){0,2}[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3})"
_IMPRINT = re.compile(
    rf"^\W{{0,3}}(?i:promoted|published)(?: and (?i:promoted|published))? by (?P<by>{_PERSON})"
    rf"(?: on behalf of (?P<for>{_PERSON}))?(?=\s*(?:,|\(|$| both\b| at\b| of\b))"
)
# A body named at the head of a text ("Fellside Growers' Co-operative Limited", "Thornbury Vale District
# Council · Environmental Services", "Brinmouth Salt Works Museum — Audio Guide")
_LEGAL_FORM = re.compile(r"\s+(?:limited|ltd\.?|plc|cic|inc\.?|llp)$", re.IGNORECASE)
_WE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
WE_MIN = 3  # a text that says "we" this often speaks for a body


def signed_off(closing: Iterable[str]) -> str | None:
    """The person a text's closing line signs it with ("Judith Amankwah-Stone, Deputy Ombudsman"), or None."""
    for text in closing:
        line = " ".join(text.split()).strip("*_ ")
        line = re.sub(
            r"^(?i:signed|signature|sgd)\s*[:.]\s*", "", line
        )  # a form's "Signed: R. Lindqvist (chair)"
        m = _SIGN_OFF.match(line)
        if m and not _ORGANISATION.search(m.group("name")):
            return m.group("name")
    return None


def body_named(title: str, opening: Iterable[str], texts: Iterable[str]) -> str | None:
    """The body a text speaks for as "we", named in its title or a short opening line, or None."""
    if sum(len(_WE.findall(t)) for t in texts) < WE_MIN:
        return None
    lines = [title, *(line for t in opening for line in t.splitlines()[:2] if len(line) <= 120)]
    heads = (_LETTERHEAD.match(line) for t in opening for line in t.splitlines()[:1])
    lines += [m.group("body") for m in heads if m is not None]
    for line in lines:
        for piece in re.split(r"\s+[·|—–]\s+|\s+-\s+|:\s+|\s*\(", " ".join(line.split()).strip("*_# ")):
            part = _LEGAL_FORM.sub("", piece.strip(" *_.,"))
            before = re.split(r"\s+on\s+", part, maxsplit=1)[0]
            if before != part and not re.search(r"\b(?:of|report|minutes|review|paper)\b", before, re.I):
                part = before  # "Caddon Citizens' Jury on Night-Time Street Lighting": the jury
            words = part.split()
            if not 2 <= len(words) <= 8 or not _BODY_END.search(part):
                continue
            if all(w[:1].isupper() or w.lower() in _CONNECTIVES for w in words):
                return title_case(part) if part.isupper() else part
    return None


def holder_name(
    author: str | None,
    opening: Iterable[str] = (),
    *,
    title: str = "",
    closing: Iterable[str] = (),
    texts: Iterable[str] = (),
) -> str:
    """The name questions use for a document's author.

    From the byline, else its opening lines ("Author: …", "Narrator: …"), else the sign-off closing it
    ("Judith Amankwah-Stone, Deputy Ombudsman"), else the body it speaks for as "we", named in its
    title or opening lines ("the Fellside Growers' Co-Operative").
    """
    opening = list(opening)
    found = short_name(author) or short_name(author_from_text(opening)) or short_name(signed_off(closing))
    if found:
        return found
    texts = list(texts)
    imprinted = next((m for t in texts if (m := _IMPRINT.search(" ".join(t.split())))), None)
    if imprinted is not None:  # an election leaflet's imprint: "Promoted by A on behalf of B, …" is B's
        found = short_name(imprinted.group("for") or imprinted.group("by"))
        if found:
            return found
    body = short_name(body_named(title, opening, texts))
    if body:
        return body
    for line in [title, *(line for t in opening[:3] for line in t.splitlines()[:2])]:
        issued = _ISSUED_BY.match(" ".join(line.split()))
        if issued and _BODY_END.search(issued.group("body")):  # "Decision of the Housing Standards Tribunal"
            named = issued.group("body")
            return "the " + (title_case(named[4:]) if named[4:].isupper() else named[4:])
    # a paper whose writers, unnamed in its text, call themselves "the authors" ("The authors' position is
    # that …", "The authors thank …") and write as "we"
    ours = any(_WE.search(t) for t in texts)
    return (
        "the authors"
        if ours and any(re.search(r"\bthe authors\b", t, re.IGNORECASE) for t in texts)
        else ANONYMOUS
    )


# A report's body naming itself: "The panel recommends that Cabinet adopt Option B", "The Committee
# therefore proposes …" (the panel is the writer: its verdict is its own call, asked in its name)
_SELF_BODY = (
    r"panel|committee|sub-committee|jury|board|council|tribunal|commission|inquiry|review|working group|"
    r"working party|group|team|trust|authority|society|association|assembly|forum|partnership|steering group|"
    r"task ?force|trustees|governors|directors|co-?operative|club|union"
)
_SELF = re.compile(
    rf"^(?:(?:but|and|so|therefore|accordingly|finally|overall),?\s+)?"
    rf"(?P<body>(?:the|this|our)\s+(?:[\w\-’']+\s+){{0,3}}?(?P<noun>{_SELF_BODY}))['’]?\s+"
    r"(?:(?:\w+ly|therefore|also|accordingly|further|again|nevertheless|still)\s+)*"
    r"(?P<verb>recommends|proposes|advises|urges|asks|calls on|calls upon|requests)\s+"
    r"(?=that\b|\w+ \w+ to\b|\w+ to\b)",
    re.IGNORECASE,
)
_FIRST_PERSON = {
    "recommends": "recommend",
    "proposes": "propose",
    "advises": "advise",
    "urges": "urge",
    "asks": "ask",
    "calls on": "call on",
    "calls upon": "call upon",
    "requests": "request",
}


def self_named(sentence: str, heading: str) -> tuple[str, str] | None:
    """A body's call in its own name, as (the body, the call said as "we"), or None.

    "The panel recommends that Cabinet adopt Option B" in a report whose byline, title or opening lines
    name the panel is ("the panel", "We recommend that Cabinet adopt Option B"): the report's verdict, its
    writer's own call. `heading` is the byline, title and opening lines (a body named only there is the
    writer; "The council asks…" in a jury's report is another body).
    """
    m = _SELF.match(" ".join(sentence.split()))
    if m is None or not re.search(rf"\b{re.escape(m.group('noun'))}\b", heading, re.IGNORECASE):
        return None
    text = " ".join(sentence.split())
    body = m.group("body")
    body = body[:1].lower() + body[1:] if body.split()[0].lower() in ("the", "this", "our") else body
    body = re.sub(r"^(?:this|our)\b", "the", body, flags=re.IGNORECASE)
    return body, f"We {_FIRST_PERSON[m.group('verb').lower()]} {text[m.end() :]}"


_ROLES = _words(
    "host hosts caller callers interviewer interviewee moderator chair presenter guest audience "
    "speaker questioner reporter anchor panel narrator voice editor"
)


# Who runs the conversation: their turns ask, introduce and sum up; they hold no side of it.
_CHAIRS = _words(
    "host hosts interviewer moderator chair chairman chairwoman chairperson presenter anchor compere"
)


def chairs(label: str | None) -> bool:
    """Whether a transcript's speaker runs the conversation ("HOST", "DANA WHITLOW (presenter)")."""
    if not label:
        return False
    words = re.findall(r"[a-z]+", label.lower())
    return any(w in _CHAIRS for w in words)


def speaker_name(label: str | None) -> str | None:
    """How questions name a transcript's speaker, or None for no label.

    "TOMAS REYES" → "Reyes", "CALLER (Denise)" → "Denise", "HOST" → "the host"; a name before
    brackets is the name ("Ms Farah Iqbal (Dunmore South)" → "Iqbal": the brackets say where from).
    """
    if not label or not label.strip():
        return None
    if label.strip(" :*.").upper() in ("A", "ANSWER"):
        return None  # an interview's or a column's "A:": whoever answers, the text's author
    if label.strip(" :*.").upper() in ("Q", "QUESTION"):
        return "the questioner"
    inner = re.search(r"\(([^)]+)\)", label)
    outside = re.sub(r"\([^)]*\)", " ", label).strip(" :*")
    role = not outside or all(w in _ROLES for w in re.findall(r"[a-z]+", outside.lower()))
    name = (inner.group(1) if inner and role else outside if inner else label).strip(" :*")
    if name.isupper():
        name = name.title()
    if name.lower() in _ROLES:
        return "the " + name.lower()
    handle = re.fullmatch(r"(?:u/|@)?[A-Za-z][\w.\-]{2,31}", name)
    if handle and (
        "_" in name or name.startswith(("u/", "@")) or any(c.isdigit() for c in name) or name.islower()
    ):
        return (
            name  # a forum poster's user name ("some_user_name", "kettle_fan42") is their name as it stands
        )
    return short_name(name)


# Who writes a part of a text whose parts have writers of their own: a judgment's "Lady Justice Okafor:"
# heading, "Lord Justice Pell (dissenting):" on a line of its own, "JUSTICE ABERNATHY, with whom JUSTICE
# KWON joins, dissenting.", a report's "Minority report of Cllr Ruth Abiodun", "Note of dissent by Dr Lee".
_OFFICE = (
    r"(?:(?:the\s+)?(?:(?:lady|lord|mr\.?|mrs\.?|ms\.?|madam|chief|associate|senior|deputy|tribunal|district|"
    r"circuit|presiding|vice)\s+)*(?:justices?|judge|member|commissioner|councillor|cllr\.?|senator|"
    r"president|baroness|baron|dame|sir|lord|lady|arbitrator|inspector|assessor|panellist|panelist)\.?)"
)
_WRITER_NAME = (
    r"(?!(?i:the|a|an|our|this|that|his|her|their|its)\b)(?P<name>(?:[A-Z][\w.'’\-]*\s+){0,3}[A-Z][\w'’\-]+)"
)
# A body's answer under what it answers: "Government responded", "The Council's response", "Response
# from the Department for Transport", "Reply from Harlow Homes Ltd", "Funder's feedback"
_REPLY_BODY = (
    r"government|council|department|ministry|committee|board|panel|trust|funder|foundation|company|"
    r"authority|agency|landlord|school|university|club|executive|cabinet|secretariat|grants team"
)
_REPLY = re.compile(
    rf"^\W{{0,3}}(?:(?:the\s+)?(?P<body>(?:[A-Z][\w'’\-]*\s+){{0,3}}(?i:{_REPLY_BODY}))['’]?s?\s+"
    r"(?i:responded|response|reply|replied|answer|feedback)"
    r"|(?i:(?:original|revised|updated|initial|full|final|official)\s+)?"
    r"(?i:response|reply|answer|feedback)\s+(?i:from|of|by)\s+"
    rf"(?P<named>(?:the\s+)?(?:[A-Z][\w'’\-]*|(?i:{_REPLY_BODY}))(?:\s+(?:[A-Z][\w'’\-]*|of|for|and|on|&)){{0,7}}))"
    r"\s*[:.]?\W{0,3}$"
)
# Which of a body's replies a heading names, not the body: "Original Government response"
_WHICH_REPLY = re.compile(
    r"^(?i:(?:the\s+)?(?:original|revised|updated|initial|interim|full|final|first|second|latest|new|"
    r"official|formal|earlier|previous)\s+)+"
)
# A part a body's dissenters wrote, naming none of them: "6. Minority report", "Minority view"
_MINORITY = re.compile(
    r"^\W{0,3}(?:\d+(?:\.\d+)*\.?\s+)?(?:the\s+)?(?:minority|dissenting)\s+(?:report|views?|opinion|statement)"
    r"\s*[:.]?\W{0,3}$",
    re.IGNORECASE,
)
_PART_HEADINGS = (
    # "Lady Justice Okafor", "Lord Justice Pell (dissenting)", "Member Adeyemi-Rourke, dissenting"
    re.compile(
        rf"^\W{{0,3}}(?:\d+(?:\.\d+)*\.?\s+)?(?i:{_OFFICE})\s+{_WRITER_NAME}"
        rf"(?:\s*,?\s*\(?(?i:dissenting|concurring|presiding)\)?)?\s*[:.]?\W{{0,3}}$"
    ),
    # "Minority report of Cllr Abiodun", "Dissenting opinion of Judge Marr", "Note of dissent by Dr Lee"
    re.compile(
        rf"^\W{{0,3}}(?:\d+(?:\.\d+)*\.?\s+)?(?i:(?:(?:minority|dissenting|concurring|separate)\s+"
        rf"(?:views?|reports?|opinions?|notes?|statements?|judgments?|reasons)|(?:note|statement|memorandum)\s+"
        rf"of\s+(?:dissent|reservation)|opinion|judgment|reasons|dissent))\s+(?i:of|by|from)\s+"
        rf"(?:(?i:{_OFFICE})\s+)?(?:(?:{'|'.join(sorted(t.strip('.') for t in _TITLES))})\.?\s+)?"
        rf"{_WRITER_NAME}\s*[:.]?\W{{0,3}}$"
    ),
)
# "CHIEF JUSTICE HALVERSEN delivered the opinion of the Court, …", "JUSTICE ABERNATHY, …, dissenting."
_PART_LINE = re.compile(
    rf"^\W{{0,3}}(?i:{_OFFICE})\s+{_WRITER_NAME}\s*,?\s+(?:(?i:delivered|gave|read)\s+the\s+(?i:opinion|"
    rf"judgment|decision|reasons)\b|(?:[^.;:]{{0,120}},\s*)?\(?(?i:dissenting|concurring)\)?[.:]?\W{{0,3}}$)"
)
PART_LINE_WORDS = 40  # a line naming a part's writer is short
# A body's statement on what comes before it: "Board of Directors' Statement in Opposition to Proposal 6",
# "The Council's Response to the Petition"
_STATEMENT = re.compile(
    r"^\W{0,3}(?P<body>(?:the\s+)?[A-Z][\w\-]*(?:\s+(?:of|for|and|&|[A-Z][\w\-]*)){0,5})['’]s?\s+"
    r"(?i:statement|response|reply|position)\s+(?i:in\s+opposition|in\s+support|on|to|against)\b[^:]{0,80}$"
)
# A numbered assessor heading their report: "Reviewer: 1", "Referee #2", "Examiner B" (a form's pair
# of fields may follow: "Reviewer: 1; Recommendation: Reject")
_NUMBERED_ROLE = re.compile(
    r"^\W{0,3}(?P<role>(?i:reviewer|referee|assessor|examiner|adjudicator|panellist|panelist))"
    r"\s*(?:[:#]\s*|\s+)(?P<n>\d{1,2}|[A-Da-d])(?=$|[;:,.)\s])"
)
# A side's part of a ballot pamphlet or a debate pack: "Argument in Favor of Measure K", "3. The Case
# for the Motion", "Rebuttal to Argument Against Proposition 12" (a rebuttal is the other side's)
_SIDE = re.compile(
    r"^\W{0,3}(?:\d+(?:\.\d+)*\.?\s+)?(?i:the\s+)?(?P<rebut>(?i:rebuttal\s+to\s+(?:the\s+)?))?"
    r"(?i:arguments?|case)\s+(?P<side>(?i:for|in\s+favou?r\s+of|against|in\s+opposition\s+to|opposing))"
    r"\s+(?P<what>(?i:the\s+)?[^:()\n]{2,60}?)\s*(?:\([^)]*\))?\W{0,3}$"
)


def part_writer(text: str, *, sides: bool = False) -> str | None:
    """The writer a heading or a line of its own names for the text under it ("Okafor"), or None.

    Only a name with its office ("Lady Justice Okafor", "Cllr Venables"), a part named for its
    writer ("Minority report of …") or a body's reply ("Government responded", "Response from the
    Department for Transport") counts: a plain heading names a subject, not a writer.
    """
    line = " ".join(text.split())
    if not line or len(line.split()) > PART_LINE_WORDS:
        return None
    if _MINORITY.match(line):  # "6. Minority report", "Dissenting view": those who dissent, unnamed
        return "the minority"
    stated = _STATEMENT.match(line)
    if stated is not None and re.search(rf"(?i:\b(?:{_REPLY_BODY}|directors)\b)", stated.group("body")):
        return "the " + re.sub(r"^(?i:the)\s+", "", stated.group("body"))  # "the Board of Directors"
    numbered = _NUMBERED_ROLE.match(line)
    if numbered is not None:  # "Reviewer: 2; Recommendation: Minor Revision", "Referee 1": a report's writer
        return f"{numbered.group('role').title()} {numbered.group('n').upper()}"
    side = _SIDE.match(line) if sides else None
    if side is not None:  # "Argument in Favor of Measure K", "Rebuttal to Argument in Favor of …"
        against = bool(re.match(r"(?i:against|in opposition|opposing)", side.group("side")))
        what = side.group("what").strip()
        if re.fullmatch(r"(?i:the)\s+[A-Z][a-z]+", what):  # "the Motion" in a heading in title case
            what = what.lower()
        return f"{'opponents' if against != bool(side.group('rebut')) else 'supporters'} of {what}"
    reply = _REPLY.match(line)
    if reply is not None:  # a petition's, a complaint's, an application's answer: its body's words
        named = " ".join((reply.group("body") or reply.group("named")).split())
        named = _WHICH_REPLY.sub("", named)  # "Original Government response": the Government's
        body = re.sub(r"^(?i:the)\s+", "", named)
        body = title_case(body) if body.isupper() or body.islower() else body[0].upper() + body[1:]
        generic = reply.group("body") is not None or re.match(rf"(?i:{_REPLY_BODY})\b", body) is not None
        return f"the {body}" if generic or body != named else (short_name(body) or body)
    m = next((m for m in (*(h.match(line) for h in _PART_HEADINGS), _PART_LINE.match(line)) if m), None)
    if m is None:
        return None
    name = m.group("name")
    words = name.split()
    offices = _TITLES | {"justice", "judge", "member", "cllr", "councillor"}
    while words and words[0].lower().strip(".") in offices:
        words = words[1:]
    if not words:
        return None
    name = " ".join(words)
    if name.isupper():
        name = title_case(name)  # "JUSTICE ABERNATHY": "Abernathy"
    return short_name(name) or _surname(name)


# A signed piece's heading: "Alan Petrovic, Treasurer", "Mick Farraday, Linden Court" (a newsletter's,
# a letters page's): a person's name of two or three words, then who or where they are.
_SIGNED = re.compile(
    r"^\W{0,3}(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,2}),\s+(?P<post>(?!\d)[^,:;.?!\d]{2,60})\W{0,3}$"
)
_NOT_A_PERSON = re.compile(
    rf"{_ORGANISATION.pattern}|\b(?:court|road|street|lane|avenue|hall|house|park|square|place|close|way|"
    r"green|row|terrace|gardens|estate|ward|county|city|town|village|district|north|south|east|west|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|ground|part|chapter|section|appendix)\b",
    re.IGNORECASE,
)


def _signed_heading(section: str, lower_words: set[str]) -> str | None:
    """The person a heading signs a piece with ("Alan Petrovic, Treasurer" → "Petrovic"), or None."""
    m = _SIGNED.match(" ".join(section.split()))
    if m is None:
        return None
    name = m.group("name")
    words = name.split()
    if _NOT_A_PERSON.search(name) or any(w.lower() in lower_words for w in words):
        return None  # "Birch Court, Linden Court", "Ground Rent, Service Charges": places and subjects
    return _surname(name)


_NAME_ALONE = re.compile(r"^(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,2})$")


def _named_heading(section: str, lower_words: set[str]) -> str | None:
    """The person a heading that is their name alone names ("Dev Kapoor" → "Kapoor"), or None."""
    m = _NAME_ALONE.match(" ".join(section.split()))
    if m is None or _NOT_A_PERSON.search(m.group("name")):
        return None
    if any(w.lower() in lower_words for w in m.group("name").split()):
        return None  # "Lane Sponsor", "Season Swimmer": words of the text, not a name
    return _surname(m.group("name"))


# A part's own byline under its heading: "by Bernadette Osei, Library Assistant, Kettlewood Central"
_PART_BYLINE = re.compile(r"^(?:written\s+)?by\s+(?P<name>(?:[A-Z][\w'’\-]*\.?\s+){0,3}[A-Z][\w'’\-]+)")


def part_writers(passages: Iterable[object]) -> dict[str, str]:
    """Each passage's writer, for the parts of a text its headings give to named writers.

    A heading that names a writer ("Lady Justice Okafor:", a signed piece's "Alan Petrovic,
    Treasurer"), or a line of its own that does
    ("Lord Justice Pell (dissenting):", "JUSTICE ABERNATHY, dissenting."), gives the passages
    after it to that writer, until the next heading; a passage with a speaker of its own keeps
    it. Returns passage id -> name, only for passages that have such a writer.
    """
    passages = list(passages)
    lower_words = {
        w.lower() for p in passages for w in re.findall(r"[\w'’\-]+", getattr(p, "text", "")) if w.islower()
    }
    # a signed piece speaks in the first person ("I've lived on Larchfield…"); a section headed "Abraham
    # Lincoln, Sixteenth President" in a history is about him, not by him
    first_person = {
        (getattr(p, "document", None), getattr(p, "section", None))
        for p in passages
        if re.search(r"\b(?:I|my|me|we|our|us)\b|\bI['’]", getattr(p, "text", ""))
    }
    # a comment list's headings: a person's name alone over what they wrote ("Maureen Tallis" / "Dev Kapoor"),
    # two or more in a document
    named_heads: dict[object, set[str]] = {}
    for p in passages:
        sec = getattr(p, "section", None)
        if sec and _named_heading(sec, lower_words):
            named_heads.setdefault(getattr(p, "document", None), set()).add(sec)
    # a reading that gives both sides their parts ("Argument in Favor of …", "Argument Against …", one
    # document or two): each side's part is its side's (one "The Case for Change" in a paper argues the
    # paper's own case)
    held = {
        (part_writer(side.group(), sides=True) or " ").split()[0]
        for p in passages
        if (side := _SIDE.match(" ".join((getattr(p, "section", None) or "").split()))) is not None
    }
    two_sided = held >= {"supporters", "opponents"}
    writers: dict[str, str] = {}
    document = section = None
    current: str | None = None
    for p in passages:
        doc, sec = getattr(p, "document", None), getattr(p, "section", None)
        if doc != document:
            document, section, current = doc, None, None
        if sec != section:
            section = sec
            signed = _signed_heading(sec, lower_words) if sec and (doc, sec) in first_person else None
            if signed is None and sec and len(named_heads.get(doc, ())) >= 2 and sec in named_heads[doc]:
                signed = _named_heading(sec, lower_words)
            current = (part_writer(sec, sides=two_sided) or signed) if sec else None
        named = part_writer(getattr(p, "text", ""))
        own_byline = getattr(p, "kind", None) == "byline" and sec
        by = _PART_BYLINE.match(getattr(p, "text", "")) if own_byline else None
        if by is not None:  # "3. The Case for the Motion" / "by Bernadette Osei, Library Assistant"
            named = _surname(by.group("name"))
        if named is not None:
            current = named
            continue
        if current and not getattr(p, "speaker", None):
            writers[str(getattr(p, "id", ""))] = current
    return writers


# A label that fills a form, not a speaker's name: "Votes: 41 for / 5 against – ADOPTED",
# "Opposition: Hartfield Grammar "B"", "- Reply: tidy, but spent too long …", "Signed: R. Lindqvist
# (chair)", "Hartfield: Your first speaker needs …" (the label's line is a value, or is said to the label)
_TURNS_OF_A_SPEAKER = 3  # in an exchange, somebody speaks this often
_VALUE_SENTENCE = re.compile(r"^[\"'“‘(]?[A-Z][^\n]*[.!?][\"'”’)]?$")
_ADDRESSED_TO = re.compile(r"^[\"'“‘(]?(?:you|your|yours)\b", re.IGNORECASE)


def _name_shaped(label: str) -> bool:
    """A label that can be a person's or a body's name: two words or more, each capitalised."""
    words = re.sub(r"\([^)]*\)", " ", label).split()
    return len(words) >= 2 and all(
        w[:1].isupper() or w.lower() in _PARTICLES or w.lower() in _CONNECTIVES for w in words
    )


def field_labels(passages: Iterable[object]) -> set[tuple[object, str]]:
    """The (document, label) pairs whose "speaker" is a form's field, never who holds a claim.

    A document where somebody speaks three turns or more is an exchange: its labels stay
    speakers. Elsewhere a label that is one word or not a name ("Votes", "Reply",
    "Reasons for decision") is a field when the line it labels first is a value, not a
    sentence of its own ("41 for / 5 against – ADOPTED", "tidy, but spent too long…"), or is
    said to the label ("Hartfield: Your first speaker needs…"). A role ("HOST", "Chair") and a
    user name ("kettle_fan42") are always speakers.
    """
    starts: dict[object, dict[str, list[str]]] = {}
    document: object = object()
    previous: str | None = None
    for p in passages:
        doc, label = getattr(p, "document", None), getattr(p, "speaker", None)
        if doc != document:
            document, previous = doc, None
        if label and label != previous:
            starts.setdefault(doc, {}).setdefault(label, []).append(" ".join(getattr(p, "text", "").split()))
        previous = label
    fields: set[tuple[object, str]] = set()
    for doc, labels in starts.items():
        if any(len(turns) >= _TURNS_OF_A_SPEAKER for turns in labels.values()):
            continue  # an exchange: its speakers speak again and again
        for label, turns in labels.items():
            bare = label.strip(" :*")
            if chairs(bare) or bare.lower() in _ROLES or bare.lower() in ("q", "a"):
                continue
            if re.search(r"[_\d@]", bare) or bare.islower():
                continue  # a user name ("kettle_fan42", "tilly_and_the_toast")
            if _name_shaped(bare):
                continue  # "Ms Farah Iqbal (Dunmore South)", "TOWN CLERK": a speaker's name or post
            first = turns[0]
            value = not (_VALUE_SENTENCE.match(first) and len(first.split()) >= 4)
            if value or _ADDRESSED_TO.match(first):
                fields.add((doc, label))
    return fields


# A page's readers' comments under its text ("Comments", "Comments 38", "41 comments", "Responses"): from that
# heading to the document's end, each comment is its commenter's, never the page's writer's
_COMMENTS = re.compile(
    r"^\W{0,3}(?:\d[\d,]*\s+)?(?:comments?|responses?|replies|reader comments|backers['’]? comments)"
    r"(?:\s*\(?\d[\d,]*\)?)?\W{0,3}$",
    re.IGNORECASE,
)


def commented(passages: Iterable[object]) -> set[str]:
    """The ids of the passages that stand under a page's comments heading, to the end of its document.

    Also those after a body's answer to the page ("Government responded", "Original Government
    response"): what follows it is the answer's or the page's furniture, not the page writer's.
    """
    out: set[str] = set()
    zone: object = None
    for p in passages:
        doc, sec = getattr(p, "document", None), getattr(p, "section", None)
        if zone is not None and doc != zone:
            zone = None
        if zone is None and sec and _COMMENTS.match(" ".join(sec.split())):
            zone = doc
        said = (" ".join(getattr(p, "text", "").split()), " ".join((sec or "").split()))
        if zone is None and any(_REPLY.match(line) for line in said if line):  # (as a line or its heading)
            zone = doc
        if zone is not None:
            out.add(str(getattr(p, "id", "")))
    return out
