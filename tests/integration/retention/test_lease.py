"""The purge lease: two instances on one database purge once per period between them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import update

from tests.factories.retention import BOUNDARY, at, make_world, rows_of
from zorgafstemming.retention import leader
from zorgafstemming.retention.leader import (
    LEASE_NAME,
    LeaseLost,
    leadership,
    lease_state,
    run_as_leader,
)
from zorgafstemming.retention.models import RetentionLease
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime

SCHEDULE = load_schedule()
HOUR = timedelta(hours=1)


@pytest.fixture
async def other(runtime: Runtime) -> AsyncIterator[Runtime]:
    """A second instance: its own engine and keys on the same database and key folder."""
    rt = Runtime.build(runtime.settings)
    try:
        yield rt
    finally:
        await rt.close()


async def test_the_second_instance_skips_until_the_period_is_over(
    runtime: Runtime, other: Runtime
) -> None:
    world = await make_world(runtime)
    at(runtime, BOUNDARY)
    first = await run_as_leader(runtime, SCHEDULE, period=HOUR)
    assert first is not None and first.files_purged == 2
    assert (await rows_of(runtime, world.due.file_id))["members"] == 0
    _, _, last_run = await lease_state(runtime)
    assert last_run == BOUNDARY

    # The other instance wakes up within the hour: the fleet's run is done, it does not run.
    at(other, BOUNDARY + timedelta(minutes=59))
    assert await run_as_leader(other, SCHEDULE, period=HOUR) is None
    # An hour after the last run started, one of them runs again (nothing left to purge).
    at(other, BOUNDARY + HOUR)
    again = await run_as_leader(other, SCHEDULE, period=HOUR)
    assert again is not None and again.files_purged == 0
    assert (await lease_state(runtime))[2] == BOUNDARY + HOUR
    assert (await rows_of(runtime, world.keep.file_id))["members"] == 2


async def test_a_running_purge_keeps_the_other_instance_out(
    runtime: Runtime, other: Runtime
) -> None:
    await make_world(runtime)
    at(runtime, BOUNDARY)
    at(other, BOUNDARY)
    async with leadership(runtime, period=HOUR) as lead:
        assert lead is not None
        holder, expires, _ = await lease_state(other)
        assert holder == lead.holder and expires is not None and expires > BOUNDARY
        assert await run_as_leader(other, SCHEDULE, period=HOUR) is None
        # Even an operator's manual run waits for the running one.
        assert await run_as_leader(other, SCHEDULE) is None
    # Nothing completed inside the block: the period's run is still to be done.
    assert (await lease_state(other))[:2] == (None, None)
    summary = await run_as_leader(other, SCHEDULE, period=HOUR)
    assert summary is not None and summary.files_purged == 2


async def test_a_dead_holder_is_replaced_without_waiting_for_its_lease(
    runtime: Runtime, other: Runtime
) -> None:
    world = await make_world(runtime)
    at(other, BOUNDARY)
    # A process that took the lease a minute ago and was killed (this pid runs nowhere).
    async with runtime.unit_of_work() as uow:
        await uow.session.execute(
            update(RetentionLease)
            .where(RetentionLease.name == LEASE_NAME)
            .values(holder="app:4194399:deadbeef", expires_at=BOUNDARY + timedelta(minutes=4))
        )
    summary = await run_as_leader(other, SCHEDULE, period=HOUR)
    assert summary is not None and summary.files_purged == 2
    assert (await rows_of(other, world.shared.file_id))["members"] == 0


async def test_a_dry_run_is_not_the_periods_run(runtime: Runtime) -> None:
    await make_world(runtime)
    at(runtime, BOUNDARY)
    dry = await run_as_leader(runtime, SCHEDULE, dry_run=True, period=HOUR)
    assert dry is not None and dry.files_due == 2 and dry.files_purged == 0
    assert (await lease_state(runtime))[2] is None
    real = await run_as_leader(runtime, SCHEDULE, period=HOUR)
    assert real is not None and real.files_purged == 2


async def _run_while_another_takes_over(runtime: Runtime) -> None:
    async with leadership(runtime, period=HOUR) as lead:
        assert lead is not None
        async with runtime.unit_of_work() as uow:  # another instance took it over
            await uow.session.execute(
                update(RetentionLease)
                .where(RetentionLease.name == LEASE_NAME)
                .values(holder="app:1:another")
            )
        await asyncio.sleep(5)  # the run goes on here until the renewal finds out
        lead.completed = True


async def test_a_run_whose_lease_was_taken_stops(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(leader, "LEASE_TTL", timedelta(seconds=0.3))  # renewed every 0.1 s
    with pytest.raises(LeaseLost):
        await _run_while_another_takes_over(runtime)
    holder, _, last_run = await lease_state(runtime)
    assert holder == "app:1:another" and last_run is None
