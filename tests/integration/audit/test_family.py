"""The audit trail around real coordination files: the family's access log, resolving a person
by national number, and a file request whose audit write fails."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select, text

from tests.factories import auth_headers, create_account
from tests.factories.assignments import link_and_accept
from tests.factories.audit import break_audit_inserts
from tests.factories.coordination import (
    VALID_INSZ,
    file_body,
    make_network,
    member_id,
    open_file,
)
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


async def _file_with_family(
    client: AsyncClient, runtime: Runtime
) -> tuple[Any, dict[str, Any], Any]:
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    response = await client.post(
        f"/api/v1/files/{fid}/entries",
        json={"kind": "note", "about": [member_id(view, "parent")], "body": "Gesprek gehad."},
        headers=net.headers[0],
    )
    assert response.status_code == 201, response.text
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])).status_code == 200
    parent = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], fid, member_id(view, "parent"), parent)
    return net, view, parent


async def test_family_sees_which_organisation_accessed_which_part_and_when(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view, parent = await _file_with_family(client, runtime)
    headers = await auth_headers(runtime, parent)
    assert (await client.get(f"/api/v1/me/files/{view['id']}", headers=headers)).status_code == 200
    response = await client.get(f"/api/v1/me/files/{view['id']}/access-log", headers=headers)
    assert response.status_code == 200, response.text
    log = response.json()["items"]
    async with runtime.sessions() as session:
        name = await session.scalar(select(Organisation.name).where(Organisation.id == net.orgs[0]))
    assert log, "the social worker's actions are listed"
    assert {row["organisation"] for row in log} == {name}
    assert {row["role"] for row in log} == {"social_worker"}
    assert {"viewed", "changed"} <= {row["verb"] for row in log}
    assert any(row["part"] for row in log)
    assert [row["at"] for row in log] == sorted((row["at"] for row in log), reverse=True)
    # The family's own reads are not read back to them; reading the log is audited.
    async with runtime.sessions() as session:
        reads = await session.scalar(
            select(func.count()).where(AuditEvent.action == "family:access-log:read")
        )
    assert reads == 1


async def test_access_log_of_someone_elses_file_is_a_plain_404(
    client: AsyncClient, runtime: Runtime
) -> None:
    _net, view, _parent = await _file_with_family(client, runtime)
    stranger = await create_account(runtime, Role.FAMILY, with_email=False)
    headers = await auth_headers(runtime, stranger)
    foreign = await client.get(f"/api/v1/me/files/{view['id']}/access-log", headers=headers)
    missing = await client.get(f"/api/v1/me/files/{uuid.uuid4()}/access-log", headers=headers)
    assert foreign.status_code == missing.status_code == 404
    strip = ("request_id",)
    assert {k: v for k, v in foreign.json().items() if k not in strip} == {
        k: v for k, v in missing.json().items() if k not in strip
    }
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    response = await client.get(
        f"/api/v1/me/files/{view['id']}/access-log", headers=await auth_headers(runtime, worker)
    )
    assert response.status_code == 403


async def test_dpo_resolves_a_person_by_national_number(
    client: AsyncClient, runtime: Runtime
) -> None:
    _net, view, parent = await _file_with_family(client, runtime)
    dpo = await create_account(runtime, Role.DPO)
    response = await client.post(
        "/api/v1/audit/resolve",
        json={"kind": "person", "value": "85.07.30-033.28", "reason": "Inzageverzoek 2026-7"},
        headers=await auth_headers(runtime, dpo),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    key = runtime.secrets.audit_key
    assert body["object_refs"] == [audit_ref(key, "member", member_id(view, "parent"))]
    assert body["file_refs"] == [audit_ref(key, "file", view["id"])]
    assert body["actor_refs"] == [audit_ref(key, "account", parent.id)]
    assert VALID_INSZ not in response.text
    # The refs find the person's trail: the file's events, the invitation of the member.
    events = await client.get(
        "/api/v1/audit/events",
        params={"object_ref": body["object_refs"][0]},
        headers=await auth_headers(runtime, dpo),
    )
    assert any(e["action"] == "coordination:invitation:create" for e in events.json()["items"])


async def test_file_read_whose_audit_fails_is_503_without_personal_data(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    await break_audit_inserts(runtime)
    read = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[0])
    write = await client.post(
        f"/api/v1/files/{view['id']}/entries",
        json={"kind": "note", "about": [member_id(view, "parent")], "body": "Nooit bewaard."},
        headers=net.headers[0],
    )
    for response in (read, write):
        assert response.status_code == 503, response.text
        assert response.json()["type"] == "/problems/audit-unavailable"
        for value in ("Peeters", "Els", "Kerkstraat", VALID_INSZ):
            assert value not in response.text
    async with runtime.sessions() as session:
        entries = await session.scalar(select(func.count()).select_from(text("entries")))
    assert entries == 0
