"""Input ranges: dates a calendar can hold but arithmetic cannot, and counts a database cannot."""

from __future__ import annotations

from datetime import UTC, date, datetime

import msgspec
import pytest

from zorgafstemming.bounds import DatedInput, OutOfRange, parse_date


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"])
def test_dates_outside_1900_to_2200_are_refused(text: str) -> None:
    with pytest.raises(OutOfRange):
        parse_date(text)


def test_dates_at_the_edges_are_taken() -> None:
    assert parse_date("1900-01-01") == date(1900, 1, 1)
    assert parse_date("2200-12-31") == date(2200, 12, 31)


class _Until(DatedInput):
    until: datetime
    born: date | None = None


def test_a_struct_with_a_date_out_of_range_fails_to_decode_naming_the_field() -> None:
    with pytest.raises(msgspec.ValidationError, match="until"):
        msgspec.json.decode(b'{"until": "0001-01-01T00:00:00+01:00"}', type=_Until)
    with pytest.raises(msgspec.ValidationError, match="born"):
        msgspec.convert({"until": "2030-01-01T00:00:00Z", "born": "9999-01-01"}, _Until)
    ok = msgspec.convert({"until": "2030-01-01T00:00:00Z"}, _Until)
    assert ok.until == datetime(2030, 1, 1, tzinfo=UTC)
