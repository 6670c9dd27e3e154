"""The DPO's retention API: the schedule and legal holds, as a DPO and as everyone else."""

from __future__ import annotations

import uuid

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from tests.factories import auth_headers, create_account
from tests.factories.retention import rows_of, seed_due_and_not_due
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.notice_models import Notification
from zorgafstemming.identity.principal import Role
from zorgafstemming.retention import purge
from zorgafstemming.retention.models import LegalHold
from zorgafstemming.retention.reviews import REVIEW_NOTICE
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime

NOTE = "Rechtszaak Zyxwvutsrq tegen de dienst"  # free text with a canary name


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: the app and the test share a runtime that is rolled back."""
    return rolled_back


async def test_dpo_places_and_lifts_a_hold_and_the_purge_respects_it(
    client: AsyncClient, runtime: Runtime
) -> None:
    due, _ = await seed_due_and_not_due(runtime, 2, 0)
    held = due[0].file_id
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    url = f"/api/v1/files/{held}/legal-hold"

    response = await client.post(url, json={"reason_code": "litigation", "note": NOTE}, headers=dpo)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["file_id"] == str(held) and body["reason_code"] == "litigation"
    assert body["has_note"] is True and body["lifted_at"] is None
    assert NOTE not in response.text

    again = await client.post(url, json={"reason_code": "other"}, headers=dpo)
    assert again.status_code == 409
    assert again.json()["type"] == "/problems/already-held"

    summary = await purge.run(runtime, load_schedule())
    assert summary.files_purged == 1 and summary.files_held == 1
    assert (await rows_of(runtime, held))["members"] == 2

    lifted = await client.delete(url, headers=dpo)
    assert lifted.status_code == 200, lifted.text
    assert lifted.json()["lifted_at"] is not None
    assert (await client.delete(url, headers=dpo)).json()["type"] == "/problems/no-active-hold"

    summary = await purge.run(runtime, load_schedule())
    assert summary.files_purged == 1
    assert (await rows_of(runtime, held))["members"] == 0

    async with runtime.sessions() as session:
        ref = audit_ref(runtime.secrets.audit_key, "file", held)
        actions = (
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.file_ref == ref).order_by(AuditEvent.id)
            )
        ).all()
        assert actions == ["retention:hold:place", "retention:hold:lift", purge.PURGE_ACTION]
        # The note never reached the database in clear, and went with the file.
        assert await session.scalar(select(LegalHold.id).where(LegalHold.file_id == held)) is None


async def test_hold_note_is_stored_encrypted(client: AsyncClient, runtime: Runtime) -> None:
    due, _ = await seed_due_and_not_due(runtime, 1, 0)
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    response = await client.post(
        f"/api/v1/files/{due[0].file_id}/legal-hold",
        json={"reason_code": "regulator_inquiry", "note": NOTE},
        headers=dpo,
    )
    assert response.status_code == 201
    async with runtime.sessions() as session:
        blob = await session.scalar(select(LegalHold.note))
    assert blob is not None and b"Zyxwvutsrq" not in blob


async def test_hold_input_is_checked(client: AsyncClient, runtime: Runtime) -> None:
    due, _ = await seed_due_and_not_due(runtime, 1, 0)
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    url = f"/api/v1/files/{due[0].file_id}/legal-hold"
    for body in ({}, {"reason_code": "because"}, {"reason_code": "other", "note": ""}):
        response = await client.post(url, json=body, headers=dpo)
        assert response.status_code in (400, 422), body
        assert response.headers["content-type"].startswith("application/problem+json")
    missing = await client.post(
        f"/api/v1/files/{uuid.uuid4()}/legal-hold", json={"reason_code": "other"}, headers=dpo
    )
    assert missing.status_code == 404
    async with runtime.sessions() as session:
        assert await session.scalar(select(LegalHold.id)) is None


async def test_only_the_dpo_may_see_the_schedule_or_hold_files(
    client: AsyncClient, runtime: Runtime
) -> None:
    due, not_due = await seed_due_and_not_due(runtime, 2, 1)
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    response = await client.get("/api/v1/retention/due", headers=dpo)
    assert response.status_code == 200, response.text
    body = response.json()
    purges = [item for item in body["items"] if item["action"] == "purge"]
    # Files whose clock runs; an open file with consent in force has no purge date yet...
    assert {item["file_id"] for item in purges} == {str(f.file_id) for f in due}
    assert all(item["due_now"] and item["rule_id"] == "file-consents-ended" for item in purges)
    # ...but one idle for six years is flagged for its lead's review.
    reviews = [item for item in body["items"] if item["action"] == "review"]
    assert [(r["file_id"], r["rule_id"], r["due_now"]) for r in reviews] == [
        (str(not_due[0].file_id), "file-inactive-review", True)
    ]
    assert {"file-consents-ended", "file-inactive-review"} <= set(body["rules"])
    first = (await client.get("/api/v1/retention/due?limit=1", headers=dpo)).json()
    page = (
        await client.get(
            "/api/v1/retention/due", params={"limit": 1, "after": first["next"]}, headers=dpo
        )
    ).json()
    assert page["total"] == body["total"] and page["items"] == body["items"][1:2]

    for role in (Role.ADMIN, Role.SOCIAL_WORKER, Role.FAMILY):
        other = await auth_headers(runtime, await create_account(runtime, role))
        assert (await client.get("/api/v1/retention/due", headers=other)).status_code == 403
        hold = await client.post(
            f"/api/v1/files/{due[0].file_id}/legal-hold",
            json={"reason_code": "other"},
            headers=other,
        )
        assert hold.status_code == 403
    assert (await client.get("/api/v1/retention/due")).status_code == 401
    # A run tells the lead organisation, once.
    assert (await purge.run(runtime, load_schedule())).reviews_flagged == 1
    assert (await purge.run(runtime, load_schedule())).reviews_flagged == 0
    async with runtime.sessions() as session:
        kinds = (
            await session.scalars(
                select(Notification.kind).where(Notification.file_id == not_due[0].file_id)
            )
        ).all()
    assert sorted(kinds) == ["consent_expiring", REVIEW_NOTICE]
