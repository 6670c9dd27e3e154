"""Builders for the family plan: a file led by A with partner B, whose consent covers only the
parent's care plan, B's worker assigned, and the parent's family account; goals and actions
over the API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from httpx import AsyncClient, Response

from tests.factories.accounts import TestAccount, auth_headers, create_account
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import Network, add_partner, file_body, make_network, open_file
from tests.factories.referrals import record_consent_for
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@dataclass
class PlanFile:
    """A file of the parent, a child of 8 and a youth of 13: A (``net.orgs[0]``) leads with
    consent for everyone, B (``net.orgs[1]``) takes part with consent for the parent's care
    plan only; ``family`` is the parent's family account."""

    net: Network
    file_id: str
    parent: str
    child: str
    youth: str
    family: TestAccount
    family_headers: dict[str, str]

    @property
    def a(self) -> dict[str, str]:
        return self.net.headers[0]

    @property
    def b(self) -> dict[str, str]:
        return self.net.headers[1]


async def plan_file(client: AsyncClient, runtime: Runtime) -> PlanFile:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    members = {m["role"]: m["id"] for m in view["members"]}
    fid = view["id"]
    await record_consent_for(
        client, net.headers[0], runtime, fid, members["parent"], net.orgs[:2], ["care_plan"]
    )
    await add_partner(client, net.headers[0], fid, net.orgs[1])
    await assign(runtime, fid, net.workers[1])
    family = await create_account(runtime, Role.FAMILY)
    await link_and_accept(client, runtime, net.headers[0], fid, members["parent"], family)
    return PlanFile(
        net,
        fid,
        members["parent"],
        members["child"],
        members["youth"],
        family,
        await auth_headers(runtime, family),
    )


async def add_goal(
    client: AsyncClient,
    headers: dict[str, str],
    file_id: str,
    about: list[str],
    title: str = "Mila gaat graag naar school",
    **extra: Any,
) -> Response:
    return await client.post(
        f"/api/v1/files/{file_id}/plan/goals",
        json={"title": title, "about": about, **extra},
        headers=headers,
    )


async def add_action(
    client: AsyncClient,
    headers: dict[str, str],
    file_id: str,
    goal_id: str,
    about: list[str],
    description: str = "Gesprek met de leerkracht plannen",
    **extra: Any,
) -> Response:
    body = {"description": description, "about": about, **extra}
    return await client.post(
        f"/api/v1/files/{file_id}/plan/goals/{goal_id}/actions", json=body, headers=headers
    )


def owned_by(organisation: uuid.UUID) -> dict[str, str]:
    return {"owner": "organisation", "owner_organisation_id": str(organisation)}


async def created(response: Response) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body
