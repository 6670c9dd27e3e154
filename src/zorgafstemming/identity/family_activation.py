"""A family member's activation: the in-person code of their letter, plus a code mailed to the
address they type, which becomes their sign-in address.

1. :func:`request_email_code` — in-person code and e-mail address: a fresh eight-digit code is
   mailed to that address (30 minutes, at most five wrong tries, then ask again).
2. :func:`verify_email_and_set_password` — in-person code, mailed code and a password: the
   address is verified and becomes the account's (encrypted, with its blind index), and TOTP
   enrolment starts; ``activation.confirm_family_activation`` finishes it with a first code.

The worker who handed over the letter knows the in-person code but never the mailed code, which
goes only to the family member's mailbox. Every refusal — a wrong or spent code, an address that
belongs to another account, a wrong mailed code — is the same generic 401, so the steps tell no
one which addresses have an account.
"""

from __future__ import annotations

import hmac
import uuid
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import SystemAction
from zorgafstemming.identity import account_fields, account_mail, activation_codes, passwords, rules
from zorgafstemming.identity.activation import (
    Enrolment,
    check_password,
    claim_and_enrol,
    count_attempt,
    in_person_subject,
    load_token,
)
from zorgafstemming.identity.models import Account, ActivationToken, FamilyActivation
from zorgafstemming.identity.refusals import invalid, sign_in_failed
from zorgafstemming.runtime import Runtime, UnitOfWork

PENDING_EMAIL = "pending_email"


@dataclass(frozen=True)
class _Open:
    """An in-person activation that may take its next step."""

    token: ActivationToken
    step: FamilyActivation


async def _open_activation(uow: UnitOfWork, code: str) -> _Open:
    """The letter's activation for this code: unused, unexpired, no password set yet, and its
    account still invited; the generic 401 otherwise."""
    normalised = rules.normalise_in_person_code(code)
    if normalised is None:
        raise sign_in_failed()
    token = await load_token(uow, activation_codes.in_person_hash(uow.runtime, normalised))
    step = await uow.session.get(
        FamilyActivation,
        token.id,
        options=[undefer(FamilyActivation.pending_email_enc)],
        with_for_update=True,
    )
    status = await uow.session.scalar(select(Account.status).where(Account.id == token.account_id))
    if step is None or token.password_set_at is not None or status != "invited":
        raise sign_in_failed()
    return _Open(token, step)


async def _address_taken(uow: UnitOfWork, email: str, account_id: uuid.UUID) -> bool:
    index = account_fields.email_index(uow.runtime, email)
    other = await uow.session.scalar(
        select(Account.id).where(Account.email_index == index, Account.id != account_id)
    )
    return other is not None


async def request_email_code(runtime: Runtime, ctx: AuditContext, code: str, email: str) -> None:
    """Mail a verification code to ``email`` for the letter with this in-person code.

    A malformed address is a 422 (it tells nothing); a wrong code and an address of another
    account are the same 401.
    """
    if rules.normalise_in_person_code(code) is None:  # cannot be a code: nothing to look up
        raise sign_in_failed()
    await count_attempt(runtime, ctx, in_person_subject(code))
    normalised = rules.normalise_email(email)
    if normalised is None:
        raise invalid("email", "not an email address")
    async with runtime.unit_of_work() as uow:
        opened = await _open_activation(uow, code)
        account_id = opened.token.account_id
        if await _address_taken(uow, normalised, account_id):
            raise sign_in_failed()
        mailed = activation_codes.new_email_code()
        key = await account_fields.accounts_key(uow)
        await uow.session.execute(
            update(FamilyActivation)
            .where(FamilyActivation.token_id == opened.token.id)
            .values(
                pending_email_enc=runtime.cipher.encrypt(
                    key,
                    table="family_activations",
                    column=PENDING_EMAIL,
                    row_id=opened.token.id,
                    value=normalised,
                ),
                email_code_hash=activation_codes.email_code_hash(runtime, opened.token.id, mailed),
                email_code_expires_at=runtime.clock() + rules.EMAIL_CODE_TTL,
                email_code_attempts=0,
            )
        )
        await account_mail.send_email_code(uow, account_id, normalised, mailed)
        await record(
            uow,
            ctx,
            SystemAction.IDENTITY_AUTH_ACTIVATE_EMAIL,
            "allowed",
            object_type="account",
            object_id=account_id,
        )


async def _check_mailed_code(
    runtime: Runtime, code: str, email_code: str
) -> tuple[uuid.UUID, uuid.UUID, str, bytes]:
    """(token id, account id, verified address, code hash) when the mailed code is right.

    A wrong code counts against the five tries, in a transaction that commits before the 401.
    """
    typed = rules.normalise_email_code(email_code)
    async with runtime.unit_of_work() as uow:
        opened = await _open_activation(uow, code)
        step = opened.step
        expected = step.email_code_hash
        usable = (
            expected is not None
            and step.pending_email_enc is not None
            and step.email_code_expires_at is not None
            and runtime.clock() < step.email_code_expires_at
            and step.email_code_attempts < rules.EMAIL_CODE_MAX_ATTEMPTS
        )
        given = activation_codes.email_code_hash(runtime, step.token_id, typed or "-")
        right = usable and typed is not None and hmac.compare_digest(given, expected or b"")
        if right and expected is not None and step.pending_email_enc is not None:
            key = await account_fields.accounts_key(uow)
            email = runtime.cipher.decrypt(
                key,
                table="family_activations",
                column=PENDING_EMAIL,
                row_id=step.token_id,
                blob=step.pending_email_enc,
            )
            return step.token_id, opened.token.account_id, email, expected
        await uow.session.execute(
            update(FamilyActivation)
            .where(FamilyActivation.token_id == step.token_id)
            .values(email_code_attempts=FamilyActivation.email_code_attempts + 1)
        )
    raise sign_in_failed()


async def verify_email_and_set_password(
    runtime: Runtime, ctx: AuditContext, code: str, email_code: str, password: str
) -> Enrolment:
    """With the in-person code and the mailed code, set the password and the verified address
    as the account's sign-in address, and start TOTP enrolment."""
    if rules.normalise_in_person_code(code) is None:
        raise sign_in_failed()
    await count_attempt(runtime, ctx, in_person_subject(code))
    check_password(password)
    token_id, account_id, email, code_hash = await _check_mailed_code(runtime, code, email_code)
    password_hash = await passwords.hash_password(password)
    async with runtime.unit_of_work() as uow:
        # The mailed code is spent with the claim; a new request in between replaced it.
        spent = await uow.session.execute(
            update(FamilyActivation)
            .where(
                FamilyActivation.token_id == token_id,
                FamilyActivation.email_code_hash == code_hash,
            )
            .values(email_code_hash=None, pending_email_enc=None, email_code_expires_at=None)
        )
        if not getattr(spent, "rowcount", 0) or await _address_taken(uow, email, account_id):
            raise sign_in_failed()
        key = await account_fields.accounts_key(uow)
        try:
            return await claim_and_enrol(
                uow,
                ctx,
                token_id,
                account_id,
                password_hash,
                email_enc=account_fields.encrypt(runtime, key, account_id, "email", email),
                email_index=account_fields.email_index(runtime, email),
            )
        except IntegrityError:  # another account took the address a moment ago
            raise sign_in_failed() from None
