"""A data-subject request outlives its file: the purge clears its links to the file and the
members and shreds the key its content is under, while the record (kind, dates, status, file
ref) stays until its own rule (``subject-requests``) removes it, five years after its answer."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import insert, select

from tests.factories.retention import BOUNDARY, OPENED, at, count, make_world, utc
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.crypto.models import DataKeyRecord
from zorgafstemming.retention import purge
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.rights.deadlines import answer_deadline
from zorgafstemming.rights.models import SubjectRequest, SubjectRequestStep
from zorgafstemming.runtime import Runtime

ANSWERED = utc(2026, 6, 1, 9, 0)


async def _request(runtime: Runtime, file_id: uuid.UUID, member_id: uuid.UUID) -> uuid.UUID:
    """An answered erasure request about ``member_id``, with its content under the file's key."""
    request_id, step_id = uuid.uuid4(), uuid.uuid4()
    async with runtime.sessions() as session, session.begin():
        key = await runtime.cipher.key_for(session, FILE_OWNER, file_id)

        def enc(table: str, column: str, row_id: uuid.UUID, text: str) -> bytes:
            return runtime.cipher.encrypt(
                key, table=table, column=column, row_id=row_id, value=text
            )

        await session.execute(
            insert(SubjectRequest).values(
                id=request_id,
                file_id=file_id,
                file_ref=audit_ref(runtime.secrets.audit_key, "file", file_id),
                member_id=member_id,
                requester_member_id=member_id,
                kind="erasure",
                status="answered",
                channel="family_portal",
                received_at=OPENED,
                due_at=answer_deadline(OPENED),
                closed_at=ANSWERED,
                details_enc=enc("subject_requests", "details_enc", request_id, "Wis alles."),
            )
        )
        await session.execute(
            insert(SubjectRequestStep).values(
                id=step_id,
                request_id=request_id,
                file_id=file_id,
                step="answer",
                actor_role="dpo",
                at=ANSWERED,
                reason_enc=enc("subject_request_steps", "reason_enc", step_id, "Gewist."),
            )
        )
    return request_id


async def test_the_request_record_outlives_its_file_and_goes_under_its_own_rule(
    rolled_back: Runtime,
) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    gone = await _request(runtime, world.due.file_id, world.due.member_ids[0])
    kept = await _request(runtime, world.keep.file_id, world.keep.member_ids[0])
    at(runtime, BOUNDARY)
    await purge.run(runtime, load_schedule())
    async with runtime.sessions() as session:
        row = await session.get(SubjectRequest, gone)
        assert row is not None  # the record stays ...
        assert (row.file_id, row.member_id, row.requester_member_id) == (None, None, None)
        assert row.file_ref == audit_ref(runtime.secrets.audit_key, "file", world.due.file_id)
        assert (row.kind, row.status, row.closed_at) == ("erasure", "answered", ANSWERED)
        # ... but the key its content is under went with the file: it can never be read again.
        keys = await count(session, DataKeyRecord, DataKeyRecord.owner_id == world.due.file_id)
        assert keys == 0
        steps = (
            await session.scalars(
                select(SubjectRequestStep.file_id).where(SubjectRequestStep.request_id == gone)
            )
        ).all()
        assert list(steps) == [None]
        assert (await session.get(SubjectRequest, kept)).file_id == world.keep.file_id  # type: ignore[union-attr]
        ref = audit_ref(runtime.secrets.audit_key, "file", world.due.file_id)
        tomb = await session.scalar(select(PurgeTombstone).where(PurgeTombstone.file_ref == ref))
    # Clearing a link is no row purged, and leaves nothing for the proof of deletion to find.
    assert tomb is not None and tomb.proof_ok
    assert "subject_requests" not in tomb.purged_counts

    # Five years after the answer, the request's own rule removes the record and its steps.
    at(runtime, ANSWERED + timedelta(days=5 * 365))
    summary = await purge.run(runtime, load_schedule())
    assert summary.subject_requests_purged == 0
    at(runtime, ANSWERED + timedelta(days=5 * 366))
    summary = await purge.run(runtime, load_schedule())
    assert summary.subject_requests_purged == 2
    async with runtime.sessions() as session:
        assert await count(session, SubjectRequest, SubjectRequest.id.in_([gone, kept])) == 0
        assert await count(session, SubjectRequestStep, SubjectRequestStep.request_id == gone) == 0
