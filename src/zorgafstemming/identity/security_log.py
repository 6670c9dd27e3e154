"""An account's own security activity: what happened to it, when, from which address and device.

The account holder sees this list (sign-ins, exports, resets, approvals); every package notes an
event here in the unit of work of the change itself. The address and device are personal data,
so they are encrypted under the accounts' key; nothing of it reaches the audit trail.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.crypto.fields import ACCOUNTS_OWNER
from zorgafstemming.db import new_id
from zorgafstemming.identity.devices import describe_device
from zorgafstemming.identity.models import SecurityEvent
from zorgafstemming.paging import beyond
from zorgafstemming.runtime import UnitOfWork

SecurityKind = Literal[
    "activation",
    "sign-in",
    "export",
    "mfa-reset",
    "reinvite",
    "change-requested",
    "change-approved",
    "change-rejected",
    "disabled",
]


class Client(msgspec.Struct, frozen=True):
    """Where a request came from, as the account holder would recognise it (stored encrypted
    as JSON)."""

    address: str | None = None
    device: str | None = None


@dataclass(frozen=True)
class SecurityEntry:
    """One line of the account holder's security activity."""

    kind: str
    occurred_at: datetime
    client: Client
    id: uuid.UUID


def client_of(ctx: AuditContext) -> Client:
    """The address and device of the request behind ``ctx``, as the account holder sees them
    (the device described from its User-Agent, never the header itself)."""
    return Client(address=ctx.client_ip, device=describe_device(ctx.user_agent))


async def note(
    uow: UnitOfWork,
    account_id: uuid.UUID,
    kind: SecurityKind,
    client: Client | None = None,
    *,
    device_ref: bytes | None = None,
) -> None:
    """Add one event to the account's security activity, in the caller's unit of work."""
    runtime = uow.runtime
    event_id = new_id()
    blob = None
    if client is not None and (client.address or client.device):
        key = await runtime.cipher.key_for(uow.session, *ACCOUNTS_OWNER)
        plain = msgspec.json.encode(client).decode()
        blob = runtime.cipher.encrypt(
            key, table="account_security_events", column="client", row_id=event_id, value=plain
        )
    uow.session.add(
        SecurityEvent(
            id=event_id,
            account_id=account_id,
            kind=kind,
            occurred_at=runtime.clock(),
            client_enc=blob,
            device_ref=device_ref,
        )
    )
    await uow.session.flush()


async def recent(
    uow: UnitOfWork,
    account_id: uuid.UUID,
    *,
    limit: int = 50,
    before: tuple[datetime, uuid.UUID] | None = None,
) -> list[SecurityEntry]:
    """The account's latest security events, newest first, with address and device decrypted;
    ``before`` (a time and id) continues a list after its last row."""
    runtime = uow.runtime
    query = (
        select(SecurityEvent)
        .options(undefer(SecurityEvent.client_enc))
        .where(SecurityEvent.account_id == account_id)
        .order_by(SecurityEvent.occurred_at.desc(), SecurityEvent.id.desc())
        .limit(limit)
    )
    if before is not None:
        query = query.where(beyond(SecurityEvent.occurred_at, SecurityEvent.id, before))
    rows = (await uow.session.scalars(query)).all()
    key = await runtime.cipher.key_for(uow.session, *ACCOUNTS_OWNER) if rows else None
    entries = []
    for row in rows:
        client = Client()
        if row.client_enc is not None and key is not None:
            plain = runtime.cipher.decrypt(
                key,
                table="account_security_events",
                column="client",
                row_id=row.id,
                blob=row.client_enc,
            )
            client = msgspec.json.decode(plain, type=Client)
        entries.append(SecurityEntry(row.kind, row.occurred_at, client, row.id))
    return entries
