"""The monthly sample, drawn by the server: once the month is over, one instance draws it.

Each instance looks every hour whether the month before has a sample. The draw runs in one
transaction that, on PostgreSQL, first takes a transaction-scoped advisory lock (an instance
that does not get it skips the round); on SQLite writers are serialised anyway. Whoever comes
later finds the month sampled — the unique month of the sample table keeps it to one sample
even if two draws ever raced — and does nothing. The seed is chosen at random and stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from zorgafstemming.accessreview import rules
from zorgafstemming.accessreview.models import AccessReviewSample
from zorgafstemming.accessreview.sampling import SampleSummary, create_sample
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.background import BackgroundLoop, start_in_app, stop_in_app
from zorgafstemming.db import new_id
from zorgafstemming.logging import get_logger
from zorgafstemming.problems import ConflictError
from zorgafstemming.runtime import Runtime

if TYPE_CHECKING:
    from litestar import Litestar

# "zorgrev" as a number: a fixed key, distinct from any other advisory lock of the service.
ADVISORY_LOCK_KEY = 0x7A6F7267726576
STATE_NAME = "access_review_scheduler"

_log = get_logger("zorgafstemming.accessreview")


async def sample_previous_month(runtime: Runtime) -> SampleSummary | None:
    """Draw and store the sample of the month before now unless it exists or another instance
    is drawing it; returns the summary of a draw this call made."""
    month = rules.previous_month(runtime.clock())
    async with runtime.unit_of_work() as uow:
        found = await uow.session.scalar(
            select(AccessReviewSample.id).where(AccessReviewSample.month == month)
        )
    if found is not None:
        return None
    try:
        async with runtime.unit_of_work() as uow:
            if uow.session.get_bind().dialect.name == "postgresql":
                locked = await uow.session.scalar(
                    text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
                )
                if not locked:
                    return None
            ctx = AuditContext.system_run(f"review-{new_id()}", policy_id=rules.SAMPLE_POLICY)
            summary = await create_sample(uow, ctx, month)
    except (ConflictError, IntegrityError):
        return None  # another instance stored the month's sample first
    _log.info(
        "access_review_sampled",
        month=summary.month,
        items=len(summary.event_ids),
        coordinators_told=summary.coordinators_told,
    )
    return summary


class AccessReviewScheduler(BackgroundLoop):
    """Looks every hour whether last month's sample is due, and draws it."""

    task_name = "zorgafstemming-access-review"
    failure_event = "access_review_round_failed"
    log = _log
    default_interval = 3600.0
    default_first_delay = 60.0

    async def run_round(self) -> None:
        await sample_previous_month(self.runtime)


async def start_access_review_scheduler(app: Litestar) -> None:
    """App start-up hook: run the monthly draw in this process (unless the scheduler is off)."""
    start_in_app(app, STATE_NAME, AccessReviewScheduler)


async def stop_access_review_scheduler(app: Litestar) -> None:
    """App shutdown hook."""
    await stop_in_app(app, STATE_NAME)
