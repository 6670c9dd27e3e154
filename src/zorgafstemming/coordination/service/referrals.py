"""Referrals: a partner on a file refers the family to another partner organisation, which
accepts or declines; on acceptance it joins the file once a consent in force names it.

Before it takes part, the receiving organisation sees only who refers, the purpose, the urgency
and the file's short reference (its inbox), never the file's content. An accepted referral that
no consent covers yet waits (``waiting_for_consent``); a worker of the receiving organisation
completes it by accepting again (the "join the file" button of the inbox) once the family's
consent names the organisation: the check reads the consent facts of the file in the
transaction that acts on them, and the audit event of that request names the file. Looking at
the inbox never changes anything.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import Participant
from zorgafstemming.coordination.referral_models import Referral
from zorgafstemming.coordination.referral_schemas import (
    ReferralDeclineIn,
    ReferralIn,
    ReferralPage,
    ReferralView,
)
from zorgafstemming.coordination.service.checks import field_error, invalid, raise_if
from zorgafstemming.coordination.service.errors import ConsentRequired, FileClosed
from zorgafstemming.coordination.service.facts import load_facts
from zorgafstemming.coordination.service.gate import Gate, decide, gate_for, restricted_problem
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.coordination.service.referral_steps import join_if_consented, referral_view
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.db import new_id
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import ConflictError, NotFoundError
from zorgafstemming.runtime import UnitOfWork

OBJECT_REFERRAL = "referral"


async def refer(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID, data: ReferralIn
) -> ReferralView:
    """Refer the family to another organisation, with a hand-over note under the file's key;
    the referring organisation's consent must cover the note's category for the purpose."""
    vocab = vocabulary()
    errors: list[dict[str, str]] = []
    if data.purpose not in vocab.purposes:
        errors.append(field_error("purpose", "unknown purpose"))
    if data.note_category not in vocab.categories:
        errors.append(field_error("note_category", "unknown data category"))
    raise_if(errors)
    action = Action.COORDINATION_REFERRAL_CREATE
    category = data.note_category
    gate = await gate_for(
        uow, principal, ctx, action, file_id, lock=True, object_type=OBJECT_REFERRAL
    )
    facts = await gate.open_facts("The file is closed; no referrals.", categories=[category])
    org = principal.organisation_id
    assert org is not None
    session, now = uow.session, uow.runtime.clock()
    covered = rules.covered_categories(
        facts.consents, facts.members, organisation=org, purpose=data.purpose, at=now
    )
    # The decision that counts: may the referring organisation share a note of this category
    # for this purpose?
    gate.decision = decide(
        uow.runtime,
        principal,
        action,
        file_id,
        participant=True,
        consent_covers=any(category in c for c in covered.values()),
        is_lead=facts.lead == org,
        file_open=True,
        assigned=facts.assigned,
        is_coordinator=facts.is_coordinator,
        restricted=facts.restricted,
    )
    known = await session.scalar(
        select(func.count()).where(Organisation.id == data.to_organisation_id)
    )
    if not known or data.to_organisation_id == org:
        await gate.refuse(
            invalid(
                "Refer to another organisation of the network.",
                [field_error("to_organisation_id", "unknown, or your own organisation")],
            ),
            categories=[category],
        )
    taking_part = await session.scalar(
        select(func.count()).where(
            Participant.file_id == file_id, Participant.organisation_id == data.to_organisation_id
        )
    )
    if taking_part:
        await gate.refuse(
            ConflictError("The organisation already takes part in this file."),
            categories=[category],
        )
    if gate.restricted:
        await gate.refuse(restricted_problem(), categories=[category])
    if not gate.allowed:
        await gate.refuse(
            ConsentRequired(
                "No consent in force covers the note's category for this purpose for your "
                "organisation."
            ),
            categories=[category],
        )
    assert facts.key is not None
    referral_id = new_id()
    referral = Referral(
        id=referral_id,
        file_id=file_id,
        from_organisation_id=org,
        to_organisation_id=data.to_organisation_id,
        purpose=data.purpose,
        urgency=data.urgency,
        note_category=category,
        note_enc=uow.runtime.cipher.encrypt(
            facts.key, table="referrals", column="note_enc", row_id=referral_id, value=data.note
        ),
        status="open",
        referred_by_account_id=principal.account_id,
        created_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(referral)
            await session.flush()
    except IntegrityError:  # one referral to an organisation waits per file
        await gate.refuse(
            ConflictError("A referral to this organisation is waiting for an answer already."),
            categories=[category],
        )
    await gate.allow(categories=[category], object_id=referral_id)
    return referral_view(uow, referral, joined=True, note=data.note)


async def open_referral_count(uow: UnitOfWork, principal: Principal) -> int:
    """How many referrals wait for an answer of the caller's organisation: the receiving
    organisation's notice of a new referral (a count, nothing of any file; an in-app notice
    would carry the file's id)."""
    if principal.organisation_id is None:
        return 0
    counted = await uow.session.scalar(
        select(func.count()).where(
            Referral.to_organisation_id == principal.organisation_id, Referral.status == "open"
        )
    )
    return int(counted or 0)


