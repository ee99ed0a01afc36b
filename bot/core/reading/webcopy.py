"""Text copied out of a web page or a web app, read as the document inside it.

A page copied from a browser ("select all, copy") brings its site with it, one item a line:
"Skip to main content", the menu ("Home" / "News" / "Sport"), a cookie banner ("We and our
214 partners use cookies …" / "Accept all" / "Manage preferences"), "Share on Facebook",
"Advertisement", "Read more: …", "Related stories" and their headlines, the newsletter box
and the footer ("Privacy notice", "© 2026 …"). When enough of that furniture is there to be
sure (`page_text`), it goes, and the article stays: its headline first (the title), then the
standfirst, the byline (a name alone on its line under the headline is the writer's), the date
and the article's paragraphs.

An email newsletter converted to text ("View this email in your browser [1]", "Book your
place [6]", a "Links:" list of numbered addresses at the end) loses its link marks, its
button lines and its list of addresses, with the mailing program's own lines ("You are
receiving this email because …", "Unsubscribe | Update your preferences"). A mailing program's own
plain text ("Tickets ( https://… )", "** AUTUMN CONCERT", "Our mailing address is:") loses its
links written after their words, its buttons, its headings' marks and its footer.

A crowdfunding campaign's page (Kickstarter, Crowdfunder and the like) is no article: its story,
its reward tiers, its updates and its backers' comments are all the page's text, each tier a
card of short lines (price, name, words, "ESTIMATED DELIVERY" over its month, backers' count).
`campaign_text` reads it as that, before `page_text` would keep one article of it.

A Google Docs file downloaded as text marks its comments in the text ("… 35p per mile[b], …")
and lists them at the end ("[b]HMRC allows 45p. Why are we paying less?"): the marks go, and
each comment becomes a paragraph of a closing "Comments" section that quotes the words it was
made on.
"""

from __future__ import annotations

import re

from bot.core.reading.forums import reddit_thread
from bot.core.reading.structure import MONTH

