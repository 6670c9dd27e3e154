"""The family plan for the partners: adding goals and actions and changing an action's status,
under the consent gate of the entries (reading the plan and its history: ``plan_reading``).

A goal or action is about members and carries a data category. A partner writes one only where
its own consent covers that category for every member it is about; an action owned by another
partner also needs that partner's consent to cover it (otherwise the owner could not see what
it owns). A partner reads the goals and actions its consent covers; of the others it learns the
categories only (``withheld_categories``), as for the journal.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, insert, select, update

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import plan_rules, rules
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.plan_models import (
    PlanAction,
    PlanActionMember,
    PlanGoal,
    PlanGoalMember,
)
from zorgafstemming.coordination.plan_schemas import (
    GoalIn,
    PlanActionIn,
    PlanActionView,
    PlanGoalView,
    PlanStatusIn,
)
from zorgafstemming.coordination.service import plan_rows
from zorgafstemming.coordination.service.checks import field_error, invalid, raise_if
from zorgafstemming.coordination.service.errors import ConsentRequired
from zorgafstemming.coordination.service.facts import FileFacts
from zorgafstemming.coordination.service.gate import Gate, gate_for, participant_ids
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ConflictError, ForbiddenError, NotFoundError
from zorgafstemming.runtime import UnitOfWork

OBJECT_PLAN_GOAL = "plan_goal"
OBJECT_PLAN_ACTION = "plan_action"
CLOSED = "The file is closed; its plan can no longer change."


class PlanFull(ConflictError, slug="plan-full", title="Plan full"):
    """The plan holds as many goals, or the goal as many actions, as it may."""


class PlanStatusConflict(ConflictError, slug="plan-status", title="Status cannot change"):
    """The action's status cannot move to the one asked (a finished action stays finished)."""


class PlanOwnerOnly(ForbiddenError, slug="plan-owner-only", title="Owner of the action only"):
    """Only the organisation that owns the action, or the lead, changes its status."""


def goal_not_found() -> NotFoundError:
    """A goal that does not exist, or that the caller may not see."""
    return NotFoundError("No such goal.")


def action_not_found() -> NotFoundError:
    """An action that does not exist, or that the caller may not see."""
    return NotFoundError("No such plan action.")


def covered_for(
    facts: FileFacts, organisation: uuid.UUID, uow: UnitOfWork
) -> Mapping[uuid.UUID, frozenset[str]]:
    """Per member, the categories ``organisation`` may use for the plan's purpose now."""
    return rules.covered_categories(
        facts.consents,
        facts.members,
        organisation=organisation,
        purpose=plan_rules.PLAN_PURPOSE,
        at=uow.runtime.clock(),
    )


def _check_item(category: str | None, about: list[uuid.UUID]) -> str:
    """The item's category (the default when none is named); 422 for a bad one."""
    chosen = category or plan_rules.DEFAULT_CATEGORY
    errors: list[dict[str, str]] = []
    if chosen not in plan_rules.PLAN_CATEGORIES:
        errors.append(field_error("category", "not a category of the plan"))
    if len(set(about)) != len(about):
        errors.append(field_error("about", "names a member twice"))
    raise_if(errors)
    return chosen


async def _refuse_unknown_members(
    uow: UnitOfWork, gate: Gate, file_id: uuid.UUID, about: list[uuid.UUID], category: str
) -> None:
    """Refuse (422) an item about people who are not (or no longer) members of the file."""
    known = set(
        await uow.session.scalars(
            select(Member.id).where(Member.file_id == file_id, Member.ended_at.is_(None))
        )
    )
    unknown = [i for i, m in enumerate(about) if m not in known]
    if unknown:
        await gate.refuse(
            invalid(
                "The plan item names people who are not members of this file.",
                [field_error(f"about[{i}]", "no such member") for i in unknown],
            ),
            categories=[category],
        )


