"""A file's case meetings — invitees, decisions and the agenda (a canary under the file's key) —
go with the file when it is purged, and the proof of deletion names them; another file's stay."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import insert, select

from tests.factories.retention import BOUNDARY, OPENED, at, count, make_world
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.meeting_models import (
    Meeting,
    MeetingDecision,
    MeetingMember,
    MeetingOrganisation,
)
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.crypto.models import DataKeyRecord
from zorgafstemming.identity.models import Account
from zorgafstemming.retention import purge
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime

AGENDA_CANARY = "Kanarie-agendapunt-over-het-gezin-3e7a"


async def test_meetings_go_with_their_file_and_their_key(rolled_back: Runtime) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    cipher = runtime.cipher
    async with runtime.sessions() as session, session.begin():
        org = await session.scalar(
            select(Account.organisation_id).where(Account.id == world.staff_id)
        )
        assert org is not None
        for seeded in (world.due, world.keep):
            key = await cipher.key_for(session, FILE_OWNER, seeded.file_id)
            meeting_id, decision_id = uuid.uuid4(), uuid.uuid4()
            await session.execute(
                insert(Meeting).values(
                    id=meeting_id,
                    file_id=seeded.file_id,
                    organiser_organisation_id=org,
                    starts_at=OPENED + timedelta(days=7),
                    ends_at=OPENED + timedelta(days=7, hours=1),
                    agenda_enc=cipher.encrypt(
                        key,
                        table="meetings",
                        column="agenda_enc",
                        row_id=meeting_id,
                        value=f'[{{"text": "{AGENDA_CANARY}", "about": []}}]',
                    ),
                    status="held",
                    sequence=0,
                    planned_by_account_id=world.staff_id,
                    created_at=OPENED,
                )
            )
            await session.execute(
                insert(MeetingOrganisation).values(meeting_id=meeting_id, organisation_id=org)
            )
            await session.execute(
                insert(MeetingMember).values(meeting_id=meeting_id, member_id=seeded.member_ids[0])
            )
            await session.execute(
                insert(MeetingDecision).values(
                    id=decision_id,
                    meeting_id=meeting_id,
                    file_id=seeded.file_id,
                    position=0,
                    text_enc=b"\x01sealed",
                    owner_organisation_id=org,
                )
            )
    at(runtime, BOUNDARY)
    await purge.run(runtime, load_schedule())
    async with runtime.sessions() as session:
        due, keep = world.due.file_id, world.keep.file_id
        assert await count(session, Meeting, Meeting.file_id == due) == 0
        assert await count(session, MeetingDecision, MeetingDecision.file_id == due) == 0
        assert await count(session, Meeting, Meeting.file_id == keep) == 1
        assert await count(session, MeetingMember) == 1
        assert await count(session, MeetingOrganisation) == 1
        # The agenda of the purged file can never be read again: its key is gone.
        assert await count(session, DataKeyRecord, DataKeyRecord.owner_id == due) == 0
        kept = await session.scalar(select(Meeting).where(Meeting.file_id == keep))
        assert kept is not None
        kept_key = await cipher.load_key(session, FILE_OWNER, keep)
        assert kept_key is not None
        blob = await session.scalar(select(Meeting.agenda_enc).where(Meeting.id == kept.id))
        assert blob is not None
        plain = cipher.decrypt(
            kept_key, table="meetings", column="agenda_enc", row_id=kept.id, blob=blob
        )
        assert AGENDA_CANARY in plain
        ref = audit_ref(runtime.secrets.audit_key, "file", due)
        tomb = await session.scalar(select(PurgeTombstone).where(PurgeTombstone.file_ref == ref))
    assert tomb is not None and tomb.proof_ok
    assert {"meetings", "meeting_decisions", "meeting_members", "meeting_organisations"} <= set(
        tomb.proof
    )
    assert tomb.purged_counts["meetings"] == 1