async def list_referrals(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> ReferralPage:
    """The referrals addressed to the caller's organisation, newest first by (created_at, id),
    ``limit`` at a time after the cursor ``after``; nothing of a file's content. A read:
    referrals waiting for the family's consent are completed by accepting them again."""
    position = read_after(after)
    org = principal.organisation_id
    if org is None:  # pragma: no cover - the route is for social workers of an organisation
        raise NotFoundError("No referrals.")
    session = uow.session
    stmt = (
        select(Referral)
        .where(Referral.to_organisation_id == org)
        .order_by(Referral.created_at.desc(), Referral.id.desc())
        .limit(limit + 1)
    )
    if position is not None:
        stmt = stmt.where(beyond(Referral.created_at, Referral.id, position))
    rows = (await session.scalars(stmt)).all()
    await record(
        uow, ctx, Action.COORDINATION_REFERRAL_LIST, "allowed", object_type="referral_list"
    )
    page, next_cursor = one_page(rows, limit, lambda r: (r.created_at, r.id))
    return ReferralPage(
        items=[referral_view(uow, r, joined=r.status == "joined") for r in page],
        next=next_cursor,
    )


async def _answer_gate(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    action: Action,
    referral_id: uuid.UUID,
    *,
    answerable: tuple[str, ...] = ("open",),
) -> tuple[Gate, Referral]:
    """The gate of an answer to a referral: only the organisation it is addressed to reaches
    it (any of its social workers); for anyone else it does not exist. Only a referral in one
    of the ``answerable`` states can be answered, and none is accepted while the file's
    processing is restricted (409 ``restricted``)."""
    org = principal.organisation_id
    referral = await uow.session.scalar(
        select(Referral).where(Referral.id == referral_id).with_for_update()
    )
    addressee = referral is not None and org is not None and referral.to_organisation_id == org
    facts = None
    if referral is not None and addressee:
        facts = await load_facts(
            uow.session,
            uow.runtime.cipher,
            referral.file_id,
            org,
            account_id=principal.account_id,
            lock=True,
        )
    file_id = referral.file_id if referral is not None else None
    decision = decide(
        uow.runtime,
        principal,
        action,
        file_id or referral_id,
        participant=bool(facts and facts.is_participant),
        consent_covers=False,
        is_lead=False,
        file_open=bool(facts and facts.is_open),
        assigned=bool(facts and facts.assigned),
        is_coordinator=bool(facts and facts.is_coordinator),
        addressee=addressee,
        restricted=bool(facts and facts.restricted),
    )
    gate = Gate(uow, ctx, action, file_id, facts, addressee, decision, OBJECT_REFERRAL, referral_id)
    if referral is None or facts is None or not addressee:
        await gate.refuse(NotFoundError("No such referral."))
    if not facts.is_open:
        await gate.refuse(FileClosed("The file is closed; the referral can no longer be answered."))
    if gate.restricted:
        # A restricted file takes no new recipient (policy restricted); a decline stays open.
        await gate.refuse(restricted_problem())
    if not gate.allowed:  # pragma: no cover - the policy permits the addressee
        await gate.refuse(NotFoundError("No such referral."))
    if referral.status not in answerable:
        await gate.refuse(ConflictError("The referral has been answered already."))
    return gate, referral


async def accept_referral(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, referral_id: uuid.UUID
) -> ReferralView:
    """Accept a referral: the organisation joins the file at once when a consent in force
    names it for the purpose (the accepting worker is assigned, and its contact person unless
    it has one); otherwise the referral waits for the family's consent. Accepting a waiting
    referral again completes it once such a consent is in force (the worker who completes it
    is assigned); while none is, it is refused with 422 ``consent-required`` and nothing
    changes. While the file's processing is restricted (GDPR art. 18) it is refused with 409
    ``restricted`` and nothing changes: a restricted file takes no new recipient."""
    gate, referral = await _answer_gate(
        uow,
        principal,
        ctx,
        Action.COORDINATION_REFERRAL_ACCEPT,
        referral_id,
        answerable=("open", "waiting_for_consent"),
    )
    now = uow.runtime.clock()
    assert gate.facts is not None
    if referral.status == "waiting_for_consent":
        if not await join_if_consented(uow, gate.facts, referral, now, worker=principal.account_id):
            await gate.refuse(
                ConsentRequired(
                    "The family's consent does not name your organisation for this purpose yet; "
                    "the referral keeps waiting."
                )
            )
        await uow.session.flush()
        await gate.allow()
        return referral_view(uow, referral, joined=True)
    referral.status = "waiting_for_consent"
    referral.answered_by_account_id = principal.account_id
    referral.answered_at = now
    if not await join_if_consented(uow, gate.facts, referral, now):
        await notify(
            uow.session, now, referral.file_id, [referral.from_organisation_id], "referral_waiting"
        )
    await uow.session.flush()
    await gate.allow()
    return referral_view(uow, referral, joined=referral.status == "joined")


async def decline_referral(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    referral_id: uuid.UUID,
    data: ReferralDeclineIn,
) -> ReferralView:
    """Decline a referral with a reason code; the referring organisation is told."""
    gate, referral = await _answer_gate(
        uow, principal, ctx, Action.COORDINATION_REFERRAL_DECLINE, referral_id
    )
    now = uow.runtime.clock()
    referral.status = "declined"
    referral.decline_reason = data.reason
    referral.answered_by_account_id = principal.account_id
    referral.answered_at = now
    await notify(
        uow.session, now, referral.file_id, [referral.from_organisation_id], "referral_declined"
    )
    await uow.session.flush()
    await gate.allow()
    return referral_view(uow, referral)
