"""The family plan and the tasks on the web, without JavaScript: a worker adds a goal and an
action and moves it on; the partner sees what it may not read as withheld; the family sees
its part of the plan and marks its own action done; the dashboard lists the worker's tasks;
the account page turns the daily task mail on."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from httpx import AsyncClient

from tests.factories.coordination import travel
from tests.factories.plan import add_action, add_goal, created, plan_file
from tests.factories.web_forms import post_form, sign_in_as
from zorgafstemming.coordination.rules import BRUSSELS
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def test_a_worker_plans_and_the_family_marks_its_own_action_done(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await plan_file(client, runtime)
    page = f"/dossiers/{f.file_id}/plan"
    await sign_in_as(client, runtime, f.net.workers[0])
    file_page = await client.get(f"/dossiers/{f.file_id}")
    assert f'href="{page}"' in file_page.text
    added = await post_form(
        client,
        page,
        f"{page}/doelen",
        {"title": "Mila slaapt door", "about": [f.parent, f.child], "category": "care_plan"},
    )
    assert added.status_code == 303, added.text
    shown = await client.get(page)
    goal_id = re.search(r'<option value="([0-9a-f-]{36})">Mila slaapt door', shown.text)
    assert goal_id is not None
    missing = await post_form(client, page, f"{page}/acties", {"a_goal": goal_id.group(1)})
    assert missing.status_code == 422
    assert "Beschrijf de actie." in missing.text
    for description, owner in (("Avondritueel afspreken", "familie"), ("Huisbezoek", "")):
        action = await post_form(
            client,
            page,
            f"{page}/acties",
            {
                "a_goal": goal_id.group(1),
                "a_description": description,
                "a_about": f.parent,
                "a_owner": owner or str(f.net.orgs[0]),
                "a_due_on": "01/01/2099",
            },
        )
        assert action.status_code == 303, action.text
    shown = await client.get(page)
    assert "Avondritueel afspreken" in shown.text and "Het gezin zelf" in shown.text
    action_id = re.search(r'action="/dossiers/[^"]+/plan/acties/([0-9a-f-]{36})/stand"', shown.text)
    assert action_id is not None
    no_reason = await post_form(
        client, page, f"{page}/acties/{action_id.group(1)}/stand", {"status": "dropped"}
    )
    assert no_reason.status_code == 422 and "Zeg waarom" in no_reason.text
    # The partner, whose consent covers the parent only, sees the goal about the child withheld.
    await sign_in_as(client, runtime, f.net.workers[1])
    partner = await client.get(page)
    assert partner.status_code == 200
    assert "Mila slaapt door" not in partner.text and "Afgeschermd" in partner.text
    # The family sees the goal and both actions, and marks its own done.
    await sign_in_as(client, runtime, f.family)
    portal = f"/mijn/dossiers/{f.file_id}"
    mine = await client.get(portal)
    assert "Ons gezinsplan" in mine.text and "Avondritueel afspreken" in mine.text
    done_action = re.search(r'action="(/mijn/plan/acties/[0-9a-f-]{36}/gedaan)"', mine.text)
    assert done_action is not None and mine.text.count("/gedaan") == 1
    done = await post_form(client, portal, done_action.group(1), {"dossier": f.file_id})
    assert done.status_code == 303, done.text
    after = await client.get(portal)
    assert "/gedaan" not in after.text and "Gedaan" in after.text


async def test_the_dashboard_lists_tasks_and_the_account_page_turns_the_mail_on(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await plan_file(client, runtime)
    goal = await created(await add_goal(client, f.a, f.file_id, [f.parent]))
    today = runtime.clock().astimezone(BRUSSELS).date()
    await created(
        await add_action(
            client,
            f.a,
            f.file_id,
            goal["id"],
            [f.parent],
            due_on=(today + timedelta(days=2)).isoformat(),
        )
    )
    await travel(runtime, f.net, runtime.clock() + timedelta(days=5))
    await sign_in_as(client, runtime, f.net.workers[0])
    dashboard = await client.get("/dossiers")
    assert "Uw taken" in dashboard.text
    assert "Actie uit het gezinsplan" in dashboard.text and "Over tijd" in dashboard.text
    assert f"/dossiers/{f.file_id}/plan" in dashboard.text
    account = await client.get("/beveiliging")
    assert "Dagelijkse takenmail" in account.text and "Takenmail aanzetten" in account.text
    turned = await post_form(client, "/beveiliging", "/beveiliging/takenmail", {"aan": "ja"})
    assert turned.status_code == 303
    assert "Takenmail uitzetten" in (await client.get("/beveiliging")).text
