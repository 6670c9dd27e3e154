"""Attachments of messages: uploaded to a file first (a PDF, JPEG or PNG recognised by its
content, at most 10 MB, encrypted under the file's data key), then named in a message, whose
category they take. A download is a read: audited, and refused outside the consent.

Following the evidence upload (``service.evidence``): the type is decided by the content, never
by a name or a declared type, and the content is encrypted as base64 text. An attachment no
message carries stays readable only to the organisation that uploaded it and goes with the file.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from typing import Any

from sqlalchemy import insert, select

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import message_rules, rules
from zorgafstemming.coordination.message_models import Message, MessageAttachment, MessageMember
from zorgafstemming.coordination.message_schemas import AttachmentView
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import file_not_found
from zorgafstemming.coordination.service.evidence import (
    MAX_EVIDENCE_BYTES,
    SUFFIXES,
    EvidenceTooLarge,
    media_type_of,
)
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.coordination.service.family import member_gate
from zorgafstemming.coordination.service.family_consent_views import file_members
from zorgafstemming.coordination.service.family_evidence import EvidenceDownload
from zorgafstemming.coordination.service.gate import gate_for
from zorgafstemming.coordination.service.message_store import load_thread
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.crypto.fields import DataKey, FieldCipher
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import NotFoundError, ProblemError
from zorgafstemming.runtime import UnitOfWork

OBJECT_ATTACHMENT = "message_attachment"
MAX_ATTACHMENT_BYTES = MAX_EVIDENCE_BYTES
_TABLE, _COLUMN = "message_attachments", "content_enc"


def attachment_problem(content: bytes) -> ProblemError | None:
    """Why this content is no acceptable attachment (too large, empty, another type), or None."""
    if len(content) > MAX_ATTACHMENT_BYTES:
        return EvidenceTooLarge("An attachment is at most 10 MB.")
    if not content:
        return invalid("The attachment is empty.", [field_error("attachment", "is empty")])
    if media_type_of(content) is None:
        return invalid(
            "An attachment must be a PDF, JPEG or PNG file.",
            [field_error("attachment", "must be a PDF, JPEG or PNG file (by its content)")],
        )
    return None


def _encrypt(cipher: FieldCipher, key: DataKey, row_id: uuid.UUID, content: bytes) -> bytes:
    text = base64.b64encode(content).decode("ascii")
    return cipher.encrypt(key, table=_TABLE, column=_COLUMN, row_id=row_id, value=text)


def _decrypt(cipher: FieldCipher, key: DataKey, row_id: uuid.UUID, blob: bytes) -> bytes:
    text = cipher.decrypt(key, table=_TABLE, column=_COLUMN, row_id=row_id, blob=blob)
    return base64.b64decode(text.encode("ascii"), validate=True)


def _download(cipher: FieldCipher, key: DataKey, row: Any) -> EvidenceDownload:
    """The attachment as a download, under a neutral name by its media type."""
    suffix = f".{SUFFIXES[row.media_type]}" if row.media_type in SUFFIXES else ""
    return EvidenceDownload(
        media_type=row.media_type,
        content=_decrypt(cipher, key, row.id, bytes(row.content_enc)),
        file_name=f"bijlage{suffix}",
    )


async def upload_attachment(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID, content: bytes
) -> AttachmentView:
    """Store an attachment for a message still to be written on the file; refused (nothing
    stored, the denial recorded) when it is too large, empty or no PDF, JPEG or PNG."""
    gate = await gate_for(
        uow,
        principal,
        ctx,
        Action.COORDINATION_ATTACHMENT_UPLOAD,
        file_id,
        object_type=OBJECT_ATTACHMENT,
    )
    facts = await gate.open_facts("The file is closed; no new messages.")
    if not gate.allowed or facts.key is None:
        await gate.refuse(file_not_found())
    problem = attachment_problem(content)
    if problem is not None:
        await gate.refuse(problem)
    org = principal.organisation_id
    assert org is not None
    attachment_id = new_id()
    media_type = media_type_of(content)
    assert media_type is not None
    sha256 = hashlib.sha256(content).hexdigest()
    await uow.session.execute(
        insert(MessageAttachment).values(
            id=attachment_id,
            file_id=file_id,
            message_id=None,
            media_type=media_type,
            size=len(content),
            sha256=sha256,
            content_enc=_encrypt(uow.runtime.cipher, facts.key, attachment_id, content),
            uploaded_by_account_id=principal.account_id,
            uploaded_by_organisation_id=org,
            uploaded_at=uow.runtime.clock(),
        )
    )
    await gate.allow(object_id=attachment_id)
    return AttachmentView(id=attachment_id, media_type=media_type, size=len(content), sha256=sha256)


async def _attachment_row(
    uow: UnitOfWork, attachment_id: uuid.UUID, file_id: uuid.UUID | None = None
) -> Any:
    stmt = select(
        MessageAttachment.id,
        MessageAttachment.file_id,
        MessageAttachment.message_id,
        MessageAttachment.media_type,
        MessageAttachment.content_enc,
        MessageAttachment.uploaded_by_organisation_id,
        Message.thread_id,
        Message.category,
    ).outerjoin(Message, Message.id == MessageAttachment.message_id)
    stmt = stmt.where(MessageAttachment.id == attachment_id)
    if file_id is not None:
        stmt = stmt.where(MessageAttachment.file_id == file_id)
    return (await uow.session.execute(stmt)).one_or_none()


async def _message_about(uow: UnitOfWork, message_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        await uow.session.scalars(
            select(MessageMember.member_id).where(MessageMember.message_id == message_id)
        )
    )


async def download_attachment(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    attachment_id: uuid.UUID,
) -> EvidenceDownload:
    """An attachment of a message the caller's consent covers (its category, for every member
    it is about), or one their organisation uploaded and no message carries yet; otherwise 404.
    Audited as a read of the attachment's category."""
    gate = await gate_for(
        uow,
        principal,
        ctx,
        Action.COORDINATION_ATTACHMENT_READ,
        file_id,
        object_type=OBJECT_ATTACHMENT,
        object_id=attachment_id,
    )
    facts = gate.facts
    nothing = NotFoundError("No such attachment.")
    if facts is None or not gate.visible or not gate.allowed or facts.key is None:
        await gate.refuse(nothing)
    row = await _attachment_row(uow, attachment_id, file_id)
    org = principal.organisation_id
    assert org is not None
    if row is None:
        await gate.refuse(nothing)
    if row.message_id is None:
        if row.uploaded_by_organisation_id != org:
            await gate.refuse(nothing)
        categories: list[str] = []
    else:
        thread = await load_thread(uow.session, row.thread_id, file_id)
        assert thread is not None
        about = message_rules.message_about(
            await _message_about(uow, row.message_id), thread.concerned
        )
        per_member = rules.covered_categories(
            facts.consents,
            facts.members,
            organisation=org,
            purpose=vocabulary().purpose_of(gate.action.value),
            at=uow.runtime.clock(),
        )
        if not message_rules.partner_sees(per_member, row.category, about):
            await gate.refuse(nothing, categories=[row.category])
        categories = [row.category]
    download = _download(uow.runtime.cipher, facts.key, row)
    await gate.allow(categories=categories)
    return download


async def family_attachment(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, attachment_id: uuid.UUID
) -> EvidenceDownload:
    """An attachment of a message in a thread addressed to the family that concerns the caller
    or a child under 12 they represent; otherwise 404. Audited as a read."""
    row = await _attachment_row(uow, attachment_id)
    file_id = row.file_id if row is not None and row.message_id is not None else None
    gate, mine = await member_gate(
        uow, principal, ctx, Action.FAMILY_ATTACHMENT_READ, file_id, subject=attachment_id
    )
    gate.object_type, gate.object_id = OBJECT_ATTACHMENT, attachment_id
    nothing = NotFoundError("No such attachment.")
    if row is None or file_id is None or not mine or not gate.allowed:
        await gate.refuse(nothing)
    thread = await load_thread(uow.session, row.thread_id, file_id)
    assert thread is not None
    key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, file_id)
    members = await file_members(uow, file_id, key)
    visible = rules.family_visible_members(
        members[mine[0].id], members.values(), uow.runtime.clock()
    )
    if not message_rules.family_reads_thread(thread.audience, thread.concerned, visible):
        await gate.refuse(nothing)
    download = _download(uow.runtime.cipher, key, row)
    await gate.allow(categories=[row.category])
    return download
