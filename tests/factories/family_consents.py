"""Builders for the family portal's consent tests: family accounts linked to members, and
consents a partner recorded (waiting for confirmation, or with a scan of the signed form)
written with Core inserts the way the coordination package stores them."""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update

from tests.factories.accounts import TestAccount, create_account
from tests.factories.coordination import ALL_CATEGORIES
from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentEvidence,
    ConsentMember,
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Member,
    Participant,
)
from zorgafstemming.coordination.notice_models import FamilyNotice
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Role

# The smallest PNG there is: its magic bytes make it a PNG by content.
PNG_SCAN = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


async def link_member(
    client: Any, runtime: Any, headers: dict[str, str], file_id: Any, member: Any
) -> TestAccount:
    """An active family account linked to ``member`` of the file (as after activation): the
    partner asks, the holder accepts."""
    from tests.factories.assignments import link_and_accept

    account = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, headers, file_id, member, account)
    return account


async def staff_consent(
    runtime: Any,
    file_id: uuid.UUID | str,
    *,
    organisation_id: uuid.UUID,
    given_by: uuid.UUID | str,
    members: list[Any],
    scan: bytes | None = None,
    categories: list[str] | None = None,
    days: int = 365,
) -> uuid.UUID:
    """A consent a worker of ``organisation_id`` recorded for it: with ``scan`` in force (the
    scan stored encrypted under the file's key, its SHA-256 in the record), without one waiting
    for the family's confirmation. The organisation takes part in the file."""
    now = runtime.clock()
    file_id = uuid.UUID(str(file_id))
    consent_id = new_id()
    async with runtime.unit_of_work() as uow:
        session = uow.session
        evidence_id = None
        digest = None
        if scan is not None:
            evidence_id = new_id()
            digest = hashlib.sha256(scan).hexdigest()
            key = await runtime.cipher.key_for(session, "file", file_id)
            blob = runtime.cipher.encrypt(
                key,
                table="consent_evidence",
                column="content_enc",
                row_id=evidence_id,
                value=base64.b64encode(scan).decode("ascii"),
            )
            await session.execute(
                insert(ConsentEvidence).values(
                    id=evidence_id,
                    file_id=file_id,
                    media_type="image/png",
                    size=len(scan),
                    sha256=digest,
                    content_enc=blob,
                    uploaded_by_organisation_id=organisation_id,
                    uploaded_at=now,
                )
            )
        members_ids = [uuid.UUID(str(m)) for m in members]
        giver = uuid.UUID(str(given_by))
        await session.execute(
            insert(ConsentRecord).values(
                id=consent_id,
                file_id=file_id,
                given_by_member_id=giver,
                on_behalf=set(members_ids) != {giver},
                purposes=["care_coordination", "case_meeting"],
                categories=categories or ALL_CATEGORIES,
                legal_basis="consent",
                collection_method="signed_form" if scan is not None else "in_person",
                evidence_hash=digest,
                evidence_id=evidence_id,
                notice_version="2026-01",
                valid_from=now,
                valid_until=now + timedelta(days=days),
                recorded_at=now,
                recorded_by_organisation_id=organisation_id,
            )
        )
        await session.execute(
            insert(ConsentMember), [{"consent_id": consent_id, "member_id": m} for m in members_ids]
        )
        await session.execute(
            insert(ConsentRecipient).values(consent_id=consent_id, organisation_id=organisation_id)
        )
        await session.execute(
            insert(ConsentEvent).values(
                id=new_id(),
                consent_id=consent_id,
                kind="given",
                occurred_at=now,
                recorded_at=now,
                valid_until=now + timedelta(days=days),
            )
        )
        taking_part = await session.scalar(
            select(Participant.organisation_id).where(
                Participant.file_id == file_id, Participant.organisation_id == organisation_id
            )
        )
        if taking_part is None:
            await session.execute(
                insert(Participant).values(
                    file_id=file_id, organisation_id=organisation_id, joined_at=now
                )
            )
    return consent_id


async def link_account(runtime: Any, member: Any, account_id: uuid.UUID) -> None:
    """Link an existing family account to a member (as an invitation of an existing account
    does)."""
    async with runtime.unit_of_work() as uow:
        await uow.session.execute(
            update(Member).where(Member.id == uuid.UUID(str(member))).values(account_id=account_id)
        )


