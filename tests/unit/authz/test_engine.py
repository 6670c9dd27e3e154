"""The Cedar engine: parsed once, validated, decisions carry the deciding policy's @id."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest

from zorgafstemming.authz.actions import PUBLIC_ACTIONS, Action
from zorgafstemming.authz.engine import DEFAULT_DENY, AuthzEngine, PolicyError, ref
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.paths import policies_dir

ADMIN = Principal(uuid.uuid4(), Role.ADMIN, None, uuid.uuid4())
WORKER = Principal(uuid.uuid4(), Role.SOCIAL_WORKER, uuid.uuid4(), uuid.uuid4())


@pytest.fixture(scope="module")
def engine() -> AuthzEngine:
    return AuthzEngine.load()


def _copy_policies(tmp_path: Path) -> Path:
    target = tmp_path / "policies"
    shutil.copytree(policies_dir(), target)
    return target


def test_permit_reports_the_policy_annotation(engine: AuthzEngine) -> None:
    decision = engine.decide(ADMIN, Action.IDENTITY_USER_CREATE)
    assert decision.allowed
    assert decision.policy_id == "admin-manages-accounts"


def test_no_matching_policy_is_default_deny(engine: AuthzEngine) -> None:
    decision = engine.decide(WORKER, Action.IDENTITY_USER_CREATE)
    assert not decision.allowed
    assert decision.policy_id == DEFAULT_DENY


def test_forbid_beats_permit_and_is_named(engine: AuthzEngine) -> None:
    own = {"type": "Account", "id": str(ADMIN.account_id), "attrs": {"role": "admin"}}
    decision = engine.decide(ADMIN, Action.IDENTITY_USER_DISABLE, own)
    assert decision == decision.__class__(False, "admin-never-changes-own-account")
    other = {"type": "Account", "id": str(uuid.uuid4()), "attrs": {"role": "dpo"}}
    assert engine.decide(ADMIN, Action.IDENTITY_USER_DISABLE, other).allowed


def test_every_declared_action_is_in_the_schema(engine: AuthzEngine) -> None:
    schema = (policies_dir() / "schema.cedarschema").read_text()
    missing = [a.value for a in Action if a not in PUBLIC_ACTIONS and f'"{a.value}"' not in schema]
    assert missing == []


def test_every_policy_has_a_distinct_id(engine: AuthzEngine) -> None:
    assert {"admin-manages-accounts", "admin-never-changes-own-account"} <= engine.policy_ids


def test_policy_without_id_is_refused(tmp_path: Path) -> None:
    folder = _copy_policies(tmp_path)
    (folder / "extra.cedar").write_text(
        'permit(principal, action == Action::"identity:user:list", resource);\n'
    )
    with pytest.raises(PolicyError, match=r"no @id"):
        AuthzEngine.load(folder)


def test_duplicate_policy_id_is_refused(tmp_path: Path) -> None:
    folder = _copy_policies(tmp_path)
    (folder / "extra.cedar").write_text(
        '@id("admin-manages-accounts")\n'
        'permit(principal, action == Action::"identity:user:list", resource);\n'
    )
    with pytest.raises(PolicyError, match="also used"):
        AuthzEngine.load(folder)


def test_policy_that_breaks_the_schema_is_refused(tmp_path: Path) -> None:
    folder = _copy_policies(tmp_path)
    (folder / "extra.cedar").write_text(
        '@id("typo")\npermit(principal, action == Action::"identity:user:lsit", resource);\n'
    )
    with pytest.raises(PolicyError, match=r"extra\.cedar"):
        AuthzEngine.load(folder)


def test_unparseable_policy_is_refused(tmp_path: Path) -> None:
    folder = _copy_policies(tmp_path)
    (folder / "extra.cedar").write_text("permit(principal, action, resource")
    with pytest.raises(PolicyError, match=r"extra\.cedar"):
        AuthzEngine.load(folder)


def test_resource_attrs_may_reference_entities(engine: AuthzEngine) -> None:
    org = str(uuid.uuid4())
    resource: dict[str, Any] = {
        "type": "Account",
        "id": str(uuid.uuid4()),
        "attrs": {"role": "social_worker", "organisation": ref("Organisation", org)},
        "parents": [{"type": "Organisation", "id": org}],
    }
    decision = engine.decide(
        ADMIN, Action.IDENTITY_USER_READ, resource, entities=[{"type": "Organisation", "id": org}]
    )
    assert decision.allowed


def _tables() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted((policies_dir() / "tests").glob("*.json")):
        for case in json.loads(path.read_text())["cases"]:
            cases.append((f"{path.name}: {case['name']}", case))
    return cases


@pytest.mark.parametrize(("name", "case"), _tables(), ids=[n for n, _ in _tables()])
def test_decision_tables(engine: AuthzEngine, name: str, case: dict[str, Any]) -> None:
    p = case["principal"]
    principal = Principal(
        account_id=uuid.UUID(p["id"]),
        role=Role(p["role"]),
        organisation_id=uuid.UUID(p["organisation"]) if p.get("organisation") else None,
        credential_id=uuid.UUID(int=1),
    )
    decision = engine.decide(
        principal,
        case["action"],
        case.get("resource"),
        case.get("context"),
        entities=case.get("entities", []),
    )
    assert (decision.allowed, decision.policy_id) == (case["expect"] == "allow", case["policy"])


def test_route_decisions_kept_per_role_answer_as_asked_afresh(engine: AuthzEngine) -> None:
    # The guard's cached answer for a role and action is the answer Cedar gives each caller.
    principals = [
        Principal(uuid.uuid4(), role, org, uuid.uuid4())
        for role in Role
        for org in (None, uuid.uuid4())
    ]
    for action in Action:
        for principal in principals:
            first = engine.decide_route(principal, action)
            again = engine.decide_route(
                Principal(uuid.uuid4(), principal.role, principal.organisation_id, uuid.uuid4()),
                action,
            )
            assert first == again == engine.decide(principal, action)


def test_a_policy_naming_one_account_turns_the_route_cache_off(tmp_path: Path) -> None:
    folder = _copy_policies(tmp_path)
    chosen = uuid.uuid4()
    (folder / "zz_one_account.cedar").write_text(
        '@id("one-admin-only")\n'
        f'forbid (principal == Account::"{chosen}", action, resource == Service::"api");\n',
        encoding="utf-8",
    )
    engine = AuthzEngine.load(folder)
    someone = Principal(uuid.uuid4(), Role.ADMIN, None, uuid.uuid4())
    action = Action.IDENTITY_USER_LIST
    assert engine.decide_route(someone, action).allowed
    assert not engine.decide_route(
        Principal(chosen, Role.ADMIN, None, uuid.uuid4()), action
    ).allowed
