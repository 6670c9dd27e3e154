"""The deadline of a data-subject request: one month on the Brussels calendar, clamped at month
ends, due at the end of the local day, extended once by two months; overdue from that instant."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from zorgafstemming.retention.rules import SCHEDULE_ZONE
from zorgafstemming.rights.deadlines import (
    answer_deadline,
    due_day,
    extended_deadline,
    is_overdue,
    local_day,
)
from zorgafstemming.rights.rules import next_status

SECOND = timedelta(seconds=1)


def brussels(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, s: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, s, tzinfo=SCHEDULE_ZONE).astimezone(UTC)


@pytest.mark.parametrize(
    ("received", "last_day", "due_utc"),
    [
        # 31 January: clamped to the end of February, in a non-leap and a leap year.
        (brussels(2027, 1, 31, 15), date(2027, 2, 28), datetime(2027, 2, 28, 23, tzinfo=UTC)),
        (brussels(2028, 1, 31, 15), date(2028, 2, 29), datetime(2028, 2, 29, 23, tzinfo=UTC)),
        # 31 March → 30 April (summer time: Brussels midnight is 22:00 UTC).
        (brussels(2027, 3, 31, 9), date(2027, 4, 30), datetime(2027, 4, 30, 22, tzinfo=UTC)),
        # Received on a Saturday (3 October 2026): counted from that day, not the Monday after.
        (brussels(2026, 10, 3, 11), date(2026, 11, 3), datetime(2026, 11, 3, 23, tzinfo=UTC)),
        # Spring forward (Sunday 29 March 2026): a second before and after Brussels midnight.
        (
            brussels(2026, 3, 28, 23, 59, 59),
            date(2026, 4, 28),
            datetime(2026, 4, 28, 22, tzinfo=UTC),
        ),
        (brussels(2026, 3, 29, 0, 0, 1), date(2026, 4, 29), datetime(2026, 4, 29, 22, tzinfo=UTC)),
        # Fall back (Sunday 25 October 2026): the same, around the midnight before the change.
        (
            brussels(2026, 10, 24, 23, 59, 59),
            date(2026, 11, 24),
            datetime(2026, 11, 24, 23, tzinfo=UTC),
        ),
        (
            brussels(2026, 10, 25, 0, 0, 1),
            date(2026, 11, 25),
            datetime(2026, 11, 25, 23, tzinfo=UTC),
        ),
        # A deadline that ends on a change day ends at that day's own midnight: 25 October 2026
        # lasts 25 hours and ends at 00:00 CET (23:00 UTC); 29 March 2026 ends at 00:00 CEST.
        (brussels(2026, 9, 25, 10), date(2026, 10, 25), datetime(2026, 10, 25, 23, tzinfo=UTC)),
        (brussels(2026, 2, 28, 10), date(2026, 3, 28), datetime(2026, 3, 28, 23, tzinfo=UTC)),
        (brussels(2026, 2, 28, 23, 30), date(2026, 3, 28), datetime(2026, 3, 28, 23, tzinfo=UTC)),
    ],
)
def test_one_month_from_the_local_day_of_receipt_to_the_end_of_the_day(
    received: datetime, last_day: date, due_utc: datetime
) -> None:
    due = answer_deadline(received)
    assert due == due_utc
    assert due_day(due) == last_day
    assert local_day(due - SECOND) == last_day  # the last second still belongs to that day


def test_received_in_the_utc_evening_counts_from_the_brussels_day() -> None:
    # 23:30 UTC on 30 April is 01:30 on 1 May in Brussels: the month runs from 1 May.
    received = datetime(2027, 4, 30, 23, 30, tzinfo=UTC)
    assert due_day(answer_deadline(received)) == date(2027, 6, 1)


def test_the_month_ends_on_the_day_of_spring_forward_at_its_own_midnight() -> None:
    # Received 26 February 2028; the last Sunday of March 2028 is the 26th.
    due = answer_deadline(brussels(2028, 2, 26, 12))
    assert due_day(due) == date(2028, 3, 26)
    assert due == datetime(2028, 3, 26, 22, tzinfo=UTC)  # 00:00 CEST on 27 March


@pytest.mark.parametrize(
    ("received", "extended_last_day"),
    [
        (brussels(2027, 1, 31, 15), date(2027, 4, 28)),  # 28 Feb + 2 months, not 30 April
        (brussels(2028, 1, 31, 15), date(2028, 4, 29)),
        (brussels(2026, 11, 30, 9), date(2027, 2, 28)),  # 30 Dec + 2 months, clamped
        (brussels(2026, 8, 25, 9), date(2026, 11, 25)),  # across the October change
    ],
)
def test_an_extension_adds_two_months_to_the_original_deadline(
    received: datetime, extended_last_day: date
) -> None:
    extended = extended_deadline(answer_deadline(received))
    assert due_day(extended) == extended_last_day
    assert extended.astimezone(SCHEDULE_ZONE).time().isoformat() == "00:00:00"


def test_overdue_from_the_due_instant_on_while_open_only() -> None:
    due = answer_deadline(brussels(2027, 1, 31, 15))
    assert not is_overdue(due, due - SECOND, still_open=True)
    assert is_overdue(due, due, still_open=True)
    assert is_overdue(due, due + timedelta(days=40), still_open=True)
    assert not is_overdue(due, due + timedelta(days=40), still_open=False)


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone"):
        answer_deadline(datetime(2027, 1, 31, 15))


@pytest.mark.parametrize(
    ("status", "step", "after"),
    [
        ("received", "start", "in_progress"),
        ("in_progress", "start", None),
        ("received", "extend", "extended"),
        ("in_progress", "extend", "extended"),
        ("extended", "extend", None),  # once only
        ("extended", "answer", "answered"),
        ("in_progress", "refuse", "refused"),
        ("answered", "refuse", None),
        ("refused", "answer", None),
        ("answered", "start", None),
    ],
)
def test_only_valid_steps_move_a_request_on(status: str, step: str, after: str | None) -> None:
    assert next_status(status, step) == after  # type: ignore[arg-type]
