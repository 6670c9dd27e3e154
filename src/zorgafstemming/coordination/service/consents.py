"""Consents after a file opened: recording a further consent, renewing and withdrawing one
(staff record what the family said; the family portal uses the same steps).

Where a consent comes from is the server's to say (:class:`Provenance`): given in the family
portal (in force at once), recorded by a partner's worker with the scan of the signed form (in
force) or without it (waiting for the family's confirmation, granting nothing). A worker records,
renews and withdraws only consents that name its own organisation; every change tells the
family.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Literal

from sqlalchemy import select

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import (
    Member,
)
from zorgafstemming.coordination.rules import ConsentFacts
from zorgafstemming.coordination.schemas import ConsentIn, ConsentTerms, ConsentView, RenewIn
from zorgafstemming.coordination.service.checks import (
    capacity_errors,
    check_organisations,
    check_terms,
    field_error,
    invalid,
    raise_if,
)
from zorgafstemming.coordination.service.consent_records import record_event, store_consent
from zorgafstemming.coordination.service.errors import (
    FileClosed,
    TooManyConsents,
    file_not_found,
)
from zorgafstemming.coordination.service.evidence import (
    StoredEvidence,
    bind_evidence,
    usable_evidence,
)
from zorgafstemming.coordination.service.facts import FILE_OWNER, FileFacts, member_facts
from zorgafstemming.coordination.service.family_notices import tell_family
from zorgafstemming.coordination.service.gate import Gate, gate_for, settle, taking_part
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.coordination.service.provenance import (
    Provenance,
    as_seen_by,
    check_consent_limit,
    recorded_by_staff,
)
from zorgafstemming.coordination.service.views import consent_view
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ConflictError, NotFoundError, ValidationFailed
from zorgafstemming.runtime import UnitOfWork


async def _validated_consent(
    uow: UnitOfWork,
    facts: FileFacts,
    terms: ConsentTerms,
    given_by: uuid.UUID,
    member_ids: Sequence[uuid.UUID],
    provenance: Provenance,
) -> ConsentFacts:
    """Check a further consent against the file and the capacity rule; raise on any problem."""
    now = uow.runtime.clock()
    start, errors = check_terms(terms, "consent", now, vocabulary())
    raise_if(errors)
    rows = await uow.session.execute(
        select(Member.id, Member.role, Member.birth_date_enc).where(
            Member.file_id == facts.file_id, Member.id.in_([given_by, *member_ids])
        )
    )
    assert facts.key is not None
    cipher = uow.runtime.cipher
    members = {r.id: member_facts(cipher, facts.key, r.id, r.role, r.birth_date_enc) for r in rows}
    giver = members.get(given_by)
    if giver is None:
        errors.append(field_error("given_by", "names no member of this file"))
    covered = []
    for i, member_id in enumerate(member_ids):
        if member_id not in members:
            errors.append(field_error(f"members[{i}]", "names no member of this file"))
        else:
            covered.append((f"members[{i}]", members[member_id]))
    if len(set(member_ids)) != len(member_ids):
        errors.append(field_error("members", "names a member twice"))
    if giver is not None:
        errors += capacity_errors(giver, covered, now)
    errors += await check_organisations(
        uow.session, {o: f"recipients[{i}]" for i, o in enumerate(terms.recipients)}
    )
    raise_if(errors)
    assert giver is not None
    facts.members.update(members)
    return ConsentFacts(
        id=new_id(),
        given_by=giver.id,
        given_at=now,
        members=frozenset(member_ids),
        recipients=frozenset(terms.recipients),
        purposes=frozenset(terms.purposes),
        categories=frozenset(terms.categories),
        valid_from=start,
        valid_until=terms.valid_until,
        awaiting_confirmation=provenance.awaiting_confirmation,
    )


async def add_consent(
    gate: Gate,
    principal: Principal,
    facts: FileFacts,
    terms: ConsentTerms,
    given_by: uuid.UUID,
    member_ids: Sequence[uuid.UUID],
    provenance: Provenance,
) -> ConsentView:
    """Check and store a further consent on an open file, tell the participants and the
    family, and record the request's audit event (denied, with the refusal raised, when the
    consent breaks a rule or the file holds as many consents as it may)."""
    uow = gate.uow
    try:
        check_consent_limit(facts.consents, uow.runtime.clock(), 1)
        consent = await _validated_consent(uow, facts, terms, given_by, member_ids, provenance)
    except (ValidationFailed, TooManyConsents) as exc:
        await gate.refuse(exc)
    wording = (terms.legal_basis, terms.notice_version)
    record = await store_consent(uow, principal, facts.file_id, consent, provenance, *wording)
    facts.records[consent.id] = record
    now = uow.runtime.clock()
    before = await taking_part(uow.session, facts, now)
    facts.consents.append(consent)
    told = {*before, *await taking_part(uow.session, facts, now)}
    await notify(uow.session, now, facts.file_id, told, "consent_given", consent.id)
    view = await consent_view(uow.session, facts, consent.id, now)
    await gate.allow(object_id=view.id)
    return view


async def record_consent(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    data: ConsentIn,
) -> ConsentView:
    """Record a further consent the family gave to the caller's organisation, on paper (with
    the scan: in force) or in a conversation (without: pending the family's confirmation)."""
    action = Action.COORDINATION_CONSENT_RECORD
    gate = await gate_for(uow, principal, ctx, action, file_id, lock=True, object_type="consent")
    facts = await gate.open_facts("The file is closed; open a new file with new consent.")
    org = principal.organisation_id
    assert org is not None  # open_facts admits partners only
    errors = []
    if org not in data.recipients:
        errors.append(field_error("recipients", "must name your own organisation"))
    evidence: StoredEvidence | None = None
    if data.evidence_id is not None:
        found, missing = await usable_evidence(uow, org, {data.evidence_id: "evidence_id"}, file_id)
        errors += missing
        evidence = found.get(data.evidence_id)
    if errors:
        await gate.refuse(invalid("A partner records only a consent naming itself.", errors))
    provenance = recorded_by_staff(org, evidence)
    view = await add_consent(gate, principal, facts, data, data.given_by, data.members, provenance)
    return as_seen_by(view, org)


async def change_consent(
    gate: Gate,
    principal: Principal,
    facts: FileFacts,
    consent_id: uuid.UUID,
    kind: Literal["withdrawn", "renewed"],
    renew: RenewIn | None = None,
    evidence: StoredEvidence | None = None,
) -> ConsentView:
    """Append a withdrawal or renewal event (a renewal's scan bound to the file), notify the
    participants and the family, settle the file and record the request's audit event (denied,
    with the refusal raised, when the change is refused)."""
    uow = gate.uow
    now = uow.runtime.clock()
    consent = next((c for c in facts.consents if c.id == consent_id), None)
    if consent is None:
        await gate.refuse(NotFoundError("No such consent."))
    state = rules.consent_state(consent, now)
    if state in ("withdrawn", "expired"):
        await gate.refuse(ConflictError(f"The consent is already {state}."))
    changes: dict[str, Any] = {}
    if renew is not None:
        if renew.valid_until.tzinfo is None or renew.valid_until <= now:
            await gate.refuse(
                invalid(
                    "The new end must lie in the future.",
                    [field_error("valid_until", "must lie in the future")],
                )
            )
        if renew.valid_until <= consent.valid_until:
            # A consent's end is its latest given or renewed end: a renewal only extends it
            # (ending it sooner is a withdrawal).
            await gate.refuse(
                invalid(
                    "A renewal extends the consent beyond its current end.",
                    [field_error("valid_until", "must lie after the current end")],
                )
            )
        if renew.valid_until - now > rules.MAX_CONSENT_DURATION:
            await gate.refuse(
                invalid(
                    "A consent runs three years at most.",
                    [field_error("valid_until", "three years at most")],
                )
            )
        if evidence is not None:
            await bind_evidence(uow, evidence.id, facts.file_id)
            changes["evidence_hash"] = evidence.sha256
        changes["valid_until"] = renew.valid_until
        changed = replace(consent, valid_until=renew.valid_until)
    else:
        changed = replace(consent, withdrawn_at=now)
    await record_event(uow, principal, consent_id, kind, at=now, **changes)
    # Told: who took part just before the change (a withdrawal is about them) or takes part now.
    before = await taking_part(uow.session, facts, now)
    facts.consents = [changed if c.id == consent_id else c for c in facts.consents]
    told = {*before, *await taking_part(uow.session, facts, now)}
    await notify(uow.session, now, facts.file_id, told, f"consent_{kind}", consent_id)
    await tell_family(
        uow,
        facts.file_id,
        await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, facts.file_id),
        covered=consent.members,
        kind="consent_withdrawn" if kind == "withdrawn" else "consent_recorded",
        consent_id=consent_id,
        actor_organisation_id=principal.organisation_id,
    )
    await settle(uow, facts)
    view = await consent_view(uow.session, facts, consent_id, now)
    await gate.allow(object_id=view.id)
    return view


