"""One retention purge per period across every instance, and the scheduler that asks for it.

Leadership is the ``retention_lease`` row, taken with one conditional UPDATE (the pattern of the
audit sealer's lease): the row must be free or its lease expired, and for the scheduler the last
completed run must have started at least a period ago. The winner commits the claim, renews it
while the purge runs, and on success writes the run's start into ``last_run_at`` as it lets go.
So a lock alone is not what keeps a second instance out — it is the recorded last run: an
instance that wakes up a minute after another finished finds the period not yet over and skips.

If the holder dies, ``last_run_at`` still names the run before, so the next instance to look
runs the purge, without waiting for the lease to run out where death can be seen: on PostgreSQL
every live holder also holds a session advisory lock (released when its connection closes), so
whoever gets that lock knows a recorded holder is dead; on SQLite (one host's file) a holder
whose process is gone is replaced. Otherwise the lease runs out after :data:`LEASE_TTL`. If the
holder cannot renew (another took the row), its purge is cancelled: the file in progress rolls
back, and every file's purge re-checks its state, so nothing is purged twice or by half.

``zorgafstemming retention run`` (an operator, cron) takes the same lease but does not wait for
the period: a manual run runs unless another is running, and counts as the period's run.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, text, update

from zorgafstemming.background import BackgroundLoop, start_in_app, stop_in_app
from zorgafstemming.logging import get_logger
from zorgafstemming.retention.models import RetentionLease
from zorgafstemming.retention.purge import RunSummary, run
from zorgafstemming.retention.rules import Schedule
from zorgafstemming.runtime import Runtime

if TYPE_CHECKING:
    from litestar import Litestar

LEASE_NAME = "purge"
# "zorgret" as a number: a fixed key, distinct from any other advisory lock of the service.
ADVISORY_LOCK_KEY = 0x7A6F7267726574
LEASE_TTL = timedelta(minutes=5)
# The scheduler looks this often at most (shorter periods look more often), so a dead leader's
# run is taken over within about a minute of its lease running out.
MAX_CHECK_SECONDS = 60.0

_log = get_logger("zorgafstemming.retention")


class LeaseLost(Exception):
    """The purge lease was taken by another instance while this one ran; the run stopped."""


def new_holder_id(kind: str) -> str:
    """A lease holder id: the kind of process, its pid and a random part (no host names)."""
    return f"{kind}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _process_gone(holder: str) -> bool:
    """True when ``holder`` names a process of this host that no longer runs."""
    try:
        pid = int(holder.split(":")[1])
    except (IndexError, ValueError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it runs, as another user
        return False
    return False


async def _dead_holder(runtime: Runtime) -> str | None:
    """SQLite: the recorded holder when its process is gone (a SQLite file has one host)."""
    holder, _, _ = await lease_state(runtime)
    return holder if holder is not None and _process_gone(holder) else None


async def claim(
    runtime: Runtime,
    holder: str,
    now: datetime,
    period: timedelta | None = None,
    *,
    holders_dead: bool = False,
) -> bool:
    """Take the lease (committed) when it is free, expired or its holder is dead and, with
    ``period``, when the last completed run started at least ``period`` before ``now``; True
    when taken. ``holders_dead``: the caller knows no live process holds it (see the module doc).
    """
    conditions = [RetentionLease.name == LEASE_NAME]
    if not holders_dead:
        dead = await _dead_holder(runtime) if runtime.engine.dialect.name == "sqlite" else None
        conditions.append(
            or_(
                RetentionLease.holder.is_(None),
                RetentionLease.expires_at.is_(None),
                RetentionLease.expires_at <= now,
                RetentionLease.holder == (dead or ""),
            )
        )
    if period is not None:
        conditions.append(
            or_(RetentionLease.last_run_at.is_(None), RetentionLease.last_run_at <= now - period)
        )
    async with runtime.unit_of_work() as uow:
        result = await uow.session.execute(
            update(RetentionLease)
            .where(*conditions)
            .values(holder=holder, expires_at=now + LEASE_TTL)
            .execution_options(synchronize_session=False)
        )
    taken: int = getattr(result, "rowcount", 0)
    return taken == 1


async def renew(runtime: Runtime, holder: str) -> bool:
    """Extend the lease ``holder`` holds; False when it holds it no longer."""
    async with runtime.unit_of_work() as uow:
        result = await uow.session.execute(
            update(RetentionLease)
            .where(RetentionLease.name == LEASE_NAME, RetentionLease.holder == holder)
            .values(expires_at=runtime.clock() + LEASE_TTL)
            .execution_options(synchronize_session=False)
        )
    renewed: int = getattr(result, "rowcount", 0)
    return renewed == 1


async def release(runtime: Runtime, holder: str, completed_run: datetime | None) -> None:
    """Give the lease up; ``completed_run`` (the start of a run that finished) becomes the
    fleet's last run. A failed or dry run leaves the last run as it was."""
    values: dict[str, object] = {"holder": None, "expires_at": None}
    if completed_run is not None:
        values["last_run_at"] = completed_run
    async with runtime.unit_of_work() as uow:
        await uow.session.execute(
            update(RetentionLease)
            .where(RetentionLease.name == LEASE_NAME, RetentionLease.holder == holder)
            .values(**values)
            .execution_options(synchronize_session=False)
        )


async def lease_state(runtime: Runtime) -> tuple[str | None, datetime | None, datetime | None]:
    """The lease's holder, expiry and last completed run (for status output and tests)."""
    async with runtime.unit_of_work() as uow:
        row = (
            await uow.session.execute(
                select(
                    RetentionLease.holder, RetentionLease.expires_at, RetentionLease.last_run_at
                ).where(RetentionLease.name == LEASE_NAME)
            )
        ).one()
    return row.holder, row.expires_at, row.last_run_at


