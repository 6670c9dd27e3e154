"""Access by assignment: inside a participating organisation only the workers assigned to a file
read and write it; an assigned worker assigns a colleague, the organisation's coordinator assigns
and unassigns without reading — over the API, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import func, select

from tests.factories import TestAccount, auth_headers, create_account
from tests.factories.assignments import make_coordinator
from tests.factories.coordination import (
    Network,
    add_partner,
    audit_events,
    file_body,
    make_network,
    member_id,
    open_file,
)
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.service import assignments
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _colleague(runtime: Runtime, net: Network, org: int = 0) -> tuple[TestAccount, Any]:
    """A new social worker of organisation ``org`` of the network, and their auth headers."""
    worker = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=net.orgs[org])
    return worker, await auth_headers(runtime, worker)


def _body(response: Response) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    body.pop("request_id", None)
    return body


async def _assign(
    client: AsyncClient, headers: dict[str, str], file_id: str, account: uuid.UUID
) -> Response:
    return await client.post(
        f"/api/v1/files/{file_id}/assignments", json={"account_id": str(account)}, headers=headers
    )


async def _assignment_rows(runtime: Runtime) -> int:
    async with runtime.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(FileAssignment)) or 0)


async def test_a_new_worker_sees_no_files_until_assigned(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    newcomer, headers = await _colleague(runtime, net)
    listed = await client.get("/api/v1/files", headers=headers)
    assert listed.status_code == 200 and listed.json()["items"] == []
    # The file answers exactly like one that does not exist, and the refusal is recorded.
    before = len(await audit_events(runtime))
    refused = await client.get(f"/api/v1/files/{fid}", headers=headers)
    missing = await client.get(f"/api/v1/files/{uuid.uuid4()}", headers=headers)
    assert refused.status_code == missing.status_code == 404
    assert _body(refused) == _body(missing)
    entries = await client.get(f"/api/v1/files/{fid}/entries", headers=headers)
    assert entries.status_code == 404
    note = {"kind": "note", "about": [member_id(view, "parent")], "body": "Gesprek."}
    written = await client.post(f"/api/v1/files/{fid}/entries", json=note, headers=headers)
    assert written.status_code == 404
    denied = (await audit_events(runtime))[before:]
    assert ("coordination:file:read", "denied") in {(e["action"], e["outcome"]) for e in denied}
    assert all(e["file_ref"] for e in denied if e["action"] == "coordination:file:read")
    # The worker who opened the file is assigned to it and assigns the newcomer: now listed.
    opener = (await client.get("/api/v1/files", headers=net.headers[0])).json()["items"]
    assert [f["id"] for f in opener] == [fid]
    assert (await _assign(client, net.headers[0], fid, newcomer.id)).status_code == 201
    listed = await client.get("/api/v1/files", headers=headers)
    assert [f["id"] for f in listed.json()["items"]] == [fid]
    assert (await client.get(f"/api/v1/files/{fid}", headers=headers)).status_code == 200


async def test_an_assigned_worker_assigns_a_colleague_who_then_reads_and_writes(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    colleague, headers = await _colleague(runtime, net)
    offered = await client.get(f"/api/v1/files/{fid}/assignments", headers=net.headers[0])
    assert offered.status_code == 200, offered.text
    assert [a["account_id"] for a in offered.json()["items"]] == [str(net.workers[0].id)]
    assert str(colleague.id) in {c["account_id"] for c in offered.json()["assignable"]}
    assert offered.json()["may_unassign"] is False

    assigned = await _assign(client, net.headers[0], fid, colleague.id)
    assert assigned.status_code == 201, assigned.text
    assert assigned.json()["email"] == colleague.email
    listed = (await client.get("/api/v1/files", headers=headers)).json()["items"]
    assert [f["id"] for f in listed] == [fid]
    read = await client.get(f"/api/v1/files/{fid}", headers=headers)
    assert read.status_code == 200 and read.json()["id"] == fid
    note = {"kind": "note", "about": [member_id(view, "parent")], "body": "Gesprek gehad."}
    written = await client.post(f"/api/v1/files/{fid}/entries", json=note, headers=headers)
    assert written.status_code == 201, written.text
    # The same worker again is a conflict, and nothing is stored twice.
    rows = await _assignment_rows(runtime)
    again = await _assign(client, net.headers[0], fid, colleague.id)
    assert again.status_code == 409
    assert again.json()["type"] == "/problems/already-assigned"
    assert await _assignment_rows(runtime) == rows


async def test_only_an_active_worker_of_the_own_organisation_is_assigned(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(
        client, net.headers[0], file_body(runtime.clock(), [net.orgs[0], net.orgs[1]])
    )
    fid = view["id"]
    family = await create_account(runtime, Role.FAMILY, with_email=False)
    rows = await _assignment_rows(runtime)
    answers = []
    for account in (net.workers[1].id, family.id, uuid.uuid4()):
        response = await _assign(client, net.headers[0], fid, account)
        assert response.status_code == 422, response.text
        assert response.json()["errors"] == [
            {"field": "account_id", "message": "not an active social worker of your organisation"}
        ]
        answers.append(_body(response))
    # A worker of another organisation looks exactly like an account that does not exist.
    assert answers[0] == answers[2]
    assert await _assignment_rows(runtime) == rows
    # The other organisation's worker still cannot reach the file.
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])).status_code == 404


async def test_the_coordinator_assigns_and_unassigns_but_reads_only_when_assigned(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    coordinator, boss = await _colleague(runtime, net)
    await make_coordinator(runtime, coordinator)
    colleague, headers = await _colleague(runtime, net)

    assert (await client.get("/api/v1/files", headers=boss)).json()["items"] == []
    assert (await client.get(f"/api/v1/files/{fid}", headers=boss)).status_code == 404
    team = await client.get(f"/api/v1/files/{fid}/assignments", headers=boss)
    assert team.status_code == 200, team.text
    assert team.json()["may_unassign"] is True
    assert (await _assign(client, boss, fid, colleague.id)).status_code == 201
    assert (await client.get(f"/api/v1/files/{fid}", headers=headers)).status_code == 200
    # Assigning gives the coordinator no content: still the 404 of an unknown file.
    assert (await client.get(f"/api/v1/files/{fid}", headers=boss)).status_code == 404

    # A worker who does not coordinate sees the file but ends no assignment.
    refused = await client.delete(
        f"/api/v1/files/{fid}/assignments/{colleague.id}", headers=net.headers[0]
    )
    assert refused.status_code == 403
    ended = await client.delete(f"/api/v1/files/{fid}/assignments/{colleague.id}", headers=boss)
    assert ended.status_code == 204, ended.text
    assert (await client.get(f"/api/v1/files/{fid}", headers=headers)).status_code == 404
    assert (await client.get("/api/v1/files", headers=headers)).json()["items"] == []
    gone = await client.delete(f"/api/v1/files/{fid}/assignments/{colleague.id}", headers=boss)
    assert gone.status_code == 404
    # The coordinator assigns themselves to read; the ended assignment stays as history.
    assert (await _assign(client, boss, fid, coordinator.id)).status_code == 201
    assert (await client.get(f"/api/v1/files/{fid}", headers=boss)).status_code == 200
    async with runtime.sessions() as session:
        history = (
            await session.execute(
                select(FileAssignment.account_id, FileAssignment.ended_by_account_id).where(
                    FileAssignment.account_id == colleague.id
                )
            )
        ).all()
    assert [tuple(r) for r in history] == [(colleague.id, coordinator.id)]


async def test_a_coordinator_manages_only_files_their_organisation_takes_part_in(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    elsewhere = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=net.orgs[1])
    await make_coordinator(runtime, elsewhere)
    headers = await auth_headers(runtime, elsewhere)
    listing = await client.get(f"/api/v1/files/{fid}/assignments", headers=headers)
    missing = await client.get(f"/api/v1/files/{uuid.uuid4()}/assignments", headers=headers)
    assert listing.status_code == missing.status_code == 404
    assert _body(listing) == _body(missing)
    assert (await _assign(client, headers, fid, elsewhere.id)).status_code == 404


async def test_the_list_names_only_the_callers_organisation(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(
        client, net.headers[0], file_body(runtime.clock(), [net.orgs[0], net.orgs[1]])
    )
    fid = view["id"]
    await add_partner(client, net.headers[0], fid, net.orgs[1])
    partner_boss = net.workers[1]
    await make_coordinator(runtime, partner_boss)
    assert (await _assign(client, net.headers[1], fid, partner_boss.id)).status_code == 201
    team = await client.get(f"/api/v1/files/{fid}/assignments", headers=net.headers[1])
    assert [a["account_id"] for a in team.json()["items"]] == [str(partner_boss.id)]
    lead_email = net.workers[0].email
    assert lead_email is not None and lead_email not in team.text
    assert str(net.workers[0].id) not in team.text


async def test_two_assignments_at_once_end_in_a_409_not_an_error(
    client: AsyncClient, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    colleague, _ = await _colleague(runtime, net)
    assert (await _assign(client, net.headers[0], view["id"], colleague.id)).status_code == 201

    # The check before the insert misses the other request's row: the constraint still holds.
    async def never_assigned(*args: Any, **kwargs: Any) -> None:
        return None

    monkeypatch.setattr(assignments, "current_assignment", never_assigned)
    rows = await _assignment_rows(runtime)
    raced = await _assign(client, net.headers[0], view["id"], colleague.id)
    assert raced.status_code == 409, raced.text
    assert raced.json()["type"] == "/problems/already-assigned"
    assert await _assignment_rows(runtime) == rows


async def test_notices_reach_the_coordinator_and_the_assigned_workers_only(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(
        client, net.headers[0], file_body(runtime.clock(), [net.orgs[0], net.orgs[1]])
    )
    fid = view["id"]
    await add_partner(client, net.headers[0], fid, net.orgs[1])
    coordinator, boss = await _colleague(runtime, net, org=1)
    await make_coordinator(runtime, coordinator)

    async def notices(headers: dict[str, str]) -> set[tuple[str, str]]:
        listed = await client.get("/api/v1/notifications", headers=headers)
        return {(n["kind"], n["file_id"]) for n in listed.json()["items"]}

    # The coordinator hears that their organisation joined, to assign someone; nobody else yet.
    assert ("participant_added", fid) in await notices(boss)
    assert await notices(net.headers[1]) == set()
    assert (await _assign(client, boss, fid, net.workers[1].id)).status_code == 201
    assert ("participant_added", fid) in await notices(net.headers[1])
