"""A closed file is closed: after the lead closes it (or no consent is left), every partner
route answers 404 exactly like a file that does not exist, the lead's included, the file leaves
every list, and the family keeps its view — on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from tests.factories import auth_headers, create_account
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import (
    add_partner,
    audit_events,
    consent_of,
    file_body,
    make_network,
    member_id,
    open_file,
    row_counts,
    travel,
)
from zorgafstemming.identity.principal import Role


@pytest.fixture
def runtime(rolled_back: Any) -> Any:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


def _partner_routes(view: dict[str, Any]) -> list[tuple[str, str, dict[str, Any] | None]]:
    """Every partner route on one file, with a body that would be accepted on an open file."""
    fid = view["id"]
    parent = member_id(view, "parent")
    cid = consent_of(view, "parent")
    until = "2099-01-01T00:00:00+00:00"
    return [
        ("GET", f"/api/v1/files/{fid}", None),
        ("GET", f"/api/v1/files/{fid}/entries", None),
        ("POST", f"/api/v1/files/{fid}/entries", {"kind": "note", "about": [parent], "body": "x"}),
        ("POST", f"/api/v1/files/{fid}/consents/{cid}/renew", {"valid_until": until}),
        ("POST", f"/api/v1/files/{fid}/consents/{cid}/withdraw", None),
        ("POST", f"/api/v1/files/{fid}/close", None),
        ("POST", f"/api/v1/files/{fid}/members/{parent}/invitation", None),
        ("POST", f"/api/v1/files/{fid}/participants", {"organisation_id": str(uuid.uuid4())}),
        ("GET", f"/api/v1/files/{fid}/threads", None),
        (
            "POST",
            f"/api/v1/files/{fid}/threads",
            {
                "audience": "partners",
                "category": "case_notes",
                "about": [parent],
                "subject": "Overleg",
                "body": "x",
            },
        ),
    ]


def _without_request_id(response: Any) -> dict[str, Any]:
    return {k: v for k, v in response.json().items() if k != "request_id"}


async def _call(client: Any, method: str, path: str, body: Any, headers: Any) -> Any:
    if method == "GET":
        return await client.get(path, headers=headers)
    return await client.post(path, json=body, headers=headers)


async def test_after_the_lead_closes_every_partner_route_answers_404(
    client: Any, runtime: Any
) -> None:
    net = await make_network(runtime)
    view = await open_file(
        client, net.headers[0], file_body(runtime.clock(), [net.orgs[0], net.orgs[1]])
    )
    fid = view["id"]
    await add_partner(client, net.headers[0], fid, net.orgs[1])
    await assign(runtime, fid, net.workers[1])
    for headers in net.headers[:2]:
        assert (await client.get(f"/api/v1/files/{fid}", headers=headers)).status_code == 200

    closed = await client.post(f"/api/v1/files/{fid}/close", headers=net.headers[0])
    assert closed.status_code == 200, closed.text

    unknown = {"id": str(uuid.uuid4()), "members": view["members"], "consents": view["consents"]}
    before = await row_counts(runtime)
    for headers in net.headers[:2]:  # the lead and the other participant
        for (method, path, body), (_, unknown_path, _) in zip(
            _partner_routes(view), _partner_routes(unknown), strict=True
        ):
            on_closed = await _call(client, method, path, body, headers)
            on_unknown = await _call(client, method, unknown_path, body, headers)
            assert on_closed.status_code == 404, (method, path, on_closed.text)
            assert _without_request_id(on_closed) == _without_request_id(on_unknown), path
        listed = await client.get("/api/v1/files", headers=headers)
        assert listed.json()["items"] == []
    assert await row_counts(runtime) == before
    denied = [e for e in await audit_events(runtime) if e["policy_id"]]
    assert "closed-file-is-closed-to-partners" in {e["policy_id"] for e in denied}


async def test_the_family_still_sees_a_file_the_lead_closed(client: Any, runtime: Any) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    account = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], fid, member_id(view, "parent"), account)
    assert (await client.post(f"/api/v1/files/{fid}/close", headers=net.headers[0])).is_success

    family = await auth_headers(runtime, account)
    mine = await client.get(f"/api/v1/me/files/{fid}", headers=family)
    assert mine.status_code == 200, mine.text
    assert mine.json()["status"] == "closed"
    my_files = (await client.get("/api/v1/me/files", headers=family)).json()["items"]
    assert [f["id"] for f in my_files] == [fid]
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])).status_code == 404


async def test_a_file_closed_for_lack_of_consent_is_closed_to_its_partners(
    client: Any, runtime: Any
) -> None:
    net = await make_network(runtime)
    start = runtime.clock()
    view = await open_file(client, net.headers[0], file_body(start, [net.orgs[0]], days=10))
    fid = view["id"]
    await travel(runtime, net, start + timedelta(days=11))
    read = await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])
    assert read.status_code == 404
    entries = await client.get(f"/api/v1/files/{fid}/entries", headers=net.headers[0])
    assert entries.status_code == 404
