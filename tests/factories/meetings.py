"""Builders for case meetings: a file led by one partner with a second partner (consent for case
meetings) and a third (consent for care coordination only), a meeting body, the queued mails."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import icalendar
from httpx import AsyncClient, Response
from sqlalchemy import select

from tests.factories.accounts import TestAccount, create_account
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import (
    Network,
    add_partner,
    consent,
    file_body,
    make_network,
    member_id,
    open_file,
)
from tests.factories.evidence import with_scans
from zorgafstemming.identity.principal import Role
from zorgafstemming.mail.models import OutboundMail
from zorgafstemming.mail.outbox import Message, read_message
from zorgafstemming.runtime import Runtime

AGENDA = "Hoe gaat het met de opvoedingsondersteuning?"
PLACE = "Gemeentehuis Zoersel, zaal 2"


@dataclass
class MeetingWorld:
    """Org 0 leads the file (every purpose and category); org 1 takes part under the parent's
    consent for both purposes, case notes only (its worker assigned); org 2 under the parent's
    consent for care coordination only. The parent has a family account."""

    net: Network
    file_id: str
    view: dict[str, Any]
    parent: str
    family: TestAccount


async def meeting_world(client: AsyncClient, runtime: Runtime) -> MeetingWorld:
    net = await make_network(runtime, size=3)
    now = runtime.clock()
    view = await open_file(client, net.headers[0], file_body(now, [net.orgs[0]]))
    file_id = view["id"]
    parent = member_id(view, "parent")
    notes_only = consent(
        parent, [parent], [net.orgs[0], net.orgs[1]], now, categories=["case_notes"]
    )
    only_care = consent(
        parent, [parent], [net.orgs[0], net.orgs[2]], now, purposes=["care_coordination"]
    )
    for body in await with_scans(client, net.headers[0], [notes_only, only_care]):
        recorded = await client.post(
            f"/api/v1/files/{file_id}/consents", json=body, headers=net.headers[0]
        )
        assert recorded.status_code == 201, recorded.text
    for org in net.orgs[1:]:
        await add_partner(client, net.headers[0], file_id, org)
    await assign(runtime, file_id, net.workers[1])
    family = await create_account(runtime, Role.FAMILY)
    await link_and_accept(client, runtime, net.headers[0], file_id, parent, family)
    return MeetingWorld(net, file_id, view, parent, family)


def meeting_body(
    day: date,
    *,
    organisations: list[uuid.UUID] | None = None,
    members: list[str] | None = None,
    start: str = "10:00",
    end: str = "11:30",
    agenda: str = AGENDA,
    about: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "date": day.isoformat(),
        "start_time": start,
        "end_time": end,
        "place": PLACE,
        "agenda": [{"text": agenda, "about": about or []}, {"text": "Rondvraag"}],
        "organisations": [str(o) for o in organisations or []],
        "members": members or [],
    }


async def plan(
    client: AsyncClient, headers: dict[str, str], file_id: str, body: dict[str, Any]
) -> Response:
    return await client.post(f"/api/v1/files/{file_id}/meetings", json=body, headers=headers)


async def queued_mails(runtime: Runtime, kind: str) -> list[Message]:
    """The messages of the outbox of ``kind``, decrypted, in the order queued."""
    async with runtime.unit_of_work() as uow:
        rows = (
            await uow.session.execute(
                select(OutboundMail.id, OutboundMail.message_enc)
                .where(OutboundMail.kind == kind)
                .order_by(OutboundMail.created_at, OutboundMail.id)
            )
        ).all()
        return [await read_message(uow, row.id, bytes(row.message_enc)) for row in rows]


def calendar_of(message: Message) -> icalendar.Calendar:
    """The ``.ics`` attached to ``message``, parsed."""
    [attachment] = [a for a in message.attachments if a.subtype == "calendar"]
    return icalendar.Calendar.from_ical(attachment.text)
