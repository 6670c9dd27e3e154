"""Which audit events are reads, denials and emergency accesses, and which of them a month's
sample draws — pure functions over event rows, testable without a database.

The draw is keyed, not random: an event is drawn when HMAC-SHA256(seed, event id) read as a
fraction of 2**64 falls below the rate. The same seed and the same month's events give the same
sample on any machine, in any order; a different seed gives a different one.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from zorgafstemming.bounds import EARLIEST_YEAR, LATEST_YEAR

LOCAL_TIME = ZoneInfo("Europe/Brussels")
# The policy id of an emergency read, and the action of a worker asking for emergency access
# (the DPO's own list and review of grants are no emergency access).
EMERGENCY_POLICY = "emergency-read"
EMERGENCY_REQUEST = "emergency:grant:request"
# The deciding rule recorded with a sample run: the monthly draw of policies/review.toml.
SAMPLE_POLICY = "access-review-sample"
READ_VERBS = frozenset({"read", "list"})
STAFF_ROLE = "social_worker"
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_SCALE = 2**64

Reason = Literal["emergency", "denied", "read"]
REASONS: tuple[Reason, ...] = ("emergency", "denied", "read")


@dataclass(frozen=True)
class EventRow:
    """The columns of an audit event the review looks at (refs only, no personal data)."""

    id: uuid.UUID
    occurred_at: datetime
    actor_ref: str | None
    actor_org_ref: str | None
    actor_role: str | None
    action: str | None
    file_ref: str | None
    outcome: str | None
    policy_id: str | None


@dataclass(frozen=True)
class Drawn:
    """An event the sample holds, and why: every emergency and denied one, a share of reads."""

    event: EventRow
    reason: Reason


def _verb(action: str | None) -> str:
    return (action or "").rsplit(":", 1)[-1]


def is_emergency(event: EventRow) -> bool:
    """An emergency access: a worker's request for one, or a read the emergency policy allowed."""
    return event.action == EMERGENCY_REQUEST or event.policy_id == EMERGENCY_POLICY


def is_denied(event: EventRow) -> bool:
    """An access that was refused."""
    return event.outcome == "denied"


def is_read(event: EventRow) -> bool:
    """A social worker's allowed look at one file (the file, its journal, its assignments)."""
    return (
        event.actor_role == STAFF_ROLE
        and event.outcome == "allowed"
        and event.file_ref is not None
        and _verb(event.action) in READ_VERBS
    )


def is_write(event: EventRow) -> bool:
    """An allowed change an organisation made on a file (anything but a look)."""
    return (
        event.outcome == "allowed"
        and event.file_ref is not None
        and event.actor_org_ref is not None
        and _verb(event.action) not in READ_VERBS
    )


def is_refused_withdrawal(event: EventRow) -> bool:
    """A withdrawal of consent on a file that was refused or failed."""
    return (
        (event.action or "").endswith(":consent:withdraw")
        and event.outcome in ("denied", "error")
        and event.file_ref is not None
    )


def drawn(event_id: uuid.UUID, seed: str, rate_percent: float) -> bool:
    """Whether the keyed draw takes ``event_id`` at ``rate_percent`` under ``seed``."""
    digest = hmac.new(seed.encode("utf-8"), event_id.bytes, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") < rate_percent / 100 * _SCALE


def draw_sample(events: Iterable[EventRow], seed: str, rate_percent: float) -> list[Drawn]:
    """The sample of ``events``: every emergency and denied access, and the reads the keyed
    draw takes; in the events' order."""
    found: list[Drawn] = []
    for event in events:
        if is_emergency(event):
            found.append(Drawn(event, "emergency"))
        elif is_denied(event):
            found.append(Drawn(event, "denied"))
        elif is_read(event) and drawn(event.id, seed, rate_percent):
            found.append(Drawn(event, "read"))
    return found


def parse_month(text: str) -> tuple[int, int] | None:
    """``YYYY-MM`` as (year, month), or None when it is not one (or out of range)."""
    match = _MONTH.match(text.strip())
    if match is None:
        return None
    year = int(match.group(1))
    # The service's accepted range of dates (a year 0 or 9999 would overflow in UTC).
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    return year, int(match.group(2))


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The month in Brussels time as a UTC half-open interval [start, end)."""
    start = datetime(year, month, 1, tzinfo=LOCAL_TIME)
    days = calendar.monthrange(year, month)[1]
    end = (start.replace(tzinfo=None) + timedelta(days=days)).replace(tzinfo=LOCAL_TIME)
    return start.astimezone(UTC), end.astimezone(UTC)


def previous_month(now: datetime) -> str:
    """The month before ``now`` in Brussels time, as ``YYYY-MM``."""
    local = now.astimezone(LOCAL_TIME)
    year, month = (local.year, local.month - 1) if local.month > 1 else (local.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def overdue(due_at: datetime, answered_at: datetime | None, now: datetime) -> bool:
    """An item is overdue once its deadline passed without an answer."""
    return answered_at is None and now >= due_at
