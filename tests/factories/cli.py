"""Running the ``zorgafstemming`` command as a separate process, as an operator or cron would."""

from __future__ import annotations

import os
import subprocess
import sys


def run_command(
    args: list[str], env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``zorgafstemming *args`` with ``env`` added to this environment; never raises on a
    non-zero exit (the test looks at it)."""
    return subprocess.run(
        [sys.executable, "-m", "zorgafstemming", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
