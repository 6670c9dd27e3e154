"""Pure rules of case meetings: Brussels wall-clock time to UTC and back, and which agenda
items a reader may see. No database, no clock."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

MEETING_ZONE_NAME = "Europe/Brussels"
MEETING_ZONE = ZoneInfo(MEETING_ZONE_NAME)
# The data category of a meeting's place and agenda (consent for purpose case_meeting).
AGENDA_CATEGORY = "case_notes"


class NoSuchLocalTime(ValueError):
    """A wall-clock time that does not exist on that day (the spring-forward gap)."""


def clock(text: str) -> time:
    """``HH:MM`` as a time."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def local_to_utc(day: date, at: time) -> datetime:
    """The UTC instant of ``at`` on ``day`` in Brussels; an ambiguous autumn hour is its first
    occurrence, a time in the spring gap :class:`NoSuchLocalTime`."""
    local = datetime.combine(day, at, tzinfo=MEETING_ZONE)
    instant = local.astimezone(UTC)
    if instant.astimezone(MEETING_ZONE).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise NoSuchLocalTime(f"{at:%H:%M} does not exist on that day in {MEETING_ZONE_NAME}")
    return instant


def local(instant: datetime) -> datetime:
    """``instant`` as Brussels wall-clock time."""
    return instant.astimezone(MEETING_ZONE)


def hhmm(instant: datetime) -> str:
    """The Brussels wall-clock time of ``instant`` as ``HH:MM``."""
    return f"{local(instant):%H:%M}"


def covers_about(
    covered: Mapping[uuid.UUID, frozenset[str]], category: str, about: Iterable[uuid.UUID]
) -> bool:
    """Whether an organisation whose case-meeting consent covers ``covered`` (per member) may
    write or read text of ``category`` about the members ``about``: for every one of them;
    about nobody in particular, some member's consent must cover the category."""
    named = list(about)
    if named:
        return all(category in covered.get(m, ()) for m in named)
    return any(category in cats for cats in covered.values())


def visible_items(
    agenda: Iterable[Mapping[str, Any]], allowed: set[uuid.UUID] | None
) -> list[tuple[str, list[uuid.UUID]]]:
    """The agenda items (text, members) a reader may see: every item when ``allowed`` is None;
    otherwise the items about no member in particular and those whose members all lie in
    ``allowed``."""
    shown: list[tuple[str, list[uuid.UUID]]] = []
    for item in agenda:
        about = [uuid.UUID(str(m)) for m in item.get("about") or []]
        if allowed is None or all(m in allowed for m in about):
            shown.append((str(item["text"]), about))
    return shown
