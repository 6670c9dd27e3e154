"""The family plan in the family portal: reading it, commenting on a goal, marking an action
the family owns done; and what the family export takes of it.

A family account sees the goals and actions that are not confidential and are about at least
one person it represents (itself, or a child under 12 it speaks for); the others stay hidden,
not even counted (``plan_rules.family_may_see``).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import plan_rules, rules
from zorgafstemming.coordination.plan_models import PlanAction, PlanGoal
from zorgafstemming.coordination.plan_schemas import (
    FamilyPlanActionView,
    FamilyPlanGoalView,
    FamilyPlanView,
    PlanCommentIn,
    PlanCommentView,
)
from zorgafstemming.coordination.service import plan_rows
from zorgafstemming.coordination.service.errors import FileClosed, file_not_found
from zorgafstemming.coordination.service.facts import FILE_OWNER, member_facts
from zorgafstemming.coordination.service.family import member_gate
from zorgafstemming.coordination.service.gate import Gate
from zorgafstemming.coordination.service.plan import (
    OBJECT_PLAN_ACTION,
    OBJECT_PLAN_GOAL,
    PlanStatusConflict,
    action_not_found,
    goal_not_found,
    store_status,
)
from zorgafstemming.coordination.service.views import member_rows
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ForbiddenError
from zorgafstemming.runtime import UnitOfWork


class FamilyOwnsNot(
    ForbiddenError, slug="plan-family-owned-only", title="Family-owned actions only"
):
    """The family marks done only the actions the family owns."""


async def _visible_members(
    uow: UnitOfWork, file_id: uuid.UUID, member_id: uuid.UUID
) -> frozenset[uuid.UUID]:
    """The members whose plan items the family member ``member_id`` sees."""
    cipher = uow.runtime.cipher
    key = await cipher.key_for(uow.session, FILE_OWNER, file_id)
    rows = await member_rows(uow.session, file_id)
    people = {r.id: member_facts(cipher, key, r.id, r.role, r.birth_date_enc) for r in rows}
    return rules.family_visible_members(people[member_id], people.values(), uow.runtime.clock())


async def plan_for_family_export(
    uow: UnitOfWork, member_id: uuid.UUID, file_id: uuid.UUID
) -> FamilyPlanView:
    """The plan of ``file_id`` as the family member ``member_id`` may see it, for an export
    that records its own audit event per file (this records none and checks no membership:
    pass a membership the export found for the signed-in account)."""
    view, _categories = await _family_plan(uow, member_id, file_id)
    return view


async def plan_and_categories_for_family_export(
    uow: UnitOfWork, member_id: uuid.UUID, file_id: uuid.UUID
) -> tuple[FamilyPlanView, set[str]]:
    """:func:`plan_for_family_export`, with the data categories it shows (for the export's
    audit event)."""
    return await _family_plan(uow, member_id, file_id)


async def _family_plan(
    uow: UnitOfWork, member_id: uuid.UUID, file_id: uuid.UUID
) -> tuple[FamilyPlanView, set[str]]:
    """The family member's view of the plan, and the data categories it shows."""
    cipher, session = uow.runtime.cipher, uow.session
    key = await cipher.key_for(session, FILE_OWNER, file_id)
    visible = await _visible_members(uow, file_id, member_id)
    rows = await plan_rows.plan_rows(session, file_id)
    goals: list[FamilyPlanGoalView] = []
    categories: set[str] = set()
    for goal in rows.goals:
        if not plan_rules.family_may_see(
            visible, rows.goal_about.get(goal.id, []), goal.confidential
        ):
            continue
        shown = [
            a
            for a in rows.actions.get(goal.id, [])
            if plan_rules.family_may_see(visible, rows.action_about.get(a.id, []), a.confidential)
        ]
        categories.add(goal.category)
        categories.update(a.category for a in shown)
        actions = [_family_action(cipher, key, a) for a in shown]
        goals.append(
            FamilyPlanGoalView(
                id=goal.id,
                title=cipher.decrypt(
                    key,
                    table="plan_goals",
                    column="title_enc",
                    row_id=goal.id,
                    blob=goal.title_enc,
                ),
                actions=actions,
                comments=[
                    plan_rows.comment_view(cipher, key, c) for c in rows.comments.get(goal.id, [])
                ],
            )
        )
    return FamilyPlanView(file_id=file_id, goals=goals), categories