# A line that is a site's furniture, whole: navigation, account, cookie buttons, sharing,
# advertising, lists of other pages, the footer. Each alternative is one kind.
_FURNITURE = {
    "counts": re.compile(
        r"^(?:[·•|]|[£$€]?[\d.,]+[kKmM]?|(?:pledged|raised)(?: of [£$€]?[\d.,]+[kKmM]?(?: goal)?)?|"
        r"(?:backers|supporters|donors|funded|days? (?:to go|left)|hours? (?:to go|left)))$",
        re.IGNORECASE,
    ),  # a like count, a separator, a campaign's tally: never counted as a page's sign
    "navigation": re.compile(
        r"^(?:skip (?:to|navigation)(?: (?:main )?content| navigation)?|jump to (?:content|navigation)|"
        r"(?:open |close |main )?menu|toggle navigation|navigation|search(?: this site)?|home|back to top|"
        r"sign ?in|log ?in|sign up|log ?out|register|subscribe(?: now| today)?|my account|account|"
        r"(?:go to|view) comments|comments?(?: \(\d+\))?|\d+ comments?|show comments|"
        r"by (?:signing up|subscribing|clicking|continuing|registering)[ ,].{0,200}|"
        r"open in app|read in app|get the app|member-only story|follow(?:ing)?|write|listen|text to speech|"
        r"\d+\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|"
        r"(?:image|photo|picture) (?:source|credit)s?,?\s.{1,60}|(?:photograph|photo|picture):\s.{1,80}|"
        r"supported by|give this article|share full article|reuse this content|"
        r"(?:back|support|fund|follow|report) this (?:project|campaign|fundraiser)|"
        r"(?:donate|pledge)(?: now)?|remind me|"
        r"read the (?:full )?(?:response|decision|statement)(?: in full)?)$",
        re.IGNORECASE,
    ),
    "cookies": re.compile(
        r"^(?:accept(?: all| additional)?(?: cookies)?|reject(?: all| additional)?(?: cookies)?|"
        r"decline(?: all)?|"
        r"allow(?: all)?(?: cookies)?|view cookies|"
        r"manage (?:preferences|cookies|settings|options|consent)|cookie (?:settings|preferences|policy)|"
        r"(?:we|this site) (?:value|respects?) your privacy\.?|your privacy choices|got it!?|i agree|"
        r"customi[sz]e(?: settings)?|more options|necessary cookies only|"
        r"save (?:and exit|preferences|settings))$",
        re.IGNORECASE,
    ),
    "sharing": re.compile(
        r"^(?:share(?: (?:this|on|via|to) ?[\w ]{0,20})?:?|email this(?: article| story| page)?|"
        r"copy(?: the)? link|"
        r"link copied|print(?: this (?:article|page))?|tweet|pin it|save(?: (?:this )?article)?|"
        r"facebook|twitter|x|linkedin|whatsapp|reddit|email|instagram|youtube|tiktok|pinterest|threads|bluesky|"
        r"messenger|flipboard)$",
        re.IGNORECASE,
    ),
    "advertising": re.compile(
        r"^(?:advertisement|advertising|sponsored(?: content)?|promoted|paid (?:content|post)|"
        r"story continues below(?: (?:this )?advert(?:isement)?)?|article continues below)$",
        re.IGNORECASE,
    ),
    "more": re.compile(
        r"^(?:related(?: (?:stories|articles|posts|content|links|reading|topics|coverage))?:?|"
        r"most (?:read|popular|viewed|shared)|trending(?: now)?|"
        r"you (?:may|might) also (?:like|be interested in)|"
        r"more (?:stories|from [\w' ]{1,40}|on this story|like this)|recommended(?: for you)?|"
        r"read next|"
        r"popular now|top stories|editor'?s picks|latest(?: news| stories)?|"
        r"more in [\w' ]{1,30}|"
        r"leave a (?:comment|reply)(?: cancel reply)?|cancel reply|like this:|(?:like )?loading\.\.\.|"
        r"have your say|"
        r"previous (?:post|article)|next (?:post|article)|was this page (?:helpful|useful)\??|"
        r"sign up to (?:our|the) [\w' ]{0,40}newsletters?|enter your email(?: address)?|newsletters?|"
        r"get the best of .{0,60}|sign up(?: for free| now)?|post comment|report a problem with this page|"
        r"(?:written|posted|published|started|created|organi[sz]ed) by\s.{1,60}|"
        r"\d[\d,.]*k? (?:followers|supporters|signatures|backers|signed|people have signed)|"
        r"responses(?: \(\d+\))?|"
        r"recommended from .{1,40}|related topics|more on this story|explore more on these topics|topics|"
        r"most viewed)$",
        re.IGNORECASE,
    ),
    "footer": re.compile(
        r"^(?:privacy(?: policy| notice| settings)?|terms(?: (?:and|&) conditions| of (?:use|service))?|"
        r"cookie(?:s)? policy|accessibility(?: statement)?|sitemap|site map|contact(?: us)?|about(?: us)?|"
        r"careers|jobs|advertise(?: with us)?|complaints|help|faqs?|rss|follow us(?: on)?:?|"
        r"all rights reserved\.?|(?:©|\(c\)|copyright ©?).{0,120}|.{0,80}all rights reserved\.?|"
        r"proudly powered by .{1,40}|powered by .{1,40})$",
        re.IGNORECASE,
    ),
}
# A line that points elsewhere, in the middle of an article: "Read more: Fellside pool reopens …"
_POINTER = re.compile(
    r"^(?:read more|read next|related|see also|more|also read|listen|watch|recommended)"
    r"\s*[:|–—-]\s*\S.{0,160}$"
    r"|^(?:listen to this article|\d+\s*min(?:ute)?s? read|continue reading\.*)$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"^(?:image|photo|video|picture) caption,?\s*", re.IGNORECASE
)  # "Image caption, The wall …"
_WRITTEN_BY = re.compile(
    r"^(?i:written|posted|published|started|created|organi[sz]ed) by\s+((?:[A-Z][\w.'’-]*\s?){1,4})$"
)
# A menu or a row of buttons copied as one line: "Home  About  Campaigns  Donate  Menu",
# "Facebook | Twitter | Email"
_ITEMS = re.compile(r"\s{2,}|\t+|\s+[|·•]\s+")
# Lines only a browser copy has: the page is one with fewer signs of its site
_BROWSER = re.compile(
    r"^(?:skip (?:to|navigation)\b.*|jump to (?:content|navigation)|toggle navigation)$", re.IGNORECASE
)
_COOKIE_TEXT = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_WORDS = re.compile(
    r"\b(?:partners|consent|preferences|personali[sz]e|accept|advertis\w*|privacy|device|settings|"
    r"(?:web)?site|browsing|experience|use our services)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…\"”’')]$")
