"""Sane ranges for dates, times and counts that arrive in requests, checked where they are read.

A date like 9999-12-31 or 0001-01-01 is valid ISO 8601, but adding a day to it, or moving it
to UTC, overflows Python's ``datetime``; an offset of 10**30 overflows every database integer.
Such values are refused as input (422) before anything computes with them.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import msgspec

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
# The largest offset a paginated list accepts: far beyond any real list, far below int64.
MAX_OFFSET = 1_000_000

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


def parse_count(text: str, maximum: int) -> int:
    """A whole number from ASCII digits, at most ``maximum``; :class:`ValueError` otherwise."""
    # str.isdigit() accepts digits int() refuses ("²") and digits of other scripts.
    if not text or len(text) > len(str(maximum)) or not text.isascii() or not text.isdigit():
        raise OutOfRange("a whole number")
    value = int(text)
    if value > maximum:
        raise OutOfRange(f"at most {maximum}")
    return value


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
