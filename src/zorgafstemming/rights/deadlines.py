"""The statutory deadline of a data-subject request (GDPR art. 12(3)), on the Brussels calendar.

Pure functions: nothing here reads a clock or a database; every function takes the instant it
needs. The calendar arithmetic is the retention schedule's (:func:`retention.rules.add_period`),
so a month means the same thing here as in ``policies/retention.toml``.

* The controller answers within **one month of receipt**. The month is counted from the *local*
  date (Europe/Brussels) on which the request was received: the same day number in the next
  month, clamped to the last day of a shorter month (received 31 January → 28 February, or 29
  in a leap year; 31 March → 30 April).
* The request is due at the **end of that local day**: the Brussels midnight that ends it, so a
  deadline on the day clocks change is still the end of that calendar day (23 or 25 hours long).
* An **extension** (art. 12(3): "by two further months where necessary") adds two months to the
  original deadline's local date, with the same clamping (28 February → 28 April), and is again
  due at the end of that day.
* A request received on a Saturday, Sunday or public holiday counts from **that day**: the GDPR
  counts calendar days (Regulation 1182/71 is not applied to shift a start), and shifting would
  only ever lengthen what a family waits. Nothing here moves a deadline off a weekend either.
* A request is overdue from its due instant on (``now >= due_at``) while it is still open.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from zorgafstemming.retention.rules import SCHEDULE_ZONE, Period, add_period, local_to_utc

# One month to answer, two more months when extended (GDPR art. 12(3)).
ANSWER_PERIOD = Period(months=1)
EXTENSION_PERIOD = Period(months=2)


def local_day(at: datetime) -> date:
    """The Brussels calendar date of an instant."""
    if at.tzinfo is None:
        raise ValueError("local_day needs a timezone-aware instant")
    return at.astimezone(SCHEDULE_ZONE).date()


def start_of_day(day: date) -> datetime:
    """The UTC instant at which ``day`` begins in Brussels (midnight always exists there)."""
    return local_to_utc(datetime.combine(day, time()), SCHEDULE_ZONE)


def end_of_day(day: date) -> datetime:
    """The UTC instant at which ``day`` ends in Brussels: the midnight that starts the next."""
    return start_of_day(day + timedelta(days=1))


def due_day(due_at: datetime) -> date:
    """The last Brussels calendar day a request may be answered on (shown as dd/mm/jjjj)."""
    return local_day(due_at) - timedelta(days=1)


def _months_after(day: date, period: Period) -> date:
    return local_day(add_period(start_of_day(day), period, SCHEDULE_ZONE))


def answer_deadline(received_at: datetime) -> datetime:
    """The instant a request received at ``received_at`` must be answered by: the end of the
    same day number one month after the local day of receipt (clamped to a shorter month)."""
    return end_of_day(_months_after(local_day(received_at), ANSWER_PERIOD))


def extended_deadline(deadline: datetime) -> datetime:
    """The deadline after the one extension: two months after the original deadline's day
    (clamped), at the end of that day."""
    return end_of_day(_months_after(due_day(deadline), EXTENSION_PERIOD))


def is_overdue(due_at: datetime, now: datetime, *, still_open: bool) -> bool:
    """True from the due instant on (not a second before) while the request is unanswered."""
    return still_open and now >= due_at
