"""Builders for restriction and objection: a restriction placed (and lifted) by the DPO, an
objection on record, a statute-based consent (rows as the services write them)."""

from __future__ import annotations

import uuid

import msgspec
from sqlalchemy import select, update

from tests.factories.accounts import create_account
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.coordination.models import ConsentMember, ConsentRecord
from zorgafstemming.coordination.restriction import restrictions
from zorgafstemming.coordination.restriction.models import Objection
from zorgafstemming.coordination.restriction.schemas import LiftIn, RestrictionIn, RestrictionOut
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


async def restrict(
    runtime: Runtime, file_id: str | uuid.UUID, member_id: str | uuid.UUID | None = None
) -> RestrictionOut:
    """A restriction a DPO places on the file (or on one member's data)."""
    dpo = await create_account(runtime, Role.DPO)
    body: dict[str, str] = {"reason": "Betwiste juistheid van de gegevens."}
    if member_id is not None:
        body["member_id"] = str(member_id)
    async with runtime.unit_of_work() as uow:
        placed = await restrictions.place_restriction(
            uow,
            dpo.principal(),
            AuditContext(),
            uuid.UUID(str(file_id)),
            msgspec.convert(body, RestrictionIn),
        )
    return placed


async def lift(runtime: Runtime, placed: RestrictionOut) -> RestrictionOut:
    """The DPO lifts the restriction ``placed``."""
    dpo = await create_account(runtime, Role.DPO)
    async with runtime.unit_of_work() as uow:
        lifted = await restrictions.lift_restriction(
            uow,
            dpo.principal(),
            AuditContext(),
            placed.file_id,
            placed.id,
            LiftIn(reason="De gegevens zijn rechtgezet."),
        )
    return lifted


async def make_statute_based(runtime: Runtime, consent_id: str | uuid.UUID) -> None:
    """Record the consent as an instemming under the decree on integrated youth care."""
    async with runtime.unit_of_work() as uow:
        await uow.session.execute(
            update(ConsentRecord)
            .where(ConsentRecord.id == uuid.UUID(str(consent_id)))
            .values(legal_basis="dijh_art74")
        )


async def objection_on_record(
    runtime: Runtime,
    file_id: str | uuid.UUID,
    consent_id: str | uuid.UUID,
    member_id: str | uuid.UUID,
) -> uuid.UUID:
    """An open objection about ``member_id``'s part of the consent, as the portal stores it."""
    objection_id = new_id()
    async with runtime.unit_of_work() as uow:
        key = await runtime.cipher.key_for(uow.session, FILE_OWNER, uuid.UUID(str(file_id)))
        uow.session.add(
            Objection(
                id=objection_id,
                file_id=uuid.UUID(str(file_id)),
                consent_id=uuid.UUID(str(consent_id)),
                member_id=uuid.UUID(str(member_id)),
                reasons_enc=runtime.cipher.encrypt(
                    key,
                    table="objections",
                    column="reasons",
                    row_id=objection_id,
                    value="Ik wil niet dat de school dit weet.",
                ),
                raised_at=runtime.clock(),
            )
        )
    return objection_id


async def seed_objections(runtime: Runtime, file_id: str | uuid.UUID, count: int) -> None:
    """``count`` open objections about the first member covered by the file's first consent."""
    async with runtime.sessions() as session:
        row = (
            await session.execute(
                select(ConsentMember.consent_id, ConsentMember.member_id)
                .join(ConsentRecord, ConsentRecord.id == ConsentMember.consent_id)
                .where(ConsentRecord.file_id == uuid.UUID(str(file_id)))
                .order_by(ConsentRecord.recorded_at, ConsentMember.member_id)
                .limit(1)
            )
        ).one()
    for _ in range(count):
        await objection_on_record(runtime, file_id, row.consent_id, row.member_id)
