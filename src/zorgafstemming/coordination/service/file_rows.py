"""What retention needs of coordination besides the consent facts: every row of a file, for
the purge and its proof."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentMember,
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Entry,
    EntryMember,
    Member,
    Participant,
)
from zorgafstemming.coordination.notice_models import Notification


async def file_rows(session: AsyncSession, file_id: uuid.UUID) -> dict[str, list[Any]]:
    """Every row that belongs to a file, by table (primary keys), for purge and its proof."""
    entry_ids = select(Entry.id).where(Entry.file_id == file_id)
    consent_ids = select(ConsentRecord.id).where(ConsentRecord.file_id == file_id)
    queries: dict[str, Any] = {
        "notifications": select(Notification.id).where(Notification.file_id == file_id),
        "entry_members": select(EntryMember.entry_id, EntryMember.member_id).where(
            EntryMember.entry_id.in_(entry_ids)
        ),
        "entries": entry_ids,
        "consent_events": select(ConsentEvent.id).where(ConsentEvent.consent_id.in_(consent_ids)),
        "consent_recipients": select(
            ConsentRecipient.consent_id, ConsentRecipient.organisation_id
        ).where(ConsentRecipient.consent_id.in_(consent_ids)),
        "consent_members": select(ConsentMember.consent_id, ConsentMember.member_id).where(
            ConsentMember.consent_id.in_(consent_ids)
        ),
        "consent_records": consent_ids,
        "participants": select(Participant.file_id, Participant.organisation_id).where(
            Participant.file_id == file_id
        ),
        "members": select(Member.id).where(Member.file_id == file_id),
        "coordination_files": select(CoordinationFile.id).where(CoordinationFile.id == file_id),
    }
    result: dict[str, list[Any]] = {}
    for table, query in queries.items():
        rows = (await session.execute(query)).all()
        result[table] = [row[0] if len(row) == 1 else tuple(row) for row in rows]
    return result
