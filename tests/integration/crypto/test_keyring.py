"""Key files and crash points seen from a process of their own: the command and a kill."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from zorgafstemming.crypto.keyfiles import init_keys


def test_serve_prints_one_clear_line_when_the_key_file_is_exposed(tmp_path: Path) -> None:
    env = {**os.environ, "ZORG_DATA_DIR": str(tmp_path / "var")}
    init_keys(tmp_path / "var" / "keys")
    os.chmod(tmp_path / "var" / "keys" / "kek.json", 0o644)
    result = subprocess.run(
        [sys.executable, "-m", "zorgafstemming", "serve", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "kek.json" in result.stderr and "chmod 600" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_crash_point_kills_at_the_named_pass_only() -> None:
    code = (
        "from zorgafstemming.faults import crash_point\n"
        "for i in range(5):\n"
        "    crash_point('other')\n"
        "    crash_point('here')\n"
        "    print(i, flush=True)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "ZORG_FAULT_AT": "here:3"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == -9
    assert run.stdout.split() == ["0", "1"]
    clean = subprocess.run(
        [sys.executable, "-c", code],
        env={k: v for k, v in os.environ.items() if k != "ZORG_FAULT_AT"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert clean.returncode == 0 and clean.stdout.split() == ["0", "1", "2", "3", "4"]
