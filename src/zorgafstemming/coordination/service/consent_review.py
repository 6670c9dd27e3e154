"""The DPO's review of consents that partners' workers recorded: the queue (newest first,
keyset-paged), the scanned form (every look audited) and the outcome, kept as a consent event.

The queue holds no personal data: the file appears by its pseudonymous audit reference, the
recorder by organisation, the reviewer by account id.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext, audit_ref, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentEvidence,
    ConsentRecord,
    CoordinationFile,
)
from zorgafstemming.coordination.review.schemas import (
    ConsentReviewItem,
    ConsentReviewPage,
    RecordingOrganisation,
    ReviewOutcome,
    ReviewStatus,
)
from zorgafstemming.coordination.rules import ConsentFacts
from zorgafstemming.coordination.service.consent_records import record_event
from zorgafstemming.coordination.service.evidence import OBJECT_EVIDENCE, decrypt_evidence
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import NotFoundError
from zorgafstemming.runtime import UnitOfWork

OBJECT_CONSENT = "consent"
OBJECT_QUEUE = "consent_review_list"
# The consent events the queue folds into each item's state, contest and review status.
_FOLDED = ("given", "renewed", "withdrawn", "confirmed", "contested", "reviewed", "referred_back")


def _consent_not_found() -> NotFoundError:
    return NotFoundError("No such consent to review.")


# ---- the queue ------------------------------------------------------------------------------


def _items_statement(*where: Any) -> Any:
    return (
        select(
            ConsentRecord.id,
            ConsentRecord.file_id,
            ConsentRecord.given_by_member_id,
            ConsentRecord.recorded_at,
            ConsentRecord.collection_method,
            ConsentRecord.evidence_id,
            ConsentRecord.valid_from,
            ConsentRecord.valid_until,
            ConsentRecord.recorded_by_organisation_id,
            Organisation.name.label("organisation_name"),
        )
        .join(CoordinationFile, CoordinationFile.id == ConsentRecord.file_id)
        .join(Organisation, Organisation.id == ConsentRecord.recorded_by_organisation_id)
        .where(
            ConsentRecord.recorded_by_organisation_id.is_not(None),
            CoordinationFile.status != "purged",
            *where,
        )
        .order_by(ConsentRecord.recorded_at.desc(), ConsentRecord.id.desc())
    )


@dataclass
class _History:
    """One consent's events, folded."""

    until: datetime | None = None
    withdrawn_at: datetime | None = None
    confirmed: bool = False
    contested_at: datetime | None = None
    review: ReviewStatus | None = None


async def _histories(
    uow: UnitOfWork, consent_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, _History]:
    folded: dict[uuid.UUID, _History] = {c: _History() for c in consent_ids}
    if not consent_ids:
        return folded
    events = await uow.session.execute(
        select(
            ConsentEvent.consent_id,
            ConsentEvent.kind,
            ConsentEvent.occurred_at,
            ConsentEvent.valid_until,
            ConsentEvent.member_id,
            ConsentEvent.actor_account_id,
            ConsentEvent.recorded_at,
        )
        .where(ConsentEvent.consent_id.in_(list(consent_ids)), ConsentEvent.kind.in_(_FOLDED))
        .order_by(ConsentEvent.recorded_at, ConsentEvent.id)
    )
    for e in events:
        h = folded[e.consent_id]
        if e.kind in ("given", "renewed") and e.valid_until is not None:
            h.until = e.valid_until if h.until is None else max(h.until, e.valid_until)
        elif e.kind == "withdrawn" and e.member_id is None:
            h.withdrawn_at = e.occurred_at if h.withdrawn_at is None else h.withdrawn_at
        elif e.kind == "confirmed":
            h.confirmed = True
        elif e.kind == "contested":
            h.contested_at = e.occurred_at if h.contested_at is None else h.contested_at
        elif e.kind in ("reviewed", "referred_back"):
            h.review = ReviewStatus(
                status=e.kind, by_account_id=e.actor_account_id, at=e.recorded_at
            )
    return folded


def _item(row: Any, history: _History, audit_key: bytes, now: datetime) -> ConsentReviewItem:
    facts = ConsentFacts(
        id=row.id,
        given_by=row.given_by_member_id,
        given_at=row.recorded_at,
        members=frozenset(),
        recipients=frozenset(),
        purposes=frozenset(),
        categories=frozenset(),
        valid_from=row.valid_from,
        valid_until=history.until or row.valid_until,
        withdrawn_at=history.withdrawn_at,
        # The same rule as the consent facts (facts_query.awaiting_confirmation).
        awaiting_confirmation=row.collection_method == "in_person" and not history.confirmed,
    )
    return ConsentReviewItem(
        consent_id=row.id,
        file_ref=audit_ref(audit_key, "file", row.file_id),
        recorded_by_organisation=RecordingOrganisation(
            id=row.recorded_by_organisation_id, name=row.organisation_name
        ),
        recorded_at=row.recorded_at,
        collection_method=row.collection_method,
        has_scan=row.evidence_id is not None,
        state=rules.consent_state(facts, now),
        contested=history.contested_at is not None,
        contested_at=history.contested_at,
        review=history.review or ReviewStatus(status="none", by_account_id=None, at=None),
    )


