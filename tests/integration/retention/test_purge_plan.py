"""A file's family plan (goals, actions, the members they are about and every event of its
history) goes with the file when it is purged, and the proof of deletion names it; another
file's plan stays."""

from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from tests.factories.retention import BOUNDARY, OPENED, at, count, make_world
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.plan_models import (
    PlanAction,
    PlanActionMember,
    PlanEvent,
    PlanGoal,
    PlanGoalMember,
)
from zorgafstemming.identity.models import Account
from zorgafstemming.retention import purge
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime

PLAN_TABLES = ("plan_goals", "plan_goal_members", "plan_actions", "plan_action_members")


async def test_the_plan_goes_with_its_file(rolled_back: Runtime) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    async with runtime.sessions() as session, session.begin():
        org = await session.scalar(
            select(Account.organisation_id).where(Account.id == world.staff_id)
        )
        for seeded in (world.due, world.keep):
            goal_id, action_id = uuid.uuid4(), uuid.uuid4()
            about = seeded.member_ids[0]
            await session.execute(
                insert(PlanGoal).values(
                    id=goal_id,
                    file_id=seeded.file_id,
                    title_enc=b"\x01sealed",
                    category="care_plan",
                    confidential=False,
                    created_by_account_id=world.staff_id,
                    created_by_organisation_id=org,
                    created_at=OPENED,
                )
            )
            await session.execute(insert(PlanGoalMember).values(goal_id=goal_id, member_id=about))
            await session.execute(
                insert(PlanAction).values(
                    id=action_id,
                    file_id=seeded.file_id,
                    goal_id=goal_id,
                    description_enc=b"\x01sealed",
                    owner_organisation_id=org,
                    assignee_account_id=world.staff_id,
                    status="planned",
                    category="care_plan",
                    confidential=False,
                    created_by_account_id=world.staff_id,
                    created_at=OPENED,
                    updated_at=OPENED,
                )
            )
            await session.execute(
                insert(PlanActionMember).values(action_id=action_id, member_id=about)
            )
            for kind, action in (("goal_created", None), ("action_created", action_id)):
                await session.execute(
                    insert(PlanEvent).values(
                        id=uuid.uuid4(),
                        file_id=seeded.file_id,
                        goal_id=goal_id,
                        action_id=action,
                        kind=kind,
                        text_enc=b"\x01sealed",
                        actor_account_id=world.staff_id,
                        actor_organisation_id=org,
                        occurred_at=OPENED,
                    )
                )
    at(runtime, BOUNDARY)
    await purge.run(runtime, load_schedule())
    async with runtime.sessions() as session:
        due, keep = world.due.file_id, world.keep.file_id
        for model in (PlanGoal, PlanAction, PlanEvent):
            assert await count(session, model, model.file_id == due) == 0
            assert await count(session, model, model.file_id == keep) >= 1
        assert (
            await count(session, PlanGoalMember, PlanGoalMember.member_id.in_(world.due.member_ids))
            == 0
        )
        ref = audit_ref(runtime.secrets.audit_key, "file", due)
        tomb = await session.scalar(select(PurgeTombstone).where(PurgeTombstone.file_ref == ref))
    assert tomb is not None and tomb.proof_ok
    assert {*PLAN_TABLES, "plan_events"} <= set(tomb.proof)
    assert tomb.purged_counts["plan_events"] == 2
