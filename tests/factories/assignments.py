"""Builders for who reaches a file: assigning a worker (as their organisation would), making a
coordinator, and linking a family account that its holder then accepts."""

from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlalchemy import insert

from tests.factories.accounts import TestAccount, auth_headers
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.service import links
from zorgafstemming.db import new_id
from zorgafstemming.identity import colleagues
from zorgafstemming.runtime import Runtime


async def assign(runtime: Runtime, file_id: uuid.UUID | str, worker: TestAccount) -> None:
    """Assign ``worker`` to the file, as a colleague or coordinator of their organisation would
    (stored directly: the assignment routes have tests of their own)."""
    assert worker.organisation_id is not None
    async with runtime.unit_of_work() as uow:
        await uow.session.execute(
            insert(FileAssignment).values(
                id=new_id(),
                file_id=uuid.UUID(str(file_id)),
                account_id=worker.id,
                organisation_id=worker.organisation_id,
                assigned_at=runtime.clock(),
            )
        )


async def make_coordinator(runtime: Runtime, worker: TestAccount) -> None:
    """Make ``worker`` their organisation's coordinator (as the host operator's command does)."""
    async with runtime.unit_of_work() as uow:
        await colleagues.set_coordinator(uow, worker.id)


async def accept_links(runtime: Runtime, holder: TestAccount) -> list[uuid.UUID]:
    """Accept every link request waiting for the family account ``holder``, as they would in
    the portal; the ids of the files now linked."""
    principal = holder.principal()
    async with runtime.unit_of_work() as uow:
        pending = (await links.pending_links(uow, principal, AuditContext())).items
        for link in pending:
            await links.accept_link(uow, principal, AuditContext(), link.id)
    return [link.file_id for link in pending]


async def link_and_accept(
    client: AsyncClient,
    runtime: Runtime,
    headers: dict[str, str],
    file_id: uuid.UUID | str,
    member: uuid.UUID | str,
    holder: TestAccount,
) -> None:
    """Link the existing family account ``holder`` to ``member`` through the API, and accept
    it as the holder does in the portal (as after activation)."""
    response = await client.post(
        f"/api/v1/files/{file_id}/members/{member}/invitation",
        json={"existing_account_id": str(holder.id)},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    assert response.json()["link_pending"] is True
    family = await auth_headers(runtime, holder)
    pending = (await client.get("/api/v1/me/links", headers=family)).json()["items"]
    link = next(item for item in pending if item["file_id"] == str(file_id))
    accepted = await client.post(f"/api/v1/me/links/{link['id']}/accept", headers=family)
    assert accepted.status_code == 200, accepted.text
