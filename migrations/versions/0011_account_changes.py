"""Account change requests (four eyes) and the e-mail step of a family member's activation.

A privileged account change — an administrator or DPO account, re-inviting or resetting an
account someone holds, a new role or organisation — is a request that a second person approves.
A family member activates with an in-person code plus a code mailed to their own address.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUS_COMMENT = "invited, active or disabled"
NEW_STATUS_COMMENT = "invited, pending (a second person must approve it), active or disabled"


def upgrade() -> None:
    op.create_table(
        "account_change_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.String(length=16),
            nullable=False,
            comment="create, reinvite, reset-mfa or change",
        ),
        sa.Column(
            "account_id",
            sa.Uuid(),
            nullable=True,
            comment="the account it changes; none once a refused new account is removed",
        ),
        sa.Column("requested_by", sa.Uuid(), nullable=False),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column(
            "payload",
            sa.Text(),
            nullable=False,
            comment="JSON without personal data: the new role, organisation id",
        ),
        sa.Column(
            "status",
            sa.String(length=16),
            nullable=False,
            comment="pending, approved, rejected or expired",
        ),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('create', 'reinvite', 'reset-mfa', 'change')",
            name=op.f("ck_account_change_requests_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected', 'expired')",
            name=op.f("ck_account_change_requests_status"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_change_requests_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"],
            ["accounts.id"],
            name=op.f("fk_account_change_requests_requested_by_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["accounts.id"],
            name=op.f("fk_account_change_requests_decided_by_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_change_requests")),
    )
    for column in ("requested_at", "requested_by", "decided_by"):
        op.create_index(f"ix_account_change_requests_{column}", "account_change_requests", [column])
    op.create_index(
        "ux_account_change_requests_pending_account",
        "account_change_requests",
        ["account_id"],
        unique=True,
        sqlite_where=sa.text("status = 'pending'"),
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_table(
        "family_activations",
        sa.Column("token_id", sa.Uuid(), nullable=False),
        sa.Column(
            "pending_email_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: the e-mail address being verified",
        ),
        sa.Column(
            "email_code_hash",
            sa.LargeBinary(length=32),
            nullable=True,
            comment="keyed hash of the code mailed to that address",
        ),
        sa.Column("email_code_expires_at", UTCDateTime(), nullable=True),
        sa.Column(
            "email_code_attempts",
            sa.Integer(),
            nullable=False,
            comment="wrong codes typed since it was mailed",
        ),
        sa.ForeignKeyConstraint(
            ["token_id"],
            ["activation_tokens.id"],
            name=op.f("fk_family_activations_token_id_activation_tokens"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_id", name=op.f("pk_family_activations")),
    )
    _status_comment(NEW_STATUS_COMMENT, OLD_STATUS_COMMENT)


def _status_comment(comment: str, existing: str) -> None:
    """The accounts.status comment names the new state; SQLite keeps no comments (and a batch
    rebuild of accounts would cascade-delete every row that points to it)."""
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column(
        "accounts",
        "status",
        existing_type=sa.String(length=16),
        existing_nullable=False,
        comment=comment,
        existing_comment=existing,
    )


def downgrade() -> None:
    _status_comment(OLD_STATUS_COMMENT, NEW_STATUS_COMMENT)
    op.drop_table("family_activations")
    op.drop_index("ux_account_change_requests_pending_account", "account_change_requests")
    for column in ("requested_at", "requested_by", "decided_by"):
        op.drop_index(f"ix_account_change_requests_{column}", "account_change_requests")
    op.drop_table("account_change_requests")
