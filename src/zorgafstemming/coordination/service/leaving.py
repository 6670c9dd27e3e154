"""A partner leaves a file: its organisation no longer takes part, every assignment of its
workers ends, and its access ends when this commits (every read checks participation and
assignment in its own transaction). The lead hands the lead over first."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, update

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.models import Participant
from zorgafstemming.coordination.referral_models import LeadHandover
from zorgafstemming.coordination.service.errors import ForbiddenLead, file_not_found
from zorgafstemming.coordination.service.gate import gate_for, taking_part
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import UnitOfWork


async def leave_file(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> None:
    """Take the caller's organisation off the file (not the lead); the partners still taking
    part are told."""
    org = principal.organisation_id
    gate = await gate_for(
        uow,
        principal,
        ctx,
        Action.COORDINATION_PARTICIPANT_LEAVE,
        file_id,
        lock=True,
        object_type="participant",
        object_id=org,
    )
    facts = await gate.open_facts("The file is closed.")
    if facts.lead == org:
        await gate.refuse(
            ForbiddenLead("The lead organisation hands the lead over before it leaves.")
        )
    if not gate.allowed or org is None:  # pragma: no cover - a visible file means assignment
        await gate.refuse(file_not_found())
    session, now = uow.session, uow.runtime.clock()
    await session.execute(
        delete(Participant).where(
            Participant.file_id == file_id, Participant.organisation_id == org
        )
    )
    await session.execute(
        update(FileAssignment)
        .where(
            FileAssignment.file_id == file_id,
            FileAssignment.organisation_id == org,
            FileAssignment.ended_at.is_(None),
        )
        .values(ended_at=now, ended_by_account_id=principal.account_id)
    )
    # An offer of the lead to an organisation that left can no longer be accepted.
    await session.execute(
        update(LeadHandover)
        .where(
            LeadHandover.file_id == file_id,
            LeadHandover.to_organisation_id == org,
            LeadHandover.status == "offered",
        )
        .values(status="withdrawn", answered_at=now, answered_by_account_id=principal.account_id)
    )
    await notify(session, now, file_id, await taking_part(session, facts, now), "partner_left")
    await gate.allow()
