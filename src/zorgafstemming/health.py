"""Liveness and readiness probes.

``/health/live`` only says the process answers. ``/health/ready`` says whether this instance
can do its work right now, by trying it: the database answers and takes a write, the audit
trail takes an event (both in a transaction that is rolled back), the disk under a SQLite
database has room above the configured floor, and the key files are readable. It also reports
the sealer's lag (the age of the oldest unsealed audit event), which alone does not make an
instance unready: every instance would be taken out at once for a lag none of them causes.
Check names only, never a path, a value or personal data, go into the body.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import msgspec
from litestar import Controller, get
from sqlalchemy import func, select, text

from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.db import database_unavailability, is_sqlite
from zorgafstemming.identity.models import RateLimitCounter
from zorgafstemming.logging import get_logger
from zorgafstemming.preflight import key_file_problems
from zorgafstemming.problems import ServiceUnavailableError
from zorgafstemming.runtime import Runtime, UnitOfWork

# The whole probe gives up after this long: a hanging database is an unready one.
PROBE_TIMEOUT_SECONDS = 5.0
CHECKS = ("database", "database_writable", "audit_trail", "disk_space", "key_files")

_log = get_logger("zorgafstemming.health")


class Health(msgspec.Struct, omit_defaults=True):
    """The probe's answer: ``checks`` maps each check to ``ok`` or ``failing``."""

    status: str
    database: str | None = None
    checks: dict[str, str] | None = None
    sealer_lag_seconds: float | None = None


class _ProbeDone(Exception):
    """Leaves the probe's unit of work so that everything it wrote is rolled back."""


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    if not is_sqlite(url) or "///" not in url:
        return None
    raw = url.split("///", 1)[1].split("?", 1)[0]
    return Path(raw) if raw and raw != ":memory:" else None


async def sqlite_free_bytes(uow: UnitOfWork, path: Path) -> int:
    """Room left for the SQLite database: the free disk space, or less when the database's own
    page limit (``PRAGMA max_page_count``) is nearer."""
    disk_free = shutil.disk_usage(path.parent).free
    session = uow.session
    page_size = int((await session.execute(text("PRAGMA page_size"))).scalar_one())
    pages = int((await session.execute(text("PRAGMA page_count"))).scalar_one())
    max_pages = int((await session.execute(text("PRAGMA max_page_count"))).scalar_one())
    return min(disk_free, max(0, max_pages - pages) * page_size)


async def sealer_lag_seconds(uow: UnitOfWork) -> float:
    """Age of the oldest audit event the sealer has not sealed yet (0 when none waits)."""
    oldest = await uow.session.scalar(
        select(func.min(AuditEvent.occurred_at)).where(AuditEvent.seq.is_(None))
    )
    if oldest is None:
        return 0.0
    return max(0.0, (uow.runtime.clock() - oldest).total_seconds())


async def _probe_writes(runtime: Runtime, checks: dict[str, str]) -> float | None:
    """Try a plain write and an audit write in one transaction, then roll it back."""
    lag: float | None = None
    try:
        async with runtime.unit_of_work() as uow:
            await uow.session.execute(text("SELECT 1"))
            checks["database"] = "ok"
            path = sqlite_path(runtime.settings.effective_database_url)
            if path is not None:
                floor = runtime.settings.min_free_disk_mb * 1024 * 1024
                room = await sqlite_free_bytes(uow, path)
                checks["disk_space"] = "ok" if room >= floor else "failing"
            lag = await sealer_lag_seconds(uow)
            uow.session.add(RateLimitCounter(key="health:probe", window_start=0, count=0))
            await uow.session.flush()
            checks["database_writable"] = "ok"
            ctx = AuditContext(actor_role="system", request_id="health-probe")
            await record(uow, ctx, Action.PUBLIC_HEALTH_READ, "allowed")
            checks["audit_trail"] = "ok"
            raise _ProbeDone
    except _ProbeDone:
        pass
    except Exception as exc:  # every failure of the probe means "not ready"; it is named below
        # ServiceUnavailableError comes from the audit write; database faults from the rest.
        if database_unavailability(exc) is None and not isinstance(exc, ServiceUnavailableError):
            raise
        _log.warning(
            "readiness_check_failed",
            reason=database_unavailability(exc) or "audit",
            error_type=type(exc).__name__,
        )
    return lag


async def readiness(runtime: Runtime) -> tuple[dict[str, str], float | None]:
    """Every check's state (``ok`` or ``failing``) and the sealer's lag when it could be read."""
    checks = dict.fromkeys(CHECKS, "failing")
    if sqlite_path(runtime.settings.effective_database_url) is None:
        checks["disk_space"] = "ok"  # PostgreSQL's disk is the database server's to watch
    checks["key_files"] = "failing" if key_file_problems(runtime.settings) else "ok"
    lag: float | None = None
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_SECONDS):
            lag = await _probe_writes(runtime, checks)
    except TimeoutError:
        _log.warning("readiness_check_failed", reason="timeout")
    return checks, lag


class HealthController(Controller):
    """Liveness and readiness probes for the process supervisor and load balancer."""

    path = "/health"
    tags = ["health"]

    @get("/live", opt={"action": Action.PUBLIC_HEALTH_READ})
    async def live(self) -> Health:
        """The process is up."""
        return Health(status="ok")

    @get("/ready", opt={"action": Action.PUBLIC_HEALTH_READ})
    async def ready(self, runtime: Runtime) -> Health:
        """The instance can serve: database reachable and writable, audit trail writable, disk
        room above the floor (SQLite), key files readable; 503 naming each failing check."""
        checks, lag = await readiness(runtime)
        failing = [name for name, state in checks.items() if state != "ok"]
        if failing:
            raise ServiceUnavailableError(
                "Not ready: " + ", ".join(failing) + ".",
                extra={
                    "failing": failing,
                    "checks": checks,
                    "database": "ok" if checks["database"] == "ok" else "unreachable",
                },
            )
        rounded = round(lag, 1) if lag is not None else None
        return Health(status="ok", database="ok", checks=checks, sealer_lag_seconds=rounded)


ROUTES: list[Any] = [HealthController]

__all__ = ["CHECKS", "ROUTES", "Health", "HealthController", "readiness", "sqlite_path"]
