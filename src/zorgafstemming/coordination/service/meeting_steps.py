"""Steps the case-meeting use cases share: loading a meeting with its invitees, what of it the
caller's consent lets them read, and its view."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import undefer

from zorgafstemming.coordination import rules
from zorgafstemming.coordination.meeting_models import (
    Meeting,
    MeetingDecision,
    MeetingMember,
    MeetingOrganisation,
)
from zorgafstemming.coordination.meeting_rules import (
    AGENDA_CATEGORY,
    MEETING_ZONE_NAME,
    covers_about,
    hhmm,
    local,
    visible_items,
)
from zorgafstemming.coordination.meeting_schemas import (
    AgendaItem,
    DecisionView,
    MeetingView,
    MinutesView,
)
from zorgafstemming.coordination.models import Entry, EntryMember
from zorgafstemming.coordination.service.facts import FileFacts
from zorgafstemming.crypto.fields import DataKey, FieldCipher
from zorgafstemming.db import among
from zorgafstemming.problems import NotFoundError
from zorgafstemming.runtime import UnitOfWork

OBJECT_MEETING = "meeting"
PURPOSE = "case_meeting"


def meeting_not_found() -> NotFoundError:
    """The answer for a meeting that does not exist on this file (or cannot be seen)."""
    return NotFoundError("No such meeting.")


@dataclass
class Invitees:
    """Who is invited to each meeting: organisations and members, by meeting."""

    organisations: dict[uuid.UUID, list[uuid.UUID]]
    members: dict[uuid.UUID, list[uuid.UUID]]


async def invitees_of(uow: UnitOfWork, meeting_ids: Sequence[uuid.UUID]) -> Invitees:
    """The invitees of ``meeting_ids``, in two statements whatever their number."""
    result = Invitees({m: [] for m in meeting_ids}, {m: [] for m in meeting_ids})
    if not meeting_ids:
        return result
    session = uow.session
    orgs = await session.execute(
        select(MeetingOrganisation.meeting_id, MeetingOrganisation.organisation_id)
        .where(among(session, MeetingOrganisation.meeting_id, list(meeting_ids)))
        .order_by(MeetingOrganisation.organisation_id)
    )
    for meeting_id, organisation_id in orgs:
        result.organisations[meeting_id].append(organisation_id)
    members = await session.execute(
        select(MeetingMember.meeting_id, MeetingMember.member_id)
        .where(among(session, MeetingMember.meeting_id, list(meeting_ids)))
        .order_by(MeetingMember.member_id)
    )
    for meeting_id, member_id in members:
        result.members[meeting_id].append(member_id)
    return result


async def load_meeting(
    uow: UnitOfWork, file_id: uuid.UUID, meeting_id: uuid.UUID, *, lock: bool = False
) -> Meeting | None:
    """The meeting ``meeting_id`` of the file (place and agenda loaded), or None."""
    stmt = (
        select(Meeting)
        .options(undefer(Meeting.place_enc), undefer(Meeting.agenda_enc))
        .where(Meeting.id == meeting_id, Meeting.file_id == file_id)
    )
    if lock:
        stmt = stmt.with_for_update()
    return (await uow.session.scalars(stmt)).one_or_none()


def covered_for(
    facts: FileFacts, organisation: uuid.UUID, at: datetime
) -> dict[uuid.UUID, frozenset[str]]:
    """Per member, the categories ``organisation`` may use for case meetings at ``at``."""
    return rules.covered_categories(
        facts.consents, facts.members, organisation=organisation, purpose=PURPOSE, at=at
    )


def agenda_readers(covered: dict[uuid.UUID, frozenset[str]]) -> set[uuid.UUID] | None:
    """The members whose agenda items the organisation may read; None when it may read no
    agenda at all (no member's consent covers the agenda's category for case meetings)."""
    allowed = {m for m, cats in covered.items() if AGENDA_CATEGORY in cats}
    return allowed or None


def decrypt_agenda(cipher: FieldCipher, key: DataKey, row: Meeting) -> list[dict[str, Any]]:
    """The stored agenda items of a meeting."""
    plain = cipher.decrypt(
        key, table="meetings", column="agenda_enc", row_id=row.id, blob=row.agenda_enc
    )
    items: list[dict[str, Any]] = json.loads(plain)
    return items


def decrypt_place(cipher: FieldCipher, key: DataKey, row: Meeting) -> str | None:
    """The place or video link of a meeting, if one was given."""
    if row.place_enc is None:
        return None
    return cipher.decrypt(
        key, table="meetings", column="place_enc", row_id=row.id, blob=row.place_enc
    )


def base_view(
    row: Meeting, organisations: list[uuid.UUID], members: list[uuid.UUID]
) -> MeetingView:
    """The meeting without anything encrypted: times, status, invitees."""
    start = local(row.starts_at)
    return MeetingView(
        id=row.id,
        file_id=row.file_id,
        status=row.status,  # type: ignore[arg-type]
        time_zone=MEETING_ZONE_NAME,
        date=start.date(),
        start_time=hhmm(row.starts_at),
        end_time=hhmm(row.ends_at),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        organiser_organisation_id=row.organiser_organisation_id,
        organisations=organisations,
        members=members,
        sequence=row.sequence,
        created_at=row.created_at,
        cancelled_at=row.cancelled_at,
        has_minutes=row.minutes_entry_id is not None,
    )


def partner_view(
    cipher: FieldCipher,
    key: DataKey,
    row: Meeting,
    invitees: Invitees,
    covered: dict[uuid.UUID, frozenset[str]],
    shown: set[str],
) -> MeetingView:
    """The meeting as a partner sees it: place and agenda where its consent covers the
    agenda's category for case meetings (``shown`` collects the categories read)."""
    view = base_view(row, invitees.organisations[row.id], invitees.members[row.id])
    readers = agenda_readers(covered)
    if readers is not None:
        view.place = decrypt_place(cipher, key, row)
        view.agenda = [
            AgendaItem(text=text, about=about)
            for text, about in visible_items(decrypt_agenda(cipher, key, row), readers)
        ]
        shown.add(AGENDA_CATEGORY)
    return view


