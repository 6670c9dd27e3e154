"""The scan of a signed consent form: a PDF, JPEG or PNG by its content, at most 10 MB,
staged under a key of its own until a consent uses it, deleted by retention when none did
within a day, and never refused by key rotation while staged."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.factories.coordination import (
    audit_events,
    file_body,
    make_network,
    open_file,
    travel,
)
from tests.factories.evidence import jpeg_scan, pdf_scan, png_scan, upload_scan
from zorgafstemming.coordination.models import ConsentEvidence
from zorgafstemming.coordination.service.evidence import (
    EVIDENCE_OWNER,
    MAX_EVIDENCE_BYTES,
    decrypt_evidence,
)
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.crypto.models import DataKeyRecord
from zorgafstemming.retention import purge
from zorgafstemming.retention.schedule import load_schedule


@pytest.fixture
def runtime(rolled_back: Any) -> Any:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _counts(runtime: Any) -> tuple[int, int]:
    """Scans stored, and data keys of staged scans."""
    async with runtime.sessions() as session:
        scans = await session.scalar(select(func.count()).select_from(ConsentEvidence))
        keys = await session.scalar(
            select(func.count())
            .select_from(DataKeyRecord)
            .where(DataKeyRecord.owner_kind == EVIDENCE_OWNER)
        )
    return int(scans or 0), int(keys or 0)


@pytest.mark.parametrize(
    ("make", "media_type"),
    [(pdf_scan, "application/pdf"), (jpeg_scan, "image/jpeg"), (png_scan, "image/png")],
)
async def test_a_pdf_jpeg_or_png_scan_is_staged_encrypted(
    client: Any, runtime: Any, make: Any, media_type: str
) -> None:
    net = await make_network(runtime, size=1)
    content = make()
    # The declared type is ignored: the content decides.
    response = await client.post(
        "/api/v1/evidence",
        content=content,
        headers={**net.headers[0], "content-type": "text/plain"},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["media_type"] == media_type and body["size"] == len(content)
    async with runtime.sessions() as session:
        row = (
            await session.execute(
                select(
                    ConsentEvidence.id,
                    ConsentEvidence.file_id,
                    ConsentEvidence.uploaded_by_organisation_id,
                    ConsentEvidence.content_enc,
                ).where(ConsentEvidence.id == uuid.UUID(body["id"]))
            )
        ).one()
        assert row.file_id is None
        assert row.uploaded_by_organisation_id == net.orgs[0]
        assert content not in row.content_enc
        key = await runtime.cipher.load_key(session, EVIDENCE_OWNER, row.id)
        assert key is not None
        assert decrypt_evidence(runtime.cipher, key, row.id, row.content_enc) == content
    assert [(e["action"], e["outcome"]) for e in await audit_events(runtime)][-1] == (
        "coordination:evidence:upload",
        "allowed",
    )


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"Dit is geen PDF, enkel tekst met de naam scan.pdf\n", "application/pdf"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/png"),
        (b"", "application/pdf"),
    ],
)
async def test_another_type_or_an_empty_scan_is_422_and_stores_nothing(
    client: Any, runtime: Any, content: bytes, content_type: str
) -> None:
    net = await make_network(runtime, size=1)
    before = await _counts(runtime)
    audited = len(await audit_events(runtime))
    response = await client.post(
        "/api/v1/evidence",
        content=content,
        headers={
            **net.headers[0],
            "content-type": content_type,
            "content-disposition": 'attachment; filename="scan.pdf"',
        },
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in response.json()["errors"]] == ["evidence"]
    assert await _counts(runtime) == before
    refused = (await audit_events(runtime))[audited:]
    assert [(e["action"], e["outcome"]) for e in refused] == [
        ("coordination:evidence:upload", "denied")
    ]


async def test_a_scan_over_10_mb_is_413_and_stores_nothing(client: Any, runtime: Any) -> None:
    net = await make_network(runtime, size=1)
    before = await _counts(runtime)
    too_big = pdf_scan() + b"\0" * (MAX_EVIDENCE_BYTES + 1 - len(pdf_scan()))
    response = await client.post(
        "/api/v1/evidence",
        content=too_big,
        headers={**net.headers[0], "content-type": "application/pdf"},
    )
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == "/problems/payload-too-large"
    assert await _counts(runtime) == before
    # Exactly 10 MB is accepted; every other route keeps the service-wide limit.
    at_limit = await client.post(
        "/api/v1/evidence",
        content=too_big[:MAX_EVIDENCE_BYTES],
        headers={**net.headers[0], "content-type": "application/pdf"},
    )
    assert at_limit.status_code == 201, at_limit.text
    other = await client.post(
        "/api/v1/files",
        content=b'{"members": "' + b"x" * (runtime.settings.max_body_bytes + 1) + b'"}',
        headers={**net.headers[0], "content-type": "application/json"},
    )
    assert other.status_code == 413


async def test_an_unused_scan_is_deleted_a_day_later_with_its_key(
    client: Any, runtime: Any
) -> None:
    net = await make_network(runtime, size=1)
    start = runtime.clock()
    runtime.clock = lambda: start
    old = await upload_scan(client, net.headers[0])
    view = await open_file(client, net.headers[0], file_body(start, [net.orgs[0]]))
    await travel(runtime, net, start + timedelta(hours=23))
    young = await upload_scan(client, net.headers[0])
    assert await _counts(runtime) == (4, 2)  # two staged, two bound by the opened file

    runtime.clock = lambda: start + timedelta(hours=24, seconds=1)
    summary = await purge.run(runtime, load_schedule())
    assert summary.staged_evidence_purged == 1
    assert await _counts(runtime) == (3, 1)
    async with runtime.sessions() as session:
        left = set(await session.scalars(select(ConsentEvidence.id)))
        bound = await session.scalar(
            select(func.count())
            .select_from(ConsentEvidence)
            .where(ConsentEvidence.file_id == uuid.UUID(view["id"]))
        )
        file_key = await runtime.cipher.load_key(session, FILE_OWNER, uuid.UUID(view["id"]))
    assert str(young["id"]) in {str(i) for i in left}
    assert str(old["id"]) not in {str(i) for i in left}
    assert bound == 2 and file_key is not None
