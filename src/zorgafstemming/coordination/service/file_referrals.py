"""The referrals of one file as a partner on it sees them: the ones its organisation made and
the ones it joined through, with the hand-over note where its consent covers the note."""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.referral_models import Referral
from zorgafstemming.coordination.referral_schemas import ReferralPage, ReferralView
from zorgafstemming.coordination.service.errors import file_not_found
from zorgafstemming.coordination.service.gate import gate_for
from zorgafstemming.coordination.service.referral_steps import note_readable, referral_view
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.runtime import UnitOfWork


async def file_referrals(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    *,
    limit: int,
    after: str | None = None,
) -> ReferralPage:
    """The referrals from or to the caller's organisation on the file, newest first by
    (created_at, id); each note only when a consent in force covers its category for the
    caller's organisation and the referral's purpose (the receiving organisation: once it has
    joined). The categories of the notes shown go into the audit event."""
    position = read_after(after)
    gate = await gate_for(uow, principal, ctx, Action.COORDINATION_FILE_READ, file_id)
    facts = gate.facts
    org = principal.organisation_id
    if facts is None or org is None or not gate.visible or not gate.allowed:
        await gate.refuse(file_not_found())
    stmt = (
        select(Referral)
        .options(undefer(Referral.note_enc))
        .where(
            Referral.file_id == file_id,
            or_(Referral.from_organisation_id == org, Referral.to_organisation_id == org),
        )
        .order_by(Referral.created_at.desc(), Referral.id.desc())
        .limit(limit + 1)
    )
    if position is not None:
        stmt = stmt.where(beyond(Referral.created_at, Referral.id, position))
    rows, next_cursor = one_page(
        (await uow.session.scalars(stmt)).all(), limit, lambda r: (r.created_at, r.id)
    )
    now = uow.runtime.clock()
    items: list[ReferralView] = []
    shown: set[str] = set()
    for row in rows:
        ours = row.from_organisation_id == org or row.status == "joined"
        note = None
        if ours and facts.key is not None and note_readable(facts, org, row, now):
            note = uow.runtime.cipher.decrypt(
                facts.key, table="referrals", column="note_enc", row_id=row.id, blob=row.note_enc
            )
            shown.add(row.note_category)
        items.append(referral_view(uow, row, joined=True, note=note))
    await gate.allow(categories=shown)
    return ReferralPage(items=items, next=next_cursor)
