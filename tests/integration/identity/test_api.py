"""Identity over HTTP: guard, admin API, activation, sign-in, tokens, disabling, rate limits."""

from __future__ import annotations

import uuid
from datetime import timedelta

from httpx import AsyncClient
from sqlalchemy import select

from tests.factories import (
    DEFAULT_PASSWORD,
    activation_code_from_mail,
    auth_headers,
    create_account,
    create_organisation,
    current_code,
    login,
    web_session,
)
from tests.factories.clock import stand_at_window_start
from tests.factories.mail import queued_mails
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.identity import totp
from zorgafstemming.identity.models import Account
from zorgafstemming.identity.principal import Role
from zorgafstemming.identity.ratelimit import LOGIN_PER_ACCOUNT
from zorgafstemming.runtime import Runtime

NEW_PASSWORD = "groene-vlinder-takken-88"


def _shift_clock(runtime: Runtime, delta: timedelta) -> None:
    now = runtime.clock()
    runtime.clock = lambda: now + delta


async def _events(runtime: Runtime, action: str) -> list[AuditEvent]:
    async with runtime.sessions() as session:
        return list(
            (await session.scalars(select(AuditEvent).where(AuditEvent.action == action))).all()
        )


async def test_anonymous_is_401_and_wrong_role_is_403(
    client: AsyncClient, runtime: Runtime
) -> None:
    response = await client.get("/api/v1/users")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["www-authenticate"].startswith("Bearer")
    family = await create_account(runtime, Role.FAMILY)
    response = await client.get("/api/v1/users", headers=await auth_headers(runtime, family))
    assert response.status_code == 403
    denied = await _events(runtime, "identity:user:list")
    assert [(e.outcome, e.policy_id) for e in denied] == [("denied", "default-deny")]


async def test_session_cookie_is_not_accepted_on_the_api(
    client: AsyncClient, runtime: Runtime
) -> None:
    from zorgafstemming.identity import sessions

    admin = await create_account(runtime, Role.ADMIN)
    secret = await web_session(runtime, admin.principal())
    response = await client.get(
        "/api/v1/users", headers={"cookie": f"{sessions.SESSION_COOKIE}={secret}"}
    )
    assert response.status_code == 401


