"""Load benchmark: N servers whose daily prompts fall due in the same minute, over several processes.

Starts a throwaway PostgreSQL, the Discord emulator (tests/discord_emulator.py) with one shard
per process, and that many real `agora run` processes (SHARD_COUNT=P, SHARD_IDS=i). Prints
how long the posts took, whether each server got exactly one, in which order, and how close
the bot came to Discord's rate limits (as the emulator counts them). Nothing is asserted.

    .venv/bin/python scripts/bench_shards.py                 # 1,000 servers, 2 processes
    .venv/bin/python scripts/bench_shards.py --servers 200 --processes 2
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from discord_emulator import DiscordEmulator  # noqa: E402

from bot.core.scheduling.schedule import Schedule  # noqa: E402
from bot.core.storage.store import Store  # noqa: E402
from bot.ops.local_postgres import LocalPostgres  # noqa: E402


def main() -> int:
    """Run the benchmark; print the figures (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=900.0, help="give up after this many seconds")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: still stop what it started
    shards = args.processes
    tmp = Path(tempfile.mkdtemp(prefix="agora-bench-shards-"))
    shutil.copytree(REPO / "seeds", tmp / "seeds")
    procs: list[subprocess.Popen[bytes]] = []
    with LocalPostgres() as postgres, DiscordEmulator(shard_count=shards, max_concurrency=1) as discord:
        url = postgres.create_database("agora_bench")
        store = Store(url)
        servers = [discord.add_guild(f"bench-{n}", shard=n % shards) for n in range(args.servers)]
        now = datetime.now(UTC)
        slot = now.replace(second=0, microsecond=0)
        if now.second > 50:  # leave the whole set-up inside the slot's minute, and the same day
            slot += timedelta(minutes=1)
        for server in servers:
            store.save_schedule(
                Schedule(int(server["id"]), int(server["channel_id"]), f"{slot:%H:%M}", "UTC",
                         active_since=slot.timestamp() - 60, updated_at=now.timestamp())
            )  # fmt: skip
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SHARD", "CLUSTER"))}
        env.update(discord.env(), DATABASE_URL=url, SEEDS_DIR=str(tmp / "seeds"), SHARD_COUNT=str(shards),
                   INDEX_DIR=str(tmp / "index"), LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")  # fmt: skip
        started = time.monotonic()
        for i in range(args.processes):
            with (tmp / f"p{i}.log").open("wb") as log:
                procs.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "bot", "run"],
                        cwd=tmp,
                        env={**env, "SHARD_IDS": str(i), "DATA_DIR": str(tmp / f"data{i}")},
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
        channels = {s["channel_id"]: int(s["id"]) for s in servers}
        try:
            while (
                time.monotonic() - started
                < max(0.0, (slot - datetime.now(UTC)).total_seconds()) + args.timeout
            ):
                posted = {  # from the request log: cheap, so watching does not slow the emulator down
                    r.path.split("/")[2]
                    for r in discord.requests
                    if r.method == "POST" and r.path.endswith("/messages") and r.status == 200
                }
                if len(posted & channels.keys()) == len(channels) or any(p.poll() is not None for p in procs):
                    break
                time.sleep(1.0)
            time.sleep(3)  # any late duplicate would show up now
        finally:
            for p in procs:
                p.send_signal(signal.SIGTERM)
            for p in procs:
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()
        requests = [r for r in discord.requests if r.method == "POST" and r.path.startswith("/channels/")]
        posts = [r for r in requests if r.path.endswith("/messages") and r.status == 200]
        per_channel = Counter(r.path.split("/")[2] for r in posts)
        first_post = min((r.at for r in posts), default=0.0)
        last_post = max((r.at for r in posts), default=0.0)
        with store.transaction() as tx:
            rows = tx.execute(
                "SELECT guild_id, claimed_by, status FROM scheduled_posts WHERE kind = 'schedule' ORDER BY id"
            ).fetchall()
        store.close()
        by_process = Counter(str(r[1]).split(":")[1] for r in rows)
        wrong_shard = sum(
            1 for g, claimed, _s in rows
            if str(claimed).split(":")[1] != str(procs[discord.shard_of(g)].pid)
        )  # fmt: skip
        in_order = all(
            [g for g, c, _s in rows if str(c).split(":")[1] == str(p.pid)]
            == sorted(g for g, c, _s in rows if str(c).split(":")[1] == str(p.pid))
            for p in procs
        )
        report = discord.rate_report()
        figures = {
            "servers": args.servers,
            "processes": args.processes,
            "posted_servers": len(per_channel),
            "missing": len(channels) - len(per_channel.keys() & channels.keys()),
            "doubled": sum(1 for n in per_channel.values() if n > 1),
            "wrong_process": wrong_shard,
            "claimed_in_guild_order": in_order,
            "posts_per_process": dict(by_process),
            "seconds_first_to_last_post": round(last_post - first_post, 1),
            "posts_per_second": round(len(posts) / max(1e-9, last_post - first_post), 1),
            "seconds_from_start_to_last_post": round(last_post - started, 1) if posts else None,
            "max_requests_per_second": report["max_per_second"],
            "max_messages_per_channel_5s": report["max_channel_messages_5s"],
            "identify_too_soon": report["identify_too_soon"],
        }
    shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:34} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
