"""Access (GDPR art. 15) and portability (art. 20) requests are answered by the family's export,
on SQLite and PostgreSQL: the answer keeps a fixed note saying where the family finds its data —
a typed one is refused with nothing written, so no personal data goes into it — while every
other kind, and a refusal, still needs the handler's own text."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from tests.factories.rights import file_request, request_file, step
from zorgafstemming.rights.models import SubjectRequestStep
from zorgafstemming.rights.rules import EXPORT_ANSWER_NOTES
from zorgafstemming.runtime import Runtime

RECEIVED = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: the test runs in one transaction, rolled back."""
    rolled_back.clock = lambda: RECEIVED
    return rolled_back


async def _steps(runtime: Runtime, request_id: str) -> list[str]:
    async with runtime.sessions() as session:
        found = await session.scalars(
            select(SubjectRequestStep.step)
            .where(SubjectRequestStep.request_id == uuid.UUID(request_id))
            .order_by(SubjectRequestStep.at, SubjectRequestStep.id)
        )
        return list(found)


@pytest.mark.parametrize("kind", ["access", "portability"])
async def test_the_answer_is_the_fixed_note_and_a_typed_one_is_refused(
    client: AsyncClient, runtime: Runtime, kind: str
) -> None:
    f = await request_file(client, runtime)
    filed = await file_request(client, f.headers["parent"], f.members["child"], kind=kind)
    assert filed.status_code == 201, filed.text
    request_id, dpo = filed.json()["id"], f.headers["dpo"]

    typed = await step(client, dpo, request_id, "answer", "Verslag over Mila per post bezorgd.")
    assert typed.status_code == 422, typed.text
    assert [e["field"] for e in typed.json()["errors"]] == ["reason"]
    assert await _steps(runtime, request_id) == ["receive"]  # nothing written
    refused = await step(client, dpo, request_id, "refuse")
    assert refused.status_code == 422  # a refusal still states its reason

    answered = await step(client, dpo, request_id, "answer")
    assert answered.status_code == 200, answered.text
    body = answered.json()
    assert body["status"] == "answered"
    assert body["steps"][-1]["step"] == "answer"
    assert body["steps"][-1]["reason"] == EXPORT_ANSWER_NOTES[kind]
    assert "Mila" not in EXPORT_ANSWER_NOTES[kind]
    mine = (await client.get("/api/v1/me/requests", headers=f.headers["parent"])).json()
    assert [(r["id"], r["status"]) for r in mine["items"]] == [(request_id, "answered")]


async def test_other_kinds_are_still_answered_with_the_handlers_own_note(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    filed = await file_request(client, f.headers["youth"], f.members["youth"], kind="erasure")
    request_id, dpo = filed.json()["id"], f.headers["dpo"]
    assert (await step(client, dpo, request_id, "answer")).status_code == 422
    answered = await step(client, dpo, request_id, "answer", "Het verslag is gewist.")
    assert answered.status_code == 200, answered.text
    assert answered.json()["steps"][-1]["reason"] == "Het verslag is gewist."
