"""The restriction pages without a browser (SQLite and PostgreSQL): the DPO restricts a file by
its short reference and lifts it; meanwhile the worker's file page says only that the file is
restricted, and the dashboard lists it without a label; a new partner, a referral and accepting
one are refused with a Dutch message until the restriction is lifted."""

from __future__ import annotations

import re

import pytest
from httpx import AsyncClient, Response

from tests.factories import TestAccount, create_account, web_session
from tests.factories.coordination import file_body, make_network, open_file
from tests.factories.emergency import reference
from tests.factories.referrals import NOTE, refer
from tests.factories.restrictions import lift, restrict
from zorgafstemming.identity import sessions
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime
from zorgafstemming.web import labels

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
_LIFT = re.compile(r'action="(/fg/beperkingen/[0-9a-f-]+/opheffen)"')
PAGE = "/fg/beperkingen"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _signed_in(client: AsyncClient, runtime: Runtime, account: TestAccount) -> None:
    client.cookies.clear()
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, account.principal()))


async def _post(client: AsyncClient, action: str, data: dict[str, str]) -> Response:
    shown = await client.get(PAGE)
    assert shown.status_code == 200, shown.text
    match = _TOKEN.search(shown.text)
    assert match is not None
    return await client.post(
        action, data={"_csrf_token": match.group(1), **data}, follow_redirects=False
    )


async def test_the_dpo_restricts_and_lifts_and_the_worker_sees_only_that(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    short = reference(runtime, view["id"])
    dpo = await create_account(runtime, Role.DPO)
    await _signed_in(client, runtime, dpo)

    unknown = await _post(client, PAGE, {"file_reference": "AAAA-AAAA", "reason": "Betwist."})
    assert unknown.status_code == 422 and "geen open dossier" in unknown.text
    placed = await _post(client, PAGE, {"file_reference": short, "reason": "Betwist."})
    assert placed.status_code == 303, placed.text

    await _signed_in(client, runtime, net.workers[0])
    page = await client.get(f"/dossiers/{view['id']}")
    assert page.status_code == 200
    assert "Dit dossier is beperkt" in page.text
    assert "Peeters" not in page.text and "Els" not in page.text
    dashboard = await client.get("/dossiers")
    assert "Beperkt" in dashboard.text and "Peeters" not in dashboard.text

    await _signed_in(client, runtime, dpo)
    listed = await client.get(PAGE)
    lift = _LIFT.search(listed.text)
    assert lift is not None
    no_reason = await _post(client, lift.group(1), {"reason": ""})
    assert no_reason.status_code == 422
    lifted = await _post(client, lift.group(1), {"reason": "Rechtgezet."})
    assert lifted.status_code == 303

    await _signed_in(client, runtime, net.workers[0])
    page = await client.get(f"/dossiers/{view['id']}")
    assert "Dit dossier is beperkt" not in page.text and "Els" in page.text


async def _form_post(client: AsyncClient, page: str, action: str, data: dict[str, str]) -> Response:
    """Post ``data`` to ``action`` with the CSRF token of ``page``, as its form would."""
    shown = await client.get(page)
    assert shown.status_code == 200, shown.text
    match = _TOKEN.search(shown.text)
    assert match is not None
    return await client.post(
        action, data={"_csrf_token": match.group(1), **data}, follow_redirects=False
    )


async def test_a_restricted_file_takes_no_new_partner_or_referral_and_says_so_in_dutch(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs))
    fid = view["id"]
    sent = await refer(client, net.headers[0], fid, net.orgs[2])
    assert sent.status_code == 201, sent.text
    accept = f"/verwijzingen/{sent.json()['id']}/aanvaarden"
    placed = await restrict(runtime, fid)

    await _signed_in(client, runtime, net.workers[0])
    page = f"/dossiers/{fid}"
    added = await _form_post(
        client, page, f"{page}/partners", {"organisation_id": str(net.orgs[1])}
    )
    assert added.status_code == 409
    assert labels.RESTRICTED_NO_PARTNER in added.text and "Dit dossier is beperkt" in added.text
    assert "Peeters" not in added.text
    referred = await _form_post(
        client,
        page,
        f"{page}/verwijzingen",
        {
            "to_organisation_id": str(net.orgs[1]),
            "purpose": "care_coordination",
            "urgency": "soon",
            "note_category": "case_notes",
            "note": NOTE,
        },
    )
    assert referred.status_code == 409 and labels.RESTRICTED_NO_REFERRAL in referred.text

    await _signed_in(client, runtime, net.workers[2])
    refused = await _form_post(client, "/verwijzingen", accept, {})
    assert refused.status_code == 409 and labels.RESTRICTED_NO_JOINING in refused.text

    await lift(runtime, placed)
    joined = await _form_post(client, "/verwijzingen", accept, {})
    assert joined.status_code == 303
    assert joined.headers["location"].startswith(f"/dossiers/{fid}")
    await _signed_in(client, runtime, net.workers[0])
    added = await _form_post(
        client, page, f"{page}/partners", {"organisation_id": str(net.orgs[1])}
    )
    assert added.status_code == 303
