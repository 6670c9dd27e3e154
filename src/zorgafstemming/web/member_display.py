"""How a family member's data shows on a page: each field, or the fact that it is withheld,
and how members are called (shared by the worker's and the family's pages)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import msgspec

from zorgafstemming.coordination.schemas import MemberView
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.dutch import dutch_date
from zorgafstemming.web import labels


@dataclass(frozen=True)
class FieldRow:
    """One member field on the file page: its value, or the fact that it is withheld."""

    label: str
    value: str | None
    withheld: bool
    category: str


# How a member the organisation's consent does not cover is called.
HIDDEN_MEMBER = "Een gezinslid dat u niet mag zien"


def member_rows(member: MemberView) -> list[FieldRow]:
    """The member's fields in canonical order, marking those the consent does not cover (none
    for a member the caller may not see)."""
    if not member.visible or member.withheld_categories is msgspec.UNSET:
        return []
    vocab = vocabulary()
    rows = []
    for name, label in labels.MEMBER_FIELDS.items():
        category = vocab.category_of_field(name)
        value = getattr(member, name, msgspec.UNSET)
        withheld = category in member.withheld_categories
        shown = None if withheld or value is msgspec.UNSET or value is None else str(value)
        if shown is not None and name == "birth_date":
            shown = dutch_date(date.fromisoformat(shown))
        rows.append(FieldRow(label, shown, withheld, vocab.labels.get(category, category)))
    return rows


def member_names(members: Iterable[MemberView]) -> dict[uuid.UUID, str]:
    """How each member is called on a page: their name, or their role when it is withheld."""
    return {m.id: _name(m) for m in members}


def _name(member: MemberView) -> str:
    if not member.visible or member.role is msgspec.UNSET:
        return HIDDEN_MEMBER
    name = " ".join(
        str(v) for v in (member.given_name, member.family_name) if v is not msgspec.UNSET and v
    )
    return name or labels.MEMBER_ROLES.get(member.role, member.role)
