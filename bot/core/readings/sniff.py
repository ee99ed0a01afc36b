"""What an uploaded file really is, decided from its bytes (its name only has to agree).

A file's kind is one of ``text`` (plain text or Markdown, UTF-8), ``pdf`` or ``html``; a
file under a name Agora does not know (a chess game's .pgn, a .rst) is whatever its bytes
are. Everything else is refused with a reason a moderator can act on: an empty file, a file
over the size cap, an image or archive, a file whose name says one kind and whose bytes
another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from bot.core.reading.passages import looks_like_page, utf8_sample

TEXT, PDF, HTML = "text", "pdf", "html"
KINDS_BY_SUFFIX = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".markdown": TEXT,
    ".srt": TEXT,  # subtitles: a talk's words in timed cues
    ".vtt": TEXT,
    ".tex": TEXT,  # a document's source (LaTeX, org-mode, AsciiDoc): read as the document it makes
    ".org": TEXT,
    ".adoc": TEXT,
    ".asciidoc": TEXT,
    ".pdf": PDF,
    ".html": HTML,
    ".htm": HTML,
}
MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # one file; Discord itself lets bots receive up to 25 MB

# Magic numbers of what people drop by mistake: named so the refusal says what it is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (a Word document, an e-book or a zip file)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a media file (RIFF)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"%!PS", "a PostScript file"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00", "a binary file"),
)


class Refused(ValueError):
    """A file Agora will not read, with the reason (one sentence, shown to the moderator)."""


@dataclass(frozen=True)
class Sniffed:
    """A file's real kind, and whether its text is Markdown."""

    kind: str
    markdown: bool = False


def kind_of_name(name: str) -> str | None:
    """The kind a file name claims (None: a name Agora does not know; its bytes decide)."""
    return KINDS_BY_SUFFIX.get(PurePosixPath(name).suffix.lower())


def sniff(name: str, data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES) -> Sniffed:
    """The kind of `data` (uploaded as `name`), or Refused with the reason."""
    if len(data) > max_bytes:
        raise Refused(
            f"{name} is {_size(len(data))}; the limit is {_size(max_bytes)} a file. "
            "Split it, or keep only the text."
        )
    claimed = kind_of_name(name)
    if not data.strip():
        raise Refused(f"{name} is empty.")
    head = data[:1024]
    real: str | None = None
    if b"%PDF-" in head:
        real = PDF
    else:
        wanted = _kind_name(claimed) if claimed else "text file, PDF or web page"
        for magic, what in _MAGIC:
            if data.startswith(magic):
                raise Refused(f"{name} is {what}, not a {wanted}.")
        if b"\0" in data[:4096]:
            raise Refused(f"{name} is a binary file, not a {wanted}.")
        real = HTML if looks_like_page(data[:4096]) else TEXT
        if claimed is None and real == TEXT and not utf8_sample(data[:8192], len(data)):
            raise Refused(f"{name} is not a text file (not UTF-8), nor a PDF or web page.")
    if claimed is not None and real != claimed:
        raise Refused(
            f"{name} is named as a {_kind_name(claimed)} but is a {_kind_name(real)}: "
            "rename it to what it is, or export the text again."
        )
    markdown = real == TEXT and PurePosixPath(name).suffix.lower() in MARKDOWN_SUFFIXES
    return Sniffed(real, markdown)


def _kind_name(kind: str) -> str:
    return {TEXT: "text file", PDF: "PDF", HTML: "web page (HTML)"}[kind]


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    return f"{max(1, n // 1024)} KB"
