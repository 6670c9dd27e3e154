"""Reading the family plan of one file from its tables, and turning rows into views; what a
reader may see of it is decided by the callers (``plan``, ``family_plan``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.coordination import plan_rules
from zorgafstemming.coordination.plan_models import (
    PlanAction,
    PlanActionMember,
    PlanEvent,
    PlanGoal,
    PlanGoalMember,
)
from zorgafstemming.coordination.plan_schemas import (
    PlanActionView,
    PlanCommentView,
    PlanEventView,
)
from zorgafstemming.crypto.fields import DataKey, FieldCipher
from zorgafstemming.db import new_id
from zorgafstemming.runtime import UnitOfWork


@dataclass
class PlanRows:
    """The rows of one file's plan: goals oldest first, the actions of each goal oldest first,
    the members each is about, and the comments on each goal."""

    goals: list[Any] = field(default_factory=list)
    goal_about: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)
    actions: dict[uuid.UUID, list[Any]] = field(default_factory=dict)
    action_about: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)
    comments: dict[uuid.UUID, list[Any]] = field(default_factory=dict)


_ACTION_COLUMNS = (
    PlanAction.id,
    PlanAction.file_id,
    PlanAction.goal_id,
    PlanAction.description_enc,
    PlanAction.owner_organisation_id,
    PlanAction.assignee_account_id,
    PlanAction.due_on,
    PlanAction.status,
    PlanAction.drop_reason_enc,
    PlanAction.category,
    PlanAction.confidential,
    PlanAction.created_at,
    PlanAction.updated_at,
)


async def plan_rows(session: AsyncSession, file_id: uuid.UUID) -> PlanRows:
    """Everything of the file's plan, in five statements (the plan is bounded:
    ``plan_rules.MAX_GOALS`` goals of at most ``MAX_ACTIONS_PER_GOAL`` actions)."""
    rows = PlanRows()
    rows.goals = list(
        (
            await session.execute(
                select(
                    PlanGoal.id,
                    PlanGoal.title_enc,
                    PlanGoal.category,
                    PlanGoal.confidential,
                    PlanGoal.created_by_organisation_id,
                    PlanGoal.created_at,
                )
                .where(PlanGoal.file_id == file_id)
                .order_by(PlanGoal.id)
            )
        ).all()
    )
    for goal_id, member_id in await session.execute(
        select(PlanGoalMember.goal_id, PlanGoalMember.member_id)
        .join(PlanGoal, PlanGoal.id == PlanGoalMember.goal_id)
        .where(PlanGoal.file_id == file_id)
        .order_by(PlanGoalMember.member_id)
    ):
        rows.goal_about.setdefault(goal_id, []).append(member_id)
    for action in await session.execute(
        select(*_ACTION_COLUMNS).where(PlanAction.file_id == file_id).order_by(PlanAction.id)
    ):
        rows.actions.setdefault(action.goal_id, []).append(action)
    for action_id, member_id in await session.execute(
        select(PlanActionMember.action_id, PlanActionMember.member_id)
        .join(PlanAction, PlanAction.id == PlanActionMember.action_id)
        .where(PlanAction.file_id == file_id)
        .order_by(PlanActionMember.member_id)
    ):
        rows.action_about.setdefault(action_id, []).append(member_id)
    for comment in await session.execute(
        select(
            PlanEvent.id,
            PlanEvent.goal_id,
            PlanEvent.text_enc,
            PlanEvent.actor_organisation_id,
            PlanEvent.occurred_at,
        )
        .where(PlanEvent.file_id == file_id, PlanEvent.kind == "comment_added")
        .order_by(PlanEvent.id)
    ):
        rows.comments.setdefault(comment.goal_id, []).append(comment)
    return rows


async def action_row(session: AsyncSession, action_id: uuid.UUID) -> tuple[Any, list[uuid.UUID]]:
    """One action's row (None when there is none) and the members it is about."""
    row = (
        await session.execute(select(*_ACTION_COLUMNS).where(PlanAction.id == action_id))
    ).first()
    about = list(
        await session.scalars(
            select(PlanActionMember.member_id)
            .where(PlanActionMember.action_id == action_id)
            .order_by(PlanActionMember.member_id)
        )
    )
    return row, about


