"""Notices to the family in the portal: who recorded or changed a consent about them, or
corrected their data.

A notice goes to every member whose data a consent covers when they are 12 or older, and for a
child under 12 to the file's parents and guardians who have capacity; it names the recording
organisation and the consent, never any content.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import insert, select

from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.notice_models import FamilyNotice
from zorgafstemming.coordination.service.facts import member_facts
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.db import new_id
from zorgafstemming.runtime import UnitOfWork

# What a notice says happened to a consent (the portal words them in Dutch).
NOTICE_KINDS = (
    "consent_recorded",  # a partner recorded a consent in force (with the signed form)
    "consent_pending",  # a partner recorded a consent that waits for the family's confirmation
    "consent_given",  # a family member gave it in the portal
    "consent_confirmed",  # a family member confirmed a consent a partner recorded
    "consent_withdrawn",  # withdrawn (by the family or recorded by a partner)
    "consent_contested",  # a family member contested it
    "emergency_access",  # a worker read the file under an emergency grant (told afterwards)
    "contact_changed",  # the family's contact point changed (a new lead, or its contact)
    "member_corrected",  # a partner corrected a member's data (history in the portal)
    "request_received",  # a data-subject request about them was received (rights package)
    "request_started",  # ... is being handled
    "request_extended",  # ... its deadline was extended by two months
    "request_answered",  # ... was answered
    "request_refused",  # ... was refused
    "processing_restricted",  # the DPO restricted processing of the file or of one member
    "restriction_lifted",  # the DPO lifted that restriction
    "objection_continued",  # the lead decided an objection: processing goes on
    "objection_stopped",  # the lead decided an objection: the processing ends
    "message_new",  # a partner wrote in a thread addressed to the family (no content)
)


async def people_to_tell(
    uow: UnitOfWork, file_id: uuid.UUID, key: DataKey, covered: Iterable[uuid.UUID]
) -> set[uuid.UUID]:
    """The members to tell about a consent covering ``covered``: each covered member of 12 or
    older themselves, and for a covered child under 12 the parents and guardians with
    capacity."""
    rows = (
        await uow.session.execute(
            select(Member.id, Member.role, Member.birth_date_enc).where(
                Member.file_id == file_id, Member.ended_at.is_(None)
            )
        )
    ).all()
    cipher, now = uow.runtime.cipher, uow.runtime.clock()
    members = {r.id: member_facts(cipher, key, r.id, r.role, r.birth_date_enc) for r in rows}
    representatives = {
        m.id
        for m in members.values()
        if m.role in rules.LEGAL_REPRESENTATIVES and rules.has_capacity(m.birth_date, now)
    }
    told: set[uuid.UUID] = set()
    for member_id in covered:
        member = members.get(member_id)
        if member is None:
            continue
        if rules.has_capacity(member.birth_date, now):
            told.add(member_id)
        else:
            told |= representatives
    return told


async def tell_family(
    uow: UnitOfWork,
    file_id: uuid.UUID,
    key: DataKey,
    *,
    covered: Iterable[uuid.UUID],
    kind: str,
    consent_id: uuid.UUID | None,
    actor_organisation_id: uuid.UUID | None,
) -> None:
    """Write one portal notice of ``kind`` for each person to tell about a consent."""
    if kind not in NOTICE_KINDS:
        raise ValueError(f"unknown family notice kind {kind!r}")
    now = uow.runtime.clock()
    told = await people_to_tell(uow, file_id, key, covered)
    if not told:
        return
    await uow.session.execute(
        insert(FamilyNotice),
        [
            {
                "id": new_id(),
                "file_id": file_id,
                "member_id": member_id,
                "kind": kind,
                "consent_id": consent_id,
                "actor_organisation_id": actor_organisation_id,
                "created_at": now,
            }
            for member_id in sorted(told)
        ],
    )
