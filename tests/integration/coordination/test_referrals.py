"""Referrals between partners over the API, on SQLite and PostgreSQL: the receiving
organisation sees nothing of the file before it accepts; once a consent names it, it reads
exactly what that consent covers; without one the referral waits and it still sees nothing,
until a consent arrives and it joins by accepting again. Looking at the inbox changes nothing."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from tests.factories import create_account
from tests.factories.accounts import auth_headers, web_session
from tests.factories.assignments import link_and_accept
from tests.factories.coordination import (
    Network,
    audit_events,
    file_body,
    make_network,
    member_id,
    open_file,
)
from tests.factories.referrals import NOTE, record_consent_for, refer
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.models import Participant
from zorgafstemming.identity.principal import Role
from zorgafstemming.identity.sessions import SESSION_COOKIE
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _file(client: AsyncClient, runtime: Runtime, net: Network) -> dict[str, Any]:
    return await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))


async def _inbox(client: AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    listed = await client.get("/api/v1/referrals", headers=headers)
    assert listed.status_code == 200, listed.text
    items: list[dict[str, Any]] = listed.json()["items"]
    return items


async def _join(client: AsyncClient, headers: dict[str, str], referral_id: str) -> Any:
    return await client.post(f"/api/v1/referrals/{referral_id}/accept", headers=headers)


async def _taking_part(runtime: Runtime, file_id: str) -> tuple[int, int]:
    """How many organisations take part in the file, and how many assignments it has."""
    fid = uuid.UUID(file_id)
    async with runtime.sessions() as session:
        participants = await session.scalar(
            select(func.count()).select_from(Participant).where(Participant.file_id == fid)
        )
        assignments = await session.scalar(
            select(func.count()).select_from(FileAssignment).where(FileAssignment.file_id == fid)
        )
    return int(participants or 0), int(assignments or 0)


async def _sees_nothing(client: AsyncClient, headers: dict[str, str], file_id: str) -> None:
    for path in ("", "/entries", "/referrals", "/assignments"):
        answer = await client.get(f"/api/v1/files/{file_id}{path}", headers=headers)
        assert answer.status_code == 404, (path, answer.text)
    listed = await client.get("/api/v1/files", headers=headers)
    assert file_id not in {f["id"] for f in listed.json()["items"]}


async def test_the_receiving_partner_sees_only_who_refers_what_for_and_how_urgent(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _file(client, runtime, net)
    sent = await refer(client, net.headers[0], view["id"], net.orgs[1])
    assert sent.status_code == 201, sent.text
    assert sent.json()["status"] == "open" and sent.json()["note"] == NOTE
    [item] = await _inbox(client, net.headers[1])
    assert item["from_organisation_id"] == str(net.orgs[0])
    assert (item["purpose"], item["urgency"], item["status"]) == (
        "care_coordination",
        "soon",
        "open",
    )
    assert len(item["reference"]) == 8
    # Nothing of the file: no id, no note, no category.
    assert item["file_id"] is None and item["note"] is None and item["note_category"] is None
    await _sees_nothing(client, net.headers[1], view["id"])
    # A third organisation has no such referral.
    assert await _inbox(client, net.headers[2]) == []
    foreign = await client.post(f"/api/v1/referrals/{item['id']}/accept", headers=net.headers[2])
    missing = await client.post(f"/api/v1/referrals/{uuid.uuid4()}/accept", headers=net.headers[2])
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["detail"] == missing.json()["detail"]


async def test_accepted_with_a_consent_naming_it_the_partner_reads_exactly_what_it_covers(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _file(client, runtime, net)
    parent = member_id(view, "parent")
    # A case note about the parent, written before B is referred.
    note = await client.post(
        f"/api/v1/files/{view['id']}/entries",
        json={"kind": "note", "about": [parent], "body": "Gesprek over de opvoeding."},
        headers=net.headers[0],
    )
    assert note.status_code == 201, note.text
    # The family consents to B seeing the parent's identity only.
    await record_consent_for(
        client,
        net.headers[0],
        runtime,
        view["id"],
        parent,
        [net.orgs[0], net.orgs[1]],
        ["identity"],
    )
    sent = await refer(client, net.headers[0], view["id"], net.orgs[1])
    assert sent.status_code == 201
    accepted = await client.post(
        f"/api/v1/referrals/{sent.json()['id']}/accept", headers=net.headers[1]
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "joined"
    assert accepted.json()["file_id"] == view["id"]
    seen = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[1])
    assert seen.status_code == 200, seen.text
    body = seen.json()
    visible = [m for m in body["members"] if m.get("visible", True) and m.get("given_name")]
    assert [m["id"] for m in visible] == [parent]
    assert visible[0]["given_name"] == "Els" and visible[0].get("phone") is None
    assert "contact" in body["withheld_categories"]
    # Case notes are not covered: B reads no entry, while A still reads the note.
    entries = await client.get(f"/api/v1/files/{view['id']}/entries", headers=net.headers[1])
    assert "Gesprek over de opvoeding" not in entries.text
    assert entries.status_code == 200, entries.text
    assert entries.json()["items"] == []
    assert entries.json()["withheld_categories"] == ["case_notes"]
    leads = await client.get(f"/api/v1/files/{view['id']}/entries", headers=net.headers[0])
    assert "Gesprek over de opvoeding" in leads.text
    # The note is about case notes, which B's consent does not cover: it stays hidden.
    [mine] = (
        await client.get(f"/api/v1/files/{view['id']}/referrals", headers=net.headers[1])
    ).json()["items"]
    assert mine["status"] == "joined" and mine["note"] is None
    # The accepting worker was assigned and is B's contact person on the file.
    team = await client.get(f"/api/v1/files/{view['id']}/assignments", headers=net.headers[1])
    assert [a["account_id"] for a in team.json()["items"]] == [str(net.workers[1].id)]
    # A was told.
    notices = await client.get("/api/v1/notifications", headers=net.headers[0])
    assert "referral_joined" in {n["kind"] for n in notices.json()["items"]}


async def test_without_a_consent_the_referral_waits_and_a_later_consent_completes_it(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _file(client, runtime, net)
    sent = await refer(client, net.headers[0], view["id"], net.orgs[1])
    accepted = await client.post(
        f"/api/v1/referrals/{sent.json()['id']}/accept", headers=net.headers[1]
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "waiting_for_consent"
    await _sees_nothing(client, net.headers[1], view["id"])
    [item] = await _inbox(client, net.headers[1])
    assert item["status"] == "waiting_for_consent" and item["file_id"] is None
    await _sees_nothing(client, net.headers[1], view["id"])
    # Joining before the family consents is refused, and changes nothing.
    early = await _join(client, net.headers[1], sent.json()["id"])
    assert early.status_code == 422 and early.json()["type"].endswith("/consent-required")
    assert "consent" in early.json()["detail"]
    [item] = await _inbox(client, net.headers[1])
    assert item["status"] == "waiting_for_consent"
    await _sees_nothing(client, net.headers[1], view["id"])
    # The family consents to B for identity and case notes: B joins by accepting again.
    await record_consent_for(
        client,
        net.headers[0],
        runtime,
        view["id"],
        member_id(view, "parent"),
        [net.orgs[0], net.orgs[1]],
        ["identity", "case_notes"],
    )
    [item] = await _inbox(client, net.headers[1])
    assert item["status"] == "waiting_for_consent"
    joined = await _join(client, net.headers[1], sent.json()["id"])
    assert joined.status_code == 200, joined.text
    assert joined.json()["status"] == "joined" and joined.json()["file_id"] == view["id"]
    [item] = await _inbox(client, net.headers[1])
    assert item["status"] == "joined" and item["file_id"] == view["id"]
    again = await _join(client, net.headers[1], sent.json()["id"])
    assert again.status_code == 409
    assert (
        await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[1])
    ).status_code == 200
    [mine] = (
        await client.get(f"/api/v1/files/{view['id']}/referrals", headers=net.headers[1])
    ).json()["items"]
    assert mine["note"] == NOTE and mine["note_category"] == "case_notes"
    events = [e for e in await audit_events(runtime) if e["action"] == "coordination:file:read"]
    assert events[-1]["outcome"] == "allowed" and "case_notes" in (
        events[-1]["data_category"] or ""
    )


async def test_a_note_the_referring_consent_does_not_cover_is_refused(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    body = file_body(runtime.clock(), [net.orgs[0]], categories=["identity", "contact"])
    view = await open_file(client, net.headers[0], body)
    refused = await refer(client, net.headers[0], view["id"], net.orgs[1], category="health")
    assert refused.status_code == 422 and refused.json()["type"].endswith("/consent-required")
    assert await _inbox(client, net.headers[1]) == []
    unknown = await refer(client, net.headers[0], view["id"], net.orgs[1], purpose="marketing")
    assert unknown.status_code == 422
    own = await refer(client, net.headers[0], view["id"], net.orgs[0])
    assert own.status_code == 422


async def test_a_declined_referral_says_why_and_cannot_be_answered_twice(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _file(client, runtime, net)
    sent = await refer(client, net.headers[0], view["id"], net.orgs[1])
    rid = sent.json()["id"]
    declined = await client.post(
        f"/api/v1/referrals/{rid}/decline", json={"reason": "no_capacity"}, headers=net.headers[1]
    )
    assert declined.status_code == 200
    assert (declined.json()["status"], declined.json()["decline_reason"]) == (
        "declined",
        "no_capacity",
    )
    again = await client.post(f"/api/v1/referrals/{rid}/accept", headers=net.headers[1])
    assert again.status_code == 409
    bad = await client.post(
        f"/api/v1/referrals/{rid}/decline", json={"reason": "geen zin"}, headers=net.headers[1]
    )
    assert bad.status_code in (400, 422)
    notices = await client.get("/api/v1/notifications", headers=net.headers[0])
    assert "referral_declined" in {n["kind"] for n in notices.json()["items"]}
    # A new referral to the same organisation may follow; two waiting at once may not.
    assert (await refer(client, net.headers[0], view["id"], net.orgs[1])).status_code == 201
    assert (await refer(client, net.headers[0], view["id"], net.orgs[1])).status_code == 409


async def test_a_consent_the_family_gives_in_the_portal_completes_a_waiting_referral(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _file(client, runtime, net)
    parent_member = member_id(view, "parent")
    parent = await create_account(runtime, Role.FAMILY)
    await link_and_accept(client, runtime, net.headers[0], view["id"], parent_member, parent)
    sent = await refer(client, net.headers[0], view["id"], net.orgs[1])
    rid = sent.json()["id"]
    waiting = await client.post(f"/api/v1/referrals/{rid}/accept", headers=net.headers[1])
    assert waiting.json()["status"] == "waiting_for_consent"
    given = await client.post(
        "/api/v1/me/consents",
        json={
            "file_id": view["id"],
            "members": [parent_member],
            "recipients": [str(net.orgs[1])],
            "purposes": ["care_coordination"],
            "categories": ["identity"],
            "notice_version": "2026-1",
        },
        headers=await auth_headers(runtime, parent),
    )
    assert given.status_code == 201, given.text
    joined = await _join(client, net.headers[1], rid)
    assert joined.status_code == 200 and joined.json()["status"] == "joined"
    [item] = await _inbox(client, net.headers[1])
    assert item["status"] == "joined"
    seen = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[1])
    assert seen.status_code == 200
    assert [m["given_name"] for m in seen.json()["members"] if m.get("given_name")] == ["Els"]


async def test_viewing_the_inbox_changes_nothing_and_joining_is_audited_on_the_file(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _file(client, runtime, net)
    sent = await refer(client, net.headers[0], view["id"], net.orgs[1])
    rid = sent.json()["id"]
    waiting = await _join(client, net.headers[1], rid)
    assert waiting.json()["status"] == "waiting_for_consent"
    await record_consent_for(
        client,
        net.headers[0],
        runtime,
        view["id"],
        member_id(view, "parent"),
        [net.orgs[0], net.orgs[1]],
        ["identity"],
    )
    before = await _taking_part(runtime, view["id"])
    notices_before = await client.get("/api/v1/notifications", headers=net.headers[0])
    # B looks at its inbox, over the API and on the web page: nothing changes.
    [item] = await _inbox(client, net.headers[1])
    assert item["status"] == "waiting_for_consent" and item["file_id"] is None
    secret = await web_session(runtime, net.workers[1].principal())
    page = await client.get("/verwijzingen", headers={"cookie": f"{SESSION_COOKIE}={secret}"})
    assert page.status_code == 200 and "Toetreden tot het dossier" in page.text
    assert await _taking_part(runtime, view["id"]) == before
    notices_after = await client.get("/api/v1/notifications", headers=net.headers[0])
    assert notices_after.json()["items"] == notices_before.json()["items"]
    await _sees_nothing(client, net.headers[1], view["id"])
    # B joins with a POST: one more participant and one more assignment, and the audit
    # event of the join names the file.
    joined = await _join(client, net.headers[1], rid)
    assert joined.status_code == 200 and joined.json()["status"] == "joined"
    assert await _taking_part(runtime, view["id"]) == (before[0] + 1, before[1] + 1)
    events = await audit_events(runtime)
    accepts = [e for e in events if e["action"] == "coordination:referral:accept"]
    assert [e["outcome"] for e in accepts] == ["allowed", "allowed"]
    assert accepts[-1]["file_ref"] == audit_ref(
        runtime.secrets.audit_key, "file", uuid.UUID(view["id"])
    )


async def test_every_step_leaves_one_audit_event_with_its_outcome(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _file(client, runtime, net)
    sent = await refer(client, net.headers[0], view["id"], net.orgs[1])
    await client.post(f"/api/v1/referrals/{uuid.uuid4()}/accept", headers=net.headers[1])
    await client.post(
        f"/api/v1/referrals/{sent.json()['id']}/decline",
        json={"reason": "not_our_service"},
        headers=net.headers[1],
    )
    await client.get("/api/v1/referrals", headers=net.headers[1])
    events = [
        (e["action"], e["outcome"])
        for e in await audit_events(runtime)
        if e["action"].startswith("coordination:referral")
    ]
    assert events == [
        ("coordination:referral:create", "allowed"),
        ("coordination:referral:accept", "denied"),
        ("coordination:referral:decline", "allowed"),
        ("coordination:referral:list", "allowed"),
    ]


async def test_a_referral_on_a_file_closed_since_can_no_longer_be_accepted(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _file(client, runtime, net)
    sent = await refer(client, net.headers[0], view["id"], net.orgs[1])
    closed = await client.post(f"/api/v1/files/{view['id']}/close", headers=net.headers[0])
    assert closed.status_code == 200
    late = await client.post(
        f"/api/v1/referrals/{sent.json()['id']}/accept", headers=net.headers[1]
    )
    assert late.status_code == 409 and late.json()["type"].endswith("/file-closed")
    await _sees_nothing(client, net.headers[1], view["id"])
    # And no referral leaves a closed file.
    again = await refer(client, net.headers[0], view["id"], net.orgs[2])
    assert again.status_code == 404
