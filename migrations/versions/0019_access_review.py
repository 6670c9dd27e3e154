"""Access review: a monthly sample of accesses and the coordinators' answers.

Revision ID: 0019
Revises: 0013
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "access_review_samples",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False, comment="YYYY-MM, Brussels time"),
        sa.Column(
            "seed",
            sa.String(length=64),
            nullable=False,
            comment="the draw's key: the same seed redraws the sample",
        ),
        sa.Column("rate_percent", sa.Float(), nullable=False),
        sa.Column(
            "reads_seen",
            sa.Integer(),
            nullable=False,
            comment="reads in the month the draw chose from",
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_review_samples")),
        sa.UniqueConstraint("month", name=op.f("uq_access_review_samples_month")),
    )
    op.create_table(
        "access_review_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("sample_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False, comment="audit event id"),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column(
            "actor_ref", sa.String(length=64), nullable=True, comment="HMAC ref of the account"
        ),
        sa.Column(
            "actor_org_ref", sa.String(length=64), nullable=True, comment="HMAC ref of the org"
        ),
        sa.Column("file_ref", sa.String(length=64), nullable=True, comment="HMAC ref of the file"),
        sa.Column(
            "reader_account_id",
            sa.Uuid(),
            nullable=True,
            comment="the staff account the actor ref stands for, when it is one",
        ),
        sa.Column(
            "reader_organisation_id", sa.Uuid(), nullable=True, comment="whose coordinator attests"
        ),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column(
            "note",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: the coordinator's optional note",
        ),
        sa.Column("answered_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "reason IN ('read', 'denied', 'emergency')",
            name=op.f("ck_access_review_items_reason"),
        ),
        sa.CheckConstraint(
            "answer IN ('needed', 'not_justified')", name=op.f("ck_access_review_items_answer")
        ),
        sa.ForeignKeyConstraint(
            ["sample_id"],
            ["access_review_samples.id"],
            name=op.f("fk_access_review_items_sample_id_access_review_samples"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_review_items")),
        sa.UniqueConstraint(
            "sample_id", "event_id", name=op.f("uq_access_review_items_sample_id_event_id")
        ),
    )
    op.create_index(
        "ix_access_review_items_reader_organisation_id_occurred_at",
        "access_review_items",
        ["reader_organisation_id", "occurred_at"],
    )
    op.create_index("ix_access_review_items_occurred_at", "access_review_items", ["occurred_at"])


def downgrade() -> None:
    op.drop_index("ix_access_review_items_occurred_at", table_name="access_review_items")
    op.drop_index(
        "ix_access_review_items_reader_organisation_id_occurred_at",
        table_name="access_review_items",
    )
    op.drop_table("access_review_items")
    op.drop_table("access_review_samples")
