"""The retention purge lease: one run per period across every instance of the service.

Revision ID: 0013
Revises: 0011
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "retention_lease",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column(
            "holder", sa.String(length=128), nullable=True, comment="instance id, no hostnames"
        ),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.Column(
            "last_run_at",
            UTCDateTime(),
            nullable=True,
            comment="start of the last run that completed",
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_retention_lease")),
    )
    op.execute("INSERT INTO retention_lease (name) VALUES ('purge')")


def downgrade() -> None:
    op.drop_table("retention_lease")
