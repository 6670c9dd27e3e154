"""Backups never resurrect: backup -> purge -> restore -> restore-check, on SQLite (online backup
API) and PostgreSQL (pg_dump / pg_restore), as the runbook in deploy/backup.md does it.

The restored database holds the purged files again, decryptable; the service refuses to start on
it; ``restore-check`` purges them again from the deletion ledger (keys shredded, rows deleted,
tombstones and audit events written) and then the service serves. The same for one member erased
after the backup: restore-check erases them again and the rest of their file stays readable. A
tampered ledger is refused, and a ledger entry whose purge never committed neither blocks start-up
nor purges a file that is not due.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from httpx import AsyncClient
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from tests.factories.erasure import (
    PARENT_NOTE,
    decrypted_values,
    file_with_canary_youth,
    found,
    grant_member_erasure,
)
from tests.factories.http import asgi_transport, started_app
from tests.factories.retention import SeededFile, rows_of, seed_due_and_not_due
from zorgafstemming.app import create_app
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.models import Member
from zorgafstemming.crypto.fields import DecryptionError, FieldCipher
from zorgafstemming.crypto.keyring import provider_for
from zorgafstemming.crypto.models import BlindIndex, DataKeyRecord
from zorgafstemming.db import new_id
from zorgafstemming.retention import purge
from zorgafstemming.retention.ledger import (
    LedgerError,
    RestoreCheckRequired,
    ledger_for,
    restore_state,
)
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.restore import MEMBER_ERASE_ACTION, restore_check
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime

pytestmark = pytest.mark.slow

SCHEDULE = load_schedule()
GONE = dict.fromkeys(
    [
        "files",
        "members",
        "entries",
        "consents",
        "participants",
        "notifications",
        "data_keys",
        "blind_indexes",
    ],
    0,
)


def _pg_args(url: str) -> tuple[list[str], str]:
    parsed = make_url(url)
    conn = ["-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432), "-U"]
    return [*conn, parsed.username or "postgres"], str(parsed.database)


def backup(runtime: Runtime, target: Path) -> None:
    """Take a backup of the live database while it runs (the runbook's commands)."""
    url = runtime.settings.effective_database_url
    if url.startswith("sqlite"):
        source = sqlite3.connect(url.split("///", 1)[1])
        dest = sqlite3.connect(target)
        with dest:
            source.backup(dest)
        source.close()
        dest.close()
        return
    conn, name = _pg_args(url)
    subprocess.run(
        ["pg_dump", *conn, "-Fc", "-f", str(target), name], check=True, capture_output=True
    )


def restore(runtime: Runtime, source: Path) -> None:
    """Replace the (stopped) live database by the backup."""
    url = runtime.settings.effective_database_url
    if url.startswith("sqlite"):
        live = Path(url.split("///", 1)[1])
        for suffix in ("-wal", "-shm"):
            Path(f"{live}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source, live)
        return
    conn, name = _pg_args(url)
    psql = ["psql", *conn, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c"]
    subprocess.run([*psql, f'DROP DATABASE "{name}" WITH (FORCE)'], check=True, capture_output=True)
    subprocess.run([*psql, f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
    subprocess.run(["pg_restore", *conn, "-d", name, str(source)], check=True, capture_output=True)


async def undecryptable(runtime: Runtime, files: list[SeededFile]) -> None:
    """No data key left in the database decrypts any captured value of ``files``."""
    fresh = FieldCipher(provider_for(runtime.settings), runtime.secrets.index_key)
    async with runtime.sessions() as session:
        for file in files:
            assert await fresh.load_key(session, "file", file.file_id) is None
        owners = set(
            (await session.execute(select(DataKeyRecord.owner_kind, DataKeyRecord.owner_id))).all()
        )
        keys = [await fresh.load_key(session, kind, owner) for kind, owner in owners]
    for key in keys:
        assert key is not None
        for file in files:
            for table, column, row_id, blob in file.ciphertexts:
                with pytest.raises(DecryptionError):
                    fresh.decrypt(key, table=table, column=column, row_id=row_id, blob=blob)


async def serves(runtime: Runtime) -> int:
    """Start the service on the runtime's settings; the readiness status it answers."""
    app = create_app(runtime.settings)
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as client:
        return (await client.get("/health/ready")).status_code


async def test_backup_purge_restore_restore_check_purges_again_before_serving(
    runtime: Runtime, tmp_path: Path
) -> None:
    due, kept = await seed_due_and_not_due(runtime, 3, 1)
    snapshot = tmp_path / "backup.bin"
    await asyncio.to_thread(backup, runtime, snapshot)

    summary = await purge.run(runtime, SCHEDULE)
    assert summary.files_purged == len(due)
    assert (await restore_state(runtime)).ready
    await runtime.close()
    await asyncio.to_thread(restore, runtime, snapshot)

    restored = Runtime.build(runtime.settings)
    try:
        # The backup brought the purged files back, with their keys: they decrypt again.
        for file in due:
            assert (await rows_of(restored, file.file_id))["files"] == 1
        async with restored.sessions() as session:
            key = await restored.cipher.load_key(session, "file", due[0].file_id)
        assert key is not None
        table, column, row_id, blob = due[0].ciphertexts[0]
        assert restored.cipher.decrypt(key, table=table, column=column, row_id=row_id, blob=blob)

        state = await restore_state(restored)
        assert state.problem == "restore-check-required" and state.missing >= 1
        with pytest.raises(BaseExceptionGroup) as refused:
            await serves(restored)
        assert refused.group_contains(RestoreCheckRequired, match="run `zorgafstemming restore")

        report = await restore_check(restored, SCHEDULE)
        assert report.files_purged == len(due)
        for file in due:
            assert await rows_of(restored, file.file_id) == GONE
        await undecryptable(restored, due)
        for file in kept:
            assert (await rows_of(restored, file.file_id))["files"] == 1
        key_ = restored.secrets.audit_key
        async with restored.sessions() as session:
            for file in due:
                ref = audit_ref(key_, "file", file.file_id)
                tombstones = await session.scalar(
                    select(func.count()).where(PurgeTombstone.file_ref == ref)
                )
                events = await session.scalar(
                    select(func.count()).where(
                        AuditEvent.file_ref == ref, AuditEvent.action == purge.PURGE_ACTION
                    )
                )
                assert tombstones == events == 1

        assert (await restore_state(restored)).ready
        assert await serves(restored) == 200
        again = await restore_check(restored, SCHEDULE)  # a second run finds nothing to do
        assert again.entries_applied == again.files_purged == 0
    finally:
        await restored.close()


async def test_a_member_erased_after_the_backup_is_erased_again_before_serving(
    runtime: Runtime, tmp_path: Path
) -> None:
    snapshot = tmp_path / "backup.bin"
    async with (
        started_app(runtime) as app,
        AsyncClient(
            transport=asgi_transport(app, client=("127.0.0.1", 40000)),
            base_url="https://testserver.local",
        ) as client,
    ):
        net, view, youth_id, parent_id = await file_with_canary_youth(client, runtime)
        await asyncio.to_thread(backup, runtime, snapshot)
        await grant_member_erasure(client, runtime, view["id"], youth_id)
    file_id, youth = uuid.UUID(view["id"]), uuid.UUID(youth_id)
    assert found(" ".join(await decrypted_values(runtime, file_id)).encode()) == set()
    await runtime.close()
    await asyncio.to_thread(restore, runtime, snapshot)

    restored = Runtime.build(runtime.settings)
    try:
        # The backup brought the youth back: their canaries decrypt again under the file's key.
        assert found(" ".join(await decrypted_values(restored, file_id)).encode()) == {
            "given_name", "family_name", "insz", "address", "phone", "email", "entry", "note",
            "scan",
        }  # fmt: skip
        state = await restore_state(restored)
        assert state.problem == "restore-check-required" and state.missing == 1
        with pytest.raises(BaseExceptionGroup) as refused:
            await serves(restored)
        assert refused.group_contains(RestoreCheckRequired)

        report = await restore_check(restored, SCHEDULE)

        assert report.entries_applied == report.members_erased == 1
        assert report.files_purged == report.proofs_failed == 0
        left = await decrypted_values(restored, file_id)
        assert "Els" in left and PARENT_NOTE in left
        assert found(" ".join(left).encode()) == set()
        key = restored.secrets.audit_key
        async with restored.sessions() as session:
            members = await session.scalars(select(Member.id).where(Member.file_id == file_id))
            assert members.all() == [uuid.UUID(parent_id)]
            assert not await session.scalar(
                select(func.count()).where(BlindIndex.subject_id == youth)
            )
            assert await session.scalar(
                select(func.count()).where(
                    AuditEvent.action == MEMBER_ERASE_ACTION,
                    AuditEvent.object_ref == audit_ref(key, "member", youth),
                )
            ) == 1  # fmt: skip
        assert (await restore_state(restored)).ready
        assert await serves(restored) == 200
        # The service starts on it and the lead still reads the rest of the file.
        async with (
            started_app(restored) as app,
            AsyncClient(
                transport=asgi_transport(app, client=("127.0.0.1", 40000)),
                base_url="https://testserver.local",
            ) as client,
        ):
            read = await client.get(f"/api/v1/files/{file_id}", headers=net.headers[0])
            assert read.status_code == 200, read.text
            assert [m["id"] for m in read.json()["members"]] == [parent_id]
            entries = await client.get(f"/api/v1/files/{file_id}/entries", headers=net.headers[0])
            assert [e["body"] for e in entries.json()["items"]] == [PARENT_NOTE]
        again = await restore_check(restored, SCHEDULE)  # a second run finds nothing to do
        assert again.entries_applied == again.members_erased == 0
    finally:
        await restored.close()


async def test_a_tampered_ledger_is_refused_and_the_service_does_not_serve(
    runtime: Runtime,
) -> None:
    await seed_due_and_not_due(runtime, 2, 0)
    await purge.run(runtime, SCHEDULE)
    path = runtime.settings.deletion_ledger_path
    lines = path.read_bytes().splitlines(keepends=True)
    lines[0] = lines[0].replace(b'"files"', b'"filez"', 1)  # one entry edited
    path.write_bytes(b"".join(lines))

    state = await restore_state(runtime)
    assert state.problem == "ledger-untrusted"
    with pytest.raises(LedgerError, match="altered"):
        await restore_check(runtime, SCHEDULE)
    with pytest.raises(BaseExceptionGroup) as refused:
        await serves(runtime)
    assert refused.group_contains(RestoreCheckRequired, match="altered")


async def test_an_entry_whose_purge_never_committed_is_harmless(runtime: Runtime) -> None:
    due, kept = await seed_due_and_not_due(runtime, 1, 1)
    # A purge that wrote its entry and then died before its commit: the entry names a file
    # that is not due; nothing marks it in the database and no commit record follows.
    ledger = ledger_for(runtime)
    refs = [audit_ref(runtime.secrets.audit_key, "file", kept[0].file_id)]
    ledger._append(
        "prepare",
        {
            "kind": "files",
            "body": {
                "files": [[refs[0], "r", "2020-01-01T00:00:00+00:00"]],
                "owner_kind": "file",
                "keys": {refs[0]: [1]},
            },
        },
    )
    assert (await restore_state(runtime)).ready  # start-up is not blocked
    report = await restore_check(runtime, SCHEDULE)
    assert report.files_purged == 0 and report.keys_shredded == 0
    assert (await rows_of(runtime, kept[0].file_id))["data_keys"] == 1
    assert (await rows_of(runtime, due[0].file_id))["files"] == 1


async def test_a_key_shredded_outside_the_purge_stays_shredded_after_a_restore(
    runtime: Runtime, tmp_path: Path
) -> None:
    # A staged scan's own key, shredded when the scan is bound to a file (or abandoned).
    ledger_for(runtime)  # as the server does at start-up: every shred is ledgered from then on
    scan_id = new_id()
    async with runtime.unit_of_work() as uow:
        key = await runtime.cipher.key_for(uow.session, "evidence", scan_id)
    blob = runtime.cipher.encrypt(
        key, table="consent_evidence", column="content_enc", row_id=scan_id, value="scan"
    )
    snapshot = tmp_path / "backup.bin"
    await asyncio.to_thread(backup, runtime, snapshot)
    async with runtime.unit_of_work() as uow:
        await runtime.cipher.shred(uow.session, "evidence", scan_id)
    await runtime.close()
    await asyncio.to_thread(restore, runtime, snapshot)

    restored = Runtime.build(runtime.settings)
    try:
        assert (await restore_state(restored)).problem == "restore-check-required"
        async with restored.sessions() as session:
            back = await restored.cipher.load_key(session, "evidence", scan_id)
        assert back is not None  # the backup brought the key back: the scan decrypts again
        plain = restored.cipher.decrypt(
            back, table="consent_evidence", column="content_enc", row_id=scan_id, blob=blob
        )
        assert plain == "scan"
        report = await restore_check(restored, SCHEDULE)
        assert report.keys_shredded == 1
        async with restored.sessions() as session:
            assert await restored.cipher.load_key(session, "evidence", scan_id) is None
        assert (await restore_state(restored)).ready
    finally:
        await restored.close()
