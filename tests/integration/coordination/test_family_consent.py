"""The family's consent steps in the portal: give, confirm, contest, withdraw (all of it or one's
own part), the signed form, the notices — each only for the members entitled to it."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from tests.factories import auth_headers
from tests.factories.assignments import assign
from tests.factories.coordination import (
    audit_events,
    consent,
    family,
    make_network,
    member_id,
    open_file,
    row_counts,
    years_ago,
)
from tests.factories.family_consents import (
    PNG_SCAN,
    add_notices,
    consent_events_of,
    link_member,
    notices_for,
    portal_consents,
    staff_consent,
)
from zorgafstemming.coordination.notice_models import FamilyNotice


@pytest.fixture
def runtime(rolled_back: Any) -> Any:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


def _two_parents(now: Any) -> list[dict[str, Any]]:
    members = family(now)
    members.insert(
        1,
        {
            "ref": "father",
            "role": "parent",
            "given_name": "Jan",
            "family_name": "Janssens",
            "birth_date": years_ago(now, 42),
        },
    )
    return members


def _ref(view: dict[str, Any], body: dict[str, Any], ref: str) -> str:
    """The id of the member with ``ref`` in the request that opened the file."""
    name = next(m["given_name"] for m in body["members"] if m["ref"] == ref)
    return str(next(m["id"] for m in view["members"] if m["given_name"] == name))


async def _file(client: Any, runtime: Any) -> dict[str, Any]:
    """Two parents, a child of 8 and a youth of 13. The father consents for himself and the
    child, the mother for herself, the youth for himself — all to organisation 0. Every member
    but the child has a family account."""
    net = await make_network(runtime, size=3)
    now = runtime.clock()
    orgs = [net.orgs[0]]
    body = {
        "members": _two_parents(now),
        "consents": [
            consent("father", ["father", "child"], orgs, now),
            consent("parent", ["parent"], orgs, now),
            consent("youth", ["youth"], orgs, now),
        ],
    }
    view = await open_file(client, net.headers[0], body)
    ids = {ref: _ref(view, body, ref) for ref in ("parent", "father", "child", "youth")}
    by_giver = {str(c["given_by"]): str(c["id"]) for c in view["consents"]}
    accounts = {
        ref: await link_member(client, runtime, net.headers[0], view["id"], ids[ref])
        for ref in ("parent", "father", "youth")
    }
    headers = {ref: await auth_headers(runtime, a) for ref, a in accounts.items()}
    return {
        "net": net,
        "view": view,
        "id": view["id"],
        "ids": ids,
        "accounts": accounts,
        "headers": headers,
        "father_consent": by_giver[ids["father"]],
        "mother_consent": by_giver[ids["parent"]],
        "youth_consent": by_giver[ids["youth"]],
    }


async def _staff_view(client: Any, f: dict[str, Any], org: int = 0) -> Any:
    return await client.get(f"/api/v1/files/{f['id']}", headers=f["net"].headers[org])


def _member(view: dict[str, Any], mid: str) -> dict[str, Any]:
    return next(m for m in view["members"] if str(m["id"]) == mid)


# --- withdraw ------------------------------------------------------------------------------


async def test_a_parent_withdrawing_the_other_parents_consent_ends_only_her_own_part(
    client: Any, runtime: Any
) -> None:
    f = await _file(client, runtime)
    ids, mother = f["ids"], f["headers"]["parent"]
    r = await client.post(f"/api/v1/me/consents/{f['father_consent']}/withdraw", headers=mother)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["scope"] == "own_part"
    assert body["members"] == [ids["child"]]
    # The child's part ended; organisation 0 no longer reaches the child through any consent.
    assert [o["id"] for o in body["no_access"]] == [str(f["net"].orgs[0])]
    assert body["no_access"][0]["name"]
    assert body["still_access"] == []
    events = await consent_events_of(runtime, f["father_consent"])
    assert [(k, str(m) if m else None) for k, m, _ in events] == [
        ("given", None),
        ("withdrawn", ids["child"]),
    ]
    assert events[-1][2] == f["accounts"]["parent"].id
    # The father's own data stays readable to the partner under his consent; the child's not.
    staff = (await _staff_view(client, f)).json()
    assert _member(staff, ids["father"])["given_name"] == "Jan"
    assert "given_name" not in _member(staff, ids["child"])
    # For the father the consent is still in force; for the mother it is withdrawn.
    father_view = (
        await client.get(f"/api/v1/me/files/{f['id']}", headers=f["headers"]["father"])
    ).json()
    mother_view = (await client.get(f"/api/v1/me/files/{f['id']}", headers=mother)).json()
    state = {c["id"]: c["state"] for c in father_view["consents"]}
    assert state[f["father_consent"]] == "in_force"
    state = {c["id"]: c["state"] for c in mother_view["consents"]}
    assert state[f["father_consent"]] == "withdrawn"
    # Told: the father (as the child's other representative) and the mother, naming the
    # partner that recorded the consent.
    assert (
        "consent_withdrawn",
        uuid.UUID(f["father_consent"]),
        f["net"].orgs[0],
    ) in await notices_for(runtime, ids["father"])
    # Withdrawing her part again: nothing of it is left for her.
    again = await client.post(f"/api/v1/me/consents/{f['father_consent']}/withdraw", headers=mother)
    assert again.status_code == 404
    # The father withdraws the rest: all of it.
    full = await client.post(
        f"/api/v1/me/consents/{f['father_consent']}/withdraw", headers=f["headers"]["father"]
    )
    assert full.status_code == 200, full.text
    assert full.json()["scope"] == "all"
    assert "given_name" not in _member((await _staff_view(client, f)).json(), ids["father"])


async def test_only_a_member_the_consent_is_about_may_withdraw_it(
    client: Any, runtime: Any
) -> None:
    f = await _file(client, runtime)
    before = await row_counts(runtime)
    # The youth is not covered by the father's consent; the parents not by the youth's.
    for who, cid in (
        ("youth", f["father_consent"]),
        ("parent", f["youth_consent"]),
        ("father", f["mother_consent"]),
    ):
        r = await client.post(f"/api/v1/me/consents/{cid}/withdraw", headers=f["headers"][who])
        assert r.status_code == 404, (who, r.text)
    unknown = await client.post(
        f"/api/v1/me/consents/{uuid.uuid4()}/withdraw", headers=f["headers"]["youth"]
    )
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == r.json()["detail"]
    assert await row_counts(runtime) == before


async def test_the_withdrawal_says_which_organisations_still_reach_the_data(
    client: Any, runtime: Any
) -> None:
    f = await _file(client, runtime)
    org0, org1 = f["net"].orgs[0], f["net"].orgs[1]
    ids = f["ids"]
    # The mother also gave organisation 1 consent in the portal, and a second one to org 0.
    for recipients in ([org1], [org0]):
        r = await client.post(
            "/api/v1/me/consents",
            json={
                "file_id": f["id"],
                "members": [ids["parent"]],
                "recipients": [str(o) for o in recipients],
                "purposes": ["care_coordination"],
                "categories": ["identity"],
                "notice_version": "2026-1",
            },
            headers=f["headers"]["parent"],
        )
        assert r.status_code == 201, r.text
    first_portal = r.json()["id"]
    r = await client.post(
        f"/api/v1/me/consents/{f['mother_consent']}/withdraw", headers=f["headers"]["parent"]
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["scope"] == "all"
    assert [o["id"] for o in body["still_access"]] == [str(org0)]
    assert body["no_access"] == []
    assert first_portal


# --- give ----------------------------------------------------------------------------------


async def test_a_youth_gives_consent_for_themselves_and_a_parent_cannot_for_them(
    client: Any, runtime: Any
) -> None:
    f = await _file(client, runtime)
    ids, org2 = f["ids"], f["net"].orgs[2]
    given = {
        "file_id": f["id"],
        "members": [ids["youth"]],
        "recipients": [str(org2)],
        "purposes": ["care_coordination"],
        "categories": ["identity", "education"],
        "notice_version": "2026-1",
    }
    before = await row_counts(runtime)
    refused = await client.post("/api/v1/me/consents", json=given, headers=f["headers"]["parent"])
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "members[0]"
    assert await row_counts(runtime) == before
    # The server decides where a consent comes from: the request cannot say.
    for extra in (
        {"collection_method": "signed_form"},
        {"evidence_hash": "ab" * 32},
        {"valid_from": (runtime.clock() - timedelta(days=30)).isoformat()},
        {"given_by": ids["parent"]},
    ):
        r = await client.post(
            "/api/v1/me/consents", json={**given, **extra}, headers=f["headers"]["youth"]
        )
        assert r.status_code == 422, (extra, r.text)
        assert r.json()["errors"][0]["field"] == "body"
    assert await row_counts(runtime) == before
    # Organisation 2 takes no part yet.
    assert (await _staff_view(client, f, 2)).status_code == 404
    r = await client.post("/api/v1/me/consents", json=given, headers=f["headers"]["youth"])
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["state"] == "in_force"
    assert body["collection_method"] == "family_portal"
    assert body["recorded_by"] is None
    assert body["given_by_you"] is True
    assert body["signed_form_attached"] is False
    assert "evidence_hash" not in body
    assert body["valid_from"] == body["recorded_at"]
    assert body["notice_version"] == "2026-1"
    # In force at once: the organisation it names reads the youth's data now (once its
    # coordinator assigned a worker).
    await assign(runtime, f["id"], f["net"].workers[2])
    staff = await _staff_view(client, f, 2)
    assert staff.status_code == 200, staff.text
    assert _member(staff.json(), ids["youth"])["given_name"] == "Noah"
    assert ("consent_given", uuid.UUID(body["id"]), None) in await notices_for(
        runtime, ids["youth"]
    )


async def test_a_parent_gives_consent_for_a_young_child_and_both_parents_are_told(
    client: Any, runtime: Any
) -> None:
    f = await _file(client, runtime)
    ids = f["ids"]
    r = await client.post(
        "/api/v1/me/consents",
        json={
            "file_id": f["id"],
            "members": [ids["parent"], ids["child"]],
            "recipients": [str(f["net"].orgs[1])],
            "purposes": ["care_coordination"],
            "categories": ["identity"],
            "notice_version": "2026-1",
        },
        headers=f["headers"]["parent"],
    )
    assert r.status_code == 201, r.text
    cid = uuid.UUID(r.json()["id"])
    for told in ("parent", "father"):
        assert ("consent_given", cid, None) in await notices_for(runtime, ids[told])
    assert not [n for n in await notices_for(runtime, ids["youth"]) if n[1] == cid]


async def test_a_file_holds_at_most_fifty_consents_in_force(client: Any, runtime: Any) -> None:
    f = await _file(client, runtime)
    ids = f["ids"]
    # The file holds three; 47 more make fifty.
    await portal_consents(runtime, f["id"], ids["parent"], f["net"].orgs[0], 47)
    before = await row_counts(runtime)
    r = await client.post(
        "/api/v1/me/consents",
        json={
            "file_id": f["id"],
            "members": [ids["parent"]],
            "recipients": [str(f["net"].orgs[1])],
            "purposes": ["care_coordination"],
            "categories": ["identity"],
            "notice_version": "2026-1",
        },
        headers=f["headers"]["parent"],
    )
    assert r.status_code == 409, r.text
    assert r.json()["type"].endswith("/too-many-consents")
    assert await row_counts(runtime) == before


# --- confirm -------------------------------------------------------------------------------


async def test_confirming_a_pending_consent_makes_it_grant_access(
    client: Any, runtime: Any
) -> None:
    f = await _file(client, runtime)
    ids, org1 = f["ids"], f["net"].orgs[1]
    pending = await staff_consent(
        runtime, f["id"], organisation_id=org1, given_by=ids["parent"], members=[ids["parent"]]
    )
    await assign(runtime, f["id"], f["net"].workers[1])
    # Recorded without the signed form: it grants nothing yet.
    assert (await _staff_view(client, f, 1)).status_code == 404
    mine = (await client.get(f"/api/v1/me/files/{f['id']}", headers=f["headers"]["parent"])).json()
    shown = next(c for c in mine["consents"] if c["id"] == str(pending))
    assert shown["state"] == "awaiting_confirmation"
    assert shown["may_confirm"] is True
    assert shown["recorded_by"]["id"] == str(org1)
    # Only a member it is about may confirm it; the others get the answer of an unknown one.
    for who in ("father", "youth"):
        r = await client.post(f"/api/v1/me/consents/{pending}/confirm", headers=f["headers"][who])
        assert r.status_code == 404, who
    r = await client.post(f"/api/v1/me/consents/{pending}/confirm", headers=f["headers"]["parent"])
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "in_force"
    events = await consent_events_of(runtime, pending)
    assert [e[0] for e in events] == ["given", "confirmed"]
    assert events[-1][2] == f["accounts"]["parent"].id
    staff = await _staff_view(client, f, 1)
    assert staff.status_code == 200, staff.text
    assert _member(staff.json(), ids["parent"])["given_name"] == "Els"
    again = await client.post(
        f"/api/v1/me/consents/{pending}/confirm", headers=f["headers"]["parent"]
    )
    assert again.status_code == 409
    # A consent that never waited for confirmation cannot be confirmed either.
    portal = await client.post(
        f"/api/v1/me/consents/{f['mother_consent']}/confirm", headers=f["headers"]["parent"]
    )
    assert portal.status_code == 409
    assert ("consent_confirmed", pending, org1) in await notices_for(runtime, ids["parent"])


# --- contest -------------------------------------------------------------------------------


async def test_contesting_ends_access_at_once_and_records_contested_and_withdrawn(
    client: Any, runtime: Any
) -> None:
    f = await _file(client, runtime)
    ids, org1 = f["ids"], f["net"].orgs[1]
    recorded = await staff_consent(
        runtime,
        f["id"],
        organisation_id=org1,
        given_by=ids["father"],
        members=[ids["father"], ids["child"]],
        scan=PNG_SCAN,
    )
    await assign(runtime, f["id"], f["net"].workers[1])
    assert (await _staff_view(client, f, 1)).status_code == 200
    # The youth is not covered: it may not contest (the same 404 as an unknown consent).
    outsider = await client.post(
        f"/api/v1/me/consents/{recorded}/contest", headers=f["headers"]["youth"]
    )
    assert outsider.status_code == 404
    before = len(await audit_events(runtime))
    # The mother represents the child it covers: she may contest it.
    r = await client.post(f"/api/v1/me/consents/{recorded}/contest", headers=f["headers"]["parent"])
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "contested"
    new = (await audit_events(runtime))[before:]
    assert [(e["action"], e["outcome"]) for e in new] == [("family:consent:contest", "allowed")]
    events = await consent_events_of(runtime, recorded)
    assert [(k, m) for k, m, _ in events] == [
        ("given", None),
        ("contested", None),
        ("withdrawn", None),
    ]
    assert (await _staff_view(client, f, 1)).status_code == 404
    notes = (await client.get("/api/v1/notifications", headers=f["net"].headers[1])).json()["items"]
    assert ("consent_contested", str(recorded)) in {(n["kind"], n["consent_id"]) for n in notes}
    for told in ("parent", "father"):
        assert ("consent_contested", recorded, org1) in await notices_for(runtime, ids[told])
    again = await client.post(
        f"/api/v1/me/consents/{recorded}/contest", headers=f["headers"]["father"]
    )
    assert again.status_code == 409
    # A consent the family gave in the portal is withdrawn, not contested.
    own = await client.post(
        "/api/v1/me/consents",
        json={
            "file_id": f["id"],
            "members": [ids["youth"]],
            "recipients": [str(org1)],
            "purposes": ["care_coordination"],
            "categories": ["identity"],
            "notice_version": "2026-1",
        },
        headers=f["headers"]["youth"],
    )
    portal = await client.post(
        f"/api/v1/me/consents/{own.json()['id']}/contest", headers=f["headers"]["youth"]
    )
    assert portal.status_code == 409


# --- evidence ------------------------------------------------------------------------------


async def test_only_a_member_the_consent_is_about_downloads_the_signed_form(
    client: Any, runtime: Any
) -> None:
    f = await _file(client, runtime)
    ids, org1 = f["ids"], f["net"].orgs[1]
    recorded = await staff_consent(
        runtime,
        f["id"],
        organisation_id=org1,
        given_by=ids["parent"],
        members=[ids["parent"], ids["child"]],
        scan=PNG_SCAN,
    )
    # A consent given in the portal has no signed form.
    given = await client.post(
        "/api/v1/me/consents",
        json={
            "file_id": f["id"],
            "members": [ids["parent"]],
            "recipients": [str(org1)],
            "purposes": ["care_coordination"],
            "categories": ["identity"],
            "notice_version": "2026-1",
        },
        headers=f["headers"]["parent"],
    )
    assert given.status_code == 201, given.text
    before = len(await audit_events(runtime))
    for who in ("parent", "father"):  # the mother, covered; the father, the child's parent
        r = await client.get(f"/api/v1/me/consents/{recorded}/evidence", headers=f["headers"][who])
        assert r.status_code == 200, r.text
        assert r.content == PNG_SCAN
        assert r.headers["content-type"] == "image/png"
        assert r.headers["content-disposition"].startswith("attachment")
        assert "no-store" in r.headers["cache-control"]
    refused = await client.get(
        f"/api/v1/me/consents/{recorded}/evidence", headers=f["headers"]["youth"]
    )
    assert refused.status_code == 404
    no_form = await client.get(
        f"/api/v1/me/consents/{given.json()['id']}/evidence", headers=f["headers"]["parent"]
    )
    assert no_form.status_code == 404
    unknown = await client.get(
        f"/api/v1/me/consents/{uuid.uuid4()}/evidence", headers=f["headers"]["parent"]
    )
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == refused.json()["detail"] == no_form.json()["detail"]
    new = (await audit_events(runtime))[before:]
    assert [(e["action"], e["outcome"]) for e in new] == [
        ("family:evidence:read", "allowed"),
        ("family:evidence:read", "allowed"),
        ("family:evidence:read", "denied"),
        ("family:evidence:read", "denied"),
        ("family:evidence:read", "denied"),
    ]
    view = (await client.get(f"/api/v1/me/files/{f['id']}", headers=f["headers"]["parent"])).json()
    shown = next(c for c in view["consents"] if c["id"] == str(recorded))
    assert shown["signed_form_attached"] is True
    assert "evidence_hash" not in shown
    assert shown["recorded_by"]["id"] == str(org1)


# --- notices -------------------------------------------------------------------------------


async def test_the_notices_list_pages_every_notice_exactly_once(client: Any, runtime: Any) -> None:
    f = await _file(client, runtime)
    ids, now = f["ids"], runtime.clock()
    # Ties on the time on purpose: the cursor must still move past each notice once.
    times = [now - timedelta(minutes=i // 3) for i in range(23)]
    # Opening the file already told her about the consents recorded with it.
    async with runtime.unit_of_work() as uow:
        earlier = (
            await uow.session.scalars(
                select(FamilyNotice.id).where(FamilyNotice.member_id == uuid.UUID(ids["parent"]))
            )
        ).all()
    made = [*earlier, *await add_notices(runtime, f["id"], ids["parent"], times)]
    await add_notices(runtime, f["id"], ids["father"], times[:4])
    seen: list[str] = []
    after: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 5}
        if after:
            params["after"] = after
        r = await client.get("/api/v1/me/notices", params=params, headers=f["headers"]["parent"])
        assert r.status_code == 200, r.text
        page = r.json()
        seen += [n["id"] for n in page["items"]]
        pages += 1
        after = page["next"]
        if after is None:
            break
        assert pages < 20
    assert sorted(seen) == sorted(str(i) for i in made)
    assert len(seen) == len(set(seen))
    first = (
        await client.get(
            "/api/v1/me/notices", params={"limit": 100}, headers=f["headers"]["parent"]
        )
    ).json()
    times_seen = [n["created_at"] for n in first["items"]]
    assert times_seen == sorted(times_seen, reverse=True)
    assert first["items"][0]["file_id"] == f["id"]
    bad = await client.get(
        "/api/v1/me/notices", params={"after": "not-a-cursor"}, headers=f["headers"]["parent"]
    )
    assert bad.status_code == 422
    # The youth has none of these.
    youth = (await client.get("/api/v1/me/notices", headers=f["headers"]["youth"])).json()
    assert {n["id"] for n in youth["items"]}.isdisjoint(seen)


async def test_a_notice_names_the_recording_organisation(client: Any, runtime: Any) -> None:
    f = await _file(client, runtime)
    ids, org1 = f["ids"], f["net"].orgs[1]
    recorded = await staff_consent(
        runtime, f["id"], organisation_id=org1, given_by=ids["youth"], members=[ids["youth"]]
    )
    r = await client.post(f"/api/v1/me/consents/{recorded}/contest", headers=f["headers"]["youth"])
    assert r.status_code == 200, r.text
    items = (await client.get("/api/v1/me/notices", headers=f["headers"]["youth"])).json()["items"]
    contested = next(n for n in items if n["kind"] == "consent_contested")
    assert contested["consent_id"] == str(recorded)
    assert contested["organisation"]["id"] == str(org1)
    assert contested["organisation"]["name"]
    assert set(contested) == {
        "id",
        "kind",
        "file_id",
        "reference",
        "consent_id",
        "organisation",
        "created_at",
    }
    assert member_id(f["view"], "youth") == ids["youth"]
