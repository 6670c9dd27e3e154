"""Notices about a file go only to the organisations that take part in it under a consent in
force: a former participant hears nothing more (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.factories.assignments import assign
from tests.factories.coordination import (
    add_partner,
    consent,
    consent_of,
    family,
    make_network,
    member_id,
    open_file,
    travel,
)


@pytest.fixture
def runtime(rolled_back: Any) -> Any:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def _kinds(client: Any, headers: dict[str, str], file_id: str) -> list[str]:
    notes = (await client.get("/api/v1/notifications", headers=headers)).json()["items"]
    return [n["kind"] for n in notes if n["file_id"] == file_id]


async def test_a_former_participant_is_not_told_that_the_file_closed(
    client: Any, runtime: Any
) -> None:
    net = await make_network(runtime)
    start = runtime.clock()
    body = {
        "members": family(start),
        "consents": [
            consent("parent", ["parent", "child"], [net.orgs[0], net.orgs[1]], start, days=10),
            consent("youth", ["youth"], [net.orgs[0]], start, days=100),
        ],
    }
    view = await open_file(client, net.headers[0], body)
    fid = view["id"]
    await add_partner(client, net.headers[0], fid, net.orgs[1])
    await assign(runtime, fid, net.workers[1])

    # The consent naming organisation 1 runs out: it is told (it took part until then) ...
    await travel(runtime, net, start + timedelta(days=11))
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])).status_code == 200
    assert "consent_expired" in await _kinds(client, net.headers[1], fid)
    # ... but it takes no part any more: the closing is told to the lead alone.
    closed = await client.post(f"/api/v1/files/{fid}/close", headers=net.headers[0])
    assert closed.status_code == 200, closed.text
    assert "file_closed" in await _kinds(client, net.headers[0], fid)
    assert "file_closed" not in await _kinds(client, net.headers[1], fid)
    # An organisation that never took part hears nothing at all.
    assert await _kinds(client, net.headers[2], fid) == []


async def test_a_former_participant_is_not_told_of_consent_changes_staff_record(
    client: Any, runtime: Any
) -> None:
    net = await make_network(runtime)
    start = runtime.clock()
    body = {
        "members": family(start),
        "consents": [
            consent("parent", ["parent", "child"], [net.orgs[0], net.orgs[1]], start, days=10),
            consent("youth", ["youth"], [net.orgs[0]], start, days=100),
        ],
    }
    view = await open_file(client, net.headers[0], body)
    fid = view["id"]
    await add_partner(client, net.headers[0], fid, net.orgs[1])
    await assign(runtime, fid, net.workers[1])
    # The consent naming organisation 1 runs out: from then on it takes no part.
    await travel(runtime, net, start + timedelta(days=11))
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])).status_code == 200
    heard = await _kinds(client, net.headers[1], fid)

    # The lead records a further consent and the youth's withdrawal ...
    youth = member_id(view, "youth")
    further = consent(youth, [youth], [net.orgs[0]], runtime.clock())
    recorded = await client.post(
        f"/api/v1/files/{fid}/consents", json=further, headers=net.headers[0]
    )
    assert recorded.status_code == 201, recorded.text
    withdrawn = await client.post(
        f"/api/v1/files/{fid}/consents/{consent_of(view, 'youth')}/withdraw",
        headers=net.headers[0],
    )
    assert withdrawn.status_code == 200, withdrawn.text
    told = await _kinds(client, net.headers[0], fid)
    assert "consent_given" in told
    assert "consent_withdrawn" in told
    # ... and the former participant hears of neither.
    assert await _kinds(client, net.headers[1], fid) == heard
