"""`zorgafstemming retention run` as an operator uses it, the leader lock and the scheduler."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from tests.factories.retention import BOUNDARY, at, make_world, rows_of, seed_due_and_not_due
from zorgafstemming.config import Settings
from zorgafstemming.retention.leader import RetentionScheduler, leadership, run_as_leader
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime

ROOT = Path(__file__).resolve().parents[3]
SCHEDULE = load_schedule()


def cli(
    settings: Settings, *args: str, policies: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZORG_")}
    env.update(
        ZORG_DATA_DIR=str(settings.data_dir),
        ZORG_KEY_DIR=str(settings.keys_path),
        ZORG_DATABASE_URL=settings.effective_database_url,
    )
    if policies is not None:
        env["ZORG_POLICIES_DIR"] = str(policies)
    return subprocess.run(
        [sys.executable, "-m", "zorgafstemming", "retention", "run", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )


async def test_dry_run_json_reports_due_files_and_purges_nothing(runtime: Runtime) -> None:
    due, not_due = await seed_due_and_not_due(runtime, 3, 1)  # the CLI runs on the real clock
    done = await asyncio.to_thread(cli, runtime.settings, "--dry-run", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["dry_run"] is True and summary["files_due"] == 3
    assert summary["files_purged"] == 0
    assert (await rows_of(runtime, due[0].file_id))["members"] == 2

    done = await asyncio.to_thread(cli, runtime.settings)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("purged 3 file(s)")
    assert (await rows_of(runtime, due[0].file_id))["members"] == 0
    assert (await rows_of(runtime, not_due[0].file_id))["members"] == 2


async def test_broken_schedule_is_a_one_line_error(runtime: Runtime, tmp_path: Path) -> None:
    (tmp_path / "retention.toml").write_text('[[rule]]\nid = "x"\n')
    done = await asyncio.to_thread(cli, runtime.settings, "--json", policies=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("zorgafstemming: error: retention schedule:")
    assert done.stdout == ""


async def test_one_leader_at_a_time(runtime: Runtime, backend: str) -> None:
    await make_world(runtime)
    at(runtime, BOUNDARY)
    async with leadership(runtime) as leader:
        assert leader
        if backend == "postgresql":
            # Another instance (here: the same process, another connection) must wait its turn.
            assert await run_as_leader(runtime, SCHEDULE) is None
    summary = await run_as_leader(runtime, SCHEDULE)
    assert summary is not None and summary.files_purged == 2


async def test_scheduler_purges_in_the_background_and_stops(runtime: Runtime) -> None:
    world = await make_world(runtime)
    at(runtime, BOUNDARY)
    scheduler = RetentionScheduler(runtime, SCHEDULE, interval=3600, first_delay=0)
    scheduler.start()
    try:
        for _ in range(600):  # poll: the first round starts at once
            if (await rows_of(runtime, world.due.file_id))["members"] == 0:
                break
            await asyncio.sleep(0.1)
    finally:
        await scheduler.stop()
    assert (await rows_of(runtime, world.due.file_id))["members"] == 0
    assert (await rows_of(runtime, world.keep.file_id))["members"] == 2


async def test_app_starts_the_scheduler_only_when_enabled(runtime: Runtime) -> None:
    from litestar.testing import AsyncTestClient

    from zorgafstemming.app import create_app

    for enabled in (False, True):
        settings = replace(runtime.settings, scheduler_enabled=enabled)
        runtime.settings = settings
        app = create_app(settings, runtime=runtime)
        async with AsyncTestClient(app=app, base_url="https://testserver.local"):
            running = getattr(app.state, "retention_scheduler", None)
            assert (running is not None) is enabled
        assert getattr(app.state, "retention_scheduler", None) is None
