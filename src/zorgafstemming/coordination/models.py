"""Tables of the coordination package: files, members, participants, consents, entries (the
notices are in ``notice_models``).

Personal data lives only in ``*_enc`` columns (AES-GCM under the file's data key, see
``crypto.fields``); they are deferred so a query loads them only when asked. The birth date is
encrypted too: the capacity rule (12th birthday) is computed after decrypting it in the
request, because any clear-text derivative (an age band, the day capacity starts) would give
away the birth date of every child to whoever reads the database.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, PrimaryId, Timestamp, UTCDateTime
from zorgafstemming.identity.models import OrganisationId

FILE_STATUSES = ("open", "closed", "purged")
# given, renewed, withdrawn (all of it, or one member's part), expired; confirmed by the family
# (a pending staff-recorded consent comes into force), contested by the family (it ends and goes
# to the DPO's queue); reviewed or referred back by the DPO.
CONSENT_EVENT_KINDS = (
    "given",
    "renewed",
    "withdrawn",
    "expired",
    "confirmed",
    "contested",
    "reviewed",
    "referred_back",
)
# How a consent reached the file, set by the server: the family in the portal, or a partner's
# worker with a scan of the signed form (in force), or in person without one (pending until the
# family confirms it).
COLLECTION_METHODS = ("family_portal", "signed_form", "in_person")

# References many tables declare alike; NOT NULL unless mapped as ``... | None``.
# The file a row belongs to, deleted with it.
FileId = Annotated[
    uuid.UUID, mapped_column(Uuid, ForeignKey("coordination_files.id", ondelete="CASCADE"))
]
# A member of a file, deleted with it.
MemberId = Annotated[uuid.UUID, mapped_column(Uuid, ForeignKey("members.id", ondelete="CASCADE"))]
# A consent, deleted with it.
ConsentId = Annotated[
    uuid.UUID, mapped_column(Uuid, ForeignKey("consent_records.id", ondelete="CASCADE"))
]
# The account that did something; cleared when that account is purged, the row stays.
ActingAccountId = Annotated[
    uuid.UUID, mapped_column(Uuid, ForeignKey("accounts.id", ondelete="SET NULL"))
]


class FileRow:
    """The columns of a row that belongs to one file: an id of its own and the file, which
    takes the row with it when it goes."""

    id: Mapped[PrimaryId]
    file_id: Mapped[FileId]


class CoordinationFile(Base):
    """A family's shared file; no personal data of its own, only status and lead."""

    __tablename__ = "coordination_files"

    id: Mapped[PrimaryId]
    status: Mapped[str] = mapped_column(String(16), nullable=False, comment="open, closed, purged")
    lead_organisation_id: Mapped[OrganisationId]
    opened_by_account_id: Mapped[ActingAccountId | None]
    opened_at: Mapped[Timestamp]
    closed_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True, comment="retention clock starts here"
    )
    close_reason: Mapped[str | None] = mapped_column(
        String(32), nullable=True, comment="closed_by_lead or no_valid_consent"
    )
    purged_at: Mapped[Timestamp | None]

    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed', 'purged')", name="status"),
        Index("ix_coordination_files_lead_organisation_id", "lead_organisation_id"),
        Index("ix_coordination_files_status_closed_at", "status", "closed_at"),
    )


class Member(FileRow, Base):
    """A data subject of a file; every personal field is encrypted."""

    __tablename__ = "members"

    role: Mapped[str] = mapped_column(
        String(16), nullable=False, comment="parent, guardian, child, youth, other"
    )
    account_id: Mapped[ActingAccountId | None] = mapped_column(
        comment="family account of this person, once invited"
    )
    given_name_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: given name")
    )
    family_name_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: family name")
    )
    birth_date_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: birth date (ISO 8601)")
    )
    insz_enc: Mapped[bytes | None] = deferred(
        mapped_column(
            LargeBinary,
            nullable=True,
            comment="encrypted: national register number (blind index members.insz)",
        )
    )
    address_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: postal address")
    )
    phone_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: phone number")
    )
    email_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: email address")
    )
    created_at: Mapped[Timestamp]
    # Ending a membership keeps the row (retention decides when it goes): the member no longer
    # shows in partners' views. The reason is a code (``member_models.END_REASONS``).
    ended_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True, comment="membership ended at (no longer shown to partners)"
    )
    end_reason: Mapped[str | None] = mapped_column(
        String(32), nullable=True, comment="why the membership ended (a code)"
    )

    __table_args__ = (
        CheckConstraint("role IN ('parent', 'guardian', 'child', 'youth', 'other')", name="role"),
        UniqueConstraint("file_id", "account_id", name="uq_members_file_id_account_id"),
        Index("ix_members_file_id", "file_id"),
        Index("ix_members_account_id", "account_id"),
    )


