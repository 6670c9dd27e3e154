"""How the consents of a file look to one family member: what each says about them, its state
for them, who recorded it and what they may do with it — and the facts those views need that
the consent-facts query leaves out (every covered member, withdrawn parts, contests, forms)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import select

from zorgafstemming.coordination import family_rules, rules
from zorgafstemming.coordination.family_schemas import FamilyConsentView, OrganisationRef
from zorgafstemming.coordination.models import ConsentEvent, ConsentMember, ConsentRecord, Member
from zorgafstemming.coordination.restriction.rules import open_to_objection, withdrawable_by_family
from zorgafstemming.coordination.rules import ConsentFacts, MemberFacts
from zorgafstemming.coordination.schemas import ConsentEventView, LegalBasis
from zorgafstemming.coordination.service.facts import FileFacts, member_facts
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.identity.models import Organisation
from zorgafstemming.runtime import UnitOfWork


@dataclass
class ConsentExtras:
    """Per consent: every member it was given for (withdrawn parts included), when each part
    was withdrawn, whether it was contested, and the attached form, if any."""

    covered: dict[uuid.UUID, set[uuid.UUID]] = field(default_factory=dict)
    part_withdrawn_at: dict[tuple[uuid.UUID, uuid.UUID], datetime] = field(default_factory=dict)
    contested: set[uuid.UUID] = field(default_factory=set)
    evidence: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)

    def withdrawn_parts(self, consent_id: uuid.UUID) -> set[uuid.UUID]:
        """The members whose own part of the consent was withdrawn."""
        return {m for (c, m) in self.part_withdrawn_at if c == consent_id}


async def consent_extras(uow: UnitOfWork, consent_ids: Iterable[uuid.UUID]) -> ConsentExtras:
    """The :class:`ConsentExtras` of the given consents, in three small queries."""
    ids = list(consent_ids)
    extras = ConsentExtras()
    if not ids:
        return extras
    session = uow.session
    for consent_id, member_id in await session.execute(
        select(ConsentMember.consent_id, ConsentMember.member_id).where(
            ConsentMember.consent_id.in_(ids)
        )
    ):
        extras.covered.setdefault(consent_id, set()).add(member_id)
    events = await session.execute(
        select(
            ConsentEvent.consent_id,
            ConsentEvent.kind,
            ConsentEvent.member_id,
            ConsentEvent.occurred_at,
        ).where(ConsentEvent.consent_id.in_(ids), ConsentEvent.kind.in_(("withdrawn", "contested")))
    )
    for event in events:
        if event.kind == "contested":
            extras.contested.add(event.consent_id)
        elif event.member_id is not None:
            extras.part_withdrawn_at[(event.consent_id, event.member_id)] = event.occurred_at
    forms = await session.execute(
        select(ConsentRecord.id, ConsentRecord.evidence_id).where(
            ConsentRecord.id.in_(ids), ConsentRecord.evidence_id.is_not(None)
        )
    )
    extras.evidence.update({r.id: r.evidence_id for r in forms})
    return extras


async def file_members(
    uow: UnitOfWork, file_id: uuid.UUID, key: DataKey
) -> dict[uuid.UUID, MemberFacts]:
    """Every member of the file with role and birth date (decrypted in memory only)."""
    rows = await uow.session.execute(
        select(Member.id, Member.role, Member.birth_date_enc).where(Member.file_id == file_id)
    )
    cipher = uow.runtime.cipher
    return {r.id: member_facts(cipher, key, r.id, r.role, r.birth_date_enc) for r in rows}


async def organisation_names(
    uow: UnitOfWork, organisation_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """The names of the given organisations."""
    ids = list(set(organisation_ids))
    if not ids:
        return {}
    rows = await uow.session.execute(
        select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids))
    )
    return {r.id: r.name for r in rows}


def organisation_ref(organisation_id: uuid.UUID, names: Mapping[uuid.UUID, str]) -> OrganisationRef:
    """An organisation by id and name."""
    return OrganisationRef(id=organisation_id, name=names.get(organisation_id, ""))


@dataclass(frozen=True)
class FamilyContext:
    """Who is looking and at what: the viewer, every member of the file, and the members whose
    data the viewer may see."""

    viewer: MemberFacts
    members: Mapping[uuid.UUID, MemberFacts]
    visible: frozenset[uuid.UUID]
    at: datetime


def is_about(ctx: FamilyContext, consent: ConsentFacts, extras: ConsentExtras) -> bool:
    """Whether a family member sees ``consent``: they gave it, or it covers someone whose data
    they see (also when that part has since been withdrawn)."""
    covered = extras.covered.get(consent.id, set(consent.members))
    return consent.given_by == ctx.viewer.id or bool(covered & ctx.visible)


def state_for(
    ctx: FamilyContext, consent: ConsentFacts, extras: ConsentExtras
) -> family_rules.FamilyState:
    """The consent's state for the viewer (withdrawn when every part about them is)."""
    mine = extras.covered.get(consent.id, set()) & ctx.visible
    own_withdrawn = (
        consent.given_by != ctx.viewer.id
        and bool(mine)
        and mine <= extras.withdrawn_parts(consent.id)
    )
    return family_rules.family_state(
        consent,
        contested=consent.id in extras.contested,
        own_part_withdrawn=own_withdrawn,
        at=ctx.at,
    )


