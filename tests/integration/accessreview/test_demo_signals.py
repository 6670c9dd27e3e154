"""The signal rules stay quiet on the demo network used as intended (on SQLite and PostgreSQL),
while the same rules fire on crafted data (tests/unit/accessreview/test_rules.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from httpx import AsyncClient

from tests.factories import auth_headers, demo_account
from tests.factories.access_review import OCTOBER, OCTOBER_DAY
from zorgafstemming.accessreview.overview import month_signals
from zorgafstemming.accessreview.sampling import draw
from zorgafstemming.demo import seed_demo
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: the test runs in one transaction, rolled back."""
    return rolled_back


async def test_no_signal_fires_on_the_demo_network_used_during_the_day(
    runtime: Runtime, client: AsyncClient
) -> None:
    # The demo is seeded and used on an October working day (10:00 Brussels time).
    runtime.clock = lambda: OCTOBER_DAY
    report = await seed_demo(runtime)
    workers = [demo_account(a) for a in report.accounts if a["role"] == "social_worker"]
    reads = 0
    for hour, worker in enumerate(workers):
        at = OCTOBER_DAY + timedelta(hours=hour)
        runtime.clock = lambda at=at: at  # type: ignore[misc]
        headers = await auth_headers(runtime, worker)
        files = (await client.get("/api/v1/files", headers=headers)).json()["items"]
        for file in files:
            for path in (f"/api/v1/files/{file['id']}", f"/api/v1/files/{file['id']}/entries"):
                assert (await client.get(path, headers=headers)).status_code == 200
                reads += 1
    assert reads >= 6  # every demo worker read their family's file and journal
    async with runtime.unit_of_work() as uow:
        # The rules saw those reads (every one of them is drawn at 100 %) and flagged none.
        drawn = await draw(uow, OCTOBER, seed="demo", rate_percent=100)
        assert drawn.by_reason["read"] >= reads
        assert await month_signals(uow, OCTOBER) == []
