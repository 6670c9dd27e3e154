"""Writing consents: a new consent record with whom it covers and whom it names, and the events
that change it afterwards (given, renewed, withdrawn, confirmed, contested, reviewed), for staff,
the family portal and the DPO alike."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import insert

from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentMember,
    ConsentRecipient,
    ConsentRecord,
    Participant,
)
from zorgafstemming.coordination.rules import ConsentFacts
from zorgafstemming.coordination.service.evidence import bind_evidence
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.coordination.service.family_notices import tell_family
from zorgafstemming.coordination.service.notifications import insert_ignore
from zorgafstemming.coordination.service.provenance import Provenance, record_of
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import UnitOfWork


async def record_event(
    uow: UnitOfWork,
    principal: Principal,
    consent_id: uuid.UUID,
    kind: str,
    *,
    member_id: uuid.UUID | None = None,
    at: datetime | None = None,
    **changed: Any,
) -> None:
    """Append a consent event the caller caused, happening and recorded ``at`` (now unless
    given); ``member_id`` when it concerns one member's part, ``changed`` for what a renewal
    changes (its new end and the scan's hash)."""
    now = at or uow.runtime.clock()
    await uow.session.execute(
        insert(ConsentEvent).values(
            id=new_id(),
            consent_id=consent_id,
            kind=kind,
            occurred_at=now,
            recorded_at=now,
            actor_account_id=principal.account_id,
            member_id=member_id,
            **changed,
        )
    )


async def store_consent(
    uow: UnitOfWork,
    principal: Principal,
    file_id: uuid.UUID,
    consent: ConsentFacts,
    provenance: Provenance,
    legal_basis: str,
    notice_version: str,
) -> dict[str, Any]:
    """Write a consent record, whom it covers and names, and its ``given`` event; bind the
    scan it names to the file, let the organisations a family member named in the portal join
    the file and tell the family, all in the caller's unit of work. Returns what the record
    holds besides the consent's facts (as :class:`FileFacts` keeps it)."""
    # Recorded when it was given: one moment for the record, its event and what the view shows.
    session, now = uow.session, consent.given_at
    evidence = provenance.evidence
    evidence_hash = evidence.sha256 if evidence is not None else None
    if evidence is not None:
        await bind_evidence(uow, evidence.id, file_id)
    await session.execute(
        insert(ConsentRecord).values(
            id=consent.id,
            file_id=file_id,
            given_by_member_id=consent.given_by,
            on_behalf=consent.members != {consent.given_by},
            purposes=sorted(consent.purposes),
            categories=sorted(consent.categories),
            legal_basis=legal_basis,
            collection_method=provenance.collection_method,
            evidence_hash=evidence_hash,
            evidence_id=evidence.id if evidence is not None else None,
            notice_version=notice_version,
            valid_from=consent.valid_from,
            valid_until=consent.valid_until,
            recorded_by_account_id=principal.account_id,
            recorded_by_organisation_id=provenance.recorded_by_organisation_id,
            recorded_at=now,
        )
    )
    await session.execute(
        insert(ConsentMember), [{"consent_id": consent.id, "member_id": m} for m in consent.members]
    )
    await session.execute(
        insert(ConsentRecipient),
        [{"consent_id": consent.id, "organisation_id": o} for o in consent.recipients],
    )
    await session.execute(
        insert(ConsentEvent).values(
            id=new_id(),
            consent_id=consent.id,
            kind="given",
            occurred_at=consent.valid_from,
            recorded_at=now,
            valid_until=consent.valid_until,
            actor_account_id=principal.account_id,
            evidence_hash=evidence_hash,
        )
    )
    if provenance.recipients_join:
        # The family chose these organisations: they take part in the file from now on.
        for organisation in sorted(consent.recipients):
            values: dict[str, Any] = {
                "file_id": file_id,
                "organisation_id": organisation,
                "joined_at": now,
                "added_by_account_id": principal.account_id,
            }
            await session.execute(insert_ignore(session, Participant, values))
    await tell_family(
        uow,
        file_id,
        await uow.runtime.cipher.key_for(session, FILE_OWNER, file_id),
        covered=consent.members,
        kind=provenance.notice_kind,
        consent_id=consent.id,
        actor_organisation_id=provenance.recorded_by_organisation_id,
    )
    return record_of(consent, provenance, now, legal_basis, notice_version)