async def withdraw_consent(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    consent_id: uuid.UUID,
) -> ConsentView:
    """Record that the family withdrew a consent naming the caller's organisation; the access
    it gave ends at commit."""
    return await _staff_consent_change(
        uow, principal, ctx, file_id, consent_id, Action.COORDINATION_CONSENT_WITHDRAW, None
    )


async def renew_consent(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    consent_id: uuid.UUID,
    data: RenewIn,
) -> ConsentView:
    """Record that the family renewed a consent naming the caller's organisation."""
    return await _staff_consent_change(
        uow, principal, ctx, file_id, consent_id, Action.COORDINATION_CONSENT_RENEW, data
    )


async def _staff_consent_change(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    consent_id: uuid.UUID,
    action: Action,
    renew: RenewIn | None,
) -> ConsentView:
    """A worker's renewal or withdrawal: only of a consent that names its organisation; any
    other consent answers exactly like one that does not exist."""
    gate = await gate_for(
        uow, principal, ctx, action, file_id, lock=True, object_type="consent", object_id=consent_id
    )
    facts = gate.facts
    org = principal.organisation_id
    if facts is None or not facts.is_participant:
        await gate.refuse(file_not_found())
    if not facts.is_open:
        await gate.refuse(FileClosed("The file is closed."))
    if not gate.allowed:
        await gate.refuse(file_not_found())
    consent = next((c for c in facts.consents if c.id == consent_id), None)
    if consent is None or org is None or org not in consent.recipients:
        await gate.refuse(NotFoundError("No such consent."))
    evidence: StoredEvidence | None = None
    if renew is not None and renew.evidence_id is not None:
        found, missing = await usable_evidence(
            uow, org, {renew.evidence_id: "evidence_id"}, file_id
        )
        if missing:
            await gate.refuse(invalid("The scan cannot be used.", missing))
        evidence = found[renew.evidence_id]
    kind: Literal["withdrawn", "renewed"] = "renewed" if renew else "withdrawn"
    view = await change_consent(gate, principal, facts, consent_id, kind, renew, evidence)
    return as_seen_by(view, org)
