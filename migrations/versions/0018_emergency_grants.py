"""Emergency access: a worker's time-limited read access to one file on a legal ground.

``emergency_grants`` holds each grant (holder, ground, period), the DPO's review and the delay
of telling the family; free text is encrypted under the file's data key. Rows go with the file.

Revision ID: 0018
Revises: 0013
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_emergency_grants_file_id", ("file_id",)),
    ("ix_emergency_grants_account_id_file_id", ("account_id", "file_id")),
    ("ix_emergency_grants_requested_at", ("requested_at",)),
    ("ix_purge_emergency_grants_reviewed_by", ("reviewed_by_account_id",)),
)


def upgrade() -> None:
    op.create_table(
        "emergency_grants",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False, comment="the worker holding the grant"),
        sa.Column(
            "organisation_id",
            sa.Uuid(),
            nullable=False,
            comment="the worker's organisation when granted",
        ),
        sa.Column("ground", sa.String(32), nullable=False, comment="code, fixed list"),
        sa.Column(
            "explanation_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="PERSONAL: the worker's explanation (file key)",
        ),
        sa.Column(
            "member_roles",
            sa.String(64),
            nullable=False,
            comment="family roles of the members concerned, comma-separated; empty: the whole file",
        ),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("review_outcome", sa.String(16), nullable=True),
        sa.Column(
            "review_note_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="PERSONAL: the DPO's note (file key)",
        ),
        sa.Column("reviewed_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("reviewed_at", UTCDateTime(), nullable=True),
        sa.Column(
            "delay_reason_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="PERSONAL: why the family is told later (file key)",
        ),
        sa.Column(
            "delay_until",
            sa.Date(),
            nullable=True,
            comment="the family is told after this day (the DPO's delay)",
        ),
        sa.CheckConstraint(
            "ground IN ('risk_to_child', 'court_order', 'other')",
            name=op.f("ck_emergency_grants_ground_known"),
        ),
        sa.CheckConstraint(
            "review_outcome IS NULL OR review_outcome IN ('justified', 'not_justified')",
            name=op.f("ck_emergency_grants_review_outcome_known"),
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_emergency_grants_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_emergency_grants_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_emergency_grants_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_account_id"],
            ["accounts.id"],
            name=op.f("fk_emergency_grants_reviewed_by_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_grants")),
    )
    for name, columns in INDEXES:
        op.create_index(name, "emergency_grants", list(columns))


def downgrade() -> None:
    for name, _ in reversed(INDEXES):
        op.drop_index(name, table_name="emergency_grants")
    op.drop_table("emergency_grants")
