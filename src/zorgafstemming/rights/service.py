"""Data-subject requests: filing one (the family in the portal, or a partner's worker on the
family's behalf), the family's own list, the DPO's queue, one request and the steps that move it
on (start, extend, answer, refuse).

Each use case decides with Cedar on the facts it reads in the transaction that acts on them,
writes what it changes, tells the family in the portal (a notice naming the step, never the
request's content) and records the one audit event of the request (no personal data in it).
The details a requester wrote and the reasons of the steps are encrypted under the file's data
key; they are never shown in a list.

Other modules that complete a request in their own flow (an erasure, a rectification, an export
for an access request) call :func:`mark_answered`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import undefer

from zorgafstemming.audit.references import short_reference
from zorgafstemming.audit.service import AuditContext, audit_ref, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import Decision
from zorgafstemming.coordination import rules as coordination_rules
from zorgafstemming.coordination.family_rules import spoken_for
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import ConsentRequired
from zorgafstemming.coordination.service.facts import FILE_OWNER, load_facts
from zorgafstemming.coordination.service.family import memberships
from zorgafstemming.coordination.service.family_consent_views import file_members
from zorgafstemming.coordination.service.family_notices import tell_family
from zorgafstemming.coordination.service.gate import decide, gate_for
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import ConflictError, NotFoundError, ProblemError
from zorgafstemming.rights import deadlines, rules
from zorgafstemming.rights.models import SubjectRequest, SubjectRequestStep
from zorgafstemming.rights.schemas import (
    QueueFilter,
    RequestIn,
    RequestPage,
    RequestView,
    StepIn,
    StepView,
)
from zorgafstemming.runtime import UnitOfWork

OBJECT_REQUEST = "subject_request"
OBJECT_LIST = "subject_request_list"
TABLE, STEPS_TABLE = "subject_requests", "subject_request_steps"
DETAILS, REASON = "details_enc", "reason_enc"
# The portal notice each step leaves for the family (worded in Dutch by the portal).
NOTICE_OF_STEP = {
    "receive": "request_received",
    "start": "request_started",
    "extend": "request_extended",
    "answer": "request_answered",
    "refuse": "request_refused",
}
NO_SUCH_REQUEST = "No such request."


def _not_found() -> NotFoundError:
    return NotFoundError(NO_SUCH_REQUEST)


def _resource(request_id: uuid.UUID) -> dict[str, Any]:
    return {"type": "SubjectRequest", "id": str(request_id)}


# --- views ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """What a view of requests may show beyond the record: the content of which requests."""

    details_of: frozenset[uuid.UUID] = frozenset()
    with_steps: bool = False


def _decrypt(
    uow: UnitOfWork, key: DataKey | None, table: str, row_id: uuid.UUID, blob: Any
) -> str | None:
    if key is None or blob is None:
        return None
    column = DETAILS if table == TABLE else REASON
    return uow.runtime.cipher.decrypt(key, table=table, column=column, row_id=row_id, blob=blob)


async def _keys(uow: UnitOfWork, file_ids: set[uuid.UUID | None]) -> dict[uuid.UUID, DataKey]:
    """The data keys of the files still there (a purged file's request has no file)."""
    cipher, session = uow.runtime.cipher, uow.session
    return {f: await cipher.key_for(session, FILE_OWNER, f) for f in file_ids if f is not None}


async def _views(uow: UnitOfWork, rows: list[SubjectRequest], shown: Shown) -> list[RequestView]:
    now = uow.runtime.clock()
    wanted = {r.file_id for r in rows if r.id in shown.details_of or shown.with_steps}
    keys = await _keys(uow, wanted)
    steps: dict[uuid.UUID, list[StepView]] = {}
    if shown.with_steps and rows:
        found = await uow.session.scalars(
            select(SubjectRequestStep)
            .options(undefer(SubjectRequestStep.reason_enc))
            .where(SubjectRequestStep.request_id.in_([r.id for r in rows]))
            .order_by(SubjectRequestStep.at, SubjectRequestStep.id)
        )
        for step in found:
            key = keys.get(step.file_id) if step.file_id is not None else None
            steps.setdefault(step.request_id, []).append(
                StepView(
                    step=step.step,  # type: ignore[arg-type]
                    at=step.at,
                    actor_role=step.actor_role,
                    organisation_id=step.actor_organisation_id,
                    reason=_decrypt(uow, key, STEPS_TABLE, step.id, step.reason_enc),
                )
            )
    views = []
    for r in rows:
        key = keys.get(r.file_id) if r.file_id is not None else None
        details = (
            _decrypt(uow, key, TABLE, r.id, r.details_enc) if r.id in shown.details_of else None
        )
        views.append(
            RequestView(
                id=r.id,
                kind=r.kind,  # type: ignore[arg-type]
                status=r.status,  # type: ignore[arg-type]
                reference=short_reference(r.file_ref),
                file_id=r.file_id,
                member_id=r.member_id,
                channel=r.channel,  # type: ignore[arg-type]
                filed_by_organisation_id=r.filed_by_organisation_id,
                received_at=r.received_at,
                due_at=r.due_at,
                due_date=deadlines.due_day(r.due_at),
                extended=r.extended_at is not None,
                overdue=deadlines.is_overdue(r.due_at, now, still_open=rules.is_open(r.status)),
                closed_at=r.closed_at,
                details=details,
                steps=steps.get(r.id, []) if shown.with_steps else None,
            )
        )
    return views


# --- filing ----------------------------------------------------------------------------------


async def _store(
    uow: UnitOfWork,
    principal: Principal,
    key: DataKey,
    file_id: uuid.UUID,
    data: RequestIn,
    *,
    requester_member_id: uuid.UUID | None,
    on_behalf_of: uuid.UUID | None,
) -> SubjectRequest:
    """Write a received request (and its first step) and tell the family."""
    runtime, now = uow.runtime, uow.runtime.clock()
    request_id = new_id()
    row = SubjectRequest(
        id=request_id,
        file_id=file_id,
        file_ref=audit_ref(runtime.secrets.audit_key, "file", file_id),
        member_id=data.member_id,
        requester_member_id=requester_member_id,
        kind=data.kind,
        status="received",
        channel="on_behalf" if on_behalf_of is not None else "family_portal",
        filed_by_account_id=principal.account_id,
        filed_by_organisation_id=on_behalf_of,
        received_at=now,
        due_at=deadlines.answer_deadline(now),
        details_enc=runtime.cipher.encrypt(
            key, table=TABLE, column=DETAILS, row_id=request_id, value=data.details
        ),
    )
    uow.session.add(row)
    await uow.session.flush()
    await _add_step(uow, principal, key, row, "receive", None)
    return row


async def _add_step(
    uow: UnitOfWork,
    principal: Principal,
    key: DataKey,
    row: SubjectRequest,
    step: str,
    reason: str | None,
) -> None:
    runtime, now = uow.runtime, uow.runtime.clock()
    step_id = new_id()
    uow.session.add(
        SubjectRequestStep(
            id=step_id,
            request_id=row.id,
            file_id=row.file_id,
            step=step,
            actor_account_id=principal.account_id,
            actor_role=principal.role.value,
            actor_organisation_id=principal.organisation_id,
            at=now,
            reason_enc=(
                runtime.cipher.encrypt(
                    key, table=STEPS_TABLE, column=REASON, row_id=step_id, value=reason
                )
                if reason
                else None
            ),
        )
    )
    await uow.session.flush()
    if row.file_id is not None and row.member_id is not None:
        await tell_family(
            uow,
            row.file_id,
            key,
            covered=[row.member_id],
            kind=NOTICE_OF_STEP[step],
            consent_id=None,
            actor_organisation_id=principal.organisation_id,
        )


async def file_own_request(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, data: RequestIn
) -> RequestView:
    """A family member files a request about themselves (12 or older) or a child under 12 they
    represent; the member names the file. Anyone else's member answers 422 on ``member_id``."""
    action = Action.RIGHTS_REQUEST_FILE
    session, cipher, now = uow.session, uow.runtime.cipher, uow.runtime.clock()
    wrong_member = invalid(
        "You may file a request only about yourself (12 or older) or a child under 12 you "
        "represent.",
        [field_error("member_id", "names nobody you may file a request for")],
    )
    file_id = await session.scalar(select(Member.file_id).where(Member.id == data.member_id))
    mine = await memberships(uow, principal.account_id, file_id) if file_id else []
    decision: Decision | None = None
    if file_id is not None and mine:
        key = await cipher.key_for(session, FILE_OWNER, file_id)
        members = await file_members(uow, file_id, key)
        viewer = members[mine[0].id]
        speaks = data.member_id in spoken_for(viewer, [data.member_id], members, now)
        decision = uow.runtime.authz.decide(
            principal, action, _resource(data.member_id), {"speaks_for": speaks}
        )
        if decision.allowed:
            row = await _store(
                uow, principal, key, file_id, data, requester_member_id=viewer.id, on_behalf_of=None
            )
            await record(
                uow,
                ctx,
                action,
                "allowed",
                decision=decision,
                object_type=OBJECT_REQUEST,
                object_id=row.id,
                file_id=file_id,
            )
            return (await _views(uow, [row], Shown(details_of=frozenset({row.id}))))[0]
    await record(
        uow,
        ctx,
        action,
        "denied",
        decision=decision,
        object_type=OBJECT_REQUEST,
        file_id=file_id if mine else None,
    )
    raise wrong_member


async def file_request_on_behalf(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID, data: RequestIn
) -> RequestView:
    """A partner's worker, assigned to the open file, files a request on the family's behalf
    about a member whom a consent in force covers for their organisation (otherwise 422
    ``consent-required``); it is recorded as filed on behalf, by that organisation."""
    action = Action.RIGHTS_REQUEST_PROXY
    gate = await gate_for(uow, principal, ctx, action, file_id, object_type=OBJECT_REQUEST)
    facts = await gate.open_facts("The file is closed; file the request with the DPO.")
    org = principal.organisation_id
    assert org is not None
    now = uow.runtime.clock()
    if data.member_id not in facts.members:
        await gate.refuse(
            invalid(
                "The member is not one of this file.",
                [field_error("member_id", "names no member of this file")],
            )
        )
    purpose = vocabulary().purpose_of(action.value)
    covered = coordination_rules.covered_categories(
        facts.consents, facts.members, organisation=org, purpose=purpose, at=now
    )
    gate.decision = decide(
        uow.runtime,
        principal,
        action,
        file_id,
        participant=facts.is_participant,
        consent_covers=data.member_id in covered,
        is_lead=facts.lead == org,
        file_open=facts.is_open,
        assigned=facts.assigned,
        is_coordinator=facts.is_coordinator,
    )
    if not gate.allowed:
        await gate.refuse(
            ConsentRequired("No consent in force covers this member for your organisation.")
        )
    key = facts.key or await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, file_id)
    row = await _store(
        uow, principal, key, file_id, data, requester_member_id=None, on_behalf_of=org
    )
    await gate.allow(object_id=row.id)
    return (await _views(uow, [row], Shown(details_of=frozenset({row.id}))))[0]


