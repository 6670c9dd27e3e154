"""The misuse signals beside the sample: one pure rule per signal over a period's event rows,
each with its thresholds from ``policies/review.toml``.

A signal names an account (by its audit ref and its organisation's) and the files involved (by
their audit refs); it is a reason to look, not a finding.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from zorgafstemming.accessreview.policy import (
    AfterRefusedWithdrawalRule,
    ManyFilesRule,
    NoOwnWritesRule,
    OffHoursRule,
    ReviewPolicy,
)
from zorgafstemming.accessreview.rules import (
    LOCAL_TIME,
    EventRow,
    is_read,
    is_refused_withdrawal,
    is_write,
)

SignalRule = Literal["many_files", "no_own_writes", "off_hours", "after_refused_withdrawal"]
SIGNAL_RULES: tuple[SignalRule, ...] = (
    "many_files",
    "no_own_writes",
    "off_hours",
    "after_refused_withdrawal",
)


@dataclass(frozen=True)
class Signal:
    """One account a rule flags: how many reads or files, and the files (audit refs)."""

    rule: SignalRule
    actor_ref: str
    actor_org_ref: str | None
    count: int
    file_refs: tuple[str, ...]
    # What the count was compared with (the peers' median for ``many_files``), else None.
    baseline: float | None = None


def _reads(events: Iterable[EventRow]) -> list[EventRow]:
    return [e for e in events if is_read(e) and e.actor_ref is not None]


def many_files(events: Sequence[EventRow], rule: ManyFilesRule) -> list[Signal]:
    """Accounts that read more distinct files than ``factor`` times the median of their peers (the
    other accounts of the same role in the same organisation that read any file)."""
    files: dict[tuple[str | None, str | None, str], set[str]] = defaultdict(set)
    for e in _reads(events):
        files[(e.actor_org_ref, e.actor_role, e.actor_ref or "")].add(e.file_ref or "")
    groups: dict[tuple[str | None, str | None], dict[str, set[str]]] = defaultdict(dict)
    for (org, role, actor), refs in files.items():
        groups[(org, role)][actor] = refs
    found = []
    for (org, _role), accounts in sorted(groups.items(), key=lambda kv: str(kv[0])):
        for actor, refs in sorted(accounts.items()):
            peers = [len(r) for a, r in accounts.items() if a != actor]
            if not peers or len(refs) < rule.min_files:
                continue
            median = statistics.median(peers)
            if len(refs) > rule.factor * median:
                found.append(
                    Signal("many_files", actor, org, len(refs), tuple(sorted(refs)), median)
                )
    return found


def no_own_writes(
    events: Sequence[EventRow], history: Sequence[EventRow], rule: NoOwnWritesRule
) -> list[Signal]:
    """Accounts that read files on which their organisation wrote nothing in the lookback
    before the read. ``history`` holds the changes on those files (it may include ``events``)."""
    writes: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    for e in history:
        if is_write(e):
            writes[(e.actor_org_ref or "", e.file_ref or "")].append(e)
    window = timedelta(days=rule.lookback_days)
    flagged: dict[str, set[str]] = defaultdict(set)
    orgs: dict[str, str | None] = {}
    for read in _reads(events):
        own = writes.get((read.actor_org_ref or "", read.file_ref or ""), [])
        if not any(read.occurred_at - window <= w.occurred_at <= read.occurred_at for w in own):
            flagged[read.actor_ref or ""].add(read.file_ref or "")
            orgs[read.actor_ref or ""] = read.actor_org_ref
    return [
        Signal("no_own_writes", actor, orgs[actor], len(refs), tuple(sorted(refs)))
        for actor, refs in sorted(flagged.items())
        if len(refs) >= rule.min_files
    ]


def off_hours(events: Sequence[EventRow], rule: OffHoursRule) -> list[Signal]:
    """Accounts that read files before ``start_hour`` or from ``end_hour`` on, Brussels time."""
    counts: dict[str, int] = defaultdict(int)
    flagged: dict[str, set[str]] = defaultdict(set)
    orgs: dict[str, str | None] = {}
    for read in _reads(events):
        hour = read.occurred_at.astimezone(LOCAL_TIME).hour
        if rule.start_hour <= hour < rule.end_hour:
            continue
        actor = read.actor_ref or ""
        counts[actor] += 1
        flagged[actor].add(read.file_ref or "")
        orgs[actor] = read.actor_org_ref
    return [
        Signal("off_hours", actor, orgs[actor], counts[actor], tuple(sorted(flagged[actor])))
        for actor in sorted(counts)
        if counts[actor] >= rule.min_reads
    ]


def after_refused_withdrawal(
    events: Sequence[EventRow], rule: AfterRefusedWithdrawalRule
) -> list[Signal]:
    """Accounts that read a file within ``within_hours`` after a withdrawal of consent on it
    was refused."""
    refused: dict[str, list[EventRow]] = defaultdict(list)
    for e in events:
        if is_refused_withdrawal(e):
            refused[e.file_ref or ""].append(e)
    window = timedelta(hours=rule.within_hours)
    counts: dict[str, int] = defaultdict(int)
    flagged: dict[str, set[str]] = defaultdict(set)
    orgs: dict[str, str | None] = {}
    for read in _reads(events):
        before = refused.get(read.file_ref or "", [])
        if any(w.occurred_at <= read.occurred_at <= w.occurred_at + window for w in before):
            actor = read.actor_ref or ""
            counts[actor] += 1
            flagged[actor].add(read.file_ref or "")
            orgs[actor] = read.actor_org_ref
    return [
        Signal("after_refused_withdrawal", a, orgs[a], counts[a], tuple(sorted(flagged[a])))
        for a in sorted(counts)
    ]


def all_signals(
    events: Sequence[EventRow], history: Sequence[EventRow], policy: ReviewPolicy
) -> list[Signal]:
    """Every rule over the period's ``events`` (``history``: the changes for the lookback)."""
    return [
        *many_files(events, policy.many_files),
        *no_own_writes(events, history, policy.no_own_writes),
        *off_hours(events, policy.off_hours),
        *after_refused_withdrawal(events, policy.after_refused_withdrawal),
    ]
