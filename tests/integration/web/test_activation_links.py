"""Activation addresses lead to the configured public address, whatever Host the request named:
a forged Host header cannot turn the mailed link or the printed letter into a phishing one."""

from __future__ import annotations

import re

from httpx import AsyncClient

from tests.factories import create_account, web_session
from tests.factories.coordination import file_body, make_network, member_id, open_file
from tests.factories.mail import queued_mails
from zorgafstemming.identity import sessions
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

_CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')
# Allowed, but not the public address: a link built from the request would show it.
OTHER_HOST = {"host": "localhost:8000"}


async def _csrf(client: AsyncClient, path: str) -> str:
    page = await client.get(path, headers=OTHER_HOST)
    match = _CSRF.search(page.text)
    assert match is not None, page.text[:300]
    return match.group(1)


async def test_mailed_staff_activation_link_uses_the_public_base_url(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, admin.principal()))
    net = await make_network(runtime, 1)
    token = await _csrf(client, "/beheer/accounts")
    response = await client.post(
        "/beheer/accounts",
        data={
            "_csrf_token": token,
            "email": "nieuw@example.org",
            "role": "social_worker",
            "organisation_id": str(net.orgs[0]),
        },
        headers=OTHER_HOST,
        follow_redirects=True,
    )
    assert response.status_code == 200, response.text[:500]
    assert "activeren?code=" not in response.text  # the admin never sees the link
    mails = await queued_mails(runtime, kind="activation")
    assert [m.to for m in mails] == ["nieuw@example.org"]
    assert f"{runtime.settings.public_base_url}/activeren?code=" in mails[0].body
    assert "localhost" not in mails[0].body


async def test_family_letter_names_the_public_base_url(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, 1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs))
    client.cookies.set(
        sessions.SESSION_COOKIE, await web_session(runtime, net.workers[0].principal())
    )
    page = f"/dossiers/{view['id']}"
    token = await _csrf(client, page)
    response = await client.post(
        f"{page}/leden/{member_id(view, 'parent')}/uitnodiging",
        data={"_csrf_token": token},
        headers=OTHER_HOST,
        follow_redirects=True,
    )
    assert response.status_code == 200, response.text[:500]
    assert f"{runtime.settings.public_base_url}/activeren" in response.text
    assert "localhost" not in response.text
