"""The consent vocabulary is complete and consistent, and a broken one is refused."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.vocabulary import (
    MEMBER_FIELDS,
    VocabularyError,
    load_vocabulary,
    parse_vocabulary,
)
from zorgafstemming.paths import policies_dir


def _raw() -> dict[str, Any]:
    with (policies_dir() / "vocabulary.toml").open("rb") as fh:
        return tomllib.load(fh)


def test_shipped_vocabulary_loads_and_names_every_member_field() -> None:
    vocab = load_vocabulary()
    assert set(vocab.member_fields) == set(MEMBER_FIELDS)
    assert vocab.fields_in("identity") == ("given_name", "family_name", "birth_date", "insz")
    assert vocab.purpose_of("coordination:file:read") == "care_coordination"
    assert vocab.entry_kinds["meeting_record"].purpose == "case_meeting"
    assert vocab.entry_kinds["agreement"].default_category == "care_plan"
    reasons = vocab.confidential_reasons
    assert reasons["risk_to_child"].label == "risico voor het kind"
    # The code of entries withheld before a reason was required is not a worker's choice.
    assert {r for r in reasons if reasons[r].selectable} == {
        "third_party_data",
        "risk_to_child",
        "legal_proceedings",
        "professional_notes",
    }


def test_every_coordination_action_serves_a_purpose() -> None:
    vocab = load_vocabulary()
    consent_checked = {
        a for a in Action if a.startswith("coordination:") and "notification" not in a
    }
    assert consent_checked <= set(vocab.actions)
    assert set(vocab.actions) <= {str(a) for a in Action}


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["member_fields"].pop("insz"), "member fields without a category: insz"),
        (lambda r: r["member_fields"].update(phone="gossip"), "unknown category 'gossip'"),
        (lambda r: r["entry_kinds"]["note"].update(purpose="sales"), "unknown purpose 'sales'"),
        (lambda r: r["actions"].update({"coordination:file:read": "x"}), "unknown purpose 'x'"),
        (lambda r: r["categories"].update({"Bad Name": {"label": "x"}}), "not snake_case"),
        (lambda r: r.pop("purposes"), "[purposes] must be a non-empty table"),
        (
            lambda r: r["confidential_reasons"]["risk_to_child"].pop("label"),
            "confidential reason 'risk_to_child' needs a label",
        ),
        (
            lambda r: r.update(confidential_reasons={"x": {"label": "x", "selectable": False}}),
            "no confidential reason a worker may choose",
        ),
    ],
)
def test_broken_vocabulary_is_refused_with_a_clear_reason(
    mutate: Callable[[dict[str, Any]], object], message: str
) -> None:
    raw = copy.deepcopy(_raw())
    mutate(raw)
    with pytest.raises(VocabularyError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_vocabulary(raw)


def test_unreadable_vocabulary_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "vocabulary.toml"
    bad.write_text("purposes = [", encoding="utf-8")
    with pytest.raises(VocabularyError, match="not valid TOML"):
        load_vocabulary(bad)
    with pytest.raises(VocabularyError, match="cannot read"):
        load_vocabulary(tmp_path / "missing.toml")
