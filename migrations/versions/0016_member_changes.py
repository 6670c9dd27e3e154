"""Keeping the member list current: membership ends, and the history of corrections.

A member's membership can end (``members.ended_at``, ``members.end_reason``): the row stays
for retention, partners no longer see the member. A correction keeps the old and the new value
of the field, encrypted under the file's data key, in ``member_corrections`` (deleted with the
file and with the member).

Revision ID: 0016
Revises: 0013
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REASONS = (
    "typo",
    "name_changed",
    "address_changed",
    "contact_changed",
    "wrong_birth_date",
    "wrong_national_number",
)
INDEXES = (
    ("ix_member_corrections_file_id_corrected_at", ["file_id", "corrected_at"]),
    ("ix_member_corrections_member_id", ["member_id"]),
    ("ix_purge_member_corrections_corrected_by", ["corrected_by_account_id"]),
)


def upgrade() -> None:
    # Nullable columns without a default: no table rebuild on SQLite (which would cascade).
    op.add_column(
        "members",
        sa.Column(
            "ended_at",
            UTCDateTime(),
            nullable=True,
            comment="membership ended at (no longer shown to partners)",
        ),
    )
    op.add_column(
        "members",
        sa.Column(
            "end_reason", sa.String(32), nullable=True, comment="why the membership ended (a code)"
        ),
    )
    op.create_table(
        "member_corrections",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column(
            "field",
            sa.String(16),
            nullable=False,
            comment="the member field corrected (vocabulary member_fields)",
        ),
        sa.Column(
            "category",
            sa.String(32),
            nullable=False,
            comment="the field's data category at the time",
        ),
        sa.Column("reason", sa.String(32), nullable=False, comment="a reason code"),
        sa.Column(
            "old_value_enc", sa.LargeBinary(), nullable=True, comment="encrypted: the value before"
        ),
        sa.Column(
            "new_value_enc", sa.LargeBinary(), nullable=True, comment="encrypted: the value after"
        ),
        sa.Column(
            "note_enc", sa.LargeBinary(), nullable=True, comment="encrypted: the worker's note"
        ),
        sa.Column("corrected_at", UTCDateTime(), nullable=False),
        sa.Column("corrected_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("corrected_by_organisation_id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "reason IN (" + ", ".join(f"'{r}'" for r in REASONS) + ")",
            name=op.f("ck_member_corrections_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_member_corrections_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_member_corrections_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["corrected_by_account_id"],
            ["accounts.id"],
            name=op.f("fk_member_corrections_corrected_by_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["corrected_by_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_member_corrections_corrected_by_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_corrections")),
    )
    for name, columns in INDEXES:
        op.create_index(name, "member_corrections", columns)


def downgrade() -> None:
    for name, _ in reversed(INDEXES):
        op.drop_index(name, table_name="member_corrections")
    op.drop_table("member_corrections")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("end_reason")
        batch.drop_column("ended_at")
