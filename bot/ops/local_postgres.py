"""A throwaway PostgreSQL server in a temp folder, for the tests and `agora bench --shards`.

PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user
(``runuser``) in a folder that user owns; otherwise as the current user. It listens on
127.0.0.1 on a free port with its socket in the same folder, trusts local connections, and
trades durability for speed (``fsync=off``): it is for tests only, never for data you keep.

A server outlives a process killed before it could stop it (``pg_ctl start`` detaches it), so
each folder names the process that started it (``owner``), and every start first stops the
servers, and deletes the folders, whose process is gone. A normal exit stops the server too
(``atexit``), even where the code that started it never called :meth:`LocalPostgres.stop`.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SERVICE_USER = "postgres"
FOLDER_PREFIX = "agora-pg-"
OWNER_FILE = "owner"  # "pid start-time" of the process that started the server in this folder


class LocalPostgresError(RuntimeError):
    """The throwaway server could not be started."""


def find_bindir() -> Path:
    """PostgreSQL's programs: ``pg_config --bindir``, else Debian's /usr/lib/postgresql/N/bin."""
    candidates: list[str] = []
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout
        candidates.append(out.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if folder and (Path(folder) / "pg_ctl").exists() and (Path(folder) / "initdb").exists():
            return Path(folder)
    raise LocalPostgresError("PostgreSQL is not installed (no pg_ctl): apt-get install postgresql")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _started_at(pid: int) -> str | None:
    """When process `pid` started (clock ticks after boot, from /proc), or None if it is not running."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()  # after "pid (name)": field 3 onwards; 22 is the start
    return fields[19] if len(fields) > 19 else None


def _pg(bindir: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run one of PostgreSQL's programs in `folder` (as the postgres user when we are root)."""
    command = [str(bindir / args[0]), *args[1:]]
    if os.geteuid() == 0:
        command = ["runuser", "-u", SERVICE_USER, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=folder)


def stop_leftovers(bindir: Path, tmp: Path | None = None) -> list[Path]:
    """Stop the servers whose starting process is gone, and delete their folders; those folders.

    Only folders with an ``owner`` file are considered, and only when that process no longer runs
    (a pid used again by another process has another start time): servers that running
    processes (another test run, a benchmark) started are left alone.
    """
    if _started_at(os.getpid()) is None:  # no /proc: no way to tell who is gone
        return []
    gone = []
    for folder in sorted(Path(tmp or tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*")):
        try:
            pid, started = (folder / OWNER_FILE).read_text().split()
            if _started_at(int(pid)) == started:
                continue
        except (OSError, ValueError):
            continue
        if (folder / "data" / "postmaster.pid").exists():
            _pg(bindir, folder, "pg_ctl", "-D", str(folder / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
        gone.append(folder)
    return gone


class LocalPostgres:
    """Start with :meth:`start`, stop with :meth:`stop` (or use it as a context manager)."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.root = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
        self.port = 0
        self._as_service_user = os.geteuid() == 0

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return _pg(self.bindir, self.root, *args)

    @property
    def url(self) -> str:
        """The ``postgres`` database's URL."""
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        """The URL of one database on this server."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> LocalPostgres:
        """Stop what killed processes left; initdb, then pg_ctl start (waits until it accepts connections)."""
        stop_leftovers(self.bindir, self.root.parent)
        (self.root / OWNER_FILE).write_text(f"{os.getpid()} {_started_at(os.getpid())}\n")
        atexit.register(self.stop)
        try:
            return self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> LocalPostgres:
        if self._as_service_user:
            shutil.chown(self.root, SERVICE_USER, SERVICE_USER)
        data = self.root / "data"
        done = self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                         "--locale=C", "--no-sync", "--no-instructions")  # fmt: skip
        if done.returncode != 0:
            raise LocalPostgresError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        self.port = free_port()
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        done = self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.root / "server.log"),
                         "-w", "-t", "60", "start")  # fmt: skip
        if done.returncode != 0:
            log = (
                (self.root / "server.log").read_text(errors="replace")[-2000:]
                if (self.root / "server.log").exists()
                else ""
            )
            raise LocalPostgresError(f"pg_ctl start failed: {done.stderr.strip()} {log}")
        return self

    def create_database(self, name: str) -> str:
        """A new, empty database; its URL."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    def stop(self) -> None:
        """Stop the server at once and delete its folder."""
        atexit.unregister(self.stop)
        if self.root.exists() and (self.port or (self.root / "data" / "postmaster.pid").exists()):
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
            self.port = 0
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