async def add_goal(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID, data: GoalIn
) -> PlanGoalView:
    """Add a goal to the plan; your consent must cover its category for every member it is
    about (otherwise 422 ``consent-required``)."""
    category = _check_item(data.category, data.about)
    gate = await gate_for(
        uow,
        principal,
        ctx,
        Action.COORDINATION_PLAN_GOAL_CREATE,
        file_id,
        object_type=OBJECT_PLAN_GOAL,
    )
    facts = await gate.open_facts(CLOSED, categories=[category])
    organisation = principal.organisation_id
    assert organisation is not None and facts.key is not None
    await _refuse_unknown_members(uow, gate, file_id, data.about, category)
    if not gate.allowed or not plan_rules.covered(
        covered_for(facts, organisation, uow), category, data.about
    ):
        await gate.refuse(
            ConsentRequired(
                "No consent in force covers this category for every member the goal is about."
            ),
            categories=[category],
        )
    goals = await uow.session.scalar(
        select(func.count()).select_from(PlanGoal).where(PlanGoal.file_id == file_id)
    )
    if (goals or 0) >= plan_rules.MAX_GOALS:
        await gate.refuse(PlanFull("The plan holds as many goals as it may."))
    goal_id, now = new_id(), uow.runtime.clock()
    cipher = uow.runtime.cipher
    await uow.session.execute(
        insert(PlanGoal).values(
            id=goal_id,
            file_id=file_id,
            title_enc=cipher.encrypt(
                facts.key,
                table="plan_goals",
                column="title_enc",
                row_id=goal_id,
                value=data.title,
            ),
            category=category,
            confidential=data.confidential,
            created_by_account_id=principal.account_id,
            created_by_organisation_id=organisation,
            created_at=now,
        )
    )
    await uow.session.execute(
        insert(PlanGoalMember), [{"goal_id": goal_id, "member_id": m} for m in data.about]
    )
    await plan_rows.append_event(
        uow,
        facts.key,
        file_id=file_id,
        goal_id=goal_id,
        kind="goal_created",
        actor_account_id=principal.account_id,
        actor_organisation_id=organisation,
        text=data.title,
    )
    await gate.allow(categories=[category], object_id=goal_id)
    return PlanGoalView(
        id=goal_id,
        title=data.title,
        about=sorted(data.about),
        category=category,
        confidential=data.confidential,
        created_by_organisation_id=organisation,
        created_at=now,
        actions=[],
        withheld_actions=0,
        comments=[],
    )


async def add_plan_action(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    goal_id: uuid.UUID,
    data: PlanActionIn,
    *,
    gate: Gate | None = None,
) -> PlanActionView:
    """Add an action towards goal ``goal_id`` of the file's plan, in the unit of work.

    The caller's consent must cover the action's category for every member it is about, and so
    must the owner's when a partner owns it (otherwise 422 ``consent-required``); the owner is a
    partner on the file, and the assigned worker one of its workers assigned to the file.

    Another use case that turns something into a plan action in its own request (a meeting's
    decision) passes the ``gate`` of that request: the checks are made and any refusal is
    recorded through it, and its caller records the one audit event of the request as allowed.
    Without ``gate`` this opens its own and records the event.
    """
    category = _check_item(data.category, data.about)
    own_gate = gate is None
    if gate is None:
        gate = await gate_for(
            uow,
            principal,
            ctx,
            Action.COORDINATION_PLAN_ACTION_CREATE,
            file_id,
            object_type=OBJECT_PLAN_ACTION,
        )
    facts = await gate.open_facts(CLOSED, categories=[category])
    writer = principal.organisation_id
    assert writer is not None and facts.key is not None
    goal, goal_about = await plan_rows.goal_row(uow.session, goal_id)
    mine = covered_for(facts, writer, uow)
    if (
        goal is None
        or goal.file_id != file_id
        or not plan_rules.covered(mine, goal.category, goal_about)
    ):
        await gate.refuse(goal_not_found(), categories=[category])
    await _refuse_unknown_members(uow, gate, file_id, data.about, category)
    owner = await _owner(uow, gate, file_id, data, writer, category)
    if not gate.allowed or not plan_rules.covered(mine, category, data.about):
        await gate.refuse(
            ConsentRequired(
                "No consent in force covers this category for every member the action is about."
            ),
            categories=[category],
        )
    if owner is not None and not plan_rules.covered(
        covered_for(facts, owner, uow), category, data.about
    ):
        await gate.refuse(
            ConsentRequired(
                "The owner organisation's consent does not cover this category for every "
                "member the action is about."
            ),
            categories=[category],
        )
    actions = await uow.session.scalar(
        select(func.count()).select_from(PlanAction).where(PlanAction.goal_id == goal_id)
    )
    if (actions or 0) >= plan_rules.MAX_ACTIONS_PER_GOAL:
        await gate.refuse(PlanFull("The goal holds as many actions as it may."))
    action_id, now = new_id(), uow.runtime.clock()
    await uow.session.execute(
        insert(PlanAction).values(
            id=action_id,
            file_id=file_id,
            goal_id=goal_id,
            description_enc=uow.runtime.cipher.encrypt(
                facts.key,
                table="plan_actions",
                column="description_enc",
                row_id=action_id,
                value=data.description,
            ),
            owner_organisation_id=owner,
            assignee_account_id=data.assignee_account_id,
            due_on=data.due_on,
            status="planned",
            category=category,
            confidential=data.confidential,
            created_by_account_id=principal.account_id,
            created_at=now,
            updated_at=now,
        )
    )
    await uow.session.execute(
        insert(PlanActionMember), [{"action_id": action_id, "member_id": m} for m in data.about]
    )
    await plan_rows.append_event(
        uow,
        facts.key,
        file_id=file_id,
        goal_id=goal_id,
        action_id=action_id,
        kind="action_created",
        to_status="planned",
        actor_account_id=principal.account_id,
        actor_organisation_id=writer,
        text=data.description,
    )
    if own_gate:
        await gate.allow(categories=[category], object_id=action_id)
    return PlanActionView(
        id=action_id,
        goal_id=goal_id,
        description=data.description,
        about=sorted(data.about),
        owner=data.owner,
        owner_organisation_id=owner,
        assignee_account_id=data.assignee_account_id,
        due_on=data.due_on,
        status="planned",
        drop_reason=None,
        category=category,
        confidential=data.confidential,
        overdue=plan_rules.is_overdue(data.due_on, "planned", plan_rules.local_today(now)),
        created_at=now,
        updated_at=now,
    )


