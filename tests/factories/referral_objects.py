"""Objects of the access matrix for referrals: a referral addressed to the caller's own
organisation (from the other side's file), and one addressed to the other organisation."""

from __future__ import annotations

import uuid
from typing import Any

from tests.factories.access_objects import _OWN_SIDE, Objects, World, _file, object_kind
from tests.factories.accounts import auth_headers
from tests.factories.referrals import refer


async def _referral(world: World, to_side: str) -> dict[str, Any]:
    """A referral from the other side's file to the organisation of ``to_side``, not answered
    yet. Built once per route."""
    key = f"referral_to_{to_side}"
    if key not in world.cache:
        from_side = "b" if to_side == "a" else "a"
        item = await _file(world, from_side)
        worker = world.accounts["social_worker" if from_side == "a" else "social_worker_other_org"]
        headers = await auth_headers(world.runtime, worker)
        to = world.org_a if to_side == "a" else world.org_b
        sent = await refer(world.client, headers, item["file_id"], to)
        assert sent.status_code == 201, sent.text
        world.cache[key] = {"referral_id": sent.json()["id"]}
    return world.cache[key]


@object_kind("referral")
async def referral_objects(world: World, caller: str) -> Objects:
    """Own: a referral addressed to the caller's organisation (staff). Foreign: one addressed
    to the other organisation."""
    side = _OWN_SIDE.get(caller) if caller.startswith("social_worker") else None
    return Objects(
        own=await _referral(world, side) if side else None,
        foreign=await _referral(world, "b" if side == "a" else "a"),
        nonexistent={"referral_id": str(uuid.uuid4())},
    )
