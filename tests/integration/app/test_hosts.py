"""The Host header is parsed strictly before any route runs; only the allowed names pass."""

from __future__ import annotations

from dataclasses import replace

import pytest
from httpx import AsyncClient

from tests.factories.http import asgi_transport, assert_refused, log_to_captured_stderr
from zorgafstemming.app import create_app
from zorgafstemming.runtime import Runtime


@pytest.mark.parametrize(
    "host",
    [
        "localhost:1@evil.example",  # userinfo: a lax split reads "localhost"
        "evil.example",
        "localhost:99999",
        "localhost:0",
        "localhost:abc",
        "localhost:",
        "localhost.",
        "local..host",
        "localhost/x",
        "localhost 8000",
        "[::1]:8000",  # a valid literal, but not in the default list
    ],
)
async def test_a_malformed_or_unknown_host_is_refused_before_any_route(
    capsys: pytest.CaptureFixture[str], client: AsyncClient, host: str
) -> None:
    log_to_captured_stderr()
    response = await client.get("/health/live", headers={"host": host})
    assert_refused(response, 400, capsys.readouterr().err)
    assert response.json()["type"] == "/problems/invalid-host"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("host", ["localhost:8000", "LOCALHOST", "127.0.0.1:65535", "localhost"])
async def test_an_allowed_host_with_or_without_a_port_passes(
    client: AsyncClient, host: str
) -> None:
    response = await client.get("/health/live", headers={"host": host})
    assert response.status_code == 200


async def test_an_ipv6_literal_passes_when_its_address_is_allowed(runtime: Runtime) -> None:
    from httpx import AsyncClient as Client

    settings = replace(runtime.settings, allowed_hosts=("localhost", "::1"))
    app = create_app(settings, runtime=runtime)
    transport = asgi_transport(app, client=("127.0.0.1", 40000))
    async with Client(transport=transport, base_url="https://testserver.local") as client:
        ipv6 = await client.get("/health/live", headers={"host": "[::1]:8000"})
        bare = await client.get("/health/live", headers={"host": "[0:0::1]"})
        other = await client.get("/health/live", headers={"host": "[::2]:8000"})
    assert ipv6.status_code == 200
    assert bare.status_code == 200
    assert other.status_code == 400
