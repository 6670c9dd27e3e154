"""The path every request on a file takes: load its consent facts, settle the file at this
moment (expiry, closing, lead hand-over and their notices), ask Cedar, and record the one audit
event of the request — allowed, or denied just before the refusal is raised."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import NoReturn

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import AuditContext, Outcome, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import Decision
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.emergency.access import (
    EMERGENCY_READ_ACTIONS,
    cedar_context,
    grant_in_force,
)
from zorgafstemming.coordination.emergency.rules import GrantFacts
from zorgafstemming.coordination.models import ConsentEvent, CoordinationFile, Participant
from zorgafstemming.coordination.restriction.errors import Restricted
from zorgafstemming.coordination.service.errors import FileClosed, file_not_found
from zorgafstemming.coordination.service.facts import FileFacts, load_facts
from zorgafstemming.coordination.service.notifications import insert_ignore, notify
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ProblemError
from zorgafstemming.runtime import Runtime, UnitOfWork

OBJECT_FILE = "coordination_file"
# Who works on a file: the organisation's coordinator takes these without being assigned.
ASSIGNMENT_ACTIONS = frozenset(
    {
        Action.COORDINATION_ASSIGNMENT_CREATE,
        Action.COORDINATION_ASSIGNMENT_DELETE,
        Action.COORDINATION_ASSIGNMENT_LIST,
    }
)
# How long before a change that ends consent the organisations told about it are taken.
JUST_BEFORE = timedelta(microseconds=1)
# The Cedar policy that forbids partners a restricted file (or a restricted member's data).
RESTRICTED_POLICY = "restricted"
# The actions that read or write members' personal data: a member-level restriction withholds
# that member's data from them, as if no consent covered it.
MEMBER_DATA_ACTIONS = frozenset(
    {
        Action.COORDINATION_ENTRY_CREATE,
        Action.COORDINATION_ENTRY_LIST,
        Action.COORDINATION_FILE_READ,
        Action.COORDINATION_INVITATION_CREATE,
        Action.COORDINATION_MEMBER_CORRECT,
        Action.COORDINATION_REFERRAL_CREATE,
    }
)


def restricted_problem() -> Restricted:
    """The one answer to a partner's request on restricted personal data."""
    return Restricted("Processing of this data is restricted.")


async def participant_ids(session: AsyncSession, file_id: uuid.UUID) -> list[uuid.UUID]:
    """The file's participant organisations, in joining order."""
    rows = await session.scalars(
        select(Participant.organisation_id)
        .where(Participant.file_id == file_id)
        .order_by(Participant.joined_at, Participant.organisation_id)
    )
    return list(rows)


async def taking_part(session: AsyncSession, facts: FileFacts, now: datetime) -> list[uuid.UUID]:
    """The organisations that take part in the file and hold a consent in force on it at
    ``now``: the only ones told about it (a former participant hears nothing more).

    A change that ends consent (an expiry, the closing) is told to those who took part under a
    consent in force just before it (``JUST_BEFORE``): the change is about them.
    """
    return [
        organisation
        for organisation in await participant_ids(session, facts.file_id)
        if rules.organisation_has_consent(facts.consents, facts.members, organisation, now)
    ]


def decide(
    runtime: Runtime, principal: Principal, action: Action, file_id: uuid.UUID, **context: bool
) -> Decision:
    """Cedar's decision on ``action`` on one file, given that file's consent facts."""
    return runtime.authz.decide(
        principal, action, {"type": "CoordinationFile", "id": str(file_id)}, context
    )


async def settle(uow: UnitOfWork, facts: FileFacts) -> None:
    """Bring the file in line with its consents at this moment, in the unit of work.

    Records an ``expired`` event for each consent that ran out (once), closes the file when
    no valid consent remains (its retention clock starts at the moment the last one ended),
    passes the lead on when the lead lost consent, and reminds the lead 30 days before a
    consent expires. Every change notifies the organisations that still take part under a
    consent in force (:func:`taking_part`). When the request is then refused,
    :meth:`Gate.refuse` keeps these changes: they follow from the consents, not from the request.
    """
    now = uow.runtime.clock()
    if await _settle(uow.session, facts, now):
        facts.settled_at = now


