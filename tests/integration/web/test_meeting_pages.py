"""The meeting planner on the worker's pages and the family's view of their meetings (SQLite and
PostgreSQL): a meeting typed as dd/mm/jjjj and uu:mm shows at that hour; a partner without
consent for case meetings is refused with a Dutch message and nothing is stored; the family
sees the place and the agenda items about the people they may see; cancelling and minutes with
decision rows work without script."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from tests.factories.coordination import member_id
from tests.factories.meetings import PLACE, meeting_world
from tests.factories.web_forms import sign_in_as
from zorgafstemming.coordination.meeting_models import Meeting
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
_MEETING = re.compile(r'href="/dossiers/[0-9a-f-]{36}/overleg/([0-9a-f-]{36})"')


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _token(client: AsyncClient, path: str) -> str:
    page = await client.get(path)
    assert page.status_code == 200, page.text
    found = _TOKEN.search(page.text)
    assert found is not None
    return found.group(1)


async def _count(runtime: Runtime) -> int:
    async with runtime.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Meeting)) or 0)


async def test_the_lead_plans_cancels_and_minutes_and_the_family_sees_its_items(
    client: AsyncClient, runtime: Runtime
) -> None:
    world = await meeting_world(client, runtime)
    net, file_id = world.net, world.file_id
    youth = member_id(world.view, "youth")
    planner = f"/dossiers/{file_id}/overleg"
    await sign_in_as(client, runtime, net.workers[0])
    token = await _token(client, planner)
    day = date(runtime.clock().year + 1, 1, 14)  # winter time
    form = {
        "_csrf_token": token,
        "datum": day.strftime("%d/%m/%Y"),
        "begin": "10:00",
        "einde": "11.30",
        "plaats": PLACE,
        "agenda_0": "Hoe gaat het thuis?",
        "agenda_0_over": world.parent,
        "agenda_1": "Schoolloopbaan van de jongere",
        "agenda_1_over": youth,
        "agenda_2": "Rondvraag",
        "organisaties": [str(net.orgs[1])],
        "gezinsleden": [world.parent],
    }
    wrong = await client.post(planner, data={**form, "begin": "25:00"})
    assert wrong.status_code == 422
    assert "Vul het beginuur in als uu:mm" in wrong.text
    refused = await client.post(planner, data={**form, "organisaties": [str(net.orgs[2])]})
    assert refused.status_code == 422
    assert "toestemming voor casusoverleg" in refused.text
    assert await _count(runtime) == 0
    planned = await client.post(planner, data=form, follow_redirects=False)
    assert planned.status_code == 303, planned.text
    assert planned.headers["location"] == f"{planner}?melding=overleg-gepland"
    listed = await client.get(planner)
    assert f"{day.strftime('%d/%m/%Y')}, van 10:00 tot 11:30" in listed.text
    found = _MEETING.search(listed.text)
    assert found is not None
    meeting = f"{planner}/{found.group(1)}"

    await sign_in_as(client, runtime, world.family)
    mine = await client.get(f"/mijn/dossiers/{file_id}")
    assert mine.status_code == 200
    assert "Uw casusoverleggen" in mine.text and PLACE in mine.text
    assert "Hoe gaat het thuis?" in mine.text and "Rondvraag" in mine.text
    assert "Schoolloopbaan" not in mine.text  # about the youth, whom the parent does not see

    await sign_in_as(client, runtime, net.workers[0])
    token = await _token(client, meeting)
    cancelled = await client.post(
        f"{meeting}/annuleren", data={"_csrf_token": token}, follow_redirects=False
    )
    assert cancelled.status_code == 303
    assert "Geannuleerd" in (await client.get(meeting)).text

    yesterday = runtime.clock() - timedelta(days=1)
    again = {"_csrf_token": await _token(client, planner), "datum": yesterday.strftime("%d/%m/%Y")}
    held = await client.post(
        planner,
        data={**form, **again, "begin": "00:05", "einde": "00:45"},
        follow_redirects=False,
    )
    assert held.status_code == 303
    page = await client.get(planner)
    ids = _MEETING.findall(page.text)
    other = next(f"{planner}/{i}" for i in ids if f"{planner}/{i}" != meeting)
    token = await _token(client, other)
    minutes = {
        "_csrf_token": token,
        "verslag": "Het gaat beter thuis.",
        "categorie": "case_notes",
        "besluit_0": "Huisbezoek plannen",
        "besluit_0_organisatie": str(net.orgs[1]),
        "besluit_0_datum": (yesterday + timedelta(days=14)).strftime("%d/%m/%Y"),
        "besluit_1": "",
    }
    no_owner = await client.post(f"{other}/verslag", data={**minutes, "besluit_0_organisatie": ""})
    assert no_owner.status_code == 422 and "Kies de organisatie die dit opneemt." in no_owner.text
    written = await client.post(f"{other}/verslag", data=minutes, follow_redirects=False)
    assert written.status_code == 303, written.text
    shown = await client.get(other)
    assert "Huisbezoek plannen" in shown.text and "Het gaat beter thuis." in shown.text
    assert (yesterday + timedelta(days=14)).strftime("%d/%m/%Y") in shown.text
    # No goal yet: the page says where to make one.
    assert "Maak eerst een doel in het gezinsplan" in shown.text
    goal = await client.post(
        f"/api/v1/files/{file_id}/plan/goals",
        json={"title": "Rust in huis", "about": [world.parent], "category": "case_notes"},
        headers=net.headers[0],
    )
    assert goal.status_code == 201, goal.text
    offered = await client.get(other)
    assert "Besluiten als acties in het gezinsplan zetten" in offered.text
    token = await _token(client, other)
    no_goal = await client.post(f"{other}/naar-plan", data={"_csrf_token": token, "doel": ""})
    assert no_goal.status_code == 422 and "Kies een doel van het gezinsplan." in no_goal.text
    moved = await client.post(
        f"{other}/naar-plan",
        data={"_csrf_token": token, "doel": goal.json()["id"]},
        follow_redirects=False,
    )
    assert moved.status_code == 303, moved.text
    assert moved.headers["location"].endswith("melding=besluiten-in-plan")
    after = await client.get(other)
    assert "In het gezinsplan" in after.text
    assert "Besluiten als acties in het gezinsplan zetten" not in after.text
    plan = await client.get(f"/api/v1/files/{file_id}/plan", headers=net.headers[1])
    [action] = plan.json()["goals"][0]["actions"]
    assert (action["description"], action["owner_organisation_id"]) == (
        "Huisbezoek plannen",
        str(net.orgs[1]),
    )
