"""What retention needs of coordination besides the consent facts: every row of a file, for
the purge and its proof."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, select
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
from zorgafstemming.db import among


def _queries(within: Callable[[Any], Any]) -> dict[str, Any]:
    """The rows of the files ``within`` picks (a condition on a file id column), one query per
    table (primary keys)."""
    entry_ids = select(Entry.id).where(within(Entry.file_id))
    consent_ids = select(ConsentRecord.id).where(within(ConsentRecord.file_id))
    return {
        "notifications": select(Notification.id).where(within(Notification.file_id)),
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
            within(Participant.file_id)
        ),
        "members": select(Member.id).where(within(Member.file_id)),
        "coordination_files": select(CoordinationFile.id).where(within(CoordinationFile.id)),
    }


async def file_rows(session: AsyncSession, file_id: uuid.UUID) -> dict[str, list[Any]]:
    """Every row that belongs to a file, by table (primary keys), for purge and its proof."""
    result: dict[str, list[Any]] = {}
    for table, query in _queries(lambda column: column == file_id).items():
        rows = (await session.execute(query)).all()
        result[table] = [row[0] if len(row) == 1 else tuple(row) for row in rows]
    return result


async def count_file_rows(session: AsyncSession, file_ids: Sequence[uuid.UUID]) -> dict[str, int]:
    """How many rows of the files ``file_ids`` each table holds, in one statement (a batch
    purge's proof of deletion: all zero once the files are gone)."""
    queries = _queries(lambda column: among(session, column, file_ids))
    counts = [
        select(func.count()).select_from(query.subquery()).scalar_subquery()
        for query in queries.values()
    ]
    row = (await session.execute(select(*counts))).one()
    return {table: int(n or 0) for table, n in zip(queries, row, strict=True)}
