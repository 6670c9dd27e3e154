"""What a file's purge keeps and checks: the pseudonymous proof of each consent (GDPR art.
7(1)) copied out before the rows go, and the proof of deletion read back after."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.service.file_rows import file_rows
from zorgafstemming.crypto.models import BlindIndex, DataKeyRecord
from zorgafstemming.db import new_id
from zorgafstemming.models import metadata
from zorgafstemming.retention import rowgraph
from zorgafstemming.retention.models import ConsentProof, LegalHold


async def copy_consent_proofs(
    session: AsyncSession, key: bytes, file_id: uuid.UUID, file_ref: str, now: datetime
) -> int:
    """Copy the pseudonymous proof of each consent into ``consent_proofs`` (no FKs)."""
    records = metadata.tables["consent_records"]
    members = metadata.tables["members"]
    consent_members = metadata.tables["consent_members"]
    recipients = metadata.tables["consent_recipients"]
    events = metadata.tables["consent_events"]
    rows = (
        await session.execute(
            select(
                records.c.id,
                records.c.legal_basis,
                records.c.purposes,
                records.c.categories,
                records.c.collection_method,
                records.c.notice_version,
                records.c.evidence_hash,
                records.c.valid_from,
                records.c.valid_until,
                members.c.role,
            )
            .join(members, members.c.id == records.c.given_by_member_id)
            .where(records.c.file_id == file_id)
        )
    ).all()
    written = 0
    for row in rows:
        consent_ref = audit_ref(key, "consent", row.id)
        if await session.scalar(
            select(ConsentProof.id).where(ConsentProof.consent_ref == consent_ref)
        ):
            continue
        recipient_ids = (
            await session.scalars(
                select(recipients.c.organisation_id).where(recipients.c.consent_id == row.id)
            )
        ).all()
        subject_count = await session.scalar(
            select(func.count()).where(consent_members.c.consent_id == row.id)
        )
        history = (
            await session.execute(
                select(events.c.kind, events.c.occurred_at, events.c.evidence_hash)
                .where(events.c.consent_id == row.id)
                .order_by(events.c.occurred_at)
            )
        ).all()
        await session.execute(
            insert(ConsentProof).values(
                id=new_id(),
                file_ref=file_ref,
                consent_ref=consent_ref,
                legal_basis=row.legal_basis,
                given_by_role=row.role,
                purposes=sorted(row.purposes),
                data_categories=sorted(row.categories),
                recipients=sorted(str(org) for org in recipient_ids),
                subject_count=int(subject_count or 0),
                collection_method=row.collection_method,
                notice_version=row.notice_version,
                evidence_hash=row.evidence_hash,
                events=[
                    {
                        "kind": e.kind,
                        "at": e.occurred_at.isoformat(),
                        "evidence_hash": e.evidence_hash,
                    }
                    for e in history
                ],
                valid_from=row.valid_from,
                valid_until=row.valid_until,
                file_purged_at=now,
            )
        )
        written += 1
    return written


async def proof_of_deletion(
    session: AsyncSession, file_id: uuid.UUID, steps: list[rowgraph.Step]
) -> dict[str, int]:
    """Re-read every row the purge removed (and the file's keys, blind indexes and holds); the
    number still found per table — all zero when nothing of the file remains."""
    found = await rowgraph.remaining(session, steps)
    extra = (
        await session.execute(
            select(
                select(func.count())
                .where(DataKeyRecord.owner_kind == "file", DataKeyRecord.owner_id == file_id)
                .scalar_subquery(),
                select(func.count())
                .where(BlindIndex.owner_kind == "file", BlindIndex.owner_id == file_id)
                .scalar_subquery(),
                select(func.count()).where(LegalHold.file_id == file_id).scalar_subquery(),
            )
        )
    ).one()
    found["data_keys"], found["blind_indexes"], found["legal_holds"] = (int(n) for n in extra)
    # A second, independent listing: the coordination package's own view of a file's rows.
    for table, rows in (await file_rows(session, file_id)).items():
        found[table] = max(found.get(table, 0), len(rows))
    return dict(sorted(found.items()))
