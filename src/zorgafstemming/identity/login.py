"""Signing in (email, password and TOTP code), bearer tokens and signing out.

Sign-in takes several short transactions on purpose: the rate limits and the second-factor
counter must commit even when the attempt fails, and the password is verified outside any
transaction (SQLite has one connection; holding it ~50 ms per hash would serialise every login).
"""

from __future__ import annotations

import dataclasses
import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import SystemAction
from zorgafstemming.identity import account_fields, credentials, passwords, ratelimit, rules, totp
from zorgafstemming.identity.actors import acting_as
from zorgafstemming.identity.models import Account
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.identity.refusals import sign_in_failed
from zorgafstemming.runtime import Runtime, UnitOfWork

NO_CREDENTIAL = uuid.UUID(int=0)


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
    index = account_fields.email_index(runtime, normalised) if normalised else None
    await ratelimit.enforce(
        runtime,
        [
            (ratelimit.LOGIN_PER_IP, ctx.client_ip or "-"),
            (ratelimit.LOGIN_PER_ACCOUNT, index.hex() if index else "-"),
        ],
        # Only attempts that reach the password hash spend the limit everybody shares.
        then=[(ratelimit.LOGIN_GLOBAL, "all")],
    )
    account: Account | None = None
    secret: str | None = None
    # Read only, and closed before the hash is verified.
    async with runtime.unit_of_work() as uow:
        # The same statements run whether or not the account exists, so the time taken before
        # the (equally costly) hash does not tell them apart either.
        key = await account_fields.accounts_key(uow)
        account = await uow.session.scalar(
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
            and account_fields.decrypt(runtime, key, account.id, "email", account.email_enc)
            == normalised
        ):
            secret = account_fields.decrypt(
                runtime, key, account.id, "totp_secret", account.totp_secret_enc
            )
            stored_hash = account.password_hash
        else:
            account, stored_hash = None, None
    password_ok, new_hash = await passwords.verify_password(stored_hash, password[:1024])
    if account is None or not password_ok or secret is None:
        async with runtime.unit_of_work() as uow:
            await record(
                uow,
                ctx,
                SystemAction.IDENTITY_AUTH_LOGIN,
                "denied",
                object_type="account" if account else None,
                object_id=account.id if account else None,
            )
        raise sign_in_failed()
    now = runtime.clock()
    step = totp.matching_step(secret, otp, now, account.totp_last_step)
    # The refusal is raised after this unit of work commits: the counter must count it.
    async with runtime.unit_of_work() as uow:
        # A flood of wrong codes after a right password is capped silently (no 429 here, which
        # would tell the caller that the password was right).
        mfa_wait = await ratelimit.hit(uow, ratelimit.MFA_PER_ACCOUNT, str(account.id))
        if step is not None and mfa_wait is None:
            values: dict[str, object] = {"totp_last_step": step}
            if new_hash is not None:
                values["password_hash"] = new_hash
            # Spend the code atomically: a concurrent replay of it updates no row.
            spent = await uow.session.execute(
                update(Account)
                .where(
                    Account.id == account.id,
                    Account.status == "active",
                    (Account.totp_last_step.is_(None)) | (Account.totp_last_step < step),
                )
                .values(**values)
            )
            if getattr(spent, "rowcount", 0):
                principal = Principal(
                    account_id=account.id,
                    role=Role(account.role),
                    organisation_id=account.organisation_id,
                    credential_id=NO_CREDENTIAL,
                )
                await record(
                    uow,
                    acting_as(ctx, principal),
                    SystemAction.IDENTITY_AUTH_LOGIN,
                    "allowed",
                    object_type="account",
                    object_id=account.id,
                )
                return principal
        await record(
            uow,
            ctx,
            SystemAction.IDENTITY_AUTH_MFA,
            "denied",
            object_type="account",
            object_id=account.id,
        )
    raise sign_in_failed()


async def issue_token(
    uow: UnitOfWork, ctx: AuditContext, principal: Principal
) -> tuple[str, Principal]:
    """A new API bearer token for an authenticated principal: (token, principal with its id)."""
    raw, credential_id = await credentials.issue(uow, principal.account_id, "token")
    await credentials.record_event(
        uow, acting_as(ctx, principal), SystemAction.IDENTITY_TOKEN_ISSUE, credential_id
    )
    return raw, dataclasses.replace(principal, credential_id=credential_id)


async def revoke_credential(uow: UnitOfWork, ctx: AuditContext, principal: Principal) -> None:
    """Sign out: revoke the token or session the principal used."""
    await credentials.revoke(uow, principal.credential_id)
    await credentials.record_event(
        uow, ctx, SystemAction.IDENTITY_TOKEN_REVOKE, principal.credential_id
    )
