"""The steps a family member takes on one consent share their start: find the consent's file,
check membership and Cedar, load and settle the file's consent facts under lock, and know who is
asking. Also what every step writes: an event, and the notices to the family."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from sqlalchemy import select

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.family_schemas import FamilyConsentView
from zorgafstemming.coordination.models import (
    ConsentRecord,
)
from zorgafstemming.coordination.rules import ConsentFacts
from zorgafstemming.coordination.service.facts import FILE_OWNER, FileFacts, load_facts
from zorgafstemming.coordination.service.family import member_gate
from zorgafstemming.coordination.service.family_consent_views import (
    ConsentExtras,
    FamilyContext,
    consent_extras,
    family_consent_view,
    file_members,
    organisation_names,
    visible_to,
)
from zorgafstemming.coordination.service.family_notices import tell_family
from zorgafstemming.coordination.service.gate import Gate, settle, taking_part
from zorgafstemming.coordination.service.views import consent_events
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import NotFoundError
from zorgafstemming.runtime import UnitOfWork


def no_such_consent() -> NotFoundError:
    """The one answer for a consent that does not exist and one the caller may not act on."""
    return NotFoundError("No such consent.")


@dataclass
class ConsentStep:
    """A family member's request on one consent: the gate, the file's facts, the consent, who
    is asking and the extra facts of the consent."""

    gate: Gate
    facts: FileFacts
    consent: ConsentFacts
    ctx: FamilyContext
    extras: ConsentExtras

    @property
    def covered(self) -> set[uuid.UUID]:
        """Every member the consent was given for (withdrawn parts included)."""
        return self.extras.covered.get(self.consent.id, set(self.consent.members))


async def load_step(
    uow: UnitOfWork,
    principal: Principal,
    audit: AuditContext,
    action: Action,
    consent_id: uuid.UUID,
    *,
    file_id: uuid.UUID | None = None,
    lock: bool = True,
) -> ConsentStep:
    """Load and settle the file of ``consent_id`` for a member of it; 404 otherwise.

    ``file_id``, when given, must be the consent's file (the web pages name both).
    """
    found = await uow.session.scalar(
        select(ConsentRecord.file_id).where(ConsentRecord.id == consent_id)
    )
    if file_id is not None and found != file_id:
        found = None
    gate, mine = await member_gate(uow, principal, audit, action, found, subject=consent_id)
    gate.object_type, gate.object_id = "consent", consent_id
    if found is None or not mine or not gate.allowed:
        await gate.refuse(no_such_consent())
    session, cipher = uow.session, uow.runtime.cipher
    facts = await load_facts(session, cipher, found, None, lock=lock)
    if facts is None or facts.status == "purged":
        await gate.refuse(no_such_consent())
    gate.facts = facts
    await settle(uow, facts)
    consent = next((c for c in facts.consents if c.id == consent_id), None)
    if consent is None:
        await gate.refuse(no_such_consent())
    facts.key = facts.key or await cipher.key_for(session, FILE_OWNER, found)
    members = await file_members(uow, found, facts.key)
    now = uow.runtime.clock()
    viewer = members[mine[0].id]
    ctx = FamilyContext(viewer, members, visible_to(viewer, members, now), now)
    extras = await consent_extras(uow, [consent_id])
    return ConsentStep(gate, facts, consent, ctx, extras)


async def step_done(uow: UnitOfWork, step: ConsentStep) -> FamilyConsentView:
    """The consent as the caller sees it after the step, with the step's allowed audit event
    recorded: how every step that answers with the consent ends."""
    consent = next(c for c in step.facts.consents if c.id == step.consent.id)
    extras = await consent_extras(uow, [consent.id])
    record = step.facts.records[consent.id]
    recorder = record.get("recorded_by_organisation_id")
    names = await organisation_names(uow, [*consent.recipients, *([recorder] if recorder else [])])
    events = await consent_events(uow.session, [consent.id])
    now = uow.runtime.clock()
    ctx = replace(step.ctx, at=now)
    view = family_consent_view(ctx, consent, record, extras, events, names)
    await step.gate.allow(object_id=consent.id)
    return view


async def consenting_participants(uow: UnitOfWork, facts: FileFacts) -> set[uuid.UUID]:
    """The participants some consent in force covers now: those who still take part."""
    return set(await taking_part(uow.session, facts, uow.runtime.clock()))


def replace_consent(facts: FileFacts, changed: ConsentFacts) -> None:
    facts.consents = [changed if c.id == changed.id else c for c in facts.consents]


async def tell_about(
    uow: UnitOfWork, step: ConsentStep, kind: str, covered: set[uuid.UUID] | frozenset[uuid.UUID]
) -> None:
    """Tell the family about a step on the consent, naming the partner that recorded it."""
    assert step.facts.key is not None
    await tell_family(
        uow,
        step.facts.file_id,
        step.facts.key,
        covered=covered,
        kind=kind,
        consent_id=step.consent.id,
        actor_organisation_id=step.facts.records[step.consent.id].get(
            "recorded_by_organisation_id"
        ),
    )
