"""Tables of the notices about a file: the in-app notices of participant organisations and the
family portal's notices. Neither holds personal data or content: a kind, the file, the consent,
the time."""

from __future__ import annotations

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from zorgafstemming.coordination.models import ConsentId, FileRow, MemberId
from zorgafstemming.db import Base, Timestamp
from zorgafstemming.identity.models import OrganisationId


class Notification(FileRow, Base):
    """An in-app notice for a participant organisation; never holds personal data."""

    __tablename__ = "notifications"

    organisation_id: Mapped[OrganisationId]
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    consent_id: Mapped[ConsentId | None]
    dedupe_key: Mapped[str | None] = mapped_column(
        String(128), nullable=True, unique=True, comment="one reminder per consent and org"
    )
    created_at: Mapped[Timestamp]

    __table_args__ = (
        Index("ix_notifications_organisation_id_created_at", "organisation_id", "created_at"),
    )


class FamilyNotice(FileRow, Base):
    """A notice in the family portal for one member (or their representative); no content."""

    __tablename__ = "family_notices"

    member_id: Mapped[MemberId] = mapped_column(
        comment="the member who is told (a covered member, or their representative)"
    )
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    consent_id: Mapped[ConsentId | None]
    actor_organisation_id: Mapped[OrganisationId | None] = mapped_column(
        comment="the recorder, if a partner"
    )
    created_at: Mapped[Timestamp]

    __table_args__ = (Index("ix_family_notices_member_id_created_at", "member_id", "created_at"),)


# The lookups the retention purge makes on these tables (see ``models.PURGE_INDEXES``).
PURGE_INDEXES = (
    Index("ix_purge_notifications_file_id", Notification.file_id),
    Index("ix_purge_notifications_consent_id", Notification.consent_id),
    Index("ix_purge_family_notices_file_id", FamilyNotice.file_id),
    Index("ix_purge_family_notices_consent_id", FamilyNotice.consent_id),
)
