"""HTTP API for keeping a file's member list current: add a member, correct a member's fields,
end a membership (staff), and the family's history of corrections to their own data."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, get
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.coordination.member_schemas import (
    CorrectionPage,
    MemberAdd,
    MemberCorrected,
    MemberCorrectionIn,
    MemberEnded,
    MemberEndIn,
)
from zorgafstemming.coordination.schemas import MemberView
from zorgafstemming.coordination.service import member_corrections, members
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit


class MemberController(Controller):
    """The members of a file: the lead adds one or ends a membership; a partner corrects the
    fields its consent covers."""

    path = "/files/{file_id:uuid}/members"
    tags = ["files"]

    @post_as(Action.COORDINATION_MEMBER_ADD, "/", status_code=HTTP_201_CREATED)
    async def add_member(self, file_id: uuid.UUID, data: MemberAdd, caller: Caller) -> MemberView:
        """Add a member (a newborn, a new partner of a parent; lead only). No consent covers
        them until the family gives one that names them: until then every partner, the lead
        included, sees them only as a member it may not see (``visible: false``)."""
        return await caller.run(members.add_member, file_id, data)

    @post_as(
        Action.COORDINATION_MEMBER_CORRECT,
        "/{member_id:uuid}/corrections",
        status_code=HTTP_201_CREATED,
    )
    async def correct_member(
        self, file_id: uuid.UUID, member_id: uuid.UUID, data: MemberCorrectionIn, caller: Caller
    ) -> MemberCorrected:
        """Correct a member's fields with a reason (and an optional note). Only the fields of
        categories your organisation's consent covers for that member; the old values are kept
        (encrypted) and shown to the family."""
        return await caller.run(member_corrections.correct_member, file_id, member_id, data)

    @post_as(Action.COORDINATION_MEMBER_END, "/{member_id:uuid}/end", status_code=HTTP_200_OK)
    async def end_membership(
        self, file_id: uuid.UUID, member_id: uuid.UUID, data: MemberEndIn, caller: Caller
    ) -> MemberEnded:
        """End a member's membership (lead only): partners no longer see the member; the data
        stays until the file's retention ends. A file keeps at least one member."""
        return await caller.run(members.end_membership, file_id, member_id, data)


class FamilyCorrectionController(Controller):
    """The family's view of corrections to their own data."""

    path = "/me/files/{file_id:uuid}/corrections"
    tags = ["family"]

    @get("/", opt={"action": Action.FAMILY_CORRECTION_LIST})
    async def corrections(
        self, file_id: uuid.UUID, caller: Caller, limit: Limit, after: After
    ) -> CorrectionPage:
        """Corrections to your data and that of the children under 12 you represent: the old
        and the new value, when, why and by which organisation; newest first, pass ``next``
        as ``after`` for the next page."""
        return await caller.run(
            member_corrections.family_corrections, file_id, after=after, limit=limit
        )


ROUTES: list[Any] = [MemberController, FamilyCorrectionController]
