"""The rules of emergency access: the review day (5 working days, Monday to Friday, Brussels
calendar), the overdue flag, the grant's period and when the family is told."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from zorgafstemming.coordination.emergency import rules
from zorgafstemming.coordination.emergency.rules import GrantFacts

# (request moment in UTC, last day of review). 2026-11-23 is a Monday.
REVIEW_DAYS = [
    ("monday morning", datetime(2026, 11, 23, 9, tzinfo=UTC), date(2026, 11, 30)),
    ("tuesday", datetime(2026, 11, 24, 12, tzinfo=UTC), date(2026, 12, 1)),
    ("thursday", datetime(2026, 11, 26, 12, tzinfo=UTC), date(2026, 12, 3)),
    ("friday", datetime(2026, 11, 27, 15, tzinfo=UTC), date(2026, 12, 4)),
    ("saturday", datetime(2026, 11, 28, 10, tzinfo=UTC), date(2026, 12, 4)),
    ("sunday", datetime(2026, 11, 29, 10, tzinfo=UTC), date(2026, 12, 4)),
    # 23:30 UTC on Friday is already Saturday in Brussels.
    (
        "friday night, saturday in Brussels",
        datetime(2026, 11, 27, 23, 30, tzinfo=UTC),
        date(2026, 12, 4),
    ),
    ("across the new year", datetime(2026, 12, 30, 10, tzinfo=UTC), date(2027, 1, 6)),
]


@pytest.mark.parametrize(("case", "requested", "due"), REVIEW_DAYS, ids=[c[0] for c in REVIEW_DAYS])
def test_the_review_falls_due_on_the_fifth_working_day(
    case: str, requested: datetime, due: date
) -> None:
    assert rules.review_due(requested) == due


def test_a_review_is_overdue_only_after_its_day_and_only_unreviewed() -> None:
    monday = datetime(2026, 11, 23, 9, tzinfo=UTC)
    last_day = datetime(2026, 11, 30, 22, 59, tzinfo=UTC)  # 23:59 in Brussels
    assert not rules.review_overdue(monday, False, last_day)
    assert rules.review_overdue(monday, False, last_day + timedelta(minutes=1))
    assert not rules.review_overdue(monday, True, last_day + timedelta(days=30))


def test_a_grant_runs_from_its_request_until_not_at_its_end() -> None:
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    grant = GrantFacts("risk_to_child", start, rules.expires_at(start, 24), frozenset())
    assert grant.expires_at == start + timedelta(hours=24)
    assert rules.in_force(grant, start)
    assert rules.in_force(grant, grant.expires_at - timedelta(microseconds=1))
    assert rules.seconds_left(grant, grant.expires_at - timedelta(microseconds=1)) == 1
    assert not rules.in_force(grant, grant.expires_at)
    assert rules.seconds_left(grant, grant.expires_at) == 0
    assert not rules.in_force(grant, start - timedelta(seconds=1))


def test_the_family_is_told_at_the_end_or_after_the_delay() -> None:
    end = datetime(2026, 11, 24, 9, tzinfo=UTC)
    assert rules.disclosed_at(end, None) == end
    # After the last day of the delay: midnight in Brussels (23:00 UTC in winter).
    assert rules.disclosed_at(end, date(2026, 12, 10)) == datetime(2026, 12, 10, 23, tzinfo=UTC)
    # A delay that ends before the grant does not tell the family earlier.
    assert rules.disclosed_at(end, date(2026, 11, 1)) == end


@pytest.mark.parametrize(
    ("ground", "explanation", "problem"),
    [
        ("risk_to_child", None, None),
        ("court_order", None, None),
        ("other", "Bevel van de politie.", None),
        ("other", None, "explanation"),
        ("other", "   ", "explanation"),
        ("curiosity", "Ik wil het weten.", "ground"),
        ("", None, "ground"),
    ],
)
def test_a_ground_comes_from_the_list_and_other_needs_an_explanation(
    ground: str, explanation: str | None, problem: str | None
) -> None:
    assert list(rules.ground_problems(ground, explanation)) == ([problem] if problem else [])


def test_the_members_concerned_limit_what_the_grant_shows() -> None:
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    whole = GrantFacts("court_order", start, start, frozenset())
    child = GrantFacts("court_order", start, start, rules.roles_concerned(["child"]))
    assert rules.covers_member(whole, "parent") and rules.covers_member(whole, "child")
    assert rules.covers_member(child, "child") and not rules.covers_member(child, "parent")
    with pytest.raises(ValueError, match="unknown member role"):
        rules.roles_concerned(["neighbour"])
