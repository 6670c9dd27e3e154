"""Kill test: SIGKILL `zorgafstemming retention run` at every named crash point, then at three
random times; after a rerun every file is fully present or fully purged, with exactly one
tombstone and one audit event, and nothing not yet due is touched. The purge runs in batches of
several files per transaction; a crash rolls back the whole batch in progress."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.factories.retention import SeededFile, count, rows_of, seed_due_and_not_due
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.config import Settings
from zorgafstemming.retention.ledger import restore_state
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.purge import CRASH_POINTS, PURGE_ACTION
from zorgafstemming.runtime import Runtime

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
RUNNER = (
    "import sys\n"
    "from zorgafstemming.cli import main\n"
    "import zorgafstemming.retention.leader\n"
    "print('ready', flush=True)\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
DUE_FILES = 24
BATCH_SIZE = 3
NOT_DUE_FILES = 4
FULL = {
    "files": 1,
    "members": 2,
    "entries": 2,
    "consents": 1,
    "participants": 1,
    "notifications": 1,
    "data_keys": 1,
    "blind_indexes": 2,
}
GONE = dict.fromkeys(FULL, 0)


def command_env(settings: Settings, fault: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZORG_")}
    env.update(
        ZORG_DATA_DIR=str(settings.data_dir),
        ZORG_KEY_DIR=str(settings.keys_path),
        ZORG_DATABASE_URL=settings.effective_database_url,
        # The tree under test first (its src/), then the tests package.
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        # Small batches, so that every crash point is passed twice in one run.
        ZORG_RETENTION_BATCH_SIZE=str(BATCH_SIZE),
    )
    if fault:
        env["ZORG_FAULT_AT"] = fault
    return env


COMMAND = [sys.executable, "-c", RUNNER, "retention", "run", "--json"]


def run_cli(settings: Settings, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        COMMAND,
        env=command_env(settings, fault),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def kill_at(settings: Settings, delay: float) -> None:
    proc = subprocess.Popen(
        COMMAND,
        env=command_env(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)


async def state_of(runtime: Runtime, file: SeededFile) -> tuple[dict[str, int], int, int]:
    ref = audit_ref(runtime.secrets.audit_key, "file", file.file_id)
    rows = await rows_of(runtime, file.file_id)
    async with runtime.sessions() as s:
        tombstones = await count(s, PurgeTombstone, PurgeTombstone.file_ref == ref)
        events = await count(
            s, AuditEvent, AuditEvent.file_ref == ref, AuditEvent.action == PURGE_ACTION
        )
    return rows, tombstones, events


async def check_all_or_nothing(
    runtime: Runtime, due: list[SeededFile], not_due: list[SeededFile]
) -> int:
    purged = 0
    for file in due:
        rows, tombstones, events = await state_of(runtime, file)
        assert rows in (FULL, GONE), rows
        assert tombstones == events == (1 if rows == GONE else 0)
        purged += rows == GONE
    for file in not_due:
        assert await state_of(runtime, file) == (FULL, 0, 0)
    return purged


async def test_retention_run_survives_kills_at_every_crash_point_and_at_random(
    runtime: Runtime,
) -> None:
    due, not_due = await seed_due_and_not_due(
        runtime, DUE_FILES, NOT_DUE_FILES, idle=False
    )  # no review notice touches the kept files
    settings = runtime.settings
    purged_so_far = 0
    for point in CRASH_POINTS:
        done = await asyncio.to_thread(run_cli, settings, f"{point}:2")
        assert done.returncode == -signal.SIGKILL, (point, done.returncode, done.stderr)
        purged = await check_all_or_nothing(runtime, due, not_due)
        # Crashing at or after the commit keeps the file just done; before it, it rolls back.
        assert purged >= purged_so_far
        purged_so_far = purged
    assert 0 < purged_so_far < DUE_FILES
    rng = random.Random(7)
    for _ in range(3):
        await asyncio.to_thread(kill_at, settings, rng.uniform(0.2, 1.5))
        await check_all_or_nothing(runtime, due, not_due)
    done = await asyncio.to_thread(run_cli, settings)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.splitlines()[-1])
    assert summary["proofs_failed"] == 0
    assert await check_all_or_nothing(runtime, due, not_due) == DUE_FILES
    async with runtime.sessions() as s:
        refs = (await s.scalars(select(PurgeTombstone.file_ref))).all()
    assert sorted(refs) == sorted(
        audit_ref(runtime.secrets.audit_key, "file", f.file_id) for f in due
    )
    # Crashes left entries without their commit record (and maybe a torn line): the ledger still
    # verifies and the database is not taken for a restored one.
    assert (await restore_state(runtime)).ready
