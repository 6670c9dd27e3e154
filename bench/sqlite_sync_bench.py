"""The write cost of durable SQLite commits: ``synchronous=FULL`` (the service's setting: the WAL
is synced before a commit returns) against ``NORMAL`` (synced only at checkpoints), each commit
one small INSERT through the service's engine (WAL, BEGIN IMMEDIATE, secure delete). Rounds are
interleaved so that both settings see the same machine load. Writes
``bench/results/sqlite_sync.md``.

Usage: ``.venv/bin/python bench/sqlite_sync_bench.py [--commits N] [--rounds N]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from zorgafstemming.db import create_engine

RESULTS = Path(__file__).parent / "results" / "sqlite_sync.md"


async def commit_latencies(path: Path, mode: str, commits: int) -> list[float]:
    """Seconds per commit of ``commits`` one-row transactions with ``synchronous=mode``."""
    engine = create_engine(f"sqlite+aiosqlite:///{path}")

    @event.listens_for(engine.sync_engine, "connect")
    def _mode(dbapi_connection: Any, _record: Any) -> None:
        # Runs after the service's own connect hook, so only the sync mode differs.
        dbapi_connection.execute(f"PRAGMA synchronous={mode}")

    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE IF NOT EXISTS bench_rows (body BLOB)"))
        latencies = []
        payload = os.urandom(200)
        for _ in range(commits):
            start = time.perf_counter()
            async with engine.begin() as conn:
                await conn.execute(
                    text("INSERT INTO bench_rows (body) VALUES (:b)"), {"b": payload}
                )
            latencies.append(time.perf_counter() - start)
        return latencies
    finally:
        await engine.dispose()


async def main(commits: int, rounds: int) -> str:
    per_mode: dict[str, list[float]] = {"FULL": [], "NORMAL": []}
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        for round_no in range(rounds):
            for mode in ("FULL", "NORMAL") if round_no % 2 == 0 else ("NORMAL", "FULL"):
                db = Path(tmp) / f"{mode.lower()}.db"
                per_mode[mode] += await commit_latencies(db, mode, commits)
    lines = [
        "# SQLite commit cost: synchronous=FULL against NORMAL",
        "",
        f"{rounds} interleaved rounds of {commits} one-row commits each, on the file system of "
        "the working directory; load average at the start "
        f"{os.getloadavg()[0]:.1f}.",
        "",
        "| setting | commits/s (median) | p50 ms | p99 ms |",
        "|---|---|---|---|",
    ]
    rates = {}
    for mode, values in per_mode.items():
        values.sort()
        p50 = statistics.median(values)
        p99 = values[int(len(values) * 0.99) - 1]
        rates[mode] = 1 / p50
        lines.append(f"| {mode} | {rates[mode]:.0f} | {p50 * 1000:.2f} | {p99 * 1000:.2f} |")
    lines += ["", f"FULL / NORMAL throughput: {rates['FULL'] / rates['NORMAL']:.2f}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    table = asyncio.run(main(args.commits, args.rounds))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table)
    print(table)
