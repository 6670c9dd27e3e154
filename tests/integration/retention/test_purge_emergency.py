"""Emergency grants go with their file: the purge deletes them (and proves it), the grants of
files that are kept stay."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import insert, select

from tests.factories.retention import BOUNDARY, OPENED, at, count, make_world
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.emergency.models import EmergencyGrant
from zorgafstemming.identity.models import Account
from zorgafstemming.retention import purge
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime


async def test_emergency_grants_go_with_their_file(rolled_back: Runtime) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    async with runtime.sessions() as session, session.begin():
        org = await session.scalar(
            select(Account.organisation_id).where(Account.id == world.staff_id)
        )
        for seeded in (world.due, world.keep):
            await session.execute(
                insert(EmergencyGrant).values(
                    id=uuid.uuid4(),
                    file_id=seeded.file_id,
                    account_id=world.staff_id,
                    organisation_id=org,
                    ground="risk_to_child",
                    member_roles="",
                    requested_at=OPENED,
                    expires_at=OPENED + timedelta(hours=24),
                    review_outcome="justified",
                    reviewed_by_account_id=world.staff_id,
                    reviewed_at=OPENED + timedelta(days=1),
                )
            )
    at(runtime, BOUNDARY)
    await purge.run(runtime, load_schedule())
    async with runtime.sessions() as session:
        due, keep = world.due.file_id, world.keep.file_id
        assert await count(session, EmergencyGrant, EmergencyGrant.file_id == due) == 0
        assert await count(session, EmergencyGrant, EmergencyGrant.file_id == keep) == 1
        ref = audit_ref(runtime.secrets.audit_key, "file", due)
        tomb = await session.scalar(select(PurgeTombstone).where(PurgeTombstone.file_ref == ref))
    assert tomb is not None and tomb.proof_ok
    assert "emergency_grants" in tomb.proof
    assert tomb.purged_counts["emergency_grants"] == 1
