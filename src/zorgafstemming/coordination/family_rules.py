"""Pure rules of the family portal's consent steps: whom a family member speaks for, what they
may confirm, contest or withdraw, and how a consent stands for them. No database.

A family member speaks for themselves when they are 12 or older, and as a parent or guardian
for a child under 12 (the capacity rule of :func:`rules.may_consent_for`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Literal

from zorgafstemming.coordination import rules
from zorgafstemming.coordination.rules import ConsentFacts, MemberFacts

FamilyState = Literal[
    "in_force", "awaiting_confirmation", "scheduled", "withdrawn", "contested", "expired"
]
WithdrawScope = Literal["all", "own_part"]


def spoken_for(
    viewer: MemberFacts,
    member_ids: Iterable[uuid.UUID],
    members: Mapping[uuid.UUID, MemberFacts],
    at: datetime,
) -> frozenset[uuid.UUID]:
    """The members among ``member_ids`` whose consent ``viewer`` gives or withdraws at ``at``:
    themselves (12 or older), and a child under 12 they represent."""
    return frozenset(
        m for m in member_ids if m in members and rules.may_consent_for(viewer, members[m], at)
    )


def family_state(
    consent: ConsentFacts, *, contested: bool, own_part_withdrawn: bool, at: datetime
) -> FamilyState:
    """How ``consent`` stands for a family member at ``at``.

    ``own_part_withdrawn``: every part of it that is about them (or children they represent)
    was withdrawn, so for them it is withdrawn even while it stays in force for others.
    """
    if contested:
        return "contested"
    if (consent.withdrawn_at is not None and consent.withdrawn_at <= at) or own_part_withdrawn:
        return "withdrawn"
    if at >= consent.valid_until:
        return "expired"
    if consent.awaiting_confirmation:
        return "awaiting_confirmation"
    if at < consent.valid_from:
        return "scheduled"
    return "in_force"


def withdraw_scope(
    viewer: MemberFacts,
    consent: ConsentFacts,
    members: Mapping[uuid.UUID, MemberFacts],
    at: datetime,
) -> tuple[WithdrawScope, frozenset[uuid.UUID]] | None:
    """What ``viewer`` may withdraw of ``consent``: all of it when they gave it, else the parts
    still in force that are about them or a child under 12 they represent; None when nothing.

    ``consent.members`` holds only the members whose part is still in force.
    """
    if viewer.id == consent.given_by:
        return "all", frozenset(consent.members)
    parts = spoken_for(viewer, consent.members, members, at)
    return ("own_part", parts) if parts else None


def may_answer_for(
    viewer: MemberFacts,
    covered: Iterable[uuid.UUID],
    members: Mapping[uuid.UUID, MemberFacts],
    at: datetime,
) -> bool:
    """Whether ``viewer`` may confirm, contest or see the form of a consent covering
    ``covered``: it is about them (12 or older) or about a child under 12 they represent."""
    return bool(spoken_for(viewer, covered, members, at))


def still_reaches(
    organisation: uuid.UUID,
    consents: Iterable[ConsentFacts],
    members: Mapping[uuid.UUID, MemberFacts],
    member_ids: Iterable[uuid.UUID],
    at: datetime,
) -> bool:
    """Whether some consent in force lets ``organisation`` use data about any of
    ``member_ids`` at ``at``."""
    wanted = set(member_ids)
    for consent in consents:
        if organisation not in consent.recipients:
            continue
        giver = members.get(consent.given_by)
        for member_id in consent.members & wanted:
            member = members.get(member_id)
            if member is not None and rules.covers_member(consent, member, giver, at):
                return True
    return False
