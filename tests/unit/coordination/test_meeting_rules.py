"""Pure rules of case meetings: Brussels wall-clock time across the DST changes, the calendar
object a mail carries, and which agenda items a reader sees."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

import icalendar
import pytest

from zorgafstemming.coordination.meeting_calendar import invitation
from zorgafstemming.coordination.meeting_rules import (
    NoSuchLocalTime,
    covers_about,
    hhmm,
    local_to_utc,
    visible_items,
)


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (date(2027, 3, 27), 9),
        (date(2027, 3, 28), 8),
        (date(2027, 10, 30), 8),
        (date(2027, 10, 31), 9),
    ],
)
def test_ten_oclock_in_brussels_stays_ten_oclock_across_dst(day: date, utc_hour: int) -> None:
    instant = local_to_utc(day, time(10, 0))
    assert (instant.hour, instant.tzinfo) == (utc_hour, UTC)
    assert hhmm(instant) == "10:00"


def test_an_hour_in_the_spring_gap_does_not_exist_and_an_autumn_hour_is_its_first() -> None:
    with pytest.raises(NoSuchLocalTime):
        local_to_utc(date(2027, 3, 28), time(2, 30))
    assert local_to_utc(date(2027, 10, 31), time(2, 30)) == datetime(
        2027, 10, 31, 0, 30, tzinfo=UTC
    )


def test_the_ics_carries_the_zone_a_stable_uid_and_no_place() -> None:
    meeting_id = uuid.uuid4()
    start = local_to_utc(date(2027, 1, 14), time(10, 0))
    end = local_to_utc(date(2027, 1, 14), time(11, 0))
    common: dict[str, Any] = {
        "meeting_id": meeting_id,
        "domain": "example.be",
        "reference": "AB12CD34",
        "starts_at": start,
        "ends_at": end,
        "stamp": datetime(2026, 11, 29, tzinfo=UTC),
        "organiser": "noreply@example.be",
        "link": "https://example.be/mijn",
    }
    request = icalendar.Calendar.from_ical(invitation(method="REQUEST", sequence=0, **common))
    cancel = icalendar.Calendar.from_ical(invitation(method="CANCEL", sequence=1, **common))
    [first], [second] = request.walk("VEVENT"), cancel.walk("VEVENT")
    assert first["UID"] == second["UID"] == f"{meeting_id}@example.be"
    assert first["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert first.decoded("DTSTART").hour == 10
    assert str(first["SUMMARY"]) == "Overleg dossier AB12CD34"
    assert "LOCATION" not in first and "DESCRIPTION" not in first
    assert (str(cancel["METHOD"]), str(second["STATUS"])) == ("CANCEL", "CANCELLED")
    assert [str(tz["TZID"]) for tz in request.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_a_reader_sees_general_items_and_those_about_people_they_may_see() -> None:
    parent, youth = uuid.uuid4(), uuid.uuid4()
    agenda = [
        {"text": "Welkom", "about": []},
        {"text": "Thuis", "about": [str(parent)]},
        {"text": "School", "about": [str(youth)]},
    ]
    assert [t for t, _ in visible_items(agenda, {parent})] == ["Welkom", "Thuis"]
    assert [t for t, _ in visible_items(agenda, None)] == ["Welkom", "Thuis", "School"]


def test_text_about_members_needs_the_category_for_each_of_them() -> None:
    parent, youth = uuid.uuid4(), uuid.uuid4()
    covered = {parent: frozenset({"case_notes"}), youth: frozenset({"health"})}
    assert covers_about(covered, "case_notes", [parent])
    assert not covers_about(covered, "case_notes", [parent, youth])
    assert covers_about(covered, "health", [])
    assert not covers_about(covered, "education", [])
