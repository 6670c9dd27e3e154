"""What retention needs from coordination: every row of a file (deleted the way the purge does),
and its closing time as the retention schedule reads it."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from httpx import AsyncClient

from tests.factories.coordination import (
    consent_of,
    file_body,
    make_network,
    member_id,
    open_file,
    row_counts,
)
from zorgafstemming.coordination.models import CoordinationFile
from zorgafstemming.coordination.service.file_rows import file_rows
from zorgafstemming.retention import facts as retention_facts
from zorgafstemming.retention import rowgraph
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def test_file_rows_lists_and_deletes_everything_of_one_file_only(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    start = runtime.clock()
    keep = await open_file(client, net.headers[0], file_body(start, [net.orgs[0]]))
    view = await open_file(client, net.headers[0], file_body(start, [net.orgs[0], net.orgs[1]]))
    fid = view["id"]
    await client.post(
        f"/api/v1/files/{fid}/participants",
        json={"organisation_id": str(net.orgs[1])},
        headers=net.headers[0],
    )
    await client.post(
        f"/api/v1/files/{fid}/entries",
        json={"kind": "note", "about": [member_id(view, "parent")], "body": "Notitie."},
        headers=net.headers[0],
    )
    await client.post(
        f"/api/v1/files/{fid}/consents/{consent_of(view, 'youth')}/withdraw",
        headers=net.headers[0],
    )
    before = await row_counts(runtime)
    async with runtime.sessions() as session:
        rows = await file_rows(session, uuid.UUID(fid))
    assert len(rows["members"]) == 3
    assert len(rows["participants"]) == 2
    assert len(rows["consent_records"]) == 2
    assert len(rows["consent_events"]) == 3  # two given, one withdrawn
    assert len(rows["entries"]) == 1 and len(rows["entry_members"]) == 1
    assert rows["notifications"], "consent changes notified the participants"
    assert rows["coordination_files"] == [uuid.UUID(fid)]

    files = CoordinationFile.__table__
    async with runtime.sessions() as session, session.begin():
        await runtime.cipher.shred(session, "file", uuid.UUID(fid))
        walk = rowgraph.graph(session, files, files.c.id)  # type: ignore[arg-type]
        counts = (await rowgraph.delete_rows(session, walk, [uuid.UUID(fid)])).counts[
            uuid.UUID(fid)
        ]
    after = await row_counts(runtime)
    for table, listed in rows.items():
        assert counts[table] == len(listed), table
        assert after[table] == before[table] - len(listed), table
    async with runtime.sessions() as session:
        left = await file_rows(session, uuid.UUID(fid))
        assert {t: v for t, v in left.items() if v} == {}
    # The purged file answers like an unknown one; the other file is untouched.
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])).status_code == 404
    other = await client.get(f"/api/v1/files/{keep['id']}", headers=net.headers[0])
    assert other.status_code == 200
    assert other.json()["members"][0]["given_name"] == "Els"


async def test_closing_time_is_the_end_of_the_last_valid_consent(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    start = runtime.clock()
    view = await open_file(client, net.headers[0], file_body(start, [net.orgs[0]], days=40))
    fid, unknown_id = uuid.UUID(view["id"]), uuid.uuid4()
    later = start + timedelta(days=41)
    async with runtime.sessions() as session:
        read = await retention_facts.load(
            session, runtime.cipher, later, file_ids=[fid, unknown_id]
        )
    ends = read[fid].closed_at
    assert ends is not None
    assert abs(ends - (start + timedelta(days=40))) < timedelta(seconds=1)
    assert unknown_id not in read
    closed = await client.post(f"/api/v1/files/{view['id']}/close", headers=net.headers[0])
    async with runtime.sessions() as session:
        read = await retention_facts.load(session, runtime.cipher, runtime.clock(), file_ids=[fid])
    ends = read[fid].closed_at
    assert ends is not None
    assert ends.isoformat().startswith(closed.json()["closed_at"][:19])
