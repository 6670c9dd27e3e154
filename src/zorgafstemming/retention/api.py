"""HTTP API of the retention package: the DPO's schedule and legal holds."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, delete, get
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit
from zorgafstemming.retention import erasure, service
from zorgafstemming.retention.schemas import (
    DuePage,
    ErasureIn,
    ErasureOut,
    LegalHoldIn,
    LegalHoldOut,
)


class RetentionController(Controller):
    """The retention schedule and legal holds, for the data protection officer."""

    path = "/"
    tags = ["retention"]

    @get("/retention/due", opt={"action": Action.RETENTION_DUE_LIST})
    async def due(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        limit: Limit,
        after: After,
    ) -> DuePage:
        """What falls due, when and under which rule (files only by id; no case content),
        earliest first by (due date, file id, action); pass ``next`` as ``after`` for the next
        page."""
        async with caller.unit_of_work() as uow:
            return await service.due_schedule(
                uow, caller.ctx, request.app.state.retention_schedule, limit=limit, after=after
            )

    @post_as(
        Action.RETENTION_HOLD_PLACE,
        "/files/{file_id:uuid}/legal-hold",
        status_code=HTTP_201_CREATED,
    )
    async def place(self, file_id: uuid.UUID, data: LegalHoldIn, caller: Caller) -> LegalHoldOut:
        """Place a legal hold: the file is not purged while it holds."""
        async with caller.unit_of_work() as uow:
            return await service.place_hold(
                uow,
                caller.ctx,
                actor_id=caller.principal.account_id,
                file_id=file_id,
                reason_code=data.reason_code,
                note=data.note,
            )

    @delete(
        "/files/{file_id:uuid}/legal-hold",
        status_code=HTTP_200_OK,
        opt={"action": Action.RETENTION_HOLD_LIFT},
    )
    async def lift(self, file_id: uuid.UUID, caller: Caller) -> LegalHoldOut:
        """Lift the file's legal hold; a file past its date is purged by the next run."""
        async with caller.unit_of_work() as uow:
            return await service.lift_hold(
                uow, caller.ctx, actor_id=caller.principal.account_id, file_id=file_id
            )

    @post_as(
        Action.RETENTION_ERASURE_DECIDE,
        "/files/{file_id:uuid}/erasures",
        status_code=HTTP_201_CREATED,
    )
    async def erase(self, file_id: uuid.UUID, data: ErasureIn, caller: Caller) -> ErasureOut:
        """Decide the family's request to erase the file, or one member of it (GDPR art. 17):
        ``request_id`` names the open erasure request about this file (and member) the decision
        answers, filed by the family or a partner on its behalf — without one, 422 on
        ``request_id`` and nothing is written. A refusal is recorded with its reason and
        refuses the request; a grant is carried out at once (a whole file by the retention
        purge: crypto-shredding, proof of deletion, tombstone) and answers it. 409
        ``under-legal-hold`` while a legal hold is in place."""
        async with caller.unit_of_work() as uow:
            return await erasure.decide_erasure(
                uow, caller.ctx, caller.principal, file_id=file_id, data=data
            )


ROUTES: list[Any] = [RetentionController]
