"""The monthly sample on SQLite and PostgreSQL: drawn from the audit trail, reproducible by its
seed, holding every denied and emergency access, stored as refs, and told to the coordinators."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text

from tests.factories import create_account, create_organisation
from tests.factories.access_review import OCTOBER, OCTOBER_DAY, Crafted, system_ctx
from tests.factories.assignments import make_coordinator
from zorgafstemming.accessreview.models import AccessReviewItem, AccessReviewSample
from zorgafstemming.accessreview.sampling import create_sample, draw
from zorgafstemming.accessreview.scheduler import sample_previous_month
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Role
from zorgafstemming.problems import ConflictError, ValidationFailed
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One unit of work at a time: the test runs in one transaction, rolled back."""
    return rolled_back


async def _month_of_reads(runtime: Runtime, reads: int = 300) -> dict[str, Any]:
    org = await create_organisation(runtime)
    worker = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
    crafted = Crafted(runtime)
    files = [new_id() for _ in range(30)]
    rows = [
        crafted.values(worker, file_id=files[i % 30], at=OCTOBER_DAY + timedelta(minutes=i))
        for i in range(reads)
    ]
    denied = crafted.values(worker, file_id=files[0], outcome="denied", policy="default-deny")
    emergency = crafted.values(worker, file_id=files[1], policy="emergency-read")
    granted = crafted.values(worker, action="emergency:grant:request", file_id=files[2])
    # Outside the month, and a change: never in October's sample.
    november = crafted.values(worker, file_id=files[0], at=OCTOBER_DAY + timedelta(days=40))
    change = crafted.values(worker, action="coordination:entry:create", file_id=files[0])
    await crafted.write([*rows, denied, emergency, granted, november, change])
    return {
        "org": org,
        "worker": worker,
        "always": {denied["id"], emergency["id"], granted["id"]},
        "never": {november["id"], change["id"]},
        "reads": {r["id"] for r in rows},
    }


async def test_the_same_seed_draws_the_same_sample_and_another_seed_another(
    runtime: Runtime,
) -> None:
    made = await _month_of_reads(runtime)
    async with runtime.unit_of_work() as uow:
        first = await draw(uow, OCTOBER, seed="oktober", rate_percent=10)
        again = await draw(uow, OCTOBER, seed="oktober", rate_percent=10)
        other = await draw(uow, OCTOBER, seed="november", rate_percent=10)
    assert first.event_ids == again.event_ids
    assert set(first.event_ids) != set(other.event_ids)
    assert first.reads_seen == 300
    assert made["always"] <= set(first.event_ids) and made["always"] <= set(other.event_ids)
    assert not made["never"] & set(first.event_ids)
    assert first.by_reason["denied"] == 1 and first.by_reason["emergency"] == 2
    assert 5 <= first.by_reason["read"] <= 60  # about 10 % of 300


async def test_a_stored_sample_holds_what_the_seed_draws_as_refs_and_reader_ids(
    runtime: Runtime,
) -> None:
    made = await _month_of_reads(runtime)
    async with runtime.unit_of_work() as uow:
        expected = await draw(uow, OCTOBER, seed="vast", rate_percent=5)
    now = OCTOBER_DAY + timedelta(days=20)
    runtime.clock = lambda: now
    async with runtime.unit_of_work() as uow:
        stored = await create_sample(uow, system_ctx(), OCTOBER, seed="vast", rate_percent=5)
    assert stored.event_ids == expected.event_ids
    async with runtime.unit_of_work() as uow:
        sample = (await uow.session.scalars(select(AccessReviewSample))).one()
        items = list((await uow.session.scalars(select(AccessReviewItem))).all())
    assert (sample.month, sample.seed, sample.rate_percent) == (OCTOBER, "vast", 5)
    assert sample.due_at == now + timedelta(days=14)
    assert {i.event_id for i in items} == set(expected.event_ids)
    assert {i.reader_account_id for i in items} == {made["worker"].id}
    assert {i.reader_organisation_id for i in items} == {made["org"]}
    assert all(i.answer is None and i.file_ref and len(i.file_ref) == 64 for i in items)


async def test_a_month_is_sampled_once(runtime: Runtime) -> None:
    await _month_of_reads(runtime, reads=10)
    async with runtime.unit_of_work() as uow:
        await create_sample(uow, system_ctx(), OCTOBER, seed="a")
    with pytest.raises(ConflictError):
        async with runtime.unit_of_work() as uow:
            await create_sample(uow, system_ctx(), OCTOBER, seed="b")
    with pytest.raises(ValidationFailed):
        async with runtime.unit_of_work() as uow:
            await create_sample(uow, system_ctx(), "2026-13")


async def test_the_coordinator_of_the_readers_organisation_is_mailed(runtime: Runtime) -> None:
    made = await _month_of_reads(runtime, reads=20)
    coordinator = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=made["org"])
    await make_coordinator(runtime, coordinator)
    async with runtime.unit_of_work() as uow:
        summary = await create_sample(uow, system_ctx(), OCTOBER, seed="x", rate_percent=1)
    assert summary.coordinators_told == 1
    async with runtime.unit_of_work() as uow:
        mails = (
            await uow.session.execute(
                text("SELECT kind, account_id FROM outbound_mail WHERE kind = 'access-review'")
            )
        ).all()
    assert [(m.kind, str(m.account_id).replace("-", "")) for m in mails] == [
        ("access-review", coordinator.id.hex)
    ]


async def test_the_scheduler_samples_last_month_once(runtime: Runtime) -> None:
    await _month_of_reads(runtime, reads=10)
    runtime.clock = lambda: OCTOBER_DAY + timedelta(days=20)  # 2 November
    first = await sample_previous_month(runtime)
    assert first is not None and first.month == OCTOBER and first.stored
    assert await sample_previous_month(runtime) is None
    async with runtime.unit_of_work() as uow:
        months = (await uow.session.scalars(select(AccessReviewSample.month))).all()
        rates = (await uow.session.scalars(select(AccessReviewSample.rate_percent))).all()
        runs = (
            await uow.session.execute(
                text("SELECT count(*) FROM audit_events WHERE action = 'review:sample:create'")
            )
        ).scalar_one()
    assert list(months) == [OCTOBER] and runs == 1
    assert list(rates) == [2.0]  # the default of policies/review.toml


async def test_sampled_items_go_when_retention_purges_their_audit_events(
    runtime: Runtime,
) -> None:
    from zorgafstemming.retention.bulk import purge_audit_bodies
    from zorgafstemming.retention.schedule import load_schedule

    await _month_of_reads(runtime, reads=10)
    async with runtime.unit_of_work() as uow:
        await create_sample(uow, system_ctx(), OCTOBER, seed="a", rate_percent=100)
    # Six years on the items stay (audit event bodies are kept seven years) ...
    runtime.clock = lambda: OCTOBER_DAY + timedelta(days=6 * 365)
    async with runtime.unit_of_work() as uow:
        await purge_audit_bodies(uow, load_schedule())
        assert await uow.session.scalar(select(func.count(AccessReviewItem.id))) == 13
    # ... past seven years they go, and the sample (drawn a month later) when left empty.
    runtime.clock = lambda: OCTOBER_DAY + timedelta(days=7 * 366 + 60)
    async with runtime.unit_of_work() as uow:
        await purge_audit_bodies(uow, load_schedule())
    async with runtime.unit_of_work() as uow:
        assert await uow.session.scalar(select(func.count(AccessReviewItem.id))) == 0
        assert await uow.session.scalar(select(func.count(AccessReviewSample.id))) == 0
