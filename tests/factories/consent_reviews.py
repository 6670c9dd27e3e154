"""Consents as a partner's worker records them, for the DPO's review queue: a file opened over
the API, then one of its consents marked as recorded by the worker's organisation — with the
scan of the signed form (encrypted under the file's key, as the service stores it) or without,
awaiting the family's confirmation."""

from __future__ import annotations

import base64
import hashlib
import uuid
from typing import Any

from sqlalchemy import insert, update

from tests.factories.coordination import consent_of, file_body, open_file
from zorgafstemming.coordination.models import ConsentEvidence, ConsentRecord
from zorgafstemming.coordination.service.facts import FILE_OWNER

# A tiny PDF is enough: the queue and the download never parse the form.
SCAN = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


async def mark_staff_recorded(
    runtime: Any,
    file_id: uuid.UUID,
    consent_id: uuid.UUID,
    organisation_id: uuid.UUID,
    *,
    scan: bytes | None = SCAN,
) -> uuid.UUID | None:
    """Mark a consent of a file as recorded by a worker of ``organisation_id``: with ``scan``
    stored as the service stores a signed form, or without (awaiting confirmation). Returns
    the evidence id."""
    evidence_id = uuid.uuid4() if scan is not None else None
    async with runtime.unit_of_work() as uow:
        if scan is not None:
            assert evidence_id is not None
            cipher = runtime.cipher
            key = await cipher.key_for(uow.session, FILE_OWNER, file_id)
            text = base64.b64encode(scan).decode("ascii")
            await uow.session.execute(
                insert(ConsentEvidence).values(
                    id=evidence_id,
                    file_id=file_id,
                    media_type="application/pdf",
                    size=len(scan),
                    sha256=hashlib.sha256(scan).hexdigest(),
                    content_enc=cipher.encrypt(
                        key,
                        table="consent_evidence",
                        column="content_enc",
                        row_id=evidence_id,
                        value=text,
                    ),
                    uploaded_by_organisation_id=organisation_id,
                    uploaded_at=runtime.clock(),
                )
            )
        await uow.session.execute(
            update(ConsentRecord)
            .where(ConsentRecord.id == consent_id)
            .values(
                recorded_by_organisation_id=organisation_id,
                collection_method="signed_form" if scan is not None else "in_person",
                evidence_id=evidence_id,
                evidence_hash=hashlib.sha256(scan).hexdigest() if scan is not None else None,
            )
        )
    return evidence_id


async def staff_recorded_consent(
    runtime: Any,
    client: Any,
    headers: dict[str, str],
    organisation_id: uuid.UUID,
    *,
    scan: bytes | None = SCAN,
) -> dict[str, str]:
    """A file of ``organisation_id`` whose parent's consent its worker recorded; returns the
    file id, the consent id and (with a scan) the evidence id."""
    view = await open_file(client, headers, file_body(runtime.clock(), [organisation_id]))
    file_id, consent_id = uuid.UUID(view["id"]), uuid.UUID(consent_of(view, "parent"))
    evidence_id = await mark_staff_recorded(
        runtime, file_id, consent_id, organisation_id, scan=scan
    )
    return {
        "file_id": str(file_id),
        "consent_id": str(consent_id),
        "evidence_id": str(evidence_id) if evidence_id else "",
    }
