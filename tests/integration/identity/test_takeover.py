"""Nobody becomes someone else: the takeovers that used to work, replayed, all fail.

An administrator used to re-invite any account (a parent's, the DPO's, a social worker's) or
create a fresh one and receive its activation token, then set a password and TOTP and sign in
as that person. A worker inviting a family member got the token too. Now no response holds a
token, a held account changes only with a second person's approval, and its holder keeps
signing in until then.
"""

from __future__ import annotations

import uuid

import pytest
from httpx import AsyncClient

from tests.factories import auth_headers, create_account, create_organisation
from tests.factories.account_changes import holds_no_secret, sign_in_status
from tests.factories.coordination import (
    audit_events,
    file_body,
    make_network,
    member_id,
    open_file,
)
from tests.factories.mail import queued_mails
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

NEW_PASSWORD = "groene-vlinder-takken-88"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """Each test is one conversation with the API, in one transaction rolled back."""
    return rolled_back


@pytest.mark.parametrize("victim_role", [Role.FAMILY, Role.DPO, Role.SOCIAL_WORKER])
@pytest.mark.parametrize("route", ["invite", "reset-mfa"])
async def test_admin_renewing_a_held_account_gets_nothing_and_changes_nothing(
    client: AsyncClient, runtime: Runtime, victim_role: Role, route: str
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    victim = await create_account(runtime, victim_role)
    victim_headers = await auth_headers(runtime, victim)
    response = await client.post(
        f"/api/v1/users/{victim.id}/{route}", headers=await auth_headers(runtime, admin)
    )
    assert response.status_code == 202, response.text
    body = response.json()
    assert set(body) == {"account_id", "status", "change_id"}
    assert body["status"] == "pending-approval" and holds_no_secret(body)
    # Nothing changed: the holder's token works, they sign in, and no link was made or sent.
    assert (await client.get("/api/v1/auth/me", headers=victim_headers)).status_code == 200
    assert await sign_in_status(client, runtime, victim) == 200
    assert await queued_mails(runtime, account_id=victim.id) == []
    # The administrator has nothing to activate with.
    for attempt in (body["change_id"], body["account_id"]):
        activated = await client.post(
            "/api/v1/auth/activate", json={"token": attempt, "password": NEW_PASSWORD}
        )
        assert activated.status_code == 401


async def test_the_parent_keeps_their_export_after_an_admin_re_invites_them(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    parent = await create_account(runtime, Role.FAMILY)
    response = await client.post(
        f"/api/v1/users/{parent.id}/invite", headers=await auth_headers(runtime, admin)
    )
    assert response.status_code == 202
    export = await client.get("/api/v1/me/export", headers=await auth_headers(runtime, parent))
    assert export.status_code == 200
    # The request is in the audit trail, decided by the policy that let the admin ask.
    requested = [e for e in await audit_events(runtime) if e["action"].startswith("identity:acc")]
    assert [(e["action"], e["outcome"], e["policy_id"]) for e in requested] == [
        ("identity:account-change:request", "allowed", "admin-requests-account-changes")
    ]


async def test_a_fresh_account_s_link_goes_to_its_own_address_never_to_the_admin(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    org = await create_organisation(runtime)
    response = await client.post(
        "/api/v1/users",
        json={"role": "social_worker", "email": "nieuw@caw.example", "organisation_id": str(org)},
        headers=await auth_headers(runtime, admin),
    )
    assert response.status_code == 201
    assert holds_no_secret(response.json())
    account_id = uuid.UUID(response.json()["account_id"])
    [mail] = await queued_mails(runtime, account_id=account_id, kind="activation")
    assert mail.to == "nieuw@caw.example"
    assert "http://127.0.0.1:8000/activeren?code=" in mail.body
    # The listing the administrator reads holds no token either.
    listed = await client.get("/api/v1/users", headers=await auth_headers(runtime, admin))
    assert holds_no_secret(listed.json())


async def test_a_fresh_dpo_account_waits_and_cannot_activate_before_approval(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    response = await client.post(
        "/api/v1/users",
        json={"role": "dpo", "email": "nieuwe-fg@example.org"},
        headers=await auth_headers(runtime, admin),
    )
    assert response.status_code == 202
    assert response.json()["status"] == "pending-approval"
    assert holds_no_secret(response.json())
    account_id = uuid.UUID(response.json()["account_id"])
    assert await queued_mails(runtime, account_id=account_id) == []
    shown = await client.get(
        f"/api/v1/users/{account_id}", headers=await auth_headers(runtime, admin)
    )
    assert shown.json()["status"] == "pending"


async def test_the_inviting_worker_gets_only_the_in_person_code(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    response = await client.post(
        f"/api/v1/files/{view['id']}/members/{member_id(view, 'parent')}/invitation",
        headers=net.headers[0],
    )
    assert response.status_code == 201
    body = response.json()
    code = body["in_person_code"]
    assert "activation_token" not in body
    # The code alone sets no password: as a link token, or without the mailed code.
    for attempt in (
        {"token": code, "password": NEW_PASSWORD},
        {"code": code, "email_code": "12345678", "password": NEW_PASSWORD},
    ):
        refused = await client.post("/api/v1/auth/activate", json=attempt)
        assert refused.status_code == 401, attempt
    # Nor with the worker's own address: it belongs to another account, refused like a wrong
    # code, and nothing is mailed to it.
    worker = net.workers[0]
    taken = await client.post("/api/v1/auth/activate", json={"code": code, "email": worker.email})
    wrong = await client.post(
        "/api/v1/auth/activate", json={"code": "ABCDE-23456", "email": "x@example.org"}
    )
    assert taken.status_code == wrong.status_code == 401
    taken_body, wrong_body = taken.json(), wrong.json()
    taken_body.pop("request_id")
    wrong_body.pop("request_id")
    assert taken_body == wrong_body
    assert await queued_mails(runtime, kind="email-verification") == []
