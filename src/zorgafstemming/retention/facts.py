"""Read what the schedule needs about coordination files, using coordination's consent facts.

The trigger of a file's retention clock is its effective closing time as the coordination rules
define it (a lead's close, or the end of the last valid consent — a parent's consent lapses at a
child's 12th birthday, so birth dates are decrypted by coordination's facts query, in memory,
and never kept). Only the last activity and the legal holds are read here.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.coordination import rules as coordination_rules
from zorgafstemming.coordination.models import ConsentEvent, ConsentRecord, Entry, Member
from zorgafstemming.coordination.service.facts import (
    FileFacts,
    facts_rows_of_files,
    fold_files,
)
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


@dataclass(frozen=True)
class Reading:
    """What a file's facts were folded from (the facts query's rows, as read) and the folded
    facts (None: unreadable). A later read that finds the same rows reuses the facts instead of
    loading the key and decrypting again: they are a function of those rows."""

    rows: list[Any]
    folded: FileFacts | None


def _same_rows(before: list[Any], now: list[Any]) -> bool:
    if before == now:
        return True
    # The union's rows may come back in another order: compare them as sets of values.
    return len(before) == len(now) and sorted(map(repr, before)) == sorted(map(repr, now))


async def read(
    session: AsyncSession,
    cipher: FieldCipher,
    now: datetime,
    *,
    file_ids: Sequence[uuid.UUID] | None = None,
    known: Mapping[uuid.UUID, Reading] | None = None,
) -> tuple[dict[uuid.UUID, RetentionFacts], dict[uuid.UUID, Reading]]:
    """Facts of every file (or of ``file_ids``), and what each was folded from. A file whose
    members cannot be read is left out of the facts (and logged): it is never scheduled on a
    guess. ``known``: earlier readings; a file whose rows are unchanged is not folded again
    (its activity, holds and the rules at ``now`` are always read and applied afresh)."""
    by_file = await facts_rows_of_files(session, file_ids)
    if not by_file:
        return {}, {}
    readings: dict[uuid.UUID, Reading] = {}
    changed: dict[uuid.UUID, list[Any]] = {}
    for file_id, rows in by_file.items():
        before = known.get(file_id) if known is not None else None
        if before is not None and _same_rows(before.rows, rows):
            readings[file_id] = before
        else:
            changed[file_id] = rows
    if changed:
        for file_id, folded in (await fold_files(session, cipher, changed)).items():
            readings[file_id] = Reading(changed[file_id], folded)
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
    for file_id in by_file:
        facts = readings[file_id].folded
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
    return result, readings


async def load(
    session: AsyncSession,
    cipher: FieldCipher,
    now: datetime,
    *,
    file_ids: Sequence[uuid.UUID] | None = None,
) -> dict[uuid.UUID, RetentionFacts]:
    """Facts of every file (or of ``file_ids``); see :func:`read`."""
    facts, _ = await read(session, cipher, now, file_ids=file_ids)
    return facts
