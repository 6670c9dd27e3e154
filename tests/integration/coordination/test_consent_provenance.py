"""Where a staff consent comes from is the server's to say: each bypass of a partner writing
the family's agreement itself, replayed, is refused and stores nothing; with the scan of the
signed form a consent is in force and the family is told who recorded it."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from httpx import Response
from sqlalchemy import text

from tests.factories.assignments import assign
from tests.factories.coordination import (
    ALL_CATEGORIES,
    consent,
    family,
    make_network,
    member_id,
    open_file,
    row_counts,
    stored_member_id,
)
from tests.factories.evidence import pdf_scan, upload_scan, with_scans


@pytest.fixture
def runtime(rolled_back: Any) -> Any:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _shared_file(client: Any, runtime: Any) -> tuple[Any, dict[str, Any], dict[str, str]]:
    """Organisation A leads a file: the parent's consent (parent and child) names A only, the
    youth's own consent names A and B; B takes part. Returns the network, the file view and
    the consent ids by giver."""
    net = await make_network(runtime)
    now = runtime.clock()
    a, b = net.orgs[0], net.orgs[1]
    body = {
        "members": family(now),
        "consents": [
            consent("parent", ["parent", "child"], [a], now),
            consent("youth", ["youth"], [a, b], now),
        ],
    }
    view = await open_file(client, net.headers[0], body)
    added = await client.post(
        f"/api/v1/files/{view['id']}/participants",
        json={"organisation_id": str(b)},
        headers=net.headers[0],
    )
    assert added.status_code == 201, added.text
    await assign(runtime, view["id"], net.workers[1])
    ids = {
        "parent": next(
            c["id"] for c in view["consents"] if c["given_by"] == member_id(view, "parent")
        ),
        "youth": next(
            c["id"] for c in view["consents"] if c["given_by"] == member_id(view, "youth")
        ),
    }
    return net, view, ids


async def _notices(runtime: Any, consent_id: str) -> list[dict[str, Any]]:
    async with runtime.sessions() as session:
        rows = await session.execute(
            text(
                "SELECT member_id, kind, actor_organisation_id FROM family_notices "
                "WHERE consent_id = :c ORDER BY member_id"
            ),
            {
                "c": uuid.UUID(consent_id).hex
                if runtime.engine.dialect.name == "sqlite"
                else consent_id
            },
        )
        return [dict(r._mapping) for r in rows]


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    return body


async def test_partner_consent_for_a_youth_without_scan_grants_nothing(
    client: Any, runtime: Any
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    a, b = net.orgs[0], net.orgs[1]
    body = {
        "members": family(now),
        "consents": [consent("parent", ["parent", "child"], [a, b], now)],
    }
    view = await open_file(client, net.headers[0], body)
    fid = view["id"]
    youth = await stored_member_id(runtime, fid, "youth")
    await client.post(
        f"/api/v1/files/{fid}/participants",
        json={"organisation_id": str(b)},
        headers=net.headers[0],
    )
    await assign(runtime, fid, net.workers[1])
    # B writes the youth's consent itself: the youth as giver, B the only recipient, no scan.
    bypass = consent(youth, [youth], [b], now, categories=ALL_CATEGORIES)
    recorded = await client.post(
        f"/api/v1/files/{fid}/consents", json=bypass, headers=net.headers[1]
    )
    assert recorded.status_code == 201, recorded.text
    pending = recorded.json()
    assert pending["state"] == "pending"
    assert pending["collection_method"] == "in_person"
    # … it grants nothing: the youth's identity stays withheld from B.
    read = await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])
    assert read.status_code == 200
    youth_view = next(m for m in read.json()["members"] if m["id"] == youth)
    # (the pending consent does not make the youth a member B may see)
    assert youth_view == {"id": youth, "visible": False}
    # … and the youth is told that B recorded a consent waiting for confirmation.
    notices = await _notices(runtime, pending["id"])
    assert [(n["kind"], str(n["actor_organisation_id"]).replace("-", "")) for n in notices] == [
        ("consent_pending", b.hex)
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("collection_method", "family_portal"),
        ("evidence_hash", "ab" * 32),
        ("valid_from", "past"),
        ("recorded_by_organisation_id", "self"),
    ],
)
async def test_provenance_from_the_client_is_refused_and_stores_nothing(
    client: Any, runtime: Any, field: str, value: str
) -> None:
    net, view, _ = await _shared_file(client, runtime)
    now = runtime.clock()
    youth = member_id(view, "youth")
    body = consent(youth, [youth], [net.orgs[1]], now)
    body[field] = {
        "past": (now - timedelta(days=30)).isoformat(),
        "self": str(net.orgs[1]),
    }.get(value, value)
    before = await row_counts(runtime)
    response = await client.post(
        f"/api/v1/files/{view['id']}/consents", json=body, headers=net.headers[1]
    )
    problem = _problem(response, 422)
    assert problem["type"] == "/problems/validation-failed"
    if field == "valid_from":
        assert [e["field"] for e in problem["errors"]] == ["consent.valid_from"]
    else:  # a field the request schema no longer has: named, so an old client learns why
        assert [e["message"] for e in problem["errors"]] == [
            f"has a field that is not accepted: {field}"
        ]
    assert await row_counts(runtime) == before


async def test_renewing_a_consent_that_does_not_name_the_caller_is_404(
    client: Any, runtime: Any
) -> None:
    net, view, ids = await _shared_file(client, runtime)
    until = (runtime.clock() + timedelta(days=900)).isoformat()
    before = await row_counts(runtime)
    foreign = await client.post(
        f"/api/v1/files/{view['id']}/consents/{ids['parent']}/renew",
        json={"valid_until": until},
        headers=net.headers[1],
    )
    unknown = await client.post(
        f"/api/v1/files/{view['id']}/consents/{uuid.uuid4()}/renew",
        json={"valid_until": until},
        headers=net.headers[1],
    )
    assert _problem(foreign, 404) and _without_request_id(foreign) == _without_request_id(unknown)
    assert await row_counts(runtime) == before
    # The youth's consent names B: B may record its renewal, and sees only itself named.
    own = await client.post(
        f"/api/v1/files/{view['id']}/consents/{ids['youth']}/renew",
        json={"valid_until": until},
        headers=net.headers[1],
    )
    assert own.status_code == 200, own.text
    assert own.json()["recipients"] == [str(net.orgs[1])]
    assert "evidence_hash" not in own.json()


async def test_withdrawal_by_a_partner_no_consent_names_is_404_and_tells_nothing(
    client: Any, runtime: Any
) -> None:
    net, view, ids = await _shared_file(client, runtime)
    before = await row_counts(runtime)
    # C takes no part at all; B takes part but the parent's consent does not name it.
    for headers in (net.headers[2], net.headers[1]):
        response = await client.post(
            f"/api/v1/files/{view['id']}/consents/{ids['parent']}/withdraw", headers=headers
        )
        problem = _problem(response, 404)
        assert not {"recipients", "categories", "members", "purposes"} & set(problem)
        assert str(net.orgs[0]) not in response.text
    assert await row_counts(runtime) == before
    # B withdraws the youth's consent, which names it: the answer names B alone.
    ok = await client.post(
        f"/api/v1/files/{view['id']}/consents/{ids['youth']}/withdraw", headers=net.headers[1]
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["state"] == "withdrawn"
    assert ok.json()["recipients"] == [str(net.orgs[1])]
    assert str(net.orgs[0]) not in ok.text
    kinds = [n["kind"] for n in await _notices(runtime, ids["youth"])]
    assert "consent_withdrawn" in kinds


async def test_a_consent_that_does_not_name_the_caller_is_refused(
    client: Any, runtime: Any
) -> None:
    net, view, _ = await _shared_file(client, runtime)
    youth = member_id(view, "youth")
    [body] = await with_scans(
        client, net.headers[1], [consent(youth, [youth], [net.orgs[0]], runtime.clock())]
    )
    before = await row_counts(runtime)
    response = await client.post(
        f"/api/v1/files/{view['id']}/consents", json=body, headers=net.headers[1]
    )
    problem = _problem(response, 422)
    assert [e["field"] for e in problem["errors"]] == ["recipients"]
    assert await row_counts(runtime) == before


async def test_with_the_scan_the_consent_is_in_force_and_the_family_is_told(
    client: Any, runtime: Any
) -> None:
    net, view, _ = await _shared_file(client, runtime)
    parent = member_id(view, "parent")
    scan = await upload_scan(client, net.headers[1], pdf_scan("Formulier van Els, 2026"))
    body = {**consent(parent, [parent], [net.orgs[1]], runtime.clock()), "evidence_id": scan["id"]}
    response = await client.post(
        f"/api/v1/files/{view['id']}/consents", json=body, headers=net.headers[1]
    )
    assert response.status_code == 201, response.text
    recorded = response.json()
    assert recorded["state"] == "active"
    assert recorded["collection_method"] == "signed_form"
    read = (await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[1])).json()
    parent_view = next(m for m in read["members"] if m["id"] == parent)
    assert parent_view["given_name"] == "Els"
    notices = await _notices(runtime, recorded["id"])
    assert [(n["kind"], str(n["actor_organisation_id"]).replace("-", "")) for n in notices] == [
        ("consent_recorded", net.orgs[1].hex)
    ]
    async with runtime.sessions() as session:
        row = (
            await session.execute(
                text(
                    "SELECT r.evidence_hash, r.recorded_by_organisation_id, e.file_id "
                    "FROM consent_records r JOIN consent_evidence e ON e.id = r.evidence_id "
                    "WHERE e.sha256 = :h"
                ),
                {"h": scan["sha256"]},
            )
        ).one()
        staged_keys = await session.scalar(
            text("SELECT count(*) FROM data_keys WHERE owner_kind = 'evidence'")
        )
    assert row.evidence_hash == scan["sha256"]
    assert str(row.recorded_by_organisation_id).replace("-", "") == net.orgs[1].hex
    assert str(row.file_id).replace("-", "") == uuid.UUID(view["id"]).hex
    assert staged_keys == 0  # bound: re-encrypted under the file's key, its own key shredded


async def test_a_scan_of_another_organisation_or_file_cannot_be_named(
    client: Any, runtime: Any
) -> None:
    net, view, _ = await _shared_file(client, runtime)
    parent = member_id(view, "parent")
    other_scan = await upload_scan(client, net.headers[0])  # A's, not B's
    body = {**consent(parent, [parent], [net.orgs[1]], runtime.clock())}
    before = await row_counts(runtime)
    for evidence_id in (other_scan["id"], str(uuid.uuid4())):
        response = await client.post(
            f"/api/v1/files/{view['id']}/consents",
            json={**body, "evidence_id": evidence_id},
            headers=net.headers[1],
        )
        problem = _problem(response, 422)
        assert [e["field"] for e in problem["errors"]] == ["evidence_id"]
    assert await row_counts(runtime) == before


async def test_opening_with_a_consent_waiting_for_the_family_is_refused(
    client: Any, runtime: Any
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    before = await row_counts(runtime)
    response = await client.post(
        "/api/v1/files",
        json={
            "members": family(now),
            "consents": [consent("parent", ["parent"], [net.orgs[0]], now)],
        },
        headers=net.headers[0],
    )
    problem = _problem(response, 422)
    assert problem["type"] == "/problems/consent-required"
    assert "signed form" in problem["detail"]
    assert await row_counts(runtime) == before


async def test_the_fifty_first_consent_in_force_is_refused(client: Any, runtime: Any) -> None:
    net, view, _ = await _shared_file(client, runtime)  # two consents already
    parent = member_id(view, "parent")
    body = consent(parent, [parent], [net.orgs[1]], runtime.clock())
    for _ in range(48):  # waiting for confirmation counts too
        r = await client.post(
            f"/api/v1/files/{view['id']}/consents", json=body, headers=net.headers[1]
        )
        assert r.status_code == 201, r.text
    before = await row_counts(runtime)
    refused = await client.post(
        f"/api/v1/files/{view['id']}/consents", json=body, headers=net.headers[1]
    )
    assert _problem(refused, 409)["type"] == "/problems/too-many-consents"
    assert await row_counts(runtime) == before


def _without_request_id(response: Response) -> dict[str, Any]:
    """A problem body without its request id (which differs per request)."""
    body: dict[str, Any] = response.json()
    return {k: v for k, v in body.items() if k != "request_id"}