async def _items(uow: UnitOfWork, rows: Sequence[Any]) -> list[ConsentReviewItem]:
    histories = await _histories(uow, [r.id for r in rows])
    key, now = uow.runtime.secrets.audit_key, uow.runtime.clock()
    return [_item(r, histories[r.id], key, now) for r in rows]


async def review_queue(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, *, after: str | None, limit: int
) -> ConsentReviewPage:
    """Consents recorded by partners' workers, newest first by (recorded_at, id), ``limit`` at
    a time after the cursor ``after``, for the DPO (``principal``; the route's guard decided)."""
    where = []
    position = read_after(after)
    if position is not None:
        where.append(beyond(ConsentRecord.recorded_at, ConsentRecord.id, position))
    rows = list((await uow.session.execute(_items_statement(*where).limit(limit + 1))).all())
    page, next_cursor = one_page(rows, limit, lambda r: (r.recorded_at, r.id))
    items = await _items(uow, page)
    await record(uow, ctx, Action.REVIEW_CONSENT_LIST, "allowed", object_type=OBJECT_QUEUE)
    return ConsentReviewPage(items=items, next=next_cursor)


async def _review_row(uow: UnitOfWork, consent_id: uuid.UUID) -> Any:
    return (await uow.session.execute(_items_statement(ConsentRecord.id == consent_id))).first()


# ---- the scan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scan:
    """A scanned consent form, decrypted in memory for one response."""

    evidence_id: uuid.UUID
    media_type: str
    content: bytes


async def read_scan(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, consent_id: uuid.UUID
) -> Scan:
    """The scanned form a staff-recorded consent was recorded with, for the DPO
    (``principal``; the route's guard decided); every look is audited (denied too: an unknown
    consent, or one without a scan, answers 404)."""
    action = Action.REVIEW_EVIDENCE_READ
    row = (
        await uow.session.execute(
            select(ConsentRecord.file_id, ConsentEvidence)
            .join(ConsentEvidence, ConsentEvidence.id == ConsentRecord.evidence_id)
            .join(CoordinationFile, CoordinationFile.id == ConsentRecord.file_id)
            .where(
                ConsentRecord.id == consent_id,
                ConsentRecord.recorded_by_organisation_id.is_not(None),
                CoordinationFile.status != "purged",
            )
            .options(undefer(ConsentEvidence.content_enc))
        )
    ).first()
    key = None
    if row is not None:
        key = await uow.runtime.cipher.load_key(uow.session, FILE_OWNER, row.file_id)
    if row is None or key is None:
        await record(uow, ctx, action, "denied", object_type=OBJECT_EVIDENCE, object_id=consent_id)
        raise NotFoundError("No such consent form.")
    evidence: ConsentEvidence = row.ConsentEvidence
    content = decrypt_evidence(uow.runtime.cipher, key, evidence.id, bytes(evidence.content_enc))
    await record(
        uow,
        ctx,
        action,
        "allowed",
        object_type=OBJECT_EVIDENCE,
        object_id=evidence.id,
        file_id=row.file_id,
    )
    return Scan(evidence.id, evidence.media_type, content)


# ---- the outcome ----------------------------------------------------------------------------


async def decide_review(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    consent_id: uuid.UUID,
    outcome: ReviewOutcome,
) -> ConsentReviewItem:
    """Record the DPO's outcome as a consent event; referring back tells the recording
    organisation (a ``consent_referred_back`` notice). The latest outcome counts."""
    action = Action.REVIEW_CONSENT_DECIDE
    row = await _review_row(uow, consent_id)
    if row is None:
        await record(uow, ctx, action, "denied", object_type=OBJECT_CONSENT, object_id=consent_id)
        raise _consent_not_found()
    now = uow.runtime.clock()
    await record_event(uow, principal, consent_id, outcome, at=now)
    if outcome == "referred_back":
        await notify(
            uow.session,
            now,
            row.file_id,
            [row.recorded_by_organisation_id],
            "consent_referred_back",
            consent_id,
        )
    await record(
        uow,
        ctx,
        action,
        "allowed",
        object_type=OBJECT_CONSENT,
        object_id=consent_id,
        file_id=row.file_id,
    )
    return (await _items(uow, [row]))[0]
