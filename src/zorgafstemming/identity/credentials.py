"""Bearer tokens and web sessions: opaque random secrets, stored only as SHA-256 hashes.

A credential is usable while it is not revoked, not past its absolute expiry, used within the
idle timeout, and its account is active. Disabling an account revokes all its credentials in the
same transaction, and every request re-checks the account status.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.db import new_id
from zorgafstemming.identity.models import Account, Credential
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.runtime import Runtime

CredentialKind = Literal["token", "session"]
SECRET_BYTES = 32  # 256 random bits
# last_used_at is refreshed at most this often, so a busy client does not write on every request.
TOUCH_INTERVAL = timedelta(seconds=60)


def new_secret() -> str:
    """A fresh URL-safe secret of 256 random bits."""
    return secrets.token_urlsafe(SECRET_BYTES)


def secret_hash(secret: str) -> bytes:
    """SHA-256 of a high-entropy secret (a slow hash adds nothing at 256 bits)."""
    return hashlib.sha256(secret.encode("utf-8")).digest()


async def issue(
    session: AsyncSession, runtime: Runtime, account_id: uuid.UUID, kind: CredentialKind
) -> tuple[str, uuid.UUID]:
    """Create a credential for ``account_id`` in ``session``'s transaction: (secret, id)."""
    now = runtime.clock()
    raw = new_secret()
    credential_id = new_id()
    session.add(
        Credential(
            id=credential_id,
            account_id=account_id,
            kind=kind,
            secret_hash=secret_hash(raw),
            created_at=now,
            last_used_at=now,
            expires_at=now + timedelta(hours=runtime.settings.session_absolute_hours),
        )
    )
    await session.flush()
    return raw, credential_id


async def resolve(
    session: AsyncSession, runtime: Runtime, raw: str, kind: CredentialKind
) -> Principal | None:
    """The principal behind a presented secret, or None when it is unknown or no longer valid."""
    if not raw or len(raw) > 256:
        return None
    now = runtime.clock()
    row = (
        await session.execute(
            select(
                Credential.id,
                Credential.last_used_at,
                Credential.expires_at,
                Credential.revoked_at,
                Account.id,
                Account.role,
                Account.organisation_id,
                Account.status,
            )
            .join(Account, Account.id == Credential.account_id)
            .where(Credential.secret_hash == secret_hash(raw), Credential.kind == kind)
        )
    ).one_or_none()
    if row is None:
        return None
    cred_id, last_used, expires, revoked, account_id, role, org_id, status = row
    idle = timedelta(minutes=runtime.settings.session_idle_minutes)
    if revoked is not None or status != "active" or now >= expires or now >= last_used + idle:
        return None
    if now - last_used >= TOUCH_INTERVAL:
        await session.execute(
            update(Credential).where(Credential.id == cred_id).values(last_used_at=now)
        )
    return Principal(
        account_id=account_id, role=Role(role), organisation_id=org_id, credential_id=cred_id
    )


async def revoke(session: AsyncSession, runtime: Runtime, credential_id: uuid.UUID) -> bool:
    """Revoke one credential; True when it was live."""
    result = await session.execute(
        update(Credential)
        .where(Credential.id == credential_id, Credential.revoked_at.is_(None))
        .values(revoked_at=runtime.clock())
    )
    return bool(getattr(result, "rowcount", 0))


async def revoke_all(session: AsyncSession, runtime: Runtime, account_id: uuid.UUID) -> int:
    """Revoke every live credential of ``account_id``; returns how many."""
    result = await session.execute(
        update(Credential)
        .where(Credential.account_id == account_id, Credential.revoked_at.is_(None))
        .values(revoked_at=runtime.clock())
    )
    return int(getattr(result, "rowcount", 0))
