"""The emergency pages without a browser (SQLite and PostgreSQL): the worker's form refuses an
incomplete ground in Dutch and grants nothing, a running grant is not asked twice, and the DPO's
review refuses a half delay and records a full one."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from httpx import AsyncClient

from tests.factories import create_account
from tests.factories.assignments import link_and_accept
from tests.factories.coordination import file_body, make_network, member_id, open_file, travel
from tests.factories.emergency import ask, reference
from tests.factories.restrictions import restrict
from tests.factories.web_forms import post_form, sign_in_as
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

FORM = "/dossiers/noodtoegang"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def test_the_worker_form_needs_a_ground_and_never_extends(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    short = reference(runtime, view["id"])
    await sign_in_as(client, runtime, net.workers[1])

    no_ground = await post_form(client, FORM, FORM, {"file_reference": short})
    assert no_ground.status_code == 422
    assert "zonder rechtsgrond geen noodtoegang" in no_ground.text
    unexplained = await post_form(client, FORM, FORM, {"file_reference": short, "ground": "other"})
    assert unexplained.status_code == 422
    assert "Leg uit waarom" in unexplained.text
    unknown = await post_form(
        client,
        FORM,
        FORM,
        {"file_reference": "AAAA-AAAA", "ground": "other", "explanation": "Politie belde."},
    )
    assert unknown.status_code == 422
    assert "geen open dossier met deze referentie" in unknown.text

    granted = await post_form(
        client,
        FORM,
        FORM,
        {"file_reference": short, "ground": "court_order", "member_roles": "child"},
    )
    assert granted.status_code == 303, granted.text
    assert granted.headers["location"] == (
        f"/dossiers/{view['id']}/noodtoegang?melding=noodtoegang-verleend"
    )
    shown = await client.get(f"/dossiers/{view['id']}/noodtoegang")
    assert shown.status_code == 200 and "Mila" in shown.text and "Els" not in shown.text
    again = await post_form(client, FORM, FORM, {"file_reference": short, "ground": "court_order"})
    assert again.status_code == 409
    assert "niet verlengen" in again.text


async def test_the_dpo_review_form_records_a_delay_with_its_reason(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    await sign_in_as(client, runtime, net.workers[1])
    granted = await post_form(
        client,
        FORM,
        FORM,
        {"file_reference": reference(runtime, view["id"]), "ground": "risk_to_child"},
    )
    assert granted.status_code == 303
    await sign_in_as(client, runtime, dpo)
    queue = await client.get("/fg/noodtoegang")
    assert queue.status_code == 200 and "Loopt nog" in queue.text
    link = re.search(r'href="(/fg/noodtoegang/[0-9a-f-]{36})"', queue.text)
    assert link is not None
    page = link.group(1)
    half = await post_form(
        client,
        page,
        page,
        {"outcome": "justified", "note": "Terecht.", "delay_reason": "Onderzoek van het parket."},
    )
    assert half.status_code == 422
    assert "reden én een laatste dag" in half.text
    until = (runtime.clock() + timedelta(days=20)).date().isoformat()
    done = await post_form(
        client,
        page,
        page,
        {
            "outcome": "justified",
            "note": "Terecht.",
            "delay_reason": "Onderzoek van het parket.",
            "delay_until": until,
        },
    )
    assert done.status_code == 303, done.text
    assert done.headers["location"] == "/fg/noodtoegang?melding=noodtoegang-beoordeeld"
    reviewed = await client.get(page)
    assert "Onderzoek van het parket." in reviewed.text
    assert "Gerechtvaardigd" in reviewed.text


async def test_the_family_page_marks_the_emergency_access_once_it_ended(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    parent = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(
        client, runtime, net.headers[0], view["id"], member_id(view, "parent"), parent
    )
    start = runtime.clock()
    granted = await ask(client, runtime, net.headers[1], view["id"], ground="court_order")
    assert granted.status_code == 201, granted.text
    read = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[1])
    assert read.status_code == 200
    page = f"/mijn/dossiers/{view['id']}"

    await sign_in_as(client, runtime, parent)
    during = await client.get(page)
    assert during.status_code == 200 and "Noodtoegang" not in during.text
    await travel(runtime, net, start + timedelta(hours=25))
    await sign_in_as(client, runtime, parent)
    after = await client.get(page)
    assert after.status_code == 200
    # One visit, with what it looked at, marked with the ground.
    assert "<strong>Noodtoegang</strong> bekeek contactgegevens en identiteit" in after.text
    assert "een bevel van een rechter of van het parket" in after.text
    notices = await client.get("/mijn/meldingen")
    assert "kreeg noodtoegang tot uw dossier" in notices.text


async def test_a_grant_on_a_restricted_file_shows_only_that_it_is_restricted(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    await restrict(runtime, view["id"])
    await sign_in_as(client, runtime, net.workers[1])

    granted = await post_form(
        client,
        FORM,
        FORM,
        {"file_reference": reference(runtime, view["id"]), "ground": "court_order"},
    )
    assert granted.status_code == 303, granted.text
    shown = await client.get(f"/dossiers/{view['id']}/noodtoegang")
    assert shown.status_code == 200
    assert "Dit dossier is beperkt" in shown.text
    assert "Ook met noodtoegang leest u een beperkt dossier niet" in shown.text
    assert "Mila" not in shown.text and "Els" not in shown.text
