"""Prometheus metrics, on a listener of their own (``ZORG_METRICS_PORT``), never the public port.

Requests are counted and timed by Litestar's Prometheus middleware, labelled by route *template*
(``/api/v1/files/{file_id:uuid}``), method and status — never a path with an id in it. The
database-backed gauges (audit sealing, retention purge, mail outbox) are read when scraped, in
one short read-only unit of work; the retention schedule, which costs more to compute, at most
once per :data:`SCHEDULE_REFRESH_SECONDS`. No label carries an id, a subject or personal data.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from litestar import Litestar, Response, get
from litestar.plugins.prometheus import PrometheusConfig
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Gauge, generate_latest
from sqlalchemy import func, select

from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.counters import RATE_LIMIT_REFUSALS
from zorgafstemming.db import database_unavailability
from zorgafstemming.logging import get_logger
from zorgafstemming.mail.models import OutboundMail
from zorgafstemming.retention.rules import Schedule
from zorgafstemming.retention.snapshot import snapshot
from zorgafstemming.runtime import Runtime

PREFIX = "zorgafstemming"
SCHEDULE_REFRESH_SECONDS = 60.0
# Latency buckets in seconds: a secured read takes tens of milliseconds, a login hundreds.
LATENCY_BUCKETS: list[str | float] = [
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
]

_log = get_logger("zorgafstemming.metrics")

AUDIT_UNSEALED = Gauge(f"{PREFIX}_audit_unsealed_events", "Audit events not sealed yet.")
AUDIT_SEALING_LAG = Gauge(
    f"{PREFIX}_audit_sealing_lag_seconds", "Age of the oldest audit event not sealed yet."
)
FILES_DUE_FOR_PURGE = Gauge(
    f"{PREFIX}_retention_files_due_for_purge",
    "Coordination files whose purge date has passed and that are not under a legal hold.",
)
PURGE_LAG = Gauge(
    f"{PREFIX}_retention_purge_lag_seconds",
    "How long the longest-waiting file due for purge has been due (0 when none is).",
)
OUTBOX_BACKLOG = Gauge(
    f"{PREFIX}_mail_outbox_backlog", "Outbound mails waiting to be handed to the SMTP server."
)
DATABASE_UP = Gauge(
    f"{PREFIX}_metrics_database_up",
    "1 when the last scrape could read the database-backed gauges, else 0.",
)

__all__ = [
    "AUDIT_SEALING_LAG",
    "AUDIT_UNSEALED",
    "FILES_DUE_FOR_PURGE",
    "OUTBOX_BACKLOG",
    "PURGE_LAG",
    "RATE_LIMIT_REFUSALS",
    "metrics_app",
    "prometheus_config",
    "refresh",
    "start_metrics_listener",
    "stop_metrics_listener",
]


def prometheus_config() -> PrometheusConfig:
    """The request metrics: ``zorgafstemming_requests_total`` and
    ``zorgafstemming_request_duration_seconds`` by method, route template and status."""
    return PrometheusConfig(
        app_name=PREFIX,
        prefix=PREFIX,
        group_path=True,  # the route template, so no id ever becomes a label value
        buckets=LATENCY_BUCKETS,
        exclude_unhandled_paths=True,
    )


@dataclass
class _ScheduleCache:
    """The last retention figures and when they were computed (monotonic seconds)."""

    computed_at: float = -SCHEDULE_REFRESH_SECONDS
    due: int = 0
    lag: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


async def _refresh_retention(runtime: Runtime, schedule: Schedule, cache: _ScheduleCache) -> None:
    async with cache.lock:
        if time.monotonic() - cache.computed_at < SCHEDULE_REFRESH_SECONDS:
            return
        async with runtime.unit_of_work() as uow:
            taken = await snapshot(uow, schedule)
        due = [item.due for item in taken.purges if item.due.due_now and not item.due.held]
        cache.due = len(due)
        oldest = min((d.due_at for d in due), default=None)
        cache.lag = max(0.0, (taken.taken_at - oldest).total_seconds()) if oldest else 0.0
        cache.computed_at = time.monotonic()


async def refresh(runtime: Runtime, schedule: Schedule, cache: _ScheduleCache) -> None:
    """Read the database-backed gauges (one short read; the schedule at most once a minute)."""
    try:
        async with runtime.unit_of_work() as uow:
            unsealed, oldest = (
                await uow.session.execute(
                    select(func.count(), func.min(AuditEvent.occurred_at)).where(
                        AuditEvent.seq.is_(None)
                    )
                )
            ).one()
            backlog = await uow.session.scalar(
                select(func.count())
                .select_from(OutboundMail)
                .where(OutboundMail.status.in_(("queued", "sending")))
            )
            now = uow.runtime.clock()
        AUDIT_UNSEALED.set(unsealed)
        AUDIT_SEALING_LAG.set(max(0.0, (now - oldest).total_seconds()) if oldest else 0.0)
        OUTBOX_BACKLOG.set(backlog or 0)
        await _refresh_retention(runtime, schedule, cache)
        FILES_DUE_FOR_PURGE.set(cache.due)
        PURGE_LAG.set(cache.lag)
        DATABASE_UP.set(1)
    except Exception as exc:  # a database fault leaves the last figures and says so
        if database_unavailability(exc) is None:
            raise
        _log.warning("metrics_database_unavailable", error_type=type(exc).__name__)
        DATABASE_UP.set(0)


def metrics_app(served: Litestar) -> Litestar:
    """A one-route app serving ``GET /metrics`` for the app ``served`` (its runtime and schedule),
    meant for a listener that only the monitoring network reaches."""

    cache = _ScheduleCache()

    @get("/metrics", media_type=CONTENT_TYPE_LATEST, include_in_schema=False)
    async def scrape() -> Response[bytes]:
        await refresh(served.state.runtime, served.state.retention_schedule, cache)
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return Litestar(route_handlers=[scrape], logging_config=None, openapi_config=None)


class _Listener(uvicorn.Server):
    """A uvicorn server that leaves the process's signals to the main server."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


_METRICS_TASK_KEY = "metrics_listener"


async def start_metrics_listener(app: Litestar) -> None:
    """Start the metrics listener next to the app when ``ZORG_METRICS_PORT`` is set."""
    runtime: Runtime = app.state.runtime
    port = runtime.settings.metrics_port
    if not port:
        return
    config = uvicorn.Config(
        metrics_app(app),
        host=runtime.settings.metrics_host,
        port=port,
        log_config=None,
        access_log=False,
        server_header=False,
        lifespan="off",
    )
    server = _Listener(config)
    app.state[_METRICS_TASK_KEY] = (server, asyncio.create_task(server.serve()))


async def stop_metrics_listener(app: Litestar) -> None:
    """Stop the metrics listener, if it was started."""
    started: Any = app.state.get(_METRICS_TASK_KEY)
    if started is None:
        return
    server, task = started
    server.should_exit = True
    with contextlib.suppress(asyncio.CancelledError):
        await task
