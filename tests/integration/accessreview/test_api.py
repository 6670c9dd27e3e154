"""The access review over HTTP on SQLite and PostgreSQL: a coordinator sees their
organisation's sampled accesses (no case content) and answers them; nobody else can; the DPO
sees the answers, the open and the overdue ones, and the month's signals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text

from tests.factories import auth_headers, create_account, create_organisation
from tests.factories.access_review import OCTOBER, OCTOBER_DAY, Crafted, system_ctx
from tests.factories.assignments import make_coordinator
from zorgafstemming.accessreview.sampling import create_sample
from zorgafstemming.audit.references import file_reference
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

SAMPLED_AT = OCTOBER_DAY + timedelta(days=20)  # 2 November 2026


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: the test runs in one transaction, rolled back."""
    return rolled_back


async def _sampled(runtime: Runtime) -> dict[str, Any]:
    """Two organisations, each with a reader and a coordinator; one read each, sampled at 100 %."""
    crafted = Crafted(runtime)
    made: dict[str, Any] = {"file": new_id()}
    for name in ("a", "b"):
        org = await create_organisation(runtime)
        reader = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
        coordinator = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
        await make_coordinator(runtime, coordinator)
        made[name] = {"org": org, "reader": reader, "coordinator": coordinator}
    await crafted.write(
        [
            crafted.values(made["a"]["reader"], file_id=made["file"]),
            crafted.values(
                made["b"]["reader"], file_id=made["file"], at=OCTOBER_DAY + timedelta(hours=1)
            ),
        ]
    )
    runtime.clock = lambda: SAMPLED_AT
    async with runtime.unit_of_work() as uow:
        await create_sample(uow, system_ctx(), OCTOBER, seed="s", rate_percent=100)
    return made


async def test_a_coordinator_attests_a_colleagues_read_and_the_dpo_sees_the_answer(
    client: AsyncClient, runtime: Runtime
) -> None:
    made = await _sampled(runtime)
    a = made["a"]
    headers = await auth_headers(runtime, a["coordinator"])
    page = (await client.get("/api/v1/access-attestations", headers=headers)).json()
    assert len(page["items"]) == 1 and page["next"] is None
    item = page["items"][0]
    # Which colleague, when, which file (short reference) and which action: nothing else.
    assert item["colleague"] == {"account_id": str(a["reader"].id), "email": a["reader"].email}
    assert item["file_reference"] == file_reference(runtime.secrets.audit_key, made["file"])
    assert item["action"] == "coordination:file:read" and item["reason"] == "read"
    assert item["status"] == "open" and item["answer"] is None

    answered = await client.post(
        f"/api/v1/access-attestations/{item['id']}",
        json={"answer": "not_justified", "note": "Geen opdracht voor dit gezin."},
        headers=headers,
    )
    assert answered.status_code == 200, answered.text
    assert answered.json()["status"] == "answered"
    assert answered.json()["answer"] == "not_justified"
    # The note is stored encrypted: its words are nowhere in the raw column.
    async with runtime.unit_of_work() as uow:
        raw = (await uow.session.execute(text("SELECT note FROM access_review_items"))).all()
    assert any(r.note for r in raw)
    assert all(b"opdracht" not in bytes(r.note or b"") for r in raw)
    again = await client.post(
        f"/api/v1/access-attestations/{item['id']}", json={"answer": "needed"}, headers=headers
    )
    assert again.status_code == 409

    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    seen = (await client.get("/api/v1/access-reviews", headers=dpo)).json()["items"]
    mine = next(i for i in seen if i["id"] == item["id"])
    assert mine["answer"] == "not_justified" and mine["note"] == "Geen opdracht voor dit gezin."
    assert mine["self_attested"] is False
    assert mine["organisation_id"] == str(a["org"]) and mine["reader_account_id"] == str(
        a["reader"].id
    )
    samples = (await client.get("/api/v1/access-reviews/samples", headers=dpo)).json()["items"]
    assert [
        (s["month"], s["items"], s["answered"], s["not_justified"], s["open"]) for s in samples
    ] == [(OCTOBER, 2, 1, 1, 1)]


