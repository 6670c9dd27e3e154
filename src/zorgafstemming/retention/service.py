"""Retention services: legal holds and the DPO's view of what falls due.

Each function works in the caller's unit of work and writes its audit event in it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select, update

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.models import CoordinationFile
from zorgafstemming.db import new_id
from zorgafstemming.paging import BadCursor, bad_after, decode_key, encode_key, page_of, parse_time
from zorgafstemming.problems import ConflictError, NotFoundError
from zorgafstemming.retention.models import LegalHold
from zorgafstemming.retention.rules import RecordKind, RuleAction, Schedule
from zorgafstemming.retention.schemas import DueItemOut, DuePage, LegalHoldOut
from zorgafstemming.retention.snapshot import ScheduledFile, snapshot

if TYPE_CHECKING:
    from zorgafstemming.runtime import UnitOfWork


class AlreadyHeld(ConflictError, slug="already-held", title="File already under a legal hold"):
    """The file already has an unlifted hold."""


class FileNotFound(NotFoundError):
    """No such file (or it was purged)."""


class NoActiveHold(NotFoundError, slug="no-active-hold", title="No legal hold to lift"):
    """The file has no unlifted hold."""


async def _record_hold(
    uow: UnitOfWork, ctx: AuditContext, action: Action, hold_id: uuid.UUID, file_id: uuid.UUID
) -> None:
    await record(
        uow, ctx, action, "allowed", object_type="legal_hold", object_id=hold_id, file_id=file_id
    )


async def place_hold(
    uow: UnitOfWork,
    ctx: AuditContext,
    *,
    actor_id: uuid.UUID,
    file_id: uuid.UUID,
    reason_code: str,
    note: str | None,
) -> LegalHoldOut:
    """Place a legal hold on a file: from its commit on, no purge touches the file."""
    session, runtime = uow.session, uow.runtime
    now = runtime.clock()
    # The same row lock the purge takes: a hold and a purge of one file never interleave.
    exists = await session.scalar(
        select(CoordinationFile.id).where(CoordinationFile.id == file_id).with_for_update()
    )
    if exists is None:
        raise FileNotFound("No such file.")
    active = await session.scalar(
        select(func.count()).where(LegalHold.file_id == file_id, LegalHold.lifted_at.is_(None))
    )
    if active:
        raise AlreadyHeld("Lift the current hold before placing another.")
    hold_id = new_id()
    blob = None
    if note:
        key = await runtime.cipher.key_for(session, "file", file_id)
        blob = runtime.cipher.encrypt(
            key, table="legal_holds", column="note", row_id=hold_id, value=note
        )
    await session.execute(
        insert(LegalHold).values(
            id=hold_id,
            file_id=file_id,
            reason_code=reason_code,
            note=blob,
            placed_by=actor_id,
            placed_at=now,
        )
    )
    await _record_hold(uow, ctx, Action.RETENTION_HOLD_PLACE, hold_id, file_id)
    return LegalHoldOut(hold_id, file_id, reason_code, blob is not None, now, None)


async def lift_hold(
    uow: UnitOfWork, ctx: AuditContext, *, actor_id: uuid.UUID, file_id: uuid.UUID
) -> LegalHoldOut:
    """Lift the file's hold; if the file is past its date, the next run purges it."""
    session = uow.session
    now = uow.runtime.clock()
    hold = (
        await session.execute(
            select(LegalHold.id, LegalHold.reason_code, LegalHold.placed_at)
            .where(LegalHold.file_id == file_id, LegalHold.lifted_at.is_(None))
            .with_for_update()
        )
    ).first()
    if hold is None:
        raise NoActiveHold("This file has no legal hold.")
    has_note = await session.scalar(
        select(LegalHold.note.is_not(None)).where(LegalHold.id == hold.id)
    )
    await session.execute(
        update(LegalHold).where(LegalHold.id == hold.id).values(lifted_at=now, lifted_by=actor_id)
    )
    await _record_hold(uow, ctx, Action.RETENTION_HOLD_LIFT, hold.id, file_id)
    return LegalHoldOut(hold.id, file_id, hold.reason_code, bool(has_note), hold.placed_at, now)


def _due_item(scheduled: ScheduledFile, action: RuleAction) -> DueItemOut:
    due = scheduled.due
    return DueItemOut(scheduled.file_id, action, due.rule.id, due.due_at, due.due_now, due.held)


DueKey = tuple[datetime, str, str]


@dataclass
class RuleCount:
    """How many files one rule names in the schedule, and how many of them are due now."""

    scheduled: int = 0
    due_now: int = 0


def _due_key(item: DueItemOut) -> DueKey:
    """Where an item stands in the schedule: earliest first, then by file, then purge before
    review (a file can be due for both)."""
    return (item.due_at, str(item.file_id), item.action)


def _read_due_after(after: str | None) -> DueKey | None:
    """The position a cursor of the schedule names; a 422 on ``after`` for any other text."""
    if not after:
        return None
    try:
        at, file_id, action = decode_key(after, 3)
        if action not in {a.value for a in RuleAction}:
            raise ValueError("no such action")
        return parse_time(at), str(uuid.UUID(file_id)), action
    except (BadCursor, ValueError):
        raise bad_after() from None


async def due_schedule(
    uow: UnitOfWork,
    ctx: AuditContext,
    schedule: Schedule,
    *,
    limit: int,
    after: str | None = None,
) -> DuePage:
    """The files with a purge or review date, earliest first by (due date, file id, action),
    ``limit`` of them after the cursor ``after``. The schedule is worked out afresh for each
    page, so a file whose date moved in between can move in the list."""
    page, _counts = await due_schedule_with_counts(uow, ctx, schedule, limit=limit, after=after)
    return page


async def due_schedule_with_counts(
    uow: UnitOfWork,
    ctx: AuditContext,
    schedule: Schedule,
    *,
    limit: int,
    after: str | None = None,
) -> tuple[DuePage, dict[str, RuleCount]]:
    """:func:`due_schedule`, and per rule how many files it names and how many are due now
    (over the whole schedule, not only the page)."""
    position = _read_due_after(after)
    plan = await snapshot(uow, schedule)
    items = [_due_item(s, RuleAction.PURGE) for s in plan.purges]
    items += [_due_item(s, RuleAction.REVIEW) for s in plan.reviews]
    items.sort(key=_due_key)
    await record(uow, ctx, Action.RETENTION_DUE_LIST, "allowed", object_type="retention_schedule")
    counts: dict[str, RuleCount] = {}
    for item in items:
        count = counts.setdefault(item.rule_id, RuleCount())
        count.scheduled += 1
        count.due_now += int(item.due_now and not item.held)
    rules = {
        rule.id: f"{rule.record.value} {rule.trigger.value} + {rule.period} -> {rule.action.value}"
        for rule in schedule.rules
        if rule.record != RecordKind.FILE or rule.id in {i.rule_id for i in items}
    }
    following = [i for i in items if position is None or _due_key(i) > position]
    page, next_cursor = page_of(following, limit, lambda i: encode_key(*_cursor_parts(i)))
    due = DuePage(at=plan.taken_at, total=len(items), items=page, next=next_cursor, rules=rules)
    return due, counts


def _cursor_parts(item: DueItemOut) -> tuple[str, str, str]:
    return item.due_at.isoformat(), str(item.file_id), item.action
