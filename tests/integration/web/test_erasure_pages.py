"""The DPO's erasure form (``/fg/wissen``, SQLite and PostgreSQL): a granted erasure of one
member is carried out and confirmed in Dutch; a legal hold stops it with a Dutch explanation."""

from __future__ import annotations

import re
import uuid

import pytest
from httpx import AsyncClient, Response

from tests.factories import create_account, web_session
from tests.factories.coordination import file_body, make_network, member_id, open_file
from tests.factories.retention import rows_of
from zorgafstemming.identity import sessions
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """Every test runs inside a rolled-back transaction."""
    return rolled_back


async def _decide(client: AsyncClient, data: dict[str, str]) -> Response:
    shown = await client.get("/fg/wissen")
    assert shown.status_code == 200
    match = _TOKEN.search(shown.text)
    assert match is not None
    return await client.post(
        "/fg/wissen", data={"_csrf_token": match.group(1), **data}, follow_redirects=False
    )


async def test_the_dpo_erases_a_member_and_a_hold_stops_it(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs))
    dpo = await create_account(runtime, Role.DPO)
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, dpo.principal()))
    file_id, child = view["id"], member_id(view, "child")

    form = {"file_id": file_id, "member_id": child, "decision": "granted", "reason": "objection"}
    page = await client.get("/fg/bewaring")
    token = _TOKEN.search(page.text)
    assert token is not None
    placed = await client.post(
        f"/fg/bewaring/{file_id}/blokkering",
        data={"_csrf_token": token.group(1), "reason_code": "litigation"},
        follow_redirects=False,
    )
    assert placed.status_code == 303

    blocked = await _decide(client, form)
    assert blocked.status_code == 409
    assert "juridische blokkering" in blocked.text
    assert (await rows_of(runtime, uuid.UUID(file_id)))["members"] == 3

    page = await client.get("/fg/bewaring")
    token = _TOKEN.search(page.text)
    assert token is not None
    lifted = await client.post(
        f"/fg/bewaring/{file_id}/blokkering/opheffen",
        data={"_csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert lifted.status_code == 303
    done = await _decide(client, form)
    assert done.status_code == 303
    assert done.headers["location"] == "/fg/wissen?melding=wissing-uitgevoerd"
    assert (await rows_of(runtime, uuid.UUID(file_id)))["members"] == 2
    confirmed = await client.get(done.headers["location"])
    assert "De gegevens zijn gewist" in confirmed.text
    missing = await _decide(client, {"file_id": "geen nummer", "decision": "refused"})
    assert missing.status_code == 422
    assert "Vul het nummer van het dossier in" in missing.text
