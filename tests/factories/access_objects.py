"""Objects for the access matrix (tests/access_matrix.toml): who the callers are, and for each
``object`` kind named in the matrix, which ids count as the caller's *own* object, a *foreign*
one and a *nonexistent* one.

To add an object kind for your routes, write a builder and register it::

    @object_kind("file")
    async def file_objects(world: World, caller: str) -> Objects:
        ...  # create what you need through your services, using world.runtime and world.accounts
        return Objects(own={"file_id": ...}, foreign={"file_id": ...},
                       nonexistent={"file_id": uuid.uuid4()})

Return ``own=None`` when the caller has no object of its own of that kind (the matrix then
needs no ``own`` status for that caller). Builders run once per route and caller, on a fresh
world, so they may create objects freely. ``world.cache`` is a dict for objects shared by the
callers of one route.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from httpx import AsyncClient

from tests.factories.accounts import (
    TestAccount,
    auth_headers,
    create_account,
    create_organisation,
)
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import file_body, member_id, open_file
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

CALLERS = (
    "anonymous",
    "admin",
    "dpo",
    "social_worker",
    "family",
    "social_worker_other_org",
    "family_other",
)
OBJECT_KINDS = ("own", "foreign", "nonexistent")

Params = dict[str, Any]


@dataclass
class Objects:
    """Path parameters for the caller's own, a foreign and a nonexistent object.

    ``values`` fills ``"{name}"`` placeholders in the matrix's ``body``/``form`` (per object
    kind: ``values["own"]`` etc.); path parameters are available there too.
    """

    own: Params | None
    foreign: Params
    nonexistent: Params
    values: dict[str, Params] = field(default_factory=dict)


@dataclass
class World:
    """Two organisations, one account per caller kind, and an extra staff account (target)."""

    runtime: Runtime
    client: AsyncClient
    org_a: uuid.UUID
    org_b: uuid.UUID
    accounts: dict[str, TestAccount]
    target: TestAccount
    cache: dict[str, dict[str, Any]] = field(default_factory=dict)


async def build_world(runtime: Runtime, client: AsyncClient) -> World:
    """Create the callers: social_worker in org A, social_worker_other_org in org B."""
    org_a = await create_organisation(runtime, municipality="Zoersel")
    org_b = await create_organisation(runtime, municipality="Brecht")
    accounts = {
        "admin": await create_account(runtime, Role.ADMIN),
        "dpo": await create_account(runtime, Role.DPO),
        "social_worker": await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org_a),
        "family": await create_account(runtime, Role.FAMILY),
        "social_worker_other_org": await create_account(
            runtime, Role.SOCIAL_WORKER, organisation_id=org_b
        ),
        "family_other": await create_account(runtime, Role.FAMILY),
    }
    target = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org_a)
    return World(runtime, client, org_a, org_b, accounts, target)


Builder = Callable[[World, str], Awaitable[Objects]]
BUILDERS: dict[str, Builder] = {}


def object_kind(name: str) -> Callable[[Builder], Builder]:
    """Register a builder for the matrix's ``object = "<name>"``."""

    def register(builder: Builder) -> Builder:
        BUILDERS[name] = builder
        return builder

    return register


@object_kind("account")
async def account_objects(world: World, caller: str) -> Objects:
    """Own: the caller's account. Foreign: another staff account."""
    own = world.accounts.get(caller)
    return Objects(
        own={"account_id": own.id} if own else None,
        foreign={"account_id": world.target.id},
        nonexistent={"account_id": uuid.uuid4()},
    )


@object_kind("account_change")
async def account_change_objects(world: World, caller: str) -> Objects:
    """Own: a request the caller (an administrator) made. Foreign: one another administrator
    made. Both ask to reset an active social worker's second factor."""
    from zorgafstemming.identity import account_admin

    async def requested_by(requester: TestAccount) -> uuid.UUID:
        target = await create_account(
            world.runtime, Role.SOCIAL_WORKER, organisation_id=world.org_a
        )
        async with world.runtime.unit_of_work() as uow:
            outcome = await account_admin.reset_mfa(
                uow, AuditContext(), requester.principal(), target.id
            )
        assert outcome.change_id is not None
        return outcome.change_id

    other_admin = await create_account(world.runtime, Role.ADMIN)
    own = world.accounts.get(caller)
    return Objects(
        own={"change_id": await requested_by(own)} if own and own.role is Role.ADMIN else None,
        foreign={"change_id": await requested_by(other_admin)},
        nonexistent={"change_id": uuid.uuid4()},
    )


