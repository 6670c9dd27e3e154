"""The DPO's side of the access review: each month's sample with where its answers stand, the
sampled accesses (answered, open or overdue) and the misuse signals of a month."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import undefer

from zorgafstemming.accessreview import rules, signals
from zorgafstemming.accessreview.attestation import NOTE_OWNER, item_status
from zorgafstemming.accessreview.directory import load_directory, organisation_names
from zorgafstemming.accessreview.models import AccessReviewItem, AccessReviewSample
from zorgafstemming.accessreview.policy import review_policy
from zorgafstemming.accessreview.sampling import as_row, check_month
from zorgafstemming.accessreview.schemas import (
    ItemStatus,
    ReviewItem,
    ReviewItemPage,
    SamplePage,
    SampleView,
    SignalPage,
    SignalView,
)
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.references import short_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import (
    BadCursor,
    bad_after,
    beyond,
    decode_key,
    encode_key,
    one_page,
    read_after,
)
from zorgafstemming.runtime import UnitOfWork

OBJECT_SAMPLES = "access_review_samples"
OBJECT_ITEMS = "access_review_items"
OBJECT_SIGNALS = "access_review_signals"
# The file references a signal shows at most (the count says how many there are).
FILE_REFERENCES_SHOWN = 20


async def samples(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, *, after: str | None, limit: int
) -> SamplePage:
    """The samples, newest first, each with its answered, open and overdue counts."""
    now = uow.runtime.clock()
    answered = AccessReviewItem.answered_at.is_not(None)
    query = (
        select(
            AccessReviewSample,
            func.count(AccessReviewItem.id).label("items"),
            func.count(case((answered, 1))).label("answered"),
            func.count(case((AccessReviewItem.answer == "not_justified", 1))).label("refused"),
            func.count(case((AccessReviewItem.answered_at.is_(None), 1))).label("open"),
            func.count(
                case(
                    ((AccessReviewItem.answered_at.is_(None)) & (AccessReviewItem.due_at <= now), 1)
                )
            ).label("overdue"),
        )
        .outerjoin(AccessReviewItem, AccessReviewItem.sample_id == AccessReviewSample.id)
        .group_by(AccessReviewSample.id)
        .order_by(AccessReviewSample.created_at.desc(), AccessReviewSample.id.desc())
    )
    position = read_after(after)
    if position is not None:
        query = query.where(beyond(AccessReviewSample.created_at, AccessReviewSample.id, position))
    rows = list((await uow.session.execute(query.limit(limit + 1))).all())
    page, next_cursor = one_page(
        rows, limit, lambda r: (r.AccessReviewSample.created_at, r.AccessReviewSample.id)
    )
    items = [
        SampleView(
            id=r.AccessReviewSample.id,
            month=r.AccessReviewSample.month,
            seed=r.AccessReviewSample.seed,
            rate_percent=r.AccessReviewSample.rate_percent,
            reads_seen=r.AccessReviewSample.reads_seen,
            created_at=r.AccessReviewSample.created_at,
            due_at=r.AccessReviewSample.due_at,
            items=r.items,
            answered=r.answered,
            not_justified=r.refused,
            open=r.open - r.overdue,
            overdue=r.overdue,
        )
        for r in page
    ]
    await record(uow, ctx, Action.REVIEW_SAMPLE_LIST, "allowed", object_type=OBJECT_SAMPLES)
    return SamplePage(items=items, next=next_cursor)


async def review_items(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    status: ItemStatus | None,
    month: str | None,
    after: str | None,
    limit: int,
) -> ReviewItemPage:
    """Sampled accesses, newest first, filtered by ``status`` and ``month``, with the
    coordinators' answers and notes."""
    now = uow.runtime.clock()
    query = (
        select(AccessReviewItem, AccessReviewSample.month)
        .join(AccessReviewSample, AccessReviewSample.id == AccessReviewItem.sample_id)
        .options(undefer(AccessReviewItem.note))
    )
    if month is not None:
        year, number = check_month(month)
        query = query.where(AccessReviewSample.month == f"{year:04d}-{number:02d}")
    if status == "answered":
        query = query.where(AccessReviewItem.answered_at.is_not(None))
    elif status == "open":
        query = query.where(AccessReviewItem.answered_at.is_(None), AccessReviewItem.due_at > now)
    elif status == "overdue":
        query = query.where(AccessReviewItem.answered_at.is_(None), AccessReviewItem.due_at <= now)
    position = read_after(after)
    if position is not None:
        query = query.where(beyond(AccessReviewItem.occurred_at, AccessReviewItem.id, position))
    query = query.order_by(AccessReviewItem.occurred_at.desc(), AccessReviewItem.id.desc())
    rows = list((await uow.session.execute(query.limit(limit + 1))).all())
    page, next_cursor = one_page(
        rows, limit, lambda r: (r.AccessReviewItem.occurred_at, r.AccessReviewItem.id)
    )
    names = await organisation_names(
        uow,
        [
            r.AccessReviewItem.reader_organisation_id
            for r in page
            if r.AccessReviewItem.reader_organisation_id
        ],
    )
    key = None
    if any(r.AccessReviewItem.note for r in page):
        key = await uow.runtime.cipher.key_for(uow.session, *NOTE_OWNER)
    items = []
    for r in page:
        item: AccessReviewItem = r.AccessReviewItem
        note = None
        if item.note is not None and key is not None:
            note = uow.runtime.cipher.decrypt(
                key, table="access_review_items", column="note", row_id=item.id, blob=item.note
            )
        org = item.reader_organisation_id
        items.append(
            ReviewItem(
                id=item.id,
                month=r.month,
                reason=item.reason,  # type: ignore[arg-type]
                occurred_at=item.occurred_at,
                action=item.action,
                outcome=item.outcome,
                file_reference=short_reference(item.file_ref) if item.file_ref else None,
                file_ref=item.file_ref,
                reader_account_id=item.reader_account_id,
                organisation_id=org,
                organisation_name=names.get(org) if org else None,
                due_at=item.due_at,
                status=item_status(item.due_at, item.answered_at, now),
                answer=item.answer,  # type: ignore[arg-type]
                note=note,
                answered_at=item.answered_at,
                self_attested=(
                    item.answered_by_account_id is not None
                    and item.answered_by_account_id == item.reader_account_id
                ),
            )
        )
    await record(uow, ctx, Action.REVIEW_SAMPLE_LIST, "allowed", object_type=OBJECT_ITEMS)
    return ReviewItemPage(items=items, next=next_cursor)


