"""The cost of a file's consent facts as its consents grow: ``load_facts`` and a full
``GET /api/v1/files/{id}`` on files with 1, 10 and 50 consents in force (5 members and 5
recipients each). Writes ``bench/results/consent_facts.md``.

Usage: ``.venv/bin/python bench/consent_facts_bench.py [--rounds N] [--calls N] [--no-postgres]``
(PostgreSQL from ``ZORG_TEST_POSTGRES_URL``, default ``postgresql://postgres@127.0.0.1:5432``).

One database per backend holds three files, loaded through the same ``FieldCipher`` as the
service: a parent and four children under 12 (encrypted fields), the reader's organisation
taking part, and 1, 10 or 50 consents by the parent for all five, each naming the reader and
four other organisations, in force for a year. Then interleaved rounds: in each round, for each
size in turn, ``--calls`` calls of ``load_facts`` (each in its own read transaction) and as many
full requests (bearer token, guard, facts, settling, Cedar, the view, the audit event and its
commit), in-process over httpx's ASGI transport, one at a time. Medians over all calls;
wall-clock on a shared, noisy machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections import namedtuple
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from zorgafstemming import migrate
from zorgafstemming.app import create_app
from zorgafstemming.config import Settings
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentMember,
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Member,
    Participant,
)
from zorgafstemming.coordination.service.facts import load_facts
from zorgafstemming.crypto.keyfiles import init_keys
from zorgafstemming.crypto.models import KEY_ACTIVE, DataKeyRecord
from zorgafstemming.db import new_id, transaction
from zorgafstemming.runtime import Runtime

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.factories import auth_headers, create_account, create_organisation

from zorgafstemming.identity.principal import Role

RESULTS = Path(__file__).parent / "results" / "consent_facts.md"
SIZES = (1, 10, 50)
MEMBERS = 5
RECIPIENTS = 5
KeyRow = namedtuple("KeyRow", "key_id generation status kek_version wrapped_key")


async def load_file(
    runtime: Runtime,
    reader: uuid.UUID,
    worker: uuid.UUID,
    others: list[uuid.UUID],
    consents: int,
    key_id: int,
) -> uuid.UUID:
    """One open file with ``consents`` consents in force, each for all members and recipients,
    and the reader's ``worker`` assigned to it."""
    cipher, now = runtime.cipher, runtime.clock()
    fid = new_id()
    kek_version, wrapped = cipher.wrap_key(os.urandom(32), "file", fid, 1)
    key = cipher._data_key("file", fid, [KeyRow(key_id, 1, KEY_ACTIVE, kek_version, wrapped)])
    members = []
    for i in range(MEMBERS):
        mid = new_id()
        born = (now - timedelta(days=365 * (40 if i == 0 else 3 + i))).date().isoformat()

        def enc(column: str, value: str, mid: uuid.UUID = mid) -> bytes:
            return cipher.encrypt(key, table="members", column=column, row_id=mid, value=value)

        members.append(
            dict(
                id=mid,
                file_id=fid,
                role="parent" if i == 0 else "child",
                created_at=now,
                given_name_enc=enc("given_name_enc", f"Voornaam {i}"),
                family_name_enc=enc("family_name_enc", "Familienaam"),
                birth_date_enc=enc("birth_date_enc", born),
                insz_enc=None,
                address_enc=enc("address_enc", "Kerkstraat 1, 2980 Zoersel"),
                phone_enc=None,
                email_enc=None,
            )
        )
    records, covered, recipients, events = [], [], [], []
    for _ in range(consents):
        cid = new_id()
        records.append(
            dict(
                id=cid,
                file_id=fid,
                given_by_member_id=members[0]["id"],
                on_behalf=True,
                purposes=["care_coordination", "case_meeting"],
                categories=["identity", "contact", "case_notes"],
                legal_basis="consent",
                collection_method="signed_form",
                evidence_hash=None,
                notice_version="1",
                valid_from=now - timedelta(days=1),
                valid_until=now + timedelta(days=365),
                recorded_at=now - timedelta(days=1),
            )
        )
        covered += [dict(consent_id=cid, member_id=m["id"]) for m in members]
        recipients += [
            dict(consent_id=cid, organisation_id=o) for o in [reader, *others][:RECIPIENTS]
        ]
        events.append(
            dict(
                id=new_id(),
                consent_id=cid,
                kind="given",
                occurred_at=now - timedelta(days=1),
                recorded_at=now - timedelta(days=1),
                valid_until=now + timedelta(days=365),
            )
        )
    async with transaction(runtime.sessions) as session:
        await session.execute(
            DataKeyRecord.__table__.insert(),
            [
                dict(
                    key_id=key_id,
                    owner_kind="file",
                    owner_id=fid,
                    generation=1,
                    status=KEY_ACTIVE,
                    kek_version=kek_version,
                    wrapped_key=wrapped,
                    created_at=now,
                )
            ],
        )
        await session.execute(
            CoordinationFile.__table__.insert(),
            [dict(id=fid, status="open", lead_organisation_id=reader, opened_at=now)],
        )
        await session.execute(
            Participant.__table__.insert(),
            [dict(file_id=fid, organisation_id=reader, joined_at=now)],
        )
        await session.execute(
            FileAssignment.__table__.insert(),
            [
                dict(
                    id=new_id(),
                    file_id=fid,
                    account_id=worker,
                    organisation_id=reader,
                    assigned_at=now,
                )
            ],
        )
        for model, rows in (
            (Member, members),
            (ConsentRecord, records),
            (ConsentMember, covered),
            (ConsentRecipient, recipients),
            (ConsentEvent, events),
        ):
            await session.execute(model.__table__.insert(), rows)
    return fid


