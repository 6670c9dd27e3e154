"""The outbox table: one row per mail, written in the transaction of the change that causes it."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, PrimaryId, Timestamp, UTCDateTime


class OutboundMail(Base):
    """A mail to send: recipient, subject and text are encrypted and erased once it is sent."""

    __tablename__ = "outbound_mail"

    id: Mapped[PrimaryId]
    kind: Mapped[str] = mapped_column(
        String(32), nullable=False, comment="what the mail is for, e.g. activation; no content"
    )
    account_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=True
    )
    message_enc: Mapped[bytes | None] = deferred(
        mapped_column(
            LargeBinary,
            nullable=True,
            comment="encrypted: recipient, subject and text; erased once sent or given up",
        )
    )
    status: Mapped[str] = mapped_column(
        String(16), nullable=False, comment="queued, sending, sent, failed or unknown"
    )
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    last_error: Mapped[str | None] = mapped_column(
        String(64), nullable=True, comment="a short error class, never the server's reply"
    )
    created_at: Mapped[Timestamp]
    sent_at: Mapped[Timestamp | None]

    __table_args__ = (
        Index("ix_outbound_mail_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_outbound_mail_account_id", "account_id"),
    )


# Under the accounts' shared key, like the account's own email address.
register_encrypted_column(
    "outbound_mail", "message_enc", owner_kind="accounts", aad_column="message"
)
