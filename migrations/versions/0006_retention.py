"""Retention: legal holds, purge tombstones, kept proofs of consent.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PURGE_INDEXES = (
    ("ix_purge_notifications_file_id", "notifications", "file_id"),
    ("ix_purge_notifications_consent_id", "notifications", "consent_id"),
    ("ix_purge_consent_members_member_id", "consent_members", "member_id"),
    ("ix_purge_entry_members_member_id", "entry_members", "member_id"),
    ("ix_purge_consent_records_given_by", "consent_records", "given_by_member_id"),
    ("ix_purge_consent_records_recorded_by", "consent_records", "recorded_by_account_id"),
    ("ix_purge_consent_events_actor", "consent_events", "actor_account_id"),
    ("ix_purge_entries_author", "entries", "author_account_id"),
    ("ix_purge_participants_added_by", "participants", "added_by_account_id"),
    ("ix_purge_coordination_files_opened_by", "coordination_files", "opened_by_account_id"),
)


def upgrade() -> None:
    op.create_table(
        "legal_holds",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "file_id",
            sa.Uuid(),
            nullable=False,
            comment="the held coordination file (no FK: removed at purge)",
        ),
        sa.Column("reason_code", sa.String(length=32), nullable=False),
        sa.Column(
            "note",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: free-text note, under the file's data key",
        ),
        sa.Column("placed_by", sa.Uuid(), nullable=False, comment="DPO account id"),
        sa.Column("placed_at", UTCDateTime(), nullable=False),
        sa.Column("lifted_by", sa.Uuid(), nullable=True, comment="DPO account id"),
        sa.Column("lifted_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_holds")),
    )
    op.create_index("ix_legal_holds_file_id_lifted_at", "legal_holds", ["file_id", "lifted_at"])
    op.create_table(
        "purge_tombstones",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "file_ref",
            sa.String(length=64),
            nullable=False,
            comment="HMAC ref of the file (audit key), as in audit events",
        ),
        sa.Column("rule_id", sa.String(length=64), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("purged_at", UTCDateTime(), nullable=False),
        sa.Column(
            "purged_counts",
            sa.JSON(),
            nullable=False,
            comment="rows deleted per kind (numbers only)",
        ),
        sa.Column("proof_ok", sa.Boolean(), nullable=False),
        sa.Column(
            "proof",
            sa.JSON(),
            nullable=False,
            comment="rows found per table on re-reading after the purge",
        ),
        sa.Column("audit_event_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purge_tombstones")),
        sa.UniqueConstraint("file_ref", name=op.f("uq_purge_tombstones_file_ref")),
    )
    op.create_table(
        "consent_proofs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_ref", sa.String(length=64), nullable=False, comment="HMAC ref of file"),
        sa.Column(
            "consent_ref",
            sa.String(length=64),
            nullable=False,
            comment="HMAC ref of the consent record",
        ),
        sa.Column("legal_basis", sa.String(length=32), nullable=False),
        sa.Column(
            "given_by_role", sa.String(length=32), nullable=True, comment="role only, no person"
        ),
        sa.Column("purposes", sa.JSON(), nullable=False),
        sa.Column("data_categories", sa.JSON(), nullable=False),
        sa.Column(
            "recipients",
            sa.JSON(),
            nullable=False,
            comment="organisation ids (organisations, not people)",
        ),
        sa.Column("subject_count", sa.Integer(), nullable=False),
        sa.Column("collection_method", sa.String(length=32), nullable=True),
        sa.Column("notice_version", sa.String(length=64), nullable=True),
        sa.Column("evidence_hash", sa.String(length=128), nullable=True),
        sa.Column("events", sa.JSON(), nullable=False, comment="state changes: kind and time only"),
        sa.Column("valid_from", UTCDateTime(), nullable=True),
        sa.Column("valid_until", UTCDateTime(), nullable=True),
        sa.Column("file_purged_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_proofs")),
        sa.UniqueConstraint("consent_ref", name=op.f("uq_consent_proofs_consent_ref")),
    )
    op.create_index("ix_consent_proofs_file_purged_at", "consent_proofs", ["file_purged_at"])
    # Lookups the purge makes on coordination tables (see coordination.models.PURGE_INDEXES).
    for name, table, column in PURGE_INDEXES:
        op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _ in PURGE_INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_table("consent_proofs")
    op.drop_table("purge_tombstones")
    op.drop_table("legal_holds")
