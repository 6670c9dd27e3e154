"""The worker's dashboard, search and duplicate-check pages and the DPO's list of checks, on
SQLite and PostgreSQL: the family label and reference are shown, the dashboard's statements do
not grow with the number of files, and the terms never reach a URL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import event

from tests.factories import create_account
from tests.factories.coordination import (
    VALID_INSZ,
    file_body,
    make_network,
    member_id,
    open_file,
    travel,
)
from tests.factories.web_forms import sign_in_as
from zorgafstemming.dutch import dutch_date
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
LABEL = "Gezin Peeters — Zoersel"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _post(client: AsyncClient, page: str, data: dict[str, str]) -> Response:
    """Post the form of ``page`` to itself with the CSRF token the page carries."""
    shown = await client.get(page)
    assert shown.status_code == 200, shown.text
    match = _TOKEN.search(shown.text)
    assert match is not None
    return await client.post(page, data={"_csrf_token": match.group(1), **data})


@contextmanager
def counting(runtime: Runtime) -> Iterator[list[str]]:
    """The statements sent to the database while inside."""
    seen: list[str] = []

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):
            seen.append(statement)

    engine = runtime.engine.sync_engine
    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)


async def test_the_dashboard_shows_label_reference_and_role_in_bounded_statements(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    worker = net.workers[0]
    views = [await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))]
    await sign_in_as(client, runtime, worker)
    await client.get("/dossiers")  # warm: statements built, keys cached
    with counting(runtime) as one_file:
        page = await client.get("/dossiers")
    assert page.status_code == 200
    assert LABEL in page.text and views[0]["reference"] in page.text
    assert "Leidende organisatie" in page.text

    for _ in range(4):
        views.append(
            await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
        )
    await sign_in_as(client, runtime, worker)
    await client.get("/dossiers")
    with counting(runtime) as five_files:
        page = await client.get("/dossiers?volgorde=geopend")
    assert all(v["reference"] in page.text for v in views)
    assert page.text.count(LABEL) == 5
    # The labels of five files cost what the label of one costs: no statement per file.
    assert len(five_files) == len(one_file), "\n---\n".join(five_files)


async def test_the_dashboard_pages_with_a_cursor(client: AsyncClient, runtime: Runtime) -> None:
    net = await make_network(runtime)
    for _ in range(26):  # one more than a page
        await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    await sign_in_as(client, runtime, net.workers[0])
    first = await client.get("/dossiers")
    match = re.search(r'href="(/dossiers\?volgorde=activiteit&amp;na=[^"]+)"', first.text)
    assert match is not None and first.text.count(LABEL) == 25
    second = await client.get(match.group(1).replace("&amp;", "&"))
    assert second.status_code == 200 and second.text.count(LABEL) == 1
    assert "Volgende" not in second.text
    # A cursor the service did not make starts at the beginning, not with an error.
    assert (await client.get("/dossiers?na=rommel")).status_code == 200


def _rows(page: Response) -> list[str]:
    """The dashboard's rows of assigned files, in the order shown."""
    table = page.text.split("Uw dossiers", 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr>.*?</tr>", table, flags=re.DOTALL)[1:]  # after the header row


async def test_the_dashboard_sorts_by_last_activity_or_opening_and_shows_the_day(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    # Noon, so the Brussels day and the UTC day are the same.
    start = (runtime.clock() + timedelta(days=1)).replace(hour=12, minute=0, second=0)
    await travel(runtime, net, start)
    older = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    await travel(runtime, net, start + timedelta(days=2))
    newer = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    await travel(runtime, net, start + timedelta(days=5))
    note = await client.post(
        f"/api/v1/files/{older['id']}/entries",
        json={"kind": "note", "about": [member_id(older, "parent")], "body": "Huisbezoek."},
        headers=net.headers[0],
    )
    assert note.status_code == 201, note.text
    await sign_in_as(client, runtime, net.workers[0])

    def day(days: int) -> str:  # a moment reads as a Belgian calendar day, "5 maart 2026"
        return dutch_date(start + timedelta(days=days))

    by_activity = _rows(await client.get("/dossiers?volgorde=activiteit"))
    assert older["reference"] in by_activity[0] and newer["reference"] in by_activity[1]
    assert day(5) in by_activity[0] and day(2) in by_activity[1]
    assert "Leidende organisatie" in by_activity[0]
    by_opening = _rows(await client.get("/dossiers?volgorde=geopend"))
    assert newer["reference"] in by_opening[0] and older["reference"] in by_opening[1]
    # The default is the last activity.
    assert _rows(await client.get("/dossiers")) == by_activity


async def test_the_search_page_finds_the_family_and_keeps_the_terms_out_of_urls(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    await sign_in_as(client, runtime, net.workers[0])
    found = await _post(client, "/dossiers/zoeken", {"insz": VALID_INSZ})
    assert found.status_code == 200
    assert LABEL in found.text and f'href="/dossiers/{view["id"]}"' in found.text
    assert not re.search(r'href="[^"]*' + VALID_INSZ, found.text)

    refused = await _post(client, "/dossiers/zoeken", {"insz": "123"})
    assert refused.status_code == 422
    assert "Geef een geldig rijksregisternummer" in refused.text

    await sign_in_as(client, runtime, net.workers[1])
    foreign = await _post(client, "/dossiers/zoeken", {"insz": VALID_INSZ})
    assert "Geen dossier gevonden dat u mag openen." in foreign.text
    assert view["reference"] not in foreign.text


async def test_the_duplicate_check_page_and_the_dpo_list(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    await sign_in_as(client, runtime, net.workers[1])
    no_reason = await _post(client, "/dossiers/nieuw/controle", {"insz": VALID_INSZ})
    assert no_reason.status_code == 422
    assert "Schrijf waarom u dit nagaat" in no_reason.text
    assert "mogelijk al een dossier" not in no_reason.text

    reason = "Aanmelding door de school"
    answer = await _post(client, "/dossiers/nieuw/controle", {"insz": VALID_INSZ, "reason": reason})
    assert answer.status_code == 200
    assert "Er bestaat mogelijk al een dossier voor deze persoon" in answer.text
    assert "Leidende organisatie" in answer.text and "Peeters" not in answer.text

    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)
    listed = await client.get("/fg/dubbelcontroles")
    assert listed.status_code == 200
    assert reason in listed.text and "Dossier mogelijk bij" in listed.text
