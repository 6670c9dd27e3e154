"""Which organisations the lead may add as partners: those a consent in force covers on the
file, by the same rule that decides the adding (``rules.organisation_has_consent``), so a form
never offers an organisation the service would refuse."""

from __future__ import annotations

import uuid

from zorgafstemming.coordination import rules
from zorgafstemming.coordination.service.facts import load_facts
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import UnitOfWork


async def eligible_partners(
    uow: UnitOfWork, principal: Principal, file_id: uuid.UUID
) -> list[uuid.UUID]:
    """The organisations not yet taking part that a consent in force covers now, in a stable
    order; empty for a file the caller's organisation does not take part in.

    Call it after the request's own gate allowed reading the file (it records no audit event
    of its own: it reads consent facts, no personal data, in the request that read the file).
    """
    org = principal.organisation_id
    facts = await load_facts(
        uow.session, uow.runtime.cipher, file_id, org, account_id=principal.account_id
    )
    if facts is None or not facts.is_participant or not facts.is_open:
        return []
    now = uow.runtime.clock()
    taking_part = set(facts.participants or [])
    named = {o for consent in facts.consents for o in consent.recipients} - taking_part
    return sorted(
        o for o in named if rules.organisation_has_consent(facts.consents, facts.members, o, now)
    )
