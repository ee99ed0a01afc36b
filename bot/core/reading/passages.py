"""The reading: seed files → documents → passages.

Handles plain text with one paragraph per line, hard-wrapped plain text with blank lines
between paragraphs, and Markdown (headings become section titles, lists are grouped,
inline markup is stripped). A title line and tags such as "| Opinion" are metadata;
bylines and disclaimers stay passages so that "who wrote this?" can be answered.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.reading.exports import slide_deck
from bot.core.reading.letters import (
    SIGNATURE,
    classify_closing,
    credit_letters,
    signed_name,
    signed_with_post,
)
from bot.core.reading.markdown import parse_markdown
from bot.core.reading.metadata import Metadata, read_metadata
from bot.core.reading.plain import parse_plain
from bot.core.reading.quotations import mark_quotations
from bot.core.reading.scanned import unligatured
from bot.core.reading.sources import markup_source, notes_markdown
from bot.core.reading.structure import (
    ADDRESS_DATE,
    BODY,
    BYLINE,
    BYLINE_OPENING,
    DATE_IN_LINE,
    FRONT,
    GENRE,
    LEADING_BYLINE,
    LIST,
    OCCASION,
    PLACE_DATE,
    QUOTE,
    TRAILING_DATE,
    Block,
    cased,
    clean_title,
    dates_only,
    humanise_file_name,
    title_case,
)
from bot.core.reading.transcript import assign_speakers, full_labels
from bot.core.reading.webcopy import pasted_text
from bot.core.reading.wikitext import is_wikitext, wiki_page_copy, wikitext_to_markdown
from bot.core.text.words import normalize, sentence_spans

log = logging.getLogger(__name__)

# 4: metadata, Gutenberg furniture, wrapped headings, marks, transcripts, quotes;
# 5: numbered lists (items never headings, short ones joined to their lead-in);
# 6: titles and headings in capitals cited in title case, an item's number not embedded
# 7: bylines that name the occasion ("Remarks by X at …") are bylines, not sections
# 10: a speech's heading "Speech of X at …, November 6th, 1894" (wrapped too) is its byline and date
# 11: "Prepared by the X Committee, …", "A submission from the X Association to …" are bylines
# 14: a letter's signature names its author; "Delivered before …, DATE", "A SERMON" and
#     "From the club secretary, NAME" are bylines
# 15: a dash and a name ending a text ("— Rev. John Marsh, St. Luke's") sign it; its last paragraph
#     is no epigraph
# 16: a short line over its text with no blank between is a heading ("Heat the pan slowly"),
#     "Dear Editor" never is; "Judgment of X" and "A brief from X to Y" are bylines
# 17: a salutation ("Mr. President, Ladies and Gentlemen,--", "Sir,--", "Fellow-Citizens:") heads no section
# 18: a FAQ's "No." before a sentence is an answer of its own, not "No." for "number"
# 19: a "NAME, Place" signature, a title line "… By Name", an issuing body's header block, an
#     opening verse over one line per paragraph, tables set out in columns, bulleted lists
# 20: a meeting's "Present:", "Apologies:", "Actions:" lines (and a memo's "Ref:", "To:") name no speaker
# 21: a letter's signer's post or address under the signature ("Secretary, Dunmore Angling Club") is
#     its byline, not a dropped heading; "X is wrong about …" opening a letter is no writer's bio
# 22: an issuing body's header block is kept as the text's first byline (its date read from any of
#     its lines); a title page's imprint ("LONDON: PRINTED BY …") is a byline, never a section; an
#     "Authors:" label names the writers; a transcript's roster ("PARTICIPANTS") is one list; a forum
#     thread's post headers name who speaks, "> …" lines are quotes, a rule line ends a paragraph;
#     a Markdown list of long items is numbered paragraphs, each a passage with its number; reasons
#     "(delivered by X)" and a dissent "(Member Y)": bylines, each naming the speaker of its part
# 23: a transcript's stage directions ("(Applause.)", "(Laughter.)") are no "(Member Y)": no speaker
# 24: a report's header line of fields ("No. 14 · Institute · March 2026") gives the date
# 25: a date line at the top ("Published Thursday 5 June 2025", "No. CCXIV. MARCH, 1874.") is a byline
#     giving the date, never a heading nor a forum poster; front matter's other facts are front lines;
#     a Markdown table row names its cells' headers; a heading over nothing is text; a letter's close
#     is one byline; "Q140 Chair:" speaks as the Chair; "† …" notes ending the text are footnotes;
#     superscript note marks go ("Saul-Oyelaran¹")
# 26: a guide's or a listing's field labels ("**Where:** …", "When: …", "Cost: …") are no speakers
# 27: an email thread's senders are its speakers; a parliament's office labels ("The Minister for …
#     (Dr X):") and short labels named in full; a judgment's header (judges, parties, fields, date);
#     sentence-case headings; wiki markup read as Markdown
# 28: a host's spoken opening before the first turn ("Welcome back to …, I'm your host") is the show's
#     text, not a transcriber's preamble
# 29: a record's own lines are no one's turn; chat exports, subtitle files and a PDF's text layer
#     read as what they hold; an email's sign-off is a byline
# 30: a transcript's first line written as a title ("The Valley Hour: Should the City Ban …?") is its
#     title, not a speaker's turn
# 31: "Held on Tuesday 9 September 2025 at 7.30 pm in …" is a byline giving the date, never a heading
# 32: a byline under a hard-wrapped header's line ("Reviewed by …") is a line of its own
# 33: LaTeX, org-mode and AsciiDoc sources read as the documents they make
# 34: a web page copied from a browser, a newsletter's links, a shared document's comments
# 35: a memo's header (To / From / Date / Subject) names its sender, date and subject; a play's stage
#     direction is no one's words; a hard-wrapped paragraph among unwrapped lines is one paragraph
# 36: Teams/Zoom transcripts' speakers, Slack and Reddit copies, slide decks
# 37: a scan's specks, ligatures, broken words and 'lt' for 'It' put right
# 38: a slide deck's unmarked title slide (presenter, date, occasion); MarkItDown's decks
# 39: a chat's turns close in time are one exchange, each turn a line opening with its sender's name
# 40: a record's field line ('Present: …', 'Apologies: …') is text, never a heading
# 41: a Reddit thread's poster is its author
# 42: a meeting's saved chat and transcripts (Zoom's '[Name] 18:01:12', Teams' 'Name   0:04') as exchanges
# 43: more of a web page's furniture (captions' labels, credits, counts, 'Follow', 'Written by …')
# 44: a mailing program's plain text: links after their words, buttons, '** ' headings, its footer
# 45: Teams' chat copy ('[10:32 AM] Smith, John'), a Slack app's badge, Zoom's display names
# 46: Markdown from a notes app ([[links]], callouts, tag lines, task boxes)
# 47: a sentence ending on a contraction ("Please don't. A mature tree…") ends there (its "t." is no initial);
#     "Motion: …", "Proposal: …" say what a debate or an application is about, no one's turn
# 48: a name alone in capitals under a text's last paragraph (and the line after it) signs it off
# 49: "X is a serious book" (a verdict on a work) is no bio naming the author
# 50: a compact Reddit copy ("u/name • 3d" over each comment, "Reply • 211" under it)
# 51: a letter pasted from a letters page (header, headline, "Sir, I read …") is signed "Name, Place"
#     (or "Name, Post, Body, Place") like one that opens with its salutation
# 54: a chess game's record (PGN) reads as its facts and its annotator's comments, each with its move
# 55: a form's field lines ("Votes: 24 for, 3 against", "Timekeeper: Ms F. Osei", "Style: 6/10") are
#     no speakers' turns; a text file under any name is read; a maker's note in brackets above the
#     title ("[PROOF 2 - FOR PRINTER]") goes; a browser's copy known by "Skip to main content" and a
#     menu copied as one line; "Started by Leah Winters" names a campaign's author
# 56: a browser's menu line that ends on "Menu" or "Search" ("UK Government and Parliament  Petitions  Menu")
# 57: a form's or a committee paper's header fields name its author and title ("Paper from: …",
#     "Organisation name: …", "Title: …") where they stand under its first lines
# 58: a form saved as text: its field lines ("Chair: …", an online form's question over its answer) are
#     its text, a run of them one passage, never a speaker's turn nor a heading; a plain table's header
#     row (over a rule too) names each row's cells
# 59: a crowdfunding campaign's page copied from a browser: its story, each reward tier one paragraph from
#     its price to its backers, the figures at the top one, each update with its date; the site's lines gone
# 60: a campaign page's headline kept above a tally ("£38,420", "pledged of £60,000 goal", "412",
#     "backers"), its buttons ("Back this project") and tabs ("Story") gone
# 61: a chess game's comment of under 40 words is read with the next one
# 62: a form's label said under every heading ("Comments: …") names whom the heading names
# 63: a form's label over a table heads the table alone, not the answers after it
# 71: a web page's readers' comments stand under a "Comments" heading; a body's answer on the page
#     ("Government responded") is read though a "Created by" line stopped the article; an application's
#     "Organisation:" names its author
# 72: a heading in capitals keeps its references and roads as printed ("CEAC/2026/14", "Route A38")
# 77: a body's answer on a page heads its part ("Government responded"), its date line under it gone
PARSER_VERSION = 78
# subtitle files are read as the talk they hold; a document's source as the document it makes;
# a file under any other name (a .pgn, a .rst, a README) is read when its bytes are UTF-8 text
SUFFIXES = (".txt", ".md", ".markdown", ".srt", ".vtt", ".tex", ".org", ".adoc", ".asciidoc")
# read through Discord's /reading add, which takes their text out; passed over in a seeds folder
CONVERTED = {".pdf": "a PDF", ".html": "a web page", ".htm": "a web page"}
# a web page's opening bytes (after a BOM): read as a page, never as text (uploads are sniffed the same way)
HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_page(head: bytes) -> bool:
    """Whether a file's first bytes open a web page."""
    return bool(HTML_START.match(head.lstrip(b"\xef\xbb\xbf")))


