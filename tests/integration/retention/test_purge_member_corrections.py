"""The correction history of a file's members goes with the file at the purge: its rows (with
the encrypted old and new values) are deleted and named in the proof of deletion, and the data
key they were encrypted under is shredded with the file's."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import insert, select

from tests.factories.retention import BOUNDARY, OPENED, at, count, make_world
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.member_models import MemberCorrection
from zorgafstemming.identity.models import Account
from zorgafstemming.retention import purge
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime

SCHEDULE = load_schedule()


async def test_corrections_go_with_their_file_and_are_in_the_proof(rolled_back: Runtime) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    async with runtime.sessions() as session, session.begin():
        org = await session.scalar(
            select(Account.organisation_id).where(Account.id == world.staff_id)
        )
        assert org is not None
        for seeded in (world.due, world.keep):
            await session.execute(
                insert(MemberCorrection).values(
                    id=uuid.uuid4(),
                    file_id=seeded.file_id,
                    member_id=seeded.member_ids[0],
                    field="address",
                    category="contact",
                    reason="address_changed",
                    old_value_enc=b"\x01opaque",
                    new_value_enc=b"\x01opaque",
                    corrected_at=OPENED + timedelta(days=1),
                    corrected_by_account_id=world.staff_id,
                    corrected_by_organisation_id=org,
                )
            )
    at(runtime, BOUNDARY)
    await purge.run(runtime, SCHEDULE)
    async with runtime.sessions() as session:
        due, keep = world.due.file_id, world.keep.file_id
        assert await count(session, MemberCorrection, MemberCorrection.file_id == due) == 0
        assert await count(session, MemberCorrection, MemberCorrection.file_id == keep) == 1
        ref = audit_ref(runtime.secrets.audit_key, "file", due)
        tomb = await session.scalar(select(PurgeTombstone).where(PurgeTombstone.file_ref == ref))
    assert tomb is not None and tomb.proof_ok
    assert "member_corrections" in set(tomb.proof)
    assert tomb.purged_counts["member_corrections"] == 1
