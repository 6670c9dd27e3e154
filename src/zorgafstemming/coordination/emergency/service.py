"""Emergency access as the worker asks for it and the DPO reviews it.

A worker names the file by its short reference and states a legal ground; the grant gives them
read-only access to that file for ``settings.emergency_hours`` (the gate lets them read under it,
policy ``emergency-read``). The DPO is alerted at once (mail and queue), the family is told once
the grant ended (or after the DPO's delay). A grant is never extended: while one runs, asking
again is refused; once it ended, asking again is a new grant, alerted again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.emergency import disclosure, rules
from zorgafstemming.coordination.emergency.access import grant_in_force
from zorgafstemming.coordination.emergency.alerts import alert_dpos
from zorgafstemming.coordination.emergency.errors import (
    EmergencyGrantRunning,
    GroundIncomplete,
    UnknownFileReference,
)
from zorgafstemming.coordination.emergency.lookup import file_by_reference
from zorgafstemming.coordination.emergency.models import EmergencyGrant
from zorgafstemming.coordination.emergency.schemas import EmergencyGrantOut, EmergencyRequestIn
from zorgafstemming.coordination.models import CoordinationFile
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import UnitOfWork

OBJECT_GRANT = "emergency_grant"


async def request_grant(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, data: EmergencyRequestIn
) -> EmergencyGrantOut:
    """Grant the signed-in worker read-only access to the file ``data.file_reference`` names,
    on the ground stated; alert the DPO and plan the family's notice. Every refusal is
    audited (denied) and stores nothing."""
    action = Action.EMERGENCY_GRANT_REQUEST
    problems = rules.ground_problems(data.ground, data.explanation)
    if problems:
        await record(uow, ctx, action, "denied", object_type=OBJECT_GRANT)
        raise GroundIncomplete(next(iter(problems.values())))
    runtime = uow.runtime
    file_id = await file_by_reference(uow.session, runtime.secrets.audit_key, data.file_reference)
    if file_id is None or principal.organisation_id is None:
        await record(uow, ctx, action, "denied", object_type=OBJECT_GRANT)
        raise UnknownFileReference("No open file has this reference.")
    # One request at a time per file (PostgreSQL; SQLite serialises writers anyway), so two
    # requests at once cannot both find no running grant.
    await uow.session.execute(
        select(CoordinationFile.id).where(CoordinationFile.id == file_id).with_for_update()
    )
    now = runtime.clock()
    if await grant_in_force(uow.session, principal.account_id, file_id, now) is not None:
        await record(uow, ctx, action, "denied", object_type=OBJECT_GRANT, file_id=file_id)
        raise EmergencyGrantRunning("Your emergency access to this file still runs.")
    hours = runtime.settings.emergency_hours
    grant_id = new_id()
    key = await runtime.cipher.key_for(uow.session, FILE_OWNER, file_id)
    explanation = (data.explanation or "").strip() or None
    roles = sorted({str(r) for r in data.member_roles})
    grant = EmergencyGrant(
        id=grant_id,
        file_id=file_id,
        account_id=principal.account_id,
        organisation_id=principal.organisation_id,
        ground=data.ground,
        explanation_enc=(
            runtime.cipher.encrypt(
                key,
                table="emergency_grants",
                column="explanation",
                row_id=grant_id,
                value=explanation,
            )
            if explanation
            else None
        ),
        member_roles=",".join(roles),
        requested_at=now,
        expires_at=rules.expires_at(now, hours),
    )
    uow.session.add(grant)
    await uow.session.flush()
    await alert_dpos(uow, hours=hours, due=rules.review_due(now))
    await disclosure.plan_family_notice(uow, grant, key)
    await record(
        uow, ctx, action, "allowed", object_type=OBJECT_GRANT, object_id=grant_id, file_id=file_id
    )
    return grant_out(grant, file_reference(runtime.secrets.audit_key, file_id))


def grant_out(grant: Any, reference: str) -> EmergencyGrantOut:
    """A grant as its holder sees it."""
    return EmergencyGrantOut(
        id=grant.id,
        file_id=grant.file_id,
        file_reference=reference,
        ground=grant.ground,
        member_roles=[r for r in grant.member_roles.split(",") if r],
        requested_at=grant.requested_at,
        expires_at=grant.expires_at,
    )
