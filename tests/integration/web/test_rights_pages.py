"""The pages of data-subject requests (SQLite and PostgreSQL): a parent files a request for
their child through the form and sees it with its deadline as dd/mm/jjjj; a request for a youth
of 12 or older is refused with a Dutch message and nothing stored; the DPO's queue marks an
overdue request "te laat" and the step form moves it on; an answered access or portability
request links each family member to exactly their own data; a whole-file erasure request is
asked for in the form (only erasure and restriction may ask it) and the family reads the DPO's
reasons for extending and refusing it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from httpx import AsyncClient

from tests.factories import TestAccount, web_session
from tests.factories.rights import file_request, request_file, step
from zorgafstemming.identity import sessions
from zorgafstemming.runtime import Runtime
from zorgafstemming.web import rights_labels

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
_OPEN = re.compile(r'href="/fg/verzoeken/([0-9a-f-]{36})"')
_MINE = re.compile(r'href="/mijn/verzoeken/([0-9a-f-]{36})"')
PRINTABLE, MACHINE_READABLE = 'href="/mijn/inzage"', 'href="/mijn/gegevens.json"'
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


async def test_an_answered_access_request_links_each_family_member_to_their_own_data(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    youth = await file_request(client, f.headers["youth"], f.members["youth"], kind="portability")
    assert youth.status_code == 201, youth.text
    youth_page = f"/mijn/verzoeken/{youth.json()['id']}"
    token = await _signed_in(client, runtime, f.parent)
    filed = await client.post(
        "/mijn/verzoeken",
        data={
            "_csrf_token": token,
            "soort": "access",
            "over": f.members["child"],
            "toelichting": "Welke gegevens hebt u over Mila?",
        },
        follow_redirects=False,
    )
    assert filed.status_code == 303
    opened = _MINE.search((await client.get("/mijn/verzoeken")).text)
    assert opened is not None
    page = f"/mijn/verzoeken/{opened.group(1)}"
    waiting = await client.get(page)
    assert waiting.status_code == 200
    assert (
        "Inzage in de gegevens" in waiting.text
        and "Welke gegevens hebt u over Mila?" in waiting.text
    )
    assert MACHINE_READABLE not in waiting.text and PRINTABLE not in waiting.text
    # A request about someone the parent does not speak for is not theirs to see.
    assert (await client.get(youth_page)).status_code == 404

    token = await _signed_in(client, runtime, f.dpo)
    handled = f"/fg/verzoeken/{opened.group(1)}"
    assert "Uw verzoek om inzage is beantwoord" in (await client.get(handled)).text
    typed = await client.post(
        f"{handled}/stap",
        data={"_csrf_token": token, "stap": "answer", "reden": "Verslag van mei bezorgd."},
    )
    assert typed.status_code == 422 and rights_labels.FIXED_ANSWER in typed.text
    answered = await client.post(
        f"{handled}/stap", data={"_csrf_token": token, "stap": "answer"}, follow_redirects=False
    )
    assert answered.status_code == 303

    await _signed_in(client, runtime, f.parent)
    shown = await client.get(page)
    assert "Beantwoord" in shown.text and "Uw verzoek om inzage is beantwoord" in shown.text
    assert "Verslag van mei" not in shown.text
    # Access: the printable overview first, then the file for a computer.
    assert 0 < shown.text.index(PRINTABLE) < shown.text.index(MACHINE_READABLE)
    overview = await client.get("/mijn/inzage")
    assert overview.status_code == 200
    assert "Mila" in overview.text and "Els" in overview.text and "Noah" not in overview.text
    download = await client.get("/mijn/gegevens.json")
    assert "Mila" in download.text and "Noah" not in download.text

    # The youth's portability request: the machine-readable file first, their own data alone.
    assert (await step(client, f.headers["dpo"], youth.json()["id"], "answer")).status_code == 200
    await _signed_in(client, runtime, f.youth)
    assert (await client.get(page)).status_code == 404
    theirs = await client.get(youth_page)
    assert "Overdracht van de gegevens" in theirs.text
    assert 0 < theirs.text.index(MACHINE_READABLE) < theirs.text.index(PRINTABLE)
    download = await client.get("/mijn/gegevens.json")
    assert download.status_code == 200
    assert "Noah" in download.text and "Mila" not in download.text and "Els" not in download.text


async def test_a_parent_asks_to_erase_the_whole_file_and_reads_the_dpos_reasons(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    token = await _signed_in(client, runtime, f.parent)
    form = {"_csrf_token": token, "over": f.members["parent"], "omvang": "file"}

    access = await client.post(
        "/mijn/verzoeken", data={**form, "soort": "access", "toelichting": "Alles."}
    )
    assert access.status_code == 422
    assert "Alleen bij wissen of beperking kunt u het hele dossier vragen." in access.text
    assert "U hebt nog geen verzoek ingediend." in access.text
    filed = await client.post(
        "/mijn/verzoeken",
        data={**form, "soort": "erasure", "toelichting": "Wis ons dossier."},
        follow_redirects=False,
    )
    assert filed.status_code == 303
    mine = _MINE.search((await client.get("/mijn/verzoeken")).text)
    assert mine is not None
    own_page = f"/mijn/verzoeken/{mine.group(1)}"
    assert "Het hele dossier" in (await client.get(own_page)).text

    token = await _signed_in(client, runtime, f.dpo)
    page = f"/fg/verzoeken/{mine.group(1)}"
    assert "Gevraagd voor</dt><dd>Het hele dossier" in (await client.get(page)).text
    form_page = await client.get(f"/fg/wissen?verzoek={mine.group(1)}")
    assert "Het hele dossier, van alle gezinsleden" in form_page.text
    extended = await client.post(
        f"{page}/stap",
        data={"_csrf_token": token, "stap": "extend", "reden": "We vragen advies aan de jurist."},
        follow_redirects=False,
    )
    assert extended.status_code == 303
    refused = await client.post(
        f"{page}/stap",
        data={"_csrf_token": token, "stap": "refuse", "reden": "Een rechtszaak loopt nog."},
        follow_redirects=False,
    )
    assert refused.status_code == 303

    # The reasons of the extension and of the refusal are the family's to read (art. 12).
    await _signed_in(client, runtime, f.parent)
    shown = await client.get(own_page)
    assert "Geweigerd" in shown.text
    assert "We vragen advies aan de jurist." in shown.text
    assert "Een rechtszaak loopt nog." in shown.text
