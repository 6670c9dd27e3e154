"""Identity: organisations, accounts, credentials, activation tokens, rate-limit counters.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("municipality", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("slug", name=op.f("uq_organisations_slug")),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status", sa.String(length=16), nullable=False, comment="invited, active or disabled"
        ),
        sa.Column("email_enc", sa.LargeBinary(), nullable=True, comment="encrypted: email address"),
        sa.Column(
            "email_index",
            sa.LargeBinary(length=32),
            nullable=True,
            comment="blind index of the email address",
        ),
        sa.Column(
            "password_hash",
            sa.String(length=256),
            nullable=True,
            comment="Argon2id hash of the password",
        ),
        sa.Column(
            "totp_secret_enc", sa.LargeBinary(), nullable=True, comment="encrypted: TOTP seed"
        ),
        sa.Column("totp_confirmed", sa.Boolean(), nullable=False),
        sa.Column(
            "totp_last_step",
            sa.BigInteger(),
            nullable=True,
            comment="last accepted TOTP time step (codes are single-use)",
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("disabled_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_accounts_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("email_index", name=op.f("uq_accounts_email_index")),
    )
    op.create_index("ix_accounts_organisation_id", "accounts", ["organisation_id"])
    op.create_table(
        "credentials",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column(
            "secret_hash",
            sa.LargeBinary(length=32),
            nullable=False,
            comment="SHA-256 of the bearer secret",
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_used_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False, comment="absolute expiry"),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_credentials_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credentials")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_credentials_secret_hash")),
    )
    op.create_index("ix_credentials_account_id", "credentials", ["account_id"])
    op.create_table(
        "activation_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column(
            "token_hash",
            sa.LargeBinary(length=32),
            nullable=False,
            comment="SHA-256 of the activation token",
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("password_set_at", UTCDateTime(), nullable=True),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_activation_tokens_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activation_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_activation_tokens_token_hash")),
    )
    op.create_index("ix_activation_tokens_account_id", "activation_tokens", ["account_id"])
    op.create_table(
        "rate_limit_counters",
        sa.Column(
            "key",
            sa.String(length=128),
            nullable=False,
            comment="limit name and hashed subject, never an IP",
        ),
        sa.Column("window_start", sa.BigInteger(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limit_counters")),
    )


def downgrade() -> None:
    op.drop_table("rate_limit_counters")
    op.drop_table("activation_tokens")
    op.drop_table("credentials")
    op.drop_table("accounts")
    op.drop_table("organisations")
