"""Telling the recipients of rectified or erased data (GDPR art. 19).

The recipients are found in the audit trail, which records every read: the organisations whose
staff had an allowed read of the file (of the member concerned, when an event names a member).
Each gets an in-app notice with no personal data — the kind and the file, which the notice list
shows as the file's short reference.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.identity.models import Organisation
from zorgafstemming.runtime import UnitOfWork

# The last part of an action that reads (as the family's access log counts a view).
READ_VERBS = ("read", "list", "view", "export", "check")
RECTIFIED = "data_rectified"
ERASED = "data_erased"


async def readers_of(
    session: AsyncSession,
    audit_key: bytes,
    file_id: uuid.UUID,
    *,
    about: tuple[str, uuid.UUID] | None = None,
) -> set[uuid.UUID]:
    """The organisations with an allowed read of file ``file_id`` in the audit trail.

    ``about`` (object type, id): an event that names another object of that type (another
    member) does not count; one about the file as a whole, or about this object, does."""
    by_ref = {
        audit_ref(audit_key, "organisation", org_id): org_id
        for org_id in (await session.scalars(select(Organisation.id))).all()
    }
    rows = await session.execute(
        select(AuditEvent.actor_org_ref, AuditEvent.object_type, AuditEvent.object_ref)
        .where(
            AuditEvent.file_ref == audit_ref(audit_key, "file", file_id),
            AuditEvent.outcome == "allowed",
            AuditEvent.actor_org_ref.is_not(None),
            or_(*(AuditEvent.action.like(f"%:{verb}") for verb in READ_VERBS)),
        )
        .distinct()
    )
    wanted = audit_ref(audit_key, about[0], about[1]) if about is not None else None
    found: set[uuid.UUID] = set()
    for org_ref, object_type, object_ref in rows:
        org_id = by_ref.get(org_ref or "")
        if org_id is None:
            continue
        if about is not None and object_type == about[0] and object_ref != wanted:
            continue
        found.add(org_id)
    return found


async def tell_recipients(
    uow: UnitOfWork,
    file_id: uuid.UUID,
    kind: str,
    *,
    about: tuple[str, uuid.UUID] | None = None,
    leaving_out: Iterable[uuid.UUID] = (),
) -> set[uuid.UUID]:
    """Notify every organisation that read the data (see :func:`readers_of`) but those in
    ``leaving_out`` (the organisation that made the change knows); the organisations told."""
    readers = await readers_of(
        uow.session, uow.runtime.secrets.audit_key, file_id, about=about
    ) - set(leaving_out)
    await notify(uow.session, uow.runtime.clock(), file_id, readers, kind)
    return readers
