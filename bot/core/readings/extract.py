"""Bytes → text, for the worker process only (:mod:`.worker` runs this under limits).

Text files are decoded as UTF-8. A PDF's text layer is read page by page with pypdf
(decompression capped, pages capped); its lines are put back into paragraphs (hyphenated
words joined, a short line ending a sentence closes a paragraph), and a page without text
is named in the warnings. A web page is parsed with Beautiful Soup (Python's own HTML
parser underneath: nothing is fetched, nothing run) into Markdown: headings, paragraphs,
list items and quotes; navigation, headers, footers and forms are left out. Of a news or blog
page, the article is read (its largest <article>, else <main>), with the page's headline over it
and without what its class or id names as furniture (cookie banners, sharing tools, related
links, newsletter boxes, comments) or whose words are a site's furniture ("Share this article"). A page's
scripts (and embedded frames and objects) are never run: they are left out, and a warning says that what
only they would show is not in the reading.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from bot.core.reading.webcopy import is_furniture
from bot.core.readings.sniff import HTML, PDF, Refused

MAX_PAGES = 1_000
MAX_TEXT_CHARS = 4_000_000  # of text extracted from one file (about 700,000 words)
MAX_STREAM_BYTES = 64 * 1024 * 1024  # of one decompressed PDF stream


@dataclass
class Extracted:
    """The text of one file, ready for the reading's parser."""

    text: str
    markdown: bool
    title: str | None = None
    author: str | None = None
    pages: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """For the worker's answer."""
        return {
            "text": self.text,
            "markdown": self.markdown,
            "title": self.title,
            "author": self.author,
            "pages": self.pages,
            "warnings": self.warnings,
        }


def extract(name: str, kind: str, markdown: bool, data: bytes) -> Extracted:
    """The text of `data` (already sniffed as `kind`); Refused when it cannot be used."""
    if kind == PDF:
        out = _pdf(name, data)
    elif kind == HTML:
        out = _html(name, decode(name, data))
    else:
        out = Extracted(decode(name, data), markdown)
    if len(out.text) > MAX_TEXT_CHARS:
        raise Refused(
            f"{name} holds more than {MAX_TEXT_CHARS:,} characters of text; split it into several readings."
        )
    if not out.text.strip():
        raise Refused(f"{name} has no text.")
    return out


