"""Access by assignment, coordinators, and pending links of existing family accounts.

Inside a participating organisation only the social workers assigned to a file read and write
it (``file_assignments``; unassigning ends a row, the row stays); a coordinator of the
organisation (``accounts.is_coordinator``) assigns and unassigns. Linking a person's existing
family account to a member waits for the holder's answer (``member_links``).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVE = sa.text("ended_at IS NULL")
INDEXES = (
    ("ix_file_assignments_file_id", "file_assignments", "file_id"),
    ("ix_file_assignments_account_id", "file_assignments", "account_id"),
    ("ix_purge_file_assignments_assigned_by", "file_assignments", "assigned_by_account_id"),
    ("ix_purge_file_assignments_ended_by", "file_assignments", "ended_by_account_id"),
    ("ix_member_links_account_id", "member_links", "account_id"),
    ("ix_purge_member_links_requested_by", "member_links", "requested_by_account_id"),
)


def _account_fk(table: str, column: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["accounts.id"], name=op.f(f"fk_{table}_{column}_accounts"), ondelete=ondelete
    )


def upgrade() -> None:
    # ADD COLUMN with a constant default keeps every row where it is (no table rebuild, which on
    # SQLite would cascade to every row that points to an account).
    op.add_column(
        "accounts",
        sa.Column(
            "is_coordinator",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
            comment="a social worker who assigns colleagues of their organisation to files",
        ),
    )
    op.create_table(
        "file_assignments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False, comment="the assigned social worker"),
        sa.Column(
            "organisation_id",
            sa.Uuid(),
            nullable=False,
            comment="the worker's organisation when assigned",
        ),
        sa.Column("assigned_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("assigned_at", UTCDateTime(), nullable=False),
        sa.Column("ended_at", UTCDateTime(), nullable=True, comment="unassigned at (access ends)"),
        sa.Column("ended_by_account_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_file_assignments_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        _account_fk("file_assignments", "account_id", "CASCADE"),
        _account_fk("file_assignments", "assigned_by_account_id", "SET NULL"),
        _account_fk("file_assignments", "ended_by_account_id", "SET NULL"),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_file_assignments_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_assignments")),
    )
    op.create_index(
        "uq_file_assignments_active",
        "file_assignments",
        ["file_id", "account_id"],
        unique=True,
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )
    op.create_table(
        "member_links",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column(
            "account_id", sa.Uuid(), nullable=False, comment="the family account asked to link"
        ),
        sa.Column("requested_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("requested_by_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_member_links_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_member_links_member_id_members"),
            ondelete="CASCADE",
        ),
        _account_fk("member_links", "account_id", "CASCADE"),
        _account_fk("member_links", "requested_by_account_id", "SET NULL"),
        sa.ForeignKeyConstraint(
            ["requested_by_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_member_links_requested_by_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_links")),
        sa.UniqueConstraint(
            "file_id", "account_id", name=op.f("uq_member_links_file_id_account_id")
        ),
        sa.UniqueConstraint("member_id", name=op.f("uq_member_links_member_id")),
    )
    for name, table, column in INDEXES:
        op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    op.drop_table("member_links")
    op.drop_index("uq_file_assignments_active", table_name="file_assignments")
    op.drop_table("file_assignments")
    # DROP COLUMN (SQLite 3.35 and later) alters the table in place: no rebuild, no cascade.
    op.drop_column("accounts", "is_coordinator")