async def _owner(
    uow: UnitOfWork,
    gate: Gate,
    file_id: uuid.UUID,
    data: PlanActionIn,
    writer: uuid.UUID,
    category: str,
) -> uuid.UUID | None:
    """The owner organisation of a new action (None: the family), checked: a partner on the
    file, and the assigned worker one of its workers assigned to the file (422 otherwise)."""
    if data.owner == "family":
        errors = []
        if data.owner_organisation_id is not None:
            errors.append(field_error("owner_organisation_id", "the family owns this action"))
        if data.assignee_account_id is not None:
            errors.append(field_error("assignee_account_id", "the family owns this action"))
        if errors:
            await gate.refuse(invalid("The action's owner is not clear.", errors))
        return None
    owner = data.owner_organisation_id or writer
    if owner not in await participant_ids(uow.session, file_id):
        await gate.refuse(
            invalid(
                "The owner is not a partner on this file.",
                [field_error("owner_organisation_id", "not a partner on this file")],
            ),
            categories=[category],
        )
    if data.assignee_account_id is not None:
        assigned = await uow.session.scalar(
            select(FileAssignment.id).where(
                FileAssignment.file_id == file_id,
                FileAssignment.account_id == data.assignee_account_id,
                FileAssignment.organisation_id == owner,
                FileAssignment.ended_at.is_(None),
            )
        )
        if assigned is None:
            await gate.refuse(
                invalid(
                    "The worker is not one of the owner's workers on this file.",
                    [field_error("assignee_account_id", "not assigned to this file")],
                ),
                categories=[category],
            )
    return owner


async def change_status(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    action_id: uuid.UUID,
    data: PlanStatusIn,
) -> PlanActionView:
    """Move an action to a new status (dropping needs a reason); the owner organisation's
    workers do, or the lead's (the lead's also for actions the family owns). The change is an
    event of the plan's history; a finished action stays finished (409)."""
    if data.status == "dropped" and data.reason is None:
        raise_if([field_error("reason", "a dropped action needs a reason")])
    gate = await gate_for(
        uow,
        principal,
        ctx,
        Action.COORDINATION_PLAN_ACTION_STATUS,
        file_id,
        object_type=OBJECT_PLAN_ACTION,
        object_id=action_id,
    )
    facts = await gate.open_facts(CLOSED)
    organisation = principal.organisation_id
    assert organisation is not None and facts.key is not None
    row, about = await plan_rows.action_row(uow.session, action_id)
    if (
        row is None
        or row.file_id != file_id
        or not plan_rules.covered(covered_for(facts, organisation, uow), row.category, about)
    ):
        await gate.refuse(action_not_found())
    if not gate.allowed:
        await gate.refuse(ConsentRequired("No consent in force covers this action."))
    if organisation not in (row.owner_organisation_id, facts.lead):
        await gate.refuse(
            PlanOwnerOnly("Only the owner of the action or the lead changes its status."),
            categories=[row.category],
        )
    if not plan_rules.may_move(row.status, data.status):
        await gate.refuse(
            PlanStatusConflict(f"A {row.status} action cannot become {data.status}."),
            categories=[row.category],
        )
    await store_status(
        uow, facts.key, row, data.status, data.reason, principal.account_id, organisation
    )
    await gate.allow(categories=[row.category])
    now = uow.runtime.clock()
    changed, _ = await plan_rows.action_row(uow.session, action_id)
    return plan_rows.action_view(
        uow.runtime.cipher, facts.key, changed, about, plan_rules.local_today(now)
    )


async def store_status(
    uow: UnitOfWork,
    key: DataKey,
    row: Any,
    status: str,
    reason: str | None,
    account_id: uuid.UUID,
    organisation: uuid.UUID | None,
) -> None:
    """Write an action's new status and the event that records the change."""
    action_id: uuid.UUID = row.id
    now = uow.runtime.clock()
    values: dict[str, object] = {"status": status, "updated_at": now}
    if reason is not None and status == "dropped":
        values["drop_reason_enc"] = uow.runtime.cipher.encrypt(
            key, table="plan_actions", column="drop_reason_enc", row_id=action_id, value=reason
        )
    await uow.session.execute(update(PlanAction).where(PlanAction.id == action_id).values(**values))
    await plan_rows.append_event(
        uow,
        key,
        file_id=row.file_id,
        goal_id=row.goal_id,
        action_id=action_id,
        kind="status_changed",
        from_status=row.status,
        to_status=status,
        actor_account_id=account_id,
        actor_organisation_id=organisation,
        text=reason,
    )
