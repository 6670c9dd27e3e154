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
from zorgafstemming.web import labels
from zorgafstemming.web.date_input import show_day


@dataclass(frozen=True)
class FieldRow:
    """One member field on the file page: its value, or the fact that it is withheld."""

    label: str
    value: str | None
    withheld: bool
    category: str


# How a member the organisation's consent does not cover is called.
HIDDEN_MEMBER = "Een gezinslid dat u niet mag zien"
# Added to the role when a member's name is withheld (their identity data is not covered).
NAME_WITHHELD = "naam afgeschermd"


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
            shown = show_day(date.fromisoformat(shown))
        rows.append(FieldRow(label, shown, withheld, vocab.labels.get(category, category)))
    return rows


def member_names(members: Iterable[MemberView]) -> dict[uuid.UUID, str]:
    """How each member is called on a page: their name, or (when it is withheld) their role
    with a withheld marker, e.g. "Ouder (naam afgeschermd)"."""
    return {m.id: _name(m) for m in members}


def name_shown(member: MemberView) -> bool:
    """Whether the page may call the member by their name (their identity data is covered)."""
    return member.visible and any(
        v is not msgspec.UNSET and v for v in (member.given_name, member.family_name)
    )


def role_label(role: str | msgspec.UnsetType) -> str:
    """The Dutch name of a family role ("ouder", "kind jonger dan 12", ...)."""
    return "" if role is msgspec.UNSET else labels.MEMBER_ROLES.get(role, role)


def _name(member: MemberView) -> str:
    if not member.visible or member.role is msgspec.UNSET:
        return HIDDEN_MEMBER
    if not name_shown(member):
        role = role_label(member.role)
        return f"{role[:1].upper()}{role[1:]} ({NAME_WITHHELD})"
    return " ".join(
        str(v) for v in (member.given_name, member.family_name) if v is not msgspec.UNSET and v
    )


def withheld_lines(members: Iterable[MemberView], names: dict[uuid.UUID, str]) -> list[str]:
    """What the page withholds, exactly: per data category, the members whose data of that
    category the consent does not cover (never a category that is shown for them), and how
    many members are withheld as a whole."""
    vocab = vocabulary()
    shown = [m for m in members if m.visible and m.withheld_categories is not msgspec.UNSET]
    lines = []
    for category in vocab.member_categories:
        about = [m for m in shown if category in (m.withheld_categories or ())]
        if not about:
            continue
        label = vocab.labels.get(category, category)
        whom = (
            "alle gezinsleden die u ziet"
            if len(about) == len(shown) and len(shown) > 1
            else ", ".join(names[m.id] for m in about)
        )
        lines.append(f"{label} van {whom}")
    hidden = sum(1 for m in members if not m.visible)
    if hidden:
        lines.append(
            "alle gegevens van 1 gezinslid"
            if hidden == 1
            else f"alle gegevens van {hidden} gezinsleden"
        )
    return lines
