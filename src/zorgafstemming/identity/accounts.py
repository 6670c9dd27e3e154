"""Accounts: creating, resetting, disabling and reading them.

Every change is audited in the caller's unit of work. An administrator's or social worker's
change is decided again by Cedar with the account itself as resource (an administrator never
changes their own account, nor creates an administrator or DPO account alone; a social worker
only creates family accounts); the host operator's commands act outside Cedar. The use cases of
the administrator, which choose between acting at once and asking a second person, are in
``account_admin``; the requests themselves in ``account_changes``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import Decision, ref
from zorgafstemming.db import new_id
from zorgafstemming.identity import (
    account_fields,
    account_mail,
    activation_codes,
    credentials,
    rules,
    security_log,
    totp,
)
from zorgafstemming.identity.models import Account, Organisation
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.identity.refusals import invalid
from zorgafstemming.paging import one_id_page, read_after_id
from zorgafstemming.problems import ConflictError, NotFoundError
from zorgafstemming.runtime import UnitOfWork

# An invited account, new or reset: no password, no second factor, not disabled; the person
# sets both up through an activation link (or, for a family member, the letter's code).
INVITED: dict[str, object] = {
    "status": "invited",
    "password_hash": None,
    "totp_secret_enc": None,
    "totp_confirmed": False,
    "totp_last_step": None,
    "disabled_at": None,
}


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


def account_resource(
    account_id: uuid.UUID,
    role: str,
    status: str | None = None,
    organisation_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """The Cedar resource for an account: its role, and its status when known."""
    attrs: dict[str, Any] = {"role": role}
    if status is not None:
        attrs["status"] = status
    if organisation_id is not None:
        attrs["organisation"] = ref("Organisation", organisation_id)
    return {"type": "Account", "id": str(account_id), "attrs": attrs}


def resource_of(account: Account) -> dict[str, Any]:
    """The Cedar resource for a stored account."""
    return account_resource(account.id, account.role, account.status, account.organisation_id)


def decide(
    uow: UnitOfWork, actor: Principal | None, action: Action, resource: dict[str, Any]
) -> Decision | None:
    """The object-level decision on changing this account (None for the host operator).

    A refusal answers 404, like an unknown account would.
    """
    if actor is None:
        return None
    decision = uow.runtime.authz.decide(actor, action, resource)
    if not decision.allowed:
        raise NotFoundError()
    return decision


async def record_change(
    uow: UnitOfWork,
    ctx: AuditContext,
    action: Action,
    account_id: uuid.UUID | None,
    decision: Decision | None,
) -> None:
    """The audit event of one change to one account (None: an account that no longer exists)."""
    await record(
        uow, ctx, action, "allowed", decision=decision, object_type="account", object_id=account_id
    )


@dataclass(frozen=True)
class _CheckedShape:
    """A new account's role, normalised email and organisation, as :func:`_checked_shape` found
    them fit: the only input :func:`_insert` takes."""

    role: Role
    email: str | None
    organisation_id: uuid.UUID | None


async def _checked_shape(
    uow: UnitOfWork, role: Role, email: str | None, organisation_id: uuid.UUID | None
) -> _CheckedShape:
    """A new account's shape, its email normalised; 422 when it or its organisation do not fit."""
    normalised = rules.normalise_email(email) if email is not None else None
    if email is not None and normalised is None:
        raise invalid("email", "not an email address")
    problem = rules.account_shape_problem(role, organisation_id, normalised is not None)
    if problem is not None:
        raise invalid(*problem)
    if organisation_id is not None and await uow.session.get(Organisation, organisation_id) is None:
        raise invalid("organisation_id", "no such organisation")
    return _CheckedShape(role, normalised, organisation_id)


async def _insert(
    uow: UnitOfWork, account_id: uuid.UUID, shape: _CheckedShape, *, status: str
) -> None:
    session, runtime = uow.session, uow.runtime
    now = runtime.clock()
    email = shape.email
    blob = index = None
    if email is not None:
        key = await account_fields.accounts_key(uow)
        blob = account_fields.encrypt(runtime, key, account_id, "email", email)
        index = account_fields.email_index(runtime, email)
        taken = await session.scalar(select(Account.id).where(Account.email_index == index))
        if taken is not None:
            raise ConflictError("An account with this email address exists.")
    session.add(
        Account(
            id=account_id,
            role=shape.role.value,
            organisation_id=shape.organisation_id,
            email_enc=blob,
            email_index=index,
            created_at=now,
            updated_at=now,
            **{**INVITED, "status": status},
        )
    )
    try:
        await session.flush()
    except IntegrityError:
        raise ConflictError("An account with this email address exists.") from None


