"""Every code an audit event can carry has a Dutch label, so the DPO never reads a raw code.

The codes are read from their sources: the action enums, the vocabulary, every ``@id`` of the
Cedar policies, the retention rules, and the object kinds the services pass to ``record``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from zorgafstemming.accessreview.rules import SAMPLE_POLICY
from zorgafstemming.audit import labels
from zorgafstemming.audit.service import OUTCOMES
from zorgafstemming.authz.actions import Action, SystemAction
from zorgafstemming.authz.engine import DEFAULT_DENY, PolicySource, check_policies
from zorgafstemming.identity.actors import OPERATOR_COMMAND
from zorgafstemming.identity.principal import Role
from zorgafstemming.paths import policies_dir
from zorgafstemming.retention.erasure import ERASURE_RULE

SRC = Path(__file__).resolve().parents[3] / "src" / "zorgafstemming"
# How the services name the object of an event: a literal argument or an OBJECT_* constant.
_OBJECT_TYPE = re.compile(r'object_type="([a-z_]+)"|\bOBJECT_[A-Z_]+ = "([a-z_]+)"')


def _missing(codes: set[str], table: dict[str, object]) -> list[str]:
    return sorted(c for c in codes if c not in table)


def _object_types_in_source() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for match in _OBJECT_TYPE.finditer(path.read_text(encoding="utf-8")):
            found.add(match.group(1) or match.group(2))
    return found


def test_every_action_has_a_dutch_label_and_a_group() -> None:
    codes = {a.value for a in Action} | {a.value for a in SystemAction}
    assert _missing(codes, dict(labels.ACTIONS)) == []
    assert {label.group for label in labels.ACTIONS.values()} <= set(labels.GROUPS)


def test_every_policy_id_has_a_dutch_label() -> None:
    _schema, _set, ids = check_policies(PolicySource.read())
    retention = tomllib.loads((policies_dir() / "retention.toml").read_text(encoding="utf-8"))
    codes = set(ids.values()) | {rule["id"] for rule in retention["rule"]}
    # The deciders outside Cedar: the fixed ones, the access-review run and the erasure.
    codes |= {DEFAULT_DENY, OPERATOR_COMMAND, labels.EMERGENCY_POLICY, SAMPLE_POLICY, ERASURE_RULE}
    assert _missing(codes, dict(labels.POLICIES)) == []


def test_every_category_and_purpose_of_the_vocabulary_has_a_dutch_label() -> None:
    vocab = tomllib.loads((policies_dir() / "vocabulary.toml").read_text(encoding="utf-8"))
    assert _missing(set(vocab["categories"]), dict(labels.CATEGORIES)) == []
    assert _missing(set(vocab["purposes"]), dict(labels.PURPOSES)) == []


def test_every_object_kind_outcome_and_role_has_a_dutch_label() -> None:
    object_types = _object_types_in_source()
    assert "coordination_file" in object_types  # the scan finds what the services record
    assert _missing(object_types, dict(labels.OBJECT_TYPES)) == []
    assert _missing(set(OUTCOMES), dict(labels.OUTCOMES)) == []
    roles = {r.value for r in Role} | {"operator", "system"}
    assert _missing(roles, dict(labels.ROLES)) == []


def test_the_check_fails_for_a_code_without_a_label() -> None:
    # The comparison the tests above make does catch a missing label.
    assert _missing({"coordination:file:read", "x:y:z"}, dict(labels.ACTIONS)) == ["x:y:z"]


@pytest.mark.parametrize(
    ("action", "outcome", "policy", "expected"),
    [
        ("coordination:file:read", "allowed", "participant-with-consent", {"read"}),
        ("coordination:file:read", "denied", "default-deny", {"read", "denied"}),
        ("coordination:file:read", "allowed", "emergency-read", {"read", "emergency"}),
        ("emergency:grant:request", "allowed", None, {"emergency"}),
        ("coordination:entry:create", "allowed", None, {"change"}),
        ("family:consent:withdraw", "allowed", None, {"consent"}),
        ("audit:event:list", "allowed", None, {"admin"}),
        ("somewhere:thing:list", "allowed", None, {"read"}),
    ],
)
def test_events_fall_in_the_groups_a_dpo_expects(
    action: str, outcome: str, policy: str | None, expected: set[str]
) -> None:
    assert labels.event_groups(action, outcome, policy) == expected


def test_labels_read_as_dutch_words() -> None:
    assert labels.action_text("coordination:file:read") == "Dossier bekeken"
    assert labels.categories_text("care_plan+case_notes") == "Hulpplan, Verslagen"
    assert labels.label(labels.POLICIES, "participant-with-consent") == (
        "Partner met geldige toestemming"
    )


def test_a_purged_event_reads_as_no_longer_kept() -> None:
    import uuid
    from datetime import UTC, datetime

    from zorgafstemming.audit.models import AuditEvent
    from zorgafstemming.audit.visits import Visit
    from zorgafstemming.web.audit_view import visit_row

    event = AuditEvent(id=uuid.uuid4(), occurred_at=datetime(2020, 1, 1, tzinfo=UTC))
    row = visit_row(Visit("e:1", [event]), {})
    assert row.outcome == "Niet meer bewaard"
    assert [p.text for p in row.parts] == ["Inhoud gewist na de bewaartermijn"]


def test_a_search_shows_how_many_files_it_found_in_words() -> None:
    assert labels.categories_text("hits:0") == "0 gevonden dossiers"
    assert labels.categories_text("hits:1") == "1 gevonden dossier"
    assert labels.categories_text("identity+contact") == "Identiteit, Contactgegevens"
