"""Telling the family about an emergency access, afterwards.

A portal notice for the members the grant concerns (or, for a child under 12, their parents and
guardians with capacity) is written with the grant, dated at the moment the family is to see it:
the grant's end, or after the day the DPO delays it to. The family's access log marks the reads
under a grant as emergency access with its ground, from that same moment; until then they are
left out of it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.emergency import rules
from zorgafstemming.coordination.emergency.models import EmergencyGrant
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.notice_models import FamilyNotice
from zorgafstemming.coordination.service.family_notices import people_to_tell
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.runtime import UnitOfWork

NOTICE_KIND = "emergency_access"


def _notice_id(grant_id: uuid.UUID, member_id: uuid.UUID) -> uuid.UUID:
    """One notice per grant and member told, found again when the DPO delays it."""
    return uuid.uuid5(grant_id, str(member_id))


async def plan_family_notice(uow: UnitOfWork, grant: EmergencyGrant, key: DataKey) -> None:
    """Write the family's notices of ``grant``, dated when the family is to see them."""
    roles = rules.grant_roles(grant.member_roles)
    rows = (
        await uow.session.execute(
            select(Member.id, Member.role).where(Member.file_id == grant.file_id)
        )
    ).all()
    covered = [r.id for r in rows if not roles or r.role in roles]
    told = await people_to_tell(uow, grant.file_id, key, covered)
    if not told:
        return
    at = rules.disclosed_at(grant.expires_at, grant.delay_until)
    await uow.session.execute(
        insert(FamilyNotice),
        [
            {
                "id": _notice_id(grant.id, member_id),
                "file_id": grant.file_id,
                "member_id": member_id,
                "kind": NOTICE_KIND,
                "consent_id": None,
                "actor_organisation_id": grant.organisation_id,
                "created_at": at,
            }
            for member_id in sorted(told)
        ],
    )


async def reschedule_family_notice(uow: UnitOfWork, grant: Any) -> None:
    """Move the family's notices of ``grant`` to its (new) moment of telling."""
    members = await uow.session.scalars(select(Member.id).where(Member.file_id == grant.file_id))
    ids = [_notice_id(grant.id, m) for m in members]
    if ids:
        await uow.session.execute(
            update(FamilyNotice)
            .where(FamilyNotice.id.in_(ids))
            .values(created_at=rules.disclosed_at(grant.expires_at, grant.delay_until))
        )


@dataclass(frozen=True)
class GrantWindow:
    """The events of one grant holder during one grant, as the family's access log sees them."""

    actor_ref: str
    since: datetime
    until: datetime
    ground: str
    told: bool


async def grant_windows(
    session: AsyncSession, audit_key: bytes, file_id: uuid.UUID, now: datetime
) -> list[GrantWindow]:
    """Every emergency grant on the file as a window of its holder's events; ``told`` once the
    family is to see it."""
    rows = (
        await session.execute(
            select(
                EmergencyGrant.account_id,
                EmergencyGrant.ground,
                EmergencyGrant.requested_at,
                EmergencyGrant.expires_at,
                EmergencyGrant.delay_until,
            ).where(EmergencyGrant.file_id == file_id)
        )
    ).all()
    return [
        GrantWindow(
            actor_ref=audit_ref(audit_key, "account", r.account_id),
            since=r.requested_at,
            until=r.expires_at,
            ground=r.ground,
            told=rules.disclosed_at(r.expires_at, r.delay_until) <= now,
        )
        for r in rows
    ]


def ground_of(windows: list[GrantWindow], actor_ref: str | None, at: datetime) -> str | None:
    """The ground of the grant an event of ``actor_ref`` at ``at`` was made under, if any."""
    for window in windows:
        if window.actor_ref == actor_ref and window.since <= at <= window.until:
            return window.ground
    return None
