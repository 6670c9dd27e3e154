"""Retention rules: ISO 8601 periods, Brussels calendar arithmetic and due dates, at the edges."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgafstemming.retention.rules import (
    SCHEDULE_ZONE,
    Period,
    PeriodError,
    RecordKind,
    RetentionFacts,
    add_period,
    file_purge_due,
    file_review_due,
    is_due,
    parse_period,
    subtract_period,
)
from zorgafstemming.retention.schedule import (
    ScheduleError,
    default_path,
    load_schedule,
    parse_schedule,
)

SECOND = timedelta(seconds=1)


def brussels(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, *, fold: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SCHEDULE_ZONE, fold=fold).astimezone(UTC)


# --- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P5Y", Period(years=5)),
        ("P3M", Period(months=3)),
        ("P90D", Period(days=90)),
        ("P2W", Period(weeks=2)),
        ("PT12H", Period(hours=12)),
        ("PT1M", Period(minutes=1)),
        ("P1M", Period(months=1)),
        ("P1Y6M2DT3H4M5S", Period(1, 6, 0, 2, 3, 4, 5)),
    ],
)
def test_parse_period_accepts_iso_8601(text: str, expected: Period) -> None:
    assert parse_period(text) == expected
    assert str(parse_period(text)) == text


@pytest.mark.parametrize(
    "text",
    ["", "P", "PT", "P1YT", "5Y", "p5y", "P-1Y", "P1.5Y", "P 5Y", "P5Y ", "PT5D", "P5H", "P99999Y"],
)
def test_parse_period_refuses_anything_else(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


# --- calendar arithmetic ---------------------------------------------------------------------


def test_leap_day_plus_one_year_is_28_february() -> None:
    start = brussels(2028, 2, 29, 10, 0)
    assert add_period(start, parse_period("P1Y")) == brussels(2029, 2, 28, 10, 0)
    # Four years on, 29 February exists again.
    assert add_period(start, parse_period("P4Y")) == brussels(2032, 2, 29, 10, 0)


def test_month_end_is_clamped() -> None:
    assert add_period(brussels(2027, 1, 31, 9), parse_period("P1M")) == brussels(2027, 2, 28, 9)
    assert add_period(brussels(2028, 1, 31, 9), parse_period("P1M")) == brussels(2028, 2, 29, 9)
    assert add_period(brussels(2027, 8, 31, 9), parse_period("P3M")) == brussels(2027, 11, 30, 9)


def test_period_keeps_wall_clock_across_daylight_saving() -> None:
    # 1 March is CET (+1), 1 April CEST (+2): the local time stays 14:00.
    due = add_period(brussels(2027, 3, 1, 14, 0), parse_period("P1M"))
    assert due == brussels(2027, 4, 1, 14, 0)
    assert due == datetime(2027, 4, 1, 12, 0, tzinfo=UTC)
    # Days, too: a day across the spring-forward night is 23 hours of elapsed time.
    start = brussels(2027, 3, 27, 12, 0)
    assert add_period(start, parse_period("P1D")) - start == timedelta(hours=23)
    # Time components are elapsed time.
    assert add_period(start, parse_period("PT24H")) - start == timedelta(hours=24)


def test_nonexistent_local_time_goes_to_end_of_gap() -> None:
    # 28 March 2027, 02:00-03:00 does not exist in Brussels.
    start = brussels(2027, 3, 27, 2, 30)
    due = add_period(start, parse_period("P1D"))
    assert due == datetime(2027, 3, 28, 1, 0, tzinfo=UTC)  # 03:00 CEST
    # A later trigger never falls due before an earlier one across the gap.
    assert add_period(brussels(2027, 3, 27, 2, 59), parse_period("P1D")) <= add_period(
        brussels(2027, 3, 27, 3, 0), parse_period("P1D")
    )


def test_ambiguous_local_time_is_first_occurrence() -> None:
    # 31 October 2027, 02:30 happens twice; the first is CEST (00:30 UTC).
    due = add_period(brussels(2027, 10, 30, 2, 30), parse_period("P1D"))
    assert due == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_add_period_refuses_naive_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        add_period(datetime(2027, 1, 1), parse_period("P1D"))


@given(
    start=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
    ),
    period=st.sampled_from(["P90D", "P3M", "P5Y", "P18M", "P1Y", "P2W", "PT36H"]),
)
def test_subtract_period_is_the_exact_boundary(start: datetime, period: str) -> None:
    parsed = parse_period(period)
    cutoff = subtract_period(start, parsed)
    assert add_period(cutoff, parsed) <= start
    assert add_period(cutoff + SECOND, parsed) > start


# --- due -------------------------------------------------------------------------------------


def test_due_exactly_at_boundary_not_a_second_before() -> None:
    due_at = datetime(2030, 1, 1, tzinfo=UTC)
    assert not is_due(due_at, due_at - SECOND)
    assert is_due(due_at, due_at)
    assert is_due(due_at, due_at + SECOND)
    assert not is_due(due_at, due_at + timedelta(days=9999), held=True)
    assert not is_due(None, due_at)


SCHEDULE = load_schedule()


def facts(**kwargs: object) -> RetentionFacts:
    base: dict[str, object] = {
        "file_id": uuid.uuid4(),
        "status": "closed",
        "closed_at": brussels(2026, 2, 28, 16, 0),
        "consents_ended_at": None,
        "last_activity_at": None,
    }
    base.update(kwargs)
    return RetentionFacts(**base)  # type: ignore[arg-type]


def test_closed_file_falls_due_five_years_after_closing() -> None:
    f = facts()
    boundary = brussels(2031, 2, 28, 16, 0)
    due = file_purge_due(SCHEDULE, f, boundary - SECOND)
    assert due is not None
    assert due.rule.id == "file-closed" and due.due_at == boundary and not due.due_now
    due = file_purge_due(SCHEDULE, f, boundary)
    assert due is not None and due.due_now


def test_held_file_is_reported_but_never_due() -> None:
    due = file_purge_due(SCHEDULE, facts(held=True), brussels(2099, 1, 1))
    assert due is not None and due.held and not due.due_now


def test_earliest_purge_rule_wins() -> None:
    ended = brussels(2026, 3, 10, 9, 0)
    due = file_purge_due(SCHEDULE, facts(consents_ended_at=ended), ended)
    assert due is not None
    assert due.rule.id == "file-consents-ended"
    assert due.due_at == brussels(2026, 6, 10, 9, 0)


def test_open_file_with_consent_is_not_scheduled_but_reviewed_when_idle() -> None:
    idle_since = brussels(2026, 1, 15, 8, 0)
    f = facts(status="open", closed_at=None, last_activity_at=idle_since)
    assert file_purge_due(SCHEDULE, f, brussels(2099, 1, 1)) is None
    review = file_review_due(SCHEDULE, f, brussels(2027, 7, 15, 8, 0))
    assert review is not None and review.due_now and review.rule.id == "file-inactive-review"
    review = file_review_due(SCHEDULE, f, brussels(2027, 7, 15, 8, 0) - SECOND)
    assert review is not None and not review.due_now
    # A closed file is not reviewed for inactivity: it has its own purge clock.
    assert file_review_due(SCHEDULE, facts(last_activity_at=idle_since), idle_since) is None


# --- the schedule file -----------------------------------------------------------------------


def test_shipped_schedule_is_valid_and_covers_every_record_kind() -> None:
    kinds = {rule.record for rule in load_schedule(default_path()).rules}
    assert kinds == set(RecordKind)


GOOD_RULE = {
    "id": "x",
    "record": "session",
    "trigger": "ended",
    "period": "P90D",
    "action": "purge",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"period": "90 days"}, "not an ISO 8601 duration"),
        ({"period": "P0D"}, "longer than zero"),
        ({"record": "photos"}, "record 'photos' is not one of"),
        ({"trigger": "file_closed"}, "does not apply to session"),
        ({"action": "archive"}, "action 'archive'"),
        ({"colour": "red"}, "unknown keys: colour"),
        ({"id": ""}, "missing or empty: id"),
    ],
)
def test_invalid_rules_are_refused_with_a_clear_message(
    change: dict[str, str], message: str
) -> None:
    with pytest.raises(ScheduleError, match=message):
        parse_schedule({"version": 1, "rule": [{**GOOD_RULE, **change}]})


def test_inactivity_may_only_trigger_review_and_ids_are_unique() -> None:
    purge_idle = {
        "id": "idle",
        "record": "coordination_file",
        "trigger": "last_activity",
        "period": "P1Y",
        "action": "purge",
    }
    with pytest.raises(ScheduleError, match="may only 'review'"):
        parse_schedule({"rule": [purge_idle]})
    with pytest.raises(ScheduleError, match="duplicate id"):
        parse_schedule({"rule": [GOOD_RULE, {**GOOD_RULE, "record": "login_record"}]})


def test_unreadable_or_broken_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="cannot read"):
        load_schedule(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[rule]\n")
    with pytest.raises(ScheduleError, match="not valid TOML"):
        load_schedule(bad)


def test_service_refuses_to_start_with_a_broken_schedule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zorgafstemming.app import create_app
    from zorgafstemming.config import ConfigError, Settings

    (tmp_path / "retention.toml").write_text('[[rule]]\nid = "x"\nperiod = "forever"\n')
    monkeypatch.setenv("ZORG_POLICIES_DIR", str(tmp_path))
    with pytest.raises(ConfigError, match="retention schedule"):
        create_app(Settings(data_dir=tmp_path))
