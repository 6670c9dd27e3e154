"""The deletion ledger's marks: which ledger entries this database has applied.

The deletion ledger itself is a signed, append-only file outside the database (and outside its
backups). A committed entry without its mark means the database was restored from a backup taken
before that purge, and the service refuses to serve until ``restore-check`` has re-applied it.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deletion_ledger_marks",
        sa.Column(
            "seq",
            sa.Integer(),
            autoincrement=False,
            nullable=False,
            comment="the entry's number in the ledger",
        ),
        sa.Column(
            "digest",
            sa.String(length=64),
            nullable=False,
            comment="SHA-256 of the entry's ledger line",
        ),
        sa.Column("applied_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_deletion_ledger_marks")),
    )


def downgrade() -> None:
    op.drop_table("deletion_ledger_marks")
