"""Foundation: the audit event table.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "seq",
            sa.BigInteger(),
            nullable=True,
            comment="position in the sealed log, set once by the sealer",
        ),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column(
            "actor_ref", sa.String(length=64), nullable=True, comment="HMAC ref of the account"
        ),
        sa.Column(
            "actor_org_ref", sa.String(length=64), nullable=True, comment="HMAC ref of the org"
        ),
        sa.Column("actor_role", sa.String(length=32), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("object_type", sa.String(length=32), nullable=True),
        sa.Column(
            "object_ref", sa.String(length=64), nullable=True, comment="HMAC ref of the object"
        ),
        sa.Column("file_ref", sa.String(length=64), nullable=True, comment="HMAC ref of the file"),
        sa.Column("data_category", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("policy_id", sa.String(length=128), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column(
            "client_ref", sa.String(length=64), nullable=True, comment="HMAC of the client IP"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_events_seq")),
    )
    op.create_index(
        "ix_audit_events_file_ref_occurred_at", "audit_events", ["file_ref", "occurred_at"]
    )
    op.create_index(
        "ix_audit_events_actor_ref_occurred_at", "audit_events", ["actor_ref", "occurred_at"]
    )
    op.create_index("ix_audit_events_occurred_at", "audit_events", ["occurred_at"])


def downgrade() -> None:
    op.drop_table("audit_events")
