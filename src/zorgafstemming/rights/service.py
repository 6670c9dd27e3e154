"""Handling data-subject requests: the DPO's queue (the nearest deadline first, overdue ones
marked), one request and the steps that move it on (start, extend, answer, refuse), and the
open requests about one member that the form of an act answering them offers. The DPO handles
every kind; an assigned worker of the file's lead organisation also handles rectification and
objection.

Each use case decides with Cedar on the facts it reads in the transaction that acts on them,
writes what it changes, tells the family in the portal (a notice naming the step, never the
request's content) and records the one audit event of the request (no personal data in it).

An access or portability request is answered by the family's export: its answer keeps a fixed
note saying where the family finds it (no text typed, so no personal data), and the family's
page of the request links the export.

Other modules that complete a request in their own flow (an erasure, a rectification) call
:func:`mark_answered`.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import select, true
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import Decision
from zorgafstemming.coordination import rules as coordination_rules
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.facts import FILE_OWNER, load_facts
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import ConflictError, ProblemError
from zorgafstemming.rights import deadlines, rules
from zorgafstemming.rights.models import SubjectRequest
from zorgafstemming.rights.records import (
    OBJECT_LIST,
    OBJECT_REQUEST,
    Shown,
    add_step,
    not_found,
    request_views,
    resource_of,
)
from zorgafstemming.rights.schemas import (
    QueueFilter,
    RequestPage,
    RequestView,
    StepIn,
)
from zorgafstemming.runtime import UnitOfWork

# --- the DPO's queue, one request, its steps ---------------------------------------------------


async def queue(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    status: QueueFilter = "open",
    limit: int,
    after: str | None = None,
) -> RequestPage:
    """Every request (``open`` ones by default, or ``all``), the nearest deadline first by
    (due_at, id); each says whether it is overdue. No content: kind, reference, dates, status."""
    action = Action.RIGHTS_REQUEST_LIST
    try:
        position = read_after(after)
    except ProblemError:
        await record(uow, ctx, action, "denied", object_type=OBJECT_LIST)
        raise
    query = select(SubjectRequest)
    if status == "open":
        query = query.where(SubjectRequest.status.in_(sorted(rules.OPEN_STATUSES)))
    if position is not None:
        query = query.where(
            beyond(SubjectRequest.due_at, SubjectRequest.id, position, newest_first=False)
        )
    query = query.order_by(SubjectRequest.due_at, SubjectRequest.id)
    rows = list((await uow.session.scalars(query.limit(limit + 1))).all())
    page, next_cursor = one_page(rows, limit, lambda r: (r.due_at, r.id))
    items = await request_views(uow, page, Shown())
    await record(uow, ctx, action, "allowed", object_type=OBJECT_LIST)
    return RequestPage(items=items, next=next_cursor)


async def handler_decision(
    uow: UnitOfWork, principal: Principal, action: Action, row: SubjectRequest
) -> Decision:
    """Cedar's decision on handling ``row``: the DPO always; a worker of the file's lead
    organisation, assigned to the open file under a consent in force, for the kinds the lead
    handles."""
    is_lead = assigned = False
    org = principal.organisation_id
    if org is not None and row.file_id is not None:
        facts = await load_facts(
            uow.session, uow.runtime.cipher, row.file_id, org, account_id=principal.account_id
        )
        if facts is not None and facts.is_open and facts.is_participant:
            consent = coordination_rules.organisation_has_consent(
                facts.consents, facts.members, org, uow.runtime.clock()
            )
            is_lead = consent and facts.lead == org
            assigned = facts.assigned
    return uow.runtime.authz.decide(
        principal,
        action,
        resource_of(row.id),
        {"kind": row.kind, "is_lead": is_lead, "assigned": assigned},
    )


async def open_requests_about(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    member_id: uuid.UUID | None,
    kinds: Collection[str],
    *,
    with_details: bool = True,
) -> list[RequestView]:
    """The open requests of ``kinds`` about ``member_id`` of ``file_id`` (any member when
    None) that the caller handles, the nearest deadline first, with what was asked: for the
    form of an act that may answer one (a correction names the rectification request it
    answers) and, without what was asked (``with_details`` off: nothing decrypted), for the
    lead's file page, which lists what waits for it. Each request shown
    is read as on its own page, its read audited; one the caller may not handle is left out
    (nothing recorded: the caller asked for the form, not for that request)."""
    action = Action.RIGHTS_REQUEST_READ
    rows = (
        await uow.session.scalars(
            select(SubjectRequest)
            .options(*([undefer(SubjectRequest.details_enc)] if with_details else []))
            .where(
                SubjectRequest.file_id == file_id,
                SubjectRequest.kind.in_(sorted(kinds)),
                SubjectRequest.status.in_(sorted(rules.OPEN_STATUSES)),
            )
            .where(true() if member_id is None else SubjectRequest.member_id == member_id)
            .order_by(SubjectRequest.due_at, SubjectRequest.id)
        )
    ).all()
    handled = []
    for row in rows:
        decision = await handler_decision(uow, principal, action, row)
        if decision.allowed:
            handled.append((row, decision))
    shown = Shown(details_of=frozenset(row.id for row, _ in handled if with_details))
    views = await request_views(uow, [row for row, _ in handled], shown)
    for row, decision in handled:
        await record(
            uow,
            ctx,
            action,
            "allowed",
            decision=decision,
            object_type=OBJECT_REQUEST,
            object_id=row.id,
            file_id=row.file_id,
        )
    return views


async def _handled(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    action: Action,
    request_id: uuid.UUID,
    *,
    lock: bool = False,
) -> tuple[SubjectRequest, Decision]:
    """The request and the decision to handle it; a request the caller may not handle answers
    404 exactly like one that does not exist (the denial recorded)."""
    row = await uow.session.get(
        SubjectRequest,
        request_id,
        with_for_update=lock,
        options=[undefer(SubjectRequest.details_enc)],
    )
    decision = await handler_decision(uow, principal, action, row) if row else None
    if row is None or decision is None or not decision.allowed:
        await record(
            uow,
            ctx,
            action,
            "denied",
            decision=decision,
            object_type=OBJECT_REQUEST,
            object_id=request_id,
        )
        raise not_found()
    return row, decision


async def request_detail(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, request_id: uuid.UUID
) -> RequestView:
    """One request with its details and the history of its steps (their reasons)."""
    action = Action.RIGHTS_REQUEST_READ
    row, decision = await _handled(uow, principal, ctx, action, request_id)
    view = (
        await request_views(uow, [row], Shown(details_of=frozenset({row.id}), with_steps=True))
    )[0]
    await record(
        uow,
        ctx,
        action,
        "allowed",
        decision=decision,
        object_type=OBJECT_REQUEST,
        object_id=row.id,
        file_id=row.file_id,
    )
    return view


def _step_errors(data: StepIn, kind: str) -> list[dict[str, str]]:
    typed = (data.reason or "").strip()
    if data.step == "answer" and rules.answered_by_export(kind):
        # The family's export is the answer; its note is fixed, so no personal data is typed.
        if typed:
            message = f"must be empty: this {kind} request is answered with its fixed note"
            return [field_error("reason", message)]
        return []
    if data.step in rules.REASON_REQUIRED and not typed:
        what = "an outcome note" if data.step == "answer" else "a reason"
        return [field_error("reason", f"{data.step} needs {what}")]
    return []


def _note(data: StepIn, kind: str) -> str | None:
    """What the step keeps as its reason: the fixed note of an answered access or portability
    request, otherwise the text given (None when empty)."""
    if data.step == "answer":
        fixed = rules.fixed_answer_note(kind)
        if fixed is not None:
            return fixed
    return (data.reason or "").strip() or None


async def take_step(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, request_id: uuid.UUID, data: StepIn
) -> RequestView:
    """Move a request on: ``start``, ``extend`` (once, two more months, with a reason),
    ``answer`` (with an outcome note; an access or portability request without one: its note
    is the fixed text saying where the family finds its export) or ``refuse`` (with a reason).
    A step the request's status does not allow answers 409; the family is told of every step
    (never its content)."""
    action = Action.RIGHTS_REQUEST_STEP
    row, decision = await _handled(uow, principal, ctx, action, request_id, lock=True)

    async def refuse(problem: ProblemError) -> None:
        await record(
            uow,
            ctx,
            action,
            "denied",
            decision=decision,
            object_type=OBJECT_REQUEST,
            object_id=row.id,
            file_id=row.file_id,
        )
        raise problem

    errors = _step_errors(data, row.kind)
    if errors:
        await refuse(invalid("The step needs more.", errors))
    target = rules.next_status(row.status, data.step)
    if target is None:
        await refuse(
            ConflictError(f"A request that is {row.status} cannot take the step {data.step}.")
        )
    if row.file_id is None:
        # The file was purged and its key shredded: a reason can no longer be kept encrypted.
        await refuse(ConflictError("The file of this request was purged."))
    assert target is not None and row.file_id is not None
    now = uow.runtime.clock()
    key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, row.file_id)
    row.status = target
    if data.step == "extend":
        row.due_at = deadlines.extended_deadline(row.due_at)
        row.extended_at = now
    if target in rules.CLOSED_STATUSES:
        row.closed_at = now
    await uow.session.flush()
    await add_step(uow, principal, key, row, data.step, _note(data, row.kind))
    view = (
        await request_views(uow, [row], Shown(details_of=frozenset({row.id}), with_steps=True))
    )[0]
    await record(
        uow,
        ctx,
        action,
        "allowed",
        decision=decision,
        object_type=OBJECT_REQUEST,
        object_id=row.id,
        file_id=row.file_id,
    )
    return view


async def mark_answered(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    request_id: uuid.UUID,
    outcome: str | None,
) -> RequestView:
    """Mark a request answered from another flow (an erasure, a rectification), with
    ``outcome`` as its note (None for an access or portability request: its note is fixed):
    the same decision, transition check (409), family notice and audit event as the ``answer``
    step. Call it in that flow's unit of work."""
    return await take_step(uow, principal, ctx, request_id, StepIn(step="answer", reason=outcome))
