"""The access matrix's restrictions and objections (imported by the matrix test to register
them)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from tests.factories.access_objects import _OWN_SIDE, Objects, World, _file, object_kind
from tests.factories.restrictions import objection_on_record, restrict
from zorgafstemming.coordination.restriction.models import FileRestriction


@object_kind("restriction")
async def restriction_objects(world: World, caller: str) -> Objects:
    """A restriction in force on the parent's data in organisation A's file (placed again once
    the DPO lifted it): only the DPO lifts, so nobody has one of their own."""
    item = await _file(world, "a")
    async with world.runtime.sessions() as session:
        running = await session.scalar(
            select(FileRestriction.id).where(
                FileRestriction.file_id == uuid.UUID(item["file_id"]),
                FileRestriction.lifted_at.is_(None),
            )
        )
    if running is None:
        running = (await restrict(world.runtime, item["file_id"], item["member_id"])).id
    return Objects(
        own=None,
        foreign={"file_id": item["file_id"], "restriction_id": str(running)},
        nonexistent={"file_id": item["file_id"], "restriction_id": str(uuid.uuid4())},
    )


@object_kind("objection")
async def objection_objects(world: World, caller: str) -> Objects:
    """An open objection about the parent's part of the parent's consent: own in the file the
    caller's side leads, foreign in the other side's."""
    side = _OWN_SIDE.get(caller)

    async def objection(of: str) -> dict[str, str]:
        item = await _file(world, of)
        made = await objection_on_record(
            world.runtime, item["file_id"], item["consent_id"], item["member_id"]
        )
        return {"file_id": item["file_id"], "objection_id": str(made)}

    own = await objection(side) if side else None
    foreign = await objection("b" if side == "a" else "a")
    return Objects(
        own=own,
        foreign=foreign,
        nonexistent={"file_id": foreign["file_id"], "objection_id": str(uuid.uuid4())},
    )


@object_kind("objection_target")
async def objection_target_objects(world: World, caller: str) -> Objects:
    """The parent's part of the parent's consent as the portal's objection form names it
    (``target``: consent and member), in the caller's own or the other side's file."""
    side = _OWN_SIDE.get(caller)

    def target(item: dict[str, str]) -> dict[str, str]:
        return {"target": f"{item['consent_id']}:{item['member_id']}"}

    own = target(await _file(world, side)) if side else None
    foreign = target(await _file(world, "b" if side == "a" else "a"))
    missing = {"target": f"{uuid.uuid4()}:{uuid.uuid4()}"}
    values = {"foreign": foreign, "nonexistent": missing}
    if own is not None:
        values["own"] = own
    return Objects(own=own, foreign=foreign, nonexistent=missing, values=values)
