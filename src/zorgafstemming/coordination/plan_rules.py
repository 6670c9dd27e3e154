"""Rules of the family plan, as pure functions: which status may follow which, what the family
sees of the plan, and when an action is overdue."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from zorgafstemming.coordination.plan_models import PLAN_STATUSES
from zorgafstemming.coordination.rules import BRUSSELS

# The purpose a plan serves: partners coordinating their help (a consent names it).
PLAN_PURPOSE = "care_coordination"
# The category of a goal or action unless the writer names another.
DEFAULT_CATEGORY = "care_plan"
# Categories a plan item may carry: what the partners and the family agree to do about a
# member's care, health or schooling, never their identity or contact details.
PLAN_CATEGORIES = ("care_plan", "case_notes", "health", "education")
# The plan is bounded, so it is read whole rather than paged.
MAX_GOALS = 50
MAX_ACTIONS_PER_GOAL = 30
# Statuses an action cannot leave: it is finished, one way or the other.
FINAL_STATUSES = frozenset({"done", "dropped"})

_NEXT: Mapping[str, frozenset[str]] = {
    "planned": frozenset({"in_progress", "done", "dropped"}),
    "in_progress": frozenset({"planned", "done", "dropped"}),
    "done": frozenset(),
    "dropped": frozenset(),
}
assert set(_NEXT) == set(PLAN_STATUSES)


def may_move(current: str, new: str) -> bool:
    """Whether an action in status ``current`` may move to ``new`` (a finished action stays
    finished: a new action is added instead, so the history reads straight)."""
    return new in _NEXT.get(current, frozenset())


def covered(
    per_member: Mapping[uuid.UUID, frozenset[str]], category: str, about: Iterable[uuid.UUID]
) -> bool:
    """Whether per-member covered categories include ``category`` for everyone an item is
    about; an item about nobody is never covered (as for entries)."""
    members = set(about)
    return bool(members) and all(category in per_member.get(m, frozenset()) for m in members)


def family_may_see(
    visible_members: frozenset[uuid.UUID], about: Iterable[uuid.UUID], confidential: bool
) -> bool:
    """A family account sees a plan item that is not confidential and is about at least one
    person it represents (itself, or a child under 12 it speaks for); an item only about other
    members stays hidden."""
    return not confidential and bool(set(about) & visible_members)


def is_overdue(due_on: date | None, status: str, today: date) -> bool:
    """An unfinished action whose due date has passed."""
    return due_on is not None and status not in FINAL_STATUSES and due_on < today


def local_today(at: datetime) -> date:
    """The calendar day in Flanders at instant ``at`` (due dates are local days)."""
    return at.astimezone(BRUSSELS).date()
