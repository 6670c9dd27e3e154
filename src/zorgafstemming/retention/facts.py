"""Read what the schedule needs about coordination files, using the coordination rules.

The trigger of a file's retention clock is its effective closing time as the coordination rules
define it (a lead's close, or the end of the last valid consent — a parent's consent lapses at a
child's 12th birthday, so birth dates are decrypted here, in memory, and never kept).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.coordination import rules as coordination_rules
from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentMember,
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Entry,
    Member,
)
from zorgafstemming.crypto.fields import DecryptionError, FieldCipher
from zorgafstemming.logging import get_logger
from zorgafstemming.retention.models import LegalHold
from zorgafstemming.retention.rules import FileFacts

_log = get_logger("zorgafstemming.retention")


def _where_files(column: Any, file_ids: Sequence[uuid.UUID] | None) -> Any:
    return column.in_(file_ids) if file_ids is not None else True


async def _birth_dates(
    session: AsyncSession, cipher: FieldCipher, file_id: uuid.UUID, rows: list[Any]
) -> dict[uuid.UUID, date] | None:
    key = await cipher.load_key(session, "file", file_id)
    if key is None:
        return None
    out: dict[uuid.UUID, date] = {}
    for row in rows:
        text = cipher.decrypt(
            key, table="members", column="birth_date_enc", row_id=row.id, blob=row.birth_date_enc
        )
        out[row.id] = date.fromisoformat(text)
    return out


async def load(
    session: AsyncSession,
    cipher: FieldCipher,
    now: datetime,
    *,
    file_ids: Sequence[uuid.UUID] | None = None,
) -> dict[uuid.UUID, FileFacts]:
    """Facts of every file (or of ``file_ids``). A file whose members cannot be read is left out
    (and logged): it is never scheduled on a guess."""
    files = (
        await session.execute(
            select(
                CoordinationFile.id,
                CoordinationFile.opened_at,
                CoordinationFile.closed_at,
            ).where(
                _where_files(CoordinationFile.id, file_ids),
                # A stub left with status "purged" has nothing left to purge.
                CoordinationFile.status != "purged",
            )
        )
    ).all()
    if not files:
        return {}
    members_by_file: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for row in (
        await session.execute(
            select(
                Member.id, Member.file_id, Member.role, Member.birth_date_enc, Member.created_at
            ).where(_where_files(Member.file_id, file_ids))
        )
    ).all():
        members_by_file[row.file_id].append(row)
    covered: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    recipients: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for consent_id, member_id in (
        await session.execute(
            select(ConsentMember.consent_id, ConsentMember.member_id)
            .join(ConsentRecord, ConsentRecord.id == ConsentMember.consent_id)
            .where(_where_files(ConsentRecord.file_id, file_ids))
        )
    ).all():
        covered[consent_id].add(member_id)
    for consent_id, org_id in (
        await session.execute(
            select(ConsentRecipient.consent_id, ConsentRecipient.organisation_id)
            .join(ConsentRecord, ConsentRecord.id == ConsentRecipient.consent_id)
            .where(_where_files(ConsentRecord.file_id, file_ids))
        )
    ).all():
        recipients[consent_id].add(org_id)
    events: dict[uuid.UUID, list[Any]] = defaultdict(list)
    last_event: dict[uuid.UUID, datetime] = {}
    for ev in (
        await session.execute(
            select(
                ConsentEvent.consent_id,
                ConsentEvent.kind,
                ConsentEvent.occurred_at,
                ConsentEvent.recorded_at,
                ConsentEvent.valid_until,
                ConsentRecord.file_id,
            )
            .join(ConsentRecord, ConsentRecord.id == ConsentEvent.consent_id)
            .where(_where_files(ConsentRecord.file_id, file_ids))
        )
    ).all():
        events[ev.consent_id].append(ev)
        seen = last_event.get(ev.file_id)
        last_event[ev.file_id] = ev.recorded_at if seen is None else max(seen, ev.recorded_at)
    consents_by_file: dict[uuid.UUID, list[coordination_rules.ConsentFacts]] = defaultdict(list)
    for rec in (
        await session.execute(
            select(
                ConsentRecord.id,
                ConsentRecord.file_id,
                ConsentRecord.given_by_member_id,
                ConsentRecord.recorded_at,
                ConsentRecord.purposes,
                ConsentRecord.categories,
                ConsentRecord.valid_from,
                ConsentRecord.valid_until,
            ).where(_where_files(ConsentRecord.file_id, file_ids))
        )
    ).all():
        # As coordination folds them: the latest end given or renewed, else the record's own.
        renewals = [
            e.valid_until
            for e in events.get(rec.id, [])
            if e.kind in ("given", "renewed") and e.valid_until is not None
        ]
        valid_until = max(renewals) if renewals else rec.valid_until
        withdrawn_at: datetime | None = None
        for event in events.get(rec.id, []):
            if event.kind == "withdrawn":
                at = event.occurred_at
                withdrawn_at = at if withdrawn_at is None else min(withdrawn_at, at)
        consents_by_file[rec.file_id].append(
            coordination_rules.ConsentFacts(
                id=rec.id,
                given_by=rec.given_by_member_id,
                given_at=rec.recorded_at,
                members=frozenset(covered.get(rec.id, set())),
                recipients=frozenset(recipients.get(rec.id, set())),
                purposes=frozenset(rec.purposes),
                categories=frozenset(rec.categories),
                valid_from=rec.valid_from,
                valid_until=valid_until,
                withdrawn_at=withdrawn_at,
            )
        )
    last_entry: dict[uuid.UUID, datetime] = {
        row.file_id: row.last
        for row in (
            await session.execute(
                select(Entry.file_id, func.max(Entry.created_at).label("last"))
                .where(_where_files(Entry.file_id, file_ids))
                .group_by(Entry.file_id)
            )
        ).all()
    }
    held = set(
        (
            await session.scalars(
                select(LegalHold.file_id).where(
                    LegalHold.lifted_at.is_(None), _where_files(LegalHold.file_id, file_ids)
                )
            )
        ).all()
    )
    result: dict[uuid.UUID, FileFacts] = {}
    for file_row in files:
        file_id = file_row.id
        member_rows = members_by_file.get(file_id, [])
        try:
            births = await _birth_dates(session, cipher, file_id, member_rows)
        except (DecryptionError, ValueError):
            births = None
        if births is None and member_rows:
            _log.error("retention_file_unreadable", problem="member facts do not decrypt")
            continue
        members = {
            row.id: coordination_rules.MemberFacts(
                id=row.id,
                role=coordination_rules.MemberRole(row.role),
                birth_date=(births or {})[row.id],
            )
            for row in member_rows
        }
        consents = consents_by_file.get(file_id, [])
        closed_at = coordination_rules.file_closed_at(
            file_row.closed_at, consents, members, file_row.opened_at, now
        )
        ends = coordination_rules.effective_closing_time(consents, members)
        activity = [file_row.opened_at, *(row.created_at for row in member_rows)]
        activity += [t for t in (last_entry.get(file_id), last_event.get(file_id)) if t]
        result[file_id] = FileFacts(
            file_id=file_id,
            status="closed" if closed_at is not None else "open",
            closed_at=closed_at,
            consents_ended_at=ends if ends is not None and ends <= now else None,
            last_activity_at=max(activity),
            held=file_id in held,
        )
    return result
