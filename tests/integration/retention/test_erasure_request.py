"""An erasure needs the family's request: a DPO alone erases nothing (422 on ``request_id``,
nothing written, the file still readable), a request about another member or another file is
refused whole, and a refusal answers the request as refused with its reason."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from tests.factories import auth_headers, create_account
from tests.factories.erasure import file_with_canary_youth
from tests.factories.retention import rows_of
from tests.factories.rights import erasure_request
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.principal import Role
from zorgafstemming.retention.models import ErasureDecision
from zorgafstemming.rights.models import SubjectRequest
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: the test runs in one transaction, rolled back."""
    return rolled_back


async def _written(runtime: Runtime) -> tuple[int, int]:
    """Erasure decisions kept, and audit events of an erasure decision."""
    async with runtime.sessions() as session:
        decisions = await session.scalar(select(func.count()).select_from(ErasureDecision))
        events = await session.scalar(
            select(func.count()).where(AuditEvent.action == Action.RETENTION_ERASURE_DECIDE.value)
        )
    return decisions or 0, events or 0


async def _status(runtime: Runtime, request_id: str) -> str:
    async with runtime.sessions() as session:
        row = await session.get(SubjectRequest, uuid.UUID(request_id))
    assert row is not None
    return row.status


def _fields(problem: dict[str, Any]) -> list[str]:
    return [e["field"] for e in problem["errors"]]


async def test_a_dpo_alone_cannot_erase(client: AsyncClient, runtime: Runtime) -> None:
    net, view, youth_id, parent_id = await file_with_canary_youth(client, runtime)
    file_id = uuid.UUID(view["id"])
    before = await rows_of(runtime, file_id)
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    url = f"/api/v1/files/{file_id}/erasures"

    alone = [
        {"decision": "granted", "reason": "no_longer_needed"},
        {"decision": "granted", "reason": "consent_withdrawn", "member_id": youth_id},
        {"decision": "refused", "reason": "other", "member_id": youth_id},
        # A request id nobody filed is no request either.
        {"decision": "granted", "reason": "no_longer_needed", "request_id": str(uuid.uuid4())},
    ]
    answers = [await client.post(url, json=body, headers=dpo) for body in alone]

    for answer in answers:
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert _fields(answer.json()) == ["request_id"]
    assert "request_id" in answers[0].json()["detail"]
    assert await rows_of(runtime, file_id) == before
    assert await _written(runtime) == (0, 0)
    # The file is untouched: the lead still reads it, every member and every entry.
    read = await client.get(f"/api/v1/files/{file_id}", headers=net.headers[0])
    assert read.status_code == 200
    assert {m["id"] for m in read.json()["members"]} == {youth_id, parent_id}


async def test_a_request_about_another_member_or_file_is_refused(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view, youth_id, parent_id = await file_with_canary_youth(client, runtime)
    _, other_view, other_youth, _ = await file_with_canary_youth(client, runtime)
    file_id = uuid.UUID(view["id"])
    about_parent = await erasure_request(runtime, file_id, parent_id)
    other_file = await erasure_request(runtime, other_view["id"], other_youth)
    access = await erasure_request(runtime, file_id, youth_id, kind="access")
    whole = await erasure_request(runtime, file_id, youth_id, scope="file")
    before = await rows_of(runtime, file_id)
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    url = f"/api/v1/files/{file_id}/erasures"

    def grant(request_id: str, member: str | None = youth_id) -> dict[str, Any]:
        body = {"decision": "granted", "reason": "consent_withdrawn", "request_id": request_id}
        return body | ({"member_id": member} if member else {})

    refused = [
        await client.post(url, json=grant(about_parent), headers=dpo),  # another member
        await client.post(url, json=grant(other_file), headers=dpo),  # another file
        await client.post(url, json=grant(other_file, None), headers=dpo),  # whole, other file
        await client.post(url, json=grant(access), headers=dpo),  # not an erasure request
        # One member's request never erases everyone in the file...
        await client.post(url, json=grant(about_parent, None), headers=dpo),
        # ...and a request for the whole file is answered by erasing the whole file, not a part.
        await client.post(url, json=grant(whole), headers=dpo),
    ]

    for answer in refused:
        assert answer.status_code == 422, answer.text
        assert _fields(answer.json()) == ["request_id"]
    assert await rows_of(runtime, file_id) == before
    assert await _written(runtime) == (0, 0)
    for request_id in (about_parent, other_file, access, whole):
        assert await _status(runtime, request_id) == "received"
    # The request about the parent answers the parent's erasure, and only that.
    granted = await client.post(url, json=grant(about_parent, parent_id), headers=dpo)
    assert granted.status_code == 201, granted.text
    assert await _status(runtime, about_parent) == "answered"
    read = await client.get(f"/api/v1/files/{file_id}", headers=net.headers[0])
    assert {m["id"] for m in read.json()["members"]} == {youth_id}


async def test_a_refusal_answers_the_request_as_refused_with_its_reason(
    client: AsyncClient, runtime: Runtime
) -> None:
    _, view, youth_id, _ = await file_with_canary_youth(client, runtime)
    file_id = uuid.UUID(view["id"])
    asked = await erasure_request(runtime, file_id, youth_id)
    before = await rows_of(runtime, file_id)
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))

    refused = await client.post(
        f"/api/v1/files/{file_id}/erasures",
        json={
            "decision": "refused",
            "reason": "legal_claims",
            "member_id": youth_id,
            "request_id": asked,
        },
        headers=dpo,
    )

    assert refused.status_code == 201, refused.text
    assert refused.json()["erased_counts"] == {} and refused.json()["request_id"] == asked
    assert await rows_of(runtime, file_id) == before
    assert await _written(runtime) == (1, 1)
    detail = await client.get(f"/api/v1/rights/requests/{asked}", headers=dpo)
    assert detail.json()["status"] == "refused"
    assert detail.json()["steps"][-1]["step"] == "refuse"
    assert detail.json()["steps"][-1]["reason"] == (
        "Het verzoek tot wissen is geweigerd: Nodig voor een rechtsvordering (art. 17.3.e)."
    )
    # Refused is closed: the same request cannot carry a grant afterwards.
    again = await client.post(
        f"/api/v1/files/{file_id}/erasures",
        json={"decision": "granted", "reason": "objection", "request_id": asked},
        headers=dpo,
    )
    assert again.status_code == 422 and _fields(again.json()) == ["request_id"]
    assert await rows_of(runtime, file_id) == before
