"""Identity services: organisations, accounts, activation, sign-in, tokens and disabling.

Every change is audited through :func:`zorgafstemming.audit.service.append` in the same
transaction. Password hashing never runs inside a transaction: SQLite has one connection, and
holding it for ~50 ms per hash would serialise the whole service behind logins.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext, append
from zorgafstemming.crypto.fields import ACCOUNTS_OWNER
from zorgafstemming.db import new_id
from zorgafstemming.identity import credentials, passwords, ratelimit, rules, totp
from zorgafstemming.identity.models import Account, ActivationToken, Credential, Organisation
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.problems import (
    ConflictError,
    NotFoundError,
    UnauthorizedError,
    ValidationFailed,
)
from zorgafstemming.runtime import Runtime

ACTIVATION_TTL = timedelta(days=7)
NO_CREDENTIAL = uuid.UUID(int=0)
EMAIL_INDEX_COLUMN = "accounts.email"
SIGN_IN_FAILED = "Sign-in failed."


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(
        "The request breaks a rule.", extra={"errors": [{"field": field, "message": message}]}
    )


def _token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


def _sign_in_failed() -> UnauthorizedError:
    return UnauthorizedError(SIGN_IN_FAILED)


# ---- organisations --------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationView:
    id: uuid.UUID
    slug: str
    name: str
    kind: str
    municipality: str


def _org_view(org: Organisation) -> OrganisationView:
    return OrganisationView(org.id, org.slug, org.name, org.kind, org.municipality)


async def create_organisation(
    session: AsyncSession,
    runtime: Runtime,
    ctx: AuditContext,
    *,
    slug: str,
    name: str,
    kind: str,
    municipality: str,
) -> OrganisationView:
    """Add a partner organisation; slugs are unique."""
    if not rules.slug_is_valid(slug):
        raise _invalid("slug", "lower-case letters, digits and hyphens, at most 64")
    if not name.strip() or len(name) > 200:
        raise _invalid("name", "between 1 and 200 characters")
    if kind not in rules.ORGANISATION_KINDS:
        raise _invalid("kind", "one of " + ", ".join(rules.ORGANISATION_KINDS))
    if municipality not in rules.MUNICIPALITIES:
        raise _invalid("municipality", "one of " + ", ".join(rules.MUNICIPALITIES))
    exists = await session.scalar(select(Organisation.id).where(Organisation.slug == slug))
    if exists is not None:
        raise ConflictError("An organisation with this slug exists.")
    org = Organisation(
        id=new_id(),
        slug=slug,
        name=name.strip(),
        kind=kind,
        municipality=municipality,
        created_at=runtime.clock(),
    )
    session.add(org)
    await session.flush()
    await append(
        session,
        runtime.secrets.audit_key,
        ctx,
        action="identity:organisation:create",
        outcome="allowed",
        at=runtime.clock(),
        object_type="organisation",
        object_id=org.id,
        policy_id="admin-manages-organisations",
    )
    return _org_view(org)


async def list_organisations(session: AsyncSession) -> list[OrganisationView]:
    """Every partner organisation, by slug."""
    rows = (await session.scalars(select(Organisation).order_by(Organisation.slug))).all()
    return [_org_view(o) for o in rows]


async def get_organisation(session: AsyncSession, organisation_id: uuid.UUID) -> OrganisationView:
    """One organisation, or 404."""
    org = await session.get(Organisation, organisation_id)
    if org is None:
        raise NotFoundError()
    return _org_view(org)


# ---- accounts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountView:
    """An account without secrets; the email is decrypted only when asked for."""

    id: uuid.UUID
    role: Role
    organisation_id: uuid.UUID | None
    status: str
    email: str | None


async def _encrypt_email(
    session: AsyncSession, runtime: Runtime, account_id: uuid.UUID, email: str
) -> tuple[bytes, bytes]:
    key = await runtime.cipher.key_for(session, *ACCOUNTS_OWNER)
    blob = runtime.cipher.encrypt(
        key, table="accounts", column="email", row_id=account_id, value=email
    )
    return blob, runtime.cipher.blind_index(EMAIL_INDEX_COLUMN, email)


async def _decrypt_email(session: AsyncSession, runtime: Runtime, account: Account) -> str | None:
    if account.email_enc is None:
        return None
    key = await runtime.cipher.key_for(session, *ACCOUNTS_OWNER)
    return runtime.cipher.decrypt(
        key, table="accounts", column="email", row_id=account.id, blob=account.email_enc
    )


async def _new_activation_token(
    session: AsyncSession, runtime: Runtime, account_id: uuid.UUID
) -> str:
    """Invalidate earlier tokens of the account and make a fresh one-time token."""
    now = runtime.clock()
    await session.execute(
        update(ActivationToken)
        .where(ActivationToken.account_id == account_id, ActivationToken.used_at.is_(None))
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        ActivationToken(
            id=new_id(),
            account_id=account_id,
            token_hash=_token_hash(token),
            created_at=now,
            expires_at=now + ACTIVATION_TTL,
        )
    )
    await session.flush()
    return token


async def create_account(
    session: AsyncSession,
    runtime: Runtime,
    ctx: AuditContext,
    *,
    role: Role,
    email: str | None,
    organisation_id: uuid.UUID | None = None,
) -> tuple[uuid.UUID, str]:
    """Create an invited account; returns (account id, one-time activation token).

    One account per email address (409 otherwise), so an administrator cannot make a second
    account for themselves under their own address.
    """
    normalised = rules.normalise_email(email) if email is not None else None
    if email is not None and normalised is None:
        raise _invalid("email", "not an email address")
    problem = rules.account_shape_problem(role, organisation_id, normalised is not None)
    if problem is not None:
        raise _invalid(*problem)
    if organisation_id is not None and await session.get(Organisation, organisation_id) is None:
        raise _invalid("organisation_id", "no such organisation")
    account_id = new_id()
    now = runtime.clock()
    blob = index = None
    if normalised is not None:
        blob, index = await _encrypt_email(session, runtime, account_id, normalised)
        taken = await session.scalar(select(Account.id).where(Account.email_index == index))
        if taken is not None:
            raise ConflictError("An account with this email address exists.")
    session.add(
        Account(
            id=account_id,
            role=role.value,
            organisation_id=organisation_id,
            status="invited",
            email_enc=blob,
            email_index=index,
            totp_confirmed=False,
            created_at=now,
            updated_at=now,
        )
    )
    try:
        await session.flush()
    except IntegrityError:
        raise ConflictError("An account with this email address exists.") from None
    token = await _new_activation_token(session, runtime, account_id)
    await append(
        session,
        runtime.secrets.audit_key,
        ctx,
        action="identity:user:create",
        outcome="allowed",
        at=now,
        object_type="account",
        object_id=account_id,
        policy_id=_policy_for(runtime, ctx, "identity:user:create", account_id),
    )
    return account_id, token


def _policy_for(
    runtime: Runtime, ctx: AuditContext, action: str, account_id: uuid.UUID
) -> str | None:
    """The deciding policy for an account change, checked again with the real resource."""
    if ctx.actor_id is None or ctx.actor_role is None:
        return None  # the command line acts as the operator, outside Cedar
    actor = Principal(
        account_id=uuid.UUID(str(ctx.actor_id)),
        role=Role(ctx.actor_role),
        organisation_id=uuid.UUID(str(ctx.actor_org_id)) if ctx.actor_org_id else None,
        credential_id=NO_CREDENTIAL,
    )
    decision = runtime.authz.decide(
        actor, action, {"type": "Account", "id": str(account_id), "attrs": {"role": "unknown"}}
    )
    if not decision.allowed:
        # An admin acting on their own account: refused like an unknown account would be.
        raise NotFoundError()
    return decision.policy_id


async def invite_family_account(
    session: AsyncSession,
    runtime: Runtime,
    ctx: AuditContext,
    *,
    existing_account_id: uuid.UUID | None,
) -> tuple[uuid.UUID, str]:
    """A family account with a one-time activation token (for a member's invitation).

    With ``existing_account_id`` the member's account gets a fresh invitation instead.
    """
    if existing_account_id is None:
        return await create_account(session, runtime, ctx, role=Role.FAMILY, email=None)
    account = await session.get(Account, existing_account_id)
    if account is None or account.role != Role.FAMILY.value:
        raise NotFoundError()
    token = await _reset_credentials(session, runtime, ctx, account, "identity:user:invite")
    return account.id, token


async def _reset_credentials(
    session: AsyncSession, runtime: Runtime, ctx: AuditContext, account: Account, action: str
) -> str:
    """End every session, clear password and TOTP, and issue a new activation token."""
    now = runtime.clock()
    await credentials.revoke_all(session, runtime, account.id)
    await session.execute(
        update(Account)
        .where(Account.id == account.id)
        .values(
            status="invited",
            password_hash=None,
            totp_secret_enc=None,
            totp_confirmed=False,
            totp_last_step=None,
            disabled_at=None,
            updated_at=now,
        )
    )
    token = await _new_activation_token(session, runtime, account.id)
    await append(
        session,
        runtime.secrets.audit_key,
        ctx,
        action=action,
        outcome="allowed",
        at=now,
        object_type="account",
        object_id=account.id,
        policy_id=_policy_for(runtime, ctx, action, account.id),
    )
    return token


async def _account_for_change(
    session: AsyncSession, runtime: Runtime, ctx: AuditContext, account_id: uuid.UUID
) -> Account:
    account = await session.get(Account, account_id)
    if account is None:
        raise NotFoundError()
    return account


async def reinvite(
    session: AsyncSession, runtime: Runtime, ctx: AuditContext, account_id: uuid.UUID
) -> str:
    """Re-invite an account (forgotten password, disabled account): new activation token."""
    account = await _account_for_change(session, runtime, ctx, account_id)
    return await _reset_credentials(session, runtime, ctx, account, "identity:user:invite")


async def reset_mfa(
    session: AsyncSession, runtime: Runtime, ctx: AuditContext, account_id: uuid.UUID
) -> str:
    """Lost phone: the account must activate again (password and TOTP) with a new token."""
    account = await _account_for_change(session, runtime, ctx, account_id)
    if account.status == "disabled":
        raise ConflictError("The account is disabled; re-invite it instead.")
    return await _reset_credentials(session, runtime, ctx, account, "identity:user:reset-mfa")


async def disable_account(
    session: AsyncSession, runtime: Runtime, ctx: AuditContext, account_id: uuid.UUID
) -> None:
    """Disable an account and end all its sessions and tokens in the same transaction."""
    account = await _account_for_change(session, runtime, ctx, account_id)
    policy_id = _policy_for(runtime, ctx, "identity:user:disable", account.id)
    now = runtime.clock()
    await session.execute(
        update(Account)
        .where(Account.id == account.id)
        .values(status="disabled", disabled_at=now, updated_at=now)
    )
    await session.execute(
        update(ActivationToken)
        .where(ActivationToken.account_id == account.id, ActivationToken.used_at.is_(None))
        .values(used_at=now)
    )
    await credentials.revoke_all(session, runtime, account.id)
    await append(
        session,
        runtime.secrets.audit_key,
        ctx,
        action="identity:user:disable",
        outcome="allowed",
        at=now,
        object_type="account",
        object_id=account.id,
        policy_id=policy_id,
    )


async def get_account(
    session: AsyncSession, runtime: Runtime, account_id: uuid.UUID
) -> AccountView:
    """One account with its email decrypted, or 404."""
    account = await session.get(Account, account_id, options=[undefer(Account.email_enc)])
    if account is None:
        raise NotFoundError()
    return AccountView(
        account.id,
        Role(account.role),
        account.organisation_id,
        account.status,
        await _decrypt_email(session, runtime, account),
    )


async def list_accounts(
    session: AsyncSession, runtime: Runtime, *, limit: int, offset: int
) -> list[AccountView]:
    """Accounts in creation order (ids are time-ordered), paginated."""
    rows = (
        await session.scalars(
            select(Account)
            .options(undefer(Account.email_enc))
            .order_by(Account.id)
            .limit(limit)
            .offset(offset)
        )
    ).all()
    return [
        AccountView(
            a.id,
            Role(a.role),
            a.organisation_id,
            a.status,
            await _decrypt_email(session, runtime, a),
        )
        for a in rows
    ]


async def account_id_for_email(
    session: AsyncSession, runtime: Runtime, email: str
) -> uuid.UUID | None:
    """The account with this email address (lookup by blind index, confirmed by decrypting)."""
    normalised = rules.normalise_email(email)
    if normalised is None:
        return None
    index = runtime.cipher.blind_index(EMAIL_INDEX_COLUMN, normalised)
    account = (
        await session.scalars(
            select(Account).options(undefer(Account.email_enc)).where(Account.email_index == index)
        )
    ).first()
    if account is None or await _decrypt_email(session, runtime, account) != normalised:
        return None
    return account.id


# ---- activation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Enrolment:
    """What an authenticator app needs; shown once, at activation."""

    otpauth_uri: str
    qr_svg: str
    secret: str


async def _load_token(session: AsyncSession, runtime: Runtime, token: str) -> ActivationToken:
    row = await session.scalar(
        select(ActivationToken).where(ActivationToken.token_hash == _token_hash(token))
    )
    if row is None or row.used_at is not None or runtime.clock() >= row.expires_at:
        raise _sign_in_failed()
    return row


async def activate(runtime: Runtime, ctx: AuditContext, token: str, password: str) -> Enrolment:
    """Set the password with a valid activation token and start TOTP enrolment.

    The account stays unusable until :func:`confirm_activation` receives a first code.
    """
    await ratelimit.enforce(
        runtime,
        [
            (ratelimit.ACTIVATION_PER_IP, ctx.client_ip or "-"),
            (ratelimit.ACTIVATION_PER_TOKEN, _token_hash(token[:256]).hex()),
            (ratelimit.ACTIVATION_GLOBAL, "all"),
        ],
    )
    problem = passwords.password_problem(password)
    if problem is not None:
        raise _invalid("password", problem)
    async with runtime.sessions() as session, session.begin():
        row = await _load_token(session, runtime, token)
        if row.password_set_at is not None:
            raise _sign_in_failed()
    password_hash = await passwords.hash_password(password)
    secret = totp.new_secret()
    async with runtime.sessions() as session, session.begin():
        now = runtime.clock()
        # Claim the token atomically: a second, concurrent activation finds it taken.
        claimed = await session.execute(
            update(ActivationToken)
            .where(
                ActivationToken.id == row.id,
                ActivationToken.password_set_at.is_(None),
                ActivationToken.used_at.is_(None),
            )
            .values(password_set_at=now)
        )
        if not getattr(claimed, "rowcount", 0):
            raise _sign_in_failed()
        key = await runtime.cipher.key_for(session, *ACCOUNTS_OWNER)
        secret_blob = runtime.cipher.encrypt(
            key, table="accounts", column="totp_secret", row_id=row.account_id, value=secret
        )
        await session.execute(
            update(Account)
            .where(Account.id == row.account_id, Account.status == "invited")
            .values(
                password_hash=password_hash,
                totp_secret_enc=secret_blob,
                totp_confirmed=False,
                totp_last_step=None,
                updated_at=now,
            )
        )
        await append(
            session,
            runtime.secrets.audit_key,
            ctx,
            action="identity:auth:activate",
            outcome="allowed",
            at=now,
            object_type="account",
            object_id=row.account_id,
        )
    uri = totp.provisioning_uri(secret, f"account-{str(row.account_id)[:8]}")
    return Enrolment(otpauth_uri=uri, qr_svg=totp.qr_svg(uri), secret=secret)


async def confirm_activation(runtime: Runtime, ctx: AuditContext, token: str, otp: str) -> None:
    """Finish activation with the first TOTP code; the token is spent and the account active."""
    await ratelimit.enforce(
        runtime,
        [
            (ratelimit.ACTIVATION_PER_IP, ctx.client_ip or "-"),
            (ratelimit.ACTIVATION_PER_TOKEN, _token_hash(token[:256]).hex()),
            (ratelimit.ACTIVATION_GLOBAL, "all"),
        ],
    )
    async with runtime.sessions() as session, session.begin():
        row = await _load_token(session, runtime, token)
        account = await session.get(
            Account, row.account_id, options=[undefer(Account.totp_secret_enc)]
        )
        if row.password_set_at is None or account is None or account.totp_secret_enc is None:
            raise _sign_in_failed()
        key = await runtime.cipher.key_for(session, *ACCOUNTS_OWNER)
        secret = runtime.cipher.decrypt(
            key,
            table="accounts",
            column="totp_secret",
            row_id=account.id,
            blob=account.totp_secret_enc,
        )
        now = runtime.clock()
        step = totp.matching_step(secret, otp, now, account.totp_last_step)
        if step is None:
            raise _sign_in_failed()
        await session.execute(
            update(ActivationToken).where(ActivationToken.id == row.id).values(used_at=now)
        )
        await session.execute(
            update(Account)
            .where(Account.id == account.id)
            .values(status="active", totp_confirmed=True, totp_last_step=step, updated_at=now)
        )
        await append(
            session,
            runtime.secrets.audit_key,
            ctx,
            action="identity:auth:activate-confirm",
            outcome="allowed",
            at=now,
            object_type="account",
            object_id=account.id,
        )


# ---- sign-in --------------------------------------------------------------------------------


async def _audit_standalone(runtime: Runtime, ctx: AuditContext, **fields: object) -> None:
    async with runtime.sessions() as session, session.begin():
        await append(session, runtime.secrets.audit_key, ctx, at=runtime.clock(), **fields)  # type: ignore[arg-type]


async def authenticate(
    runtime: Runtime, email: str, password: str, otp: str, ctx: AuditContext | None = None
) -> Principal:
    """Check email, password and TOTP code; the principal on success (no credential yet).

    Raises :class:`UnauthorizedError` with one generic message for an unknown email, a wrong
    password, a wrong or replayed code and an inactive account; an unknown email still costs
    one Argon2id verification. Raises ``RateLimited`` (429) when a limit is spent. The returned
    principal's ``credential_id`` is the nil UUID; :func:`issue_token` or
    ``sessions.start_session`` make the credential.
    """
    ctx = ctx or AuditContext()
    normalised = rules.normalise_email(email) if len(email) <= 254 else None
    index = runtime.cipher.blind_index(EMAIL_INDEX_COLUMN, normalised) if normalised else None
    await ratelimit.enforce(
        runtime,
        [
            (ratelimit.LOGIN_PER_IP, ctx.client_ip or "-"),
            (ratelimit.LOGIN_PER_ACCOUNT, index.hex() if index else "-"),
            (ratelimit.LOGIN_GLOBAL, "all"),
        ],
    )
    account: Account | None = None
    secret: str | None = None
    async with runtime.sessions() as session, session.begin():
        # The same statements run whether or not the account exists, so the time taken before
        # the (equally costly) hash does not tell them apart either.
        key = await runtime.cipher.key_for(session, *ACCOUNTS_OWNER)
        account = await session.scalar(
            select(Account)
            .options(
                undefer(Account.password_hash),
                undefer(Account.totp_secret_enc),
                undefer(Account.email_enc),
            )
            .where(Account.email_index == (index or b""))
        )
        if (
            account is not None
            and account.status == "active"
            and account.totp_confirmed
            and account.email_enc is not None
            and account.totp_secret_enc is not None
            # The blind index is truncated: confirm the match by decrypting.
            and runtime.cipher.decrypt(
                key, table="accounts", column="email", row_id=account.id, blob=account.email_enc
            )
            == normalised
        ):
            secret = runtime.cipher.decrypt(
                key,
                table="accounts",
                column="totp_secret",
                row_id=account.id,
                blob=account.totp_secret_enc,
            )
            stored_hash = account.password_hash
        else:
            account, stored_hash = None, None
    password_ok, new_hash = await passwords.verify_password(stored_hash, password[:1024])
    if account is None or not password_ok or secret is None:
        await _audit_standalone(
            runtime,
            ctx,
            action="identity:auth:login",
            outcome="denied",
            object_type="account" if account else None,
            object_id=account.id if account else None,
        )
        raise _sign_in_failed()
    now = runtime.clock()
    step = totp.matching_step(secret, otp, now, account.totp_last_step)
    async with runtime.sessions() as session, session.begin():
        # A flood of wrong codes after a right password is capped silently (no 429 here, which
        # would tell the caller that the password was right).
        mfa_wait = await ratelimit.hit(session, runtime, ratelimit.MFA_PER_ACCOUNT, str(account.id))
        if step is not None and mfa_wait is None:
            values: dict[str, object] = {"totp_last_step": step}
            if new_hash is not None:
                values["password_hash"] = new_hash
            # Spend the code atomically: a concurrent replay of it updates no row.
            spent = await session.execute(
                update(Account)
                .where(
                    Account.id == account.id,
                    Account.status == "active",
                    (Account.totp_last_step.is_(None)) | (Account.totp_last_step < step),
                )
                .values(**values)
            )
            if getattr(spent, "rowcount", 0):
                await append(
                    session,
                    runtime.secrets.audit_key,
                    _actor(ctx, account),
                    action="identity:auth:login",
                    outcome="allowed",
                    at=now,
                    object_type="account",
                    object_id=account.id,
                )
                return Principal(
                    account_id=account.id,
                    role=Role(account.role),
                    organisation_id=account.organisation_id,
                    credential_id=NO_CREDENTIAL,
                )
        await append(
            session,
            runtime.secrets.audit_key,
            ctx,
            action="identity:auth:mfa",
            outcome="denied",
            at=now,
            object_type="account",
            object_id=account.id,
        )
    raise _sign_in_failed()


def _actor(ctx: AuditContext, account: Account) -> AuditContext:
    return AuditContext(
        actor_id=account.id,
        actor_org_id=account.organisation_id,
        actor_role=account.role,
        request_id=ctx.request_id,
        client_ip=ctx.client_ip,
    )


def _principal_ctx(ctx: AuditContext, principal: Principal) -> AuditContext:
    return AuditContext(
        actor_id=principal.account_id,
        actor_org_id=principal.organisation_id,
        actor_role=principal.role.value,
        request_id=ctx.request_id,
        client_ip=ctx.client_ip,
    )


async def issue_token(
    runtime: Runtime, principal: Principal, ctx: AuditContext | None = None
) -> tuple[str, Principal]:
    """A new API bearer token for an authenticated principal: (token, principal with its id)."""
    ctx = ctx or AuditContext()
    async with runtime.sessions() as session, session.begin():
        raw, credential_id = await credentials.issue(
            session, runtime, principal.account_id, "token"
        )
        await append(
            session,
            runtime.secrets.audit_key,
            _principal_ctx(ctx, principal),
            action="identity:token:issue",
            outcome="allowed",
            at=runtime.clock(),
            object_type="credential",
            object_id=credential_id,
        )
    return raw, Principal(
        account_id=principal.account_id,
        role=principal.role,
        organisation_id=principal.organisation_id,
        credential_id=credential_id,
    )


async def revoke_credential(
    session: AsyncSession, runtime: Runtime, ctx: AuditContext, principal: Principal
) -> None:
    """Sign out: revoke the token or session the principal used."""
    await credentials.revoke(session, runtime, principal.credential_id)
    await append(
        session,
        runtime.secrets.audit_key,
        ctx,
        action="identity:token:revoke",
        outcome="allowed",
        at=runtime.clock(),
        object_type="credential",
        object_id=principal.credential_id,
    )


async def live_credential_count(session: AsyncSession, account_id: uuid.UUID) -> int:
    """How many unrevoked credentials the account has (for tests and the admin view)."""
    rows = await session.scalars(
        select(Credential.id).where(
            Credential.account_id == account_id, Credential.revoked_at.is_(None)
        )
    )
    return len(rows.all())