# Where the readers' comments under an article begin: "41 comments", "Comments (38)", "12 thoughts on “…”",
# "3 Responses to …", "Join the discussion"; the heading the article's text gets there
_COMMENTS_HEAD = re.compile(
    r"^(?:\d[\d,]*\s+)?(?:comments?|responses?|replies|thoughts|reader comments)(?:\s*\(\d[\d,]*\))?"
    r"(?:\s+(?:on|to)\s+\S.{0,200})?$|^(?:join the discussion|reader comments|discussion)$",
    re.IGNORECASE,
)
COMMENTS_HEADING = "Comments"
COMMENTS_AFTER = 2  # sentences of the article before its comments can begin
# A body's answer on the page it answers (a petition's, a consultation's): "Government responded", "The
# Council's response", "Response from the Department for Transport"
_REPLIED = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}(?i:government|council|department|ministry|board|committee|"
    r"authority|trust|company|panel)['’]?s?\s+(?i:responded|response|replied|reply)$|"
    r"^(?i:(?:official\s+|government\s+)?(?:response|reply)\s+from)\s+(?:the\s+)?[A-Z].{2,80}$"
)
_NAME = re.compile(r"^(?:[A-Z][a-zà-ÿ'’-]+\.?\s+){1,3}[A-Z][A-Za-zà-ÿ'’-]+$")


def _kind(line: str) -> str | None:
    """The kind of a site's furniture a line is, or None."""
    bare = line.strip()
    if len(bare) <= 600 and _COOKIE_TEXT.search(bare) and _COOKIE_WORDS.search(bare):
        return "cookies"  # a cookie banner's words, however long ("We and our 214 partners use cookies …")
    if not bare or len(bare) > 220:
        return None
    for kind, pattern in _FURNITURE.items():
        if pattern.match(bare):
            return kind
    items = [i for i in _ITEMS.split(bare) if i]
    if len(items) >= 2 and all(len(i.split()) <= 5 and not _SENTENCE_END.search(i) for i in items):
        kinds = [k for i in items if (k := _kind(i)) is not None and k != "counts"]
        # a menu: most of its items are a site's words, or it ends on "Menu" / "Search"
        if (len(items) >= 3 and 2 * len(kinds) >= len(items)) or _kind(items[-1]) == "navigation":
            return max(set(kinds), key=kinds.count)
    return None


def browser_line(line: str) -> bool:
    """Whether a line is one only a browser's copy has ("Skip to main content", "Jump to navigation")."""
    return bool(_BROWSER.match(line.strip()))


def is_furniture(line: str) -> bool:
    """Whether a line is a site's furniture ("Share this article", "Related stories", "Read more: …")."""
    return _kind(line) is not None or bool(_POINTER.match(line.strip()))


def _prose(line: str) -> bool:
    """A line of an article's text: a sentence of some length."""
    bare = line.strip()
    return len(bare.split()) >= 9 and bool(_SENTENCE_END.search(bare))


def pasted_text(text: str) -> str:
    """The text without what a browser, a mailing program or a shared document put around it."""
    campaign = campaign_text(text)  # a crowdfunding campaign's page: its story, rewards, updates, comments
    if campaign is not None:
        text = campaign
    elif reddit_thread(text.split("\n")) is None:  # a forum's thread keeps its posters' lines for its reader
        text = page_text(text) or text
    for read in (linked_text, mailed_text, commented_text):
        text = read(text) or text
    return text


