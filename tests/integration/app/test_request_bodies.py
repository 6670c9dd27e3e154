"""Bodies the public routes refuse unread: nested too deeply (400), too large (413); a flood of
them from one address ends in 429. None of them ever reaches a traceback."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.factories.clock import stand_at_window_start
from tests.factories.http import assert_refused, log_to_captured_stderr
from zorgafstemming.identity.ratelimit import REFUSED_BODY_PER_IP
from zorgafstemming.request_bodies import MAX_JSON_DEPTH
from zorgafstemming.runtime import Runtime

PUBLIC_JSON_ROUTES = [
    "/api/v1/auth/token",
    "/api/v1/auth/activate",
    "/api/v1/auth/activate/confirm",
]
JSON = {"content-type": "application/json"}


def nested(depth: int) -> bytes:
    """A JSON object whose ``email`` holds arrays ``depth`` levels deep in all."""
    return b'{"email":' + b"[" * (depth - 1) + b"]" * (depth - 1) + b"}"


@pytest.mark.parametrize("path", PUBLIC_JSON_ROUTES)
async def test_deeply_nested_json_is_refused_before_parsing(
    capsys: pytest.CaptureFixture[str], client: AsyncClient, path: str
) -> None:
    log_to_captured_stderr()
    response = await client.post(path, content=nested(100_000), headers=JSON)
    assert_refused(response, 400, capsys.readouterr().err)
    assert response.json()["type"] == "/problems/nesting-too-deep"


async def test_nesting_is_counted_outside_strings_only(client: AsyncClient) -> None:
    # Brackets inside a string (escaped quotes included) are text, not nesting.
    text = b'"\\"' + b"[" * 1000 + b'\\\\"'
    response = await client.post(
        "/api/v1/auth/token", content=b'{"email":' + text + b"}", headers=JSON
    )
    assert response.status_code in (400, 422)
    assert response.json()["type"] != "/problems/nesting-too-deep"
    at_limit = await client.post("/api/v1/auth/token", content=nested(MAX_JSON_DEPTH), headers=JSON)
    assert at_limit.json()["type"] != "/problems/nesting-too-deep"


async def test_a_deep_body_without_a_json_content_type_is_refused_too(
    capsys: pytest.CaptureFixture[str], client: AsyncClient
) -> None:
    log_to_captured_stderr()
    # The route reads JSON whatever the client says the body is.
    response = await client.post(
        "/api/v1/auth/token", content=nested(50_000), headers={"content-type": "text/plain"}
    )
    assert_refused(response, 400, capsys.readouterr().err)


async def test_an_oversized_body_is_413_problem(
    capsys: pytest.CaptureFixture[str], client: AsyncClient, runtime: Runtime
) -> None:
    log_to_captured_stderr()
    big = b'{"email":"' + b"a" * runtime.settings.max_body_bytes + b'"}'
    response = await client.post("/api/v1/auth/activate", content=big, headers=JSON)
    assert_refused(response, 413, capsys.readouterr().err)
    assert response.json()["type"] == "/problems/payload-too-large"


async def test_a_flood_of_refused_bodies_from_one_address_ends_in_429(
    capsys: pytest.CaptureFixture[str], client: AsyncClient, runtime: Runtime
) -> None:
    log_to_captured_stderr()
    stand_at_window_start(runtime, REFUSED_BODY_PER_IP.window_seconds)  # all in one window
    big = b"[" + b"0," * runtime.settings.max_body_bytes + b"0]"
    for n in range(REFUSED_BODY_PER_IP.max_hits):
        # Too deep or too large: both count against the sender.
        body = big if n % 2 else nested(1000)
        response = await client.post("/api/v1/auth/token", content=body, headers=JSON)
        assert response.status_code in (400, 413)
    response = await client.post("/api/v1/auth/token", content=nested(1000), headers=JSON)
    assert_refused(response, 429, capsys.readouterr().err)
    assert int(response.headers["retry-after"]) > 0
    assert response.json()["type"] == "/problems/too-many-requests"


async def test_refused_bodies_on_a_signed_in_route_are_not_rate_limited(
    client: AsyncClient, runtime: Runtime
) -> None:
    from tests.factories import auth_headers, create_account
    from zorgafstemming.identity.principal import Role

    admin = await create_account(runtime, Role.ADMIN)
    headers = {**await auth_headers(runtime, admin), **JSON}
    for _ in range(REFUSED_BODY_PER_IP.max_hits + 2):
        response = await client.post("/api/v1/organisations", content=nested(500), headers=headers)
        assert response.status_code == 400
        assert response.json()["type"] == "/problems/nesting-too-deep"


async def test_web_sign_in_form_with_odd_bodies_never_crashes(
    capsys: pytest.CaptureFixture[str], client: AsyncClient, runtime: Runtime
) -> None:
    log_to_captured_stderr()
    await client.get("/aanmelden")
    token = client.cookies.get("__Host-zorg_csrf") or ""
    # Form fields never nest, whatever their names or values look like.
    odd = await client.post(
        "/aanmelden",
        data={"_csrf_token": token, "email[a][b][c]": "[" * 5000, "password": "{" * 5000},
        headers={"accept": "text/html"},
    )
    assert_refused(odd, 422, capsys.readouterr().err, html=True)
    # A JSON body to a form route: refused by CSRF (no form field), never parsed as JSON.
    deep = await client.post(
        "/aanmelden", content=nested(100_000), headers={**JSON, "x-csrftoken": token}
    )
    assert deep.status_code in (400, 403, 422)
    big = await client.post(
        "/aanmelden",
        content=b"_csrf_token="
        + token.encode()
        + b"&email="
        + b"a" * runtime.settings.max_body_bytes,
        headers={"content-type": "application/x-www-form-urlencoded", "accept": "text/html"},
    )
    assert_refused(big, 413, capsys.readouterr().err, html=True)
    assert "Aanvraag te groot" in big.text
