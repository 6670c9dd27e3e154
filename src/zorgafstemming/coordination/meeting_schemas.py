"""Request and response structures of case meetings (msgspec).

Times go in and come out as Brussels wall-clock time (``date``, ``start_time``, ``end_time``),
what people at the table agree on; the UTC instants are given beside them.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from msgspec import Meta, Struct

from zorgafstemming.bounds import DatedInput
from zorgafstemming.coordination.plan_schemas import About
from zorgafstemming.coordination.schemas import EntryBody, ShortLine, Word

MeetingStatus = Literal["planned", "held", "cancelled"]
# A wall-clock time, ``HH:MM`` (24 hours).
ClockTime = Annotated[str, Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
Place = Annotated[str, Meta(min_length=1, max_length=500, pattern=r"^[^\x00-\x1f\x7f]+$")]
AgendaText = Annotated[str, Meta(min_length=1, max_length=500, pattern=r"^[^\x00-\x1f\x7f]+$")]
MAX_AGENDA_ITEMS = 20
MAX_DECISIONS = 20
MAX_INVITEES = 30


class AgendaItem(Struct, forbid_unknown_fields=True, kw_only=True):
    """One item of the agenda, and the members it concerns (none: the whole family)."""

    text: AgendaText
    about: Annotated[list[uuid.UUID], Meta(max_length=MAX_INVITEES)] = []


class MeetingIn(DatedInput, forbid_unknown_fields=True, kw_only=True):
    """Plan a case meeting (lead only): the day and times in Brussels time, the place or video
    link, the agenda, and whom to invite. The lead organisation is always invited; every other
    organisation must take part in the file under a consent in force for ``case_meeting``
    (otherwise 422 ``invitee-without-consent``)."""

    date: date
    start_time: ClockTime
    end_time: ClockTime
    place: Place | None = None
    agenda: Annotated[list[AgendaItem], Meta(min_length=1, max_length=MAX_AGENDA_ITEMS)]
    organisations: Annotated[list[uuid.UUID], Meta(max_length=MAX_INVITEES)] = []
    members: Annotated[list[uuid.UUID], Meta(max_length=MAX_INVITEES)] = []


class DecisionIn(DatedInput, forbid_unknown_fields=True, kw_only=True):
    """A decision of the meeting: what, which organisation takes it on, by when."""

    text: ShortLine
    owner_organisation_id: uuid.UUID
    due_on: date | None = None


class MinutesIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """The minutes of a held meeting (lead only): a journal entry of kind ``meeting_record``
    about the invited members, and its decisions."""

    body: EntryBody
    category: Word | None = None
    decisions: Annotated[list[DecisionIn], Meta(max_length=MAX_DECISIONS)] = []


class DecisionsToPlanIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """Turn the decisions of a meeting's minutes into actions towards ``goal_id`` of the family
    plan, about the members named (``about``; the goal's when left out) and of a data category
    (the goal's when left out): each decision's text, owner organisation and due date become
    the action's."""

    goal_id: uuid.UUID
    about: About | None = None
    category: Word | None = None


class DecisionView(Struct, kw_only=True):
    """A decision recorded with the minutes."""

    id: uuid.UUID
    position: int
    text: str
    owner_organisation_id: uuid.UUID
    due_on: date | None = None
    plan_action_id: uuid.UUID | None = None  # the plan action it became, if it did


class MinutesView(Struct, kw_only=True):
    """The minutes of a meeting, shown only where the caller's consent covers their category
    (for purpose ``case_meeting``) for every member they are about."""

    entry_id: uuid.UUID
    category: str
    body: str
    decisions: list[DecisionView]


class MeetingView(Struct, kw_only=True):
    """A case meeting as the caller may see it.

    ``place`` and ``agenda`` are shown where a consent in force covers ``case_notes`` for the
    purpose ``case_meeting`` for the caller's organisation (an agenda item about members only
    when it covers every one of them); ``minutes`` where it covers the minutes' category.
    """

    id: uuid.UUID
    file_id: uuid.UUID
    status: MeetingStatus
    time_zone: str
    date: date
    start_time: str
    end_time: str
    starts_at: datetime
    ends_at: datetime
    organiser_organisation_id: uuid.UUID
    organisations: list[uuid.UUID]
    members: list[uuid.UUID]
    sequence: int
    created_at: datetime
    cancelled_at: datetime | None = None
    place: str | None = None
    agenda: list[AgendaItem] | None = None
    minutes: MinutesView | None = None
    has_minutes: bool = False


class MeetingPage(Struct, kw_only=True):
    """The meetings of a file, soonest first by (starts_at, id); pass ``next`` as ``after`` for
    the next page (null on the last)."""

    items: list[MeetingView]
    next: str | None
