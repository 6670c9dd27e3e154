"""Drawing a month's sample from the audit trail, storing it and asking the coordinators.

Run by ``zorgafstemming review sample`` and by the monthly scheduler (``accessreview.scheduler``)
in the caller's unit of work. A month is sampled once: the unique month of the sample table
makes a second run (another instance, a repeated command) fail without a second sample.
"""

from __future__ import annotations

import secrets
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, insert, or_, select

from zorgafstemming.accessreview import rules
from zorgafstemming.accessreview.directory import load_directory
from zorgafstemming.accessreview.models import AccessReviewItem, AccessReviewSample
from zorgafstemming.accessreview.policy import review_policy
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import SystemAction
from zorgafstemming.db import new_id
from zorgafstemming.identity import colleagues
from zorgafstemming.mail import outbox
from zorgafstemming.mail.texts import compose
from zorgafstemming.problems import ConflictError, ValidationFailed
from zorgafstemming.runtime import UnitOfWork

OBJECT_SAMPLE = "access_review_sample"
COORDINATOR_PAGE = "/toegangscontrole"
# Rows fetched from the audit trail per round trip while drawing.
BATCH = 2000


def _columns() -> tuple[Any, ...]:
    return (
        AuditEvent.id,
        AuditEvent.occurred_at,
        AuditEvent.actor_ref,
        AuditEvent.actor_org_ref,
        AuditEvent.actor_role,
        AuditEvent.action,
        AuditEvent.file_ref,
        AuditEvent.outcome,
        AuditEvent.policy_id,
    )


def as_row(row: Any) -> rules.EventRow:
    """An audit event row as the pure rules take it."""
    return rules.EventRow(
        row.id,
        row.occurred_at,
        row.actor_ref,
        row.actor_org_ref,
        row.actor_role,
        row.action,
        row.file_ref,
        row.outcome,
        row.policy_id,
    )


def candidates(start: datetime, end: datetime) -> Any:
    """The events of [start, end) the sample may hold (a superset the rules then sort out):
    denials, emergency accesses and social workers' allowed looks at a file."""
    return (
        select(*_columns())
        .where(
            AuditEvent.occurred_at >= start,
            AuditEvent.occurred_at < end,
            AuditEvent.action.is_not(None),
            or_(
                AuditEvent.outcome == "denied",
                AuditEvent.action == rules.EMERGENCY_REQUEST,
                AuditEvent.policy_id == rules.EMERGENCY_POLICY,
                and_(
                    AuditEvent.actor_role == rules.STAFF_ROLE,
                    AuditEvent.outcome == "allowed",
                    AuditEvent.file_ref.is_not(None),
                    or_(AuditEvent.action.like("%:read"), AuditEvent.action.like("%:list")),
                ),
            ),
        )
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )


@dataclass
class SampleSummary:
    """What a draw found: the month, its seed and rate, and the items by reason."""

    month: str
    seed: str
    rate_percent: float
    reads_seen: int
    by_reason: dict[str, int]
    event_ids: list[uuid.UUID]
    sample_id: uuid.UUID | None = None
    due_at: datetime | None = None
    coordinators_told: int = 0
    stored: bool = False
    drawn: list[rules.Drawn] = field(default_factory=list, repr=False)


def check_month(month: str) -> tuple[int, int]:
    """``YYYY-MM`` as (year, month), or a 422 naming ``month``."""
    parsed = rules.parse_month(month)
    if parsed is None:
        raise ValidationFailed(
            "The month must be written YYYY-MM.",
            extra={"errors": [{"field": "month", "message": "not a month (YYYY-MM)"}]},
        )
    return parsed


