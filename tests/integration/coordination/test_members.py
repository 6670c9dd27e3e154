"""Keeping the member list current over the API, on SQLite and PostgreSQL: a newborn is added
and shows only under a consent that covers them, a correction keeps the old value for the
family's view, a membership ends for the partners — each request audited once."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text

from tests.factories import create_account
from tests.factories.accounts import auth_headers
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import (
    Network,
    add_partner,
    audit_events,
    consent,
    family,
    make_network,
    member_id,
    open_file,
    row_counts,
    years_ago,
)
from tests.factories.evidence import with_scans
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

NEWBORN = {"role": "child", "given_name": "Lotte", "family_name": "Peeters"}


@pytest.fixture
def runtime(rolled_back: Any) -> Any:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def _shared_file(client: AsyncClient, runtime: Runtime) -> tuple[Network, dict[str, Any]]:
    """A file led by organisation 0; the parent's consent (parent and child, every category)
    names organisations 0 and 1, and organisation 1 takes part with an assigned worker."""
    net = await make_network(runtime)
    now = runtime.clock()
    body = {
        "members": family(now),
        "consents": [
            consent("parent", ["parent", "child"], [net.orgs[0], net.orgs[1]], now),
            consent("youth", ["youth"], [net.orgs[0]], now),
        ],
    }
    view = await open_file(client, net.headers[0], body)
    await add_partner(client, net.headers[0], view["id"], net.orgs[1])
    await assign(runtime, view["id"], net.workers[1])
    return net, view


def _newborn(runtime: Runtime) -> dict[str, Any]:
    return {**NEWBORN, "birth_date": runtime.clock().date().replace(day=1).isoformat()}


async def _members(client: AsyncClient, headers: dict[str, str], file_id: str) -> list[Any]:
    response = await client.get(f"/api/v1/files/{file_id}", headers=headers)
    assert response.status_code == 200, response.text
    members: list[Any] = response.json()["members"]
    return members


async def test_a_newborn_shows_only_under_a_consent_that_covers_them(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _shared_file(client, runtime)
    file_id = view["id"]
    before = await audit_events(runtime)
    added = await client.post(
        f"/api/v1/files/{file_id}/members", json=_newborn(runtime), headers=net.headers[0]
    )
    assert added.status_code == 201, added.text
    newborn = added.json()["id"]
    assert added.json() == {"id": newborn, "visible": False}
    assert "Lotte" not in added.text
    new = (await audit_events(runtime))[len(before) :]
    assert [(e["action"], e["outcome"], e["data_category"]) for e in new] == [
        ("coordination:member:add", "allowed", "identity")
    ]
    assert new[0]["policy_id"] == "lead-keeps-member-list"

    # No consent names the newborn yet: nobody sees more than that they exist.
    for headers in net.headers[:2]:
        seen = {m["id"]: m for m in await _members(client, headers, file_id)}
        assert seen[newborn] == {"id": newborn, "visible": False}
    # The parent sees their newborn in the portal (to give consent for them there).
    holder = await create_account(runtime, Role.FAMILY, with_email=False)
    parent = member_id(view, "parent")
    await link_and_accept(client, runtime, net.headers[0], file_id, parent, holder)
    mine = await client.get(
        f"/api/v1/me/files/{file_id}", headers=await auth_headers(runtime, holder)
    )
    assert {"id": newborn, "given_name": "Lotte"}.items() <= next(
        m for m in mine.json()["members"] if m["id"] == newborn
    ).items()

    # The parent consents for the newborn, naming the lead only.
    now = runtime.clock()
    body = consent(parent, [newborn], [net.orgs[0]], now, categories=["identity"])
    [body] = await with_scans(client, net.headers[0], [body])
    before = await audit_events(runtime)
    recorded = await client.post(
        f"/api/v1/files/{file_id}/consents", json=body, headers=net.headers[0]
    )
    assert recorded.status_code == 201, recorded.text
    new = (await audit_events(runtime))[len(before) :]
    assert [(e["action"], e["outcome"]) for e in new] == [
        ("coordination:consent:record", "allowed")
    ]

    lead_view = {m["id"]: m for m in await _members(client, net.headers[0], file_id)}
    assert lead_view[newborn]["visible"] is True
    assert lead_view[newborn]["given_name"] == "Lotte"
    assert lead_view[newborn]["withheld_categories"] == ["contact"]
    partner_view = {m["id"]: m for m in await _members(client, net.headers[1], file_id)}
    assert partner_view[newborn] == {"id": newborn, "visible": False}


async def test_only_the_lead_adds_a_member_and_bad_details_store_nothing(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _shared_file(client, runtime)
    path = f"/api/v1/files/{view['id']}/members"
    counts = await row_counts(runtime)
    partner = await client.post(path, json=_newborn(runtime), headers=net.headers[1])
    assert partner.status_code == 403, partner.text
    assert partner.json()["type"].endswith("/lead-only")
    outsider = await client.post(path, json=_newborn(runtime), headers=net.headers[2])
    assert outsider.status_code == 404
    future = {**_newborn(runtime), "birth_date": "2999-01-01"}
    bad_insz = {**_newborn(runtime), "insz": "12345678901"}
    taken = {**_newborn(runtime), "insz": "85073003328"}  # the parent's national number
    for body in (future, bad_insz, taken, {**_newborn(runtime), "role": "cousin"}):
        refused = await client.post(path, json=body, headers=net.headers[0])
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert "12345678901" not in refused.text
    assert await row_counts(runtime) == counts


async def test_a_correction_keeps_the_old_value_for_the_family(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _shared_file(client, runtime)
    file_id, parent = view["id"], member_id(view, "parent")
    holder = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], file_id, parent, holder)
    before = await audit_events(runtime)
    corrected = await client.post(
        f"/api/v1/files/{file_id}/members/{parent}/corrections",
        json={
            "reason": "address_changed",
            "note": "Verhuisd in maart.",
            "address": "Dorpsstraat 5, 2980 Zoersel",
            "phone": None,
            "given_name": "Els",  # unchanged: no correction
        },
        headers=net.headers[1],  # a partner whose consent covers the parent's contact details
    )
    assert corrected.status_code == 201, corrected.text
    answer = corrected.json()
    assert answer["corrected_fields"] == ["address", "phone"]
    assert answer["member"]["address"] == "Dorpsstraat 5, 2980 Zoersel"
    assert answer["member"]["phone"] is None
    new = (await audit_events(runtime))[len(before) :]
    assert [(e["action"], e["outcome"], e["data_category"]) for e in new] == [
        ("coordination:member:correct", "allowed", "contact+identity")
    ]

    family_headers = await auth_headers(runtime, holder)
    history = await client.get(f"/api/v1/me/files/{file_id}/corrections", headers=family_headers)
    assert history.status_code == 200, history.text
    items = {i["field"]: i for i in history.json()["items"]}
    assert set(items) == {"address", "phone"}
    assert items["address"]["old_value"] == "Kerkstraat 1, 2980 Zoersel"
    assert items["address"]["new_value"] == "Dorpsstraat 5, 2980 Zoersel"
    assert items["address"]["reason"] == "address_changed"
    assert items["address"]["note"] == "Verhuisd in maart."
    assert items["address"]["corrected_by_organisation_id"] == str(net.orgs[1])
    assert items["phone"] == {**items["phone"], "old_value": "+32 3 123 45 67", "new_value": None}
    # The family's view of the file shows the new value.
    mine = (await client.get(f"/api/v1/me/files/{file_id}", headers=family_headers)).json()
    me = next(m for m in mine["members"] if m["id"] == parent)
    assert me["address"] == "Dorpsstraat 5, 2980 Zoersel"

    # The old value is stored encrypted, never in clear.
    async with runtime.sessions() as session:
        raw = (await session.execute(text("SELECT * FROM member_corrections"))).all()
    assert len(raw) == 2
    assert all(b"Kerkstraat" not in bytes(v) for r in raw for v in r if isinstance(v, bytes))

    # Another family sees none of it.
    other = await create_account(runtime, Role.FAMILY, with_email=False)
    foreign = await client.get(
        f"/api/v1/me/files/{file_id}/corrections", headers=await auth_headers(runtime, other)
    )
    assert foreign.status_code == 404
    # Both looks at the history are audited: the family's read allowed, the other's denied.
    listed = [e for e in await audit_events(runtime) if e["action"] == "family:correction:list"]
    assert [e["outcome"] for e in listed] == ["allowed", "denied"]


async def test_a_partner_corrects_only_what_its_consent_covers(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    body = {
        "members": family(now),
        "consents": [
            consent("parent", ["parent", "child"], [net.orgs[0]], now),
            consent("parent", ["parent"], [net.orgs[0], net.orgs[1]], now, categories=["identity"]),
            consent("youth", ["youth"], [net.orgs[0]], now),
        ],
    }
    view = await open_file(client, net.headers[0], body)
    await add_partner(client, net.headers[0], view["id"], net.orgs[1])
    await assign(runtime, view["id"], net.workers[1])
    path = f"/api/v1/files/{view['id']}/members"
    parent, child = member_id(view, "parent"), member_id(view, "child")
    counts = await row_counts(runtime)
    before = await audit_events(runtime)

    contact = await client.post(
        f"{path}/{parent}/corrections",
        json={"reason": "address_changed", "address": "Dorpsstraat 5"},
        headers=net.headers[1],
    )
    assert contact.status_code == 422
    assert contact.json()["type"].endswith("/consent-required")
    hidden = await client.post(
        f"{path}/{child}/corrections",
        json={"reason": "typo", "given_name": "Milla"},
        headers=net.headers[1],
    )
    assert hidden.status_code == 404
    for bad in ({"reason": "because"}, {"reason": "typo"}, {"reason": "typo", "given_name": " "}):
        refused = await client.post(
            f"{path}/{parent}/corrections", json=bad, headers=net.headers[1]
        )
        assert refused.status_code == 422, refused.text
    assert await row_counts(runtime) == counts
    denied = [e for e in (await audit_events(runtime))[len(before) :] if e["outcome"] == "denied"]
    assert [e["data_category"] for e in denied[:2]] == ["contact", "identity"]

    typo = await client.post(
        f"{path}/{parent}/corrections",
        json={"reason": "typo", "family_name": "Peters"},
        headers=net.headers[1],
    )
    assert typo.status_code == 201, typo.text
    assert typo.json()["member"]["family_name"] == "Peters"


async def test_an_ended_membership_leaves_the_partners_views(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _shared_file(client, runtime)
    file_id, parent, child = view["id"], member_id(view, "parent"), member_id(view, "child")
    holder = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], file_id, parent, holder)
    path = f"/api/v1/files/{file_id}/members/{child}/end"
    partner = await client.post(path, json={"reason": "moved_out"}, headers=net.headers[1])
    assert partner.status_code == 403
    bad = await client.post(path, json={"reason": "bored"}, headers=net.headers[0])
    assert bad.status_code == 422
    before = await audit_events(runtime)
    ended = await client.post(path, json={"reason": "moved_out"}, headers=net.headers[0])
    assert ended.status_code == 200, ended.text
    assert ended.json()["reason"] == "moved_out"
    new = (await audit_events(runtime))[len(before) :]
    assert [(e["action"], e["outcome"]) for e in new] == [("coordination:member:end", "allowed")]

    for headers in net.headers[:2]:
        shown = await client.get(f"/api/v1/files/{file_id}", headers=headers)
        assert child not in {m["id"] for m in shown.json()["members"]}
        assert "Mila" not in shown.text
    # Corrections of a member who left are refused like an unknown member's.
    gone = await client.post(
        f"/api/v1/files/{file_id}/members/{child}/corrections",
        json={"reason": "typo", "given_name": "Milla"},
        headers=net.headers[0],
    )
    assert gone.status_code == 404
    again = await client.post(path, json={"reason": "moved_out"}, headers=net.headers[0])
    assert again.status_code == 409
    note = {"kind": "note", "about": [child], "body": "Gesprek."}
    about = await client.post(f"/api/v1/files/{file_id}/entries", json=note, headers=net.headers[0])
    assert about.status_code == 422
    # The data stays for retention: the parent still sees the child in the portal.
    mine = await client.get(
        f"/api/v1/me/files/{file_id}", headers=await auth_headers(runtime, holder)
    )
    assert child in {m["id"] for m in mine.json()["members"]}


async def test_a_parent_whose_membership_ended_no_longer_reaches_the_file(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _shared_file(client, runtime)
    file_id, parent = view["id"], member_id(view, "parent")
    holder = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], file_id, parent, holder)
    family_headers = await auth_headers(runtime, holder)
    assert (
        await client.get(f"/api/v1/me/files/{file_id}", headers=family_headers)
    ).status_code == 200

    ended = await client.post(
        f"/api/v1/files/{file_id}/members/{parent}/end",
        json={"reason": "left_family"},
        headers=net.headers[0],
    )
    assert ended.status_code == 200, ended.text
    # Like a file that is not theirs: not listed, not readable, its log not shown.
    assert (
        await client.get(f"/api/v1/me/files/{file_id}", headers=family_headers)
    ).status_code == 404
    listed = await client.get("/api/v1/me/files", headers=family_headers)
    assert file_id not in {f["id"] for f in listed.json()["items"]}
    log = await client.get(f"/api/v1/me/files/{file_id}/access-log", headers=family_headers)
    assert log.status_code == 404


async def test_a_corrected_family_name_is_found_by_search_and_the_old_one_no_longer(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _shared_file(client, runtime)
    file_id, parent = view["id"], member_id(view, "parent")
    born = int(family(runtime.clock())[0]["birth_date"][:4])

    async def found(name: str) -> list[str]:
        answer = await client.post(
            "/api/v1/files/search",
            json={"family_name": name, "birth_year": born},
            headers=net.headers[0],
        )
        assert answer.status_code == 200, answer.text
        return [item["id"] for item in answer.json()["items"]]

    assert await found("Peeters") == [file_id]
    corrected = await client.post(
        f"/api/v1/files/{file_id}/members/{parent}/corrections",
        json={"reason": "name_changed", "family_name": "Van den Broeck"},
        headers=net.headers[0],
    )
    assert corrected.status_code == 201, corrected.text
    assert await found("van den broeck") == [file_id]
    assert await found("Peeters") == []


async def _noor_and_her_mother(
    client: AsyncClient, runtime: Runtime
) -> tuple[Network, str, str, str]:
    """Noor is 14. Her mother consented for herself and Noor (every category, organisations 0
    and 1, the CLB) when Noor was 11; it lapsed for Noor at her 12th birthday. Noor now consents
    herself to organisations 0 and 1 for her identity only. Returns the network, the file, the
    mother and Noor."""
    net = await make_network(runtime)
    today = runtime.clock()
    then = today - timedelta(days=900)  # Noor was 11 and a half
    runtime.clock = lambda: then
    body = {
        "members": [
            family(today)[0],
            {
                "ref": "noor",
                "role": "youth",
                "given_name": "Noor",
                "family_name": "Peeters",
                "birth_date": years_ago(today, 14),
            },
        ],
        "consents": [
            consent("parent", ["parent", "noor"], [net.orgs[0], net.orgs[1]], then, days=1000)
        ],
    }
    view = await open_file(client, net.headers[0], body)
    file_id, mother, noor = view["id"], member_id(view, "parent"), member_id(view, "youth")
    await add_partner(client, net.headers[0], file_id, net.orgs[1])
    await assign(runtime, file_id, net.workers[1])
    runtime.clock = lambda: today
    [own] = await with_scans(
        client,
        net.headers[1],
        [consent(noor, [noor], [net.orgs[0], net.orgs[1]], today, categories=["identity"])],
    )
    recorded = await client.post(
        f"/api/v1/files/{file_id}/consents", json=own, headers=net.headers[1]
    )
    assert recorded.status_code == 201, recorded.text
    return net, file_id, mother, noor


async def test_a_birth_date_correction_that_changes_who_consents_is_refused(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, file_id, mother, noor = await _noor_and_her_mother(client, runtime)
    holder = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], file_id, mother, holder)
    mothers = await auth_headers(runtime, holder)
    shown = await client.get(f"/api/v1/files/{file_id}", headers=net.headers[1])
    counts = await row_counts(runtime)
    before = await audit_events(runtime)

    # Three years younger, Noor would be 11: her mother's consent would cover her again.
    born = date.fromisoformat(years_ago(runtime.clock(), 11))
    moved = await client.post(
        f"/api/v1/files/{file_id}/members/{noor}/corrections",
        json={"reason": "wrong_birth_date", "birth_date": born.isoformat()},
        headers=net.headers[1],
    )
    assert moved.status_code == 422, moved.text
    problem = moved.json()
    assert moved.headers["content-type"].startswith("application/problem+json")
    assert "changes who consents for this member" in problem["detail"]
    assert "data protection officer" in problem["detail"]
    assert [e["field"] for e in problem["errors"]] == ["birth_date"]
    # Nothing stored: no correction, no notice, the same view and coverage for the partner.
    assert await row_counts(runtime) == counts
    new = (await audit_events(runtime))[len(before) :]
    assert [(e["action"], e["outcome"]) for e in new] == [("coordination:member:correct", "denied")]
    assert (await client.get(f"/api/v1/files/{file_id}", headers=net.headers[1])).json() == (
        shown.json()
    )
    # Her mother still does not see Noor in the portal.
    mine = (await client.get(f"/api/v1/me/files/{file_id}", headers=mothers)).json()
    assert noor not in {m["id"] for m in mine["members"]}
    assert "Noor" not in str(mine)


async def test_a_harmless_birth_date_correction_is_kept_and_the_family_told(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, file_id, mother, noor = await _noor_and_her_mother(client, runtime)
    accounts = {}
    for who in (mother, noor):
        accounts[who] = await create_account(runtime, Role.FAMILY, with_email=False)
        await link_and_accept(client, runtime, net.headers[0], file_id, who, accounts[who])
    heads = {who: await auth_headers(runtime, a) for who, a in accounts.items()}

    # Ten days later: still 14 today and still 11 when her mother consented.
    born = date.fromisoformat(years_ago(runtime.clock(), 14)) + timedelta(days=10)
    corrected = await client.post(
        f"/api/v1/files/{file_id}/members/{noor}/corrections",
        json={"reason": "wrong_birth_date", "birth_date": born.isoformat()},
        headers=net.headers[1],
    )
    assert corrected.status_code == 201, corrected.text
    assert corrected.json()["member"]["birth_date"] == born.isoformat()

    # Noor (14) is told, with the organisation that corrected; her mother is not.
    notices = (await client.get("/api/v1/me/notices", headers=heads[noor])).json()["items"]
    told = [n for n in notices if n["kind"] == "member_corrected"]
    assert [(n["file_id"], n["organisation"]["id"]) for n in told] == [(file_id, str(net.orgs[1]))]
    theirs = (await client.get("/api/v1/me/notices", headers=heads[mother])).json()["items"]
    assert "member_corrected" not in {n["kind"] for n in theirs}
    history = await client.get(f"/api/v1/me/files/{file_id}/corrections", headers=heads[noor])
    assert [(i["field"], i["new_value"]) for i in history.json()["items"]] == [
        ("birth_date", born.isoformat())
    ]
