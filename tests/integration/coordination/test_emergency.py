"""Emergency access ("break the glass"): a worker without consent states a legal ground and
reads one file, read-only, for a fixed period; the grant is never extended; the family sees it
afterwards in its notices and its access log; a restricted file stays restricted under a grant
— on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from tests.factories import auth_headers, create_account
from tests.factories.assignments import link_and_accept
from tests.factories.coordination import (
    Network,
    audit_events,
    file_body,
    make_network,
    member_id,
    open_file,
    travel,
)
from tests.factories.emergency import URL, ask, reference
from tests.factories.mail import queued_mails
from tests.factories.restrictions import lift, restrict
from zorgafstemming.coordination.emergency.models import EmergencyGrant
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

RESTRICTED = "/problems/restricted"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def _file(client: AsyncClient, runtime: Runtime) -> tuple[Network, dict[str, Any]]:
    """A file of organisation 0 with one note about the child; organisation 1 has no consent."""
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    note = await client.post(
        f"/api/v1/files/{view['id']}/entries",
        json={"kind": "note", "about": [member_id(view, "child")], "body": "Mila is bang thuis."},
        headers=net.headers[0],
    )
    assert note.status_code == 201, note.text
    return net, view


async def _grants(runtime: Runtime) -> int:
    async with runtime.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(EmergencyGrant)) or 0)


async def test_a_grant_on_a_legal_ground_reads_the_file_and_nothing_more(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    fid, outsider = view["id"], net.headers[1]
    assert (await client.get(f"/api/v1/files/{fid}", headers=outsider)).status_code == 404

    granted = await ask(client, runtime, outsider, fid, explanation="Melding van de school.")
    assert granted.status_code == 201, granted.text
    grant = granted.json()
    assert grant["file_id"] == fid and grant["ground"] == "risk_to_child"
    assert grant["file_reference"] == reference(runtime, fid)
    assert grant["expires_at"].startswith((runtime.clock() + timedelta(hours=24)).isoformat()[:16])

    read = await client.get(f"/api/v1/files/{fid}", headers=outsider)
    assert read.status_code == 200, read.text
    assert {m["given_name"] for m in read.json()["members"] if m["visible"]} == {
        "Els",
        "Mila",
        "Noah",
    }
    journal = await client.get(f"/api/v1/files/{fid}/entries", headers=outsider)
    assert journal.status_code == 200, journal.text
    assert [e["body"] for e in journal.json()["items"]] == ["Mila is bang thuis."]

    # Read-only: writing, assigning, recording consent and closing stay refused (as unknown).
    note = {"kind": "note", "about": [member_id(view, "child")], "body": "Mag niet."}
    refused = [
        await client.post(f"/api/v1/files/{fid}/entries", json=note, headers=outsider),
        await client.post(f"/api/v1/files/{fid}/close", headers=outsider),
        await client.get(f"/api/v1/files/{fid}/assignments", headers=outsider),
    ]
    assert [r.status_code for r in refused] == [404, 404, 404]

    # The audit trail marks the reads with the emergency policy; the request is recorded too.
    events = await audit_events(runtime)
    reads = [
        e
        for e in events
        if e["action"] in ("coordination:file:read", "coordination:entry:list")
        and e["outcome"] == "allowed"
        and e["policy_id"] == "emergency-read"
    ]
    assert {e["action"] for e in reads} == {"coordination:file:read", "coordination:entry:list"}
    requested = [e for e in events if e["action"] == "emergency:grant:request"]
    assert [e["outcome"] for e in requested] == ["allowed"]
    # The explanation is never in the audit trail.
    assert all("school" not in str(e).lower() for e in events)


async def test_without_a_ground_nothing_is_granted(client: AsyncClient, runtime: Runtime) -> None:
    net, view = await _file(client, runtime)
    fid, outsider = view["id"], net.headers[1]
    body = {"file_reference": reference(runtime, fid)}
    missing = await client.post(URL, json=body, headers=outsider)
    assert missing.status_code == 422, missing.text
    unknown = await client.post(URL, json={**body, "ground": "curiosity"}, headers=outsider)
    assert unknown.status_code == 422, unknown.text
    other = await client.post(URL, json={**body, "ground": "other"}, headers=outsider)
    assert other.status_code == 422, other.text
    assert other.json()["type"] == "/problems/ground-incomplete"
    blank = await ask(client, runtime, outsider, fid, ground="other", explanation="   ")
    assert blank.status_code == 422, blank.text
    assert await _grants(runtime) == 0
    assert (await client.get(f"/api/v1/files/{fid}", headers=outsider)).status_code == 404
    assert await queued_mails(runtime, kind="emergency-access") == []
    # With an explanation, the ground "other" is enough.
    explained = await ask(client, runtime, outsider, fid, ground="other", explanation="Politie.")
    assert explained.status_code == 201, explained.text


async def test_a_reference_of_no_file_and_of_a_closed_file_answer_alike(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    closed = await client.post(f"/api/v1/files/{view['id']}/close", headers=net.headers[0])
    assert closed.status_code == 200, closed.text
    outsider = net.headers[1]
    of_closed = await ask(client, runtime, outsider, view["id"])
    of_nothing = await client.post(
        URL, json={"file_reference": "ZZZZ-ZZZZ", "ground": "court_order"}, headers=outsider
    )
    not_a_reference = await client.post(
        URL, json={"file_reference": "hallo", "ground": "court_order"}, headers=outsider
    )

    def seen(r: Any) -> tuple[int, dict[str, Any]]:
        body = dict(r.json())
        body.pop("request_id", None)
        return r.status_code, body

    assert seen(of_closed) == seen(of_nothing) == seen(not_a_reference)
    assert of_closed.status_code == 422
    assert of_closed.json()["type"] == "/problems/unknown-file-reference"
    assert await _grants(runtime) == 0


async def test_the_grant_ends_after_its_period(client: AsyncClient, runtime: Runtime) -> None:
    runtime.settings = dataclasses.replace(runtime.settings, emergency_hours=2)
    net, view = await _file(client, runtime)
    fid = view["id"]
    start = runtime.clock()
    granted = await ask(client, runtime, net.headers[1], fid, ground="court_order")
    assert granted.status_code == 201, granted.text
    ends = datetime.fromisoformat(granted.json()["expires_at"])
    assert start + timedelta(hours=2) <= ends < start + timedelta(hours=2, minutes=1)
    await travel(runtime, net, ends - timedelta(seconds=1))
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])).status_code == 200
    await travel(runtime, net, ends)
    gone = await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])
    assert gone.status_code == 404, gone.text
    gone = await client.get(f"/api/v1/files/{fid}/entries", headers=net.headers[1])
    assert gone.status_code == 404, gone.text


async def test_a_worker_cannot_extend_their_grant(client: AsyncClient, runtime: Runtime) -> None:
    dpo = await create_account(runtime, Role.DPO)
    net, view = await _file(client, runtime)
    fid = view["id"]
    start = runtime.clock()
    first = await ask(client, runtime, net.headers[1], fid)
    assert first.status_code == 201, first.text
    await travel(runtime, net, start + timedelta(hours=23))
    again = await ask(client, runtime, net.headers[1], fid)
    assert again.status_code == 409, again.text
    assert again.json()["type"] == "/problems/emergency-grant-running"
    assert await _grants(runtime) == 1
    assert len(await queued_mails(runtime, account_id=dpo.id, kind="emergency-access")) == 1
    # It still ends when it was going to.
    await travel(runtime, net, datetime.fromisoformat(first.json()["expires_at"]))
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])).status_code == 404
    # Once ended, asking again is a new grant, alerted again.
    renewed = await ask(client, runtime, net.headers[1], fid)
    assert renewed.status_code == 201, renewed.text
    assert renewed.json()["id"] != first.json()["id"]
    assert len(await queued_mails(runtime, account_id=dpo.id, kind="emergency-access")) == 2


async def test_the_grant_shows_only_the_members_concerned(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    fid = view["id"]
    granted = await ask(client, runtime, net.headers[1], fid, member_roles=["child"])
    assert granted.status_code == 201, granted.text
    read = (await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])).json()
    assert [m["given_name"] for m in read["members"] if m["visible"]] == ["Mila"]
    journal = (await client.get(f"/api/v1/files/{fid}/entries", headers=net.headers[1])).json()
    assert len(journal["items"]) == 1


async def test_the_dpo_is_alerted_and_reviews_within_five_working_days(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    net, view = await _file(client, runtime)
    start = runtime.clock()
    granted = await ask(client, runtime, net.headers[1], view["id"], explanation="Melding.")
    assert granted.status_code == 201, granted.text
    mails = await queued_mails(runtime, account_id=dpo.id, kind="emergency-access")
    assert len(mails) == 1 and mails[0].to == dpo.email
    assert "/fg/noodtoegang" in mails[0].body
    for secret in ("Melding", "Els", "Mila", "Peeters", reference(runtime, view["id"])):
        assert secret not in mails[0].body

    headers = await auth_headers(runtime, dpo)
    queue = await client.get(URL, headers=headers)
    assert queue.status_code == 200, queue.text
    (item,) = [i for i in queue.json()["items"] if i["id"] == granted.json()["id"]]
    assert item["ground"] == "risk_to_child" and item["explanation"] == "Melding."
    assert item["file_reference"] == reference(runtime, view["id"])
    assert item["overdue"] is False and item["review"] is None and item["in_force"] is True
    # The worker cannot see the queue nor review their own grant.
    assert (await client.get(URL, headers=net.headers[1])).status_code == 403
    review_url = f"{URL}/{item['id']}/review"
    body = {"outcome": "justified", "note": "Terecht: acuut gevaar."}
    assert (await client.post(review_url, json=body, headers=net.headers[1])).status_code == 403

    # Past the fifth working day it is flagged overdue.
    later = start + timedelta(days=10)
    runtime.clock = lambda: later
    headers = await auth_headers(runtime, dpo)
    late = (await client.get(URL, headers=headers)).json()["items"]
    assert [i["overdue"] for i in late if i["id"] == item["id"]] == [True]

    reviewed = await client.post(review_url, json=body, headers=headers)
    assert reviewed.status_code == 200, reviewed.text
    assert reviewed.json()["review"]["outcome"] == "justified"
    assert reviewed.json()["review"]["note"] == "Terecht: acuut gevaar."
    assert reviewed.json()["overdue"] is False
    twice = await client.post(review_url, json=body, headers=headers)
    assert twice.status_code == 409, twice.text
    no_note = await client.post(review_url, json={"outcome": "justified"}, headers=headers)
    assert no_note.status_code == 422, no_note.text


async def test_the_family_is_told_afterwards_and_sees_it_marked_in_its_log(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    fid = view["id"]
    parent = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], fid, member_id(view, "parent"), parent)
    start = runtime.clock()
    granted = await ask(client, runtime, net.headers[1], fid)
    assert granted.status_code == 201, granted.text
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])).status_code == 200

    async def family_sees() -> tuple[list[dict[str, Any]], list[str]]:
        headers = await auth_headers(runtime, parent)
        log = await client.get(f"/api/v1/me/files/{fid}/access-log", headers=headers)
        notices = await client.get("/api/v1/me/notices", headers=headers)
        assert log.status_code == 200 and notices.status_code == 200, (log.text, notices.text)
        marked = [row for row in log.json()["items"] if row["emergency_ground"]]
        return marked, [n["kind"] for n in notices.json()["items"]]

    # While the grant runs, the family is not told yet.
    marked, kinds = await family_sees()
    assert marked == [] and "emergency_access" not in kinds
    # Once it ended, the notice is there and every emergency access is marked with its ground.
    await travel(runtime, net, start + timedelta(hours=24, minutes=1))
    marked, kinds = await family_sees()
    assert "emergency_access" in kinds
    assert {row["emergency_ground"] for row in marked} == {"risk_to_child"}
    assert {row["verb"] for row in marked} >= {"viewed"}


async def test_the_dpo_may_delay_telling_the_family(client: AsyncClient, runtime: Runtime) -> None:
    dpo = await create_account(runtime, Role.DPO)
    net, view = await _file(client, runtime)
    fid = view["id"]
    parent = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], fid, member_id(view, "parent"), parent)
    start = runtime.clock()
    granted = await ask(client, runtime, net.headers[1], fid, ground="court_order")
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])).status_code == 200
    until = (start + timedelta(days=30)).date()
    review_url = f"{URL}/{granted.json()['id']}/review"
    half = {"outcome": "justified", "note": "Bevel.", "delay_reason": "Onderzoek loopt."}
    dpo_headers = await auth_headers(runtime, dpo)
    refused = await client.post(review_url, json=half, headers=dpo_headers)
    assert refused.status_code == 422, refused.text
    # A delay is weeks, not years: beyond 90 days it is refused and nothing is decided.
    far = (start + timedelta(days=120)).date().isoformat()
    too_long = await client.post(review_url, json={**half, "delay_until": far}, headers=dpo_headers)
    assert too_long.status_code == 422 and "at most 90 days" in too_long.text
    delayed = await client.post(
        review_url, json={**half, "delay_until": until.isoformat()}, headers=dpo_headers
    )
    assert delayed.status_code == 200, delayed.text
    assert delayed.json()["review"]["delay_until"] == until.isoformat()

    async def kinds_and_marks() -> tuple[list[str], int]:
        headers = await auth_headers(runtime, parent)
        notices = (await client.get("/api/v1/me/notices", headers=headers)).json()["items"]
        log = await client.get(f"/api/v1/me/files/{fid}/access-log", headers=headers)
        marks = sum(1 for row in log.json()["items"] if row["emergency_ground"])
        return [n["kind"] for n in notices], marks

    await travel(runtime, net, start + timedelta(days=2))
    kinds, marks = await kinds_and_marks()
    assert "emergency_access" not in kinds and marks == 0
    await travel(runtime, net, start + timedelta(days=32))
    kinds, marks = await kinds_and_marks()
    assert "emergency_access" in kinds and marks >= 1


async def test_a_grant_on_a_restricted_file_shows_only_that_it_is_restricted(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    fid, outsider = view["id"], net.headers[1]
    placed = await restrict(runtime, fid)
    granted = await ask(client, runtime, outsider, fid, explanation="Melding van de school.")
    assert granted.status_code == 201, granted.text

    read = await client.get(f"/api/v1/files/{fid}", headers=outsider)
    assert read.status_code == 200, read.text
    assert read.json()["status"] == "restricted" and read.json()["members"] == []
    assert "Mila" not in read.text and "Els" not in read.text
    journal = await client.get(f"/api/v1/files/{fid}/entries", headers=outsider)
    assert journal.status_code == 409 and journal.json()["type"] == RESTRICTED
    assert "bang" not in journal.text

    await lift(runtime, placed)
    read = await client.get(f"/api/v1/files/{fid}", headers=outsider)
    assert {m["given_name"] for m in read.json()["members"] if m["visible"]} >= {"Els", "Mila"}
    journal = await client.get(f"/api/v1/files/{fid}/entries", headers=outsider)
    assert [e["body"] for e in journal.json()["items"]] == ["Mila is bang thuis."]
