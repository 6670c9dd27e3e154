"""The deletion-ledger entry of one member's erasure: written in the erasing transaction, signed
and chained, marked in the database, holding refs and no ids; and restore-check re-applies such
entries by the erasure's own code path, changing nothing when the file or the member is gone, and
leaving a file under a legal hold alone when the entry never got its ``commit`` record."""

from __future__ import annotations

import json
import uuid

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from tests.factories import auth_headers, create_account
from tests.factories.erasure import (
    PARENT_NOTE,
    decrypted_values,
    file_with_canary_youth,
    found,
    grant_member_erasure,
)
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.models import Member
from zorgafstemming.crypto.models import BlindIndex
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Role
from zorgafstemming.retention.ledger import (
    LedgerError,
    ledger_for,
    line_digest,
    restore_state,
)
from zorgafstemming.retention.models import DeletionLedgerMark
from zorgafstemming.retention.restore import MEMBER_ERASE_ACTION, restore_check
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime

SCHEDULE = load_schedule()


async def _members(runtime: Runtime, file_id: uuid.UUID) -> set[uuid.UUID]:
    async with runtime.sessions() as session:
        return set(
            (await session.scalars(select(Member.id).where(Member.file_id == file_id))).all()
        )


def _unmarked_entry(runtime: Runtime, file_ref: str, member_ref: str, *, committed: bool) -> int:
    """A member entry the database has no mark of (a restored backup's view of it)."""
    ledger = ledger_for(runtime)
    body = {"file": file_ref, "member": member_ref}
    seq, _ = ledger._append("prepare", {"kind": "members", "body": body})
    if committed:
        ledger._append("commit", {"entry": seq})
    return seq


async def test_a_member_erasure_writes_a_signed_chained_entry_of_refs(
    client: AsyncClient, runtime: Runtime
) -> None:
    _, view, youth_id, parent_id = await file_with_canary_youth(client, runtime)
    decision = await grant_member_erasure(client, runtime, view["id"], youth_id)

    ledger = ledger_for(runtime)
    read = ledger.read()  # every signature and link verifies
    [entry] = [e for e in read.entries.values() if e.kind == "members"]
    key = runtime.secrets.audit_key
    file_ref = audit_ref(key, "file", uuid.UUID(view["id"]))
    member_ref = audit_ref(key, "member", uuid.UUID(youth_id))
    assert entry.committed and not entry.aborted
    assert entry.body == {"file": file_ref, "member": member_ref}
    assert (decision["file_ref"], decision["member_ref"]) == (file_ref, member_ref)
    async with runtime.sessions() as session:
        mark = await session.scalar(
            select(DeletionLedgerMark.digest).where(DeletionLedgerMark.seq == entry.seq)
        )
    assert mark == entry.digest  # marked in the erasing transaction
    assert (await restore_state(runtime)).ready

    path = runtime.settings.deletion_ledger_path
    lines = path.read_bytes().splitlines()
    assert entry.seq > 0  # the consent scan's own key was shredded (and ledgered) before
    assert json.loads(lines[entry.seq])["prev"] == line_digest(lines[entry.seq - 1])
    raw = path.read_bytes()
    for some_id in (view["id"], youth_id, parent_id):
        assert some_id.encode() not in raw and uuid.UUID(some_id).hex.encode() not in raw
    assert found(raw) == set()
    # The line is signed: naming another member in it breaks the ledger.
    lines[entry.seq] = lines[entry.seq].replace(member_ref.encode(), b"0" * 64)
    path.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(LedgerError, match="altered"):
        ledger.read()


async def test_a_member_entry_changes_nothing_when_the_member_or_file_is_gone(
    client: AsyncClient, runtime: Runtime
) -> None:
    _, view, youth_id, parent_id = await file_with_canary_youth(client, runtime)
    file_id = uuid.UUID(view["id"])
    await grant_member_erasure(client, runtime, view["id"], youth_id)
    key = runtime.secrets.audit_key
    file_ref = audit_ref(key, "file", file_id)
    # Erased already; a file this database never held (or purged meanwhile); a member unknown.
    _unmarked_entry(
        runtime, file_ref, audit_ref(key, "member", uuid.UUID(youth_id)), committed=True
    )
    _unmarked_entry(
        runtime,
        audit_ref(key, "file", new_id()),
        audit_ref(key, "member", new_id()),
        committed=True,
    )
    _unmarked_entry(runtime, file_ref, audit_ref(key, "member", new_id()), committed=True)
    state = await restore_state(runtime)
    assert state.problem == "restore-check-required" and state.missing == 3

    report = await restore_check(runtime, SCHEDULE)

    assert report.entries_applied == 3
    assert report.members_erased == report.files_purged == report.proofs_failed == 0
    assert await _members(runtime, file_id) == {uuid.UUID(parent_id)}
    assert (await restore_state(runtime)).ready


async def test_an_unresolved_member_entry_is_applied_unless_the_file_is_held(
    client: AsyncClient, runtime: Runtime
) -> None:
    _, view, youth_id, parent_id = await file_with_canary_youth(client, runtime)
    file_id, youth = uuid.UUID(view["id"]), uuid.UUID(youth_id)
    key = runtime.secrets.audit_key
    refs = (audit_ref(key, "file", file_id), audit_ref(key, "member", youth))
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    hold = f"/api/v1/files/{file_id}/legal-hold"
    placed = await client.post(hold, json={"reason_code": "litigation"}, headers=dpo)
    assert placed.status_code == 201, placed.text
    # An erasure whose transaction may have died before its commit (no commit record).
    _unmarked_entry(runtime, *refs, committed=False)
    assert (await restore_state(runtime)).ready  # it never blocks start-up

    held = await restore_check(runtime, SCHEDULE)

    assert held.entries_applied == 1 and held.members_erased == 0
    assert youth in await _members(runtime, file_id)

    lifted = await client.delete(hold, headers=dpo)
    assert lifted.status_code in (200, 204), lifted.text
    _unmarked_entry(runtime, *refs, committed=False)

    report = await restore_check(runtime, SCHEDULE)

    assert report.members_erased == 1 and report.proofs_failed == 0
    assert await _members(runtime, file_id) == {uuid.UUID(parent_id)}
    left = await decrypted_values(runtime, file_id)
    assert PARENT_NOTE in left and found(" ".join(left).encode()) == set()
    async with runtime.sessions() as session:
        assert not await session.scalar(select(func.count()).where(BlindIndex.subject_id == youth))
        events = (
            await session.execute(
                select(AuditEvent.object_ref, AuditEvent.file_ref, AuditEvent.policy_id).where(
                    AuditEvent.action == MEMBER_ERASE_ACTION
                )
            )
        ).all()
    assert events == [(refs[1], refs[0], "gdpr-art17-erasure")]