def page_text(text: str) -> str | None:
    """A web page copied from a browser, as its article, or None if the text is not one.

    It is one when at least five of its lines are a site's furniture, of three kinds or more
    (navigation, cookie buttons, sharing, advertising, lists of other pages, footer), or three
    with a line only a browser's copy has ("Skip to main content"); a menu copied as one line
    ("Home  About  Donate  Menu") counts as one. The
    article runs from its first sentence to the footer; a list of other pages ("Related
    stories", a comment form) stops it, unless two sentences in a row follow (the article
    going on under a box of links).
    """
    lines = [ln.strip() for ln in text.split("\n")]
    kinds = [_kind(ln) for ln in lines]
    found = [k for k in kinds if k and k != "counts"]
    browser = any(_BROWSER.match(ln) for ln in lines)  # "Skip to main content": a browser's copy
    if (len(found) < 5 or len(set(found)) < 3) and not (browser and len(found) >= 3):
        return None
    items = [
        (_CAPTION.sub("", ln), k)
        for ln, k in zip(lines, kinds, strict=True)
        if ln and not (k is None and _POINTER.match(ln))
    ]
    start = next((n for n, (ln, k) in enumerate(items) if k is None and _prose(ln)), None)
    if start is None:
        return None
    menus = _menus_gone(items[:start])  # a menu, a breadcrumb above the article
    headline = next((ln for ln, k in menus if k is None and _headline(ln)), None)
    at = next((n for n, (ln, k) in enumerate(items[:start]) if k is None and ln == headline), start)
    above = [*_menus_gone(items[:at]), *items[at:start]]  # under the headline: all
    items = [*above, *_menus_gone(items[start:])]  # (a list of tags under the article)
    first = len(above)
    written = next((m.group(1) for ln, _ in items if (m := _WRITTEN_BY.match(ln))), None)
    body: list[str] = []
    reading = True
    replied = False  # a body's answer's heading was just read
    comments = False  # the readers' comments under the article have begun ("12 thoughts on …", "41 comments")
    for n in range(first, len(items)):
        line, kind = items[n]
        if kind == "footer":
            break
        # (after the article's text, not a comment count among the buttons under its headline)
        told = sum(1 for kept in body if _prose(kept))
        if not comments and told >= COMMENTS_AFTER and _COMMENTS_HEAD.match(line):
            comments = True
            body.append(COMMENTS_HEADING)  # (what follows is its readers', not the writer's)
            continue
        if kind == "more":
            reading = False
        if kind is not None:
            continue
        if not reading and _REPLIED.match(line):
            reading = True  # "Government responded": a body's answer on the page, under its heading
            replied = True
            body.append(line)
            continue
        if replied and not _prose(line):
            continue  # ("This response was given on 19 November 2026": the heading's date line)
        replied = False
        if not reading:
            following = items[n + 1] if n + 1 < len(items) else ("", "end")
            reading = _prose(line) and following[1] is None and _prose(following[0])
            if not reading:
                continue
        body.append(line)
    if body and body[-1] == COMMENTS_HEADING:
        body.pop()  # (a comment count with no comment kept under it)
    head = _head([ln for ln, k in items[:first] if k is None], written)
    return "\n\n".join([*head, *body]) + "\n"


def _menus_gone(items: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """The lines without their runs of three or more one-to-three-word lines (a menu, a breadcrumb)."""

    def short(line: str, kind: str | None) -> bool:
        if kind is not None:
            return True
        return len(line.split()) <= 3 and not re.search(r"\d", line) and not _SENTENCE_END.search(line)

    out: list[tuple[str, str | None]] = []
    run: list[tuple[str, str | None]] = []
    for item in [*items, ("", "end")]:
        if item[1] != "end" and short(*item):
            run.append(item)
            continue
        words = [r for r in run if r[1] is None]
        out.extend(r for r in run if r[1] is not None or len(words) < 3)
        run = []
        if item[1] != "end":
            out.append(item)
    return out


# A campaign page's tabs, under its byline: no writer's post
_TABS = frozenset(
    {"story", "rewards", "updates", "comments", "faq", "faqs", "community", "overview", "about"}
)
_DATED = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\s+\d{{4}}\b|\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
_POSTED_BY = re.compile(r"^(?P<when>.*?)\s+by\s+(?P<name>(?:[A-Z][\w.'’-]*\s*){1,4})$")
_FILED = re.compile(r"^(?:posted in|filed under|categor(?:y|ies)|tags?|tagged)\b:?", re.IGNORECASE)


def _headline(line: str) -> bool:
    """A line that can head an article: four words or more, not a date."""
    return len(line.split()) >= 4 and not _DATED.search(line)


def _head(lines: list[str], written: str | None = None) -> list[str]:
    """What stands above an article, from its headline on (the site's name above it goes).

    The headline is the first line of four words or more. Under it: the standfirst, kept; the
    writer ("By …", or a name alone on its line, with the role under it) and the date, made
    one byline ("By Tomasz Wierzbicki, Local Democracy Reporter" / "14 Nov 2026"); the
    categories a blog files the post under, gone.
    """
    start = next((n for n, ln in enumerate(lines) if _headline(ln)), None)
    if start is None:
        return []
    kept: list[str] = []
    writer: str | None = None
    dates: list[str] = []
    rest = lines[start + 1 :]
    n = 0
    while n < len(rest):
        line = rest[n]
        n += 1
        if _FILED.match(line):
            continue
        posted = _POSTED_BY.match(line)
        if posted is not None and writer is None and _DATED.search(posted.group("when")):
            writer, line = posted.group("name").strip(), posted.group("when")
        if _DATED.search(line) and len(line.split()) <= 10:
            dates.append(line)
            continue
        if writer is None and (line.lower().startswith("by ") or _NAME.match(line)):
            writer = line[3:].strip() if line.lower().startswith("by ") else line
            role = rest[n] if n < len(rest) else ""
            if (
                role
                and len(role.split()) <= 5
                and not _DATED.search(role)
                and not _SENTENCE_END.search(role)
                and role.lower() not in _TABS
            ):
                writer, n = f"{writer}, {role}", n + 1
            continue
        kept.append(line)
    writer = writer or written  # "Written by Noor Bashir" under the article
    byline: list[str] = [f"By {writer}"] if writer else []
    if dates:  # the first date (published, not updated), without the time of day before it
        date = re.sub(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]m)?,?\s*", "", dates[0], flags=re.IGNORECASE)
        byline.append(re.sub(r"^(published|updated|posted)(?: on)?:\s*", r"\1 ", date, flags=re.IGNORECASE))
    return [lines[start], *kept, *(["\n".join(byline)] if byline else [])]


