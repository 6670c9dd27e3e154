"""The purge: due files in batches, one transaction per batch, crypto-shredded, with a
tombstone, an audit event and a proof of deletion per file, and an entry in the deletion ledger.

A run plans from one snapshot, then purges a batch of files (``settings.retention_batch_size``)
per transaction, set-based: one statement per table for the batch, not one per file. Every
batch's transaction locks its files and re-checks that each still exists, is still due and is
not held, so a run is idempotent and resumable: kill it anywhere and the next run finishes the
work; a crash rolls back the whole batch in progress, so a file is either fully present or fully
purged (with exactly one tombstone and one audit event). Before the commit the batch's file refs
and shredded key ids are appended to the deletion ledger (:mod:`zorgafstemming.retention.ledger`),
durably, so no purge commits without its entry and a restored backup can be purged again. The
clock is ``runtime.clock()``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import AuditContext, audit_ref, record_many
from zorgafstemming.authz.actions import SystemAction
from zorgafstemming.db import new_id
from zorgafstemming.faults import crash_point
from zorgafstemming.logging import get_logger
from zorgafstemming.models import metadata
from zorgafstemming.retention import bulk, rowgraph
from zorgafstemming.retention import facts as file_facts
from zorgafstemming.retention.ledger import ledger_for
from zorgafstemming.retention.models import LegalHold, PurgeTombstone
from zorgafstemming.retention.proofs import copy_consent_proofs, proof_of_deletion
from zorgafstemming.retention.reviews import flag_reviews
from zorgafstemming.retention.rowgraph import among
from zorgafstemming.retention.rules import Schedule, file_purge_due
from zorgafstemming.retention.snapshot import snapshot
from zorgafstemming.runtime import Runtime, UnitOfWork

PURGE_ACTION = SystemAction.RETENTION_FILE_PURGE
FAMILY_ROLE = "family"
# The named crash points of a file's purge, in the order they are passed (kill tests use them).
CRASH_POINTS = (
    "retention.purge.begin",
    "retention.purge.after_shred",
    "retention.purge.after_delete",
    "retention.purge.before_commit",
    "retention.purge.after_commit",
)

_TOMBSTONES = insert(metadata.tables[PurgeTombstone.__tablename__])
# A batch's IN lists stay well under SQLite's and asyncpg's parameter limits.
MAX_BATCH = 1000

_log = get_logger("zorgafstemming.retention")


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
    subject_requests_purged: int = 0
    staged_evidence_purged: int = 0
    purged_refs: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (the counts; the refs stay out of logs and summaries)."""
        data = asdict(self)
        del data["purged_refs"]
        data["started_at"] = self.started_at.isoformat()
        return data


@dataclass(frozen=True)
class PurgeOutcome:
    """The result of one file's purge transaction."""

    purged: bool
    reason: str  # "purged" | "gone" | "held" | "not_due"
    file_ref: str
    proof_ok: bool = True
    rule_id: str | None = None
    rows_left: int = 0  # rows the proof of deletion still found (0 when it holds)


@dataclass(frozen=True)
class DoomedFile:
    """A file about to be purged: its id, its ref and the rule (and date) it falls under."""

    file_id: uuid.UUID
    file_ref: str
    rule_id: str
    due_at: datetime


@dataclass(frozen=True)
class BatchResult:
    """What one batch's transaction did: an outcome per file, and the data keys it shredded
    (``{file ref: key ids}``) for the deletion ledger."""

    outcomes: list[PurgeOutcome]
    shredded: dict[str, list[int]]


async def _family_accounts_to_remove(
    session: AsyncSession, file_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, uuid.UUID]:
    """Family accounts linked to members of these files and to no member of any other file:
    ``{account id: the (first) file it belongs to}``."""
    members = metadata.tables["members"]
    accounts = metadata.tables["accounts"]
    ids = list(file_ids)
    linked = await session.execute(
        select(members.c.account_id, members.c.file_id)
        .join(accounts, accounts.c.id == members.c.account_id)
        .where(among(session, members.c.file_id, ids), accounts.c.role == FAMILY_ROLE)
        .order_by(members.c.file_id)
    )
    file_of: dict[uuid.UUID, uuid.UUID] = {}
    for account_id, file_id in linked:
        file_of.setdefault(account_id, file_id)
    if not file_of:
        return {}
    elsewhere = set(
        (
            await session.scalars(
                select(members.c.account_id)
                .where(
                    among(session, members.c.account_id, list(file_of)),
                    ~among(session, members.c.file_id, ids),
                )
                .distinct()
            )
        ).all()
    )
    return {a: f for a, f in sorted(file_of.items()) if a not in elsewhere}


