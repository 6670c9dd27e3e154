"""The audit trail as visits: the events of one request gathered into one row, newest first.

A worker who opens a file leaves several events in one request (the file read, the entry
list); a person reading the trail sees that as one visit that touched several parts. A visit is
keyed by its request id (an event without one is a visit of its own) and placed by its newest
matching event, its *head*; the pages are keyset pages over the heads, so paging never splits a
visit and never shows one twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, select

from zorgafstemming.audit import labels
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import group_condition, ref_starts_with
from zorgafstemming.paging import beyond, encode_cursor

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

Position = tuple[datetime, uuid.UUID]
# Events are read in batches of this many per page wanted, until the page is full.
_BATCH_FACTOR = 4
# The events of one request lie this close to each other; a visit is gathered within it, so a
# request id that recurs (a scheduled run's) never pulls in the whole trail.
_REQUEST_SPAN = timedelta(hours=1)


@dataclass(frozen=True)
class VisitFilter:
    """What the DPO asks for. Refs are full audit refs; prefixes are the hex a short reference
    stands for (``references.audit_prefix``), matched on the start of the ref."""

    since: datetime | None = None
    until: datetime | None = None
    actor_ref: str | None = None
    actor_prefix: str | None = None
    actor_org_ref: str | None = None
    file_ref: str | None = None
    file_prefix: str | None = None
    group: labels.Group | None = None


@dataclass(frozen=True)
class Visit:
    """One request's matching events, newest first; ``events[0]`` is the head."""

    key: str
    events: list[AuditEvent]

    @property
    def head(self) -> AuditEvent:
        """The visit's newest matching event, which places it in the list."""
        return self.events[0]

    @property
    def position(self) -> Position:
        """The head's place in the trail, newest first by (time, id)."""
        return (self.head.occurred_at, self.head.id)


def conditions(flt: VisitFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``flt`` on the audit events."""
    found: list[ColumnElement[bool]] = []
    if flt.since is not None:
        found.append(AuditEvent.occurred_at >= flt.since)
    if flt.until is not None:
        found.append(AuditEvent.occurred_at < flt.until)
    for column, value in (
        (AuditEvent.actor_ref, flt.actor_ref),
        (AuditEvent.actor_org_ref, flt.actor_org_ref),
        (AuditEvent.file_ref, flt.file_ref),
    ):
        if value is not None:
            found.append(column == value)
    if flt.actor_prefix is not None:
        found.append(ref_starts_with(AuditEvent.actor_ref, flt.actor_prefix))
    if flt.file_prefix is not None:
        found.append(ref_starts_with(AuditEvent.file_ref, flt.file_prefix))
    if flt.group is not None:
        found.append(group_condition(flt.group))
    return found


def _key(event: AuditEvent) -> str:
    return f"r:{event.request_id}" if event.request_id else f"e:{event.id}"


def _order(event: AuditEvent) -> Position:
    return (event.occurred_at, event.id)


async def _gather(
    session: AsyncSession, where: list[ColumnElement[bool]], batch: Sequence[AuditEvent]
) -> dict[str, list[AuditEvent]]:
    """Every matching event of the requests that events of ``batch`` belong to, by visit key."""
    groups: dict[str, list[AuditEvent]] = {}
    request_ids = sorted({e.request_id for e in batch if e.request_id})
    if request_ids:
        newest = max(e.occurred_at for e in batch) + _REQUEST_SPAN
        oldest = min(e.occurred_at for e in batch) - _REQUEST_SPAN
        rows = await session.scalars(
            select(AuditEvent).where(
                *where,
                AuditEvent.request_id.in_(request_ids),
                AuditEvent.occurred_at >= oldest,
                AuditEvent.occurred_at <= newest,
            )
        )
        for event in rows:
            groups.setdefault(_key(event), []).append(event)
    for event in batch:
        if not event.request_id:
            groups[_key(event)] = [event]
    for events in groups.values():
        events.sort(key=_order, reverse=True)
    return groups


async def list_visits(
    session: AsyncSession,
    flt: VisitFilter,
    *,
    limit: int,
    after: Position | None = None,
) -> tuple[list[Visit], str | None]:
    """Up to ``limit`` visits matching ``flt``, newest first, whose head comes after the
    cursor position ``after``; and the cursor of the next page (None on the last)."""
    where = conditions(flt)
    batch_size = max(limit * _BATCH_FACTOR, 20)
    visits: list[Visit] = []
    seen: set[str] = set()
    scan = after
    while len(visits) <= limit:
        query = select(AuditEvent).where(*where)
        if scan is not None:
            query = query.where(beyond(AuditEvent.occurred_at, AuditEvent.id, scan))
        query = query.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        batch = list((await session.scalars(query.limit(batch_size))).all())
        fresh = [e for e in batch if _key(e) not in seen]
        groups = await _gather(session, where, fresh)
        for event in fresh:
            key = _key(event)
            if key in seen:
                continue
            seen.add(key)
            visit = Visit(key, groups.get(key) or [event])
            # A visit whose head lies before the cursor was shown on an earlier page.
            if after is not None and visit.position >= after:
                continue
            visits.append(visit)
            if len(visits) > limit:
                break
        if len(batch) < batch_size:
            break
        scan = _order(batch[-1])
    page = visits[:limit]
    more = len(visits) > limit and bool(page)
    return page, encode_cursor(*page[-1].position) if more else None
