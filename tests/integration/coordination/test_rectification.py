"""Rectification (GDPR art. 16) and telling the recipients (art. 19): an annotation beside a
journal entry, shown with it to partners and the family; a youth's own statement; a member
correction linked to its request; notices to exactly the organisations that read the file."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from tests.factories import auth_headers, create_account
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import add_partner, file_body, make_network, member_id, open_file
from tests.factories.rights import file_request
from zorgafstemming.coordination.member_models import MemberCorrection
from zorgafstemming.coordination.notice_models import Notification
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

NOTE = "Gesprek met de ouder over de opvang."
FIX = "Rechtzetting: het gesprek was met de grootmoeder, niet met de ouder."


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: the app and the test share a runtime that is rolled back."""
    return rolled_back


async def _shared_file(client: AsyncClient, runtime: Runtime) -> tuple[Any, dict[str, Any]]:
    """A file led by organisation 0, with organisation 1 taking part (assigned worker)."""
    net = await make_network(runtime, size=3)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs))
    for n in (1, 2):
        await add_partner(client, net.headers[0], view["id"], net.orgs[n])
        await assign(runtime, view["id"], net.workers[n])
    return net, view


async def _told(runtime: Runtime, file_id: str, kind: str) -> list[uuid.UUID]:
    async with runtime.sessions() as session:
        return sorted(
            (
                await session.scalars(
                    select(Notification.organisation_id).where(
                        Notification.file_id == uuid.UUID(file_id), Notification.kind == kind
                    )
                )
            ).all()
        )


async def test_annotation_is_shown_with_the_entry_and_told_to_readers(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _shared_file(client, runtime)
    file_id, parent = view["id"], member_id(view, "parent")
    made = await client.post(
        f"/api/v1/files/{file_id}/entries",
        json={"kind": "note", "about": [parent], "body": NOTE},
        headers=net.headers[0],
    )
    entry = made.json()["id"]
    # Organisation 1 reads the journal; organisation 2 takes part but never reads.
    assert (await client.get(f"/api/v1/files/{file_id}/entries", headers=net.headers[1])).is_success
    url = f"/api/v1/files/{file_id}/entries/{entry}/annotations"
    # The rectification request the annotation answers (filed on the family's behalf).
    asked = await file_request(
        client, net.headers[0], parent, kind="rectification", file_id=file_id
    )
    assert asked.status_code == 201, asked.text
    request_id = asked.json()["id"]

    other = await client.post(url, json={"body": FIX}, headers=net.headers[1])
    added = await client.post(
        url, json={"body": FIX, "request_id": request_id}, headers=net.headers[0]
    )

    assert other.status_code == 403
    assert other.json()["type"] == "/problems/lead-or-author-only"
    assert added.status_code == 201, added.text
    assert added.json()["request_id"] == request_id
    listed = await client.get(f"/api/v1/files/{file_id}/entries", headers=net.headers[1])
    [item] = listed.json()["items"]
    assert item["body"] == NOTE  # never rewritten
    assert [a["body"] for a in item["annotations"]] == [FIX]
    holder = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], file_id, parent, holder)
    family = await client.get(
        f"/api/v1/me/files/{file_id}", headers=await auth_headers(runtime, holder)
    )
    [shown] = family.json()["entries"]
    assert shown["body"] == NOTE and [a["body"] for a in shown["annotations"]] == [FIX]
    assert await _told(runtime, file_id, "data_rectified") == [net.orgs[1]]
    missing = await client.post(
        f"/api/v1/files/{file_id}/entries/{uuid.uuid4()}/annotations",
        json={"body": FIX},
        headers=net.headers[0],
    )
    assert missing.status_code == 404


async def test_member_correction_keeps_its_request_and_tells_readers(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _shared_file(client, runtime)
    file_id, parent = view["id"], member_id(view, "parent")
    assert (await client.get(f"/api/v1/files/{file_id}", headers=net.headers[2])).is_success
    asked = await file_request(
        client, net.headers[0], parent, kind="rectification", file_id=file_id
    )
    assert asked.status_code == 201, asked.text
    request_id = uuid.UUID(asked.json()["id"])
    corrected = await client.post(
        f"/api/v1/files/{file_id}/members/{parent}/corrections",
        json={
            "reason": "address_changed",
            "address": "Dorp 3, 2960 Brecht",
            "request_id": str(request_id),
        },
        headers=net.headers[0],
    )
    assert corrected.status_code == 201, corrected.text
    async with runtime.sessions() as session:
        stored = await session.scalars(
            select(MemberCorrection.request_id).where(
                MemberCorrection.member_id == uuid.UUID(parent)
            )
        )
        assert stored.all() == [request_id]
    assert await _told(runtime, file_id, "data_rectified") == [net.orgs[2]]


async def test_own_statement_by_the_youth_not_by_a_parent_for_them(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _shared_file(client, runtime)
    file_id = view["id"]
    youth, parent = member_id(view, "youth"), member_id(view, "parent")
    youth_account = await create_account(runtime, Role.FAMILY, with_email=False)
    parent_account = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], file_id, youth, youth_account)
    await link_and_accept(client, runtime, net.headers[0], file_id, parent, parent_account)
    url = f"/api/v1/me/files/{file_id}/statements"
    words = "Ik ga graag naar school, maar niet naar de opvang."

    mine = await client.post(
        url,
        json={"member_id": youth, "body": words},
        headers=await auth_headers(runtime, youth_account),
    )
    for_youth = await client.post(
        url,
        json={"member_id": youth, "body": "Namens mijn zoon."},
        headers=await auth_headers(runtime, parent_account),
    )
    by_staff = await client.post(
        f"/api/v1/files/{file_id}/entries",
        json={"kind": "own_statement", "about": [youth], "body": words},
        headers=net.headers[0],
    )

    assert mine.status_code == 201, mine.text
    assert mine.json()["kind"] == "own_statement" and mine.json()["about"] == [youth]
    assert for_youth.status_code == 403
    assert for_youth.json()["type"] == "/problems/own-statement-only"
    assert by_staff.status_code == 422
    listed = await client.get(f"/api/v1/files/{file_id}/entries", headers=net.headers[1])
    assert [(e["kind"], e["body"]) for e in listed.json()["items"]] == [("own_statement", words)]
