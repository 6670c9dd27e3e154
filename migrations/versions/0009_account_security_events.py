"""An account's own security activity (sign-ins, exports, resets, approvals).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account_security_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.String(length=32),
            nullable=False,
            comment="e.g. sign-in, export, mfa-reset; no content",
        ),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column(
            "client_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: client address and device",
        ),
        sa.Column(
            "device_ref",
            sa.LargeBinary(length=32),
            nullable=True,
            comment="keyed hash of the account and device, to recognise a new device",
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_security_events_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_security_events")),
    )
    op.create_index(
        "ix_account_security_events_account_id_occurred_at",
        "account_security_events",
        ["account_id", "occurred_at"],
    )


def downgrade() -> None:
    op.drop_index(
        "ix_account_security_events_account_id_occurred_at", table_name="account_security_events"
    )
    op.drop_table("account_security_events")
