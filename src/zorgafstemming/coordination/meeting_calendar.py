"""The calendar invitation of a case meeting: an iCalendar (RFC 5545) object for the mail.

What goes in, and why: the times (DTSTART/DTEND with TZID Europe/Brussels and its VTIMEZONE,
so an agenda in another zone shows the right hour on both sides of a DST change), a UID that
stays the same for the meeting's life (a cancellation replaces the invitation in the agenda),
SEQUENCE, and a SUMMARY with only the file's short reference. No LOCATION and no description:
the place may be the family's home or name a service the family turns to, and mails carry no
case content (design: outbound mail). The invitees read the place and agenda in the service
after signing in; the mail links there.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Literal

import icalendar

from zorgafstemming.coordination.meeting_rules import MEETING_ZONE, MEETING_ZONE_NAME

PRODID = "-//Huis van het Kind//zorgafstemming//NL"
Method = Literal["REQUEST", "CANCEL"]


def meeting_uid(meeting_id: uuid.UUID, domain: str) -> str:
    """The invitation's UID: the meeting's id at the service's domain, the same on every mail."""
    return f"{meeting_id}@{domain}"


def summary(reference: str) -> str:
    """The title in the invitees' agendas: the file's short reference, no family name."""
    return f"Overleg dossier {reference}"


def invitation(
    *,
    method: Method,
    meeting_id: uuid.UUID,
    domain: str,
    reference: str,
    starts_at: datetime,
    ends_at: datetime,
    sequence: int,
    stamp: datetime,
    organiser: str,
    link: str,
) -> bytes:
    """The ``.ics`` of a meeting's invitation (``REQUEST``) or cancellation (``CANCEL``)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting_id, domain))
    event.add("sequence", sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", starts_at.astimezone(MEETING_ZONE))
    event.add("dtend", ends_at.astimezone(MEETING_ZONE))
    event.add("summary", summary(reference))
    event.add("url", link)
    event.add("organizer", f"mailto:{organiser}")
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    # The zone's rules around the meeting only (a year either side), not since 1970.
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            MEETING_ZONE_NAME,
            first_date=(starts_at - timedelta(days=366)).date(),
            last_date=(ends_at + timedelta(days=366)).date(),
        )
    )
    ics: bytes = calendar.to_ical()
    return ics