async def _settle(session: AsyncSession, facts: FileFacts, now: datetime) -> bool:
    """Settle the file as of ``now``; whether anything was written."""
    if not facts.is_open:
        return False
    changed = False
    for consent in facts.consents:
        ended = consent.withdrawn_at is not None and consent.withdrawn_at <= consent.valid_until
        if consent.id in facts.expiry_recorded or ended or now < consent.valid_until:
            continue
        await session.execute(
            insert_ignore(
                session,
                ConsentEvent,
                {
                    "id": uuid.uuid5(consent.id, "expired"),
                    "consent_id": consent.id,
                    "kind": "expired",
                    "occurred_at": consent.valid_until,
                    "recorded_at": now,
                },
            )
        )
        told = await taking_part(session, facts, consent.valid_until - JUST_BEFORE)
        await notify(
            session,
            now,
            facts.file_id,
            told,
            "consent_expired",
            consent.id,
            dedupe=f"expired:{consent.id}",
        )
        facts.expiry_recorded.add(consent.id)
        changed = True
    closed_at = rules.file_closed_at(None, facts.consents, facts.members, facts.opened_at, now)
    if closed_at is not None:
        await close(session, now, facts, closed_at, "no_valid_consent")
        return True
    if not rules.organisation_has_consent(facts.consents, facts.members, facts.lead, now):
        participants = await participant_ids(session, facts.file_id)
        lead = rules.next_lead(facts.lead, participants, facts.consents, facts.members, now)
        if lead is None:  # the consents left name no participant: nobody can lead
            await close(session, now, facts, now, "no_valid_consent")
            return True
        handed = await session.execute(
            update(CoordinationFile)
            .where(
                CoordinationFile.id == facts.file_id,
                CoordinationFile.lead_organisation_id == facts.lead,
            )
            .values(lead_organisation_id=lead)
        )
        if getattr(handed, "rowcount", 0):
            told = await taking_part(session, facts, now)
            await notify(session, now, facts.file_id, told, "lead_changed")
        facts.lead = lead
        changed = True
    for consent in facts.consents:
        if rules.expiry_reminder_due(consent, now):
            await notify(
                session,
                now,
                facts.file_id,
                [facts.lead],
                "consent_expiring",
                consent.id,
                dedupe=f"expiring:{consent.id}:{consent.valid_until.isoformat()}",
            )
            changed = True
    return changed


async def close(
    session: AsyncSession, now: datetime, facts: FileFacts, closed_at: datetime, reason: str
) -> None:
    """Close the open file as of ``closed_at`` and tell the organisations that took part in it
    under a consent in force until now (once)."""
    closed = await session.execute(
        update(CoordinationFile)
        .where(CoordinationFile.id == facts.file_id, CoordinationFile.status == "open")
        .values(status="closed", closed_at=closed_at, close_reason=reason)
    )
    if getattr(closed, "rowcount", 0):
        told = await taking_part(session, facts, min(now, closed_at - JUST_BEFORE))
        await notify(session, now, facts.file_id, told, "file_closed")
    facts.status, facts.closed_at = "closed", closed_at