def utf8_sample(sample: bytes, whole: int) -> bool:
    """Whether a sample of a file of `whole` bytes is UTF-8 (a character cut at its end counts as one)."""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= min(whole, len(sample)) - 3
    return True


MAX_FILE_BYTES = 20 * 1024 * 1024

DISCLAIMER, NOTE = "disclaimer", "note"
__all__ = [
    "BODY",
    "BYLINE",
    "DISCLAIMER",
    "FRONT",
    "LIST",
    "NOTE",
    "QUOTE",
    "Document",
    "Metadata",
    "Passage",
    "Reading",
    "ReadingError",
]
META_KINDS = frozenset({BYLINE, DISCLAIMER, NOTE, FRONT})
_MARKED = {QUOTE: "quoted", FRONT: "front matter"}  # said in citations


class ReadingError(Exception):
    """The reading cannot be used at all (no files, nothing readable)."""


@dataclass(frozen=True)
class Passage:
    """One unit of the reading that can be quoted, embedded and cited."""

    id: str
    document: str
    title: str
    section: str | None
    paragraph: int
    text: str
    kind: str = BODY
    part: int = 1
    parts: int = 1
    sentences: tuple[tuple[int, int], ...] = ()
    speaker: str | None = None  # in a transcript: who says it
    author: str | None = None  # the document's author, when the text names one
    date: str | None = None  # the document's date, when the text gives one

    @property
    def is_meta(self) -> bool:
        """Byline, disclaimer, footnote or preamble: findable, but not an argument of the reading."""
        return self.kind in META_KINDS

    @property
    def is_quoted(self) -> bool:
        """Someone else's words that the text quotes (an epigraph, a fable), not its author's."""
        return self.kind == QUOTE

    @property
    def place(self) -> str:
        """The paragraph as a reader names it: "¶5", or "byline" for a leading byline."""
        return "byline" if self.paragraph == 0 else f"¶{self.paragraph}"

    @property
    def citation(self) -> str:
        """Where the passage stands, as a reader would cite it: "Title › Section, ¶N".

        A quotation says so ("¶1 (quoted)"), as does a transcript's preamble; a speaker's
        words are cited with the speaker's name first.
        """
        where = self.place
        if self.parts > 1:
            where += f" (part {self.part}/{self.parts})"
        if self.kind in _MARKED:  # not the author's (or the speakers') own words
            where += f" ({_MARKED[self.kind]})"
        if self.speaker:
            return f"{self.speaker}, {self.heading}, {where}"
        return f"{self.heading}, {where}"

    @property
    def heading(self) -> str:
        """The document's title, and the section the passage is in if it has one."""
        return f"{self.title} › {self.section}" if self.section else self.title

    def sentence_texts(self) -> list[str]:
        """The passage's sentences, as exact substrings of its text."""
        return [self.text[a:b] for a, b in self.sentences]

    def embedding_texts(self) -> list[str]:
        """What is embedded for each sentence: list items carry their list's introduction.

        A numbered item's number ("2. Grant of Licence.") is left out: it means nothing to
        the model and pulls the sentence away from questions about its words.
        """
        sentences = [_ITEM_NUMBER.sub("", s) or s for s in self.sentence_texts()] or [self.text]
        if self.kind != LIST or len(sentences) < 2 or not sentences[0].rstrip().endswith(":"):
            return sentences
        intro = sentences[0]
        return [intro] + [f"{intro} {s.lstrip('• ')}" for s in sentences[1:]]

    def to_json(self) -> dict[str, object]:
        """The JSON form stored in the index folder."""
        return {
            "id": self.id,
            "document": self.document,
            "title": self.title,
            "section": self.section,
            "paragraph": self.paragraph,
            "part": self.part,
            "parts": self.parts,
            "kind": self.kind,
            "text": self.text,
            "sentences": [list(s) for s in self.sentences],
        } | {k: v for k, v in (("speaker", self.speaker), ("author", self.author), ("date", self.date)) if v}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Passage:
        """Inverse of :meth:`to_json`."""
        return cls(
            id=str(data["id"]),
            document=str(data["document"]),
            title=str(data["title"]),
            section=data.get("section"),  # type: ignore[arg-type]
            paragraph=int(data["paragraph"]),  # type: ignore[arg-type]
            text=str(data["text"]),
            kind=str(data.get("kind", BODY)),
            part=int(data.get("part", 1)),  # type: ignore[arg-type]
            parts=int(data.get("parts", 1)),  # type: ignore[arg-type]
            sentences=tuple(tuple(s) for s in data.get("sentences", ())),  # type: ignore[misc,union-attr]
            speaker=_optional(data.get("speaker")),
            author=_optional(data.get("author")),
            date=_optional(data.get("date")),
        )


