"""``zorgafstemming review sample``: a dry run with a seed draws the same sample every time;
a stored run is the month's one sample, and a second is refused with one clear line."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from tests.factories import create_account, create_organisation
from tests.factories.access_review import OCTOBER, OCTOBER_DAY, Crafted
from tests.factories.cli import run_command as run
from zorgafstemming.config import load_settings
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


async def _reads(data_dir: Path) -> None:
    runtime = Runtime.build(load_settings({"ZORG_DATA_DIR": str(data_dir)}))
    try:
        org = await create_organisation(runtime)
        worker = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
        crafted = Crafted(runtime)
        await crafted.write(
            [
                crafted.values(worker, file_id=new_id(), at=OCTOBER_DAY + timedelta(minutes=i))
                for i in range(200)
            ]
            + [crafted.values(worker, file_id=new_id(), outcome="denied", policy="default-deny")]
        )
    finally:
        await runtime.close()


async def test_review_sample_is_reproducible_and_stored_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    env = {"ZORG_DATA_DIR": str(data_dir), "ZORG_DATABASE_URL": ""}
    assert run(["init"], env).returncode == 0
    await _reads(data_dir)
    args = ["review", "sample", "--month", OCTOBER, "--rate", "10", "--json"]
    first = run([*args, "--seed", "oktober", "--dry-run"], env)
    assert first.returncode == 0, first.stderr
    again = run([*args, "--seed", "oktober", "--dry-run"], env)
    other = run([*args, "--seed", "anders", "--dry-run"], env)
    drawn, redrawn, different = (json.loads(r.stdout) for r in (first, again, other))
    assert drawn["event_ids"] == redrawn["event_ids"] != different["event_ids"]
    assert drawn["reads_seen"] == 200 and drawn["by_reason"]["denied"] == 1
    assert drawn["stored"] is False

    stored = run([*args, "--seed", "oktober"], env)
    assert stored.returncode == 0, stored.stderr
    assert json.loads(stored.stdout)["event_ids"] == drawn["event_ids"]
    twice = run([*args, "--seed", "oktober"], env)
    assert twice.returncode == 1
    assert "has been sampled already" in twice.stderr
    assert "Traceback" not in twice.stderr
