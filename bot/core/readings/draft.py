"""Uploads → the documents and passages of a reading, and the preview a moderator confirms.

Each file is sniffed (:mod:`.sniff`), read in the worker (:mod:`.worker`), then parsed by the
same code as the seeds folder (:func:`bot.core.reading.passages.parse_document`, under the
file's own name), so the same ``.txt`` or ``.md`` file gives the same passages whether it
comes from Discord, the command line or the seeds folder. Nothing is stored here: a
:class:`Draft` is what *would* be installed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from bot.core.reading.passages import (
    BODY,
    PARSER_VERSION,
    Document,
    Passage,
    Reading,
    approx_tokens,
    parse_document,
)
from bot.core.reading.plain import is_hard_wrapped
from bot.core.reading.structure import humanise_file_name
from bot.core.readings.sniff import MAX_UPLOAD_BYTES, PDF, TEXT, Refused, sniff
from bot.core.readings.worker import Limits, read_in_worker

MAX_FILES = 10  # files in one reading
MAX_READING_BYTES = 25 * 1024 * 1024  # all of a reading's files together
SAMPLE_CHARS = 280


@dataclass(frozen=True)
class Upload:
    """One file as it arrived (an attachment, a file on disk, pasted text)."""

    name: str
    data: bytes


@dataclass(frozen=True)
class SourceFile:
    """One file of a reading as it is stored: its name, kind and extracted text."""

    path: str
    kind: str
    markdown: bool
    text: str
    title: str | None = None  # from the file's metadata (a PDF's Title), used if the text has none
    author: str | None = None

    def to_json(self) -> dict[str, object]:
        """The stored form."""
        return {
            "path": self.path,
            "kind": self.kind,
            "markdown": self.markdown,
            "text": self.text,
            "title": self.title,
            "author": self.author,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> SourceFile:
        """Inverse of :meth:`to_json`."""
        return cls(
            path=str(data["path"]),
            kind=str(data["kind"]),
            markdown=bool(data["markdown"]),
            text=str(data["text"]),
            title=data.get("title"),  # type: ignore[arg-type]
            author=data.get("author"),  # type: ignore[arg-type]
        )


def fingerprint(files: Sequence[SourceFile]) -> str:
    """A digest of a reading's stored text: the name of its index folder (same text, same index)."""
    digest = hashlib.sha256(f"parser:{PARSER_VERSION}\n".encode())
    for f in files:
        digest.update(f"{f.path}\0{f.kind}\0{int(f.markdown)}\0{f.title or ''}\0{f.author or ''}\0".encode())
        digest.update(f.text.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def parse_files(
    files: Sequence[SourceFile],
    count_tokens: Callable[[str], int] | None = None,
    max_tokens: int = 256,
) -> list[Document]:
    """The documents of stored files, parsed as the seeds folder parses its files."""
    documents = []
    for f in files:
        doc = parse_document(f.path, f.text, count_tokens or approx_tokens, max_tokens, markdown=f.markdown)
        doc.digest = hashlib.sha1(f.text.encode()).hexdigest()
        if f.title and doc.title == humanise_file_name(f.path):
            doc.title = f.title
            doc.passages = [replace(p, title=f.title) for p in doc.passages]
        if f.author and not doc.author:
            doc.author = f.author
        documents.append(doc)
    return documents


def reading_of(files: Sequence[SourceFile], documents: list[Document], source: str) -> Reading:
    """A :class:`Reading` (as the index builder takes it) of stored files."""
    return Reading(documents, [], fingerprint(files), source)


@dataclass
class Preview:
    """What a moderator sees before anything changes."""

    name: str
    documents: list[dict[str, object]]  # title, author, file, sections, paragraphs
    paragraphs: int
    passages: int
    words: int
    samples: list[str]
    warnings: list[str]
    seconds: float = 0.0
    diff: dict[str, int] | None = None  # against the reading of the same name, when re-added

    def to_json(self) -> dict[str, object]:
        """For ``agora reading add --json``."""
        return {
            "name": self.name,
            "documents": self.documents,
            "paragraphs": self.paragraphs,
            "passages": self.passages,
            "words": self.words,
            "samples": self.samples,
            "warnings": self.warnings,
            "diff": self.diff,
            "seconds": round(self.seconds, 3),
        }

    def lines(self) -> list[str]:
        """The preview in plain lines (Markdown-safe text is the caller's job)."""
        out = [f"Reading `{self.name}`: {self.paragraphs} paragraphs, {self.words:,} words"]
        for d in self.documents:
            author = f" — {d['author']}" if d.get("author") else ""
            out.append(f"• {d['title']}{author} ({d['file']}, {d['paragraphs']} paragraphs)")
            sections = list(d.get("sections") or [])
            if sections:
                more = f" and {len(sections) - 6} more" if len(sections) > 6 else ""
                out.append("  Sections: " + "; ".join(sections[:6]) + more)
        if self.diff is not None:
            out.append(
                "Changes from the current version (passages): "
                f"{self.diff['changed']} changed, {self.diff['removed']} removed, "
                f"{self.diff['added']} added, {self.diff['same']} unchanged"
            )
        for w in self.warnings:
            out.append(f"⚠ {w}")
        for s in self.samples:
            out.append(f"> {s}")
        return out


@dataclass
class Draft:
    """Uploads read and parsed: what installing them would give."""

    name: str
    files: list[SourceFile]
    documents: list[Document]
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def fingerprint(self) -> str:
        """The digest naming this text's index."""
        return fingerprint(self.files)

    @property
    def passages(self) -> list[Passage]:
        """Every passage, in reading order."""
        return [p for d in self.documents for p in d.passages]

    def reading(self, source: str) -> Reading:
        """As the index builder takes it."""
        return reading_of(self.files, self.documents, source)

    def preview(self) -> Preview:
        """Title, author, sections, counts, three sample paragraphs and the warnings."""
        docs = []
        for d in self.documents:
            sections = list(dict.fromkeys(p.section for p in d.passages if p.section))
            docs.append(
                {
                    "file": d.path,
                    "title": d.title,
                    "author": d.author,
                    "sections": sections,
                    "paragraphs": len({p.paragraph for p in d.passages}),
                }
            )
        whole = [p for p in self.passages if p.part == 1]
        body = [p for p in whole if p.kind == BODY] or whole
        picks = sorted({0, len(body) // 2, len(body) - 1}) if body else []
        samples = [_sample(body[i]) for i in picks]
        return Preview(
            name=self.name,
            documents=docs,
            paragraphs=len(whole),
            passages=len(self.passages),
            words=sum(len(f.text.split()) for f in self.files),
            samples=samples,
            warnings=list(self.warnings),
            seconds=self.seconds,
        )


def _sample(p: Passage) -> str:
    text = p.text if p.parts == 1 else p.text + " …"
    if len(text) > SAMPLE_CHARS:
        text = text[: SAMPLE_CHARS - 1].rsplit(" ", 1)[0] + " …"
    return f"{p.place}: {text}"


def read_uploads(
    name: str,
    uploads: Sequence[Upload],
    count_tokens: Callable[[str], int] | None = None,
    max_tokens: int = 256,
    *,
    limits: Limits | None = None,
) -> Draft:
    """Sniff, read (in the worker) and parse `uploads`; Refused, explained, if any cannot be used.

    All or nothing: one refused file refuses the reading, so nothing is half-installed.
    """
    started = time.perf_counter()
    if not uploads:
        raise Refused("Attach at least one file (.txt, .md, .pdf or .html), or paste the text.")
    if len(uploads) > MAX_FILES:
        raise Refused(f"A reading holds at most {MAX_FILES} files; this one has {len(uploads)}.")
    for upload in uploads:
        if len(upload.data) > MAX_UPLOAD_BYTES:
            sniff(file_name(upload.name), upload.data)  # refuses it, saying the size and the cap
    total = sum(len(u.data) for u in uploads)
    if total > MAX_READING_BYTES:
        raise Refused(
            f"These files come to {total / (1024 * 1024):.1f} MB; "
            f"a reading holds at most {MAX_READING_BYTES // (1024 * 1024)} MB."
        )
    names = [file_name(u.name) for u in uploads]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise Refused(f"Two files are named {twice[0]}; rename one.")
    files: list[SourceFile] = []
    warnings: list[str] = []
    for upload, path in zip(uploads, names, strict=True):
        sniffed = sniff(path, upload.data)
        got = read_in_worker(path, sniffed, upload.data, limits)
        files.append(SourceFile(path, sniffed.kind, got.markdown, got.text, got.title, got.author))
        warnings += [f"{path}: {w}" if len(uploads) > 1 else w for w in got.warnings]
    documents = parse_files(files, count_tokens, max_tokens)
    for f, doc in zip(files, documents, strict=True):
        if not doc.passages:
            raise Refused(f"{f.path} has no paragraphs of text.")
        where = f"{f.path}: " if len(files) > 1 else ""
        lines = [ln.rstrip() for ln in f.text.split("\n")]
        if f.kind == TEXT and not f.markdown and is_hard_wrapped(lines):
            warnings.append(f"{where}hard-wrapped lines joined into paragraphs")
        if f.kind == PDF:
            warnings.append(f"{where}the PDF's lines joined into paragraphs")
        split = {p.paragraph for p in doc.passages if p.parts > 1}
        if split:
            warnings.append(
                f"{where}{len(split)} paragraph{'s' if len(split) > 1 else ''} longer than the model "
                "reads at once split into overlapping parts"
            )
    return Draft(name, files, documents, warnings, time.perf_counter() - started)


def file_name(name: str) -> str:
    """The name a file is kept under: its base name, without folders or odd characters."""
    base = PurePosixPath(name.replace("\\", "/")).name.strip()
    cleaned = "".join(c if c.isalnum() or c in "._- " else "_" for c in base).strip(" .")
    return cleaned[:100] or "reading.txt"
