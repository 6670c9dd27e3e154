"""Data-subject requests: the request, its deadline and the history of its steps.

The references to the file and its members are ON DELETE SET NULL: a purge of the file clears
them (its data key, and with it the request's encrypted content, is shredded) while the request
record stays until its own retention rule removes it.

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "subject_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "file_id",
            sa.Uuid(),
            nullable=True,
            comment="cleared when the file is purged; file_ref stays",
        ),
        sa.Column(
            "file_ref",
            sa.String(length=64),
            nullable=False,
            comment="HMAC audit ref of the file (pseudonymous)",
        ),
        sa.Column("member_id", sa.Uuid(), nullable=True, comment="the data subject"),
        sa.Column(
            "requester_member_id",
            sa.Uuid(),
            nullable=True,
            comment="the member who asked: the subject (12+) or their parent or guardian",
        ),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "channel",
            sa.String(length=16),
            nullable=False,
            comment="family_portal, or on_behalf (a partner's worker)",
        ),
        sa.Column("filed_by_account_id", sa.Uuid(), nullable=True),
        sa.Column(
            "filed_by_organisation_id",
            sa.Uuid(),
            nullable=True,
            comment="the partner whose worker filed it on the family's behalf",
        ),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column(
            "due_at",
            UTCDateTime(),
            nullable=False,
            comment="statutory deadline (extended when extended)",
        ),
        sa.Column("extended_at", UTCDateTime(), nullable=True),
        sa.Column(
            "closed_at",
            UTCDateTime(),
            nullable=True,
            comment="answered or refused; the retention clock starts",
        ),
        sa.Column(
            "details_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: what the requester wrote",
        ),
        sa.CheckConstraint(
            "kind IN ('access', 'rectification', 'erasure', 'restriction', 'objection',"
            " 'portability')",
            name=op.f("ck_subject_requests_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('received', 'in_progress', 'extended', 'answered', 'refused')",
            name=op.f("ck_subject_requests_status"),
        ),
        sa.CheckConstraint(
            "channel IN ('family_portal', 'on_behalf')", name=op.f("ck_subject_requests_channel")
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_subject_requests_file_id_coordination_files"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_subject_requests_member_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["requester_member_id"],
            ["members.id"],
            name=op.f("fk_subject_requests_requester_member_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["filed_by_account_id"],
            ["accounts.id"],
            name=op.f("fk_subject_requests_filed_by_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["filed_by_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_subject_requests_filed_by_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_requests")),
    )
    op.create_index("ix_subject_requests_due_at_id", "subject_requests", ["due_at", "id"])
    op.create_index("ix_subject_requests_closed_at", "subject_requests", ["closed_at"])
    op.create_index("ix_purge_subject_requests_file_id", "subject_requests", ["file_id"])
    op.create_index("ix_purge_subject_requests_member_id", "subject_requests", ["member_id"])
    op.create_index(
        "ix_purge_subject_requests_requester_member_id",
        "subject_requests",
        ["requester_member_id"],
    )
    op.create_index(
        "ix_purge_subject_requests_filed_by", "subject_requests", ["filed_by_account_id"]
    )
    op.create_table(
        "subject_request_steps",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column(
            "file_id",
            sa.Uuid(),
            nullable=True,
            comment="whose data key the reason is under; cleared when the file is purged",
        ),
        sa.Column("step", sa.String(length=16), nullable=False),
        sa.Column("actor_account_id", sa.Uuid(), nullable=True),
        sa.Column("actor_role", sa.String(length=16), nullable=False),
        sa.Column("actor_organisation_id", sa.Uuid(), nullable=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column(
            "reason_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: the reason or outcome note",
        ),
        sa.CheckConstraint(
            "step IN ('receive', 'start', 'extend', 'answer', 'refuse')",
            name=op.f("ck_subject_request_steps_step"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["subject_requests.id"],
            name=op.f("fk_subject_request_steps_request_id_subject_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_subject_request_steps_file_id_coordination_files"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["actor_account_id"],
            ["accounts.id"],
            name=op.f("fk_subject_request_steps_actor_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["actor_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_subject_request_steps_actor_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_request_steps")),
    )
    op.create_index(
        "ix_subject_request_steps_request_id_at", "subject_request_steps", ["request_id", "at"]
    )
    op.create_index("ix_purge_subject_request_steps_file_id", "subject_request_steps", ["file_id"])
    op.create_index(
        "ix_purge_subject_request_steps_actor", "subject_request_steps", ["actor_account_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_purge_subject_request_steps_actor", table_name="subject_request_steps")
    op.drop_index("ix_purge_subject_request_steps_file_id", table_name="subject_request_steps")
    op.drop_index("ix_subject_request_steps_request_id_at", table_name="subject_request_steps")
    op.drop_table("subject_request_steps")
    for name in (
        "ix_purge_subject_requests_filed_by",
        "ix_purge_subject_requests_requester_member_id",
        "ix_purge_subject_requests_member_id",
        "ix_purge_subject_requests_file_id",
        "ix_subject_requests_closed_at",
        "ix_subject_requests_due_at_id",
    ):
        op.drop_index(name, table_name="subject_requests")
    op.drop_table("subject_requests")
