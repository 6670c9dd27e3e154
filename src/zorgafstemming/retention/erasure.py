"""Erasure on the DPO's decision (GDPR art. 17): a whole file, or one member of it.

An erasure answers a data-subject request: the family files it (or a partner's worker on its
behalf, recorded as such), the DPO decides on it — two people, so no DPO can erase a family's
data on their own. Every decision names the open erasure request it answers (``request_id``):
one about the same file and, for one member, about that member; without one the decision is
refused (422 on ``request_id``) and nothing is written. A refusal is recorded with its reason
code and refuses the request with that reason; a grant is carried out at once in the same
transaction and answers the request.

A whole file goes by the retention purge itself (crypto-shredding, proof of deletion, tombstone,
deletion-ledger entry: :func:`zorgafstemming.retention.purge.purge_doomed`), under the rule id
``gdpr-art17-erasure``. One member goes by deleting the rows and ciphertexts only about them — there
is no per-member key to shred, their fields are encrypted under the file's key — so the member row
and everything that points to it (foreign-key walk), the journal entries about them alone, the
consents they gave (after keeping their pseudonymous proof), the scans of those consents, their
blind-index values and their family account if it has no other file. What stays, and why, is in
SECURITY.md ("Erasure of a member"). Its deletion-ledger entry (the file's and the member's refs) is
written in the same transaction, so ``restore-check`` erases the member again from a backup taken
before (:func:`erase_member` is that one code path; it writes no ledger entry itself).

A file under a legal hold is never erased (409 ``under-legal-hold``). The decision record
(``erasure_decisions``) holds refs, codes and counts only, so it survives the purge.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, exists, func, insert, select

from zorgafstemming.audit.service import AuditContext, audit_ref, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.annotation_models import OwnStatement
from zorgafstemming.coordination.models import (
    ConsentEvidence,
    ConsentRecord,
    CoordinationFile,
    Entry,
    EntryMember,
    Member,
)
from zorgafstemming.coordination.service.recipients import ERASED, tell_recipients
from zorgafstemming.crypto.models import BlindIndex
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.models import metadata
from zorgafstemming.problems import ConflictError, NotFoundError
from zorgafstemming.retention import rowgraph
from zorgafstemming.retention.ledger import ledger_for
from zorgafstemming.retention.models import ErasureDecision, LegalHold, PurgeTombstone
from zorgafstemming.retention.proofs import copy_consent_proofs
from zorgafstemming.retention.purge import DoomedFile, purge_doomed
from zorgafstemming.retention.schemas import ErasureIn, ErasureOut
from zorgafstemming.rights import links
from zorgafstemming.runtime import UnitOfWork

# The reasons in Dutch, as the DPO chooses them and the family reads them.
REASON_LABELS: dict[str, str] = {
    "consent_withdrawn": "Toestemming ingetrokken (art. 17.1.b)",
    "no_longer_needed": "Niet langer nodig (art. 17.1.a)",
    "objection": "Bezwaar gemaakt (art. 17.1.c)",
    "unlawful_processing": "Onrechtmatig verwerkt (art. 17.1.d)",
    "legal_obligation": "Wettelijke plicht om te bewaren (art. 17.3.b)",
    "public_interest": "Algemeen belang, volksgezondheid (art. 17.3.c)",
    "legal_claims": "Nodig voor een rechtsvordering (art. 17.3.e)",
    "other": "Andere reden",
}
ERASURE_RULE = "gdpr-art17-erasure"
OBJECT_ERASURE = "erasure_decision"
FAMILY_ROLE = "family"


class UnderLegalHold(
    ConflictError, slug="under-legal-hold", title="The file is under a legal hold"
):
    """A granted erasure of a file (or of one of its members) while a hold is in place."""


class ErasureFileNotFound(NotFoundError):
    """No such file (or it was purged already)."""


class ErasureMemberNotFound(NotFoundError, slug="member-not-found", title="No such member"):
    """The member named is not a member of this file."""


async def decide_erasure(
    uow: UnitOfWork,
    ctx: AuditContext,
    principal: Principal,
    *,
    file_id: uuid.UUID,
    data: ErasureIn,
) -> ErasureOut:
    """Record the DPO's decision on erasing the file or ``data.member_id``; carry out a grant.

    404 for a file or member that does not exist; 422 on ``request_id`` when ``data.request_id``
    names no open erasure request about this file (and member) — checked before anything is
    written; 409 ``under-legal-hold`` for a grant on a held file. The request named is answered
    (grant) or refused with the reason (refusal) in the same transaction. One audit event for
    the decision (plus the purge's own for a whole file, and the request's step)."""
    actor_id = principal.account_id
    session, runtime = uow.session, uow.runtime
    key = runtime.secrets.audit_key
    now = runtime.clock()
    # The row lock the purge and the legal hold take: a hold and an erasure never interleave.
    found = await session.scalar(
        select(CoordinationFile.id)
        .where(CoordinationFile.id == file_id, CoordinationFile.status != "purged")
        .with_for_update()
    )
    if found is None:
        raise ErasureFileNotFound("No such file.")
    member_id = data.member_id
    if member_id is not None and (
        await session.scalar(
            select(Member.id).where(Member.id == member_id, Member.file_id == file_id)
        )
        is None
    ):
        raise ErasureMemberNotFound("No such member in this file.")
    # The family's request is the other half of the decision: without an open one, nothing.
    claimed = await links.claim(
        uow,
        data.request_id,
        file_id=file_id,
        kinds=("erasure",),
        members=None if member_id is None else [member_id],
    )
    decision_id = new_id()
    file_ref = audit_ref(key, "file", file_id)
    member_ref = audit_ref(key, "member", member_id) if member_id is not None else None
    counts: dict[str, int] = {}
    proof: dict[str, int] = {}
    told: set[uuid.UUID] = set()
    if data.decision == "granted":
        held = await session.scalar(
            select(func.count()).where(LegalHold.file_id == file_id, LegalHold.lifted_at.is_(None))
        )
        if held:
            raise UnderLegalHold(
                "A legal hold keeps this file as it is; lift the hold before granting erasure."
            )
        # Answered before the file's key is shredded: the note is kept under that key.
        done = "Het dossier is gewist." if member_id is None else "De gegevens zijn gewist."
        await links.complete(uow, principal, ctx, claimed, "answer", done)
        if member_id is None:
            counts, proof = await _erase_file(uow, file_id, file_ref, decision_id)
        else:
            # The recipients are read before the member's rows go (the audit trail stays).
            told = await tell_recipients(uow, file_id, ERASED, about=("member", member_id))
            counts, proof = await _erase_member(uow, file_id, member_id, file_ref)
    else:
        note = f"Het verzoek tot wissen is geweigerd: {REASON_LABELS[data.reason]}."
        await links.complete(uow, principal, ctx, claimed, "refuse", note)
    event_id = await record(
        uow,
        ctx,
        Action.RETENTION_ERASURE_DECIDE,
        "allowed",
        object_type=OBJECT_ERASURE,
        object_id=decision_id,
        file_id=file_id,
    )
    await session.execute(
        insert(ErasureDecision).values(
            id=decision_id,
            file_ref=file_ref,
            member_ref=member_ref,
            decision=data.decision,
            reason=data.reason,
            request_id=data.request_id,
            decided_by_ref=audit_ref(key, "account", actor_id),
            decided_at=now,
            erased_counts=counts,
            proof=proof,
            audit_event_id=event_id,
        )
    )
    return ErasureOut(
        id=decision_id,
        file_ref=file_ref,
        member_ref=member_ref,
        decision=data.decision,
        reason=data.reason,
        request_id=data.request_id,
        decided_at=now,
        erased_counts=counts,
        proof_ok=not any(proof.values()),
        notified_organisations=len(told),
    )


async def _erase_file(
    uow: UnitOfWork, file_id: uuid.UUID, file_ref: str, decision_id: uuid.UUID
) -> tuple[dict[str, int], dict[str, int]]:
    """The retention purge of one file, now, under the erasure rule, with its ledger entry."""
    now = uow.runtime.clock()
    doomed = DoomedFile(file_id, file_ref, ERASURE_RULE, now)
    result = await purge_doomed(uow, [doomed], run_id=f"erasure-{decision_id.hex[:16]}")
    await ledger_for(uow.runtime).record_purge(
        uow.session, files=[(file_ref, ERASURE_RULE, now)], keys=result.shredded
    )
    tombstone = (
        await uow.session.execute(
            select(PurgeTombstone.purged_counts, PurgeTombstone.proof).where(
                PurgeTombstone.file_ref == file_ref
            )
        )
    ).one()
    return dict(tombstone.purged_counts), dict(tombstone.proof)


async def _erase_member(
    uow: UnitOfWork, file_id: uuid.UUID, member_id: uuid.UUID, file_ref: str
) -> tuple[dict[str, int], dict[str, int]]:
    """One member's erasure, with its ledger entry (refs only) durable before the commit, so a
    restored backup erases them again (:mod:`zorgafstemming.retention.restore`)."""
    counts, proof = await erase_member(uow, file_id, member_id)
    await ledger_for(uow.runtime).record_member_erasure(
        uow.session,
        file_ref=file_ref,
        member_ref=audit_ref(uow.runtime.secrets.audit_key, "member", member_id),
    )
    return counts, proof


def _add(total: dict[str, int], more: dict[str, int]) -> None:
    for table, n in more.items():
        if n:
            total[table] = total.get(table, 0) + n


async def _walk(
    uow: UnitOfWork, table_name: str, ids: Sequence[uuid.UUID], counts: dict[str, int]
) -> tuple[rowgraph.Graph, rowgraph.Deleted] | None:
    """Delete rows of ``table_name`` and every row pointing to them (the purge's walk)."""
    if not ids:
        return None
    table = metadata.tables[table_name]
    walk = rowgraph.graph(uow.session, table, table.c.id)
    deleted = await rowgraph.delete_rows(uow.session, walk, list(ids))
    for per_table in deleted.counts.values():
        _add(counts, per_table)
    return walk, deleted


async def erase_member(
    uow: UnitOfWork, file_id: uuid.UUID, member_id: uuid.UUID
) -> tuple[dict[str, int], dict[str, int]]:
    """Erase one member of a file and what is only about them, in the unit of work; the rows
    erased per table and the rows still found on re-reading them (all zero when it held)."""
    session, runtime = uow.session, uow.runtime
    account_id = await session.scalar(select(Member.account_id).where(Member.id == member_id))
    # Entries about this member alone, and their own statements: the text is about them only.
    others = (
        select(EntryMember.entry_id)
        .where(EntryMember.entry_id == Entry.id, EntryMember.member_id != member_id)
        .exists()
    )
    alone = select(Entry.id).where(
        Entry.file_id == file_id,
        exists().where(EntryMember.entry_id == Entry.id, EntryMember.member_id == member_id),
        ~others,
    )
    own = select(OwnStatement.entry_id).where(OwnStatement.member_id == member_id)
    entries = sorted(
        set((await session.scalars(alone)).all()) | set((await session.scalars(own)).all())
    )
    given = list(
        (
            await session.scalars(
                select(ConsentRecord.id).where(ConsentRecord.given_by_member_id == member_id)
            )
        ).all()
    )
    scans = [
        s
        for s in (
            await session.scalars(
                select(ConsentRecord.evidence_id).where(
                    ConsentRecord.given_by_member_id == member_id,
                    ConsentRecord.evidence_id.is_not(None),
                )
            )
        ).all()
        if s is not None
    ]
    # Proof that a consent was given outlives it (art. 7(1)), without the person (see SECURITY).
    await copy_consent_proofs(
        session,
        runtime.secrets.audit_key,
        {file_id: audit_ref(runtime.secrets.audit_key, "file", file_id)},
        runtime.clock(),
        only=given,
    )
    counts: dict[str, int] = {}
    walks = [
        await _walk(uow, "entries", entries, counts),
        await _walk(uow, "members", [member_id], counts),
    ]
    if scans:
        # A scan goes when no consent still rests on it.
        still_used = select(ConsentRecord.id).where(ConsentRecord.evidence_id == ConsentEvidence.id)
        gone = await session.execute(
            delete(ConsentEvidence)
            .where(ConsentEvidence.id.in_(scans), ~still_used.exists())
            .returning(ConsentEvidence.id)
        )
        _add(counts, {"consent_evidence": len(gone.all())})
    indexed = await session.execute(
        delete(BlindIndex).where(BlindIndex.subject_id == member_id).returning(BlindIndex.column)
    )
    _add(counts, {"blind_indexes": len(indexed.all())})
    if account_id is not None and not await _account_elsewhere(uow, account_id):
        walks.append(await _walk(uow, "accounts", [account_id], counts))
    proof: dict[str, int] = {}
    for done in walks:
        if done is not None:
            _add(proof, await rowgraph.remaining(session, *done))
    left = await session.scalar(select(func.count()).where(BlindIndex.subject_id == member_id))
    _add(proof, {"blind_indexes": left or 0})
    return counts, {table: proof.get(table, 0) for table in sorted(counts)}


async def _account_elsewhere(uow: UnitOfWork, account_id: uuid.UUID) -> bool:
    """Whether an account stays: not a family's, or still linked to a member (of another file;
    the erased member's row is gone by now)."""
    accounts = metadata.tables["accounts"]
    role = await uow.session.scalar(select(accounts.c.role).where(accounts.c.id == account_id))
    if role != FAMILY_ROLE:
        return True
    linked = await uow.session.scalar(select(func.count()).where(Member.account_id == account_id))
    return bool(linked)