async def _events(uow: UnitOfWork, *conditions: Any) -> list[rules.EventRow]:
    query = select(
        AuditEvent.id,
        AuditEvent.occurred_at,
        AuditEvent.actor_ref,
        AuditEvent.actor_org_ref,
        AuditEvent.actor_role,
        AuditEvent.action,
        AuditEvent.file_ref,
        AuditEvent.outcome,
        AuditEvent.policy_id,
    ).where(AuditEvent.action.is_not(None), *conditions)
    return [as_row(r) for r in await uow.session.execute(query)]


async def month_signals(uow: UnitOfWork, month: str) -> list[signals.Signal]:
    """Every signal rule over ``month``'s events (and the changes of the lookback before it)."""
    year, number = check_month(month)
    start, end = rules.month_bounds(year, number)
    policy = review_policy()
    # Only what the rules look at: reads and refused withdrawals (a superset; the rules decide).
    events = await _events(
        uow,
        AuditEvent.occurred_at >= start,
        AuditEvent.occurred_at < end,
        or_(
            and_(
                AuditEvent.actor_role == rules.STAFF_ROLE,
                AuditEvent.outcome == "allowed",
                AuditEvent.file_ref.is_not(None),
                or_(AuditEvent.action.like("%:read"), AuditEvent.action.like("%:list")),
            ),
            and_(
                AuditEvent.action.like("%:consent:withdraw"),
                AuditEvent.outcome.in_(("denied", "error")),
            ),
        ),
    )
    read_files = sorted({e.file_ref for e in events if rules.is_read(e) and e.file_ref})
    history: list[rules.EventRow] = []
    lookback = start - timedelta(days=policy.no_own_writes.lookback_days)
    for first in range(0, len(read_files), 500):
        history.extend(
            await _events(
                uow,
                AuditEvent.file_ref.in_(read_files[first : first + 500]),
                AuditEvent.occurred_at >= lookback,
                AuditEvent.occurred_at < end,
                AuditEvent.outcome == "allowed",
            )
        )
    return signals.all_signals(events, history, policy)


def _signal_key(signal: signals.Signal) -> tuple[int, str]:
    return signals.SIGNAL_RULES.index(signal.rule), signal.actor_ref


async def signal_page(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    month: str | None,
    after: str | None,
    limit: int,
) -> SignalPage:
    """The signals of ``month`` (default: the month before now), by rule and account."""
    chosen = month or rules.previous_month(uow.runtime.clock())
    found = sorted(await month_signals(uow, chosen), key=_signal_key)
    if after:
        try:
            rule_index, actor = decode_key(after, 2)
            position = (int(rule_index), actor)
        except (BadCursor, ValueError):
            raise bad_after() from None
        found = [s for s in found if _signal_key(s) > position]
    page = found[:limit]
    next_cursor = None
    if len(found) > limit and page:
        index, actor = _signal_key(page[-1])
        next_cursor = encode_key(str(index), actor)
    directory = await load_directory(uow)
    items = []
    for s in page:
        account = directory.accounts.get(s.actor_ref)
        org = account.organisation_id if account else directory.organisation_of_ref(s.actor_org_ref)
        items.append(
            SignalView(
                rule=s.rule,
                actor_ref=s.actor_ref,
                account_id=account.account_id if account else None,
                organisation_id=org,
                organisation_name=directory.organisation_names.get(org) if org else None,
                count=s.count,
                baseline=s.baseline,
                file_references=[
                    short_reference(ref) for ref in s.file_refs[:FILE_REFERENCES_SHOWN]
                ],
            )
        )
    year, number = check_month(chosen)
    await record(uow, ctx, Action.REVIEW_SIGNAL_LIST, "allowed", object_type=OBJECT_SIGNALS)
    return SignalPage(month=f"{year:04d}-{number:02d}", items=items, next=next_cursor)
