"""The demo network: seeded into a new development database, refused in production.

Seeding is one transaction: the organisations, accounts and families all commit, or nothing
does (a database that goes away half-way leaves no half network behind, and a rerun works).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zorgafstemming.runtime import Runtime


class DemoRefused(Exception):
    """Demo data may not be seeded or changed here (production, demo mode off, or the network
    exists already / is missing)."""


@dataclass
class DemoReport:
    """What the seed created, including the demo accounts' sign-in secrets (demo only)."""

    accounts: list[dict[str, Any]] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    files: int = 0


def _refuse_outside_development(runtime: Runtime) -> None:
    if runtime.settings.is_production or not runtime.settings.demo_on:
        raise DemoRefused("demo data is only allowed in development with demo mode on")


async def seed_demo(runtime: Runtime) -> DemoReport:
    """Create the demo network in one unit of work; each domain adds its part here."""
    _refuse_outside_development(runtime)
    from zorgafstemming.coordination.demo import seed_coordination
    from zorgafstemming.identity.demo import DemoExists, new_demo_passwords, seed_identity

    report = DemoReport()
    new_passwords = await new_demo_passwords()
    try:
        async with runtime.unit_of_work() as uow:
            report.organisations, report.accounts = await seed_identity(uow, new_passwords)
            report.files = await seed_coordination(uow, report.accounts)
    except DemoExists as exc:
        raise DemoRefused(str(exc)) from None
    return report


async def reset_demo_credentials(runtime: Runtime) -> DemoReport:
    """Give the demo accounts new passwords and TOTP secrets (one transaction) and report them."""
    _refuse_outside_development(runtime)
    from zorgafstemming.identity.demo import DemoMissing, new_demo_passwords
    from zorgafstemming.identity.demo import reset_demo_credentials as reset_accounts

    new_passwords = await new_demo_passwords()
    try:
        async with runtime.unit_of_work() as uow:
            return DemoReport(accounts=await reset_accounts(uow, new_passwords))
    except DemoMissing as exc:
        raise DemoRefused(str(exc)) from None
