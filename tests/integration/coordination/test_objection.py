"""Objection (GDPR art. 21) and the legal basis of a consent: the family withdraws a
consent-based processing but objects to a statute-based one (decree on integrated youth care,
art. 74); the lead decides ``continue`` (processing goes on, reason recorded) or ``stop`` (the
member's part ends as after a withdrawal) — on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import auth_headers, create_account
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import (
    Network,
    add_partner,
    consent_of,
    file_body,
    make_network,
    member_id,
    open_file,
)
from tests.factories.restrictions import make_statute_based
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def _file(
    client: AsyncClient, runtime: Runtime
) -> tuple[Network, dict[str, Any], dict[str, str]]:
    """A file led by organisation 0 with organisation 1 as partner (both named by the consents,
    the partner's worker assigned); the youth's own consent is statute-based, and the youth
    holds a family account (its headers returned)."""
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs))
    await add_partner(client, net.headers[0], view["id"], net.orgs[1])
    await assign(runtime, view["id"], net.workers[1])
    await make_statute_based(runtime, consent_of(view, "youth"))
    youth = await create_account(runtime, Role.FAMILY)
    await link_and_accept(
        client, runtime, net.headers[0], view["id"], member_id(view, "youth"), youth
    )
    return net, view, await auth_headers(runtime, youth)


def _visible(read: Any) -> set[str]:
    return {m["given_name"] for m in read.json()["members"] if m["visible"]}


async def test_the_family_objects_to_a_statute_based_consent_and_the_lead_decides(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view, youth = await _file(client, runtime)
    fid, lead, partner = view["id"], net.headers[0], net.headers[1]
    consent = consent_of(view, "youth")

    # Not the family's to withdraw: the answer points to objection.
    withdraw = await client.post(f"/api/v1/me/consents/{consent}/withdraw", headers=youth)
    assert withdraw.status_code == 409, withdraw.text
    assert withdraw.json()["type"] == "/problems/objection-required"
    assert "objections" in withdraw.json()["detail"]

    objection = {"consent_id": consent, "reasons": "Ik wil niet dat de school dit weet."}
    raised = await client.post("/api/v1/me/objections", json=objection, headers=youth)
    assert raised.status_code == 201, raised.text
    first = raised.json()
    assert first["state"] == "open" and first["member_id"] == member_id(view, "youth")
    twice = await client.post("/api/v1/me/objections", json=objection, headers=youth)
    assert twice.status_code == 409 and twice.json()["type"] == "/problems/objection-open"

    # Routed to the lead (a notification) and to the DPO's queue; the lead sees the grounds.
    told = (await client.get("/api/v1/notifications", headers=lead)).json()["items"]
    assert "objection_raised" in [n["kind"] for n in told]
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    queue = (await client.get("/api/v1/objections", headers=dpo)).json()["items"]
    assert [(o["id"], o["state"]) for o in queue] == [(first["id"], "open")]
    listed = await client.get(f"/api/v1/files/{fid}/objections", headers=lead)
    assert listed.status_code == 200, listed.text
    on_file = listed.json()
    assert on_file["items"][0]["reasons"] == objection["reasons"]

    url = f"/api/v1/files/{fid}/objections/{first['id']}/decision"
    keep = {"outcome": "continue", "reason": "Dwingende reden: veiligheid van het kind."}
    not_lead = await client.post(url, json=keep, headers=partner)
    assert not_lead.status_code == 403 and not_lead.json()["type"] == "/problems/lead-only"
    kept = await client.post(url, json=keep, headers=lead)
    assert kept.status_code == 200, kept.text
    assert (kept.json()["state"], kept.json()["decision_reason"]) == ("continue", keep["reason"])
    assert (await client.post(url, json=keep, headers=lead)).status_code == 409
    assert "Noah" in _visible(await client.get(f"/api/v1/files/{fid}", headers=partner))

    # A second objection, stopped: the partner's next read answers as after a withdrawal.
    raised = await client.post("/api/v1/me/objections", json=objection, headers=youth)
    assert raised.status_code == 201, raised.text
    stop = {"outcome": "stop", "reason": "Geen dwingende redenen."}
    stopped = await client.post(
        f"/api/v1/files/{fid}/objections/{raised.json()['id']}/decision", json=stop, headers=lead
    )
    assert stopped.status_code == 200 and stopped.json()["state"] == "stop"
    after = await client.get(f"/api/v1/files/{fid}", headers=partner)
    assert after.status_code == 200
    assert _visible(after) == {"Els", "Mila"}
    notices = (await client.get("/api/v1/me/notices", headers=youth)).json()["items"]
    assert {"objection_continued", "objection_stopped"} <= {n["kind"] for n in notices}


async def test_a_consent_based_processing_is_withdrawn_not_objected_to(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view, _ = await _file(client, runtime)
    parent = await create_account(runtime, Role.FAMILY)
    await link_and_accept(
        client, runtime, net.headers[0], view["id"], member_id(view, "parent"), parent
    )
    headers = await auth_headers(runtime, parent)
    consent = consent_of(view, "parent")
    objected = await client.post(
        "/api/v1/me/objections", json={"consent_id": consent, "reasons": "Nee."}, headers=headers
    )
    assert objected.status_code == 422
    assert objected.json()["type"] == "/problems/not-open-to-objection"
    withdrawn = await client.post(f"/api/v1/me/consents/{consent}/withdraw", headers=headers)
    assert withdrawn.status_code == 200, withdrawn.text
    after = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[1])
    assert after.status_code == 200 and _visible(after) == {"Noah"}
