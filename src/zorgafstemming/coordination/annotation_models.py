"""Rectification of the journal: an annotation beside an entry, never a rewrite of it.

GDPR art. 16 asks that inaccurate data be corrected; a journal entry is a record of what a
partner wrote at the time, so it stays as written and a correction or a supplementary statement
is kept beside it, encrypted under the file's data key like the entry. The rows go with the entry
(and so with the file) at the purge.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, LargeBinary, Uuid
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.coordination.models import ActingAccountId, FileRow, MemberId
from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, Timestamp
from zorgafstemming.identity.models import OrganisationId


class EntryAnnotation(FileRow, Base):
    """A correction or supplement shown beside one journal entry; the text is encrypted."""

    __tablename__ = "entry_annotations"

    entry_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("entries.id", ondelete="CASCADE"), nullable=False
    )
    body_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: the annotation's text")
    )
    author_account_id: Mapped[ActingAccountId | None]
    author_organisation_id: Mapped[OrganisationId]
    created_at: Mapped[Timestamp]
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, comment="the data-subject request it answers (no FK: the queue lives elsewhere)"
    )

    __table_args__ = (
        Index("ix_entry_annotations_entry_id_created_at", "entry_id", "created_at"),
        Index("ix_entry_annotations_file_id", "file_id"),
        Index("ix_purge_entry_annotations_author", "author_account_id"),
    )


register_encrypted_column(
    "entry_annotations", "body_enc", owner_kind="file", owner_id_column="file_id"
)


class OwnStatement(Base):
    """Marks a journal entry as a youth's own statement about themselves (written in the portal,
    by a member of 12 or older); the entry itself holds the text like any other."""

    __tablename__ = "own_statements"

    entry_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[MemberId] = mapped_column(
        comment="the youth (12+) who wrote it about themselves"
    )
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, comment="the data-subject request it answers (no FK: the queue lives elsewhere)"
    )

    __table_args__ = (Index("ix_purge_own_statements_member_id", "member_id"),)
