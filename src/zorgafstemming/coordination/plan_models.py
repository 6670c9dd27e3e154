"""Tables of the family plan (gezinsplan): goals in the family's words, the actions towards
each goal, the members each is about, and the events that record every change.

The texts (a goal, an action, a reason for dropping one, a comment) are personal data,
encrypted under the file's data key. ``plan_goals`` and ``plan_actions`` hold the current state,
a projection of ``plan_events``: every change appends an event and none is ever rewritten, so
the plan's history stays readable. Everything here points to the file (directly or through a
goal or a member) and goes with it when it is purged.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Uuid,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.coordination.models import ActingAccountId, FileRow, MemberId
from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, Timestamp, UTCDateTime
from zorgafstemming.identity.models import OrganisationId

PLAN_STATUSES = ("planned", "in_progress", "done", "dropped")
PLAN_EVENT_KINDS = ("goal_created", "action_created", "status_changed", "comment_added")


class PlanGoal(FileRow, Base):
    """A goal of the family plan, in the family's words, about one or more members."""

    __tablename__ = "plan_goals"

    title_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: the goal")
    )
    category: Mapped[str] = mapped_column(
        String(32), nullable=False, comment="vocabulary data category"
    )
    confidential: Mapped[bool] = mapped_column(
        Boolean, nullable=False, comment="hidden from the family's view"
    )
    created_by_account_id: Mapped[ActingAccountId | None]
    created_by_organisation_id: Mapped[OrganisationId]
    created_at: Mapped[Timestamp]

    __table_args__ = (
        Index("ix_plan_goals_file_id_created_at", "file_id", "created_at"),
        Index("ix_purge_plan_goals_created_by", "created_by_account_id"),
    )


class PlanGoalMember(Base):
    """A member a goal is about."""

    __tablename__ = "plan_goal_members"

    goal_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("plan_goals.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[MemberId] = mapped_column(primary_key=True)

    __table_args__ = (Index("ix_purge_plan_goal_members_member_id", "member_id"),)


class PlanAction(FileRow, Base):
    """An action towards a goal: who owns it (a partner on the file, or the family itself when
    ``owner_organisation_id`` is null), the worker of the owner assigned to it, when it is due
    and where it stands."""

    __tablename__ = "plan_actions"

    goal_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("plan_goals.id", ondelete="CASCADE"), nullable=False
    )
    description_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: the action")
    )
    owner_organisation_id: Mapped[OrganisationId | None] = mapped_column(
        comment="the partner that owns the action; null: the family owns it"
    )
    assignee_account_id: Mapped[ActingAccountId | None] = mapped_column(
        comment="the owner's worker who carries it out (optional)"
    )
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    drop_reason_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: why it was dropped")
    )
    category: Mapped[str] = mapped_column(
        String(32), nullable=False, comment="vocabulary data category"
    )
    confidential: Mapped[bool] = mapped_column(
        Boolean, nullable=False, comment="hidden from the family's view"
    )
    created_by_account_id: Mapped[ActingAccountId | None]
    created_at: Mapped[Timestamp]
    updated_at: Mapped[Timestamp]

    __table_args__ = (
        CheckConstraint("status IN ('planned', 'in_progress', 'done', 'dropped')", name="status"),
        Index("ix_plan_actions_goal_id", "goal_id"),
        Index("ix_plan_actions_file_id", "file_id"),
        Index("ix_plan_actions_owner_organisation_id_due_on", "owner_organisation_id", "due_on"),
        Index("ix_purge_plan_actions_assignee", "assignee_account_id"),
        Index("ix_purge_plan_actions_created_by", "created_by_account_id"),
    )


class PlanActionMember(Base):
    """A member an action is about."""

    __tablename__ = "plan_action_members"

    action_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("plan_actions.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[MemberId] = mapped_column(primary_key=True)

    __table_args__ = (Index("ix_purge_plan_action_members_member_id", "member_id"),)


class PlanEvent(FileRow, Base):
    """One change of the plan: a goal or action added, a status changed, a comment made; who
    made it (a worker and their organisation, or a family account) and when. Never updated."""

    __tablename__ = "plan_events"

    goal_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("plan_goals.id", ondelete="CASCADE"), nullable=False
    )
    action_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("plan_actions.id", ondelete="CASCADE"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    from_status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    to_status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    text_enc: Mapped[bytes | None] = deferred(
        mapped_column(
            LargeBinary,
            nullable=True,
            comment="encrypted: the goal or action as written, a reason for dropping, a comment",
        )
    )
    actor_account_id: Mapped[ActingAccountId | None]
    actor_organisation_id: Mapped[OrganisationId | None] = mapped_column(
        comment="the worker's organisation; null when the family made the change"
    )
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (
        CheckConstraint(
            "kind IN ('goal_created', 'action_created', 'status_changed', 'comment_added')",
            name="kind",
        ),
        Index("ix_plan_events_file_id", "file_id"),
        Index("ix_plan_events_goal_id", "goal_id"),
        Index("ix_plan_events_action_id", "action_id"),
        Index("ix_purge_plan_events_actor", "actor_account_id"),
    )


class TaskDigestSetting(Base):
    """A worker who asked for the daily mail of their tasks (counts and links only), and the
    day it was last sent, so each day gets one mail however many instances look."""

    __tablename__ = "task_digest_settings"

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False)
    last_sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)


register_encrypted_column("plan_goals", "title_enc", owner_kind="file", owner_id_column="file_id")
for _table, _column in (
    ("plan_actions", "description_enc"),
    ("plan_actions", "drop_reason_enc"),
    ("plan_events", "text_enc"),
):
    register_encrypted_column(_table, _column, owner_kind="file", owner_id_column="file_id")
