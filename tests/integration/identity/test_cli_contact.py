"""The host operator records a social worker's name and work phone (shown to the families whose
contact person they are): at creation or later; stored encrypted, never in clear."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zorgafstemming", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {"ZORG_DATA_DIR": str(tmp_path / "var")}
    assert run(["init"], env).returncode == 0
    return env


def _raw(env: dict[str, str]) -> bytes:
    database = Path(env["ZORG_DATA_DIR"]) / "zorgafstemming.db"
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute("SELECT display_name_enc, work_phone_enc FROM staff_contacts").fetchall()
    return b"".join(bytes(value or b"") for row in rows for value in row)


def test_a_workers_contact_details_are_stored_encrypted(env: dict[str, str]) -> None:
    assert run(["demo", "seed", "--json"], env).returncode == 0  # the demo organisations
    made = run(
        [
            "users",
            "create",
            "--role",
            "social_worker",
            "--email",
            "an@caw.test",
            "--organisation",
            "caw-de-kempen",
            "--name",
            "An Wouters",
            "--work-phone",
            "+32 3 380 99 01",
            "--json",
        ],
        env,
    )
    assert made.returncode == 0, made.stderr
    changed = run(
        ["users", "contact", "an@caw.test", "--name", "An Wouters-Peeters", "--json"], env
    )
    assert changed.returncode == 0, changed.stderr
    assert json.loads(changed.stdout)["account_id"] == json.loads(made.stdout)["account_id"]
    raw = _raw(env)
    assert raw  # stored ...
    for clear in (b"An Wouters", b"380 99 01", b"Mertens", b"Janssens"):
        assert clear not in raw  # ... never in clear (the demo workers' included)
    unknown = run(["users", "contact", "niemand@caw.test", "--name", "X"], env)
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
