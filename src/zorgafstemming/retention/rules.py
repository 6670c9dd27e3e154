"""Pure retention rules: ISO 8601 periods, calendar arithmetic in Europe/Brussels, due dates.

Nothing here touches a database or the clock; every function takes the instant it needs.

Calendar decisions (documented in ``policies/retention.toml`` too):

* A period is added to the trigger's *local* date and wall-clock time in the schedule's zone
  (Europe/Brussels): "P5Y" after 14:00 on 3 March is 14:00 on 3 March five years later, whether
  or not a daylight-saving change lies in between.
* Years and months are added first; a day that does not exist in the target month is clamped to
  the month's last day: 29 February + P1Y is **28 February** (also 31 January + P1M is 28 or 29
  February). Clamping never stretches a period — data is not kept a day longer than the rule
  says — and it is what ISO 8601 libraries, java.time and PostgreSQL intervals do.
* Then weeks and days (calendar days, wall clock kept), then hours, minutes and seconds as
  elapsed time.
* A local time that does not exist (spring forward, 02:00-03:00 on the last Sunday of March) is
  the first instant after the gap (02:30 → 03:00 CEST), so that a later trigger never falls due
  before an earlier one; an ambiguous local time (fall back, 02:00-03:00 on the last Sunday of
  October) is its first occurrence (CEST), i.e. the earlier instant.
* A record is due at its due instant exactly: ``now >= due_at``; a second before, it is not. A
  record under a legal hold is never due.
"""

from __future__ import annotations

import calendar
import re
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

SCHEDULE_ZONE = ZoneInfo("Europe/Brussels")


class PeriodError(ValueError):
    """A text is not a supported ISO 8601 duration."""


@dataclass(frozen=True)
class Period:
    """An ISO 8601 duration with whole-number components (``PnYnMnWnDTnHnMnS``)."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0

    @property
    def is_zero(self) -> bool:
        """True when every component is zero."""
        return not any(
            (self.years, self.months, self.weeks, self.days, self.hours, self.minutes, self.seconds)
        )

    def __str__(self) -> str:
        date_part = "".join(
            f"{value}{unit}"
            for value, unit in ((self.years, "Y"), (self.months, "M"), (self.weeks, "W"))
            if value
        ) + (f"{self.days}D" if self.days else "")
        time_part = "".join(
            f"{value}{unit}"
            for value, unit in ((self.hours, "H"), (self.minutes, "M"), (self.seconds, "S"))
            if value
        )
        if not date_part and not time_part:
            return "PT0S"
        return "P" + date_part + (f"T{time_part}" if time_part else "")


# Whole numbers only: fractions of a year or month have no calendar meaning we would want to
# defend, and a schedule never needs them. Standard format ``PnYnMnWnDTnHnMnS`` (the week
# designator may be combined with the others, as ISO 8601-2 allows).
_PERIOD_RE = re.compile(
    r"P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?"
)
_MAX_COMPONENT = 10_000


def parse_period(text: str) -> Period:
    """Parse an ISO 8601 duration such as ``P5Y``, ``P3M``, ``P90D`` or ``P1Y6MT12H``.

    Raises :class:`PeriodError` for anything else: empty designators (``P``, ``PT``), negative or
    fractional values, lower-case designators, whitespace.
    """
    match = _PERIOD_RE.fullmatch(text)
    if match is None or text in ("P", "PT") or text.endswith("T"):
        raise PeriodError(f"not an ISO 8601 duration (like P5Y, P3M, P90D): {text!r}")
    values = {name: int(value) for name, value in match.groupdict().items() if value is not None}
    if any(value > _MAX_COMPONENT for value in values.values()):
        raise PeriodError(f"a component of {text!r} is implausibly large")
    return Period(**values)


def _add_months(year: int, month: int, day: int, months: int) -> tuple[int, int, int]:
    index = year * 12 + (month - 1) + months
    new_year, new_month = divmod(index, 12)
    new_month += 1
    last_day = calendar.monthrange(new_year, new_month)[1]
    return new_year, new_month, min(day, last_day)


def add_period(start: datetime, period: Period, zone: ZoneInfo = SCHEDULE_ZONE) -> datetime:
    """The UTC instant ``period`` after ``start``, counted on the calendar of ``zone``.

    See the module docstring for how month ends, 29 February and daylight-saving changes go.
    """
    if start.tzinfo is None:
        raise ValueError("add_period needs a timezone-aware start")
    local = start.astimezone(zone)
    year, month, day = _add_months(
        local.year, local.month, local.day, period.years * 12 + period.months
    )
    naive = local.replace(tzinfo=None, year=year, month=month, day=day)
    naive += timedelta(days=period.weeks * 7 + period.days)
    elapsed = timedelta(hours=period.hours, minutes=period.minutes, seconds=period.seconds)
    return local_to_utc(naive, zone) + elapsed


def local_to_utc(naive: datetime, zone: ZoneInfo = SCHEDULE_ZONE) -> datetime:
    """The UTC instant of a wall-clock time in ``zone``: an ambiguous time is its first
    occurrence; a time inside a spring-forward gap is the first instant after the gap."""
    first = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == naive:
        return first
    # Inside the gap: the smallest instant whose wall time is at or after ``naive`` lies
    # between the fold=1 reading (too early) and the fold=0 reading (too late).
    low = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    high = first
    while high - low > timedelta(microseconds=1):
        mid = low + (high - low) / 2
        if mid.astimezone(zone).replace(tzinfo=None) >= naive:
            high = mid
        else:
            low = mid
    return high


def is_due(due_at: datetime | None, now: datetime, *, held: bool = False) -> bool:
    """True from the due instant on (not a second before); never while held or without a date."""
    if held or due_at is None:
        return False
    return now >= due_at


# --- the schedule --------------------------------------------------------------------------


class RecordKind(StrEnum):
    """What a rule applies to."""

    FILE = "coordination_file"
    SESSION = "session"
    LOGIN_RECORD = "login_record"
    AUDIT_EVENT = "audit_event"
    CONSENT_PROOF = "consent_proof"
    SUBJECT_REQUEST = "subject_request"


class Trigger(StrEnum):
    """The event from which a rule's period runs."""

    FILE_CLOSED = "file_closed"
    CONSENTS_ENDED = "all_consents_ended"
    LAST_ACTIVITY = "last_activity"
    ENDED = "ended"
    OCCURRED = "occurred"
    FILE_PURGED = "file_purged"
    ANSWERED = "answered"


