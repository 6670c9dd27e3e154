"""Activation: a one-time credential sets the password, then a first TOTP code confirms the app.

Staff activate with the token of the link mailed to their own address. A family member
activates with the in-person code of their letter *and* a code mailed to the address they type
(``family_activation``), which then becomes their sign-in address; the in-person code alone
never sets a password. Both end here: the password is set with a fresh TOTP secret, and a first
code from the app makes the account active.

Each step counts its rate limits in a transaction of its own first (refused attempts keep
counting), and the password is hashed outside any transaction: SQLite has one connection, and
holding it for ~50 ms per hash would serialise the whole service behind activations.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import SystemAction
from zorgafstemming.identity import (
    account_fields,
    activation_codes,
    credentials,
    passwords,
    ratelimit,
    rules,
    security_log,
    totp,
)
from zorgafstemming.identity.models import Account, ActivationToken, FamilyActivation
from zorgafstemming.identity.refusals import invalid, sign_in_failed
from zorgafstemming.runtime import Runtime, UnitOfWork


@dataclass(frozen=True)
class Enrolment:
    """What an authenticator app needs; shown once, at activation."""

    otpauth_uri: str
    qr_svg: str
    secret: str


async def count_attempt(runtime: Runtime, ctx: AuditContext, subject: str) -> None:
    """Count one activation attempt per address, per presented credential and globally."""
    await ratelimit.enforce(
        runtime,
        [
            (ratelimit.ACTIVATION_PER_IP, ctx.client_ip or "-"),
            (ratelimit.ACTIVATION_PER_TOKEN, credentials.secret_hash(subject[:256]).hex()),
        ],
        then=[(ratelimit.ACTIVATION_GLOBAL, "all")],
    )


def in_person_subject(code: str) -> str:
    """The rate-limit subject of a presented in-person code, however it was typed."""
    return "in-person:" + (rules.normalise_in_person_code(code) or code[:64])


def check_password(password: str) -> None:
    """A 422 naming the password rule broken, before anything is claimed."""
    problem = passwords.password_problem(password)
    if problem is not None:
        raise invalid("password", problem)


async def load_token(uow: UnitOfWork, token_hash: bytes) -> ActivationToken:
    """The unused, unexpired activation credential with this hash, or the generic 401."""
    row = await uow.session.scalar(
        select(ActivationToken).where(ActivationToken.token_hash == token_hash)
    )
    if row is None or row.used_at is not None or uow.runtime.clock() >= row.expires_at:
        raise sign_in_failed()
    return row


async def is_in_person(uow: UnitOfWork, token_id: uuid.UUID) -> bool:
    """True for a letter's in-person code, which needs the e-mail step as well."""
    found = await uow.session.scalar(
        select(FamilyActivation.token_id).where(FamilyActivation.token_id == token_id)
    )
    return found is not None


async def claim_and_enrol(
    uow: UnitOfWork,
    ctx: AuditContext,
    token_id: uuid.UUID,
    account_id: uuid.UUID,
    password_hash: str,
    **account_values: Any,
) -> Enrolment:
    """Claim the credential for its one password, set that password (and ``account_values``,
    such as a verified email) with a fresh TOTP secret, and audit it; the account stays unusable
    until :func:`confirm_activation` receives a first code."""
    runtime = uow.runtime
    now = runtime.clock()
    # Claim atomically: a second, concurrent activation finds it taken.
    claimed = await uow.session.execute(
        update(ActivationToken)
        .where(
            ActivationToken.id == token_id,
            ActivationToken.password_set_at.is_(None),
            ActivationToken.used_at.is_(None),
        )
        .values(password_set_at=now)
    )
    if not getattr(claimed, "rowcount", 0):
        raise sign_in_failed()
    secret = totp.new_secret()
    key = await account_fields.accounts_key(uow)
    updated = await uow.session.execute(
        update(Account)
        .where(Account.id == account_id, Account.status == "invited")
        .values(
            password_hash=password_hash,
            totp_secret_enc=account_fields.encrypt(runtime, key, account_id, "totp_secret", secret),
            totp_confirmed=False,
            totp_last_step=None,
            updated_at=now,
            **account_values,
        )
    )
    if not getattr(updated, "rowcount", 0):
        raise sign_in_failed()
    await record(
        uow,
        ctx,
        SystemAction.IDENTITY_AUTH_ACTIVATE,
        "allowed",
        object_type="account",
        object_id=account_id,
    )
    uri = totp.provisioning_uri(secret, f"account-{str(account_id)[:8]}")
    return Enrolment(otpauth_uri=uri, qr_svg=totp.qr_svg(uri), secret=secret)


async def activate(runtime: Runtime, ctx: AuditContext, token: str, password: str) -> Enrolment:
    """Set the password with the token of a mailed activation link and start TOTP enrolment.

    A letter's in-person code is refused here: it needs the e-mail step. Three units of work
    (the rate limits, the token check, the claim) around a hash that holds none.
    """
    await count_attempt(runtime, ctx, token)
    check_password(password)
    async with runtime.unit_of_work() as uow:
        row = await load_token(uow, credentials.secret_hash(token))
        if row.password_set_at is not None or await is_in_person(uow, row.id):
            raise sign_in_failed()
        token_id, account_id = row.id, row.account_id
    password_hash = await passwords.hash_password(password)
    async with runtime.unit_of_work() as uow:
        return await claim_and_enrol(uow, ctx, token_id, account_id, password_hash)


async def _confirm(runtime: Runtime, ctx: AuditContext, token_hash: bytes, otp: str) -> None:
    async with runtime.unit_of_work() as uow:
        row = await load_token(uow, token_hash)
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
        await security_log.note(
            uow, account.id, "activation", security_log.Client(address=ctx.client_ip)
        )
        await record(
            uow,
            ctx,
            SystemAction.IDENTITY_AUTH_ACTIVATE_CONFIRM,
            "allowed",
            object_type="account",
            object_id=account.id,
        )


async def confirm_activation(runtime: Runtime, ctx: AuditContext, token: str, otp: str) -> None:
    """Finish a staff activation with the first TOTP code; the link is spent, the account
    active."""
    await count_attempt(runtime, ctx, token)
    await _confirm(runtime, ctx, credentials.secret_hash(token), otp)


async def confirm_family_activation(
    runtime: Runtime, ctx: AuditContext, code: str, otp: str
) -> None:
    """Finish a family member's activation (after the e-mail step) with the first TOTP code."""
    normalised = rules.normalise_in_person_code(code)
    if normalised is None:  # cannot be a code: nothing to look up
        raise sign_in_failed()
    await count_attempt(runtime, ctx, in_person_subject(code))
    await _confirm(runtime, ctx, activation_codes.in_person_hash(runtime, normalised), otp)
