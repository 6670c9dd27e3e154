"""Coordination: files, members, consents, entries.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coordination_files",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False, comment="open, closed, purged"),
        sa.Column("lead_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("opened_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("opened_at", UTCDateTime(), nullable=False),
        sa.Column("closed_at", UTCDateTime(), nullable=True, comment="retention clock starts here"),
        sa.Column(
            "close_reason",
            sa.String(length=32),
            nullable=True,
            comment="closed_by_lead or no_valid_consent",
        ),
        sa.Column("purged_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'closed', 'purged')", name=op.f("ck_coordination_files_status")
        ),
        sa.ForeignKeyConstraint(
            ["lead_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_coordination_files_lead_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["opened_by_account_id"],
            ["accounts.id"],
            name=op.f("fk_coordination_files_opened_by_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coordination_files")),
    )
    op.create_index(
        "ix_coordination_files_lead_organisation_id", "coordination_files", ["lead_organisation_id"]
    )
    op.create_index(
        "ix_coordination_files_status_closed_at", "coordination_files", ["status", "closed_at"]
    )

    op.create_table(
        "members",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column(
            "role",
            sa.String(length=16),
            nullable=False,
            comment="parent, guardian, child, youth, other",
        ),
        sa.Column(
            "account_id",
            sa.Uuid(),
            nullable=True,
            comment="family account of this person, once invited",
        ),
        sa.Column(
            "given_name_enc", sa.LargeBinary(), nullable=False, comment="encrypted: given name"
        ),
        sa.Column(
            "family_name_enc", sa.LargeBinary(), nullable=False, comment="encrypted: family name"
        ),
        sa.Column(
            "birth_date_enc",
            sa.LargeBinary(),
            nullable=False,
            comment="encrypted: birth date (ISO 8601)",
        ),
        sa.Column(
            "insz_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: national register number (blind index members.insz)",
        ),
        sa.Column(
            "address_enc", sa.LargeBinary(), nullable=True, comment="encrypted: postal address"
        ),
        sa.Column("phone_enc", sa.LargeBinary(), nullable=True, comment="encrypted: phone number"),
        sa.Column("email_enc", sa.LargeBinary(), nullable=True, comment="encrypted: email address"),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "role IN ('parent', 'guardian', 'child', 'youth', 'other')",
            name=op.f("ck_members_role"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_members_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_members_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("file_id", "account_id", name="uq_members_file_id_account_id"),
    )
    op.create_index("ix_members_file_id", "members", ["file_id"])
    op.create_index("ix_members_account_id", "members", ["account_id"])

    op.create_table(
        "participants",
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("joined_at", UTCDateTime(), nullable=False),
        sa.Column("added_by_account_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["added_by_account_id"],
            ["accounts.id"],
            name=op.f("fk_participants_added_by_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_participants_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_participants_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("file_id", "organisation_id", name=op.f("pk_participants")),
    )
    op.create_index("ix_participants_organisation_id", "participants", ["organisation_id"])

    op.create_table(
        "consent_records",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("given_by_member_id", sa.Uuid(), nullable=False),
        sa.Column(
            "on_behalf",
            sa.Boolean(),
            nullable=False,
            comment="given by a legal representative for a child under 12",
        ),
        sa.Column("purposes", sa.JSON(), nullable=False, comment="vocabulary purposes"),
        sa.Column("categories", sa.JSON(), nullable=False, comment="vocabulary data categories"),
        sa.Column(
            "legal_basis", sa.String(length=16), nullable=False, comment="consent or dijh_art74"
        ),
        sa.Column(
            "collection_method",
            sa.String(length=32),
            nullable=False,
            comment="in_person, signed_form or family_portal",
        ),
        sa.Column(
            "evidence_hash",
            sa.String(length=64),
            nullable=True,
            comment="SHA-256 (hex) of the signed form or portal receipt",
        ),
        sa.Column("notice_version", sa.String(length=32), nullable=False),
        sa.Column("valid_from", UTCDateTime(), nullable=False),
        sa.Column(
            "valid_until",
            UTCDateTime(),
            nullable=False,
            comment="as given; renewals are consent events",
        ),
        sa.Column("recorded_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "legal_basis IN ('consent', 'dijh_art74')", name=op.f("ck_consent_records_legal_basis")
        ),
        sa.CheckConstraint("valid_from < valid_until", name=op.f("ck_consent_records_validity")),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_consent_records_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["given_by_member_id"],
            ["members.id"],
            name=op.f("fk_consent_records_given_by_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_account_id"],
            ["accounts.id"],
            name=op.f("fk_consent_records_recorded_by_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_records")),
    )
    op.create_index("ix_consent_records_file_id", "consent_records", ["file_id"])

    op.create_table(
        "consent_members",
        sa.Column("consent_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["consent_records.id"],
            name=op.f("fk_consent_members_consent_id_consent_records"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_consent_members_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("consent_id", "member_id", name=op.f("pk_consent_members")),
    )

    op.create_table(
        "consent_recipients",
        sa.Column("consent_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["consent_records.id"],
            name=op.f("fk_consent_recipients_consent_id_consent_records"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_consent_recipients_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint(
            "consent_id", "organisation_id", name=op.f("pk_consent_recipients")
        ),
    )
    op.create_index(
        "ix_consent_recipients_organisation_id", "consent_recipients", ["organisation_id"]
    )

    op.create_table(
        "consent_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("consent_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column(
            "occurred_at",
            UTCDateTime(),
            nullable=False,
            comment="when it took effect (expiry: the end of validity)",
        ),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column(
            "valid_until",
            UTCDateTime(),
            nullable=True,
            comment="given and renewed: the end of validity",
        ),
        sa.Column("actor_account_id", sa.Uuid(), nullable=True),
        sa.Column("evidence_hash", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "kind IN ('given', 'renewed', 'withdrawn', 'expired')",
            name=op.f("ck_consent_events_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_account_id"],
            ["accounts.id"],
            name=op.f("fk_consent_events_actor_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["consent_records.id"],
            name=op.f("fk_consent_events_consent_id_consent_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_events")),
    )
    op.create_index("ix_consent_events_consent_id_kind", "consent_events", ["consent_id", "kind"])

    op.create_table(
        "entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column(
            "confidential", sa.Boolean(), nullable=False, comment="hidden from the family's view"
        ),
        sa.Column("body_enc", sa.LargeBinary(), nullable=False, comment="encrypted: entry text"),
        sa.Column("author_account_id", sa.Uuid(), nullable=True),
        sa.Column("author_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_account_id"],
            ["accounts.id"],
            name=op.f("fk_entries_author_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["author_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_entries_author_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_entries_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
    )
    op.create_index("ix_entries_file_id_created_at", "entries", ["file_id", "created_at"])

    op.create_table(
        "entry_members",
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_entry_members_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_entry_members_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "member_id", name=op.f("pk_entry_members")),
    )

    op.create_table(
        "notifications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("consent_id", sa.Uuid(), nullable=True),
        sa.Column(
            "dedupe_key",
            sa.String(length=128),
            nullable=True,
            comment="one reminder per consent and org",
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["consent_records.id"],
            name=op.f("fk_notifications_consent_id_consent_records"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_notifications_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_notifications_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_notifications_dedupe_key")),
    )
    op.create_index(
        "ix_notifications_organisation_id_created_at",
        "notifications",
        ["organisation_id", "created_at"],
    )


def downgrade() -> None:
    for table in (
        "notifications",
        "entry_members",
        "entries",
        "consent_events",
        "consent_recipients",
        "consent_members",
        "consent_records",
        "participants",
        "members",
        "coordination_files",
    ):
        op.drop_table(table)
