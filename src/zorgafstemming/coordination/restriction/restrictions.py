"""Restriction of processing (GDPR art. 18), as the DPO places and lifts it.

A restriction on the whole file leaves partners only its existence (the gate refuses every
other request, policy ``restricted``, and the file read answers the restricted view); one on a
member's data withholds that member's data from partners. The family keeps its own view, and
is told of each step in the portal. Only the DPO restricts and lifts, with a reason that is
encrypted under the file's data key; the audit events carry refs only.
"""

from __future__ import annotations

import uuid
from typing import Any, NoReturn

from sqlalchemy import select
from sqlalchemy.orm import undefer

from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import Decision
from zorgafstemming.coordination.models import CoordinationFile, Member
from zorgafstemming.coordination.restriction import rules
from zorgafstemming.coordination.restriction.errors import (
    AlreadyRestricted,
    NotInForce,
    ReasonRequired,
)
from zorgafstemming.coordination.restriction.models import FileRestriction
from zorgafstemming.coordination.restriction.schemas import (
    LiftIn,
    RestrictionIn,
    RestrictionOut,
    RestrictionPage,
)
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import FileClosed, file_not_found
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.coordination.service.family_notices import tell_family
from zorgafstemming.coordination.service.gate import decide
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import NotFoundError, ValidationFailed
from zorgafstemming.rights import links
from zorgafstemming.runtime import UnitOfWork

OBJECT_RESTRICTION = "restriction"
OBJECT_LIST = "restriction_list"
TABLE = "file_restrictions"


async def _file_for_change(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, action: Action, file_id: uuid.UUID
) -> tuple[Decision, CoordinationFile]:
    """The open file, locked (one change of its restrictions at a time), and Cedar's decision;
    a refusal is audited and raised (404 for an unknown or purged file, 409 for a closed one,
    which is read-only)."""
    decision = decide(uow.runtime, principal, action, file_id)
    found = await uow.session.scalar(
        select(CoordinationFile).where(CoordinationFile.id == file_id).with_for_update()
    )
    refusal: Exception | None = None
    if found is None or found.status == "purged" or not decision.allowed:
        refusal = file_not_found()
    elif found.status != "open":
        refusal = FileClosed("The file is closed and read-only.")
    if refusal is not None:
        await record(
            uow,
            ctx,
            action,
            "denied",
            decision=decision,
            object_type=OBJECT_RESTRICTION,
            file_id=file_id if found is not None else None,
        )
        raise refusal
    assert found is not None
    return decision, found


async def _members(uow: UnitOfWork, file_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await uow.session.scalars(
        select(Member.id).where(Member.file_id == file_id, Member.ended_at.is_(None))
    )
    return list(rows)


def _seal(uow: UnitOfWork, key: DataKey, column: str, row_id: uuid.UUID, value: str) -> bytes:
    return uow.runtime.cipher.encrypt(key, table=TABLE, column=column, row_id=row_id, value=value)


# The answer to the request a restriction carries out, as the family reads it.
RESTRICTED_NOTE = (
    "De verwerking van uw gegevens is beperkt. Alleen de functionaris voor"
    " gegevensbescherming kan de beperking opheffen."
)


async def place_restriction(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    data: RestrictionIn,
) -> RestrictionOut:
    """Restrict the processing of the file's data, or of one member's (``data.member_id``);
    in force at commit. Refused: an unknown file (404), a closed one (409), a member not of
    this file (422), a restriction of the same scope in force (409 ``already-restricted``)."""
    action = Action.RIGHTS_RESTRICTION_PLACE
    decision, _ = await _file_for_change(uow, principal, ctx, action, file_id)

    async def refuse(problem: Exception) -> NoReturn:
        await record(
            uow,
            ctx,
            action,
            "denied",
            decision=decision,
            object_type=OBJECT_RESTRICTION,
            file_id=file_id,
        )
        raise problem

    if (why := rules.reason_problem(data.reason)) is not None:
        await refuse(ReasonRequired(why))
    members = await _members(uow, file_id)
    if data.member_id is not None and data.member_id not in members:
        await refuse(
            invalid("No such member in this file.", [field_error("member_id", "no such member")])
        )
    same_scope = (
        FileRestriction.member_id.is_(None)
        if data.member_id is None
        else FileRestriction.member_id == data.member_id
    )
    running = await uow.session.scalar(
        select(FileRestriction.id).where(
            FileRestriction.file_id == file_id,
            FileRestriction.lifted_at.is_(None),
            same_scope,
        )
    )
    if running is not None:
        await refuse(AlreadyRestricted("A restriction of this scope is in force already."))
    claimed = None
    if data.request_id is not None:
        try:
            claimed = await links.claim(
                uow,
                data.request_id,
                file_id=file_id,
                kinds=("restriction",),
                members=None if data.member_id is None else [data.member_id],
            )
        except ValidationFailed as problem:
            await refuse(problem)
    now = uow.runtime.clock()
    key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, file_id)
    restriction_id = new_id()
    row = FileRestriction(
        id=restriction_id,
        file_id=file_id,
        member_id=data.member_id,
        reason_enc=_seal(uow, key, "reason", restriction_id, data.reason.strip()),
        request_id=data.request_id,
        placed_by_account_id=principal.account_id,
        placed_at=now,
    )
    uow.session.add(row)
    await uow.session.flush()
    await tell_family(
        uow,
        file_id,
        key,
        covered=members if data.member_id is None else [data.member_id],
        kind="processing_restricted",
        consent_id=None,
        actor_organisation_id=None,
    )
    if claimed is not None:
        await links.complete(uow, principal, ctx, claimed, "answer", RESTRICTED_NOTE)
    await record(
        uow,
        ctx,
        action,
        "allowed",
        decision=decision,
        object_type=OBJECT_RESTRICTION,
        object_id=restriction_id,
        file_id=file_id,
    )
    return _out(uow, row, data.reason.strip(), None)


