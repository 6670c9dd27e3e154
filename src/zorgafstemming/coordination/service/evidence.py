"""The scan of a signed consent form: staged on upload, bound to a file when a consent uses it.

A worker uploads the scan before the consent exists (a file cannot be opened without it), so
the scan is first stored *staged*: no file, encrypted under a data key of its own (owner
``evidence``, owner id = the scan's id). When a consent naming it is stored, the scan is bound
in the same unit of work: re-encrypted under the file's data key, its ``file_id`` set and its own
key shredded. A staged scan nobody used is removed by the retention run
(:func:`zorgafstemming.retention.bulk.purge_staged_evidence`).

The type is decided by the content (magic bytes), never by a name or a declared type. The
field cipher encrypts text, so the scan is encrypted as base64 text.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from dataclasses import dataclass
from functools import partial
from typing import Any

import filetype
from sqlalchemy import insert, or_, select, update

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import Decision
from zorgafstemming.coordination.models import ConsentEvidence
from zorgafstemming.coordination.schemas import EvidenceView
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.crypto.fields import DataKey, FieldCipher
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ForbiddenError, ProblemError
from zorgafstemming.runtime import Runtime, UnitOfWork

# The owner kind of a staged scan's own data key.
EVIDENCE_OWNER = "evidence"
OBJECT_EVIDENCE = "consent_evidence"
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# The media types a scan may have, with the suffix a download of it is saved under.
SUFFIXES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
MEDIA_TYPES = frozenset(SUFFIXES)
_TABLE, _COLUMN = "consent_evidence", "content_enc"


class EvidenceTooLarge(ProblemError):
    """The scan is larger than the service keeps."""

    status = 413
    slug = "payload-too-large"
    title = "Payload too large"


@dataclass(frozen=True)
class StoredEvidence:
    """A scan a consent may name: its id and the SHA-256 the consent record keeps."""

    id: uuid.UUID
    sha256: str


def media_type_of(content: bytes) -> str | None:
    """The scan's media type recognised from its first bytes, when it is a PDF, JPEG or PNG."""
    kind = filetype.guess(content[:8192])
    mime = getattr(kind, "mime", None)
    return mime if mime in MEDIA_TYPES else None


def evidence_problem(content: bytes) -> ProblemError | None:
    """Why this content is no acceptable scan (too large, empty, another type), or None."""
    if len(content) > MAX_EVIDENCE_BYTES:
        return EvidenceTooLarge("A scan of the signed form is at most 10 MB.")
    if not content:
        return invalid("The scan is empty.", [field_error("evidence", "is empty")])
    if media_type_of(content) is None:
        return invalid(
            "The scan must be a PDF, JPEG or PNG file.",
            [field_error("evidence", "must be a PDF, JPEG or PNG file (by its content)")],
        )
    return None


def _encrypt(cipher: FieldCipher, key: DataKey, evidence_id: uuid.UUID, content: bytes) -> bytes:
    text = base64.b64encode(content).decode("ascii")
    return cipher.encrypt(key, table=_TABLE, column=_COLUMN, row_id=evidence_id, value=text)


def decrypt_evidence(
    cipher: FieldCipher, key: DataKey, evidence_id: uuid.UUID, blob: bytes
) -> bytes:
    """The scan's content, decrypted (in memory only) under ``key`` (the file's, once bound)."""
    text = cipher.decrypt(key, table=_TABLE, column=_COLUMN, row_id=evidence_id, blob=blob)
    return base64.b64decode(text.encode("ascii"), validate=True)


def upload_decision(runtime: Runtime, principal: Principal) -> Decision:
    """Cedar's decision on uploading a scan, for a page that uploads one along with the form
    it belongs to (the route's guard decided on the form's own action)."""
    return runtime.authz.decide(principal, Action.COORDINATION_EVIDENCE_UPLOAD)