def may_answer(ctx: FamilyContext, consent: ConsentFacts, extras: ConsentExtras) -> bool:
    """Whether the viewer may confirm, contest or see the form of ``consent``."""
    covered = extras.covered.get(consent.id, set(consent.members))
    return family_rules.may_answer_for(ctx.viewer, covered, ctx.members, ctx.at)


_OPEN_STATES = ("in_force", "awaiting_confirmation", "scheduled")


def family_consent_view(
    ctx: FamilyContext,
    consent: ConsentFacts,
    record: Mapping[str, Any],
    extras: ConsentExtras,
    events: Sequence[Any],
    names: Mapping[uuid.UUID, str],
) -> FamilyConsentView:
    """One consent as the viewer sees it."""
    state = state_for(ctx, consent, extras)
    covered = extras.covered.get(consent.id, set(consent.members))
    answer = may_answer(ctx, consent, extras)
    recorder = record.get("recorded_by_organisation_id")
    scope = family_rules.withdraw_scope(ctx.viewer, consent, ctx.members, ctx.at)
    part_times = [t for (c, m), t in extras.part_withdrawn_at.items() if c == consent.id]
    basis = cast("LegalBasis", str(record.get("legal_basis", "consent")))
    acts = scope is not None and state in _OPEN_STATES  # the viewer may act on it for someone
    withdrawn_at = consent.withdrawn_at
    if withdrawn_at is None and state == "withdrawn" and part_times:
        withdrawn_at = max(part_times)
    return FamilyConsentView(
        id=consent.id,
        state=state,
        given_by=consent.given_by,
        given_by_you=consent.given_by == ctx.viewer.id,
        members=sorted(covered & ctx.visible),
        other_members=len(covered - ctx.visible),
        recipients=[organisation_ref(o, names) for o in sorted(consent.recipients)],
        purposes=sorted(consent.purposes),
        categories=sorted(consent.categories),
        notice_version=str(record.get("notice_version", "")),
        collection_method=str(record.get("collection_method", "")),
        recorded_by=organisation_ref(recorder, names) if recorder is not None else None,
        recorded_at=record["recorded_at"],
        signed_form_attached=consent.id in extras.evidence,
        valid_from=consent.valid_from,
        valid_until=consent.valid_until,
        withdrawn_at=withdrawn_at,
        may_confirm=answer and state == "awaiting_confirmation",
        may_contest=answer and recorder is not None and state in _OPEN_STATES,
        legal_basis=basis,
        may_withdraw=(
            scope[0] if scope is not None and acts and withdrawable_by_family(basis) else None
        ),
        may_object=acts and open_to_objection(basis),
        events=[
            ConsentEventView(kind=e.kind, occurred_at=e.occurred_at, valid_until=e.valid_until)
            for e in events
            if e.consent_id == consent.id
        ],
    )


async def family_consent_views(
    uow: UnitOfWork, ctx: FamilyContext, facts: FileFacts, events: Sequence[Any]
) -> list[FamilyConsentView]:
    """The consents of ``facts`` that are about the viewer, as they see them."""
    extras = await consent_extras(uow, (c.id for c in facts.consents))
    mine = [c for c in facts.consents if is_about(ctx, c, extras)]
    wanted: set[uuid.UUID] = set()
    for consent in mine:
        wanted |= consent.recipients
        recorder = facts.records[consent.id].get("recorded_by_organisation_id")
        if recorder is not None:
            wanted.add(recorder)
    names = await organisation_names(uow, wanted)
    return [family_consent_view(ctx, c, facts.records[c.id], extras, events, names) for c in mine]


def visible_to(
    viewer: MemberFacts, members: Mapping[uuid.UUID, MemberFacts], at: datetime
) -> frozenset[uuid.UUID]:
    """The members whose data ``viewer`` sees (see :func:`rules.family_visible_members`)."""
    return rules.family_visible_members(viewer, members.values(), at)
