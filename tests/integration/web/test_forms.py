"""The HTML forms over HTTP (SQLite and PostgreSQL): CSRF, post/redirect/get, Dutch errors."""

from __future__ import annotations

import re

from httpx import AsyncClient

from tests.factories import create_account
from zorgafstemming.identity import totp
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')


async def _csrf(client: AsyncClient, path: str) -> str:
    page = await client.get(path)
    assert page.status_code == 200
    match = _TOKEN.search(page.text)
    assert match is not None
    return match.group(1)


async def test_a_form_without_its_csrf_token_is_refused(client: AsyncClient) -> None:
    await client.get("/aanmelden")
    response = await client.post("/aanmelden", data={"email": "a@example.org"})
    assert response.status_code == 403


async def test_sign_in_answers_303_with_a_host_session_cookie(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    token = await _csrf(client, "/aanmelden")
    response = await client.post(
        "/aanmelden",
        data={
            "_csrf_token": token,
            "email": admin.email,
            "password": admin.password,
            "otp": totp.code_at(admin.totp_secret, runtime.clock()),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/beheer/organisaties"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("__Host-zorg_session=")
    assert "Secure" in cookie and "HttpOnly" in cookie
    page = await client.get("/beheer/organisaties")
    assert page.status_code == 200
    assert "Organisatie toevoegen" in page.text


async def test_wrong_sign_in_shows_a_dutch_error_next_to_the_field(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    token = await _csrf(client, "/aanmelden")
    response = await client.post(
        "/aanmelden",
        data={"_csrf_token": token, "email": admin.email, "password": "fout", "otp": "123456"},
    )
    assert response.status_code == 422
    assert 'id="f-email-error"' in response.text
    assert "Het e-mailadres, het wachtwoord of de code klopt niet." in response.text
    assert "__Host-zorg_session=" not in response.headers.get("set-cookie", "")


async def test_a_page_that_needs_a_session_sends_the_browser_to_sign_in(
    client: AsyncClient,
) -> None:
    response = await client.get(
        "/beheer/accounts", headers={"accept": "text/html"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/aanmelden"


async def test_the_start_page_is_dutch_and_strictly_scripted(client: AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert '<html lang="nl-BE">' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "<script>" not in response.text
    assert (await client.get("/static/favicon.svg")).status_code == 200