async def test_admin_creates_organisation_and_user_who_activates(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    headers = await auth_headers(runtime, admin)
    response = await client.post(
        "/api/v1/organisations",
        json={
            "slug": "caw-de-kempen",
            "name": "CAW De Kempen",
            "kind": "youth_welfare",
            "municipality": "Zandhoven",
        },
        headers=headers,
    )
    assert response.status_code == 201, response.text
    org_id = response.json()["id"]
    listed = await client.get("/api/v1/organisations", headers=headers)
    assert [o["slug"] for o in listed.json()["items"]] == ["caw-de-kempen"]

    response = await client.post(
        "/api/v1/users",
        json={
            "role": "social_worker",
            "email": "An.Peeters@CAW.example",
            "organisation_id": org_id,
        },
        headers=headers,
    )
    assert response.status_code == 201, response.text
    invitation = response.json()
    # The administrator learns the account and its status, never the link.
    assert invitation == {
        "account_id": invitation["account_id"],
        "status": "invited",
        "change_id": None,
    }
    account_id = uuid.UUID(invitation["account_id"])
    [mail] = await queued_mails(runtime, account_id=account_id, kind="activation")
    assert mail.to == "an.peeters@caw.example"
    token = await activation_code_from_mail(runtime, account_id)
    assert token not in response.text

    # Not usable before activation.
    response = await client.post(
        "/api/v1/auth/token",
        json={"email": "an.peeters@caw.example", "password": NEW_PASSWORD, "otp": "000000"},
    )
    assert response.status_code == 401

    weak = await client.post(
        "/api/v1/auth/activate", json={"token": token, "password": "wachtwoord123"}
    )
    assert weak.status_code == 422
    assert weak.json()["errors"][0]["field"] == "password"

    response = await client.post(
        "/api/v1/auth/activate", json={"token": token, "password": NEW_PASSWORD}
    )
    assert response.status_code == 200, response.text
    enrolment = response.json()
    assert enrolment["otpauth_uri"].startswith("otpauth://totp/")
    assert enrolment["qr_svg"].startswith("<svg")
    secret = enrolment["secret"]

    # Enrolment not confirmed yet: the account does not work.
    code = totp.code_at(secret, runtime.clock())
    response = await client.post(
        "/api/v1/auth/token",
        json={"email": "an.peeters@caw.example", "password": NEW_PASSWORD, "otp": code},
    )
    assert response.status_code == 401

    # The token cannot set a password twice.
    again = await client.post(
        "/api/v1/auth/activate", json={"token": token, "password": NEW_PASSWORD + "x"}
    )
    assert again.status_code == 401

    wrong = await client.post(
        "/api/v1/auth/activate/confirm", json={"token": token, "otp": "12345x"}
    )
    assert wrong.status_code == 401
    response = await client.post(
        "/api/v1/auth/activate/confirm", json={"token": token, "otp": code}
    )
    assert response.status_code == 204
    reused = await client.post("/api/v1/auth/activate/confirm", json={"token": token, "otp": code})
    assert reused.status_code == 401

    # The code used for confirmation is spent; the next step's code signs in.
    next_code = totp.code_at(secret, runtime.clock() + timedelta(seconds=30))
    response = await client.post(
        "/api/v1/auth/token",
        json={"email": "AN.PEETERS@caw.example ", "password": NEW_PASSWORD, "otp": next_code},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 1800
    assert len(body["access_token"]) >= 22  # at least 128 bits, base64url
    me = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.json()["role"] == "social_worker" and me.json()["organisation_id"] == org_id


async def test_expired_activation_token_is_401(client: AsyncClient, runtime: Runtime) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    org = await create_organisation(runtime)
    response = await client.post(
        "/api/v1/users",
        json={"role": "social_worker", "email": "laat@example.org", "organisation_id": str(org)},
        headers=await auth_headers(runtime, admin),
    )
    token = await activation_code_from_mail(runtime, uuid.UUID(response.json()["account_id"]))
    _shift_clock(runtime, timedelta(days=8))
    response = await client.post(
        "/api/v1/auth/activate", json={"token": token, "password": NEW_PASSWORD}
    )
    assert response.status_code == 401


async def test_every_sign_in_failure_looks_the_same(client: AsyncClient, runtime: Runtime) -> None:
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    good = current_code(runtime, worker)
    attempts = [
        {"email": "nobody@example.org", "password": DEFAULT_PASSWORD, "otp": good},
        {"email": worker.email, "password": DEFAULT_PASSWORD + "!", "otp": good},
        {
            "email": worker.email,
            "password": DEFAULT_PASSWORD,
            "otp": "000000" if good != "000000" else "111111",
        },
        {"email": "not an email", "password": "x", "otp": "1"},
    ]
    bodies = []
    for attempt in attempts:
        response = await client.post("/api/v1/auth/token", json=attempt)
        assert response.status_code == 401
        body = response.json()
        body.pop("request_id")
        bodies.append(body)
    assert all(b == bodies[0] for b in bodies)
    failures = await _events(runtime, "identity:auth:login")
    assert len(failures) == 3 and {e.outcome for e in failures} == {"denied"}
    assert len(await _events(runtime, "identity:auth:mfa")) == 1


async def test_replayed_code_is_401(client: AsyncClient, runtime: Runtime) -> None:
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    await login(client, runtime, worker)
    response = await client.post(
        "/api/v1/auth/token",
        json={
            "email": worker.email,
            "password": worker.password,
            "otp": current_code(runtime, worker),
        },
    )
    assert response.status_code == 401
    # One step of drift is accepted, and that code is then spent too.
    await login(client, runtime, worker, steps_ahead=1)


async def test_logout_ends_the_token(client: AsyncClient, runtime: Runtime) -> None:
    dpo = await create_account(runtime, Role.DPO)
    token = await login(client, runtime, dpo)
    headers = {"Authorization": f"Bearer {token}"}
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 200
    assert (await client.post("/api/v1/auth/logout", headers=headers)).status_code == 204
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 401
    assert len(await _events(runtime, "identity:token:revoke")) == 1
    assert len(await _events(runtime, "identity:token:issue")) == 1


async def test_token_idle_and_absolute_timeouts(client: AsyncClient, runtime: Runtime) -> None:
    dpo = await create_account(runtime, Role.DPO)
    headers = await auth_headers(runtime, dpo)
    _shift_clock(runtime, timedelta(minutes=29))
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 200
    _shift_clock(runtime, timedelta(minutes=31))  # 31 idle minutes after the last use
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 401


async def test_disabling_ends_live_tokens_at_once(client: AsyncClient, runtime: Runtime) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    worker_headers = await auth_headers(runtime, worker)
    assert (await client.get("/api/v1/auth/me", headers=worker_headers)).status_code == 200
    response = await client.post(
        f"/api/v1/users/{worker.id}/disable", headers=await auth_headers(runtime, admin)
    )
    assert response.status_code == 204
    assert (await client.get("/api/v1/auth/me", headers=worker_headers)).status_code == 401
    response = await client.post(
        "/api/v1/auth/token",
        json={
            "email": worker.email,
            "password": worker.password,
            "otp": current_code(runtime, worker),
        },
    )
    assert response.status_code == 401
    assert [e.policy_id for e in await _events(runtime, "identity:user:disable")] == [
        "admin-manages-accounts"
    ]


async def test_admin_cannot_change_own_account(client: AsyncClient, runtime: Runtime) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    headers = await auth_headers(runtime, admin)
    for action in ("disable", "reset-mfa", "invite"):
        response = await client.post(f"/api/v1/users/{admin.id}/{action}", headers=headers)
        assert response.status_code == 404, action
    response = await client.post(
        "/api/v1/users", json={"role": "admin", "email": admin.email}, headers=headers
    )
    assert response.status_code == 409
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 200


async def test_reset_mfa_requires_new_activation(client: AsyncClient, runtime: Runtime) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    dpo = await create_account(runtime, Role.DPO)
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    worker_headers = await auth_headers(runtime, worker)
    response = await client.post(
        f"/api/v1/users/{worker.id}/reset-mfa", headers=await auth_headers(runtime, admin)
    )
    assert response.status_code == 202
    change_id = response.json()["change_id"]
    approved = await client.post(
        f"/api/v1/account-changes/{change_id}/approve", headers=await auth_headers(runtime, dpo)
    )
    assert approved.status_code == 200, approved.text
    assert (await client.get("/api/v1/auth/me", headers=worker_headers)).status_code == 401
    response = await client.post(
        "/api/v1/auth/token",
        json={
            "email": worker.email,
            "password": worker.password,
            "otp": current_code(runtime, worker),
        },
    )
    assert response.status_code == 401


async def test_stored_hash_shows_argon2id_parameters(client: AsyncClient, runtime: Runtime) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    org = await create_organisation(runtime)
    response = await client.post(
        "/api/v1/users",
        json={"role": "social_worker", "email": "hash@example.org", "organisation_id": str(org)},
        headers=await auth_headers(runtime, admin),
    )
    token = await activation_code_from_mail(runtime, uuid.UUID(response.json()["account_id"]))
    await client.post("/api/v1/auth/activate", json={"token": token, "password": NEW_PASSWORD})
    async with runtime.sessions() as session:
        stored = await session.scalar(
            select(Account.password_hash).where(
                Account.id == uuid.UUID(response.json()["account_id"])
            )
        )
    assert stored is not None and stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert NEW_PASSWORD not in stored


async def test_login_flood_is_429_with_retry_after(client: AsyncClient, runtime: Runtime) -> None:
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    stand_at_window_start(runtime, LOGIN_PER_ACCOUNT.window_seconds)  # eleven in one window
    statuses = []
    for _ in range(11):
        response = await client.post(
            "/api/v1/auth/token",
            json={"email": worker.email, "password": "fout-wachtwoord-123", "otp": "123456"},
        )
        statuses.append(response.status_code)
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    assert 1 <= int(response.headers["retry-after"]) <= 300
    assert response.json()["type"] == "/problems/too-many-requests"
    # The backoff is short: after the window the owner signs in.
    _shift_clock(runtime, timedelta(minutes=5))
    await login(client, runtime, worker)


async def test_invalid_input_is_problem_json(client: AsyncClient, runtime: Runtime) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    headers = await auth_headers(runtime, admin)
    cases = [
        ({"role": "wizard", "email": "x@example.org"}, "role"),
        ({"role": "social_worker", "email": "x@example.org"}, "organisation_id"),
        ({"role": "dpo", "email": "not-an-email"}, "email"),
        ({"role": "dpo"}, "email"),
        (
            {
                "role": "social_worker",
                "email": "y@example.org",
                "organisation_id": str(uuid.uuid4()),
            },
            "organisation_id",
        ),
    ]
    for body, field in cases:
        response = await client.post("/api/v1/users", json=body, headers=headers)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["errors"][0]["field"] == field
    org = await create_organisation(runtime)
    assert org
    response = await client.post(
        "/api/v1/organisations",
        json={"slug": "Bad Slug", "name": "x", "kind": "school", "municipality": "Brecht"},
        headers=headers,
    )
    assert response.status_code == 422
    response = await client.post("/api/v1/users", content=b"{", headers=headers)
    assert response.status_code == 400
