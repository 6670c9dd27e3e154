"""The record kinds purged in bulk, each past its own period: ended sessions and tokens, login
attempt counters, kept consent proofs, answered data-subject requests, the bodies of old sealed
audit events, and scans of signed consent forms uploaded but never used by a consent."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from zorgafstemming.accessreview.retention import purge_reviews_before
from zorgafstemming.audit.service import purge_events_before
from zorgafstemming.coordination.models import ConsentEvidence
from zorgafstemming.coordination.service.evidence import EVIDENCE_OWNER
from zorgafstemming.identity import ratelimit
from zorgafstemming.identity.models import Credential, RateLimitCounter
from zorgafstemming.retention.models import ConsentProof
from zorgafstemming.retention.rules import RecordKind, Schedule
from zorgafstemming.rights.retention import purge_requests_closed_before

if TYPE_CHECKING:
    from zorgafstemming.runtime import UnitOfWork

# A scan is uploaded just before the consent that names it; one that no consent took up within
# a day was abandoned. It is nobody's record yet, so it is no rule of the schedule.
STAGED_EVIDENCE_KEPT = timedelta(hours=24)


def _cutoff(uow: UnitOfWork, schedule: Schedule, kind: RecordKind) -> datetime | None:
    """The latest trigger instant of ``kind`` that is due now, or None without a purge rule."""
    found = schedule.cutoff(kind, uow.runtime.clock())
    return None if found is None else found[1]


def _count(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


async def purge_credentials(uow: UnitOfWork, schedule: Schedule) -> int:
    """Delete sessions and tokens that ended (revoked, or else expired) before their cutoff."""
    cutoff = _cutoff(uow, schedule, RecordKind.SESSION)
    if cutoff is None:
        return 0
    # Ended = revoked, or else expired; a credential still valid is never cut.
    ended = func.coalesce(Credential.revoked_at, Credential.expires_at)
    now = uow.runtime.clock()
    return _count(
        await uow.session.execute(
            delete(Credential).where(ended <= cutoff, Credential.expires_at <= now)
        )
    )


async def purge_login_records(uow: UnitOfWork, schedule: Schedule) -> int:
    """Delete login/MFA rate-limit counters whose counting window ended at or before the cutoff.

    A counter's key starts with its limit's name and ``window_start`` counts windows of that
    limit's length, so each limit is cut at its own last window that ended in time."""
    cutoff = _cutoff(uow, schedule, RecordKind.LOGIN_RECORD)
    if cutoff is None:
        return 0
    deleted = 0
    limits = [v for v in vars(ratelimit).values() if isinstance(v, ratelimit.Limit)]
    for limit in limits:
        # Window w covers [w * s, (w + 1) * s): it has ended at the cutoff if w + 1 <= c / s.
        last = int(cutoff.timestamp()) // limit.window_seconds - 1
        deleted += _count(
            await uow.session.execute(
                delete(RateLimitCounter).where(
                    RateLimitCounter.key.startswith(f"{limit.name}:", autoescape=True),
                    RateLimitCounter.window_start <= last,
                )
            )
        )
    return deleted


async def purge_consent_proofs(uow: UnitOfWork, schedule: Schedule) -> int:
    """Delete the proofs of consent kept past their own period after their file's purge."""
    cutoff = _cutoff(uow, schedule, RecordKind.CONSENT_PROOF)
    if cutoff is None:
        return 0
    return _count(
        await uow.session.execute(delete(ConsentProof).where(ConsentProof.file_purged_at <= cutoff))
    )


async def purge_subject_requests(uow: UnitOfWork, schedule: Schedule) -> int:
    """Delete the data-subject requests answered or refused before their cutoff (with their
    steps); an open request is never cut."""
    cutoff = _cutoff(uow, schedule, RecordKind.SUBJECT_REQUEST)
    if cutoff is None:
        return 0
    return await purge_requests_closed_before(uow, cutoff)


async def purge_audit_bodies(uow: UnitOfWork, schedule: Schedule) -> int:
    """Remove the bodies of sealed audit events past their period (leaf hashes stay)."""
    cutoff = _cutoff(uow, schedule, RecordKind.AUDIT_EVENT)
    if cutoff is None:
        return 0
    # The audit trail's gated path: bodies go, leaf hashes (and checkpoints) stay.
    # purge_events_before is exclusive; our cutoff is the last instant that is due.
    # The access-review items copied from those events go with them.
    await purge_reviews_before(uow, cutoff + timedelta(microseconds=1))
    return await purge_events_before(uow, cutoff + timedelta(microseconds=1))


async def purge_staged_evidence(uow: UnitOfWork) -> int:
    """Delete the scans no consent used within :data:`STAGED_EVIDENCE_KEPT` of their upload,
    with their own data keys."""
    cutoff = uow.runtime.clock() - STAGED_EVIDENCE_KEPT
    session = uow.session
    abandoned = list(
        await session.scalars(
            select(ConsentEvidence.id)
            .where(ConsentEvidence.file_id.is_(None), ConsentEvidence.uploaded_at <= cutoff)
            .with_for_update()
        )
    )
    if not abandoned:
        return 0
    await session.execute(
        delete(ConsentEvidence).where(
            ConsentEvidence.id.in_(abandoned), ConsentEvidence.file_id.is_(None)
        )
    )
    await uow.runtime.cipher.shred_many(session, EVIDENCE_OWNER, abandoned)
    return len(abandoned)
