"""Audit throughput: append through the service against a plain INSERT, and offline verification
against a raw hashlib loop over the same canonical bytes. Writes ``bench/results/audit.md``.

Usage: ``.venv/bin/python bench/audit_bench.py [--events N] [--verify-events N] [--no-postgres]``
(``--verify-only`` prints the verification figures alone and writes no file.)
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
from types import SimpleNamespace
from typing import Any

import msgspec
from sqlalchemy import text

from zorgafstemming import migrate
from zorgafstemming.audit import canonical
from zorgafstemming.audit.bundle import (
    FORMAT,
    Bundle,
    BundleCheckpoint,
    encode_bundle,
    verify_bundle,
)
from zorgafstemming.audit.merkle import Tree, leaf_hash
from zorgafstemming.audit.note import ORIGIN, Signer
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.db import create_engine, session_factory
from zorgafstemming.runtime import UnitOfWork

RESULTS = Path(__file__).parent / "results" / "audit.md"
RUNS = 3


def median_rate(count: int, seconds: list[float]) -> float:
    return count / statistics.median(seconds)


async def _timed(fn: Callable[[], Awaitable[None]]) -> float:
    start = time.perf_counter()
    await fn()
    return time.perf_counter() - start


async def append_rates(url: str, events: int, per_tx: int) -> tuple[float, float]:
    """(service path events/s, plain INSERT events/s), ``per_tx`` events per transaction."""
    engine = create_engine(url)
    sessions = session_factory(engine)
    key = os.urandom(32)
    ctx = AuditContext(
        actor_id=uuid.uuid4(),
        actor_org_id=uuid.uuid4(),
        actor_role="social_worker",
        request_id=uuid.uuid4().hex,
        client_ip="192.0.2.1",
        policy_id="coordination.participant-with-consent",
    )
    now = datetime.now(UTC)
    ref = "ab" * 32
    # The unit of work needs only the sessions, the audit key and the clock of a runtime.
    runtime: Any = SimpleNamespace(
        sessions=sessions, secrets=SimpleNamespace(audit_key=key), clock=lambda: now
    )

    async def service_path() -> None:
        for _ in range(events // per_tx):
            async with UnitOfWork(runtime) as uow:
                for _ in range(per_tx):
                    await record(
                        uow,
                        ctx,
                        Action.COORDINATION_FILE_READ,
                        "allowed",
                        object_type="file",
                        object_id=ctx.actor_id,
                        file_id=ctx.actor_id,
                        categories=["family_situation"],
                    )

    insert = text(
        "INSERT INTO audit_events (id, occurred_at, actor_ref, actor_org_ref, actor_role, action,"
        " object_type, object_ref, file_ref, data_category, outcome, policy_id, request_id,"
        " client_ref) VALUES (:id, :at, :r, :r, 'social_worker', 'coordination:file:read',"
        " 'file', :r, :r, 'family_situation', 'allowed', 'coordination.participant-with-consent',"
        " :rid, :r)"
    )
    sqlite = url.startswith("sqlite")
    at = now.replace(tzinfo=None) if sqlite else now

    async def plain_insert() -> None:
        for _ in range(events // per_tx):
            async with engine.begin() as conn:
                for _ in range(per_tx):
                    await conn.execute(
                        insert,
                        {
                            "id": uuid.uuid4()
                            if not url.startswith("sqlite")
                            else uuid.uuid4().hex,
                            "at": at,
                            "r": ref,
                            "rid": ctx.request_id,
                        },
                    )

    service_times, plain_times = [], []
    try:
        for _ in range(RUNS):
            plain_times.append(await _timed(plain_insert))
            service_times.append(await _timed(service_path))
    finally:
        await engine.dispose()
    return median_rate(events, service_times), median_rate(events, plain_times)


def synthetic_bundle(count: int, checkpoint_every: int) -> tuple[bytes, list[bytes], str]:
    """A bundle of ``count`` realistic events with a checkpoint every ``checkpoint_every``."""
    signer = Signer(os.urandom(32))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    texts: list[bytes] = []
    events: list[msgspec.Raw] = []
    leaves: list[bytes] = []
    for seq in range(count):
        event = canonical.CanonicalEvent(
            v=1,
            seq=seq,
            id=str(uuid.uuid4()),
            occurred_at=canonical.format_time(start + timedelta(milliseconds=seq)),
            actor_ref=hashlib.sha256(b"a%d" % (seq % 50)).hexdigest(),
            actor_org_ref=hashlib.sha256(b"o%d" % (seq % 7)).hexdigest(),
            actor_role="social_worker",
            action="coordination:entry:read",
            object_type="entry",
            object_ref=hashlib.sha256(b"e%d" % seq).hexdigest(),
            file_ref=hashlib.sha256(b"f%d" % (seq % 300)).hexdigest(),
            data_category="family_situation",
            outcome="allowed",
            policy_id="coordination.participant-with-consent",
            request_id=uuid.uuid4().hex,
            client_ref=hashlib.sha256(b"i%d" % (seq % 40)).hexdigest(),
        )
        data = canonical.encode(event)
        texts.append(data)
        events.append(msgspec.Raw(data))
        leaves.append(leaf_hash(data))
    tree = Tree(leaves)
    sizes = [*range(checkpoint_every, count, checkpoint_every), count]
    bundle = Bundle(
        format=FORMAT,
        origin=ORIGIN,
        public_key=signer.verifier.vkey(),
        exported_at=canonical.format_time(start),
        scope="log",
        log=events,
        checkpoints=[
            BundleCheckpoint(
                note=signer.checkpoint(size, tree.root(size)),
                sealed_at=canonical.format_time(start),
            )
            for size in sizes
        ],
        consistency=[],
        leaves=b"".join(leaves),
    )
    return encode_bundle(bundle), texts, signer.verifier.vkey()


def verify_rates(count: int, runs: int) -> tuple[float, float, float, int]:
    """(verification events/s, raw SHA-256 events/s, median of per-run ratios, bundle bytes).

    Each run times the baseline and the verification back to back, so the ratio of a pair is
    measured under the same load; the median of those ratios is the figure to read.
    """
    data, texts, vkey = synthetic_bundle(count, checkpoint_every=max(1, count // 20))
    verify_times, raw_times, ratios = [], [], []
    sha256 = hashlib.sha256
    for _ in range(runs):
        start = time.perf_counter()
        for item in texts:
            sha256(item).digest()
        raw = time.perf_counter() - start
        start = time.perf_counter()
        report = verify_bundle(data, public_key=vkey)
        verified = time.perf_counter() - start
        assert report.events == count
        raw_times.append(raw)
        verify_times.append(verified)
        ratios.append(raw / verified)
    return (
        median_rate(count, verify_times),
        median_rate(count, raw_times),
        statistics.median(ratios),
        len(data),
    )


async def _fresh_databases(tmp: Path, use_pg: bool) -> list[tuple[str, str, Callable[[], None]]]:
    sqlite_url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    migrate_async = asyncio.to_thread
    await migrate_async(migrate.upgrade, sqlite_url)
    out: list[tuple[str, str, Callable[[], None]]] = [("SQLite", sqlite_url, lambda: None)]
    if use_pg:
        import asyncpg

        admin = os.environ.get("ZORG_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
        admin = admin.rsplit("/", 1)[0] if admin.count("/") > 2 else admin
        name = f"bench_audit_{uuid.uuid4().hex[:8]}"
        conn = await asyncpg.connect(f"{admin}/postgres")
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()
        url = f"{admin.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"
        await migrate_async(migrate.upgrade, url)

        def drop() -> None:
            async def _drop() -> None:
                c = await asyncpg.connect(f"{admin}/postgres")
                await c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                await c.close()

            asyncio.run(_drop())

        out.append(("PostgreSQL", url, drop))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000, help="events per append run")
    parser.add_argument("--verify-events", type=int, default=100_000)
    parser.add_argument("--verify-runs", type=int, default=7)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--verify-only", action="store_true")
    args = parser.parse_args()

    if args.verify_only:
        verify, raw, ratio, size = verify_rates(args.verify_events, args.verify_runs)
        print(f"verify {verify:,.0f}/s raw {raw:,.0f}/s ratio {ratio:.2f}", flush=True)
        return 0
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        databases = asyncio.run(_fresh_databases(Path(tmp), not args.no_postgres))
        try:
            for label, url, _drop in databases:
                for per_tx in (1, 100):
                    service, plain = asyncio.run(append_rates(url, args.events, per_tx))
                    rows.append(
                        f"| {label} | {per_tx} | {service:,.0f} | {plain:,.0f} |"
                        f" {service / plain:.2f} |"
                    )
                    print(rows[-1], flush=True)
        finally:
            for _label, _url, drop in databases:
                drop()
    verify, raw, ratio, size = verify_rates(args.verify_events, args.verify_runs)
    print(f"verify {verify:,.0f}/s raw {raw:,.0f}/s ratio {ratio:.2f}", flush=True)

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        "# Audit throughput\n\n"
        f"Command: `.venv/bin/python bench/audit_bench.py --events {args.events}"
        f" --verify-events {args.verify_events} --verify-runs {args.verify_runs}`  \n"
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on this machine (2 vCPU, shared);"
        f" medians of {RUNS} runs, baseline and subject alternating in the same run.\n\n"
        "## Appending events\n\n"
        "Service path: `audit.service.append` (HMAC refs, field checks, prebuilt Core INSERT"
        " on the session's connection, append-only trigger). Baseline: the same row as a plain"
        " `INSERT` on a Core connection with precomputed values.\n\n"
        "| backend | events per transaction | service events/s | plain INSERT events/s |"
        " ratio |\n|---|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
        "## Offline verification\n\n"
        f"`verify_bundle` on a {args.verify_events:,}-event bundle ({size / 1e6:.1f} MB JSON,"
        f" {20} signed checkpoints): JSON decode, every leaf recomputed from the event bytes, full"
        " RFC 6962 tree, every checkpoint root and signature. Baseline: a loop calling"
        " `hashlib.sha256(event_bytes).digest()` once per event over the same canonical bytes."
        f" Rates are medians of {args.verify_runs} runs; the ratio is the median of the per-run"
        " ratios (each pair timed back to back under the same load)."
        "\n\n| verify events/s | raw SHA-256 events/s | ratio (goal >= 0.4) |\n|---|---|---|\n"
        f"| {verify:,.0f} | {raw:,.0f} | {ratio:.2f} |\n",
        encoding="utf-8",
    )
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
