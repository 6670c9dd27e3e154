"""What a purge keeps and checks, for a batch of files at once: the pseudonymous proof of each
consent (GDPR art. 7(1)) copied out before the rows go, and the proof of deletion read back
after. A statement per table for the whole batch, never one per file."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.service.file_rows import count_file_rows
from zorgafstemming.crypto.models import BlindIndex, DataKeyRecord
from zorgafstemming.db import new_id
from zorgafstemming.models import metadata
from zorgafstemming.retention import rowgraph
from zorgafstemming.retention.models import ConsentProof, LegalHold
from zorgafstemming.retention.rowgraph import among


async def copy_consent_proofs(
    session: AsyncSession,
    key: bytes,
    file_refs: Mapping[uuid.UUID, str],
    now: datetime,
    *,
    only: Sequence[uuid.UUID] | None = None,
) -> int:
    """Copy the pseudonymous proof of each consent of the files (``{file id: file ref}``) into
    ``consent_proofs`` (no FKs); a consent already copied is not copied twice. ``only``: just
    these consents (an erased member's, deleted before their file is)."""
    records = metadata.tables["consent_records"]
    members = metadata.tables["members"]
    consent_members = metadata.tables["consent_members"]
    recipients = metadata.tables["consent_recipients"]
    events = metadata.tables["consent_events"]
    if only is not None and not only:
        return 0
    file_ids = list(file_refs)
    picked = [] if only is None else [among(session, records.c.id, list(only))]
    rows = (
        await session.execute(
            select(
                records.c.id,
                records.c.file_id,
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
            .where(among(session, records.c.file_id, file_ids), *picked)
        )
    ).all()
    if not rows:
        return 0
    consents = select(records.c.id).where(among(session, records.c.file_id, file_ids), *picked)
    refs = {row.id: audit_ref(key, "consent", row.id) for row in rows}
    kept = set(
        (
            await session.scalars(
                select(ConsentProof.consent_ref).where(
                    among(session, ConsentProof.consent_ref, list(refs.values()))
                )
            )
        ).all()
    )
    recipient_ids: dict[Any, list[str]] = defaultdict(list)
    for consent_id, org_id in await session.execute(
        select(recipients.c.consent_id, recipients.c.organisation_id).where(
            recipients.c.consent_id.in_(consents)
        )
    ):
        recipient_ids[consent_id].append(str(org_id))
    subjects: dict[Any, int] = dict(
        (
            await session.execute(
                select(consent_members.c.consent_id, func.count())
                .where(consent_members.c.consent_id.in_(consents))
                .group_by(consent_members.c.consent_id)
            )
        ).all()
    )
    history: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for event in await session.execute(
        select(events.c.consent_id, events.c.kind, events.c.occurred_at, events.c.evidence_hash)
        .where(events.c.consent_id.in_(consents))
        .order_by(events.c.consent_id, events.c.occurred_at)
    ):
        history[event.consent_id].append(
            {
                "kind": event.kind,
                "at": event.occurred_at.isoformat(),
                "evidence_hash": event.evidence_hash,
            }
        )
    values = [
        {
            "id": new_id(),
            "file_ref": file_refs[row.file_id],
            "consent_ref": refs[row.id],
            "legal_basis": row.legal_basis,
            "given_by_role": row.role,
            "purposes": sorted(row.purposes),
            "data_categories": sorted(row.categories),
            "recipients": sorted(recipient_ids[row.id]),
            "subject_count": subjects.get(row.id, 0),
            "collection_method": row.collection_method,
            "notice_version": row.notice_version,
            "evidence_hash": row.evidence_hash,
            "events": history[row.id],
            "valid_from": row.valid_from,
            "valid_until": row.valid_until,
            "file_purged_at": now,
        }
        for row in rows
        if refs[row.id] not in kept
    ]
    if values:
        await (await session.connection()).execute(
            insert(metadata.tables[ConsentProof.__tablename__]), values
        )
    return len(values)


async def proof_of_deletion(
    session: AsyncSession,
    file_ids: Sequence[uuid.UUID],
    walks: Sequence[tuple[rowgraph.Graph, rowgraph.Deleted]],
) -> dict[str, int]:
    """Re-read every row the purge of ``file_ids`` removed (and their keys, blind indexes and
    holds); the number still found per table — all zero when nothing of the files remains.

    Counts never go below zero, so all zero for the batch is all zero for each of its files."""
    found: dict[str, int] = {}
    for walk, deleted in walks:
        for table, n in (await rowgraph.remaining(session, walk, deleted)).items():
            found[table] = found.get(table, 0) + n
    ids = list(file_ids)
    extra = (
        await session.execute(
            select(
                select(func.count())
                .where(
                    DataKeyRecord.owner_kind == "file", among(session, DataKeyRecord.owner_id, ids)
                )
                .scalar_subquery(),
                select(func.count())
                .where(BlindIndex.owner_kind == "file", among(session, BlindIndex.owner_id, ids))
                .scalar_subquery(),
                select(func.count())
                .where(among(session, LegalHold.file_id, ids))
                .scalar_subquery(),
            )
        )
    ).one()
    found["data_keys"], found["blind_indexes"], found["legal_holds"] = (int(n) for n in extra)
    # A second, independent listing: the coordination package's own view of a file's rows.
    for table, n in (await count_file_rows(session, ids)).items():
        found[table] = max(found.get(table, 0), n)
    return dict(sorted(found.items()))
