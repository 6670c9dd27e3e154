"""Tables of the retention package: legal holds, purge tombstones and kept proofs of consent.

None of these tables has a foreign key to a file's rows: a tombstone and a consent proof must
outlive the file, and a hold is removed explicitly in the file's purge transaction.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Index, Integer, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, PrimaryId, Timestamp, UTCDateTime


class LegalHold(Base):
    """A DPO's hold on a file: while unlifted, the file is never purged.

    The reason is a short code from a fixed list (safe to show and to audit); any free text goes
    into ``note``, encrypted with the file's own data key, because a note about a litigation or an
    investigation is easily personal data — and so it is crypto-shredded with the file.
    """

    __tablename__ = "legal_holds"

    id: Mapped[PrimaryId]
    file_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, nullable=False, comment="the held coordination file (no FK: removed at purge)"
    )
    reason_code: Mapped[str] = mapped_column(String(32), nullable=False)
    note: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, comment="encrypted: free-text note, under the file's data key")
    )
    placed_by: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, comment="DPO account id")
    placed_at: Mapped[Timestamp]
    lifted_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, comment="DPO account id")
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_legal_holds_file_id_lifted_at", "file_id", "lifted_at"),)


class RetentionLease(Base):
    """Who runs the retention purge now, and when the last complete run started.

    One row (``name = "purge"``). A process runs the purge only after a conditional UPDATE took
    the row (free or expired, and — for the scheduler — the last run a period ago); it renews
    ``expires_at`` while it runs and sets ``last_run_at`` when it is done, so the instances of a
    fleet purge once per period between them, and a dead holder's lease simply runs out.
    """

    __tablename__ = "retention_lease"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(128), comment="instance id, no hostnames")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_run_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="start of the last run that completed"
    )


class PurgeTombstone(Base):
    """What remains of a purged file: a pseudonymous ref, counts, the rule, the proof result."""

    __tablename__ = "purge_tombstones"

    id: Mapped[PrimaryId]
    file_ref: Mapped[str] = mapped_column(
        String(64),
        nullable=False,
        unique=True,
        comment="HMAC ref of the file (audit key), as in audit events",
    )
    rule_id: Mapped[str] = mapped_column(String(64), nullable=False)
    due_at: Mapped[Timestamp]
    purged_at: Mapped[Timestamp]
    purged_counts: Mapped[dict[str, Any]] = mapped_column(
        JSON, nullable=False, comment="rows deleted per kind (numbers only)"
    )
    proof_ok: Mapped[bool] = mapped_column(Boolean, nullable=False)
    proof: Mapped[dict[str, Any]] = mapped_column(
        JSON, nullable=False, comment="rows found per table on re-reading after the purge"
    )
    audit_event_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)


class ConsentProof(Base):
    """Pseudonymous proof that a consent was given, kept after its file is purged (GDPR art. 7(1)).

    Holds references and the evidence hash only: nothing that names a person.
    """

    __tablename__ = "consent_proofs"

    id: Mapped[PrimaryId]
    file_ref: Mapped[str] = mapped_column(String(64), nullable=False, comment="HMAC ref of file")
    consent_ref: Mapped[str] = mapped_column(
        String(64), nullable=False, unique=True, comment="HMAC ref of the consent record"
    )
    legal_basis: Mapped[str] = mapped_column(String(32), nullable=False)
    given_by_role: Mapped[str | None] = mapped_column(String(32), comment="role only, no person")
    purposes: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    data_categories: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    recipients: Mapped[list[str]] = mapped_column(
        JSON, nullable=False, comment="organisation ids (organisations, not people)"
    )
    subject_count: Mapped[int] = mapped_column(Integer, nullable=False)
    collection_method: Mapped[str | None] = mapped_column(String(32))
    notice_version: Mapped[str | None] = mapped_column(String(64))
    evidence_hash: Mapped[str | None] = mapped_column(String(128))
    events: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, nullable=False, comment="state changes: kind and time only"
    )
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    file_purged_at: Mapped[Timestamp]

    __table_args__ = (Index("ix_consent_proofs_file_purged_at", "file_purged_at"),)


# A hold's note is encrypted under the file's data key: key rotation re-encrypts it too.
register_encrypted_column("legal_holds", "note", owner_kind="file", owner_id_column="file_id")


# Why the DPO granted or refused an erasure (GDPR art. 17(1) grounds, art. 17(3) exceptions):
# codes only, so that no free text about a person lands in a record that outlives the file.
ERASURE_REASONS = (
    "consent_withdrawn",
    "legal_claims",
    "legal_obligation",
    "no_longer_needed",
    "objection",
    "other",
    "public_interest",
    "unlawful_processing",
)

_ERASURE_REASON_LIST = ", ".join(f"'{r}'" for r in ERASURE_REASONS)


class ErasureDecision(Base):
    """The DPO's decision on a request to erase a file or one member of it (GDPR art. 17).

    Kept after the erasure and after the file's purge, so it holds no personal data: the file and
    the member are HMAC refs (audit key, as in audit events and tombstones), the DPO an account
    ref, the reason a code, the counts numbers. No foreign key: it must outlive what it erased.
    """

    __tablename__ = "erasure_decisions"

    id: Mapped[PrimaryId]
    file_ref: Mapped[str] = mapped_column(
        String(64), nullable=False, comment="HMAC ref of the file (audit key), as in audit events"
    )
    member_ref: Mapped[str | None] = mapped_column(
        String(64), comment="HMAC ref of the member erased; null: the whole file"
    )
    decision: Mapped[str] = mapped_column(String(8), nullable=False, comment="granted, refused")
    reason: Mapped[str] = mapped_column(String(32), nullable=False, comment="a reason code")
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, comment="the data-subject request decided (no FK: kept when the request goes)"
    )
    decided_by_ref: Mapped[str] = mapped_column(
        String(64), nullable=False, comment="HMAC ref of the DPO's account"
    )
    decided_at: Mapped[Timestamp]
    erased_counts: Mapped[dict[str, Any]] = mapped_column(
        JSON, nullable=False, comment="rows erased per table (numbers only)"
    )
    proof: Mapped[dict[str, Any]] = mapped_column(
        JSON, nullable=False, comment="rows found per table on re-reading after the erasure"
    )
    audit_event_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)

    __table_args__ = (
        CheckConstraint("decision IN ('granted', 'refused')", name="decision"),
        CheckConstraint(f"reason IN ({_ERASURE_REASON_LIST})", name="reason"),
        Index("ix_erasure_decisions_file_ref_decided_at", "file_ref", "decided_at"),
    )


class DeletionLedgerMark(Base):
    """One entry of the deletion ledger that this database has applied (written in the same
    transaction as the purge or shred the entry records, or by ``restore-check``).

    The ledger lives outside the database; a committed ledger entry without its mark here means
    the database was restored from a backup taken before that purge (see
    :mod:`zorgafstemming.retention.ledger`)."""

    __tablename__ = "deletion_ledger_marks"

    seq: Mapped[int] = mapped_column(
        Integer, primary_key=True, autoincrement=False, comment="the entry's number in the ledger"
    )
    digest: Mapped[str] = mapped_column(
        String(64), nullable=False, comment="SHA-256 of the entry's ledger line"
    )
    applied_at: Mapped[Timestamp]
