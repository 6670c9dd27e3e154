"""The runtime's clock, held still where a test needs it to."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from zorgafstemming.runtime import Runtime


def stand_at_window_start(runtime: Runtime, window_seconds: int) -> datetime:
    """Stop ``runtime``'s clock at the first second of the current fixed window of
    ``window_seconds`` (rate limits count in such windows): a burst of attempts then falls in
    one window, as a real flood's does, whatever the time the test runs at."""
    start = datetime.fromtimestamp(
        runtime.clock().timestamp() // window_seconds * window_seconds + 1, UTC
    )
    runtime.clock = lambda: start
    return start


async def room_in_window(window_seconds: int, room: float) -> None:
    """Wait, by the wall clock, until the current fixed window of ``window_seconds`` has at
    least ``room`` seconds left (at most ``room`` seconds): for servers in processes of their
    own, whose clock a test cannot stop, so that a burst still falls in one window."""
    left = window_seconds - time.time() % window_seconds
    if left < room:
        await asyncio.sleep(left + 0.1)
