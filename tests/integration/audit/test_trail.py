"""The audit trail fails closed and is append-only on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar import Litestar, get, post
from litestar.testing import AsyncTestClient
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from tests.factories.audit import break_audit_inserts, run_sql
from zorgafstemming.app import create_app
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.sealer import new_holder_id, seal_pending
from zorgafstemming.audit.service import (
    AuditContext,
    AuditUnavailable,
    audit_ref,
    purge_events_before,
    record,
)
from zorgafstemming.authz.actions import Action
from zorgafstemming.db import create_engine
from zorgafstemming.runtime import Runtime

CANARY_NAME = "Canarius Vogelzang"
TEST_SEALER = new_holder_id("test")


def _notes_app(runtime: Runtime) -> Litestar:
    """The app plus two routes that touch personal data the way domain services must."""

    @post("/api/v1/test-notes", opt={"action": Action.PUBLIC_HEALTH_READ})
    async def create_note(data: dict[str, str]) -> dict[str, str]:
        note_id = uuid.uuid4()
        async with runtime.unit_of_work() as uow:
            await uow.session.execute(
                text("INSERT INTO test_notes (id, body) VALUES (:id, :body)"),
                {"id": str(note_id), "body": data["body"]},
            )
            await record(
                uow,
                AuditContext(actor_id=uuid.uuid4(), actor_role="social_worker"),
                Action.COORDINATION_ENTRY_CREATE,
                "allowed",
                object_type="note",
                object_id=note_id,
            )
        return {"id": str(note_id), "body": data["body"]}

    @get("/api/v1/test-notes", opt={"action": Action.PUBLIC_HEALTH_READ})
    async def read_notes() -> dict[str, list[str]]:
        async with runtime.unit_of_work() as uow:
            bodies = list((await uow.session.scalars(text("SELECT body FROM test_notes"))).all())
            await record(
                uow,
                AuditContext(actor_id=uuid.uuid4(), actor_role="social_worker"),
                Action.COORDINATION_ENTRY_LIST,
                "allowed",
            )
        return {"bodies": bodies}

    app = create_app(runtime.settings, runtime=runtime)
    app.register(create_note)
    app.register(read_notes)
    return app


async def _count(runtime: Runtime, sql: str) -> int:
    engine = create_engine(runtime.settings.effective_database_url)
    try:
        async with engine.connect() as conn:
            return int((await conn.execute(text(sql))).scalar_one())
    finally:
        await engine.dispose()


async def test_write_whose_audit_fails_returns_503_and_commits_nothing(runtime: Runtime) -> None:
    await run_sql(runtime, "CREATE TABLE test_notes (id VARCHAR(36) PRIMARY KEY, body TEXT)")
    app = _notes_app(runtime)
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as client:
        ok = await client.post("/api/v1/test-notes", json={"body": "first note"})
        assert ok.status_code == 201
        await break_audit_inserts(runtime)
        response = await client.post("/api/v1/test-notes", json={"body": CANARY_NAME})
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == "/problems/audit-unavailable"
    assert CANARY_NAME not in response.text
    # The note of the failed request is gone with its transaction; the earlier one stays.
    assert await _count(runtime, "SELECT count(*) FROM test_notes") == 1
    assert await _count(runtime, "SELECT count(*) FROM audit_events") == 1


async def test_read_whose_audit_fails_returns_503_without_the_data(runtime: Runtime) -> None:
    await run_sql(
        runtime,
        "CREATE TABLE test_notes (id VARCHAR(36) PRIMARY KEY, body TEXT)",
        f"INSERT INTO test_notes (id, body) VALUES ('{uuid.uuid4()}', '{CANARY_NAME}')",
    )
    app = _notes_app(runtime)
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as client:
        ok = await client.get("/api/v1/test-notes")
        assert ok.status_code == 200 and CANARY_NAME in ok.text
        await break_audit_inserts(runtime)
        response = await client.get("/api/v1/test-notes")
    assert response.status_code == 503
    assert response.json()["type"] == "/problems/audit-unavailable"
    assert CANARY_NAME not in response.text


async def test_record_refuses_free_text(rolled_back: Runtime) -> None:
    async with rolled_back.unit_of_work() as uow:
        with pytest.raises(ValueError, match="free text"):
            await record(
                uow,
                AuditContext(),
                Action.COORDINATION_FILE_READ,
                "allowed",
                object_type="file of Jan Peeters",
            )


async def test_record_wraps_database_errors(runtime: Runtime) -> None:
    await break_audit_inserts(runtime)
    with pytest.raises(AuditUnavailable):
        async with runtime.unit_of_work() as uow:
            await record(uow, AuditContext(), Action.COORDINATION_FILE_READ, "allowed")


async def _append_some(runtime: Runtime, count: int, *, file_id: uuid.UUID | None = None) -> None:
    async with runtime.unit_of_work() as uow:
        for n in range(count):
            await record(
                uow,
                AuditContext(
                    actor_id=uuid.uuid4(),
                    actor_role="social_worker",
                    client_ip="::1",
                    policy_id="coordination.read",
                ),
                Action.COORDINATION_FILE_READ,
                "allowed" if n % 2 else "denied",
                file_id=file_id or uuid.uuid4(),
                categories=["health"],
            )


async def _first_event(runtime: Runtime) -> AuditEvent:
    async with runtime.sessions() as session:
        event = (await session.scalars(select(AuditEvent).order_by(AuditEvent.seq))).first()
    assert event is not None
    return event


@pytest.mark.parametrize(
    "values",
    [
        {"action": "coordination:file:write"},
        {"outcome": "allowed"},
        {"actor_ref": None},
        {"occurred_at": datetime(2001, 1, 1, tzinfo=UTC)},
        {"seq": 99},
        {"leaf_hash": b"\x00" * 32},
        {"body_purged_at": datetime(2001, 1, 1, tzinfo=UTC)},
    ],
)
async def test_sealed_events_cannot_be_changed(runtime: Runtime, values: dict[str, Any]) -> None:
    await _append_some(runtime, 2)
    await seal_pending(runtime, TEST_SEALER)
    event = await _first_event(runtime)
    with pytest.raises((IntegrityError, DBAPIError), match="append-only"):
        async with runtime.sessions() as session, session.begin():
            await session.execute(
                update(AuditEvent).where(AuditEvent.id == event.id).values(**values)
            )
    again = await _first_event(runtime)
    assert (again.action, again.outcome, again.seq) == (event.action, event.outcome, event.seq)


async def test_events_cannot_be_deleted_sealed_or_not(runtime: Runtime) -> None:
    await _append_some(runtime, 3)
    for _ in range(2):
        with pytest.raises((IntegrityError, DBAPIError), match="append-only"):
            async with runtime.sessions() as session, session.begin():
                await session.execute(delete(AuditEvent))
        await seal_pending(runtime, TEST_SEALER)
    assert await _count(runtime, "SELECT count(*) FROM audit_events") == 3


async def test_truncate_is_refused_on_postgresql(runtime: Runtime) -> None:
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE is a PostgreSQL statement")
    await _append_some(runtime, 1)
    with pytest.raises(DBAPIError, match="append-only"):
        await run_sql(runtime, "TRUNCATE audit_events")
    assert await _count(runtime, "SELECT count(*) FROM audit_events") == 1


async def test_unsealed_event_body_cannot_be_changed(runtime: Runtime) -> None:
    await _append_some(runtime, 1)
    with pytest.raises((IntegrityError, DBAPIError), match="append-only"):
        async with runtime.sessions() as session, session.begin():
            # Even a sealer-looking update must not change the body on the way.
            await session.execute(
                update(AuditEvent).values(seq=0, leaf_hash=b"\x01" * 32, outcome="error")
            )


async def test_insert_of_presealed_event_is_refused(runtime: Runtime) -> None:
    with pytest.raises((IntegrityError, DBAPIError), match="append-only"):
        async with runtime.sessions() as session, session.begin():
            session.add(
                AuditEvent(
                    occurred_at=runtime.clock(),
                    action="x:y:z",
                    outcome="allowed",
                    seq=0,
                    leaf_hash=b"\x00" * 32,
                )
            )


async def test_purge_removes_bodies_of_old_sealed_events_only(runtime: Runtime) -> None:
    file_id = uuid.uuid4()
    await _append_some(runtime, 3, file_id=file_id)
    await seal_pending(runtime, TEST_SEALER)
    await _append_some(runtime, 1, file_id=file_id)  # unsealed: left alone
    cutoff = runtime.clock() + timedelta(seconds=1)
    async with runtime.unit_of_work() as uow:
        purged = await purge_events_before(uow, cutoff)
    assert purged == 3
    async with runtime.sessions() as session:
        events = list((await session.scalars(select(AuditEvent).order_by(AuditEvent.seq))).all())
        remaining = await session.scalar(
            select(func.count()).where(
                AuditEvent.file_ref == audit_ref(runtime.secrets.audit_key, "file", file_id)
            )
        )
    sealed = [e for e in events if e.seq is not None]
    assert [e.seq for e in sealed] == [0, 1, 2]
    assert all(e.body_purged_at and e.leaf_hash and e.action is None for e in sealed)
    assert all(e.actor_ref is None and e.file_ref is None for e in sealed)
    assert remaining == 1  # only the unsealed event still names the file
    # A purged event cannot be purged again, nor given a body back.
    with pytest.raises((IntegrityError, DBAPIError), match="append-only"):
        async with runtime.sessions() as session, session.begin():
            await session.execute(
                update(AuditEvent)
                .where(AuditEvent.seq == 0)
                .values(action="x:y:z", outcome="allowed")
            )
