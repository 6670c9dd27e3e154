"""The access matrix's emergency grants (imported by the matrix test to register them)."""

from __future__ import annotations

import uuid

import msgspec

from tests.factories.access_objects import Objects, World, _file, object_kind
from tests.factories.accounts import create_account
from tests.factories.emergency import reference
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.coordination.emergency import service
from zorgafstemming.coordination.emergency.schemas import EmergencyRequestIn
from zorgafstemming.identity.principal import Role


@object_kind("emergency_grant")
async def emergency_grant_objects(world: World, caller: str) -> Objects:
    """A grant a worker of organisation B holds on organisation A's file (a fresh grant per
    caller, as a review is final): the DPO reviews every grant, so nobody has one of their
    own."""
    item = await _file(world, "a")
    data = msgspec.convert(
        {"file_reference": reference(world.runtime, item["file_id"]), "ground": "court_order"},
        EmergencyRequestIn,
    )
    # A worker of its own per caller: one worker's grant runs 24 h and cannot be asked again.
    worker = await create_account(world.runtime, Role.SOCIAL_WORKER, organisation_id=world.org_b)
    async with world.runtime.unit_of_work() as uow:
        grant = await service.request_grant(uow, worker.principal(), AuditContext(), data)
    return Objects(
        own=None,
        foreign={"grant_id": str(grant.id), "file_id": str(grant.file_id)},
        nonexistent={"grant_id": str(uuid.uuid4()), "file_id": str(uuid.uuid4())},
    )
