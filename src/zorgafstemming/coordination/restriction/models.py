"""Tables of restriction (art. 18) and objection (art. 21).

A restriction stops partners from processing a whole file's data, or one member's, until the
DPO lifts it; an objection is a family member's objection to the statute-based processing of
their data under one consent, decided by the lead organisation. Free text (the reasons) is
encrypted under the file's data key and deferred; the rows go with their file.

``request_id`` links a row to the data-subject request it answers (that queue lives elsewhere):
a bare id, no foreign key, so either side can be built or purged on its own.
"""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, Index, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.coordination.models import ActingAccountId, ConsentId, FileRow, MemberId
from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, Timestamp

OBJECTION_OUTCOMES = ("continue", "stop")
_REQUEST_COMMENT = "the data-subject request this answers, if any (no foreign key)"


class FileRestriction(FileRow, Base):
    """A restriction of processing on a whole file (``member_id`` null) or on one member's data,
    from ``placed_at`` until ``lifted_at``."""

    __tablename__ = "file_restrictions"

    member_id: Mapped[MemberId | None] = mapped_column(
        comment="the member whose data is restricted; null: the whole file"
    )
    reason_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="PERSONAL: why (file key)")
    )
    request_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, comment=_REQUEST_COMMENT)
    placed_by_account_id: Mapped[ActingAccountId | None]
    placed_at: Mapped[Timestamp]
    lifted_at: Mapped[Timestamp | None]
    lifted_by_account_id: Mapped[ActingAccountId | None]
    lift_reason_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, comment="PERSONAL: why it was lifted (file key)")
    )

    __table_args__ = (
        Index("ix_file_restrictions_file_id_lifted_at", "file_id", "lifted_at"),
        Index("ix_file_restrictions_placed_at", "placed_at"),
        Index("ix_purge_file_restrictions_member_id", "member_id"),
        Index("ix_purge_file_restrictions_placed_by", "placed_by_account_id"),
        Index("ix_purge_file_restrictions_lifted_by", "lifted_by_account_id"),
    )


class Objection(FileRow, Base):
    """A family member's objection to the statute-based processing of one member's data under
    one consent, and the lead organisation's decision on it (``outcome`` null while open)."""

    __tablename__ = "objections"

    consent_id: Mapped[ConsentId]
    member_id: Mapped[MemberId] = mapped_column(comment="the member whose data it is about")
    raised_by_account_id: Mapped[ActingAccountId | None]
    reasons_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="PERSONAL: the grounds (file key)")
    )
    request_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, comment=_REQUEST_COMMENT)
    raised_at: Mapped[Timestamp]
    outcome: Mapped[str | None] = mapped_column(String(16), comment="continue or stop")
    decided_by_account_id: Mapped[ActingAccountId | None]
    decided_at: Mapped[Timestamp | None]
    decision_reason_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, comment="PERSONAL: the lead's recorded reason (file key)")
    )

    __table_args__ = (
        CheckConstraint("outcome IS NULL OR outcome IN ('continue', 'stop')", name="outcome_known"),
        Index("ix_objections_file_id", "file_id"),
        Index("ix_objections_raised_at", "raised_at"),
        Index("ix_purge_objections_consent_id", "consent_id"),
        Index("ix_purge_objections_member_id", "member_id"),
        Index("ix_purge_objections_raised_by", "raised_by_account_id"),
        Index("ix_purge_objections_decided_by", "decided_by_account_id"),
    )


for _table, _column in (
    ("file_restrictions", "reason_enc"),
    ("file_restrictions", "lift_reason_enc"),
    ("objections", "reasons_enc"),
    ("objections", "decision_reason_enc"),
):
    register_encrypted_column(
        _table,
        _column,
        owner_kind="file",
        owner_id_column="file_id",
        aad_column=_column.removesuffix("_enc"),
    )
