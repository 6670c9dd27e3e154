"""When the fleet's retention purge last completed, and when it runs next."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from zorgafstemming.retention.leader import LEASE_NAME
from zorgafstemming.retention.models import RetentionLease

if TYPE_CHECKING:
    from zorgafstemming.runtime import UnitOfWork


async def run_times(uow: UnitOfWork, period: timedelta) -> tuple[datetime | None, datetime]:
    """The start of the last completed run (None before the first) and the moment the next one
    is due: a period after the last, or now when none has run. The scheduler of each instance
    looks a few times per period, so the run starts shortly after that moment."""
    last = await uow.session.scalar(
        select(RetentionLease.last_run_at).where(RetentionLease.name == LEASE_NAME)
    )
    now = uow.runtime.clock()
    if last is None:
        return None, now
    return last, max(last + period, now)
