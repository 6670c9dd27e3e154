"""Objects of the access matrix for case meetings: a meeting (held yesterday, so its minutes may
be written) in the caller's own file, and one in the other side's file."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from tests.factories.access_objects import _OWN_SIDE, Objects, World, _file, object_kind
from tests.factories.accounts import auth_headers
from tests.factories.meetings import meeting_body, plan
from tests.factories.plan import add_goal, created


async def _meeting(world: World, side: str) -> dict[str, Any]:
    """A meeting planned by the side's worker in the side's file. Built once per route."""
    key = f"meeting_{side}"
    if key not in world.cache:
        item = await _file(world, side)
        worker = world.accounts["social_worker" if side == "a" else "social_worker_other_org"]
        headers = await auth_headers(world.runtime, worker)
        yesterday = (world.runtime.clock() - timedelta(days=1)).date()
        planned = await plan(world.client, headers, item["file_id"], meeting_body(yesterday))
        assert planned.status_code == 201, planned.text
        world.cache[key] = {"file_id": item["file_id"], "meeting_id": planned.json()["id"]}
    return world.cache[key]


@object_kind("file_meeting")
async def meeting_objects(world: World, caller: str) -> Objects:
    """Own: a meeting in the caller's own file (staff). Foreign: one in the other side's."""
    side = _OWN_SIDE.get(caller) if caller.startswith("social_worker") else None
    foreign = await _meeting(world, "b" if side == "a" else "a")
    return Objects(
        own=await _meeting(world, side) if side else None,
        foreign=foreign,
        nonexistent={"file_id": foreign["file_id"], "meeting_id": str(uuid.uuid4())},
    )


async def _decided(world: World, side: str) -> dict[str, Any]:
    """A meeting of the side's file whose minutes hold one decision its organisation owns, and a
    goal of the file's plan about the parent. Built once per route."""
    key = f"decided_{side}"
    if key not in world.cache:
        meeting = await _meeting(world, side)
        item = await _file(world, side)
        worker = world.accounts["social_worker" if side == "a" else "social_worker_other_org"]
        headers = await auth_headers(world.runtime, worker)
        path = f"/api/v1/files/{item['file_id']}/meetings/{meeting['meeting_id']}/minutes"
        decision = {"text": "Huisbezoek plannen", "owner_organisation_id": item["organisation_id"]}
        minutes = await world.client.post(
            path, json={"body": "Verslag.", "decisions": [decision]}, headers=headers
        )
        assert minutes.status_code == 201, minutes.text
        goal = await created(
            await add_goal(world.client, headers, item["file_id"], [item["member_id"]])
        )
        world.cache[key] = {**meeting, "goal_id": goal["id"], "member_id": item["member_id"]}
    return world.cache[key]


@object_kind("meeting_decisions")
async def decided_meeting_objects(world: World, caller: str) -> Objects:
    """Own: a meeting of the caller's own file with a decision in its minutes and a goal to put
    it under. Foreign: the same in the other side's file."""
    side = _OWN_SIDE.get(caller) if caller.startswith("social_worker") else None
    foreign = await _decided(world, "b" if side == "a" else "a")
    own = await _decided(world, side) if side else None
    missing = {"file_id": foreign["file_id"], "meeting_id": str(uuid.uuid4())}
    values = {"foreign": foreign, "nonexistent": {**foreign, **missing}}
    if own is not None:
        values["own"] = own

    def path(item: dict[str, Any]) -> dict[str, Any]:
        return {"file_id": item["file_id"], "meeting_id": item["meeting_id"]}

    return Objects(
        own=path(own) if own else None, foreign=path(foreign), nonexistent=missing, values=values
    )
