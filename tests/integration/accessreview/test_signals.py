"""Each signal rule of policies/review.toml fires on crafted events read back from the audit
trail on SQLite and PostgreSQL (the queries feeding the pure rules included), and only on the
account whose behaviour the rule is about."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.factories import create_account, create_organisation
from tests.factories.access_review import OCTOBER, OCTOBER_DAY, Crafted
from tests.factories.accounts import TestAccount
from zorgafstemming.accessreview.overview import month_signals
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

WORKED_ON = OCTOBER_DAY - timedelta(days=7)  # an organisation's change, inside the lookback


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One unit of work at a time: the test runs in one transaction, rolled back."""
    return rolled_back


async def _worker(runtime: Runtime, org: uuid.UUID | None = None) -> TestAccount:
    organisation = org or await create_organisation(runtime)
    return await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=organisation)


async def test_every_signal_rule_fires_on_crafted_reads_and_only_for_its_account(
    runtime: Runtime,
) -> None:
    crafted = Crafted(runtime)
    rows: list[dict[str, Any]] = []
    # many_files: one account reads 12 files its organisation works on, two colleagues 2 each.
    trawler = await _worker(runtime)
    colleagues = [await _worker(runtime, trawler.organisation_id) for _ in range(2)]
    writer = await _worker(runtime, trawler.organisation_id)
    files = [new_id() for _ in range(12)]
    rows += [
        crafted.values(writer, action="coordination:entry:create", file_id=f, at=WORKED_ON)
        for f in files
    ]
    rows += [crafted.values(trawler, file_id=f) for f in files]
    rows += [crafted.values(c, file_id=f) for c in colleagues for f in files[:2]]
    # no_own_writes: another organisation's worker reads a file only the first one worked on.
    stranger = await _worker(runtime)
    rows.append(crafted.values(stranger, file_id=files[0], at=OCTOBER_DAY + timedelta(hours=1)))
    # off_hours: a worker reads a file their organisation works on at 23:30 Brussels time.
    night_owl = await _worker(runtime)
    night_file = new_id()
    rows += [
        crafted.values(
            night_owl, action="coordination:entry:create", file_id=night_file, at=WORKED_ON
        ),
        crafted.values(
            night_owl, file_id=night_file, at=datetime(2026, 10, 13, 21, 30, tzinfo=UTC)
        ),
    ]
    # after_refused_withdrawal: a family's withdrawal is refused; three hours later a worker
    # of an organisation on the file reads it.
    follower = await _worker(runtime)
    contested = new_id()
    rows += [
        crafted.values(
            follower, action="coordination:entry:create", file_id=contested, at=WORKED_ON
        ),
        crafted.values(
            None,
            role="family",
            action="family:consent:withdraw",
            file_id=contested,
            outcome="denied",
            policy="default-deny",
        ),
        crafted.values(follower, file_id=contested, at=OCTOBER_DAY + timedelta(hours=3)),
    ]
    await crafted.write(rows)

    async with runtime.unit_of_work() as uow:
        found = await month_signals(uow, OCTOBER)

    key = runtime.secrets.audit_key

    def ref(account: TestAccount) -> str:
        return audit_ref(key, "account", account.id)

    def file_ref(file_id: uuid.UUID) -> str:
        return audit_ref(key, "file", file_id)

    assert sorted((s.rule, s.actor_ref, s.count, s.file_refs) for s in found) == sorted(
        [
            ("many_files", ref(trawler), 12, tuple(sorted(file_ref(f) for f in files))),
            ("no_own_writes", ref(stranger), 1, (file_ref(files[0]),)),
            ("off_hours", ref(night_owl), 1, (file_ref(night_file),)),
            ("after_refused_withdrawal", ref(follower), 1, (file_ref(contested),)),
        ]
    )
