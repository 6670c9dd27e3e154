"""The audit API's filters by a file's short reference and by kind of action (SQLite and
PostgreSQL): the same reference and kinds the DPO's page uses."""

from __future__ import annotations

import uuid

import pytest
from httpx import AsyncClient

from tests.factories import auth_headers, create_account
from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """Every test runs inside a rolled-back transaction."""
    return rolled_back


async def _seed(runtime: Runtime, file_id: uuid.UUID) -> None:
    ctx = AuditContext(actor_id=uuid.uuid4(), actor_role="social_worker", request_id="r-api")
    async with runtime.unit_of_work() as uow:
        await record(uow, ctx, Action.COORDINATION_FILE_READ, "allowed", file_id=file_id)
        await record(uow, ctx, Action.COORDINATION_ENTRY_LIST, "denied", file_id=file_id)
        await record(uow, ctx, Action.COORDINATION_ENTRY_CREATE, "allowed", file_id=file_id)
        await record(uow, ctx, Action.COORDINATION_FILE_READ, "allowed", file_id=uuid.uuid4())


async def test_events_of_one_file_by_its_short_reference_and_kind(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    headers = await auth_headers(runtime, dpo)
    file_id = uuid.uuid4()
    await _seed(runtime, file_id)
    short = file_reference(runtime.secrets.audit_key, file_id)
    typed = f"{short[:4]}-{short[4:]}".lower()  # as a person may type it

    async def actions(**params: str) -> list[str]:
        response = await client.get("/api/v1/audit/events", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [e["action"] for e in response.json()["items"]]

    assert await actions(file_reference=typed) == [
        "coordination:file:read",
        "coordination:entry:list",
        "coordination:entry:create",
    ]
    assert await actions(file_reference=short, group="denied") == ["coordination:entry:list"]
    assert await actions(file_reference=short, group="change") == ["coordination:entry:create"]
    assert await actions(file_reference=short, group="emergency") == []


@pytest.mark.parametrize(
    ("params", "field"),
    [({"file_reference": "UUUUUUUU"}, "file_reference"), ({"group": "everything"}, "group")],
)
async def test_a_bad_reference_or_kind_is_a_problem_naming_the_parameter(
    client: AsyncClient, runtime: Runtime, params: dict[str, str], field: str
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    headers = await auth_headers(runtime, dpo)
    response = await client.get("/api/v1/audit/events", params=params, headers=headers)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in response.text
