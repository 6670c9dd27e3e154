"""Case meetings over the API, on SQLite and PostgreSQL: the lead plans a meeting and every
invited address gets a mail with a valid ``.ics`` (Brussels time with its TZID, on both sides
of a DST change); an organisation without consent for case meetings cannot be invited; a
cancellation sends METHOD:CANCEL; the minutes' decisions are stored and read by partners only
under their consent."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from tests.factories.coordination import audit_events, travel
from tests.factories.meetings import (
    AGENDA,
    PLACE,
    calendar_of,
    meeting_body,
    meeting_world,
    plan,
    queued_mails,
)
from zorgafstemming.coordination.meeting_models import Meeting
from zorgafstemming.coordination.service.meeting_minutes import decisions_of
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


def _next_year(runtime: Runtime, month: int, day: int) -> date:
    return date(runtime.clock().year + 1, month, day)


async def test_the_lead_invites_every_address_with_an_ics_in_brussels_time(
    client: AsyncClient, runtime: Runtime
) -> None:
    world = await meeting_world(client, runtime)
    net = world.net
    summer, winter = _next_year(runtime, 7, 1), _next_year(runtime, 1, 14)
    for day, utc_hour in ((summer, 8), (winter, 9)):
        body = meeting_body(day, organisations=[net.orgs[1]], members=[world.parent])
        planned = await plan(client, net.headers[0], world.file_id, body)
        assert planned.status_code == 201, planned.text
        view = planned.json()
        assert (view["date"], view["start_time"], view["end_time"]) == (
            day.isoformat(),
            "10:00",
            "11:30",
        )
        starts = datetime.fromisoformat(view["starts_at"]).astimezone(UTC)
        assert (starts.hour, starts.minute) == (utc_hour, 0)
        assert view["place"] == PLACE and view["agenda"][0]["text"] == AGENDA

    mails = await queued_mails(runtime, "meeting-invitation")
    # Per meeting: the lead's worker, the invited partner's assigned worker, the parent.
    expected = {str(net.workers[0].email), str(net.workers[1].email), str(world.family.email)}
    assert len(mails) == 6 and {m.to for m in mails} == expected
    uids: dict[str, set[str]] = {}
    for mail in mails:
        calendar = calendar_of(mail)
        assert str(calendar["METHOD"]) == "REQUEST"
        [event] = calendar.walk("VEVENT")
        assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
        start = event.decoded("DTSTART")
        assert (start.hour, start.minute) == (10, 0)
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
        assert str(event["SUMMARY"]).startswith("Overleg dossier ")
        assert "LOCATION" not in event
        uids.setdefault(str(event["UID"]), set()).add(mail.to)
        for secret in ("Peeters", "Els", "Mila", "Noah", "Gemeentehuis", "opvoeding"):
            assert secret not in mail.body and secret not in mail.attachments[0].text
        assert "10:00" in mail.body and "11:30" in mail.body
    assert sorted(len(to) for to in uids.values()) == [3, 3]  # one UID per meeting
    assert {e["action"] for e in await audit_events(runtime)} >= {"coordination:meeting:create"}


async def test_an_organisation_without_case_meeting_consent_cannot_be_invited(
    client: AsyncClient, runtime: Runtime
) -> None:
    world = await meeting_world(client, runtime)
    net = world.net
    body = meeting_body(_next_year(runtime, 3, 2), organisations=[net.orgs[1], net.orgs[2]])
    refused = await plan(client, net.headers[0], world.file_id, body)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["type"] == "/problems/invitee-without-consent"
    assert "case_meeting" in problem["detail"]
    assert [e["field"] for e in problem["errors"]] == ["organisations[1]"]
    for secret in ("Peeters", AGENDA, PLACE):
        assert secret not in refused.text
    async with runtime.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Meeting)) == 0
    assert await queued_mails(runtime, "meeting-invitation") == []
    denied = [
        e for e in await audit_events(runtime) if e["action"] == "coordination:meeting:create"
    ]
    assert [e["outcome"] for e in denied] == ["denied"]


async def test_only_the_lead_plans_and_partners_with_consent_see_the_meeting(
    client: AsyncClient, runtime: Runtime
) -> None:
    world = await meeting_world(client, runtime)
    net = world.net
    body = meeting_body(_next_year(runtime, 5, 4), organisations=[net.orgs[1]])
    by_partner = await plan(client, net.headers[1], world.file_id, body)
    assert by_partner.status_code == 403 and by_partner.json()["type"] == "/problems/lead-only"
    planned = await plan(client, net.headers[0], world.file_id, body)
    meeting_id = planned.json()["id"]
    listed = await client.get(f"/api/v1/files/{world.file_id}/meetings", headers=net.headers[1])
    assert listed.status_code == 200, listed.text
    [item] = listed.json()["items"]
    assert item["agenda"][0]["text"] == AGENDA and item["place"] == PLACE
    cancel = await client.post(
        f"/api/v1/files/{world.file_id}/meetings/{meeting_id}/cancel", headers=net.headers[1]
    )
    assert cancel.status_code == 403


async def test_a_cancellation_sends_cancel_with_the_same_uid_and_a_higher_sequence(
    client: AsyncClient, runtime: Runtime
) -> None:
    world = await meeting_world(client, runtime)
    net = world.net
    body = meeting_body(_next_year(runtime, 10, 31), organisations=[net.orgs[1]])
    meeting_id = (await plan(client, net.headers[0], world.file_id, body)).json()["id"]
    path = f"/api/v1/files/{world.file_id}/meetings/{meeting_id}/cancel"
    cancelled = await client.post(path, headers=net.headers[0])
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["sequence"] == 1
    [invited_lead, invited_partner] = await queued_mails(runtime, "meeting-invitation")
    cancels = await queued_mails(runtime, "meeting-cancellation")
    assert {m.to for m in cancels} == {invited_lead.to, invited_partner.to}
    request = calendar_of(invited_lead).walk("VEVENT")[0]
    for mail in cancels:
        calendar = calendar_of(mail)
        assert str(calendar["METHOD"]) == "CANCEL"
        [event] = calendar.walk("VEVENT")
        assert event["UID"] == request["UID"]
        assert event.decoded("SEQUENCE") == request.decoded("SEQUENCE") + 1
        assert str(event["STATUS"]) == "CANCELLED"
    again = await client.post(path, headers=net.headers[0])
    assert again.status_code == 409


async def test_minutes_keep_decisions_that_partners_read_only_under_their_consent(
    client: AsyncClient, runtime: Runtime
) -> None:
    world = await meeting_world(client, runtime)
    net = world.net
    tomorrow = (runtime.clock() + timedelta(days=1)).date()
    body = meeting_body(tomorrow, organisations=[net.orgs[1]], members=[world.parent])
    meeting_id = (await plan(client, net.headers[0], world.file_id, body)).json()["id"]
    path = f"/api/v1/files/{world.file_id}/meetings/{meeting_id}"
    minutes = {
        "body": "Verslag: moeder voelt zich gesteund.",
        "category": "case_notes",
        "decisions": [
            {
                "text": "Huisbezoek plannen",
                "owner_organisation_id": str(net.orgs[1]),
                "due_on": (tomorrow + timedelta(days=14)).isoformat(),
            },
            {"text": "Schoolcontact opnemen", "owner_organisation_id": str(net.orgs[0])},
        ],
    }
    early = await client.post(f"{path}/minutes", json=minutes, headers=net.headers[0])
    assert early.status_code == 409  # the meeting has not begun
    await travel(runtime, net, runtime.clock() + timedelta(days=2))
    written = await client.post(f"{path}/minutes", json=minutes, headers=net.headers[0])
    assert written.status_code == 201, written.text
    assert written.json()["status"] == "held"
    read = await client.get(path, headers=net.headers[1])
    assert read.status_code == 200, read.text
    decisions = read.json()["minutes"]["decisions"]
    assert [(d["text"], d["owner_organisation_id"]) for d in decisions] == [
        ("Huisbezoek plannen", str(net.orgs[1])),
        ("Schoolcontact opnemen", str(net.orgs[0])),
    ]
    async with runtime.unit_of_work() as uow:
        stored = await decisions_of(uow, uuid.UUID(meeting_id))
    assert [d.text for d in stored] == ["Huisbezoek plannen", "Schoolcontact opnemen"]
    assert stored[0].due_on == tomorrow + timedelta(days=14)

    # Minutes about health: the lead's consent covers them, the partner's does not.
    second = meeting_body(
        runtime.clock().date(),
        organisations=[net.orgs[1]],
        members=[world.parent],
        start="00:01",
        end="00:30",
    )
    other_id = (await plan(client, net.headers[0], world.file_id, second)).json()["id"]
    health = {"body": "Gezondheid besproken.", "category": "health", "decisions": []}
    other = f"/api/v1/files/{world.file_id}/meetings/{other_id}"
    assert (
        await client.post(f"{other}/minutes", json=health, headers=net.headers[0])
    ).status_code == 201
    assert (await client.get(other, headers=net.headers[0])).json()["minutes"]["body"] == health[
        "body"
    ]
    partner = (await client.get(other, headers=net.headers[1])).json()
    assert partner["minutes"] is None and partner["has_minutes"] is True


async def test_a_closed_file_has_no_meetings_to_plan_or_read(
    client: AsyncClient, runtime: Runtime
) -> None:
    world = await meeting_world(client, runtime)
    net = world.net
    body = meeting_body(_next_year(runtime, 2, 2))
    meeting_id = (await plan(client, net.headers[0], world.file_id, body)).json()["id"]
    closed = await client.post(f"/api/v1/files/{world.file_id}/close", headers=net.headers[0])
    assert closed.is_success, closed.text
    path = f"/api/v1/files/{world.file_id}/meetings"
    for method, url in (
        ("GET", path),
        ("POST", path),
        ("GET", f"{path}/{meeting_id}"),
        ("POST", f"{path}/{meeting_id}/cancel"),
    ):
        answer = await client.request(
            method, url, json=body if method == "POST" else None, headers=net.headers[0]
        )
        assert answer.status_code == 404, (method, url, answer.text)


async def test_the_leads_decisions_become_plan_actions_in_one_step_and_once(
    client: AsyncClient, runtime: Runtime
) -> None:
    world = await meeting_world(client, runtime)
    net = world.net
    yesterday = (runtime.clock() - timedelta(days=1)).date()
    body = meeting_body(yesterday, organisations=[net.orgs[1]], members=[world.parent])
    meeting_id = (await plan(client, net.headers[0], world.file_id, body)).json()["id"]
    path = f"/api/v1/files/{world.file_id}/meetings/{meeting_id}"
    due = (runtime.clock() + timedelta(days=7)).date().isoformat()
    decisions = [
        {"text": "Huisbezoek plannen", "owner_organisation_id": str(net.orgs[1]), "due_on": due},
        {"text": "Schoolcontact opnemen", "owner_organisation_id": str(net.orgs[0])},
    ]
    written = await client.post(
        f"{path}/minutes",
        json={"body": "Verslag.", "category": "case_notes", "decisions": decisions},
        headers=net.headers[0],
    )
    assert written.status_code == 201, written.text
    goal = await client.post(
        f"/api/v1/files/{world.file_id}/plan/goals",
        json={"title": "Rust in huis", "about": [world.parent], "category": "case_notes"},
        headers=net.headers[0],
    )
    assert goal.status_code == 201, goal.text
    step = {"goal_id": goal.json()["id"], "about": [world.parent]}

    # Only the lead; and the partner's consent does not cover health: nothing is made.
    partner = await client.post(
        f"{path}/plan-actions", json={**step, "category": "case_notes"}, headers=net.headers[1]
    )
    health = await client.post(
        f"{path}/plan-actions", json={**step, "category": "health"}, headers=net.headers[0]
    )
    assert partner.status_code == 403, partner.text
    assert health.status_code == 422 and health.json()["type"] == "/problems/consent-required"
    plan_view = await client.get(f"/api/v1/files/{world.file_id}/plan", headers=net.headers[0])
    assert [g["actions"] for g in plan_view.json()["goals"]] == [[]]

    made = await client.post(
        f"{path}/plan-actions", json={**step, "category": "case_notes"}, headers=net.headers[0]
    )

    assert made.status_code == 201, made.text
    assert [(a["description"], a["owner_organisation_id"], a["due_on"]) for a in made.json()] == [
        ("Huisbezoek plannen", str(net.orgs[1]), due),
        ("Schoolcontact opnemen", str(net.orgs[0]), None),
    ]
    again = await client.post(
        f"{path}/plan-actions", json={**step, "category": "case_notes"}, headers=net.headers[0]
    )
    assert again.status_code == 409 and again.json()["type"] == "/problems/no-decisions-to-plan"
    shown = (await client.get(path, headers=net.headers[0])).json()["minutes"]["decisions"]
    assert [d["plan_action_id"] for d in shown] == [a["id"] for a in made.json()]
    # The partner finds its action on its task list.
    tasks = (await client.get("/api/v1/me/tasks", headers=net.headers[1])).json()["items"]
    assert [t["object_id"] for t in tasks if t["kind"] == "plan_action"] == [made.json()[0]["id"]]
    assert [t["kind"] for t in tasks].count("meeting") == 0  # the meeting is over
