"""The pages of who reaches a file (SQLite and PostgreSQL): a coordinator's overview with files
nobody assigned them to, the assigned workers on the file page (colleagues of the own
organisation only), and the family's answer to a link request on /mijn."""

from __future__ import annotations

import re
import uuid

import pytest
from httpx import AsyncClient

from tests.factories import create_account
from tests.factories.assignments import assign, make_coordinator
from tests.factories.coordination import add_partner, file_body, make_network, member_id, open_file
from tests.factories.web_forms import post_form, sign_in_as
from zorgafstemming.audit.references import file_reference
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def test_a_coordinator_assigns_a_colleague_who_then_sees_the_file_and_the_team(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=2)
    view = await open_file(
        client, net.headers[0], file_body(runtime.clock(), [net.orgs[0], net.orgs[1]])
    )
    fid = view["id"]
    await add_partner(client, net.headers[0], fid, net.orgs[1])
    await assign(runtime, fid, net.workers[1])
    coordinator = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=net.orgs[0])
    await make_coordinator(runtime, coordinator)
    colleague = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=net.orgs[0])

    await sign_in_as(client, runtime, coordinator)
    overview = await client.get("/dossiers")
    assert overview.status_code == 200
    reference = file_reference(runtime.secrets.audit_key, uuid.UUID(fid))
    assert "niet toegewezen" in overview.text and f"Dossier {reference}" in overview.text
    assert f'href="/dossiers/{fid}"' not in overview.text  # no way in to the content
    assert str(colleague.email) in overview.text
    assert str(net.workers[1].email) not in overview.text  # another organisation's worker
    posted = await post_form(
        client,
        "/dossiers",
        f"/dossiers/{fid}/toewijzingen",
        {"account_id": str(colleague.id), "terug": "overzicht"},
    )
    assert posted.status_code == 303
    assert posted.headers["location"] == "/dossiers?melding=collega-toegewezen"
    assert (await client.get(f"/dossiers/{fid}")).status_code == 404  # still no content

    await sign_in_as(client, runtime, colleague)
    page = await client.get(f"/dossiers/{fid}")
    assert page.status_code == 200, page.text
    assert "Toegewezen hulpverleners" in page.text
    team = page.text.split("Toegewezen hulpverleners", 1)[1].split("<h2>Logboek</h2>", 1)[0]
    assert str(net.workers[0].email) in team and str(colleague.email) in team
    assert str(net.workers[1].email) not in page.text
    assert "Toewijzing beëindigen" not in team  # only the coordinator ends an assignment


async def test_the_family_declines_and_accepts_link_requests_on_their_page(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    holder = await create_account(runtime, Role.FAMILY, with_email=False)

    async def ask() -> None:
        response = await client.post(
            f"/api/v1/files/{fid}/members/{member_id(view, 'parent')}/invitation",
            json={"existing_account_id": str(holder.id)},
            headers=net.headers[0],
        )
        assert response.status_code == 201, response.text

    await ask()
    await sign_in_as(client, runtime, holder)
    mine = await client.get("/mijn")
    assert "Een organisatie wil uw account koppelen aan een dossier" in mine.text
    assert "U hebt geen dossier." in mine.text
    link = re.search(r'action="/mijn/koppelingen/([0-9a-f-]+)/weigeren"', mine.text)
    assert link is not None
    declined = await post_form(client, "/mijn", f"/mijn/koppelingen/{link.group(1)}/weigeren", {})
    assert declined.headers["location"] == "/mijn?melding=koppeling-geweigerd"
    after = await client.get("/mijn?melding=koppeling-geweigerd")
    assert "Er is niets gekoppeld" in after.text
    assert "wil uw account koppelen" not in after.text and "U hebt geen dossier." in after.text

    await ask()
    again = await client.get("/mijn")
    link = re.search(r'action="/mijn/koppelingen/([0-9a-f-]+)/aanvaarden"', again.text)
    assert link is not None
    accepted = await post_form(client, "/mijn", f"/mijn/koppelingen/{link.group(1)}/aanvaarden", {})
    assert accepted.headers["location"] == "/mijn?melding=koppeling-aanvaard"
    files = await client.get("/mijn")
    assert f'href="/mijn/dossiers/{fid}"' in files.text
    assert "wil uw account koppelen" not in files.text
