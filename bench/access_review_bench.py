"""Audit events per second the access review gets through: the monthly draw and the signal
rules, against a plain fetch of the same month's rows.

Seeds N audit events in October 2026 (reads by 200 social workers of 10 organisations over
2,000 files, by day and some late; a few changes, denials and refused withdrawals) into one
database, then in the same run:

* baseline: ``SELECT`` of the month's event rows (the columns the review reads), fetched whole;
* draw: ``accessreview.sampling.draw`` — the candidate query streamed in batches and the keyed
  draw (HMAC-SHA256 per read) at the policy's rate;
* sample: ``create_sample`` — the draw, the stored items, mails to coordinators, one audit event;
* signals: ``overview.month_signals`` — every signal rule over the month (and its lookback).

Usage: ``python bench/access_review_bench.py [--events 100000] [--backend sqlite|postgresql]``
(PostgreSQL at ``ZORG_TEST_POSTGRES_URL`` or ``postgresql://postgres@127.0.0.1:5432/postgres``).
Writes ``bench/results/access_review_<backend>.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import shutil
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zorgafstemming import migrate  # noqa: E402
from zorgafstemming.accessreview.overview import month_signals  # noqa: E402
from zorgafstemming.accessreview.rules import month_bounds  # noqa: E402
from zorgafstemming.accessreview.sampling import create_sample, draw  # noqa: E402
from zorgafstemming.audit.models import AuditEvent  # noqa: E402
from zorgafstemming.audit.service import AuditContext, audit_ref  # noqa: E402
from zorgafstemming.config import Settings  # noqa: E402
from zorgafstemming.crypto.keyfiles import init_keys  # noqa: E402
from zorgafstemming.db import new_id  # noqa: E402
from zorgafstemming.runtime import Runtime  # noqa: E402

PG_URL = os.environ.get("ZORG_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
MONTH = "2026-10"
CHUNK = 2000


async def _pg(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_URL, timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _pg_url(name: str) -> str:
    head = PG_URL.replace("postgresql://", "postgresql+asyncpg://", 1).rpartition("/")[0]
    return f"{head}/{name}"


def _rows(key: bytes, events: int) -> list[dict[str, Any]]:
    """Made-up events of a network: refs only, as the audit trail holds them."""
    rng = random.Random(20261129)
    orgs = [audit_ref(key, "organisation", uuid.UUID(int=o + 1)) for o in range(10)]
    workers = [
        (audit_ref(key, "account", uuid.UUID(int=1000 + w)), orgs[w % 10]) for w in range(200)
    ]
    files = [audit_ref(key, "file", uuid.UUID(int=5000 + f)) for f in range(2000)]
    start = datetime(2026, 10, 1, 6, 0, tzinfo=UTC)
    rows = []
    for n in range(events):
        actor, org = workers[rng.randrange(200)]
        roll = rng.random()
        action, outcome = "coordination:file:read", "allowed"
        if roll < 0.10:
            action = "coordination:entry:create"
        elif roll < 0.11:
            outcome = "denied"
        elif roll < 0.112:
            action, outcome = "family:consent:withdraw", "denied"
        elif roll < 0.5:
            action = "coordination:entry:list"
        file_ref = files[rng.randrange(2000)]
        rows.append(
            {
                "id": new_id(),
                "occurred_at": start + timedelta(seconds=n * (30 * 86400 // events)),
                "actor_ref": actor,
                "actor_org_ref": org,
                "actor_role": "social_worker",
                "action": action,
                "object_type": "file",
                "object_ref": file_ref,
                "file_ref": file_ref,
                "outcome": outcome,
                "policy_id": "participant-with-consent",
            }
        )
    return rows


async def seed(runtime: Runtime, events: int) -> None:
    rows = _rows(runtime.secrets.audit_key, events)
    table = cast(Table, AuditEvent.__table__)
    for first in range(0, len(rows), CHUNK):
        async with runtime.sessions() as session, session.begin():
            await session.execute(insert(table), rows[first : first + CHUNK])


async def baseline(runtime: Runtime) -> int:
    start, end = month_bounds(2026, 10)
    async with runtime.sessions() as session:
        result = await session.execute(
            select(
                AuditEvent.id,
                AuditEvent.occurred_at,
                AuditEvent.actor_ref,
                AuditEvent.actor_org_ref,
                AuditEvent.actor_role,
                AuditEvent.action,
                AuditEvent.file_ref,
                AuditEvent.outcome,
                AuditEvent.policy_id,
            ).where(AuditEvent.occurred_at >= start, AuditEvent.occurred_at < end)
        )
        return len(result.all())


def load_average() -> str:
    """The 1, 5 and 15 minute load averages as ``uptime`` shows them (the machine is shared)."""
    return ", ".join(f"{n:.2f}" for n in os.getloadavg())


async def _timed(step: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    value = await step()
    return time.perf_counter() - t0, value


async def main(events: int, backend: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="review_bench_"))
    key_dir = tmp / "keys"
    init_keys(key_dir)
    tag = uuid.uuid4().hex[:8]
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp / 'a.db'}"
    else:
        await _pg(f'CREATE DATABASE "review_bench_{tag}"')
        url = _pg_url(f"review_bench_{tag}")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        runtime = Runtime.build(
            Settings(data_dir=tmp, database_url=url, key_dir=key_dir, demo=False),
            clock=lambda: datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        )
        await seed(runtime, events)
        load = load_average()
        base_s, fetched = await _timed(lambda: baseline(runtime))

        async def drawn() -> Any:
            async with runtime.unit_of_work() as uow:
                return await draw(uow, MONTH, seed="bench")

        async def stored() -> Any:
            async with runtime.unit_of_work() as uow:
                ctx = AuditContext.system_run("bench", policy_id="access-review-sample")
                return await create_sample(uow, ctx, MONTH, seed="bench")

        async def flagged() -> Any:
            async with runtime.unit_of_work() as uow:
                return await month_signals(uow, MONTH)

        draw_s, summary = await _timed(drawn)
        sample_s, _ = await _timed(stored)
        signal_s, signals = await _timed(flagged)
        await runtime.close()
    finally:
        if backend == "postgresql":
            await _pg(f'DROP DATABASE IF EXISTS "review_bench_{tag}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)

    lines = [
        f"# Access review over one month of audit events ({backend})",
        "",
        f"{events} events, {summary.reads_seen} reads; {len(summary.event_ids)} drawn "
        f"({summary.by_reason}); {len(signals)} signal(s). Python {platform.python_version()}, "
        f"load average before the run: {load}.",
        "",
        "| step | seconds | events/s |",
        "|---|---|---|",
        f"| baseline: fetch the month's rows ({fetched}) | {base_s:.2f} | {events / base_s:,.0f} |",
        f"| draw (stream + keyed draw) | {draw_s:.2f} | {events / draw_s:,.0f} |",
        f"| sample (draw + store + mail + audit) | {sample_s:.2f} | {events / sample_s:,.0f} |",
        f"| signals (four rules + lookback) | {signal_s:.2f} | {events / signal_s:,.0f} |",
        "",
    ]
    out = ROOT / "bench" / "results" / f"access_review_{backend}.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    asyncio.run(main(args.events, args.backend))
