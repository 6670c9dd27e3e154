"""A batch decides on what its own transaction reads: a change made after the run planned is
seen, even though the batch reuses the plan's facts of the files that did not change."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select

from tests.factories.retention import BOUNDARY, at, make_world, rows_of
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.models import ConsentEvent, ConsentRecord
from zorgafstemming.retention import purge
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.retention.snapshot import snapshot
from zorgafstemming.runtime import Runtime

SCHEDULE = load_schedule()


async def _take_back_withdrawal(runtime: Runtime, file_id: uuid.UUID) -> None:
    """The file's withdrawal was recorded in error and is taken back: its consent runs again."""
    async with runtime.sessions() as session, session.begin():
        consent_id = await session.scalar(
            select(ConsentRecord.id).where(ConsentRecord.file_id == file_id)
        )
        await session.execute(
            delete(ConsentEvent).where(
                ConsentEvent.consent_id == consent_id, ConsentEvent.kind == "withdrawn"
            )
        )


async def test_a_consent_running_again_after_planning_keeps_its_file(
    rolled_back: Runtime,
) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    at(runtime, BOUNDARY)
    async with runtime.unit_of_work() as uow:
        plan = await snapshot(uow, SCHEDULE)
    assert {world.due.file_id, world.shared.file_id} <= set(plan.readings)

    await _take_back_withdrawal(runtime, world.due.file_id)
    async with runtime.unit_of_work() as uow:
        outcomes = await purge.purge_batch(
            uow,
            SCHEDULE,
            [world.due.file_id, world.shared.file_id],
            run_id="test",
            known=plan.readings,
        )
    by_ref = {o.file_ref: o for o in outcomes}
    key = runtime.secrets.audit_key
    kept = by_ref[audit_ref(key, "file", world.due.file_id)]
    gone = by_ref[audit_ref(key, "file", world.shared.file_id)]
    assert (kept.purged, kept.reason) == (False, "not_due")
    assert (gone.purged, gone.reason) == (True, "purged") and gone.proof_ok
    assert (await rows_of(runtime, world.due.file_id))["members"] == 2
    assert (await rows_of(runtime, world.shared.file_id))["members"] == 0