class Participant(Base):
    """A partner organisation taking part in a file."""

    __tablename__ = "participants"

    file_id: Mapped[FileId] = mapped_column(primary_key=True)
    organisation_id: Mapped[OrganisationId] = mapped_column(primary_key=True)
    joined_at: Mapped[Timestamp]
    added_by_account_id: Mapped[ActingAccountId | None]

    __table_args__ = (Index("ix_participants_organisation_id", "organisation_id"),)


class ConsentRecord(FileRow, Base):
    """A consent as given (ISO/IEC TS 27560); never updated — changes are consent events."""

    __tablename__ = "consent_records"

    given_by_member_id: Mapped[MemberId]
    on_behalf: Mapped[bool] = mapped_column(
        Boolean, nullable=False, comment="given by a legal representative for a child under 12"
    )
    purposes: Mapped[list[str]] = mapped_column(JSON, nullable=False, comment="vocabulary purposes")
    categories: Mapped[list[str]] = mapped_column(
        JSON, nullable=False, comment="vocabulary data categories"
    )
    legal_basis: Mapped[str] = mapped_column(
        String(16), nullable=False, comment="consent or dijh_art74"
    )
    collection_method: Mapped[str] = mapped_column(
        String(32),
        nullable=False,
        comment="in_person, signed_form or family_portal (by the server)",
    )
    evidence_hash: Mapped[str | None] = mapped_column(
        String(64), nullable=True, comment="SHA-256 (hex) of the signed form or portal receipt"
    )
    notice_version: Mapped[str] = mapped_column(String(32), nullable=False)
    valid_from: Mapped[Timestamp]
    valid_until: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, comment="as given; renewals are consent events"
    )
    recorded_by_account_id: Mapped[ActingAccountId | None]
    recorded_at: Mapped[Timestamp]
    recorded_by_organisation_id: Mapped[OrganisationId | None] = mapped_column(
        comment="the partner whose worker recorded it (none: given in the family portal)"
    )
    evidence_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid,
        ForeignKey("consent_evidence.id"),
        nullable=True,
        comment="the scan of the signed form this consent was recorded with",
    )

    __table_args__ = (
        CheckConstraint("legal_basis IN ('consent', 'dijh_art74')", name="legal_basis"),
        CheckConstraint("valid_from < valid_until", name="validity"),
        Index("ix_consent_records_file_id", "file_id"),
    )


class ConsentMember(Base):
    """A member a consent covers."""

    __tablename__ = "consent_members"

    consent_id: Mapped[ConsentId] = mapped_column(primary_key=True)
    member_id: Mapped[MemberId] = mapped_column(primary_key=True)


class ConsentRecipient(Base):
    """An organisation a consent names as recipient."""

    __tablename__ = "consent_recipients"

    consent_id: Mapped[ConsentId] = mapped_column(primary_key=True)
    organisation_id: Mapped[OrganisationId] = mapped_column(primary_key=True)

    __table_args__ = (Index("ix_consent_recipients_organisation_id", "organisation_id"),)


class ConsentEvent(Base):
    """The history of a consent: given, renewed (with the new end), withdrawn, expired."""

    __tablename__ = "consent_events"

    id: Mapped[PrimaryId]
    consent_id: Mapped[ConsentId]
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    occurred_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, comment="when it took effect (expiry: the end of validity)"
    )
    recorded_at: Mapped[Timestamp]
    valid_until: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True, comment="given and renewed: the end of validity"
    )
    actor_account_id: Mapped[ActingAccountId | None]
    evidence_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    member_id: Mapped[MemberId | None] = mapped_column(
        comment="withdrawn for this member's data only (the consent stays for the others)"
    )

    __table_args__ = (
        CheckConstraint(
            "kind IN ('given', 'renewed', 'withdrawn', 'expired', 'confirmed', 'contested', "
            "'reviewed', 'referred_back')",
            name="kind",
        ),
        Index("ix_consent_events_consent_id_kind", "consent_id", "kind"),
    )


