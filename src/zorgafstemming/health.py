"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, get
from sqlalchemy import text

from zorgafstemming.authz.actions import Action
from zorgafstemming.problems import ServiceUnavailableError
from zorgafstemming.runtime import Runtime


class Health(msgspec.Struct):
    status: str
    database: str | None = None


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
        """The process can reach its database."""
        try:
            async with runtime.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:  # any driver error means "not ready"
            raise ServiceUnavailableError(
                "The database is not reachable.", extra={"database": "unreachable"}
            ) from exc
        return Health(status="ok", database="ok")


ROUTES: list[Any] = [HealthController]
