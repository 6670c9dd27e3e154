"""Tables of case meetings (casusoverleg): a meeting of the partners on a file with the family,
who is invited, and the decisions its minutes record.

The place (or video link), the agenda and each decision's text may name family matters: they
are encrypted under the file's data key. Times are stored in UTC and shown in Europe/Brussels.
Every table reaches the file through a foreign key, so a purge takes the meetings with it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Uuid,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.coordination.models import ActingAccountId, FileId, FileRow, MemberId
from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, PrimaryId, Timestamp, UTCDateTime
from zorgafstemming.identity.models import OrganisationId

MEETING_STATUSES = ("planned", "held", "cancelled")


class Meeting(FileRow, Base):
    """A case meeting of the partners on a file and the family, planned by the lead."""

    __tablename__ = "meetings"

    organiser_organisation_id: Mapped[OrganisationId] = mapped_column(
        comment="the lead organisation that planned it"
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    place_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: place or video link")
    )
    agenda_enc: Mapped[bytes] = deferred(
        mapped_column(
            LargeBinary, nullable=False, comment="encrypted: agenda items and whom they concern"
        )
    )
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    sequence: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, comment="iCalendar SEQUENCE of the invitation"
    )
    planned_by_account_id: Mapped[ActingAccountId | None]
    created_at: Mapped[Timestamp]
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    minutes_entry_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid,
        ForeignKey("entries.id", ondelete="SET NULL"),
        nullable=True,
        comment="the journal entry of kind meeting_record holding the minutes",
    )

    __table_args__ = (
        CheckConstraint("status IN ('planned', 'held', 'cancelled')", name="status"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_meetings_file_id_starts_at", "file_id", "starts_at"),
        Index("ix_purge_meetings_planned_by", "planned_by_account_id"),
        Index("ix_purge_meetings_minutes_entry", "minutes_entry_id"),
    )


class MeetingOrganisation(Base):
    """A partner organisation invited to a meeting."""

    __tablename__ = "meeting_organisations"

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[OrganisationId] = mapped_column(primary_key=True)

    __table_args__ = (Index("ix_meeting_organisations_organisation_id", "organisation_id"),)


class MeetingMember(Base):
    """A family member invited to a meeting."""

    __tablename__ = "meeting_members"

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[MemberId] = mapped_column(primary_key=True)

    __table_args__ = (Index("ix_purge_meeting_members_member_id", "member_id"),)


class MeetingDecision(Base):
    """A decision the minutes of a meeting record: what, which organisation owns it, by when.
    Kept as rows (not in the minutes' text) so it can become an action of the family plan."""

    __tablename__ = "meeting_decisions"

    id: Mapped[PrimaryId]
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False
    )
    file_id: Mapped[FileId]
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    text_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: what was decided")
    )
    owner_organisation_id: Mapped[OrganisationId]
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    plan_action_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid,
        ForeignKey("plan_actions.id", ondelete="SET NULL"),
        nullable=True,
        comment="the plan action the decision became",
    )

    __table_args__ = (
        Index("ix_meeting_decisions_meeting_id", "meeting_id", "position", unique=True),
        Index("ix_meeting_decisions_file_id", "file_id"),
    )


for _table, _column in (
    ("meetings", "place_enc"),
    ("meetings", "agenda_enc"),
    ("meeting_decisions", "text_enc"),
):
    register_encrypted_column(_table, _column, owner_kind="file", owner_id_column="file_id")