# ----------------------------------------------------------------------------- newsletters

_LINK_LIST_HEAD = re.compile(r"^(?:links|references|link references)\s*:?\s*$", re.IGNORECASE)
_LINK_ENTRY = re.compile(r"^\[(\d{1,3})\]\s*(?:https?://|mailto:|www\.)\S*$", re.IGNORECASE)
_LINK_MARK = re.compile(r"\s?\[(\d{1,3})\]")
_MAILER = re.compile(
    r"^(?:view (?:this email|this post|it|this) (?:in|on) (?:your|a|the) (?:browser|web)(?: at \S+)?\.?|"
    r"\[?(?:https?://|www\.)\S+\]?|(?:©|\(c\)).{0,120}|"
    r"(?:having trouble|can'?t see|trouble) (?:viewing|reading) this(?: email)?.{0,60}|"
    r"you (?:are|were) receiving this(?: email| message)? because.{0,200}|"
    r"(?:unsubscribe|update (?:your )?(?:preferences|subscription)|"
    r"manage (?:your )?(?:subscription|preferences)|"
    r"forward to a friend|update your profile|view in browser)(?:\s*[|·•]\s*.{0,80})?|"
    r"(?:want to change how you receive these emails\??).{0,200}|copyright ©.{0,160}|"
    r"this email was sent to .{0,160}|why did i get this\??)$",
    re.IGNORECASE,
)


def linked_text(text: str) -> str | None:
    """A newsletter's text without its link marks, buttons and list of links, or None if it has none.

    It has them when three lines or more at its end list numbered addresses ("[3] https://…").
    """
    lines = text.split("\n")
    entries = [n for n, ln in enumerate(lines) if _LINK_ENTRY.match(ln.strip())]
    if len(entries) < 3:
        return None
    numbers = {_LINK_ENTRY.match(lines[n].strip()).group(1) for n in entries}  # type: ignore[union-attr]
    start = entries[0]
    while start > 0 and (not lines[start - 1].strip() or set(lines[start - 1].strip()) <= set("-=_")):
        start -= 1
    if start > 0 and _LINK_LIST_HEAD.match(lines[start - 1].strip()):
        start -= 1
    out: list[str] = []
    for n, line in enumerate(lines):
        if n in entries or (n >= start and (not line.strip() or set(line.strip()) <= set("-=_"))):
            continue
        if n >= start and _LINK_LIST_HEAD.match(line.strip()):
            continue
        bare = line.strip()
        if _MAILER.match(_LINK_MARK.sub("", bare).strip()):
            continue
        marks = [m for m in _LINK_MARK.finditer(line) if m.group(1) in numbers]
        words = _LINK_MARK.sub(lambda m: "" if m.group(1) in numbers else m.group(0), line).rstrip()
        if marks and not words.strip():
            continue  # a picture's link: "[2]"
        if (
            marks
            and bare.endswith("]")
            and len(words.split()) <= 6
            and not _SENTENCE_END.search(words.strip())
        ):
            continue  # a button: "Book your place [6]"
        out.append(words)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


