"""Objects of the access matrix for the family plan: a goal about the parent in the side's
file, and an action towards it the family owns (so its own family may mark it done)."""

from __future__ import annotations

import uuid
from typing import Any

from tests.factories.access_objects import _OWN_SIDE, Objects, World, _file, object_kind
from tests.factories.accounts import auth_headers
from tests.factories.plan import add_action, add_goal, created


async def _plan_item(world: World, side: str) -> dict[str, Any]:
    """A goal and a family-owned action about the parent of the side's file. Built once per
    route."""
    key = f"plan_{side}"
    if key not in world.cache:
        item = await _file(world, side)
        worker = world.accounts["social_worker" if side == "a" else "social_worker_other_org"]
        headers = await auth_headers(world.runtime, worker)
        about = [item["member_id"]]
        goal = await created(await add_goal(world.client, headers, item["file_id"], about))
        action = await created(
            await add_action(
                world.client, headers, item["file_id"], goal["id"], about, owner="family"
            )
        )
        world.cache[key] = {
            "file_id": item["file_id"],
            "member_id": item["member_id"],
            "goal_id": goal["id"],
            "action_id": action["id"],
        }
    return world.cache[key]


async def _plan_objects(world: World, caller: str, keys: tuple[str, ...]) -> Objects:
    side = _OWN_SIDE.get(caller)
    own = await _plan_item(world, side) if side else None
    foreign = await _plan_item(world, "b" if side == "a" else "a")
    missing = {k: str(uuid.uuid4()) for k in ("file_id", "member_id", "goal_id", "action_id")}

    def pick(item: dict[str, Any]) -> dict[str, Any]:
        return {k: item[k] for k in keys}

    values = {"foreign": foreign, "nonexistent": missing}
    if own is not None:
        values["own"] = own
    return Objects(
        own=pick(own) if own else None,
        foreign=pick(foreign),
        nonexistent=pick(missing),
        values=values,
    )


@object_kind("plan_goal")
async def plan_goal_objects(world: World, caller: str) -> Objects:
    """A goal of the plan of the caller's own or the other side's file."""
    return await _plan_objects(world, caller, ("file_id", "goal_id"))


@object_kind("plan_action")
async def plan_action_objects(world: World, caller: str) -> Objects:
    """A family-owned action of the plan of the caller's own or the other side's file."""
    return await _plan_objects(world, caller, ("file_id", "action_id"))


@object_kind("family_plan_goal")
async def family_plan_goal_objects(world: World, caller: str) -> Objects:
    """A goal of the plan of the caller's own or the other side's file, by its id alone."""
    return await _plan_objects(world, caller, ("goal_id",))


@object_kind("family_plan_action")
async def family_plan_action_objects(world: World, caller: str) -> Objects:
    """A family-owned action of the caller's own or the other side's plan, by its id alone."""
    return await _plan_objects(world, caller, ("action_id",))
