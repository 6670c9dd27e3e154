"""The signed form behind a consent, for the family: a covered member (12 or older) or a
covered child's representative downloads the scan; every look is audited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.family_rules import may_answer_for
from zorgafstemming.coordination.models import ConsentEvidence, ConsentMember, ConsentRecord
from zorgafstemming.coordination.service.evidence import OBJECT_EVIDENCE, SUFFIXES, decrypt_evidence
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.coordination.service.family import member_gate
from zorgafstemming.coordination.service.family_consent_views import file_members
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import NotFoundError
from zorgafstemming.runtime import UnitOfWork


@dataclass(frozen=True)
class EvidenceDownload:
    """The scan, decrypted in memory, with its stored media type and a neutral file name."""

    media_type: str
    content: bytes
    file_name: str


async def family_evidence(
    uow: UnitOfWork,
    principal: Principal,
    audit: AuditContext,
    consent_id: uuid.UUID,
    *,
    file_id: uuid.UUID | None = None,
) -> EvidenceDownload:
    """The scan of the signed form of a consent about the caller (or a child under 12 they
    represent), decrypted under the file's key; 404 for any other consent or one without a
    form."""
    session = uow.session
    row = (
        await session.execute(
            select(ConsentRecord.file_id, ConsentRecord.evidence_id).where(
                ConsentRecord.id == consent_id
            )
        )
    ).one_or_none()
    wanted = file_id
    file_id = row.file_id if row is not None else None
    if wanted is not None and file_id != wanted:  # the page named another file
        row = file_id = None
    gate, mine = await member_gate(
        uow, principal, audit, Action.FAMILY_EVIDENCE_READ, file_id, subject=consent_id
    )
    gate.object_type, gate.object_id = OBJECT_EVIDENCE, consent_id
    nothing = NotFoundError("No such form.")
    if row is None or file_id is None or not mine or not gate.allowed:
        await gate.refuse(nothing)
    cipher = uow.runtime.cipher
    key = await cipher.key_for(session, FILE_OWNER, file_id)
    members = await file_members(uow, file_id, key)
    covered = set(
        await session.scalars(
            select(ConsentMember.member_id).where(ConsentMember.consent_id == consent_id)
        )
    )
    viewer = members[mine[0].id]
    if not may_answer_for(viewer, covered, members, uow.runtime.clock()):
        await gate.refuse(nothing)
    evidence = (
        await session.execute(
            select(
                ConsentEvidence.id, ConsentEvidence.media_type, ConsentEvidence.content_enc
            ).where(ConsentEvidence.id == row.evidence_id, ConsentEvidence.file_id == file_id)
        )
    ).one_or_none()
    if evidence is None:
        await gate.refuse(nothing)
    content = decrypt_evidence(cipher, key, evidence.id, bytes(evidence.content_enc))
    await gate.allow(object_id=evidence.id)
    # The name a download is saved under, by media type (never anything from the upload).
    suffix = f".{SUFFIXES[evidence.media_type]}" if evidence.media_type in SUFFIXES else ""
    return EvidenceDownload(
        media_type=evidence.media_type,
        content=content,
        file_name=f"toestemmingsformulier{suffix}",
    )
