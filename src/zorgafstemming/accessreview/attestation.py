"""The coordinator's side of the access review: the sampled accesses of their organisation's
accounts, and the answer to each ("nodig voor de zorg voor dit gezin" or "niet
gerechtvaardigd") with an optional note, kept encrypted.

Cedar decides with the facts computed here (is the caller their organisation's coordinator,
does the item's reader belong to it); an item of another organisation answers 404 exactly like
one that does not exist.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from zorgafstemming.accessreview import rules
from zorgafstemming.accessreview.models import AccessReviewItem
from zorgafstemming.accessreview.schemas import (
    AccessItem,
    AccessItemPage,
    AttestIn,
    Colleague,
    ItemStatus,
)
from zorgafstemming.audit.references import short_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity import colleagues
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import ConflictError, ForbiddenError, NotFoundError
from zorgafstemming.runtime import UnitOfWork

OBJECT_ITEM = "access_review_item"
OBJECT_LIST = "access_review_list"
# The notes are encrypted under a data key of their own owner, never the KEK directly.
NOTE_OWNER = ("access_reviews", uuid.UUID(int=0))


def item_status(due_at: datetime, answered_at: datetime | None, now: datetime) -> ItemStatus:
    """Answered, overdue (deadline passed without an answer) or open."""
    if answered_at is not None:
        return "answered"
    return "overdue" if rules.overdue(due_at, answered_at, now) else "open"


def _resource(organisation_id: uuid.UUID | None) -> dict[str, Any]:
    return {"type": "AccessReview", "id": str(organisation_id or uuid.UUID(int=0))}


async def _decide(
    uow: UnitOfWork, principal: Principal, action: Action, same_organisation: bool
) -> bool:
    coordinates = await colleagues.is_coordinator(uow, principal.account_id)
    decision = uow.runtime.authz.decide(
        principal,
        action,
        resource=_resource(principal.organisation_id),
        context={"is_coordinator": coordinates, "same_organisation": same_organisation},
    )
    return decision.allowed


async def _view(uow: UnitOfWork, rows: list[AccessReviewItem]) -> list[AccessItem]:
    now = uow.runtime.clock()
    emails: dict[uuid.UUID, str | None] = {}
    by_org: dict[uuid.UUID, set[uuid.UUID]] = {}
    for row in rows:
        if row.reader_account_id and row.reader_organisation_id:
            by_org.setdefault(row.reader_organisation_id, set()).add(row.reader_account_id)
    for org, ids in by_org.items():
        for worker in await colleagues.organisation_workers(
            uow, org, account_ids=ids, active_only=False
        ):
            emails[worker.id] = worker.email
    return [
        AccessItem(
            id=row.id,
            colleague=Colleague(
                account_id=row.reader_account_id,
                email=emails.get(row.reader_account_id) if row.reader_account_id else None,
            ),
            occurred_at=row.occurred_at,
            file_reference=short_reference(row.file_ref) if row.file_ref else None,
            action=row.action,
            reason=row.reason,  # type: ignore[arg-type]
            due_at=row.due_at,
            status=item_status(row.due_at, row.answered_at, now),
            answer=row.answer,  # type: ignore[arg-type]
            answered_at=row.answered_at,
        )
        for row in rows
    ]


async def coordinator_items(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    after: str | None,
    limit: int,
    open_only: bool = False,
) -> AccessItemPage:
    """The sampled accesses of the caller's organisation, newest first, for its coordinator;
    403 for any other worker."""
    action = Action.REVIEW_ACCESS_LIST
    if principal.organisation_id is None or not await _decide(uow, principal, action, True):
        await record(uow, ctx, action, "denied", object_type=OBJECT_LIST)
        raise ForbiddenError("Only your organisation's coordinator answers access reviews.")
    query = select(AccessReviewItem).where(
        AccessReviewItem.reader_organisation_id == principal.organisation_id
    )
    if open_only:
        query = query.where(AccessReviewItem.answered_at.is_(None))
    position = read_after(after)
    if position is not None:
        query = query.where(beyond(AccessReviewItem.occurred_at, AccessReviewItem.id, position))
    query = query.order_by(AccessReviewItem.occurred_at.desc(), AccessReviewItem.id.desc())
    rows = list((await uow.session.scalars(query.limit(limit + 1))).all())
    page, next_cursor = one_page(rows, limit, lambda r: (r.occurred_at, r.id))
    items = await _view(uow, page)
    await record(uow, ctx, action, "allowed", object_type=OBJECT_LIST)
    return AccessItemPage(items=items, next=next_cursor)


async def attest(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    item_id: uuid.UUID,
    data: AttestIn,
) -> AccessItem:
    """Record the coordinator's answer on one sampled access of their organisation; an
    answered item keeps its first answer (409)."""
    action = Action.REVIEW_ACCESS_ATTEST
    row = await uow.session.get(AccessReviewItem, item_id, with_for_update=True)
    same = row is not None and row.reader_organisation_id == principal.organisation_id
    if row is None or principal.organisation_id is None or not same:
        await record(uow, ctx, action, "denied", object_type=OBJECT_ITEM, object_id=item_id)
        raise NotFoundError("No such access to review.")
    if not await _decide(uow, principal, action, same):
        await record(uow, ctx, action, "denied", object_type=OBJECT_ITEM, object_id=item_id)
        raise ForbiddenError("Only your organisation's coordinator answers access reviews.")
    if row.answered_at is not None:
        await record(uow, ctx, action, "denied", object_type=OBJECT_ITEM, object_id=item_id)
        raise ConflictError("This access has been answered already.")
    runtime = uow.runtime
    note = (data.note or "").strip()
    if note:
        key = await runtime.cipher.key_for(uow.session, *NOTE_OWNER)
        row.note = runtime.cipher.encrypt(
            key, table="access_review_items", column="note", row_id=row.id, value=note
        )
    row.answer = data.answer
    row.answered_by_account_id = principal.account_id
    row.answered_at = runtime.clock()
    await uow.session.flush()
    await record(uow, ctx, action, "allowed", object_type=OBJECT_ITEM, object_id=item_id)
    return (await _view(uow, [row]))[0]


async def open_items_for(uow: UnitOfWork, principal: Principal) -> int | None:
    """How many sampled accesses of the caller's organisation wait for an answer, when the
    caller is its coordinator (None for anyone else); a count only, for the worker's start page."""
    if principal.organisation_id is None:
        return None
    if not await colleagues.is_coordinator(uow, principal.account_id):
        return None
    count = await uow.session.scalar(
        select(func.count(AccessReviewItem.id)).where(
            AccessReviewItem.reader_organisation_id == principal.organisation_id,
            AccessReviewItem.answered_at.is_(None),
        )
    )
    return int(count or 0)
