"""Four eyes on privileged account changes: a request changes nothing until another
administrator or the DPO approves it; then it applies at once and the holder is told."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from tests.factories import (
    activation_code_from_mail,
    auth_headers,
    create_account,
    create_organisation,
)
from tests.factories.account_changes import decide, sign_in_status
from tests.factories.coordination import audit_events
from tests.factories.mail import queued_mails
from zorgafstemming.identity import security_log, totp
from zorgafstemming.identity.models import Account
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

NEW_PASSWORD = "groene-vlinder-takken-88"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """Each test is one conversation with the API, in one transaction rolled back."""
    return rolled_back


async def _request(
    client: AsyncClient, runtime: Runtime, admin_headers: dict[str, str], path: str, **body: str
) -> str:
    response = await client.post(path, json=body or None, headers=admin_headers)
    assert response.status_code == 202, response.text
    change_id: str = response.json()["change_id"]
    return change_id


@pytest.mark.parametrize("approver_role", [Role.ADMIN, Role.DPO])
async def test_an_approved_reset_ends_sessions_and_mails_the_holder(
    client: AsyncClient, runtime: Runtime, approver_role: Role
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    approver = await create_account(runtime, approver_role)
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    worker_headers = await auth_headers(runtime, worker)
    change_id = await _request(
        client, runtime, await auth_headers(runtime, admin), f"/api/v1/users/{worker.id}/reset-mfa"
    )
    approved = await decide(client, runtime, approver, change_id)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"
    assert approved.json()["decided_by"] == str(approver.id)
    # Every session and token ended; the old password and app no longer sign in.
    assert (await client.get("/api/v1/auth/me", headers=worker_headers)).status_code == 401
    assert await sign_in_status(client, runtime, worker, steps_ahead=1) == 401
    # The holder is told, at their own address, and gets the new link there.
    [notice] = await queued_mails(runtime, account_id=worker.id, kind="account-reset")
    [link] = await queued_mails(runtime, account_id=worker.id, kind="activation")
    assert notice.to == link.to == worker.email
    # The holder (and only they) activates again with the mailed link.
    token = await activation_code_from_mail(runtime, worker.id)
    enrolled = await client.post(
        "/api/v1/auth/activate", json={"token": token, "password": NEW_PASSWORD}
    )
    assert enrolled.status_code == 200
    async with runtime.unit_of_work() as uow:
        kinds = [e.kind for e in await security_log.recent(uow, worker.id)]
    assert {"change-requested", "change-approved", "mfa-reset"} <= set(kinds)
    decided = [e for e in await audit_events(runtime) if e["action"].startswith("identity:acc")]
    assert [(e["action"], e["policy_id"]) for e in decided] == [
        ("identity:account-change:request", "admin-requests-account-changes"),
        ("identity:account-change:approve", "second-person-decides-account-changes"),
    ]


async def test_the_requester_cannot_approve_or_reject_their_own_request(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    change_id = await _request(
        client, runtime, await auth_headers(runtime, admin), f"/api/v1/users/{worker.id}/invite"
    )
    for verdict in ("approve", "reject"):
        refused = await decide(client, runtime, admin, change_id, verdict)
        assert refused.status_code == 403
        assert refused.headers["content-type"].startswith("application/problem+json")
    assert await sign_in_status(client, runtime, worker) == 200
    denied = [e for e in await audit_events(runtime) if e["outcome"] == "denied"]
    assert {(e["action"], e["policy_id"]) for e in denied} == {
        ("identity:account-change:approve", "requester-never-decides-own-request"),
        ("identity:account-change:reject", "requester-never-decides-own-request"),
    }
    # Still open: a second administrator decides it.
    other = await create_account(runtime, Role.ADMIN)
    assert (await decide(client, runtime, other, change_id, "reject")).status_code == 200


async def test_the_holder_of_the_account_cannot_decide_a_change_to_it(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    colleague = await create_account(runtime, Role.ADMIN)
    change_id = await _request(
        client,
        runtime,
        await auth_headers(runtime, admin),
        f"/api/v1/users/{colleague.id}/change",
        role="dpo",
    )
    assert (await decide(client, runtime, colleague, change_id)).status_code == 403


async def test_a_rejected_request_changes_nothing(client: AsyncClient, runtime: Runtime) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    dpo = await create_account(runtime, Role.DPO)
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    change_id = await _request(
        client, runtime, await auth_headers(runtime, admin), f"/api/v1/users/{worker.id}/invite"
    )
    rejected = await decide(client, runtime, dpo, change_id, "reject")
    assert rejected.json()["status"] == "rejected"
    assert await sign_in_status(client, runtime, worker) == 200
    assert await queued_mails(runtime, account_id=worker.id) == []
    again = await decide(client, runtime, await create_account(runtime, Role.ADMIN), change_id)
    assert again.status_code == 409


async def test_a_new_dpo_account_is_invited_only_after_approval(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    second = await create_account(runtime, Role.ADMIN)
    response = await client.post(
        "/api/v1/users",
        json={"role": "dpo", "email": "fg@example.org"},
        headers=await auth_headers(runtime, admin),
    )
    account_id = uuid.UUID(response.json()["account_id"])
    assert (await decide(client, runtime, second, response.json()["change_id"])).status_code == 200
    [mail] = await queued_mails(runtime, account_id=account_id, kind="activation")
    assert mail.to == "fg@example.org"
    token = await activation_code_from_mail(runtime, account_id)
    enrolment = await client.post(
        "/api/v1/auth/activate", json={"token": token, "password": NEW_PASSWORD}
    )
    assert enrolment.status_code == 200
    code = totp.code_at(enrolment.json()["secret"], runtime.clock())
    confirmed = await client.post(
        "/api/v1/auth/activate/confirm", json={"token": token, "otp": code}
    )
    assert confirmed.status_code == 204


async def test_a_rejected_new_account_is_removed_and_its_address_free_again(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    dpo = await create_account(runtime, Role.DPO)
    headers = await auth_headers(runtime, admin)
    body = {"role": "admin", "email": "tweede@example.org"}
    response = await client.post("/api/v1/users", json=body, headers=headers)
    account_id = uuid.UUID(response.json()["account_id"])
    rejected = await decide(client, runtime, dpo, response.json()["change_id"], "reject")
    assert rejected.json()["account_id"] is None
    async with runtime.unit_of_work() as uow:
        assert await uow.session.get(Account, account_id) is None
    assert (await client.post("/api/v1/users", json=body, headers=headers)).status_code == 202


async def test_a_role_change_applies_only_after_approval(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    dpo = await create_account(runtime, Role.DPO)
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    other_org = await create_organisation(runtime)
    worker_headers = await auth_headers(runtime, worker)
    change_id = await _request(
        client,
        runtime,
        await auth_headers(runtime, admin),
        f"/api/v1/users/{worker.id}/change",
        organisation_id=str(other_org),
    )
    me = await client.get("/api/v1/auth/me", headers=worker_headers)
    assert me.json()["organisation_id"] == str(worker.organisation_id)
    assert (await decide(client, runtime, dpo, change_id)).status_code == 200
    assert (await client.get("/api/v1/auth/me", headers=worker_headers)).status_code == 401
    async with runtime.unit_of_work() as uow:
        stored = await uow.session.scalar(
            select(Account.organisation_id).where(Account.id == worker.id)
        )
    assert stored == other_org
    [notice] = await queued_mails(runtime, account_id=worker.id, kind="account-change")
    assert notice.to == worker.email


async def test_invalid_changes_are_refused_before_anyone_is_asked(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    headers = await auth_headers(runtime, admin)
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    parent = await create_account(runtime, Role.FAMILY)
    cases = [
        (worker.id, {"role": "family"}, "role"),
        (parent.id, {"role": "dpo"}, "role"),
        (worker.id, {"organisation_id": str(uuid.uuid4())}, "organisation_id"),
        (worker.id, {"role": "wizard"}, "role"),
        (worker.id, {}, "role"),  # nothing would change
    ]
    for account_id, body, field in cases:
        response = await client.post(
            f"/api/v1/users/{account_id}/change", json=body, headers=headers
        )
        assert response.status_code == 422, (body, response.text)
        assert response.json()["errors"][0]["field"] == field
    listed = await client.get("/api/v1/account-changes", headers=headers)
    assert listed.json()["items"] == []


async def test_one_open_request_per_account_and_requests_expire(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    dpo = await create_account(runtime, Role.DPO)
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    headers = await auth_headers(runtime, admin)
    change_id = await _request(client, runtime, headers, f"/api/v1/users/{worker.id}/invite")
    second = await client.post(f"/api/v1/users/{worker.id}/reset-mfa", headers=headers)
    assert second.status_code == 409
    later = runtime.clock() + timedelta(days=7, minutes=1)
    runtime.clock = lambda: later
    expired = await decide(client, runtime, dpo, change_id)
    assert expired.status_code == 409
    listed = await client.get("/api/v1/account-changes", headers=await auth_headers(runtime, dpo))
    assert [i["status"] for i in listed.json()["items"]] == ["expired"]
    assert await sign_in_status(client, runtime, worker) == 200
    # After expiry a new request may be made.
    headers = await auth_headers(runtime, admin)
    assert (
        await client.post(f"/api/v1/users/{worker.id}/invite", headers=headers)
    ).status_code == 202


async def test_the_list_shows_whose_account_and_who_asked(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    dpo = await create_account(runtime, Role.DPO)
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    await _request(
        client, runtime, await auth_headers(runtime, admin), f"/api/v1/users/{worker.id}/invite"
    )
    listed = await client.get(
        "/api/v1/account-changes?pending=true", headers=await auth_headers(runtime, dpo)
    )
    assert listed.status_code == 200
    [item] = listed.json()["items"]
    assert item["kind"] == "reinvite" and item["status"] == "pending"
    assert item["account_email"] == worker.email
    assert item["requested_by_email"] == admin.email
    reads = [
        e for e in await audit_events(runtime) if e["action"] == "identity:account-change:list"
    ]
    assert len(reads) == 1


async def test_an_invited_account_is_re_invited_at_once_to_its_own_address(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    headers = await auth_headers(runtime, admin)
    org = await create_organisation(runtime)
    created = await client.post(
        "/api/v1/users",
        json={"role": "social_worker", "email": "traag@example.org", "organisation_id": str(org)},
        headers=headers,
    )
    account_id = uuid.UUID(created.json()["account_id"])
    first = await activation_code_from_mail(runtime, account_id)
    again = await client.post(f"/api/v1/users/{account_id}/invite", headers=headers)
    assert again.status_code == 200
    assert again.json() == {"account_id": str(account_id), "status": "invited", "change_id": None}
    second = await activation_code_from_mail(runtime, account_id)
    assert second != first
    stale = await client.post(
        "/api/v1/auth/activate", json={"token": first, "password": NEW_PASSWORD}
    )
    assert stale.status_code == 401
