"""Withdrawal in the family portal: the member who gave a consent withdraws all of it; another
covered member (or a covered child's representative) withdraws only their own (or that child's)
part, and the consent stays in force for the others. Afterwards the family sees which
organisations still reach their data through other consents, and which no longer do."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import family_rules
from zorgafstemming.coordination.family_schemas import FamilyWithdrawalView, OrganisationRef
from zorgafstemming.coordination.restriction.errors import ObjectionRequired
from zorgafstemming.coordination.restriction.rules import withdrawable_by_family
from zorgafstemming.coordination.service.consent_records import record_event
from zorgafstemming.coordination.service.family_consent_steps import (
    ConsentStep,
    consenting_participants,
    load_step,
    no_such_consent,
    replace_consent,
    tell_about,
)
from zorgafstemming.coordination.service.family_consent_views import (
    organisation_names,
    organisation_ref,
    state_for,
)
from zorgafstemming.coordination.service.gate import decide, settle
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ConflictError
from zorgafstemming.runtime import UnitOfWork


async def family_withdraw_consent(
    uow: UnitOfWork,
    principal: Principal,
    audit: AuditContext,
    consent_id: uuid.UUID,
    *,
    file_id: uuid.UUID | None = None,
) -> FamilyWithdrawalView:
    """Withdraw a consent: all of it by the member who gave it; by another covered member (or a
    covered child's representative) only for their own (or that child's) data — it stays in
    force for the others. Access it gave ends at commit."""
    step = await load_step(
        uow, principal, audit, Action.FAMILY_CONSENT_WITHDRAW, consent_id, file_id=file_id
    )
    gate, facts, consent, ctx = step.gate, step.facts, step.consent, step.ctx
    scope = family_rules.withdraw_scope(ctx.viewer, consent, ctx.members, ctx.at)
    if scope is None:
        await gate.refuse(no_such_consent())
    if not withdrawable_by_family(str(facts.records[consent.id]["legal_basis"])):
        # Statute-based (policy statute-based-is-objected-to): the family objects instead.
        gate.decision = decide(
            uow.runtime,
            principal,
            Action.FAMILY_CONSENT_WITHDRAW,
            facts.file_id,
            is_member=True,
            statute_based=True,
        )
        if not gate.decision.allowed:
            await gate.refuse(
                ObjectionRequired(
                    "This consent rests on the decree on integrated youth care (art. 74): the"
                    " family does not withdraw it but objects to it (POST /api/v1/me/objections)."
                )
            )
    state = state_for(ctx, consent, step.extras)
    if state not in ("in_force", "awaiting_confirmation", "scheduled"):
        await gate.refuse(ConflictError(f"The consent is already {state.replace('_', ' ')}."))
    kind, parts = scope
    before = await consenting_participants(uow, facts)
    now = uow.runtime.clock()
    if kind == "all":
        await record_event(uow, principal, consent_id, "withdrawn")
        replace_consent(facts, replace(consent, withdrawn_at=now))
    else:
        for member_id in sorted(parts):
            await record_event(uow, principal, consent_id, "withdrawn", member_id=member_id)
        replace_consent(facts, replace(consent, members=consent.members - parts))
    await settle(uow, facts)
    await notify(uow.session, now, facts.file_id, before, "consent_withdrawn", consent_id)
    await tell_about(uow, step, "consent_withdrawn", step.covered if kind == "all" else parts)
    ours = parts if kind == "own_part" else _ours(step)
    outcome = await _outcome(uow, step, kind, ours, now)
    await gate.allow()
    return outcome


def _ours(step: ConsentStep) -> frozenset[uuid.UUID]:
    """The members of the consent whose data the caller speaks for (at least themselves)."""
    ctx = step.ctx
    return family_rules.spoken_for(ctx.viewer, step.covered, ctx.members, ctx.at) or frozenset(
        {ctx.viewer.id}
    )


async def _outcome(
    uow: UnitOfWork,
    step: ConsentStep,
    scope: family_rules.WithdrawScope,
    ours: frozenset[uuid.UUID],
    withdrawn_at: datetime,
) -> FamilyWithdrawalView:
    """Which organisations the consent named still reach the caller's data through other
    consents, and which no longer do."""
    now = uow.runtime.clock()
    facts, consent = step.facts, step.consent
    names = await organisation_names(uow, consent.recipients)
    still: list[OrganisationRef] = []
    gone: list[OrganisationRef] = []
    for org in sorted(consent.recipients, key=lambda o: (names.get(o, ""), o)):
        reaches = family_rules.still_reaches(org, facts.consents, step.ctx.members, ours, now)
        (still if reaches else gone).append(organisation_ref(org, names))
    return FamilyWithdrawalView(
        consent_id=consent.id,
        file_id=facts.file_id,
        scope=scope,
        members=sorted(ours),
        withdrawn_at=withdrawn_at,
        still_access=still,
        no_access=gone,
    )


async def family_withdrawal(
    uow: UnitOfWork,
    principal: Principal,
    audit: AuditContext,
    file_id: uuid.UUID,
    consent_id: uuid.UUID,
) -> FamilyWithdrawalView:
    """After a withdrawal: which organisations still reach the caller's data through other
    consents, and which no longer do, since when. 404 unless it is withdrawn for the caller."""
    step = await load_step(
        uow, principal, audit, Action.FAMILY_FILE_READ, consent_id, file_id=file_id, lock=False
    )
    gate, consent = step.gate, step.consent
    gate.object_type, gate.object_id = "coordination_file", None
    state = state_for(step.ctx, consent, step.extras)
    if state not in ("withdrawn", "contested"):
        await gate.refuse(no_such_consent())
    if consent.withdrawn_at is not None:
        scope: family_rules.WithdrawScope = "all"
        ours, at = _ours(step), consent.withdrawn_at
    else:
        mine = step.covered & step.ctx.visible
        times = [t for (c, m), t in step.extras.part_withdrawn_at.items() if m in mine]
        scope, ours, at = "own_part", frozenset(mine), max(times)
    outcome = await _outcome(uow, step, scope, ours, at)
    await gate.allow()
    return outcome
