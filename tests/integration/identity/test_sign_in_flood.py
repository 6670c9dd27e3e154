"""Sign-in under attack: one address flooding the sign-in is stopped by its own limits and
never spends the allowance everybody shares, so other people still sign in meanwhile."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from httpx import AsyncClient

from tests.factories import create_account, login
from tests.factories.clock import stand_at_window_start
from tests.factories.http import asgi_transport
from tests.factories.statements import counting
from zorgafstemming.identity import ratelimit
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

FLOODER = ("203.0.113.7", 40001)
# The shared limit, lowered so that a flood of a few hundred attempts exceeds it.
SHARED = ratelimit.Limit(ratelimit.LOGIN_GLOBAL.name, 100, 60)
# More attempts than the shared limit allows in its window.
FLOOD = SHARED.max_hits + 100


async def test_a_flood_from_one_address_does_not_lock_others_out(
    client: AsyncClient, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ratelimit, "LOGIN_GLOBAL", SHARED)
    monkeypatch.setattr(ratelimit, "REFUSAL_DELAY", 0)  # hundreds of refusals; see the next test
    # The whole flood in one window of the per-address limit (and so of the shared one).
    stand_at_window_start(runtime, ratelimit.LOGIN_PER_IP.window_seconds)
    target = await create_account(runtime, Role.SOCIAL_WORKER)
    other = await create_account(runtime, Role.SOCIAL_WORKER)
    app = client._transport.app  # type: ignore[attr-defined]  # the same app, another address
    statuses: list[int] = []
    gate = asyncio.Semaphore(8)

    async def attempt(flooder: AsyncClient) -> None:
        async with gate:
            response = await flooder.post(
                "/api/v1/auth/token",
                json={"email": target.email, "password": "fout-wachtwoord-123", "otp": "000000"},
            )
        statuses.append(response.status_code)

    async with AsyncClient(
        transport=asgi_transport(app, client=FLOODER), base_url="https://testserver.local"
    ) as flooder:
        await asyncio.gather(*(attempt(flooder) for _ in range(FLOOD - 60)))
        # While the flood goes on, someone else signs in from their own address.
        token, *_ = await asyncio.gather(
            login(client, runtime, other), *(attempt(flooder) for _ in range(60))
        )

    assert token
    # The flooder itself was stopped: its own limits refused all but the first few attempts.
    assert statuses.count(429) >= FLOOD - ratelimit.LOGIN_PER_IP.max_hits
    assert set(statuses) == {401, 429}


async def test_an_address_over_its_limit_is_refused_without_a_transaction_until_the_window_ends(
    client: AsyncClient, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    waited: list[float] = []

    async def wait(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(ratelimit, "_sleep", wait)
    window = ratelimit.LOGIN_PER_IP.window_seconds
    start = stand_at_window_start(runtime, window)
    target = await create_account(runtime, Role.SOCIAL_WORKER)
    app = client._transport.app  # type: ignore[attr-defined]  # the same app, another address
    wrong = {"email": target.email, "password": "fout-wachtwoord-123", "otp": "000000"}
    async with AsyncClient(
        transport=asgi_transport(app, client=FLOODER), base_url="https://testserver.local"
    ) as flooder:
        statuses = [
            (await flooder.post("/api/v1/auth/token", json=wrong)).status_code
            for _ in range(ratelimit.LOGIN_PER_IP.max_hits + 1)
        ]
        assert statuses[-1] == 429

        # Ten seconds on, still in the window: refused at once, nothing written or committed.
        runtime.clock = lambda: start + timedelta(seconds=10)
        with counting(runtime) as seen:
            refused = await flooder.post("/api/v1/auth/token", json=wrong)
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == str(window - 11)
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert (seen.statements, seen.commits) == ([], 0)
        # Every refusal answered after the delay (a flooder's connections wait meanwhile).
        refusals = statuses.count(429) + 1
        assert waited == [ratelimit.REFUSAL_DELAY] * refusals and ratelimit.REFUSAL_DELAY > 0

        # The next window lets the address try again: the attempt is counted and checked.
        runtime.clock = lambda: start + timedelta(seconds=window)
        with counting(runtime) as seen:
            again = await flooder.post("/api/v1/auth/token", json=wrong)
        assert again.status_code == 401
        assert seen.commits >= 1
