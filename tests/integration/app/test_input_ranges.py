"""Dates and counts outside a sane range are refused as input (422, or a Dutch form error),
never carried into arithmetic that overflows."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import auth_headers, create_account, web_session
from tests.factories.coordination import file_body, make_network
from tests.factories.http import assert_refused, log_to_captured_stderr
from zorgafstemming.identity import sessions
from zorgafstemming.identity.principal import Role
from zorgafstemming.paging import encode_cursor
from zorgafstemming.runtime import Runtime

_CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')


async def _signed_in(client: AsyncClient, runtime: Runtime, role: Role) -> None:
    account = await create_account(runtime, role)
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, account.principal()))


@pytest.mark.parametrize("query", ["tot=9999-12-31", "van=0001-01-01", "van=2026-02-30"])
async def test_dpo_audit_page_refuses_a_date_out_of_range_in_dutch(
    capsys: pytest.CaptureFixture[str], client: AsyncClient, runtime: Runtime, query: str
) -> None:
    await _signed_in(client, runtime, Role.DPO)
    log_to_captured_stderr()
    response = await client.get(f"/fg/audit?{query}", headers={"accept": "text/html"})
    assert_refused(response, 422, capsys.readouterr().err, html=True)
    assert "tussen 1900 en 2200" in response.text


async def test_dpo_audit_page_takes_the_edges_of_the_range(
    client: AsyncClient, runtime: Runtime
) -> None:
    await _signed_in(client, runtime, Role.DPO)
    response = await client.get("/fg/audit?van=1900-01-01&tot=2200-12-31")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"until": "9999-12-31T23:59:59+00:00"},
        {"since": "0001-01-01T00:00:00+01:00"},  # moving it to UTC overflows
        {"after": encode_cursor(datetime.fromisoformat("0001-01-01T00:00:00+01:00"), uuid.uuid4())},
    ],
)
async def test_audit_api_refuses_a_time_out_of_range(
    capsys: pytest.CaptureFixture[str],
    client: AsyncClient,
    runtime: Runtime,
    params: dict[str, str],
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    headers = await auth_headers(runtime, dpo)
    log_to_captured_stderr()
    response = await client.get("/api/v1/audit/events", params=params, headers=headers)
    assert_refused(response, 422, capsys.readouterr().err)
    assert response.json()["type"] == "/problems/validation-failed"


@pytest.mark.parametrize(
    ("role", "path"), [(Role.ADMIN, "/api/v1/users"), (Role.DPO, "/api/v1/retention/due")]
)
@pytest.mark.parametrize("limit", ["99999999999999999999999", "101", "0", "-1"])
async def test_list_limits_are_bounded(
    capsys: pytest.CaptureFixture[str],
    client: AsyncClient,
    runtime: Runtime,
    role: Role,
    path: str,
    limit: str,
) -> None:
    account = await create_account(runtime, role)
    headers = await auth_headers(runtime, account)
    log_to_captured_stderr()
    response = await client.get(path, params={"limit": limit}, headers=headers)
    assert_refused(response, 422, capsys.readouterr().err)


async def test_admin_accounts_page_ignores_a_cursor_it_did_not_make(
    client: AsyncClient, runtime: Runtime
) -> None:
    await _signed_in(client, runtime, Role.ADMIN)
    for cursor in ("²", "99999999999999999999", "-3", "x" * 300):
        response = await client.get("/beheer/accounts", params={"na": cursor})
        assert response.status_code == 200


def _with(body: dict[str, Any], where: str, value: str) -> dict[str, Any]:
    if where == "birth_date":
        body["members"][0]["birth_date"] = value
    else:
        body["consents"][0][where] = value
    return body


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("birth_date", "0001-01-01"),
        ("birth_date", "9999-12-31"),
        ("valid_until", "9999-12-31T23:59:59+00:00"),
        ("valid_from", "0001-01-01T00:00:00+01:00"),
    ],
)
async def test_a_new_file_with_a_date_out_of_range_is_422(
    capsys: pytest.CaptureFixture[str],
    client: AsyncClient,
    runtime: Runtime,
    where: str,
    value: str,
) -> None:
    net = await make_network(runtime, 1)
    body = _with(file_body(runtime.clock(), net.orgs), where, value)
    log_to_captured_stderr()
    response = await client.post("/api/v1/files", json=body, headers=net.headers[0])
    assert_refused(response, 422, capsys.readouterr().err)
    assert response.json()["errors"]


async def test_new_file_form_shows_a_dutch_error_for_a_birth_date_out_of_range(
    capsys: pytest.CaptureFixture[str], client: AsyncClient, runtime: Runtime
) -> None:
    log_to_captured_stderr()
    await _signed_in(client, runtime, Role.SOCIAL_WORKER)
    page = await client.get("/dossiers/nieuw")
    token = _CSRF.search(page.text)
    assert token is not None
    response = await client.post(
        "/dossiers/nieuw",
        data={
            "_csrf_token": token.group(1),
            "m1_role": "parent",
            "m1_given_name": "Els",
            "m1_family_name": "Peeters",
            "m1_birth_date": "0001-01-01",
            "c_valid_until": "9999-12-31",
        },
        headers={"accept": "text/html"},
    )
    assert_refused(response, 422, capsys.readouterr().err, html=True)
    assert 'id="f-m1_birth_date-error"' in response.text
    assert 'id="f-c_valid_until-error"' in response.text
