"""The purge: each due file in one transaction, crypto-shredded, with a tombstone and proof.

A run plans from one snapshot, then purges file by file. Every file's transaction re-checks that
the file still exists, is still due and is not held, so a run is idempotent and resumable: kill
it anywhere and the next run finishes the work, and a file is either fully present or fully
purged (with exactly one tombstone and one audit event). The clock is ``runtime.clock()``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import AuditContext, append, audit_ref, purge_events_before
from zorgafstemming.coordination.service.file_rows import file_rows
from zorgafstemming.crypto.models import BlindIndex, DataKeyRecord
from zorgafstemming.db import new_id
from zorgafstemming.faults import crash_point
from zorgafstemming.identity import ratelimit
from zorgafstemming.identity.models import Credential, RateLimitCounter
from zorgafstemming.logging import get_logger
from zorgafstemming.models import metadata
from zorgafstemming.retention import facts as file_facts
from zorgafstemming.retention import rowgraph
from zorgafstemming.retention.models import ConsentProof, LegalHold, PurgeTombstone
from zorgafstemming.retention.rules import (
    Due,
    RecordKind,
    Schedule,
    file_purge_due,
    file_review_due,
)
from zorgafstemming.runtime import Runtime

PURGE_ACTION = "retention:file:purge"
REVIEW_NOTICE = "retention_review"  # notification kind: an idle open file for its lead
FAMILY_ROLE = "family"
# The named crash points of a file's purge, in the order they are passed (kill tests use them).
CRASH_POINTS = (
    "retention.purge.begin",
    "retention.purge.after_shred",
    "retention.purge.after_delete",
    "retention.purge.before_commit",
    "retention.purge.after_commit",
)

_log = get_logger("zorgafstemming.retention")


def _table(name: str) -> Table:
    return metadata.tables[name]


@dataclass
class RunSummary:
    """What a run did (numbers and pseudonymous refs only; safe for logs and ``--json``)."""

    started_at: datetime
    dry_run: bool
    files_due: int = 0
    files_purged: int = 0
    files_skipped: int = 0
    files_held: int = 0
    proofs_failed: int = 0
    reviews_due: int = 0
    reviews_flagged: int = 0
    credentials_purged: int = 0
    login_records_purged: int = 0
    audit_events_purged: int = 0
    consent_proofs_purged: int = 0
    purged_refs: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "started_at": self.started_at.isoformat(),
            "dry_run": self.dry_run,
            "files_due": self.files_due,
            "files_purged": self.files_purged,
            "files_skipped": self.files_skipped,
            "files_held": self.files_held,
            "proofs_failed": self.proofs_failed,
            "reviews_due": self.reviews_due,
            "reviews_flagged": self.reviews_flagged,
            "credentials_purged": self.credentials_purged,
            "login_records_purged": self.login_records_purged,
            "audit_events_purged": self.audit_events_purged,
            "consent_proofs_purged": self.consent_proofs_purged,
        }


@dataclass(frozen=True)
class PurgeOutcome:
    """The result of one file's purge transaction."""

    purged: bool
    reason: str  # "purged" | "gone" | "held" | "not_due"
    file_ref: str
    proof_ok: bool = True