_ITEM_NUMBER = re.compile(r"^\d{1,3}[.)]\s+(?=\S)")  # "2. " opening a numbered item


def _optional(value: object) -> str | None:
    return str(value) if value else None


@dataclass
class Document:
    """One seed file, and what it says about itself (title, author, date: None when it does not)."""

    path: str
    title: str
    tags: tuple[str, ...] = ()
    author: str | None = None
    date: str | None = None
    passages: list[Passage] = field(default_factory=list)
    digest: str = ""  # of the text parsed, so that an unchanged file need not be parsed again

    def to_json(self) -> dict[str, object]:
        """Document metadata for the index folder (passages are stored separately)."""
        return {
            "path": self.path,
            "title": self.title,
            "tags": list(self.tags),
            "author": self.author,
            "date": self.date,
            "digest": self.digest,
        }


@dataclass
class Problem:
    """A seed file that could not be read; the rest of the reading is still used."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Reading:
    """All documents of the seeds folder, plus the files that could not be read."""

    documents: list[Document]
    problems: list[Problem]
    fingerprint: str
    source: str = ""  # the seeds folder it was read from (absolute)

    @property
    def passages(self) -> list[Passage]:
        """Every passage, in reading order."""
        return [p for d in self.documents for p in d.passages]


# --------------------------------------------------------------------------- files


def scan_seeds(seeds_dir: Path, *, outside_links: bool = False) -> tuple[list[Path], list[Problem]]:
    """The reading's files under `seeds_dir` (sorted), and the files passed over, with why.

    Read: every .txt/.md file (and subtitles, document sources), and a file under any other
    name whose bytes are text (a chess game's .pgn, a .rst); hidden ones and hidden folders
    are ignored without a word. Passed over: PDFs and web pages (Discord's /reading add takes
    their text out), binary files, broken links, and files that resolve outside the seeds
    folder through a link (a link to /etc/passwd), unless `outside_links` (the setting
    SEEDS_OUTSIDE_LINKS) allows them.
    """
    if not seeds_dir.is_dir():
        raise ReadingError(
            f"The seeds folder {seeds_dir} does not exist. Put the reading (.txt or .md files) "
            "there, or point SEEDS_DIR / --seeds at it."
        )
    root = seeds_dir.resolve()
    files: list[Path] = []
    skipped: list[Problem] = []
    for path in sorted(seeds_dir.rglob("*"), key=lambda p: p.relative_to(seeds_dir).as_posix()):
        rel = path.relative_to(seeds_dir)
        if any(part.startswith(".") for part in rel.parts) or path.is_dir():
            continue
        if not path.exists():
            skipped.append(Problem(rel.as_posix(), "is a broken link"))
            continue
        target = path.resolve()
        if not outside_links and not target.is_relative_to(root):
            skipped.append(
                Problem(
                    rel.as_posix(),
                    f"links outside the seeds folder (to {target}); read only with SEEDS_OUTSIDE_LINKS=on",
                )
            )
            continue
        if not path.is_file():
            skipped.append(Problem(rel.as_posix(), "is not a file"))
            continue
        suffix = path.suffix.lower()
        if suffix in CONVERTED:
            skipped.append(
                Problem(
                    rel.as_posix(),
                    f"is {CONVERTED[suffix]}: save its text as a .txt file, or add it with /reading add",
                )
            )
            continue
        if suffix not in SUFFIXES:
            why = _not_text(path)
            if why is not None:
                skipped.append(Problem(rel.as_posix(), why))
                continue
        files.append(path)
    return files, skipped


def _not_text(path: Path) -> str | None:
    """Why a file under a name Agora does not know is no part of the reading (None: it is text)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if not head.strip():
        return None  # an empty file: read, and reported as empty like any other
    if b"\0" in head or head.startswith(b"%PDF-"):
        return "is not a text file"
    if looks_like_page(head):
        return "is a web page: save its text as a .txt file, or add it with /reading add"
    return None if utf8_sample(head, len(head)) else "is not a text file (not UTF-8)"


def seed_files(seeds_dir: Path, *, outside_links: bool = False) -> list[Path]:
    """The reading's files: every .txt/.md under `seeds_dir` it may read, sorted."""
    return scan_seeds(seeds_dir, outside_links=outside_links)[0]


def reading_files(seeds_dir: Path, *, outside_links: bool = False) -> list[Path]:
    """The reading's files; ReadingError, explained, if the folder is missing or has none.

    Cheap: call it before loading the model, so an empty folder is reported at once.
    """
    files, skipped = scan_seeds(seeds_dir, outside_links=outside_links)
    if not files:
        passed = f" (passed over: {'; '.join(map(str, skipped[:5]))})" if skipped else ""
        raise ReadingError(
            f"The seeds folder {seeds_dir} has no text files{passed}. Add the reading there "
            "(.txt or .md files)."
        )
    return files


def fingerprint_files(seeds_dir: Path, *, outside_links: bool = False) -> str:
    """A digest of the reading (file names and bytes): changes whenever the reading does."""
    digest = hashlib.sha256(f"parser:{PARSER_VERSION}\n".encode())
    for path in seed_files(seeds_dir, outside_links=outside_links):
        digest.update(path.relative_to(seeds_dir).as_posix().encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            digest.update(f"unreadable:{exc.errno}".encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def read_text_file(path: Path) -> str:
    """Read a seed file as UTF-8, raising ValueError with a reader-friendly reason."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValueError(f"too large ({size // 1_000_000} MB; the limit is 20 MB)")
        raw = path.read_bytes()
    except PermissionError:
        raise ValueError("cannot be read (permission denied)") from None
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc})") from None
    if b"\0" in raw[:4096]:
        raise ValueError("looks like a binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_reading(
    seeds_dir: Path,
    count_tokens: Callable[[str], int] | None = None,
    max_tokens: int = 256,
    parsed: dict[str, Document] | None = None,
    *,
    outside_links: bool = False,
) -> Reading:
    """Parse every seed file. Unreadable files become problems; raise if nothing is usable.

    `parsed` maps files to documents parsed before (same parser and tokenizer): a file
    whose text still has the document's digest is not parsed again.
    """
    files = reading_files(seeds_dir, outside_links=outside_links)
    documents: list[Document] = []
    problems = scan_seeds(seeds_dir, outside_links=outside_links)[1]
    counter = count_tokens or approx_tokens
    for path in files:
        rel = path.relative_to(seeds_dir).as_posix()
        try:
            text = read_text_file(path)
        except ValueError as exc:
            problems.append(Problem(rel, str(exc)))
            log.info("Skipping %s: %s", rel, exc)  # reported to people with the build
            continue
        digest = hashlib.sha1(text.encode()).hexdigest()
        known = parsed.get(rel) if parsed is not None else None
        if known is not None and known.digest == digest:
            doc = known
        else:
            doc = parse_document(rel, text, counter, max_tokens)
            doc.digest = digest
        if not doc.passages:
            problems.append(Problem(rel, "has no paragraphs of text"))
            log.info("Skipping %s: no paragraphs of text", rel)
            continue
        documents.append(doc)
    if not documents:
        details = "; ".join(str(p) for p in problems)
        raise ReadingError(f"No usable text in {seeds_dir}: {details}")
    problems.sort(key=lambda p: p.path)
    fingerprint = fingerprint_files(seeds_dir, outside_links=outside_links)
    return Reading(documents, problems, fingerprint, str(seeds_dir.resolve()))


# --------------------------------------------------------------------------- parsing


def parse_document(
    rel_path: str,
    text: str,
    count_tokens: Callable[[str], int] | None = None,
    max_tokens: int = 256,
    *,
    markdown: bool | None = None,
) -> Document:
    """Turn one file's text into a Document with numbered passages.

    The text is read as Markdown when `markdown` says so, else when the file is a .md.
    """
    is_md = rel_path.lower().endswith((".md", ".markdown")) if markdown is None else markdown
    text = unligatured(text.replace("\r\n", "\n").replace("\r", "\n"))
    source = slide_deck(text) if is_md else markup_source(text, rel_path) or slide_deck(text)
    if source is not None:
        text, is_md = source, True  # LaTeX, org, AsciiDoc; a slide deck's text (MarkItDown's too)
    if not is_md:  # a web page copied from a browser, a newsletter's links, a shared document's comments
        text = pasted_text(text)
    meta, body = read_metadata(text, markdown=is_md)
    facts: list[str] = []
    if not is_md and is_wikitext(body):  # an article pasted from a wiki's edit box, markup and all
        (body, facts), is_md = wikitext_to_markdown(body), True
    elif not is_md and (copied := wiki_page_copy(body)) is not None:  # a wiki's page, from the browser
        (body, facts), is_md = copied, True
    title, blocks = parse_markdown(notes_markdown(body)) if is_md else parse_plain(body)
    if meta.title and title and _fold(title) != _fold(meta.title):
        for block in blocks:  # the text's own heading names its opening part
            if block.section is not None:
                break
            block.section = title
    title = clean_title(meta.title) if meta.title else title
    title, tags = _split_tags(title or humanise_file_name(rel_path))
    _classify_meta(blocks)
    _delivered_by(blocks)
    if meta.front:  # the header block that named the author and the date: who, when, where
        blocks.insert(0, Block(meta.front, BYLINE, None))
    if facts:  # a wiki article's infobox: facts the prose mostly says again
        blocks.insert(0, Block("\n".join(facts), FRONT, None))
    for block in blocks:  # a heading set in capitals is cited as a heading is printed
        if block.section and block.section.isupper() and len(re.findall(r"[A-Z]{2,}", block.section)) >= 2:
            block.section = title_case(block.section)
    if is_md:
        blocks = assign_speakers(blocks)
    credit_letters(blocks)  # a page of letters: each its signer's, an editor's replies the editor's
    full = full_labels({b.speaker for b in blocks if b.speaker})
    for block in blocks:  # "Ms Pugh" is the "Ms Rhiannon Pugh (Carrick North)" named in full before
        block.speaker = full.get(block.speaker or "", block.speaker)
    mark_quotations(blocks)
    byline = _labelled_authors(blocks)  # "**Authors:** Maren Achterberg (Senior Fellow) and …"
    signed = [(a, b.section) for b in blocks if b.kind == BYLINE and (a := _author_of(b.text))]
    # the writers of a text's parts ("3. The Case for the Motion" / "by Bernadette Osei"): none is its author
    sections = {s for _, s in signed}
    parts = len({a for a, _ in signed}) >= 2 and None not in sections and len(sections) >= 2
    byline = byline or (None if parts else next((a for a, _ in signed), None))
    byline = byline or _opening_byline(blocks)
    author = meta.author or byline
    date = meta.date or _dateline(blocks) or _header_date(blocks) or _field_date(blocks)
    if author is None and title and LEADING_BYLINE.match(title):  # "Remarks by X to the … Meeting, …"
        named = _author_of(title)
        author = named if named and named[:1].isupper() else None
    author = author or signed_name(blocks)  # a letter signed "JOSEPH ARKWRIGHT." under its close
    author = author or signed_with_post(blocks)  # a report signed "Jonathan Mabey, Chair, …" at its end
    author = author or _introduced(blocks)  # a talk that opens "Hi, I'm Ruth Okafor."
    blocks = _close_joined(blocks)
    if (split := _titled_by(title)) is not None:  # "ON THE USES OF IDLENESS. By Clement Ashgrove"
        title, author = split[0], author or split[1]

    doc = Document(path=rel_path, title=title, tags=tags, author=author, date=date)
    counter = count_tokens or approx_tokens
    seen: dict[str, int] = {}
    number = 0
    for position, block in enumerate(blocks):
        leading_byline = block.kind == BYLINE and position == 0 and len(block.text) < 120
        if not leading_byline:
            number += 1
        paragraph = 0 if leading_byline else number
        windows = _windows(block.text, counter, max_tokens)
        for part, (chunk, spans) in enumerate(windows, start=1):
            key = f"{rel_path}\n{normalize(chunk)}"
            pid = hashlib.sha1(key.encode()).hexdigest()[:12]
            seen[pid] = seen.get(pid, 0) + 1
            if seen[pid] > 1:
                pid = hashlib.sha1(f"{key}\n{seen[pid]}".encode()).hexdigest()[:12]
            doc.passages.append(
                Passage(
                    id=pid,
                    document=rel_path,
                    title=title,
                    section=block.section,
                    paragraph=paragraph,
                    text=chunk,
                    kind=block.kind,
                    part=part,
                    parts=len(windows),
                    sentences=tuple(spans),
                    speaker=block.speaker,
                    author=author,
                    date=date,
                )
            )
    return doc


# "ON IDLENESS. By Clement Ashgrove", "A Plea for Rest, by J. R. Hale": the title line names its author.
_TITLED_BY = re.compile(
    r"^(?P<title>.{3,}?[\w”\"’')])\s*[.,;:—–]\s*(?:--\s*)?by\s+"
    r"(?P<name>(?:[A-Z][\w'’\-]*\.?\s+){1,3}[A-Z][\w'’\-]+)\.?$",
    re.IGNORECASE,
)


def _titled_by(title: str) -> tuple[str, str] | None:
    """A title line that ends by naming its author → (the title, the name), else None."""
    match = _TITLED_BY.match(title.strip())
    if match is None or not all(w[:1].isupper() for w in match.group("name").split()):
        return None
    name, head = match.group("name"), match.group("title").strip()
    return (title_case(head) if head.isupper() else head), (title_case(name) if name.isupper() else name)


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def approx_tokens(text: str) -> int:
    """A cheap estimate of a transformer's token count (used when no tokenizer is given)."""
    return int(len(re.findall(r"\w+|[^\w\s]", text)) * 1.25) + 2


def _windows(
    text: str, count_tokens: Callable[[str], int], max_tokens: int
) -> list[tuple[str, list[tuple[int, int]]]]:
    """The paragraph whole, or overlapping windows of whole sentences if it is too long."""
    spans = sentence_spans(text)
    short = approx_tokens(text) <= max_tokens * 3 // 4  # clearly fits (the estimate runs high)
    if short or len(spans) <= 1 or count_tokens(text) <= max_tokens:
        return [(text, spans)]
    windows: list[tuple[int, int]] = []  # ranges of sentence indexes [i, j)
    i = 0
    while i < len(spans):
        j = i + 1
        while j < len(spans) and count_tokens(text[spans[i][0] : spans[j][1]]) <= max_tokens:
            j += 1
        windows.append((i, j))
        if j >= len(spans):
            break
        i = max(i + 1, j - 1)  # overlap by one sentence
    out = []
    for i, j in windows:
        start, end = spans[i][0], spans[j - 1][1]
        chunk = text[start:end]
        out.append((chunk, [(a - start, b - start) for a, b in spans[i:j]]))
    return out


_TAG_SPLIT = re.compile(r"\s+[|·•]\s+")


def _split_tags(title: str) -> tuple[str, tuple[str, ...]]:
    parts = [p.strip() for p in _TAG_SPLIT.split(title.strip()) if p.strip()]
    if len(parts) > 1 and all(len(p) <= 30 for p in parts[1:]):
        return parts[0], tuple(parts[1:])
    return title.strip(), ()


# "Martin Greaves was the water-safety officer …", "Jane Roe is a councillor", "X writes about …"
# (never "Mr Abernethy-Smith is wrong about the weir", a letter answering another)
_BIO = re.compile(
    r"^(?P<name>(?:[A-Z][\w.'’\-]*\s+){1,4}?[A-Z][\w'’\-]+)\s+"
    r"(?:is|was|has been|serves as|writes)\s+"
    r"(?!(?:wrong|right|mistaken|correct|not|quite|too|so|very|simply|surely|entirely|partly|absolutely|clearly|"
    r"plainly|misinformed|misguided|confused|unfair|fair|being|only|just|also right|also wrong)\b)"
    r"(?:an?|the|currently)?\b"
)
# What a bio's "X is a …" never says of a person: a work ("a serious book", "a short, clear report")
_WORK = re.compile(
    r"\s*(?:(?!(?:whose|who|of|and|with|at|in|for)\b)[\w'’-]+,?\s+){0,2}?(?:book|novel|film|play|report|study|essay|collection|volume|read|"
    r"document|paper|album|story|history|memoir|biography|guide|survey)s?\b",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"views expressed|opinions expressed|do(?:es)? not necessarily (?:reflect|represent)|"
    r"(?:writer|author)['’]s own|for informational purposes|not financial advice",
    re.IGNORECASE,
)


_NOTES_SECTION = re.compile(r"^(?:foot|end)?notes?\b|^references\b|^bibliography\b|^sources\b", re.I)
_NOTE_START = re.compile(
    r"^(?:\[\d{1,3}\]|\d{1,3}\s+(?=[A-Z\"“_])|\*+\s|[†‡§‖]+\s)"
)  # "* The road…", "† I have…"
# Whose reasons follow, on a line of its own under a heading: "(delivered by Tribunal Judge Faulds)",
# "(Member Adeyemi-Rourke)", "(Lord Justice Hale, dissenting)".
_DELIVERED_BY = re.compile(
    r"^[*_]*\(\s*(?:(?:judgment|opinion|reasons)\s+)?"
    # "delivered by X", or a member's title before the name: never a stage direction ("(Applause.)")
    r"(?:(?:delivered|given|written|read)\s+by\s+(?=[A-Z])|(?=(?:member|judge|justice|lord|lady|sir|dame|"
    r"mr|mrs|ms|miss|dr|professor|prof|chief|president|commissioner|chair|chairman|chairwoman|tribunal|"
    r"deputy|senior|vice)\b\.?\s+[A-Z]))"
    r"(?P<name>(?:[A-Z][\w.'’-]*\s*){1,6}?)(?:,\s*(?:dissenting|concurring))?\s*\)[*_]*$",
    re.IGNORECASE,
)


def _delivered_by(blocks: list[Block]) -> None:
    """Reasons delivered by one member and a dissent by another: each member speaks their part.

    A parenthesised name under a heading ("(delivered by Tribunal Judge Faulds)") is a byline;
    when a text has two or more, each names the speaker of the blocks after it, until the next.
    """
    marks = [i for i, b in enumerate(blocks) if b.kind == BODY and _DELIVERED_BY.match(b.text.strip())]
    for i in marks:
        blocks[i].kind = BYLINE
    if len(marks) < 2:
        return
    for n, start in enumerate(marks):
        name = _DELIVERED_BY.match(blocks[start].text.strip()).group("name").strip()  # type: ignore[union-attr]
        end = marks[n + 1] if n + 1 < len(marks) else len(blocks)
        for block in blocks[start + 1 : end]:
            if block.speaker is None and block.kind not in (BYLINE, NOTE):
                block.speaker = name


_EDITORIAL = re.compile(r"^\[?\s*(?:transcriber|editor|producer|translator)['’]?s?['’]?\s+notes?\b", re.I)
_BRACKETED_NOTE = re.compile(r"^\[(?:Footnote|Note)\s+[\w*]{1,4}:", re.I)  # Gutenberg's "[Footnote 3: …]"


def _classify_notes(blocks: list[Block]) -> int:
    """Mark footnotes and a closing signature; return how many blocks the text proper has.

    Footnotes are the blocks of a "Notes"/"Footnotes"/"References" section, or a run of
    numbered notes ("1 The celebrated…", "[2] See…") ending the document. A signature is a
    name of one to three capitalised words alone on the text's last line ("PUBLIUS.").
    """
    end = len(blocks)
    for i, block in enumerate(blocks):
        if _BRACKETED_NOTE.match(block.text):
            block.kind = NOTE
        if block.section and _NOTES_SECTION.match(block.section):
            block.kind = NOTE
            end = min(end, i)

    def numbered(block: Block) -> bool:
        return block.kind == NOTE or bool(_NOTE_START.match(block.text))

    while (
        end > 1
        and numbered(blocks[end - 1])
        and (blocks[end - 1].kind == NOTE or len(blocks[end - 1].text) < 600)
    ):
        end -= 1
    if end < len(blocks) and not numbered(blocks[end]):
        end = len(blocks)  # the run did not start with a numbered note: not footnotes
    for block in blocks[end:]:
        block.kind = NOTE
    if end and SIGNATURE.match(blocks[end - 1].text.strip()) and blocks[end - 1].kind == BODY:
        blocks[end - 1].kind = BYLINE
    classify_closing(blocks[:end])
    return end


def _dateline(blocks: list[Block]) -> str | None:
    """The date a letter is headed or signed with ("London, 1763", "Bradwell, March 1873.")."""
    for block in [*blocks[:3], *blocks[-3:]]:
        line = cased(block.text)
        match = PLACE_DATE.match(line) or ADDRESS_DATE.match(line)
        if block.kind == BYLINE and match:
            return match.group("date")
    for block in blocks[:4]:  # "Published Thursday 5 June 2025", "No. CCXIV. MARCH, 1874."
        found = (
            DATE_IN_LINE.search(cased(block.text))
            if block.kind == BYLINE and dates_only(block.text)
            else None
        )
        if found:
            return _tidy_date(found.group("date"))
    for block in blocks[:3]:  # "Speech of X at the Town Council, November 6th, 1894."
        line = cased(block.text).strip("()[]").rstrip(",;:").strip()
        match = TRAILING_DATE.search(line)
        if block.kind == BYLINE and match and (_author_of(line) or OCCASION.match(line)):
            return match.group("date")
        # "Held on Tuesday 9 September 2025 at 7.30 pm in Ashcombe Village Hall"
        inner = DATE_IN_LINE.search(line) if block.kind == BYLINE and OCCASION.match(line) else None
        if inner:
            return _tidy_date(inner.group("date"))
    return None


def _close_joined(blocks: list[Block]) -> list[Block]:
    """A letter's closing lines as one byline.

    "Yours faithfully," / "MAUREEN PRYCE" / "Mill Lane, Wexcombe" are one signature, which says
    who signed and who they are (a dateline after it stays a line of its own).
    """
    out = list(blocks)
    end = len(out)
    last = " ".join(out[-1].text.split()) if out else ""
    if out and out[-1].kind == BYLINE and (PLACE_DATE.match(cased(last)) or ADDRESS_DATE.match(cased(last))):
        end -= 1  # "Bradwell, March 1873.": the dateline says when, on its own
    start = end
    while start > 0 and out[start - 1].kind == BYLINE and len(out[start - 1].text) <= 120:
        start -= 1
    if end - start >= 2 and start > 0:
        closing = out[start:end]
        joined = "\n".join(b.text.strip() for b in closing)
        out[start:end] = [Block(joined, BYLINE, closing[0].section, speaker=closing[0].speaker)]
    return out


# A speaker naming themselves as a talk opens: "Hi, I'm Ruth Okafor.", "Good evening. My name is …"
_INTRODUCED = re.compile(
    r"^(?:(?:hi|hello|good (?:morning|afternoon|evening))\b[^.!?]{0,30}[.,!]\s*)?(?:i'm|i’m|i am|my name is|"
    r"my name's|my name’s)\s+(?P<name>(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}))\b",
    re.IGNORECASE,
)


def _introduced(blocks: list[Block]) -> str | None:
    """The full name a talk's speaker gives as they open it, or None."""
    opening = next((b for b in blocks if b.kind == BODY), None)
    match = _INTRODUCED.match(opening.text.strip()) if opening is not None and not opening.speaker else None
    return match.group("name") if match else None


def _tidy_date(date: str) -> str:
    """A date as a reader writes it: "MARCH, 1874" → "March 1874"."""
    if date.isupper():
        date = date.title()
    return re.sub(r"^([A-Za-z]+\.?),\s+(\d{4})$", r"\1 \2", date)


_HEADER_FIELD = re.compile(r"\s+[·|•]\s+")


# A header's date field: "Date of decision: 2 February 2026", "Hearing date: 12 January 2026"
_DATE_FIELD = re.compile(
    r"^(?P<label>[^:\n]{0,30}\bdate\b[^:\n]{0,30}):\s*(?P<value>.+)$", re.IGNORECASE | re.MULTILINE
)
_FIELD_LINE = re.compile(r"^[A-Z][^:\n]{0,40}:\s+\S")  # a form's field: "Closing date: 11 January 2027"
_DECIDED = re.compile(r"decision|judgment|judgement|issue|publication|report|letter", re.IGNORECASE)


def _field_date(blocks: list[Block]) -> str | None:
    """The date a header's fields (or a form's) give the text: a decision's or issue's date first."""
    found = [
        (not _DECIDED.search(m.group("label")), d.group("date"))
        for b in blocks[:4]
        if b.kind == FRONT or (b.kind == BODY and all(_FIELD_LINE.match(ln) for ln in b.text.split("\n")))
        for m in _DATE_FIELD.finditer(b.text)
        if (d := DATE_IN_LINE.search(m.group("value")))
    ]
    return min(found)[1] if found else None


def _header_date(blocks: list[Block]) -> str | None:
    """The date a report's header line gives among its fields ("No. 14 · Institute · March 2026")."""
    for block in blocks[:2]:
        parts = [p.strip(" *_") for p in _HEADER_FIELD.split(block.text.strip().strip("*_"))]
        if len(parts) < 2 or len(block.text) > 400 or block.kind == LIST:  # a list's items are no fields
            continue
        for part in parts:
            match = DATE_IN_LINE.search(part)  # the field is a date, or opens with one
            if match and (match.start() == 0 or len(part) <= len(match.group("date")) + 40):
                return match.group("date")
    return None


def _classify_meta(blocks: list[Block]) -> None:
    """Mark bylines, disclaimers and notes (kept as passages, excluded from debate prompts)."""
    n = _classify_notes(blocks)
    for i, block in enumerate(blocks[:n]):
        if block.kind != BODY:
            continue
        text = block.text.strip()
        if _EDITORIAL.match(text):  # a transcriber's or editor's note: not the author's words
            block.kind = FRONT
            continue
        if len(text) < 400 and _DISCLAIMER.search(text) and (i >= n - 3 or i <= 1):
            block.kind = DISCLAIMER
        elif (
            (i <= 2 and len(text) < 120 and (_byline_alone(text) or PLACE_DATE.match(cased(text))))
            or (i <= 2 and len(text) < 200 and OCCASION.match(text) and "\n" not in text.strip())
            or (i <= 1 and GENRE.match(text))
            or (i >= n - 3 and len(text) < 400 and _BIO.match(text) and block.kind == BODY)
        ):
            block.kind = BYLINE


def _byline_alone(text: str) -> bool:
    """A byline that says nothing else ("Prepared by X, 2026 season. Questions go to Y." is text too)."""
    return bool(LEADING_BYLINE.match(text)) and len(sentence_spans(text)) == 1


def _opening_byline(blocks: list[Block]) -> str | None:
    """The writer named by a byline sentence opening one of the first paragraphs."""
    for block in blocks[:3]:
        text = block.text.strip().strip("*_")
        spans = sentence_spans(text)
        if block.kind == BODY and spans and LEADING_BYLINE.match(text):
            return _author_of(text[spans[0][0] : spans[0][1]])
    return None


# The writers named under a label: "Authors: A (Senior Fellow) and B", "Written by: …"; in a
# Markdown paragraph the label may follow other header lines joined to it ("… · March 2026 Authors: …").
_AUTHORS_LABEL = re.compile(
    r"(?:^|\s)[*_]*(?:authors?|written by|prepared by)[*_]*\s*:[*_]*\s*"
    r"(?P<names>(?-i:[A-Z])[^·|\n]{1,200}?)\s*(?=[·|\n]|$)",
    re.IGNORECASE,
)


def _labelled_authors(blocks: list[Block]) -> str | None:
    """The writers an "Authors:" label names among the first paragraphs, their posts left out."""
    for block in blocks[:3]:
        match = _AUTHORS_LABEL.search(block.text)
        if match:
            names = re.sub(r"\s*\([^()]*\)", "", match.group("names")).strip(" .*_")
            if names and len(names.split()) <= 12:
                return " ".join(names.split())
    return None


def _author_of(text: str) -> str | None:
    text = text.strip().strip("*_")
    match = re.match(rf"^{BYLINE_OPENING}(.+)$", text, re.IGNORECASE)
    if match:  # the name ends at punctuation or where the occasion begins ("… at the town meeting")
        named = match.group(1)
        named = title_case(named) if named.isupper() else named  # "By HENRY T. COLLINGWOOD"
        name = re.split(
            r"\s*[,|;(—–]|\s+-\s+|\s+and\s+(?=[a-z])|\s+(?:at|on|to|in|before|for|from|during)\s+",
            named,
        )[0]
        name = name.strip(" .")
        return (
            title_case(name) if name.isupper() else name
        ) or None  # "Before: TRIBUNAL JUDGE M. HALLORAN, …"
    match = _BIO.match(text)
    if match is None or _WORK.match(text[match.end() :]):
        return None  # "Against Grades is a serious book": a review's verdict on a work, no one's bio
    return match.group("name").strip()
