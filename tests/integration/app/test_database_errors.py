"""A database error leaves a log line with its type and where it happened, never the statement's
values: no ids, no names, no SQL text with parameters."""

from __future__ import annotations

import uuid

import pytest
from httpx import AsyncClient
from litestar import post
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from tests.factories.http import asgi_transport, log_to_captured_stderr
from zorgafstemming.app import create_app
from zorgafstemming.authz.actions import Action
from zorgafstemming.db import utcnow
from zorgafstemming.identity.models import Organisation
from zorgafstemming.runtime import Runtime, UnitOfWork

CANARY_ID = uuid.UUID("6f1c0de0-0000-7000-8000-00000000c0de")
CANARY_SLUG = "canary-slug-4711"
CANARY_NAME = "Kanarie Vzw Wijnegem"


async def _insert_twice(uow: UnitOfWork) -> None:
    """The same organisation inserted twice, bypassing every check a service makes."""
    row = {
        "id": CANARY_ID,
        "slug": CANARY_SLUG,
        "name": CANARY_NAME,
        "kind": "school",
        "municipality": "Wijnegem",
        "created_at": utcnow(),
    }
    await uow.session.execute(insert(Organisation).values(**row))
    await uow.session.execute(insert(Organisation).values(**row))


def _canaries_absent(text: str) -> None:
    for canary in (str(CANARY_ID), CANARY_ID.hex, CANARY_SLUG, CANARY_NAME):
        assert canary not in text


async def test_an_integrity_error_hides_its_parameters(runtime: Runtime) -> None:
    with pytest.raises(IntegrityError) as caught:
        async with runtime.unit_of_work() as uow:
            await _insert_twice(uow)
    assert "hide_parameters" in str(caught.value)
    assert CANARY_SLUG not in str(caught.value) and CANARY_NAME not in str(caught.value)


async def test_an_integrity_error_in_a_request_is_logged_without_values(
    capsys: pytest.CaptureFixture[str], runtime: Runtime
) -> None:
    @post("/api/v1/test-duplicate", opt={"action": Action.PUBLIC_HEALTH_READ})
    async def duplicate() -> None:
        async with runtime.unit_of_work() as uow:
            await _insert_twice(uow)

    log_to_captured_stderr()
    app = create_app(runtime.settings, runtime=runtime)
    app.register(duplicate)
    app.state.runtime = runtime
    transport = asgi_transport(app, client=("127.0.0.1", 40000))
    async with AsyncClient(transport=transport, base_url="https://testserver.local") as client:
        response = await client.post("/api/v1/test-duplicate")
    assert response.status_code == 500
    assert response.json()["type"] == "/problems/internal-error"
    _canaries_absent(response.text)
    logged = capsys.readouterr().err
    # The operator still learns what failed and where.
    assert "IntegrityError" in logged and "Traceback" in logged and "_insert_twice" in logged
    assert "withheld" in logged
    _canaries_absent(logged)
    assert "INSERT INTO" not in logged
