"""Case meetings (casusoverleg) of a file: the lead plans and cancels them; partners whose
consent covers case meetings see them.

Every request reads the file's consent facts in its own transaction (the gate) and leaves one
audit event. Only organisations that take part in the file under a consent in force for the
purpose ``case_meeting`` can be invited; the place and agenda are encrypted under the file's
data key; the invitation and cancellation mails are queued with the change.
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy import insert, select, update
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.meeting_models import (
    Meeting,
    MeetingMember,
    MeetingOrganisation,
)
from zorgafstemming.coordination.meeting_rules import (
    AGENDA_CATEGORY,
    NoSuchLocalTime,
    clock,
    covers_about,
    local_to_utc,
)
from zorgafstemming.coordination.meeting_schemas import MeetingIn, MeetingPage, MeetingView
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.service.checks import field_error, invalid, raise_if
from zorgafstemming.coordination.service.errors import (
    ConsentRequired,
    ForbiddenLead,
    file_not_found,
)
from zorgafstemming.coordination.service.facts import FileFacts
from zorgafstemming.coordination.service.gate import Gate, gate_for
from zorgafstemming.coordination.service.meeting_mail import send_invitations
from zorgafstemming.coordination.service.meeting_steps import (
    OBJECT_MEETING,
    Invitees,
    covered_for,
    invitees_of,
    load_meeting,
    meeting_not_found,
    minutes_of,
    partner_view,
)
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import ConflictError, ProblemError
from zorgafstemming.runtime import UnitOfWork


class InviteeWithoutConsent(
    ProblemError, status=422, slug="invitee-without-consent", title="Invitee without consent"
):
    """Only organisations that take part in the file under a consent in force for the purpose
    ``case_meeting`` can be invited to a case meeting; ``errors`` names each other one."""


async def lead_gate(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    action: Action,
    file_id: uuid.UUID,
    closed: str,
) -> tuple[Gate, FileFacts]:
    """The gate of a lead-only meeting change: 404 for a file the caller does not see, 409 for
    a closed one, 403 ``lead-only`` for a partner that does not lead, 422
    ``consent-required`` when no consent covers case meetings for the lead."""
    gate = await gate_for(
        uow, principal, ctx, action, file_id, lock=True, object_type=OBJECT_MEETING
    )
    facts = await gate.open_facts(closed, categories=[AGENDA_CATEGORY])
    if facts.lead != principal.organisation_id:
        await gate.refuse(ForbiddenLead("Only the lead organisation plans case meetings."))
    if not gate.allowed:
        await gate.refuse(
            ConsentRequired("No consent in force covers case meetings for your organisation.")
        )
    return gate, facts


def _check_times(data: MeetingIn) -> tuple[list[dict[str, str]], tuple[object, object]]:
    errors: list[dict[str, str]] = []
    times: list[object] = []
    for name in ("start_time", "end_time"):
        try:
            times.append(local_to_utc(data.date, clock(getattr(data, name))))
        except NoSuchLocalTime:
            errors.append(field_error(name, "this hour does not exist on that day (summer time)"))
            times.append(None)
    start, end = times
    if not errors and end <= start:  # type: ignore[operator]
        errors.append(field_error("end_time", "must be after start_time"))
    return errors, (start, end)


async def plan_meeting(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID, data: MeetingIn
) -> MeetingView:
    """Plan a case meeting and queue its invitations (lead only)."""
    errors, (start, end) = _check_times(data)
    if len(set(data.organisations)) != len(data.organisations):
        errors.append(field_error("organisations", "names an organisation twice"))
    if len(set(data.members)) != len(data.members):
        errors.append(field_error("members", "names a member twice"))
    raise_if(errors)
    gate, facts = await lead_gate(
        uow,
        principal,
        ctx,
        Action.COORDINATION_MEETING_CREATE,
        file_id,
        "The file is closed; no new meetings.",
    )
    lead = facts.lead
    now = uow.runtime.clock()
    session = uow.session
    current = set(
        await session.scalars(
            select(Member.id).where(Member.file_id == file_id, Member.ended_at.is_(None))
        )
    )
    unknown = [
        field_error(f"members[{i}]", "no such member")
        for i, m in enumerate(data.members)
        if m not in current
    ]
    for i, item in enumerate(data.agenda):
        unknown += [
            field_error(f"agenda[{i}].about[{j}]", "no such member")
            for j, m in enumerate(item.about)
            if m not in current
        ]
    if unknown:
        await gate.refuse(
            invalid("The meeting names people who are not members of this file.", unknown)
        )
    participants = set(facts.participants or [])
    refused = [
        field_error(
            f"organisations[{i}]", "takes no part in the file under a consent for case_meeting"
        )
        for i, org in enumerate(data.organisations)
        if org != lead and (org not in participants or not covered_for(facts, org, now))
    ]
    if refused:
        await gate.refuse(
            InviteeWithoutConsent(
                "Only organisations taking part in the file under a consent in force for the "
                "purpose case_meeting can be invited.",
                extra={"errors": refused},
            )
        )
    about = {m for item in data.agenda for m in item.about}
    if not covers_about(covered_for(facts, lead, now), AGENDA_CATEGORY, about):
        await gate.refuse(
            ConsentRequired(
                "No consent in force covers case meetings for every member the agenda is about."
            ),
            categories=[AGENDA_CATEGORY],
        )
    assert facts.key is not None
    cipher = uow.runtime.cipher
    meeting_id = new_id()
    agenda = json.dumps(
        [{"text": item.text, "about": [str(m) for m in item.about]} for item in data.agenda]
    )
    row = Meeting(
        id=meeting_id,
        file_id=file_id,
        organiser_organisation_id=lead,
        starts_at=start,
        ends_at=end,
        place_enc=(
            cipher.encrypt(
                facts.key, table="meetings", column="place_enc", row_id=meeting_id, value=data.place
            )
            if data.place
            else None
        ),
        agenda_enc=cipher.encrypt(
            facts.key, table="meetings", column="agenda_enc", row_id=meeting_id, value=agenda
        ),
        status="planned",
        sequence=0,
        planned_by_account_id=principal.account_id,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    organisations = sorted({lead, *data.organisations})
    members = sorted(set(data.members))
    await session.execute(
        insert(MeetingOrganisation),
        [{"meeting_id": meeting_id, "organisation_id": o} for o in organisations],
    )
    if members:
        await session.execute(
            insert(MeetingMember), [{"meeting_id": meeting_id, "member_id": m} for m in members]
        )
    await send_invitations(uow, row, organisations, members, method="REQUEST")
    shown: set[str] = set()
    covered = covered_for(facts, lead, now)
    view = partner_view(
        cipher,
        facts.key,
        row,
        Invitees({meeting_id: organisations}, {meeting_id: members}),
        covered,
        shown,
    )
    await gate.allow(categories=[AGENDA_CATEGORY], object_id=meeting_id)
    return view


async def cancel_meeting(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    meeting_id: uuid.UUID,
) -> MeetingView:
    """Cancel a planned meeting and queue the cancellation to every invitee (lead only)."""
    gate, facts = await lead_gate(
        uow,
        principal,
        ctx,
        Action.COORDINATION_MEETING_CANCEL,
        file_id,
        "The file is closed; its meetings no longer change.",
    )
    gate.object_id = meeting_id
    row = await load_meeting(uow, file_id, meeting_id, lock=True)
    if row is None:
        await gate.refuse(meeting_not_found())
    if row.status != "planned":
        await gate.refuse(ConflictError("Only a planned meeting can be cancelled."))
    now = uow.runtime.clock()
    await uow.session.execute(
        update(Meeting)
        .where(Meeting.id == meeting_id)
        .values(status="cancelled", sequence=Meeting.sequence + 1, cancelled_at=now)
        .execution_options(synchronize_session=False)
    )
    row.status, row.sequence, row.cancelled_at = "cancelled", row.sequence + 1, now
    invitees = await invitees_of(uow, [meeting_id])
    await send_invitations(
        uow, row, invitees.organisations[meeting_id], invitees.members[meeting_id], method="CANCEL"
    )
    shown: set[str] = set()
    assert facts.key is not None
    view = partner_view(
        uow.runtime.cipher, facts.key, row, invitees, covered_for(facts, facts.lead, now), shown
    )
    await gate.allow(categories=[AGENDA_CATEGORY])
    return view


async def _reading_gate(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    action: Action,
    file_id: uuid.UUID,
    meeting_id: uuid.UUID | None = None,
) -> tuple[Gate, FileFacts, uuid.UUID]:
    object_type = OBJECT_MEETING if meeting_id else "coordination_file"
    gate = await gate_for(
        uow, principal, ctx, action, file_id, object_type=object_type, object_id=meeting_id
    )
    facts = gate.facts
    org = principal.organisation_id
    if facts is None or org is None or not gate.visible or not gate.allowed or facts.key is None:
        await gate.refuse(file_not_found())
    return gate, facts, org


async def list_meetings(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    *,
    limit: int,
    after: str | None = None,
) -> MeetingPage:
    """The file's meetings, latest start first by (starts_at, id): times and invitees, with
    place and agenda where the consent covers them (see ``MeetingView``)."""
    position = read_after(after)
    gate, facts, org = await _reading_gate(
        uow, principal, ctx, Action.COORDINATION_MEETING_LIST, file_id
    )
    stmt = (
        select(Meeting)
        .options(undefer(Meeting.place_enc), undefer(Meeting.agenda_enc))
        .where(Meeting.file_id == file_id)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(limit + 1)
    )
    if position is not None:
        stmt = stmt.where(beyond(Meeting.starts_at, Meeting.id, position))
    rows, next_cursor = one_page(
        (await uow.session.scalars(stmt)).all(), limit, lambda r: (r.starts_at, r.id)
    )
    invitees = await invitees_of(uow, [r.id for r in rows])
    covered = covered_for(facts, org, uow.runtime.clock())
    shown: set[str] = set()
    assert facts.key is not None
    items = [
        partner_view(uow.runtime.cipher, facts.key, row, invitees, covered, shown) for row in rows
    ]
    await gate.allow(categories=shown)
    return MeetingPage(items=items, next=next_cursor)


async def read_meeting(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    meeting_id: uuid.UUID,
) -> MeetingView:
    """One meeting, with its minutes and decisions where the consent covers them."""
    gate, facts, org = await _reading_gate(
        uow, principal, ctx, Action.COORDINATION_MEETING_READ, file_id, meeting_id
    )
    row = await load_meeting(uow, file_id, meeting_id)
    if row is None:
        await gate.refuse(meeting_not_found())
    invitees = await invitees_of(uow, [meeting_id])
    covered = covered_for(facts, org, uow.runtime.clock())
    shown: set[str] = set()
    assert facts.key is not None
    view = partner_view(uow.runtime.cipher, facts.key, row, invitees, covered, shown)
    view.minutes = await minutes_of(uow, facts.key, row, covered, shown)
    await gate.allow(categories=shown)
    return view
