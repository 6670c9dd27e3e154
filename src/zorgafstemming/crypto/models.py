"""Crypto tables: wrapped data keys and blind-index values, both keyed by their owner.

Owners are ``(owner_kind, owner_id)`` pairs (a coordination file, or the accounts owner), with no
foreign key, so any table can own keys and crypto-shredding is one delete by owner.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Index, Integer, LargeBinary, String, Table, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from zorgafstemming.db import Base, Timestamp

# Data key states: the one new values use; one kept only to read values not yet re-encrypted
# (a data-key rotation replaces it); one scheduled for replacement by a running rotation.
KEY_ACTIVE = "active"
KEY_DUE = "due"
KEY_RETIRING = "retiring"


class DataKeyRecord(Base):
    """One data key of an owner, stored only wrapped by a KEK version."""

    __tablename__ = "data_keys"

    key_id: Mapped[int] = mapped_column(
        Integer,
        primary_key=True,
        autoincrement=True,
        comment="4-byte key id written into each encrypted value's header",
    )
    owner_kind: Mapped[str] = mapped_column(String(32), nullable=False)
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    generation: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    kek_version: Mapped[int] = mapped_column(Integer, nullable=False)
    wrapped_key: Mapped[bytes] = mapped_column(
        LargeBinary,
        nullable=False,
        comment="encrypted: data key wrapped by the KEK (AES-256-GCM, AAD binds KEK and owner)",
    )
    created_at: Mapped[Timestamp]

    __table_args__ = (
        UniqueConstraint("owner_kind", "owner_id", "generation"),
        Index("ix_data_keys_kek_version", "kek_version"),
        Index("ix_data_keys_status", "status"),
        {"sqlite_autoincrement": True},
    )


class BlindIndex(Base):
    """A truncated keyed hash of one normalised value, for exact lookups without decrypting."""

    __tablename__ = "blind_indexes"

    column: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    owner_kind: Mapped[str] = mapped_column(String(32), nullable=False)
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    digest: Mapped[bytes] = mapped_column(
        LargeBinary, nullable=False, comment="HMAC-SHA256 under a per-column key, truncated"
    )

    __table_args__ = (
        Index("ix_blind_indexes_column_digest", "column", "digest"),
        Index("ix_blind_indexes_owner_kind_owner_id", "owner_kind", "owner_id"),
    )


# The data-key table for Core statements (the batched updates and deletes of the rotations).
DATA_KEYS: Table = DataKeyRecord.__table__  # type: ignore[assignment]