async def _lock_files(session: AsyncSession, file_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Lock the files' rows (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers);
    the ids still present."""
    files = metadata.tables["coordination_files"]
    found = await session.scalars(
        select(files.c.id).where(among(session, files.c.id, file_ids)).with_for_update()
    )
    return set(found.all())


async def due_now(
    uow: UnitOfWork,
    schedule: Schedule,
    file_ids: Sequence[uuid.UUID],
    known: Mapping[uuid.UUID, file_facts.Reading] | None = None,
) -> tuple[list[DoomedFile], list[PurgeOutcome]]:
    """Lock the files and re-check each: the ones due now and unheld, and the outcomes of the
    others (gone, held, not due) — a statement per table for the batch. ``known``: the
    snapshot's readings (a file whose facts rows are unchanged is not decrypted again)."""
    key = uow.runtime.secrets.audit_key
    present = await _lock_files(uow.session, file_ids)
    now = uow.runtime.clock()
    facts, _ = await file_facts.read(
        uow.session, uow.runtime.cipher, now, file_ids=sorted(present), known=known
    )
    doomed: list[DoomedFile] = []
    left: list[PurgeOutcome] = []
    for file_id in file_ids:
        file_ref = audit_ref(key, "file", file_id)
        if file_id not in present:
            left.append(PurgeOutcome(False, "gone", file_ref))
            continue
        file_facts_now = facts.get(file_id)
        due = file_purge_due(schedule, file_facts_now, now) if file_facts_now else None
        if due is None or not due.due_now:
            reason = "held" if due is not None and due.held else "not_due"
            left.append(PurgeOutcome(False, reason, file_ref))
            continue
        doomed.append(DoomedFile(file_id, file_ref, due.rule.id, due.due_at))
    return doomed, left


async def _delete_rows(
    session: AsyncSession, file_ids: list[uuid.UUID], family_accounts: dict[uuid.UUID, uuid.UUID]
) -> tuple[dict[uuid.UUID, dict[str, int]], list[tuple[rowgraph.Graph, rowgraph.Deleted]]]:
    """Delete the files' rows, their holds and their family accounts; the counts per file and
    what each walk deleted (for the proof)."""
    files = metadata.tables["coordination_files"]
    walk = rowgraph.graph(session, files, files.c.id)
    deleted = await rowgraph.delete_rows(session, walk, file_ids)
    walks = [(walk, deleted)]
    counts = deleted.counts
    if family_accounts:
        accounts = metadata.tables["accounts"]
        walk = rowgraph.graph(session, accounts, accounts.c.id)
        gone = await rowgraph.delete_rows(session, walk, list(family_accounts), family_accounts)
        walks.append((walk, gone))
        for file_id, per_table in gone.counts.items():
            mine = counts.setdefault(file_id, {})
            for table, n in per_table.items():
                mine[table] = mine.get(table, 0) + n
    held = (
        await session.execute(
            delete(LegalHold)
            .where(among(session, LegalHold.file_id, file_ids))
            .returning(LegalHold.file_id)
        )
    ).scalars()
    for file_id in held:
        per_file = counts.setdefault(file_id, {})
        per_file["legal_holds"] = per_file.get("legal_holds", 0) + 1
    return counts, walks


async def purge_doomed(
    uow: UnitOfWork, doomed: Sequence[DoomedFile], *, run_id: str
) -> BatchResult:
    """Purge the files in the unit of work, set-based: consent proofs, crypto-shred, the rows
    (foreign-key walk), family accounts, proof of deletion, one audit event and one tombstone per
    file. The caller decided they are due (a run) or were purged before (restore-check)."""
    if not doomed:
        return BatchResult([], {})
    session, runtime = uow.session, uow.runtime
    key = runtime.secrets.audit_key
    now = runtime.clock()
    ids = [d.file_id for d in doomed]
    await copy_consent_proofs(session, key, {d.file_id: d.file_ref for d in doomed}, now)
    family_accounts = await _family_accounts_to_remove(session, ids)
    shredded = await runtime.cipher.shred_many(session, "file", ids, notify=False)
    crash_point("retention.purge.after_shred")
    counts, walks = await _delete_rows(session, ids, family_accounts)
    crash_point("retention.purge.after_delete")
    proof = await proof_of_deletion(session, ids, walks)
    proof_ok = not any(proof.values())
    event_ids = await record_many(
        uow,
        [AuditContext.system_run(run_id, policy_id=d.rule_id) for d in doomed],
        PURGE_ACTION,
        object_type="coordination_file",
        object_ids=ids,
        file_ids=ids,
    )
    # Core, on the connection: a batch's rows, one executemany, no ORM bookkeeping.
    await (await session.connection()).execute(
        _TOMBSTONES,
        [
            {
                "id": new_id(),
                "file_ref": d.file_ref,
                "rule_id": d.rule_id,
                "due_at": d.due_at,
                "purged_at": now,
                "purged_counts": {n: c for n, c in sorted(counts.get(d.file_id, {}).items()) if c},
                "proof_ok": proof_ok,
                "proof": proof,
                "audit_event_id": event_id,
            }
            for d, event_id in zip(doomed, event_ids, strict=True)
        ],
    )
    rows_left = sum(proof.values())
    outcomes = [
        PurgeOutcome(True, "purged", d.file_ref, proof_ok, d.rule_id, rows_left) for d in doomed
    ]
    refs = {d.file_id: d.file_ref for d in doomed}
    return BatchResult(outcomes, {refs[f]: sorted(k) for f, k in shredded.items()})


async def purge_batch(
    uow: UnitOfWork,
    schedule: Schedule,
    file_ids: Sequence[uuid.UUID],
    *,
    run_id: str,
    known: Mapping[uuid.UUID, file_facts.Reading] | None = None,
) -> list[PurgeOutcome]:
    """Purge those of ``file_ids`` that are (still) due and not held, in the unit of work, and
    write the batch's entry in the deletion ledger before the commit (see the module doc)."""
    crash_point("retention.purge.begin")
    doomed, left = await due_now(uow, schedule, file_ids, known)
    result = await purge_doomed(uow, doomed, run_id=run_id)
    if doomed:
        await ledger_for(uow.runtime).record_purge(
            uow.session,
            files=[(d.file_ref, d.rule_id, d.due_at) for d in doomed],
            keys=result.shredded,
        )
    crash_point("retention.purge.before_commit")
    return result.outcomes + left


async def purge_file(
    uow: UnitOfWork, schedule: Schedule, file_id: uuid.UUID, *, run_id: str
) -> PurgeOutcome:
    """Purge one file in the unit of work if it is (still) due and not held."""
    (outcome,) = await purge_batch(uow, schedule, [file_id], run_id=run_id)
    return outcome


async def _purge_files(
    runtime: Runtime,
    schedule: Schedule,
    due: list[uuid.UUID],
    summary: RunSummary,
    progress: Callable[[int, int], None] | None,
    known: Mapping[uuid.UUID, file_facts.Reading] | None = None,
) -> None:
    """Purge the due files a batch per transaction (crash-safe: see the module doc)."""
    run_id = f"retention-{new_id().hex[:16]}"
    size = max(1, min(MAX_BATCH, runtime.settings.retention_batch_size))
    done = 0
    for start in range(0, len(due), size):
        batch = due[start : start + size]
        async with runtime.unit_of_work() as uow:
            outcomes = await purge_batch(uow, schedule, batch, run_id=run_id, known=known)
        crash_point("retention.purge.after_commit")
        for outcome in outcomes:
            if not outcome.proof_ok:
                _log.error("purge_proof_failed", rule=outcome.rule_id, count=outcome.rows_left)
            if outcome.purged:
                summary.files_purged += 1
                summary.purged_refs.append(outcome.file_ref)
                if not outcome.proof_ok:
                    summary.proofs_failed += 1
            else:
                summary.files_skipped += 1
        done += len(batch)
        if progress is not None:
            progress(done, len(due))


async def run(
    runtime: Runtime,
    schedule: Schedule,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """One retention run: purge every due, unheld file, then the bulk kinds; see module doc."""
    summary = RunSummary(started_at=runtime.clock(), dry_run=dry_run)
    ledger_for(runtime)  # from here on every shred of this run is ledgered (staged scans too)
    async with runtime.unit_of_work() as uow:
        plan = await snapshot(uow, schedule)
    due = [item.file_id for item in plan.purges if item.due.due_now]
    summary.files_held = sum(
        1 for item in plan.purges if item.due.held and item.due.due_at <= plan.taken_at
    )
    summary.files_due = len(due)
    summary.reviews_due = sum(1 for item in plan.reviews if item.due.due_now)
    if dry_run:
        return summary
    await _purge_files(runtime, schedule, due, summary, progress, plan.readings)
    async with runtime.unit_of_work() as uow:
        summary.reviews_flagged = await flag_reviews(uow, plan.reviews)
    async with runtime.unit_of_work() as uow:
        summary.credentials_purged = await bulk.purge_credentials(uow, schedule)
        summary.login_records_purged = await bulk.purge_login_records(uow, schedule)
        summary.consent_proofs_purged = await bulk.purge_consent_proofs(uow, schedule)
        summary.subject_requests_purged = await bulk.purge_subject_requests(uow, schedule)
        summary.staged_evidence_purged = await bulk.purge_staged_evidence(uow)
    crash_point("retention.bulk.after_commit")
    async with runtime.unit_of_work() as uow:
        summary.audit_events_purged = await bulk.purge_audit_bodies(uow, schedule)
    _log.info("retention_run", phase="files", count=summary.files_purged, outcome="done")
    return summary
