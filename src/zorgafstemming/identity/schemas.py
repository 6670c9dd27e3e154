"""Request and response bodies of the identity API (msgspec)."""

from __future__ import annotations

import uuid
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
    token: Secret
    password: Password


class ActivateResponse(msgspec.Struct):
    otpauth_uri: str
    qr_svg: str
    secret: str


class ConfirmRequest(msgspec.Struct, forbid_unknown_fields=True):
    token: Secret
    otp: Code


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
    """A one-time activation token, to hand to the person out of band."""

    account_id: uuid.UUID
    activation_token: str


class Page(msgspec.Struct):
    items: list[UserOut]
    limit: int
    offset: int