async def minutes_of(
    uow: UnitOfWork,
    key: DataKey,
    row: Meeting,
    covered: dict[uuid.UUID, frozenset[str]],
    shown: set[str],
) -> MinutesView | None:
    """The minutes and decisions of a meeting, when the consent covers the minutes' category
    for case meetings for every member they are about (``shown`` collects it)."""
    if row.minutes_entry_id is None:
        return None
    session, cipher = uow.session, uow.runtime.cipher
    entry = (
        await session.scalars(
            select(Entry).options(undefer(Entry.body_enc)).where(Entry.id == row.minutes_entry_id)
        )
    ).one_or_none()
    if entry is None:
        return None
    about = list(
        await session.scalars(select(EntryMember.member_id).where(EntryMember.entry_id == entry.id))
    )
    readable = covers_about(covered, entry.category, about)
    if not readable:
        return None
    body = cipher.decrypt(
        key, table="entries", column="body_enc", row_id=entry.id, blob=entry.body_enc
    )
    shown.add(entry.category)
    return MinutesView(
        entry_id=entry.id,
        category=entry.category,
        body=body,
        decisions=await decision_views(uow, key, row.id),
    )


async def decision_views(
    uow: UnitOfWork, key: DataKey, meeting_id: uuid.UUID
) -> list[DecisionView]:
    """The decisions recorded with a meeting's minutes, in their order, decrypted."""
    rows = (
        await uow.session.scalars(
            select(MeetingDecision)
            .options(undefer(MeetingDecision.text_enc))
            .where(MeetingDecision.meeting_id == meeting_id)
            .order_by(MeetingDecision.position)
        )
    ).all()
    cipher = uow.runtime.cipher
    return [
        DecisionView(
            id=d.id,
            position=d.position,
            text=cipher.decrypt(
                key, table="meeting_decisions", column="text_enc", row_id=d.id, blob=d.text_enc
            ),
            owner_organisation_id=d.owner_organisation_id,
            due_on=d.due_on,
            plan_action_id=d.plan_action_id,
        )
        for d in rows
    ]
