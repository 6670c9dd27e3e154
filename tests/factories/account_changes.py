"""Test helpers for account change requests: deciding one over the API, and reading what a
holder would notice (can they still sign in, what did they get by mail)."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient, Response

from tests.factories.accounts import TestAccount, auth_headers, current_code
from zorgafstemming.runtime import Runtime


async def decide(
    client: AsyncClient,
    runtime: Runtime,
    decider: TestAccount,
    change_id: str | uuid.UUID,
    verdict: str = "approve",
) -> Response:
    """``POST /api/v1/account-changes/{id}/{verdict}`` as ``decider``."""
    return await client.post(
        f"/api/v1/account-changes/{change_id}/{verdict}",
        headers=await auth_headers(runtime, decider),
    )


async def sign_in_status(
    client: AsyncClient, runtime: Runtime, account: TestAccount, *, steps_ahead: int = 0
) -> int:
    """The status ``POST /api/v1/auth/token`` answers to the account's own credentials."""
    response = await client.post(
        "/api/v1/auth/token",
        json={
            "email": account.email,
            "password": account.password,
            "otp": current_code(runtime, account, steps_ahead=steps_ahead),
        },
    )
    return response.status_code


def holds_no_secret(body: Any) -> bool:
    """True when a JSON body names no token, link or code: only ids, statuses and times."""
    text = str(body).lower()
    return not any(word in text for word in ("token", "activeren", "code=", "secret", "link"))