async def withdraw_all(runtime: Any, consent_id: Any) -> None:
    """Record that a consent was withdrawn as a whole, now."""
    now = runtime.clock()
    async with runtime.unit_of_work() as uow:
        await uow.session.execute(
            insert(ConsentEvent).values(
                id=new_id(),
                consent_id=uuid.UUID(str(consent_id)),
                kind="withdrawn",
                occurred_at=now,
                recorded_at=now,
            )
        )


async def consent_events_of(runtime: Any, consent_id: Any) -> list[tuple[str, Any, Any]]:
    """(kind, member id, actor account id) of each event of a consent, in recorded order."""
    async with runtime.sessions() as session:
        rows = await session.execute(
            select(ConsentEvent.kind, ConsentEvent.member_id, ConsentEvent.actor_account_id)
            .where(ConsentEvent.consent_id == uuid.UUID(str(consent_id)))
            .order_by(ConsentEvent.recorded_at, ConsentEvent.id)
        )
        return [(r.kind, r.member_id, r.actor_account_id) for r in rows]


async def notices_for(runtime: Any, member: Any) -> list[tuple[str, Any, Any]]:
    """(kind, consent id, organisation id) of the portal notices for one member."""
    async with runtime.sessions() as session:
        rows = await session.execute(
            select(FamilyNotice.kind, FamilyNotice.consent_id, FamilyNotice.actor_organisation_id)
            .where(FamilyNotice.member_id == uuid.UUID(str(member)))
            .order_by(FamilyNotice.created_at, FamilyNotice.id)
        )
        return [(r.kind, r.consent_id, r.actor_organisation_id) for r in rows]


async def add_notices(
    runtime: Any, file_id: Any, member: Any, times: list[datetime]
) -> list[uuid.UUID]:
    """Portal notices for one member at the given times (ties allowed)."""
    ids = [new_id() for _ in times]
    async with runtime.unit_of_work() as uow:
        await uow.session.execute(
            insert(FamilyNotice),
            [
                {
                    "id": notice_id,
                    "file_id": uuid.UUID(str(file_id)),
                    "member_id": uuid.UUID(str(member)),
                    "kind": "consent_recorded",
                    "created_at": at,
                }
                for notice_id, at in zip(ids, times, strict=True)
            ],
        )
    return ids


async def portal_consents(
    runtime: Any, file_id: Any, given_by: Any, organisation_id: uuid.UUID, count: int
) -> None:
    """``count`` consents in force given in the portal by one member for themselves."""
    now = runtime.clock()
    async with runtime.unit_of_work() as uow:
        for _ in range(count):
            consent_id = new_id()
            await uow.session.execute(
                insert(ConsentRecord).values(
                    id=consent_id,
                    file_id=uuid.UUID(str(file_id)),
                    given_by_member_id=uuid.UUID(str(given_by)),
                    on_behalf=False,
                    purposes=["care_coordination"],
                    categories=["identity"],
                    legal_basis="consent",
                    collection_method="family_portal",
                    notice_version="2026-01",
                    valid_from=now,
                    valid_until=now + timedelta(days=90),
                    recorded_at=now,
                )
            )
            await uow.session.execute(
                insert(ConsentMember).values(
                    consent_id=consent_id, member_id=uuid.UUID(str(given_by))
                )
            )
            await uow.session.execute(
                insert(ConsentRecipient).values(
                    consent_id=consent_id, organisation_id=organisation_id
                )
            )


async def file_status(runtime: Any, file_id: Any) -> str:
    """The stored status of a file."""
    async with runtime.sessions() as session:
        status = await session.scalar(
            select(CoordinationFile.status).where(CoordinationFile.id == uuid.UUID(str(file_id)))
        )
        return str(status)


async def member_account(runtime: Any, member: Any) -> Any:
    """The family account linked to a member."""
    async with runtime.sessions() as session:
        return await session.scalar(
            select(Member.account_id).where(Member.id == uuid.UUID(str(member)))
        )


async def member_of(runtime: Any, file_id: Any, account_id: uuid.UUID) -> uuid.UUID:
    """The member of a file that a family account is linked to."""
    async with runtime.sessions() as session:
        found = await session.scalar(
            select(Member.id).where(
                Member.file_id == uuid.UUID(str(file_id)), Member.account_id == account_id
            )
        )
    assert found is not None
    return uuid.UUID(str(found))
