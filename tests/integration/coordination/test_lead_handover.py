"""The lead handed over on purpose, a partner leaving, and contact persons, over the API on
SQLite and PostgreSQL; the family sees the lead's contact person as their contact point."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import create_account
from tests.factories.accounts import auth_headers
from tests.factories.assignments import link_and_accept
from tests.factories.coordination import Network, file_body, make_network, member_id, open_file
from tests.factories.referrals import contact_details, record_consent_for, refer
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _shared_file(client: AsyncClient, runtime: Runtime, net: Network) -> dict[str, Any]:
    """A file led by A that B joined through an accepted referral under a consent naming B."""
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    await record_consent_for(
        client,
        net.headers[0],
        runtime,
        view["id"],
        member_id(view, "parent"),
        [net.orgs[0], net.orgs[1]],
        ["identity", "contact", "case_notes"],
    )
    sent = await refer(client, net.headers[0], view["id"], net.orgs[1])
    accepted = await client.post(
        f"/api/v1/referrals/{sent.json()['id']}/accept", headers=net.headers[1]
    )
    assert accepted.json()["status"] == "joined"
    return view


async def test_the_lead_is_handed_over_when_the_partner_accepts(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _shared_file(client, runtime, net)
    fid = view["id"]
    # Only to a partner on the file under consent; C takes no part.
    refused = await client.post(
        f"/api/v1/files/{fid}/lead-handover",
        json={"organisation_id": str(net.orgs[2])},
        headers=net.headers[0],
    )
    assert refused.status_code == 422
    # B does not lead: it cannot offer the lead.
    not_lead = await client.post(
        f"/api/v1/files/{fid}/lead-handover",
        json={"organisation_id": str(net.orgs[0])},
        headers=net.headers[1],
    )
    assert not_lead.status_code == 403
    offered = await client.post(
        f"/api/v1/files/{fid}/lead-handover",
        json={"organisation_id": str(net.orgs[1])},
        headers=net.headers[0],
    )
    assert offered.status_code == 201 and offered.json()["status"] == "offered"
    # Until B accepts, A leads; A cannot accept its own offer.
    seen = await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])
    assert seen.json()["lead_organisation_id"] == str(net.orgs[0])
    own = await client.post(f"/api/v1/files/{fid}/lead-handover/accept", headers=net.headers[0])
    assert own.status_code == 404
    accepted = await client.post(
        f"/api/v1/files/{fid}/lead-handover/accept", headers=net.headers[1]
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    seen = await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])
    assert seen.json()["lead_organisation_id"] == str(net.orgs[1])
    notices = await client.get("/api/v1/notifications", headers=net.headers[0])
    assert "lead_changed" in {n["kind"] for n in notices.json()["items"]}
    # Nothing is waiting any more.
    again = await client.post(f"/api/v1/files/{fid}/lead-handover/accept", headers=net.headers[1])
    assert again.status_code == 404


async def test_a_declined_offer_leaves_the_lead_where_it_was(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _shared_file(client, runtime, net)
    fid = view["id"]
    await client.post(
        f"/api/v1/files/{fid}/lead-handover",
        json={"organisation_id": str(net.orgs[1])},
        headers=net.headers[0],
    )
    declined = await client.post(
        f"/api/v1/files/{fid}/lead-handover/decline", headers=net.headers[1]
    )
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    seen = await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])
    assert seen.json()["lead_organisation_id"] == str(net.orgs[0])
    notices = await client.get("/api/v1/notifications", headers=net.headers[0])
    assert "lead_declined" in {n["kind"] for n in notices.json()["items"]}


async def test_a_partner_leaves_and_its_access_ends_but_the_lead_cannot_leave(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _shared_file(client, runtime, net)
    fid = view["id"]
    lead_leaves = await client.post(f"/api/v1/files/{fid}/leave", headers=net.headers[0])
    assert lead_leaves.status_code == 403
    left = await client.post(f"/api/v1/files/{fid}/leave", headers=net.headers[1])
    assert left.status_code == 204
    for path in ("", "/entries", "/referrals"):
        gone = await client.get(f"/api/v1/files/{fid}{path}", headers=net.headers[1])
        assert gone.status_code == 404
    listed = await client.get("/api/v1/files", headers=net.headers[1])
    assert fid not in {f["id"] for f in listed.json()["items"]}
    seen = await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])
    assert str(net.orgs[1]) not in seen.json()["participants"]
    notices = await client.get("/api/v1/notifications", headers=net.headers[0])
    assert "partner_left" in {n["kind"] for n in notices.json()["items"]}
    # Leaving twice: the file is simply not there for B any more.
    twice = await client.post(f"/api/v1/files/{fid}/leave", headers=net.headers[1])
    assert twice.status_code == 404


async def test_the_family_sees_the_lead_contact_person_as_their_contact_point(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _shared_file(client, runtime, net)
    fid = view["id"]
    colleague = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=net.orgs[0])
    await contact_details(runtime, colleague.id, "An Janssens", "+32 3 555 12 34")
    assigned = await client.post(
        f"/api/v1/files/{fid}/assignments",
        json={"account_id": str(colleague.id)},
        headers=net.headers[0],
    )
    assert assigned.status_code == 201
    parent = await create_account(runtime, Role.FAMILY)
    await link_and_accept(client, runtime, net.headers[0], fid, member_id(view, "parent"), parent)
    family = await auth_headers(runtime, parent)
    # Nobody named yet: the lead's worker assigned first (the opener) stands for A.
    before = (await client.get(f"/api/v1/me/files/{fid}", headers=family)).json()["contact"]
    assert before["organisation_id"] == str(net.orgs[0])
    assert before["work_email"] == net.workers[0].email
    named = await client.post(
        f"/api/v1/files/{fid}/contact",
        json={"account_id": str(colleague.id)},
        headers=net.headers[0],
    )
    assert named.status_code == 200, named.text
    contact = (await client.get(f"/api/v1/me/files/{fid}", headers=family)).json()["contact"]
    assert (contact["name"], contact["work_phone"], contact["work_email"]) == (
        "An Janssens",
        "+32 3 555 12 34",
        colleague.email,
    )
    # Only a worker assigned to the file, of one's own organisation.
    outsider = await client.post(
        f"/api/v1/files/{fid}/contact",
        json={"account_id": str(net.workers[1].id)},
        headers=net.headers[0],
    )
    assert outsider.status_code == 422
    # The lead goes to B: the family's contact point is B's contact person (who accepted).
    await client.post(
        f"/api/v1/files/{fid}/lead-handover",
        json={"organisation_id": str(net.orgs[1])},
        headers=net.headers[0],
    )
    await client.post(f"/api/v1/files/{fid}/lead-handover/accept", headers=net.headers[1])
    contact = (await client.get(f"/api/v1/me/files/{fid}", headers=family)).json()["contact"]
    assert contact["organisation_id"] == str(net.orgs[1])
    assert contact["work_email"] == net.workers[1].email
    # The family was told twice: a new contact person, then a new lead.
    notices = (await client.get("/api/v1/me/notices", headers=family)).json()["items"]
    assert [n["kind"] for n in notices].count("contact_changed") == 2
