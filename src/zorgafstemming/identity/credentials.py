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

from sqlalchemy import ColumnElement, bindparam, select, update

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import SystemAction
from zorgafstemming.db import new_id
from zorgafstemming.identity.models import Account, Credential
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.runtime import UnitOfWork

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
    uow: UnitOfWork, account_id: uuid.UUID, kind: CredentialKind
) -> tuple[str, uuid.UUID]:
    """Create a credential for ``account_id`` in the unit of work: (secret, id)."""
    runtime = uow.runtime
    now = runtime.clock()
    raw = new_secret()
    credential_id = new_id()
    uow.session.add(
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
    await uow.session.flush()
    return raw, credential_id


async def find(uow: UnitOfWork, raw: str, kind: CredentialKind) -> uuid.UUID | None:
    """The id of the credential of ``kind`` with this secret (live or not), or None."""
    return await uow.session.scalar(
        select(Credential.id).where(
            Credential.secret_hash == secret_hash(raw), Credential.kind == kind
        )
    )


# Every request runs it: built once, with the secret's hash and the kind bound per call.
_RESOLVE = (
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
    .where(
        Credential.secret_hash == bindparam("secret_hash"),
        Credential.kind == bindparam("kind"),
    )
)


async def resolve(
    uow: UnitOfWork, raw: str, kind: CredentialKind, *, commit_use: bool = False
) -> Principal | None:
    """The principal behind a presented secret, or None when it is unknown or no longer valid.

    ``commit_use``: the unit of work goes on to run the request itself, so the recorded use
    (``last_used_at``, at most once a ``TOUCH_INTERVAL``) is committed at once, to stand even
    when the request then fails.
    """
    if not raw or len(raw) > 256:
        return None
    runtime = uow.runtime
    now = runtime.clock()
    row = (
        await uow.session.execute(_RESOLVE, {"secret_hash": secret_hash(raw), "kind": kind})
    ).one_or_none()
    if row is None:
        return None
    cred_id, last_used, expires, revoked, account_id, role, org_id, status = row
    idle = timedelta(minutes=runtime.settings.session_idle_minutes)
    if revoked is not None or status != "active" or now >= expires or now >= last_used + idle:
        return None
    if now - last_used >= TOUCH_INTERVAL:
        await uow.session.execute(
            update(Credential).where(Credential.id == cred_id).values(last_used_at=now)
        )
        if commit_use:
            await uow.commit_and_continue()
    return Principal(
        account_id=account_id, role=Role(role), organisation_id=org_id, credential_id=cred_id
    )


async def revoke(uow: UnitOfWork, credential_id: uuid.UUID) -> bool:
    """Revoke one credential; True when it was live."""
    return await _revoke_where(uow, Credential.id == credential_id) > 0


async def revoke_all(uow: UnitOfWork, account_id: uuid.UUID) -> int:
    """Revoke every live credential of ``account_id``; returns how many."""
    return await _revoke_where(uow, Credential.account_id == account_id)


async def _revoke_where(uow: UnitOfWork, condition: ColumnElement[bool]) -> int:
    result = await uow.session.execute(
        update(Credential)
        .where(condition, Credential.revoked_at.is_(None))
        .values(revoked_at=uow.runtime.clock())
    )
    return int(getattr(result, "rowcount", 0))


async def record_event(
    uow: UnitOfWork, ctx: AuditContext, action: SystemAction, credential_id: uuid.UUID
) -> None:
    """Audit a token or session being issued or ended."""
    await record(uow, ctx, action, "allowed", object_type="credential", object_id=credential_id)