async def _consent_proofs(
    session: AsyncSession, key: bytes, file_id: uuid.UUID, file_ref: str, now: datetime
) -> int:
    """Copy the pseudonymous proof of each consent into ``consent_proofs`` (no FKs)."""
    records = _table("consent_records")
    members = _table("members")
    consent_members = _table("consent_members")
    recipients = _table("consent_recipients")
    events = _table("consent_events")
    rows = (
        await session.execute(
            select(
                records.c.id,
                records.c.legal_basis,
                records.c.purposes,
                records.c.categories,
                records.c.collection_method,
                records.c.notice_version,
                records.c.evidence_hash,
                records.c.valid_from,
                records.c.valid_until,
                members.c.role,
            )
            .join(members, members.c.id == records.c.given_by_member_id)
            .where(records.c.file_id == file_id)
        )
    ).all()
    written = 0
    for row in rows:
        consent_ref = audit_ref(key, "consent", row.id)
        if await session.scalar(
            select(ConsentProof.id).where(ConsentProof.consent_ref == consent_ref)
        ):
            continue
        recipient_ids = (
            await session.scalars(
                select(recipients.c.organisation_id).where(recipients.c.consent_id == row.id)
            )
        ).all()
        subject_count = await session.scalar(
            select(func.count()).where(consent_members.c.consent_id == row.id)
        )
        history = (
            await session.execute(
                select(events.c.kind, events.c.occurred_at, events.c.evidence_hash)
                .where(events.c.consent_id == row.id)
                .order_by(events.c.occurred_at)
            )
        ).all()
        await session.execute(
            insert(ConsentProof).values(
                id=new_id(),
                file_ref=file_ref,
                consent_ref=consent_ref,
                legal_basis=row.legal_basis,
                given_by_role=row.role,
                purposes=sorted(row.purposes),
                data_categories=sorted(row.categories),
                recipients=sorted(str(org) for org in recipient_ids),
                subject_count=int(subject_count or 0),
                collection_method=row.collection_method,
                notice_version=row.notice_version,
                evidence_hash=row.evidence_hash,
                events=[
                    {
                        "kind": e.kind,
                        "at": e.occurred_at.isoformat(),
                        "evidence_hash": e.evidence_hash,
                    }
                    for e in history
                ],
                valid_from=row.valid_from,
                valid_until=row.valid_until,
                file_purged_at=now,
            )
        )
        written += 1
    return written


async def _family_accounts_to_remove(session: AsyncSession, file_id: uuid.UUID) -> list[uuid.UUID]:
    """Family accounts linked to this file's members and to no member of any other file."""
    members = _table("members")
    accounts = _table("accounts")
    linked = (
        await session.scalars(
            select(members.c.account_id)
            .join(accounts, accounts.c.id == members.c.account_id)
            .where(members.c.file_id == file_id, accounts.c.role == FAMILY_ROLE)
        )
    ).all()
    keep: list[uuid.UUID] = []
    for account_id in set(linked):
        elsewhere = await session.scalar(
            select(func.count()).where(
                members.c.account_id == account_id, members.c.file_id != file_id
            )
        )
        if not elsewhere:
            keep.append(account_id)
    return sorted(keep)


async def _lock_file(session: AsyncSession, file_id: uuid.UUID) -> bool:
    """Lock the file row (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers)."""
    files = _table("coordination_files")
    found = await session.scalar(select(files.c.id).where(files.c.id == file_id).with_for_update())
    return found is not None


async def purge_file(
    runtime: Runtime, schedule: Schedule, file_id: uuid.UUID, *, run_id: str
) -> PurgeOutcome:
    """Purge one file in one transaction if it is (still) due and not held."""
    key = runtime.secrets.audit_key
    file_ref = audit_ref(key, "file", file_id)
    now = runtime.clock()
    async with runtime.sessions() as session, session.begin():
        crash_point("retention.purge.begin")
        if not await _lock_file(session, file_id):
            return PurgeOutcome(False, "gone", file_ref)
        facts = (await file_facts.load(session, runtime.cipher, now, file_ids=[file_id])).get(
            file_id
        )
        due = file_purge_due(schedule, facts, now) if facts is not None else None
        if due is None or not due.due_now:
            reason = "held" if due is not None and due.held else "not_due"
            return PurgeOutcome(False, reason, file_ref)
        await _consent_proofs(session, key, file_id, file_ref, now)
        family_accounts = await _family_accounts_to_remove(session, file_id)
        await runtime.cipher.shred(session, "file", file_id)
        crash_point("retention.purge.after_shred")
        files = _table("coordination_files")
        steps = await rowgraph.plan(session, files, files.c.id, [file_id])
        counts = await rowgraph.execute(session, steps)
        holds = await session.execute(delete(LegalHold).where(LegalHold.file_id == file_id))
        counts["legal_holds"] = int(getattr(holds, "rowcount", 0) or 0)
        account_steps: list[rowgraph.Step] = []
        if family_accounts:
            accounts = _table("accounts")
            account_steps = await rowgraph.plan(session, accounts, accounts.c.id, family_accounts)
            for table_name, count in (await rowgraph.execute(session, account_steps)).items():
                counts[table_name] = counts.get(table_name, 0) + count
        crash_point("retention.purge.after_delete")
        proof = await proof_of_deletion(session, file_id, steps + account_steps)
        proof_ok = not any(proof.values())
        event_id = await append(
            session,
            key,
            AuditContext(actor_role="system", request_id=run_id),
            action=PURGE_ACTION,
            outcome="allowed",
            at=now,
            object_type="coordination_file",
            object_id=file_id,
            file_id=file_id,
            policy_id=due.rule.id,
        )
        await session.execute(
            insert(PurgeTombstone).values(
                id=new_id(),
                file_ref=file_ref,
                rule_id=due.rule.id,
                due_at=due.due_at,
                purged_at=now,
                purged_counts={name: n for name, n in sorted(counts.items()) if n},
                proof_ok=proof_ok,
                proof=proof,
                audit_event_id=event_id,
            )
        )
        crash_point("retention.purge.before_commit")
    crash_point("retention.purge.after_commit")
    if not proof_ok:
        _log.error("purge_proof_failed", rule=due.rule.id, count=sum(proof.values()))
    return PurgeOutcome(True, "purged", file_ref, proof_ok)


