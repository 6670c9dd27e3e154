"""Need to know in the staff view: a partner sees the consents that name its organisation (the
others only counted), the members its consent covers (the others only as not visible), and no
evidence hash or portal-account flag — over the API and on the worker's file page, on SQLite
and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import create_account, web_session
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import (
    add_partner,
    consent,
    family,
    make_network,
    member_id,
    open_file,
)
from zorgafstemming.identity import sessions
from zorgafstemming.identity.principal import Role


@pytest.fixture
def runtime(rolled_back: Any) -> Any:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def _shared_file(client: Any, runtime: Any) -> tuple[Any, dict[str, Any]]:
    """A file of organisation 0 with organisation 1 taking part: the parent's consent (parent
    and child) names both, the youth's own consent names organisation 0 only."""
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
    account = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(
        client, runtime, net.headers[0], view["id"], member_id(view, "youth"), account
    )
    return net, view


async def test_a_partner_sees_only_what_its_consent_covers(client: Any, runtime: Any) -> None:
    net, view = await _shared_file(client, runtime)
    youth = member_id(view, "youth")
    response = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[1])
    assert response.status_code == 200, response.text
    seen = response.json()

    by_id = {m["id"]: m for m in seen["members"]}
    assert by_id[youth] == {"id": youth, "visible": False}
    covered = [m for m in seen["members"] if m["id"] != youth]
    assert {m["role"] for m in covered} == {"parent", "child"}
    assert all(m["visible"] and m["given_name"] for m in covered)
    assert [c["members"] for c in seen["consents"]] == [
        sorted([member_id(view, "parent"), member_id(view, "child")])
    ]
    assert all(str(net.orgs[1]) in c["recipients"] for c in seen["consents"])
    assert seen["other_consents"] == 1
    assert "Noah" not in response.text
    for field in ("evidence_hash", "has_family_account"):
        assert field not in response.text


async def test_the_lead_sees_what_its_consents_cover_and_no_account_flags(
    client: Any, runtime: Any
) -> None:
    net, view = await _shared_file(client, runtime)
    response = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[0])
    seen = response.json()
    assert all(m["visible"] for m in seen["members"])
    assert len(seen["consents"]) == 2 and seen["other_consents"] == 0
    assert "has_family_account" not in response.text and "evidence_hash" not in response.text


async def test_the_worker_page_shows_a_member_it_may_not_see_as_such(
    client: Any, runtime: Any
) -> None:
    net, view = await _shared_file(client, runtime)
    secret = await web_session(runtime, net.workers[1].principal())
    page = await client.get(
        f"/dossiers/{view['id']}", headers={"cookie": f"{sessions.SESSION_COOKIE}={secret}"}
    )
    assert page.status_code == 200, page.text
    assert "Een gezinslid dat u niet mag zien" in page.text
    assert "Noah" not in page.text and "Els" in page.text
    assert "nog 1 toestemming voor andere organisaties" in page.text
