"""HTTP API of data-subject requests: the family files and follows its own, a partner's worker
files one on the family's behalf, the DPO (and for rectification and objection the file's lead)
handles them (thin controllers over ``rights.service``)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, get
from litestar.params import Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit
from zorgafstemming.rights import family, service
from zorgafstemming.rights.schemas import QueueFilter, RequestIn, RequestPage, RequestView, StepIn

Status = Annotated[
    QueueFilter,
    Parameter(
        default="open",
        description="`open` (received, in progress or extended; the default) or `all`.",
    ),
]


class MyRequestController(Controller):
    """The family's own data-subject requests."""

    path = "/me/requests"
    tags = ["family"]

    @post_as(Action.RIGHTS_REQUEST_FILE, "/", status_code=HTTP_201_CREATED)
    async def file(self, data: RequestIn, caller: Caller) -> RequestView:
        """File a request about yourself (12 or older) or a child under 12 you represent: the
        member names the file. It must be answered within one month (Brussels calendar), which
        the DPO may extend once by two months. Anyone else answers 422 on ``member_id``."""
        return await caller.run(family.file_own_request, data)

    @get("/", opt={"action": Action.RIGHTS_REQUEST_MINE})
    async def mine(self, caller: Caller, limit: Limit, after: After) -> RequestPage:
        """Your requests and those about children under 12 you represent, newest first by
        (received_at, id), with status and deadline; pass ``next`` as ``after``."""
        return await caller.run(family.my_requests, limit=limit, after=after)

    @get("/{request_id:uuid}", opt={"action": Action.RIGHTS_REQUEST_MINE})
    async def one(self, request_id: uuid.UUID, caller: Caller) -> RequestView:
        """One of your requests (or one about a child under 12 you represent) with its steps:
        the reasons for an extension or a refusal and the note of the answer. What you wrote is
        shown when you filed it. Any other request answers 404, as one that does not exist."""
        return (await caller.run(family.my_request, request_id)).view


class FileRequestController(Controller):
    """A partner's worker files a request on the family's behalf."""

    path = "/files/{file_id:uuid}/requests"
    tags = ["files"]

    @post_as(Action.RIGHTS_REQUEST_PROXY, "/", status_code=HTTP_201_CREATED)
    async def file(self, file_id: uuid.UUID, data: RequestIn, caller: Caller) -> RequestView:
        """File a request on the family's behalf about a member whom a consent in force covers
        for your organisation (otherwise 422 ``consent-required``); it is recorded as filed on
        behalf, by your organisation."""
        return await caller.run(family.file_request_on_behalf, file_id, data)


class RightsRequestController(Controller):
    """The DPO's queue of requests, one request and its steps."""

    path = "/rights/requests"
    tags = ["data-subject requests"]

    @get("/", opt={"action": Action.RIGHTS_REQUEST_LIST})
    async def queue(
        self, caller: Caller, limit: Limit, after: After, status: Status
    ) -> RequestPage:
        """Requests, the nearest deadline first by (due_at, id), each with ``overdue``; no
        content. Pass ``next`` as ``after`` for the next page."""
        return await caller.run(service.queue, status=status, limit=limit, after=after)

    @get("/{request_id:uuid}", opt={"action": Action.RIGHTS_REQUEST_READ})
    async def detail(self, request_id: uuid.UUID, caller: Caller) -> RequestView:
        """One request with its details and steps: the DPO, or for a rectification or an
        objection a worker of the file's lead organisation assigned to it."""
        return await caller.run(service.request_detail, request_id)

    @post_as(Action.RIGHTS_REQUEST_STEP, "/{request_id:uuid}/steps", status_code=HTTP_200_OK)
    async def step(self, request_id: uuid.UUID, data: StepIn, caller: Caller) -> RequestView:
        """Take a step: ``start``, ``extend`` (once, two more months; reason required),
        ``answer`` (outcome note required; none for an access or portability request, whose
        answer is a fixed note pointing the family to its export) or ``refuse`` (reason
        required). A step the status does not allow answers 409."""
        return await caller.run(service.take_step, request_id, data)


ROUTES: list[Any] = [MyRequestController, FileRequestController, RightsRequestController]
