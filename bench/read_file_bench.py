"""Read-a-file throughput: the full path against the same read doing only the database work.

Run: ``.venv/bin/python bench/read_file_bench.py`` (``--postgres URL`` to use PostgreSQL instead
of a temporary SQLite file; ``--sizes 10000 100000``). Writes ``bench/results/read_file.md``.

For each size, the database is bulk-loaded with that many files — each a parent and a child
with encrypted fields, a consent naming the reader's organisation, two encrypted entries —
through the same ``FieldCipher`` (one data key per file, wrapped by the KEK). Then, in the same
run and against the same random file ids, interleaved rounds of:

* **full**: ``GET /api/v1/files/{id}`` through the whole app — bearer token, guard and Cedar,
  the consent facts query, settling, the decision, decrypting the covered fields, the audit
  event and its commit;
* **baseline**: a route on the same app that reads the same rows (the file, its members with
  their encrypted columns, its consents) in one transaction and returns them undecrypted —
  no token, no consent check, no decryption, no audit.

Requests go in-process (httpx ASGI transport, CONCURRENCY at a time), so the figures are the
server's work without a network. Wall-clock; medians over rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from litestar import get
from sqlalchemy import select, text

from zorgafstemming import migrate
from zorgafstemming.app import create_app
from zorgafstemming.authz.actions import Action
from zorgafstemming.config import Settings
from zorgafstemming.coordination.models import (
    ConsentRecord,
    CoordinationFile,
    Member,
)
from zorgafstemming.crypto.keyfiles import init_keys
from zorgafstemming.runtime import Runtime

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from service_data import bulk_load
from tests.factories import auth_headers, create_account, create_organisation

from zorgafstemming.identity.principal import Role

RESULTS = Path(__file__).parent / "results" / "read_file.md"
ROUNDS = 5
REQUESTS_PER_ROUND = 400
CONCURRENCY = 16


def baseline_route() -> Any:
    @get(
        "/bench/files/{file_id:uuid}",
        opt={"action": Action.PUBLIC_HEALTH_READ},
    )
    async def read_only(file_id: uuid.UUID, runtime: Any) -> dict[str, Any]:
        async with runtime.sessions() as session, session.begin():
            head = (
                await session.execute(
                    select(CoordinationFile.status, CoordinationFile.lead_organisation_id).where(
                        CoordinationFile.id == file_id
                    )
                )
            ).one()
            members = (
                await session.execute(
                    select(
                        Member.id,
                        Member.role,
                        Member.given_name_enc,
                        Member.family_name_enc,
                        Member.birth_date_enc,
                        Member.address_enc,
                    ).where(Member.file_id == file_id)
                )
            ).all()
            consents = (
                await session.execute(
                    select(ConsentRecord.id, ConsentRecord.valid_until).where(
                        ConsentRecord.file_id == file_id
                    )
                )
            ).all()
        return {"status": head.status, "members": len(members), "consents": len(consents)}

    return read_only


async def measure(
    client: httpx.AsyncClient, urls: list[str], headers: dict[str, str]
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    queue = iter(urls)

    async def worker() -> None:
        for url in queue:
            t0 = time.perf_counter()
            r = await client.get(url, headers=headers)
            latencies.append(time.perf_counter() - t0)
            if r.status_code != 200:
                raise RuntimeError(f"{url}: {r.status_code} {r.text[:200]}")

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return len(urls) / (time.perf_counter() - start), latencies


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    tmp = Path(tempfile.mkdtemp(prefix="zorg-bench-"))
    init_keys(tmp / "keys")
    url = args.postgres or f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    if args.postgres:
        import asyncpg

        name = f"zorg_bench_{uuid.uuid4().hex[:8]}"
        admin = await asyncpg.connect(args.postgres.replace("+asyncpg", ""))
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        url = args.postgres.rsplit("/", 1)[0] + f"/{name}"
    await asyncio.to_thread(migrate.upgrade, url)
    settings = Settings(
        env="development",
        data_dir=tmp,
        database_url=url,
        key_dir=tmp / "keys",
        demo=False,
        scheduler_enabled=False,
        db_pool_size=10,
    )
    runtime = Runtime.build(settings)
    org = await create_organisation(runtime)
    worker = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
    headers = await auth_headers(runtime, worker)
    app = create_app(settings, runtime=runtime)
    app.register(baseline_route())
    for hook in app.on_startup:
        await hook(app)
    results = []
    loaded: list[uuid.UUID] = []
    rng = random.Random(7)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://testserver.local"
    ) as client:
        for size in args.sizes:
            t0 = time.perf_counter()
            loaded += [
                file_id
                for file_id, _ in await bulk_load(
                    runtime, org, worker.id, size - len(loaded), first_key_id=10_000 + len(loaded)
                )
            ]
            load_s = time.perf_counter() - t0
            if not args.postgres:
                async with runtime.sessions() as session:
                    await session.execute(text("ANALYZE"))
            full_rps, base_rps, full_lat, base_lat = [], [], [], []
            for _ in range(ROUNDS):
                sample = [rng.choice(loaded) for _ in range(REQUESTS_PER_ROUND)]
                headers = await auth_headers(runtime, worker)  # tokens idle out on long loads
                rps, lat = await measure(client, [f"/api/v1/files/{f}" for f in sample], headers)
                full_rps.append(rps)
                full_lat += lat
                rps, lat = await measure(client, [f"/bench/files/{f}" for f in sample], {})
                base_rps.append(rps)
                base_lat += lat
            results.append(
                {
                    "size": size,
                    "load_s": load_s,
                    "full": statistics.median(full_rps),
                    "base": statistics.median(base_rps),
                    "full_p50": pct(full_lat, 0.5),
                    "full_p99": pct(full_lat, 0.99),
                    "base_p50": pct(base_lat, 0.5),
                    "base_p99": pct(base_lat, 0.99),
                }
            )
            print(results[-1], flush=True)
    await runtime.close()
    return results


def write(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    backend = "PostgreSQL" if args.postgres else "SQLite (WAL, one connection)"
    lines = [
        "# Reading a coordination file: full path against the database read alone",
        "",
        f"`python bench/read_file_bench.py{' --postgres …' if args.postgres else ''}` — {backend}, "
        f"Python {platform.python_version()}, {len(os.sched_getaffinity(0))} CPU(s), "
        f"{date.today()}; in-process requests ({CONCURRENCY} at a time), {ROUNDS} interleaved "
        f"rounds of {REQUESTS_PER_ROUND} requests on random files per path; medians; wall-clock "
        "on a shared, noisy machine.",
        "",
        "Full path: bearer token, guard with Cedar, one consent-facts query, settling, Cedar "
        "decision with the facts, decrypting the covered member fields, the audit event and its "
        "commit. Baseline: the same rows read in one transaction, returned undecrypted, no token, "
        "no consent check, no audit.",
        "",
        "| files | full path req/s | baseline req/s | ratio full/baseline "
        "| full p50 / p99 ms | baseline p50 / p99 ms | bulk load s |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio = r["full"] / r["base"]
        full = f"{r['full_p50']:.1f} / {r['full_p99']:.1f}"
        base = f"{r['base_p50']:.1f} / {r['base_p99']:.1f}"
        lines.append(
            f"| {r['size']:,} | {r['full']:,.0f} | {r['base']:,.0f} | {ratio:.2f} "
            f"| {full} | {base} | {r['load_s']:.0f} |"
        )
    if len(results) >= 2:
        a, b = results[0], results[-1]
        lat_full, lat_base = b["full_p50"] / a["full_p50"], b["base_p50"] / a["base_p50"]
        rps_full, rps_base = b["full"] / a["full"], b["base"] / a["base"]
        lines += [
            "",
            f"From {a['size']:,} to {b['size']:,} files: full-path p50 latency x {lat_full:.2f}, "
            f"baseline p50 x {lat_base:.2f}; full-path throughput x {rps_full:.2f}, "
            f"baseline x {rps_base:.2f}.",
        ]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres", help="PostgreSQL server URL (postgresql+asyncpg://…/postgres)"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    write(asyncio.run(run(args)), args)


if __name__ == "__main__":
    main()
