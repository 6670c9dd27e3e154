"""Reading a file under an emergency grant: the caller's grant in force on the file, the
context Cedar decides with, and what the grant shows (the members of the roles named, every
data category; the gate keeps it to the read actions)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import ref
from zorgafstemming.coordination.emergency import rules
from zorgafstemming.coordination.emergency.models import EmergencyGrant
from zorgafstemming.coordination.emergency.rules import GrantFacts
from zorgafstemming.coordination.rules import MemberFacts
from zorgafstemming.coordination.vocabulary import Vocabulary

# The only actions a grant may allow (policy emergency-read decides; writes are never asked).
EMERGENCY_READ_ACTIONS = frozenset({Action.COORDINATION_FILE_READ, Action.COORDINATION_ENTRY_LIST})
EMERGENCY_POLICY = "emergency-read"


def grant_facts(row: Any) -> GrantFacts:
    """The facts of one ``emergency_grants`` row."""
    roles = rules.grant_roles(row.member_roles or "")
    return GrantFacts(row.ground, row.requested_at, row.expires_at, roles)


async def grant_in_force(
    session: AsyncSession, account_id: uuid.UUID, file_id: uuid.UUID, now: datetime
) -> GrantFacts | None:
    """The grant of ``account_id`` on ``file_id`` in force at ``now`` (the latest), if any."""
    row = (
        await session.execute(
            select(
                EmergencyGrant.ground,
                EmergencyGrant.requested_at,
                EmergencyGrant.expires_at,
                EmergencyGrant.member_roles,
            )
            .where(
                EmergencyGrant.account_id == account_id,
                EmergencyGrant.file_id == file_id,
                EmergencyGrant.requested_at <= now,
                EmergencyGrant.expires_at > now,
            )
            .order_by(EmergencyGrant.expires_at.desc())
            .limit(1)
        )
    ).first()
    return grant_facts(row) if row is not None else None


def cedar_context(grant: GrantFacts, holder: uuid.UUID, now: datetime) -> dict[str, Any]:
    """The grant as the ``emergency_grant`` record of the Cedar context."""
    return {
        "ground": grant.ground,
        "holder": ref("Account", holder),
        "seconds_left": rules.seconds_left(grant, now),
    }


def coverage(
    grant: GrantFacts, members: dict[uuid.UUID, MemberFacts], vocab: Vocabulary
) -> dict[str, dict[uuid.UUID, frozenset[str]]]:
    """Per purpose, per member, the categories the grant shows (the shape of the consents'
    ``covered_categories``): every category of each member of a named role."""
    every = frozenset(vocab.categories)
    per_member = {
        member_id: every
        for member_id, member in members.items()
        if rules.covers_member(grant, str(member.role))
    }
    return {purpose: per_member for purpose in vocab.purposes}
