"""The access-review pages (SQLite and PostgreSQL): the coordinator's answer form refuses what
it cannot store with a Dutch message next to the field and stores nothing; the DPO's filters
show open and overdue items and ignore a month that is no month."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from httpx import AsyncClient

from tests.factories import TestAccount, create_account, create_organisation
from tests.factories.access_review import OCTOBER, OCTOBER_DAY, Crafted, system_ctx
from tests.factories.assignments import make_coordinator
from tests.factories.web_forms import sign_in_as
from zorgafstemming.accessreview.sampling import create_sample
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
_ITEM = re.compile(r'action="/toegangscontrole/([0-9a-f-]{36})"')


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _sampled(runtime: Runtime) -> TestAccount:
    org = await create_organisation(runtime)
    reader = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
    coordinator = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
    await make_coordinator(runtime, coordinator)
    crafted = Crafted(runtime)
    await crafted.write([crafted.values(reader, file_id=new_id())])
    runtime.clock = lambda: OCTOBER_DAY + timedelta(days=20)
    async with runtime.unit_of_work() as uow:
        await create_sample(uow, system_ctx(), OCTOBER, seed="web", rate_percent=100)
    return coordinator


async def test_the_answer_form_refuses_a_missing_answer_or_a_long_note(
    client: AsyncClient, runtime: Runtime
) -> None:
    coordinator = await _sampled(runtime)
    await sign_in_as(client, runtime, coordinator)
    page = await client.get("/toegangscontrole")
    assert page.status_code == 200
    token = _TOKEN.search(page.text)
    item = _ITEM.search(page.text)
    assert token is not None and item is not None
    action = f"/toegangscontrole/{item.group(1)}"

    missing = await client.post(action, data={"_csrf_token": token.group(1), "notitie": "x"})
    assert missing.status_code == 422
    assert "Kies of deze toegang nodig was of niet." in missing.text
    too_long = await client.post(
        action,
        data={"_csrf_token": token.group(1), "antwoord": "nodig", "notitie": "a" * 1001},
    )
    assert too_long.status_code == 422
    assert "De notitie is te lang (hoogstens 1000 tekens)." in too_long.text
    still_open = await client.get("/toegangscontrole?toon=open")
    assert action in still_open.text  # nothing was stored

    done = await client.post(
        action,
        data={"_csrf_token": token.group(1), "antwoord": "niet-gerechtvaardigd"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/toegangscontrole?melding=toegang-beantwoord"
    after = await client.get("/toegangscontrole?toon=open")
    assert "Er wacht geen toegang meer op uw antwoord." in after.text
    dashboard = await client.get("/dossiers")
    assert 'href="/toegangscontrole"' in dashboard.text


async def test_the_dpo_filters_open_and_overdue_items(
    client: AsyncClient, runtime: Runtime
) -> None:
    coordinator = await _sampled(runtime)
    await sign_in_as(client, runtime, coordinator)
    dashboard = await client.get("/dossiers")
    assert "1 toegang(en) van uw organisatie wachten op uw antwoord" in dashboard.text

    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)
    opened = await client.get("/fg/toegangscontrole?toon=open&maand=nooit")
    assert opened.status_code == 200
    assert "Open tot" in opened.text and "Toegangen van" not in opened.text
    assert (
        "Er zijn geen toegangen in deze selectie."
        in (await client.get("/fg/toegangscontrole?toon=te-laat")).text
    )
    runtime.clock = lambda: OCTOBER_DAY + timedelta(days=40)
    await sign_in_as(client, runtime, dpo)
    late = await client.get(f"/fg/toegangscontrole?toon=te-laat&maand={OCTOBER}")
    assert "Te laat</span> sinds" in late.text
    signals = await client.get("/fg/toegangscontrole/signalen?maand=2026-99")
    assert signals.status_code == 200  # not a month: the month before now is shown
    assert "Signalen van ongewone toegang (2026-10)" in signals.text
