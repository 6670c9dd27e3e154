"""The test suite itself: a required PostgreSQL that is unreachable fails the run, loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_required_postgres_unreachable_fails_with_clear_message(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ZORG_REQUIRE_POSTGRES": "1",
        "ZORG_TEST_POSTGRES_URL": "postgresql://postgres@127.0.0.1:1/postgres",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "-q",
            "tests/integration/app/test_foundation.py::test_ready_reports_database",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "unreachable" in result.stdout
    assert "ZORG_REQUIRE_POSTGRES=1" in result.stdout


def test_unreachable_postgres_skips_with_reason_when_not_required() -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "ZORG_REQUIRE_POSTGRES"},
        "ZORG_TEST_POSTGRES_URL": "postgresql://postgres@127.0.0.1:1/postgres",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "-q",
            "-rs",
            "tests/integration/app/test_foundation.py::test_ready_reports_database",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    assert "1 passed, 1 skipped" in result.stdout
    assert "unreachable" in result.stdout
