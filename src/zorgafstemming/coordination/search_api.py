"""HTTP API of finding a family: search within the files you may see, the duplicate check
before opening a file, and the DPO's list of duplicate checks. Terms travel in the body."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get
from litestar.status_codes import HTTP_200_OK

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.coordination.schemas import FilePage
from zorgafstemming.coordination.search_schemas import (
    DuplicateCheckIn,
    DuplicateCheckPage,
    DuplicateCheckView,
    FileSearch,
)
from zorgafstemming.coordination.service import duplicates, search
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit


class FileSearchController(Controller):
    """Finding a family among the files, for social workers."""

    path = "/files"
    tags = ["files"]

    @post_as(Action.COORDINATION_FILE_SEARCH, "/search", status_code=HTTP_200_OK)
    async def search(
        self, data: FileSearch, caller: Caller, limit: Limit, after: After
    ) -> FilePage:
        """Files you may read with a member of exactly this national number, or this family
        name and birth year (case, accents, spaces and hyphens forgiven), ordered by id; a
        file you may not see is never found. Audited with the number of hits, not the terms."""
        return await caller.run(search.search_files, data, after=after, limit=limit)

    @post_as(Action.COORDINATION_DUPLICATE_CHECK, "/duplicate-check", status_code=HTTP_200_OK)
    async def duplicate_check(self, data: DuplicateCheckIn, caller: Caller) -> DuplicateCheckView:
        """Before opening a file: whether an open file for this person may exist anywhere in
        the network, naming only its lead organisation to ask. Your reason is stored
        encrypted and shown to the data protection officer."""
        return await caller.run(duplicates.check_duplicate, data)


class DuplicateCheckController(Controller):
    """The duplicate checks workers made, for the data protection officer."""

    path = "/duplicate-checks"
    tags = ["reviews"]

    @get("/", opt={"action": Action.REVIEW_DUPLICATE_CHECK_LIST})
    async def list_checks(self, caller: Caller, limit: Limit, after: After) -> DuplicateCheckPage:
        """The duplicate checks, newest first by (checked_at, id), with who checked, why and
        which lead organisations the answer named; pass ``next`` as ``after``."""
        return await caller.run(duplicates.list_duplicate_checks, after=after, limit=limit)


ROUTES: list[Any] = [FileSearchController, DuplicateCheckController]
