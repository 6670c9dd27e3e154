"""Erasure on the DPO's decision on the family's request (GDPR art. 17): a whole file goes by
the purge path, a legal hold blocks it with a clear problem, a refusal is recorded and refuses the
request, the art. 19 notices go to exactly the organisations that read the data — and a DPO
without an open erasure request of the family about that file and member erases nothing."""

from __future__ import annotations

import uuid

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from tests.factories import auth_headers, create_account
from tests.factories.coordination import add_partner
from tests.factories.erasure import file_with_canary_youth
from tests.factories.retention import rows_of, seed_due_and_not_due
from tests.factories.rights import erasure_request
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.notice_models import Notification
from zorgafstemming.identity.principal import Role
from zorgafstemming.retention.models import ErasureDecision, PurgeTombstone
from zorgafstemming.rights.models import SubjectRequest
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: the app and the test share a runtime that is rolled back."""
    return rolled_back


async def test_erasing_a_whole_file_goes_by_the_purge(
    client: AsyncClient, runtime: Runtime
) -> None:
    _, not_due = await seed_due_and_not_due(runtime, 0, 1, idle=False)
    file_id = not_due[0].file_id
    asked = await erasure_request(runtime, file_id, not_due[0].member_ids[0], scope="file")
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))

    erased = await client.post(
        f"/api/v1/files/{file_id}/erasures",
        json={"decision": "granted", "reason": "no_longer_needed", "request_id": asked},
        headers=dpo,
    )

    assert erased.status_code == 201, erased.text
    assert erased.json()["proof_ok"] is True and erased.json()["member_ref"] is None
    assert (await rows_of(runtime, file_id))["members"] == 0
    ref = audit_ref(runtime.secrets.audit_key, "file", file_id)
    async with runtime.sessions() as session:
        tomb = (
            await session.scalars(select(PurgeTombstone).where(PurgeTombstone.file_ref == ref))
        ).one()
        assert tomb.rule_id == "gdpr-art17-erasure" and tomb.proof_ok
        assert not any(tomb.proof.values()) and tomb.purged_counts["members"] == 2
        assert await runtime.cipher.load_key(session, "file", file_id) is None
        kept = (await session.scalars(select(ErasureDecision))).one()
        assert kept.file_ref == ref and kept.decision == "granted"
        assert str(kept.request_id) == asked
        request = await session.get(SubjectRequest, uuid.UUID(asked))
        assert request is not None and request.status == "answered" and request.file_id is None
    again = await client.post(
        f"/api/v1/files/{file_id}/erasures",
        json={"decision": "granted", "reason": "no_longer_needed", "request_id": asked},
        headers=dpo,
    )
    assert again.status_code == 404


async def test_a_legal_hold_blocks_erasure_and_a_refusal_is_recorded(
    client: AsyncClient, runtime: Runtime
) -> None:
    _, not_due = await seed_due_and_not_due(runtime, 0, 1, idle=False)
    file_id = not_due[0].file_id
    asked = await erasure_request(runtime, file_id, not_due[0].member_ids[0], scope="file")
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    held = await client.post(
        f"/api/v1/files/{file_id}/legal-hold", json={"reason_code": "litigation"}, headers=dpo
    )
    assert held.status_code == 201
    url = f"/api/v1/files/{file_id}/erasures"

    blocked = await client.post(
        url, json={"decision": "granted", "reason": "objection", "request_id": asked}, headers=dpo
    )
    no_reason = await client.post(
        url, json={"decision": "refused", "request_id": asked}, headers=dpo
    )
    refused = await client.post(
        url,
        json={"decision": "refused", "reason": "legal_claims", "request_id": asked},
        headers=dpo,
    )

    assert blocked.status_code == 409
    assert blocked.headers["content-type"].startswith("application/problem+json")
    assert blocked.json()["type"] == "/problems/under-legal-hold"
    assert "legal hold" in blocked.json()["title"]
    assert refused.status_code == 201 and refused.json()["erased_counts"] == {}
    assert no_reason.status_code in (400, 422)
    assert (await rows_of(runtime, file_id))["members"] == 2
    async with runtime.sessions() as session:
        decisions = (await session.scalars(select(ErasureDecision))).all()
        assert [(d.decision, d.reason) for d in decisions] == [("refused", "legal_claims")]
        request = await session.get(SubjectRequest, uuid.UUID(asked))
        assert request is not None and request.status == "refused"
    worker = await auth_headers(runtime, await create_account(runtime, Role.SOCIAL_WORKER))
    refusal = {"decision": "refused", "reason": "other", "request_id": asked}
    assert (await client.post(url, json=refusal, headers=worker)).status_code == 403


async def test_art19_notices_go_to_exactly_the_organisations_that_read(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view, youth_id, _ = await file_with_canary_youth(client, runtime)
    file_id = uuid.UUID(view["id"])
    # Organisation 1 takes part but never reads; organisation 0 (lead) reads the file.
    await add_partner(client, net.headers[0], view["id"], net.orgs[1])
    assert (await client.get(f"/api/v1/files/{file_id}", headers=net.headers[0])).is_success
    asked = await erasure_request(runtime, file_id, youth_id)
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    erased = await client.post(
        f"/api/v1/files/{file_id}/erasures",
        json={
            "decision": "granted",
            "reason": "objection",
            "member_id": youth_id,
            "request_id": asked,
        },
        headers=dpo,
    )
    assert erased.status_code == 201, erased.text
    async with runtime.sessions() as session:
        told = (
            await session.execute(
                select(Notification.organisation_id, Notification.kind).where(
                    Notification.file_id == file_id, Notification.kind == "data_erased"
                )
            )
        ).all()
    assert told == [(net.orgs[0], "data_erased")]
