"""Objects of the access matrix for case meetings: a meeting (held yesterday, so its minutes may
be written) in the caller's own file, and one in the other side's file."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from tests.factories.access_objects import _OWN_SIDE, Objects, World, _file, object_kind
from tests.factories.accounts import auth_headers
from tests.factories.meetings import meeting_body, plan


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
