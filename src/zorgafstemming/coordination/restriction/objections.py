"""Objection to statute-based processing (GDPR art. 21).

A consent recorded on the basis of the decree on integrated youth care (``dijh_art74``) is not
the family's to withdraw; a family member objects to it instead, for their own data or a child's
they represent, with their grounds. The lead organisation is told (a notification) and the DPO
sees it in their queue, alerted by a mail that carries no case content. While it is open the
lead decides, with a recorded reason: ``continue`` (compelling legitimate grounds) or ``stop`` —
the member's part of the consent then ends exactly as a family member's withdrawal of their part
does (the same event, under the file's lock, the file settled and everyone told), so the
partners' next read answers as after a withdrawal.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import undefer

from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import family_rules
from zorgafstemming.coordination.models import CoordinationFile
from zorgafstemming.coordination.restriction import rules
from zorgafstemming.coordination.restriction.errors import (
    NotInForce,
    NotOpenToObjection,
    ObjectionOpen,
    ReasonRequired,
)
from zorgafstemming.coordination.restriction.models import Objection
from zorgafstemming.coordination.restriction.schemas import (
    ObjectionDecisionIn,
    ObjectionIn,
    ObjectionOut,
    ObjectionPage,
)
from zorgafstemming.coordination.service.consent_records import record_event
from zorgafstemming.coordination.service.errors import ForbiddenLead, file_not_found
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.coordination.service.family_consent_steps import (
    consenting_participants,
    load_step,
    replace_consent,
)
from zorgafstemming.coordination.service.family_consent_views import state_for
from zorgafstemming.coordination.service.family_notices import tell_family
from zorgafstemming.coordination.service.gate import gate_for, settle
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.db import new_id
from zorgafstemming.identity.account_mail import mail_dpos
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import NotFoundError, ValidationFailed
from zorgafstemming.rights import links
from zorgafstemming.runtime import UnitOfWork

OBJECT_OBJECTION = "objection"
OBJECT_LIST = "objection_list"
TABLE = "objections"
# The DPO's queue, which the alert mail links to.
DPO_QUEUE_PATH = "/fg/bezwaren"


def _seal(uow: UnitOfWork, key: DataKey, column: str, row_id: uuid.UUID, value: str) -> bytes:
    return uow.runtime.cipher.encrypt(key, table=TABLE, column=column, row_id=row_id, value=value)


def _open(uow: UnitOfWork, key: DataKey, column: str, row_id: uuid.UUID, blob: Any) -> str:
    return uow.runtime.cipher.decrypt(
        key, table=TABLE, column=column, row_id=row_id, blob=bytes(blob)
    )


def objection_view(uow: UnitOfWork, row: Any, key: DataKey) -> ObjectionOut:
    """An objection row as the API and the pages show it, its texts decrypted with ``key`` (the
    file's data key); the row's deferred texts must be loaded (``with_texts``)."""
    reason = row.decision_reason_enc
    return ObjectionOut(
        id=row.id,
        file_id=row.file_id,
        file_reference=file_reference(uow.runtime.secrets.audit_key, row.file_id),
        consent_id=row.consent_id,
        member_id=row.member_id,
        request_id=row.request_id,
        reasons=_open(uow, key, "reasons", row.id, row.reasons_enc),
        raised_at=row.raised_at,
        state=rules.objection_state(row.outcome),  # type: ignore[arg-type]
        decided_at=row.decided_at,
        decision_reason=(
            _open(uow, key, "decision_reason", row.id, reason) if reason is not None else None
        ),
    )


def with_texts(stmt: Any) -> Any:
    """``stmt`` with the objection's encrypted texts loaded (they are deferred)."""
    return stmt.options(undefer(Objection.reasons_enc), undefer(Objection.decision_reason_enc))


# The answer to the objection's request, as the family reads it.
OBJECTION_NOTES = {
    "stop": "Uw bezwaar is aanvaard: de verwerking stopt, zoals bij een ingetrokken toestemming.",
    "continue": "Er zijn dwingende redenen om de verwerking voort te zetten.",
}


async def raise_objection(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, data: ObjectionIn
) -> ObjectionOut:
    """Object to the statute-based processing of the caller's data (or a represented child's,
    ``data.member_id``) under ``data.consent_id``. 404 unless the caller belongs to the
    consent's file and speaks for the member; 422 ``not-open-to-objection`` for a consent-based
    one (withdraw it instead) or one that no longer covers the member; 409 ``objection-open``
    while an earlier objection about the same waits for a decision."""
    step = await load_step(uow, principal, ctx, Action.FAMILY_OBJECTION_RAISE, data.consent_id)
    gate, facts, consent, family = step.gate, step.facts, step.consent, step.ctx
    gate.object_type = OBJECT_OBJECTION
    subject = data.member_id or family.viewer.id
    if subject not in family_rules.spoken_for(
        family.viewer, step.covered, family.members, family.at
    ):
        await gate.refuse(NotFoundError("No such consent."))
    if (why := rules.reason_problem(data.reasons)) is not None:
        await gate.refuse(ReasonRequired(why))
    legal_basis = str(facts.records[consent.id]["legal_basis"])
    if not rules.open_to_objection(legal_basis):
        await gate.refuse(
            NotOpenToObjection(
                "This consent rests on the family's consent: withdraw it instead of objecting."
            )
        )
    state = state_for(family, consent, step.extras)
    if subject not in consent.members or state not in ("in_force", "scheduled"):
        await gate.refuse(NotOpenToObjection("The consent no longer covers this member."))
    waiting = await uow.session.scalar(
        select(Objection.id).where(
            Objection.consent_id == consent.id,
            Objection.member_id == subject,
            Objection.outcome.is_(None),
        )
    )
    if waiting is not None:
        await gate.refuse(ObjectionOpen("An objection about this waits for a decision."))
    if data.request_id is not None:
        try:
            await links.claim(
                uow, data.request_id, file_id=facts.file_id, kinds=("objection",), members=[subject]
            )
        except ValidationFailed as problem:
            await gate.refuse(problem)
    now = uow.runtime.clock()
    key = facts.key or await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, facts.file_id)
    objection_id = new_id()
    row = Objection(
        id=objection_id,
        file_id=facts.file_id,
        consent_id=consent.id,
        member_id=subject,
        raised_by_account_id=principal.account_id,
        reasons_enc=_seal(uow, key, "reasons", objection_id, data.reasons.strip()),
        request_id=data.request_id,
        raised_at=now,
        # Set, so that showing the new row loads nothing more.
        outcome=None,
        decided_at=None,
        decision_reason_enc=None,
    )
    uow.session.add(row)
    await uow.session.flush()
    # The lead decides (its workers' notifications); the DPO follows it in their queue, told
    # by a mail that names nothing of the file or the family.
    await notify(uow.session, now, facts.file_id, [facts.lead], "objection_raised", consent.id)
    await mail_dpos(uow, "objection-raised", DPO_QUEUE_PATH)
    await gate.allow(object_id=objection_id)
    return objection_view(uow, row, key)


