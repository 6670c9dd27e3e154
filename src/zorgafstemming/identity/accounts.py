"""Accounts: inviting, re-inviting, resetting the second factor, disabling, and reading them.

Every change is audited in the caller's unit of work. An administrator's or social worker's
change is decided again by Cedar with the account itself as resource (an administrator never
changes their own account; a social worker only creates family accounts); the host operator's
commands act outside Cedar.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import Decision
from zorgafstemming.db import new_id
from zorgafstemming.identity import account_fields, credentials, rules, totp
from zorgafstemming.identity.models import Account, ActivationToken, Organisation
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.identity.refusals import invalid
from zorgafstemming.problems import ConflictError, NotFoundError
from zorgafstemming.runtime import UnitOfWork

ACTIVATION_TTL = timedelta(days=7)
# An invited account, new or reset: no password, no second factor, not disabled; the person
# sets both up through an activation link.
_INVITED: dict[str, object] = {
    "status": "invited",
    "password_hash": None,
    "totp_secret_enc": None,
    "totp_confirmed": False,
    "totp_last_step": None,
    "disabled_at": None,
}

# reinvite or reset_mfa: a change that ends with a new activation token for the account.
Renewal = Callable[[UnitOfWork, AuditContext, Principal | None, uuid.UUID], Awaitable[str]]


@dataclass(frozen=True)
class AccountView:
    """An account without secrets; the email is decrypted only when asked for."""

    id: uuid.UUID
    role: Role
    organisation_id: uuid.UUID | None
    status: str
    email: str | None
    # A social worker who assigns colleagues of their organisation to files.
    is_coordinator: bool = False


def _decide(
    uow: UnitOfWork, actor: Principal | None, action: Action, account_id: uuid.UUID
) -> Decision | None:
    """The object-level decision on changing this account (None for the host operator).

    A refusal answers 404, like an unknown account would.
    """
    if actor is None:
        return None
    decision = uow.runtime.authz.decide(
        actor, action, {"type": "Account", "id": str(account_id), "attrs": {"role": "unknown"}}
    )
    if not decision.allowed:
        raise NotFoundError()
    return decision


async def _record_change(
    uow: UnitOfWork,
    ctx: AuditContext,
    action: Action,
    account_id: uuid.UUID,
    decision: Decision | None,
) -> None:
    await record(
        uow, ctx, action, "allowed", decision=decision, object_type="account", object_id=account_id
    )


async def _spend_activation_tokens(uow: UnitOfWork, account_id: uuid.UUID, now: datetime) -> None:
    await uow.session.execute(
        update(ActivationToken)
        .where(ActivationToken.account_id == account_id, ActivationToken.used_at.is_(None))
        .values(used_at=now)
    )


async def _new_activation_token(uow: UnitOfWork, account_id: uuid.UUID) -> str:
    """Invalidate earlier tokens of the account and make a fresh one-time token."""
    now = uow.runtime.clock()
    await _spend_activation_tokens(uow, account_id, now)
    token = secrets.token_urlsafe(32)
    uow.session.add(
        ActivationToken(
            id=new_id(),
            account_id=account_id,
            token_hash=credentials.secret_hash(token),
            created_at=now,
            expires_at=now + ACTIVATION_TTL,
        )
    )
    await uow.session.flush()
    return token


async def create_account(
    uow: UnitOfWork,
    ctx: AuditContext,
    actor: Principal | None,
    *,
    role: Role,
    email: str | None,
    organisation_id: uuid.UUID | None = None,
) -> tuple[uuid.UUID, str]:
    """Create an invited account; returns (account id, one-time activation token).

    One account per email address (409 otherwise), so an administrator cannot make a second
    account for themselves under their own address. ``actor`` is None for the host operator.
    """
    session, runtime = uow.session, uow.runtime
    normalised = rules.normalise_email(email) if email is not None else None
    if email is not None and normalised is None:
        raise invalid("email", "not an email address")
    problem = rules.account_shape_problem(role, organisation_id, normalised is not None)
    if problem is not None:
        raise invalid(*problem)
    if organisation_id is not None and await session.get(Organisation, organisation_id) is None:
        raise invalid("organisation_id", "no such organisation")
    account_id = new_id()
    decision = _decide(uow, actor, Action.IDENTITY_USER_CREATE, account_id)
    now = runtime.clock()
    blob = index = None
    if normalised is not None:
        key = await account_fields.accounts_key(uow)
        blob = account_fields.encrypt(runtime, key, account_id, "email", normalised)
        index = account_fields.email_index(runtime, normalised)
        taken = await session.scalar(select(Account.id).where(Account.email_index == index))
        if taken is not None:
            raise ConflictError("An account with this email address exists.")
    session.add(
        Account(
            id=account_id,
            role=role.value,
            organisation_id=organisation_id,
            email_enc=blob,
            email_index=index,
            created_at=now,
            updated_at=now,
            **_INVITED,
        )
    )
    try:
        await session.flush()
    except IntegrityError:
        raise ConflictError("An account with this email address exists.") from None
    token = await _new_activation_token(uow, account_id)
    await _record_change(uow, ctx, Action.IDENTITY_USER_CREATE, account_id, decision)
    return account_id, token


async def make_active(uow: UnitOfWork, account_id: uuid.UUID, password_hash: str) -> str:
    """Activate an invited account at once with this password hash and a fresh TOTP secret,
    which it returns; for the demo seed, where nobody goes through the activation link."""
    secret = totp.new_secret()
    key = await account_fields.accounts_key(uow)
    await uow.session.execute(
        update(Account)
        .where(Account.id == account_id)
        .values(
            status="active",
            password_hash=password_hash,
            totp_secret_enc=account_fields.encrypt(
                uow.runtime, key, account_id, "totp_secret", secret
            ),
            totp_confirmed=True,
        )
    )
    return secret


async def _account(uow: UnitOfWork, account_id: uuid.UUID) -> Account:
    account = await uow.session.get(Account, account_id)
    if account is None:
        raise NotFoundError()
    return account


async def _reset_credentials(
    uow: UnitOfWork, ctx: AuditContext, actor: Principal | None, account: Account, action: Action
) -> str:
    """End every session, clear password and TOTP, and issue a new activation token."""
    decision = _decide(uow, actor, action, account.id)
    now = uow.runtime.clock()
    await credentials.revoke_all(uow, account.id)
    await uow.session.execute(
        update(Account).where(Account.id == account.id).values(**_INVITED, updated_at=now)
    )
    token = await _new_activation_token(uow, account.id)
    await _record_change(uow, ctx, action, account.id, decision)
    return token


async def reinvite(
    uow: UnitOfWork, ctx: AuditContext, actor: Principal | None, account_id: uuid.UUID
) -> str:
    """Re-invite an account (forgotten password, disabled account): new activation token."""
    account = await _account(uow, account_id)
    return await _reset_credentials(uow, ctx, actor, account, Action.IDENTITY_USER_INVITE)


async def reset_mfa(
    uow: UnitOfWork, ctx: AuditContext, actor: Principal | None, account_id: uuid.UUID
) -> str:
    """Lost phone: the account must activate again (password and TOTP) with a new token."""
    account = await _account(uow, account_id)
    if account.status == "disabled":
        raise ConflictError("The account is disabled; re-invite it instead.")
    return await _reset_credentials(uow, ctx, actor, account, Action.IDENTITY_USER_RESET_MFA)


async def disable_account(
    uow: UnitOfWork, ctx: AuditContext, actor: Principal | None, account_id: uuid.UUID
) -> None:
    """Disable an account and end all its sessions and tokens in the same transaction."""
    account = await _account(uow, account_id)
    decision = _decide(uow, actor, Action.IDENTITY_USER_DISABLE, account.id)
    now = uow.runtime.clock()
    await uow.session.execute(
        update(Account)
        .where(Account.id == account.id)
        .values(status="disabled", disabled_at=now, updated_at=now)
    )
    await _spend_activation_tokens(uow, account.id, now)
    await credentials.revoke_all(uow, account.id)
    await _record_change(uow, ctx, Action.IDENTITY_USER_DISABLE, account.id, decision)


async def _email(uow: UnitOfWork, account: Account) -> str | None:
    if account.email_enc is None:
        return None
    key = await account_fields.accounts_key(uow)
    return account_fields.decrypt(uow.runtime, key, account.id, "email", account.email_enc)


async def _view(uow: UnitOfWork, account: Account) -> AccountView:
    return AccountView(
        account.id,
        Role(account.role),
        account.organisation_id,
        account.status,
        await _email(uow, account),
        account.is_coordinator,
    )


async def get_account(uow: UnitOfWork, account_id: uuid.UUID) -> AccountView:
    """One account with its email decrypted, or 404."""
    account = await uow.session.get(Account, account_id, options=[undefer(Account.email_enc)])
    if account is None:
        raise NotFoundError()
    return await _view(uow, account)


async def list_accounts(uow: UnitOfWork, *, limit: int, offset: int) -> list[AccountView]:
    """Accounts in creation order (ids are time-ordered), paginated."""
    rows = (
        await uow.session.scalars(
            select(Account)
            .options(undefer(Account.email_enc))
            .order_by(Account.id)
            .limit(limit)
            .offset(offset)
        )
    ).all()
    return [await _view(uow, a) for a in rows]


async def account_id_for_email(uow: UnitOfWork, email: str) -> uuid.UUID | None:
    """The account with this email address (lookup by blind index, confirmed by decrypting)."""
    normalised = rules.normalise_email(email)
    if normalised is None:
        return None
    index = account_fields.email_index(uow.runtime, normalised)
    account = (
        await uow.session.scalars(
            select(Account).options(undefer(Account.email_enc)).where(Account.email_index == index)
        )
    ).first()
    if account is None or await _email(uow, account) != normalised:
        return None
    return account.id
