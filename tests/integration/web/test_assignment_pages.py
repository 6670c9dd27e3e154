"""The pages of who reaches a file (SQLite and PostgreSQL): a coordinator's overview with files
nobody assigned them to, the assigned workers on the file page (colleagues of the own
organisation only), and the family's answer to a link request on /mijn."""

from __future__ import annotations

import re
import uuid

import pytest
from httpx import AsyncClient, Response

from tests.factories import TestAccount, create_account, web_session
from tests.factories.assignments import assign, make_coordinator
from tests.factories.coordination import add_partner, file_body, make_network, member_id, open_file
from zorgafstemming.audit.references import file_reference
from zorgafstemming.identity import sessions
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _signed_in(client: AsyncClient, runtime: Runtime, account: TestAccount) -> None:
    """The browser of ``account``: a session cookie (and no other person's)."""
    client.cookies.clear()
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, account.principal()))


async def _post(client: AsyncClient, page: str, action: str, data: dict[str, str]) -> Response:
    """Post a form of ``page`` (with the CSRF token the page carries), without following."""
    shown = await client.get(page)
    assert shown.status_code == 200, shown.text
    match = _TOKEN.search(shown.text)
    assert match is not None
    return await client.post(
        action, data={"_csrf_token": match.group(1), **data}, follow_redirects=False
    )


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

    await _signed_in(client, runtime, coordinator)
    overview = await client.get("/dossiers")
    assert overview.status_code == 200
    reference = file_reference(runtime.secrets.audit_key, uuid.UUID(fid))
    assert "niet toegewezen" in overview.text and f"Dossier {reference}" in overview.text
    assert f'href="/dossiers/{fid}"' not in overview.text  # no way in to the content
    assert str(colleague.email) in overview.text
    assert str(net.workers[1].email) not in overview.text  # another organisation's worker
    posted = await _post(
        client,
        "/dossiers",
        f"/dossiers/{fid}/toewijzingen",
        {"account_id": str(colleague.id), "terug": "overzicht"},
    )
    assert posted.status_code == 303
    assert posted.headers["location"] == "/dossiers?melding=collega-toegewezen"
    assert (await client.get(f"/dossiers/{fid}")).status_code == 404  # still no content

    await _signed_in(client, runtime, colleague)
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
    await _signed_in(client, runtime, holder)
    mine = await client.get("/mijn")
    assert "Een organisatie wil uw account koppelen aan een dossier" in mine.text
    assert "U hebt geen dossier." in mine.text
    link = re.search(r'action="/mijn/koppelingen/([0-9a-f-]+)/weigeren"', mine.text)
    assert link is not None
    declined = await _post(client, "/mijn", f"/mijn/koppelingen/{link.group(1)}/weigeren", {})
    assert declined.headers["location"] == "/mijn?melding=koppeling-geweigerd"
    after = await client.get("/mijn?melding=koppeling-geweigerd")
    assert "Er is niets gekoppeld" in after.text
    assert "wil uw account koppelen" not in after.text and "U hebt geen dossier." in after.text

    await ask()
    again = await client.get("/mijn")
    link = re.search(r'action="/mijn/koppelingen/([0-9a-f-]+)/aanvaarden"', again.text)
    assert link is not None
    accepted = await _post(client, "/mijn", f"/mijn/koppelingen/{link.group(1)}/aanvaarden", {})
    assert accepted.headers["location"] == "/mijn?melding=koppeling-aanvaard"
    files = await client.get("/mijn")
    assert f'href="/mijn/dossiers/{fid}"' in files.text
    assert "wil uw account koppelen" not in files.text
