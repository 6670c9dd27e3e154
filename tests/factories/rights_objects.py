"""Objects of the access matrix for data-subject requests: a rectification request the family
filed about the parent of each side's file (the side's worker leads the file and handles it;
the side's family account follows it on its page), and a file with the family's open erasure
request, the request an erasure decision answers."""

from __future__ import annotations

import uuid
from typing import Any

from tests.factories.access_objects import _OWN_SIDE, Objects, World, _file, object_kind
from tests.factories.accounts import auth_headers
from tests.factories.rights import erasure_request, file_request


async def _request(world: World, side: str) -> dict[str, Any]:
    """A fresh rectification request about the parent of the side's file, filed by its family
    account: fresh for each caller, since a step taken by one caller (the DPO starts it) would
    make the same step a conflict for the next."""
    item = await _file(world, side)
    family = world.accounts["family" if side == "a" else "family_other"]
    headers = await auth_headers(world.runtime, family)
    filed = await file_request(world.client, headers, item["member_id"], kind="rectification")
    assert filed.status_code == 201, filed.text
    return {"request_id": filed.json()["id"]}


@object_kind("subject_request")
async def subject_request_objects(world: World, caller: str) -> Objects:
    """Own: a request about the file the caller's organisation leads (staff). Foreign: one
    about the other side's file (the DPO handles both)."""
    side = _OWN_SIDE.get(caller) if caller.startswith("social_worker") else None
    return Objects(
        own=await _request(world, side) if side else None,
        foreign=await _request(world, "b" if side == "a" else "a"),
        nonexistent={"request_id": str(uuid.uuid4())},
    )


@object_kind("family_request")
async def family_request_objects(world: World, caller: str) -> Objects:
    """Own: a request the caller's family filed about the parent of its file (family
    callers). Foreign: one the other side's family filed."""
    side = _OWN_SIDE.get(caller) if caller.startswith("family") else None
    return Objects(
        own=await _request(world, side) if side else None,
        foreign=await _request(world, "b" if side == "a" else "a"),
        nonexistent={"request_id": str(uuid.uuid4())},
    )


async def _erasure_asked(world: World, side: str) -> dict[str, Any]:
    """The side's file and a fresh erasure request its family filed about the parent (fresh
    for each caller: a decision closes it)."""
    item = await _file(world, side)
    asked = await erasure_request(world.runtime, item["file_id"], item["member_id"], scope="file")
    return {"file_id": item["file_id"], "request_id": asked}


@object_kind("erasure_request")
async def erasure_request_objects(world: World, caller: str) -> Objects:
    """A file (the path) with the family's open erasure request (``{request_id}`` in the body).
    Own: the file of the caller's organisation (staff). Foreign: the other side's (the DPO
    decides on both). Nonexistent: no such file, and no such request."""
    side = _OWN_SIDE.get(caller) if caller.startswith("social_worker") else None
    own = await _erasure_asked(world, side) if side else None
    foreign = await _erasure_asked(world, "b" if side == "a" else "a")
    missing = {"file_id": str(uuid.uuid4()), "request_id": str(uuid.uuid4())}

    def path(item: dict[str, Any]) -> dict[str, Any]:
        return {"file_id": item["file_id"]}

    values = {"foreign": foreign, "nonexistent": missing} | ({"own": own} if own else {})
    return Objects(
        own=path(own) if own else None,
        foreign=path(foreign),
        nonexistent=path(missing),
        values=values,
    )
