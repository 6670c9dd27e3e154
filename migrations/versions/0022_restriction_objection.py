"""Restriction of processing (GDPR art. 18) and objection (art. 21).

``file_restrictions``: a restriction on a whole file or one member's data, placed and lifted by
the DPO; ``objections``: a family member's objection to statute-based processing under one
consent and the lead's decision. Reasons are encrypted under the file's data key; rows go with
the file. ``request_id`` names a data-subject request without a foreign key.

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REQUEST_COMMENT = "the data-subject request this answers, if any (no foreign key)"

RESTRICTION_INDEXES = (
    ("ix_file_restrictions_file_id_lifted_at", ("file_id", "lifted_at")),
    ("ix_file_restrictions_placed_at", ("placed_at",)),
    ("ix_purge_file_restrictions_member_id", ("member_id",)),
    ("ix_purge_file_restrictions_placed_by", ("placed_by_account_id",)),
    ("ix_purge_file_restrictions_lifted_by", ("lifted_by_account_id",)),
)
OBJECTION_INDEXES = (
    ("ix_objections_file_id", ("file_id",)),
    ("ix_objections_raised_at", ("raised_at",)),
    ("ix_purge_objections_consent_id", ("consent_id",)),
    ("ix_purge_objections_member_id", ("member_id",)),
    ("ix_purge_objections_raised_by", ("raised_by_account_id",)),
    ("ix_purge_objections_decided_by", ("decided_by_account_id",)),
)


def _account(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["accounts.id"], name=op.f(f"fk_{table}_{column}_accounts"), ondelete="SET NULL"
    )


def _cascade(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "file_restrictions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column(
            "member_id",
            sa.Uuid(),
            nullable=True,
            comment="the member whose data is restricted; null: the whole file",
        ),
        sa.Column(
            "reason_enc", sa.LargeBinary(), nullable=False, comment="PERSONAL: why (file key)"
        ),
        sa.Column("request_id", sa.Uuid(), nullable=True, comment=REQUEST_COMMENT),
        sa.Column("placed_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("placed_at", UTCDateTime(), nullable=False),
        sa.Column("lifted_at", UTCDateTime(), nullable=True),
        sa.Column("lifted_by_account_id", sa.Uuid(), nullable=True),
        sa.Column(
            "lift_reason_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="PERSONAL: why it was lifted (file key)",
        ),
        _cascade("file_restrictions", "file_id", "coordination_files"),
        _cascade("file_restrictions", "member_id", "members"),
        _account("file_restrictions", "placed_by_account_id"),
        _account("file_restrictions", "lifted_by_account_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_restrictions")),
    )
    for name, columns in RESTRICTION_INDEXES:
        op.create_index(name, "file_restrictions", list(columns))
    op.create_table(
        "objections",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("consent_id", sa.Uuid(), nullable=False),
        sa.Column(
            "member_id", sa.Uuid(), nullable=False, comment="the member whose data it is about"
        ),
        sa.Column("raised_by_account_id", sa.Uuid(), nullable=True),
        sa.Column(
            "reasons_enc",
            sa.LargeBinary(),
            nullable=False,
            comment="PERSONAL: the grounds (file key)",
        ),
        sa.Column("request_id", sa.Uuid(), nullable=True, comment=REQUEST_COMMENT),
        sa.Column("raised_at", UTCDateTime(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=True, comment="continue or stop"),
        sa.Column("decided_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column(
            "decision_reason_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="PERSONAL: the lead's recorded reason (file key)",
        ),
        sa.CheckConstraint(
            "outcome IS NULL OR outcome IN ('continue', 'stop')",
            name=op.f("ck_objections_outcome_known"),
        ),
        _cascade("objections", "file_id", "coordination_files"),
        _cascade("objections", "consent_id", "consent_records"),
        _cascade("objections", "member_id", "members"),
        _account("objections", "raised_by_account_id"),
        _account("objections", "decided_by_account_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objections")),
    )
    for name, columns in OBJECTION_INDEXES:
        op.create_index(name, "objections", list(columns))


def downgrade() -> None:
    for name, _ in reversed(OBJECTION_INDEXES):
        op.drop_index(name, table_name="objections")
    op.drop_table("objections")
    for name, _ in reversed(RESTRICTION_INDEXES):
        op.drop_index(name, table_name="file_restrictions")
    op.drop_table("file_restrictions")