@object_kind("organisation")
async def organisation_objects(world: World, caller: str) -> Objects:
    """Own: the caller's organisation (staff of one). Foreign: the other organisation."""
    own = world.accounts.get(caller)
    own_org = own.organisation_id if own else None
    foreign = world.org_b if own_org == world.org_a else world.org_a
    return Objects(
        own={"organisation_id": own_org} if own_org else None,
        foreign={"organisation_id": foreign},
        nonexistent={"organisation_id": uuid.uuid4()},
    )


# ---- coordination ---------------------------------------------------------------------------

_OWN_SIDE = {
    "social_worker": "a",
    "family": "a",
    "social_worker_other_org": "b",
    "family_other": "b",
}


async def _file(world: World, side: str) -> dict[str, Any]:
    """A file led by the side's social worker, consent for its organisation, the side's family
    account linked to the parent (it accepted), a colleague of the worker assigned to it
    (``account_id``) and one who is not (``colleague_id``). Built once per route."""
    key = f"file_{side}"
    if key in world.cache:
        return world.cache[key]
    worker = world.accounts["social_worker" if side == "a" else "social_worker_other_org"]
    family = world.accounts["family" if side == "a" else "family_other"]
    org = world.org_a if side == "a" else world.org_b
    headers = await auth_headers(world.runtime, worker)
    view = await open_file(world.client, headers, file_body(world.runtime.clock(), [org]))
    parent = member_id(view, "parent")
    await link_and_accept(world.client, world.runtime, headers, view["id"], parent, family)
    consent = next(c["id"] for c in view["consents"] if str(c["given_by"]) == parent)
    assigned = await create_account(world.runtime, Role.SOCIAL_WORKER, organisation_id=org)
    await assign(world.runtime, view["id"], assigned)
    colleague = await create_account(world.runtime, Role.SOCIAL_WORKER, organisation_id=org)
    world.cache[key] = {
        "file_id": view["id"],
        "member_id": parent,
        "consent_id": consent,
        "organisation_id": str(org),
        "account_id": str(assigned.id),
        "colleague_id": str(colleague.id),
    }
    return world.cache[key]


def _values(item: dict[str, Any], world: World) -> Params:
    now = world.runtime.clock()
    return {
        **item,
        "other_organisation_id": str(
            world.org_b if item["organisation_id"] == str(world.org_a) else world.org_a
        ),
        "now": now.isoformat(),
        "next_year": now.replace(year=now.year + 1).isoformat(),
    }


async def _file_objects(world: World, caller: str, keys: tuple[str, ...]) -> Objects:
    side = _OWN_SIDE.get(caller)
    own = await _file(world, side) if side else None
    foreign = await _file(world, "b" if side == "a" else "a")
    missing = {
        k: str(uuid.uuid4())
        for k in ("file_id", "member_id", "consent_id", "account_id", "colleague_id")
    }
    missing["organisation_id"] = str(world.org_a)

    def pick(item: dict[str, Any]) -> Params:
        return {k: item[k] for k in keys}

    values = {"foreign": _values(foreign, world), "nonexistent": _values(missing, world)}
    if own is not None:
        values["own"] = _values(own, world)
    return Objects(
        own=pick(own) if own else None,
        foreign=pick(foreign),
        nonexistent=pick(missing),
        values=values,
    )


@object_kind("file")
async def file_objects(world: World, caller: str) -> Objects:
    """Own: a file of the caller's organisation (staff) or family. Foreign: the other side's."""
    return await _file_objects(world, caller, ("file_id",))


async def _entry(world: World, side: str) -> dict[str, Any]:
    """The side's file with a journal entry about the parent, written by the side's worker."""
    key = f"entry_{side}"
    if key not in world.cache:
        item = await _file(world, side)
        worker = world.accounts["social_worker" if side == "a" else "social_worker_other_org"]
        made = await world.client.post(
            f"/api/v1/files/{item['file_id']}/entries",
            json={"kind": "note", "about": [item["member_id"]], "body": "Gesprek gehad."},
            headers=await auth_headers(world.runtime, worker),
        )
        assert made.status_code == 201, made.text
        world.cache[key] = {"file_id": item["file_id"], "entry_id": made.json()["id"]}
    return world.cache[key]