class RuleAction(StrEnum):
    """What happens when a rule falls due."""

    PURGE = "purge"
    REVIEW = "review"


# Which triggers and actions make sense for which record kind; anything else is a config error.
ALLOWED: dict[RecordKind, tuple[frozenset[Trigger], frozenset[RuleAction]]] = {
    RecordKind.FILE: (
        frozenset({Trigger.FILE_CLOSED, Trigger.CONSENTS_ENDED, Trigger.LAST_ACTIVITY}),
        frozenset({RuleAction.PURGE, RuleAction.REVIEW}),
    ),
    RecordKind.SESSION: (frozenset({Trigger.ENDED}), frozenset({RuleAction.PURGE})),
    RecordKind.LOGIN_RECORD: (frozenset({Trigger.ENDED}), frozenset({RuleAction.PURGE})),
    RecordKind.AUDIT_EVENT: (frozenset({Trigger.OCCURRED}), frozenset({RuleAction.PURGE})),
    RecordKind.CONSENT_PROOF: (frozenset({Trigger.FILE_PURGED}), frozenset({RuleAction.PURGE})),
    RecordKind.SUBJECT_REQUEST: (frozenset({Trigger.ANSWERED}), frozenset({RuleAction.PURGE})),
}


@dataclass(frozen=True)
class RetentionRule:
    """One line of the schedule: record kind x trigger event x period → action."""

    id: str
    record: RecordKind
    trigger: Trigger
    period: Period
    action: RuleAction
    description: str = ""


