"""Erasure and rectification (GDPR art. 16, 17, 19): the DPO's erasure decisions, annotations
beside journal entries, a youth's own statements, and the request a member correction answers.

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ERASURE_REASONS = (
    "consent_withdrawn",
    "legal_claims",
    "legal_obligation",
    "no_longer_needed",
    "objection",
    "other",
    "public_interest",
    "unlawful_processing",
)
REQUEST_COMMENT = "the data-subject request it answers (no FK: the queue lives elsewhere)"


def upgrade() -> None:
    # A nullable column without a default: no table rebuild on SQLite (which would cascade).
    op.add_column(
        "member_corrections",
        sa.Column("request_id", sa.Uuid(), nullable=True, comment=REQUEST_COMMENT),
    )
    op.create_table(
        "erasure_decisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "file_ref",
            sa.String(64),
            nullable=False,
            comment="HMAC ref of the file (audit key), as in audit events",
        ),
        sa.Column(
            "member_ref",
            sa.String(64),
            nullable=True,
            comment="HMAC ref of the member erased; null: the whole file",
        ),
        sa.Column("decision", sa.String(8), nullable=False, comment="granted, refused"),
        sa.Column("reason", sa.String(32), nullable=False, comment="a reason code"),
        sa.Column(
            "request_id",
            sa.Uuid(),
            nullable=True,
            comment="the data-subject request decided (no FK: kept when the request goes)",
        ),
        sa.Column(
            "decided_by_ref", sa.String(64), nullable=False, comment="HMAC ref of the DPO's account"
        ),
        sa.Column("decided_at", UTCDateTime(), nullable=False),
        sa.Column(
            "erased_counts",
            sa.JSON(),
            nullable=False,
            comment="rows erased per table (numbers only)",
        ),
        sa.Column(
            "proof",
            sa.JSON(),
            nullable=False,
            comment="rows found per table on re-reading after the erasure",
        ),
        sa.Column("audit_event_id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "decision IN ('granted', 'refused')", name=op.f("ck_erasure_decisions_decision")
        ),
        sa.CheckConstraint(
            "reason IN (" + ", ".join(f"'{r}'" for r in ERASURE_REASONS) + ")",
            name=op.f("ck_erasure_decisions_reason"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_decisions")),
    )
    op.create_index(
        "ix_erasure_decisions_file_ref_decided_at",
        "erasure_decisions",
        ["file_ref", "decided_at"],
    )
    op.create_table(
        "entry_annotations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column(
            "body_enc", sa.LargeBinary(), nullable=False, comment="encrypted: the annotation's text"
        ),
        sa.Column("author_account_id", sa.Uuid(), nullable=True),
        sa.Column("author_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=True, comment=REQUEST_COMMENT),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_entry_annotations_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_entry_annotations_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_account_id"],
            ["accounts.id"],
            name=op.f("fk_entry_annotations_author_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["author_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_entry_annotations_author_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_annotations")),
    )
    for name, columns in (
        ("ix_entry_annotations_entry_id_created_at", ["entry_id", "created_at"]),
        ("ix_entry_annotations_file_id", ["file_id"]),
        ("ix_purge_entry_annotations_author", ["author_account_id"]),
    ):
        op.create_index(name, "entry_annotations", columns)
    op.create_table(
        "own_statements",
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column(
            "member_id",
            sa.Uuid(),
            nullable=False,
            comment="the youth (12+) who wrote it about themselves",
        ),
        sa.Column("request_id", sa.Uuid(), nullable=True, comment=REQUEST_COMMENT),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_own_statements_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_own_statements_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_own_statements")),
    )
    op.create_index("ix_purge_own_statements_member_id", "own_statements", ["member_id"])


def downgrade() -> None:
    op.drop_table("own_statements")
    op.drop_table("entry_annotations")
    op.drop_table("erasure_decisions")
    op.drop_column("member_corrections", "request_id")
