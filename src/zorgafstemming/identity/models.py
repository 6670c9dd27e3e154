"""Tables of the identity package: organisations, accounts, credentials, activation, limits."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Uuid,
    false,
    text,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, PrimaryId, Timestamp, UTCDateTime

# A partner organisation.
OrganisationId = Annotated[uuid.UUID, mapped_column(Uuid, ForeignKey("organisations.id"))]
# The account a row belongs to, deleted with it.
OwnerAccountId = Annotated[
    uuid.UUID, mapped_column(Uuid, ForeignKey("accounts.id", ondelete="CASCADE"))
]


class Organisation(Base):
    """A partner organisation of the network."""

    __tablename__ = "organisations"

    id: Mapped[PrimaryId]
    slug: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    municipality: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[Timestamp]


class Account(Base):
    """A person who can sign in; secrets are encrypted or hashed, never stored in clear."""

    __tablename__ = "accounts"

    id: Mapped[PrimaryId]
    role: Mapped[str] = mapped_column(String(32), nullable=False)
    organisation_id: Mapped[OrganisationId | None]
    status: Mapped[str] = mapped_column(
        String(16),
        nullable=False,
        comment="invited, pending (a second person must approve it), active or disabled",
    )
    email_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: email address")
    )
    email_index: Mapped[bytes | None] = mapped_column(
        LargeBinary(32), nullable=True, unique=True, comment="blind index of the email address"
    )
    password_hash: Mapped[str | None] = deferred(
        mapped_column(String(256), nullable=True, comment="Argon2id hash of the password")
    )
    totp_secret_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: TOTP seed")
    )
    totp_confirmed: Mapped[bool] = mapped_column(nullable=False, default=False)
    is_coordinator: Mapped[bool] = mapped_column(
        Boolean,
        nullable=False,
        default=False,
        server_default=false(),
        comment="a social worker who assigns colleagues of their organisation to files",
    )
    totp_last_step: Mapped[int | None] = mapped_column(
        BigInteger, nullable=True, comment="last accepted TOTP time step (codes are single-use)"
    )
    created_at: Mapped[Timestamp]
    updated_at: Mapped[Timestamp]
    disabled_at: Mapped[Timestamp | None]

    __table_args__ = (Index("ix_accounts_organisation_id", "organisation_id"),)


class Credential(Base):
    """A bearer token (``kind='token'``) or web session (``kind='session'``), stored hashed."""

    __tablename__ = "credentials"

    id: Mapped[PrimaryId]
    account_id: Mapped[OwnerAccountId]
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    secret_hash: Mapped[bytes] = mapped_column(
        LargeBinary(32), nullable=False, unique=True, comment="SHA-256 of the bearer secret"
    )
    created_at: Mapped[Timestamp]
    last_used_at: Mapped[Timestamp]
    expires_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, comment="absolute expiry"
    )
    revoked_at: Mapped[Timestamp | None]

    __table_args__ = (Index("ix_credentials_account_id", "account_id"),)


class ActivationToken(Base):
    """A one-time invitation: set a password, then confirm TOTP enrolment with a first code."""

    __tablename__ = "activation_tokens"

    id: Mapped[PrimaryId]
    account_id: Mapped[OwnerAccountId]
    token_hash: Mapped[bytes] = mapped_column(
        LargeBinary(32), nullable=False, unique=True, comment="SHA-256 of the activation token"
    )
    created_at: Mapped[Timestamp]
    expires_at: Mapped[Timestamp]
    password_set_at: Mapped[Timestamp | None]
    used_at: Mapped[Timestamp | None]

    __table_args__ = (Index("ix_activation_tokens_account_id", "account_id"),)


class FamilyActivation(Base):
    """The e-mail step of an activation with an in-person code (a family member's letter).

    The activation token row holds the keyed hash of the in-person code; this row marks it as
    such (a staff activation never passes here) and holds the address being verified and the
    keyed hash of the code mailed to it. Only with both codes is a password set.
    """

    __tablename__ = "family_activations"

    token_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("activation_tokens.id", ondelete="CASCADE"), primary_key=True
    )
    pending_email_enc: Mapped[bytes | None] = deferred(
        mapped_column(
            LargeBinary, nullable=True, comment="encrypted: the e-mail address being verified"
        )
    )
    email_code_hash: Mapped[bytes | None] = mapped_column(
        LargeBinary(32), nullable=True, comment="keyed hash of the code mailed to that address"
    )
    email_code_expires_at: Mapped[Timestamp | None]
    email_code_attempts: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, comment="wrong codes typed since it was mailed"
    )


class AccountChangeRequest(Base):
    """A privileged account change that takes effect only when a second person approves it."""

    __tablename__ = "account_change_requests"

    id: Mapped[PrimaryId]
    kind: Mapped[str] = mapped_column(
        String(16), nullable=False, comment="create, reinvite, reset-mfa or change"
    )
    account_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid,
        ForeignKey("accounts.id", ondelete="SET NULL"),
        nullable=True,
        comment="the account it changes; none once a refused new account is removed",
    )
    requested_by: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("accounts.id"), nullable=False)
    requested_at: Mapped[Timestamp]
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    payload: Mapped[str] = mapped_column(
        Text, nullable=False, comment="JSON without personal data: the new role, organisation id"
    )
    status: Mapped[str] = mapped_column(
        String(16), nullable=False, comment="pending, approved, rejected or expired"
    )
    decided_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("accounts.id"), nullable=True
    )
    decided_at: Mapped[Timestamp | None]

    __table_args__ = (
        CheckConstraint("kind IN ('create', 'reinvite', 'reset-mfa', 'change')", name="kind"),
        CheckConstraint("status IN ('pending', 'approved', 'rejected', 'expired')", name="status"),
        Index("ix_account_change_requests_requested_at", "requested_at"),
        Index("ix_account_change_requests_requested_by", "requested_by"),
        Index("ix_account_change_requests_decided_by", "decided_by"),
        # One open request per account: a second would be decided against a stale picture.
        Index(
            "ux_account_change_requests_pending_account",
            "account_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
    )


class RateLimitCounter(Base):
    """A fixed-window counter shared by every app instance (atomic upsert)."""

    __tablename__ = "rate_limit_counters"

    key: Mapped[str] = mapped_column(
        String(128), primary_key=True, comment="limit name and hashed subject, never an IP"
    )
    window_start: Mapped[int] = mapped_column(BigInteger, nullable=False)
    count: Mapped[int] = mapped_column(Integer, nullable=False)


# Account secrets use the shared accounts key; rotation re-encrypts them (AAD column names as
# passed to FieldCipher.encrypt by the identity service).
register_encrypted_column("accounts", "email_enc", owner_kind="accounts", aad_column="email")
register_encrypted_column(
    "accounts", "totp_secret_enc", owner_kind="accounts", aad_column="totp_secret"
)
register_encrypted_column(
    "family_activations",
    "pending_email_enc",
    owner_kind="accounts",
    id_column="token_id",
    aad_column="pending_email",
)


class SecurityEvent(Base):
    """Something that happened to an account's security (a sign-in, an export, a reset, an
    approval), shown to the account holder; the address and device are encrypted."""

    __tablename__ = "account_security_events"

    id: Mapped[PrimaryId]
    account_id: Mapped[OwnerAccountId]
    kind: Mapped[str] = mapped_column(
        String(32), nullable=False, comment="e.g. sign-in, export, mfa-reset; no content"
    )
    occurred_at: Mapped[Timestamp]
    client_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: client address and device")
    )
    device_ref: Mapped[bytes | None] = mapped_column(
        LargeBinary(32),
        nullable=True,
        comment="keyed hash of the account and device, to recognise a new device",
    )

    __table_args__ = (
        Index("ix_account_security_events_account_id_occurred_at", "account_id", "occurred_at"),
    )


register_encrypted_column(
    "account_security_events", "client_enc", owner_kind="accounts", aad_column="client"
)
