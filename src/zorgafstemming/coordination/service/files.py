"""A family's file, for staff: opening it with its members and consents, listing, reading and
closing it."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import exists, insert, select

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import (
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Member,
    Participant,
)
from zorgafstemming.coordination.rules import ConsentFacts, MemberFacts
from zorgafstemming.coordination.schemas import (
    FileCreate,
    FilePage,
    FileSummary,
    FileView,
)
from zorgafstemming.coordination.service.checks import (
    capacity_errors,
    check_members,
    check_organisations,
    check_terms,
    field_error,
    raise_if,
)
from zorgafstemming.coordination.service.consents import store_consent
from zorgafstemming.coordination.service.errors import (
    ConsentRequired,
    ForbiddenLead,
    TooManyConsents,
    file_not_found,
)
from zorgafstemming.coordination.service.evidence import usable_evidence
from zorgafstemming.coordination.service.facts import (
    FILE_OWNER,
    consent_end,
    consent_withdrawn,
)
from zorgafstemming.coordination.service.gate import (
    OBJECT_FILE,
    Gate,
    close,
    decide,
    gate_for,
    participant_ids,
)
from zorgafstemming.coordination.service.provenance import (
    Provenance,
    check_consent_limit,
    recorded_by_staff,
)
from zorgafstemming.coordination.service.views import (
    consent_events,
    consent_views,
    hidden_member,
    member_rows,
    member_view,
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
    view, _ = await _file_view(uow, principal, gate)
    assert view is not None
    await record(
        uow,
        ctx,
        action,
        "allowed",
        decision=decision,
        object_type=OBJECT_FILE,
        object_id=file_id,
        file_id=file_id,
        categories=set().union(*covered_now.values()),
    )
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
    await session.execute(
        insert(Participant).values(
            file_id=file_id,
            organisation_id=org,
            joined_at=now,
            added_by_account_id=principal.account_id,
        )
    )
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
    for consent, terms, provenance in zip(consents, data.consents, provenances, strict=True):
        await store_consent(uow, principal, file_id, consent, terms, provenance)


async def list_files(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    after: uuid.UUID | None,
    limit: int,
) -> FilePage:
    """Files the caller's organisation takes part in under a consent that is not withdrawn or
    expired (no personal data; reading one applies the full rule)."""
    org = principal.organisation_id
    now = uow.runtime.clock()
    consented = exists().where(
        ConsentRecord.file_id == CoordinationFile.id,
        ConsentRecipient.consent_id == ConsentRecord.id,
        ConsentRecipient.organisation_id == org,
        ConsentRecord.valid_from <= now,
        consent_end() > now,
        ~consent_withdrawn(),
    )
    stmt = (
        select(
            CoordinationFile.id,
            CoordinationFile.status,
            CoordinationFile.lead_organisation_id,
            CoordinationFile.opened_at,
            CoordinationFile.closed_at,
        )
        .join(Participant, Participant.file_id == CoordinationFile.id)
        .where(
            Participant.organisation_id == org,
            CoordinationFile.status == "open",
            consented,
        )
        .order_by(CoordinationFile.id)
        .limit(limit + 1)
    )
    if after is not None:
        stmt = stmt.where(CoordinationFile.id > after)
    rows = (await uow.session.execute(stmt)).all()
    await record(uow, ctx, Action.COORDINATION_FILE_LIST, "allowed", object_type="file_list")
    items = [
        FileSummary(
            id=r.id,
            status=r.status,
            lead_organisation_id=r.lead_organisation_id,
            opened_at=r.opened_at,
            closed_at=r.closed_at,
        )
        for r in rows[:limit]
    ]
    return FilePage(items=items, next=items[-1].id if len(rows) > limit else None)


async def _file_view(
    uow: UnitOfWork, principal: Principal, gate: Gate
) -> tuple[FileView | None, set[str]]:
    """Build the file view the gate allows, on a need-to-know basis: the members a consent in
    force covers for the caller's organisation (fields of covered categories only), every other
    member only as not visible, and the consents that name the organisation (the others only
    counted)."""
    facts = gate.facts
    if not gate.visible or not gate.allowed or facts is None or facts.key is None:
        return None, set()
    vocab = vocabulary()
    purpose = vocab.purpose_of(Action.COORDINATION_FILE_READ.value)
    now = uow.runtime.clock()
    org = principal.organisation_id
    assert org is not None
    per_purpose = {
        p: rules.covered_categories(
            facts.consents, facts.members, organisation=org, purpose=p, at=now
        )
        for p in vocab.purposes
    }
    per_member = per_purpose.get(purpose, {})
    known = {member for covered in per_purpose.values() for member in covered}
    members = []
    categories: set[str] = set()
    for row in await member_rows(uow.session, facts.file_id):
        if row.id not in known:
            members.append(hidden_member(row.id))
            continue
        allowed = per_member.get(row.id, frozenset())
        categories |= set(allowed) & set(vocab.member_categories)
        members.append(member_view(uow.runtime.cipher, facts.key, row, allowed, vocab))
    named = replace(facts, consents=[c for c in facts.consents if org in c.recipients])
    events = await consent_events(uow.session, (c.id for c in named.consents))
    withheld = {c for m in members if m.visible for c in m.withheld_categories or ()}
    view = FileView(
        id=facts.file_id,
        status=facts.status,
        lead_organisation_id=facts.lead,
        opened_at=facts.opened_at,
        closed_at=facts.closed_at,
        participants=await participant_ids(uow.session, facts.file_id),
        members=members,
        consents=consent_views(named, events, now),
        other_consents=len(facts.consents) - len(named.consents),
        withheld_categories=sorted(withheld),
    )
    return view, categories


async def read_file(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> FileView:
    """A file as the caller's organisation may see it: member fields of covered categories only,
    the rest listed as withheld. Unknown and foreign files answer the same 404."""
    gate = await gate_for(uow, principal, ctx, Action.COORDINATION_FILE_READ, file_id)
    view, categories = await _file_view(uow, principal, gate)
    if view is None:
        await gate.refuse(file_not_found())
    await gate.allow(categories=categories)
    return view


async def close_file(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> FileSummary:
    """Close a file (lead organisation only); its retention clock starts now."""
    gate = await gate_for(uow, principal, ctx, Action.COORDINATION_FILE_CLOSE, file_id, lock=True)
    facts = await gate.open_facts("The file is already closed.")
    if not gate.allowed:
        await gate.refuse(ForbiddenLead("Only the lead organisation closes the file."))
    now = uow.runtime.clock()
    await close(uow.session, now, facts, now, "closed_by_lead")
    await gate.allow()
    return FileSummary(
        id=file_id,
        status=facts.status,
        lead_organisation_id=facts.lead,
        opened_at=facts.opened_at,
        closed_at=facts.closed_at,
    )
