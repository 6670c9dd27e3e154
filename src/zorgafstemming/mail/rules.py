"""What becomes of a mail after an attempt: pure rules, decided without a database or a server.

A mail is tried at most ``MAX_ATTEMPTS`` times, waiting longer after each transient failure, and
is never sent twice: when the sender cannot tell whether the server took it, it is given up as
``unknown`` rather than tried again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

Status = Literal["queued", "sending", "sent", "failed", "unknown"]
# Every status, in the order a mail passes through them (for counts and labels).
STATUSES: tuple[Status, ...] = ("queued", "sending", "sent", "failed", "unknown")

MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
# How long an attempt may take before the sender gives it up as ``unknown``: far longer than
# any SMTP exchange (each step has its own timeout), so only a crashed or frozen sender hits it.
LEASE = timedelta(minutes=15)
# The error class of a mail whose attempt ended without a result (the sender stopped mid-way).
INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class Failure:
    """Why an attempt did not deliver: a short class name (never the server's reply text, which
    may echo the address) and whether trying again can help."""

    error: str
    transient: bool
    # The connection ended after the content was on its way: the server may have taken it.
    ambiguous: bool = False


@dataclass(frozen=True)
class Outcome:
    """The state a mail takes after a failed attempt."""

    status: Status
    last_error: str
    # When to try again (queued only).
    next_attempt_at: datetime | None = None

    @property
    def erases_content(self) -> bool:
        """A mail that will not be tried again keeps no recipient or text."""
        return self.status != "queued"


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th attempt failed: 1 minute, doubling, at most an hour."""
    if attempts < 1:
        return FIRST_RETRY
    # Capped before the power grows: 2**6 minutes is already past the hour.
    delay: timedelta = FIRST_RETRY * 2 ** min(attempts - 1, 6)
    return min(delay, LONGEST_RETRY)


def after_failure(failure: Failure, *, attempts: int, now: datetime) -> Outcome:
    """What follows the ``attempts``-th attempt that ended in ``failure`` at ``now``.

    An ambiguous end is ``unknown`` (never retried: a lost mail the administrator sees and redoes
    is better than a second activation link); a permanent failure, or a transient one after the
    last allowed attempt, is ``failed``; otherwise the mail waits in the queue for its next try.
    """
    if failure.ambiguous:
        return Outcome("unknown", failure.error)
    if not failure.transient or attempts >= MAX_ATTEMPTS:
        return Outcome("failed", failure.error)
    return Outcome("queued", failure.error, now + retry_delay(attempts))
