"""What the uses of data-subject requests share: the objects their audit events name, how a
request is shown (its content only to whom may read it) and how a step is written and told to
the family."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import undefer

from zorgafstemming.audit.references import short_reference
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.models import CoordinationFile
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.coordination.service.family_notices import tell_family
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import NotFoundError
from zorgafstemming.rights import deadlines, rules
from zorgafstemming.rights.models import SubjectRequest, SubjectRequestStep
from zorgafstemming.rights.schemas import (
    RequestIn,
    RequestView,
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
# The staff notification the lead organisation gets of a request it handles (no content).
LEAD_NOTICE = "request_for_lead"


def not_found() -> NotFoundError:
    return NotFoundError(NO_SUCH_REQUEST)


def resource_of(request_id: uuid.UUID) -> dict[str, Any]:
    return {"type": "SubjectRequest", "id": str(request_id)}


# --- views ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """What a view of requests may show beyond the record: the content of which requests, and
    whether their steps (with their reasons and notes)."""

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


async def request_views(
    uow: UnitOfWork, rows: list[SubjectRequest], shown: Shown
) -> list[RequestView]:
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
                scope=r.scope,  # type: ignore[arg-type]
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


async def store_request(
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
        scope=data.scope,
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
    await add_step(uow, principal, key, row, "receive", None)
    if rules.lead_may_handle(data.kind):
        # The lead organisation handles a rectification or an objection: it hears of it now.
        lead = await uow.session.scalar(
            select(CoordinationFile.lead_organisation_id).where(CoordinationFile.id == file_id)
        )
        if lead is not None:
            await notify(uow.session, now, file_id, [lead], LEAD_NOTICE)
    return row


async def add_step(
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
