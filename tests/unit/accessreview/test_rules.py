"""The sample draw and the signal rules as pure functions over crafted event rows."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories.access_review import OCTOBER_DAY, event_row
from zorgafstemming.accessreview import rules, signals
from zorgafstemming.accessreview.policy import (
    ReviewPolicyError,
    parse_policy,
    read_policy,
    review_policy,
)


def _reads(count: int) -> list[rules.EventRow]:
    return [
        event_row(event_id=uuid.UUID(int=i + 1), file=f"f{i}", at=OCTOBER_DAY) for i in range(count)
    ]


def test_the_same_seed_draws_the_same_reads_in_any_order() -> None:
    events = _reads(2000)
    first = rules.draw_sample(events, "seed-one", 2.0)
    again = rules.draw_sample(list(reversed(events)), "seed-one", 2.0)
    assert {d.event.id for d in first} == {d.event.id for d in again}
    # About 2 % of 2000 reads: far from none and far from all.
    assert 10 <= len(first) <= 80


def test_a_different_seed_draws_different_reads() -> None:
    events = _reads(2000)
    one = {d.event.id for d in rules.draw_sample(events, "seed-one", 2.0)}
    two = {d.event.id for d in rules.draw_sample(events, "seed-two", 2.0)}
    assert one != two


@given(st.text(min_size=1, max_size=20), st.floats(min_value=0.001, max_value=100))
def test_denied_and_emergency_accesses_are_always_drawn(seed: str, rate: float) -> None:
    denied = event_row(outcome="denied", policy="default-deny")
    emergency_action = event_row(action="emergency:grant:request", policy=None)
    emergency_read = event_row(policy="emergency-read")
    drawn = rules.draw_sample([denied, emergency_action, emergency_read], seed, rate)
    assert [(d.event, d.reason) for d in drawn] == [
        (denied, "denied"),
        (emergency_action, "emergency"),
        (emergency_read, "emergency"),
    ]


def test_only_a_social_workers_allowed_look_at_a_file_is_a_read() -> None:
    assert rules.is_read(event_row(action="coordination:entry:list"))
    assert not rules.is_read(event_row(action="coordination:entry:create"))
    assert not rules.is_read(event_row(role="family", action="family:file:read"))
    assert not rules.is_read(event_row(file=None, action="coordination:file:list"))
    assert not rules.is_read(event_row(outcome="denied"))
    # At 100 % every read is drawn, a change never.
    both = [event_row(), event_row(action="coordination:entry:create")]
    assert [d.reason for d in rules.draw_sample(both, "s", 100.0)] == ["read"]


def test_a_month_is_bounded_in_brussels_time() -> None:
    start, end = rules.month_bounds(2026, 10)
    assert start == datetime(2026, 9, 30, 22, 0, tzinfo=UTC)  # summer time: UTC+2
    assert end == datetime(2026, 10, 31, 23, 0, tzinfo=UTC)  # winter time again: UTC+1
    assert rules.previous_month(datetime(2026, 11, 1, 0, 30, tzinfo=UTC)) == "2026-10"
    assert rules.previous_month(datetime(2026, 1, 15, tzinfo=UTC)) == "2025-12"
    assert rules.parse_month("2026-13") is None and rules.parse_month("oktober") is None
    assert rules.parse_month("0000-01") is None and rules.parse_month("9999-12") is None


def test_an_unanswered_item_is_overdue_from_its_deadline() -> None:
    due = OCTOBER_DAY
    assert not rules.overdue(due, None, due - timedelta(seconds=1))
    assert rules.overdue(due, None, due)
    assert not rules.overdue(due, due - timedelta(days=1), due + timedelta(days=9))


# ---- signals ---------------------------------------------------------------------------------

POLICY = review_policy()


def test_many_files_fires_for_an_account_far_above_its_peers() -> None:
    events = [event_row(actor="trawler", file=f"f{i}") for i in range(40)]
    for peer in ("p1", "p2", "p3"):
        events += [event_row(actor=peer, file=f"f{i}") for i in range(5)]
    found = signals.many_files(events, POLICY.many_files)
    assert [(s.actor_ref, s.count, s.baseline) for s in found] == [("trawler", 40, 5)]


def test_many_files_is_quiet_without_peers_or_below_the_floor() -> None:
    alone = [event_row(actor="solo", file=f"f{i}") for i in range(50)]
    assert signals.many_files(alone, POLICY.many_files) == []
    few = [event_row(actor="a", file=f"f{i}") for i in range(9)] + [event_row(actor="b")]
    assert signals.many_files(few, POLICY.many_files) == []
    # Peers of another organisation do not count.
    other = [event_row(actor="x", org="o2", file="f1")]
    assert signals.many_files(alone + other, POLICY.many_files) == []


def test_no_own_writes_fires_for_a_read_of_a_file_the_organisation_never_worked_on() -> None:
    read = event_row(actor="a", org="o1", file="f9")
    other_org_wrote = event_row(actor="b", org="o2", file="f9", action="coordination:entry:create")
    found = signals.no_own_writes([read], [other_org_wrote], POLICY.no_own_writes)
    assert [(s.rule, s.actor_ref, s.file_refs) for s in found] == [("no_own_writes", "a", ("f9",))]


def test_no_own_writes_is_quiet_when_a_colleague_wrote_in_the_lookback() -> None:
    read = event_row(actor="a", org="o1", file="f9")
    colleague = event_row(
        actor="c",
        org="o1",
        file="f9",
        action="coordination:entry:create",
        at=OCTOBER_DAY - timedelta(days=30),
    )
    assert signals.no_own_writes([read], [colleague], POLICY.no_own_writes) == []
    # A change longer ago than the lookback does not count.
    old = event_row(
        actor="c",
        org="o1",
        file="f9",
        action="coordination:entry:create",
        at=OCTOBER_DAY - timedelta(days=POLICY.no_own_writes.lookback_days + 1),
    )
    assert len(signals.no_own_writes([read], [old], POLICY.no_own_writes)) == 1


def test_off_hours_uses_brussels_time() -> None:
    # 05:30 UTC is 07:30 in Brussels in October (summer time): inside the hours.
    early_ok = event_row(actor="a", at=datetime(2026, 10, 13, 5, 30, tzinfo=UTC))
    # 18:30 UTC is 20:30 in Brussels: outside.
    late = event_row(actor="b", at=datetime(2026, 10, 13, 18, 30, tzinfo=UTC))
    # 04:59 UTC is 06:59 in Brussels: outside.
    early = event_row(actor="b", at=datetime(2026, 10, 14, 4, 59, tzinfo=UTC))
    found = signals.off_hours([early_ok, late, early], POLICY.off_hours)
    assert [(s.actor_ref, s.count) for s in found] == [("b", 2)]


def test_reads_soon_after_a_refused_withdrawal_are_flagged() -> None:
    refused = event_row(
        actor="fam",
        role="family",
        org=None,
        action="family:consent:withdraw",
        outcome="denied",
        file="f1",
    )
    soon = event_row(actor="a", file="f1", at=OCTOBER_DAY + timedelta(hours=3))
    late = event_row(actor="b", file="f1", at=OCTOBER_DAY + timedelta(hours=49))
    before = event_row(actor="c", file="f1", at=OCTOBER_DAY - timedelta(hours=1))
    other_file = event_row(actor="d", file="f2", at=OCTOBER_DAY + timedelta(hours=1))
    events = [before, refused, soon, late, other_file]
    found = signals.after_refused_withdrawal(events, POLICY.after_refused_withdrawal)
    assert [(s.actor_ref, s.file_refs) for s in found] == [("a", ("f1",))]
    # An allowed withdrawal is no signal.
    allowed = event_row(actor="fam", role="family", action="family:consent:withdraw", file="f1")
    quiet = [allowed, soon]
    assert signals.after_refused_withdrawal(quiet, POLICY.after_refused_withdrawal) == []


# ---- the policy file -------------------------------------------------------------------------


def test_the_shipped_policy_is_read_with_its_documented_defaults() -> None:
    policy = read_policy()
    assert policy.sample.rate_percent == 2.0 and policy.sample.deadline_days == 14
    assert (policy.off_hours.start_hour, policy.off_hours.end_hour) == (7, 20)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("sample", "rate_percent", 0), "rate_percent must be above 0"),
        (("sample", "rate_percent", 150), "rate_percent must be in"),
        (("sample", "deadline_days", "veertien"), "deadline_days must be a whole number"),
        (("signals.off_hours", "start_hour", 21), "start_hour must be < end_hour"),
    ],
)
def test_a_wrong_value_names_its_key(change: tuple[str, str, object], message: str) -> None:
    import tomllib

    from zorgafstemming.paths import policies_dir

    raw = tomllib.loads((policies_dir() / "review.toml").read_text())
    table, key, value = change
    target = raw
    for part in table.split("."):
        target = target[part]
    target[key] = value
    with pytest.raises(ReviewPolicyError, match=message):
        parse_policy(raw)


def test_a_missing_policy_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReviewPolicyError, match="cannot read"):
        read_policy(tmp_path)


def test_the_dpos_own_look_at_the_emergency_queue_is_no_emergency_access() -> None:
    listed = event_row(action="emergency:grant:list", policy="dpo-reviews-emergency-access")
    reviewed = event_row(action="emergency:grant:review", policy="dpo-reviews-emergency-access")
    assert not rules.is_emergency(listed)
    assert not rules.is_emergency(reviewed)
    assert rules.draw_sample([listed, reviewed], "seed", 0.001) == []