def _family_action(cipher: Any, key: Any, row: Any) -> FamilyPlanActionView:
    owned = row.owner_organisation_id is None
    return FamilyPlanActionView(
        id=row.id,
        description=cipher.decrypt(
            key,
            table="plan_actions",
            column="description_enc",
            row_id=row.id,
            blob=row.description_enc,
        ),
        owner="family" if owned else "organisation",
        owner_organisation_id=row.owner_organisation_id,
        due_on=row.due_on,
        status=row.status,
        drop_reason=plan_rows.decrypt(
            cipher, key, "plan_actions", "drop_reason_enc", row.id, row.drop_reason_enc
        ),
        may_complete=owned and row.status not in plan_rules.FINAL_STATUSES,
    )


async def family_plan(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> FamilyPlanView:
    """The plan of one of the signed-in family member's files; other files answer 404."""
    gate, mine = await member_gate(uow, principal, ctx, Action.FAMILY_PLAN_READ, file_id)
    if not mine or not gate.allowed:
        await gate.refuse(file_not_found())
    view, categories = await _family_plan(uow, mine[0].id, file_id)
    await gate.allow(categories=categories)
    return view


async def _family_item_gate(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    action: Action,
    file_id: uuid.UUID | None,
    subject: uuid.UUID,
    object_type: str,
) -> tuple[Gate, Any]:
    """The gate of a family request on one plan item of a file it belongs to (the item's file
    when it has one; an unknown item is decided like an item of a file one is no member of)."""
    gate, mine = await member_gate(uow, principal, ctx, action, file_id, subject=subject)
    gate.object_type, gate.object_id = object_type, subject
    return gate, (mine[0] if mine else None)


async def comment_on_goal(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    goal_id: uuid.UUID,
    data: PlanCommentIn,
) -> PlanCommentView:
    """The family's comment on a goal they see, kept encrypted in the plan's history; partners
    whose consent covers the goal read it with the goal."""
    file_id = await uow.session.scalar(select(PlanGoal.file_id).where(PlanGoal.id == goal_id))
    gate, membership = await _family_item_gate(
        uow, principal, ctx, Action.FAMILY_PLAN_COMMENT_CREATE, file_id, goal_id, OBJECT_PLAN_GOAL
    )
    if membership is None or not gate.allowed or file_id is None:
        await gate.refuse(goal_not_found())
    goal, about = await plan_rows.goal_row(uow.session, goal_id)
    visible = await _visible_members(uow, file_id, membership.id)
    if not plan_rules.family_may_see(visible, about, goal.confidential):
        await gate.refuse(goal_not_found())
    if membership.status != "open":
        await gate.refuse(FileClosed("The file is closed; its plan can no longer change."))
    key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, file_id)
    event_id = await plan_rows.append_event(
        uow,
        key,
        file_id=file_id,
        goal_id=goal_id,
        kind="comment_added",
        actor_account_id=principal.account_id,
        actor_organisation_id=None,
        text=data.text,
    )
    await gate.allow(categories=[goal.category])
    return PlanCommentView(
        id=event_id,
        text=data.text,
        by_family=True,
        organisation_id=None,
        occurred_at=uow.runtime.clock(),
    )


async def complete_family_action(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, action_id: uuid.UUID
) -> FamilyPlanActionView:
    """Mark done an action the family owns and sees (403 for a partner's action, 409 for one
    already finished); the change is an event of the plan's history."""
    file_id = await uow.session.scalar(select(PlanAction.file_id).where(PlanAction.id == action_id))
    gate, membership = await _family_item_gate(
        uow,
        principal,
        ctx,
        Action.FAMILY_PLAN_ACTION_COMPLETE,
        file_id,
        action_id,
        OBJECT_PLAN_ACTION,
    )
    if membership is None or not gate.allowed or file_id is None:
        await gate.refuse(action_not_found())
    row, about = await plan_rows.action_row(uow.session, action_id)
    goal, goal_about = await plan_rows.goal_row(uow.session, row.goal_id)
    visible = await _visible_members(uow, file_id, membership.id)
    if not (
        plan_rules.family_may_see(visible, about, row.confidential)
        and plan_rules.family_may_see(visible, goal_about, goal.confidential)
    ):
        await gate.refuse(action_not_found())
    if membership.status != "open":
        await gate.refuse(FileClosed("The file is closed; its plan can no longer change."))
    if row.owner_organisation_id is not None:
        await gate.refuse(
            FamilyOwnsNot("Only actions the family owns can be marked done here."),
            categories=[row.category],
        )
    if not plan_rules.may_move(row.status, "done"):
        await gate.refuse(
            PlanStatusConflict(f"A {row.status} action cannot become done."),
            categories=[row.category],
        )
    key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, file_id)
    await store_status(uow, key, row, "done", None, principal.account_id, None)
    await gate.allow(categories=[row.category])
    changed, _ = await plan_rows.action_row(uow.session, action_id)
    return _family_action(uow.runtime.cipher, key, changed)