class ConsentEvidence(Base):
    """A scan of a signed consent form (PDF, JPEG or PNG).

    Uploaded first (staged: encrypted under a data key of its own, owner ``evidence``), then
    bound to a file when a consent that uses it is stored: re-encrypted under the file's data
    key, its own key shredded. A staged scan nobody used is removed by retention.
    """

    __tablename__ = "consent_evidence"

    id: Mapped[PrimaryId]
    file_id: Mapped[FileId | None] = mapped_column(
        comment="none while staged, before a consent uses it"
    )
    media_type: Mapped[str] = mapped_column(
        String(32), nullable=False, comment="from the content, never the name"
    )
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, comment="hex, of the content")
    content_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: the scanned form")
    )
    uploaded_by_account_id: Mapped[ActingAccountId | None]
    uploaded_by_organisation_id: Mapped[OrganisationId]
    uploaded_at: Mapped[Timestamp]

    __table_args__ = (Index("ix_consent_evidence_file_id", "file_id"),)


class Entry(FileRow, Base):
    """A note, agreement, action or meeting record; the body is encrypted."""

    __tablename__ = "entries"

    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    category: Mapped[str] = mapped_column(String(32), nullable=False)
    confidential: Mapped[bool] = mapped_column(
        Boolean, nullable=False, comment="hidden from the family's view"
    )
    confidential_reason: Mapped[str | None] = mapped_column(
        String(32),
        nullable=True,
        comment="why it is withheld from the family (vocabulary confidential_reasons)",
    )
    body_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: entry text")
    )
    author_account_id: Mapped[ActingAccountId | None]
    author_organisation_id: Mapped[OrganisationId]
    created_at: Mapped[Timestamp]

    __table_args__ = (Index("ix_entries_file_id_created_at", "file_id", "created_at"),)


class EntryMember(Base):
    """A member an entry is about."""

    __tablename__ = "entry_members"

    entry_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[MemberId] = mapped_column(primary_key=True)


# Every encrypted column, under the file's data key, so key rotation re-encrypts them.
for _column in (
    "given_name_enc",
    "family_name_enc",
    "birth_date_enc",
    "insz_enc",
    "address_enc",
    "phone_enc",
    "email_enc",
):
    register_encrypted_column("members", _column, owner_kind="file", owner_id_column="file_id")
register_encrypted_column("entries", "body_enc", owner_kind="file", owner_id_column="file_id")
# Bound evidence is under the file's key; staged evidence (file_id NULL) under a key of its
# own (owner "evidence", owner id = the scan's id), which binding shreds.
register_encrypted_column(
    "consent_evidence",
    "content_enc",
    owner_kind="file",
    owner_id_column="file_id",
    self_owner_kind="evidence",
)


# Indexes the retention purge needs on these tables: deleting a file's members, consents and
# family accounts makes the database look up every row pointing to them (the foreign-key
# checks, ON DELETE actions and the proof of deletion); without these each purge scans whole
# tables and a run over many files grows with the square of their number.
PURGE_INDEXES = (
    Index("ix_purge_consent_members_member_id", ConsentMember.member_id),
    Index("ix_purge_entry_members_member_id", EntryMember.member_id),
    Index("ix_purge_consent_records_given_by", ConsentRecord.given_by_member_id),
    Index("ix_purge_consent_records_recorded_by", ConsentRecord.recorded_by_account_id),
    Index("ix_purge_consent_events_actor", ConsentEvent.actor_account_id),
    Index("ix_purge_entries_author", Entry.author_account_id),
    Index("ix_purge_participants_added_by", Participant.added_by_account_id),
    Index("ix_purge_coordination_files_opened_by", CoordinationFile.opened_by_account_id),
    Index("ix_purge_consent_events_member_id", ConsentEvent.member_id),
    Index("ix_purge_consent_records_evidence_id", ConsentRecord.evidence_id),
)
