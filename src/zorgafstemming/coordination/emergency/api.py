"""HTTP API of emergency access: a worker's request, the DPO's queue and review."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, get
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.coordination.emergency import review, service
from zorgafstemming.coordination.emergency.schemas import (
    EmergencyGrantOut,
    EmergencyQueueItem,
    EmergencyQueuePage,
    EmergencyRequestIn,
    EmergencyReviewIn,
)
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit


class EmergencyGrantController(Controller):
    """Emergency access ("break the glass") to one file on a legal ground."""

    path = "/emergency-grants"
    tags = ["emergency"]

    @post_as(Action.EMERGENCY_GRANT_REQUEST, "/", status_code=HTTP_201_CREATED)
    async def request_grant(self, data: EmergencyRequestIn, caller: Caller) -> EmergencyGrantOut:
        """Read-only access to the file with this short reference, for a fixed period
        (``ZORG_EMERGENCY_HOURS``, 24 by default), on a stated legal ground. The DPO is alerted
        at once and the family is told afterwards. A grant is never extended: while yours runs,
        asking again is refused (409 ``emergency-grant-running``). A reference that names no
        open file answers 422 ``unknown-file-reference``."""
        return await caller.run(service.request_grant, data)

    @get("/", opt={"action": Action.EMERGENCY_GRANT_LIST})
    async def queue(self, caller: Caller, limit: Limit, after: After) -> EmergencyQueuePage:
        """Every emergency grant for the DPO's review, newest first by (requested_at, id),
        with its review day and whether it is overdue; pass ``next`` as ``after``."""
        return await caller.run(review.emergency_queue, after=after, limit=limit)

    @post_as(Action.EMERGENCY_GRANT_REVIEW, "/{grant_id:uuid}/review", status_code=HTTP_200_OK)
    async def review_grant(
        self, grant_id: uuid.UUID, data: EmergencyReviewIn, caller: Caller
    ) -> EmergencyQueueItem:
        """The DPO's review: justified or not, with a note; optionally a reason and a last day
        to delay telling the family. A review is final (409 ``already-reviewed``)."""
        return await caller.run(review.review_grant, grant_id, data)


ROUTES: list[Any] = [EmergencyGrantController]
