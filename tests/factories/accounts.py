"""Test helpers: organisations, active accounts with known secrets, tokens and auth headers.

Typical use::

    org = await create_organisation(runtime)
    worker = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
    headers = await auth_headers(runtime, worker)            # bearer token, no login round trip
    response = await client.get("/api/v1/...", headers=headers)

    token = await login(client, runtime, worker)             # the real /auth/token flow
    cookie_value = await web_session(runtime, worker.principal())  # a signed-in browser

Accounts are created through the service (encrypted email, blind index, audit event) and then
activated directly (as the demo seed does) with a precomputed Argon2id hash of ``DEFAULT_PASSWORD``.
"""

from __future__ import annotations

import itertools
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any, Protocol

from httpx import AsyncClient

from tests.factories.mail import queued_mails
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.identity import accounts, organisations, passwords, sessions, totp
from zorgafstemming.identity import login as identity_login
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.runtime import Runtime

DEFAULT_PASSWORD = "stille-rivier-kompas-42"
_counter = itertools.count(1)


@cache
def _default_hash() -> str:
    return passwords.hash_password_sync(DEFAULT_PASSWORD)


@dataclass(frozen=True)
class TestAccount:
    """An active account and the secrets needed to sign in as it."""

    __test__ = False  # not a pytest test class

    id: uuid.UUID
    role: Role
    organisation_id: uuid.UUID | None
    email: str | None
    password: str
    totp_secret: str

    def principal(self, credential_id: uuid.UUID | None = None) -> Principal:
        return Principal(
            self.id, self.role, self.organisation_id, credential_id or uuid.UUID(int=0)
        )


def demo_account(raw: dict[str, Any]) -> TestAccount:
    """A demo account as ``seed_demo`` reports it (with its password and TOTP secret)."""
    org = raw["organisation_id"]
    return TestAccount(
        id=uuid.UUID(raw["account_id"]),
        role=Role(raw["role"]),
        organisation_id=uuid.UUID(org) if org else None,
        email=raw["email"],
        password=raw["password"],
        totp_secret=raw["totp_secret"],
    )


class SignsInWithTotp(Protocol):
    """An account whose TOTP secret is known: a test account, or one of the demo seed's."""

    @property
    def totp_secret(self) -> str: ...


async def create_organisation(
    runtime: Runtime,
    *,
    slug: str | None = None,
    name: str | None = None,
    kind: str = "social_services",
    municipality: str = "Zoersel",
) -> uuid.UUID:
    """Create a partner organisation; returns its id."""
    n = next(_counter)
    async with runtime.unit_of_work() as uow:
        view = await organisations.create_organisation(
            uow,
            AuditContext(),
            slug=slug or f"org-{n}-{uuid.uuid4().hex[:6]}",
            name=name or f"Organisatie {n}",
            kind=kind,
            municipality=municipality,
        )
    return view.id


async def create_account(
    runtime: Runtime,
    role: Role,
    *,
    organisation_id: uuid.UUID | None = None,
    email: str | None = None,
    password: str | None = None,
    with_email: bool = True,
) -> TestAccount:
    """Create an active account of ``role`` with a known password and TOTP secret.

    A social worker without ``organisation_id`` gets a new organisation.
    """
    if role is Role.SOCIAL_WORKER and organisation_id is None:
        organisation_id = await create_organisation(runtime)
    n = next(_counter)
    if email is None and (with_email or role is not Role.FAMILY):
        email = f"{role.value.replace('_', '-')}-{n}-{uuid.uuid4().hex[:6]}@example.org"
    password_hash = _default_hash() if password is None else await passwords.hash_password(password)
    async with runtime.unit_of_work() as uow:
        account_id = await accounts.create_account(
            uow, AuditContext(), None, role=role, email=email, organisation_id=organisation_id
        )
        secret = await accounts.make_active(uow, account_id, password_hash)
    return TestAccount(
        id=account_id,
        role=role,
        organisation_id=organisation_id,
        email=email,
        password=password or DEFAULT_PASSWORD,
        totp_secret=secret,
    )


async def bearer_token(runtime: Runtime, account: TestAccount) -> str:
    """A fresh bearer token for ``account`` (issued directly, no login round trip)."""
    async with runtime.unit_of_work() as uow:
        raw, _ = await identity_login.issue_token(uow, AuditContext(), account.principal())
    return raw


async def web_session(
    runtime: Runtime, principal: Principal, *, previous: str | None = None
) -> str:
    """A fresh web session for ``principal`` (as the sign-in page starts it): the cookie value."""
    async with runtime.unit_of_work() as uow:
        secret, _ = await sessions.start_session(uow, AuditContext(), principal, previous=previous)
    return secret


async def auth_headers(runtime: Runtime, account: TestAccount) -> dict[str, str]:
    """``Authorization`` headers for ``account``."""
    return {"Authorization": f"Bearer {await bearer_token(runtime, account)}"}


def current_code(runtime: Runtime, account: SignsInWithTotp, *, steps_ahead: int = 0) -> str:
    """The TOTP code at the runtime's clock (``steps_ahead`` steps later, within drift)."""
    return totp.code_at(account.totp_secret, runtime.clock() + timedelta(seconds=30 * steps_ahead))


async def login(
    client: AsyncClient, runtime: Runtime, account: TestAccount, *, steps_ahead: int = 0
) -> str:
    """Sign in through ``POST /api/v1/auth/token``; returns the bearer token."""
    response = await client.post(
        "/api/v1/auth/token",
        json={
            "email": account.email,
            "password": account.password,
            "otp": current_code(runtime, account, steps_ahead=steps_ahead),
        },
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


_LINK_CODE = re.compile(r"/activeren\?code=([A-Za-z0-9_%-]+)")
_EMAIL_CODE = re.compile(r"^\s+(\d{8})\s*$", re.MULTILINE)


async def activation_code_from_mail(runtime: Runtime, account_id: uuid.UUID) -> str:
    """The one-time code of the latest activation link mailed for ``account_id``, read from the
    outbox as the recipient would read the mail (fails when none was mailed)."""
    mails = await queued_mails(runtime, account_id=account_id, kind="activation")
    assert mails, "no activation link was mailed to this account"
    found = _LINK_CODE.search(mails[-1].body)
    assert found is not None, "the activation mail holds no link"
    return found.group(1)


async def email_code_from_mail(runtime: Runtime, account_id: uuid.UUID) -> tuple[str, str]:
    """(address, code) of the latest verification code mailed during ``account_id``'s
    activation, as its recipient reads it."""
    mails = await queued_mails(runtime, account_id=account_id, kind="email-verification")
    assert mails, "no verification code was mailed for this account"
    found = _EMAIL_CODE.search(mails[-1].body)
    assert found is not None, "the verification mail holds no code"
    return mails[-1].to, found.group(1)


async def email_code_sent_to(runtime: Runtime, address: str) -> str:
    """The latest verification code mailed to ``address``, as its recipient reads it."""
    mails = [m for m in await queued_mails(runtime, kind="email-verification") if m.to == address]
    assert mails, "no verification code was mailed to this address"
    found = _EMAIL_CODE.search(mails[-1].body)
    assert found is not None, "the verification mail holds no code"
    return found.group(1)