async def decide_objection(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    objection_id: uuid.UUID,
    data: ObjectionDecisionIn,
) -> ObjectionOut:
    """The lead organisation's decision on an open objection, with its reason. ``stop`` ends the
    member's part of the consent at commit, as a withdrawal of that part does; ``continue``
    leaves the processing as it is. 403 ``lead-only`` for another partner, 409
    ``not-in-force`` once decided."""
    action = Action.COORDINATION_OBJECTION_DECIDE
    gate = await gate_for(
        uow,
        principal,
        ctx,
        action,
        file_id,
        lock=True,
        object_type=OBJECT_OBJECTION,
        object_id=objection_id,
    )
    facts = await gate.open_facts("The file is closed.")
    if not gate.allowed:
        await gate.refuse(ForbiddenLead("Only the lead organisation decides on an objection."))
    row = await uow.session.scalar(
        with_texts(
            select(Objection).where(Objection.id == objection_id, Objection.file_id == file_id)
        )
    )
    if row is None:
        await gate.refuse(NotFoundError("No such objection."))
    if row.outcome is not None:
        await gate.refuse(NotInForce("This objection was decided already."))
    if (why := rules.reason_problem(data.reason)) is not None:
        await gate.refuse(ReasonRequired(why))
    now = uow.runtime.clock()
    key = facts.key or await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, file_id)
    consent = next((c for c in facts.consents if c.id == row.consent_id), None)
    if data.outcome == "stop" and consent is not None and row.member_id in consent.members:
        # The withdrawal of the member's part, as the family portal records it.
        before = set(await consenting_participants(uow, facts))
        await record_event(uow, principal, consent.id, "withdrawn", member_id=row.member_id)
        replace_consent(facts, replace(consent, members=consent.members - {row.member_id}))
        await settle(uow, facts)
        await notify(uow.session, now, file_id, before, "consent_withdrawn", consent.id)
    if row.request_id is not None:
        # The data-subject request the objection was raised under is answered with it (unless
        # the DPO closed it already).
        try:
            claimed = await links.claim(
                uow, row.request_id, file_id=file_id, kinds=("objection",), members=[row.member_id]
            )
        except ValidationFailed:
            claimed = None
        if claimed is not None:
            stopped = data.outcome == "stop"
            note = OBJECTION_NOTES[data.outcome]
            await links.complete(
                uow, principal, ctx, claimed, "answer" if stopped else "refuse", note
            )
    row.outcome = data.outcome
    row.decided_by_account_id = principal.account_id
    row.decided_at = now
    row.decision_reason_enc = _seal(uow, key, "decision_reason", row.id, data.reason.strip())
    await uow.session.flush()
    await tell_family(
        uow,
        file_id,
        key,
        covered=[row.member_id],
        kind=f"objection_{'stopped' if data.outcome == 'stop' else 'continued'}",
        consent_id=row.consent_id,
        actor_organisation_id=principal.organisation_id,
    )
    await gate.allow()
    return objection_view(uow, row, key)