@dataclass
class Gate:
    """The access check of one request on one file, and the one audit event it leaves.

    ``visible``: the file is open, the caller's organisation takes part, some consent in force
    covers it and the caller is assigned to it (or, for managing assignments, coordinates the
    organisation) — otherwise the file answers 404, exactly like one that does not exist.
    ``decision``: Cedar's answer for this action with these consent facts; its policy id goes
    into the audit event.
    """

    uow: UnitOfWork
    ctx: AuditContext
    action: Action
    file_id: uuid.UUID | None
    facts: FileFacts | None
    visible: bool
    decision: Decision
    object_type: str = OBJECT_FILE
    object_id: uuid.UUID | None = None
    # The caller's emergency grant the request reads under (policy emergency-read), if any.
    emergency: GrantFacts | None = None

    @property
    def allowed(self) -> bool:
        return self.decision.allowed

    @property
    def restricted(self) -> bool:
        """Whether Cedar refused the request because processing is restricted."""
        return not self.decision.allowed and self.decision.policy_id == RESTRICTED_POLICY

    async def refuse_if_restricted(
        self, principal: Principal, member_ids: Iterable[uuid.UUID]
    ) -> None:
        """Refuse (409 ``restricted``) a request about a member whose data is restricted: Cedar
        decides again with ``restricted_member`` (policy restricted) and its decision is the
        one audited."""
        facts = self.facts
        if facts is None or not facts.restricted_members & set(member_ids):
            return
        self.decision = decide(
            self.uow.runtime,
            principal,
            self.action,
            facts.file_id,
            participant=facts.is_participant,
            file_open=facts.is_open,
            assigned=facts.assigned,
            restricted_member=True,
        )
        if not self.decision.allowed:
            await self.refuse(restricted_problem())

    async def record_restricted_view(self) -> None:
        """Record that the caller was shown only that the file is restricted (no personal data
        read): a denial under policy restricted, without raising."""
        await self._record("denied", (), None)

    async def open_facts(self, closed: str, *, categories: Iterable[str] = ()) -> FileFacts:
        """The facts of a file the caller may see and that is open; otherwise the denial is
        recorded and 404 (or ``FileClosed`` with the message ``closed``) raised."""
        facts = self.facts
        if facts is None or not self.visible:
            await self.refuse(file_not_found(), categories=categories)
        if not facts.is_open:
            await self.refuse(FileClosed(closed), categories=categories)
        return facts

    async def allow(
        self, *, categories: Iterable[str] = (), object_id: uuid.UUID | None = None
    ) -> None:
        """Record that the request was carried out (or raise ``AuditUnavailable``)."""
        await self._record("allowed", categories, object_id)

    async def refuse(
        self,
        problem: ProblemError,
        *,
        categories: Iterable[str] = (),
        object_id: uuid.UUID | None = None,
    ) -> NoReturn:
        """Record the denial and raise ``problem``; the denial and the settling of the file
        outlive the rollback of the request."""
        await self._record("denied", categories, object_id)
        facts = self.facts
        if facts is not None and facts.settled_at is not None:
            runtime, file_id, at = self.uow.runtime, facts.file_id, facts.settled_at

            async def settle_again(session: AsyncSession) -> None:
                again = await load_facts(session, runtime.cipher, file_id, None)
                if again is not None:
                    await _settle(session, again, at)

            self.uow.keep_on_refusal(settle_again)
        raise problem

    async def _record(
        self, outcome: Outcome, categories: Iterable[str], object_id: uuid.UUID | None
    ) -> None:
        await record(
            self.uow,
            self.ctx,
            self.action,
            outcome,
            decision=self.decision,
            object_type=self.object_type,
            object_id=object_id or self.object_id or self.file_id,
            file_id=self.file_id,
            categories=categories,
        )


