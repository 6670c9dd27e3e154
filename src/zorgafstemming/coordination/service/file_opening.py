"""Opening a family's file, for staff: its members, their encrypted details and blind index,
and the first consents (each with its scan or pending), in one unit of work."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import CoordinationFile, Member
from zorgafstemming.coordination.rules import ConsentFacts, MemberFacts
from zorgafstemming.coordination.schemas import (
    FileCreate,
    FileView,
)
from zorgafstemming.coordination.service.assignments import store_assignment
from zorgafstemming.coordination.service.checks import (
    capacity_errors,
    check_members,
    check_organisations,
    check_terms,
    field_error,
    raise_if,
)
from zorgafstemming.coordination.service.consent_records import store_consent
from zorgafstemming.coordination.service.errors import (
    ConsentRequired,
    TooManyConsents,
)
from zorgafstemming.coordination.service.evidence import usable_evidence
from zorgafstemming.coordination.service.facts import (
    FILE_OWNER,
)
from zorgafstemming.coordination.service.files import file_view
from zorgafstemming.coordination.service.gate import (
    Gate,
    decide,
    gate_for,
)
from zorgafstemming.coordination.service.name_index import index_member_name
from zorgafstemming.coordination.service.participants import store_participant
from zorgafstemming.coordination.service.provenance import (
    Provenance,
    check_consent_limit,
    recorded_by_staff,
)
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ProblemError
from zorgafstemming.runtime import UnitOfWork

INSZ_INDEX = "members.insz"


def _consents_asked(
    data: FileCreate, facts_by_ref: dict[str, MemberFacts], now: datetime
) -> tuple[list[ConsentFacts], dict[uuid.UUID, str], list[dict[str, str]]]:
    """The consents of a new file as facts, the organisations they name, and the errors."""
    vocab = vocabulary()
    errors: list[dict[str, str]] = []
    consents: list[ConsentFacts] = []
    wanted_orgs: dict[uuid.UUID, str] = {}
    for i, consent in enumerate(data.consents):
        where = f"consents[{i}]"
        start, term_errors = check_terms(consent, where, now, vocab)
        errors += term_errors
        giver = facts_by_ref.get(consent.given_by)
        if giver is None:
            errors.append(field_error(f"{where}.given_by", "names no member of this file"))
        covered: list[tuple[str, MemberFacts]] = []
        for j, ref in enumerate(consent.members):
            if ref not in facts_by_ref:
                errors.append(field_error(f"{where}.members[{j}]", "names no member"))
            else:
                covered.append((f"{where}.members[{j}]", facts_by_ref[ref]))
        if giver is not None:
            errors += capacity_errors(giver, covered, now)
        for j, recipient in enumerate(consent.recipients):
            wanted_orgs.setdefault(recipient, f"{where}.recipients[{j}]")
        if not term_errors and giver is not None:
            consents.append(
                ConsentFacts(
                    id=new_id(),
                    given_by=giver.id,
                    given_at=now,
                    members=frozenset(m.id for _, m in covered),
                    recipients=frozenset(consent.recipients),
                    purposes=frozenset(consent.purposes),
                    categories=frozenset(consent.categories),
                    valid_from=start,
                    valid_until=consent.valid_until,
                )
            )
    return consents, wanted_orgs, errors


async def open_file(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, data: FileCreate
) -> FileView:
    """Open a file with its members and consents; refused (nothing stored) unless a consent in
    force names the caller's organisation for the purpose of coordination."""
    action = Action.COORDINATION_FILE_CREATE
    purpose = vocabulary().purpose_of(action.value)
    now = uow.runtime.clock()
    org = principal.organisation_id
    errors = check_members(data.members, now)
    member_ids = {m.ref: new_id() for m in data.members}
    facts_by_ref = {
        m.ref: MemberFacts(member_ids[m.ref], m.role, m.birth_date) for m in data.members
    }
    consents, wanted_orgs, consent_errors = _consents_asked(data, facts_by_ref, now)
    errors += consent_errors
    file_id = new_id()
    errors += await check_organisations(uow.session, wanted_orgs)
    provenances: list[Provenance] = []
    if org is not None:
        # A worker records only consents the family gave to its own organisation.
        errors += [
            field_error(f"consents[{i}].recipients", "must name your own organisation")
            for i, c in enumerate(data.consents)
            if org not in c.recipients
        ]
        scans = {
            c.evidence_id: f"consents[{i}].evidence_id"
            for i, c in enumerate(data.consents)
            if c.evidence_id is not None
        }
        evidence, evidence_errors = await usable_evidence(uow, org, scans, None)
        errors += evidence_errors
        provenances = [
            recorded_by_staff(org, evidence.get(c.evidence_id) if c.evidence_id else None)
            for c in data.consents
        ]
    raise_if(errors)
    # Without the scan of the signed form a consent waits for the family and grants nothing.
    if provenances:
        consents = [
            replace(c, awaiting_confirmation=p.awaiting_confirmation)
            for c, p in zip(consents, provenances, strict=True)
        ]
    members = {f.id: f for f in facts_by_ref.values()}
    covered_now = (
        rules.covered_categories(consents, members, organisation=org, purpose=purpose, at=now)
        if org is not None
        else {}
    )
    decision = decide(
        uow.runtime,
        principal,
        action,
        file_id,
        participant=org is not None,
        consent_covers=bool(covered_now),
        is_lead=True,
        file_open=True,
        # The worker who opens the file is its first assigned worker (stored with it below).
        assigned=True,
        is_coordinator=False,
    )
    refusal: ProblemError | None = None
    if not decision.allowed:
        refusal = ConsentRequired(
            "A file opens only with a consent in force that names your organisation for care "
            "coordination: attach the scan of the signed form (evidence_id); a consent recorded "
            "without it waits for the family's confirmation and grants nothing."
        )
    else:
        try:
            check_consent_limit([], now, len(consents))
        except TooManyConsents as exc:
            refusal = exc
    if refusal is not None:
        await Gate(uow, ctx, action, None, None, False, decision).refuse(refusal)
    await _store_file(uow, principal, file_id, data, member_ids, consents, provenances)
    gate = await gate_for(uow, principal, ctx, Action.COORDINATION_FILE_READ, file_id)
    view, _ = await file_view(uow, principal, gate)
    assert view is not None
    # The request's one audit event, about the file now stored.
    opened = Gate(uow, ctx, action, file_id, None, False, decision)
    await opened.allow(categories=set().union(*covered_now.values()))
    return view


