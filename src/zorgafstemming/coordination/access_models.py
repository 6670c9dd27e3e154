"""Tables of who may reach a file beyond their organisation's consent: the social workers
assigned to it, and the links of existing family accounts waiting for their holder's answer.

Neither holds personal data: ids, organisations and times only.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from sqlalchemy import Boolean, ForeignKey, Index, UniqueConstraint, Uuid, false, text
from sqlalchemy.orm import Mapped, mapped_column

from zorgafstemming.coordination.models import ActingAccountId, FileRow, MemberId
from zorgafstemming.db import Base, Timestamp
from zorgafstemming.identity.models import OrganisationId

# The account a row is about, deleted with it.
SubjectAccountId = Annotated[
    uuid.UUID, mapped_column(Uuid, ForeignKey("accounts.id", ondelete="CASCADE"))
]
# Only one assignment of a worker to a file is in force; ended ones stay as history.
ACTIVE_ASSIGNMENT = text("ended_at IS NULL")
# One contact person per organisation and file among the assignments in force.
ACTIVE_CONTACT = text("ended_at IS NULL AND is_contact")


class FileAssignment(FileRow, Base):
    """A social worker assigned to a file by their organisation: only assigned workers of a
    participating organisation read and write the file. Unassigning sets ``ended_at``; the row
    stays, so who had access when remains visible."""

    __tablename__ = "file_assignments"

    account_id: Mapped[SubjectAccountId] = mapped_column(comment="the assigned social worker")
    organisation_id: Mapped[OrganisationId] = mapped_column(
        comment="the worker's organisation when assigned"
    )
    assigned_by_account_id: Mapped[ActingAccountId | None]
    assigned_at: Mapped[Timestamp]
    ended_at: Mapped[Timestamp | None] = mapped_column(comment="unassigned at (access ends)")
    ended_by_account_id: Mapped[ActingAccountId | None]
    is_contact: Mapped[bool] = mapped_column(
        Boolean,
        nullable=False,
        default=False,
        server_default=false(),
        comment="the organisation's contact person on the file (the lead's: the family's)",
    )

    __table_args__ = (
        Index(
            "uq_file_assignments_contact",
            "file_id",
            "organisation_id",
            unique=True,
            sqlite_where=ACTIVE_CONTACT,
            postgresql_where=ACTIVE_CONTACT,
        ),
        Index(
            "uq_file_assignments_active",
            "file_id",
            "account_id",
            unique=True,
            sqlite_where=ACTIVE_ASSIGNMENT,
            postgresql_where=ACTIVE_ASSIGNMENT,
        ),
        Index("ix_file_assignments_file_id", "file_id"),
        Index("ix_file_assignments_account_id", "account_id"),
        # The purge clears these links when it deletes an account (see retention.rowgraph).
        Index("ix_purge_file_assignments_assigned_by", "assigned_by_account_id"),
        Index("ix_purge_file_assignments_ended_by", "ended_by_account_id"),
    )


class MemberLink(FileRow, Base):
    """A partner's request to link a person's existing family account to a member of a file.

    The member stays without an account until the holder accepts in the portal (the row then
    goes and the member's ``account_id`` is set); declining deletes the row. One account links
    to at most one member per file, and one member waits for at most one account.
    """

    __tablename__ = "member_links"

    member_id: Mapped[MemberId]
    account_id: Mapped[SubjectAccountId] = mapped_column(comment="the family account asked to link")
    requested_by_account_id: Mapped[ActingAccountId | None]
    requested_by_organisation_id: Mapped[OrganisationId]
    requested_at: Mapped[Timestamp]

    __table_args__ = (
        UniqueConstraint("file_id", "account_id", name="uq_member_links_file_id_account_id"),
        UniqueConstraint("member_id", name="uq_member_links_member_id"),
        Index("ix_member_links_account_id", "account_id"),
        Index("ix_purge_member_links_requested_by", "requested_by_account_id"),
    )
