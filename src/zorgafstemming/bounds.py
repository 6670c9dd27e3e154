"""Sane ranges for dates, times and counts that arrive in requests, checked where they are read.

A date like 9999-12-31 or 0001-01-01 is valid ISO 8601, but adding a day to it, or moving it
to UTC, overflows Python's ``datetime``.
Such values are refused as input (422) before anything computes with them.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import msgspec

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200

Day = TypeVar("Day", bound=date)


class OutOfRange(ValueError):
    """A date, time or count outside the range this service accepts."""


def check_date(value: Day, field: str = "value") -> Day:
    """``value`` (a date or datetime) when its year lies in the accepted range."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise OutOfRange(f"{field}: a date between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value


def parse_date(text: str, field: str = "value") -> date:
    """A ``YYYY-MM-DD`` date in the accepted range; :class:`ValueError` otherwise."""
    return check_date(date.fromisoformat(text), field)


class DatedInput(msgspec.Struct):
    """Base of request structures with date or datetime fields: each must lie in the range.

    msgspec runs ``__post_init__`` while decoding, so a value out of range is a validation
    error of the request (422) before any service sees it.
    """

    def __post_init__(self) -> None:
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if isinstance(value, date):  # datetime is a date too
                check_date(value, name)