# --- the family's list ---------------------------------------------------------------------


@dataclass(frozen=True)
class SubjectChoice:
    """A member a family account may file a request about: themselves, or a child under 12
    they represent (given name only, and the file's short reference)."""

    member_id: uuid.UUID
    given_name: str
    reference: str
    is_self: bool


@dataclass
class _Family:
    """The caller's memberships (``mine``) and the members they speak for (``about``), with
    the file of each and its key."""

    mine: set[uuid.UUID]
    about: dict[uuid.UUID, tuple[uuid.UUID, DataKey]]


async def _family(uow: UnitOfWork, principal: Principal) -> _Family:
    now = uow.runtime.clock()
    found = _Family(set(), {})
    for membership in await memberships(uow, principal.account_id):
        key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, membership.file_id)
        members = await file_members(uow, membership.file_id, key)
        viewer = members[membership.id]
        found.mine.add(viewer.id)
        for member_id in spoken_for(viewer, members, members, now) | {viewer.id}:
            found.about[member_id] = (membership.file_id, key)
    return found


async def _choices(uow: UnitOfWork, family: _Family) -> list[SubjectChoice]:
    if not family.about:
        return []
    rows = await uow.session.execute(
        select(Member.id, Member.file_id, Member.given_name_enc)
        .where(Member.id.in_(sorted(family.about)), Member.ended_at.is_(None))
        .order_by(Member.file_id, Member.id)
    )
    cipher, audit_key = uow.runtime.cipher, uow.runtime.secrets.audit_key
    choices = []
    for row in rows:
        _, key = family.about[row.id]
        name = cipher.decrypt(
            key, table="members", column="given_name_enc", row_id=row.id, blob=row.given_name_enc
        )
        reference = short_reference(audit_ref(audit_key, "file", row.file_id))
        choices.append(SubjectChoice(row.id, name, reference, row.id in family.mine))
    # Oneself first, then the children, per file.
    return sorted(choices, key=lambda c: (c.reference, not c.is_self, c.given_name))


