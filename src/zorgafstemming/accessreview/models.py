"""The access-review tables: one sample per month and the accesses it drew.

Nothing here names a person: an item holds the audit event's refs (account, organisation, file)
as the audit trail does, and the ids of the reading account and its organisation so that the
organisation's coordinator can be asked. The coordinator's note is encrypted. Like the audit
trail these rows outlive the files they point at (by ref only), and no file owns them.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Float,
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

REASONS = ("read", "denied", "emergency")
ANSWERS = ("needed", "not_justified")


class AccessReviewSample(Base):
    """A month's sample: the seed and rate it was drawn with, so it can be drawn again."""

    __tablename__ = "access_review_samples"

    id: Mapped[PrimaryId]
    month: Mapped[str] = mapped_column(
        String(7), nullable=False, unique=True, comment="YYYY-MM, Brussels time"
    )
    seed: Mapped[str] = mapped_column(
        String(64), nullable=False, comment="the draw's key: the same seed redraws the sample"
    )
    rate_percent: Mapped[float] = mapped_column(Float, nullable=False)
    reads_seen: Mapped[int] = mapped_column(
        Integer, nullable=False, comment="reads in the month the draw chose from"
    )
    created_at: Mapped[Timestamp]
    due_at: Mapped[Timestamp]


class AccessReviewItem(Base):
    """One sampled access and its coordinator's answer (refs and ids only)."""

    __tablename__ = "access_review_items"

    id: Mapped[PrimaryId]
    sample_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("access_review_samples.id", ondelete="CASCADE"), nullable=False
    )
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, comment="audit event id")
    reason: Mapped[str] = mapped_column(String(16), nullable=False)
    occurred_at: Mapped[Timestamp]
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    outcome: Mapped[str] = mapped_column(String(16), nullable=False)
    actor_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC ref of the account")
    actor_org_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC ref of the org")
    file_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC ref of the file")
    reader_account_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, comment="the staff account the actor ref stands for, when it is one"
    )
    reader_organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, comment="whose coordinator attests"
    )
    due_at: Mapped[Timestamp]
    answer: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, comment="encrypted: the coordinator's optional note")
    )
    answered_by_account_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("sample_id", "event_id"),
        CheckConstraint("reason IN ('read', 'denied', 'emergency')", name="reason"),
        CheckConstraint("answer IN ('needed', 'not_justified')", name="answer"),
        Index(
            "ix_access_review_items_reader_organisation_id_occurred_at",
            "reader_organisation_id",
            "occurred_at",
        ),
        Index("ix_access_review_items_occurred_at", "occurred_at"),
    )


# The notes use the fixed owner ("access_reviews", UUID 0); see accessreview.attest.NOTE_OWNER.
register_encrypted_column("access_review_items", "note", owner_kind="access_reviews")
