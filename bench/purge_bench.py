"""Files purged per second by ``retention run`` against a plain DELETE of the same rows.

Seeds N due files (two members, a consent with its members, recipient and events, two entries
with their member links, a participant, a notification, a data key, two blind-index values and a
family account each) into one database once, then for each of ``--rounds`` rounds, on two fresh
copies of it and in alternating order:

* purge: ``retention.purge.run`` — a batch of files (``--batch-size``) per transaction, one
  statement per table per batch: lock and re-check due and hold, consent proofs, crypto-shred,
  foreign-key walk delete, family accounts, proof of deletion, one audit event and one tombstone
  per file, and the batch's entry in the deletion ledger (fsynced before the commit);
* baseline: one transaction of plain ``DELETE ... WHERE file_id IN (...)`` per table, children
  first (no checks, no keys, no proof, no audit).

Usage: ``python bench/purge_bench.py [--files 10000] [--backend sqlite|postgresql]
[--batch-size 200 [500 ...]] [--rounds 5]``
(PostgreSQL at ``ZORG_TEST_POSTGRES_URL`` or ``postgresql://postgres@127.0.0.1:5432/postgres``).
Writes ``bench/results/purge.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import delete, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.factories.retention import seed_account, seed_file, seed_organisation  # noqa: E402

from zorgafstemming import migrate  # noqa: E402
from zorgafstemming.config import Settings  # noqa: E402
from zorgafstemming.coordination.models import (  # noqa: E402
    ConsentEvent,
    ConsentMember,
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Entry,
    EntryMember,
    Member,
    Participant,
)
from zorgafstemming.coordination.notice_models import Notification  # noqa: E402
from zorgafstemming.crypto.keyfiles import init_keys  # noqa: E402
from zorgafstemming.crypto.models import BlindIndex, DataKeyRecord  # noqa: E402
from zorgafstemming.db import utcnow  # noqa: E402
from zorgafstemming.identity.models import Account, Credential  # noqa: E402
from zorgafstemming.retention import purge  # noqa: E402
from zorgafstemming.retention.schedule import load_schedule  # noqa: E402
from zorgafstemming.runtime import Runtime  # noqa: E402

PG_URL = os.environ.get("ZORG_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
CHUNK = 500


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


async def seed(runtime: Runtime, files: int) -> list[uuid.UUID]:
    now = utcnow()
    opened = now - timedelta(days=6 * 366)
    ids: list[uuid.UUID] = []
    async with runtime.sessions() as session, session.begin():
        org = await seed_organisation(session, opened)
        staff = await seed_account(session, opened, role="social_worker", org_id=org)
    batch = 200
    for start in range(0, files, batch):
        async with runtime.sessions() as session, session.begin():
            for _ in range(min(batch, files - start)):
                seeded = await seed_file(
                    session,
                    runtime.cipher,
                    org_id=org,
                    staff_id=staff,
                    opened_at=opened,
                    consent_until=opened + timedelta(days=700),
                    withdrawn_at=opened + timedelta(days=365),
                )
                ids.append(seeded.file_id)
        print(f"seeded {len(ids)}/{files}", end="\r", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return ids


async def plain_delete(runtime: Runtime, file_ids: list[uuid.UUID]) -> int:
    """The baseline: the same rows removed with plain DELETEs in one transaction."""
    deleted = 0
    async with runtime.sessions() as session, session.begin():
        for start in range(0, len(file_ids), CHUNK):
            part = file_ids[start : start + CHUNK]
            members = select(Member.id).where(Member.file_id.in_(part))
            consents = select(ConsentRecord.id).where(ConsentRecord.file_id.in_(part))
            entries = select(Entry.id).where(Entry.file_id.in_(part))
            accounts = (
                await session.scalars(
                    select(Member.account_id).where(
                        Member.file_id.in_(part), Member.account_id.is_not(None)
                    )
                )
            ).all()
            statements = [
                delete(EntryMember).where(EntryMember.entry_id.in_(entries)),
                delete(Notification).where(Notification.file_id.in_(part)),
                delete(ConsentEvent).where(ConsentEvent.consent_id.in_(consents)),
                delete(ConsentMember).where(ConsentMember.consent_id.in_(consents)),
                delete(ConsentRecipient).where(ConsentRecipient.consent_id.in_(consents)),
                delete(Entry).where(Entry.file_id.in_(part)),
                delete(ConsentRecord).where(ConsentRecord.file_id.in_(part)),
                delete(Member).where(Member.id.in_(members)),
                delete(Participant).where(Participant.file_id.in_(part)),
                delete(CoordinationFile).where(CoordinationFile.id.in_(part)),
                delete(BlindIndex).where(BlindIndex.owner_id.in_(part)),
                delete(DataKeyRecord).where(DataKeyRecord.owner_id.in_(part)),
                delete(Credential).where(Credential.account_id.in_(accounts)),
                delete(Account).where(Account.id.in_(accounts)),
            ]
            for statement in statements:
                result = await session.execute(statement)
                deleted += int(getattr(result, "rowcount", 0) or 0)
    return deleted


def load_average() -> str:
    """The 1, 5 and 15 minute load averages as ``uptime`` shows them (the machine is shared)."""
    return ", ".join(f"{n:.2f}" for n in os.getloadavg())


async def _fresh_copy(backend: str, tmp: Path, tag: str, name: str) -> str:
    """A copy of the seeded database (``tmp/seed.db`` or ``purge_bench_<tag>_seed``)."""
    if backend == "sqlite":
        shutil.copyfile(tmp / "seed.db", tmp / f"{name}.db")
        return f"sqlite+aiosqlite:///{tmp / f'{name}.db'}"
    await _pg(f'CREATE DATABASE "purge_bench_{tag}_{name}" TEMPLATE "purge_bench_{tag}_seed"')
    return _pg_url(f"purge_bench_{tag}_{name}")


async def _drop_copy(backend: str, tmp: Path, tag: str, name: str) -> None:
    if backend == "sqlite":
        (tmp / f"{name}.db").unlink(missing_ok=True)
    else:
        await _pg(f'DROP DATABASE IF EXISTS "purge_bench_{tag}_{name}" WITH (FORCE)')


async def _time_purge(settings: Settings, files: int) -> float:
    runtime = Runtime.build(settings)
    try:
        t0 = time.perf_counter()
        summary = await purge.run(runtime, load_schedule())
        elapsed = time.perf_counter() - t0
    finally:
        await runtime.close()
    assert summary.files_purged == files, summary
    assert summary.proofs_failed == 0
    return elapsed


async def _time_plain(settings: Settings, ids: list[uuid.UUID]) -> float:
    runtime = Runtime.build(settings)
    try:
        t0 = time.perf_counter()
        await plain_delete(runtime, ids)
        return time.perf_counter() - t0
    finally:
        await runtime.close()


async def main(files: int, backend: str, batch_sizes: list[int], rounds: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="purge_bench_"))
    key_dir = tmp / "keys"
    init_keys(key_dir)
    tag = uuid.uuid4().hex[:8]
    if backend == "sqlite":
        seed_url = f"sqlite+aiosqlite:///{tmp / 'seed.db'}"
    else:
        await _pg(f'CREATE DATABASE "purge_bench_{tag}_seed"')
        seed_url = _pg_url(f"purge_bench_{tag}_seed")
    ratios: dict[int, list[float]] = {size: [] for size in batch_sizes}
    purge_times: dict[int, list[float]] = {size: [] for size in batch_sizes}
    plain_times: dict[int, list[float]] = {size: [] for size in batch_sizes}
    loads: list[str] = []
    try:
        await asyncio.to_thread(migrate.upgrade, seed_url)
        runtime = Runtime.build(Settings(data_dir=tmp, database_url=seed_url, key_dir=key_dir))
        t0 = time.perf_counter()
        ids = await seed(runtime, files)
        seed_s = time.perf_counter() - t0
        await runtime.close()
        print(f"seeding took {seed_s:.0f} s", file=sys.stderr)
        for n in range(rounds):
            # Each round, per batch size, purges one fresh copy and plain-deletes another, the
            # order alternating, so a burst of load from elsewhere on the machine hits both.
            loads.append(load_average())
            for batch_size in batch_sizes:
                timings: dict[str, float] = {}
                for side in ("purge", "plain") if n % 2 == 0 else ("plain", "purge"):
                    name = f"{side}{n}"
                    url = await _fresh_copy(backend, tmp, tag, name)
                    settings = Settings(
                        data_dir=tmp / f"{name}_{batch_size}",
                        database_url=url,
                        key_dir=key_dir,
                        demo=False,
                        retention_batch_size=batch_size,
                    )
                    try:
                        if side == "purge":
                            timings[side] = await _time_purge(settings, files)
                        else:
                            timings[side] = await _time_plain(settings, ids)
                    finally:
                        await _drop_copy(backend, tmp, tag, name)
                purge_times[batch_size].append(timings["purge"])
                plain_times[batch_size].append(timings["plain"])
                ratios[batch_size].append(timings["plain"] / timings["purge"])
                print(
                    f"round {n + 1}, batch {batch_size}: purge {timings['purge']:.2f} s, plain "
                    f"{timings['plain']:.2f} s, ratio {ratios[batch_size][-1]:.2f} "
                    f"(load {load_average()})",
                    file=sys.stderr,
                )
    finally:
        if backend == "postgresql":
            await _drop_copy(backend, tmp, tag, "seed")
        shutil.rmtree(tmp, ignore_errors=True)

    code = _commit()
    lines = []
    for batch_size in batch_sizes:
        purge_s = statistics.median(purge_times[batch_size])
        base_s = statistics.median(plain_times[batch_size])
        spread = ratios[batch_size]
        lines.append(
            f"| {code} | {backend} | {files} | {batch_size} | {rounds} | {purge_s:.2f} | "
            f"{files / purge_s:.0f} | {base_s:.2f} | {files / base_s:.0f} | "
            f"**{statistics.median(spread):.2f}** ({min(spread):.2f}-{max(spread):.2f}) | "
            f"{loads[0]} |"
        )
    line = "\n".join(lines)
    print(line)
    out = ROOT / "bench" / "results" / "purge.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# Purge throughput\n\n"
        "`python bench/purge_bench.py --files N --backend B --batch-size S [S ...] --rounds R` — "
        "`retention run` (a batch of S files per transaction, one statement per table per batch: "
        "lock and re-check, consent proofs, crypto-shred, FK-walk delete, family accounts, proof "
        "of deletion, one audit event and one tombstone per file, the deletion ledger entry "
        "fsynced before the commit) against plain DELETEs of the same rows in one transaction. "
        "Both run on fresh copies of one seeded database, interleaved in one process for R rounds "
        "(order alternating; each batch size in every round); the table gives medians, and "
        "the ratio's median (range). Goal: "
        f"purge / plain >= 0.3. Machine: {platform.machine()}, {os.cpu_count()} CPU, shared; load "
        "average (1, 5, 15 min, from `uptime`) as the first round started.\n\n"
        f"{TABLE_HEAD}\n"
        "|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    existing = out.read_text() if out.exists() else header
    if not existing.startswith("# Purge throughput") or TABLE_HEAD not in existing:
        existing = header
    out.write_text(_add_rows(existing, lines))


TABLE_HEAD = (
    "| code | backend | files | batch | rounds | purge s | purge files/s | plain DELETE s | "
    "plain files/s | purge / plain | load average |"
)


def _add_rows(text: str, rows: list[str]) -> str:
    """``text`` with ``rows`` appended to the table under :data:`TABLE_HEAD`."""
    lines = text.rstrip("\n").split("\n")
    end = lines.index(TABLE_HEAD) + 2
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join([*lines[:end], *rows, *lines[end:]]) + "\n"


def _commit() -> str:
    """The code measured: the short commit of the tree (``-`` outside a git checkout)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "-"
    return done.stdout.strip() or "-"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--batch-size", type=int, nargs="+", default=[200])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.files, args.backend, args.batch_size, args.rounds))
