"""The demo network: seeded into a new development database, refused in production."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zorgafstemming.runtime import Runtime


class DemoRefused(Exception):
    """Demo data may not be seeded here (production, or demo mode off)."""


@dataclass
class DemoReport:
    """What the seed created, including the demo accounts' sign-in secrets (demo only)."""

    accounts: list[dict[str, Any]] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    files: int = 0


async def seed_demo(runtime: Runtime) -> DemoReport:
    """Create the demo network; each domain adds its part here."""
    if runtime.settings.is_production or not runtime.settings.demo_on:
        raise DemoRefused("demo data is only allowed in development with demo mode on")
    from zorgafstemming.identity.demo import DemoExists, seed_identity

    report = DemoReport()
    try:
        report.organisations, report.accounts = await seed_identity(runtime)
    except DemoExists as exc:
        raise DemoRefused(str(exc)) from None
    from zorgafstemming.coordination.demo import seed_coordination

    report.files = await seed_coordination(runtime, report.accounts)
    return report
