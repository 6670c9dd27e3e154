"""Unassigning ends access when it commits: with real commits (no rolled-back transaction), the
worker's next request after the coordinator's is refused, on SQLite and PostgreSQL."""

from __future__ import annotations

from httpx import AsyncClient

from tests.factories import auth_headers, create_account
from tests.factories.assignments import make_coordinator
from tests.factories.coordination import file_body, make_network, member_id, open_file
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


async def test_unassigning_ends_access_at_commit(client: AsyncClient, committing: Runtime) -> None:
    runtime = committing
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    coordinator = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=net.orgs[0])
    await make_coordinator(runtime, coordinator)
    boss = await auth_headers(runtime, coordinator)
    worker = net.headers[0]  # the worker who opened the file
    note = {"kind": "note", "about": [member_id(view, "parent")], "body": "Huisbezoek."}
    assert (await client.post(f"/api/v1/files/{fid}/entries", json=note, headers=worker)).is_success

    ended = await client.delete(
        f"/api/v1/files/{fid}/assignments/{net.workers[0].id}", headers=boss
    )
    assert ended.status_code == 204, ended.text
    assert (await client.get(f"/api/v1/files/{fid}", headers=worker)).status_code == 404
    assert (await client.get(f"/api/v1/files/{fid}/entries", headers=worker)).status_code == 404
    written = await client.post(f"/api/v1/files/{fid}/entries", json=note, headers=worker)
    assert written.status_code == 404
    assert (await client.get("/api/v1/files", headers=worker)).json()["items"] == []
