"""Dates typed as dd/mm/jjjj: what the server reads, and how a date is shown back."""

from __future__ import annotations

from datetime import date

import pytest

from zorgafstemming.web.date_input import parse_day, show_day


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("03/09/2018", date(2018, 9, 3)),
        ("3/9/2018", date(2018, 9, 3)),
        (" 03-09-2018 ", date(2018, 9, 3)),
        ("03.09.2018", date(2018, 9, 3)),
        ("2018-09-03", date(2018, 9, 3)),  # a value echoed from an ISO source
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_a_typed_day_is_read_as_day_month_year(typed: str, expected: date) -> None:
    assert parse_day(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "31/02/2026", "09/13/2018", "13/2018", "03/09/18", "0001-01-01", "01/01/9999", "morgen"],
)
def test_no_day_is_read_from_what_is_not_one(typed: str) -> None:
    assert parse_day(typed) is None


def test_a_day_is_shown_as_typed_here() -> None:
    assert show_day(date(2018, 9, 3)) == "03/09/2018"
    assert show_day("2018-09-03") == "03/09/2018"
    assert show_day("31/02/2026") == "31/02/2026"  # shown back as typed, with its error
    assert show_day(None) == ""
