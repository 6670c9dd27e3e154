"""Request and response bodies of the identity API (msgspec)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

Short = Annotated[str, msgspec.Meta(max_length=254)]
Secret = Annotated[str, msgspec.Meta(max_length=256)]
Code = Annotated[str, msgspec.Meta(max_length=16)]
Password = Annotated[str, msgspec.Meta(max_length=1024)]


class TokenRequest(msgspec.Struct, forbid_unknown_fields=True):
    email: Short
    password: Password
    otp: Code


class TokenResponse(msgspec.Struct):
    access_token: str
    token_type: str
    expires_in: int


class Me(msgspec.Struct):
    account_id: uuid.UUID
    role: str
    organisation_id: uuid.UUID | None


class ActivateRequest(msgspec.Struct, forbid_unknown_fields=True):
    """One step of an activation; which fields are given says which step (see the route)."""

    token: Secret | None = None
    password: Password | None = None
    code: Code | None = None
    email: Short | None = None
    email_code: Code | None = None


class ActivateResponse(msgspec.Struct):
    otpauth_uri: str
    qr_svg: str
    secret: str


class VerificationSent(msgspec.Struct):
    """A code was mailed to the address given; send it back as ``email_code``."""

    status: str
    expires_in: int


class ConfirmRequest(msgspec.Struct, forbid_unknown_fields=True):
    """The first TOTP code, with the link's ``token`` (staff) or the letter's ``code``."""

    otp: Code
    token: Secret | None = None
    code: Code | None = None


class OrganisationIn(msgspec.Struct, forbid_unknown_fields=True):
    slug: Annotated[str, msgspec.Meta(max_length=64)]
    name: Annotated[str, msgspec.Meta(max_length=200)]
    kind: Annotated[str, msgspec.Meta(max_length=32)]
    municipality: Annotated[str, msgspec.Meta(max_length=64)]


class OrganisationOut(msgspec.Struct):
    id: uuid.UUID
    slug: str
    name: str
    kind: str
    municipality: str


class UserIn(msgspec.Struct, forbid_unknown_fields=True):
    role: str
    email: Short | None = None
    organisation_id: uuid.UUID | None = None


class UserOut(msgspec.Struct):
    id: uuid.UUID
    role: str
    organisation_id: uuid.UUID | None
    status: str
    email: str | None
    is_coordinator: bool = False


class Invitation(msgspec.Struct):
    """What an account action did: ``invited`` (an activation link went by mail to the
    account's own address) or ``pending-approval`` (a second person must approve the request
    ``change_id`` first). Never a token or link."""

    account_id: uuid.UUID
    status: str
    change_id: uuid.UUID | None = None


class UserChangeIn(msgspec.Struct, forbid_unknown_fields=True):
    """A new role and/or organisation; omitted fields keep what fits the role."""

    role: str | None = None
    organisation_id: uuid.UUID | msgspec.UnsetType | None = msgspec.UNSET


class AccountChangeOut(msgspec.Struct):
    """An account change request as its deciders see it."""

    id: uuid.UUID
    kind: str
    status: str
    account_id: uuid.UUID | None
    account_email: str | None
    account_role: str | None
    requested_by: uuid.UUID
    requested_by_email: str | None
    requested_at: datetime
    expires_at: datetime
    role: str | None
    organisation_id: uuid.UUID | None
    decided_by: uuid.UUID | None
    decided_at: datetime | None


class AccountChangePage(msgspec.Struct):
    """A page of account change requests, newest first by (requested_at, id); pass ``next``
    as ``after`` for the next page (null on the last)."""

    items: list[AccountChangeOut]
    next: str | None


class UserPage(msgspec.Struct):
    """A page of accounts in creation order (by id); pass ``next`` as ``after`` for the next
    page (null on the last)."""

    items: list[UserOut]
    next: str | None


class OrganisationPage(msgspec.Struct):
    """A page of partner organisations in creation order (by id); pass ``next`` as ``after``
    for the next page (null on the last)."""

    items: list[OrganisationOut]
    next: str | None


class SecurityEventOut(msgspec.Struct):
    """One event of the caller's own security activity: what, when, from where and what device."""

    kind: str
    occurred_at: datetime
    address: str | None
    device: str | None


class SecurityPage(msgspec.Struct):
    """The caller's security activity, newest first; pass ``next`` as ``after`` for more."""

    items: list[SecurityEventOut]
    next: str | None
