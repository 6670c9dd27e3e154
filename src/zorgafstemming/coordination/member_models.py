"""Keeping a file's member list current: the history of corrections to a member's fields.

A correction replaces the value in ``members`` and keeps the old one here, encrypted under the
file's data key like the member's own fields, so the family can see what was changed, when and
by which organisation (GDPR art. 16). The rows belong to the file and go with it at the purge.
"""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, Index, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.coordination.models import ActingAccountId, FileRow, MemberId
from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, Timestamp
from zorgafstemming.identity.models import OrganisationId

# Why a member's field was corrected: a short fixed list, so that no free text about the
# person travels in a code (the optional note is encrypted).
CORRECTION_REASONS = (
    "typo",
    "name_changed",
    "address_changed",
    "contact_changed",
    "wrong_birth_date",
    "wrong_national_number",
)
# Why a membership ended.
END_REASONS = ("moved_out", "left_family", "added_in_error", "deceased")


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


class MemberCorrection(FileRow, Base):
    """One corrected field of a member: the value before and after, encrypted."""

    __tablename__ = "member_corrections"

    member_id: Mapped[MemberId]
    field: Mapped[str] = mapped_column(
        String(16), nullable=False, comment="the member field corrected (vocabulary member_fields)"
    )
    category: Mapped[str] = mapped_column(
        String(32), nullable=False, comment="the field's data category at the time"
    )
    reason: Mapped[str] = mapped_column(String(32), nullable=False, comment="a reason code")
    old_value_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: the value before")
    )
    new_value_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: the value after")
    )
    note_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: the worker's note")
    )
    corrected_at: Mapped[Timestamp]
    corrected_by_account_id: Mapped[ActingAccountId | None]
    corrected_by_organisation_id: Mapped[OrganisationId]
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, comment="the data-subject request it answers (no FK: the queue lives elsewhere)"
    )

    __table_args__ = (
        CheckConstraint(f"reason IN ({_in(CORRECTION_REASONS)})", name="reason"),
        Index("ix_member_corrections_file_id_corrected_at", "file_id", "corrected_at"),
        Index("ix_member_corrections_member_id", "member_id"),
        Index("ix_purge_member_corrections_corrected_by", "corrected_by_account_id"),
    )


for _column in ("old_value_enc", "new_value_enc", "note_enc"):
    register_encrypted_column(
        "member_corrections", _column, owner_kind="file", owner_id_column="file_id"
    )
