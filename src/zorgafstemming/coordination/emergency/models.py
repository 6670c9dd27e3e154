"""The emergency grants table: who got read access to which file, on which legal ground, until
when, and the DPO's review of it.

The ground is a code from a fixed list; the worker's explanation, the DPO's note and the reason
to delay telling the family are free text a person typed, so they are encrypted under the file's
data key (deferred, loaded only when shown). The row goes with its file.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.coordination.access_models import SubjectAccountId
from zorgafstemming.coordination.models import ActingAccountId, FileRow
from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, Timestamp
from zorgafstemming.identity.models import OrganisationId

GROUNDS = ("risk_to_child", "court_order", "other")
REVIEW_OUTCOMES = ("justified", "not_justified")


class EmergencyGrant(FileRow, Base):
    """A worker's read-only access to one file for a fixed period, on a stated legal ground."""

    __tablename__ = "emergency_grants"

    account_id: Mapped[SubjectAccountId] = mapped_column(comment="the worker holding the grant")
    organisation_id: Mapped[OrganisationId] = mapped_column(
        comment="the worker's organisation when granted"
    )
    ground: Mapped[str] = mapped_column(String(32), nullable=False, comment="code, fixed list")
    explanation_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, comment="PERSONAL: the worker's explanation (file key)")
    )
    member_roles: Mapped[str] = mapped_column(
        String(64),
        nullable=False,
        default="",
        comment="family roles of the members concerned, comma-separated; empty: the whole file",
    )
    requested_at: Mapped[Timestamp]
    expires_at: Mapped[Timestamp]
    review_outcome: Mapped[str | None] = mapped_column(String(16))
    review_note_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, comment="PERSONAL: the DPO's note (file key)")
    )
    reviewed_by_account_id: Mapped[ActingAccountId | None]
    reviewed_at: Mapped[Timestamp | None]
    delay_reason_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, comment="PERSONAL: why the family is told later (file key)")
    )
    delay_until: Mapped[date | None] = mapped_column(
        Date, comment="the family is told after this day (the DPO's delay)"
    )

    __table_args__ = (
        CheckConstraint("ground IN ('risk_to_child', 'court_order', 'other')", name="ground_known"),
        CheckConstraint(
            "review_outcome IS NULL OR review_outcome IN ('justified', 'not_justified')",
            name="review_outcome_known",
        ),
        Index("ix_emergency_grants_file_id", "file_id"),
        Index("ix_emergency_grants_account_id_file_id", "account_id", "file_id"),
        Index("ix_emergency_grants_requested_at", "requested_at"),
        Index("ix_purge_emergency_grants_reviewed_by", "reviewed_by_account_id"),
    )


for _column in ("explanation_enc", "review_note_enc", "delay_reason_enc"):
    register_encrypted_column(
        "emergency_grants",
        _column,
        owner_kind="file",
        owner_id_column="file_id",
        aad_column=_column.removesuffix("_enc"),
    )
