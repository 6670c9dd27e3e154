"""Crafted audit events for the access review: reads, denials, emergency accesses, changes and
refused withdrawals, written straight into the audit trail (refs made with the runtime's audit
key, exactly as ``audit.service.record`` makes them), and the stored sample built from them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, insert

from tests.factories.accounts import TestAccount
from zorgafstemming.accessreview.rules import EventRow
from zorgafstemming.accessreview.sampling import create_sample
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import AuditContext, audit_ref
from zorgafstemming.db import new_id
from zorgafstemming.runtime import Runtime

# A Tuesday in October 2026, 10:00 Brussels time (08:00 UTC): inside working hours.
OCTOBER_DAY = datetime(2026, 10, 13, 8, 0, tzinfo=UTC)
OCTOBER = "2026-10"


def event_row(
    *,
    actor: str = "a1",
    org: str | None = "o1",
    role: str = "social_worker",
    action: str = "coordination:file:read",
    file: str | None = "f1",
    outcome: str = "allowed",
    policy: str | None = "participant-with-consent",
    at: datetime = OCTOBER_DAY,
    event_id: uuid.UUID | None = None,
) -> EventRow:
    """An event row for the pure rules, with short made-up refs."""
    return EventRow(event_id or new_id(), at, actor, org, role, action, file, outcome, policy)


@dataclass
class Crafted:
    """Writes crafted events of real accounts and files into the audit trail."""

    runtime: Runtime

    def values(
        self,
        account: TestAccount | None,
        *,
        action: str = "coordination:file:read",
        file_id: uuid.UUID | None = None,
        outcome: str = "allowed",
        policy: str | None = "participant-with-consent",
        at: datetime = OCTOBER_DAY,
        role: str | None = None,
    ) -> dict[str, Any]:
        key = self.runtime.secrets.audit_key
        return {
            "id": new_id(),
            "occurred_at": at,
            "actor_ref": audit_ref(key, "account", account.id) if account else None,
            "actor_org_ref": (
                audit_ref(key, "organisation", account.organisation_id)
                if account and account.organisation_id
                else None
            ),
            "actor_role": role or (account.role.value if account else None),
            "action": action,
            "object_type": "file" if file_id else None,
            "object_ref": audit_ref(key, "file", file_id) if file_id else None,
            "file_ref": audit_ref(key, "file", file_id) if file_id else None,
            "outcome": outcome,
            "policy_id": policy,
        }

    async def write(self, rows: list[dict[str, Any]]) -> list[uuid.UUID]:
        """Insert ``rows`` (from :meth:`values`) in one committed transaction."""
        async with self.runtime.unit_of_work() as uow:
            await uow.session.execute(insert(cast(Table, AuditEvent.__table__)), rows)
        return [row["id"] for row in rows]


def system_ctx() -> AuditContext:
    """The audit context of a sample run in a test."""
    return AuditContext.system_run("review-test", policy_id="access-review-sample")


async def seed_reviews_for_paging(runtime: Runtime, readers: tuple[TestAccount, ...]) -> None:
    """Two months' samples of reads by ``readers`` (by day, and one late in the evening each,
    on files their organisations never wrote in), so every access-review list has pages."""
    crafted = Crafted(runtime)
    for month in (9, 10):
        day = datetime(2026, month, 15, 8, 0, tzinfo=UTC)  # 10:00 Brussels time
        rows = [
            crafted.values(reader, file_id=new_id(), at=day + timedelta(minutes=n))
            for reader in readers
            for n in range(3)
        ]
        # 22:30 Brussels time: a signal for each reader.
        rows += [
            crafted.values(reader, file_id=new_id(), at=day + timedelta(hours=12, minutes=30))
            for reader in readers
        ]
        await crafted.write(rows)
        async with runtime.unit_of_work() as uow:
            await create_sample(
                uow, system_ctx(), f"2026-{month:02d}", seed="paging", rate_percent=100
            )
