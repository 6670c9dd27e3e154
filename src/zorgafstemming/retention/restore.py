"""``restore-check``: after a backup is restored, re-apply every deletion ledger entry the
database lacks, before the service serves it.

For each entry without a mark (in ledger order, one transaction each): a purge entry purges again
the files it names that the restored database still holds — keys shredded, rows deleted, consent
proofs, one audit event and one tombstone per file, as the purge itself does — and shreds any key
left of those files; a key entry shreds the data keys (and blind-index values) of the owners it
names; a member entry erases that member from their file again by the erasure's own code path
(:func:`zorgafstemming.retention.erasure.erase_member`: rows, entries about them alone, consents
they gave after their pseudonymous proof, scans, blind-index values, a family account of no other
file), with one audit event per member (``retention:member:erase``, under the erasure rule). The
entry's mark is written in the same transaction, so restore-check is resumable and a second run
finds nothing to do. Files, owners and members are found by their refs (HMAC refs under the
audit key): the ledger holds no ids. A member entry whose file or member the restored database
does not hold (purged, or erased, meanwhile; or never there) changes nothing and is marked.

A committed entry is applied unconditionally. An unresolved one (its ``commit`` record never
written: a crash in the commit window) is applied to files that are due and unheld in the
restored database only — what the next purge would do anyway — and its keys are shredded only
when their files are gone, so an entry whose purge in fact rolled back changes nothing the
schedule would not. An unresolved member entry is applied unless the file is under a legal hold
in the restored database: the entry is written only after the DPO granted the erasure and it
passed every check (member of the file, no hold), so applying it erases only what was decided,
while skipping it could bring an erased person back. A void entry (rolled back for certain) is
marked and skipped.

The decision record, the answer to the data subject's request and the recipients' notices of a
member's erasure are the backup's (they are gone with the rest of what followed it); the audit
event restore-check writes, and the ledger, say that the member was erased again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from zorgafstemming.audit.service import AuditContext, audit_ref, record
from zorgafstemming.authz.actions import SystemAction
from zorgafstemming.coordination.models import CoordinationFile, Member
from zorgafstemming.crypto.models import DataKeyRecord
from zorgafstemming.db import new_id, utcnow
from zorgafstemming.logging import get_logger
from zorgafstemming.models import metadata
from zorgafstemming.retention.erasure import ERASURE_RULE, erase_member
from zorgafstemming.retention.ledger import Entry, LedgerError, compare, ledger_for
from zorgafstemming.retention.models import DeletionLedgerMark, LegalHold
from zorgafstemming.retention.purge import DoomedFile, due_now, purge_doomed
from zorgafstemming.retention.rules import Schedule

if TYPE_CHECKING:
    import uuid

    from zorgafstemming.runtime import Runtime, UnitOfWork

_log = get_logger("zorgafstemming.retention")
MEMBER_ERASE_ACTION = SystemAction.RETENTION_MEMBER_ERASE


@dataclass
class RestoreReport:
    """What restore-check did (numbers only; safe for logs and ``--json``)."""

    entries_applied: int = 0
    entries_void: int = 0
    files_purged: int = 0
    keys_shredded: int = 0
    members_erased: int = 0
    # Files purged or members erased again whose proof of deletion still found rows.
    proofs_failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


class _Refs:
    """Refs of the restored database's files and key owners, computed once per run."""

    def __init__(self, runtime: Runtime) -> None:
        self.key = runtime.secrets.audit_key
        self._by_kind: dict[str, dict[str, uuid.UUID]] = {}

    async def files(self, uow: UnitOfWork) -> dict[str, uuid.UUID]:
        if "coordination_file" not in self._by_kind:
            files = metadata.tables["coordination_files"]
            ids = (await uow.session.scalars(select(files.c.id))).all()
            self._by_kind["coordination_file"] = {audit_ref(self.key, "file", i): i for i in ids}
        return self._by_kind["coordination_file"]

    async def owners(self, uow: UnitOfWork, owner_kind: str) -> dict[str, uuid.UUID]:
        if owner_kind not in self._by_kind:
            ids = (
                await uow.session.scalars(
                    select(DataKeyRecord.owner_id)
                    .where(DataKeyRecord.owner_kind == owner_kind)
                    .distinct()
                )
            ).all()
            self._by_kind[owner_kind] = {audit_ref(self.key, owner_kind, i): i for i in ids}
        return self._by_kind[owner_kind]

    def forget(self, kind: str, refs: list[str]) -> None:
        found = self._by_kind.get(kind, {})
        for ref in refs:
            found.pop(ref, None)


