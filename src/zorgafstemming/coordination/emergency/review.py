"""The DPO's side of emergency access: the queue of grants (newest first, keyset-paged; review
day and overdue flag from the working-day rule) and the review — justified or not, with a note,
optionally delaying when the family is told."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import undefer

from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, Outcome, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.emergency import rules
from zorgafstemming.coordination.emergency.access import grant_facts
from zorgafstemming.coordination.emergency.disclosure import reschedule_family_notice
from zorgafstemming.coordination.emergency.errors import AlreadyReviewed, GroundIncomplete
from zorgafstemming.coordination.emergency.models import EmergencyGrant
from zorgafstemming.coordination.emergency.schemas import (
    EmergencyQueueItem,
    EmergencyQueuePage,
    EmergencyReview,
    EmergencyReviewIn,
    GrantOrganisation,
)
from zorgafstemming.coordination.models import CoordinationFile
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import NotFoundError
from zorgafstemming.runtime import UnitOfWork

OBJECT_GRANT = "emergency_grant"
OBJECT_QUEUE = "emergency_grant_list"
_TEXTS = ("explanation", "review_note", "delay_reason")


def _statement(*where: Any) -> Any:
    return (
        select(EmergencyGrant, Organisation.name.label("organisation_name"))
        .join(CoordinationFile, CoordinationFile.id == EmergencyGrant.file_id)
        .join(Organisation, Organisation.id == EmergencyGrant.organisation_id)
        .where(CoordinationFile.status != "purged", *where)
        .options(*(undefer(getattr(EmergencyGrant, f"{t}_enc")) for t in _TEXTS))
        .order_by(EmergencyGrant.requested_at.desc(), EmergencyGrant.id.desc())
    )


async def _texts(uow: UnitOfWork, grant: EmergencyGrant) -> dict[str, str | None]:
    """The grant's free texts, decrypted under the file's key."""
    blobs = {t: getattr(grant, f"{t}_enc") for t in _TEXTS}
    if not any(blobs.values()):
        return dict.fromkeys(_TEXTS)
    cipher = uow.runtime.cipher
    key = await cipher.load_key(uow.session, FILE_OWNER, grant.file_id)
    if key is None:  # the file was shredded under us: nothing left to show
        return dict.fromkeys(_TEXTS)
    return {
        t: (
            cipher.decrypt(
                key, table="emergency_grants", column=t, row_id=grant.id, blob=bytes(blob)
            )
            if blob is not None
            else None
        )
        for t, blob in blobs.items()
    }


async def _item(uow: UnitOfWork, grant: EmergencyGrant, org_name: str) -> EmergencyQueueItem:
    now = uow.runtime.clock()
    texts = await _texts(uow, grant)
    facts = grant_facts(grant)
    review = None
    if grant.review_outcome is not None and grant.reviewed_at is not None:
        review = EmergencyReview(
            outcome=grant.review_outcome,  # type: ignore[arg-type]
            by_account_id=grant.reviewed_by_account_id,
            at=grant.reviewed_at,
            note=texts["review_note"] or "",
            delay_reason=texts["delay_reason"],
            delay_until=grant.delay_until,
        )
    return EmergencyQueueItem(
        id=grant.id,
        file_reference=file_reference(uow.runtime.secrets.audit_key, grant.file_id),
        holder_account_id=grant.account_id,
        organisation=GrantOrganisation(id=grant.organisation_id, name=org_name),
        ground=grant.ground,  # type: ignore[arg-type]
        explanation=texts["explanation"],
        member_roles=sorted(facts.member_roles),
        requested_at=grant.requested_at,
        expires_at=grant.expires_at,
        in_force=rules.in_force(facts, now),
        review_due=rules.review_due(grant.requested_at),
        overdue=rules.review_overdue(grant.requested_at, review is not None, now),
        family_told_at=rules.disclosed_at(grant.expires_at, grant.delay_until),
        review=review,
    )


async def _items(uow: UnitOfWork, rows: Sequence[Any]) -> list[EmergencyQueueItem]:
    return [await _item(uow, r.EmergencyGrant, r.organisation_name) for r in rows]


async def emergency_queue(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, *, after: str | None, limit: int
) -> EmergencyQueuePage:
    """Every emergency grant, newest request first by (requested_at, id), ``limit`` at a time
    after the cursor ``after``, for the DPO (``principal``; the route's guard decided)."""
    where = []
    position = read_after(after)
    if position is not None:
        where.append(beyond(EmergencyGrant.requested_at, EmergencyGrant.id, position))
    rows = list((await uow.session.execute(_statement(*where).limit(limit + 1))).all())
    page, next_cursor = one_page(
        rows, limit, lambda r: (r.EmergencyGrant.requested_at, r.EmergencyGrant.id)
    )
    items = await _items(uow, page)
    await record(uow, ctx, Action.EMERGENCY_GRANT_LIST, "allowed", object_type=OBJECT_QUEUE)
    return EmergencyQueuePage(items=items, next=next_cursor)


def _delay_problem(data: EmergencyReviewIn, grant: EmergencyGrant, now: datetime) -> str | None:
    if (data.delay_reason is None) != (data.delay_until is None):
        return "A delay needs both a reason and a last day."
    if data.delay_until is None:
        return None
    if data.delay_until < rules.local_day(now):
        return "The last day of the delay lies in the past."
    if data.delay_until > rules.local_day(now) + timedelta(days=rules.DELAY_MAX_DAYS):
        return f"A delay lasts at most {rules.DELAY_MAX_DAYS} days."
    if rules.disclosed_at(grant.expires_at, grant.delay_until) <= now:
        return "The family was told already; telling can no longer be delayed."
    return None


async def review_grant(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    grant_id: uuid.UUID,
    data: EmergencyReviewIn,
) -> EmergencyQueueItem:
    """Record the DPO's review of one grant (once; a review is final). A delay moves the
    family's notice (and the marking in their access log) to after its last day."""
    action = Action.EMERGENCY_GRANT_REVIEW
    row = (await uow.session.execute(_statement(EmergencyGrant.id == grant_id))).first()
    if row is None:
        await record(uow, ctx, action, "denied", object_type=OBJECT_GRANT, object_id=grant_id)
        raise NotFoundError("No such emergency grant.")
    grant: EmergencyGrant = row.EmergencyGrant
    now: datetime = uow.runtime.clock()
    refusal: Exception | None = None
    if grant.review_outcome is not None:
        refusal = AlreadyReviewed("This emergency grant was reviewed already.")
    elif problem := _delay_problem(data, grant, now):
        refusal = GroundIncomplete(problem)
    if refusal is not None:
        await record(
            uow,
            ctx,
            action,
            "denied",
            object_type=OBJECT_GRANT,
            object_id=grant_id,
            file_id=grant.file_id,
        )
        raise refusal
    cipher = uow.runtime.cipher
    key = await cipher.key_for(uow.session, FILE_OWNER, grant.file_id)

    def seal(column: str, value: str) -> bytes:
        return cipher.encrypt(
            key, table="emergency_grants", column=column, row_id=grant.id, value=value
        )

    grant.review_outcome = data.outcome
    grant.review_note_enc = seal("review_note", data.note)
    grant.reviewed_by_account_id = principal.account_id
    grant.reviewed_at = now
    if data.delay_reason is not None and data.delay_until is not None:
        grant.delay_reason_enc = seal("delay_reason", data.delay_reason)
        grant.delay_until = data.delay_until
        await uow.session.flush()
        await reschedule_family_notice(uow, grant)
    await uow.session.flush()
    await record(
        uow,
        ctx,
        action,
        "allowed",
        object_type=OBJECT_GRANT,
        object_id=grant_id,
        file_id=grant.file_id,
    )
    return await _item(uow, grant, row.organisation_name)


async def grant_for_review(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, grant_id: uuid.UUID
) -> EmergencyQueueItem:
    """One grant as the DPO reviews it (audited as a look at the queue); 404 when unknown."""
    row = (await uow.session.execute(_statement(EmergencyGrant.id == grant_id))).first()
    outcome: Outcome = "allowed" if row is not None else "denied"
    await record(
        uow,
        ctx,
        Action.EMERGENCY_GRANT_LIST,
        outcome,
        object_type=OBJECT_GRANT,
        object_id=grant_id,
        file_id=row.EmergencyGrant.file_id if row is not None else None,
    )
    if row is None:
        raise NotFoundError("No such emergency grant.")
    return await _item(uow, row.EmergencyGrant, row.organisation_name)
