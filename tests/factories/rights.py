"""A family's file for data-subject requests: a lead and a partner organisation (its worker
assigned), a parent and a youth of 13 with family accounts, a child of 8, and the DPO."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from httpx import AsyncClient

from tests.factories import TestAccount, auth_headers, create_account
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import (
    add_partner,
    file_body,
    make_network,
    member_id,
    open_file,
)
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.identity.principal import Role
from zorgafstemming.rights.records import store_request
from zorgafstemming.rights.rules import RequestKind, RequestScope
from zorgafstemming.rights.schemas import RequestIn
from zorgafstemming.runtime import Runtime

ERASURE_DETAILS = "Ik vraag om mijn gegevens te wissen."


@dataclass
class RequestFile:
    """The file, its members by role, the accounts and their auth headers."""

    file_id: str
    members: dict[str, str]
    orgs: list[uuid.UUID]
    lead: TestAccount
    partner: TestAccount
    outsider: TestAccount  # a worker of an organisation that takes no part
    parent: TestAccount
    youth: TestAccount
    dpo: TestAccount
    headers: dict[str, dict[str, str]]


async def request_file(client: AsyncClient, runtime: Runtime) -> RequestFile:
    """Open the file through the API and link the family accounts."""
    net = await make_network(runtime, 3)
    lead, partner, outsider = net.workers
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs[:2]))
    file_id = view["id"]
    await add_partner(client, net.headers[0], file_id, net.orgs[1])
    await assign(runtime, file_id, partner)
    members = {role: member_id(view, role) for role in ("parent", "child", "youth")}
    parent = await create_account(runtime, Role.FAMILY)
    youth = await create_account(runtime, Role.FAMILY)
    await link_and_accept(client, runtime, net.headers[0], file_id, members["parent"], parent)
    await link_and_accept(client, runtime, net.headers[0], file_id, members["youth"], youth)
    dpo = await create_account(runtime, Role.DPO)
    headers = {
        "lead": net.headers[0],
        "partner": net.headers[1],
        "outsider": net.headers[2],
        "parent": await auth_headers(runtime, parent),
        "youth": await auth_headers(runtime, youth),
        "dpo": await auth_headers(runtime, dpo),
    }
    return RequestFile(
        file_id, members, net.orgs, lead, partner, outsider, parent, youth, dpo, headers
    )


async def file_request(
    client: AsyncClient,
    headers: dict[str, str],
    member: str,
    *,
    kind: str = "access",
    details: str = "Ik wil weten welke gegevens u over mij bijhoudt.",
    file_id: str | None = None,
    scope: str | None = None,
) -> Any:
    """File a request as a family member (or, with ``file_id``, as a worker on their behalf);
    ``scope`` ``file`` asks for the whole file."""
    path = f"/api/v1/files/{file_id}/requests" if file_id else "/api/v1/me/requests"
    body = {"kind": kind, "member_id": member, "details": details}
    if scope is not None:
        body["scope"] = scope
    return await client.post(path, json=body, headers=headers)


async def step(
    client: AsyncClient,
    headers: dict[str, str],
    request_id: str,
    name: str,
    reason: str | None = None,
) -> Any:
    """Take a step on a request."""
    body: dict[str, Any] = {"step": name}
    if reason is not None:
        body["reason"] = reason
    return await client.post(
        f"/api/v1/rights/requests/{request_id}/steps", json=body, headers=headers
    )


async def erasure_request(
    runtime: Runtime,
    file_id: str | uuid.UUID,
    member: str | uuid.UUID,
    *,
    kind: RequestKind = "erasure",
    scope: RequestScope = "member",
) -> str:
    """A received request of ``kind`` (erasure) about ``member`` of the file — or, with
    ``scope`` ``file``, by that member for the whole file — as a family member files it in the
    portal — the family's half of an erasure, which the DPO then decides. Stored
    through the service's own write, for files opened without family accounts; its id."""
    family = await create_account(runtime, Role.FAMILY)
    file_uuid, member_uuid = uuid.UUID(str(file_id)), uuid.UUID(str(member))
    async with runtime.unit_of_work() as uow:
        key = await runtime.cipher.key_for(uow.session, FILE_OWNER, file_uuid)
        data = RequestIn(
            kind=kind,
            member_id=member_uuid,
            details=ERASURE_DETAILS,
            scope=scope,
        )
        row = await store_request(
            uow,
            family.principal(),
            key,
            file_uuid,
            data,
            requester_member_id=member_uuid,
            on_behalf_of=None,
        )
        return str(row.id)
