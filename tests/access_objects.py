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

from tests.factories import TestAccount, create_account, create_organisation
from zorgafstemming.identity.principal import Role

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
    """Path parameters for the caller's own, a foreign and a nonexistent object."""

    own: Params | None
    foreign: Params
    nonexistent: Params


@dataclass
class World:
    """Two organisations, one account per caller kind, and an extra staff account (target)."""

    runtime: Any
    org_a: uuid.UUID
    org_b: uuid.UUID
    accounts: dict[str, TestAccount]
    target: TestAccount
    cache: dict[str, Any] = field(default_factory=dict)


async def build_world(runtime: Any) -> World:
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
    return World(runtime, org_a, org_b, accounts, target)


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
