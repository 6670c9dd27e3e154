"""Crypto: data keys and blind indexes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "data_keys",
        sa.Column(
            "key_id",
            sa.Integer(),
            autoincrement=True,
            nullable=False,
            comment="4-byte key id written into each encrypted value's header",
        ),
        sa.Column("owner_kind", sa.String(length=32), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("kek_version", sa.Integer(), nullable=False),
        sa.Column(
            "wrapped_key",
            sa.LargeBinary(),
            nullable=False,
            comment="encrypted: data key wrapped by the KEK (AES-256-GCM, AAD binds KEK and owner)",
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_data_keys")),
        sa.UniqueConstraint(
            "owner_kind",
            "owner_id",
            "generation",
            name=op.f("uq_data_keys_owner_kind_owner_id_generation"),
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_data_keys_kek_version", "data_keys", ["kek_version"])
    op.create_index("ix_data_keys_status", "data_keys", ["status"])
    op.create_table(
        "blind_indexes",
        sa.Column("column", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("owner_kind", sa.String(length=32), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column(
            "digest",
            sa.LargeBinary(),
            nullable=False,
            comment="HMAC-SHA256 under a per-column key, truncated",
        ),
        sa.PrimaryKeyConstraint("column", "subject_id", name=op.f("pk_blind_indexes")),
    )
    op.create_index("ix_blind_indexes_column_digest", "blind_indexes", ["column", "digest"])
    op.create_index(
        "ix_blind_indexes_owner_kind_owner_id", "blind_indexes", ["owner_kind", "owner_id"]
    )


def downgrade() -> None:
    op.drop_table("blind_indexes")
    op.drop_table("data_keys")
