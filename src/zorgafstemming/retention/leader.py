"""One retention leader across instances, and the in-process scheduler that uses it.

PostgreSQL: a session-level advisory lock on a dedicated connection; whoever holds it runs, the
others skip this round. If the leader dies, its connection closes and the lock is free again.
SQLite: one database file has one writer at a time (``BEGIN IMMEDIATE``) and every file's purge
re-checks its state in its own transaction, so two runs at once cannot purge a file twice or
half; no lock is needed there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from sqlalchemy import text

from zorgafstemming.background import BackgroundLoop, start_in_app, stop_in_app
from zorgafstemming.logging import get_logger
from zorgafstemming.retention.purge import RunSummary, run
from zorgafstemming.retention.rules import Schedule
from zorgafstemming.runtime import Runtime

if TYPE_CHECKING:
    from litestar import Litestar

# "zorgret" as a number: a fixed key, distinct from any other advisory lock of the service.
ADVISORY_LOCK_KEY = 0x7A6F7267726574
RUN_INTERVAL_SECONDS = 3600.0
FIRST_RUN_DELAY_SECONDS = 60.0

_log = get_logger("zorgafstemming.retention")


@asynccontextmanager
async def leadership(runtime: Runtime) -> AsyncIterator[bool]:
    """Yield True when this process may run the retention purge now (and hold that right)."""
    if runtime.engine.dialect.name != "postgresql":
        yield True
        return
    async with runtime.engine.connect() as conn:
        got = bool(
            await conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        )
        # The lock is per connection, not per transaction: end the transaction, keep the lock.
        await conn.commit()
        try:
            yield got
        finally:
            if got:
                await conn.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY}
                )
                await conn.commit()


async def run_as_leader(
    runtime: Runtime,
    schedule: Schedule,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> RunSummary | None:
    """Run once if no other instance is running; None when another one leads."""
    async with leadership(runtime) as leader:
        if not leader:
            return None
        return await run(runtime, schedule, dry_run=dry_run, progress=progress)


class RetentionScheduler(BackgroundLoop):
    """Runs the purge every hour in the server process (started only when
    ``settings.scheduler_enabled``); one leader across instances. Stopping it mid-purge rolls
    back the one file in progress."""

    task_name = "retention-scheduler"
    failure_event = "retention_run_failed"
    log = _log
    default_interval = RUN_INTERVAL_SECONDS
    default_first_delay = FIRST_RUN_DELAY_SECONDS

    def __init__(self, runtime: Runtime, schedule: Schedule, **timing: float) -> None:
        super().__init__(runtime, **timing)
        self.schedule = schedule

    async def run_round(self) -> None:
        if await run_as_leader(self.runtime, self.schedule) is None:
            _log.info("retention_run_skipped", problem="another instance leads")


async def start_retention_scheduler(app: Litestar) -> None:
    """App start-up hook: run the hourly purge loop only when ``settings.scheduler_enabled``."""
    start_in_app(
        app,
        "retention_scheduler",
        lambda runtime: RetentionScheduler(runtime, app.state.retention_schedule),
    )


async def stop_retention_scheduler(app: Litestar) -> None:
    """App shutdown hook: stop the loop (a file being purged rolls back and is redone later)."""
    await stop_in_app(app, "retention_scheduler")
