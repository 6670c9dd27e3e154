"""The audit trail table: pseudonymous events, append-only (see the migrations' triggers)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from zorgafstemming.db import Base, UTCDateTime, new_id


class AuditEvent(Base):
    """One access or change; identifiers are HMAC refs, never names or numbers in clear."""

    __tablename__ = "audit_events"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    seq: Mapped[int | None] = mapped_column(
        BigInteger, unique=True, comment="position in the sealed log, set once by the sealer"
    )
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC ref of the account")
    actor_org_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC ref of the org")
    actor_role: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    object_type: Mapped[str | None] = mapped_column(String(32))
    object_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC ref of the object")
    file_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC ref of the file")
    data_category: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16), nullable=False)
    policy_id: Mapped[str | None] = mapped_column(String(128))
    request_id: Mapped[str | None] = mapped_column(String(64))
    client_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC of the client IP")

    __table_args__ = (
        Index("ix_audit_events_file_ref_occurred_at", "file_ref", "occurred_at"),
        Index("ix_audit_events_actor_ref_occurred_at", "actor_ref", "occurred_at"),
        Index("ix_audit_events_occurred_at", "occurred_at"),
    )
