"""The lead handed over on purpose: the lead organisation offers the lead of a file to a
partner taking part under consent; that partner accepts (it leads from then on) or declines.

Every step is audited through the file's gate and told to the organisations concerned. A new
offer withdraws one still waiting.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select, update

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import CoordinationFile
from zorgafstemming.coordination.referral_models import LeadHandover
from zorgafstemming.coordination.referral_schemas import LeadHandoverView
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import ConsentRequired, ForbiddenLead
from zorgafstemming.coordination.service.gate import decide, gate_for, participant_ids, taking_part
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.coordination.service.referral_steps import (
    make_contact,
    tell_family_of_new_contact,
)
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ConflictError, NotFoundError
from zorgafstemming.runtime import UnitOfWork

OBJECT_HANDOVER = "lead_handover"


def handover_view(offer: LeadHandover) -> LeadHandoverView:
    """The offer as the API shows it."""
    return LeadHandoverView(
        id=offer.id,
        file_id=offer.file_id,
        from_organisation_id=offer.from_organisation_id,
        to_organisation_id=offer.to_organisation_id,
        status=offer.status,  # type: ignore[arg-type]
        offered_at=offer.offered_at,
        answered_at=offer.answered_at,
    )


async def pending_offer(uow: UnitOfWork, file_id: uuid.UUID) -> LeadHandover | None:
    """The offer of the file's lead waiting for an answer, if any."""
    found: LeadHandover | None = await uow.session.scalar(
        select(LeadHandover).where(
            LeadHandover.file_id == file_id, LeadHandover.status == "offered"
        )
    )
    return found


async def offer_lead(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    organisation_id: uuid.UUID,
) -> LeadHandoverView:
    """Offer the lead to a partner that takes part under a consent in force (lead only)."""
    action = Action.COORDINATION_LEAD_OFFER
    gate = await gate_for(
        uow, principal, ctx, action, file_id, lock=True, object_type=OBJECT_HANDOVER
    )
    facts = await gate.open_facts("The file is closed.")
    session, now = uow.session, uow.runtime.clock()
    org = principal.organisation_id
    partner = organisation_id in await participant_ids(session, file_id)
    gate.decision = decide(
        uow.runtime,
        principal,
        action,
        file_id,
        participant=True,
        consent_covers=partner
        and rules.organisation_has_consent(facts.consents, facts.members, organisation_id, now),
        is_lead=facts.lead == org,
        file_open=True,
        assigned=facts.assigned,
        is_coordinator=facts.is_coordinator,
    )
    if facts.lead != org:
        await gate.refuse(ForbiddenLead("Only the lead organisation hands over the lead."))
    if organisation_id == org:
        await gate.refuse(
            invalid(
                "Your organisation leads already.",
                [field_error("organisation_id", "your own organisation")],
            )
        )
    if not gate.allowed:
        await gate.refuse(
            ConsentRequired("That organisation does not take part under a consent in force.")
        )
    await session.execute(
        update(LeadHandover)
        .where(LeadHandover.file_id == file_id, LeadHandover.status == "offered")
        .values(status="withdrawn", answered_at=now, answered_by_account_id=principal.account_id)
    )
    offer = LeadHandover(
        id=new_id(),
        file_id=file_id,
        from_organisation_id=facts.lead,
        to_organisation_id=organisation_id,
        status="offered",
        offered_by_account_id=principal.account_id,
        offered_at=now,
    )
    session.add(offer)
    await session.flush()
    await notify(session, now, file_id, [organisation_id], "lead_offered")
    await gate.allow(object_id=offer.id)
    return handover_view(offer)


async def answer_lead(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    *,
    accept: bool,
) -> LeadHandoverView:
    """Accept (the caller's organisation leads from now on) or decline the offer of the lead
    made to the caller's organisation."""
    action = Action.COORDINATION_LEAD_ACCEPT if accept else Action.COORDINATION_LEAD_DECLINE
    gate = await gate_for(
        uow, principal, ctx, action, file_id, lock=True, object_type=OBJECT_HANDOVER
    )
    facts = await gate.open_facts("The file is closed.")
    session, now = uow.session, uow.runtime.clock()
    org = principal.organisation_id
    offer = await pending_offer(uow, file_id)
    addressee = offer is not None and offer.to_organisation_id == org
    gate.decision = decide(
        uow.runtime,
        principal,
        action,
        file_id,
        participant=True,
        consent_covers=org is not None
        and rules.organisation_has_consent(facts.consents, facts.members, org, now),
        is_lead=facts.lead == org,
        file_open=True,
        assigned=facts.assigned,
        is_coordinator=facts.is_coordinator,
        addressee=addressee,
    )
    if offer is None or not addressee:
        await gate.refuse(NotFoundError("No offer of the lead waits for your organisation."))
    if not gate.allowed:  # pragma: no cover - a visible file means consent and assignment
        await gate.refuse(NotFoundError("No offer of the lead waits for your organisation."))
    if offer.from_organisation_id != facts.lead:
        await gate.refuse(ConflictError("The lead has moved since the offer was made."))
    offer.status = "accepted" if accept else "declined"
    offer.answered_at, offer.answered_by_account_id = now, principal.account_id
    assert org is not None
    if accept:
        await session.execute(
            update(CoordinationFile)
            .where(
                CoordinationFile.id == file_id,
                CoordinationFile.lead_organisation_id == offer.from_organisation_id,
            )
            .values(lead_organisation_id=org)
        )
        facts.lead = org
        # The new lead's contact person is the family's contact point: name the accepting
        # worker unless the organisation named one already.
        await make_contact(session, file_id, org, principal.account_id)
        await notify(session, now, file_id, await taking_part(session, facts, now), "lead_changed")
        await tell_family_of_new_contact(uow, facts, org)
    else:
        await notify(session, now, file_id, [offer.from_organisation_id], "lead_declined")
    await session.flush()
    await gate.allow(object_id=offer.id)
    return handover_view(offer)
