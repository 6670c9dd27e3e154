"""Sign-ins in the account holder's own security activity, the new-device mail, and what the
audit trail keeps of them (neither the address nor the User-Agent)."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import text

from tests.factories import TestAccount, create_account, current_code
from tests.factories.mail import queued_mails
from zorgafstemming.identity.principal import Role
from zorgafstemming.logging import configure_logging
from zorgafstemming.runtime import Runtime

FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
# The address every request of the test client comes from.
CLIENT_ADDRESS = "127.0.0.1"


async def sign_in(
    client: AsyncClient, runtime: Runtime, account: TestAccount, user_agent: str
) -> dict[str, str]:
    """Sign in through ``POST /api/v1/auth/token`` from a browser; the bearer headers.

    The clock moves one TOTP step first: a code is single use, and each sign-in needs a new one.
    """
    now = runtime.clock() + timedelta(seconds=30)
    runtime.clock = lambda: now
    response = await client.post(
        "/api/v1/auth/token",
        json={
            "email": account.email,
            "password": account.password,
            "otp": current_code(runtime, account),
        },
        headers={"user-agent": user_agent},
    )
    assert response.status_code == 200, response.text
    return {"authorization": f"Bearer {response.json()['access_token']}"}


async def security_items(client: AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = await client.get("/api/v1/me/security", headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_a_sign_in_shows_in_the_accounts_own_security_activity_only(
    client: AsyncClient, runtime: Runtime
) -> None:
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    parent = await create_account(runtime, Role.FAMILY)
    worker_headers = await sign_in(client, runtime, worker, FIREFOX_LINUX)
    parent_headers = await sign_in(client, runtime, parent, CHROME_WINDOWS)

    mine = await security_items(client, worker_headers)
    assert [(e["kind"], e["device"], e["address"]) for e in mine] == [
        ("sign-in", "Firefox op Linux", CLIENT_ADDRESS)
    ]
    theirs = await security_items(client, parent_headers)
    assert [(e["kind"], e["device"]) for e in theirs] == [("sign-in", "Chrome op Windows")]


async def test_the_list_pages_newest_first_and_refuses_a_foreign_cursor(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    for agent in (FIREFOX_LINUX, CHROME_WINDOWS):
        headers = await sign_in(client, runtime, dpo, agent)
    first = await client.get("/api/v1/me/security", params={"limit": 1}, headers=headers)
    page = first.json()
    assert [e["device"] for e in page["items"]] == ["Chrome op Windows"]
    rest = await client.get(
        "/api/v1/me/security", params={"limit": 1, "after": page["next"]}, headers=headers
    )
    assert [e["device"] for e in rest.json()["items"]] == ["Firefox op Linux"]
    assert rest.json()["next"] is None
    bad = await client.get("/api/v1/me/security", params={"after": "nope"}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "after"


async def test_the_first_sign_in_ever_queues_no_mail(client: AsyncClient, runtime: Runtime) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    await sign_in(client, runtime, admin, FIREFOX_LINUX)
    assert await queued_mails(runtime, account_id=admin.id, kind="new-device") == []


async def test_a_repeated_sign_in_from_the_same_device_queues_no_mail(
    client: AsyncClient, runtime: Runtime
) -> None:
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    await sign_in(client, runtime, worker, FIREFOX_LINUX)
    # A newer version of the same browser is the same device.
    await sign_in(client, runtime, worker, FIREFOX_LINUX.replace("128.0", "129.0"))
    assert await queued_mails(runtime, account_id=worker.id, kind="new-device") == []


async def test_a_sign_in_from_a_new_device_mails_the_account_once(
    client: AsyncClient, runtime: Runtime
) -> None:
    parent = await create_account(runtime, Role.FAMILY)
    await sign_in(client, runtime, parent, FIREFOX_LINUX)
    await sign_in(client, runtime, parent, CHROME_WINDOWS)
    await sign_in(client, runtime, parent, CHROME_WINDOWS)  # known by now

    mails = await queued_mails(runtime, kind="new-device")
    assert [m.to for m in mails] == [parent.email]
    body = mails[0].body
    assert "nieuw toestel (Chrome op Windows)" in body
    assert "Was u dit niet?" in body
    page = runtime.settings.public_base_url.rstrip("/") + "/mijn/beveiliging"
    assert page in body
    # No address in the mail (the development base URL happens to be on the same host).
    assert CLIENT_ADDRESS not in body.replace(page, "")


async def test_audit_events_of_sign_in_and_security_read_hold_no_address_or_user_agent(
    client: AsyncClient, runtime: Runtime
) -> None:
    log = io.StringIO()
    configure_logging("DEBUG", stream=log)
    canary_agent = FIREFOX_LINUX + " KanarieToestel/7.3"
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    headers = await sign_in(client, runtime, worker, canary_agent)
    listed = await client.get(
        "/api/v1/me/security", headers={**headers, "user-agent": canary_agent}
    )
    assert listed.status_code == 200

    async with runtime.sessions() as session:
        rows = (await session.execute(text("SELECT * FROM audit_events"))).mappings().all()
    actions = {row["action"] for row in rows}
    assert {"identity:auth:login", "identity:token:issue", "identity:security-log:read"} <= actions
    read = [row for row in rows if row["action"] == "identity:security-log:read"]
    assert [(r["outcome"], r["policy_id"]) for r in read] == [
        ("allowed", "security-activity-of-own-account-only")
    ]
    # The address is kept as a keyed ref only; the device not at all.
    assert all(row["client_ref"] for row in rows if row["action"].startswith("identity:auth"))
    assert all(row["client_ref"] for row in read)
    raw = repr([dict(row) for row in rows])
    for canary in (CLIENT_ADDRESS, "KanarieToestel", "Firefox", "Linux"):
        assert canary not in raw
    assert "KanarieToestel" not in log.getvalue()
