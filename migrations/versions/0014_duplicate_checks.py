"""Duplicate checks before opening a file (the reason encrypted); the name index needs no
table of its own (it lives in ``blind_indexes``, owned by the file).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "duplicate_checks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("checked_at", UTCDateTime(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=True, comment="the worker who checked"),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column(
            "reason_enc",
            sa.LargeBinary(),
            nullable=False,
            comment="encrypted: the worker's reason",
        ),
        sa.Column(
            "answered_organisation_ids",
            sa.JSON(),
            nullable=False,
            comment="lead organisations named in the answer (empty: no file found)",
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_duplicate_checks_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_duplicate_checks_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_checks")),
    )
    op.create_index("ix_duplicate_checks_checked_at", "duplicate_checks", ["checked_at"])
    op.create_index("ix_duplicate_checks_account_id", "duplicate_checks", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_duplicate_checks_account_id", table_name="duplicate_checks")
    op.drop_index("ix_duplicate_checks_checked_at", table_name="duplicate_checks")
    op.drop_table("duplicate_checks")
