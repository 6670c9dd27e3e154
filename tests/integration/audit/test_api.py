"""The DPO's audit API: review with filters and pages, checkpoints, export, resolve; and the
canary check that no personal data reaches the audit tables, the export or the logs."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select, text

from tests.factories import auth_headers, create_account
from zorgafstemming.audit.bundle import verify_bundle
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.note import Verifier, verify_checkpoint
from zorgafstemming.audit.sealer import new_holder_id, seal_pending
from zorgafstemming.audit.service import AuditContext, audit_ref, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

# Fictitious but valid-looking personal data that must never show up in clear.
CANARY_INSZ = "85.07.30-033.28"
CANARY_INSZ_DIGITS = "85073003328"
CANARY_REASON = "Verzoek van mevrouw Kanarie Vogelzang over haar dossier"
CANARY_IP = "198.51.100.77"


async def _seed_events(runtime: Runtime, file_id: uuid.UUID, actor_id: uuid.UUID) -> None:
    ctx = AuditContext(
        actor_id=actor_id,
        actor_role="social_worker",
        client_ip=CANARY_IP,
        policy_id="coordination.participant-with-consent",
    )
    clock, start = runtime.clock, runtime.clock()
    try:
        async with runtime.unit_of_work() as uow:
            for n in range(7):
                runtime.clock = lambda n=n: start + timedelta(seconds=n)  # type: ignore[misc]
                await record(
                    uow,
                    ctx,
                    Action.COORDINATION_ENTRY_LIST,
                    "denied" if n == 3 else "allowed",
                    object_type="entry",
                    object_id=uuid.uuid4(),
                    file_id=file_id,
                    categories=["health"],
                )
            runtime.clock = clock
            await record(
                uow,
                AuditContext(actor_id=uuid.uuid4(), actor_role="social_worker"),
                Action.COORDINATION_FILE_READ,
                "allowed",
                file_id=uuid.uuid4(),
            )
    finally:
        runtime.clock = clock


async def test_only_the_dpo_reads_the_audit_trail(client: AsyncClient, runtime: Runtime) -> None:
    assert (await client.get("/api/v1/audit/events")).status_code == 401
    for role in (Role.ADMIN, Role.SOCIAL_WORKER, Role.FAMILY):
        account = await create_account(runtime, role)
        headers = await auth_headers(runtime, account)
        for method, path in (
            ("GET", "/api/v1/audit/events"),
            ("GET", "/api/v1/audit/export"),
            ("GET", "/api/v1/audit/checkpoints/latest"),
            ("POST", "/api/v1/audit/resolve"),
        ):
            body = {"kind": "file", "value": str(uuid.uuid4()), "reason": "looking around"}
            response = await client.request(
                method, path, headers=headers, json=body if method == "POST" else None
            )
            assert response.status_code == 403, (role, path)
    # The public key is public.
    response = await client.get("/api/v1/audit/checkpoints/public-key")
    assert response.status_code == 200
    assert response.json()["algorithm"] == "Ed25519"


async def test_dpo_filters_and_pages_events(client: AsyncClient, runtime: Runtime) -> None:
    dpo = await create_account(runtime, Role.DPO)
    headers = await auth_headers(runtime, dpo)
    file_id, actor_id = uuid.uuid4(), uuid.uuid4()
    await _seed_events(runtime, file_id, actor_id)
    file_ref = audit_ref(runtime.secrets.audit_key, "file", file_id)

    seen: list[dict[str, Any]] = []
    cursor = None
    for _ in range(5):
        params: dict[str, Any] = {"file_ref": file_ref, "limit": 3}
        if cursor:
            params["after"] = cursor
        response = await client.get("/api/v1/audit/events", params=params, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        seen.extend(page["items"])
        cursor = page["next"]
        if cursor is None:
            break
    assert len(seen) == 7 and len({e["id"] for e in seen}) == 7
    assert all(e["file_ref"] == file_ref for e in seen)
    assert [e["occurred_at"] for e in seen] == sorted(e["occurred_at"] for e in seen)

    denied = await client.get(
        "/api/v1/audit/events",
        params={"file_ref": file_ref, "outcome": "denied", "action": "coordination:entry:list"},
        headers=headers,
    )
    assert [e["outcome"] for e in denied.json()["items"]] == ["denied"]
    by_actor = await client.get(
        "/api/v1/audit/events",
        params={"actor_ref": audit_ref(runtime.secrets.audit_key, "account", actor_id)},
        headers=headers,
    )
    assert len(by_actor.json()["items"]) == 7
    later = seen[4]["occurred_at"]
    in_range = await client.get(
        "/api/v1/audit/events", params={"file_ref": file_ref, "since": later}, headers=headers
    )
    assert len(in_range.json()["items"]) == 3

    for params in (
        {"file_ref": "Jan Peeters"},
        {"outcome": "maybe"},
        {"after": "not-a-cursor"},
        {"since": "2026-01-01T00:00:00"},
        {"limit": 0},
    ):
        response = await client.get("/api/v1/audit/events", params=params, headers=headers)
        assert response.status_code in (400, 422), params
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "Jan Peeters" not in response.text

    # Reading the trail is itself in the trail.
    async with runtime.sessions() as session:
        reads = (
            await session.scalars(select(AuditEvent).where(AuditEvent.action == "audit:event:list"))
        ).all()
    assert reads and all(e.policy_id == "dpo-reviews-audit-trail" for e in reads if e.outcome)


async def test_checkpoint_and_export_verify_with_the_public_key(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    headers = await auth_headers(runtime, dpo)
    none_yet = await client.get("/api/v1/audit/checkpoints/latest", headers=headers)
    assert none_yet.status_code == 404
    await _seed_events(runtime, uuid.uuid4(), uuid.uuid4())
    await seal_pending(runtime, new_holder_id("test"))
    vkey = (await client.get("/api/v1/audit/checkpoints/public-key")).json()["vkey"]
    latest = (await client.get("/api/v1/audit/checkpoints/latest", headers=headers)).json()
    checkpoint = verify_checkpoint(latest["note"], Verifier.parse(vkey))
    assert checkpoint.size == latest["tree_size"] >= 8

    export = await client.get("/api/v1/audit/export", headers=headers)
    assert export.status_code == 200
    assert "attachment" in export.headers["content-disposition"]
    report = verify_bundle(export.content, public_key=vkey, trusted_checkpoint=latest["note"])
    assert report.tree_size == checkpoint.size


async def test_resolve_a_file_requires_a_reason_and_is_audited(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    headers = await auth_headers(runtime, dpo)
    file_id = uuid.uuid4()
    response = await client.post(
        "/api/v1/audit/resolve",
        json={"kind": "file", "value": str(file_id), "reason": "Klacht 2026-14 van de familie"},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    file_ref = audit_ref(runtime.secrets.audit_key, "file", file_id)
    assert body["file_refs"] == [file_ref]
    async with runtime.sessions() as session:
        resolves = (
            await session.scalars(
                select(AuditEvent).where(AuditEvent.action == "audit:ref:resolve")
            )
        ).all()
    assert len(resolves) == 1
    assert resolves[0].actor_ref == audit_ref(runtime.secrets.audit_key, "account", dpo.id)
    assert resolves[0].object_type == "resolution"

    for payload in (
        {"kind": "file", "value": str(file_id)},
        {"kind": "file", "value": str(file_id), "reason": "   "},
        {"kind": "file", "value": "not-a-file", "reason": "Klacht 2026-14"},
        {"kind": "person", "value": "12345678901", "reason": "Klacht 2026-14"},
        {"kind": "planet", "value": "x", "reason": "Klacht 2026-14"},
    ):
        response = await client.post("/api/v1/audit/resolve", json=payload, headers=headers)
        assert response.status_code in (400, 422), payload
        assert "12345678901" not in response.text
    async with runtime.sessions() as session:
        count = len(
            (
                await session.scalars(
                    select(AuditEvent).where(AuditEvent.action == "audit:ref:resolve")
                )
            ).all()
        )
    assert count == 1  # refused resolves write nothing


async def test_canaries_never_reach_audit_tables_export_or_logs(
    client: AsyncClient, runtime: Runtime, capsys: pytest.CaptureFixture[str]
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    headers = await auth_headers(runtime, dpo)
    await _seed_events(runtime, uuid.uuid4(), uuid.uuid4())
    response = await client.post(
        "/api/v1/audit/resolve",
        json={"kind": "person", "value": CANARY_INSZ, "reason": CANARY_REASON},
        headers={**headers, "x-forwarded-for": CANARY_IP},
    )
    assert response.status_code == 200, response.text
    await seal_pending(runtime, new_holder_id("test"))
    export = await client.get("/api/v1/audit/export", headers=headers)
    assert export.status_code == 200

    dump: list[str] = []
    async with runtime.engine.connect() as conn:
        for table in ("audit_events", "audit_resolutions", "audit_checkpoints"):
            for row in (await conn.execute(text(f"SELECT * FROM {table}"))).all():
                dump.extend(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in row)
    raw = "\n".join(dump)
    logs = capsys.readouterr()
    for canary in (CANARY_INSZ, CANARY_INSZ_DIGITS, CANARY_REASON, "Kanarie", CANARY_IP):
        assert canary not in raw, canary
        assert canary not in export.text, canary
        assert canary not in logs.out + logs.err, canary
    assert CANARY_IP not in response.text and CANARY_INSZ_DIGITS not in response.text
