"""A case meeting's invitation reaches every invitee over SMTP as a multipart mail: the Dutch
text, and an ``.ics`` (METHOD:REQUEST, TZID Europe/Brussels) that a calendar reads back; the
cancellation follows with METHOD:CANCEL. Neither names the family or the place."""

from __future__ import annotations

from datetime import date

import icalendar
from httpx import AsyncClient

from tests.factories.meetings import PLACE, meeting_body, meeting_world, plan
from tests.factories.smtp import Received, SmtpServer
from zorgafstemming.mail.sender import deliver_due, transport_for
from zorgafstemming.runtime import Runtime


def _calendar(mail: Received) -> tuple[icalendar.Calendar, str]:
    """The mail's calendar attachment, parsed, and its text part."""
    assert mail.message.get_content_type() == "multipart/mixed"
    [text] = [p for p in mail.message.iter_parts() if p.get_content_type() == "text/plain"]
    [ics] = [p for p in mail.message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert (ics.get_filename() or "").endswith(".ics")
    assert ics.get_param("method") in ("REQUEST", "CANCEL")
    return icalendar.Calendar.from_ical(ics.get_content()), str(text.get_content())


async def test_the_invitation_and_its_cancellation_reach_each_invitee_with_an_ics(
    mail_runtime: Runtime, smtp_server: SmtpServer, client: AsyncClient
) -> None:
    runtime = mail_runtime
    world = await meeting_world(client, runtime)
    net = world.net
    day = date(runtime.clock().year + 1, 3, 29)  # the last Sunday of March: summer time began
    body = meeting_body(day, organisations=[net.orgs[1]], members=[world.parent])
    planned = await plan(client, net.headers[0], world.file_id, body)
    assert planned.status_code == 201, planned.text
    before = len(smtp_server.received)
    await deliver_due(runtime, transport_for(runtime.settings))
    invitations = [
        r for r in smtp_server.received[before:] if "Uitnodiging" in str(r.message["Subject"])
    ]
    expected = {str(net.workers[0].email), str(net.workers[1].email), str(world.family.email)}
    assert {r.rcpt_tos[0] for r in invitations} == expected
    for mail in invitations:
        calendar, text = _calendar(mail)
        assert str(calendar["METHOD"]) == "REQUEST"
        [event] = calendar.walk("VEVENT")
        assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
        start = event.decoded("DTSTART")
        assert (start.date(), start.hour, start.minute) == (day, 10, 0)
        assert start.utcoffset().total_seconds() == 7200  # CEST on that day
        for secret in ("Peeters", "Els", PLACE):
            assert secret not in text and secret not in calendar.to_ical().decode()

    cancelled = await client.post(
        f"/api/v1/files/{world.file_id}/meetings/{planned.json()['id']}/cancel",
        headers=net.headers[0],
    )
    assert cancelled.status_code == 200, cancelled.text
    before = len(smtp_server.received)
    await deliver_due(runtime, transport_for(runtime.settings))
    cancellations = smtp_server.received[before:]
    assert {r.rcpt_tos[0] for r in cancellations} == expected
    for mail in cancellations:
        calendar, _text = _calendar(mail)
        assert str(calendar["METHOD"]) == "CANCEL"
        assert calendar.walk("VEVENT")[0].decoded("SEQUENCE") == 1
