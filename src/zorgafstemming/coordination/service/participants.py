"""Partner organisations of a file: the lead adds one that a consent in force covers."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import Participant
from zorgafstemming.coordination.schemas import ParticipantView
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import ConsentRequired, ForbiddenLead
from zorgafstemming.coordination.service.gate import decide, gate_for, restricted_problem
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ConflictError
from zorgafstemming.runtime import UnitOfWork


async def add_participant(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    organisation_id: uuid.UUID,
) -> ParticipantView:
    """Add a partner organisation (lead only); a consent in force must cover it. While the
    file's processing is restricted (GDPR art. 18) it takes no new partner: 409 ``restricted``,
    nothing written."""
    action = Action.COORDINATION_PARTICIPANT_ADD
    gate = await gate_for(
        uow,
        principal,
        ctx,
        action,
        file_id,
        lock=True,
        object_type="participant",
        object_id=organisation_id,
    )
    facts = await gate.open_facts("The file is closed.")
    session, now = uow.session, uow.runtime.clock()
    known = await session.scalar(select(func.count()).where(Organisation.id == organisation_id))
    already = await session.scalar(
        select(func.count()).where(
            Participant.file_id == file_id,
            Participant.organisation_id == organisation_id,
        )
    )
    # The decision that counts is about the organisation being added, not the caller's own.
    gate.decision = decide(
        uow.runtime,
        principal,
        action,
        file_id,
        participant=True,
        consent_covers=rules.organisation_has_consent(
            facts.consents, facts.members, organisation_id, now
        ),
        is_lead=facts.lead == principal.organisation_id,
        file_open=True,
        assigned=facts.assigned,
        is_coordinator=facts.is_coordinator,
        # A restricted file takes no new recipient (policy restricted, 409 below).
        restricted=facts.restricted,
    )
    if not known:
        await gate.refuse(
            invalid(
                "Unknown organisation.", [field_error("organisation_id", "unknown organisation")]
            )
        )
    if already:
        await gate.refuse(ConflictError("The organisation already takes part in this file."))
    if facts.lead != principal.organisation_id:
        await gate.refuse(ForbiddenLead("Only the lead organisation adds participants."))
    if gate.restricted:
        await gate.refuse(restricted_problem())
    if not gate.allowed:
        await gate.refuse(ConsentRequired("No consent in force covers that organisation."))
    await store_participant(session, file_id, organisation_id, principal, now)
    await notify(session, now, file_id, [organisation_id], "participant_added")
    await gate.allow()
    return ParticipantView(organisation_id=organisation_id, joined_at=now)


async def store_participant(
    session: AsyncSession,
    file_id: uuid.UUID,
    organisation_id: uuid.UUID,
    added_by: Principal,
    at: datetime,
) -> None:
    """Store that ``organisation_id`` takes part in the file from ``at`` (no checks: the
    caller's gate decided)."""
    await session.execute(
        insert(Participant).values(
            file_id=file_id,
            organisation_id=organisation_id,
            joined_at=at,
            added_by_account_id=added_by.account_id,
        )
    )
