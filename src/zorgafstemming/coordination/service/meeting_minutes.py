"""The minutes of a case meeting: a journal entry of kind ``meeting_record`` written by the lead
about the invited members, and the decisions taken, stored as rows beside it (each text
encrypted under the file's data key) so that each can become an action of the family plan.

:func:`decisions_of` is the one way to read a meeting's decisions back as values; the caller
has passed the consent gate of its own request in the same unit of work.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.meeting_models import Meeting, MeetingDecision, MeetingMember
from zorgafstemming.coordination.meeting_rules import covers_about
from zorgafstemming.coordination.meeting_schemas import MeetingView, MinutesIn
from zorgafstemming.coordination.models import Entry, EntryMember, Member
from zorgafstemming.coordination.service.checks import field_error, invalid, raise_if
from zorgafstemming.coordination.service.errors import ConsentRequired
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.coordination.service.meeting_steps import (
    covered_for,
    invitees_of,
    load_meeting,
    meeting_not_found,
    minutes_of,
    partner_view,
)
from zorgafstemming.coordination.service.meetings import lead_gate
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ConflictError
from zorgafstemming.runtime import UnitOfWork

MINUTES_KIND = "meeting_record"


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision of a case meeting, decrypted: what, which organisation owns it, by when."""

    id: uuid.UUID
    meeting_id: uuid.UUID
    file_id: uuid.UUID
    position: int
    text: str
    owner_organisation_id: uuid.UUID
    due_on: date | None


async def decisions_of(uow: UnitOfWork, meeting_id: uuid.UUID) -> list[Decision]:
    """The decisions recorded with the minutes of ``meeting_id``, in their order, decrypted
    under the file's data key (empty when there are none or the meeting is unknown).

    Reads no consent: call it after the request's own gate allowed reading the meeting's
    minutes (e.g. the lead turning decisions into plan actions).
    """
    rows = (
        await uow.session.scalars(
            select(MeetingDecision)
            .options(undefer(MeetingDecision.text_enc))
            .where(MeetingDecision.meeting_id == meeting_id)
            .order_by(MeetingDecision.position)
        )
    ).all()
    if not rows:
        return []
    cipher = uow.runtime.cipher
    key = await cipher.key_for(uow.session, FILE_OWNER, rows[0].file_id)
    return [
        Decision(
            id=row.id,
            meeting_id=row.meeting_id,
            file_id=row.file_id,
            position=row.position,
            text=cipher.decrypt(
                key, table="meeting_decisions", column="text_enc", row_id=row.id, blob=row.text_enc
            ),
            owner_organisation_id=row.owner_organisation_id,
            due_on=row.due_on,
        )
        for row in rows
    ]


async def write_minutes(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    meeting_id: uuid.UUID,
    data: MinutesIn,
) -> MeetingView:
    """Record the minutes of a meeting that has begun (lead only): the entry, about the invited
    members, and its decisions; the meeting is ``held`` from then on."""
    kind = vocabulary().entry_kinds[MINUTES_KIND]
    category = data.category or kind.default_category
    errors: list[dict[str, str]] = []
    if category not in kind.categories:
        errors.append(field_error("category", "not a category of meeting minutes"))
    raise_if(errors)
    action = Action.COORDINATION_MEETING_MINUTES
    gate, facts = await lead_gate(
        uow, principal, ctx, action, file_id, "The file is closed; no new minutes."
    )
    gate.object_id = meeting_id
    session, now = uow.session, uow.runtime.clock()
    row = await load_meeting(uow, file_id, meeting_id, lock=True)
    if row is None:
        await gate.refuse(meeting_not_found(), categories=[category])
    if row.status == "cancelled" or row.minutes_entry_id is not None:
        await gate.refuse(
            ConflictError("This meeting was cancelled or has its minutes already."),
            categories=[category],
        )
    if row.starts_at > now:
        await gate.refuse(
            ConflictError("The meeting has not begun yet; write its minutes afterwards."),
            categories=[category],
        )
    participants = set(facts.participants or [])
    owners = [
        field_error(f"decisions[{i}].owner_organisation_id", "takes no part in the file")
        for i, d in enumerate(data.decisions)
        if d.owner_organisation_id not in participants
    ]
    if owners:
        await gate.refuse(invalid("A decision names an organisation not on the file.", owners))
    # The minutes are about the invited members who are still members of the file.
    about = list(
        await session.scalars(
            select(MeetingMember.member_id)
            .join(Member, Member.id == MeetingMember.member_id)
            .where(MeetingMember.meeting_id == meeting_id, Member.ended_at.is_(None))
            .order_by(MeetingMember.member_id)
        )
    )
    if not covers_about(covered_for(facts, facts.lead, now), category, about):
        await gate.refuse(
            ConsentRequired(
                "No consent in force covers this category of minutes for every invited member."
            ),
            categories=[category],
        )
    assert facts.key is not None and principal.organisation_id is not None
    cipher = uow.runtime.cipher
    entry_id = new_id()
    await session.execute(
        insert(Entry).values(
            id=entry_id,
            file_id=file_id,
            kind=MINUTES_KIND,
            category=category,
            confidential=False,
            body_enc=cipher.encrypt(
                facts.key, table="entries", column="body_enc", row_id=entry_id, value=data.body
            ),
            author_account_id=principal.account_id,
            author_organisation_id=principal.organisation_id,
            created_at=now,
        )
    )
    if about:
        await session.execute(
            insert(EntryMember), [{"entry_id": entry_id, "member_id": m} for m in about]
        )
    decisions = []
    for position, decision in enumerate(data.decisions):
        decision_id = new_id()
        decisions.append(
            {
                "id": decision_id,
                "meeting_id": meeting_id,
                "file_id": file_id,
                "position": position,
                "text_enc": cipher.encrypt(
                    facts.key,
                    table="meeting_decisions",
                    column="text_enc",
                    row_id=decision_id,
                    value=decision.text,
                ),
                "owner_organisation_id": decision.owner_organisation_id,
                "due_on": decision.due_on,
            }
        )
    if decisions:
        await session.execute(insert(MeetingDecision), decisions)
    await session.execute(
        update(Meeting)
        .where(Meeting.id == meeting_id)
        .values(status="held", minutes_entry_id=entry_id)
        .execution_options(synchronize_session=False)
    )
    row.status, row.minutes_entry_id = "held", entry_id
    invitees = await invitees_of(uow, [meeting_id])
    covered = covered_for(facts, facts.lead, now)
    shown: set[str] = set()
    view = partner_view(cipher, facts.key, row, invitees, covered, shown)
    view.minutes = await minutes_of(uow, facts.key, row, covered, shown)
    await gate.allow(categories=[category])
    return view
