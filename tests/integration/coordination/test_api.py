"""Coordination files over the API: opening only with consent, reading what consent covers,
withdrawal, participants, lead hand-over, entries, notifications — on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient, Response

from tests.factories.assignments import assign
from tests.factories.coordination import (
    audit_events,
    consent,
    consent_of,
    family,
    file_body,
    make_network,
    member_id,
    open_file,
    row_counts,
    travel,
)
from tests.factories.evidence import with_scans
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def test_open_file_with_consent_and_read_it_back(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    view = await open_file(client, net.headers[0], file_body(now, [net.orgs[0]]))
    assert view["status"] == "open"
    assert view["lead_organisation_id"] == str(net.orgs[0])
    assert view["participants"] == [str(net.orgs[0])]
    parent = next(m for m in view["members"] if m["role"] == "parent")
    assert parent["given_name"] == "Els"
    assert parent["insz"] == "85073003328"
    assert parent["withheld_categories"] == []
    assert {c["state"] for c in view["consents"]} == {"active"}
    assert view["withheld_categories"] == []

    listed = await client.get("/api/v1/files", headers=net.headers[0])
    assert [f["id"] for f in listed.json()["items"]] == [view["id"]]
    again = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[0])
    assert again.status_code == 200
    assert again.headers["cache-control"] == "no-store"
    assert again.json()["members"] == view["members"]


async def test_every_request_on_a_file_leaves_exactly_one_audit_event(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    before = await audit_events(runtime)
    await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[0])
    await client.get(f"/api/v1/files/{view['id']}/entries", headers=net.headers[0])
    await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[1])  # not a participant
    await client.get(f"/api/v1/files/{uuid.uuid4()}", headers=net.headers[0])  # no such file
    new = (await audit_events(runtime))[len(before) :]
    assert [(e["action"], e["outcome"]) for e in new] == [
        ("coordination:file:read", "allowed"),
        ("coordination:entry:list", "allowed"),
        ("coordination:file:read", "denied"),
        ("coordination:file:read", "denied"),
    ]
    assert all(e["file_ref"] for e in new)
    assert new[0]["policy_id"] == "participant-with-consent"
    assert "identity" in new[0]["data_category"]


async def test_foreign_and_unknown_file_answer_the_same_404(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    foreign = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[1])
    unknown = await client.get(f"/api/v1/files/{uuid.uuid4()}", headers=net.headers[1])
    assert foreign.status_code == unknown.status_code == 404

    def strip(response: Response) -> dict[str, Any]:
        return {k: v for k, v in response.json().items() if k != "request_id"}

    assert strip(foreign) == strip(unknown)
    for path in ("entries",):
        a = await client.get(f"/api/v1/files/{view['id']}/{path}", headers=net.headers[1])
        assert a.status_code == 404


def _refused_bodies(now: Any, orgs: list[uuid.UUID]) -> dict[str, dict[str, Any]]:
    mine, other = orgs[0], orgs[1]
    parent_for_youth = {
        "members": family(now),
        "consents": [consent("parent", ["parent", "youth"], [mine], now)],
    }
    return {
        "consent for another organisation": file_body(now, [other]),
        "back-dated consent": file_body(now, [mine], start_days=-400, days=365),
        "consent not yet in force": file_body(now, [mine], start_days=10),
        "consent for another purpose": file_body(now, [mine], purposes=["case_meeting"]),
        "parent consents for a 13-year-old": parent_for_youth,
    }


@pytest.mark.parametrize(
    ("case", "status", "slug"),
    [
        ("consent for another organisation", 422, "validation-failed"),
        ("back-dated consent", 422, "validation-failed"),
        ("consent not yet in force", 422, "consent-required"),
        ("consent for another purpose", 422, "consent-required"),
        ("parent consents for a 13-year-old", 422, "validation-failed"),
    ],
)
async def test_opening_without_valid_consent_is_refused_and_stores_nothing(
    client: AsyncClient, runtime: Runtime, case: str, status: int, slug: str
) -> None:
    net = await make_network(runtime)
    body = _refused_bodies(runtime.clock(), net.orgs)[case]
    # Each consent with its signed form: the refusal is about the consent, not the evidence.
    body["consents"] = await with_scans(client, net.headers[0], body["consents"])
    before = await row_counts(runtime)
    response = await client.post("/api/v1/files", json=body, headers=net.headers[0])
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == f"/problems/{slug}"
    assert await row_counts(runtime) == before
    expected_fields = {
        "consent for another organisation": ["consents[0].recipients", "consents[1].recipients"],
        "back-dated consent": ["consents[0].valid_from", "consents[1].valid_from"],
        "parent consents for a 13-year-old": ["consents[0].members[1]"],
    }
    if slug == "validation-failed":
        fields = [e["field"] for e in response.json()["errors"]]
        assert fields == expected_fields[case]


async def test_opening_without_any_consent_is_refused(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    before = await row_counts(runtime)
    body = {"members": family(runtime.clock()), "consents": []}
    response = await client.post("/api/v1/files", json=body, headers=net.headers[0])
    assert response.status_code in (400, 422)
    assert await row_counts(runtime) == before


def _bad_member(now: Any, **change: Any) -> list[dict[str, Any]]:
    members = family(now)
    members[0].update(change)
    return members


@pytest.mark.parametrize(
    "case",
    [
        "invalid INSZ",
        "birth date in the future",
        "unknown organisation",
        "duplicate member",
        "duplicate INSZ",
        "control character in a name",
        "unknown data category",
        "consent ends before it starts",
    ],
)
async def test_bad_input_on_opening_is_a_clear_4xx_and_stores_nothing(
    client: AsyncClient, runtime: Runtime, case: str
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    body = file_body(now, [net.orgs[0]])
    if case == "invalid INSZ":
        body["members"] = _bad_member(now, insz="85073003329")
    elif case == "birth date in the future":
        body["members"] = _bad_member(now, birth_date=(now + timedelta(days=2)).date().isoformat())
    elif case == "unknown organisation":
        body["consents"][0]["recipients"].append(str(uuid.uuid4()))
    elif case == "duplicate member":
        body["members"].append({**body["members"][1], "ref": "child2"})
    elif case == "duplicate INSZ":
        body["members"][2]["insz"] = body["members"][0]["insz"]
    elif case == "control character in a name":
        body["members"] = _bad_member(now, given_name="El\x00s")
    elif case == "unknown data category":
        body["consents"][0]["categories"] = ["identity", "gossip"]
    elif case == "consent ends before it starts":
        body["consents"][0]["valid_until"] = (now - timedelta(days=1)).isoformat()
    before = await row_counts(runtime)
    response = await client.post("/api/v1/files", json=body, headers=net.headers[0])
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"] in ("/problems/validation-failed", "/problems/bad-request")
    assert problem.get("errors"), problem
    assert "Peeters" not in response.text and "85073003329" not in response.text
    assert await row_counts(runtime) == before


async def test_categories_the_consent_does_not_cover_are_absent_and_listed(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    body = file_body(now, [net.orgs[0]], categories=["identity", "case_notes"])
    view = await open_file(client, net.headers[0], body)
    parent = next(m for m in view["members"] if m["role"] == "parent")
    assert parent["given_name"] == "Els"
    for absent in ("address", "phone", "email"):
        assert absent not in parent
    assert parent["withheld_categories"] == ["contact"]
    assert view["withheld_categories"] == ["contact"]

    # An entry in a category the consent does not cover cannot be written …
    about = [member_id(view, "parent")]
    refused = await client.post(
        f"/api/v1/files/{view['id']}/entries",
        json={"kind": "note", "category": "health", "about": about, "body": "x"},
        headers=net.headers[0],
    )
    assert refused.status_code == 422
    assert refused.json()["type"] == "/problems/consent-required"
    ok = await client.post(
        f"/api/v1/files/{view['id']}/entries",
        json={"kind": "note", "about": about, "body": "Huisbezoek gepland."},
        headers=net.headers[0],
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["category"] == "case_notes"


async def test_entries_only_for_covered_members_and_categories(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    body = file_body(now, [net.orgs[0], net.orgs[1]])
    # The youth shares case notes with the second organisation only, not health.
    body["consents"][1] = consent(
        "youth", ["youth"], [net.orgs[0], net.orgs[1]], now, categories=["identity", "case_notes"]
    )
    body["consents"].append(consent("youth", ["youth"], [net.orgs[0]], now))
    view = await open_file(client, net.headers[0], body)
    add = await client.post(
        f"/api/v1/files/{view['id']}/participants",
        json={"organisation_id": str(net.orgs[1])},
        headers=net.headers[0],
    )
    assert add.status_code == 201, add.text
    await assign(runtime, view["id"], net.workers[1])
    youth = member_id(view, "youth")
    for category, text_ in (("health", "Slaapt slecht."), ("case_notes", "Gaat beter.")):
        r = await client.post(
            f"/api/v1/files/{view['id']}/entries",
            json={"kind": "note", "category": category, "about": [youth], "body": text_},
            headers=net.headers[0],
        )
        assert r.status_code == 201, r.text
    mine = (await client.get(f"/api/v1/files/{view['id']}/entries", headers=net.headers[0])).json()
    assert [e["body"] for e in mine["items"]] == ["Slaapt slecht.", "Gaat beter."]
    assert mine["withheld_categories"] == []
    theirs = await client.get(f"/api/v1/files/{view['id']}/entries", headers=net.headers[1])
    assert [e["body"] for e in theirs.json()["items"]] == ["Gaat beter."]
    assert theirs.json()["withheld_categories"] == ["health"]
    assert "Slaapt" not in theirs.text


async def test_a_1mb_note_is_refused_and_not_stored(client: AsyncClient, runtime: Runtime) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    before = await row_counts(runtime)
    big = {"kind": "note", "about": [member_id(view, "parent")], "body": "a" * 1_000_000}
    response = await client.post(
        f"/api/v1/files/{view['id']}/entries", json=big, headers=net.headers[0]
    )
    assert response.status_code in (413, 422), response.status_code
    assert response.headers["content-type"].startswith("application/problem+json")
    control = {"kind": "note", "about": [member_id(view, "parent")], "body": "bel\x07l"}
    response = await client.post(
        f"/api/v1/files/{view['id']}/entries", json=control, headers=net.headers[0]
    )
    assert response.status_code == 422
    assert await row_counts(runtime) == before


async def test_withdrawing_the_last_consent_closes_the_file_and_ends_access(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    for consent_id in (consent_of(view, "parent"), consent_of(view, "youth")):
        r = await client.post(
            f"/api/v1/files/{fid}/consents/{consent_id}/withdraw", headers=net.headers[0]
        )
        assert r.status_code == 200, r.text
        assert r.json()["state"] == "withdrawn"
        assert [e["kind"] for e in r.json()["events"]] == ["given", "withdrawn"]
    after = await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])
    assert after.status_code == 404
    listed = await client.get("/api/v1/files", headers=net.headers[0])
    assert listed.json()["items"] == []
    notes = (await client.get("/api/v1/notifications", headers=net.headers[0])).json()["items"]
    assert {"consent_withdrawn", "file_closed"} <= {n["kind"] for n in notes}
    async with runtime.sessions() as session:
        from sqlalchemy import text

        status = (
            await session.execute(
                text("SELECT status, close_reason FROM coordination_files WHERE id = :id"),
                {"id": uuid.UUID(fid).hex if runtime.engine.dialect.name == "sqlite" else fid},
            )
        ).one()
    assert tuple(status) == ("closed", "no_valid_consent")


async def test_expired_consent_counts_as_withdrawn_at_read_time(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    start = runtime.clock()
    view = await open_file(client, net.headers[0], file_body(start, [net.orgs[0]], days=30))
    await travel(runtime, net, start + timedelta(days=30, seconds=1))
    response = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[0])
    assert response.status_code == 404
    notes = (await client.get("/api/v1/notifications", headers=net.headers[0])).json()["items"]
    assert {"consent_expired", "file_closed"} <= {n["kind"] for n in notes}


async def test_lead_is_reminded_thirty_days_before_expiry(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    start = runtime.clock()
    await open_file(client, net.headers[0], file_body(start, [net.orgs[0]], days=100))
    await travel(runtime, net, start + timedelta(days=69))
    early = (await client.get("/api/v1/notifications", headers=net.headers[0])).json()["items"]
    assert "consent_expiring" not in {n["kind"] for n in early}
    await travel(runtime, net, start + timedelta(days=70, seconds=1))
    due = (await client.get("/api/v1/notifications", headers=net.headers[0])).json()["items"]
    assert [n["kind"] for n in due].count("consent_expiring") == 2  # one per consent, once
    again = (await client.get("/api/v1/notifications", headers=net.headers[0])).json()["items"]
    assert [n["kind"] for n in again].count("consent_expiring") == 2


async def test_participant_needs_consent_and_only_the_lead_adds_one(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(
        client, net.headers[0], file_body(runtime.clock(), [net.orgs[0], net.orgs[1]])
    )
    fid = view["id"]
    before = await row_counts(runtime)
    uncovered = await client.post(
        f"/api/v1/files/{fid}/participants",
        json={"organisation_id": str(net.orgs[2])},
        headers=net.headers[0],
    )
    assert uncovered.status_code == 422
    assert uncovered.json()["type"] == "/problems/consent-required"
    unknown = await client.post(
        f"/api/v1/files/{fid}/participants",
        json={"organisation_id": str(uuid.uuid4())},
        headers=net.headers[0],
    )
    assert unknown.status_code == 422
    assert await row_counts(runtime) == before
    added = await client.post(
        f"/api/v1/files/{fid}/participants",
        json={"organisation_id": str(net.orgs[1])},
        headers=net.headers[0],
    )
    assert added.status_code == 201
    await assign(runtime, fid, net.workers[1])
    read = await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])
    assert read.status_code == 200
    not_lead = await client.post(f"/api/v1/files/{fid}/close", headers=net.headers[1])
    assert not_lead.status_code == 403


async def test_lead_passes_on_when_the_lead_loses_consent(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    body = file_body(now, [net.orgs[0], net.orgs[1]])
    body["consents"].append(consent("parent", ["parent"], [net.orgs[0]], now))
    view = await open_file(client, net.headers[0], body)
    fid = view["id"]
    await client.post(
        f"/api/v1/files/{fid}/participants",
        json={"organisation_id": str(net.orgs[1])},
        headers=net.headers[0],
    )
    await assign(runtime, fid, net.workers[1])
    # Every consent naming the lead is withdrawn, except the ones also naming the partner …
    only_lead = next(c["id"] for c in view["consents"] if c["recipients"] == [str(net.orgs[0])])
    shared = [c["id"] for c in view["consents"] if c["id"] != only_lead]
    r = await client.post(
        f"/api/v1/files/{fid}/consents/{only_lead}/withdraw", headers=net.headers[0]
    )
    assert r.status_code == 200
    # … a new consent names only the partner, and the old shared ones go.
    new = consent(member_id(view, "parent"), [member_id(view, "parent")], [net.orgs[1]], now)
    [new] = await with_scans(client, net.headers[1], [new])
    rec = await client.post(f"/api/v1/files/{fid}/consents", json=new, headers=net.headers[1])
    assert rec.status_code == 201, rec.text
    for cid in shared:
        r = await client.post(
            f"/api/v1/files/{fid}/consents/{cid}/withdraw", headers=net.headers[1]
        )
        assert r.status_code == 200, r.text
    read = await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])
    assert read.status_code == 200
    assert read.json()["lead_organisation_id"] == str(net.orgs[1])
    assert read.json()["status"] == "open"
    gone = await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])
    assert gone.status_code == 404
    notes = (await client.get("/api/v1/notifications", headers=net.headers[1])).json()["items"]
    assert "lead_changed" in {n["kind"] for n in notes}


async def test_lead_closes_the_file_and_it_is_closed_to_partners(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    closed = await client.post(f"/api/v1/files/{fid}/close", headers=net.headers[0])
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert closed.json()["closed_at"]
    entry = await client.post(
        f"/api/v1/files/{fid}/entries",
        json={"kind": "note", "about": [member_id(view, "parent")], "body": "x"},
        headers=net.headers[0],
    )
    assert entry.status_code == 404  # a closed file answers like one that does not exist
    assert entry.json()["type"] == "/problems/not-found"


async def test_renewal_extends_a_consent_as_a_new_event(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    start = runtime.clock()
    view = await open_file(client, net.headers[0], file_body(start, [net.orgs[0]], days=30))
    fid = view["id"]
    until = start + timedelta(days=200)
    for cid in (consent_of(view, "parent"), consent_of(view, "youth")):
        r = await client.post(
            f"/api/v1/files/{fid}/consents/{cid}/renew",
            json={"valid_until": until.isoformat()},
            headers=net.headers[0],
        )
        assert r.status_code == 200, r.text
        assert [e["kind"] for e in r.json()["events"]] == ["given", "renewed"]
    await travel(runtime, net, start + timedelta(days=31))
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])).status_code == 200
