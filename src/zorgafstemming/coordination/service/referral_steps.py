"""The steps of a referral that several use cases share: the view of a referral as the caller
may see it, and the receiving organisation joining the file once a consent names it."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.references import file_reference
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.models import Participant
from zorgafstemming.coordination.referral_models import Referral
from zorgafstemming.coordination.referral_schemas import ReferralView
from zorgafstemming.coordination.service.assignments import current_assignment
from zorgafstemming.coordination.service.facts import FileFacts
from zorgafstemming.coordination.service.family_notices import tell_family
from zorgafstemming.coordination.service.notifications import insert_ignore, notify
from zorgafstemming.db import new_id
from zorgafstemming.identity import colleagues
from zorgafstemming.runtime import UnitOfWork


def consent_names(facts: FileFacts, organisation: uuid.UUID, purpose: str, at: datetime) -> bool:
    """Whether a consent in force names ``organisation`` for ``purpose`` (for some member)."""
    covered = rules.covered_categories(
        facts.consents, facts.members, organisation=organisation, purpose=purpose, at=at
    )
    return any(covered.values())


def note_readable(
    facts: FileFacts, organisation: uuid.UUID, referral: Referral, at: datetime
) -> bool:
    """Whether ``organisation`` may read the referral's note now: the file is open and a
    consent in force covers the note's category for the referral's purpose."""
    if not facts.is_open:
        return False
    covered = rules.covered_categories(
        facts.consents, facts.members, organisation=organisation, purpose=referral.purpose, at=at
    )
    return any(referral.note_category in categories for categories in covered.values())


def referral_view(
    uow: UnitOfWork, referral: Referral, *, joined: bool = False, note: str | None = None
) -> ReferralView:
    """The referral as the caller sees it: the file id only once ``joined``, the note (with
    its category) only when given."""
    return ReferralView(
        id=referral.id,
        reference=file_reference(uow.runtime.secrets.audit_key, referral.file_id),
        from_organisation_id=referral.from_organisation_id,
        to_organisation_id=referral.to_organisation_id,
        purpose=referral.purpose,
        urgency=referral.urgency,
        status=referral.status,  # type: ignore[arg-type]
        created_at=referral.created_at,
        answered_at=referral.answered_at,
        decline_reason=referral.decline_reason,
        joined_at=referral.joined_at,
        file_id=referral.file_id if joined else None,
        note_category=referral.note_category if note is not None else None,
        note=note,
    )


async def make_contact(
    session: AsyncSession, file_id: uuid.UUID, organisation_id: uuid.UUID, account_id: uuid.UUID
) -> None:
    """Name the worker the organisation's contact person on the file when it has none yet."""
    named = await session.scalar(
        select(FileAssignment.id).where(
            FileAssignment.file_id == file_id,
            FileAssignment.organisation_id == organisation_id,
            FileAssignment.ended_at.is_(None),
            FileAssignment.is_contact.is_(True),
        )
    )
    if named is None:
        await session.execute(
            update(FileAssignment)
            .where(
                FileAssignment.file_id == file_id,
                FileAssignment.organisation_id == organisation_id,
                FileAssignment.account_id == account_id,
                FileAssignment.ended_at.is_(None),
            )
            .values(is_contact=True)
        )


async def join_if_consented(
    uow: UnitOfWork,
    facts: FileFacts,
    referral: Referral,
    now: datetime,
    *,
    worker: uuid.UUID | None = None,
) -> bool:
    """Complete an accepted referral when a consent in force names the receiving organisation
    for its purpose: the organisation takes part in the file, ``worker`` (by default the
    worker who accepted) is assigned (and its contact person, unless it has one), and both
    organisations are told. Whether it joined."""
    to_org = referral.to_organisation_id
    if (
        referral.status != "waiting_for_consent"
        or not facts.is_open
        or not consent_names(facts, to_org, referral.purpose, now)
    ):
        return False
    session = uow.session
    await session.execute(
        insert_ignore(
            session,
            Participant,
            {
                "file_id": referral.file_id,
                "organisation_id": to_org,
                "joined_at": now,
                "added_by_account_id": referral.answered_by_account_id,
            },
        )
    )
    worker = worker or referral.answered_by_account_id
    if worker is not None and await colleagues.is_active_worker_of(uow, worker, to_org):
        if await current_assignment(session, referral.file_id, to_org, worker) is None:
            await session.execute(
                insert(FileAssignment).values(
                    id=new_id(),
                    file_id=referral.file_id,
                    account_id=worker,
                    organisation_id=to_org,
                    assigned_by_account_id=worker,
                    assigned_at=now,
                )
            )
        await make_contact(session, referral.file_id, to_org, worker)
    referral.status, referral.joined_at = "joined", now
    await notify(
        session,
        now,
        referral.file_id,
        [referral.from_organisation_id, to_org],
        "referral_joined",
        dedupe=f"referral-joined:{referral.id}",
    )
    return True


async def tell_family_of_new_contact(
    uow: UnitOfWork, facts: FileFacts, organisation_id: uuid.UUID
) -> None:
    """Tell the family in the portal that their contact point changed (no names: they find
    it in their file)."""
    if facts.key is not None:
        await tell_family(
            uow,
            facts.file_id,
            facts.key,
            covered=list(facts.members),
            kind="contact_changed",
            consent_id=None,
            actor_organisation_id=organisation_id,
        )