class Leadership:
    """The lease while held: :attr:`completed` is set by the caller when its run finished."""

    def __init__(self, holder: str, started_at: datetime) -> None:
        self.holder = holder
        self.started_at = started_at
        self.completed = False
        self.lost = False


async def _keep_renewed(runtime: Runtime, lead: Leadership, work: asyncio.Task[object]) -> None:
    """Renew the lease every third of its time; cancel ``work`` if the lease was taken away."""
    while True:
        await asyncio.sleep(LEASE_TTL.total_seconds() / 3)
        try:
            still_held = await renew(runtime, lead.holder)
        except Exception as exc:  # a database blip: try again; the lease has time left
            _log.warning("retention_lease_renew_failed", error_type=type(exc).__name__)
            continue
        if not still_held:
            lead.lost = True
            work.cancel()
            return


@asynccontextmanager
async def leadership(
    runtime: Runtime, *, holder: str | None = None, period: timedelta | None = None
) -> AsyncIterator[Leadership | None]:
    """Hold the purge lease for the block, or yield None when another instance holds it (or,
    with ``period``, when the fleet's last run is less than a period old).

    Set ``completed`` on what is yielded when the run finished: leaving the block then records
    it as the period's run. Raises :class:`LeaseLost` if the lease was taken away meanwhile.
    """
    holder = holder or new_holder_id("cli")
    async with _session_lock(runtime) as locked:
        now = runtime.clock()
        if locked is False or not await claim(
            runtime, holder, now, period, holders_dead=locked is True
        ):
            yield None
            return
        async with _held(runtime, Leadership(holder, now)) as lead:
            yield lead


@asynccontextmanager
async def _session_lock(runtime: Runtime) -> AsyncIterator[bool | None]:
    """PostgreSQL: hold the session advisory lock every live lease holder holds (True), or
    False when another process holds it. SQLite: None (no such lock; see the module doc)."""
    if runtime.engine.dialect.name != "postgresql":
        yield None
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


@asynccontextmanager
async def _held(runtime: Runtime, lead: Leadership) -> AsyncIterator[Leadership]:
    """Keep a claimed lease renewed for the block and give it up after (see :func:`leadership`)."""
    holder = lead.holder
    current = asyncio.current_task()
    assert current is not None  # always inside a task under asyncio
    keeper = asyncio.create_task(_keep_renewed(runtime, lead, current), name="retention-lease")
    try:
        yield lead
    except asyncio.CancelledError:
        if not lead.lost:
            raise
        current.uncancel()
        raise LeaseLost("another instance took the retention lease; this run stopped") from None
    finally:
        keeper.cancel()
        # Wait without taking the keeper's cancellation as ours: a stop of this task still
        # interrupts the wait, as it should.
        await asyncio.wait([keeper])
        if not lead.lost:
            try:
                await release(runtime, holder, lead.started_at if lead.completed else None)
            except Exception as exc:  # the lease runs out by itself instead
                _log.warning("retention_lease_release_failed", error_type=type(exc).__name__)


async def run_as_leader(
    runtime: Runtime,
    schedule: Schedule,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    period: timedelta | None = None,
    holder: str | None = None,
) -> RunSummary | None:
    """Run the purge once if this process gets the lease; None when another instance runs it
    (or, with ``period``, when the fleet already ran it this period)."""
    async with leadership(runtime, holder=holder, period=period) as lead:
        if lead is None:
            return None
        summary = await run(runtime, schedule, dry_run=dry_run, progress=progress)
        lead.completed = not dry_run
        _log.info(
            "retention_run_finished",
            started_at=lead.started_at.isoformat(),
            kind="dry_run" if dry_run else "run",
            count=summary.files_purged,
        )
        return summary


def check_interval(period_seconds: float) -> float:
    """How often an instance looks whether the period's run is due (a fraction of the period)."""
    return max(0.1, min(MAX_CHECK_SECONDS, period_seconds / 4))


class RetentionScheduler(BackgroundLoop):
    """Looks regularly whether the fleet's purge of this period is due, and runs it if this
    instance gets the lease (started only when ``settings.scheduler_enabled``). Stopping it
    mid-purge rolls back the one file in progress."""

    task_name = "retention-scheduler"
    failure_event = "retention_run_failed"
    log = _log
    default_interval = MAX_CHECK_SECONDS
    default_first_delay = MAX_CHECK_SECONDS

    def __init__(
        self, runtime: Runtime, schedule: Schedule, *, period: float | None = None, **timing: float
    ) -> None:
        seconds = float(runtime.settings.retention_period_seconds if period is None else period)
        timing.setdefault("interval", check_interval(seconds))
        timing.setdefault("first_delay", check_interval(seconds))
        super().__init__(runtime, **timing)
        self.schedule = schedule
        self.period = timedelta(seconds=seconds)
        self.holder = new_holder_id("app")

    async def run_round(self) -> None:
        await run_as_leader(self.runtime, self.schedule, period=self.period, holder=self.holder)


async def start_retention_scheduler(app: Litestar) -> None:
    """App start-up hook: look for the fleet's purge regularly, when ``scheduler_enabled``."""
    start_in_app(
        app,
        "retention_scheduler",
        lambda runtime: RetentionScheduler(runtime, app.state.retention_schedule),
    )


async def stop_retention_scheduler(app: Litestar) -> None:
    """App shutdown hook: stop the loop (a file being purged rolls back and is redone later)."""
    await stop_in_app(app, "retention_scheduler")
