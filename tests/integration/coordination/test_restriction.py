"""Restriction of processing (GDPR art. 18): while the DPO restricts a file, partners see that
it exists and is restricted, nothing more; a restriction of one member withholds only that
member's data; the family keeps its own view; lifting restores access — on SQLite and
PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import auth_headers, create_account
from tests.factories.assignments import link_and_accept
from tests.factories.coordination import (
    Network,
    audit_events,
    file_body,
    make_network,
    member_id,
    open_file,
)
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

RESTRICTED = "/problems/restricted"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def _file(client: AsyncClient, runtime: Runtime) -> tuple[Network, dict[str, Any]]:
    """A file of organisation 0 with a note about the child and one about the parent."""
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    for role, body in (("child", "Mila is bang thuis."), ("parent", "Els zoekt werk.")):
        note = await client.post(
            f"/api/v1/files/{view['id']}/entries",
            json={"kind": "note", "about": [member_id(view, role)], "body": body},
            headers=net.headers[0],
        )
        assert note.status_code == 201, note.text
    return net, view


async def _dpo(runtime: Runtime) -> dict[str, str]:
    return await auth_headers(runtime, await create_account(runtime, Role.DPO))


async def test_a_restricted_file_shows_partners_that_it_is_restricted_until_lifted(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    fid, worker, dpo = view["id"], net.headers[0], await _dpo(runtime)
    family = await create_account(runtime, Role.FAMILY)
    await link_and_accept(client, runtime, worker, fid, member_id(view, "parent"), family)
    family_headers = await auth_headers(runtime, family)

    # The worker cannot restrict; the DPO can, with a reason.
    body = {"reason": "Het gezin betwist de juistheid van de gegevens."}
    refused = await client.post(f"/api/v1/files/{fid}/restrictions", json=body, headers=worker)
    assert refused.status_code == 403
    placed = await client.post(f"/api/v1/files/{fid}/restrictions", json=body, headers=dpo)
    assert placed.status_code == 201, placed.text
    restriction = placed.json()
    assert restriction["in_force"] and restriction["member_id"] is None
    again = await client.post(f"/api/v1/files/{fid}/restrictions", json=body, headers=dpo)
    assert again.status_code == 409 and again.json()["type"] == "/problems/already-restricted"

    read = await client.get(f"/api/v1/files/{fid}", headers=worker)
    assert read.status_code == 200, read.text
    shown = read.json()
    assert shown["status"] == "restricted"
    assert shown["restricted_since"] is not None and shown["reference"] == view["reference"]
    assert shown["members"] == [] and shown["consents"] == [] and shown["label"] is None
    assert "Peeters" not in read.text
    for response in (
        await client.get(f"/api/v1/files/{fid}/entries", headers=worker),
        await client.post(
            f"/api/v1/files/{fid}/entries",
            json={"kind": "note", "about": [member_id(view, "parent")], "body": "Nieuw."},
            headers=worker,
        ),
        await client.get(f"/api/v1/files/{fid}/assignments", headers=worker),
    ):
        assert response.status_code == 409, response.text
        assert response.json()["type"] == RESTRICTED
    listed = (await client.get("/api/v1/files", headers=worker)).json()["items"]
    assert [(f["id"], f["status"], f["label"]) for f in listed] == [(fid, "restricted", None)]
    events = await audit_events(runtime)
    read_event = [e for e in events if e["action"] == "coordination:file:read"][-1]
    assert (read_event["outcome"], read_event["policy_id"]) == ("denied", "restricted")

    # The family still sees its own data, and is told.
    own = await client.get(f"/api/v1/me/files/{fid}", headers=family_headers)
    assert own.status_code == 200 and "Els" in own.text
    notices = (await client.get("/api/v1/me/notices", headers=family_headers)).json()["items"]
    assert "processing_restricted" in [n["kind"] for n in notices]

    # Lifting (DPO only, with a reason) gives the partner its view back.
    lift_url = f"/api/v1/files/{fid}/restrictions/{restriction['id']}/lift"
    lift = {"reason": "De gegevens zijn rechtgezet."}
    assert (await client.post(lift_url, json=lift, headers=worker)).status_code == 403
    lifted = await client.post(lift_url, json=lift, headers=dpo)
    assert lifted.status_code == 200, lifted.text
    assert not lifted.json()["in_force"] and lifted.json()["lift_reason"] == lift["reason"]
    assert (await client.post(lift_url, json=lift, headers=dpo)).status_code == 409
    back = await client.get(f"/api/v1/files/{fid}", headers=worker)
    assert back.json()["status"] == "open"
    assert {m["given_name"] for m in back.json()["members"]} == {"Els", "Mila", "Noah"}
    journal = await client.get(f"/api/v1/files/{fid}/entries", headers=worker)
    assert len(journal.json()["items"]) == 2
    listed = await client.get("/api/v1/restrictions", headers=dpo)
    assert [r["id"] for r in listed.json()["items"]] == [restriction["id"]]


async def test_a_member_restriction_withholds_that_member_alone(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    fid, worker = view["id"], net.headers[0]
    child, parent = member_id(view, "child"), member_id(view, "parent")
    placed = await client.post(
        f"/api/v1/files/{fid}/restrictions",
        json={"reason": "Bezwaar van de jongere.", "member_id": child},
        headers=await _dpo(runtime),
    )
    assert placed.status_code == 201, placed.text

    read = (await client.get(f"/api/v1/files/{fid}", headers=worker)).json()
    assert read["status"] == "open"
    seen = {m["id"]: m for m in read["members"]}
    assert not seen[child]["visible"] and seen[parent]["visible"]
    assert "Mila" not in str(read) and "Els" in str(read)
    journal = (await client.get(f"/api/v1/files/{fid}/entries", headers=worker)).json()
    assert [e["body"] for e in journal["items"]] == ["Els zoekt werk."]
    about_child = await client.post(
        f"/api/v1/files/{fid}/entries",
        json={"kind": "note", "about": [child], "body": "Nieuw."},
        headers=worker,
    )
    assert about_child.status_code == 409 and about_child.json()["type"] == RESTRICTED
    about_parent = await client.post(
        f"/api/v1/files/{fid}/entries",
        json={"kind": "note", "about": [parent], "body": "Nieuw."},
        headers=worker,
    )
    assert about_parent.status_code == 201, about_parent.text
