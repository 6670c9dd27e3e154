"""The pages of data-subject requests (SQLite and PostgreSQL): a parent files a request for
their child through the form and sees it with its deadline as dd/mm/jjjj; a request for a youth
of 12 or older is refused with a Dutch message and nothing stored; the DPO's queue marks an
overdue request "te laat" and the step form moves it on."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from httpx import AsyncClient

from tests.factories import TestAccount, web_session
from tests.factories.rights import request_file
from zorgafstemming.identity import sessions
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
_OPEN = re.compile(r'href="/fg/verzoeken/([0-9a-f-]{36})"')
RECEIVED = datetime(2027, 1, 31, 9, 0, tzinfo=UTC)  # a Sunday; due at the end of 28 February


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    rolled_back.clock = lambda: RECEIVED
    return rolled_back


async def _signed_in(client: AsyncClient, runtime: Runtime, account: TestAccount) -> str:
    client.cookies.clear()
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, account.principal()))
    page = await client.get("/mijn/verzoeken" if account.role == "family" else "/fg/verzoeken")
    assert page.status_code == 200, page.text
    token = _TOKEN.search(page.text)
    return token.group(1) if token else ""


async def test_a_parent_files_for_a_child_and_the_dpo_answers_in_time_or_late(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    token = await _signed_in(client, runtime, f.parent)
    start = await client.get("/mijn")
    assert 'href="/mijn/verzoeken"' in start.text
    form = {"_csrf_token": token, "soort": "erasure", "toelichting": "Wis het verslag van mei."}

    youth = await client.post("/mijn/verzoeken", data={**form, "over": f.members["youth"]})
    assert youth.status_code == 422
    assert "Een jongere vanaf 12 jaar dient zelf een verzoek in." in youth.text
    assert "U hebt nog geen verzoek ingediend." in youth.text  # nothing was stored
    empty = await client.post("/mijn/verzoeken", data={"_csrf_token": token, "soort": "?"})
    assert empty.status_code == 422
    assert "Kies wat u vraagt." in empty.text and "Kies over wie het verzoek gaat." in empty.text

    filed = await client.post(
        "/mijn/verzoeken", data={**form, "over": f.members["child"]}, follow_redirects=False
    )
    assert filed.status_code == 303
    assert filed.headers["location"] == "/mijn/verzoeken?melding=verzoek-ingediend"
    listed = await client.get("/mijn/verzoeken")
    assert "Wissen van de gegevens" in listed.text and "28/02/2027" in listed.text
    assert "Ontvangen" in listed.text

    await _signed_in(client, runtime, f.dpo)
    queue = await client.get("/fg/verzoeken")
    assert "28/02/2027" in queue.text and "te laat" not in queue.text
    runtime.clock = lambda: datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
    token = await _signed_in(client, runtime, f.dpo)
    queue = await client.get("/fg/verzoeken")
    assert "te laat" in queue.text
    opened = _OPEN.search(queue.text)
    assert opened is not None
    page = f"/fg/verzoeken/{opened.group(1)}"
    detail = await client.get(page)
    assert "Wis het verslag van mei." in detail.text
    refused = await client.post(f"{page}/stap", data={"_csrf_token": token, "stap": "refuse"})
    assert refused.status_code == 422 and "Geef de reden van de weigering." in refused.text
    answered = await client.post(
        f"{page}/stap",
        data={"_csrf_token": token, "stap": "answer", "reden": "Verslag gewist."},
        follow_redirects=False,
    )
    assert answered.status_code == 303
    assert "te laat" not in (await client.get("/fg/verzoeken")).text
    await _signed_in(client, runtime, f.parent)
    assert "Beantwoord" in (await client.get("/mijn/verzoeken")).text
