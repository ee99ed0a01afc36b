"""An exclusive lock on a folder's work (builds, exports), held with flock.

The kernel releases an flock when its holder dies, so a killed process never leaves the
lock held, and whoever holds it knows no other process is half-way through the same work:
it may remove what killed runs left behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def exclusive(lock_file: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold `lock_file` (created if needed; it records the holder's pid for people).

    Yields True while held; False at once, holding nothing, if it is busy and not `wait`.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            fh.truncate(0)
            fh.write(f"{os.getpid()}\n")
            fh.flush()
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
