"""Case meetings: a meeting of the partners on a file with the family (times in UTC; place and
agenda encrypted under the file's data key), the organisations and members invited, and the
decisions of its minutes (each text encrypted), all going with the file when it is purged.

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str | None) -> sa.ForeignKeyConstraint:
    name = target.partition(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{name}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column(
            "organiser_organisation_id",
            sa.Uuid(),
            nullable=False,
            comment="the lead organisation that planned it",
        ),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column(
            "place_enc", sa.LargeBinary(), nullable=True, comment="encrypted: place or video link"
        ),
        sa.Column(
            "agenda_enc",
            sa.LargeBinary(),
            nullable=False,
            comment="encrypted: agenda items and whom they concern",
        ),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "sequence",
            sa.Integer(),
            nullable=False,
            comment="iCalendar SEQUENCE of the invitation",
        ),
        sa.Column("planned_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.Column(
            "minutes_entry_id",
            sa.Uuid(),
            nullable=True,
            comment="the journal entry of kind meeting_record holding the minutes",
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'held', 'cancelled')", name=op.f("ck_meetings_status")
        ),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_meetings_ends_after_start")),
        _fk("meetings", "file_id", "coordination_files.id", "CASCADE"),
        _fk("meetings", "organiser_organisation_id", "organisations.id", None),
        _fk("meetings", "planned_by_account_id", "accounts.id", "SET NULL"),
        _fk("meetings", "minutes_entry_id", "entries.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    op.create_index("ix_meetings_file_id_starts_at", "meetings", ["file_id", "starts_at"])
    op.create_index("ix_purge_meetings_planned_by", "meetings", ["planned_by_account_id"])
    op.create_index("ix_purge_meetings_minutes_entry", "meetings", ["minutes_entry_id"])

    op.create_table(
        "meeting_organisations",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        _fk("meeting_organisations", "meeting_id", "meetings.id", "CASCADE"),
        _fk("meeting_organisations", "organisation_id", "organisations.id", None),
        sa.PrimaryKeyConstraint(
            "meeting_id", "organisation_id", name=op.f("pk_meeting_organisations")
        ),
    )
    op.create_index(
        "ix_meeting_organisations_organisation_id", "meeting_organisations", ["organisation_id"]
    )

    op.create_table(
        "meeting_members",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        _fk("meeting_members", "meeting_id", "meetings.id", "CASCADE"),
        _fk("meeting_members", "member_id", "members.id", "CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "member_id", name=op.f("pk_meeting_members")),
    )
    op.create_index("ix_purge_meeting_members_member_id", "meeting_members", ["member_id"])

    op.create_table(
        "meeting_decisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "text_enc", sa.LargeBinary(), nullable=False, comment="encrypted: what was decided"
        ),
        sa.Column("owner_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column(
            "plan_action_id",
            sa.Uuid(),
            nullable=True,
            comment="the plan action the decision became",
        ),
        _fk("meeting_decisions", "meeting_id", "meetings.id", "CASCADE"),
        _fk("meeting_decisions", "plan_action_id", "plan_actions.id", "SET NULL"),
        _fk("meeting_decisions", "file_id", "coordination_files.id", "CASCADE"),
        _fk("meeting_decisions", "owner_organisation_id", "organisations.id", None),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_decisions")),
    )
    op.create_index(
        "ix_meeting_decisions_meeting_id",
        "meeting_decisions",
        ["meeting_id", "position"],
        unique=True,
    )
    op.create_index("ix_meeting_decisions_file_id", "meeting_decisions", ["file_id"])


def downgrade() -> None:
    op.drop_table("meeting_decisions")
    op.drop_table("meeting_members")
    op.drop_table("meeting_organisations")
    op.drop_table("meetings")
