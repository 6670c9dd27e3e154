"""A file's referrals (with their encrypted hand-over notes) and offers of its lead go with the
file when it is purged, and the proof of deletion names them; another file's stay."""

from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from tests.factories.retention import BOUNDARY, OPENED, at, count, make_world
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.referral_models import LeadHandover, Referral
from zorgafstemming.identity.models import Account
from zorgafstemming.retention import purge
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime


async def test_referrals_and_lead_offers_go_with_their_file(rolled_back: Runtime) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    async with runtime.sessions() as session, session.begin():
        org = await session.scalar(
            select(Account.organisation_id).where(Account.id == world.staff_id)
        )
        for seeded in (world.due, world.keep):
            await session.execute(
                insert(Referral).values(
                    id=uuid.uuid4(),
                    file_id=seeded.file_id,
                    from_organisation_id=org,
                    to_organisation_id=org,
                    purpose="care_coordination",
                    urgency="routine",
                    note_category="case_notes",
                    note_enc=b"\x01sealed",
                    status="declined",
                    referred_by_account_id=world.staff_id,
                    created_at=OPENED,
                )
            )
            await session.execute(
                insert(LeadHandover).values(
                    id=uuid.uuid4(),
                    file_id=seeded.file_id,
                    from_organisation_id=org,
                    to_organisation_id=org,
                    status="declined",
                    offered_by_account_id=world.staff_id,
                    offered_at=OPENED,
                )
            )
    at(runtime, BOUNDARY)
    await purge.run(runtime, load_schedule())
    async with runtime.sessions() as session:
        due, keep = world.due.file_id, world.keep.file_id
        assert await count(session, Referral, Referral.file_id == due) == 0
        assert await count(session, LeadHandover, LeadHandover.file_id == due) == 0
        assert await count(session, Referral, Referral.file_id == keep) == 1
        assert await count(session, LeadHandover, LeadHandover.file_id == keep) == 1
        ref = audit_ref(runtime.secrets.audit_key, "file", due)
        tomb = await session.scalar(select(PurgeTombstone).where(PurgeTombstone.file_ref == ref))
    assert tomb is not None and tomb.proof_ok
    assert {"referrals", "lead_handovers"} <= set(tomb.proof)
    assert tomb.purged_counts["referrals"] == 1
