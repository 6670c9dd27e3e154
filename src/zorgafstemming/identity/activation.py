"""Activation: a one-time token sets the password, then a first TOTP code confirms the app.

Each step counts its rate limits in a transaction of its own first (refused attempts keep
counting), and the password is hashed outside any transaction: SQLite has one connection, and
holding it for ~50 ms per hash would serialise the whole service behind activations.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import SystemAction
from zorgafstemming.identity import account_fields, credentials, passwords, ratelimit, totp
from zorgafstemming.identity.models import Account, ActivationToken
from zorgafstemming.identity.refusals import invalid, sign_in_failed
from zorgafstemming.runtime import Runtime, UnitOfWork


@dataclass(frozen=True)
class Enrolment:
    """What an authenticator app needs; shown once, at activation."""

    otpauth_uri: str
    qr_svg: str
    secret: str


async def _count_attempt(runtime: Runtime, ctx: AuditContext, token: str) -> None:
    await ratelimit.enforce(
        runtime,
        [
            (ratelimit.ACTIVATION_PER_IP, ctx.client_ip or "-"),
            (ratelimit.ACTIVATION_PER_TOKEN, credentials.secret_hash(token[:256]).hex()),
            (ratelimit.ACTIVATION_GLOBAL, "all"),
        ],
    )


async def _load_token(uow: UnitOfWork, token: str) -> ActivationToken:
    row = await uow.session.scalar(
        select(ActivationToken).where(ActivationToken.token_hash == credentials.secret_hash(token))
    )
    if row is None or row.used_at is not None or uow.runtime.clock() >= row.expires_at:
        raise sign_in_failed()
    return row


async def activate(runtime: Runtime, ctx: AuditContext, token: str, password: str) -> Enrolment:
    """Set the password with a valid activation token and start TOTP enrolment.

    The account stays unusable until :func:`confirm_activation` receives a first code. Three
    units of work (the rate limits, the token check, the claim) around a hash that holds none.
    """
    await _count_attempt(runtime, ctx, token)
    problem = passwords.password_problem(password)
    if problem is not None:
        raise invalid("password", problem)
    async with runtime.unit_of_work() as uow:
        row = await _load_token(uow, token)
        if row.password_set_at is not None:
            raise sign_in_failed()
    password_hash = await passwords.hash_password(password)
    secret = totp.new_secret()
    async with runtime.unit_of_work() as uow:
        now = runtime.clock()
        # Claim the token atomically: a second, concurrent activation finds it taken.
        claimed = await uow.session.execute(
            update(ActivationToken)
            .where(
                ActivationToken.id == row.id,
                ActivationToken.password_set_at.is_(None),
                ActivationToken.used_at.is_(None),
            )
            .values(password_set_at=now)
        )
        if not getattr(claimed, "rowcount", 0):
            raise sign_in_failed()
        key = await account_fields.accounts_key(uow)
        await uow.session.execute(
            update(Account)
            .where(Account.id == row.account_id, Account.status == "invited")
            .values(
                password_hash=password_hash,
                totp_secret_enc=account_fields.encrypt(
                    runtime, key, row.account_id, "totp_secret", secret
                ),
                totp_confirmed=False,
                totp_last_step=None,
                updated_at=now,
            )
        )
        await record(
            uow,
            ctx,
            SystemAction.IDENTITY_AUTH_ACTIVATE,
            "allowed",
            object_type="account",
            object_id=row.account_id,
        )
    uri = totp.provisioning_uri(secret, f"account-{str(row.account_id)[:8]}")
    return Enrolment(otpauth_uri=uri, qr_svg=totp.qr_svg(uri), secret=secret)


async def confirm_activation(runtime: Runtime, ctx: AuditContext, token: str, otp: str) -> None:
    """Finish activation with the first TOTP code; the token is spent and the account active."""
    await _count_attempt(runtime, ctx, token)
    async with runtime.unit_of_work() as uow:
        row = await _load_token(uow, token)
        account = await uow.session.get(
            Account, row.account_id, options=[undefer(Account.totp_secret_enc)]
        )
        if row.password_set_at is None or account is None or account.totp_secret_enc is None:
            raise sign_in_failed()
        key = await account_fields.accounts_key(uow)
        secret = account_fields.decrypt(
            runtime, key, account.id, "totp_secret", account.totp_secret_enc
        )
        now = runtime.clock()
        step = totp.matching_step(secret, otp, now, account.totp_last_step)
        if step is None:
            raise sign_in_failed()
        await uow.session.execute(
            update(ActivationToken).where(ActivationToken.id == row.id).values(used_at=now)
        )
        await uow.session.execute(
            update(Account)
            .where(Account.id == account.id)
            .values(status="active", totp_confirmed=True, totp_last_step=step, updated_at=now)
        )
        await record(
            uow,
            ctx,
            SystemAction.IDENTITY_AUTH_ACTIVATE_CONFIRM,
            "allowed",
            object_type="account",
            object_id=account.id,
        )
