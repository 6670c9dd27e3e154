"""Restrictions and objections go with their file: the purge deletes them (and proves it), those
of files that are kept stay."""

from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from tests.factories.retention import BOUNDARY, OPENED, at, count, make_world
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.models import ConsentRecord
from zorgafstemming.coordination.restriction.models import FileRestriction, Objection
from zorgafstemming.retention import purge
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime


async def test_restrictions_and_objections_go_with_their_file(rolled_back: Runtime) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    async with runtime.sessions() as session, session.begin():
        for seeded in (world.due, world.keep):
            consent = await session.scalar(
                select(ConsentRecord.id).where(ConsentRecord.file_id == seeded.file_id).limit(1)
            )
            await session.execute(
                insert(FileRestriction).values(
                    id=uuid.uuid4(),
                    file_id=seeded.file_id,
                    member_id=seeded.member_ids[0],
                    reason_enc=b"\x01sealed",
                    placed_at=OPENED,
                    lifted_at=OPENED,
                )
            )
            await session.execute(
                insert(Objection).values(
                    id=uuid.uuid4(),
                    file_id=seeded.file_id,
                    consent_id=consent,
                    member_id=seeded.member_ids[0],
                    reasons_enc=b"\x01sealed",
                    raised_at=OPENED,
                    outcome="stop",
                    decided_at=OPENED,
                )
            )
    at(runtime, BOUNDARY)
    await purge.run(runtime, load_schedule())
    async with runtime.sessions() as session:
        due, keep = world.due.file_id, world.keep.file_id
        for table in (FileRestriction, Objection):
            assert await count(session, table, table.file_id == due) == 0
            assert await count(session, table, table.file_id == keep) == 1
        ref = audit_ref(runtime.secrets.audit_key, "file", due)
        tomb = await session.scalar(select(PurgeTombstone).where(PurgeTombstone.file_ref == ref))
    assert tomb is not None and tomb.proof_ok
    assert tomb.purged_counts["file_restrictions"] == 1
    assert tomb.purged_counts["objections"] == 1
