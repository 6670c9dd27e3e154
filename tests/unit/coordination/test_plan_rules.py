"""The family plan's rules, without a database: which status may follow which, what a family
account sees, when an action is overdue, and what counts as covered."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from zorgafstemming.coordination import plan_rules

PARENT, CHILD, YOUTH = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def test_a_finished_action_stays_finished() -> None:
    assert plan_rules.may_move("planned", "in_progress")
    assert plan_rules.may_move("in_progress", "dropped")
    assert not plan_rules.may_move("planned", "planned")
    for final in ("done", "dropped"):
        assert not any(plan_rules.may_move(final, s) for s in ("planned", "in_progress", "done"))


def test_the_family_sees_items_about_someone_it_represents_unless_confidential() -> None:
    visible = frozenset({PARENT, CHILD})
    assert plan_rules.family_may_see(visible, [CHILD], confidential=False)
    assert plan_rules.family_may_see(visible, [PARENT, YOUTH], confidential=False)
    assert not plan_rules.family_may_see(visible, [YOUTH], confidential=False)
    assert not plan_rules.family_may_see(visible, [PARENT], confidential=True)
    assert not plan_rules.family_may_see(visible, [], confidential=False)


def test_coverage_needs_the_category_for_everyone_the_item_is_about() -> None:
    per_member = {PARENT: frozenset({"care_plan"}), CHILD: frozenset({"health"})}
    assert plan_rules.covered(per_member, "care_plan", [PARENT])
    assert not plan_rules.covered(per_member, "care_plan", [PARENT, CHILD])
    assert not plan_rules.covered(per_member, "care_plan", [])


def test_overdue_is_an_unfinished_action_past_its_local_day() -> None:
    today = date(2026, 11, 29)
    assert plan_rules.is_overdue(date(2026, 11, 28), "planned", today)
    assert not plan_rules.is_overdue(date(2026, 11, 29), "in_progress", today)
    assert not plan_rules.is_overdue(date(2026, 11, 1), "done", today)
    assert not plan_rules.is_overdue(None, "planned", today)
    # 23:30 UTC on the 28th is already the 29th in Brussels.
    assert plan_rules.local_today(datetime(2026, 11, 28, 23, 30, tzinfo=UTC)) == today