_INLINE_LINK = re.compile(  # "tickets ( https://… )", "<https://…>": a link written after its words
    r"\s?(?:\(\s?(?:https?://|mailto:)[^\s)]*\s?\)|<(?:https?://|mailto:)[^\s>]*>)"
)
_MAIL_FOOTER = re.compile(
    r"^(?:copyright ©.*|©.{0,80}all rights reserved\.?|you (?:are|were) receiving this.*|"
    r"our mailing address is:?|"
    r"want to change how you receive these emails\??|(?:you can )?update your preferences.*|unsubscribe.*|"
    r"this email was sent to .*|add us to your address book.*|forward to a friend.*|"
    r"why did i get this\??|preferences\s*\|.*)$",
    re.IGNORECASE,
)


_MAILING = re.compile(
    r"unsubscribe|you (?:are|were) receiving this|view this (?:email|post) (?:in|on) (?:your|the)|"
    r"update your preferences|our mailing address is|forward to a friend",
    re.IGNORECASE,
)


def mailed_text(text: str) -> str | None:
    """A mailing program's plain text without its links, buttons and footer, or None if it is not one.

    It is one when two of its lines are the program's own ("View this email in your browser",
    "You are receiving this email because …", "unsubscribe"). Links written after their words
    ("tickets ( https://… )") go, a line left as a button's words ("Book tickets") goes, a
    heading's "** " goes, and from the program's footer ("Copyright © …", "Our mailing address
    is:") to the end.
    """
    lines = text.split("\n")
    marks = [
        ln
        for ln in lines
        if _MAIL_FOOTER.match(ln.strip()) or _MAILER.match(_INLINE_LINK.sub("", ln).strip())
    ]
    if len(marks) < 2 or not any(_MAILING.search(ln) for ln in marks):
        return None
    out: list[str] = []
    seen_text = False
    for line in lines:
        bare = _INLINE_LINK.sub("", line).strip()
        linked = bare != line.strip()
        if seen_text and _MAIL_FOOTER.match(bare):
            break  # the program's footer, to the end
        if _MAILER.match(bare) or (bare and set(bare) <= set("=")):
            continue
        if linked and len(bare.split()) <= 6 and not _SENTENCE_END.search(bare):
            continue  # a button: "Book tickets ( https://… )"
        bare = re.sub(r"^\*\*\s+", "", bare)  # "** AUTUMN CONCERT": a heading
        seen_text = seen_text or _prose(bare)
        out.append(bare if linked or bare != line.strip() else line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


# ----------------------------------------------------------------------------- document comments

_COMMENT_ENTRY = re.compile(r"^\[([a-z]{1,3})\](\S.*)$")
_COMMENT_MARK = re.compile(r"\[([a-z]{1,3})\]")


def commented_text(text: str) -> str | None:
    """A document exported with its comments, the marks gone and the comments in a closing section.

    Google Docs writes "[a]" where a comment was made and lists the comments at the end, each
    line opening with its mark: two marked lines at the end, each mark found in the text above.
    """
    lines = text.rstrip().split("\n")
    marked = [n for n, ln in enumerate(lines) if _COMMENT_ENTRY.match(ln.strip())]
    if len(marked) < 2 or len(lines) - marked[-1] > 4:
        return None
    end = marked[-1]
    for n in reversed(marked[:-1]):  # the list: entries no more than four lines apart, to the text's end
        if end - n > 4:
            break
        end = n
    entries: list[tuple[str, str]] = []
    for line in lines[end:]:
        entry = _COMMENT_ENTRY.match(line.strip())
        if entry is not None:
            entries.append((entry.group(1), entry.group(2).strip()))
        elif line.strip() and entries:  # a reply or an assignment under a comment
            entries[-1] = (entries[-1][0], f"{entries[-1][1]} {line.strip().strip('_')}")
    if len(entries) < 2:
        return None
    body = "\n".join(lines[:end])
    marks = {m for m, _ in entries}
    if not all(f"[{m}]" in body for m in marks):
        return None
    anchors: dict[str, str] = {}
    for match in _COMMENT_MARK.finditer(body):
        if match.group(1) in marks and match.group(1) not in anchors:
            before = _COMMENT_MARK.sub("", body[max(0, match.start() - 200) : match.start()])
            clause = re.split(r"(?<=[.!?;:])\s+|\n", before)[-1].strip()
            anchors[match.group(1)] = " ".join(clause.split()[-10:])
    body = _COMMENT_MARK.sub(lambda m: "" if m.group(1) in marks else m.group(0), body)
    comments = [
        f"Comment on “{anchors[m]}”: {words}" if anchors.get(m) else f"Comment: {words}"
        for m, words in entries
    ]
    return body.rstrip() + "\n\n\nComments\n\n" + "\n\n".join(comments) + "\n"


# ----------------------------------------------------------------------------- crowdfunding pages

# A reward's price on its own line: "Pledge $25 or more", "£30", "$120+", "US$ 69 or more".
_PRICE = re.compile(
    r"^(?:pledge\s+)?(?:[A-Z]{0,3}\s?[£$€])\s?\d[\d,]*(?:\.\d{2})?(?:\s*(?:USD|GBP|EUR|CAD|AUD))?"
    r"(?:\s*(?:or more|\+))?$",
    re.IGNORECASE,
)
# How far the money has got: "pledged of $30,000 goal", "£18,460 raised of £25,000 target".
_PROGRESS = re.compile(
    r"\b(?:pledged|raised|funded)\b.{0,40}\b(?:goal|target)\b|^\d+%\s+(?:funded|of\s+\S*\d[\d,]*)",
    re.IGNORECASE,
)
# What ends a reward's card: its backers' count, or its button.
_CARD_END = re.compile(
    r"^(?:\d[\d,]*\s+(?:backers?|supporters?|claimed|funders?|contributors?|pledges?)|"
    r"select(?: this reward)?)$",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"^[£$€]?\s?\d[\d,]*(?:\.\d+)?\s?[%kKmM]?$")
# A campaign site's own lines: buttons, tabs, badges, time stamps, the creator's counts.
_CAMPAIGN_FURNITURE = re.compile(
    r"^(?:back (?:this|the) project|back it|remind me|start (?:a|your) (?:project|campaign|fundraiser)|"
    r"discover(?: projects)?|explore|how it works|select(?: (?:this|a) reward)?|pledge without a reward|"
    r"support (?:this|the) project|donate(?: now)?|give now|contribute|reply|like|load more|show more|"
    r"see more|view more|report this project|creator|superbacker|project owner|collaborator|backer|"
    r"campaign|rewards|updates?(?: \(\d+\))?|community|faq(?: \(\d+\))?|supporters?(?: \(\d+\))?|"
    r"backers?(?: \(\d+\))?|comments?(?: \(\d+\))?|q ?& ?a|"
    r"\d[\d,]* (?:created|backed)|(?:posted\s+)?(?:about |over |almost )?(?:\d+|an?|one) "
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago|"
    r"only backers can (?:post|comment).*|learn about accountability.*|questions about this project\?.*)$",
    re.IGNORECASE,
)
_UPDATE = re.compile(r"^update\s*#?\s*\d+(?P<title>\s*[:.–—-]\s*\S.*)?$", re.IGNORECASE)
_BY_ALONE = re.compile(r"^(?:created|organi[sz]ed|started|run|launched)?\s*by$", re.IGNORECASE)
_CAPS_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z &'’/-]{2,30}?):?$")  # "ESTIMATED DELIVERY", "INCLUDES:"


def _campaign_furniture(line: str) -> bool:
    return bool(_CAMPAIGN_FURNITURE.match(line)) or is_furniture(line)


def campaign_text(text: str) -> str | None:
    """A crowdfunding campaign's page copied from a browser, as its story, rewards, updates and comments.

    It is one when a line says how far the money has got ("pledged of $30,000 goal", "raised of
    £25,000 target") and two lines or more price a reward ("Pledge $25 or more", "£30"). Then
    the site's lines go (menu, tabs, buttons, badges, time stamps, footer); a figure over its
    words is one line ("1,204" / "backers": "1,204 backers"), and those at the top one
    paragraph; the title is the first line of three words or more; each reward is one
    paragraph, from its price to its backers' count ("Pledge $25 or more. Print and Play. …
    Includes: Print-and-play files; Digital rulebook. Estimated delivery: Feb 2027. …").
    """
    raw = [ln.strip() for ln in text.split("\n")]
    if not any(_PROGRESS.search(ln) for ln in raw) or sum(bool(_PRICE.match(ln)) for ln in raw) < 2:
        return None
    lines: list[str] = []
    for line in raw:  # a figure over the words that say what it counts: one line
        counts = bool(lines and _FIGURE.match(lines[-1])) and line[:1].islower() and len(line.split()) <= 8
        if counts:
            lines[-1] = f"{lines[-1]} {line}"
        elif lines and _BY_ALONE.match(lines[-1]) and line:  # "Created by" / "Saltmarsh Games": its byline
            lines[-1] = f"By {line}"
        elif line:
            lines.append(line)
    last_text = max((n for n, ln in enumerate(lines) if _prose(ln)), default=len(lines))
    footer = next((n for n, ln in enumerate(lines) if n > last_text and _kind(ln) == "footer"), len(lines))
    # (its counts stay: "1,204 backers" at the top, "131 backers" ending a reward)
    lines = [
        ln for ln in lines[:footer] if not _campaign_furniture(ln) or _PROGRESS.search(ln) or _counted(ln)
    ]
    start = next((n for n, ln in enumerate(lines) if _title_line(ln)), 0)
    out: list[str] = [lines[start]] if lines else []
    stats: list[str] = []
    n = start + 1
    while n < len(lines):
        line = lines[n]
        if _counted(line):  # "$48,312 pledged of $30,000 goal", "1,204 backers", "9 days to go"
            stats.append(line)
            n += 1
            continue
        if stats:
            out.append(". ".join(s.rstrip(".") for s in stats) + ".")
            stats = []
        update = _UPDATE.match(line)
        if update and n + 1 < len(lines) and not update.group("title") and _title_line(lines[n + 1]):
            line, n = f"{line}: {lines[n + 1]}", n + 1  # "Update #4" / "The first proofs have arrived"
        if update and n + 1 < len(lines) and _DATED.search(lines[n + 1]) and len(lines[n + 1].split()) <= 5:
            line, n = f"{line.rstrip('.')}. Posted {lines[n + 1].rstrip('.')}.", n + 1
        if update and n + 1 < len(lines) and _prose(lines[n + 1]):  # an update is its title, date and words
            line, n = f"{line if _SENTENCE_END.search(line) else line + '.'} {lines[n + 1]}", n + 1
        if _PRICE.match(line):
            end = n + 1
            while end < len(lines) and not _PRICE.match(lines[end]) and end - n < 25:
                end += 1
                if _CARD_END.match(lines[end - 1]):
                    break
            out.append(_card(lines[n:end]))
            n = end
            continue
        out.append(line)
        n += 1
    if stats:
        out.append(". ".join(s.rstrip(".") for s in stats) + ".")
    return "\n\n".join(out) + "\n"


def _title_line(line: str) -> bool:
    words = re.findall(r"[^\W\d_]{2,}", line)  # "Food & Craft", a category, has two
    return len(words) >= 3 and not _SENTENCE_END.search(line) and not _FIGURE.match(line.split(maxsplit=1)[0])


def _counted(line: str) -> bool:
    """A line of the campaign's figures: money, backers, time left."""
    return bool(_PROGRESS.search(line)) or bool(
        re.match(r"^[£$€]?\s?\d[\d,]*%?\s+[a-z][\w ]{2,30}$", line) and len(line.split()) <= 6
    )


def _card(lines: list[str]) -> str:
    """A reward's lines as one paragraph: its price, name, words, contents, delivery and backers."""
    parts: list[str] = []
    label: str | None = None
    items: list[str] = []

    def close() -> None:
        if label is not None:
            parts.append(f"{label}: {'; '.join(items)}." if items else f"{label}.")

    for line in lines:
        if _CARD_END.match(line) and line.lower().startswith("select"):
            continue
        caps = _CAPS_LABEL.match(line)
        if caps and len(caps.group("label").split()) <= 3:
            close()
            label, items = caps.group("label").strip().capitalize(), []
            continue
        if label is not None and not _CARD_END.match(line):
            items.append(line.rstrip("."))
            continue
        close()
        label, items = None, []
        parts.append(line)
    close()
    return " ".join(p if _SENTENCE_END.search(p) else f"{p}." for p in parts)
