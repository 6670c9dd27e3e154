"""A database that cannot serve right now answers 503 with Retry-After — never a 500 — and a
serialization failure is first retried a bounded number of times."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from litestar import Litestar, get, post
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from tests.factories.http import asgi_transport
from zorgafstemming.app import create_app
from zorgafstemming.authz.actions import Action
from zorgafstemming.errors import DATABASE_ATTEMPTS
from zorgafstemming.runtime import Runtime


class _Driver(Exception):
    """A driver error carrying a PostgreSQL SQLSTATE, as asyncpg's do."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"sqlstate {sqlstate}")
        self.sqlstate = sqlstate


def _serialization_failure() -> DBAPIError:
    return DBAPIError("UPDATE", {}, _Driver("40001"))


def _app_failing_with(runtime: Runtime, failures: list[BaseException]) -> tuple[Litestar, Any]:
    """An app with one route that writes a row, then raises the next of ``failures`` (if any)
    inside its unit of work; returns the app and the count of runs."""
    runs = {"n": 0}

    @post("/api/v1/test-write", opt={"action": Action.PUBLIC_HEALTH_READ}, status_code=200)
    async def write(data: dict[str, str]) -> dict[str, int]:
        runs["n"] += 1
        async with runtime.unit_of_work() as uow:
            await uow.session.execute(
                text("INSERT INTO test_rows (body) VALUES (:body)"), {"body": data["body"]}
            )
            if failures:
                raise failures.pop(0)
        return {"runs": runs["n"]}

    app = create_app(runtime.settings, runtime=runtime)
    app.register(write)
    app.state.runtime = runtime
    return app, runs


async def _rows(runtime: Runtime) -> int:
    async with runtime.engine.connect() as conn:
        return int((await conn.execute(text("SELECT count(*) FROM test_rows"))).scalar_one())


@pytest.fixture
async def with_table(runtime: Runtime) -> Runtime:
    async with runtime.engine.begin() as conn:
        await conn.execute(text("CREATE TABLE test_rows (body VARCHAR(64))"))
    return runtime


def _client(app: Litestar) -> AsyncClient:
    return AsyncClient(
        transport=asgi_transport(app, ("127.0.0.1", 40000)), base_url="https://testserver.local"
    )


async def test_a_serialization_failure_is_retried_and_then_succeeds(with_table: Runtime) -> None:
    app, runs = _app_failing_with(
        with_table, [_serialization_failure() for _ in range(DATABASE_ATTEMPTS - 1)]
    )
    async with _client(app) as client:
        response = await client.post("/api/v1/test-write", json={"body": "once"})
    assert response.status_code == 200, response.text
    assert response.json() == {"runs": DATABASE_ATTEMPTS}  # the body was replayed each run
    assert runs["n"] == DATABASE_ATTEMPTS
    assert await _rows(with_table) == 1  # the failed runs left nothing


async def test_a_lasting_serialization_failure_answers_503_after_bounded_retries(
    with_table: Runtime,
) -> None:
    app, runs = _app_failing_with(
        with_table, [_serialization_failure() for _ in range(DATABASE_ATTEMPTS + 5)]
    )
    async with _client(app) as client:
        response = await client.post("/api/v1/test-write", json={"body": "never"})
    assert runs["n"] == DATABASE_ATTEMPTS
    assert response.status_code == 503
    assert int(response.headers["retry-after"]) > 0
    body = response.json()
    assert body["type"] == "/problems/service-unavailable"
    assert body["status"] == 503 and body["title"] and body["detail"]
    assert await _rows(with_table) == 0


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(
            OperationalError("INSERT", {}, ConnectionRefusedError(111, "refused")), id="refused"
        ),
        pytest.param(PoolTimeout("QueuePool limit reached"), id="pool-timeout"),
        pytest.param(OperationalError("INSERT", {}, _Driver("25006")), id="read-only"),
        pytest.param(OperationalError("INSERT", {}, _Driver("53100")), id="disk-full"),
    ],
)
async def test_database_faults_answer_503_once_and_commit_nothing(
    with_table: Runtime, fault: BaseException
) -> None:
    app, runs = _app_failing_with(with_table, [fault])
    async with _client(app) as client:
        response = await client.post("/api/v1/test-write", json={"body": "x"})
        page = await client.get("/health/live")
    assert runs["n"] == 1  # not a fault that running again would mend
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) > 0
    assert response.json()["type"] == "/problems/service-unavailable"
    assert await _rows(with_table) == 0
    assert page.status_code == 200


async def test_a_web_page_says_try_again_shortly_in_dutch(with_table: Runtime) -> None:
    app, _ = _app_failing_with(with_table, [])

    @get("/test-pagina", opt={"action": Action.PUBLIC_HEALTH_READ})
    async def page() -> None:
        raise OperationalError("SELECT", {}, ConnectionRefusedError(111, "refused"))

    app.register(page)
    async with _client(app) as client:
        response = await client.get("/test-pagina", headers={"accept": "text/html"})
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "Probeer het zo dadelijk opnieuw" in response.text
    assert 'lang="nl-BE"' in response.text
    assert int(response.headers["retry-after"]) > 0
