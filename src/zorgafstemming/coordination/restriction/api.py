"""HTTP API of restriction (the DPO) and objection (the family, the lead, the DPO's queue)."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, get
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.coordination.restriction import objections, restrictions
from zorgafstemming.coordination.restriction.schemas import (
    LiftIn,
    ObjectionDecisionIn,
    ObjectionIn,
    ObjectionOut,
    ObjectionPage,
    RestrictionIn,
    RestrictionOut,
    RestrictionPage,
)
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit


class RestrictionController(Controller):
    """Restriction of processing (GDPR art. 18), placed and lifted by the DPO."""

    tags = ["rights"]

    @post_as(
        Action.RIGHTS_RESTRICTION_PLACE,
        "/files/{file_id:uuid}/restrictions",
        status_code=HTTP_201_CREATED,
    )
    async def place(
        self, file_id: uuid.UUID, data: RestrictionIn, caller: Caller
    ) -> RestrictionOut:
        """Restrict the processing of the file's data, or of one member's (``member_id``), with
        a reason. From commit, partners see of a restricted file only that it exists and is
        restricted (the file read answers status ``restricted``; every other request on it
        409 ``restricted``); a restricted member's data is withheld from them. The family
        keeps its own view and is told. 409 ``already-restricted`` for a restriction of the
        same scope in force; 409 ``file-closed`` for a closed file."""
        return await caller.run(restrictions.place_restriction, file_id, data)

    @post_as(
        Action.RIGHTS_RESTRICTION_LIFT,
        "/files/{file_id:uuid}/restrictions/{restriction_id:uuid}/lift",
        status_code=HTTP_200_OK,
    )
    async def lift(
        self, file_id: uuid.UUID, restriction_id: uuid.UUID, data: LiftIn, caller: Caller
    ) -> RestrictionOut:
        """Lift a restriction, with a reason: access is back at commit, as the consents allow.
        409 ``not-in-force`` when lifted already."""
        return await caller.run(restrictions.lift_restriction, file_id, restriction_id, data)

    @get("/restrictions", opt={"action": Action.RIGHTS_RESTRICTION_LIST})
    async def list_restrictions(
        self, caller: Caller, limit: Limit, after: After
    ) -> RestrictionPage:
        """Every restriction, newest first by (placed_at, id), in force or lifted, with the
        reasons; pass ``next`` as ``after``."""
        return await caller.run(restrictions.list_restrictions, after=after, limit=limit)


class ObjectionController(Controller):
    """Objection (GDPR art. 21) to processing on a statutory basis."""

    tags = ["rights"]

    @post_as(Action.FAMILY_OBJECTION_RAISE, "/me/objections", status_code=HTTP_201_CREATED)
    async def raise_objection(self, data: ObjectionIn, caller: Caller) -> ObjectionOut:
        """Object, with your grounds, to the processing of your data (or a child's you
        represent, ``member_id``) under a consent on a statutory basis (``dijh_art74``). The
        lead organisation decides; the DPO follows it. 422 ``not-open-to-objection`` for a
        consent you withdraw instead; 409 ``objection-open`` while one about the same waits."""
        return await caller.run(objections.raise_objection, data)

    @get("/objections", opt={"action": Action.RIGHTS_OBJECTION_LIST})
    async def queue(self, caller: Caller, limit: Limit, after: After) -> ObjectionPage:
        """Every objection for the DPO, newest first by (raised_at, id), with its state and
        reasons; pass ``next`` as ``after``."""
        return await caller.run(objections.objection_queue, after=after, limit=limit)

    @get("/files/{file_id:uuid}/objections", opt={"action": Action.COORDINATION_OBJECTION_LIST})
    async def file_objections(
        self, file_id: uuid.UUID, caller: Caller, limit: Limit, after: After
    ) -> ObjectionPage:
        """The objections on a file, for its lead organisation, newest first by (raised_at, id);
        pass ``next`` as ``after``."""
        return await caller.run(objections.file_objections, file_id, after=after, limit=limit)

    @post_as(
        Action.COORDINATION_OBJECTION_DECIDE,
        "/files/{file_id:uuid}/objections/{objection_id:uuid}/decision",
        status_code=HTTP_200_OK,
    )
    async def decide(
        self, file_id: uuid.UUID, objection_id: uuid.UUID, data: ObjectionDecisionIn, caller: Caller
    ) -> ObjectionOut:
        """The lead's decision, with its reason: ``continue`` (compelling legitimate grounds;
        processing goes on) or ``stop`` (the member's part of the consent ends at commit, as a
        withdrawal ends it). 403 ``lead-only`` for another partner; 409 ``not-in-force`` once
        decided."""
        return await caller.run(objections.decide_objection, file_id, objection_id, data)


ROUTES: list[Any] = [RestrictionController, ObjectionController]
