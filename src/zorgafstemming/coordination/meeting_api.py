"""HTTP API of case meetings (thin controllers over ``coordination.service``)."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, get
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.coordination.meeting_schemas import (
    DecisionsToPlanIn,
    MeetingIn,
    MeetingPage,
    MeetingView,
    MinutesIn,
)
from zorgafstemming.coordination.plan_schemas import PlanActionView
from zorgafstemming.coordination.service import meeting_minutes, meeting_plan, meetings
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit


class MeetingController(Controller):
    """Case meetings of one file."""

    path = "/files/{file_id:uuid}/meetings"
    tags = ["files"]

    @get("/", opt={"action": Action.COORDINATION_MEETING_LIST})
    async def list_meetings(
        self, file_id: uuid.UUID, caller: Caller, limit: Limit, after: After
    ) -> MeetingPage:
        """The file's case meetings, latest start first by (starts_at, id), with place and
        agenda where your organisation's consent covers case meetings; pass ``next`` as
        ``after`` for the next page."""
        return await caller.run(meetings.list_meetings, file_id, limit=limit, after=after)

    @post_as(Action.COORDINATION_MEETING_CREATE, "/", status_code=HTTP_201_CREATED)
    async def plan(self, file_id: uuid.UUID, data: MeetingIn, caller: Caller) -> MeetingView:
        """Plan a case meeting (lead only, 403 ``lead-only`` otherwise); day and times are
        Brussels time. Invitations with an ``.ics`` go to every invited address the service
        knows. Inviting an organisation without consent for ``case_meeting`` on the file
        answers 422 ``invitee-without-consent``."""
        return await caller.run(meetings.plan_meeting, file_id, data)

    @get("/{meeting_id:uuid}", opt={"action": Action.COORDINATION_MEETING_READ})
    async def read(self, file_id: uuid.UUID, meeting_id: uuid.UUID, caller: Caller) -> MeetingView:
        """One case meeting, with its minutes and decisions where your consent covers them."""
        return await caller.run(meetings.read_meeting, file_id, meeting_id)

    @post_as(
        Action.COORDINATION_MEETING_CANCEL, "/{meeting_id:uuid}/cancel", status_code=HTTP_200_OK
    )
    async def cancel(
        self, file_id: uuid.UUID, meeting_id: uuid.UUID, caller: Caller
    ) -> MeetingView:
        """Cancel a planned meeting (lead only); every invitee gets the cancellation (an
        ``.ics`` with METHOD:CANCEL). A meeting no longer planned answers 409."""
        return await caller.run(meetings.cancel_meeting, file_id, meeting_id)

    @post_as(
        Action.COORDINATION_MEETING_MINUTES,
        "/{meeting_id:uuid}/minutes",
        status_code=HTTP_201_CREATED,
    )
    async def minutes(
        self, file_id: uuid.UUID, meeting_id: uuid.UUID, data: MinutesIn, caller: Caller
    ) -> MeetingView:
        """Record the minutes of a meeting that has begun (lead only): a journal entry of kind
        ``meeting_record`` about the invited members and its decisions; the meeting is
        ``held`` from then on. Minutes exist once: again answers 409."""
        return await caller.run(meeting_minutes.write_minutes, file_id, meeting_id, data)

    @post_as(
        Action.COORDINATION_MEETING_TO_PLAN,
        "/{meeting_id:uuid}/plan-actions",
        status_code=HTTP_201_CREATED,
    )
    async def to_plan(
        self, file_id: uuid.UUID, meeting_id: uuid.UUID, data: DecisionsToPlanIn, caller: Caller
    ) -> list[PlanActionView]:
        """Turn the decisions of the minutes that are not an action yet into actions towards a
        goal of the family plan (lead only), in one step: each decision's text, owner and due
        date become the action's. Every action passes the plan's checks (the owner's consent
        too), or none is made (422 ``consent-required``); none left: 409."""
        return await caller.run(meeting_plan.decisions_to_plan, file_id, meeting_id, data)


ROUTES: list[Any] = [MeetingController]
