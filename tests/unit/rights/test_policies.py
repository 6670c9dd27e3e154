"""The policies of data-subject requests decide as their decision table says."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from zorgafstemming.authz.engine import AuthzEngine
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.paths import policies_dir

TABLE = json.loads((policies_dir() / "tests" / "rights.json").read_text(encoding="utf-8"))
ENGINE = AuthzEngine.load()


def _principal(raw: dict[str, Any]) -> Principal:
    org = raw.get("organisation")
    return Principal(
        account_id=uuid.UUID(raw["id"]),
        role=Role(raw["role"]),
        organisation_id=uuid.UUID(org) if org else None,
        credential_id=uuid.UUID(int=0),
    )


@pytest.mark.parametrize("case", TABLE["cases"], ids=[c["name"] for c in TABLE["cases"]])
def test_rights_decision_table(case: dict[str, Any]) -> None:
    decision = ENGINE.decide(
        _principal(case["principal"]), case["action"], case.get("resource"), case.get("context")
    )
    assert (decision.allowed, decision.policy_id) == (case["expect"] == "allow", case["policy"])


def test_the_table_covers_every_rights_policy() -> None:
    text = (policies_dir() / "rights.cedar").read_text(encoding="utf-8")
    ids = {line.split('"')[1] for line in text.splitlines() if line.startswith("@id(")}
    assert ids <= {c["policy"] for c in TABLE["cases"]}
