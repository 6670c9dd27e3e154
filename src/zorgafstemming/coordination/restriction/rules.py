"""Pure rules of restriction and objection, testable without a database.

The legal basis of a consent decides how the family ends the processing it allows: a
processing based on consent ends when the family withdraws it (GDPR art. 7(3)); a processing
based on the decree on integrated youth care (``dijh_art74``: instemming under shared
professional secrecy, art. 74) is not the family's to withdraw, but a family member may object
to it (GDPR art. 21), and the lead organisation then decides whether compelling legitimate
grounds let it go on.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Literal, TypeVar

# The legal bases the family ends by withdrawing, and those it ends by objecting.
CONSENT_BASES = frozenset({"consent"})
STATUTE_BASES = frozenset({"dijh_art74"})
# The longest reason a person types (a restriction, a lift, an objection, a decision).
TEXT_MAX = 2000

ObjectionOutcome = Literal["continue", "stop"]

T = TypeVar("T")


def withdrawable_by_family(legal_basis: str) -> bool:
    """Whether the family ends the processing under this legal basis by withdrawing."""
    return legal_basis in CONSENT_BASES


def open_to_objection(legal_basis: str) -> bool:
    """Whether a family member may object to the processing under this legal basis."""
    return legal_basis in STATUTE_BASES


def objection_state(outcome: str | None) -> str:
    """``open`` until the lead decided, then the outcome (``continue`` or ``stop``)."""
    return outcome or "open"


def without_restricted(
    per_member: Mapping[uuid.UUID, T], restricted: Iterable[uuid.UUID]
) -> dict[uuid.UUID, T]:
    """``per_member`` without the members whose data is restricted: for partners, a restricted
    member's data is withheld as if no consent covered it."""
    left_out = set(restricted)
    return {member: value for member, value in per_member.items() if member not in left_out}


def reason_problem(reason: str | None) -> str | None:
    """Why a typed reason cannot be recorded, or None."""
    text = (reason or "").strip()
    if not text:
        return "A reason is required."
    if len(text) > TEXT_MAX:
        return f"A reason is at most {TEXT_MAX} characters."
    return None
