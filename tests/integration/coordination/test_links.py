"""Linking an existing family account waits for its holder: a partner who names the wrong
account (another family's) links nothing until the holder accepts; one account stands for one
person in a file; a partner invites only a member its consent covers — on SQLite and
PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import func, select

from tests.factories import auth_headers, create_account
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import (
    add_partner,
    audit_events,
    consent,
    family,
    file_body,
    make_network,
    member_id,
    open_file,
    stored_member_id,
)
from zorgafstemming.coordination.access_models import MemberLink
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.service import links
from zorgafstemming.identity.models import Account, Organisation
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _invite(
    client: AsyncClient, headers: dict[str, str], file_id: str, member: str, account: Any = None
) -> Response:
    body = {"existing_account_id": str(account)} if account is not None else None
    return await client.post(
        f"/api/v1/files/{file_id}/members/{member}/invitation", json=body, headers=headers
    )


async def _two_families(client: AsyncClient, runtime: Runtime) -> dict[str, Any]:
    """Family 1's parent has an account linked to their own file (of organisation 0); family 2
    is an unrelated file of organisation 1."""
    net = await make_network(runtime)
    own = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    holder = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(
        client, runtime, net.headers[0], own["id"], member_id(own, "parent"), holder
    )
    other = await open_file(client, net.headers[1], file_body(runtime.clock(), [net.orgs[1]]))
    return {"net": net, "own": own, "other": other, "holder": holder}


async def _export_ids(client: AsyncClient, headers: dict[str, str]) -> list[str]:
    export = await client.get("/api/v1/me/export", headers=headers)
    assert export.status_code == 200, export.text
    return [f["id"] for f in export.json()["files"]]


async def test_a_link_to_another_familys_member_waits_and_shows_nothing_until_accepted(
    client: AsyncClient, runtime: Runtime
) -> None:
    w = await _two_families(client, runtime)
    net, own, other, holder = w["net"], w["own"], w["other"], w["holder"]
    asked = await _invite(
        client, net.headers[1], other["id"], member_id(other, "parent"), holder.id
    )
    assert asked.status_code == 201, asked.text
    assert asked.json()["link_pending"] is True
    assert asked.json()["in_person_code"] is None
    headers = await auth_headers(runtime, holder)
    # Nothing of the other family's file reaches the holder: not listed, not exported.
    assert await _export_ids(client, headers) == [own["id"]]
    export = (await client.get("/api/v1/me/export", headers=headers)).text
    assert other["id"] not in export and member_id(other, "parent") not in export
    mine = (await client.get("/api/v1/me/files", headers=headers)).json()["items"]
    assert [f["id"] for f in mine] == [own["id"]]
    assert (await client.get(f"/api/v1/me/files/{other['id']}", headers=headers)).status_code == 404
    # The request names the organisation that leads that file, and nothing about its family.
    pending = (await client.get("/api/v1/me/links", headers=headers)).json()["items"]
    assert [(p["file_id"], set(p)) for p in pending] == [
        (other["id"], {"id", "file_id", "lead_organisation", "requested_at"})
    ]
    async with runtime.sessions() as session:
        lead_name = await session.scalar(
            select(Organisation.name).where(Organisation.id == net.orgs[1])
        )
    assert pending[0]["lead_organisation"] == lead_name
    # The member stays without an account until the holder answers.
    async with runtime.sessions() as session:
        linked = await session.scalar(
            select(Member.account_id).where(Member.id == uuid.UUID(member_id(other, "parent")))
        )
    assert linked is None

    accepted = await client.post(f"/api/v1/me/links/{pending[0]['id']}/accept", headers=headers)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json() == {"id": pending[0]["id"], "file_id": other["id"], "accepted": True}
    assert sorted(await _export_ids(client, headers)) == sorted([own["id"], other["id"]])
    assert (await client.get(f"/api/v1/me/files/{other['id']}", headers=headers)).status_code == 200
    assert (await client.get("/api/v1/me/links", headers=headers)).json()["items"] == []


async def test_declining_leaves_nothing_linked(client: AsyncClient, runtime: Runtime) -> None:
    w = await _two_families(client, runtime)
    net, own, other, holder = w["net"], w["own"], w["other"], w["holder"]
    parent = member_id(other, "parent")
    assert (await _invite(client, net.headers[1], other["id"], parent, holder.id)).is_success
    headers = await auth_headers(runtime, holder)
    [pending] = (await client.get("/api/v1/me/links", headers=headers)).json()["items"]
    before = len(await audit_events(runtime))
    declined = await client.post(f"/api/v1/me/links/{pending['id']}/decline", headers=headers)
    assert declined.status_code == 200, declined.text
    assert declined.json()["accepted"] is False
    events = (await audit_events(runtime))[before:]
    assert [(e["action"], e["outcome"]) for e in events] == [("family:link:decline", "allowed")]
    assert (await client.get("/api/v1/me/links", headers=headers)).json()["items"] == []
    assert await _export_ids(client, headers) == [own["id"]]
    again = await client.post(f"/api/v1/me/links/{pending['id']}/accept", headers=headers)
    assert again.status_code == 404
    async with runtime.sessions() as session:
        links_left = await session.scalar(select(func.count()).select_from(MemberLink))
        account = await session.scalar(
            select(Member.account_id).where(Member.id == uuid.UUID(parent))
        )
    assert links_left == 0 and account is None
    # The partner may ask the right person now: the member is free.
    right = await create_account(runtime, Role.FAMILY, with_email=False)
    assert (await _invite(client, net.headers[1], other["id"], parent, right.id)).is_success


async def test_another_person_cannot_answer_a_link_request(
    client: AsyncClient, runtime: Runtime
) -> None:
    w = await _two_families(client, runtime)
    net, other, holder = w["net"], w["other"], w["holder"]
    assert (
        await _invite(client, net.headers[1], other["id"], member_id(other, "parent"), holder.id)
    ).is_success
    [pending] = (
        await client.get("/api/v1/me/links", headers=await auth_headers(runtime, holder))
    ).json()["items"]
    stranger = await create_account(runtime, Role.FAMILY, with_email=False)
    theirs = await auth_headers(runtime, stranger)
    assert (await client.get("/api/v1/me/links", headers=theirs)).json()["items"] == []
    taken = await client.post(f"/api/v1/me/links/{pending['id']}/accept", headers=theirs)
    missing = await client.post(f"/api/v1/me/links/{uuid.uuid4()}/accept", headers=theirs)
    assert taken.status_code == missing.status_code == 404
    assert await _export_ids(client, theirs) == []


async def test_one_account_links_to_one_member_per_file(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    holder = await create_account(runtime, Role.FAMILY, with_email=False)
    parent, youth = member_id(view, "parent"), member_id(view, "youth")
    assert (await _invite(client, net.headers[0], fid, parent, holder.id)).status_code == 201
    # Waiting: a second link of the same account in the same file is a clear conflict.
    twice = await _invite(client, net.headers[0], fid, youth, holder.id)
    assert twice.status_code == 409, twice.text
    assert twice.json()["type"] == "/problems/already-linked"
    assert str(holder.id) not in twice.text
    # Accepted: still one person in the file.
    headers = await auth_headers(runtime, holder)
    [pending] = (await client.get("/api/v1/me/links", headers=headers)).json()["items"]
    assert (
        await client.post(f"/api/v1/me/links/{pending['id']}/accept", headers=headers)
    ).is_success
    after = await _invite(client, net.headers[0], fid, youth, holder.id)
    assert after.status_code == 409
    assert after.json()["type"] == "/problems/already-linked"
    # A member who has a family account already is not linked again either.
    other = await create_account(runtime, Role.FAMILY, with_email=False)
    assert (await _invite(client, net.headers[0], fid, parent, other.id)).status_code == 409


async def test_two_links_at_once_end_in_a_409_not_an_error(
    client: AsyncClient, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    holder = await create_account(runtime, Role.FAMILY, with_email=False)
    parent, youth = member_id(view, "parent"), member_id(view, "youth")
    assert (await _invite(client, net.headers[0], fid, parent, holder.id)).status_code == 201

    # The check before the insert misses the other request's link: the constraint still holds.
    async def never_linked(*args: Any, **kwargs: Any) -> bool:
        return False

    monkeypatch.setattr(links, "linked_in_file", never_linked)
    raced = await _invite(client, net.headers[0], fid, youth, holder.id)
    assert raced.status_code == 409, raced.text
    assert raced.json()["type"] == "/problems/already-linked"
    async with runtime.sessions() as session:
        waiting = await session.scalar(select(func.count()).select_from(MemberLink))
    assert waiting == 1


async def _covered_partner(client: AsyncClient, runtime: Runtime) -> tuple[Any, dict[str, Any]]:
    """Organisation 1 takes part (its worker assigned): the parent's consent names it for the
    parent's and child's identity; the youth's own consent names organisation 0 only; a third
    consent names organisation 1 for the father's case notes only."""
    net = await make_network(runtime)
    now = runtime.clock()
    members = family(now)
    members.append(
        {
            "ref": "father",
            "role": "parent",
            "given_name": "Jan",
            "family_name": "Peeters",
            "birth_date": "1980-02-02",
        }
    )
    a, b = net.orgs[0], net.orgs[1]
    body = {
        "members": members,
        "consents": [
            consent("parent", ["parent", "child"], [a, b], now),
            consent("youth", ["youth"], [a], now),
            consent("father", ["father"], [a], now),
            consent("father", ["father"], [a, b], now, categories=["case_notes"]),
        ],
    }
    view = await open_file(client, net.headers[0], body)
    await add_partner(client, net.headers[0], view["id"], b)
    await assign(runtime, view["id"], net.workers[1])
    return net, view


