"""A letter's close: the complimentary close, the signature and the dateline that end it.

Owns telling those closing lines from the letter's text (they are its byline) and reading the
name it is signed with, which is the document's author when nothing else names one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.reading.structure import ADDRESS_DATE, BODY, BYLINE, PLACE_DATE, QUOTE, VALEDICTION, Block

# "PUBLIUS.", "J. SMITH.": one to three capitalised words alone on a line.
SIGNATURE = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\.?$")
# A name to credit: two to four capitalised words ("EDWIN MARLOWE.", "H. T. Collingwood").
_NAME = re.compile(r"^(?:[A-Z][A-Za-z'’\-]*\.?\s+){1,3}[A-Z][A-Za-z'’\-]+\.?$")
# "— Rev. John Marsh, St. Luke's, Ormby", "-- Jane Doe, Leeds": a name after a dash, signing off.
_DASH_SIGNED = re.compile(
    r"^(?:--|—|–|―)\s*(?:(?:the\s+)?(?:rev\.?|revd\.?|dr\.?|mr\.?|mrs\.?|ms\.?|miss|prof\.?)\s+)?"
    r"(?P<name>(?:[A-Z][A-Za-z'’\-]*\.?\s+){0,3}[A-Z][A-Za-z'’\-]+)\s*(?:,.*)?\.?$",
    re.IGNORECASE,
)
# "MARGARET OYELARAN, Kelverton", "J. R. HALE, Upper Brook": a letter signed with a name and a place.
_NAME_PLACE = re.compile(
    r"^(?P<name>(?:[A-Z]\.\s*)*[A-Z][A-Za-z'’\-]+(?:\s+(?:[A-Z]\.\s*)*[A-Z][A-Za-z'’\-]+){1,3}),\s+"
    r"(?P<place>[A-Z][A-Za-z'’.\- ]{1,50}(?:,\s+[A-Z][A-Za-z'’.\- ]{1,40}){0,3})\.?$"
)
# "Sir,", "Dear Editor,", "To the Editor:": a letter's salutation.
LETTER_SALUTATION = re.compile(
    r"^(?:sir|sirs|madam|dear\b.{1,40}|to the editor)\s*[,:.]?\s*(?:--|—|–)?$", re.I
)


def signed_with_place(line: str, *, letter: bool) -> str | None:
    """The name of a "NAME, Place" signature line, or None.

    The name in capitals signs any text; in title case ("Jane Doe, Leeds") only a `letter`'s
    (one that opens with a salutation), where a name and a place cannot be anything else.
    """
    match = _NAME_PLACE.match(" ".join(line.split()))
    if match is None or re.search(r"\d", line):
        return None
    name = match.group("name")
    if not name.isupper() and not letter:
        return None
    return name.title() if name.isupper() else name


# "Yours faithfully,", "I am, Sir, your obedient servant,": a close opening a paragraph.
_CLOSE = re.compile(
    r"^(?:(?:i am|we are),?\s+(?:sir|madam|sirs),?\s+)?"
    r"(?:yours|your obedient|very truly|faithfully|sincerely)\b",
    re.IGNORECASE,
)
# The close, then a name in capitals after its last comma, then perhaps a dateline.
_SIGNED = re.compile(
    r"^.{0,60}?,\s+((?:[A-Z]\.\s+)*[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){0,2}\.?)(?:\s+.*)?$"
)


def closes(text: str, *, letter: bool = False) -> bool:
    """A complimentary close, a signature, or both in one paragraph ("I am, Sir, yours truly, J. ARK.")."""
    if VALEDICTION.match(text) or SIGNATURE.match(text) or _dash_signed(text):
        return True
    if signed_with_place(text, letter=letter):
        return True
    cuts = [m.end() for m in re.finditer(",", text)]
    return any(VALEDICTION.match(text[:cut]) and SIGNATURE.match(text[cut:].strip()) for cut in cuts)


# The signer's post or address under a signature: "Chair, Brackenport Market Steering Group, Fore
# Street", "Riverside Cottages, Dunmore" (no sentence: no full stop, mostly capitalised words)
_POST = re.compile(r"^[A-Z][^.!?:;]{0,78}$")


def _post(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return bool(_POST.match(text)) and sum(w[0].isupper() for w in words) * 2 > len(words)


def classify_closing(blocks: list[Block]) -> None:
    """Mark a letter's close as its byline ("Your obedient servant," / "J. SMITH." / "Leeds, May 1873.").

    The last three blocks or fewer are marked when they are short closing lines (a complimentary
    close, a signature, a place and date) and one of them is a close or a signature; the last two
    may be the signer's post or address ("Secretary, Dunmore Angling Club") under a signature.
    """
    letter = is_letter(blocks)
    posts: list[Block] = []
    for block in reversed(blocks[-2:]):  # the post and address lines after a signature
        text = block.text.strip()
        if block.kind not in (BODY, BYLINE) or not _post(text) or SIGNATURE.match(text):
            break
        posts.append(block)
    signed = len(blocks) > len(posts) and SIGNATURE.match(blocks[-len(posts) - 1].text.strip())
    if not (posts and signed):
        posts = []
    tail: list[Block] = []
    for block in reversed(blocks[-3 - len(posts) : len(blocks) - len(posts)]):
        text = block.text.strip()
        closing = closes(text, letter=letter) or PLACE_DATE.match(text) or ADDRESS_DATE.match(text)
        if block.kind not in (BODY, BYLINE) or len(text) > 80 or not closing:
            break
        tail.append(block)
    if any(closes(b.text.strip(), letter=letter) for b in tail):
        for block in [*tail, *posts]:
            block.kind = BYLINE


def signed_in_close(text: str) -> str | None:
    """The name in capitals after a complimentary close in one paragraph, title-cased, or None.

    "Yours faithfully, MARGARET HOLLINS. Lower Lydbrook, 14th July, 1951." (a hard-wrapped
    letter's close, signature and dateline read as one paragraph) is signed "Margaret Hollins".
    """
    close = " ".join(text.split())
    signed = _SIGNED.match(close)
    if signed is None or not _CLOSE.match(close) or not _NAME.match(signed.group(1)):
        return None
    return signed.group(1).rstrip(".").title()


def signed_name(blocks: list[Block]) -> str | None:
    """The name a letter is signed with, or None (a one-word pen name such as "PUBLIUS." is not one).

    Read from the close set apart after the text (see :func:`classify_closing`), or from the
    short lines after the last complimentary close when they were left in the text.
    """
    tail: list[Block] = []
    for block in reversed(blocks[1:]):
        if block.kind != BYLINE:
            break
        tail.append(block)
    tail.reverse()
    if not tail:
        body = [b for b in blocks if b.kind == BODY]
        closing = [i for i, b in enumerate(body) if _CLOSE.match(" ".join(b.text.split()))]
        if not closing or len(body) - closing[-1] > 4:
            return None
        tail = body[closing[-1] :]
    letter = is_letter(blocks)
    for block in tail:
        line = " ".join(block.text.split())
        signed = signed_in_close(line) or _dash_signed(line) or signed_with_place(line, letter=letter)
        if signed is not None:
            return signed
        if _NAME.match(line) and not re.search(r"\d", line):
            name = line.rstrip(".")
            return name.title() if name.isupper() else name
    return None


# A report or a notice signed with its writer's post under the name, its last paragraph:
# "**Jonathan Mabey**\nChair, Thornleigh Cricket Club", "Ann Reid, Hon. Secretary"
_SIGNERS_POST = (
    r"(?:(?:Vice[- ])?Chair(?:man|woman|person)?|(?:Vice[- ])?President|(?:Hon\.?\s+)?Secretary|Treasurer|"
    r"Head\s?teacher|Principal|Director|Chief Executive|Manager|Captain|Vicar|Rector|Convenor|"
    r"Co-?ordinator|Organiser|Organizer|Editor|Clerk|Mayor|Leader|Founder|Trustee|Warden)"
)
_NAME_POST = re.compile(
    rf"^[*_]*(?P<name>[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+){{1,2}})[*_]*,?\s+[*_]*{_SIGNERS_POST}\b[^.!?]{{0,80}}$"
)


def signed_with_post(blocks: list[Block]) -> str | None:
    """The name a text's last paragraph signs it with above the writer's post ("Jonathan Mabey Chair, …").

    That paragraph becomes the text's byline; None when the text does not end so.
    """
    body = [b for b in blocks if b.kind in (BODY, BYLINE)]
    if len(body) < 2:
        return None
    last = " ".join(body[-1].text.split())
    signed = _NAME_POST.match(last) if len(last) <= 120 else None
    if signed is None:
        return None
    body[-1].kind = BYLINE
    return signed.group("name")


def is_letter(blocks: list[Block]) -> bool:
    """Whether the text opens as a letter does ("Sir,", "Dear Editor,"; see :func:`opens_letter`)."""
    return opens_letter([b.text for b in blocks[:LETTER_OPENING]])


# A letter to a paper, as pasted from its page: a header line ("Letters to the Editor, Marlow Gazette,
# 2 February 2024") and its headline come before the salutation, which may open the first paragraph
# ("Sir, I read with dismay that …"): any of the first three paragraphs may open it.
LETTER_OPENING = 3
_LETTERS_PAGE = re.compile(r"^letters?\s+to\s+the\s+editor\b", re.I)
_OPENS_WITH_SALUTATION = re.compile(r"^(?:sir|sirs|madam|dear\s+(?:sir|madam|editor))\s*,\s+[A-Z]", re.I)


def opens_letter(paragraphs: list[str]) -> bool:
    """Whether a text whose first paragraphs are `paragraphs` is a letter.

    Its first paragraph is a salutation, or one of the first :data:`LETTER_OPENING` is a salutation or
    opens with one ("Sir, I read …"), or the first is a letters page's header.
    """
    texts = [" ".join(t.split()) for t in paragraphs[:LETTER_OPENING]]
    if not texts:
        return False
    if LETTER_SALUTATION.match(texts[0]) or _LETTERS_PAGE.match(texts[0]):
        return True
    return any(LETTER_SALUTATION.match(t) or _OPENS_WITH_SALUTATION.match(t) for t in texts)


def _dash_signed(line: str) -> str | None:
    """The name a dash line signs with ("— Rev. John Marsh, St. Luke's" is "John Marsh"), or None."""
    match = _DASH_SIGNED.match(" ".join(line.split()))
    if match is None or not _NAME.match(match.group("name")) or re.search(r"\d", match.group("name")):
        return None
    name = match.group("name").rstrip(".")
    return name.title() if name.isupper() else name


# "Dev Chaudhry, by email", "Name and address supplied" is no name
_BY_MAIL = re.compile(
    r"^(?P<name>(?:[A-Z][A-Za-z'’\-]+\s+){1,3}[A-Z][A-Za-z'’\-]+),\s+(?:by|via)\s+e-?mail\.?$"
)
# An editor's answer under a letter: "Editor replies: …", "Ed: …", "The Editor writes: …"
EDITORS_REPLY = re.compile(
    r"^[*_\s]*(?:the\s+)?(?:editor(?:['’]s)?\s+(?:replies|reply|responds|response|writes|adds|comments)|ed\.?)"
    r"[*_\s]*[:—–-]",
    re.IGNORECASE,
)
EDITOR = "Editor"


def letter_signer(text: str) -> str | None:
    """The name a letter's signature line or close signs with ("Nell Ashworth, Marsh Harrier"), or None."""
    line = " ".join(text.split()).strip("*_ ")
    if len(line) > 160:
        return None
    mailed = _BY_MAIL.match(line)
    if mailed is not None:
        return mailed.group("name")
    signer = _SIGNER.match(line)
    if signer is not None and not re.search(r"[.!?:;,)—–-]$|\d", line) and not _SPOKEN.search(line):
        return signer.group("name")  # "Graham and Ruth Pell, Second Wind, Longholme Marina"
    return signed_in_close(line) or _dash_signed(line) or signed_with_place(line, letter=True)


# A letters page's signature: a name (a couple's too), then where they write from, in a line with no
# sentence in it ("Nell Ashworth, Marsh Harrier, currently near Kelsey Junction")
_SIGNER = re.compile(
    r"^(?!(?:dear|hi|hello|to|from|mr\.? president|madam|sir)\b)"
    r"(?P<name>(?:[A-Z][A-Za-z'’\-]+\.?\s+(?:(?:and|&)\s+)?){1,3}[A-Z][A-Za-z'’\-]+),\s+(?:\S+\s*){1,10}$",
    re.IGNORECASE,
)
# words of a sentence, never of a signature's place: "Dear Marion, I was given …"
_SPOKEN = re.compile(r"\b(?:I|I'm|we|you|my|our|your|is|are|was|were|have|has|will|would)\b")


def letters_page(paragraphs: list[str]) -> bool:
    """Whether paragraphs (in order) are a page of letters: signatures under letters, answered or greeted.

    Two signature lines after paragraphs of text, with an editor's reply or two salutations ("Sir,",
    "Dear Editor,"), or three such signatures: an address or a place under a heading is not one.
    """
    texts = [" ".join(t.split()) for t in paragraphs]
    signed = sum(
        1 for n, t in enumerate(texts) if n and len(texts[n - 1]) >= 60 and letter_signer(t) is not None
    )
    replies = any(EDITORS_REPLY.match(t) for t in texts)
    greeted = sum(bool(LETTER_SALUTATION.match(t) or _OPENS_WITH_SALUTATION.match(t)) for t in texts)
    return signed >= 3 or (signed >= 2 and (replies or greeted >= 2))


def credit_letters(blocks: list[Block]) -> None:
    """Give each letter on a page of letters to its signer, and an editor's replies to the editor.

    A page of two signed letters or more (a paper's letters page, a newsletter's postbag): the
    paragraphs of a letter, back to the signature before it, its heading or its salutation, are
    its signer's words; "Editor replies: …" under a letter is the editor's. Blocks that already have
    a speaker keep it. One signed letter is left as it is: its signer is the document's author.
    """
    signed = [
        (n, name)
        for n, b in enumerate(blocks)
        if b.kind in (BODY, BYLINE) and not b.speaker and (name := letter_signer(b.text)) is not None
    ]
    if len(signed) < 2 or not letters_page([b.text for b in blocks]):
        return
    start = 0
    for n, name in signed:
        letter = [
            b for b in blocks[start:n] if b.section == blocks[n].section and b.kind == BODY and not b.speaker
        ]
        greeted = _last(letter, lambda b: bool(LETTER_SALUTATION.match(" ".join(b.text.split()))))
        letter = letter[greeted:] if greeted is not None else letter  # from its salutation
        replied = _last(letter, lambda b: bool(EDITORS_REPLY.match(b.text)))
        letter = letter[replied + 1 :] if replied is not None else letter  # after the editor's last reply
        for block in letter:
            block.speaker = name
        blocks[n].kind = BYLINE
        start = n + 1
    for block in blocks:
        if EDITORS_REPLY.match(block.text) and not block.speaker:
            block.speaker = EDITOR
            if block.kind == QUOTE:
                block.kind = BODY  # the editor's answer, set off as a quote on the page, is the page's own


def _last(blocks: list[Block], test: Callable[[Block], bool]) -> int | None:
    """The index of the last block that passes `test`, or None."""
    return next((n for n in range(len(blocks) - 1, -1, -1) if test(blocks[n])), None)
