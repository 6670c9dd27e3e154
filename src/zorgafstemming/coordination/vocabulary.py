"""The consent vocabulary (``policies/vocabulary.toml``): purposes, data categories, which member
field and entry kind belongs to which category, which purpose each action serves, and the
reasons an entry may be withheld from the family.

Loaded and validated once at start-up; a broken vocabulary stops the service from starting,
because consent checks that silently miss a category would share data nobody agreed to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from zorgafstemming.config import read_toml
from zorgafstemming.paths import policies_dir

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
_ACTION = re.compile(r"^[a-z]+:[a-z_-]+:[a-z_-]+$")

MEMBER_FIELDS: tuple[str, ...] = (
    "given_name",
    "family_name",
    "birth_date",
    "insz",
    "address",
    "phone",
    "email",
)


class VocabularyError(Exception):
    """The vocabulary file is missing, malformed or inconsistent; the message names each problem."""


@dataclass(frozen=True)
class EntryKind:
    """An entry kind: the categories it may carry (first is the default) and its purpose."""

    name: str
    categories: tuple[str, ...]
    purpose: str

    @property
    def default_category(self) -> str:
        return self.categories[0]


@dataclass(frozen=True)
class ConfidentialReason:
    """Why an entry is withheld from the family, with its Dutch label; a reason that is not
    ``selectable`` only names entries marked confidential before a reason was required."""

    name: str
    label: str
    selectable: bool = True


@dataclass(frozen=True)
class Vocabulary:
    """The validated vocabulary; every name used in consents, responses and audit events."""

    purposes: frozenset[str]
    categories: tuple[str, ...]
    member_fields: dict[str, str]
    entry_kinds: dict[str, EntryKind]
    actions: dict[str, str]
    labels: dict[str, str]
    confidential_reasons: dict[str, ConfidentialReason]

    def purpose_of(self, action: str) -> str:
        """The purpose an action serves; unknown actions are a programming error."""
        try:
            return self.actions[action]
        except KeyError:
            raise VocabularyError(f"action {action!r} serves no purpose") from None

    def category_of_field(self, field_name: str) -> str:
        """The data category a member field belongs to."""
        return self.member_fields[field_name]

    def fields_in(self, category: str) -> tuple[str, ...]:
        """The member fields of one category, in the canonical field order."""
        return tuple(f for f in MEMBER_FIELDS if self.member_fields[f] == category)

    @property
    def member_categories(self) -> tuple[str, ...]:
        """The categories that member fields belong to, in vocabulary order."""
        used = set(self.member_fields.values())
        return tuple(c for c in self.categories if c in used)


def _table(raw: dict[str, Any], key: str, problems: list[str]) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict) or not value:
        problems.append(f"[{key}] must be a non-empty table")
        return {}
    return value


def parse_vocabulary(raw: dict[str, Any]) -> Vocabulary:
    """Validate a parsed vocabulary; raise :class:`VocabularyError` naming every problem."""
    problems: list[str] = []
    if raw.get("version") != 1:
        problems.append("version must be 1")
    purposes = _table(raw, "purposes", problems)
    categories = _table(raw, "categories", problems)
    for kind, names in (("purpose", purposes), ("category", categories)):
        for name, body in names.items():
            if not _NAME.match(name):
                problems.append(f"{kind} name {name!r} is not snake_case")
            if not isinstance(body, dict) or not isinstance(body.get("label"), str):
                problems.append(f"{kind} {name!r} needs a label")
    member_fields = _table(raw, "member_fields", problems)
    missing = [f for f in MEMBER_FIELDS if f not in member_fields]
    if missing:
        problems.append(f"member fields without a category: {', '.join(missing)}")
    for field_name, category in member_fields.items():
        if field_name not in MEMBER_FIELDS:
            problems.append(f"unknown member field {field_name!r}")
        if category not in categories:
            problems.append(f"member field {field_name!r} names unknown category {category!r}")
    kinds: dict[str, EntryKind] = {}
    for kind_name, body in _table(raw, "entry_kinds", problems).items():
        cats = body.get("categories") if isinstance(body, dict) else None
        purpose = body.get("purpose") if isinstance(body, dict) else None
        if not isinstance(cats, list) or not cats or not all(isinstance(c, str) for c in cats):
            problems.append(f"entry kind {kind_name!r} needs a non-empty list of categories")
            continue
        unknown = [c for c in cats if c not in categories]
        if unknown:
            problems.append(f"entry kind {kind_name!r} names unknown categories {unknown}")
        if purpose not in purposes:
            problems.append(f"entry kind {kind_name!r} names unknown purpose {purpose!r}")
        kinds[kind_name] = EntryKind(kind_name, tuple(cats), str(purpose))
    actions = _table(raw, "actions", problems)
    for action, purpose in actions.items():
        if not _ACTION.match(action):
            problems.append(f"action {action!r} is not <scope>:<resource>:<action>")
        if purpose not in purposes:
            problems.append(f"action {action!r} names unknown purpose {purpose!r}")
    reasons = _confidential_reasons(_table(raw, "confidential_reasons", problems), problems)
    if problems:
        raise VocabularyError("; ".join(problems))
    labels = {name: str(body["label"]) for name, body in {**purposes, **categories}.items()}
    return Vocabulary(
        purposes=frozenset(purposes),
        categories=tuple(categories),
        member_fields={str(k): str(v) for k, v in member_fields.items()},
        entry_kinds=kinds,
        actions={str(k): str(v) for k, v in actions.items()},
        labels=labels,
        confidential_reasons=reasons,
    )


def _confidential_reasons(
    table: dict[str, Any], problems: list[str]
) -> dict[str, ConfidentialReason]:
    reasons: dict[str, ConfidentialReason] = {}
    for name, body in table.items():
        if not _NAME.match(name):
            problems.append(f"confidential reason {name!r} is not snake_case")
        if not isinstance(body, dict) or not isinstance(body.get("label"), str):
            problems.append(f"confidential reason {name!r} needs a label")
            continue
        selectable = body.get("selectable", True)
        if not isinstance(selectable, bool):
            problems.append(f"confidential reason {name!r}: selectable must be true or false")
            continue
        reasons[name] = ConfidentialReason(name, body["label"], selectable)
    if table and not any(r.selectable for r in reasons.values()):
        problems.append("no confidential reason a worker may choose")
    return reasons


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read and validate ``vocabulary.toml`` (by default from the policies folder)."""
    path = path or policies_dir() / "vocabulary.toml"
    return parse_vocabulary(read_toml(path, VocabularyError))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The service's vocabulary, loaded once per process."""
    return load_vocabulary()
