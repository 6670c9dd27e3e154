"""Contact persons on a file: each participating organisation names one of its assigned
workers; the lead's contact person is the family's contact point (aanspreekpunt).

An organisation that named nobody yet is represented by its worker assigned first (still in
force): a family always sees a person once someone of the lead works on the file.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select, update

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.family_schemas import ContactPersonView
from zorgafstemming.coordination.models import CoordinationFile
from zorgafstemming.coordination.referral_schemas import ContactView
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import file_not_found
from zorgafstemming.coordination.service.gate import gate_for, taking_part
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.coordination.service.referral_steps import tell_family_of_new_contact
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Principal
from zorgafstemming.identity.staff_contacts import staff_details
from zorgafstemming.runtime import UnitOfWork


async def contact_accounts(uow: UnitOfWork, file_id: uuid.UUID) -> dict[uuid.UUID, uuid.UUID]:
    """Per participating organisation, the account of its contact person on the file: the one
    it named, else its worker assigned first (assignments in force only)."""
    rows = (
        await uow.session.execute(
            select(
                FileAssignment.organisation_id,
                FileAssignment.account_id,
                FileAssignment.is_contact,
            )
            .where(FileAssignment.file_id == file_id, FileAssignment.ended_at.is_(None))
            .order_by(FileAssignment.assigned_at, FileAssignment.id)
        )
    ).all()
    found: dict[uuid.UUID, uuid.UUID] = {}
    for row in rows:
        if row.is_contact or row.organisation_id not in found:
            found[row.organisation_id] = row.account_id
    named = {r.organisation_id: r.account_id for r in rows if r.is_contact}
    return {**found, **named}


async def set_contact(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    account_id: uuid.UUID,
) -> ContactView:
    """Name a worker of the caller's organisation assigned to the file as its contact person
    (an assigned worker, or the organisation's coordinator, does so)."""
    gate = await gate_for(
        uow,
        principal,
        ctx,
        Action.COORDINATION_CONTACT_SET,
        file_id,
        lock=True,
        object_type="assignment",
        object_id=account_id,
    )
    org = principal.organisation_id
    facts = gate.facts
    if facts is None or org is None or not facts.is_participant or not gate.allowed:
        await gate.refuse(file_not_found())
    session, now = uow.session, uow.runtime.clock()
    in_force = [
        FileAssignment.file_id == file_id,
        FileAssignment.organisation_id == org,
        FileAssignment.ended_at.is_(None),
    ]
    assigned = await session.scalar(
        select(FileAssignment.id).where(*in_force, FileAssignment.account_id == account_id)
    )
    if assigned is None:
        await gate.refuse(
            invalid(
                "Only a worker of your organisation assigned to the file is its contact person.",
                [field_error("account_id", "not assigned to this file in your organisation")],
            )
        )
    # Clear first: one contact person per organisation and file (a unique index says so).
    await session.execute(
        update(FileAssignment).where(*in_force, FileAssignment.is_contact).values(is_contact=False)
    )
    await session.execute(
        update(FileAssignment).where(FileAssignment.id == assigned).values(is_contact=True)
    )
    told = await taking_part(session, facts, now) if facts.lead == org else [org]
    await notify(session, now, file_id, told, "contact_changed")
    if facts.lead == org:  # the lead's contact person is the family's contact point
        await tell_family_of_new_contact(uow, facts, org)
    await gate.allow()
    return ContactView(organisation_id=org, account_id=account_id)


async def family_contact(uow: UnitOfWork, file_id: uuid.UUID) -> ContactPersonView | None:
    """The family's contact point on an open file: the lead organisation and its contact
    person's work details (None for a closed file). Only staff data; the caller checked the
    family member's right to the file."""
    lead = (
        await uow.session.execute(
            select(CoordinationFile.lead_organisation_id, Organisation.name)
            .join(Organisation, Organisation.id == CoordinationFile.lead_organisation_id)
            .where(CoordinationFile.id == file_id, CoordinationFile.status == "open")
        )
    ).first()
    if lead is None:
        return None
    account_id = (await contact_accounts(uow, file_id)).get(lead.lead_organisation_id)
    details = (await staff_details(uow, [account_id])).get(account_id) if account_id else None
    return ContactPersonView(
        organisation_id=lead.lead_organisation_id,
        organisation_name=lead.name,
        name=details.name if details else None,
        work_phone=details.work_phone if details else None,
        work_email=details.work_email if details else None,
    )
