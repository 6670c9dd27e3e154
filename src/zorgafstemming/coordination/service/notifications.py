"""In-app notices to organisations: writing them (idempotently where they are derived) and
listing an organisation's notices."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.models import ConsentRecord, CoordinationFile
from zorgafstemming.coordination.notice_models import Notification
from zorgafstemming.coordination.schemas import NotificationPage, NotificationView
from zorgafstemming.coordination.service.facts_query import consent_end, consent_withdrawn
from zorgafstemming.db import new_id
from zorgafstemming.identity import colleagues
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.runtime import UnitOfWork


def insert_ignore(session: AsyncSession, model: Any, values: dict[str, Any]) -> Any:
    """An INSERT that does nothing when the row exists (idempotent lazy records)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model).values(**values).on_conflict_do_nothing()
    return sqlite.insert(model).values(**values).on_conflict_do_nothing()


async def notify(
    session: AsyncSession,
    now: datetime,
    file_id: uuid.UUID,
    organisations: Iterable[uuid.UUID],
    kind: str,
    consent_id: uuid.UUID | None = None,
    *,
    dedupe: str | None = None,
) -> None:
    """Tell each organisation about ``kind`` on a file; with ``dedupe``, once per key."""
    for organisation in sorted(set(organisations)):
        values: dict[str, Any] = {
            "id": uuid.uuid5(uuid.NAMESPACE_URL, f"{dedupe}:{organisation}")
            if dedupe
            else new_id(),
            "file_id": file_id,
            "organisation_id": organisation,
            "kind": kind,
            "consent_id": consent_id,
            "dedupe_key": f"{dedupe}:{organisation}"[:128] if dedupe else None,
            "created_at": now,
        }
        await session.execute(insert_ignore(session, Notification, values))


async def _remind_of_expiry(uow: UnitOfWork, org: uuid.UUID, now: datetime) -> None:
    """Create the reminders of consents that expire within 30 days on files ``org`` leads."""
    until = consent_end()
    due = await uow.session.execute(
        select(ConsentRecord.id, ConsentRecord.file_id, until.label("until"))
        .join(CoordinationFile, CoordinationFile.id == ConsentRecord.file_id)
        .where(
            CoordinationFile.lead_organisation_id == org,
            CoordinationFile.status == "open",
            ConsentRecord.valid_from <= now,
            until > now,
            until <= now + rules.EXPIRY_REMINDER,
            ~consent_withdrawn(),
        )
    )
    for row in due.all():
        await notify(
            uow.session,
            now,
            row.file_id,
            [org],
            "consent_expiring",
            row.id,
            dedupe=f"expiring:{row.id}:{row.until.isoformat()}",
        )


async def list_notifications(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> NotificationPage:
    """The caller's organisation's notices about the files the caller is assigned to (all of
    them for the organisation's coordinator, who assigns someone when a file arrives), newest
    first by (created_at, id), ``limit`` at a time after the cursor ``after``; reminders of
    consents that expire within 30 days on files it leads are created here if nobody read
    those files yet."""
    position = read_after(after)
    org = principal.organisation_id
    if org is not None:
        await _remind_of_expiry(uow, org, uow.runtime.clock())
    stmt = (
        select(Notification)
        .where(Notification.organisation_id == org)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit + 1)
    )
    if position is not None:
        stmt = stmt.where(beyond(Notification.created_at, Notification.id, position))
    if not await colleagues.is_coordinator(uow, principal.account_id):
        stmt = stmt.where(
            exists().where(
                FileAssignment.file_id == Notification.file_id,
                FileAssignment.account_id == principal.account_id,
                FileAssignment.organisation_id == org,
                FileAssignment.ended_at.is_(None),
            )
        )
    notices = (await uow.session.scalars(stmt)).all()
    await record(
        uow, ctx, Action.COORDINATION_NOTIFICATION_LIST, "allowed", object_type="notification_list"
    )
    page, next_cursor = one_page(notices, limit, lambda n: (n.created_at, n.id))
    # Only the view's fields leave the service, not the organisation or the dedupe key.
    items = msgspec.convert(page, list[NotificationView], from_attributes=True)
    key = uow.runtime.secrets.audit_key
    return NotificationPage(
        items=[msgspec.structs.replace(n, reference=file_reference(key, n.file_id)) for n in items],
        next=next_cursor,
    )
