"""The daily task mail, sent by the server: every quarter of an hour one instance looks whether
workers who asked for it still have to get today's, from 7 o'clock (Brussels time) on.

On PostgreSQL the round first takes a transaction-scoped advisory lock, held while it sends,
so one instance sends at a time (an instance that does not get it skips the round); on SQLite
writers are serialised anyway. Each worker's mail of the day is claimed in the transaction
that queues it (``service.digest``), so a mail is never queued twice even if rounds overlap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

from zorgafstemming.background import BackgroundLoop, start_in_app, stop_in_app
from zorgafstemming.coordination.rules import BRUSSELS
from zorgafstemming.coordination.service.digest import send_digests
from zorgafstemming.logging import get_logger
from zorgafstemming.runtime import Runtime

if TYPE_CHECKING:
    from litestar import Litestar

# "zorgdig" as a number: a fixed key, distinct from any other advisory lock of the service.
ADVISORY_LOCK_KEY = 0x7A6F7267646967
STATE_NAME = "task_digest_scheduler"
# No task mail before this hour of the local day.
SEND_FROM_HOUR = 7

_log = get_logger("zorgafstemming.coordination")


async def digest_round(runtime: Runtime) -> int | None:
    """Send today's task mails unless it is too early or another instance is sending; how many
    were queued (None when this instance did not run the round)."""
    if runtime.clock().astimezone(BRUSSELS).hour < SEND_FROM_HOUR:
        return None
    # The lock's transaction stays open while the mails are queued in transactions of their
    # own, and lets go of it when it ends.
    async with runtime.unit_of_work() as uow:
        if uow.session.get_bind().dialect.name == "postgresql":
            locked = await uow.session.scalar(
                text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
            )
            if not locked:
                return None
        sent = await send_digests(runtime)
    if sent:
        _log.info("task_digests_queued", mails=sent)
    return sent


class TaskDigestScheduler(BackgroundLoop):
    """Looks every quarter of an hour whether today's task mails are due, and sends them."""

    task_name = "zorgafstemming-task-digest"
    failure_event = "task_digest_round_failed"
    log = _log
    default_interval = 900.0
    default_first_delay = 90.0

    async def run_round(self) -> None:
        await digest_round(self.runtime)


async def start_task_digest_scheduler(app: Litestar) -> None:
    """App start-up hook: send the daily task mails from this process (unless the scheduler
    is off)."""
    start_in_app(app, STATE_NAME, TaskDigestScheduler)


async def stop_task_digest_scheduler(app: Litestar) -> None:
    """App shutdown hook."""
    await stop_in_app(app, STATE_NAME)
