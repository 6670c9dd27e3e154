"""The purge with an injected clock: boundaries, holds, proof of deletion, crypto-shredding."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from tests.factories.retention import (
    BOUNDARY,
    CANARY_NAME,
    OPENED,
    at,
    count,
    make_world,
    rows_of,
    utc,
)
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import AuditContext, audit_ref
from zorgafstemming.coordination.access_models import FileAssignment, MemberLink
from zorgafstemming.coordination.models import Entry
from zorgafstemming.crypto.fields import DecryptionError, FieldCipher
from zorgafstemming.crypto.keyring import provider_for
from zorgafstemming.crypto.models import DataKeyRecord
from zorgafstemming.identity.models import Account, Credential, RateLimitCounter
from zorgafstemming.retention import purge, service
from zorgafstemming.retention.models import ConsentProof, LegalHold, PurgeTombstone
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime

SCHEDULE = load_schedule()
SECOND = timedelta(seconds=1)
DPO = AuditContext(actor_id=uuid.uuid4(), actor_role="dpo", request_id="test")


async def test_file_falls_due_exactly_at_the_boundary(rolled_back: Runtime) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    at(runtime, BOUNDARY - SECOND)
    summary = await purge.run(runtime, SCHEDULE)
    assert summary.files_purged == 0
    assert (await rows_of(runtime, world.due.file_id))["members"] == 2

    at(runtime, BOUNDARY)
    summary = await purge.run(runtime, SCHEDULE)
    assert summary.files_purged == 2
    assert set(summary.purged_refs) == {
        audit_ref(runtime.secrets.audit_key, "file", f.file_id) for f in (world.due, world.shared)
    }
    gone = await rows_of(runtime, world.due.file_id)
    assert gone == dict.fromkeys(gone, 0)
    kept = await rows_of(runtime, world.keep.file_id)
    assert kept == {
        "files": 1,
        "members": 2,
        "entries": 2,
        "consents": 1,
        "participants": 1,
        "notifications": 1,
        "data_keys": 1,
        "blind_indexes": 2,
    }


async def test_purge_leaves_one_tombstone_one_event_and_a_pseudonymous_consent_proof(
    rolled_back: Runtime,
) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    at(runtime, BOUNDARY + timedelta(days=1))
    await purge.run(runtime, SCHEDULE)
    second = await purge.run(runtime, SCHEDULE)  # idempotent: nothing left to do
    assert second.files_purged == 0 and second.files_due == 0
    ref = audit_ref(runtime.secrets.audit_key, "file", world.due.file_id)
    async with runtime.sessions() as session:
        tombstones = (
            await session.scalars(select(PurgeTombstone).where(PurgeTombstone.file_ref == ref))
        ).all()
        assert len(tombstones) == 1
        tomb = tombstones[0]
        assert tomb.rule_id == "file-consents-ended"
        assert tomb.due_at == BOUNDARY
        assert tomb.proof_ok is True and not any(tomb.proof.values())
        assert {"members", "entries", "consent_records", "coordination_files"} <= set(tomb.proof)
        assert tomb.purged_counts["members"] == 2
        assert tomb.purged_counts["entries"] == 2
        assert tomb.purged_counts["coordination_files"] == 1
        events = (
            await session.scalars(
                select(AuditEvent).where(
                    AuditEvent.file_ref == ref, AuditEvent.action == purge.PURGE_ACTION
                )
            )
        ).all()
        assert len(events) == 1 and events[0].id == tomb.audit_event_id
        assert events[0].policy_id == "file-consents-ended"
        proofs = (
            await session.scalars(select(ConsentProof).where(ConsentProof.file_ref == ref))
        ).all()
        assert len(proofs) == 1
        proof = proofs[0]
        assert proof.evidence_hash == "ab" * 32 and proof.subject_count == 2
        assert [e["kind"] for e in proof.events] == ["given", "withdrawn"]
        assert CANARY_NAME not in repr(proof.__dict__)


async def test_family_account_goes_only_when_its_last_member_goes(rolled_back: Runtime) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    at(runtime, BOUNDARY)
    await purge.run(runtime, SCHEDULE)
    async with runtime.sessions() as session:
        own = world.due.family_account_id
        assert await count(session, Account, Account.id == own) == 0
        assert await count(session, Credential, Credential.account_id == own) == 0
        assert await count(session, Account, Account.id == world.shared_account) == 1
        assert await count(session, Account, Account.id == world.staff_id) == 1
        # The staff member's links in the kept file are untouched.
        assert await count(session, Entry, Entry.author_account_id == world.staff_id) == 2


async def test_assignments_and_waiting_links_go_with_their_file(rolled_back: Runtime) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    async with runtime.sessions() as session, session.begin():
        org = await session.scalar(
            select(Account.organisation_id).where(Account.id == world.staff_id)
        )
        for seeded in (world.due, world.keep):
            await session.execute(
                insert(FileAssignment).values(
                    id=uuid.uuid4(),
                    file_id=seeded.file_id,
                    account_id=world.staff_id,
                    organisation_id=org,
                    assigned_by_account_id=world.staff_id,
                    assigned_at=OPENED,
                    ended_at=OPENED + timedelta(days=1) if seeded is world.due else None,
                )
            )
        # The kept file's family account was asked to stand for the due file's child too.
        await session.execute(
            insert(MemberLink).values(
                id=uuid.uuid4(),
                file_id=world.due.file_id,
                member_id=world.due.member_ids[1],
                account_id=world.shared_account,
                requested_by_account_id=world.staff_id,
                requested_by_organisation_id=org,
                requested_at=OPENED,
            )
        )
    at(runtime, BOUNDARY)
    await purge.run(runtime, SCHEDULE)
    async with runtime.sessions() as session:
        due, keep = world.due.file_id, world.keep.file_id
        assert await count(session, FileAssignment, FileAssignment.file_id == due) == 0
        assert await count(session, MemberLink, MemberLink.file_id == due) == 0
        assert await count(session, FileAssignment, FileAssignment.file_id == keep) == 1
        ref = audit_ref(runtime.secrets.audit_key, "file", due)
        tomb = await session.scalar(select(PurgeTombstone).where(PurgeTombstone.file_ref == ref))
    assert tomb is not None and tomb.proof_ok
    assert {"file_assignments", "member_links"} <= set(tomb.proof)
    assert tomb.purged_counts["file_assignments"] == 1


async def test_held_file_is_never_purged_and_lifting_makes_it_due_again(
    rolled_back: Runtime,
) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    async with runtime.unit_of_work() as uow:
        await service.place_hold(
            uow,
            DPO,
            actor_id=DPO.actor_id,
            file_id=world.due.file_id,
            reason_code="litigation",
            note="Dossier in rechtszaak",
        )
    far = BOUNDARY + timedelta(days=3650)
    at(runtime, far)
    summary = await purge.run(runtime, SCHEDULE)
    assert summary.files_held == 1
    assert (await rows_of(runtime, world.due.file_id))["members"] == 2
    async with runtime.sessions() as session:
        assert await count(session, LegalHold, LegalHold.file_id == world.due.file_id) == 1

    async with runtime.unit_of_work() as uow:
        await service.lift_hold(uow, DPO, actor_id=DPO.actor_id, file_id=world.due.file_id)
    summary = await purge.run(runtime, SCHEDULE)
    assert summary.files_purged == 1
    assert (await rows_of(runtime, world.due.file_id))["members"] == 0
    async with runtime.sessions() as session:
        # The lifted hold (and its encrypted note) went with the file.
        assert await count(session, LegalHold, LegalHold.file_id == world.due.file_id) == 0


async def test_dry_run_reports_and_changes_nothing(rolled_back: Runtime) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    at(runtime, BOUNDARY)
    summary = await purge.run(runtime, SCHEDULE, dry_run=True)
    assert summary.files_due == 2 and summary.files_purged == 0
    assert (await rows_of(runtime, world.due.file_id))["members"] == 2


async def test_ciphertexts_of_a_purged_file_cannot_be_decrypted_with_any_key_left(
    rolled_back: Runtime,
) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    captured = world.due.ciphertexts
    assert captured
    at(runtime, BOUNDARY)
    await purge.run(runtime, SCHEDULE)
    fresh = FieldCipher(provider_for(runtime.settings), runtime.secrets.index_key)
    async with runtime.sessions() as session:
        assert await runtime.cipher.load_key(session, "file", world.due.file_id) is None
        owners = (
            await session.execute(select(DataKeyRecord.owner_kind, DataKeyRecord.owner_id))
        ).all()
        assert owners  # the kept file and the accounts still have keys
        keys = [await fresh.load_key(session, kind, owner) for kind, owner in set(owners)]
    for key in keys:
        assert key is not None
        for table, column, row_id, blob in captured:
            with pytest.raises(DecryptionError):
                fresh.decrypt(key, table=table, column=column, row_id=row_id, blob=blob)


async def test_old_sessions_and_audit_bodies_go_after_their_own_period(runtime: Runtime) -> None:
    from zorgafstemming.audit.sealer import new_holder_id, seal_pending

    world = await make_world(runtime)
    async with runtime.sessions() as session, session.begin():
        for key, instant in (("login:account:old", OPENED), ("login:account:new", BOUNDARY)):
            window = int(instant.timestamp()) // 300
            await session.execute(
                insert(RateLimitCounter).values(key=key, window_start=window, count=3)
            )
    at(runtime, BOUNDARY)
    summary = await purge.run(runtime, SCHEDULE)
    # Every seeded session ended 12 hours after OPENED, far more than 90 days ago.
    assert summary.credentials_purged >= 1
    assert summary.login_records_purged == 1
    async with runtime.sessions() as session:
        keys = (await session.scalars(select(RateLimitCounter.key))).all()
    assert keys == ["login:account:new"]
    async with runtime.sessions() as session:
        assert await count(session, Credential, Credential.account_id == world.staff_id) == 0
        assert await count(session, Account, Account.id == world.staff_id) == 1
    await seal_pending(runtime, new_holder_id("test"))
    async with runtime.sessions() as session:
        event_ids = (await session.scalars(select(PurgeTombstone.audit_event_id))).all()
    assert len(event_ids) == 2
    # Seven years after the purge events (P7Y), not a second before, their bodies go.
    at(runtime, utc(2034, 2, 28, 9, 0) - SECOND)
    assert (await purge.run(runtime, SCHEDULE)).audit_events_purged == 0
    at(runtime, utc(2034, 2, 28, 9, 0))
    assert (await purge.run(runtime, SCHEDULE)).audit_events_purged >= 2
    async with runtime.sessions() as session:
        events = (
            await session.scalars(select(AuditEvent).where(AuditEvent.id.in_(event_ids)))
        ).all()
    assert len(events) == 2  # the leaf stays, so earlier checkpoints still verify
    assert all(e.body_purged_at is not None and e.file_ref is None for e in events)

    # Proof of consent is kept ten years after the purge (P10Y), then it goes too.
    at(runtime, BOUNDARY.replace(year=2037) - SECOND)
    assert (await purge.run(runtime, SCHEDULE)).consent_proofs_purged == 0
    at(runtime, BOUNDARY.replace(year=2037))
    assert (await purge.run(runtime, SCHEDULE)).consent_proofs_purged == 2
    async with runtime.sessions() as session:
        assert await count(session, ConsentProof) == 1  # the file purged in 2034 keeps its own
