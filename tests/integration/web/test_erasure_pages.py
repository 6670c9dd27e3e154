"""The DPO's erasure form (``/fg/wissen``, SQLite and PostgreSQL): it is reached from the
family's open erasure request and carries it; without a request the page explains, in Dutch,
that an erasure starts from a request of the family. A granted erasure of one member is carried
out and answers the request; a legal hold stops it with a Dutch explanation; a refusal refuses
the request; nothing goes wrong with a 500."""

from __future__ import annotations

import re
import uuid

import pytest
from httpx import AsyncClient, Response

from tests.factories import create_account, web_session
from tests.factories.coordination import file_body, make_network, member_id, open_file
from tests.factories.retention import rows_of
from tests.factories.rights import erasure_request
from zorgafstemming.identity import sessions
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """Every test runs inside a rolled-back transaction."""
    return rolled_back


async def _token(client: AsyncClient, page: str) -> str:
    shown = await client.get(page)
    match = _TOKEN.search(shown.text)
    assert match is not None, shown.text
    return match.group(1)


async def _decide(client: AsyncClient, data: dict[str, str]) -> Response:
    token = await _token(client, "/fg/verzoeken")
    return await client.post(
        "/fg/wissen", data={"_csrf_token": token, **data}, follow_redirects=False
    )


async def _file_and_dpo(client: AsyncClient, runtime: Runtime) -> tuple[str, str]:
    """An open file (its id and its child's member id), and the DPO signed in on the web."""
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs))
    dpo = await create_account(runtime, Role.DPO)
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, dpo.principal()))
    return view["id"], member_id(view, "child")


async def test_the_dpo_erases_a_member_from_the_request_and_a_hold_stops_it(
    client: AsyncClient, runtime: Runtime
) -> None:
    file_id, child = await _file_and_dpo(client, runtime)
    asked = await erasure_request(runtime, file_id, child)

    request_page = await client.get(f"/fg/verzoeken/{asked}")
    assert request_page.status_code == 200
    assert "Beslissen over wissen" in request_page.text
    assert f'href="/fg/wissen?verzoek={asked}"' in request_page.text
    form_page = await client.get(f"/fg/wissen?verzoek={asked}")
    assert form_page.status_code == 200
    assert f'name="verzoek" value="{asked}"' in form_page.text

    form = {"verzoek": asked, "decision": "granted", "reason": "objection"}
    token = await _token(client, "/fg/bewaring")
    placed = await client.post(
        f"/fg/bewaring/{file_id}/blokkering",
        data={"_csrf_token": token, "reason_code": "litigation"},
        follow_redirects=False,
    )
    assert placed.status_code == 303

    blocked = await _decide(client, form)
    assert blocked.status_code == 409
    assert "juridische blokkering" in blocked.text
    assert (await rows_of(runtime, uuid.UUID(file_id)))["members"] == 3

    token = await _token(client, "/fg/bewaring")
    lifted = await client.post(
        f"/fg/bewaring/{file_id}/blokkering/opheffen",
        data={"_csrf_token": token},
        follow_redirects=False,
    )
    assert lifted.status_code == 303
    done = await _decide(client, form)
    assert done.status_code == 303
    assert done.headers["location"] == f"/fg/verzoeken/{asked}?melding=wissing-uitgevoerd"
    assert (await rows_of(runtime, uuid.UUID(file_id)))["members"] == 2
    confirmed = await client.get(done.headers["location"])
    assert "De gegevens zijn gewist" in confirmed.text
    assert "Beantwoord" in confirmed.text
    assert "Beslissen over wissen" not in confirmed.text
    # The request is answered: the form cannot take it again.
    again = await _decide(client, form)
    assert again.status_code == 409
    assert "Over dit verzoek is al beslist" in again.text
    assert (await client.get(f"/fg/wissen?verzoek={asked}")).status_code == 409


async def test_without_a_request_the_page_explains_where_an_erasure_starts(
    client: AsyncClient, runtime: Runtime
) -> None:
    file_id, child = await _file_and_dpo(client, runtime)
    access = await erasure_request(runtime, file_id, child, kind="access")

    empty = await client.get("/fg/wissen")
    unknown = await client.get(f"/fg/wissen?verzoek={uuid.uuid4()}")
    garbled = await client.get("/fg/wissen?verzoek=geen-nummer")
    not_erasure = await client.get(f"/fg/wissen?verzoek={access}")
    # The old form's fields: a file and a member typed by hand erase nothing.
    by_hand = await _decide(
        client,
        {"file_id": file_id, "member_id": child, "decision": "granted", "reason": "objection"},
    )

    assert empty.status_code == 200
    assert "Een wissing begint altijd bij een verzoek van het gezin" in empty.text
    assert 'href="/fg/verzoeken"' in empty.text and 'name="decision"' not in empty.text
    for page in (unknown, garbled, not_erasure):
        assert page.status_code == 404
        assert "Dit is geen verzoek tot wissen" in page.text
    assert by_hand.status_code == 422
    assert "Een wissing begint bij een verzoek van het gezin" in by_hand.text
    assert (await rows_of(runtime, uuid.UUID(file_id)))["members"] == 3


async def test_a_refusal_refuses_the_request_and_a_missing_choice_is_said_in_dutch(
    client: AsyncClient, runtime: Runtime
) -> None:
    file_id, child = await _file_and_dpo(client, runtime)
    asked = await erasure_request(runtime, file_id, child)

    incomplete = await _decide(client, {"verzoek": asked})
    refused = await _decide(
        client,
        {"verzoek": asked, "decision": "refused", "reason": "legal_claims"},
    )

    assert incomplete.status_code == 422
    assert "Kies of u het verzoek inwilligt of weigert." in incomplete.text
    assert "Kies de reden van uw beslissing." in incomplete.text
    assert refused.status_code == 303
    assert refused.headers["location"] == f"/fg/verzoeken/{asked}?melding=wissing-beslist"
    shown = await client.get(refused.headers["location"])
    assert "Uw weigering is vastgelegd" in shown.text
    assert "Nodig voor een rechtsvordering (art. 17.3.e)" in shown.text
    assert (await rows_of(runtime, uuid.UUID(file_id)))["members"] == 3
