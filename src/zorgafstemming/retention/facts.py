"""Read what the schedule needs about coordination files, using coordination's consent facts.

The trigger of a file's retention clock is its effective closing time as the coordination rules
define it (a lead's close, or the end of the last valid consent — a parent's consent lapses at a
child's 12th birthday, so birth dates are decrypted by coordination's facts query, in memory,
and never kept). Only the last activity and the legal holds are read here.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.coordination import rules as coordination_rules
from zorgafstemming.coordination.models import ConsentEvent, ConsentRecord, Entry, Member
from zorgafstemming.coordination.service.facts import facts_of_files
from zorgafstemming.crypto.fields import FieldCipher
from zorgafstemming.logging import get_logger
from zorgafstemming.retention.models import LegalHold
from zorgafstemming.retention.rowgraph import among
from zorgafstemming.retention.rules import RetentionFacts

_log = get_logger("zorgafstemming.retention")


def _where_files(session: AsyncSession, column: Any, file_ids: Sequence[uuid.UUID] | None) -> Any:
    return among(session, column, file_ids) if file_ids is not None else True


async def _latest(
    session: AsyncSession,
    file_column: Any,
    at: Any,
    file_ids: Sequence[uuid.UUID] | None,
    *join: Any,
) -> dict[uuid.UUID, datetime]:
    """The latest ``at`` per file (``join``: how ``at``'s table reaches ``file_column``'s)."""
    stmt = select(file_column, func.max(at))
    if join:
        stmt = stmt.join_from(*join)
    stmt = stmt.where(_where_files(session, file_column, file_ids)).group_by(file_column)
    return {file_id: last for file_id, last in (await session.execute(stmt)).all()}


async def load(
    session: AsyncSession,
    cipher: FieldCipher,
    now: datetime,
    *,
    file_ids: Sequence[uuid.UUID] | None = None,
) -> dict[uuid.UUID, RetentionFacts]:
    """Facts of every file (or of ``file_ids``). A file whose members cannot be read is left out
    (and logged): it is never scheduled on a guess."""
    consent_facts = await facts_of_files(session, cipher, file_ids)
    if not consent_facts:
        return {}
    activity_at = [
        await _latest(session, Member.file_id, Member.created_at, file_ids),
        await _latest(session, Entry.file_id, Entry.created_at, file_ids),
        await _latest(
            session,
            ConsentRecord.file_id,
            ConsentEvent.recorded_at,
            file_ids,
            ConsentEvent,
            ConsentRecord,
            ConsentRecord.id == ConsentEvent.consent_id,
        ),
    ]
    held = set(
        (
            await session.scalars(
                select(LegalHold.file_id).where(
                    LegalHold.lifted_at.is_(None),
                    _where_files(session, LegalHold.file_id, file_ids),
                )
            )
        ).all()
    )
    result: dict[uuid.UUID, RetentionFacts] = {}
    for file_id, facts in consent_facts.items():
        if facts is None:
            _log.error("retention_file_unreadable", problem="member facts do not decrypt")
            continue
        closed_at = coordination_rules.file_closed_at(
            facts.closed_at, facts.consents, facts.members, facts.opened_at, now
        )
        ends = coordination_rules.effective_closing_time(facts.consents, facts.members)
        activity = [facts.opened_at, *(t[file_id] for t in activity_at if file_id in t)]
        result[file_id] = RetentionFacts(
            file_id=file_id,
            status="closed" if closed_at is not None else "open",
            closed_at=closed_at,
            consents_ended_at=ends if ends is not None and ends <= now else None,
            last_activity_at=max(activity),
            held=file_id in held,
        )
    return result
