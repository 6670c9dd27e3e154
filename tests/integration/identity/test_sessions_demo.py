"""Web sessions (cookie, rotation, logout, disable), policy start-up checks and the demo seed."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from httpx import AsyncClient
from litestar import Litestar, get
from sqlalchemy import select

from tests.factories import bearer_token, create_account, current_code, web_session
from tests.factories.http import asgi_transport
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import PolicyError
from zorgafstemming.authz.guard import deny_by_default
from zorgafstemming.config import Settings
from zorgafstemming.demo import DemoRefused, seed_demo
from zorgafstemming.errors import EXCEPTION_HANDLERS
from zorgafstemming.identity import accounts, login, sessions
from zorgafstemming.identity.actors import OPERATOR_COMMAND
from zorgafstemming.identity.auth import provide_principal, session_cookie
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.runtime import Runtime


@get("/whoami", opt={"action": Action.IDENTITY_AUTH_ME})
async def whoami(principal: Principal) -> dict[str, str]:
    return {"role": principal.role.value}


@get("/no-action")
async def no_action() -> dict[str, str]:
    return {"secret": "never"}


@pytest.fixture
async def web(runtime: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    """A small HTML-side app behind the real guard (the web pages come with their own issue)."""
    from litestar.di import Provide

    app = Litestar(
        route_handlers=[whoami, no_action],
        guards=[deny_by_default],
        dependencies={"principal": Provide(provide_principal, sync_to_thread=False)},
        exception_handlers=EXCEPTION_HANDLERS,
    )
    app.state.runtime = runtime
    transport = asgi_transport(app, client=("127.0.0.1", 40001))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver.local") as c:
        yield c


async def test_route_without_action_is_refused(web: httpx.AsyncClient) -> None:
    response = await web.get("/no-action")
    assert response.status_code == 403
    assert "never" not in response.text


async def test_session_cookie_signs_in_and_rotates_at_login(
    web: httpx.AsyncClient, runtime: Runtime
) -> None:
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    assert (await web.get("/whoami")).status_code == 401
    principal = await login.authenticate(
        runtime, worker.email or "", worker.password, current_code(runtime, worker)
    )
    first = await web_session(runtime, principal)
    cookie = {"cookie": f"{sessions.SESSION_COOKIE}={first}"}
    response = await web.get("/whoami", headers=cookie)
    assert response.status_code == 200 and response.json() == {"role": "social_worker"}
    # A second sign-in from the same browser gets a new id; the old one stops working.
    second = await web_session(runtime, principal, previous=first)
    assert second != first
    assert (await web.get("/whoami", headers=cookie)).status_code == 401
    new_cookie = {"cookie": f"{sessions.SESSION_COOKIE}={second}"}
    assert (await web.get("/whoami", headers=new_cookie)).status_code == 200
    # A bearer token is not accepted outside the API.
    raw = await bearer_token(runtime, worker)
    assert (await web.get("/whoami", headers={"authorization": f"Bearer {raw}"})).status_code == 401
    async with runtime.unit_of_work() as uow:
        assert await sessions.end_session(uow, AuditContext(), second)
    assert (await web.get("/whoami", headers=new_cookie)).status_code == 401


async def test_disabling_ends_web_sessions(web: httpx.AsyncClient, runtime: Runtime) -> None:
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    secret = await web_session(runtime, worker.principal())
    cookie = {"cookie": f"{sessions.SESSION_COOKIE}={secret}"}
    assert (await web.get("/whoami", headers=cookie)).status_code == 200
    async with runtime.unit_of_work() as uow:
        await accounts.disable_account(uow, AuditContext(), None, worker.id)
    assert (await web.get("/whoami", headers=cookie)).status_code == 401


def test_session_cookie_is_host_prefixed_and_private(runtime: Runtime) -> None:
    cookie = session_cookie(runtime, "abc")
    header = cookie.to_header(header="")
    assert cookie.key.startswith("__Host-")
    for part in ("Secure", "HttpOnly", "Path=/", "SameSite=lax"):
        assert part in header
    assert "Domain" not in header


def test_invalid_policy_stops_the_app(
    app_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zorgafstemming.app import create_app
    from zorgafstemming.paths import policies_dir

    broken = tmp_path / "policies"
    broken.mkdir()
    for item in policies_dir().iterdir():
        if item.is_file():
            (broken / item.name).write_bytes(item.read_bytes())
    (broken / "broken.cedar").write_text('@id("x")\npermit(principal, action, resource')
    monkeypatch.setenv("ZORG_POLICIES_DIR", str(broken))
    with pytest.raises(PolicyError, match="broken"):
        create_app(app_settings)


async def test_demo_seed_makes_working_accounts(runtime: Runtime, client: AsyncClient) -> None:
    report = await seed_demo(runtime)
    assert len(report.organisations) >= 5
    roles = [a["role"] for a in report.accounts]
    assert {"admin", "dpo", "social_worker", "family"} <= set(roles)
    workers = [a for a in report.accounts if a["role"] == "social_worker"]
    assert len({w["organisation"] for w in workers}) >= 2
    step = 0
    for account in report.accounts:
        code = current_code(runtime, _Demo(account["totp_secret"]), steps_ahead=step)
        response = await client.post(
            "/api/v1/auth/token",
            json={"email": account["email"], "password": account["password"], "otp": code},
        )
        assert response.status_code == 200, (account["role"], response.text)
    with pytest.raises(DemoRefused, match="exists already"):
        await seed_demo(runtime)


async def test_demo_seed_is_audited_as_the_operators_command(runtime: Runtime) -> None:
    await seed_demo(runtime)
    async with runtime.sessions() as session:
        rows = (
            await session.execute(
                select(AuditEvent.action, AuditEvent.actor_role, AuditEvent.policy_id).where(
                    AuditEvent.action.like("identity:%")
                )
            )
        ).all()
    assert {r.action for r in rows} == {"identity:organisation:create", "identity:user:create"}
    # The partners and staff come from the operator's seed; the family accounts from the
    # social workers' invitations, each decided by Cedar on the new account.
    assert {(r.actor_role, r.policy_id) for r in rows} == {
        ("operator", OPERATOR_COMMAND),
        ("social_worker", "social-worker-creates-family-account"),
    }


@dataclasses.dataclass
class _Demo:
    totp_secret: str


async def test_demo_is_refused_in_production(runtime: Runtime) -> None:
    production = dataclasses.replace(runtime.settings, env="production", demo=True)
    with pytest.raises(DemoRefused):
        await seed_demo(dataclasses.replace(runtime, settings=production))
    assert inspect.iscoroutinefunction(seed_demo)
