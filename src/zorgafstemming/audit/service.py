"""The one audit function every domain uses: ``append`` in the caller's transaction."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.db import new_id

Outcome = Literal["allowed", "denied", "error"]


@dataclass(frozen=True)
class AuditContext:
    """Who acts and from where, for one request or command. Ids are raw; refs are made here."""

    actor_id: uuid.UUID | str | None = None
    actor_org_id: uuid.UUID | str | None = None
    actor_role: str | None = None
    request_id: str | None = None
    client_ip: str | None = None


def audit_ref(key: bytes, kind: str, value: uuid.UUID | str) -> str:
    """A stable pseudonymous reference: HMAC-SHA256 over ``kind:value`` under the audit key."""
    message = f"{kind}:{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


async def append(
    session: AsyncSession,
    key: bytes,
    ctx: AuditContext,
    *,
    action: str,
    outcome: Outcome,
    at: datetime,
    object_type: str | None = None,
    object_id: uuid.UUID | str | None = None,
    file_id: uuid.UUID | str | None = None,
    data_category: str | None = None,
    policy_id: str | None = None,
) -> uuid.UUID:
    """Insert one audit event in ``session``'s transaction; an error here must fail the request."""
    event_id = new_id()
    await session.execute(
        insert(AuditEvent).values(
            id=event_id,
            occurred_at=at,
            actor_ref=audit_ref(key, "account", ctx.actor_id) if ctx.actor_id else None,
            actor_org_ref=audit_ref(key, "organisation", ctx.actor_org_id)
            if ctx.actor_org_id
            else None,
            actor_role=ctx.actor_role,
            action=action,
            object_type=object_type,
            object_ref=audit_ref(key, object_type or "object", object_id) if object_id else None,
            file_ref=audit_ref(key, "file", file_id) if file_id else None,
            data_category=data_category,
            outcome=outcome,
            policy_id=policy_id,
            request_id=ctx.request_id,
            client_ref=audit_ref(key, "ip", ctx.client_ip) if ctx.client_ip else None,
        )
    )
    return event_id
