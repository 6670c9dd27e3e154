"""The purge: each due file in one transaction, crypto-shredded, with a tombstone and proof.

A run plans from one snapshot, then purges file by file. Every file's transaction re-checks that
the file still exists, is still due and is not held, so a run is idempotent and resumable: kill
it anywhere and the next run finishes the work, and a file is either fully present or fully
purged (with exactly one tombstone and one audit event). The clock is ``runtime.clock()``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import AuditContext, audit_ref, record
from zorgafstemming.authz.actions import SystemAction
from zorgafstemming.db import new_id
from zorgafstemming.faults import crash_point
from zorgafstemming.logging import get_logger
from zorgafstemming.models import metadata
from zorgafstemming.retention import bulk, rowgraph
from zorgafstemming.retention import facts as file_facts
from zorgafstemming.retention.models import LegalHold, PurgeTombstone
from zorgafstemming.retention.proofs import copy_consent_proofs, proof_of_deletion
from zorgafstemming.retention.reviews import flag_reviews
from zorgafstemming.retention.rules import Due, Schedule, file_purge_due
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


async def _family_accounts_to_remove(session: AsyncSession, file_id: uuid.UUID) -> list[uuid.UUID]:
    """Family accounts linked to this file's members and to no member of any other file."""
    members = metadata.tables["members"]
    accounts = metadata.tables["accounts"]
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
    files = metadata.tables["coordination_files"]
    found = await session.scalar(select(files.c.id).where(files.c.id == file_id).with_for_update())
    return found is not None


async def _due_now(
    uow: UnitOfWork, schedule: Schedule, file_id: uuid.UUID, file_ref: str
) -> Due | PurgeOutcome:
    """The file's due purge, or the outcome that says why it is left alone (gone, held, ...)."""
    if not await _lock_file(uow.session, file_id):
        return PurgeOutcome(False, "gone", file_ref)
    now = uow.runtime.clock()
    facts = (await file_facts.load(uow.session, uow.runtime.cipher, now, file_ids=[file_id])).get(
        file_id
    )
    due = file_purge_due(schedule, facts, now) if facts is not None else None
    if due is None or not due.due_now:
        reason = "held" if due is not None and due.held else "not_due"
        return PurgeOutcome(False, reason, file_ref)
    return due


async def _delete_rows(
    session: AsyncSession, file_id: uuid.UUID, family_accounts: list[uuid.UUID]
) -> tuple[dict[str, int], list[rowgraph.Step]]:
    """Delete the file's rows, its holds and its family accounts; the counts and the steps."""
    files = metadata.tables["coordination_files"]
    steps = await rowgraph.plan(session, files, files.c.id, [file_id])
    counts = await rowgraph.execute(session, steps)
    holds = await session.execute(delete(LegalHold).where(LegalHold.file_id == file_id))
    counts["legal_holds"] = int(getattr(holds, "rowcount", 0) or 0)
    if family_accounts:
        accounts = metadata.tables["accounts"]
        account_steps = await rowgraph.plan(session, accounts, accounts.c.id, family_accounts)
        for table_name, count in (await rowgraph.execute(session, account_steps)).items():
            counts[table_name] = counts.get(table_name, 0) + count
        steps = steps + account_steps
    return counts, steps


async def purge_file(
    uow: UnitOfWork, schedule: Schedule, file_id: uuid.UUID, *, run_id: str
) -> PurgeOutcome:
    """Purge one file in the unit of work if it is (still) due and not held."""
    session, runtime = uow.session, uow.runtime
    key = runtime.secrets.audit_key
    file_ref = audit_ref(key, "file", file_id)
    now = runtime.clock()
    crash_point("retention.purge.begin")
    due = await _due_now(uow, schedule, file_id, file_ref)
    if isinstance(due, PurgeOutcome):
        return due
    await copy_consent_proofs(session, key, file_id, file_ref, now)
    family_accounts = await _family_accounts_to_remove(session, file_id)
    await runtime.cipher.shred(session, "file", file_id)
    crash_point("retention.purge.after_shred")
    counts, steps = await _delete_rows(session, file_id, family_accounts)
    crash_point("retention.purge.after_delete")
    proof = await proof_of_deletion(session, file_id, steps)
    proof_ok = not any(proof.values())
    event_id = await record(
        uow,
        AuditContext.system_run(run_id, policy_id=due.rule.id),
        PURGE_ACTION,
        "allowed",
        object_type="coordination_file",
        object_id=file_id,
        file_id=file_id,
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
    return PurgeOutcome(True, "purged", file_ref, proof_ok, due.rule.id, sum(proof.values()))


async def _purge_files(
    runtime: Runtime,
    schedule: Schedule,
    due: list[uuid.UUID],
    summary: RunSummary,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Purge each due file in a transaction of its own (crash-safe: see the module doc)."""
    run_id = f"retention-{new_id().hex[:16]}"
    for index, file_id in enumerate(due, start=1):
        async with runtime.unit_of_work() as uow:
            outcome = await purge_file(uow, schedule, file_id, run_id=run_id)
        crash_point("retention.purge.after_commit")
        if not outcome.proof_ok:
            _log.error("purge_proof_failed", rule=outcome.rule_id, count=outcome.rows_left)
        if outcome.purged:
            summary.files_purged += 1
            summary.purged_refs.append(outcome.file_ref)
            if not outcome.proof_ok:
                summary.proofs_failed += 1
        else:
            summary.files_skipped += 1
        if progress is not None:
            progress(index, len(due))


async def run(
    runtime: Runtime,
    schedule: Schedule,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """One retention run: purge every due, unheld file, then the bulk kinds; see module doc."""
    summary = RunSummary(started_at=runtime.clock(), dry_run=dry_run)
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
    await _purge_files(runtime, schedule, due, summary, progress)
    async with runtime.unit_of_work() as uow:
        summary.reviews_flagged = await flag_reviews(uow, plan.reviews)
    async with runtime.unit_of_work() as uow:
        summary.credentials_purged = await bulk.purge_credentials(uow, schedule)
        summary.login_records_purged = await bulk.purge_login_records(uow, schedule)
        summary.consent_proofs_purged = await bulk.purge_consent_proofs(uow, schedule)
        summary.staged_evidence_purged = await bulk.purge_staged_evidence(uow)
    crash_point("retention.bulk.after_commit")
    async with runtime.unit_of_work() as uow:
        summary.audit_events_purged = await bulk.purge_audit_bodies(uow, schedule)
    _log.info("retention_run", phase="files", count=summary.files_purged, outcome="done")
    return summary
