"""Who works on a file inside a participating organisation: listing, assigning and unassigning
its social workers.

A worker assigned to the file assigns a colleague of the same organisation; the organisation's
coordinator assigns and unassigns on every file the organisation takes part in under consent,
without reading it. Each request goes through the file's gate (one audit event, 404 for a file
the caller may not reach). Unassigning keeps the row with its end, so who had access when stays
visible; access ends at commit, since every read checks the assignment in its own transaction.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ColumnElement, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.access_schemas import (
    AssignmentOverview,
    AssignmentView,
    ColleagueView,
)
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import AlreadyAssigned, file_not_found
from zorgafstemming.coordination.service.gate import Gate, gate_for
from zorgafstemming.db import new_id
from zorgafstemming.identity import colleagues
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ForbiddenError, NotFoundError
from zorgafstemming.runtime import UnitOfWork

OBJECT_ASSIGNMENT = "assignment"


def _in_force(file_id: uuid.UUID, organisation_id: uuid.UUID) -> list[ColumnElement[bool]]:
    """The assignments of ``organisation_id``'s workers to the file that have not ended."""
    return [
        FileAssignment.file_id == file_id,
        FileAssignment.organisation_id == organisation_id,
        FileAssignment.ended_at.is_(None),
    ]


async def current_assignment(
    session: AsyncSession, file_id: uuid.UUID, organisation_id: uuid.UUID, account_id: uuid.UUID
) -> uuid.UUID | None:
    """The id of the worker's assignment to the file in force, if any."""
    found: uuid.UUID | None = await session.scalar(
        select(FileAssignment.id).where(
            *_in_force(file_id, organisation_id), FileAssignment.account_id == account_id
        )
    )
    return found


async def _reachable(gate: Gate, principal: Principal) -> uuid.UUID:
    """The caller's organisation when the gate lets them manage the file's assignments;
    otherwise the denial is recorded and 404 raised."""
    organisation_id = principal.organisation_id
    if gate.facts is None or not gate.visible or organisation_id is None:
        await gate.refuse(file_not_found())
    if not gate.allowed:
        await gate.refuse(file_not_found())
    return organisation_id


async def list_assignments(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> AssignmentOverview:
    """The caller's organisation's workers assigned to the file, and the colleagues who may be
    assigned still; never a worker of another organisation."""
    gate = await gate_for(uow, principal, ctx, Action.COORDINATION_ASSIGNMENT_LIST, file_id)
    organisation_id = await _reachable(gate, principal)
    rows = (
        await uow.session.execute(
            select(FileAssignment.account_id, FileAssignment.assigned_at)
            .where(*_in_force(file_id, organisation_id))
            .order_by(FileAssignment.assigned_at, FileAssignment.account_id)
        )
    ).all()
    assigned = {r.account_id for r in rows}
    everyone = await colleagues.organisation_workers(uow, organisation_id, active_only=False)
    email = {c.id: c.email for c in everyone}
    assert gate.facts is not None
    await gate.allow()
    return AssignmentOverview(
        items=[
            AssignmentView(
                account_id=r.account_id, assigned_at=r.assigned_at, email=email.get(r.account_id)
            )
            for r in rows
        ],
        assignable=[
            ColleagueView(account_id=c.id, email=c.email, is_coordinator=c.is_coordinator)
            for c in everyone
            if c.status == "active" and c.id not in assigned
        ],
        may_unassign=gate.facts.is_coordinator,
    )


async def assign(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    account_id: uuid.UUID,
) -> AssignmentView:
    """Assign an active social worker of the caller's own organisation to the file."""
    gate = await gate_for(
        uow,
        principal,
        ctx,
        Action.COORDINATION_ASSIGNMENT_CREATE,
        file_id,
        lock=True,
        object_type=OBJECT_ASSIGNMENT,
        object_id=account_id,
    )
    organisation_id = await _reachable(gate, principal)
    if not await colleagues.is_active_worker_of(uow, account_id, organisation_id):
        # A worker of another organisation looks exactly like an account that does not exist.
        await gate.refuse(
            invalid(
                "Only an active social worker of your own organisation is assigned.",
                [field_error("account_id", "not an active social worker of your organisation")],
            )
        )
    session, now = uow.session, uow.runtime.clock()
    if await current_assignment(session, file_id, organisation_id, account_id) is not None:
        await gate.refuse(AlreadyAssigned("The worker is assigned to this file already."))
    try:
        async with session.begin_nested():
            await store_assignment(session, file_id, account_id, organisation_id, principal, now)
    except IntegrityError:  # assigned by another request since the check above
        await gate.refuse(AlreadyAssigned("The worker is assigned to this file already."))
    await gate.allow()
    email = next(
        (
            c.email
            for c in await colleagues.organisation_workers(
                uow, organisation_id, account_ids=[account_id]
            )
        ),
        None,
    )
    return AssignmentView(account_id=account_id, assigned_at=now, email=email)


async def unassign(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    account_id: uuid.UUID,
) -> None:
    """End a worker's assignment to the file (the coordinator only); their access ends when
    this commits."""
    gate = await gate_for(
        uow,
        principal,
        ctx,
        Action.COORDINATION_ASSIGNMENT_DELETE,
        file_id,
        lock=True,
        object_type=OBJECT_ASSIGNMENT,
        object_id=account_id,
    )
    organisation_id = principal.organisation_id
    if gate.facts is None or not gate.visible or organisation_id is None:
        await gate.refuse(file_not_found())
    if not gate.allowed:  # an assigned worker sees the file: telling them why hides nothing
        await gate.refuse(ForbiddenError("Only your organisation's coordinator unassigns."))
    ended = await uow.session.execute(
        update(FileAssignment)
        .where(*_in_force(file_id, organisation_id), FileAssignment.account_id == account_id)
        .values(ended_at=uow.runtime.clock(), ended_by_account_id=principal.account_id)
    )
    if not getattr(ended, "rowcount", 0):
        await gate.refuse(NotFoundError("No such assignment."))
    await gate.allow()


async def assignable_colleagues(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext
) -> list[ColleagueView]:
    """The active social workers of the caller's organisation (their e-mail addresses), for a
    coordinator's overview of files nobody of theirs is on yet; the read is audited."""
    organisation_id = principal.organisation_id
    decision = uow.runtime.authz.decide(principal, Action.COORDINATION_ASSIGNMENT_LIST)
    allowed = organisation_id is not None and decision.allowed
    await record(
        uow,
        ctx,
        Action.COORDINATION_ASSIGNMENT_LIST,
        "allowed" if allowed else "denied",
        decision=decision,
        object_type="colleague_list",
    )
    if not allowed or organisation_id is None:
        raise ForbiddenError("Only a partner's worker sees their colleagues.")
    return [
        ColleagueView(account_id=c.id, email=c.email, is_coordinator=c.is_coordinator)
        for c in await colleagues.organisation_workers(uow, organisation_id)
    ]


async def store_assignment(
    session: AsyncSession,
    file_id: uuid.UUID,
    account_id: uuid.UUID,
    organisation_id: uuid.UUID,
    assigned_by: Principal,
    at: datetime,
) -> None:
    """Store the worker's assignment to the file from ``at`` (no checks: the caller's gate
    decided)."""
    await session.execute(
        insert(FileAssignment).values(
            id=new_id(),
            file_id=file_id,
            account_id=account_id,
            organisation_id=organisation_id,
            assigned_by_account_id=assigned_by.account_id,
            assigned_at=at,
        )
    )