async def _store_file(
    uow: UnitOfWork,
    principal: Principal,
    file_id: uuid.UUID,
    data: FileCreate,
    member_ids: dict[str, uuid.UUID],
    consents: list[ConsentFacts],
    provenances: list[Provenance],
) -> None:
    session, runtime = uow.session, uow.runtime
    now = runtime.clock()
    org = principal.organisation_id
    assert org is not None
    await session.execute(
        insert(CoordinationFile).values(
            id=file_id,
            status="open",
            lead_organisation_id=org,
            opened_by_account_id=principal.account_id,
            opened_at=now,
        )
    )
    # The lead takes part from the start, and the worker who opens the file works on it.
    await store_participant(session, file_id, org, principal, now)
    await store_assignment(session, file_id, principal.account_id, org, principal, now)
    key = await runtime.cipher.key_for(session, FILE_OWNER, file_id)
    for member in data.members:
        member_id = member_ids[member.ref]
        values: dict[str, Any] = {
            "id": member_id,
            "file_id": file_id,
            "role": member.role.value,
            "created_at": now,
        }
        insz = rules.normalise_insz(member.insz) if member.insz is not None else None
        plain = {
            "given_name": member.given_name.strip(),
            "family_name": member.family_name.strip(),
            "birth_date": member.birth_date.isoformat(),
            "insz": insz,
            "address": member.address,
            "phone": member.phone,
            "email": member.email,
        }
        for name, value in plain.items():
            values[f"{name}_enc"] = (
                None
                if value is None
                else runtime.cipher.encrypt(
                    key, table="members", column=f"{name}_enc", row_id=member_id, value=value
                )
            )
        await session.execute(insert(Member).values(**values))
        if insz is not None:
            await runtime.cipher.put_blind_index(
                session,
                owner_kind=FILE_OWNER,
                owner_id=file_id,
                column=INSZ_INDEX,
                subject_id=member_id,
                value=insz,
            )
        await index_member_name(uow, file_id, member_id, member.family_name, member.birth_date)
    for consent, terms, provenance in zip(consents, data.consents, provenances, strict=True):
        wording = (terms.legal_basis, terms.notice_version)
        await store_consent(uow, principal, file_id, consent, provenance, *wording)
