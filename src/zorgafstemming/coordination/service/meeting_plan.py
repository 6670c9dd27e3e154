"""A meeting's decisions become actions of the family plan, in one step.

The lead turns the decisions of a meeting's minutes that did not become an action yet into
actions towards one goal of the plan: each decision's text, owner organisation and due date
become the action's, about the members the lead names (the goal's by default). Every action
passes the plan's own checks (:func:`zorgafstemming.coordination.service.plan.add_plan_action`:
the goal is the file's, the lead's and the owner's consent cover the category for every member)
through this request's gate, so one refusal refuses them all and nothing is written; the request
records one audit event. A decision remembers the action it became, so it becomes one only once.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select, update

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.meeting_models import MeetingDecision
from zorgafstemming.coordination.meeting_schemas import DecisionsToPlanIn
from zorgafstemming.coordination.plan_schemas import PlanActionIn, PlanActionView
from zorgafstemming.coordination.service import plan_rows
from zorgafstemming.coordination.service.meeting_minutes import decisions_of
from zorgafstemming.coordination.service.meeting_steps import load_meeting, meeting_not_found
from zorgafstemming.coordination.service.meetings import lead_gate
from zorgafstemming.coordination.service.plan import add_plan_action, goal_not_found
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ConflictError
from zorgafstemming.runtime import UnitOfWork


class NothingToPlan(
    ConflictError, slug="no-decisions-to-plan", title="No decisions left to turn into actions"
):
    """The meeting has no minutes, no decisions, or every decision became an action already."""


async def decisions_to_plan(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    meeting_id: uuid.UUID,
    data: DecisionsToPlanIn,
) -> list[PlanActionView]:
    """Turn the meeting's decisions that are not an action yet into actions towards
    ``data.goal_id`` (lead only); 409 ``no-decisions-to-plan`` when there are none."""
    gate, _facts = await lead_gate(
        uow,
        principal,
        ctx,
        Action.COORDINATION_MEETING_TO_PLAN,
        file_id,
        "The file is closed; its plan is read-only.",
    )
    meeting = await load_meeting(uow, file_id, meeting_id, lock=True)
    if meeting is None:
        await gate.refuse(meeting_not_found())
    open_ids = set(
        (
            await uow.session.scalars(
                select(MeetingDecision.id).where(
                    MeetingDecision.meeting_id == meeting_id,
                    MeetingDecision.plan_action_id.is_(None),
                )
            )
        ).all()
    )
    goal, goal_about = await plan_rows.goal_row(uow.session, data.goal_id)
    if goal is None or goal.file_id != file_id:
        await gate.refuse(goal_not_found())
    about = data.about if data.about is not None else goal_about
    category = data.category if data.category is not None else goal.category
    decisions = [d for d in await decisions_of(uow, meeting_id) if d.id in open_ids]
    if not decisions:
        await gate.refuse(
            NothingToPlan("The meeting has no decisions that did not become an action yet.")
        )
    made: list[PlanActionView] = []
    for decision in decisions:
        action = await add_plan_action(
            uow,
            principal,
            ctx,
            file_id,
            data.goal_id,
            PlanActionIn(
                description=decision.text,
                about=about,
                owner="organisation",
                owner_organisation_id=decision.owner_organisation_id,
                due_on=decision.due_on,
                category=category,
            ),
            gate=gate,
        )
        await uow.session.execute(
            update(MeetingDecision)
            .where(MeetingDecision.id == decision.id)
            .values(plan_action_id=action.id)
        )
        made.append(action)
    await gate.allow(categories=sorted({a.category for a in made}), object_id=meeting_id)
    return made
