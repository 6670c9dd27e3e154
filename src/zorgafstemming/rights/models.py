"""Tables of data-subject requests: the request and the history of its steps.

A request outlives the file it is about. Its record (kind, dates, status, who filed and who
handled it) is kept under its own retention rule (``subject_request`` in
``policies/retention.toml``); its content — the details the requester wrote and the reasons of
its steps — is personal data, encrypted under the file's data key. When the file is purged the
key is shredded with it, so the content becomes unreadable at once (crypto-shredding), while the
foreign keys to the file and its members are declared ``ON DELETE SET NULL``: the purge's
row-graph walk clears them instead of deleting the request. What stays names the file only by
its pseudonymous audit ref.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.coordination.models import ActingAccountId
from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, PrimaryId, Timestamp, UTCDateTime
from zorgafstemming.identity.models import OrganisationId

# The file a request is about; cleared (not cascaded) when the file is purged.
KeptFileId = Annotated[
    uuid.UUID, mapped_column(Uuid, ForeignKey("coordination_files.id", ondelete="SET NULL"))
]
# A member of that file; cleared when the member goes with the file.
KeptMemberId = Annotated[
    uuid.UUID, mapped_column(Uuid, ForeignKey("members.id", ondelete="SET NULL"))
]


class SubjectRequest(Base):
    """A data-subject request (GDPR art. 15-21) by or for one member of a file, with its
    deadline. An erasure or restriction request asks for that member's data alone (``scope``
    ``member``) or for the whole file (``file``); only an act of the same reach answers it."""

    __tablename__ = "subject_requests"

    id: Mapped[PrimaryId]
    file_id: Mapped[KeptFileId | None] = mapped_column(
        comment="cleared when the file is purged; file_ref stays"
    )
    file_ref: Mapped[str] = mapped_column(
        String(64), nullable=False, comment="HMAC audit ref of the file (pseudonymous)"
    )
    member_id: Mapped[KeptMemberId | None] = mapped_column(comment="the data subject")
    requester_member_id: Mapped[KeptMemberId | None] = mapped_column(
        comment="the member who asked: the subject (12+) or their parent or guardian"
    )
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    scope: Mapped[str] = mapped_column(
        String(8),
        nullable=False,
        server_default="member",
        comment="member: about member_id alone; file: the whole file (erasure, restriction)",
    )
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    channel: Mapped[str] = mapped_column(
        String(16), nullable=False, comment="family_portal, or on_behalf (a partner's worker)"
    )
    filed_by_account_id: Mapped[ActingAccountId | None]
    filed_by_organisation_id: Mapped[OrganisationId | None] = mapped_column(
        comment="the partner whose worker filed it on the family's behalf"
    )
    received_at: Mapped[Timestamp]
    due_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, comment="statutory deadline (extended when extended)"
    )
    extended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True, comment="answered or refused; the retention clock starts"
    )
    details_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: what the requester wrote")
    )

    __table_args__ = (
        CheckConstraint(
            "kind IN ('access', 'rectification', 'erasure', 'restriction', 'objection',"
            " 'portability')",
            name="kind",
        ),
        CheckConstraint(
            "status IN ('received', 'in_progress', 'extended', 'answered', 'refused')",
            name="status",
        ),
        CheckConstraint("channel IN ('family_portal', 'on_behalf')", name="channel"),
        CheckConstraint(
            "scope IN ('member', 'file') AND (scope = 'member' OR kind IN ('erasure',"
            " 'restriction'))",
            name="scope",
        ),
        Index("ix_subject_requests_due_at_id", "due_at", "id"),
        Index("ix_subject_requests_closed_at", "closed_at"),
        Index("ix_purge_subject_requests_file_id", "file_id"),
        Index("ix_purge_subject_requests_member_id", "member_id"),
        Index("ix_purge_subject_requests_requester_member_id", "requester_member_id"),
        Index("ix_purge_subject_requests_filed_by", "filed_by_account_id"),
    )


class SubjectRequestStep(Base):
    """One step of a request: received, started, extended, answered or refused — who, when,
    and the reason or outcome note (encrypted)."""

    __tablename__ = "subject_request_steps"

    id: Mapped[PrimaryId]
    request_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("subject_requests.id", ondelete="CASCADE"), nullable=False
    )
    file_id: Mapped[KeptFileId | None] = mapped_column(
        comment="whose data key the reason is under; cleared when the file is purged"
    )
    step: Mapped[str] = mapped_column(String(16), nullable=False)
    actor_account_id: Mapped[ActingAccountId | None]
    actor_role: Mapped[str] = mapped_column(String(16), nullable=False)
    actor_organisation_id: Mapped[OrganisationId | None]
    at: Mapped[Timestamp]
    reason_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: the reason or outcome note")
    )

    __table_args__ = (
        CheckConstraint("step IN ('receive', 'start', 'extend', 'answer', 'refuse')", name="step"),
        Index("ix_subject_request_steps_request_id_at", "request_id", "at"),
        Index("ix_purge_subject_request_steps_file_id", "file_id"),
        Index("ix_purge_subject_request_steps_actor", "actor_account_id"),
    )


register_encrypted_column(
    "subject_requests", "details_enc", owner_kind="file", owner_id_column="file_id"
)
register_encrypted_column(
    "subject_request_steps", "reason_enc", owner_kind="file", owner_id_column="file_id"
)
