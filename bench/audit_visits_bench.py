"""The DPO's audit page query: one page of visits (events gathered per request, newest first)
against a plain newest-first page of the same events, on a trail of N events. Writes
``bench/results/audit_visits.md``.

Usage: ``.venv/bin/python bench/audit_visits_bench.py [--events N] [--no-postgres]``
(PostgreSQL from ``ZORG_TEST_POSTGRES_URL``, default ``postgresql://postgres@127.0.0.1:5432``).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from audit_bench import _fresh_databases  # this folder, on sys.path when run as a script
from sqlalchemy import Table, insert, select

from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.references import audit_prefix, short_reference
from zorgafstemming.audit.visits import VisitFilter, list_visits
from zorgafstemming.db import create_engine, session_factory

RESULTS = Path(__file__).parent / "results" / "audit_visits.md"
RUNS = 7
PAGE = 50
FILES, ACTORS = 2_000, 300


def _ref(kind: str, n: int) -> str:
    return hashlib.sha256(f"{kind}{n}".encode()).hexdigest()


def _rows(count: int) -> list[dict[str, Any]]:
    """``count`` events of a busy network: mostly visits of two events (a file read and its
    entry list), one in 50 refused, one in 10 an administrative single event."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows: list[dict[str, Any]] = []
    n = 0
    while len(rows) < count:
        request = uuid.uuid4().hex
        at = start + timedelta(seconds=n * 7)
        file_ref = _ref("f", n % FILES)
        base = {
            "actor_ref": _ref("a", n % ACTORS),
            "actor_org_ref": _ref("o", n % 20),
            "actor_role": "social_worker",
            "object_type": "coordination_file",
            "object_ref": file_ref,
            "file_ref": file_ref,
            "policy_id": "participant-with-consent",
            "request_id": request,
        }
        if n % 10 == 9:
            parts = [("audit:event:list", "allowed", None)]
            base.update(file_ref=None, object_ref=None, actor_role="dpo")
        else:
            outcome = "denied" if n % 50 == 7 else "allowed"
            parts = [
                ("coordination:file:read", outcome, None),
                ("coordination:entry:list", outcome, "care_plan+case_notes"),
            ]
        for i, (action, outcome, category) in enumerate(parts):
            rows.append(
                {
                    **base,
                    "id": uuid.uuid4(),
                    "occurred_at": at + timedelta(milliseconds=i),
                    "action": action,
                    "outcome": outcome,
                    "data_category": category,
                }
            )
        n += 1
    return rows[:count]


async def _median(fn: Callable[[], Awaitable[int]]) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        found = await fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, found


async def measure(url: str, events: int) -> list[tuple[str, float, float, int]]:
    """(case, visits ms, plain page ms, visits shown) for each filter."""
    engine = create_engine(url)
    sessions = session_factory(engine)
    table = cast(Table, AuditEvent.__table__)
    rows = _rows(events)
    async with engine.begin() as conn:
        for i in range(0, len(rows), 5_000):
            await conn.execute(insert(table), rows[i : i + 5_000])
    file_prefix = audit_prefix(short_reference(_ref("f", 11)))
    cases: list[tuple[str, VisitFilter, list[Any]]] = [
        ("everything", VisitFilter(), []),
        (
            "one file (short reference)",
            VisitFilter(file_prefix=file_prefix),
            [AuditEvent.file_ref >= file_prefix, AuditEvent.file_ref < f"{file_prefix}g"],
        ),
        ("refused only", VisitFilter(group="denied"), [AuditEvent.outcome == "denied"]),
    ]
    out = []
    try:
        for label, flt, where in cases:
            async with sessions() as session:

                async def visits(flt: VisitFilter = flt) -> int:
                    page, _next = await list_visits(session, flt, limit=PAGE)
                    return len(page)

                async def plain(where: list[Any] = where) -> int:
                    query = (
                        select(AuditEvent)
                        .where(*where)
                        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
                        .limit(PAGE * 2)
                    )
                    return len((await session.scalars(query)).all())

                await visits()  # warm the statement cache
                await plain()
                plain_ms, _ = await _median(plain)
                visit_ms, shown = await _median(visits)
                out.append((label, visit_ms, plain_ms, shown))
                print(f"{label}: visits {visit_ms:.1f} ms, plain {plain_ms:.1f} ms", flush=True)
    finally:
        await engine.dispose()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        databases = asyncio.run(_fresh_databases(Path(tmp), not args.no_postgres))
        try:
            for label, url, _drop in databases:
                for case, visit_ms, plain_ms, shown in asyncio.run(measure(url, args.events)):
                    lines.append(
                        f"| {label} | {case} | {shown} | {visit_ms:.1f} | {plain_ms:.1f} |"
                    )
        finally:
            for _label, _url, drop in databases:
                drop()
    load = os.getloadavg()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        "# The DPO's audit page query\n\n"
        f"Command: `.venv/bin/python bench/audit_visits_bench.py --events {args.events}`  \n"
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on this machine (2 vCPU, shared; load"
        f" average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}); medians of {RUNS} runs.\n\n"
        f"A trail of {args.events:,} events ({FILES:,} files, {ACTORS} accounts; most requests"
        " a file read and its entry list, 1 in 50 refused). Subject: `list_visits`, one page of"
        f" {PAGE} visits (events gathered per request, newest first). Baseline: one plain"
        f" newest-first page of {PAGE * 2} events with the same filter, no gathering.\n\n"
        "| backend | filter | visits shown | visits page ms | plain page ms |\n"
        "|---|---|---|---|---|\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