async def lift_restriction(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    restriction_id: uuid.UUID,
    data: LiftIn,
) -> RestrictionOut:
    """Lift a restriction in force, with the reason; partners' access is back at commit as the
    consents allow it. 404 for an unknown one, 409 ``not-in-force`` when lifted already."""
    action = Action.RIGHTS_RESTRICTION_LIFT
    decision, _ = await _file_for_change(uow, principal, ctx, action, file_id)
    row = await uow.session.scalar(
        select(FileRestriction)
        .where(FileRestriction.id == restriction_id, FileRestriction.file_id == file_id)
        .options(undefer(FileRestriction.reason_enc))
    )
    refusal: Exception | None = None
    if row is None:
        refusal = NotFoundError("No such restriction.")
    elif row.lifted_at is not None:
        refusal = NotInForce("This restriction was lifted already.")
    elif (why := rules.reason_problem(data.reason)) is not None:
        refusal = ReasonRequired(why)
    if refusal is not None:
        await record(
            uow,
            ctx,
            action,
            "denied",
            decision=decision,
            object_type=OBJECT_RESTRICTION,
            object_id=restriction_id,
            file_id=file_id,
        )
        raise refusal
    assert row is not None
    now = uow.runtime.clock()
    key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, file_id)
    row.lifted_at = now
    row.lifted_by_account_id = principal.account_id
    row.lift_reason_enc = _seal(uow, key, "lift_reason", row.id, data.reason.strip())
    await uow.session.flush()
    covered = await _members(uow, file_id) if row.member_id is None else [row.member_id]
    await tell_family(
        uow,
        file_id,
        key,
        covered=covered,
        kind="restriction_lifted",
        consent_id=None,
        actor_organisation_id=None,
    )
    await record(
        uow,
        ctx,
        action,
        "allowed",
        decision=decision,
        object_type=OBJECT_RESTRICTION,
        object_id=row.id,
        file_id=file_id,
    )
    reason = _open(uow, key, "reason", row.id, row.reason_enc)
    return _out(uow, row, reason, data.reason.strip())


def _open(uow: UnitOfWork, key: DataKey, column: str, row_id: uuid.UUID, blob: Any) -> str:
    return uow.runtime.cipher.decrypt(
        key, table=TABLE, column=column, row_id=row_id, blob=bytes(blob)
    )


def _out(uow: UnitOfWork, row: Any, reason: str, lift_reason: str | None) -> RestrictionOut:
    return RestrictionOut(
        id=row.id,
        file_id=row.file_id,
        file_reference=file_reference(uow.runtime.secrets.audit_key, row.file_id),
        member_id=row.member_id,
        request_id=row.request_id,
        reason=reason,
        placed_at=row.placed_at,
        lifted_at=row.lifted_at,
        lift_reason=lift_reason,
        in_force=row.lifted_at is None,
    )


async def list_restrictions(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, *, after: str | None, limit: int
) -> RestrictionPage:
    """Every restriction of a file not purged, newest first by (placed_at, id), ``limit`` at a
    time after the cursor ``after``, with the reasons, for the DPO (the route's guard
    decided)."""
    stmt = (
        select(FileRestriction)
        .join(CoordinationFile, CoordinationFile.id == FileRestriction.file_id)
        .where(CoordinationFile.status != "purged")
        .options(undefer(FileRestriction.reason_enc), undefer(FileRestriction.lift_reason_enc))
        .order_by(FileRestriction.placed_at.desc(), FileRestriction.id.desc())
    )
    position = read_after(after)
    if position is not None:
        stmt = stmt.where(beyond(FileRestriction.placed_at, FileRestriction.id, position))
    rows = list(await uow.session.scalars(stmt.limit(limit + 1)))
    page, next_cursor = one_page(rows, limit, lambda r: (r.placed_at, r.id))
    cipher = uow.runtime.cipher
    keys = await cipher.load_keys(uow.session, FILE_OWNER, list({r.file_id for r in page}))
    items = []
    for row in page:
        key = keys.get(row.file_id)
        if key is None:  # shredded under us: nothing left to show
            continue
        lift = row.lift_reason_enc
        items.append(
            _out(
                uow,
                row,
                _open(uow, key, "reason", row.id, row.reason_enc),
                _open(uow, key, "lift_reason", row.id, lift) if lift is not None else None,
            )
        )
    await record(uow, ctx, Action.RIGHTS_RESTRICTION_LIST, "allowed", object_type=OBJECT_LIST)
    return RestrictionPage(items=items, next=next_cursor)
