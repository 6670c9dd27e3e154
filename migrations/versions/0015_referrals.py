"""Referrals, offers of the lead, contact persons on a file, and staff contact details.

A partner refers a family to another organisation (``referrals``: purpose, urgency, an
encrypted hand-over note with its data category); the receiving organisation accepts or
declines, and joins once a consent in force names it. The lead offers the lead to a partner
(``lead_handovers``). Each organisation names one of its assigned workers as its contact person
on the file (``file_assignments.is_contact``); the family sees the lead's, with the worker's
name and work phone (``staff_contacts``, encrypted under the accounts' key).

Revision ID: 0015
Revises: 0013
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFERRAL_PENDING = sa.text("status IN ('open', 'waiting_for_consent')")
HANDOVER_PENDING = sa.text("status = 'offered'")
ACTIVE_CONTACT = sa.text("ended_at IS NULL AND is_contact")


def _fk(table: str, column: str, target: str, ondelete: str | None) -> sa.ForeignKeyConstraint:
    name = target.partition(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{name}"), ondelete=ondelete
    )


def _file_columns(table: str) -> list[sa.SchemaItem]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("from_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("to_organisation_id", sa.Uuid(), nullable=False),
        _fk(table, "file_id", "coordination_files.id", "CASCADE"),
        _fk(table, "from_organisation_id", "organisations.id", None),
        _fk(table, "to_organisation_id", "organisations.id", None),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "referrals",
        *_file_columns("referrals"),
        sa.Column("purpose", sa.String(length=32), nullable=False, comment="vocabulary purpose"),
        sa.Column("urgency", sa.String(length=16), nullable=False),
        sa.Column(
            "note_category",
            sa.String(length=32),
            nullable=False,
            comment="vocabulary data category of the note",
        ),
        sa.Column(
            "note_enc", sa.LargeBinary(), nullable=False, comment="encrypted: hand-over note"
        ),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("referred_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column(
            "answered_by_account_id",
            sa.Uuid(),
            nullable=True,
            comment="the receiving worker who accepted or declined (assigned when it joins)",
        ),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column(
            "decline_reason",
            sa.String(length=32),
            nullable=True,
            comment="a reason code, never free text",
        ),
        sa.Column(
            "joined_at",
            UTCDateTime(),
            nullable=True,
            comment="when the receiving partner joined the file",
        ),
        sa.CheckConstraint(
            "status IN ('open', 'waiting_for_consent', 'joined', 'declined')",
            name=op.f("ck_referrals_status"),
        ),
        sa.CheckConstraint(
            "urgency IN ('routine', 'soon', 'urgent')", name=op.f("ck_referrals_urgency")
        ),
        _fk("referrals", "referred_by_account_id", "accounts.id", "SET NULL"),
        _fk("referrals", "answered_by_account_id", "accounts.id", "SET NULL"),
    )
    op.create_index(
        "uq_referrals_pending",
        "referrals",
        ["file_id", "to_organisation_id"],
        unique=True,
        sqlite_where=REFERRAL_PENDING,
        postgresql_where=REFERRAL_PENDING,
    )
    op.create_index(
        "ix_referrals_to_organisation_id_created_at",
        "referrals",
        ["to_organisation_id", "created_at"],
    )
    op.create_index("ix_referrals_file_id", "referrals", ["file_id"])
    op.create_index("ix_purge_referrals_referred_by", "referrals", ["referred_by_account_id"])
    op.create_index("ix_purge_referrals_answered_by", "referrals", ["answered_by_account_id"])

    op.create_table(
        "lead_handovers",
        *_file_columns("lead_handovers"),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("offered_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("offered_at", UTCDateTime(), nullable=False),
        sa.Column("answered_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('offered', 'accepted', 'declined', 'withdrawn')",
            name=op.f("ck_lead_handovers_status"),
        ),
        _fk("lead_handovers", "offered_by_account_id", "accounts.id", "SET NULL"),
        _fk("lead_handovers", "answered_by_account_id", "accounts.id", "SET NULL"),
    )
    op.create_index(
        "uq_lead_handovers_offered",
        "lead_handovers",
        ["file_id"],
        unique=True,
        sqlite_where=HANDOVER_PENDING,
        postgresql_where=HANDOVER_PENDING,
    )
    op.create_index(
        "ix_purge_lead_handovers_offered_by", "lead_handovers", ["offered_by_account_id"]
    )
    op.create_index(
        "ix_purge_lead_handovers_answered_by", "lead_handovers", ["answered_by_account_id"]
    )

    # ADD COLUMN with a constant default keeps every row where it is (no table rebuild).
    op.add_column(
        "file_assignments",
        sa.Column(
            "is_contact",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
            comment="the organisation's contact person on the file (the lead's: the family's)",
        ),
    )
    op.create_index(
        "uq_file_assignments_contact",
        "file_assignments",
        ["file_id", "organisation_id"],
        unique=True,
        sqlite_where=ACTIVE_CONTACT,
        postgresql_where=ACTIVE_CONTACT,
    )

    op.create_table(
        "staff_contacts",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column(
            "display_name_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: the worker's name",
        ),
        sa.Column(
            "work_phone_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: the worker's work phone",
        ),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        _fk("staff_contacts", "account_id", "accounts.id", "CASCADE"),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_staff_contacts")),
    )


def downgrade() -> None:
    op.drop_table("staff_contacts")
    op.drop_index("uq_file_assignments_contact", table_name="file_assignments")
    with op.batch_alter_table("file_assignments") as batch:
        batch.drop_column("is_contact")
    op.drop_table("lead_handovers")
    op.drop_table("referrals")