async def _apply_files(
    uow: UnitOfWork, schedule: Schedule, entry: Entry, refs: _Refs, report: RestoreReport
) -> None:
    present = await refs.files(uow)
    doomed = [
        DoomedFile(present[ref], ref, rule_id, datetime.fromisoformat(due_at))
        for ref, rule_id, due_at in entry.body["files"]
        if ref in present
    ]
    if doomed and not entry.committed:
        still_due, _ = await due_now(uow, schedule, [d.file_id for d in doomed])
        doomed = still_due
    result = await purge_doomed(uow, doomed, run_id=_run_id())
    report.files_purged += len(result.outcomes)
    report.proofs_failed += sum(1 for outcome in result.outcomes if not outcome.proof_ok)
    refs.forget("coordination_file", [d.file_ref for d in doomed])
    refs.forget("file", [d.file_ref for d in doomed])
    key_refs = [ref for ref, _, _ in entry.body["files"]]
    if not entry.committed:  # keys of an unresolved entry only once their file is gone
        key_refs = [ref for ref in key_refs if ref not in await refs.files(uow)]
    await _shred(uow, "file", key_refs, refs, report)


def _run_id() -> str:
    return f"restore-check-{new_id().hex[:16]}"


async def _apply_member(uow: UnitOfWork, entry: Entry, refs: _Refs, report: RestoreReport) -> None:
    """Erase again the member an entry names, if the restored database still holds them."""
    session = uow.session
    file_id = (await refs.files(uow)).get(entry.body["file"])
    if file_id is None:  # purged meanwhile (or never in this database): nothing of them is left
        return
    # The row lock the erasure and the legal hold take.
    await session.execute(
        select(CoordinationFile.id).where(CoordinationFile.id == file_id).with_for_update()
    )
    members = (await session.scalars(select(Member.id).where(Member.file_id == file_id))).all()
    member_id = next(
        (m for m in members if audit_ref(refs.key, "member", m) == entry.body["member"]), None
    )
    if member_id is None:  # erased already (a second run), or not in the backup
        return
    if not entry.committed:
        held = await session.scalar(
            select(func.count()).where(LegalHold.file_id == file_id, LegalHold.lifted_at.is_(None))
        )
        if held:
            return
    _, proof = await erase_member(uow, file_id, member_id)
    report.members_erased += 1
    rows_left = sum(proof.values())
    if rows_left:
        report.proofs_failed += 1
        _log.error("erasure_proof_failed", rule=ERASURE_RULE, count=rows_left)
    await record(
        uow,
        AuditContext.system_run(_run_id(), policy_id=ERASURE_RULE),
        MEMBER_ERASE_ACTION,
        "allowed",
        object_type="member",
        object_id=member_id,
        file_id=file_id,
    )


async def _shred(
    uow: UnitOfWork, owner_kind: str, owner_refs: list[str], refs: _Refs, report: RestoreReport
) -> None:
    owners = await refs.owners(uow, owner_kind)
    ids = [owners[ref] for ref in owner_refs if ref in owners]
    if ids:
        shredded = await uow.runtime.cipher.shred_many(uow.session, owner_kind, ids, notify=False)
        report.keys_shredded += sum(len(k) for k in shredded.values())
        refs.forget(owner_kind, [ref for ref in owner_refs if ref in owners])


async def _apply(
    uow: UnitOfWork, schedule: Schedule, entry: Entry, refs: _Refs, report: RestoreReport
) -> None:
    if entry.void:
        report.entries_void += 1
    elif entry.kind == "files":
        await _apply_files(uow, schedule, entry, refs, report)
        report.entries_applied += 1
    elif entry.kind == "members":
        await _apply_member(uow, entry, refs, report)
        report.entries_applied += 1
    else:
        body: dict[str, Any] = entry.body
        await _shred(uow, body["owner_kind"], list(body["keys"]), refs, report)
        report.entries_applied += 1
    await uow.session.execute(
        insert(DeletionLedgerMark).values(seq=entry.seq, digest=entry.digest, applied_at=utcnow())
    )


async def restore_check(runtime: Runtime, schedule: Schedule) -> RestoreReport:
    """Re-apply every ledger entry the database lacks (see the module doc); raises
    :class:`LedgerError` when the ledger does not verify or does not belong to this database."""
    ledger = ledger_for(runtime)
    view = await asyncio.to_thread(ledger.read)
    async with runtime.sessions() as session:
        marks = dict(
            (await session.execute(select(DeletionLedgerMark.seq, DeletionLedgerMark.digest))).all()
        )
    state = compare(view, marks)
    if state.problem == "ledger-untrusted":
        raise LedgerError(state.detail)
    report = RestoreReport()
    refs = _Refs(runtime)
    for entry in view.entries.values():
        if entry.seq in marks:
            continue
        async with runtime.unit_of_work() as uow:
            await _apply(uow, schedule, entry, refs, report)
    _log.info(
        "restore_check_done",
        count=report.entries_applied,
        phase="files",
        outcome=(
            f"{report.files_purged}-files-{report.keys_shredded}-keys"
            f"-{report.members_erased}-members"
        ),
    )
    return report
