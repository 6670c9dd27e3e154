"""The case meetings a family member sees in the portal: those to which they, or a child under
12 they represent, are invited — day, hours, place and the agenda items that concern the people
they may see (items about nobody in particular included).

Read within the request of the family's file page: that request's one audit event (action
``family:file:read``, written by ``family.family_file`` after its membership check) covers it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import undefer

from zorgafstemming.coordination import rules
from zorgafstemming.coordination.meeting_models import Meeting, MeetingMember
from zorgafstemming.coordination.meeting_rules import hhmm, local, visible_items
from zorgafstemming.coordination.service.facts import FILE_OWNER, member_facts
from zorgafstemming.coordination.service.family import memberships
from zorgafstemming.coordination.service.meeting_steps import decrypt_agenda, decrypt_place
from zorgafstemming.coordination.service.views import member_rows
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import UnitOfWork


@dataclass
class FamilyMeeting:
    """One meeting as the family sees it."""

    id: uuid.UUID
    status: str
    day: date
    start_time: str
    end_time: str
    place: str | None
    agenda: list[str] = field(default_factory=list)


async def family_meetings(
    uow: UnitOfWork, principal: Principal, file_id: uuid.UUID
) -> list[FamilyMeeting]:
    """The meetings of ``file_id`` that concern the signed-in family member, latest first;
    empty when they are no member of the file (call it after ``family.family_file``)."""
    mine = await memberships(uow, principal.account_id, file_id)
    if not mine:
        return []
    session, cipher = uow.session, uow.runtime.cipher
    key = await cipher.key_for(session, FILE_OWNER, file_id)
    rows = await member_rows(session, file_id)
    people = {r.id: member_facts(cipher, key, r.id, r.role, r.birth_date_enc) for r in rows}
    visible = set(
        rules.family_visible_members(people[mine[0].id], people.values(), uow.runtime.clock())
    )
    invited = (
        select(MeetingMember.meeting_id)
        .where(MeetingMember.member_id.in_(list(visible)))
        .scalar_subquery()
    )
    meetings = (
        await session.scalars(
            select(Meeting)
            .options(undefer(Meeting.place_enc), undefer(Meeting.agenda_enc))
            .where(Meeting.file_id == file_id, Meeting.id.in_(invited))
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        )
    ).all()
    return [
        FamilyMeeting(
            id=m.id,
            status=m.status,
            day=local(m.starts_at).date(),
            start_time=hhmm(m.starts_at),
            end_time=hhmm(m.ends_at),
            place=decrypt_place(cipher, key, m),
            agenda=[text for text, _ in visible_items(decrypt_agenda(cipher, key, m), visible)],
        )
        for m in meetings
    ]
