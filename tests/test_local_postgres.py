"""The throwaway PostgreSQL server: one left by a killed process is stopped by the next start."""

from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest

from bot.ops.local_postgres import OWNER_FILE, LocalPostgres, stop_leftovers


def test_a_server_whose_starter_is_gone_is_stopped_and_deleted_and_a_live_ones_kept(postgres):
    orphan = LocalPostgres().start()
    try:
        with psycopg.connect(orphan.url, connect_timeout=30) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        # as if the process that started it had been killed: its owner has exited
        gone = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            check=True,
            capture_output=True,
            text=True,
        )
        (orphan.root / OWNER_FILE).write_text(f"{gone.stdout.strip()} 0\n")

        stopped = stop_leftovers(orphan.bindir, orphan.root.parent)

        assert orphan.root in stopped and not orphan.root.exists()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(orphan.url, connect_timeout=5).close()
        assert postgres.root not in stopped  # this run's own server is left alone
        with psycopg.connect(postgres.url, connect_timeout=30) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        orphan.stop()
