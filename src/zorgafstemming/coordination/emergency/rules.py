"""Rules of emergency access, as pure functions: the grant's period, when it is in force, when
the DPO's review falls due (5 working days, Monday to Friday), and when the family is told.

Working days are counted on the Brussels calendar; public holidays are not left out (a review
due on a holiday is due that day — earlier, never later).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from zorgafstemming.coordination.emergency.models import GROUNDS
from zorgafstemming.coordination.rules import MemberRole
from zorgafstemming.dutch import BRUSSELS

REVIEW_WORKING_DAYS = 5
# Longest explanation or note a person may type (a few paragraphs).
TEXT_MAX = 2000
# The longest the DPO may keep an emergency access from the family at once (days after the
# review); a longer wait is a new, audited review decision, never a far-off date.
DELAY_MAX_DAYS = 90


@dataclass(frozen=True)
class GrantFacts:
    """What the access decision needs about one grant."""

    ground: str
    requested_at: datetime
    expires_at: datetime
    member_roles: frozenset[str]


def expires_at(requested_at: datetime, hours: int) -> datetime:
    """The end of a grant requested at ``requested_at`` that runs ``hours`` hours."""
    return requested_at + timedelta(hours=hours)


def in_force(grant: GrantFacts, now: datetime) -> bool:
    """Whether the grant gives access at ``now``: from its request until (not at) its end."""
    return grant.requested_at <= now < grant.expires_at


def seconds_left(grant: GrantFacts, now: datetime) -> int:
    """Seconds until the grant ends, rounded up (0 once it ended): a grant in force always has
    at least one second left."""
    return max(0, math.ceil((grant.expires_at - now).total_seconds()))


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day (Monday to Friday) after ``start``."""
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return day


def review_due(requested_at: datetime) -> date:
    """The last day (Brussels calendar) on which the DPO must review a grant requested at
    ``requested_at``: the fifth working day after the day of the request."""
    return add_working_days(requested_at.astimezone(BRUSSELS).date(), REVIEW_WORKING_DAYS)


def review_overdue(requested_at: datetime, reviewed: bool, now: datetime) -> bool:
    """Whether an unreviewed grant is past its review day at ``now``."""
    return not reviewed and now.astimezone(BRUSSELS).date() > review_due(requested_at)


def disclosed_at(expires: datetime, delay_until: date | None) -> datetime:
    """When the family is told about a grant: once it ended, or — when the DPO recorded a
    reason to delay — at the start of the day after ``delay_until`` (Brussels), if later."""
    if delay_until is None:
        return expires
    after_delay = datetime.combine(delay_until + timedelta(days=1), time(0), tzinfo=BRUSSELS)
    return max(expires, after_delay)


def ground_problems(ground: str, explanation: str | None) -> dict[str, str]:
    """What is wrong with a stated ground, by field: a ground from the fixed list, and for
    ``other`` an explanation."""
    problems: dict[str, str] = {}
    if ground not in GROUNDS:
        problems["ground"] = "Choose one of: " + ", ".join(GROUNDS) + "."
    elif ground == "other" and not (explanation or "").strip():
        problems["explanation"] = "The ground 'other' needs an explanation."
    return problems


def roles_concerned(roles: list[str]) -> frozenset[str]:
    """The family roles named as concerned, checked against the member roles."""
    known = {r.value for r in MemberRole}
    unknown = [r for r in roles if r not in known]
    if unknown:
        raise ValueError("unknown member role")
    return frozenset(roles)


def covers_member(grant: GrantFacts, role: str) -> bool:
    """Whether the grant shows a member with family role ``role``: all members when no role
    was named, else the members of the named roles."""
    return not grant.member_roles or role in grant.member_roles


def grant_roles(stored: str) -> frozenset[str]:
    """The family roles a grant names, from their stored comma-separated form."""
    return frozenset(r for r in stored.split(",") if r)


def local_day(now: datetime) -> date:
    """The Brussels calendar day of ``now``."""
    return now.astimezone(BRUSSELS).date()