def decode(name: str, data: bytes) -> str:
    """UTF-8 text with Unix line ends (the seeds folder reads files the same way)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8."
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- PDF


def _pdf(name: str, data: bytes) -> Extracted:
    import io
    import logging

    import pypdf
    from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are about the file, not for people
    pypdf.overwrite_configuration(
        **{
            f"{name}_maximum_output_length": MAX_STREAM_BYTES
            for name in ("zlib", "lzw", "run_length", "brotli", "jbig2", "array_based_stream")
        },
        maximum_declared_stream_length=MAX_STREAM_BYTES,
        stream_decoding_work_maximum_length=4 * MAX_STREAM_BYTES,
    )
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise Refused(f"{name} is encrypted; export it again without a password.")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise Refused(f"{name} has {count:,} pages; the limit is {MAX_PAGES:,}.")
        pages: list[str] = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_TEXT_CHARS:
                raise Refused(
                    f"{name} holds more than {MAX_TEXT_CHARS:,} characters of text; "
                    "split it into several readings."
                )
            pages.append(text)
        title = _clean_meta((reader.metadata or {}).get("/Title"))
        author = _clean_meta((reader.metadata or {}).get("/Author"))
    except Refused:
        raise
    except (MemoryError, LimitReachedError):
        raise Refused(
            f"{name} expands to more than Agora reads from one file (a decompression bomb?)."
        ) from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        if "limit" in str(exc).lower():
            raise Refused(
                f"{name} expands to more than Agora reads from one file (a decompression bomb?)."
            ) from None
        raise Refused(f"{name} is a damaged PDF ({type(exc).__name__}); export it again.") from None
    empty = [n for n, text in enumerate(pages, start=1) if not text.strip()]
    if len(empty) == len(pages):
        raise Refused(f"{name} has no text layer (a scan?); run it through OCR or upload the text.")
    warnings = [f"PDF page {n} has no text layer" for n in empty[:5]]
    if len(empty) > 5:
        warnings.append(f"{len(empty) - 5} more PDF pages have no text layer")
    text = pdf_paragraphs([p for p in pages if p.strip()])
    return Extracted(text, False, title, author, len(pages), warnings)


def _clean_meta(value: object) -> str | None:
    text = " ".join(str(value or "").split())
    return text[:200] or None


_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")


def pdf_paragraphs(pages: list[str]) -> str:
    """The lines of a PDF's pages put back into paragraphs, one blank line between them.

    A line closes its paragraph when it ends a sentence and is clearly shorter than the
    page's typical line, or when a blank line follows; a word hyphenated at a line end is
    joined. A paragraph running over a page break stays one paragraph.
    """
    lines = [ln.strip() for page in pages for ln in page.split("\n")]
    filled = [ln for ln in lines if ln]
    if not filled:
        return ""
    width = statistics.median(len(ln) for ln in filled)
    paragraphs: list[str] = []
    current = ""
    for line in [*lines, ""]:
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if current.endswith("-") and len(current) > 1 and current[-2].isalpha() and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}" if current else line
        if _SENTENCE_END.search(line) and len(line) < 0.8 * width:
            paragraphs.append(current)
            current = ""
    return "\n\n".join(re.sub(r"\s+", " ", p) for p in paragraphs) + "\n"


# --------------------------------------------------------------------------- HTML

_SKIPPED = {"nav", "header", "footer", "aside", "form", "style", "noscript", "template", "svg", "button"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {"p", "li", "blockquote", "pre", "dd", "dt", "figcaption", "td", "th"}
_MD_LEADING = re.compile(r"^([#>*+\-=|`~]|\d+(?=[.)]))")


def _html(name: str, text: str) -> Extracted:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    # A page saved from a browser carries scripts: they are never run, only left out with what they
    # alone would draw (the page's text as saved is read; a warning says so)
    scripted = False
    for tag in soup.find_all(["script", "iframe", "object", "embed"]):
        scripted = True
        tag.decompose()
    for tag in soup.find_all(True):
        for attr in [
            a for a, v in tag.attrs.items() if a.lower().startswith("on") or "javascript:" in str(v).lower()
        ]:
            scripted = True
            del tag.attrs[attr]
    title_tag = soup.find("title")
    title = _clean_meta(title_tag.get_text(" ")) if title_tag else None
    author_tag = soup.find("meta", attrs={"name": re.compile("^author$", re.I)}) or soup.find(
        "meta", attrs={"property": re.compile("^article:author$", re.I)}
    )
    author = _clean_meta(author_tag.get("content")) if author_tag else None
    author = None if author and re.match(r"https?://", author) else author
    headline = soup.find("h1")
    for tag in soup.find_all(_SKIPPED):
        if tag.name == "header" and tag.find("h1") is not None and tag.find_parent(["article", "main"]):
            continue  # an article's own header: its headline and byline
        tag.decompose()
    root = _article(soup)
    for tag in root.find_all(True):
        if tag.decomposed or not _FURNITURE_NAMES.search(_names(tag)) or tag.find("h1") is not None:
            continue
        if len(tag.get_text(" ")) * 2 < len(root.get_text(" ")):  # never the article itself
            tag.decompose()
    lines: list[str] = []
    first_heading = True
    if headline is not None and not headline.decomposed and root.find("h1") is None:
        lines.append("# " + " ".join(headline.get_text(" ").split()))  # the page's headline, over its article
        first_heading = False
        title = lines[0][2:][:200] if not title or lines[0][2:] in title else title
    for tag in root.find_all([*_HEADINGS, *_BLOCKS]):
        if tag.find_parent(_BLOCKS) is not None or tag.find(_BLOCKS | set(_HEADINGS)) is not None:
            continue  # nested blocks: the innermost one is taken
        # the block's text as written ("in <a>May</a>." is "in May.", not "in May ."); a <br> breaks a line
        for br in tag.find_all("br"):
            br.replace_with(" ")
        words = " ".join(tag.get_text().split())
        if not words or is_furniture(words):
            continue
        if tag.name == "h1" and title and words in title:
            title = words[:200]  # "Headline | Site name" in the page's title: the headline
        if tag.name in _HEADINGS:
            if first_heading and title is None:
                title = words[:200]
            first_heading = False
            lines.append("#" * _HEADINGS[tag.name] + " " + words)
        else:
            lines.append(_escape_leading(words))
    if title and not any(ln.startswith("# ") for ln in lines):
        lines.insert(0, "# " + title)
    warnings = [f"{name} has scripts: Agora read its text as saved; what only its scripts show is not in it"]
    return Extracted("\n\n".join(lines) + "\n", True, title, author, warnings=warnings if scripted else [])


# An element a page's class, id or role names as furniture, not the article.
_FURNITURE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|share|sharing|social|related|recommended|recommendations|newsletter|"
    r"subscribe|subscription|signup|promo|advert|advertisement|ads?|sponsor|sponsored|breadcrumbs?|sidebar|"
    r"comments?|popup|modal|skip|outbrain|taboola|most-read|trending|complementary|navigation|contentinfo)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)


def _names(tag: object) -> str:
    """What an element's class, id, role and label call it."""
    attrs = getattr(tag, "attrs", None) or {}
    classes = attrs.get("class") or []
    named = [*(classes if isinstance(classes, list) else [classes]), attrs.get("id"), attrs.get("role")]
    named.append(attrs.get("aria-label"))
    return " ".join(str(n) for n in named if n)


def _article(soup: object) -> object:
    """The element that holds the page's article: its largest <article>, else <main>, else the body."""
    body = getattr(soup, "body", None) or soup
    size = len(body.get_text(" "))  # type: ignore[attr-defined]
    articles = sorted(body.find_all("article"), key=lambda t: len(t.get_text(" ")), reverse=True)  # type: ignore[attr-defined]
    if articles and len(articles[0].get_text(" ")) >= max(200, size // 4):
        return articles[0]
    main = body.find("main") or body.find(attrs={"role": "main"})  # type: ignore[attr-defined]
    if main is not None and len(main.get_text(" ")) >= max(200, size // 4):
        return main
    return body


def _escape_leading(words: str) -> str:
    """A paragraph's text that Markdown will not read as a heading, list or quote."""
    match = _MD_LEADING.match(words)
    if match is None:
        return words
    if match.group(1)[0].isdigit():
        end = match.end()
        return words[:end] + "\\" + words[end:]
    return "\\" + words
