"""Outbound mail: the transactional outbox.

A mail is written in the transaction of the change that causes it and delivered afterwards by the
sender; its recipient and text are encrypted and erased once it is sent or given up.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbound_mail",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.String(length=32),
            nullable=False,
            comment="what the mail is for, e.g. activation; no content",
        ),
        sa.Column("account_id", sa.Uuid(), nullable=True),
        sa.Column(
            "message_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: recipient, subject and text; erased once sent or given up",
        ),
        sa.Column(
            "status",
            sa.String(length=16),
            nullable=False,
            comment="queued, sending, sent, failed or unknown",
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column(
            "last_error",
            sa.String(length=64),
            nullable=True,
            comment="a short error class, never the server's reply",
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_outbound_mail_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbound_mail")),
    )
    op.create_index(
        "ix_outbound_mail_status_next_attempt_at",
        "outbound_mail",
        ["status", "next_attempt_at"],
    )
    op.create_index("ix_outbound_mail_account_id", "outbound_mail", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_outbound_mail_account_id", table_name="outbound_mail")
    op.drop_index("ix_outbound_mail_status_next_attempt_at", table_name="outbound_mail")
    op.drop_table("outbound_mail")
