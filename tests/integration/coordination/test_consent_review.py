"""The DPO's review queue of consents recorded by partners' workers: newest first, keyset-paged,
no personal data; the scan audited at every look; the outcome a consent event, a referral back
told to the recording organisation — on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import insert, select

from tests.factories import auth_headers, create_account
from tests.factories.consent_reviews import SCAN, staff_recorded_consent
from tests.factories.coordination import audit_events, make_network
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.models import ConsentEvent
from zorgafstemming.identity.principal import Role


@pytest.fixture
def runtime(rolled_back: Any) -> Any:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def _dpo(runtime: Any) -> tuple[Any, dict[str, str]]:
    dpo = await create_account(runtime, Role.DPO)
    return dpo, await auth_headers(runtime, dpo)


async def test_the_queue_lists_staff_recorded_consents_newest_first_without_names(
    client: Any, runtime: Any
) -> None:
    net = await make_network(runtime)
    start = runtime.clock()
    first = await staff_recorded_consent(runtime, client, net.headers[0], net.orgs[0])
    runtime.clock = lambda: start + timedelta(minutes=5)
    second = await staff_recorded_consent(runtime, client, net.headers[1], net.orgs[1], scan=None)
    _, headers = await _dpo(runtime)

    response = await client.get("/api/v1/consent-reviews", headers=headers)
    assert response.status_code == 200, response.text
    # Every consent a worker recorded is in the queue (the other consents opened with these
    # files too); these two, newest first.
    mine = {first["consent_id"], second["consent_id"]}
    items = [i for i in response.json()["items"] if i["consent_id"] in mine]
    assert [i["consent_id"] for i in items] == [second["consent_id"], first["consent_id"]]
    newest, oldest = items
    assert newest["has_scan"] is False and newest["state"] == "pending"
    assert newest["collection_method"] == "in_person"
    assert oldest["has_scan"] is True and oldest["state"] == "active"
    assert oldest["recorded_by_organisation"]["id"] == str(net.orgs[0])
    assert oldest["file_ref"] == audit_ref(
        runtime.secrets.audit_key, "file", uuid.UUID(first["file_id"])
    )
    assert oldest["contested"] is False and oldest["contested_at"] is None
    assert oldest["review"] == {"status": "none", "by_account_id": None, "at": None}
    for name in ("Els", "Mila", "Noah", "Peeters"):
        assert name not in response.text
    assert response.json()["next"] is None


async def test_the_queue_pages_with_an_opaque_cursor(client: Any, runtime: Any) -> None:
    net = await make_network(runtime, size=1)
    start = runtime.clock()
    made = []
    for minutes in range(3):
        runtime.clock = lambda m=minutes: start + timedelta(minutes=m)
        made.append(await staff_recorded_consent(runtime, client, net.headers[0], net.orgs[0]))
    _, headers = await _dpo(runtime)
    seen: list[str] = []
    after = None
    while True:
        params = {"limit": 2, **({"after": after} if after else {})}
        page = (await client.get("/api/v1/consent-reviews", params=params, headers=headers)).json()
        seen += [i["consent_id"] for i in page["items"]]
        after = page["next"]
        if after is None:
            break
        assert str(start.year) not in after  # opaque: no readable time in the cursor
    assert len(seen) == len(set(seen))  # each exactly once
    mine = {m["consent_id"] for m in made}
    assert [c for c in seen if c in mine] == [m["consent_id"] for m in reversed(made)]
    bad = await client.get("/api/v1/consent-reviews", params={"after": "nonsense"}, headers=headers)
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["after"]


async def test_every_look_at_the_scan_is_audited(client: Any, runtime: Any) -> None:
    net = await make_network(runtime, size=1)
    made = await staff_recorded_consent(runtime, client, net.headers[0], net.orgs[0])
    _, headers = await _dpo(runtime)
    before = len(await audit_events(runtime))
    url = f"/api/v1/consent-reviews/{made['consent_id']}/evidence"
    for _ in range(2):
        scan = await client.get(url, headers=headers)
        assert scan.status_code == 200
        assert scan.content == SCAN
        assert scan.headers["content-type"].startswith("application/pdf")
        assert scan.headers["cache-control"] == "no-store"
        assert scan.headers["content-disposition"].startswith("attachment;")
    missing = await client.get(f"/api/v1/consent-reviews/{uuid.uuid4()}/evidence", headers=headers)
    assert missing.status_code == 404
    new = (await audit_events(runtime))[before:]
    assert [(e["action"], e["outcome"]) for e in new] == [
        ("review:evidence:read", "allowed"),
        ("review:evidence:read", "allowed"),
        ("review:evidence:read", "denied"),
    ]
    assert new[0]["file_ref"] == audit_ref(
        runtime.secrets.audit_key, "file", uuid.UUID(made["file_id"])
    )


async def test_a_consent_without_a_scan_has_no_scan_to_read(client: Any, runtime: Any) -> None:
    net = await make_network(runtime, size=1)
    made = await staff_recorded_consent(runtime, client, net.headers[0], net.orgs[0], scan=None)
    _, headers = await _dpo(runtime)
    url = f"/api/v1/consent-reviews/{made['consent_id']}/evidence"
    assert (await client.get(url, headers=headers)).status_code == 404


async def test_reviewing_and_referring_back_are_consent_events(client: Any, runtime: Any) -> None:
    net = await make_network(runtime)
    made = await staff_recorded_consent(runtime, client, net.headers[0], net.orgs[0])
    dpo, headers = await _dpo(runtime)
    url = f"/api/v1/consent-reviews/{made['consent_id']}"

    reviewed = await client.post(url, json={"outcome": "reviewed"}, headers=headers)
    assert reviewed.status_code == 200, reviewed.text
    assert reviewed.json()["review"]["status"] == "reviewed"
    assert reviewed.json()["review"]["by_account_id"] == str(dpo.id)
    notes = (await client.get("/api/v1/notifications", headers=net.headers[0])).json()["items"]
    assert "consent_referred_back" not in {n["kind"] for n in notes}

    back = await client.post(url, json={"outcome": "referred_back"}, headers=headers)
    assert back.json()["review"]["status"] == "referred_back"
    notes = (await client.get("/api/v1/notifications", headers=net.headers[0])).json()["items"]
    told = [n for n in notes if n["kind"] == "consent_referred_back"]
    assert [n["consent_id"] for n in told] == [made["consent_id"]]
    other = (await client.get("/api/v1/notifications", headers=net.headers[1])).json()["items"]
    assert "consent_referred_back" not in {n["kind"] for n in other}

    async with runtime.sessions() as session:
        kinds = (
            await session.execute(
                select(ConsentEvent.kind, ConsentEvent.actor_account_id)
                .where(ConsentEvent.consent_id == uuid.UUID(made["consent_id"]))
                .order_by(ConsentEvent.recorded_at, ConsentEvent.id)
            )
        ).all()
    assert [(k, a) for k, a in kinds][-2:] == [("reviewed", dpo.id), ("referred_back", dpo.id)]
    unknown = await client.post(
        f"/api/v1/consent-reviews/{uuid.uuid4()}", json={"outcome": "reviewed"}, headers=headers
    )
    assert unknown.status_code == 404
    wrong = await client.post(url, json={"outcome": "approved"}, headers=headers)
    assert wrong.status_code in (400, 422)


async def test_a_contested_consent_shows_as_contested(client: Any, runtime: Any) -> None:
    net = await make_network(runtime, size=1)
    made = await staff_recorded_consent(runtime, client, net.headers[0], net.orgs[0])
    now = runtime.clock()
    async with runtime.unit_of_work() as uow:
        await uow.session.execute(
            insert(ConsentEvent).values(
                id=uuid.uuid4(),
                consent_id=uuid.UUID(made["consent_id"]),
                kind="contested",
                occurred_at=now,
                recorded_at=now,
            )
        )
    _, headers = await _dpo(runtime)
    items = (await client.get("/api/v1/consent-reviews", headers=headers)).json()["items"]
    item = next(i for i in items if i["consent_id"] == made["consent_id"])
    assert item["contested"] is True and item["contested_at"]
