"""Tables of the messages on a file: threads between the partners (or the partners and the
family), the messages in them and the attachments the messages carry.

The subject, the body and the attachment's content are the personal data here, encrypted
under the file's data key; the rest are ids, codes and times. Every table points to the file
(or to a thread or message of it), so all of it goes with the file when it is purged.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.coordination.models import ActingAccountId, FileRow, MemberId
from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, Timestamp, UTCDateTime
from zorgafstemming.identity.models import OrganisationId

# Who reads a thread: every partner on the file, or the partners and the family accounts of
# the members it concerns.
AUDIENCES = ("partners", "family")


class MessageThread(FileRow, Base):
    """A conversation on a file, opened by a partner's worker, about one or more members."""

    __tablename__ = "message_threads"

    audience: Mapped[str] = mapped_column(String(16), nullable=False)
    category: Mapped[str] = mapped_column(
        String(32), nullable=False, comment="vocabulary data category of the subject"
    )
    subject_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: the thread's subject")
    )
    created_by_account_id: Mapped[ActingAccountId | None]
    created_by_organisation_id: Mapped[OrganisationId]
    created_at: Mapped[Timestamp]
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (
        CheckConstraint("audience IN ('partners', 'family')", name="audience"),
        Index("ix_message_threads_file_id", "file_id"),
        Index("ix_purge_message_threads_created_by", "created_by_account_id"),
    )


class MessageThreadMember(Base):
    """A member a thread concerns (for a family thread: whose family accounts read it)."""

    __tablename__ = "message_thread_members"

    thread_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("message_threads.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[MemberId] = mapped_column(primary_key=True)

    __table_args__ = (Index("ix_purge_message_thread_members_member_id", "member_id"),)


class Message(FileRow, Base):
    """A message in a thread, by a partner's worker or a family account; the body is
    encrypted."""

    __tablename__ = "messages"

    thread_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("message_threads.id", ondelete="CASCADE"), nullable=False
    )
    category: Mapped[str] = mapped_column(
        String(32), nullable=False, comment="vocabulary data category"
    )
    body_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: the message text")
    )
    author_account_id: Mapped[ActingAccountId | None]
    author_organisation_id: Mapped[OrganisationId | None] = mapped_column(
        comment="the partner that wrote it; none when the family did"
    )
    author_member_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid,
        ForeignKey("members.id", ondelete="SET NULL"),
        nullable=True,
        comment="the member whose family account wrote it",
    )
    created_at: Mapped[Timestamp]

    __table_args__ = (
        Index("ix_messages_thread_id_id", "thread_id", "id"),
        Index("ix_purge_messages_file_id", "file_id"),
        Index("ix_purge_messages_author", "author_account_id"),
        Index("ix_purge_messages_author_member_id", "author_member_id"),
    )


class MessageMember(Base):
    """A member a message is about (none: the members its thread concerns)."""

    __tablename__ = "message_members"

    message_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[MemberId] = mapped_column(primary_key=True)

    __table_args__ = (Index("ix_purge_message_members_member_id", "member_id"),)


class MessageAttachment(FileRow, Base):
    """A PDF, JPEG or PNG a partner's worker uploaded to a file, then sent with a message
    (``message_id``); its category is the message's."""

    __tablename__ = "message_attachments"

    message_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid,
        ForeignKey("messages.id", ondelete="CASCADE"),
        nullable=True,
        comment="none until a message carries it",
    )
    media_type: Mapped[str] = mapped_column(
        String(32), nullable=False, comment="from the content, never the name"
    )
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, comment="hex, of the content")
    content_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: the attached document")
    )
    uploaded_by_account_id: Mapped[ActingAccountId | None]
    uploaded_by_organisation_id: Mapped[OrganisationId]
    uploaded_at: Mapped[Timestamp]

    __table_args__ = (
        Index("ix_message_attachments_file_id", "file_id"),
        Index("ix_message_attachments_message_id", "message_id"),
        Index("ix_purge_message_attachments_uploaded_by", "uploaded_by_account_id"),
    )


register_encrypted_column(
    "message_threads", "subject_enc", owner_kind="file", owner_id_column="file_id"
)
register_encrypted_column("messages", "body_enc", owner_kind="file", owner_id_column="file_id")
register_encrypted_column(
    "message_attachments", "content_enc", owner_kind="file", owner_id_column="file_id"
)
