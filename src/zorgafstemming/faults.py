"""Named crash points for deterministic kill tests.

Long-running commands call :func:`crash_point` at the places where a crash is interesting (after
a durable write, between batches). With ``ZORG_FAULT_AT=<name>:<n>`` set, the process SIGKILLs
itself at the n-th pass of that point, so a test can crash it exactly there and check that a
rerun finishes the work. Without the variable every call is a cheap no-op.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

FAULT_ENV = "ZORG_FAULT_AT"

_passes: Counter[str] = Counter()


def _target() -> tuple[str, int] | None:
    raw = os.environ.get(FAULT_ENV, "")
    if not raw:
        return None
    name, _, count = raw.rpartition(":")
    if not name:
        return raw, 1
    try:
        return name, max(1, int(count))
    except ValueError:
        return raw, 1


def crash_point(name: str) -> None:
    """SIGKILL this process at the n-th pass of ``name`` when ``ZORG_FAULT_AT=<name>:<n>``."""
    target = _target()
    if target is None or target[0] != name:
        return
    _passes[name] += 1
    if _passes[name] >= target[1]:
        # SIGKILL, not an exception: nothing gets a chance to clean up, as in a real crash.
        os.kill(os.getpid(), signal.SIGKILL)