@object_kind("file_entry")
async def file_entry_objects(world: World, caller: str) -> Objects:
    """A journal entry in the caller's own or the other side's file, by that side's worker."""
    side = _OWN_SIDE.get(caller)
    own = await _entry(world, side) if side else None
    foreign = await _entry(world, "b" if side == "a" else "a")
    missing = {"file_id": str(uuid.uuid4()), "entry_id": str(uuid.uuid4())}
    return Objects(own=own, foreign=foreign, nonexistent=missing)


@object_kind("file_member")
async def file_member_objects(world: World, caller: str) -> Objects:
    """A member (the parent) of the caller's own or the other side's file."""
    return await _file_objects(world, caller, ("file_id", "member_id"))


@object_kind("file_consent")
async def file_consent_objects(world: World, caller: str) -> Objects:
    """The parent's consent in the caller's own or the other side's file."""
    return await _file_objects(world, caller, ("file_id", "consent_id"))


@object_kind("file_assignment")
async def file_assignment_objects(world: World, caller: str) -> Objects:
    """A colleague assigned to the caller's own or the other side's file."""
    return await _file_objects(world, caller, ("file_id", "account_id"))


async def _pending_link(world: World, side: str) -> dict[str, Any]:
    """A partner's request to link the side's family account to the parent of a second file
    of the side's organisation, not answered yet. Built once per route."""
    key = f"link_{side}"
    if key in world.cache:
        return world.cache[key]
    worker = world.accounts["social_worker" if side == "a" else "social_worker_other_org"]
    family = world.accounts["family" if side == "a" else "family_other"]
    org = world.org_a if side == "a" else world.org_b
    headers = await auth_headers(world.runtime, worker)
    view = await open_file(world.client, headers, file_body(world.runtime.clock(), [org]))
    asked = await world.client.post(
        f"/api/v1/files/{view['id']}/members/{member_id(view, 'parent')}/invitation",
        json={"existing_account_id": str(family.id)},
        headers=headers,
    )
    assert asked.status_code == 201, asked.text
    pending = await world.client.get(
        "/api/v1/me/links", headers=await auth_headers(world.runtime, family)
    )
    link = next(item for item in pending.json()["items"] if item["file_id"] == view["id"])
    world.cache[key] = {"link_id": link["id"]}
    return world.cache[key]


@object_kind("member_link")
async def member_link_objects(world: World, caller: str) -> Objects:
    """Own: a link request waiting for the caller's family account. Foreign: the other
    family's."""
    side = _OWN_SIDE.get(caller) if caller.startswith("family") else None
    return Objects(
        own=await _pending_link(world, side) if side else None,
        foreign=await _pending_link(world, "b" if side == "a" else "a"),
        nonexistent={"link_id": str(uuid.uuid4())},
    )


@object_kind("consent")
async def consent_objects(world: World, caller: str) -> Objects:
    """The parent's consent, addressed without its file (family portal)."""
    return await _file_objects(world, caller, ("consent_id",))


@object_kind("reviewed_consent")
async def reviewed_consent_objects(world: World, caller: str) -> Objects:
    """The parent's consent in organisation A's file, recorded by its worker with a scan: the
    DPO reviews every such consent, so nobody has one of their own."""
    from tests.factories.consent_reviews import mark_staff_recorded

    item = await _file(world, "a")
    if "reviewed_consent" not in world.cache:
        await mark_staff_recorded(
            world.runtime,
            uuid.UUID(item["file_id"]),
            uuid.UUID(item["consent_id"]),
            world.org_a,
        )
        world.cache["reviewed_consent"] = {"marked": True}
    return Objects(
        own=None,
        foreign={"consent_id": item["consent_id"]},
        nonexistent={"consent_id": str(uuid.uuid4())},
    )


