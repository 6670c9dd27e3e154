"""Consent steps of the family portal: give a consent, confirm or contest one a partner
recorded, (withdrawing is in ``family_withdrawal``).

Each step decides on the file's consent facts in the transaction that writes the change, tells
the family (``tell_family``) and the organisations that still take part, and records the one
audit event of the request.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timedelta

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.family_schemas import FamilyConsentView
from zorgafstemming.coordination.rules import ConsentFacts
from zorgafstemming.coordination.schemas import FamilyConsentIn
from zorgafstemming.coordination.service.checks import (
    capacity_errors,
    check_organisations,
    field_error,
    invalid,
)
from zorgafstemming.coordination.service.consent_records import record_event, store_consent
from zorgafstemming.coordination.service.errors import (
    FileClosed,
    TooManyConsents,
    file_not_found,
)
from zorgafstemming.coordination.service.facts import FILE_OWNER, load_facts
from zorgafstemming.coordination.service.family import member_gate
from zorgafstemming.coordination.service.family_consent_steps import (
    ConsentStep,
    consenting_participants,
    load_step,
    no_such_consent,
    replace_consent,
    step_done,
    tell_about,
)
from zorgafstemming.coordination.service.family_consent_views import (
    ConsentExtras,
    FamilyContext,
    file_members,
    may_answer,
    state_for,
    visible_to,
)
from zorgafstemming.coordination.service.gate import participant_ids, settle
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.coordination.service.provenance import FAMILY_PORTAL, check_consent_limit
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ConflictError
from zorgafstemming.runtime import UnitOfWork

DEFAULT_DURATION = timedelta(days=365)


# --- give ----------------------------------------------------------------------------------


def _check_given(
    data: FamilyConsentIn, step_ctx: FamilyContext
) -> tuple[datetime, list[dict[str, str]]]:
    """The end of a consent given in the portal and the errors of its request, by field."""
    vocab, now = vocabulary(), step_ctx.at
    errors = [
        field_error(f"purposes[{i}]", "unknown purpose")
        for i, p in enumerate(data.purposes)
        if p not in vocab.purposes
    ]
    errors += [
        field_error(f"categories[{i}]", "unknown data category")
        for i, c in enumerate(data.categories)
        if c not in vocab.categories
    ]
    for name, values in (
        ("members", data.members),
        ("recipients", data.recipients),
        ("purposes", data.purposes),
        ("categories", data.categories),
    ):
        if len(set(values)) != len(values):
            errors.append(field_error(name, "names an item twice"))
    until = data.valid_until or now + DEFAULT_DURATION
    if until.tzinfo is None:
        errors.append(field_error("valid_until", "needs a time zone offset"))
    elif until <= now:
        errors.append(field_error("valid_until", "must lie in the future"))
    elif until - now > rules.MAX_CONSENT_DURATION:
        errors.append(field_error("valid_until", "a consent runs three years at most"))
    covered = []
    for i, member_id in enumerate(data.members):
        member = step_ctx.members.get(member_id)
        if member is None:
            errors.append(field_error(f"members[{i}]", "names no member of this file"))
        else:
            covered.append((f"members[{i}]", member))
    errors += capacity_errors(step_ctx.viewer, covered, now)
    return until, errors


async def family_give_consent(
    uow: UnitOfWork, principal: Principal, audit: AuditContext, data: FamilyConsentIn
) -> FamilyConsentView:
    """A family member gives consent in the portal, for themselves (12 or older) or for a child
    under 12 they represent; it is in force at once and the organisations it names take part."""
    action = Action.FAMILY_CONSENT_GIVE
    gate, mine = await member_gate(uow, principal, audit, action, data.file_id)
    gate.object_type = "consent"
    if not mine or not gate.allowed:
        await gate.refuse(file_not_found())
    session, cipher = uow.session, uow.runtime.cipher
    facts = await load_facts(session, cipher, data.file_id, None, lock=True)
    if facts is None or facts.status == "purged":
        await gate.refuse(file_not_found())
    gate.facts = facts
    await settle(uow, facts)
    if not facts.is_open:
        await gate.refuse(FileClosed("The file is closed; a new file needs new consent."))
    facts.key = facts.key or await cipher.key_for(session, FILE_OWNER, data.file_id)
    members = await file_members(uow, data.file_id, facts.key)
    now = uow.runtime.clock()
    viewer = members[mine[0].id]
    ctx = FamilyContext(viewer, members, visible_to(viewer, members, now), now)
    until, errors = _check_given(data, ctx)
    errors += await check_organisations(
        session, {o: f"recipients[{i}]" for i, o in enumerate(data.recipients)}
    )
    if errors:
        await gate.refuse(invalid("The consent breaks a rule.", errors))
    try:
        check_consent_limit(facts.consents, now, 1)
    except TooManyConsents as exc:
        await gate.refuse(exc)
    before = await consenting_participants(uow, facts)
    consent = ConsentFacts(
        id=new_id(),
        given_by=viewer.id,
        given_at=now,
        members=frozenset(data.members),
        recipients=frozenset(data.recipients),
        purposes=frozenset(data.purposes),
        categories=frozenset(data.categories),
        valid_from=now,
        valid_until=until,
    )
    wording = ("consent", data.notice_version)
    record = await store_consent(uow, principal, facts.file_id, consent, FAMILY_PORTAL, *wording)
    facts.records[consent.id] = record
    facts.consents.append(consent)
    facts.members.update({m: members[m] for m in (*consent.members, viewer.id)})
    await notify(
        session, now, facts.file_id, before | consent.recipients, "consent_given", consent.id
    )
    step = ConsentStep(gate, facts, consent, ctx, ConsentExtras())
    return await step_done(uow, step)


# --- confirm and contest -------------------------------------------------------------------


async def _answerable(
    uow: UnitOfWork,
    principal: Principal,
    audit: AuditContext,
    action: Action,
    consent_id: uuid.UUID,
    file_id: uuid.UUID | None,
) -> ConsentStep:
    """The step on a consent for a member who may answer for it (covered and 12 or older, or
    a covered child's representative); any other consent is not found."""
    step = await load_step(uow, principal, audit, action, consent_id, file_id=file_id)
    if not may_answer(step.ctx, step.consent, step.extras):
        await step.gate.refuse(no_such_consent())
    return step


async def family_confirm_consent(
    uow: UnitOfWork,
    principal: Principal,
    audit: AuditContext,
    consent_id: uuid.UUID,
    *,
    file_id: uuid.UUID | None = None,
) -> FamilyConsentView:
    """A covered member (12 or older) or a covered child's representative confirms a consent a
    partner recorded without the signed form; it is in force from now."""
    action = Action.FAMILY_CONSENT_CONFIRM
    step = await _answerable(uow, principal, audit, action, consent_id, file_id)
    gate, facts, consent = step.gate, step.facts, step.consent
    if not facts.is_open:
        await gate.refuse(FileClosed("The file is closed."))
    if state_for(step.ctx, consent, step.extras) != "awaiting_confirmation":
        await gate.refuse(ConflictError("The consent is not waiting for confirmation."))
    before = await consenting_participants(uow, facts)
    await record_event(uow, principal, consent_id, "confirmed")
    replace_consent(facts, replace(consent, awaiting_confirmation=False))
    await settle(uow, facts)
    after = await consenting_participants(uow, facts)
    now = uow.runtime.clock()
    await notify(uow.session, now, facts.file_id, before | after, "consent_confirmed", consent_id)
    await tell_about(uow, step, "consent_confirmed", step.covered)
    return await step_done(uow, step)


async def family_contest_consent(
    uow: UnitOfWork,
    principal: Principal,
    audit: AuditContext,
    consent_id: uuid.UUID,
    *,
    file_id: uuid.UUID | None = None,
) -> FamilyConsentView:
    """A covered member or a covered child's representative says a consent a partner recorded
    is not right: it ends at once (contested and withdrawn, one transaction) and goes to the
    data protection officer's queue."""
    action = Action.FAMILY_CONSENT_CONTEST
    step = await _answerable(uow, principal, audit, action, consent_id, file_id)
    gate, facts, consent = step.gate, step.facts, step.consent
    if facts.records[consent_id].get("recorded_by_organisation_id") is None:
        await gate.refuse(
            ConflictError("The family gave this consent in the portal; withdraw it instead.")
        )
    state = state_for(step.ctx, consent, step.extras)
    if state not in ("in_force", "awaiting_confirmation", "scheduled"):
        await gate.refuse(ConflictError(f"The consent is already {state.replace('_', ' ')}."))
    participants = set(await participant_ids(uow.session, facts.file_id))
    await record_event(uow, principal, consent_id, "contested")
    await record_event(uow, principal, consent_id, "withdrawn")
    now = uow.runtime.clock()
    replace_consent(facts, replace(consent, withdrawn_at=now))
    await settle(uow, facts)
    told = participants & consent.recipients
    await notify(uow.session, now, facts.file_id, told, "consent_contested", consent_id)
    await tell_about(uow, step, "consent_contested", step.covered)
    return await step_done(uow, step)
