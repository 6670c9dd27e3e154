"""Consent provenance: who recorded a consent, its evidence, family notices, new event kinds.

The server now decides where a consent comes from: recorded by a partner's worker (with the scan
of the signed form, or pending the family's confirmation) or given in the family portal. Events
gain confirmed, contested, reviewed and referred back, and a withdrawal may cover one member's
data only.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = "kind IN ('given', 'renewed', 'withdrawn', 'expired')"
NEW_KINDS = (
    "kind IN ('given', 'renewed', 'withdrawn', 'expired', 'confirmed', 'contested', "
    "'reviewed', 'referred_back')"
)


def upgrade() -> None:
    op.create_table(
        "consent_evidence",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "file_id",
            sa.Uuid(),
            nullable=True,
            comment="none while staged, before a consent uses it",
        ),
        sa.Column(
            "media_type",
            sa.String(length=32),
            nullable=False,
            comment="from the content, never the name",
        ),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False, comment="hex, of the content"),
        sa.Column(
            "content_enc", sa.LargeBinary(), nullable=False, comment="encrypted: the scanned form"
        ),
        sa.Column("uploaded_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("uploaded_by_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("uploaded_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_consent_evidence_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_account_id"],
            ["accounts.id"],
            name=op.f("fk_consent_evidence_uploaded_by_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_consent_evidence_uploaded_by_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_evidence")),
    )
    op.create_index("ix_consent_evidence_file_id", "consent_evidence", ["file_id"])
    _add_consent_record_columns()
    with op.batch_alter_table("consent_events") as batch:
        batch.add_column(
            sa.Column(
                "member_id",
                sa.Uuid(),
                nullable=True,
                comment="withdrawn for this member's data only (the consent stays for the others)",
            )
        )
        batch.create_foreign_key(
            op.f("fk_consent_events_member_id_members"),
            "members",
            ["member_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.drop_constraint(op.f("ck_consent_events_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_consent_events_kind"), NEW_KINDS)
    op.create_table(
        "family_notices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column(
            "member_id",
            sa.Uuid(),
            nullable=False,
            comment="the member who is told (a covered member, or their representative)",
        ),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("consent_id", sa.Uuid(), nullable=True),
        sa.Column(
            "actor_organisation_id",
            sa.Uuid(),
            nullable=True,
            comment="the recorder, if a partner",
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_family_notices_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_family_notices_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["consent_records.id"],
            name=op.f("fk_family_notices_consent_id_consent_records"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_family_notices_actor_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_notices")),
    )
    op.create_index(
        "ix_family_notices_member_id_created_at", "family_notices", ["member_id", "created_at"]
    )
    for name, table, column in (
        ("ix_purge_consent_events_member_id", "consent_events", "member_id"),
        ("ix_purge_consent_records_evidence_id", "consent_records", "evidence_id"),
        ("ix_purge_family_notices_file_id", "family_notices", "file_id"),
        ("ix_purge_family_notices_consent_id", "family_notices", "consent_id"),
    ):
        op.create_index(name, table, [column])


def _add_consent_record_columns() -> None:
    """Two columns on consent_records, without rebuilding the table.

    On SQLite a batch rebuild drops the old table, and with foreign keys on that deletes (ON
    DELETE CASCADE) every consent's members, recipients, events and notifications; ADD COLUMN
    with a NULL default keeps every row where it is.
    """
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE consent_records ADD COLUMN recorded_by_organisation_id CHAR(32) "
            "REFERENCES organisations (id)"
        )
        op.execute(
            "ALTER TABLE consent_records ADD COLUMN evidence_id CHAR(32) "
            "REFERENCES consent_evidence (id)"
        )
        return
    op.add_column(
        "consent_records",
        sa.Column(
            "recorded_by_organisation_id",
            sa.Uuid(),
            nullable=True,
            comment="the partner whose worker recorded it (none: given in the family portal)",
        ),
    )
    op.add_column(
        "consent_records",
        sa.Column(
            "evidence_id",
            sa.Uuid(),
            nullable=True,
            comment="the scan of the signed form this consent was recorded with",
        ),
    )
    op.create_foreign_key(
        op.f("fk_consent_records_recorded_by_organisation_id_organisations"),
        "consent_records",
        "organisations",
        ["recorded_by_organisation_id"],
        ["id"],
    )
    op.create_foreign_key(
        op.f("fk_consent_records_evidence_id_consent_evidence"),
        "consent_records",
        "consent_evidence",
        ["evidence_id"],
        ["id"],
    )
    op.alter_column(
        "consent_records",
        "collection_method",
        existing_type=sa.String(length=32),
        existing_nullable=False,
        comment="in_person, signed_form or family_portal (by the server)",
        existing_comment="in_person, signed_form or family_portal",
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Dropping a column with a foreign key needs a table rebuild on SQLite, and a rebuild
        # cascades to every consent's members, recipients and events: refuse instead.
        raise RuntimeError(
            "downgrading below 0007 is not supported on SQLite; restore the backup taken "
            "before the upgrade"
        )
    for name, table in (
        ("ix_purge_family_notices_consent_id", "family_notices"),
        ("ix_purge_family_notices_file_id", "family_notices"),
        ("ix_purge_consent_records_evidence_id", "consent_records"),
        ("ix_purge_consent_events_member_id", "consent_events"),
    ):
        op.drop_index(name, table_name=table)
    op.drop_index("ix_family_notices_member_id_created_at", table_name="family_notices")
    op.drop_table("family_notices")
    with op.batch_alter_table("consent_events") as batch:
        batch.drop_constraint(op.f("ck_consent_events_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_consent_events_kind"), OLD_KINDS)
        batch.drop_constraint(op.f("fk_consent_events_member_id_members"), type_="foreignkey")
        batch.drop_column("member_id")
    op.drop_constraint(
        op.f("fk_consent_records_evidence_id_consent_evidence"),
        "consent_records",
        type_="foreignkey",
    )
    op.drop_constraint(
        op.f("fk_consent_records_recorded_by_organisation_id_organisations"),
        "consent_records",
        type_="foreignkey",
    )
    op.drop_column("consent_records", "evidence_id")
    op.drop_column("consent_records", "recorded_by_organisation_id")
    op.drop_index("ix_consent_evidence_file_id", table_name="consent_evidence")
    op.drop_table("consent_evidence")