async def stage_evidence(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    content: bytes,
    *,
    decision: Decision | None = None,
) -> EvidenceView:
    """Store an uploaded scan, staged under a key of its own, and record the audit event;
    refused (nothing stored, the denial recorded) when it is too large, empty or no PDF, JPEG
    or PNG. ``decision``: the upload's own decision when the route's guard decided on another
    action (the upload route's guard decision is in ``ctx``)."""
    action = Action.COORDINATION_EVIDENCE_UPLOAD
    # The upload's one audit event: denied, or allowed with the new scan's id.
    audit = partial(record, uow, ctx, action, decision=decision, object_type=OBJECT_EVIDENCE)
    org = principal.organisation_id
    problem = evidence_problem(content)
    if problem is None and (org is None or (decision is not None and not decision.allowed)):
        problem = ForbiddenError("Only a partner's worker uploads a scan.")
    if problem is not None:
        await audit("denied")
        raise problem
    assert org is not None
    evidence_id = new_id()
    media_type = media_type_of(content)
    assert media_type is not None
    sha256 = hashlib.sha256(content).hexdigest()
    key = await uow.runtime.cipher.key_for(uow.session, EVIDENCE_OWNER, evidence_id)
    await uow.session.execute(
        insert(ConsentEvidence).values(
            id=evidence_id,
            file_id=None,
            media_type=media_type,
            size=len(content),
            sha256=sha256,
            content_enc=_encrypt(uow.runtime.cipher, key, evidence_id, content),
            uploaded_by_account_id=principal.account_id,
            uploaded_by_organisation_id=org,
            uploaded_at=uow.runtime.clock(),
        )
    )
    await audit("allowed", object_id=evidence_id)
    return EvidenceView(id=evidence_id, sha256=sha256, media_type=media_type, size=len(content))


async def usable_evidence(
    uow: UnitOfWork,
    organisation_id: uuid.UUID,
    wanted: dict[uuid.UUID, str],
    file_id: uuid.UUID | None,
) -> tuple[dict[uuid.UUID, StoredEvidence], list[dict[str, str]]]:
    """The scans a consent may name, and an error at its field path for each one that is not
    the caller organisation's own, staged or already bound to ``file_id`` (a scan of another
    organisation or file looks exactly like one that does not exist)."""
    if not wanted:
        return {}, []
    rows = await uow.session.execute(
        select(ConsentEvidence.id, ConsentEvidence.sha256).where(
            ConsentEvidence.id.in_(list(wanted)),
            ConsentEvidence.uploaded_by_organisation_id == organisation_id,
            # Staged, or already bound to this file (with no file: staged only).
            or_(ConsentEvidence.file_id.is_(None), ConsentEvidence.file_id == file_id),
        )
    )
    found = {r.id: StoredEvidence(r.id, r.sha256) for r in rows}
    errors = [
        field_error(where, "names no scan your organisation uploaded for this file")
        for evidence_id, where in wanted.items()
        if evidence_id not in found
    ]
    return found, errors


async def bind_evidence(uow: UnitOfWork, evidence_id: uuid.UUID, file_id: uuid.UUID) -> None:
    """Bind a staged scan to ``file_id``: re-encrypt it under the file's key and shred its own
    key, in the caller's unit of work (a scan already bound to the file stays as it is)."""
    session, cipher = uow.session, uow.runtime.cipher
    row: Any = (
        await session.execute(
            select(ConsentEvidence.file_id, ConsentEvidence.content_enc)
            .where(ConsentEvidence.id == evidence_id)
            .with_for_update()
        )
    ).one()
    if row.file_id is not None:
        if row.file_id != file_id:  # pragma: no cover - usable_evidence checked it
            raise ValueError("the scan belongs to another file")
        return
    staged = await cipher.load_key(session, EVIDENCE_OWNER, evidence_id)
    if staged is None:  # pragma: no cover - a staged scan always has its key
        raise LookupError("the staged scan's key is gone")
    content = decrypt_evidence(cipher, staged, evidence_id, bytes(row.content_enc))
    key = await cipher.key_for(session, FILE_OWNER, file_id)
    await session.execute(
        update(ConsentEvidence)
        .where(ConsentEvidence.id == evidence_id, ConsentEvidence.file_id.is_(None))
        .values(file_id=file_id, content_enc=_encrypt(cipher, key, evidence_id, content))
    )
    await cipher.shred(session, EVIDENCE_OWNER, evidence_id)
