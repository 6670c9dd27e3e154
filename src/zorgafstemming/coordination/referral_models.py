"""Tables of the warm hand-over between partners: referrals of a family to another partner
organisation, and offers of a file's lead to a partner.

The hand-over note is the only personal data here, encrypted under the file's data key; the
rest are ids, codes and times. Both go with the file when it is purged.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, LargeBinary, String, text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.coordination.models import ActingAccountId, FileRow
from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, Timestamp, UTCDateTime
from zorgafstemming.identity.models import OrganisationId

REFERRAL_STATUSES = ("open", "waiting_for_consent", "joined", "declined")
URGENCIES = ("routine", "soon", "urgent")
DECLINE_REASONS = ("no_capacity", "not_our_service", "family_elsewhere", "other")
HANDOVER_STATUSES = ("offered", "accepted", "declined", "withdrawn")
# At most one referral to an organisation per file waits for an answer or for consent.
REFERRAL_PENDING = text("status IN ('open', 'waiting_for_consent')")
# At most one offer of the lead per file waits for an answer.
HANDOVER_PENDING = text("status = 'offered'")


class Referral(FileRow, Base):
    """A partner on the file refers the family to another organisation, which accepts (and joins
    the file once a consent in force names it for the purpose) or declines with a reason."""

    __tablename__ = "referrals"

    from_organisation_id: Mapped[OrganisationId]  # the referring partner
    to_organisation_id: Mapped[OrganisationId]  # the receiving partner
    purpose: Mapped[str] = mapped_column(String(32), nullable=False, comment="vocabulary purpose")
    urgency: Mapped[str] = mapped_column(String(16), nullable=False)
    note_category: Mapped[str] = mapped_column(
        String(32), nullable=False, comment="vocabulary data category of the note"
    )
    note_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: hand-over note")
    )
    status: Mapped[str] = mapped_column(String(24), nullable=False)
    referred_by_account_id: Mapped[ActingAccountId | None]
    created_at: Mapped[Timestamp]
    answered_by_account_id: Mapped[ActingAccountId | None] = mapped_column(
        comment="the receiving worker who accepted or declined (assigned when it joins)"
    )
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    decline_reason: Mapped[str | None] = mapped_column(
        String(32), nullable=True, comment="a reason code, never free text"
    )
    joined_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True, comment="when the receiving partner joined the file"
    )

    __table_args__ = (
        CheckConstraint(
            "status IN ('open', 'waiting_for_consent', 'joined', 'declined')", name="status"
        ),
        CheckConstraint("urgency IN ('routine', 'soon', 'urgent')", name="urgency"),
        Index(
            "uq_referrals_pending",
            "file_id",
            "to_organisation_id",
            unique=True,
            sqlite_where=REFERRAL_PENDING,
            postgresql_where=REFERRAL_PENDING,
        ),
        Index("ix_referrals_to_organisation_id_created_at", "to_organisation_id", "created_at"),
        Index("ix_referrals_file_id", "file_id"),
        Index("ix_purge_referrals_referred_by", "referred_by_account_id"),
        Index("ix_purge_referrals_answered_by", "answered_by_account_id"),
    )


class LeadHandover(FileRow, Base):
    """The lead organisation offers the lead of the file to a partner, which accepts (it leads
    from then on) or declines."""

    __tablename__ = "lead_handovers"

    from_organisation_id: Mapped[OrganisationId]
    to_organisation_id: Mapped[OrganisationId]
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    offered_by_account_id: Mapped[ActingAccountId | None]
    offered_at: Mapped[Timestamp]
    answered_by_account_id: Mapped[ActingAccountId | None]
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        CheckConstraint(
            "status IN ('offered', 'accepted', 'declined', 'withdrawn')", name="status"
        ),
        Index(
            "uq_lead_handovers_offered",
            "file_id",
            unique=True,
            sqlite_where=HANDOVER_PENDING,
            postgresql_where=HANDOVER_PENDING,
        ),
        Index("ix_purge_lead_handovers_offered_by", "offered_by_account_id"),
        Index("ix_purge_lead_handovers_answered_by", "answered_by_account_id"),
    )


register_encrypted_column("referrals", "note_enc", owner_kind="file", owner_id_column="file_id")
