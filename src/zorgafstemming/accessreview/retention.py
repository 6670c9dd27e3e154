"""The access review keeps its items as long as the audit trail keeps the events they copy.

An item holds an audit event's refs; when retention removes the bodies of events past their
period (``retention.bulk.purge_audit_bodies``), the sampled items of those events go in the same
transaction, and a sample left without items goes with them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, exists, select

from zorgafstemming.accessreview.models import AccessReviewItem, AccessReviewSample
from zorgafstemming.runtime import UnitOfWork


async def purge_reviews_before(uow: UnitOfWork, cutoff: datetime) -> int:
    """Delete the items of accesses that occurred before ``cutoff`` and the samples left
    empty; returns how many items went."""
    result = await uow.session.execute(
        delete(AccessReviewItem)
        .where(AccessReviewItem.occurred_at < cutoff)
        .execution_options(synchronize_session=False)
    )
    await uow.session.execute(
        delete(AccessReviewSample)
        .where(
            AccessReviewSample.created_at < cutoff,
            ~exists(
                select(AccessReviewItem.id).where(
                    AccessReviewItem.sample_id == AccessReviewSample.id
                )
            ),
        )
        .execution_options(synchronize_session=False)
    )
    count: int = getattr(result, "rowcount", 0)
    return count