async def gate_for(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    action: Action,
    file_id: uuid.UUID,
    *,
    lock: bool = False,
    object_type: str = OBJECT_FILE,
    object_id: uuid.UUID | None = None,
    restricted_view: bool = False,
) -> Gate:
    """Load the facts, settle the file and ask Cedar whether the caller may act on it at all.

    An unknown (or purged) file gets the decision a file the caller takes no part in gets.
    ``object_type`` and ``object_id`` name what the request's audit event is about (the file by
    default). On a restricted file (policy restricted) a caller who would otherwise see it is
    refused with 409 ``restricted`` here, unless ``restricted_view``: then the caller answers
    with the restricted view itself (``Gate.restricted``). A member-level restriction takes the
    member's facts out for the actions on members' data (``MEMBER_DATA_ACTIONS``): their data
    is withheld as if no consent covered it.
    """
    runtime = uow.runtime
    org = principal.organisation_id
    facts = await load_facts(
        uow.session, runtime.cipher, file_id, org, account_id=principal.account_id, lock=lock
    )
    if facts is None or org is None or facts.status == "purged":
        decision = decide(
            runtime,
            principal,
            action,
            file_id,
            participant=False,
            consent_covers=False,
            is_lead=False,
            file_open=False,
            assigned=False,
            is_coordinator=False,
            restricted=False,
        )
        return Gate(uow, ctx, action, file_id, None, False, decision, object_type, object_id)
    if facts.is_participant:
        await settle(uow, facts)
    now = runtime.clock()
    purpose = vocabulary().purpose_of(action.value)
    organisation_sees = (
        facts.is_open
        and facts.is_participant
        and rules.organisation_has_consent(facts.consents, facts.members, org, now)
    )
    works_on_it = facts.assigned or (action in ASSIGNMENT_ACTIONS and facts.is_coordinator)
    visible = organisation_sees and works_on_it
    covered = organisation_sees and bool(
        rules.covered_categories(
            facts.consents, facts.members, organisation=org, purpose=purpose, at=now
        )
    )
    decision = decide(
        runtime,
        principal,
        action,
        file_id,
        participant=facts.is_participant,
        consent_covers=covered,
        is_lead=facts.lead == org,
        file_open=facts.is_open,
        assigned=facts.assigned,
        is_coordinator=facts.is_coordinator,
        restricted=facts.restricted,
    )
    gate = Gate(uow, ctx, action, file_id, facts, visible, decision, object_type, object_id)
    if not visible and facts.is_open and action in EMERGENCY_READ_ACTIONS:
        await _read_under_grant(gate, principal, now)
    if not facts.is_open:
        # Closed to partners (policy closed-file-is-closed-to-partners): every staff route on
        # a closed file, the lead's included, answers exactly as for a file that does not exist.
        await gate.refuse(file_not_found())
    if gate.visible and gate.restricted and not restricted_view:
        await gate.refuse(restricted_problem())
    if facts.restricted_members and action in MEMBER_DATA_ACTIONS:
        gate.facts = replace(
            facts,
            members={m: f for m, f in facts.members.items() if m not in facts.restricted_members},
        )
    return gate


async def _read_under_grant(gate: Gate, principal: Principal, now: datetime) -> None:
    """Let the caller read the file under their emergency grant in force, if Cedar (policy
    emergency-read) allows it with the grant in the context; the audit event then names that
    policy. On a restricted file the grant shows the restricted view (policy restricted
    refuses the rest). Asked only when consent and assignment do not already give access."""
    facts = gate.facts
    if facts is None:
        return
    grant = await grant_in_force(gate.uow.session, principal.account_id, facts.file_id, now)
    if grant is None:
        return
    decision = gate.uow.runtime.authz.decide(
        principal,
        gate.action,
        {"type": "CoordinationFile", "id": str(facts.file_id)},
        {
            "participant": facts.is_participant,
            "consent_covers": False,
            "is_lead": False,
            "file_open": facts.is_open,
            "assigned": facts.assigned,
            "is_coordinator": facts.is_coordinator,
            "restricted": facts.restricted,
            "emergency_grant": cedar_context(grant, principal.account_id, now),
        },
    )
    # A restricted file stays restricted under a grant too: its holder, like a partner, is
    # shown that the file exists and is restricted (policy restricted), nothing more.
    if decision.allowed or decision.policy_id == RESTRICTED_POLICY:
        gate.visible, gate.decision, gate.emergency = True, decision, grant