async def create_account(
    uow: UnitOfWork,
    ctx: AuditContext,
    actor: Principal | None,
    *,
    role: Role,
    email: str | None,
    organisation_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Create an invited account, without any activation credential yet; returns its id.

    One account per email address (409 otherwise), so an administrator cannot make a second
    account for themselves under their own address. ``actor`` is None for the host operator.
    The caller then mails a link (:func:`send_new_link`) or issues an in-person code.
    """
    shape = await _checked_shape(uow, role, email, organisation_id)
    account_id = new_id()
    decision = decide(
        uow,
        actor,
        Action.IDENTITY_USER_CREATE,
        account_resource(account_id, role.value, "invited", organisation_id),
    )
    await _insert(uow, account_id, shape, status="invited")
    await record_change(uow, ctx, Action.IDENTITY_USER_CREATE, account_id, decision)
    return account_id


async def insert_pending_account(
    uow: UnitOfWork, *, role: Role, email: str, organisation_id: uuid.UUID | None
) -> uuid.UUID:
    """An account that exists only once a second person approves it (status ``pending``): it
    cannot sign in or activate, and no link is sent. The request that names it is audited."""
    shape = await _checked_shape(uow, role, email, organisation_id)
    account_id = new_id()
    await _insert(uow, account_id, shape, status="pending")
    return account_id


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


async def load(uow: UnitOfWork, account_id: uuid.UUID) -> Account:
    """The stored account with its email loaded, or 404."""
    account = await uow.session.get(Account, account_id, options=[undefer(Account.email_enc)])
    if account is None:
        raise NotFoundError()
    return account


async def email_of(uow: UnitOfWork, account: Account) -> str | None:
    """The account's decrypted email address (None when it has none)."""
    if account.email_enc is None:
        return None
    key = await account_fields.accounts_key(uow)
    return account_fields.decrypt(uow.runtime, key, account.id, "email", account.email_enc)


async def mail_address(uow: UnitOfWork, account: Account) -> str:
    """The address an activation link goes to: the account's own, or a 409 when it has none
    (a family member who never activated gets a new letter from their file instead)."""
    email = await email_of(uow, account)
    if email is None:
        raise ConflictError("The account has no e-mail address to send a link to.")
    return email


async def send_new_link(uow: UnitOfWork, account: Account) -> str:
    """Issue a new one-time link (earlier ones stop working) and mail it to the account's own
    address; returns the token for the host operator's command only."""
    email = await mail_address(uow, account)
    token = await activation_codes.issue_link_token(uow, account.id)
    await account_mail.send_activation_link(uow, account.id, email, token)
    return token


async def reset_credentials(uow: UnitOfWork, account: Account) -> str:
    """End every session and token, clear password and TOTP, and mail a new activation link to
    the account's own address; returns the token for the host operator's command only."""
    email = await mail_address(uow, account)
    now = uow.runtime.clock()
    await credentials.revoke_all(uow, account.id)
    await uow.session.execute(
        update(Account).where(Account.id == account.id).values(**INVITED, updated_at=now)
    )
    token = await activation_codes.issue_link_token(uow, account.id)
    await account_mail.send_activation_link(uow, account.id, email, token)
    return token


async def disable_account(
    uow: UnitOfWork, ctx: AuditContext, actor: Principal | None, account_id: uuid.UUID
) -> None:
    """Disable an account and end all its sessions and tokens in the same transaction."""
    account = await load(uow, account_id)
    decision = decide(uow, actor, Action.IDENTITY_USER_DISABLE, resource_of(account))
    now = uow.runtime.clock()
    await uow.session.execute(
        update(Account)
        .where(Account.id == account.id)
        .values(status="disabled", disabled_at=now, updated_at=now)
    )
    await activation_codes.spend_all(uow, account.id, now)
    await credentials.revoke_all(uow, account.id)
    await security_log.note(uow, account.id, "disabled")
    await record_change(uow, ctx, Action.IDENTITY_USER_DISABLE, account.id, decision)


async def _view(uow: UnitOfWork, account: Account) -> AccountView:
    return AccountView(
        account.id,
        Role(account.role),
        account.organisation_id,
        account.status,
        await email_of(uow, account),
        account.is_coordinator,
    )


async def get_account(uow: UnitOfWork, account_id: uuid.UUID) -> AccountView:
    """One account with its email decrypted, or 404."""
    return await _view(uow, await load(uow, account_id))


async def list_accounts(
    uow: UnitOfWork, *, limit: int, after: str | None = None
) -> tuple[list[AccountView], str | None]:
    """Accounts in creation order (by id: ids are time-ordered), ``limit`` after the cursor
    ``after``, and the cursor of the next page (None on the last)."""
    position = read_after_id(after)
    stmt = select(Account).options(undefer(Account.email_enc)).order_by(Account.id)
    if position is not None:
        stmt = stmt.where(Account.id > position)
    rows, next_cursor = one_id_page(
        (await uow.session.scalars(stmt.limit(limit + 1))).all(), limit, lambda a: a.id
    )
    return [await _view(uow, a) for a in rows], next_cursor


async def list_accounts_audited(
    uow: UnitOfWork, ctx: AuditContext, *, limit: int, after: str | None = None
) -> tuple[list[AccountView], str | None]:
    """:func:`list_accounts`, audited as a read of the account list (it shows email addresses)."""
    read_after_id(after)  # a bad cursor is refused before the read is recorded
    await record(uow, ctx, Action.IDENTITY_USER_LIST, "allowed", object_type="account")
    return await list_accounts(uow, limit=limit, after=after)


async def emails_by_id(uow: UnitOfWork, ids: set[uuid.UUID]) -> dict[uuid.UUID, str | None]:
    """The decrypted email addresses of these accounts, in one query."""
    if not ids:
        return {}
    rows = (
        await uow.session.scalars(
            select(Account).options(undefer(Account.email_enc)).where(Account.id.in_(ids))
        )
    ).all()
    return {a.id: await email_of(uow, a) for a in rows}


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
    if account is None or await email_of(uow, account) != normalised:
        return None
    return account.id


async def never_activated(uow: UnitOfWork, account_id: uuid.UUID) -> bool:
    """Whether the account is a family account nobody has activated yet: invited, and without
    the sign-in address an activation sets (a reset after use keeps the address)."""
    row = (
        await uow.session.execute(
            select(Account.role, Account.status, Account.email_index).where(
                Account.id == account_id
            )
        )
    ).first()
    return (
        row is not None
        and row.role == Role.FAMILY.value
        and row.status == "invited"
        and row.email_index is None
    )