async def test_a_partner_invites_only_a_member_its_consent_covers(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _covered_partner(client, runtime)
    fid = view["id"]
    youth = await stored_member_id(runtime, fid, "youth")
    father = next(m["id"] for m in view["members"] if m.get("given_name") == "Jan")
    existing = await create_account(runtime, Role.FAMILY, with_email=False)
    async with runtime.sessions() as session:
        accounts_before = await session.scalar(select(func.count()).select_from(Account))
    before = len(await audit_events(runtime))
    for member in (youth, father):  # not covered at all / covered without identity data
        for account in (None, existing.id):
            refused = await _invite(client, net.headers[1], fid, member, account)
            assert refused.status_code == 422, refused.text
            assert refused.json()["type"] == "/problems/consent-required"
    events = (await audit_events(runtime))[before:]
    assert {(e["action"], e["outcome"]) for e in events} == {
        ("coordination:invitation:create", "denied")
    }
    async with runtime.sessions() as session:
        accounts_after = await session.scalar(select(func.count()).select_from(Account))
        waiting = await session.scalar(select(func.count()).select_from(MemberLink))
    assert accounts_after == accounts_before and waiting == 0
    # The member the partner's consent covers with identity data is invited.
    covered = await _invite(client, net.headers[1], fid, member_id(view, "parent"))
    assert covered.status_code == 201, covered.text
    assert covered.json()["in_person_code"]
    # The lead's consent covers the youth: the lead invites them.
    lead = await _invite(client, net.headers[0], fid, youth)
    assert lead.status_code == 201, lead.text
