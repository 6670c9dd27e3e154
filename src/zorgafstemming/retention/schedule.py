"""Load and validate ``policies/retention.toml`` into a :class:`~.rules.Schedule`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zorgafstemming.config import ConfigError, read_toml
from zorgafstemming.paths import policies_dir
from zorgafstemming.retention.rules import (
    ALLOWED,
    PeriodError,
    RecordKind,
    RetentionRule,
    RuleAction,
    Schedule,
    Trigger,
    parse_period,
)

_RULE_KEYS = {"id", "record", "trigger", "period", "action", "description"}
_REQUIRED = ("id", "record", "trigger", "period", "action")


class ScheduleError(ConfigError):
    """The retention schedule is invalid; the message names every problem."""


def default_path() -> Path:
    """Where the schedule lives: ``policies/retention.toml``."""
    return policies_dir() / "retention.toml"


def _choice(value: Any, enum: type[Any], where: str, field: str, problems: list[str]) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        problems.append(f"{where}: {field} {value!r} is not one of: {allowed}")
        return None


def parse_schedule(data: dict[str, Any]) -> Schedule:
    """Validate decoded TOML; raises :class:`ScheduleError` listing every problem found."""
    problems: list[str] = []
    unknown_top = sorted(set(data) - {"version", "rule"})
    if unknown_top:
        problems.append(f"unknown top-level keys: {', '.join(unknown_top)}")
    version = data.get("version", 1)
    if version != 1:
        problems.append(f"version {version!r} is not supported (expected 1)")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list) or not raw_rules:
        problems.append("no [[rule]] entries")
        raw_rules = []
    rules: list[RetentionRule] = []
    seen_ids: set[str] = set()
    seen_pairs: set[tuple[RecordKind, Trigger, RuleAction]] = set()
    for index, raw in enumerate(raw_rules, start=1):
        where = f"rule #{index}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: is not a table")
            continue
        rule_id = str(raw.get("id") or "")
        if rule_id:
            where = f"rule {rule_id!r}"
        unknown = sorted(set(raw) - _RULE_KEYS)
        if unknown:
            problems.append(f"{where}: unknown keys: {', '.join(unknown)}")
        missing = [key for key in _REQUIRED if not isinstance(raw.get(key), str) or not raw[key]]
        if missing:
            problems.append(f"{where}: missing or empty: {', '.join(missing)}")
            continue
        if rule_id in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(rule_id)
        record = _choice(raw["record"], RecordKind, where, "record", problems)
        trigger = _choice(raw["trigger"], Trigger, where, "trigger", problems)
        action = _choice(raw["action"], RuleAction, where, "action", problems)
        try:
            period = parse_period(raw["period"])
        except PeriodError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if period.is_zero:
            problems.append(f"{where}: period must be longer than zero")
            continue
        if record is None or trigger is None or action is None:
            continue
        triggers, actions = ALLOWED[record]
        if trigger not in triggers:
            problems.append(f"{where}: trigger {trigger.value!r} does not apply to {record.value}")
            continue
        if action not in actions:
            problems.append(f"{where}: action {action.value!r} does not apply to {record.value}")
            continue
        if trigger == Trigger.LAST_ACTIVITY and action != RuleAction.REVIEW:
            # Inactivity alone never justifies deleting a family's file: a person reviews it.
            problems.append(f"{where}: last_activity rules may only 'review'")
            continue
        pair = (record, trigger, action)
        if pair in seen_pairs:
            problems.append(f"{where}: a second rule for {record.value} x {trigger.value}")
            continue
        seen_pairs.add(pair)
        description = raw.get("description", "")
        rules.append(
            RetentionRule(
                id=rule_id,
                record=record,
                trigger=trigger,
                period=period,
                action=action,
                description=description if isinstance(description, str) else "",
            )
        )
    for record in (RecordKind.SESSION, RecordKind.LOGIN_RECORD, RecordKind.AUDIT_EVENT):
        if sum(1 for r in rules if r.record == record) > 1:
            problems.append(f"more than one rule for {record.value}")
    if problems:
        raise ScheduleError("retention schedule: " + "; ".join(problems))
    return Schedule(rules=tuple(rules), version=1)


def load_schedule(path: Path | None = None) -> Schedule:
    """Read and validate the schedule file; raises :class:`ScheduleError` with a clear message."""
    target = path or default_path()
    return parse_schedule(
        read_toml(target, lambda reason: ScheduleError(f"retention schedule: {reason}"))
    )