async def file_objections(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    *,
    after: str | None,
    limit: int,
) -> ObjectionPage:
    """The objections on one file, newest first by (raised_at, id), for the lead organisation
    that decides them (with the grounds); 404 for anyone else."""
    gate = await gate_for(
        uow, principal, ctx, Action.COORDINATION_OBJECTION_LIST, file_id, object_type=OBJECT_LIST
    )
    facts = gate.facts
    if facts is None or not gate.visible or not gate.allowed:
        await gate.refuse(file_not_found())
    page, next_cursor = await _page(uow, [Objection.file_id == file_id], after, limit)
    key = facts.key or await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, file_id)
    items = [objection_view(uow, row, key) for row in page]
    await gate.allow()
    return ObjectionPage(items=items, next=next_cursor)


async def _page(
    uow: UnitOfWork, where: list[Any], after: str | None, limit: int
) -> tuple[list[Objection], str | None]:
    stmt = with_texts(
        select(Objection)
        .join(CoordinationFile, CoordinationFile.id == Objection.file_id)
        .where(CoordinationFile.status != "purged", *where)
        .order_by(Objection.raised_at.desc(), Objection.id.desc())
    )
    position = read_after(after)
    if position is not None:
        stmt = stmt.where(beyond(Objection.raised_at, Objection.id, position))
    rows = list(await uow.session.scalars(stmt.limit(limit + 1)))
    return one_page(rows, limit, lambda r: (r.raised_at, r.id))


async def objection_queue(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, *, after: str | None, limit: int
) -> ObjectionPage:
    """Every objection, newest first by (raised_at, id), for the DPO (the route's guard
    decided): what was objected to, its state and the reasons."""
    page, next_cursor = await _page(uow, [], after, limit)
    cipher = uow.runtime.cipher
    keys = await cipher.load_keys(uow.session, FILE_OWNER, list({r.file_id for r in page}))
    items = [objection_view(uow, row, keys[row.file_id]) for row in page if row.file_id in keys]
    await record(uow, ctx, Action.RIGHTS_OBJECTION_LIST, "allowed", object_type=OBJECT_LIST)
    return ObjectionPage(items=items, next=next_cursor)