async def test_only_the_readers_coordinator_may_see_and_answer(
    client: AsyncClient, runtime: Runtime
) -> None:
    made = await _sampled(runtime)
    reader = await auth_headers(runtime, made["a"]["reader"])  # not a coordinator
    assert (await client.get("/api/v1/access-attestations", headers=reader)).status_code == 403
    coordinator_a = await auth_headers(runtime, made["a"]["coordinator"])
    coordinator_b = await auth_headers(runtime, made["b"]["coordinator"])
    item_b = (await client.get("/api/v1/access-attestations", headers=coordinator_b)).json()[
        "items"
    ][0]
    foreign = await client.post(
        f"/api/v1/access-attestations/{item_b['id']}",
        json={"answer": "needed"},
        headers=coordinator_a,
    )
    missing = await client.post(
        f"/api/v1/access-attestations/{new_id()}", json={"answer": "needed"}, headers=coordinator_a
    )
    assert foreign.status_code == missing.status_code == 404
    assert {**foreign.json(), "request_id": None} == {**missing.json(), "request_id": None}
    own_by_reader = await client.post(
        f"/api/v1/access-attestations/{item_b['id']}", json={"answer": "needed"}, headers=reader
    )
    assert own_by_reader.status_code == 404
    bad = await client.post(
        f"/api/v1/access-attestations/{item_b['id']}", json={"answer": "ja"}, headers=coordinator_b
    )
    assert bad.status_code == 422 and bad.headers["content-type"].startswith(
        "application/problem+json"
    )


async def test_the_dpo_sees_open_items_turn_overdue_after_the_deadline(
    client: AsyncClient, runtime: Runtime
) -> None:
    made = await _sampled(runtime)
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    coordinator = await auth_headers(runtime, made["a"]["coordinator"])
    item = (await client.get("/api/v1/access-attestations", headers=coordinator)).json()["items"][0]
    await client.post(
        f"/api/v1/access-attestations/{item['id']}", json={"answer": "needed"}, headers=coordinator
    )

    async def statuses(**params: str) -> list[str]:
        page = await client.get("/api/v1/access-reviews", params=params, headers=dpo)
        assert page.status_code == 200, page.text
        return [i["status"] for i in page.json()["items"]]

    assert sorted(await statuses()) == ["answered", "open"]
    assert await statuses(status="overdue") == []
    runtime.clock = lambda: SAMPLED_AT + timedelta(days=15)
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    assert sorted(await statuses()) == ["answered", "overdue"]
    assert await statuses(status="overdue") == ["overdue"]
    assert await statuses(status="answered", month=OCTOBER) == ["answered"]
    assert await statuses(month="2026-09") == []
    samples = (await client.get("/api/v1/access-reviews/samples", headers=dpo)).json()["items"]
    assert (samples[0]["open"], samples[0]["overdue"]) == (0, 1)
    bad = await client.get("/api/v1/access-reviews", params={"month": "oktober"}, headers=dpo)
    assert bad.status_code == 422


async def test_the_dpo_sees_a_signal_for_reads_at_night(
    client: AsyncClient, runtime: Runtime
) -> None:
    org = await create_organisation(runtime)
    night_owl = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
    crafted = Crafted(runtime)
    file_id = new_id()
    # The organisation worked on the file, then read it at 23:30 Brussels time.
    await crafted.write(
        [
            crafted.values(night_owl, action="coordination:entry:create", file_id=file_id),
            crafted.values(
                night_owl, file_id=file_id, at=datetime(2026, 10, 13, 21, 30, tzinfo=UTC)
            ),
        ]
    )
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    page = await client.get(
        "/api/v1/access-reviews/signals", params={"month": OCTOBER}, headers=dpo
    )
    assert page.status_code == 200, page.text
    body = page.json()
    assert body["month"] == OCTOBER
    assert [(s["rule"], s["account_id"], s["count"]) for s in body["items"]] == [
        ("off_hours", str(night_owl.id), 1)
    ]
    assert body["items"][0]["file_references"] == [
        file_reference(runtime.secrets.audit_key, file_id)
    ]
    worker = await auth_headers(runtime, night_owl)
    assert (await client.get("/api/v1/access-reviews/signals", headers=worker)).status_code == 403


async def test_the_dpo_sees_when_a_coordinator_answered_for_their_own_read(
    client: AsyncClient, runtime: Runtime
) -> None:
    org = await create_organisation(runtime)
    coordinator = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
    await make_coordinator(runtime, coordinator)
    crafted = Crafted(runtime)
    await crafted.write([crafted.values(coordinator, file_id=new_id())])
    async with runtime.unit_of_work() as uow:
        await create_sample(uow, system_ctx(), OCTOBER, seed="s", rate_percent=100)
    headers = await auth_headers(runtime, coordinator)
    [item] = (await client.get("/api/v1/access-attestations", headers=headers)).json()["items"]
    assert item["colleague"]["account_id"] == str(coordinator.id)
    answered = await client.post(
        f"/api/v1/access-attestations/{item['id']}", json={"answer": "needed"}, headers=headers
    )
    assert answered.status_code == 200
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    [seen] = (await client.get("/api/v1/access-reviews", headers=dpo)).json()["items"]
    assert seen["self_attested"] is True and seen["answer"] == "needed"
