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
from typing import Any

from sqlalchemy import insert

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentMember,
    ConsentRecipient,
    ConsentRecord,
    Participant,
)
from zorgafstemming.coordination.rules import ConsentFacts
from zorgafstemming.coordination.schemas import (
    FamilyConsentIn,
    FamilyConsentView,
)
from zorgafstemming.coordination.service.checks import (
    capacity_errors,
    check_organisations,
    field_error,
    invalid,
)
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
    record_event,
    replace_consent,
    step_view,
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
from zorgafstemming.coordination.service.family_notices import tell_family
from zorgafstemming.coordination.service.gate import participant_ids, settle
from zorgafstemming.coordination.service.notifications import insert_ignore, notify
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ConflictError
from zorgafstemming.runtime import UnitOfWork

DEFAULT_DURATION = timedelta(days=365)
# Consents in force or waiting for confirmation that one file may hold (staff and portal
# alike): each one is read by every access decision on the file.
MAX_CONSENTS_IN_FORCE = 50


def _in_force(consents: list[ConsentFacts], at: datetime) -> int:
    """The consents that count towards the limit: neither withdrawn nor expired."""
    return sum(1 for c in consents if rules.consent_state(c, at) in ("active", "pending"))


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
    if _in_force(facts.consents, now) >= MAX_CONSENTS_IN_FORCE:
        await gate.refuse(
            TooManyConsents(
                f"A file holds at most {MAX_CONSENTS_IN_FORCE} consents in force or waiting "
                "for confirmation; withdraw one that no longer applies first."
            )
        )
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
    await _store_portal_consent(uow, principal, facts.file_id, consent, data.notice_version)
    facts.consents.append(consent)
    facts.members.update({m: members[m] for m in (*consent.members, viewer.id)})
    facts.records[consent.id] = {
        "on_behalf": consent.members != {viewer.id},
        "legal_basis": "consent",
        "collection_method": "family_portal",
        "evidence_hash": None,
        "notice_version": data.notice_version,
        "recorded_at": now,
        "recorded_by_organisation_id": None,
    }
    await notify(
        session, now, facts.file_id, before | consent.recipients, "consent_given", consent.id
    )
    await tell_family(
        uow,
        facts.file_id,
        facts.key,
        covered=consent.members,
        kind="consent_given",
        consent_id=consent.id,
        actor_organisation_id=None,
    )
    step = ConsentStep(gate, facts, consent, ctx, ConsentExtras())
    view = await step_view(uow, step)
    await gate.allow(object_id=consent.id)
    return view


async def _store_portal_consent(
    uow: UnitOfWork,
    principal: Principal,
    file_id: uuid.UUID,
    consent: ConsentFacts,
    notice_version: str,
) -> None:
    """Write a consent given in the portal: the record (provenance set here), whom it covers
    and names, its ``given`` event; the organisations it names join the file."""
    session, now = uow.session, uow.runtime.clock()
    await session.execute(
        insert(ConsentRecord).values(
            id=consent.id,
            file_id=file_id,
            given_by_member_id=consent.given_by,
            on_behalf=consent.members != {consent.given_by},
            purposes=sorted(consent.purposes),
            categories=sorted(consent.categories),
            legal_basis="consent",
            collection_method="family_portal",
            evidence_hash=None,
            notice_version=notice_version,
            valid_from=consent.valid_from,
            valid_until=consent.valid_until,
            recorded_by_account_id=principal.account_id,
            recorded_by_organisation_id=None,
            recorded_at=now,
        )
    )
    await session.execute(
        insert(ConsentMember), [{"consent_id": consent.id, "member_id": m} for m in consent.members]
    )
    await session.execute(
        insert(ConsentRecipient),
        [{"consent_id": consent.id, "organisation_id": o} for o in consent.recipients],
    )
    await session.execute(
        insert(ConsentEvent).values(
            id=new_id(),
            consent_id=consent.id,
            kind="given",
            occurred_at=consent.valid_from,
            recorded_at=now,
            valid_until=consent.valid_until,
            actor_account_id=principal.account_id,
        )
    )
    # The family chose these organisations: they take part in the file from now on.
    for organisation in sorted(consent.recipients):
        values: dict[str, Any] = {
            "file_id": file_id,
            "organisation_id": organisation,
            "joined_at": now,
            "added_by_account_id": principal.account_id,
        }
        await session.execute(insert_ignore(session, Participant, values))


# --- confirm and contest -------------------------------------------------------------------


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
    step = await load_step(
        uow, principal, audit, Action.FAMILY_CONSENT_CONFIRM, consent_id, file_id=file_id
    )
    gate, facts, consent = step.gate, step.facts, step.consent
    if not may_answer(step.ctx, consent, step.extras):
        await gate.refuse(no_such_consent())
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
    view = await step_view(uow, step)
    await gate.allow()
    return view


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
    step = await load_step(
        uow, principal, audit, Action.FAMILY_CONSENT_CONTEST, consent_id, file_id=file_id
    )
    gate, facts, consent = step.gate, step.facts, step.consent
    if not may_answer(step.ctx, consent, step.extras):
        await gate.refuse(no_such_consent())
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
    view = await step_view(uow, step)
    await gate.allow()
    return view
