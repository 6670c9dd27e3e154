"""A consent step posted from the worker's pages (SQLite and PostgreSQL): a consent that has
already ended is answered with the step's form again and the reason next to it; the family's
steps keep answering it with the error page."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import TestAccount, web_session
from tests.factories.coordination import (
    Network,
    consent_of,
    file_body,
    make_network,
    member_id,
    open_file,
)
from tests.factories.family_consents import link_member
from zorgafstemming.identity import sessions
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Any) -> Any:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _withdrawn_file(
    client: AsyncClient, runtime: Runtime, *, link_parent: bool = False
) -> tuple[Network, dict[str, Any], TestAccount | None]:
    """A file of organisation A whose parent's consent A already recorded as withdrawn (the
    youth's own consent keeps A in the file); the parent's family account linked first, while
    a consent still covered them, when ``link_parent``."""
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    parent = None
    if link_parent:
        parent = await link_member(
            client, runtime, net.headers[0], view["id"], member_id(view, "parent")
        )
    withdrawn = await client.post(
        f"/api/v1/files/{view['id']}/consents/{consent_of(view, 'parent')}/withdraw",
        headers=net.headers[0],
    )
    assert withdrawn.status_code == 200, withdrawn.text
    return net, view, parent


async def _post_form(client: AsyncClient, path: str, session_secret: str) -> Any:
    """POST ``path`` as a signed-in browser does: the session and the CSRF cookie and token."""
    client.cookies.clear()
    await client.get("/health/live")
    token = client.cookies.get("__Host-zorg_csrf") or ""
    client.cookies.clear()
    cookie = f"{sessions.SESSION_COOKIE}={session_secret}; __Host-zorg_csrf={token}"
    return await client.post(path, headers={"cookie": cookie, "x-csrftoken": token})


async def test_recording_a_withdrawal_twice_shows_the_form_with_the_reason(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view, _ = await _withdrawn_file(client, runtime)
    secret = await web_session(runtime, net.workers[0].principal())
    path = f"/dossiers/{view['id']}/toestemmingen/{consent_of(view, 'parent')}/intrekken"
    response = await _post_form(client, path, secret)
    assert response.status_code == 422
    assert "Deze toestemming is al ingetrokken of verlopen." in response.text
    assert "Intrekking registreren" in response.text


async def test_a_family_step_on_a_consent_that_ended_shows_the_error_page(
    client: AsyncClient, runtime: Runtime
) -> None:
    _, view, parent = await _withdrawn_file(client, runtime, link_parent=True)
    assert parent is not None
    secret = await web_session(runtime, parent.principal())
    consent = consent_of(view, "parent")
    response = await _post_form(
        client, f"/mijn/dossiers/{view['id']}/toestemmingen/{consent}/intrekken", secret
    )
    assert response.status_code == 409
    assert "Deze toestemming is al ingetrokken of verlopen." not in response.text