async def _recorded_consent(
    world: World, caller: str, *, scan: bool, withdrawn: bool = False
) -> Objects:
    """A consent the side's organisation recorded about the side's parent (with the scan of
    the signed form, or waiting for the family's confirmation), withdrawn if asked."""
    from tests.factories.family_consents import PNG_SCAN, staff_consent, withdraw_all

    async def recorded(side: str) -> dict[str, Any]:
        key = f"recorded_{side}_{scan}_{withdrawn}"
        if key not in world.cache:
            item = await _file(world, side)
            consent_id = await staff_consent(
                world.runtime,
                item["file_id"],
                organisation_id=uuid.UUID(item["organisation_id"]),
                given_by=item["member_id"],
                members=[item["member_id"]],
                scan=PNG_SCAN if scan else None,
            )
            if withdrawn:
                await withdraw_all(world.runtime, consent_id)
            world.cache[key] = {"file_id": item["file_id"], "consent_id": str(consent_id)}
        cached: dict[str, Any] = world.cache[key]
        return cached

    side = _OWN_SIDE.get(caller)
    return Objects(
        own=await recorded(side) if side else None,
        foreign=await recorded("b" if side == "a" else "a"),
        nonexistent={"file_id": str(uuid.uuid4()), "consent_id": str(uuid.uuid4())},
    )


@object_kind("pending_consent")
async def pending_consent_objects(world: World, caller: str) -> Objects:
    """A consent the organisation recorded without the signed form, about the parent."""
    return await _recorded_consent(world, caller, scan=False)


@object_kind("signed_consent")
async def signed_consent_objects(world: World, caller: str) -> Objects:
    """A consent the organisation recorded with the scan of the signed form, about the parent."""
    return await _recorded_consent(world, caller, scan=True)


@object_kind("withdrawn_consent")
async def withdrawn_consent_objects(world: World, caller: str) -> Objects:
    """A consent about the parent that has been withdrawn."""
    return await _recorded_consent(world, caller, scan=True, withdrawn=True)


@object_kind("access_review_item")
async def access_review_item_objects(world: World, caller: str) -> Objects:
    """A sampled read of each organisation's social worker; a social worker caller is made
    their organisation's coordinator, so the item of their own organisation is theirs."""
    from datetime import UTC, datetime

    from sqlalchemy import select

    from tests.factories.access_review import Crafted, system_ctx
    from tests.factories.assignments import make_coordinator
    from zorgafstemming.accessreview.models import AccessReviewItem, AccessReviewSample
    from zorgafstemming.accessreview.sampling import create_sample
    from zorgafstemming.db import new_id

    if "access_review" not in world.cache:
        # One month per sample: take the first month no earlier route of this world sampled.
        async with world.runtime.unit_of_work() as uow:
            used = set((await uow.session.scalars(select(AccessReviewSample.month))).all())
        month = next(m for m in range(10, 0, -1) if f"2026-{m:02d}" not in used)
        at = datetime(2026, month, 13, 8, 0, tzinfo=UTC)
        crafted = Crafted(world.runtime)
        readers = {
            "a": world.accounts["social_worker"],
            "b": world.accounts["social_worker_other_org"],
        }
        rows = [crafted.values(r, file_id=new_id(), at=at) for r in readers.values()]
        event_ids = dict(zip(readers, await crafted.write(rows), strict=True))
        async with world.runtime.unit_of_work() as uow:
            await create_sample(
                uow, system_ctx(), f"2026-{month:02d}", seed="matrix", rate_percent=100
            )
        async with world.runtime.unit_of_work() as uow:
            items = {
                side: str(
                    await uow.session.scalar(
                        select(AccessReviewItem.id).where(AccessReviewItem.event_id == event_id)
                    )
                )
                for side, event_id in event_ids.items()
            }
        world.cache["access_review"] = items
    items = world.cache["access_review"]
    side = _OWN_SIDE.get(caller) if caller.startswith("social_worker") else None
    if side is not None:
        await make_coordinator(world.runtime, world.accounts[caller])
    return Objects(
        own={"item_id": items[side]} if side else None,
        foreign={"item_id": items["b" if side == "a" else "a"]},
        nonexistent={"item_id": str(uuid.uuid4())},
    )


# Object kinds of other subjects register themselves on import.
from tests.factories import (  # noqa: E402, F401
    meeting_objects,
    message_objects,
    plan_objects,
    referral_objects,
    rights_objects,
)