async def proof_of_deletion(
    session: AsyncSession, file_id: uuid.UUID, steps: list[rowgraph.Step]
) -> dict[str, int]:
    """Re-read every row the purge removed (and the file's keys, blind indexes and holds); the
    number still found per table — all zero when nothing of the file remains."""
    found = await rowgraph.remaining(session, steps)
    extra = (
        await session.execute(
            select(
                select(func.count())
                .where(DataKeyRecord.owner_kind == "file", DataKeyRecord.owner_id == file_id)
                .scalar_subquery(),
                select(func.count())
                .where(BlindIndex.owner_kind == "file", BlindIndex.owner_id == file_id)
                .scalar_subquery(),
                select(func.count()).where(LegalHold.file_id == file_id).scalar_subquery(),
            )
        )
    ).one()
    found["data_keys"], found["blind_indexes"], found["legal_holds"] = (int(n) for n in extra)
    # A second, independent listing: the coordination package's own view of a file's rows.
    for table, rows in (await file_rows(session, file_id)).items():
        found[table] = max(found.get(table, 0), len(rows))
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class ScheduledFile:
    """A file with a date under a rule (no personal data: the file id and the dates only)."""

    file_id: uuid.UUID
    due: Due


@dataclass(frozen=True)
class Snapshot:
    """Every file with a purge date and every open file with a review date, earliest first."""

    taken_at: datetime
    purges: list[ScheduledFile]
    reviews: list[ScheduledFile]


async def snapshot(runtime: Runtime, schedule: Schedule) -> Snapshot:
    """Read the schedule as of ``runtime.clock()`` in one short read transaction."""
    now = runtime.clock()
    async with runtime.sessions() as session, session.begin():
        all_facts = await file_facts.load(session, runtime.cipher, now)
    purges: list[ScheduledFile] = []
    reviews: list[ScheduledFile] = []
    for file_id, facts in all_facts.items():
        due = file_purge_due(schedule, facts, now)
        if due is not None:
            purges.append(ScheduledFile(file_id, due))
        review = file_review_due(schedule, facts, now)
        if review is not None:
            reviews.append(ScheduledFile(file_id, review))
    purges.sort(key=lambda item: (item.due.due_at, str(item.file_id)))
    reviews.sort(key=lambda item: (item.due.due_at, str(item.file_id)))
    return Snapshot(now, purges, reviews)


async def _purge_login_counters(session: AsyncSession, cutoff: datetime) -> int:
    """Delete login/MFA rate-limit counters whose counting window ended at or before ``cutoff``.

    A counter's key starts with its limit's name and ``window_start`` counts windows of that
    limit's length, so each limit is cut at its own last window that ended in time."""
    deleted = 0
    limits = [v for v in vars(ratelimit).values() if isinstance(v, ratelimit.Limit)]
    for limit in limits:
        # Window w covers [w * s, (w + 1) * s): it has ended at the cutoff if w + 1 <= c / s.
        last = int(cutoff.timestamp()) // limit.window_seconds - 1
        result = await session.execute(
            delete(RateLimitCounter).where(
                RateLimitCounter.key.startswith(f"{limit.name}:", autoescape=True),
                RateLimitCounter.window_start <= last,
            )
        )
        deleted += int(getattr(result, "rowcount", 0) or 0)
    return deleted


