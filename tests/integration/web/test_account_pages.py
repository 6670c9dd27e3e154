"""The account pages over HTTP: no page shows an activation link or code to anyone but its
recipient; requests are decided on the administrator's and the DPO's pages; the worker prints a
letter; a family member activates with both codes."""

from __future__ import annotations

import re
import uuid

import pytest
from httpx import AsyncClient, Response

from tests.factories import (
    TestAccount,
    activation_code_from_mail,
    create_account,
    create_organisation,
    email_code_from_mail,
    web_session,
)
from tests.factories.coordination import file_body, make_network, member_id, open_file
from zorgafstemming.identity import accounts, sessions, totp
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
_LETTER_CODE = re.compile(r'id="activeringscode">([A-Z0-9-]+)<')
PASSWORD = "groene-vlinder-takken-88"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """Each test is one conversation with the pages, in one transaction rolled back."""
    return rolled_back


async def _as(client: AsyncClient, runtime: Runtime, account: TestAccount | None) -> None:
    """Make ``client`` the browser of ``account`` (None: nobody signed in)."""
    client.cookies.clear()
    if account is not None:
        secret = await web_session(runtime, account.principal())
        client.cookies.set(sessions.SESSION_COOKIE, secret, domain="testserver.local")


async def _post(client: AsyncClient, page: str, action: str, data: dict[str, str]) -> Response:
    """Post a form found on ``page`` with its CSRF token, as the browser would."""
    shown = await client.get(page)
    assert shown.status_code == 200, shown.text
    found = _TOKEN.search(shown.text)
    assert found is not None
    return await client.post(action, data={"_csrf_token": found.group(1), **data})


async def test_the_admin_never_sees_the_link_of_an_account_they_create(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    org = await create_organisation(runtime)
    await _as(client, runtime, admin)
    created = await _post(
        client,
        "/beheer/accounts",
        "/beheer/accounts",
        {"email": "nieuw@ocmw.example", "role": "social_worker", "organisation_id": str(org)},
    )
    assert created.status_code == 303
    page = await client.get(created.headers["location"])
    assert "naar het e-mailadres van de medewerker gestuurd" in page.text
    async with runtime.unit_of_work() as uow:
        account_id = await accounts.account_id_for_email(uow, "nieuw@ocmw.example")
    assert account_id is not None
    token = await activation_code_from_mail(runtime, account_id)
    assert token not in page.text and "activeren?code=" not in page.text
    assert token not in created.headers.get("set-cookie", "")


async def test_requests_are_decided_by_someone_else_on_the_pages(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    second = await create_account(runtime, Role.ADMIN)
    dpo = await create_account(runtime, Role.DPO)
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    other = await create_account(runtime, Role.SOCIAL_WORKER)
    await _as(client, runtime, admin)
    for target in (worker, other):
        asked = await _post(
            client,
            "/beheer/accounts",
            f"/beheer/accounts/{target.id}/tweede-factor-herstellen",
            {},
        )
        assert asked.headers["location"] == "/beheer/accounts?melding=account-aangevraagd"
    own_page = await client.get("/beheer/accounts")
    assert "Goedkeuren" not in own_page.text
    assert own_page.text.count("Een tweede persoon beslist hierover.") == 2

    await _as(client, runtime, second)
    page = await client.get("/beheer/accounts")
    actions = re.findall(r'action="(/accountwijzigingen/[^"]+/goedkeuren)"', page.text)
    assert len(actions) == 2
    approved = await _post(client, "/beheer/accounts", actions[0], {})
    assert approved.headers["location"] == "/beheer/accounts?melding=wijziging-goedgekeurd"

    await _as(client, runtime, dpo)
    dpo_page = await client.get("/fg/accountwijzigingen")
    assert "Accountwijzigingen" in dpo_page.text and "Goedgekeurd" in dpo_page.text
    [reject] = re.findall(r'action="(/accountwijzigingen/[^"]+/afwijzen)"', dpo_page.text)
    rejected = await _post(client, "/fg/accountwijzigingen", reject, {})
    assert rejected.headers["location"] == "/fg/accountwijzigingen?melding=wijziging-afgewezen"
    again = await _post(client, "/fg/accountwijzigingen", reject, {})
    assert again.headers["location"] == "/fg/accountwijzigingen?melding=wijziging-niet-open"


async def test_the_worker_prints_a_letter_with_the_code_but_no_code_in_any_url(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    await _as(client, runtime, net.workers[0])
    parent = member_id(view, "parent")
    invited = await _post(
        client,
        f"/dossiers/{view['id']}",
        f"/dossiers/{view['id']}/leden/{parent}/uitnodiging",
        {},
    )
    assert invited.status_code == 303
    letter_url = invited.headers["location"]
    assert letter_url.startswith(f"/dossiers/{view['id']}/leden/{parent}/uitnodiging?")
    letter = await client.get(letter_url)
    assert letter.status_code == 200
    found = _LETTER_CODE.search(letter.text)
    assert found is not None
    code = found.group(1)
    assert "http://127.0.0.1:8000/activeren" in letter.text
    assert f"activeren?code={code}" not in letter.text and code not in letter_url
    assert 'alt="QR-code van de activeringspagina http://127.0.0.1:8000/activeren"' in letter.text
    # Only this browser holds the letter.
    await _as(client, runtime, net.workers[0])
    assert (await client.get(letter_url)).status_code == 404


async def test_a_family_member_activates_on_the_pages_with_both_codes(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    invitation = await client.post(
        f"/api/v1/files/{view['id']}/members/{member_id(view, 'parent')}/invitation",
        headers=net.headers[0],
    )
    code, account_id = invitation.json()["in_person_code"], invitation.json()["account_id"]
    await _as(client, runtime, None)
    start = await client.get("/activeren")
    assert "Activeringscode uit uw brief" in start.text
    wrong = await _post(
        client, "/activeren", "/activeren/brief", {"code": "ABCDE-23456", "email": "a@b.example"}
    )
    assert wrong.status_code == 422 and "Deze activeringscode klopt niet" in wrong.text
    sent = await _post(
        client, "/activeren", "/activeren/brief", {"code": code, "email": "ouder@thuis.example"}
    )
    assert sent.status_code == 303 and sent.headers["location"] == "/activeren/email"
    _, mailed = await email_code_from_mail(runtime, uuid.UUID(account_id))
    form = {"email_code": mailed, "password": PASSWORD, "password_repeat": PASSWORD}
    enrolled = await _post(client, "/activeren/email", "/activeren/email", form)
    assert enrolled.status_code == 303 and enrolled.headers["location"] == "/activeren/app"
    app_page = await client.get("/activeren/app")
    assert "Stap 3 van 3" in app_page.text
    secret_shown = re.search(r'id="totp-sleutel">([A-Z2-7 ]+)<', app_page.text)
    assert secret_shown is not None
    otp = totp.code_at(secret_shown.group(1).replace(" ", ""), runtime.clock())
    done = await _post(client, "/activeren/app", "/activeren/app", {"otp": otp})
    assert done.headers["location"] == "/aanmelden?melding=geactiveerd"
