"""Checksums of the files Agora writes (index versions, encoder exports), verified on load.

A folder's manifest records, for each file, its size and SHA-256 digest when it is written;
loading compares them before any file is parsed, so a truncated, emptied or garbled file is
reported by name instead of failing inside FAISS, onnxruntime or the JSON reader, or (flipped
bytes inside a vector file) silently giving wrong answers. The manifest checks itself too: it
carries the digest of its own content.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ALGORITHM = "sha256"
SELF_DIGEST = "manifest_sha256"
PARALLEL_FROM = 16 * 1024 * 1024  # bytes in all: below this, threads cost more than they save


class DamagedFile(Exception):
    """A file does not match what its manifest recorded (or cannot be read)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name} {reason}")
        self.name = name
        self.reason = reason


class Unsealed(DamagedFile):
    """A manifest without a checksum of its own: written before checksums were recorded."""


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks (memory stays flat whatever the size)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, ALGORITHM).hexdigest()


def record(folder: Path, names: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Size and digest of each of `names` in `folder`, for a manifest's "files" entry."""
    return {
        name: {"bytes": (folder / name).stat().st_size, ALGORITHM: file_digest(folder / name)}
        for name in sorted(names)
    }


def verify(folder: Path, files: Mapping[str, Any], names: Iterable[str] | None = None) -> None:
    """Raise DamagedFile unless each recorded file (or each of `names`) matches its record.

    Sizes are compared first (a truncated or emptied file is found without reading it); the
    digests of several files are computed in parallel (hashing releases the GIL).
    """
    wanted = list(files) if names is None else list(names)
    for name in wanted:
        _check_size(folder, name, files.get(name))
    if len(wanted) == 1 or sum(files[name]["bytes"] for name in wanted) < PARALLEL_FROM:
        for name in wanted:
            _check_digest(folder, name, files[name])
        return
    with ThreadPoolExecutor(max_workers=min(len(wanted), os.cpu_count() or 1)) as pool:
        for done in [pool.submit(_check_digest, folder, name, files[name]) for name in wanted]:
            done.result()


def _check_size(folder: Path, name: str, entry: Any) -> None:
    if not isinstance(entry, Mapping) or not isinstance(entry.get(ALGORITHM), str):
        raise DamagedFile(name, "has no checksum in the manifest")
    try:
        size = (folder / name).stat().st_size
    except FileNotFoundError:
        raise DamagedFile(name, "is missing") from None
    except OSError as exc:
        raise DamagedFile(name, f"cannot be read ({exc.strerror or exc})") from None
    written = entry.get("bytes")
    if size != written:
        expected = f"{written:,}" if isinstance(written, int) else repr(written)
        raise DamagedFile(name, f"has {size:,} bytes instead of {expected} (truncated or changed)")


def _check_digest(folder: Path, name: str, entry: Mapping[str, Any]) -> None:
    try:
        digest = file_digest(folder / name)
    except OSError as exc:
        raise DamagedFile(name, f"cannot be read ({exc.strerror or exc})") from None
    if digest != entry[ALGORITHM]:
        raise DamagedFile(name, "does not match its checksum (its bytes were changed)")


def seal(manifest: dict[str, Any]) -> dict[str, Any]:
    """`manifest` with the digest of its own content added (see :func:`unseal`)."""
    body = {k: v for k, v in manifest.items() if k != SELF_DIGEST}
    return body | {SELF_DIGEST: _canonical_digest(body)}


def unseal(text: str, name: str = "manifest.json") -> dict[str, Any]:
    """Parse a sealed manifest; raise DamagedFile if it is not JSON or was changed."""
    try:
        data = json.loads(text)
    except ValueError:
        raise DamagedFile(name, "is not valid JSON") from None
    if not isinstance(data, dict):
        raise DamagedFile(name, "is not a JSON object")
    recorded = data.pop(SELF_DIGEST, None)
    if recorded is None:
        raise Unsealed(name, "has no checksum (written by an older Agora)")
    if recorded != _canonical_digest(data):
        raise DamagedFile(name, "does not match its checksum (it was edited or damaged)")
    return data


def read_sealed(path: Path) -> dict[str, Any]:
    """Read and check a sealed manifest file (DamagedFile if missing, unreadable or changed)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DamagedFile(path.name, "is missing") from None
    except OSError as exc:
        raise DamagedFile(path.name, f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DamagedFile(path.name, "is not text") from None
    return unseal(text, path.name)


def _canonical_digest(data: Mapping[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
