"""HTTP API of the family plan (for partners and in the family portal) and of the workers'
task list (thin controllers over ``coordination.service``)."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, get
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.coordination.plan_schemas import (
    FamilyPlanActionView,
    FamilyPlanView,
    GoalIn,
    PlanActionIn,
    PlanActionView,
    PlanCommentIn,
    PlanCommentView,
    PlanEventPage,
    PlanGoalView,
    PlanStatusIn,
    PlanView,
    TaskPage,
)
from zorgafstemming.coordination.service import family_plan, plan, plan_reading, tasks
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit


class FilePlanController(Controller):
    """The family plan of one file: goals, actions, their status and history."""

    path = "/files/{file_id:uuid}/plan"
    tags = ["files"]

    @get("/", opt={"action": Action.COORDINATION_PLAN_READ})
    async def read_plan(self, file_id: uuid.UUID, caller: Caller) -> PlanView:
        """The plan's goals and actions your organisation's consent covers (category and every
        member they are about), oldest first; the categories of the others are listed as
        withheld. Not paged: a plan holds at most 50 goals of at most 30 actions each (more
        answers 409 ``plan-full``), so it is read whole."""
        return await caller.run(plan_reading.read_plan, file_id)

    @post_as(Action.COORDINATION_PLAN_GOAL_CREATE, "/goals", status_code=HTTP_201_CREATED)
    async def add_goal(self, file_id: uuid.UUID, data: GoalIn, caller: Caller) -> PlanGoalView:
        """Add a goal in the family's words; your consent must cover its category for every
        member it is about (otherwise 422 ``consent-required``)."""
        return await caller.run(plan.add_goal, file_id, data)

    @post_as(
        Action.COORDINATION_PLAN_ACTION_CREATE,
        "/goals/{goal_id:uuid}/actions",
        status_code=HTTP_201_CREATED,
    )
    async def add_action(
        self, file_id: uuid.UUID, goal_id: uuid.UUID, data: PlanActionIn, caller: Caller
    ) -> PlanActionView:
        """Add an action towards a goal, owned by a partner on the file (optionally with one of
        its assigned workers) or by the family. Your consent and, for a partner's action, the
        owner's consent must cover its category for every member it is about (otherwise 422
        ``consent-required``)."""
        return await caller.run(plan.add_plan_action, file_id, goal_id, data)

    @post_as(
        Action.COORDINATION_PLAN_ACTION_STATUS,
        "/actions/{action_id:uuid}/status",
        status_code=HTTP_200_OK,
    )
    async def change_status(
        self, file_id: uuid.UUID, action_id: uuid.UUID, data: PlanStatusIn, caller: Caller
    ) -> PlanActionView:
        """Move an action to planned, in progress, done or dropped (with a reason); the owner
        organisation or the lead does (otherwise 403 ``plan-owner-only``). A finished action
        stays finished (409 ``plan-status``)."""
        return await caller.run(plan.change_status, file_id, action_id, data)

    @get("/events", opt={"action": Action.COORDINATION_PLAN_EVENT_LIST})
    async def events(
        self, file_id: uuid.UUID, caller: Caller, limit: Limit, after: After
    ) -> PlanEventPage:
        """Every change of the plan your consent covers, oldest first (by id): who, when, what
        changed; pass ``next`` as ``after`` for the next page."""
        return await caller.run(plan_reading.plan_events, file_id, after=after, limit=limit)


class FamilyPlanController(Controller):
    """The family plan in the family portal."""

    path = "/me"
    tags = ["family"]

    @get("/files/{file_id:uuid}/plan", opt={"action": Action.FAMILY_PLAN_READ})
    async def my_plan(self, file_id: uuid.UUID, caller: Caller) -> FamilyPlanView:
        """The plan of your file without confidential goals and actions and those only about
        people you do not represent. Not paged: a plan is bounded (see the partners' plan)."""
        return await caller.run(family_plan.family_plan, file_id)

    @post_as(
        Action.FAMILY_PLAN_COMMENT_CREATE,
        "/plan/goals/{goal_id:uuid}/comments",
        status_code=HTTP_201_CREATED,
    )
    async def comment(
        self, goal_id: uuid.UUID, data: PlanCommentIn, caller: Caller
    ) -> PlanCommentView:
        """Comment on a goal of your plan; the partners working on it read it with the goal."""
        return await caller.run(family_plan.comment_on_goal, goal_id, data)

    @post_as(
        Action.FAMILY_PLAN_ACTION_COMPLETE,
        "/plan/actions/{action_id:uuid}/done",
        status_code=HTTP_200_OK,
    )
    async def complete(self, action_id: uuid.UUID, caller: Caller) -> FamilyPlanActionView:
        """Mark done an action your family owns (403 ``plan-family-owned-only`` for a
        partner's action; 409 ``plan-status`` once finished)."""
        return await caller.run(family_plan.complete_family_action, action_id)


class TaskController(Controller):
    """The signed-in worker's task list."""

    path = "/me/tasks"
    tags = ["files"]

    @get("/", opt={"action": Action.COORDINATION_TASK_LIST})
    async def my_tasks(self, caller: Caller, limit: Limit, after: After) -> TaskPage:
        """Plan actions of your organisation assigned to you or to nobody, referrals and lead
        offers waiting for your organisation, consents ending within 30 days on your files:
        soonest due first, overdue marked, no case content; pass ``next`` as ``after`` for the
        next page."""
        return await caller.run(tasks.my_tasks, limit=limit, after=after)


ROUTES: list[Any] = [FilePlanController, FamilyPlanController, TaskController]