async def _my_page(
    uow: UnitOfWork, family: _Family, *, limit: int, position: tuple[Any, uuid.UUID] | None
) -> RequestPage:
    rows: list[SubjectRequest] = []
    if family.mine:
        query = (
            select(SubjectRequest)
            .options(undefer(SubjectRequest.details_enc))
            .where(
                or_(
                    SubjectRequest.member_id.in_(sorted(family.about)),
                    SubjectRequest.requester_member_id.in_(sorted(family.mine)),
                )
            )
        )
        if position is not None:
            query = query.where(beyond(SubjectRequest.received_at, SubjectRequest.id, position))
        query = query.order_by(SubjectRequest.received_at.desc(), SubjectRequest.id.desc())
        rows = list((await uow.session.scalars(query.limit(limit + 1))).all())
    page, next_cursor = one_page(rows, limit, lambda r: (r.received_at, r.id))
    filed = frozenset(r.id for r in page if r.requester_member_id in family.mine)
    items = await _views(uow, page, Shown(details_of=filed))
    return RequestPage(items=items, next=next_cursor)


async def my_requests(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> RequestPage:
    """The requests about the caller and the children under 12 they represent (and those they
    filed), newest first by (received_at, id); the details only of those they filed."""
    action = Action.RIGHTS_REQUEST_MINE
    try:
        position = read_after(after)
    except ProblemError:
        await record(uow, ctx, action, "denied", object_type=OBJECT_LIST)
        raise
    page = await _my_page(uow, await _family(uow, principal), limit=limit, position=position)
    await record(uow, ctx, action, "allowed", object_type=OBJECT_LIST)
    return page


async def my_requests_with_choices(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> tuple[RequestPage, list[SubjectChoice]]:
    """:func:`my_requests` and the members the caller may file a request about (the portal's
    form), read in one go with one audit event."""
    action = Action.RIGHTS_REQUEST_MINE
    try:
        position = read_after(after)
    except ProblemError:
        await record(uow, ctx, action, "denied", object_type=OBJECT_LIST)
        raise
    family = await _family(uow, principal)
    page = await _my_page(uow, family, limit=limit, position=position)
    choices = await _choices(uow, family)
    await record(uow, ctx, action, "allowed", object_type=OBJECT_LIST)
    return page, choices


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
    items = await _views(uow, page, Shown())
    await record(uow, ctx, action, "allowed", object_type=OBJECT_LIST)
    return RequestPage(items=items, next=next_cursor)


async def _handler_decision(
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
        _resource(row.id),
        {"kind": row.kind, "is_lead": is_lead, "assigned": assigned},
    )


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
    decision = await _handler_decision(uow, principal, action, row) if row else None
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
        raise _not_found()
    return row, decision


async def request_detail(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, request_id: uuid.UUID
) -> RequestView:
    """One request with its details and the history of its steps (their reasons)."""
    action = Action.RIGHTS_REQUEST_READ
    row, decision = await _handled(uow, principal, ctx, action, request_id)
    view = (await _views(uow, [row], Shown(details_of=frozenset({row.id}), with_steps=True)))[0]
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


def _step_errors(data: StepIn) -> list[dict[str, str]]:
    if data.step in rules.REASON_REQUIRED and not (data.reason or "").strip():
        what = "an outcome note" if data.step == "answer" else "a reason"
        return [field_error("reason", f"{data.step} needs {what}")]
    return []


async def take_step(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, request_id: uuid.UUID, data: StepIn
) -> RequestView:
    """Move a request on: ``start``, ``extend`` (once, two more months, with a reason),
    ``answer`` (with an outcome note) or ``refuse`` (with a reason). A step the request's status
    does not allow answers 409; the family is told of every step (never its content)."""
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

    errors = _step_errors(data)
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
    await _add_step(uow, principal, key, row, data.step, (data.reason or "").strip() or None)
    view = (await _views(uow, [row], Shown(details_of=frozenset({row.id}), with_steps=True)))[0]
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
    outcome: str,
) -> RequestView:
    """Mark a request answered from another flow (an erasure, a rectification, an export),
    with ``outcome`` as its note: the same decision, transition check (409), family notice and
    audit event as the ``answer`` step. Call it in that flow's unit of work."""
    return await take_step(uow, principal, ctx, request_id, StepIn(step="answer", reason=outcome))