async def goal_row(session: AsyncSession, goal_id: uuid.UUID) -> tuple[Any, list[uuid.UUID]]:
    """One goal's row (None when there is none) and the members it is about."""
    row = (
        await session.execute(
            select(PlanGoal.id, PlanGoal.file_id, PlanGoal.category, PlanGoal.confidential).where(
                PlanGoal.id == goal_id
            )
        )
    ).first()
    about = list(
        await session.scalars(
            select(PlanGoalMember.member_id)
            .where(PlanGoalMember.goal_id == goal_id)
            .order_by(PlanGoalMember.member_id)
        )
    )
    return row, about


def decrypt(
    cipher: FieldCipher, key: DataKey, table: str, column: str, row_id: uuid.UUID, blob: Any
) -> str | None:
    """A plan text, or None where none was stored."""
    if blob is None:
        return None
    return cipher.decrypt(key, table=table, column=column, row_id=row_id, blob=blob)


def action_view(
    cipher: FieldCipher, key: DataKey, row: Any, about: list[uuid.UUID], today: date
) -> PlanActionView:
    """An action with its texts decrypted."""
    return PlanActionView(
        id=row.id,
        goal_id=row.goal_id,
        description=cipher.decrypt(
            key,
            table="plan_actions",
            column="description_enc",
            row_id=row.id,
            blob=row.description_enc,
        ),
        about=about,
        owner="family" if row.owner_organisation_id is None else "organisation",
        owner_organisation_id=row.owner_organisation_id,
        assignee_account_id=row.assignee_account_id,
        due_on=row.due_on,
        status=row.status,
        drop_reason=decrypt(
            cipher, key, "plan_actions", "drop_reason_enc", row.id, row.drop_reason_enc
        ),
        category=row.category,
        confidential=row.confidential,
        overdue=plan_rules.is_overdue(row.due_on, row.status, today),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def comment_view(cipher: FieldCipher, key: DataKey, row: Any) -> PlanCommentView:
    """A comment on a goal with its text decrypted."""
    return PlanCommentView(
        id=row.id,
        text=cipher.decrypt(
            key, table="plan_events", column="text_enc", row_id=row.id, blob=row.text_enc
        ),
        by_family=row.actor_organisation_id is None,
        organisation_id=row.actor_organisation_id,
        occurred_at=row.occurred_at,
    )


def event_view(cipher: FieldCipher, key: DataKey, row: Any) -> PlanEventView:
    """One event of the plan's history with its text decrypted."""
    return PlanEventView(
        id=row.id,
        goal_id=row.goal_id,
        action_id=row.action_id,
        kind=row.kind,
        from_status=row.from_status,
        to_status=row.to_status,
        text=decrypt(cipher, key, "plan_events", "text_enc", row.id, row.text_enc),
        by_family=row.actor_organisation_id is None,
        organisation_id=row.actor_organisation_id,
        occurred_at=row.occurred_at,
    )


async def append_event(
    uow: UnitOfWork,
    key: DataKey,
    *,
    file_id: uuid.UUID,
    goal_id: uuid.UUID,
    kind: str,
    actor_account_id: uuid.UUID,
    actor_organisation_id: uuid.UUID | None,
    action_id: uuid.UUID | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    text: str | None = None,
) -> uuid.UUID:
    """Append one event to the plan's history (never updated afterwards); its id."""
    event_id = new_id()
    blob = (
        uow.runtime.cipher.encrypt(
            key, table="plan_events", column="text_enc", row_id=event_id, value=text
        )
        if text is not None
        else None
    )
    await uow.session.execute(
        insert(PlanEvent).values(
            id=event_id,
            file_id=file_id,
            goal_id=goal_id,
            action_id=action_id,
            kind=kind,
            from_status=from_status,
            to_status=to_status,
            text_enc=blob,
            actor_account_id=actor_account_id,
            actor_organisation_id=actor_organisation_id,
            occurred_at=uow.runtime.clock(),
        )
    )
    return event_id