async def _purge_bulk(runtime: Runtime, schedule: Schedule, summary: RunSummary) -> None:
    """Credentials, audit event bodies and kept consent proofs past their own period."""
    now = runtime.clock()
    async with runtime.sessions() as session, session.begin():
        credentials = schedule.cutoff(RecordKind.SESSION, now)
        if credentials is not None:
            # Ended = revoked, or else expired; a credential still valid is never cut.
            ended = func.coalesce(Credential.revoked_at, Credential.expires_at)
            result = await session.execute(
                delete(Credential).where(ended <= credentials[1], Credential.expires_at <= now)
            )
            summary.credentials_purged = int(getattr(result, "rowcount", 0) or 0)
        login = schedule.cutoff(RecordKind.LOGIN_RECORD, now)
        if login is not None:
            summary.login_records_purged = await _purge_login_counters(session, login[1])
        proofs = schedule.cutoff(RecordKind.CONSENT_PROOF, now)
        if proofs is not None:
            result = await session.execute(
                delete(ConsentProof).where(ConsentProof.file_purged_at <= proofs[1])
            )
            summary.consent_proofs_purged = int(getattr(result, "rowcount", 0) or 0)
    crash_point("retention.bulk.after_commit")
    audit = schedule.cutoff(RecordKind.AUDIT_EVENT, now)
    if audit is not None:
        async with runtime.sessions() as session, session.begin():
            # The audit trail's gated path: bodies go, leaf hashes (and checkpoints) stay.
            # purge_events_before is exclusive; our cutoff is the last instant that is due.
            before = audit[1] + timedelta(microseconds=1)
            summary.audit_events_purged = await purge_events_before(session, before, now=now)


async def flag_reviews(runtime: Runtime, reviews: list[ScheduledFile]) -> int:
    """Notify each idle open file's lead organisation once per review date; returns how many
    notices are new (a rerun adds none)."""
    due = [item for item in reviews if item.due.due_now]
    if not due:
        return 0
    notifications = _table("notifications")
    files = _table("coordination_files")
    flagged = 0
    async with runtime.sessions() as session, session.begin():
        dialect = session.get_bind().dialect.name
        upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        for item in due:
            lead = await session.scalar(
                select(files.c.lead_organisation_id).where(files.c.id == item.file_id)
            )
            if lead is None:
                continue
            dedupe = f"retention-review:{item.file_id}:{item.due.due_at:%Y%m%d}:{lead}"
            result = await session.execute(
                upsert(notifications)
                .values(
                    id=uuid.uuid5(uuid.NAMESPACE_URL, dedupe),
                    file_id=item.file_id,
                    organisation_id=lead,
                    kind=REVIEW_NOTICE,
                    dedupe_key=dedupe,
                    created_at=runtime.clock(),
                )
                .on_conflict_do_nothing()
            )
            flagged += int(getattr(result, "rowcount", 0) or 0)
    return flagged


async def run(
    runtime: Runtime,
    schedule: Schedule,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """One retention run: purge every due, unheld file, then the bulk kinds; see module doc."""
    summary = RunSummary(started_at=runtime.clock(), dry_run=dry_run)
    plan = await snapshot(runtime, schedule)
    due = [item.file_id for item in plan.purges if item.due.due_now]
    summary.files_held = sum(
        1 for item in plan.purges if item.due.held and item.due.due_at <= plan.taken_at
    )
    summary.files_due = len(due)
    summary.reviews_due = sum(1 for item in plan.reviews if item.due.due_now)
    if dry_run:
        return summary
    run_id = f"retention-{new_id().hex[:16]}"
    for index, file_id in enumerate(due, start=1):
        outcome = await purge_file(runtime, schedule, file_id, run_id=run_id)
        if outcome.purged:
            summary.files_purged += 1
            summary.purged_refs.append(outcome.file_ref)
            if not outcome.proof_ok:
                summary.proofs_failed += 1
        else:
            summary.files_skipped += 1
        if progress is not None:
            progress(index, len(due))
    summary.reviews_flagged = await flag_reviews(runtime, plan.reviews)
    await _purge_bulk(runtime, schedule, summary)
    _log.info("retention_run", phase="files", count=summary.files_purged, outcome="done")
    return summary
