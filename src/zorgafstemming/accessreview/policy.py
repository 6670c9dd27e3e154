"""The access-review settings from ``policies/review.toml``: the sample rate, the deadline and
one threshold set per signal rule (each documented in that file)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zorgafstemming.paths import policies_dir

POLICY_FILE = "review.toml"


class ReviewPolicyError(Exception):
    """``policies/review.toml`` is missing, unreadable or holds a value out of range."""


@dataclass(frozen=True)
class SampleRule:
    """How much of a month is drawn, and how long a coordinator has to answer."""

    rate_percent: float
    deadline_days: int


@dataclass(frozen=True)
class ManyFilesRule:
    """More distinct files than ``factor`` times the peers' median, and at least ``min_files``."""

    factor: float
    min_files: int


@dataclass(frozen=True)
class NoOwnWritesRule:
    """Reads of files the reader's organisation wrote nothing in within ``lookback_days``."""

    lookback_days: int
    min_files: int


@dataclass(frozen=True)
class OffHoursRule:
    """Reads before ``start_hour`` or from ``end_hour`` on, local time."""

    start_hour: int
    end_hour: int
    min_reads: int


@dataclass(frozen=True)
class AfterRefusedWithdrawalRule:
    """Reads of a file within ``within_hours`` after a refused withdrawal on it."""

    within_hours: int


@dataclass(frozen=True)
class ReviewPolicy:
    """Everything ``policies/review.toml`` sets."""

    sample: SampleRule
    many_files: ManyFilesRule
    no_own_writes: NoOwnWritesRule
    off_hours: OffHoursRule
    after_refused_withdrawal: AfterRefusedWithdrawalRule


def _number(table: dict[str, Any], name: str, key: str, low: float, high: float) -> float:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ReviewPolicyError(f"{POLICY_FILE}: [{name}] {key} must be a number")
    if not low <= value <= high:
        raise ReviewPolicyError(f"{POLICY_FILE}: [{name}] {key} must be in {low}..{high}")
    return float(value)


def _whole(table: dict[str, Any], name: str, key: str, low: int, high: int) -> int:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReviewPolicyError(f"{POLICY_FILE}: [{name}] {key} must be a whole number")
    if not low <= value <= high:
        raise ReviewPolicyError(f"{POLICY_FILE}: [{name}] {key} must be in {low}..{high}")
    return value


def parse_policy(raw: dict[str, Any]) -> ReviewPolicy:
    """The policy from the parsed TOML, or :class:`ReviewPolicyError` naming the bad key."""
    signals = raw.get("signals", {})

    def table(name: str, source: dict[str, Any]) -> dict[str, Any]:
        found = source.get(name)
        if not isinstance(found, dict):
            raise ReviewPolicyError(f"{POLICY_FILE}: the table [{name}] is missing")
        return found

    sample = table("sample", raw)
    rate = _number(sample, "sample", "rate_percent", 0.0, 100.0)
    if rate <= 0:
        raise ReviewPolicyError(f"{POLICY_FILE}: [sample] rate_percent must be above 0")
    many = table("many_files", signals)
    own = table("no_own_writes", signals)
    hours = table("off_hours", signals)
    after = table("after_refused_withdrawal", signals)
    start = _whole(hours, "signals.off_hours", "start_hour", 0, 23)
    end = _whole(hours, "signals.off_hours", "end_hour", 1, 24)
    if start >= end:
        raise ReviewPolicyError(f"{POLICY_FILE}: [signals.off_hours] start_hour must be < end_hour")
    return ReviewPolicy(
        sample=SampleRule(rate, _whole(sample, "sample", "deadline_days", 1, 365)),
        many_files=ManyFilesRule(
            _number(many, "signals.many_files", "factor", 1.0, 1000.0),
            _whole(many, "signals.many_files", "min_files", 1, 1_000_000),
        ),
        no_own_writes=NoOwnWritesRule(
            _whole(own, "signals.no_own_writes", "lookback_days", 1, 3650),
            _whole(own, "signals.no_own_writes", "min_files", 1, 1_000_000),
        ),
        off_hours=OffHoursRule(
            start, end, _whole(hours, "signals.off_hours", "min_reads", 1, 10**6)
        ),
        after_refused_withdrawal=AfterRefusedWithdrawalRule(
            _whole(after, "signals.after_refused_withdrawal", "within_hours", 1, 24 * 90)
        ),
    )


def read_policy(directory: Path | None = None) -> ReviewPolicy:
    """Read and check ``review.toml`` in ``directory`` (default: ``policies/``)."""
    path = (directory or policies_dir()) / POLICY_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReviewPolicyError(f"cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ReviewPolicyError(f"{POLICY_FILE}: {exc}") from None
    return parse_policy(raw)


@cache
def review_policy() -> ReviewPolicy:
    """The policy of this process, read once."""
    return read_policy()
