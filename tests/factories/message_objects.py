"""Objects of the access matrix for messages: a thread addressed to the family about the parent
of each side's file (the side's family account reads it), and the attachment its first message
carries."""

from __future__ import annotations

import uuid
from typing import Any

from tests.factories.access_objects import _OWN_SIDE, Objects, World, _file, object_kind
from tests.factories.accounts import auth_headers
from tests.factories.evidence import pdf_scan


async def _thread(world: World, side: str) -> dict[str, Any]:
    """A family thread about the parent in the side's file, with an attachment. Built once per
    route."""
    key = f"thread_{side}"
    if key not in world.cache:
        item = await _file(world, side)
        worker = world.accounts["social_worker" if side == "a" else "social_worker_other_org"]
        headers = await auth_headers(world.runtime, worker)
        uploaded = await world.client.post(
            f"/api/v1/files/{item['file_id']}/attachments",
            content=pdf_scan(),
            headers={**headers, "content-type": "application/pdf"},
        )
        assert uploaded.status_code == 201, uploaded.text
        made = await world.client.post(
            f"/api/v1/files/{item['file_id']}/threads",
            json={
                "audience": "family",
                "category": "case_notes",
                "about": [item["member_id"]],
                "subject": "Afspraak",
                "body": "Past dinsdag?",
                "attachments": [uploaded.json()["id"]],
            },
            headers=headers,
        )
        assert made.status_code == 201, made.text
        world.cache[key] = {
            "file_id": item["file_id"],
            "thread_id": made.json()["id"],
            "attachment_id": uploaded.json()["id"],
        }
    return world.cache[key]


async def _objects(world: World, caller: str, keys: tuple[str, ...]) -> Objects:
    side = _OWN_SIDE.get(caller)
    own = await _thread(world, side) if side else None
    foreign = await _thread(world, "b" if side == "a" else "a")
    return Objects(
        own={k: own[k] for k in keys} if own else None,
        foreign={k: foreign[k] for k in keys},
        nonexistent={k: str(uuid.uuid4()) for k in keys},
    )


@object_kind("thread")
async def thread_objects(world: World, caller: str) -> Objects:
    """Own: the family thread in the caller's side's file (staff or family). Foreign: the other
    side's."""
    return await _objects(world, caller, ("file_id", "thread_id"))


@object_kind("message_attachment")
async def message_attachment_objects(world: World, caller: str) -> Objects:
    """Own: the attachment of the family thread in the caller's side's file. Foreign: the other
    side's."""
    return await _objects(world, caller, ("file_id", "attachment_id"))