@dataclass(frozen=True)
class Schedule:
    """The validated retention schedule."""

    rules: tuple[RetentionRule, ...]
    version: int = 1

    def for_record(self, record: RecordKind) -> tuple[RetentionRule, ...]:
        """The rules of one record kind, in file order."""
        return tuple(rule for rule in self.rules if rule.record == record)

    def rule(self, rule_id: str) -> RetentionRule:
        """The rule with this id (KeyError when unknown)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def cutoff(self, record: RecordKind, now: datetime) -> tuple[RetentionRule, datetime] | None:
        """For a record kind with one purge rule: that rule and the latest trigger instant that
        is due at ``now`` (records with ``trigger <= cutoff`` are due)."""
        purge = [r for r in self.for_record(record) if r.action == RuleAction.PURGE]
        if not purge:
            return None
        rule = purge[0]
        return rule, subtract_period(now, rule.period)


def subtract_period(end: datetime, period: Period, zone: ZoneInfo = SCHEDULE_ZONE) -> datetime:
    """The latest trigger instant ``t`` with ``add_period(t, period) <= end``.

    Used to select bulk records (sessions, audit events) with one indexed comparison:
    ``trigger <= cutoff`` is ``add_period(trigger) <= end`` (exact wherever wall-clock order and
    time order agree, i.e. outside the repeated autumn hour).
    """
    local = end.astimezone(zone)
    elapsed = timedelta(hours=period.hours, minutes=period.minutes, seconds=period.seconds)
    local = (local.astimezone(UTC) - elapsed).astimezone(zone)
    year, month, day = _add_months(
        local.year, local.month, local.day, -(period.years * 12 + period.months)
    )
    naive = local.replace(tzinfo=None, year=year, month=month, day=day)
    naive -= timedelta(days=period.weeks * 7 + period.days)
    low = local_to_utc(naive, zone)
    # Clamping at month ends makes this plain inverse wrong by up to three days: bracket the
    # boundary in whole days, then bisect it to the microsecond.
    one_day = timedelta(days=1)
    while add_period(low, period, zone) > end:
        low -= one_day
    high = low + one_day
    while add_period(high, period, zone) <= end:
        low, high = high, high + one_day
    while high - low > timedelta(microseconds=1):
        mid = low + (high - low) // 2
        if add_period(mid, period, zone) <= end:
            low = mid
        else:
            high = mid
    return low


# --- files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionFacts:
    """What the schedule needs to know about one coordination file (no personal data)."""

    file_id: uuid.UUID
    status: str  # "open" | "closed"
    closed_at: datetime | None  # effective closing time (coordination.rules)
    consents_ended_at: datetime | None  # when the last consent ended, if all have ended
    last_activity_at: datetime | None
    held: bool = False


@dataclass(frozen=True)
class Due:
    """When a record falls due under which rule, and whether it is due now."""

    rule: RetentionRule
    due_at: datetime
    due_now: bool
    held: bool


def _file_trigger(facts: RetentionFacts, trigger: Trigger) -> datetime | None:
    if trigger == Trigger.FILE_CLOSED:
        return facts.closed_at if facts.status == "closed" else None
    if trigger == Trigger.CONSENTS_ENDED:
        return facts.consents_ended_at
    if trigger == Trigger.LAST_ACTIVITY:
        # Only open files are reviewed for inactivity; a closed file has its own purge clock.
        return facts.last_activity_at if facts.status == "open" else None
    return None


def _earliest(schedule: Schedule, facts: RetentionFacts, action: RuleAction) -> Due | None:
    best: tuple[datetime, RetentionRule] | None = None
    for rule in schedule.for_record(RecordKind.FILE):
        start = _file_trigger(facts, rule.trigger) if rule.action == action else None
        if start is None:
            continue
        due_at = add_period(start, rule.period)
        if best is None or due_at < best[0]:
            best = (due_at, rule)
    if best is None:
        return None
    due_at, rule = best
    # ``due_now`` is filled in by the callers, which know whether a hold matters.
    return Due(rule=rule, due_at=due_at, due_now=False, held=facts.held)


def file_purge_due(schedule: Schedule, facts: RetentionFacts, now: datetime) -> Due | None:
    """The earliest purge rule that applies to a file, with its due instant; None when no rule
    applies yet (an open file with active consent). A held file is reported but never due."""
    due = _earliest(schedule, facts, RuleAction.PURGE)
    if due is None:
        return None
    return replace(due, due_now=is_due(due.due_at, now, held=facts.held))


def file_review_due(schedule: Schedule, facts: RetentionFacts, now: datetime) -> Due | None:
    """The inactivity review of an open file, if a review rule applies (a hold does not stop a
    review: it only stops deletion)."""
    due = _earliest(schedule, facts, RuleAction.REVIEW)
    if due is None:
        return None
    return replace(due, due_now=is_due(due.due_at, now))
