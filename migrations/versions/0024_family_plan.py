"""The family plan: goals, actions, the members they are about, and their events; and the
workers' choice of a daily mail of their tasks.

``plan_goals`` and ``plan_actions`` hold the plan as it stands (the texts encrypted under the
file's data key), ``plan_events`` every change to it, never rewritten; all of them point to the
file and go with it. ``task_digest_settings`` holds, per worker account that asked for it, the
opt-in to the daily task mail and the day it was last sent.

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "task_digest_settings",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("last_sent_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_task_digest_settings_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_task_digest_settings")),
    )
    op.create_table(
        "plan_goals",
        sa.Column("title_enc", sa.LargeBinary(), nullable=False, comment="encrypted: the goal"),
        sa.Column(
            "category", sa.String(length=32), nullable=False, comment="vocabulary data category"
        ),
        sa.Column(
            "confidential", sa.Boolean(), nullable=False, comment="hidden from the family's view"
        ),
        sa.Column("created_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_account_id"],
            ["accounts.id"],
            name=op.f("fk_plan_goals_created_by_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_plan_goals_created_by_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_plan_goals_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_goals")),
    )
    op.create_index(
        "ix_plan_goals_file_id_created_at", "plan_goals", ["file_id", "created_at"], unique=False
    )
    op.create_index(
        "ix_purge_plan_goals_created_by", "plan_goals", ["created_by_account_id"], unique=False
    )

    op.create_table(
        "plan_actions",
        sa.Column("goal_id", sa.Uuid(), nullable=False),
        sa.Column(
            "description_enc", sa.LargeBinary(), nullable=False, comment="encrypted: the action"
        ),
        sa.Column(
            "owner_organisation_id",
            sa.Uuid(),
            nullable=True,
            comment="the partner that owns the action; null: the family owns it",
        ),
        sa.Column(
            "assignee_account_id",
            sa.Uuid(),
            nullable=True,
            comment="the owner's worker who carries it out (optional)",
        ),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "drop_reason_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: why it was dropped",
        ),
        sa.Column(
            "category", sa.String(length=32), nullable=False, comment="vocabulary data category"
        ),
        sa.Column(
            "confidential", sa.Boolean(), nullable=False, comment="hidden from the family's view"
        ),
        sa.Column("created_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'in_progress', 'done', 'dropped')",
            name=op.f("ck_plan_actions_status"),
        ),
        sa.ForeignKeyConstraint(
            ["assignee_account_id"],
            ["accounts.id"],
            name=op.f("fk_plan_actions_assignee_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_account_id"],
            ["accounts.id"],
            name=op.f("fk_plan_actions_created_by_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_plan_actions_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["plan_goals.id"],
            name=op.f("fk_plan_actions_goal_id_plan_goals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_plan_actions_owner_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_actions")),
    )
    op.create_index("ix_plan_actions_file_id", "plan_actions", ["file_id"], unique=False)
    op.create_index("ix_plan_actions_goal_id", "plan_actions", ["goal_id"], unique=False)
    op.create_index(
        "ix_plan_actions_owner_organisation_id_due_on",
        "plan_actions",
        ["owner_organisation_id", "due_on"],
        unique=False,
    )
    op.create_index(
        "ix_purge_plan_actions_assignee", "plan_actions", ["assignee_account_id"], unique=False
    )
    op.create_index(
        "ix_purge_plan_actions_created_by", "plan_actions", ["created_by_account_id"], unique=False
    )

    op.create_table(
        "plan_goal_members",
        sa.Column("goal_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["plan_goals.id"],
            name=op.f("fk_plan_goal_members_goal_id_plan_goals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_plan_goal_members_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("goal_id", "member_id", name=op.f("pk_plan_goal_members")),
    )
    op.create_index(
        "ix_purge_plan_goal_members_member_id", "plan_goal_members", ["member_id"], unique=False
    )

    op.create_table(
        "plan_action_members",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_actions.id"],
            name=op.f("fk_plan_action_members_action_id_plan_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_plan_action_members_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_id", "member_id", name=op.f("pk_plan_action_members")),
    )
    op.create_index(
        "ix_purge_plan_action_members_member_id", "plan_action_members", ["member_id"], unique=False
    )

    op.create_table(
        "plan_events",
        sa.Column("goal_id", sa.Uuid(), nullable=False),
        sa.Column("action_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=True),
        sa.Column(
            "text_enc",
            sa.LargeBinary(),
            nullable=True,
            comment="encrypted: the goal or action as written, a reason for dropping, a comment",
        ),
        sa.Column("actor_account_id", sa.Uuid(), nullable=True),
        sa.Column(
            "actor_organisation_id",
            sa.Uuid(),
            nullable=True,
            comment="the worker's organisation; null when the family made the change",
        ),
        sa.Column("occurred_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('goal_created', 'action_created', 'status_changed', 'comment_added')",
            name=op.f("ck_plan_events_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_actions.id"],
            name=op.f("fk_plan_events_action_id_plan_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_account_id"],
            ["accounts.id"],
            name=op.f("fk_plan_events_actor_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["actor_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_plan_events_actor_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["coordination_files.id"],
            name=op.f("fk_plan_events_file_id_coordination_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["plan_goals.id"],
            name=op.f("fk_plan_events_goal_id_plan_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_events")),
    )
    op.create_index("ix_plan_events_action_id", "plan_events", ["action_id"], unique=False)
    op.create_index("ix_plan_events_file_id", "plan_events", ["file_id"], unique=False)
    op.create_index("ix_plan_events_goal_id", "plan_events", ["goal_id"], unique=False)
    op.create_index("ix_purge_plan_events_actor", "plan_events", ["actor_account_id"], unique=False)


def downgrade() -> None:
    op.drop_table("plan_events")
    op.drop_table("plan_action_members")
    op.drop_table("plan_goal_members")
    op.drop_table("plan_actions")
    op.drop_table("plan_goals")
    op.drop_table("task_digest_settings")
