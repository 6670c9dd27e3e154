"""One-time activation credentials: the link token mailed to staff, and the in-person code
printed on a family member's letter. Both are stored only hashed; a new one spends the old.

The link token has 256 random bits, so SHA-256 suffices. The in-person code is short enough to
type (~49 bits), and the mailed e-mail code shorter still: they are hashed with a key held
outside the database, so a copy of the database does not let anyone try codes offline.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update

from zorgafstemming.db import new_id
from zorgafstemming.identity import credentials, rules
from zorgafstemming.identity.models import ActivationToken, FamilyActivation
from zorgafstemming.runtime import Runtime, UnitOfWork


@dataclass(frozen=True)
class InPersonCode:
    """The code for a family member's letter (as printed) and when it stops working."""

    code: str
    expires_at: datetime


def _key(runtime: Runtime) -> bytes:
    # A purpose-bound subkey of the session secret, which never enters the database.
    return hmac.new(runtime.secrets.session_key, b"activation-codes", hashlib.sha256).digest()


def in_person_hash(runtime: Runtime, code: str) -> bytes:
    """Keyed hash of a normalised in-person code (what ``activation_tokens`` stores)."""
    return hmac.new(_key(runtime), f"in-person:{code}".encode(), hashlib.sha256).digest()


def email_code_hash(runtime: Runtime, token_id: uuid.UUID, code: str) -> bytes:
    """Keyed hash of a mailed code, bound to the activation it belongs to."""
    message = f"email-code:{token_id}:{code}".encode()
    return hmac.new(_key(runtime), message, hashlib.sha256).digest()


def new_email_code() -> str:
    """A fresh eight-digit verification code."""
    return f"{secrets.randbelow(10**rules.EMAIL_CODE_DIGITS):0{rules.EMAIL_CODE_DIGITS}d}"


async def spend_all(uow: UnitOfWork, account_id: uuid.UUID, now: datetime) -> None:
    """Every unused activation credential of the account stops working."""
    await uow.session.execute(
        update(ActivationToken)
        .where(ActivationToken.account_id == account_id, ActivationToken.used_at.is_(None))
        .values(used_at=now)
    )


async def _add_token(
    uow: UnitOfWork, account_id: uuid.UUID, token_hash: bytes, expires_at: datetime
) -> uuid.UUID:
    now = uow.runtime.clock()
    await spend_all(uow, account_id, now)
    token_id = new_id()
    uow.session.add(
        ActivationToken(
            id=token_id,
            account_id=account_id,
            token_hash=token_hash,
            created_at=now,
            expires_at=expires_at,
        )
    )
    await uow.session.flush()
    return token_id


async def issue_link_token(uow: UnitOfWork, account_id: uuid.UUID) -> str:
    """A fresh one-time token for the activation link (valid 7 days); earlier ones are spent.

    The caller mails it to the account's own address and returns it to nobody.
    """
    token = credentials.new_secret()
    expires_at = uow.runtime.clock() + rules.ACTIVATION_TTL
    await _add_token(uow, account_id, credentials.secret_hash(token), expires_at)
    return token


async def issue_in_person_code(uow: UnitOfWork, account_id: uuid.UUID) -> InPersonCode:
    """A fresh in-person code (valid 14 days) for a family member's letter.

    It works only together with a code mailed to the address the family member types, so the
    person who hands the letter over cannot activate the account with it alone.
    """
    code = "".join(secrets.choice(rules.IN_PERSON_ALPHABET) for _ in range(rules.IN_PERSON_LENGTH))
    expires_at = uow.runtime.clock() + rules.IN_PERSON_TTL
    token_id = await _add_token(uow, account_id, in_person_hash(uow.runtime, code), expires_at)
    uow.session.add(FamilyActivation(token_id=token_id, email_code_attempts=0))
    await uow.session.flush()
    return InPersonCode(rules.format_in_person_code(code), expires_at)
