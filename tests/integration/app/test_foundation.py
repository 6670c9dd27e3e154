"""The service foundation: health, errors, security headers, schema, body limit."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from httpx import AsyncClient
from litestar import Litestar, post
from litestar.testing import AsyncTestClient

from tests.factories.http import assert_security_headers
from zorgafstemming import migrate
from zorgafstemming.app import create_app
from zorgafstemming.authz.actions import Action
from zorgafstemming.runtime import Runtime


async def test_ready_reports_database(client: AsyncClient) -> None:
    response = await client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert set(body["checks"].values()) == {"ok"}
    assert body["sealer_lag_seconds"] >= 0
    assert_security_headers(response)


async def test_ready_answers_503_when_database_is_gone(runtime: Runtime) -> None:
    from dataclasses import replace

    from zorgafstemming.db import create_engine, session_factory

    broken = replace(runtime)
    broken.engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    broken.sessions = session_factory(broken.engine)
    app = create_app(runtime.settings, runtime=broken)
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as client:
        response = await client.get("/health/ready")
    await broken.engine.dispose()
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == "/problems/service-unavailable"
    assert response.headers["retry-after"]
    assert "database" in response.json()["failing"]


async def test_unknown_route_is_problem_json(client: AsyncClient) -> None:
    response = await client.get("/api/v1/does-not-exist")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"] == "/problems/not-found"
    assert body["status"] == 404
    assert_security_headers(response)


async def test_unknown_page_is_dutch_html_for_browsers(client: AsyncClient) -> None:
    response = await client.get("/bestaat-niet", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Pagina niet gevonden" in response.text
    assert 'lang="nl-BE"' in response.text


async def test_unknown_host_is_refused(client: AsyncClient) -> None:
    response = await client.get("/health/live", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert response.json()["type"] == "/problems/invalid-host"


async def test_openapi_document_served_in_development(client: AsyncClient) -> None:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    assert "/health/ready" in response.json()["paths"]


async def test_openapi_off_by_default_in_production(runtime: Runtime) -> None:
    from dataclasses import replace

    settings = replace(
        runtime.settings,
        env="production",
        demo=False,
        public_base_url="https://testserver.local",
        smtp_url="smtp://relay.example.be:587",
        mail_from="zorgafstemming@example.be",
    )
    app = create_app(settings, runtime=runtime)
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as client:
        response = await client.get("/schema/openapi.json")
        live = await client.get("/health/live")
    assert response.status_code == 404
    assert "max-age" in live.headers["strict-transport-security"]


def _app_with_extra_routes(runtime: Runtime) -> Litestar:
    @post("/api/v1/test-echo", opt={"action": Action.PUBLIC_HEALTH_READ})
    async def echo(data: dict[str, Any]) -> dict[str, int]:
        return {"size": len(str(data))}

    @post("/api/v1/test-boom", opt={"action": Action.PUBLIC_HEALTH_READ})
    async def boom() -> None:
        raise RuntimeError("secret-detail-that-must-not-leak")

    @post("/api/v1/test-undeclared")
    async def undeclared() -> None:
        return None

    app = create_app(runtime.settings, runtime=runtime)
    for handler in (echo, boom, undeclared):
        app.register(handler)
    return app


async def test_oversized_body_is_413_problem(runtime: Runtime) -> None:
    app = _app_with_extra_routes(runtime)
    big = "x" * (runtime.settings.max_body_bytes + 10)
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as client:
        ok = await client.post("/api/v1/test-echo", json={"a": "b"})
        response = await client.post("/api/v1/test-echo", json={"a": big})
    assert ok.status_code == 201
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == "/problems/payload-too-large"


async def test_internal_error_is_generic_and_logged_with_request_id(
    runtime: Runtime, capsys: pytest.CaptureFixture[str]
) -> None:
    app = _app_with_extra_routes(runtime)
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as client:
        response = await client.post("/api/v1/test-boom")
    assert response.status_code == 500
    body = response.json()
    assert body["type"] == "/problems/internal-error"
    assert "secret-detail" not in response.text
    assert "Traceback" not in response.text
    logged = capsys.readouterr().err
    assert "RuntimeError" in logged and "Traceback" in logged
    assert body["request_id"] in logged


async def test_route_without_action_is_refused(runtime: Runtime) -> None:
    app = _app_with_extra_routes(runtime)
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as client:
        response = await client.post("/api/v1/test-undeclared")
    assert response.status_code == 403


async def test_malformed_json_is_a_clear_4xx(runtime: Runtime) -> None:
    app = _app_with_extra_routes(runtime)
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as client:
        response = await client.post(
            "/api/v1/test-echo", content=b"{not json", headers={"content-type": "application/json"}
        )
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_models_and_migrations_do_not_drift(database_url: str) -> None:
    assert await migrate.drift(database_url) == []
    assert await migrate.current_revision(database_url) == migrate.head_revision()


def test_log_lines_keep_only_allowed_keys(capsys: pytest.CaptureFixture[str]) -> None:
    from zorgafstemming.logging import configure_logging, get_logger

    configure_logging()
    get_logger().info("probe", email="jan@example.org", count=3)
    out = capsys.readouterr().err
    assert '"count": 3' in out
    assert "jan@example.org" not in out
    logging.getLogger().handlers.clear()
