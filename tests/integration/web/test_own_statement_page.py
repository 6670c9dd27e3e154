"""A youth's own statement in the family portal (``/mijn``, SQLite and PostgreSQL): written in
the form on their file's page, shown there and to the partners; a parent cannot write one for
their child of 12 or older (the form always writes about the one who is signed in)."""

from __future__ import annotations

import re

import pytest
from httpx import AsyncClient

from tests.factories import create_account, web_session
from tests.factories.assignments import link_and_accept
from tests.factories.coordination import file_body, make_network, member_id, open_file
from zorgafstemming.identity import sessions
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
WORDS = "Ik wil graag zelf mee beslissen over de opvang."


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """Every test runs inside a rolled-back transaction."""
    return rolled_back


async def test_a_youth_adds_an_own_statement_in_the_portal(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs))
    file_id = view["id"]
    youth = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], file_id, member_id(view, "youth"), youth)
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, youth.principal()))
    page = await client.get(f"/mijn/dossiers/{file_id}")
    assert page.status_code == 200 and "Zelf iets zeggen" in page.text
    token = _TOKEN.search(page.text)
    assert token is not None

    sent = await client.post(
        f"/mijn/dossiers/{file_id}/verklaring",
        data={"_csrf_token": token.group(1), "body": WORDS},
        follow_redirects=False,
    )
    empty = await client.post(
        f"/mijn/dossiers/{file_id}/verklaring",
        data={"_csrf_token": token.group(1), "body": "  "},
        follow_redirects=False,
    )

    assert sent.status_code == 303
    assert sent.headers["location"].endswith("melding=verklaring-toegevoegd")
    assert empty.headers["location"].endswith("melding=verklaring-ongeldig")
    shown = await client.get(sent.headers["location"])
    assert WORDS in shown.text and "Eigen verklaring van de jongere" in shown.text
    partner = await client.get(f"/api/v1/files/{file_id}/entries", headers=net.headers[0])
    assert [e["body"] for e in partner.json()["items"]] == [WORDS]