async def draw(
    uow: UnitOfWork, month: str, *, seed: str, rate_percent: float | None = None
) -> SampleSummary:
    """Draw the sample of ``month`` without storing it (the same seed gives the same draw)."""
    year, number = check_month(month)
    rate = review_policy().sample.rate_percent if rate_percent is None else rate_percent
    if not 0 < rate <= 100:
        raise ValidationFailed(
            "The rate must be above 0 and at most 100 percent.",
            extra={"errors": [{"field": "rate", "message": "out of range"}]},
        )
    start, end = rules.month_bounds(year, number)
    found: list[rules.Drawn] = []
    reads = 0
    result = await uow.session.stream(candidates(start, end).execution_options(yield_per=BATCH))
    async for partition in result.partitions(BATCH):
        events = [as_row(r) for r in partition]
        reads += sum(1 for e in events if rules.is_read(e) and not rules.is_emergency(e))
        found.extend(rules.draw_sample(events, seed, rate))
    counts = Counter(d.reason for d in found)
    return SampleSummary(
        month=f"{year:04d}-{number:02d}",
        seed=seed,
        rate_percent=rate,
        reads_seen=reads,
        by_reason={reason: counts.get(reason, 0) for reason in rules.REASONS},
        event_ids=[d.event.id for d in found],
        drawn=found,
    )


async def create_sample(
    uow: UnitOfWork,
    ctx: AuditContext,
    month: str,
    *,
    seed: str | None = None,
    rate_percent: float | None = None,
) -> SampleSummary:
    """Draw ``month``'s sample, store it, mail each coordinator concerned and record the run;
    a 409 when the month was sampled already. Without ``seed`` a random one is chosen (and
    stored, so the sample can be drawn again)."""
    summary = await draw(uow, month, seed=seed or secrets.token_hex(16), rate_percent=rate_percent)
    exists = await uow.session.scalar(
        select(AccessReviewSample.id).where(AccessReviewSample.month == summary.month)
    )
    if exists is not None:
        raise ConflictError(f"The month {summary.month} has been sampled already.")
    now = uow.runtime.clock()
    due = now + timedelta(days=review_policy().sample.deadline_days)
    sample_id = new_id()
    uow.session.add(
        AccessReviewSample(
            id=sample_id,
            month=summary.month,
            seed=summary.seed,
            rate_percent=summary.rate_percent,
            reads_seen=summary.reads_seen,
            created_at=now,
            due_at=due,
        )
    )
    await uow.session.flush()
    directory = await load_directory(uow)
    rows = []
    per_org: dict[uuid.UUID, int] = defaultdict(int)
    for item in summary.drawn:
        e = item.event
        reader = directory.accounts.get(e.actor_ref or "")
        org = reader.organisation_id if reader else directory.organisation_of_ref(e.actor_org_ref)
        if org is not None:
            per_org[org] += 1
        rows.append(
            {
                "id": new_id(),
                "sample_id": sample_id,
                "event_id": e.id,
                "reason": item.reason,
                "occurred_at": e.occurred_at,
                "action": e.action or "",
                "outcome": e.outcome or "",
                "actor_ref": e.actor_ref,
                "actor_org_ref": e.actor_org_ref,
                "file_ref": e.file_ref,
                "reader_account_id": reader.account_id if reader else None,
                "reader_organisation_id": org,
                "due_at": due,
            }
        )
    for start in range(0, len(rows), BATCH):
        await uow.session.execute(
            insert(cast(Table, AccessReviewItem.__table__)), rows[start : start + BATCH]
        )
    summary.coordinators_told = await _tell_coordinators(uow, per_org, summary.month, due)
    await record(
        uow,
        ctx,
        SystemAction.REVIEW_SAMPLE_CREATE,
        "allowed",
        object_type=OBJECT_SAMPLE,
        object_id=sample_id,
    )
    summary.sample_id, summary.due_at, summary.stored = sample_id, due, True
    return summary


async def _tell_coordinators(
    uow: UnitOfWork, per_org: dict[uuid.UUID, int], month: str, due: datetime
) -> int:
    """One mail per coordinator of each organisation with items (count, month, deadline)."""
    told = 0
    link = outbox.link(uow.runtime, COORDINATOR_PAGE)
    due_text = due.astimezone(rules.LOCAL_TIME).strftime("%d/%m/%Y")
    for organisation_id in sorted(per_org):
        for worker in await colleagues.organisation_workers(uow, organisation_id):
            if not worker.is_coordinator or not worker.email:
                continue
            message = compose(
                "access-review",
                worker.email,
                count=per_org[organisation_id],
                month=month,
                due=due_text,
                link=link,
            )
            await outbox.enqueue(uow, kind="access-review", message=message, account_id=worker.id)
            told += 1
    return told
