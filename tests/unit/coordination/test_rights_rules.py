"""The rules of restriction and objection, and that every rights policy is exercised by its
decision table (policies/tests/restriction.json)."""

from __future__ import annotations

import json
import uuid

from zorgafstemming.coordination.restriction import rules
from zorgafstemming.paths import policies_dir


def test_the_legal_basis_decides_between_withdrawal_and_objection() -> None:
    assert rules.withdrawable_by_family("consent")
    assert not rules.open_to_objection("consent")
    assert rules.open_to_objection("dijh_art74")
    assert not rules.withdrawable_by_family("dijh_art74")
    assert not rules.withdrawable_by_family("unknown") and not rules.open_to_objection("unknown")


def test_a_restricted_member_is_left_out_of_coverage() -> None:
    kept, restricted = uuid.uuid4(), uuid.uuid4()
    covered = {kept: frozenset({"identity"}), restricted: frozenset({"identity", "health"})}
    assert rules.without_restricted(covered, {restricted}) == {kept: frozenset({"identity"})}
    assert rules.without_restricted(covered, ()) == covered


def test_a_reason_is_required_and_bounded() -> None:
    assert rules.reason_problem(None) is not None
    assert rules.reason_problem("   ") is not None
    assert rules.reason_problem("x" * (rules.TEXT_MAX + 1)) is not None
    assert rules.reason_problem("Betwiste juistheid.") is None
    assert rules.objection_state(None) == "open"
    assert rules.objection_state("stop") == "stop"


def test_the_table_covers_every_rights_policy() -> None:
    text = (policies_dir() / "restriction.cedar").read_text(encoding="utf-8")
    table = json.loads((policies_dir() / "tests" / "restriction.json").read_text(encoding="utf-8"))
    ids = {line.split('"')[1] for line in text.splitlines() if line.startswith("@id(")}
    assert ids == {
        "dpo-restricts-processing",
        "restricted",
        "social-worker-objection-routes",
        "lead-decides-objections",
        "family-objects",
        "family-sees-own-objections",
        "statute-based-is-objected-to",
    }
    assert ids <= {c["policy"] for c in table["cases"]}
