"""The audit trail tables: pseudonymous events (append-only, see migration 0004's triggers),
signed checkpoints, the sealer lease and the DPO's resolve requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, PrimaryId, Timestamp, UTCDateTime

# The event columns that make up an event's body; the sealer hashes them and the retention
# purge nulls them (keeping id, seq, occurred_at, leaf_hash).
BODY_COLUMNS: tuple[str, ...] = (
    "actor_ref",
    "actor_org_ref",
    "actor_role",
    "action",
    "object_type",
    "object_ref",
    "file_ref",
    "data_category",
    "outcome",
    "policy_id",
    "request_id",
    "client_ref",
)


class AuditEvent(Base):
    """One access or change; identifiers are HMAC refs, never names or numbers in clear."""

    __tablename__ = "audit_events"

    id: Mapped[PrimaryId]
    seq: Mapped[int | None] = mapped_column(
        BigInteger, unique=True, comment="position in the sealed log, set once by the sealer"
    )
    occurred_at: Mapped[Timestamp]
    actor_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC ref of the account")
    actor_org_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC ref of the org")
    actor_role: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str | None] = mapped_column(String(64), comment="null once the body is purged")
    object_type: Mapped[str | None] = mapped_column(String(32))
    object_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC ref of the object")
    file_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC ref of the file")
    data_category: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str | None] = mapped_column(String(16), comment="null once the body is purged")
    policy_id: Mapped[str | None] = mapped_column(String(128))
    request_id: Mapped[str | None] = mapped_column(String(64))
    client_ref: Mapped[str | None] = mapped_column(String(64), comment="HMAC of the client IP")
    leaf_hash: Mapped[bytes | None] = mapped_column(
        LargeBinary(32), comment="RFC 6962 leaf hash of the canonical event, set with seq"
    )
    body_purged_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="when retention removed the body; the leaf hash stays"
    )

    __table_args__ = (
        Index("ix_audit_events_file_ref_occurred_at", "file_ref", "occurred_at"),
        Index("ix_audit_events_actor_ref_occurred_at", "actor_ref", "occurred_at"),
        Index("ix_audit_events_occurred_at", "occurred_at"),
        # The DPO's page gathers the events of one request (migration 0017).
        Index("ix_audit_events_request_id", "request_id"),
        # The sealer's queue: only unsealed events, so it stays small however long the log is.
        Index(
            "ix_audit_events_unsealed",
            "occurred_at",
            "id",
            sqlite_where=text("seq IS NULL"),
            postgresql_where=text("seq IS NULL"),
        ),
    )


class AuditCheckpoint(Base):
    """A signed tree head (C2SP tlog-checkpoint note) over the first ``tree_size`` events."""

    __tablename__ = "audit_checkpoints"

    tree_size: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    root_hash: Mapped[bytes] = mapped_column(LargeBinary(32), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, comment="signed checkpoint note")
    frontier: Mapped[bytes] = mapped_column(
        LargeBinary, nullable=False, comment="roots of the perfect subtrees, to extend the tree"
    )
    sealed_at: Mapped[Timestamp]


class AuditSealerLease(Base):
    """Who may seal right now: one row per lease name, taken while expired or already held."""

    __tablename__ = "audit_sealer_lease"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(128), comment="instance id, no hostnames")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditResolution(Base):
    """A DPO's request to turn a person or file into refs; the reason is kept encrypted."""

    __tablename__ = "audit_resolutions"

    id: Mapped[PrimaryId]
    requested_at: Mapped[Timestamp]
    actor_ref: Mapped[str] = mapped_column(String(64), nullable=False, comment="HMAC ref")
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    reason: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: the DPO's stated reason")
    )


# The reasons use the fixed owner ("audit_resolutions", UUID 0); see audit.resolve.REASON_OWNER.
register_encrypted_column("audit_resolutions", "reason", owner_kind="audit_resolutions")