async def _database(postgres: str | None, tmp: Path) -> str:
    if postgres is None:
        return f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    import asyncpg

    name = f"zorg_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(postgres)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return postgres.replace("postgresql://", "postgresql+asyncpg://").rsplit("/", 1)[0] + "/" + name


async def measure(postgres: str | None, rounds: int, calls: int) -> dict[int, dict[str, Any]]:
    tmp = Path(tempfile.mkdtemp(prefix="zorg-bench-"))
    init_keys(tmp / "keys")
    url = await _database(postgres, tmp)
    await asyncio.to_thread(migrate.upgrade, url)
    settings = Settings(
        env="development",
        data_dir=tmp,
        database_url=url,
        key_dir=tmp / "keys",
        demo=False,
        scheduler_enabled=False,
    )
    runtime = Runtime.build(settings)
    reader = await create_organisation(runtime)
    others = [await create_organisation(runtime) for _ in range(RECIPIENTS - 1)]
    worker = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=reader)
    files = {
        n: await load_file(runtime, reader, worker.id, others, n, key_id=1000 + i)
        for i, n in enumerate(SIZES)
    }
    app = create_app(settings, runtime=runtime)
    for hook in app.on_startup:
        await hook(app)
    facts_ms: dict[int, list[float]] = {n: [] for n in SIZES}
    read_ms: dict[int, list[float]] = {n: [] for n in SIZES}
    rows: dict[int, int] = {}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://testserver.local"
    ) as client:
        for _ in range(rounds):
            headers = await auth_headers(runtime, worker)
            for n in SIZES:
                for _ in range(calls):
                    t0 = time.perf_counter()
                    async with runtime.sessions() as session, session.begin():
                        facts = await load_facts(session, runtime.cipher, files[n], reader)
                    facts_ms[n].append((time.perf_counter() - t0) * 1000)
                    assert facts is not None and len(facts.consents) == n
                for _ in range(calls):
                    t0 = time.perf_counter()
                    r = await client.get(f"/api/v1/files/{files[n]}", headers=headers)
                    read_ms[n].append((time.perf_counter() - t0) * 1000)
                    if r.status_code != 200:
                        raise RuntimeError(f"{n}: {r.status_code} {r.text[:200]}")
                    rows[n] = len(r.json()["consents"])
    await runtime.close()
    return {
        n: {
            "facts": statistics.median(facts_ms[n]),
            "read": statistics.median(read_ms[n]),
            "consents_shown": rows[n],
        }
        for n in SIZES
    }


def write(results: dict[str, dict[int, dict[str, Any]]], rounds: int, calls: int) -> None:
    load = os.getloadavg()
    lines = [
        "# Consent facts: the cost of a file's consents as they grow",
        "",
        f"`python bench/consent_facts_bench.py --rounds {rounds} --calls {calls}` — Python "
        f"{platform.python_version()}, {len(os.sched_getaffinity(0))} CPU(s), {date.today()}, "
        f"load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} at the end; files with "
        f"1, 10 and 50 consents in force, each for {MEMBERS} members and {RECIPIENTS} "
        f"recipients; {rounds} interleaved rounds of {calls} calls per size and path; medians "
        "in ms; wall-clock on a shared, noisy machine.",
        "",
        "`load_facts`: the one consent-facts statement in its own read transaction, with the "
        "members' birth dates decrypted. Full read: `GET /api/v1/files/{id}` through the whole "
        "app (token, guard, facts, settling, Cedar, the view with every consent naming the "
        "reader, the audit event and its commit), in-process, one request at a time.",
        "",
        "| backend | consents | load_facts ms | full read ms |",
        "|---|---:|---:|---:|",
    ]
    for backend, by_size in results.items():
        for n, r in by_size.items():
            lines.append(f"| {backend} | {n} | {r['facts']:.2f} | {r['read']:.1f} |")
    lines += ["", "| backend | load_facts 50/1 | full read 50/1 |", "|---|---:|---:|"]
    for backend, by_size in results.items():
        lines.append(
            f"| {backend} | {by_size[50]['facts'] / by_size[1]['facts']:.2f} "
            f"| {by_size[50]['read'] / by_size[1]['read']:.2f} |"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    results = {"SQLite": asyncio.run(measure(None, args.rounds, args.calls))}
    print("SQLite", results["SQLite"], flush=True)
    if not args.no_postgres:
        pg = os.environ.get("ZORG_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
        results["PostgreSQL"] = asyncio.run(measure(pg + "/postgres", args.rounds, args.calls))
        print("PostgreSQL", results["PostgreSQL"], flush=True)
    write(results, args.rounds, args.calls)


if __name__ == "__main__":
    main()
